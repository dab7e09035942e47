"""What following the teacher costs the server, per run, with one teacher and one follower (no load):

    python bench/follow_cost.py --ticks 60 --moves 20

Starts the app like bench/bench_follow.py (or drives --server, whose process id --pid gives), then measures the
server process's CPU time (user + system, /proc/<pid>/stat) and the wall time around: a follower's poll when
nothing changed, the teacher moving z₁ (their Explore fragment), and the follower's poll that takes that z.
Wall times include Streamlit's own message flushing and the local network: they are a floor for a delay,
not a CPU figure.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from bench_follow import CODE, Server, z1_of  # noqa: E402
from load_test import StClient, _slider_state  # noqa: E402

TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TCK


async def measure(base: str, pid: int, ticks: int, moves: int) -> dict:
    teacher, follower = StClient(base, timeout=60), StClient(base, timeout=60)
    try:
        await teacher.open("")
        await teacher.rerun(set_values={teacher.find("teacher_code_entry", "text_input"): {"string_value": CODE}})
        await teacher.rerun(page="explore")
        await follower.open("")
        await follower.rerun(set_values={follower.find("follow_on", "checkbox"): {"bool_value": True}})

        async def tick():
            return await follower.rerun(fragment_id=next(iter(follower.auto_reruns)), auto=True)
        for _ in range(3):
            await tick()
        out = {"idle_cpu": [], "idle_wall": [], "move_cpu": [], "take_cpu": [], "take_wall": []}
        for _ in range(ticks):
            c, w = cpu_seconds(pid), time.perf_counter()
            await tick()
            out["idle_cpu"].append(cpu_seconds(pid) - c)
            out["idle_wall"].append(time.perf_counter() - w)
        for k in range(moves):
            v = round(-1 + 0.05 * k, 2)
            wid = teacher.find("z1", "slider")
            c = cpu_seconds(pid)
            await teacher.rerun(set_values={wid: _slider_state(v)}, fragment_id=teacher.fragment_of(wid))
            out["move_cpu"].append(cpu_seconds(pid) - c)
            c, w = cpu_seconds(pid), time.perf_counter()
            await tick()
            out["take_cpu"].append(cpu_seconds(pid) - c)
            out["take_wall"].append(time.perf_counter() - w)
            if z1_of(follower) != v:
                raise RuntimeError(f"the follower shows z1={z1_of(follower)}, not {v}")
        return out
    finally:
        await teacher.close()
        await follower.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ticks", type=int, default=60, help="follower polls with nothing new")
    ap.add_argument("--moves", type=int, default=20, help="teacher moves, each taken by one follower poll")
    ap.add_argument("--server", help="drive an app already running (with VAE_TEACHER_CODE=" + CODE + ")")
    ap.add_argument("--pid", type=int, help="the process id of --server")
    args = ap.parse_args(argv)
    server = None if args.server else Server()
    try:
        base, pid = (args.server, args.pid) if args.server else (server.url, server.proc.pid)
        r = asyncio.run(measure(base, pid, args.ticks, args.moves))
    finally:
        if server:
            server.stop()
    ms = lambda xs: 1000 * sum(xs) / len(xs)            # CPU: mean (clock ticks are 10 ms)
    med = lambda xs: 1000 * statistics.median(xs)
    print(f"follower poll, nothing new:      {ms(r['idle_cpu']):5.1f} ms CPU (mean), {med(r['idle_wall']):5.1f} ms wall (median)")
    print(f"teacher moves z1 (their fragment): {ms(r['move_cpu']):5.1f} ms CPU (mean)")
    print(f"follower poll taking the new z:  {ms(r['take_cpu']):5.1f} ms CPU (mean), {med(r['take_wall']):5.1f} ms wall (median)")
    print(f"load average {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} / {os.getloadavg()[2]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
