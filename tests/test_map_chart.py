"""The Latent map's chart (ui/map_chart.py): plotly.js's gl2d bundle instead of st.plotly_chart's whole plotly.js."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import plotly
import pytest
import streamlit as st

from conftest import wait_ready
from test_browser_views import select_on_map
from ui.map_chart import BUNDLE, bundle_url, selection_in

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"


def release(js: Path) -> str:
    return re.search(r"plotly\.js[^\n]*? v(\d+\.\d+\.\d+)", js.read_text(encoding="utf-8")[:300])[1]


def test_the_bundle_is_the_plotly_js_release_plotly_py_is_made_for():
    ours = VENDOR / BUNDLE
    theirs = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert "(gl2d - minified)" in ours.read_text(encoding="utf-8")[:200]
    assert release(ours) == release(theirs), "upgrade static/vendor/ with plotly.py (static/vendor/README.md)"
    assert BUNDLE == f"plotly-gl2d-{release(ours)}.min.js"
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(ours.read_bytes()).hexdigest() in readme, "the bundle is npm's file, byte for byte"
    assert "MIT License" in (VENDOR / "plotly.js-LICENSE.txt").read_text(encoding="utf-8")


def test_a_selection_keeps_only_test_set_indices_in_order():
    assert selection_in({"selection": {"points": [7, 3, 7, 12], "at": 1}}) == [7, 3, 12]
    junk = [None, "x", 5, [], {"selection": None}, {"selection": "7"}, {"selection": {"points": "7"}},
            {"selection": {"points": {"0": 7}}}]
    assert all(selection_in(s) == [] for s in junk)
    assert selection_in({"selection": {"points": [True, "4", 4.0, None, [5], 6]}}) == [6]


def test_the_bundle_s_address_follows_the_server_s_base_path():
    assert bundle_url() == f"/app/static/vendor/{BUNDLE}"
    st.config.set_option("server.baseUrlPath", "/class-7b/")
    try:
        assert bundle_url() == f"/class-7b/app/static/vendor/{BUNDLE}"
    finally:
        st.config.set_option("server.baseUrlPath", "")


DRAWN = ".lm-root[data-state='drawn'] .js-plotly-plot .main-svg"


def test_the_map_loads_the_small_bundle_keeps_a_selection_drawn_and_brings_no_full_plotly(page):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(f"{page.base_url}/latent-map")
    wait_ready(page)
    page.locator(DRAWN).first.wait_for(timeout=60_000)
    assert page.evaluate("() => Plotly.version") == release(VENDOR / BUNDLE)
    assert [u for u in urls if u.endswith(f"/app/static/vendor/{BUNDLE}")], urls
    assert not [u for u in urls if "PlotlyChart" in u], "Streamlit's own plotly.js (4.7 MB) was fetched"
    root = page.locator(".lm-root").first
    assert root.get_attribute("data-draws") == "1"
    select_on_map(page)                    # choose the box, draw one over the middle, wait for the digits
    page.wait_for_timeout(500)
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=3).first.inner_text()
    n = int(re.match(r"(\d+) selected", heading)[1])
    assert n > 10, heading
    # the selection's own rerun draws nothing again: the box and the dimmed points stay on the map
    assert root.get_attribute("data-draws") == "2"
    assert page.locator(".js-plotly-plot .selectionlayer path").count() > 0
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').data"
                         ".reduce((s, t) => s + (t.selectedpoints ? t.selectedpoints.length : 0), 0)") == n
    assert not page.errors, page.errors


def test_a_map_whose_bundle_cannot_load_says_so(page):
    page.route(f"**/app/static/vendor/{BUNDLE}", lambda route: route.fulfill(status=503, body="busy"))
    page.goto(f"{page.base_url}/latent-map")
    wait_ready(page)
    failed = page.locator(".lm-root[data-state='failed'] .lm-msg")
    failed.wait_for(timeout=60_000)
    assert "could not be drawn" in failed.inner_text()
    assert page.get_by_test_id("stException").count() == 0
