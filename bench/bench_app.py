"""App benchmarks, one user: start-up, server time per script rerun on every page, first-time cost of the caches.

    python bench/bench_app.py [--startups 3] [--repeats 30] [--out bench/results/app.md]

1. Start-up: from launching `streamlit run app.py` to an interactive Explore page in headless Chromium (the
   browser is started first and opens http://127.0.0.1:PORT/explore as soon as the server answers its health
   check). Interactive = connected, script finished, the z₁ slider on the page, the decoded digit on screen (the
   live pad has painted it) and the manifold grid drawn. A fresh server each time (cold caches, the operating system's file cache warm).
2. Server time per script rerun, on every page of the navigation: one session speaking the app's WebSocket
   protocol (bench/load_test.py's StClient) on a fresh server; the time from sending the rerun message to the
   server's `script_finished` (and the run's images downloaded). That is the server's script run plus
   serialisation and a loopback round trip, with no browser on the CPU. First visit (cold caches), then
   `--repeats` interactions per page (what is moved is named in the table).
3. The same slider release on Explore in a real browser (keyboard arrow on z₁: one rerun per key press), until
   the new digit is on screen.
4. First-time cost of each cached computation in ui/data.py and ui/charts.py (and the pad's and the Posterior page's), called
   directly in this process (torch threads 1, as the server), then the cached call.

Prints markdown; `--out` writes it too. Needs VAE_DATA_DIR for the full datasets (else the offline 5,000 digits).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_test import (CHROMIUM, CHROMIUM_ARGS, SETTLED_JS, SIGNATURE_JS, ARM_JS, Server, StClient,  # noqa: E402
                       _slider_state, map_selection, pct)

# Per page: (what is moved, widget key, how): "random" draws a new value each time, "toggle" alternates
# between two values (a cached result is reused), "select" picks 10 points on the map, None = plain rerun.
INTERACTIONS = {
    "explore": ("slider z₁ (fragment)", "z1", "random"),
    "latent-map": ("select 10 points", "map_chart", "select"),
    "reconstructions": ("slider: count", "recon_n", "toggle"),
    "posterior": ("slider: samples K", "post_k", "toggle"),
    "train": ("slider: epochs", "train_epochs", "toggle"),
    "conditional": ("slider z₁", "cvae_z1", "random"),
}


# ============================================================================================== 1. start-up

# The decoded digit is on screen: the live pad has painted it, or (without the pad) its image has loaded.
DIGIT_SHOWN_JS = """() => {
  if ([...(globalThis.__latentPad?.pads.values() ?? [])].some(p => p.stats().frames > 0)) return true
  const i = document.querySelector("[data-testid='stMain'] [data-testid='stImage'] img")
  return !!(i && i.complete && i.naturalWidth > 0)
}"""

GRID_SHOWN_JS = """() => {
  const i = document.querySelector("[data-testid='stMain'] [data-testid='stImage'] img")
  return !!(i && i.complete && i.naturalWidth > 0)
}"""


def startup(runs: int, env: dict, app_dir: Path = ROOT) -> list[dict]:
    from playwright.sync_api import sync_playwright
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            with Server(env, app_dir=app_dir) as srv:
                health = srv.wait_healthy()
                page.goto(srv.url + "/explore")
                page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                                       timeout=120_000)
                page.wait_for_function(SETTLED_JS, arg=[None, False], timeout=120_000, polling=10)
                page.get_by_test_id("stSlider").filter(has_text="z₁").wait_for(timeout=120_000)
                page.wait_for_function(DIGIT_SHOWN_JS, timeout=120_000, polling=10)
                digit = time.perf_counter() - srv.started
                page.wait_for_function(GRID_SHOWN_JS, timeout=120_000, polling=10)
                page.wait_for_function(SETTLED_JS, arg=[None, False], timeout=120_000, polling=10)
                grid = time.perf_counter() - srv.started
                # a second student opening the same page on the now-warm server
                p2 = browser.new_page(viewport={"width": 1400, "height": 1000})
                t = time.perf_counter()
                p2.goto(srv.url + "/explore")
                p2.wait_for_function(SETTLED_JS, arg=[None, False], timeout=120_000, polling=10)
                p2.wait_for_function(GRID_SHOWN_JS, timeout=120_000, polling=10)
                second = time.perf_counter() - t
                p2.close()
            page.close()
            out.append({"health": health, "digit": digit, "grid": grid, "second": second})
        browser.close()
    return out


# ============================================================================================== 2. reruns per page

async def _page_reruns(base: str, repeats: int, rng: random.Random) -> list[dict]:
    c = StClient(base, timeout=180)
    t = time.perf_counter()
    await c.open("")
    rows = [{"page": "home (open)", "first": time.perf_counter() - t, "times": [], "what": "—"}]
    pages = [p for p in c.pages if p]
    try:
        for page in pages:
            t = time.perf_counter()
            res = await c.rerun(page=page)
            first = time.perf_counter() - t
            exc = list(res.exceptions)
            t = time.perf_counter()
            await c.rerun(page=page)             # switching to the page again (warm)
            again = time.perf_counter() - t
            what, key, how = INTERACTIONS.get(page, (None, None, None))
            wid = c.find(key) if key else None
            if wid is None:                      # any slider in the main area, toggled; else a plain rerun
                for w, (etype, proto, frag, side) in c.widgets.items():
                    if etype == "slider" and not side and len(proto.default) == 1:
                        wid, how, what = w, "toggle", f"slider: {w.rsplit('-', 1)[-1]}"
                        break
            if wid is None:
                what, how = "rerun (no widget changed)", None
            times = []
            base_v = None
            for i in range(repeats):
                kw = {}
                if how in ("random", "toggle"):
                    proto = c.proto(wid)
                    if how == "random":
                        v = round(rng.uniform(proto.min, proto.max) / proto.step) * proto.step
                    else:
                        base_v = proto.default[0] if base_v is None else base_v
                        v = base_v + (proto.step if i % 2 == 0 and base_v + proto.step <= proto.max
                                      else (-proto.step if i % 2 == 0 else 0))
                    kw = {"set_values": {wid: _slider_state(v)}, "fragment_id": c.fragment_of(wid)}
                elif how == "select":
                    kw = {"set_values": {wid: map_selection(c.proto(wid), rng, 10)[0]}}
                t = time.perf_counter()
                res = await c.rerun(**kw)
                times.append(time.perf_counter() - t)
                exc += res.exceptions
                if how in ("random", "toggle", "select"):
                    wid = c.find(wid.rsplit("-", 1)[-1]) or wid
            rows.append({"page": page, "first": first, "again": again, "times": times, "what": what,
                         "exceptions": exc, "fragment": bool(kw.get("fragment_id"))})
    finally:
        await c.close()
    return rows


def page_reruns(repeats: int, env: dict, app_dir: Path = ROOT) -> list[dict]:
    with Server(env, app_dir=app_dir) as srv:
        srv.wait_healthy()
        return asyncio.run(_page_reruns(srv.url, repeats, random.Random(0)))


# ============================================================================================== 3. browser slider

def browser_slider(presses: int, env: dict, app_dir: Path = ROOT) -> list[float]:
    from playwright.sync_api import sync_playwright
    times = []
    with Server(env, app_dir=app_dir) as srv, sync_playwright() as p:
        srv.wait_healthy()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(srv.url + "/explore")
        page.wait_for_function(SETTLED_JS, arg=[None, False], timeout=120_000, polling=10)
        page.wait_for_function(GRID_SHOWN_JS, timeout=120_000, polling=10)
        thumb = page.get_by_test_id("stSlider").filter(has_text="z₁").get_by_role("slider")
        for i in range(presses + 3):
            page.evaluate(ARM_JS)
            old = page.evaluate(SIGNATURE_JS)
            t = time.perf_counter()
            thumb.press("ArrowRight" if (i // 10) % 2 == 0 else "ArrowLeft")
            page.wait_for_function(SETTLED_JS, arg=[old, True], timeout=60_000, polling=5)
            if i >= 3:                            # the first presses warm up the browser's caches
                times.append(time.perf_counter() - t)
            time.sleep(0.3)
        browser.close()
    return times


# ============================================================================================== 4. caches

def cache_costs(dataset: str = "mnist") -> list[tuple[str, float, float]]:
    """(what, first call s, cached call s) for each cached computation, in a fresh interpreter state."""
    import logging
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    import torch
    torch.set_num_threads(1)
    torch.ones(8) @ torch.ones(8)                 # torch's own first-use cost is not the app's
    import numpy as np
    from ui import charts, data, models
    import vae_core
    rows = []

    def timed2(name, f):
        t = time.perf_counter()
        f()
        first = time.perf_counter() - t
        t = time.perf_counter()
        r = f()
        rows.append((name, first, time.perf_counter() - t))
        return r

    model = timed2("load_pretrained('mnist-vae'): model file → shared model", lambda: models.load_pretrained(
        "mnist-vae"))
    ds = timed2(f"load_data('{dataset}'): the dataset, read and decoded once", lambda: data.load_data(dataset))
    key = "pretrained:mnist-vae"
    mu, _, labels = timed2(f"test_encodings: encode the {len(ds.test_labels):,} test digits (μ, σ)",
                           lambda: data._test_encodings(model, key, dataset))
    timed2("test_losses: per-image test losses (Reconstructions best/worst)",
           lambda: data._test_losses(model, key, dataset))
    for n in (15, 25):
        timed2(f"manifold: decode the {n}×{n} grid (Explore)",
               lambda n=n: data._manifold(model, key, n, 3.0, "linear", None))
    names = tuple(f"c{i}" for i in range(10))
    timed2("latent figure: Plotly scatter of the test set (Latent map)",
           lambda: charts._latent_figure(mu, labels, key, names, 3.0, False, "en", 560, 10_000))
    try:
        from ui import pad
        active = models.Active(model, key, "MNIST VAE", dataset)
        timed2("pad bundle: decoder weights + 2,000 points for the browser",
               lambda: pad._bundle(active, key, "auto"))
    except Exception as e:  # the pad is a colleague's module; report rather than fail
        rows.append((f"pad bundle: unavailable ({type(e).__name__})", float("nan"), float("nan")))
    x = torch.from_numpy(ds.test_images[0].astype(np.float32) / 255.0)
    t = time.perf_counter()
    vae_core.posterior_report(model, x, None)
    rows.append(("posterior grid of one digit (Posterior page, cached per digit)", time.perf_counter() - t,
                 float("nan")))
    # Not cached: made on every Explore rerun (the point moves) from the cached picture of the grid.
    active = models.Active(model, key, "MNIST VAE", dataset)
    timed2("manifold picture: the 15×15 grid drawn with its axes (Explore), cached",
           lambda: charts._manifold_picture(model, key, 15, 3.0, "linear", None))
    t = time.perf_counter()
    for _ in range(5):
        charts.manifold_png(active, 15, 3.0, "linear", z=(0.1, 0.2))
    rows.append(("manifold PNG with the point ringed, from the cached picture (every Explore rerun)",
                 (time.perf_counter() - t) / 5, float("nan")))
    return rows


# ============================================================================================== report

def fmt(v: float) -> str:
    return "—" if v != v else (f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s")


def section(starts, reruns, slider, caches, args, load0, load1, command) -> str:
    L = ["## App, one user", "",
         f"Command: `{command}` · {time.strftime('%Y-%m-%d %H:%M')} · {platform.machine()}, {os.cpu_count()} cores, "
         f"{platform.python_version()} · load average {load0[0]:.2f} at the start, {load1[0]:.2f} at the end "
         f"(1 min) · data: {os.environ.get('VAE_DATA_DIR') or 'offline 5,000 digits'}", ""]
    if starts:
        L += ["### From `streamlit run` to an interactive Explore page (headless Chromium, target < 5 s)", "",
              "| run | server answers health check | digit + sliders on screen | manifold grid drawn "
              "(interactive) | a second student opens Explore |", "|---|---|---|---|---|"]
        for i, s in enumerate(starts, 1):
            L.append(f"| {i} | {s['health']:.2f} s | {s['digit']:.2f} s | **{s['grid']:.2f} s** | "
                     f"{s['second']:.2f} s |")
        g = [s["grid"] for s in starts]
        L += ["", f"Median to interactive: **{statistics.median(g):.2f} s** over {len(g)} cold starts.", ""]
    if reruns:
        L += ["### Server time per script rerun, every page (one session, protocol client)", "",
              "From sending the rerun to the server's `script_finished` (images downloaded). First visit = "
              "cold caches on a fresh server; again = switching back to the page; then "
              f"{args.repeats} interactions.", "",
              "| page | first visit | switch to it again | interaction | median | p95 |", "|---|---|---|---|---|---|"]
        for r in reruns:
            if not r["times"]:
                L.append(f"| {r['page']} | {fmt(r['first'])} | — | — | — | — |")
                continue
            frag = " — fragment run" if r.get("fragment") else ""
            L.append(f"| {r['page']} | {fmt(r['first'])} | {fmt(r['again'])} | {r['what']}{frag} | "
                     f"**{fmt(statistics.median(r['times']))}** | {fmt(pct(r['times'], 0.95))} |")
        exc = [(r["page"], e) for r in reruns for e in r.get("exceptions", [])]
        L += ["", f"Exception boxes seen: {len(exc)}." + (f" First: {exc[0]}" if exc else ""), ""]
    if slider:
        L += ["### Slider release on Explore in the browser (target: server time median < 100 ms)", "",
              f"{len(slider)} arrow-key presses on z₁ (each sends one value, like a release), from the key press "
              "until the new digit is on screen and the script state is notRunning: "
              f"median **{fmt(statistics.median(slider))}**, p95 {fmt(pct(slider, 0.95))}.", ""]
    if caches:
        L += ["### First-time cost of each cached computation (called directly, torch threads 1)", "",
              "| computation | first call | cached call |", "|---|---|---|"]
        for name, first, again in caches:
            L.append(f"| {name} | {fmt(first)} | {fmt(again) if again == again else 'not cached here'} |")
        L.append("")
    return "\n".join(L) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--startups", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--presses", type=int, default=20)
    ap.add_argument("--skip", nargs="*", default=[], choices=["startup", "reruns", "slider", "caches"])
    ap.add_argument("--app-dir", type=Path, default=ROOT, help="the app checkout to run (default: this one)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    command = "python bench/bench_app.py " + " ".join(sys.argv[1:])
    env = {}
    load0 = os.getloadavg()
    starts = [] if "startup" in args.skip else startup(args.startups, env, args.app_dir)
    reruns = [] if "reruns" in args.skip else page_reruns(args.repeats, env, args.app_dir)
    slider = [] if "slider" in args.skip else browser_slider(args.presses, env, args.app_dir)
    caches = [] if "caches" in args.skip else cache_costs()
    text = section(starts, reruns, slider, caches, args, load0, os.getloadavg(), command)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
