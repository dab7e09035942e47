"""The app in real Chromium: open each page, move a slider with the mouse and see the digit change, switch to
Turkish, and fail on any exception box or browser console error. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import ARTIFACTS, wait_ready
from ui.i18n import translate  # noqa: E402

PAGES = ["home", "train", "explore", "latent-map", "reconstructions", "posterior", "interpolate", "draw",
         "anomalies", "ae-vs-vae", "beta", "conditional"]


def shot(page, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def no_errors(page, where: str) -> None:
    boxes = page.locator("[data-testid='stException']")
    assert boxes.count() == 0, f"{where}: exception box: {boxes.first.inner_text()[:300]}"
    real = [e for e in page.errors if "favicon" not in e]
    assert not real, f"{where}: console errors: {real[:3]}"


def open_page(page, path: str) -> None:
    page.goto(f"{page.base_url}/{path}")
    wait_ready(page)
    page.wait_for_selector("h1", timeout=60_000)


@pytest.mark.parametrize("path", PAGES)
def test_each_page_opens_cleanly(page, path):
    open_page(page, path)
    page.wait_for_timeout(500)
    wait_ready(page)
    shot(page, f"page-{path}")
    no_errors(page, path)


def digit_pixels(page) -> np.ndarray:
    """A screenshot of the decoded digit the Explore page shows (drawn by the live pad, which follows the sliders)."""
    img = page.locator(".lp-root[data-ready='1'] .lp-digit").first
    img.wait_for(timeout=30_000)
    page.wait_for_timeout(300)
    return np.asarray(Image.open(io.BytesIO(img.screenshot())).convert("L"), dtype=np.float32)


def test_explore_slider_drag_changes_the_digit(page):
    open_page(page, "explore")
    z1 = page.get_by_test_id("stSlider").filter(has_text="z₁").first
    z1.wait_for(timeout=30_000)
    before = digit_pixels(page)
    shot(page, "explore-before")
    thumb = z1.get_by_role("slider")
    box = thumb.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 160, box["y"] + box["height"] / 2, steps=12)
    page.mouse.up()
    page.wait_for_timeout(300)
    wait_ready(page)
    page.wait_for_timeout(300)
    after = digit_pixels(page)
    shot(page, "explore-after")
    assert before.shape == after.shape
    assert np.abs(before - after).mean() > 2.0, "the decoded digit should change when z₁ moves"
    no_errors(page, "explore")


def test_switch_to_turkish(page):
    open_page(page, "explore")
    sb = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    sb.click()
    page.get_by_role("option", name="Türkçe").click()
    wait_ready(page)
    page.get_by_text(translate("tr", "explore.manifold")[:20], exact=False).first.wait_for(timeout=30_000)
    assert page.get_by_text(translate("tr", "explore.sample_prior")).count() >= 1
    shot(page, "explore-tr")
    no_errors(page, "explore (tr)")


def _upload_model(page, name: str, data: bytes) -> None:
    side = page.get_by_test_id("stSidebar")
    side.get_by_text("Upload a .safetensors file").click()
    wait_ready(page)
    side.locator("input[type='file']").set_input_files({"name": name, "mimeType": "application/octet-stream",
                                                         "buffer": data})
    page.wait_for_timeout(500)
    wait_ready(page)


def test_bad_model_upload_says_why_and_keeps_the_model(page, tmp_path):
    import pickle
    open_page(page, "explore")
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    _upload_model(page, "evil.safetensors", pickle.dumps(Evil()))
    side = page.get_by_test_id("stSidebar")
    side.get_by_text("This file was not loaded", exact=False).wait_for(timeout=30_000)
    assert side.get_by_text("MNIST VAE", exact=False).count() >= 1
    assert not marker.exists()
    shot(page, "upload-bad")
    no_errors(page, "bad upload")


def test_good_model_upload_becomes_active(page):
    import vae_core
    model = vae_core.build_model(vae_core.ModelConfig(hidden=(32,)), seed=3)
    open_page(page, "explore")
    _upload_model(page, "tiny-model.safetensors", vae_core.to_bytes(model, {"dataset": "mnist"}))
    page.get_by_test_id("stSidebar").get_by_text("tiny-model", exact=False).first.wait_for(timeout=30_000)
    no_errors(page, "good upload")


# The Latent map's figure gives Plotly, up front, the margins its auto-margin settles on (ui/charts.MAP_MARGIN),
# so the 10,000-point map is laid out and drawn once instead of three times on a cold visit. If a change of
# fonts, labels or legend makes them stale, Plotly redraws (still correct, but slower): this test says so.
# Plotly sets _fullLayout._redrawFromAutoMarginCount when (and only when) auto-margin made it draw again.
MARGIN_JS = """() => { const fl = document.querySelector('.js-plotly-plot')?._fullLayout;
  return fl && fl._size ? { redrawn: '_redrawFromAutoMarginCount' in fl, size: fl._size } : null }"""


@pytest.mark.parametrize("width", [390, 1280])
def test_latent_map_is_drawn_once_with_its_margins(browser, app_server, width):
    from ui.charts import MAP_MARGIN
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    page = ctx.new_page()
    try:
        page.goto(f"{app_server.url}/latent-map")
        wait_ready(page)
        page.locator(".js-plotly-plot .gl-container canvas").first.wait_for(state="attached", timeout=60_000)
        page.wait_for_function(MARGIN_JS, timeout=30_000)
        page.wait_for_timeout(500)
        got = page.evaluate(MARGIN_JS)
        assert not got["redrawn"], f"Plotly redrew the map for its margins: {got}"
        assert {k: round(got["size"][k]) for k in "lrtb"} == MAP_MARGIN, got
        # all ten classes drawn, in the legend too
        assert page.locator(".js-plotly-plot .legend .traces").count() == 10
    finally:
        ctx.close()
