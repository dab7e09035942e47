"""Page speed as a cheap laptop sees it: Chromium with its CPU slowed 4x (CDP Emulation.setCPUThrottlingRate),
server warm. For every page: opened cold by its URL in a fresh browser context (empty HTTP cache) and reached from
the sidebar inside one context; and the Latent map's answer to a box selection. "Idle" = the app is connected,
its script has run (data-test-script-state='notRunning') and no request is pending; the time is when that began.

    .venv/bin/python bench/bench_views.py [--rate 4] [--pages latent-map,interpolate] [--json out.json]

Starts its own server on a free port (as tests/conftest.py does). The machine may be shared: note its load."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from conftest import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402

PAGES = ["home", "train", "explore", "latent-map", "reconstructions", "posterior", "interpolate", "draw",
         "anomalies", "ae-vs-vae", "beta", "conditional"]

WATCH_JS = """() => {
  window.__ran = false;
  const app = document.querySelector("[data-testid='stApp']");
  new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'running') window.__ran = true; })
    .observe(app, {attributes: true});
}"""
STATE_JS = """() => { const a = document.querySelector("[data-testid='stApp']");
  // drawn: every Plotly chart has its SVG and every picture has loaded (JavaScript parsed and run, not only fetched)
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart'], .lm-root")];
  const drawn = charts.every(c => c.querySelector('.main-svg')) && [...document.images].every(i => i.complete);
  return a ? [a.getAttribute('data-test-connection-state'), a.getAttribute('data-test-script-state') + (drawn ? '' : '-drawing'),
              !!window.__ran] : [null, null, false]; }"""


class Pending:
    """Requests in flight on a page (WebSocket frames are not requests)."""

    def __init__(self, page):
        self.n, self.bytes = 0, 0
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def _start(self, r):
        if not r.url.startswith("data:"):
            self.n += 1

    def _end(self, r):
        if not r.url.startswith("data:"):
            self.n = max(0, self.n - 1)
            try:
                self.bytes += (r.sizes() or {}).get("responseBodySize", 0) or 0
            except Exception:
                pass


def wait_idle(page, pending: Pending, t0: float, *, need_run: bool, hold: float = 0.5, timeout: float = 90) -> float:
    """Seconds from t0 until the page became idle (and stayed so for `hold` seconds)."""
    since = None
    while time.perf_counter() - t0 < timeout:
        try:
            conn, script, ran = page.evaluate(STATE_JS)
        except Exception:
            conn, script, ran = None, None, False
        idle = conn == "CONNECTED" and script == "notRunning" and (ran or not need_run) and pending.n == 0
        now = time.perf_counter()
        if idle:
            since = since or now
            if now - since >= hold:
                return since - t0
        else:
            since = None
        time.sleep(0.03)
    raise TimeoutError("page never became idle")


def throttled(ctx, page, rate: float) -> None:
    if rate != 1:
        ctx.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})


def cold(browser, url: str, rate: float) -> tuple[float, int]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    pending = Pending(page)
    throttled(ctx, page, rate)
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    took = wait_idle(page, pending, t0, need_run=False)
    ctx.close()
    return took, pending.bytes


def in_app(browser, base: str, pages: list[str], rate: float) -> dict[str, float]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    pending = Pending(page)
    page.goto(base + "/home")
    wait_idle(page, pending, time.perf_counter(), need_run=False)
    throttled(ctx, page, rate)
    out = {}
    # the link of the page on screen is inert (Streamlit): start away from Home, come back to it last
    for name in [p for p in pages if p != "home"] + (["home"] if "home" in pages else []):
        page.evaluate(WATCH_JS)
        t0 = time.perf_counter()
        # a script click: at 4x throttling a react-aria overlay can leave the sidebar inert for a while
        page.get_by_test_id("stSidebarNavLink").nth(PAGES.index(name)).evaluate("a => a.click()")
        out[name] = wait_idle(page, pending, t0, need_run=True)
    ctx.close()
    return out


def selection(browser, base: str, rate: float) -> float:
    """Seconds from releasing a box drawn over the Latent map until the selected digits are shown."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    pending = Pending(page)
    page.goto(base + "/latent-map")
    wait_idle(page, pending, time.perf_counter(), need_run=False)
    page.evaluate(WATCH_JS)
    page.get_by_test_id("stButtonGroup").locator("button").nth(2).click()       # "draws a box"
    wait_idle(page, pending, time.perf_counter(), need_run=True)
    plot = page.locator(".js-plotly-plot .nsewdrag").first
    plot.wait_for(timeout=60_000)
    throttled(ctx, page, rate)
    b = plot.bounding_box()
    page.mouse.move(b["x"] + b["width"] * 0.45, b["y"] + b["height"] * 0.45)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] * 0.55, b["y"] + b["height"] * 0.55, steps=5)
    page.evaluate(WATCH_JS)
    t0 = time.perf_counter()
    page.mouse.up()
    page.locator(".le-gallery img").first.wait_for(timeout=60_000)
    took = wait_idle(page, pending, t0, need_run=True, hold=0.3)
    ctx.close()
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rate", type=float, default=4.0)
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--json")
    ap.add_argument("--no-cold", action="store_true", help="only the in-app switches and the selection")
    ap.add_argument("--no-selection", action="store_true", help="skip the Latent map selection (an older tree)")
    args = ap.parse_args()
    pages = [p for p in args.pages.split(",") if p in PAGES]
    from playwright.sync_api import sync_playwright
    server = AppServer({"VAE_MODELS_DIR": os.environ.get("VAE_MODELS_DIR", "/tmp/bench-views-models")})
    result = {"rate": args.rate, "load": os.getloadavg(), "cold": {}, "bytes": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in pages:                       # warm the server: every page once
                cold(browser, f"{server.url}/{name}", 1)
            for name in [] if args.no_cold else pages:
                result["cold"][name], result["bytes"][name] = cold(browser, f"{server.url}/{name}", args.rate)
                print(f"cold   {name:16s} {result['cold'][name]:5.2f} s  {result['bytes'][name] / 1e6:5.2f} MB",
                      flush=True)
            result["in_app"] = in_app(browser, server.url, pages, args.rate)
            for name, s in result["in_app"].items():
                print(f"in-app {name:16s} {s:5.2f} s", flush=True)
            if "latent-map" in pages and not args.no_selection:
                result["selection"] = selection(browser, server.url, args.rate)
                print(f"latent map selection {result['selection']:.2f} s", flush=True)
            browser.close()
    finally:
        server.stop()
    result["load_after"] = os.getloadavg()
    print(f"load average before {result['load'][0]:.1f}, after {result['load_after'][0]:.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
