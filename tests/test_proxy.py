"""The school setup of README "Scale past one machine", end to end: two replicas of the app (`streamlit run
app.py` on 127.0.0.1, one shared models folder) behind Caddy run with the repo's own deploy/Caddyfile, and a
real Chromium session through Caddy.

- First visits through Caddy come compressed (zstd or gzip on the JavaScript); the bytes over the wire of Explore
  and the Latent map are measured and printed (bench/bench_client.py has the full table, with the data the
  classroom uses).
- One session: Home, Explore (the live pad drags), the Latent map, a training run to the end and saved under a
  name. The same replica answers all of it (Caddy's cookie stays the same; each replica's own
  /_stcore/metrics counts the WebSocket sessions it accepted), and the other replica lists the saved model
  (shared folder). Then the replica serving the session is stopped: the page leaves its connected state, and
  after a reload it carries on with the other replica, the saved model still there.

Skipped with the reason when caddy (apt-get install caddy) or chromium is missing.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
import streamlit

from bench.bench_client import STATE_JS, Caddy, new_page, open_cold, sidebar_link, switch_in_app, wait_idle
from conftest import ARTIFACTS, AppServer, ConsoleErrors
from ui.i18n import EN
from ui.map_chart import BUNDLE

ROOT = Path(__file__).resolve().parents[1]

MODEL_NAME = "proxy-test-model"


def sessions(server: AppServer) -> dict[str, int]:
    """A replica's own count of WebSocket sessions: {"connect", "reconnect", "disconnect", "active"}."""
    text = urllib.request.urlopen(server.url + "/_stcore/metrics", timeout=10).read().decode()
    out = {k: int(float(v)) for k, v in re.findall(r'^session_events_total\{type="(\w+)"\} (\S+)', text, re.M)}
    out["active"] = int(float(re.search(r"^active_sessions (\S+)", text, re.M).group(1)))
    return out


def need_caddy() -> str:
    exe = shutil.which("caddy")
    if exe is None:
        pytest.skip("caddy is not installed (apt-get install caddy); the school-setup tests are skipped")
    return exe


def test_readme_shows_the_tested_caddyfile():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```caddyfile\n{caddyfile}```" in readme, "README's 'Scale past one machine' must show deploy/Caddyfile"


