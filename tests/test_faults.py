"""Kill the training command and the model save at random points, many times; afterwards every model
file in the folder loads and the list of models is exactly the complete ones (issue: nothing lost)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import vae_core

ROOT = Path(__file__).resolve().parents[1]

SAVER = r"""
import sys, torch, vae_core
from pathlib import Path
out = Path(sys.argv[1])
model = vae_core.build_model(vae_core.ModelConfig(hidden=(64,)), seed=0)
i = 0
print("ready", flush=True)
while True:
    # Overwrite the same names again and again, and make new ones: a kill can land anywhere.
    vae_core.save_model(model, out / f"m{i % 3}.safetensors", {"i": i})
    i += 1
"""


def _listed(folder: Path) -> list[Path]:
    """What the app lists: complete model files (temp files of an interrupted save start with a dot)."""
    return sorted(p for p in folder.glob("*.safetensors") if not p.name.startswith("."))


def test_kill_during_save_never_leaves_a_broken_model(tmp_path):
    rng = random.Random(0)
    kills = 0
    for _ in range(12):
        p = subprocess.Popen([sys.executable, "-c", SAVER, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert p.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.3))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)
        kills += 1
    models = _listed(tmp_path)
    assert models, "the saver should have completed some saves"
    for f in models:
        m = vae_core.load_model(f)          # raises if half-written
        assert m.config.hidden == (64,)
    assert kills == 12


def test_kill_during_training_command(tmp_path):
    """SIGKILL mid-training leaves no model at all (or the previous complete one); SIGTERM stops cleanly
    and saves the finished epochs."""
    rng = random.Random(1)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VAE_OFFLINE": "1", "VAE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("VAE_DATA_DIR", None)
    out = tmp_path / "run.safetensors"
    base = [sys.executable, "-m", "vae_core.train", "--hidden", "32", "--epochs", "50", "--batch-size", "64",
            "--threads", "1", "--quiet", "--out", str(out)]
    for _ in range(4):
        p = subprocess.Popen(base, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 3.0))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=20)
        assert not out.exists() or vae_core.load_model(out)
    # A polite stop (Ctrl-C / SIGTERM) after some epochs: the finished epochs are saved, marked as stopped.
    p = subprocess.Popen(base, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(8)  # start-up plus a few epochs on the 4,000-digit sample (50 epochs take far longer)
    assert p.poll() is None, "the run should still be going"
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=60)
    m = vae_core.load_model(out)
    assert m.meta["stopped_early"] is True
    assert len(m.meta["history"]) >= 1
    assert _listed(tmp_path) == [out]
