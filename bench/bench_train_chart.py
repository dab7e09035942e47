"""The Train page's first curves on a slow laptop: from the moment the curves' element arrives in the page (after
the first epoch; Streamlit's container for it, `.st-key-train_curves`) until plotly.js has drawn them, and the
longest main-thread task in that time (the page cannot answer a click or a scroll during it), in headless Debian
Chromium with its CPU slowed down through CDP (`Emulation.setCPUThrottlingRate`), a fresh browser context each
run, the server warm.

It recognises either way of drawing the curves (Streamlit's st.plotly_chart, or ui.map_chart.light_chart with
the small gl2d bundle), so the same script measures a commit before the change and after it:

    VAE_DATA_DIR=../shared/data python bench/bench_train_chart.py [--rate 4] [--runs 3] [--out F]

Starts its own app server (bench_client.app_server) on a free 127.0.0.1 port; each run trains the Train page's
default preset once (the server trains while the browser draws, as on a one-machine classroom server)."""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_client import (CHROMIUM, CHROMIUM_ARGS, VIEWPORT, WireMeter, app_server, new_page,  # noqa: E402
                                open_cold)

# Times (page clock, ms) at which the curves' element first appeared and first had a drawn trace, and every long
# task (> 50 ms of main thread) since the page opened.
WATCH_JS = """(() => {
  const S = window.__tc = { elem: null, drawn: null, tasks: [] }
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => S.tasks.push([e.startTime, e.duration])))
      .observe({ type: "longtask", buffered: true })
  } catch (e) {}
  const check = () => {
    // the element's container, which Streamlit adds (with its key as a class) as soon as the element arrives,
    // whether or not the code that draws it has been loaded yet
    const el = document.querySelector(".st-key-train_curves")
    if (!el) return
    const now = performance.now()
    if (S.elem === null) S.elem = now
    if (S.drawn === null && el.querySelector(".main-svg .scatterlayer .trace")) S.drawn = now
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true })
})()"""


def start_label() -> str:
    from ui.i18n import EN
    return EN["train.start"]


def one_run(browser, url: str, rate: float, timeout: float = 600) -> dict:
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.add_init_script(WATCH_JS)
    page = ctx.new_page()
    page.meter = WireMeter(page)
    try:
        open_cold(page, f"{url}/train")
        page.meter.throttle(rate)
        page.get_by_role("button", name=start_label()).first.click()
        page.wait_for_function("() => window.__tc.drawn !== null", timeout=timeout * 1000, polling=200)
        page.wait_for_timeout(300)          # a long task that ends the drawing is reported just after it
        s = page.evaluate("() => window.__tc")
        t0, t1 = s["elem"], s["drawn"]
        during = [d for start, d in s["tasks"] if start + d >= t0 and start <= t1]
        return {"drawn_s": (t1 - t0) / 1000, "longest_task_s": max(during, default=0) / 1000,
                "tasks": len(during)}
    finally:
        ctx.close()


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rate", type=float, default=4)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None, help="write the markdown result here")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    load = [os.getloadavg()[0]]
    runs = []
    with app_server() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = new_page(browser)
        open_cold(warm, f"{url}/train")                                     # warm the server
        warm.context.close()
        for i in range(args.runs):
            r = one_run(browser, url, args.rate)
            runs.append(r)
            load.append(os.getloadavg()[0])
            print(f"run {i + 1}: drawn {r['drawn_s']:.2f} s after the element arrived, longest task "
                  f"{r['longest_task_s']:.2f} s ({r['tasks']} long tasks)", file=sys.stderr, flush=True)
        browser.close()
    data = os.environ.get("VAE_DATA_DIR")
    cmd = (f"VAE_DATA_DIR={data} " if data else "") + "python bench/bench_train_chart.py" + (
        f" --rate {args.rate:g}" if args.rate != 4 else "") + (f" --runs {args.runs}" if args.runs != 3 else "") + (
        f" --out {args.out}" if args.out else "")
    med = lambda k: statistics.median(r[k] for r in runs)                     # noqa: E731
    text = "\n".join([
        f"Command: `{cmd}` · {time.strftime('%Y-%m-%d %H:%M')} · commit `{commit()}` · CPU throttled "
        f"{args.rate:g}× · load average {', '.join(f'{x:.1f}' for x in load)}",
        "",
        "| run | first curves drawn after their element arrived | longest main-thread task in that time |",
        "|---|---|---|",
        *[f"| {i + 1} | {r['drawn_s']:.2f} s | {r['longest_task_s']:.2f} s |" for i, r in enumerate(runs)],
        f"| median | **{med('drawn_s'):.2f} s** | **{med('longest_task_s'):.2f} s** |",
        "",
    ])
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