def test_caddyfile_adapts_with_two_replicas():
    env = {**os.environ, "VAE_SITE": "explorer.school.example", "VAE_REPLICAS": "10.0.0.11:8501 10.0.0.12:8501"}
    out = subprocess.run([need_caddy(), "adapt", "--config", str(ROOT / "deploy" / "Caddyfile"),
                          "--adapter", "caddyfile"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    cfg = json.loads(out.stdout)
    handlers = json.dumps(cfg["apps"]["http"]["servers"])
    proxy = re.search(r'"handler": "reverse_proxy".*', handlers).group(0)
    assert '"dial": "10.0.0.11:8501"' in proxy and '"dial": "10.0.0.12:8501"' in proxy
    assert '"policy": "cookie"' in proxy and '"uri": "/_stcore/health"' in proxy
    assert '"zstd"' in handlers and '"gzip"' in handlers


@pytest.fixture(scope="module")
def school(tmp_path_factory, browser):
    """Two replicas sharing one models folder (the embedded 5,000 digits: training is quick) behind Caddy."""
    need_caddy()
    models = tmp_path_factory.mktemp("shared-models")
    env = {"VAE_MODELS_DIR": str(models), "VAE_DATA_DIR": "", "VAE_OFFLINE": "1",
           "VAE_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    replicas = [AppServer(env)]
    try:
        replicas.append(AppServer(env))
        caddy = Caddy([r.url.removeprefix("http://") for r in replicas], log=ARTIFACTS.parent / ".server-caddy.log")
    except Exception:
        for r in replicas:
            r.stop()
        raise
    # Warm each replica once, as a school's server is: the first run imports torch and plotly and, on a fresh
    # server, a first visit by a deep link whose path is not a file name (/latent-map) lands on Home.
    for r in replicas:
        page = new_page(browser)
        try:
            open_cold(page, r.url + "/")
        finally:
            page.context.close()
    yield caddy, replicas, models
    caddy.stop()
    for r in replicas:
        r.stop()


def fresh(browser):
    page = new_page(browser)
    page.errors = ConsoleErrors(page)
    return page


def lb_cookie(page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "lb"), None)


def no_errors(page, where: str) -> None:
    boxes = page.locator("[data-testid='stException']")
    assert boxes.count() == 0, f"{where}: exception box: {boxes.first.inner_text()[:300]}"
    real = [e for e in page.errors if "favicon" not in e]
    assert not real, f"{where}: console errors: {real[:3]}"


def test_first_visits_through_caddy_are_compressed(school, browser):
    caddy, _, _ = school
    measured = {}
    for path in ("explore", "latent-map"):
        page = fresh(browser)
        try:
            open_cold(page, f"{caddy.url}/{path}")
            page.wait_for_selector("h1", timeout=60_000)
            m = page.meter
            url, encoding, wire, decoded = m.biggest_js()
            js = [(m.wire.get(r, 0), m.decoded.get(r, 0)) for r, (u, _) in m.urls.items()
                  if u.split("?")[0].endswith(".js")]
            measured[path] = {"http_bytes": m.http_bytes, "websocket_bytes": m.ws_bytes,
                              "js_wire": sum(w for w, _ in js), "js_decoded": sum(d for _, d in js),
                              "largest_js": url.rsplit("/", 1)[-1], "largest_js_encoding": encoding,
                              "largest_js_wire": wire, "largest_js_decoded": decoded}
            assert encoding in ("zstd", "gzip"), f"{path}: {url} came without compression ({encoding!r})"
            assert wire < decoded / 3, f"{path}: {url} is {wire:,} bytes over the wire for {decoded:,} decoded"
            # Streamlit's own JavaScript compresses about 4-8x; all of it together at least 3x
            assert measured[path]["js_wire"] < measured[path]["js_decoded"] / 3, measured[path]
            no_errors(page, path)
        finally:
            page.context.close()
    print("first visits through Caddy:", json.dumps(measured, indent=2))


def test_streamlit_s_own_files_come_from_the_proxy_s_compressed_copy(school):
    """deploy/static.sh's copy answers /static/...: compressed once (zstd -19 or gzip -9), the same bytes as the
    installed Streamlit's file once decompressed, and cacheable for a year (the names change with the content).
    A file that is not in the copy is asked of a replica, as everything else is."""
    caddy, _, _ = school
    js = next((Path(streamlit.__file__).parent / "static/static/js").glob("index.*.js"))
    vendored = ROOT / "static/vendor" / BUNDLE          # the Latent map's plotly.js, /app/static/vendor/ on a replica
    # (minified plotly.js compresses less than Streamlit's own code: 3.4x with zstd -19, 3.0x with gzip -9)
    for path, file, ratio in ((f"/static/js/{js.name}", js, 3), (f"/app/static/vendor/{BUNDLE}", vendored, 2.5)):
        for encoding in ("zstd", "gzip") if shutil.which("zstd") else ("gzip",):    # static.sh needs zstd for .zst
            with urllib.request.urlopen(urllib.request.Request(caddy.url + path,
                                                               headers={"Accept-Encoding": encoding}),
                                        timeout=10) as r:
                body, headers = r.read(), r.headers
            assert headers["Content-Encoding"] == encoding, (path, encoding, dict(headers))
            assert "immutable" in headers["Cache-Control"], dict(headers)
            assert len(body) < file.stat().st_size / ratio, (path, encoding, len(body))
            if encoding == "gzip":
                assert gzip.decompress(body) == file.read_bytes()
            else:
                assert body == (ROOT / "deploy/static" / (path.lstrip("/") + ".zst")).read_bytes()
    # not in the copy: Caddy passes it on, and the replica answers as Streamlit does any unknown path (its page,
    # not to be cached), not the copy (which would mark it for a year)
    with urllib.request.urlopen(f"{caddy.url}/static/js/not-in-the-copy.js", timeout=10) as r:
        cache_control, body = r.headers.get("Cache-Control", ""), r.read()
    assert "no-cache" in cache_control and "immutable" not in cache_control, cache_control
    assert b"<html" in body.lower()


def drag_pad(page) -> None:
    """Drag on Explore's live pad: the digit's point moves during the drag, and the release runs the script
    once."""
    root = page.locator(".lp-root[data-ready='1']").first
    root.wait_for(timeout=60_000)
    pad = page.locator(".lp-pad").first
    pad.scroll_into_view_if_needed()
    before = root.get_attribute("data-z")
    box = pad.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 0.3 * box["width"], cy - 0.25 * box["height"], steps=15)
    during = root.get_attribute("data-z")
    state = page.evaluate(STATE_JS)
    page.mouse.up()
    assert during != before, "the pad's point should follow the mouse"
    wait_idle(page, since_ms=state["now"], runs_before=state["runs"])


def train_smallest(page) -> None:
    """Start the Train page's training (epochs at their minimum when the page has an epochs slider) and wait
    until it is done."""
    epochs = page.get_by_test_id("stSlider").filter(has_text=EN.get("train.epochs", "Epochs"))
    if epochs.count() and epochs.first.is_visible():   # the Quick preset (default) may keep the settings folded
        epochs.first.get_by_role("slider").press("Home")
        wait_idle(page, quiet_ms=300)
    page.get_by_role("button", name=EN["train.start"]).first.click()
    done = EN["train.done"].split("{")[0].strip()
    page.get_by_text(done).first.wait_for(timeout=240_000)
    wait_idle(page)


def save_model(page, name: str) -> None:
    field = page.get_by_role("textbox", name=EN["train.save_name"], exact=True).first
    field.fill(name)
    field.press("Enter")
    wait_idle(page, quiet_ms=300)
    page.get_by_role("button", name=EN["train.save"], exact=True).first.click()
    page.get_by_text(EN["train.saved"].split("“")[0].strip()).first.wait_for(timeout=30_000)
    wait_idle(page, quiet_ms=300)


def shows_saved_model(page, name: str) -> None:
    side = page.get_by_test_id("stSidebar")
    side.get_by_text(EN["side.src.saved"], exact=True).first.click()
    side.get_by_text(name).first.wait_for(timeout=30_000)


def test_a_session_through_caddy_sticks_to_one_replica_and_survives_its_loss(school, browser):
    caddy, replicas, models = school
    before = [sessions(r) for r in replicas]
    page = fresh(browser)
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    try:
        # --- one session: pages, the pad, a training, a save; all on one replica
        open_cold(page, caddy.url + "/")
        page.wait_for_selector("h1", timeout=60_000)
        cookie = lb_cookie(page)
        assert cookie, "Caddy's lb_policy cookie should set the 'lb' cookie"
        opened = [sessions(r)["connect"] - b["connect"] for r, b in zip(replicas, before)]
        assert sorted(opened) == [0, 1], f"one replica should have accepted the session: {opened}"
        mine, other = (0, 1) if opened[0] == 1 else (1, 0)

        switch_in_app(page, EN["nav.explore"])
        drag_pad(page)
        switch_in_app(page, EN["nav.latent_map"])
        page.locator(".lm-root[data-state='drawn'] .js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        switch_in_app(page, EN["nav.train"])
        train_smallest(page)
        # the loss curves, drawn by the same small plotly.js bundle as the map (ui.map_chart.light_chart)
        page.locator(".lm-root[data-state='drawn'] .js-plotly-plot .scatterlayer .trace").first.wait_for(
            timeout=60_000)
        assert not [u for u in urls if "PlotlyChart" in u], "Streamlit's whole plotly.js (4.7 MB) was fetched"
        save_model(page, MODEL_NAME)
        page.screenshot(path=str(ARTIFACTS / "proxy-trained.png"))
        assert (models / f"{MODEL_NAME}.safetensors").is_file(), "the model should be in the shared folder"
        no_errors(page, "session through Caddy")   # a /media/ file asked of the wrong replica would be a 404

        now = [sessions(r) for r in replicas]
        assert now[other]["connect"] == before[other]["connect"], "the other replica should not have been used"
        assert now[mine]["connect"] == before[mine]["connect"] + 1
        assert now[mine]["reconnect"] == before[mine]["reconnect"], "the session's WebSocket should not drop"
        assert lb_cookie(page) == cookie

        # --- the other replica lists the model saved through this one (shared folder)
        look = fresh(browser)
        try:
            open_cold(look, replicas[other].url + "/")
            shows_saved_model(look, MODEL_NAME)
        finally:
            look.context.close()

        # --- the replica serving the session stops mid-session
        page.evaluate("() => { window.__act.states = [] }")
        replicas[mine].stop()
        page.wait_for_function("() => window.__act.states.some((s) => s !== 'CONNECTED')", timeout=60_000)
        states = page.evaluate("() => window.__act.states")
        assert states[0] in ("PINGING_SERVER", "CONNECTING", "DISCONNECTED_FOREVER"), states   # Streamlit's "lost"
        page.screenshot(path=str(ARTIFACTS / "proxy-replica-lost.png"))
        print("connection states after the replica stopped:", states)

        # --- a reload carries on with the other replica
        connects = sessions(replicas[other])["connect"]
        page.errors.clear()
        page.reload(wait_until="commit")
        wait_idle(page)
        page.wait_for_selector("h1", timeout=60_000)
        assert sessions(replicas[other])["connect"] > connects, "the reloaded page should be on the other replica"
        assert lb_cookie(page) not in (None, cookie), "Caddy should have pinned the browser to the other replica"
        switch_in_app(page, EN["nav.explore"])
        drag_pad(page)
        shows_saved_model(page, MODEL_NAME)
        wait_idle(page, quiet_ms=300)
        page.screenshot(path=str(ARTIFACTS / "proxy-after-failover.png"))
        no_errors(page, "after the failover")
    finally:
        page.context.close()
