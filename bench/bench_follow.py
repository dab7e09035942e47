"""Follow the teacher under load: one teacher and N followers on one app server.

    python bench/bench_follow.py --followers 30 --every 3 --broadcasts 12

Starts the app (`python -m ui.serve`, its own empty models folder, VAE_TEACHER_CODE set) on 127.0.0.1, opens one
teacher and N followers as protocol sessions (bench/load_test.py's StClient: the browser's own WebSocket messages,
including the automatic reruns of the follower's polling fragment at the interval the server asks for). The
teacher enters the code and opens Explore; each follower ticks "Follow the teacher". Then every `--every` seconds
the teacher moves z₁ (a slider release). For each broadcast and each follower it records the delay from the
moment the teacher's message is sent until that follower's page has been redrawn with the teacher's z₁ (the run
that shows it has finished). Reports p50 / p95 / max, errors (timeouts, exception elements, disconnects) and the
machine's load. Target: p95 <= 1 s, 0 errors.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from load_test import StClient, _slider_state, free_port, machine_busy, pct  # noqa: E402

CODE = "bench-teacher-code"


class Server:
    """`python -m ui.serve` on 127.0.0.1 with its own models folder and a teacher code."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._models = tempfile.TemporaryDirectory(prefix="follow-models-")
        env = {**os.environ, "VAE_MODELS_DIR": self._models.name, "VAE_TEACHER_CODE": CODE}
        cmd = [sys.executable, "-m", "ui.serve", "--server.headless", "true", "--server.port", str(self.port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}")
            try:
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not become healthy")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._models.cleanup()


def z1_of(c: StClient) -> float | None:
    wid = c.find("z1", "slider")
    if wid is None:
        return None
    p = c.proto(wid)
    vals = list(p.value) if p.set_value else list(p.default)
    return round(vals[0], 4) if vals else None


async def follower(i: int, base: str, seen: dict, errors: list, stop: asyncio.Event, ready: asyncio.Event,
                   n_ready: list, n: int) -> None:
    c = StClient(base, fetch_media=True, timeout=60)
    try:
        await c.open("")
        wid = c.find("follow_on", "checkbox")
        if wid is None:
            raise RuntimeError("no follow checkbox (is VAE_TEACHER_CODE set?)")
        await c.rerun(set_values={wid: {"bool_value": True}})
        n_ready[0] += 1
        if n_ready[0] == n:
            ready.set()
        await asyncio.sleep(random.random() * 0.5)          # browsers' timers are not in step
        while not stop.is_set():
            if not c.auto_reruns:
                raise RuntimeError("the follow fragment asked for no automatic reruns")
            fid, interval = next(iter(c.auto_reruns.items()))
            started = time.perf_counter()
            res = await c.rerun(fragment_id=fid, auto=True)
            if res.exceptions:
                errors.append(f"follower {i}: {res.exceptions[0]}")
            z = z1_of(c)
            if z is not None and z not in seen.setdefault(i, {}):
                seen[i][z] = time.perf_counter()
            await asyncio.sleep(max(0.0, interval - (time.perf_counter() - started)))
    except Exception as e:          # noqa: BLE001 - counted as an error
        errors.append(f"follower {i}: {type(e).__name__}: {e}")
    finally:
        await c.close()


async def run(args) -> dict:
    server = Server() if not args.server else None
    base = args.server or server.url
    busy0 = machine_busy()
    try:
        teacher = StClient(base, timeout=60)
        await teacher.open("")
        code = teacher.find("teacher_code_entry", "text_input")
        await teacher.rerun(set_values={code: {"string_value": CODE}})
        if teacher.find("teacher_live", "checkbox") is None:
            raise RuntimeError("the teacher code was not accepted")
        await teacher.rerun(page="explore")
        seen: dict[int, dict[float, float]] = {}
        errors: list[str] = []
        stop, ready, n_ready = asyncio.Event(), asyncio.Event(), [0]
        tasks = [asyncio.create_task(follower(i, base, seen, errors, stop, ready, n_ready, args.followers))
                 for i in range(args.followers)]
        await asyncio.wait_for(ready.wait(), 300)
        await asyncio.sleep(3)
        sent: dict[float, float] = {}
        values = [round(-2.5 + 0.05 * k, 4) for k in range(args.broadcasts)]
        t_start = machine_busy()
        for v in values:
            wid = teacher.find("z1", "slider")
            t0 = time.perf_counter()
            await teacher.rerun(set_values={wid: _slider_state(v)}, fragment_id=teacher.fragment_of(wid))
            sent[v] = t0
            await asyncio.sleep(max(0.0, args.every - (time.perf_counter() - t0)))
        await asyncio.sleep(3)
        stop.set()
        await asyncio.gather(*tasks)
        t_end = machine_busy()
        await teacher.close()
        delays, missed = [], 0
        for i in range(args.followers):
            for v, t0 in sent.items():
                t = seen.get(i, {}).get(v)
                if t is None:
                    missed += 1
                else:
                    delays.append(t - t0)
        cores = os.cpu_count() or 1
        load = (t_end[0] - t_start[0]) / max(1e-9, t_end[1] - t_start[1]) / cores
        return {"followers": args.followers, "broadcasts": len(sent), "every": args.every, "delays": delays,
                "missed": missed, "errors": errors, "machine_busy": load, "loadavg": os.getloadavg(),
                "cores": cores, "setup_busy": busy0}
    finally:
        if server:
            server.stop()


def report(r: dict, command: str) -> str:
    d = r["delays"]
    lines = [f"`{command}`", "",
             f"{r['followers']} followers, {r['broadcasts']} broadcasts every {r['every']} s; "
             f"{len(d)} deliveries measured, {r['missed']} missed, {len(r['errors'])} errors.", "",
             "| delay until the follower's page shows the teacher's z | s |", "|---|---|"]
    if d:
        lines += [f"| p50 | {statistics.median(d):.2f} |", f"| p95 | {pct(d, 0.95):.2f} |", f"| max | {max(d):.2f} |"]
    lines += ["", f"Machine ({r['cores']} cores, shared with other work): busy {100 * r['machine_busy']:.0f} % of all "
                  f"cores during the broadcasts; load average {r['loadavg'][0]:.1f} / {r['loadavg'][1]:.1f} / "
                  f"{r['loadavg'][2]:.1f} at the end."]
    if r["errors"]:
        lines += ["", "Errors: " + "; ".join(r["errors"][:5])]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--followers", type=int, default=30)
    ap.add_argument("--every", type=float, default=3.0, help="seconds between broadcasts")
    ap.add_argument("--broadcasts", type=int, default=12)
    ap.add_argument("--server", help="drive an app already running (with VAE_TEACHER_CODE=" + CODE + ")")
    ap.add_argument("--out", help="write the markdown report here")
    args = ap.parse_args(argv)
    r = asyncio.run(run(args))
    text = report(r, "python bench/bench_follow.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")
    ok = r["delays"] and pct(r["delays"], 0.95) <= 1.0 and not r["errors"] and not r["missed"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
