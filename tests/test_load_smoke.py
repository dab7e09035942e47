"""Smoke test of the classroom load test (bench/load_test.py): two sessions for a few seconds on the offline
5,000-digit data, one of them a real Chromium page that drags the live pad, one a protocol client that trains
for one epoch first. Checks that the script runs the whole classroom script, stops by itself within its bound,
and that the app served it without errors, exception boxes or lost sessions. The load numbers themselves are
not checked here (they need a quiet machine: bench/sections/app.md)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import load_test  # noqa: E402

from conftest import CHROMIUM  # noqa: E402


def test_load_script_runs_two_sessions_and_stops(tmp_path):
    browsers = 1 if Path(CHROMIUM).exists() else 0
    if browsers:
        pytest.importorskip("playwright")
    t = time.perf_counter()
    args = [
        "--sessions", "2", "--browsers", str(browsers), "--pad-sessions", str(browsers), "--trainings", "1",
        "--train-epochs", "1", "--duration", "20", "--ramp", "0.5", "--think", "0.2", "0.6", "--grace", "30",
        "--timeout", "30", "--pad-seconds", "1",
        "--env", "VAE_DATA_DIR=", "--env", "VAE_OFFLINE=1", "--env", f"VAE_CACHE_DIR={tmp_path / 'cache'}",
        "--json", str(tmp_path / "records.json"), "--out", str(tmp_path / "report.md"),
    ]
    # In its own process: the browser tests of this run keep a Playwright event loop in this one.
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import load_test; "
            "s = load_test.main(sys.argv[3:]); open(sys.argv[2], 'w').write(json.dumps(s, default=str))")
    out = tmp_path / "summary.json"
    import subprocess
    subprocess.run([sys.executable, "-c", code, str(ROOT / "bench"), str(out), *args], cwd=ROOT, check=True,
                   timeout=200)
    s = json.loads(out.read_text())
    wall = time.perf_counter() - t
    assert wall < 20 + 0.5 + 30 + 45, f"the load test did not stop by itself in time ({wall:.0f} s)"
    assert s["errors"] == [], s["errors"][:3]
    assert s["exception_boxes"] == 0
    assert s["disconnects"] == [] and s["lost"] == []
    records = json.loads((tmp_path / "records.json").read_text())["records"]
    done = {(r["kind"], r["action"]) for r in records if r["seconds"] is not None}
    # the protocol session opened the app, trained, and went through the classroom pages
    assert {("ws", "open"), ("ws", "train_start"), ("ws", "goto")} <= done
    assert [t["outcome"] for t in s["trainings"]] == ["done"]
    if browsers:
        assert {("browser", "open"), ("browser", "goto"), ("browser", "slider")} <= done
        assert s["pad"] and s["pad"][0]["frames"] > 0, "the pad drag painted no frames"
        assert ("browser", "pad_release") in done
    assert "Load test: 2 sessions" in (tmp_path / "report.md").read_text()
