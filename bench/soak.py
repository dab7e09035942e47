"""A school day on one server, compressed: classes of students arrive, use the app, train, and leave, one class
after another, while the server's resources are sampled.

    VAE_DATA_DIR=/work/shared/data .venv/bin/python bench/soak.py --minutes 60 \
        --out bench/results/soak.md --plot bench/results/soak.png --section bench/sections/soak.md

Starts the app as run_app.sh does (`python -m ui.serve`, its own empty models folder) on 127.0.0.1 with
VAE_STATS_FILE set, so the server itself writes one line of ui.serve.server_stats() every 2 s: resident memory,
threads, open files, Streamlit's sessions (active, and kept for reconnection) and media files, the training jobs
it remembers and the Dask futures it holds. Each class is one run of bench/load_test.py against that server
(`--sessions` students, of which `--browsers` real Chromium tabs; `--trainings` of them train first), for
`--class-minutes`; then every tab and connection closes (the class leaves) and the server is left alone for
`--break-seconds` (longer than the 2 minutes Streamlit keeps a closed tab's session for a reconnect). Classes
follow one another until `--minutes` have passed; a class is never cut short, so the run ends at most one class
late. Bounded in time and count; traffic goes only to 127.0.0.1.

Targets (issue 19): after the first class the memory settles, and at the end it is within +10 % of its value
after the first class; threads, open files, media files and sessions return to their baseline in each break;
0 errors and 0 exception boxes in every class.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import load_test  # noqa: E402

SERIES = [("rss_mb", "server memory (RSS, MB)", "#1f77b4"),
          ("heap_mb", "C heap in use for live objects (glibc mallinfo2, MB)", "#17becf"),
          ("cache_entries", "entries in st.cache_resource caches", "#bcbd22"), ("threads", "threads", "#ff7f0e"),
          ("open_files", "open files", "#2ca02c"), ("media_files", "media files in Streamlit's store", "#9467bd"),
          ("sessions", "sessions (active + kept for reconnect)", "#d62728"),
          ("futures_held", "training futures held", "#8c564b")]


def read_stats(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            pass                              # a line being written
    return out


def last_before(stats: list[dict], t: float) -> dict:
    before = [s for s in stats if s["t"] <= t]
    return before[-1] if before else stats[0]


def panel(xs, ys, title: str, color: str, spans, width: int = 1100, height: int = 230):
    """One measure against minutes: a line, y ticks, x ticks every 10 minutes, the classes shaded."""
    from PIL import Image, ImageDraw, ImageFont
    from ui.plane import nice_step, rgb
    font, small = ImageFont.load_default(size=20), ImageFont.load_default(size=15)
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    L, R, T, B = 80, 20, 34, 30
    hi = max(1.0, max(ys) * 1.1)
    step = nice_step(hi, 4)
    hi = step * (int(hi / step) + 1)
    xh = max(xs[-1], 1e-6)

    def px(x, y):
        return L + x / xh * (width - L - R), T + (hi - y) / hi * (height - T - B)
    for a, b in spans:
        d.rectangle([px(a, 0)[0], T, px(b, 0)[0], height - B], fill=(240, 244, 250))
    v = 0.0
    while v <= hi + 1e-9:
        y = px(0, v)[1]
        d.line([L, y, width - R, y], fill=(225, 225, 225))
        d.text((L - 8, y), f"{v:g}", font=small, fill=(60, 60, 60), anchor="rm")
        v += step
    for m in range(0, int(xh) + 1, 10 if xh > 20 else 1):
        x = px(m, 0)[0]
        d.line([x, height - B, x, height - B + 5], fill=(90, 90, 90))
        d.text((x, height - B + 7), str(m), font=small, fill=(60, 60, 60), anchor="mt")
    d.rectangle([L, T, width - R, height - B], outline=(150, 150, 150))
    d.line([px(x, y) for x, y in zip(xs, ys)], fill=rgb(color), width=3)
    d.text((10, 6), title, font=font, fill=(30, 30, 30))
    return im


def plot(stats: list[dict], classes: list[dict], path: Path) -> None:
    """One panel per measure against minutes since the start; the classes shaded blue."""
    from PIL import Image, ImageDraw, ImageFont
    t0 = stats[0]["t"]
    xs = [(s["t"] - t0) / 60 for s in stats]
    spans = [((c["start"] - t0) / 60, (c["end"] - t0) / 60) for c in classes]
    panels = [panel(xs, [float(s.get(k, 0) or 0) for s in stats], title, color, spans) for k, title, color in SERIES]
    foot = Image.new("RGB", (1100, 40), "white")
    ImageDraw.Draw(foot).text(
        (10, 8), f"x: minutes since the server started ({xs[-1]:.0f} in all); shaded: the {len(classes)} classes of "
        f"{classes[0]['sessions'] if classes else 0} students; unshaded: nobody on the server",
        font=ImageFont.load_default(size=18), fill=(30, 30, 30))
    out = Image.new("RGB", (1100, sum(p.height for p in panels) + foot.height), "white")
    y = 0
    for p in panels + [foot]:
        out.paste(p, (0, y))
        y += p.height
    path.parent.mkdir(parents=True, exist_ok=True)
    out.save(path, optimize=True)


def report(stats: list[dict], classes: list[dict], args, command: str, load: tuple) -> tuple[str, dict]:
    idle = [x for x in stats if x["t"] < classes[0]["start"] and "sessions" in x]
    base = idle[-1] if idle else stats[0]          # the idle server before the first class (after start-up)
    first_after = classes[0]["after"]
    end = classes[-1]["after"]
    rows = []
    for i, c in enumerate(classes, 1):
        a = c["after"]
        rows.append(f"| {i} | {(c['start'] - stats[0]['t']) / 60:.1f} | {c['summary'].get('ok', '?')} / "
                    f"{c['summary'].get('n', '?')} | {c['summary'].get('errors', '?')} | "
                    f"{c['summary'].get('exceptions', '?')} | {c['trainings']} | {c['peak_rss']:.0f} | "
                    f"{a.get('rss_mb', 0):.0f} | {a.get('heap_mb', 0):.0f} | {a.get('cache_entries')} | "
                    f"{a.get('threads')} | {a.get('open_files')} | "
                    f"{a.get('media_files')} | {a.get('sessions')} | {a.get('futures_held')} |")
    growth = (end["rss_mb"] - first_after["rss_mb"]) / first_after["rss_mb"] * 100
    checks = {
        "rss_growth_pct": growth,
        "rss_ok": growth <= 10,
        "threads_back": all(c["after"].get("threads", 0) <= first_after.get("threads", 0) + 2 for c in classes),
        "files_back": all(c["after"].get("open_files", 0) <= first_after.get("open_files", 0) + 5 for c in classes),
        "media_back": all(c["after"].get("media_files", 0) <= first_after.get("media_files", 0) + 2
                          for c in classes),
        "sessions_back": all(c["after"].get("sessions", 0) == 0 for c in classes),
        "errors": sum(int(c["summary"].get("errors", 0) or 0) for c in classes),
        "exceptions": sum(int(c["summary"].get("exceptions", 0) or 0) for c in classes),
    }
    minutes = (stats[-1]["t"] - stats[0]["t"]) / 60
    lines = [
        "## A school day on one server: the soak (issue 19)", "",
        f"Command: `{command}` · {time.strftime('%Y-%m-%d %H:%M', time.localtime(stats[0]['t']))} · "
        f"{minutes:.0f} minutes · load average before {load[0]:.2f}. Plot: `{args.plot}` (below).", "",
        f"{len(classes)} classes of {args.sessions} students ({args.browsers} real Chromium tabs, the rest "
        f"protocol clients; {args.trainings} train first) for {args.class_minutes:g} minutes each, every tab closed "
        f"at the end, then {args.break_seconds:g} s with nobody on the server. The browser students upload a "
        f"picture of a digit and a model file once a round. A class's models' cached results expire "
        f"{args.ttl_used:g} s after they were made (one compressed lesson; 40 minutes on a real server). \"after\" "
        "= the last sample before the next class arrived (or the end).", "",
        f"The idle server before the first class: RSS {base.get('rss_mb', 0):.0f} MB, {base.get('threads')} threads, "
        f"{base.get('open_files')} open files, {base.get('media_files')} media files, {base.get('sessions')} "
        "sessions.", "",
        "| class | arrived (min) | interactions ok / all | errors | exception boxes | trainings done | peak RSS MB "
        "| RSS MB after | heap MB after | cache entries after | threads after | open files after | media files after "
        "| sessions after | futures held after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows, "",
        "| target | result | |",
        "|---|---|---|",
        f"| RSS at the end within +10 % of its value after the first class | {first_after['rss_mb']:.0f} → "
        f"{end['rss_mb']:.0f} MB ({growth:+.1f} %) | {'met' if checks['rss_ok'] else '**not met**'} |",
        f"| threads back after each class (≤ first break + 2) | "
        f"{', '.join(str(c['after'].get('threads')) for c in classes)} | "
        f"{'met' if checks['threads_back'] else '**not met**'} |",
        f"| open files back (≤ first break + 5) | {', '.join(str(c['after'].get('open_files')) for c in classes)} | "
        f"{'met' if checks['files_back'] else '**not met**'} |",
        f"| media files back after each class (≤ first break + 2) | "
        f"{', '.join(str(c['after'].get('media_files')) for c in classes)} | "
        f"{'met' if checks['media_back'] else '**not met**'} |",
        f"| sessions back to 0 once the class has left | "
        f"{', '.join(str(c['after'].get('sessions')) for c in classes)} | "
        f"{'met' if checks['sessions_back'] else '**not met**'} |",
        f"| errors, exception boxes | {checks['errors']}, {checks['exceptions']} | "
        f"{'met' if checks['errors'] == 0 and checks['exceptions'] == 0 else '**not met**'} |", "",
        f"![soak]({os.path.relpath(Path(args.plot).resolve(), ROOT)})", "",
    ]
    return "\n".join(lines), checks


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--class-minutes", type=float, default=6)
    ap.add_argument("--break-seconds", type=float, default=150)
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--browsers", type=int, default=2)
    ap.add_argument("--pad-sessions", type=int, default=1)
    ap.add_argument("--trainings", type=int, default=6)
    ap.add_argument("--max-classes", type=int, default=20)
    ap.add_argument("--cache-ttl", type=float, default=None,
                    help="seconds a class's models' cached results last (default: one compressed lesson, "
                         "--class-minutes plus --break-seconds; a real server's is 40 minutes)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/soak.md")
    ap.add_argument("--plot", type=Path, default=ROOT / "bench/results/soak.png")
    ap.add_argument("--section", type=Path, default=None)
    args = ap.parse_args(argv)
    command = "python bench/soak.py " + " ".join(sys.argv[1:] if argv is None else argv)
    load = os.getloadavg()
    stats_file = Path(tempfile.mkdtemp(prefix="soak-")) / "stats.jsonl"
    # A class's models' cached results expire one lesson after they were made (ui/cache.py; 40 minutes on a real
    # server). The soak shortens the lessons, so "one lesson" is its own: a class and the break after it.
    ttl = args.cache_ttl if args.cache_ttl is not None else args.class_minutes * 60 + args.break_seconds
    args.ttl_used = ttl
    server = load_test.Server({"VAE_STATS_FILE": str(stats_file), "VAE_STATS_EVERY": "2",
                               "VAE_MODEL_CACHE_TTL": str(ttl)}, (), None, ROOT)
    classes: list[dict] = []
    try:
        server.wait_healthy()
        time.sleep(6)                                   # a few samples of the idle server: the baseline
        start = time.time()
        while time.time() - start < args.minutes * 60 and len(classes) < args.max_classes:
            t_class = time.time()
            print(f"class {len(classes) + 1} at {(t_class - start) / 60:.1f} min", file=sys.stderr, flush=True)
            summary = load_test.main([
                "--server", server.url, "--sessions", str(args.sessions), "--browsers", str(args.browsers),
                "--pad-sessions", str(args.pad_sessions), "--trainings", str(args.trainings), "--ramp", "15",
                "--duration", str(args.class_minutes * 60), "--grace", "180", "--train-timeout", "240",
                "--uploads", "--out", str(args.out.with_name(f"soak-class-{len(classes) + 1}.md"))])
            t_end = time.time()
            time.sleep(args.break_seconds)
            stats = read_stats(stats_file)
            during = [s for s in stats if t_class <= s["t"] <= t_end]
            classes.append({"start": t_class, "end": t_end, "sessions": args.sessions,
                            "summary": {"ok": summary.get("ok"), "n": summary.get("interactions"),
                                        "errors": len(summary.get("errors") or []),
                                        "exceptions": summary.get("exception_boxes", 0)},
                            "trainings": sum(1 for e in summary.get("trainings") or [] if e.get("outcome") == "done"),
                            "peak_rss": max((s.get("rss_mb", 0) for s in during), default=0),
                            "after": stats[-1]})
            print(f"  after: {json.dumps(stats[-1])}", file=sys.stderr, flush=True)
    finally:
        server.stop()
    stats = read_stats(stats_file)
    text, checks = report(stats, classes, args, command, load)
    plot(stats, classes, args.plot)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    (args.out.with_suffix(".jsonl")).write_text(stats_file.read_text(encoding="utf-8"), encoding="utf-8")
    if args.section:
        args.section.write_text(text + "\n", encoding="utf-8")
    print(text)
    return checks


if __name__ == "__main__":
    main()
