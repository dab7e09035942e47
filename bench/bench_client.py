"""Every page as a cheap laptop sees it: headless Debian Chromium with its CPU slowed down through CDP
(`Emulation.setCPUThrottlingRate`, rates 1 and 4), the server warm (every page opened once before measuring).

For each page of app.py:
  (a) cold: opened by its URL in a fresh browser context (empty cache) until the page is idle;
  (b) in-app: reached by a click in the sidebar from the page before it (the app's JavaScript already loaded)
      until idle;
  (c) first-visit bytes over the wire, straight from Streamlit and through Caddy with the repo's own
      deploy/Caddyfile (Streamlit's own files from the copy deploy/static.sh compressed once, the rest
      `encode zstd gzip`).
Idle = the app is connected, its script is not running, no HTTP request is in flight, and for one second no
WebSocket message, HTTP response, script-state change or long task (> 50 ms of main thread) happened; the time
reported ends at the last of those. Also, at 4x: the live pad's frames per second during a drag on Explore, and
the time a box selection on the Latent map takes to be answered (release -> the page idle again).
And a machine reference measured in the same run, to compare runs on different machines: seconds to evaluate the
vendored plotly.js gl2d bundle (1.49 MB) in a blank page, at each rate.

    python bench/bench_client.py [--rates 1 4] [--pages explore latent-map ...] [--quick]
        [--out bench/results/client.md] [--section bench/sections/client.md]

Starts its own app server (`python -m ui.serve`, as run_app.sh does) and `caddy run` on free 127.0.0.1 ports. The
helpers here (Caddy in front of replicas, the byte meter, idle detection) are also used by tests/test_proxy.py.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
CADDYFILE = ROOT / "deploy" / "Caddyfile"
STATIC = ROOT / "deploy" / "static"       # built by deploy/static.sh
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 720}          # a projector / cheap laptop screen

# Targets from issue 17 (seconds at 4x throttling; bytes through the documented proxy).
TARGET_SWITCH_4X = 2.0
TARGET_COLD_4X = {"latent-map": 6.0}
TARGET_COLD_4X_DEFAULT = 4.0
TARGET_BYTES = {"explore": 1.3e6, "latent-map": 3.0e6}
TARGET_PAD_FPS = 55
TARGET_SELECT_4X = 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_pages() -> list[tuple[str, str]]:
    """(url path, English sidebar title) of every page, in app.py's order."""
    from ui.i18n import EN
    src = (ROOT / "app.py").read_text(encoding="utf-8")
    out = []
    for line in re.findall(r'st\.Page\(\s*"pages/\w+\.py".*', src):
        key = re.search(r'title=t\("([\w.]+)"\)', line).group(1)
        path = re.search(r'url_path="([\w-]+)"', line).group(1)
        if 'visibility="hidden"' in line:
            continue                       # the /home alias: the same page as the default one
        out.append(("" if "default=True" in line else path, EN[key]))   # the default page lives at "/"
    return out


