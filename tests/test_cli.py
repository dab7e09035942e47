"""The command-line tools: --help, one clear line (and exit code 2, no traceback) for bad arguments, and a
1-epoch training run on the offline sample that writes a model which loads and evaluates."""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import vae_core
evaluate_cli = importlib.import_module("vae_core.evaluate")   # (vae_core.evaluate is also a function)
train_cli = importlib.import_module("vae_core.train")

ROOT = Path(__file__).resolve().parents[1]


def _offline_env(tmp: Path) -> dict:
    """No data folder, a private empty cache, no downloads: the tools must use the embedded sample."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VAE_OFFLINE": "1", "VAE_CACHE_DIR": str(tmp / "cache"),
           "OMP_NUM_THREADS": "1"}
    env.pop("VAE_DATA_DIR", None)
    return env


@pytest.fixture
def offline_env(tmp_path):
    return _offline_env(tmp_path)


@pytest.fixture(scope="module")
def helps(tmp_path_factory):
    """`python -m <tool> --help` for both tools, started together (each mostly waits for its imports)."""
    env = _offline_env(tmp_path_factory.mktemp("cli"))
    procs = {m: subprocess.Popen([sys.executable, "-m", m, "--help"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
             for m in ("vae_core.train", "vae_core.evaluate")}
    results = {}
    for m, p in procs.items():
        out, err = p.communicate(timeout=180)
        results[m] = subprocess.CompletedProcess(p.args, p.returncode, out, err)
    return results


def run(args: list[str], env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def assert_one_clear_line(res_or_err: str, prog: str, *words: str) -> None:
    lines = res_or_err.strip().splitlines()
    assert len(lines) == 1, res_or_err
    assert "Traceback" not in res_or_err
    assert lines[0].startswith(f"{prog}: error: "), lines[0]
    for w in words:
        assert w in lines[0], (w, lines[0])


@pytest.mark.parametrize("module, words", [
    ("vae_core.train", ["--dataset", "--kind", "--epochs", "--batch-size", "--lr", "--beta", "--seed", "--hidden",
                        "--out", "--denoise"]),
    ("vae_core.evaluate", ["model", "--dataset", "--n-ll", "--samples"]),
])
def test_help(helps, module, words):
    res = helps[module]
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("usage: python -m " + module)
    for w in words:
        assert w in res.stdout
    assert res.stderr == ""


# Bad arguments go through main() in this process (an escaping exception would fail the test just as a
# traceback would); the `python -m` entry points themselves run in the --help and training tests.
@pytest.mark.parametrize("argv, words", [
    (["--epochs", "abc"], ["--epochs", "invalid int value: 'abc'"]),
    (["--kind", "xyz"], ["--kind", "invalid choice: 'xyz'"]),
    (["--dataset", "cifar"], ["--dataset", "invalid choice"]),
    (["--epochs", "0"], ["epochs must be between 1 and 1000"]),
    (["--lr", "-1"], ["learning rate"]),
    (["--hidden", "256,abc"], ["hidden sizes must be integers"]),
    (["--hidden", "99999"], ["hidden sizes must be between 1 and 2048"]),
    (["--latent", "0"], ["latent size must be between"]),
    (["--denoise", "blur:0.5"], ["denoise must be kind:strength"]),
    ([], ["--out"]),                                   # --out is required
])
def test_train_bad_arguments(argv, words, capsys, tmp_path):
    out = [] if argv == [] else ["--out", str(tmp_path / "m.safetensors")]
    with pytest.raises(SystemExit) as e:
        train_cli.main(argv + out)
    assert e.value.code == 2
    err = capsys.readouterr()
    assert err.out == ""
    assert_one_clear_line(err.err, "python -m vae_core.train", *words)
    assert not (tmp_path / "m.safetensors").exists()


@pytest.mark.parametrize("argv, words", [
    (["nope.safetensors"], ["nope.safetensors", "does not exist"]),
    (["mnist-gan"], ["mnist-gan", "does not exist"]),
    (["mnist-vae", "--n-ll", "x"], ["--n-ll", "invalid int value"]),
    ([], ["the following arguments are required: model"]),
])
def test_evaluate_bad_arguments(argv, words, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as e:
        evaluate_cli.main(argv)
    assert e.value.code == 2
    assert_one_clear_line(capsys.readouterr().err, "python -m vae_core.evaluate", *words)


def test_evaluate_refuses_a_bad_model_file(tmp_path, capsys):
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"this is not a model")
    with pytest.raises(SystemExit) as e:
        evaluate_cli.main([str(bad)])
    assert e.value.code == 2
    assert_one_clear_line(capsys.readouterr().err, "python -m vae_core.evaluate", "not a")


def test_train_one_epoch_offline_then_evaluate(offline_env, tmp_path):
    out = tmp_path / "models" / "cli-vae.safetensors"
    res = run(["vae_core.train", "--epochs", "1", "--hidden", "32", "--threads", "1", "--out", str(out)], offline_env)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert "offline sample" in res.stdout and "4,000 for training" in res.stdout
    assert "Saved 1 epochs to" in res.stdout and "test negative ELBO" in res.stdout
    assert "epoch 1/1" in res.stdout, "a terminal progress line"
    model = vae_core.load_model(out)
    assert model.config.kind == "vae" and model.config.hidden == (32,) and model.config.latent_dim == 2
    meta = model.meta
    assert meta["data_source"] == "embedded" and meta["dataset"] == "mnist"
    assert len(meta["history"]) == 1 and meta["stopped_early"] is False
    # 31 steps: far from good, but below 784 * ln 2 = 543.4 nats, what a model that learned nothing scores
    assert 100 < meta["metrics"]["test_neg_elbo"] < 540
    assert 0.1 < meta["metrics"]["knn_accuracy"] <= 1.0
    assert meta["command"].startswith("python -m vae_core.train")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.gz")), "nothing downloaded"
    assert [p.name for p in out.parent.iterdir()] == [out.name], "no temp file left"

    ev = run(["vae_core.evaluate", str(out), "--n-ll", "2", "--samples", "50", "--threads", "1"], offline_env)
    assert ev.returncode == 0, ev.stderr
    for words in ("test negative ELBO", "kNN accuracy", "log p(x), importance", "log p(x), integration",
                  "offline sample"):
        assert words in ev.stdout, (words, ev.stdout)
    loss = float(ev.stdout.split("test negative ELBO")[1].split()[0])
    assert loss == pytest.approx(meta["metrics"]["test_neg_elbo"], abs=0.05), "evaluate measures what train saved"
