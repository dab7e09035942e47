"""Kill the model save and the training command at random points, many times; after every kill each model file
in the folder loads, no model that was there before is gone, and the app's list of models (ui.common.
saved_models) is exactly the complete ones (issue: nothing lost).

The saves are the app's own call (vae_core.save_model into the models folder, with and without overwrite, as
pages/train.py does), run in children forked from one helper process so that a kill costs milliseconds, not a
Python start-up: KILLS_DURING_SAVE kills with SIGKILL, SIGTERM or SIGINT at random points."""
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
KILLS_DURING_SAVE = 150
SIGNALS = (signal.SIGKILL, signal.SIGKILL, signal.SIGTERM, signal.SIGINT)

# A fork server: imports torch once (one thread, so forking is safe), then for each "go <seed>" line forks a
# child that saves models again and again until it is killed, and reports how the child ended.
FORK_SERVER = r"""
import os, random, signal, sys, time
import torch
torch.set_num_threads(1)
import vae_core
from pathlib import Path
out = Path(sys.argv[1])
models = [vae_core.build_model(vae_core.ModelConfig(hidden=h), seed=0) for h in [(64,), (128, 32), (256,)]]
print("ready", flush=True)
for line in sys.stdin:
    _, seed, delay, sig = line.split()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            os.write(w, b"1")   # started: a signal sent before this point could be dropped by fork's clean-up
            rng = random.Random(int(seed))
            i = 0
            while True:
                k = rng.randrange(3)
                name = f"m{rng.randrange(6)}"
                try:   # like the Train page: a new name, or an overwrite the user confirmed
                    vae_core.save_model(models[k], out / f"{name}.safetensors", {"seed": int(seed), "i": i, "k": k},
                                        overwrite=rng.random() < 0.5)
                except vae_core.CheckpointError:
                    pass   # "a model named ... already exists": nothing written
                i += 1
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    os.read(r, 1)
    os.close(r), os.close(w)
    time.sleep(float(delay))
    os.kill(pid, int(sig))
    _, status = os.waitpid(pid, 0)
    print("ended", status, flush=True)
"""


def _listed(folder: Path) -> dict[str, Path]:
    """What the app lists on its next start (ui.common.saved_models, with the models folder set)."""
    from ui.common import saved_models
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VAE_MODELS_DIR", str(folder))
        return saved_models()


def _complete(folder: Path) -> dict[str, object]:
    """Every *.safetensors file in the folder that loads, by name; fails on one that does not."""
    out = {}
    for p in sorted(folder.glob("*.safetensors")):
        if p.name.startswith("."):
            continue   # a temp file of an interrupted save (".tmp-*.safetensors.part")
        m = vae_core.load_model(p)   # raises if half-written
        assert m.config.hidden in ((64,), (128, 32), (256,))
        assert {"seed", "i", "k"} <= set(m.meta)
        out[p.stem] = m
    return out


def test_kills_during_save_never_lose_or_break_a_model(tmp_path):
    rng = random.Random(0)
    server = subprocess.Popen([sys.executable, "-c", FORK_SERVER, str(tmp_path)], cwd=ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"})
    try:
        assert server.stdout.readline().strip() == "ready"
        before: set[str] = set()
        killed = 0
        for round_ in range(KILLS_DURING_SAVE):
            sig = rng.choice(SIGNALS)
            server.stdin.write(f"go {round_} {rng.uniform(0.0, 0.04):.4f} {int(sig)}\n")
            server.stdin.flush()
            word, status = server.stdout.readline().split()
            assert word == "ended"
            status = int(status)
            # Ended by the signal (or, for SIGINT, by KeyboardInterrupt -> exit code 3), never by an error.
            assert os.WIFSIGNALED(status) or os.WEXITSTATUS(status) == 3, status
            killed += 1
            complete = _complete(tmp_path)
            listed = _listed(tmp_path)
            assert set(listed) == set(complete), "the app's list is exactly the complete models"
            assert before <= set(listed), f"round {round_}: lost {before - set(listed)}"
            before = set(listed)
        assert killed == KILLS_DURING_SAVE
        assert len(before) >= 4, "the saves should have reached most of the six names"
    finally:
        server.stdin.close()
        server.wait(timeout=20)
    leftovers = list(tmp_path.glob(".tmp-*"))
    assert all(p.name.endswith(".safetensors.part") for p in leftovers)   # never listed, never loaded


def _train_cmd(out: Path, epochs: int, quiet: bool = True) -> list[str]:
    return [sys.executable, "-m", "vae_core.train", "--hidden", "32", "--epochs", str(epochs), "--batch-size",
            "64", "--threads", "1", "--out", str(out)] + (["--quiet"] if quiet else [])


def _train_env(tmp_path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VAE_OFFLINE": "1", "VAE_CACHE_DIR": str(tmp_path / "cache"),
           "OMP_NUM_THREADS": "1"}
    env.pop("VAE_DATA_DIR", None)   # the 4,000-digit offline sample: an epoch takes about a second
    return env


def test_kill_during_training_command(tmp_path):
    """SIGKILL at a random point of a training run (start-up, epochs, evaluation or the final save) leaves no
    model or a complete one; a polite stop (SIGTERM, SIGINT = Ctrl-C) after an epoch saves the finished
    epochs, marked as stopped early."""
    rng = random.Random(1)
    env = _train_env(tmp_path)
    out = tmp_path / "run.safetensors"
    for i in range(4):
        p = subprocess.Popen(_train_cmd(out, epochs=2), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 6.0))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=20)
        if out.exists():
            assert vae_core.load_model(out).meta["history"], "a saved run has its epochs"
        assert list(_listed(tmp_path)) == (["run"] if out.exists() else [])
    for sig in (signal.SIGTERM, signal.SIGINT):
        out.unlink(missing_ok=True)
        p = subprocess.Popen(_train_cmd(out, epochs=200, quiet=False), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
        # Wait (however busy the machine) until an epoch has ended: its progress line ends with the test loss.
        deadline = time.monotonic() + 120
        for line in p.stdout:
            if b"test" in line.split(b"\r")[-1] or time.monotonic() > deadline:
                break
        assert p.poll() is None, "the run should still be going"
        p.send_signal(sig)
        p.stdout.read()
        assert p.wait(timeout=120) == 0
        m = vae_core.load_model(out)
        assert m.meta["stopped_early"] is True
        assert 1 <= len(m.meta["history"]) < 200
        assert list(_listed(tmp_path)) == ["run"]