def wait_http_ok(url: str, proc: subprocess.Popen, what: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            if urllib.request.urlopen(url, timeout=2).read() == b"ok":
                return
        except OSError:
            pass
        if time.time() > deadline:
            raise RuntimeError(f"{what} did not answer {url} in {timeout:.0f} s")
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def app_server(env_extra: dict | None = None):
    """The app as run_app.sh starts it (`python -m ui.serve`, i.e. `streamlit run app.py` with every run routed by
    st.navigation) on 127.0.0.1 and a free port; yields its base URL; stopped on exit."""
    port = free_port()
    env = {**os.environ, **(env_extra or {})}
    cmd = [sys.executable, "-m", "ui.serve", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http_ok(url + "/_stcore/health", proc, "streamlit")
        yield url
    finally:
        stop(proc)


class Caddy:
    """`caddy run` with deploy/Caddyfile on 127.0.0.1 (admin endpoint off, its state in a temporary folder) in
    front of `replicas` ("host:port" each). `url` is the address a student would open."""

    def __init__(self, replicas: list[str], log: Path | None = None):
        exe = shutil.which("caddy")
        if exe is None:
            raise FileNotFoundError("caddy is not installed (apt-get install caddy)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.home = tempfile.mkdtemp(prefix="caddy-")
        # Streamlit's own files, compressed once, as a school's proxy serves them (README, "Scale past one machine")
        subprocess.run(["bash", str(ROOT / "deploy" / "static.sh"), str(STATIC)], check=True,
                       env={**os.environ, "PYTHON": sys.executable})
        env = {**os.environ, "VAE_SITE": self.url, "VAE_REPLICAS": " ".join(replicas), "VAE_BIND": "127.0.0.1",
               "VAE_CADDY_ADMIN": "off", "VAE_STATIC": str(STATIC), "HOME": self.home,
               "XDG_DATA_HOME": f"{self.home}/data", "XDG_CONFIG_HOME": f"{self.home}/config"}
        self.log = open(log, "w") if log else None
        self.proc = subprocess.Popen([exe, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                                     cwd=self.home, env=env, stdout=self.log or subprocess.DEVNULL,
                                     stderr=subprocess.STDOUT)
        try:
            wait_http_ok(self.url + "/_stcore/health", self.proc, "caddy", timeout=30)
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        stop(self.proc)
        if self.log:
            self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# ---------------------------------------------------------------------------------------------- in the page

# Injected before any page script: records in the page's own clock (ms since navigation) the last sign of
# activity: a WebSocket message, an HTTP response's end, a long task's end, a change of the app's script or
# connection state. Also counts script runs and keeps the connection states seen.
ACTIVITY_JS = """(() => {
  const S = window.__act = { last: 0, ws: 0, runs: 0, states: [] }
  const mark = (t) => { S.last = Math.max(S.last, t ?? performance.now()) }
  const WS = window.WebSocket
  window.WebSocket = class extends WS {
    constructor(...a) { super(...a); this.addEventListener("message", () => { mark(); S.ws = performance.now() }) }
  }
  // The observers' callbacks come in a task of their own, after the one that asks whether the page is idle may
  // already have run (it waits behind a long task, then runs first): STATE_JS takes their pending entries itself.
  const observers = []
  const observe = (type, end) => {
    const o = new PerformanceObserver((l) => l.getEntries().forEach((e) => mark(end(e))))
    o.observe({ type, buffered: true })
    observers.push([o, end])
  }
  try { observe("longtask", (e) => e.startTime + e.duration) } catch (e) {}
  observe("resource", (e) => e.responseEnd)
  S.flush = () => observers.forEach(([o, end]) => o.takeRecords().forEach((e) => mark(end(e))))
  const watch = () => {
    const app = document.querySelector("[data-testid='stApp']")
    if (!app) return setTimeout(watch, 10)
    // Records come batched: the value each one changed to is the next record's old value (or the current one),
    // so a run that starts and ends between two callbacks is still counted.
    const values = (recs, attr) => {
      const rs = recs.filter((r) => r.attributeName === attr)
      return rs.map((r, i) => [r.oldValue, i + 1 < rs.length ? rs[i + 1].oldValue : app.getAttribute(attr)])
    }
    new MutationObserver((recs) => {
      mark()
      for (const [from, to] of values(recs, "data-test-script-state"))
        if (to === "running" && from !== "running") S.runs++
      for (const [, to] of values(recs, "data-test-connection-state"))
        if (S.states[S.states.length - 1] !== to) S.states.push(to)
    }).observe(app, { attributes: true, attributeOldValue: true,
                      attributeFilter: ["data-test-script-state", "data-test-connection-state"] })
  }
  watch()
})()"""

STATE_JS = """() => {
  window.__act?.flush?.()
  const app = document.querySelector("[data-testid='stApp']")
  return { now: performance.now(), last: window.__act?.last ?? 0, runs: window.__act?.runs ?? 0,
           ws: window.__act?.ws ?? 0,
           script: app?.dataset.testScriptState, conn: app?.dataset.testConnectionState }
}"""


class WireMeter:
    """Bytes a page receives, from Chromium's network events (CDP): each HTTP response's encoded length over
    the wire (headers included), its decoded length, its Content-Encoding, and WebSocket message payloads.
    Also counts requests in flight. One per page; `reset()` starts a new count."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.inflight: set[str] = set()
        self.reset()
        self.cdp.on("Network.requestWillBeSent", lambda e: self.inflight.add(e["requestId"]))
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.dataReceived", self._data)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", lambda e: self.inflight.discard(e["requestId"]))
        self.cdp.on("Network.webSocketFrameReceived", self._frame)

    def reset(self) -> None:
        self.wire: dict[str, int] = {}       # requestId -> encoded bytes over the wire
        self.decoded: dict[str, int] = {}    # requestId -> body bytes after decompression
        self.urls: dict[str, tuple[str, str]] = {}   # requestId -> (url, content-encoding)
        self.ws_bytes = 0

    def _response(self, e) -> None:
        h = {k.lower(): v for k, v in e["response"]["headers"].items()}
        self.urls[e["requestId"]] = (e["response"]["url"], h.get("content-encoding", ""))

    def _data(self, e) -> None:
        self.decoded[e["requestId"]] = self.decoded.get(e["requestId"], 0) + e["dataLength"]

    def _finished(self, e) -> None:
        self.inflight.discard(e["requestId"])
        self.wire[e["requestId"]] = int(e["encodedDataLength"])

    def _frame(self, e) -> None:
        r = e["response"]
        self.ws_bytes += len(base64.b64decode(r["payloadData"])) if r["opcode"] == 2 else len(r["payloadData"].encode())

    @property
    def http_bytes(self) -> int:
        return sum(self.wire.values())

    def biggest_js(self) -> tuple[str, str, int, int]:
        """(url, content-encoding, wire bytes, decoded bytes) of the largest JavaScript file received."""
        js = [(self.decoded.get(r, 0), r) for r, (u, _) in self.urls.items() if u.split("?")[0].endswith(".js")]
        size, rid = max(js)
        return self.urls[rid][0], self.urls[rid][1], self.wire.get(rid, 0), size

    def throttle(self, rate: float) -> None:
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})


def new_page(browser):
    """A fresh context (empty cache, no cookies) with one page, its activity recorder and its WireMeter."""
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.add_init_script(ACTIVITY_JS)
    page = ctx.new_page()
    page.meter = WireMeter(page)
    return page


def wait_idle(page, since_ms: float = 0.0, runs_before: int | None = None, quiet_ms: float = 1000,
              timeout: float = 180) -> float:
    """Wait until the page is idle (see the module docstring); returns seconds from `since_ms` (page clock) to
    its last activity. With `runs_before`, a script run must have started after it (or, if the run was too
    quick for the page to show it, a message from the server must have come after `since_ms`)."""
    deadline = time.time() + timeout
    while True:
        s = page.evaluate(STATE_JS)
        if (s["conn"] == "CONNECTED" and s["script"] == "notRunning" and not page.meter.inflight
                and s["now"] - s["last"] >= quiet_ms
                and (runs_before is None or s["runs"] > runs_before or s["ws"] > since_ms)):
            return max(0.0, s["last"] - since_ms) / 1000
        if time.time() > deadline:
            raise TimeoutError(f"page not idle after {timeout:.0f} s: {s}, in flight {len(page.meter.inflight)}")
        page.wait_for_timeout(150)


def open_cold(page, url: str) -> float:
    """Navigate a fresh page to url; seconds from navigation start until idle."""
    page.goto(url, wait_until="commit", timeout=120_000)
    return wait_idle(page)


def sidebar_link(page, title: str):
    nav = page.get_by_test_id("stSidebarNav")
    link = nav.get_by_role("link", name=title, exact=True).first
    if not link.is_visible():
        more = page.get_by_test_id("stSidebarNavViewButton")
        if more.count():
            more.first.click()
    return link


def switch_in_app(page, title: str) -> float:
    """Click the sidebar link called `title`; seconds from the click until idle."""
    link = sidebar_link(page, title)
    link.wait_for(state="visible", timeout=30_000)
    s = page.evaluate(STATE_JS)
    link.click()
    return wait_idle(page, since_ms=s["now"], runs_before=s["runs"])


# ---------------------------------------------------------------------------------------------- measures

def pad_fps(page, seconds: float = 5.0) -> dict:
    """The Explore pad's frames/s during a Playwright mouse drag and during an in-page pointer drag."""
    from bench.bench_pad import in_page_drag, scripted_drag
    page.wait_for_function("() => globalThis.__latentPad?.pads.size > 0 && "
                           "[...globalThis.__latentPad.pads.values()][0].stats().frames > 0", timeout=60_000)
    key = page.evaluate("() => [...globalThis.__latentPad.pads.keys()][0]")
    page.locator(".lp-pad").first.scroll_into_view_if_needed()
    mouse = scripted_drag(page, seconds, key=key)
    wait_idle(page)
    inpage = in_page_drag(page, seconds, key=key, rerun_expected=False)   # it ends where the mouse drag did
    wait_idle(page)
    return {"mouse": mouse["fps"], "mouse_raf": mouse["raf_fps"], "inpage": inpage["fps"],
            "inpage_raf": inpage["raf_fps"], "key": key}


# The Latent map's drag-mode option for a box, as the English page labels it (ui/strings/map.py).
BOX_LABEL = re.search(r'"map\.drag\.select": "([^"]+)"', (ROOT / "ui/strings/map.py").read_text(encoding="utf-8"))[1]


def box_select(page) -> float:
    """Draw a box over the middle of the Latent map scatter; seconds from the release until the page is idle
    after the script run it causes."""
    chart = page.locator(".lm-root .js-plotly-plot").first
    chart.wait_for(state="visible", timeout=60_000)
    box_mode = page.get_by_text(BOX_LABEL, exact=True).first
    if box_mode.count():          # the map opens in scroll mode (a swipe scrolls the page): choose the box first
        s = page.evaluate(STATE_JS)
        box_mode.click()
        wait_idle(page, since_ms=s["now"], runs_before=s["runs"])
    chart.scroll_into_view_if_needed()
    box = chart.locator(".nsewdrag").first.bounding_box()
    x0, y0 = box["x"] + box["width"] * 0.35, box["y"] + box["height"] * 0.35
    x1, y1 = box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.6
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=8)
    s = page.evaluate(STATE_JS)
    page.mouse.up()
    return wait_idle(page, since_ms=s["now"], runs_before=s["runs"])


# The machine's own speed, measured in the same run so runs on different machines can be compared: a blank page
# (the app's health URL) fetches the vendored plotly.js gl2d bundle (1.49 MB, a plain script) and evaluates it.
REFERENCE_JS = """async (src) => {
  const text = await (await fetch(src)).text();
  const t0 = performance.now();
  (0, eval)(text);
  return (performance.now() - t0) / 1000;
}"""


def reference(browser, url: str, rate: float, tries: int = 3) -> float:
    """Median seconds to evaluate the reference script at `rate`, each try in a fresh context."""
    from ui.map_chart import BUNDLE
    times = []
    for _ in range(tries):
        page = new_page(browser)
        page.goto(f"{url}/_stcore/health", timeout=60_000)
        page.meter.throttle(rate)
        times.append(page.evaluate(REFERENCE_JS, f"{url}/app/static/vendor/{BUNDLE}"))
        page.context.close()
    return sorted(times)[len(times) // 2]


def machine_load() -> float:
    return os.getloadavg()[0]


def run(rates: list[float], pages: list[tuple[str, str]], pad_seconds: float, log=print) -> dict:
    from playwright.sync_api import sync_playwright
    env = {}
    res: dict = {"cold": {}, "switch": {}, "bytes": {}, "ws": {}, "js": {}, "load": [machine_load()],
                 "rates": rates, "pages": pages}
    with app_server(env) as url, Caddy([url.removeprefix("http://")]) as caddy, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        log("warming the server: every page once")
        page = new_page(browser)
        open_cold(page, f"{url}/{pages[0][0]}")
        for _, title in pages[1:]:
            switch_in_app(page, title)
        page.context.close()
        res["reference"] = {rate: reference(browser, url, rate) for rate in rates}
        log(f"reference: {res['reference']}")
        for where, base in (("direct", url), ("caddy", caddy.url)):
            for path, title in pages:
                page = new_page(browser)
                open_cold(page, f"{base}/{path}")
                res["bytes"][(where, path)] = page.meter.http_bytes
                res["ws"][(where, path)] = page.meter.ws_bytes
                res["js"][(where, path)] = page.meter.biggest_js()
                log(f"bytes {where:6} {path:16} http {page.meter.http_bytes:>10,} ws {page.meter.ws_bytes:>10,}")
                page.context.close()
        for rate in rates:
            for path, title in pages:
                page = new_page(browser)
                page.meter.throttle(rate)
                res["cold"][(rate, path)] = t = open_cold(page, f"{url}/{path}")
                log(f"cold   {rate:g}x {path:16} {t:6.2f} s")
                page.context.close()
            page = new_page(browser)
            page.meter.throttle(rate)
            open_cold(page, f"{url}/{pages[-1][0]}")          # start from the last page: every page is a switch
            for path, title in pages:
                res["switch"][(rate, path)] = t = switch_in_app(page, title)
                log(f"switch {rate:g}x {path:16} {t:6.2f} s")
            page.context.close()
            res["load"].append(machine_load())
        rate = max(rates)
        page = new_page(browser)
        page.meter.throttle(rate)
        open_cold(page, f"{url}/explore")
        res["pad"] = pad_fps(page, pad_seconds)
        log(f"pad at {rate:g}x: {res['pad']}")
        switch_in_app(page, dict(app_pages())["latent-map"])
        try:
            res["select"] = box_select(page)
        except Exception as e:     # the table and the other measures still get written
            log(f"box selection failed: {type(e).__name__}: {str(e)[:200]}")
            res["select"] = float("nan")
        log(f"box selection at {rate:g}x: {res['select']:.2f} s")
        page.context.close()
        res["load"].append(machine_load())
        browser.close()
    return res


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def mark(ok: bool) -> str:
    return "" if ok else " ✗"


def table(r: dict) -> str:
    rates = r["rates"]
    hi = max(rates)
    head = ["page"] + [f"cold, {x:g}×" for x in rates] + [f"in-app, {x:g}×" for x in rates] + [
        "HTTP bytes, direct", "HTTP bytes, Caddy", "WebSocket bytes",
        "targets (4×: in-app ≤ 2 s, cold; bytes via Caddy)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for path, title in r["pages"]:
        cold_target = TARGET_COLD_4X.get(path, TARGET_COLD_4X_DEFAULT)
        cells = [title]
        for x in rates:
            t = r["cold"][(x, path)]
            cells.append(f"{t:.1f} s" + (mark(t <= cold_target) if x == hi == 4 else ""))
        for x in rates:
            t = r["switch"][(x, path)]
            cells.append(f"{t:.1f} s" + (mark(t <= TARGET_SWITCH_4X) if x == hi == 4 else ""))
        via = r["bytes"][("caddy", path)]
        cells += [mb(r["bytes"][("direct", path)]), mb(via) + mark(via <= TARGET_BYTES.get(path, float("inf"))),
                  mb(r["ws"][("caddy", path)])]
        tgt = f"≤ {TARGET_SWITCH_4X:g} s, ≤ {cold_target:g} s"
        if path in TARGET_BYTES:
            tgt += f", ≤ {TARGET_BYTES[path] / 1e6:g} MB"
        cells.append(tgt)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def extras(r: dict) -> str:
    hi = max(r["rates"])
    pad, sel = r["pad"], r["select"]
    url, enc, wire, dec = r["js"][("caddy", "latent-map")]
    durl, denc, dwire, ddec = r["js"][("direct", "latent-map")]
    return "\n".join([
        "| measure | result | target |",
        "|---|---|---|",
        f"| Explore pad, frames/s during a 5-s Playwright mouse drag at {hi:g}× | **{pad['mouse']:.1f}**"
        f"{mark(pad['mouse'] >= TARGET_PAD_FPS)} (display "
        f"paced at {pad['mouse_raf']:.1f}) | ≥ {TARGET_PAD_FPS} |",
        f"| Explore pad, the same drag as in-page pointer events at {hi:g}× | {pad['inpage']:.1f}"
        f"{mark(pad['inpage'] >= TARGET_PAD_FPS)} (display paced at "
        f"{pad['inpage_raf']:.1f}) | ≥ {TARGET_PAD_FPS} |",
        f"| Latent map box selection answered (release → idle) at {hi:g}× | **{sel:.2f} s**"
        f"{mark(sel <= TARGET_SELECT_4X)} | ≤ {TARGET_SELECT_4X:g} s |",
        f"| largest JavaScript file of the Latent map (`{url.rsplit('/', 1)[-1]}`), through Caddy | "
        f"{mb(wire)} over the wire ({enc or 'not compressed'}), {mb(dec)} decoded | compressed |",
        f"| the same file straight from Streamlit | {mb(dwire)} ({denc or 'not compressed'}) | — |",
        "| machine reference: evaluating that file in a blank page (median of 3), "
        + ", ".join(f"{x:g}×" for x in r["rates"]) + " | "
        + ", ".join(f"{r['reference'][x]:.2f} s" for x in r["rates"]) + " | (compares machines) |",
    ])


def busy_note(r: dict) -> list[str]:
    """A warning paragraph when the machine was busy with other work (load average above the core count)."""
    worst, cores = max(r["load"]), os.cpu_count() or 1
    if worst <= cores:
        return []
    return [f"**The machine was busy (load average up to {worst:.1f} on {cores} cores): the times below are "
            f"dominated by other work and vary run to run by several times; they are not a baseline. The bytes "
            f"do not depend on the load. Re-run on a quiet machine for the times.**", ""]


def section(r: dict, command: str) -> str:
    load = ", ".join(f"{x:.1f}" for x in r["load"])
    return "\n".join([
        "## Client speed: every page on a slow laptop, and the bytes over the wire",
        "",
        f"Command: `{command}` · {time.strftime('%Y-%m-%d %H:%M')} · {platform.machine()}, {os.cpu_count()} cores "
        f"shared with other work (load average {load} during the run), headless Debian Chromium driven by "
        f"Playwright with CDP CPU throttling, server warm (every page opened once first), server, proxy and "
        f"browser on the same machine, viewport {VIEWPORT['width']}×{VIEWPORT['height']}.",
        "",
        *busy_note(r),
        "*Cold* = the page's URL opened in a fresh browser context (empty cache); *in-app* = reached by a sidebar "
        "click from the page listed before it (from the last page for the first); both until idle: connected, "
        "script not running, no request in flight, and 1 s with no WebSocket message, HTTP response, script-state "
        "change or long task (the time ends at the last of those). *HTTP bytes* = every HTTP response of a first "
        "visit as it crossed the wire (Chromium's `encodedDataLength`, headers included), straight from Streamlit "
        "and through Caddy with `deploy/Caddyfile` (Streamlit's own files from the copy `deploy/static.sh` "
        "compressed once, zstd -19 or gzip -9; the rest `encode zstd gzip`); *WebSocket bytes* = the app's messages "
        "to the page during that visit (not compressed: no permessage-deflate is negotiated). ✗ marks a missed "
        "target.",
        "",
        table(r),
        "",
        extras(r),
        "",
    ])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rates", type=float, nargs="+", default=[1, 4])
    ap.add_argument("--pages", nargs="+", default=None, help="url paths (default: every page of app.py)")
    ap.add_argument("--pad-seconds", type=float, default=5.0)
    ap.add_argument("--out", type=Path, default=None, help="write the markdown table here")
    ap.add_argument("--section", type=Path, default=None, help="write the BENCHMARKS.md section here")
    args = ap.parse_args()
    pages = app_pages()
    if args.pages:
        pages = [p for p in pages if p[0] in args.pages]
    r = run(args.rates, pages, args.pad_seconds, log=lambda m: print(m, file=sys.stderr, flush=True))
    data = os.environ.get("VAE_DATA_DIR")
    cmd = (f"VAE_DATA_DIR={data} " if data else "") + "python bench/bench_client.py"
    for flag, default in (("rates", [1, 4]), ("pages", None), ("pad_seconds", 5.0)):
        v = getattr(args, flag)
        if v != default:
            cmd += f" --{flag.replace('_', '-')} " + (" ".join(f"{x:g}" if isinstance(x, float) else str(x)
                                                           for x in v) if isinstance(v, list) else f"{v:g}")
    if args.out:
        cmd += f" --out {args.out}"
    if args.section:
        cmd += f" --section {args.section}"
    text = section(r, cmd)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        name = lambda kk: " ".join(map(str, kk)) if isinstance(kk, tuple) else str(kk)     # noqa: E731
        raw = {k: ({name(kk): vv for kk, vv in v.items()} if isinstance(v, dict) and k != "pad" else v)
               for k, v in r.items()}
        args.out.with_suffix(".json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    if args.section:
        args.section.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
