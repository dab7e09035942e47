"""vae_core.checkpoint: safetensors round trips, atomic saves, one clear CheckpointError per bad file, and the
shipped pretrained models."""
from __future__ import annotations

import json
import struct

import pytest
import torch
from safetensors.torch import save as st_save

import vae_core
from vae_core import CheckpointError, ModelConfig, build_model, load_model, save_model, to_bytes
from vae_core.checkpoint import ASSETS, FORMAT, MAX_FILE_BYTES, PRETRAINED

TINY = ModelConfig(hidden=(16, 8))


@pytest.fixture(scope="module")
def tiny():
    return build_model(TINY, seed=0).eval()


def _same_weights(a, b, **tol) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.allclose(sa[k], sb[k], **tol) for k in sa)


def craft(tensors: dict, config: dict | None = None, meta: str = "{}") -> bytes:
    """A safetensors file with our metadata around arbitrary tensors and settings."""
    header = {"format": FORMAT, "config": json.dumps(config if config is not None else TINY.to_dict()),
              "meta": meta}
    return st_save({k: v.contiguous() for k, v in tensors.items()}, metadata=header)


def tensors_of(model) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


# ---------------------------------------------------------------------------------------------- round trips

def test_round_trip_bytes(tiny):
    data = to_bytes(tiny, {"dataset": "mnist", "metrics": {"test_neg_elbo": 150.5}, "history": [{"epoch": 1}]})
    m = load_model(data)
    assert m.config == TINY
    assert _same_weights(m, tiny, rtol=0, atol=0)
    assert not m.training and not any(p.requires_grad for p in m.parameters())
    assert m.meta["dataset"] == "mnist" and m.meta["metrics"]["test_neg_elbo"] == 150.5
    assert m.meta["history"] == [{"epoch": 1}]
    assert set(m.meta["versions"]) >= {"torch", "numpy", "safetensors"} and "created" in m.meta
    x = torch.rand(3, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    assert torch.equal(m.decode(m.encode(x)[0]), tiny.decode(tiny.encode(x)[0]))
    # bytearray / memoryview (what an upload widget may give) load too
    assert _same_weights(load_model(bytearray(data)), tiny, rtol=0, atol=0)
    assert _same_weights(load_model(memoryview(data)), tiny, rtol=0, atol=0)


@pytest.mark.parametrize("kind", ["vae", "ae", "cvae"])
def test_round_trip_path_every_kind(tmp_path, kind):
    model = build_model(ModelConfig(kind=kind, latent_dim=3, hidden=(12,)), seed=1)
    path = save_model(model, tmp_path / "sub" / f"{kind}.safetensors", {"note": "x"})
    assert path.is_file() and oct(path.stat().st_mode & 0o777) == "0o644"
    m = load_model(path)
    assert m.config.kind == kind and m.config.latent_dim == 3
    assert _same_weights(m, model, rtol=0, atol=0)
    assert load_model(str(path)).config == m.config
    assert [p.name for p in path.parent.iterdir()] == [path.name], "no temp file left behind"


def test_float16_storage(tmp_path, tiny):
    p32 = save_model(tiny, tmp_path / "a.safetensors")
    p16 = save_model(tiny, tmp_path / "b.safetensors", dtype=torch.float16)
    assert p16.stat().st_size < 0.6 * p32.stat().st_size
    m = load_model(p16)
    for k, v in m.state_dict().items():
        assert v.dtype == torch.float32
        assert torch.equal(v, tiny.state_dict()[k].half().float()), "weights are the float16-rounded ones"
    header_len = struct.unpack("<Q", p16.read_bytes()[:8])[0]
    header = json.loads(p16.read_bytes()[8:8 + header_len])
    assert {e["dtype"] for k, e in header.items() if k != "__metadata__"} == {"F16"}


def test_save_overwrite_false_refuses_existing_name(tmp_path, tiny):
    path = save_model(tiny, tmp_path / "mine.safetensors", {"v": 1})
    before = path.read_bytes()
    other = build_model(TINY, seed=9)
    with pytest.raises(CheckpointError, match="a model named 'mine' already exists"):
        save_model(other, path, {"v": 2}, overwrite=False)
    assert path.read_bytes() == before, "the existing model is untouched"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.safetensors"], "no temp file left behind"
    # overwrite=True (the default) replaces it
    save_model(other, path, {"v": 2})
    assert load_model(path).meta["v"] == 2


def test_save_writes_nothing_under_the_name_until_complete(tmp_path, tiny, monkeypatch):
    """A failure while writing leaves neither a half file under the name nor a temp file."""
    path = tmp_path / "m.safetensors"

    def broken_fsync(fd):
        raise OSError("disk full")
    with monkeypatch.context() as mp:
        mp.setattr(vae_core.checkpoint.os, "fsync", broken_fsync)
        with pytest.raises(OSError, match="disk full"):
            save_model(tiny, path)
    assert list(tmp_path.iterdir()) == []
    save_model(tiny, path)                       # and the next save works
    assert load_model(path).config == TINY


# ---------------------------------------------------------------------------------------------- bad files

def _err(source, **kw) -> str:
    with pytest.raises(CheckpointError) as e:
        load_model(source, **kw)
    return str(e.value)


def test_not_safetensors():
    assert "not a" in _err(b"hello, this is a text file and not a model at all")
    assert "too short" in _err(b"abc")
    assert "PNG image, not a safetensors model" in _err(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert "not a safetensors model" in _err(b"")


def test_not_a_latent_explorer_model():
    plain = st_save({"w": torch.zeros(2)})
    assert "not a Latent Explorer model" in _err(plain)


def test_truncated(tiny):
    data = to_bytes(tiny)
    assert "truncated" in _err(data[:-100])                 # weights cut short
    header_len = struct.unpack("<Q", data[:8])[0]
    assert "truncated" in _err(data[:8 + header_len // 2])   # cut inside the header


def test_header_too_big():
    data = struct.pack("<Q", 50 * 1024 * 1024) + b"{}" + bytes(100)
    msg = _err(data)
    assert "header claims 52,428,800 bytes" in msg


def test_header_not_json():
    body = b"this is {not json"
    assert "cannot be read as JSON" in _err(struct.pack("<Q", len(body)) + body)
    body = b"[1, 2, 3]"
    assert "not a JSON object" in _err(struct.pack("<Q", len(body)) + body)
    body = b"\xff\xfe\x00garbage"
    assert "cannot be read as JSON" in _err(struct.pack("<Q", len(body)) + body)


def test_wrong_keys(tiny):
    t = tensors_of(tiny)
    missing = dict(t)
    del missing["fc_logvar.bias"]
    assert "missing fc_logvar.bias" in _err(craft(missing))
    extra = {**t, "secret.weight": torch.zeros(3)}
    msg = _err(craft(extra))
    assert "do not fit its settings" in msg and "unexpected secret.weight" in msg


def test_wrong_shapes(tiny):
    # settings say hidden (16, 9) but the weights are a (16, 8) network
    msg = _err(craft(tensors_of(tiny), {**TINY.to_dict(), "hidden": [16, 9]}))
    assert "has shape [8, 16], expected [9, 16]" in msg


def test_latent_size_mismatch(tiny):
    three = build_model(ModelConfig(latent_dim=3, hidden=(16, 8)), seed=0)
    # settings say 2, weights are for 3
    msg = _err(craft(tensors_of(three), TINY.to_dict()))
    assert "latent size 2" in msg and "3" in msg
    # a valid 3-D model where the app needs 2-D
    assert _err(to_bytes(three), require_latent=2) == "this app expects latent size 2 but the file has 3."
    assert load_model(to_bytes(three), require_latent=3).config.latent_dim == 3


def test_bad_dtype(tiny):
    t = tensors_of(tiny)
    t["fc_mu.bias"] = t["fc_mu.bias"].to(torch.int64)
    msg = _err(craft(t))
    assert "has type 'I64'; a model needs float32 or float16" in msg


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_weight(tiny, bad):
    t = tensors_of(tiny)
    t["decoder.0.weight"][1, 1] = bad
    assert _err(craft(t)) == "weight decoder.0.weight contains NaN or infinite values."


def test_file_too_big(tmp_path, tiny):
    big = tmp_path / "big.safetensors"
    with open(big, "wb") as f:            # sparse: costs no disk, must be refused before reading
        f.truncate(MAX_FILE_BYTES + 1)
    msg = _err(big)
    assert "a model file may be at most 16 MB" in msg
    data = to_bytes(tiny)
    assert "may be at most" in _err(data, max_bytes=len(data) - 1)
    assert load_model(data, max_bytes=len(data)).config == TINY


@pytest.mark.parametrize("change, expected", [
    ({"latent_dim": 1000}, "latent size must be between 1 and 64"),
    ({"hidden": [5000]}, "hidden sizes must be between 1 and 2048"),
    ({"hidden": [8, 8, 8, 8, 8]}, "1 to 4 hidden layers"),
    ({"kind": "gan"}, "model kind must be one of vae, ae, cvae"),
    ({"image_size": 64}, "images must be 28x28"),
    ({"dropout": 0.5}, "unknown field"),
])
def test_out_of_range_config(tiny, change, expected):
    msg = _err(craft(tensors_of(tiny), {**TINY.to_dict(), **change}))
    assert "settings" in msg and expected in msg


def test_missing_file(tmp_path):
    assert _err(tmp_path / "nope.safetensors") == f"the model file {tmp_path / 'nope.safetensors'} does not exist."


def test_every_error_is_a_vae_error():
    assert issubclass(CheckpointError, vae_core.VAEError)


# ---------------------------------------------------------------------------------------------- pretrained

def test_pretrained_names():
    assert vae_core.pretrained_names() == ["mnist-vae", "mnist-ae", "mnist-cvae", "fashion-vae", "mnist-dvae"]


@pytest.mark.parametrize("name", list(PRETRAINED))
def test_pretrained_model(name):
    path = ASSETS / PRETRAINED[name]
    assert path.stat().st_size < 2 * 1000 * 1000, "each shipped model is under 2 MB"
    m = vae_core.pretrained(name)
    assert not m.training
    assert m.config.latent_dim == 2
    assert m.config.kind == {"mnist-vae": "vae", "mnist-ae": "ae", "mnist-cvae": "cvae", "fashion-vae": "vae",
                             "mnist-dvae": "vae"}[name]
    assert m.num_params("decoder") <= 500_000, "the browser runs the decoder: an MLP of at most ~0.5 M parameters"
    assert all(isinstance(l, (torch.nn.Linear, torch.nn.ReLU)) for l in m.decoder)
    assert m.meta["name"] == name
    assert m.meta["dataset"] == ("fashion" if name.startswith("fashion") else "mnist")
    metrics = m.meta["metrics"]
    for key in ("test_neg_elbo", "test_recon", "test_kl", "knn_accuracy"):
        assert isinstance(metrics[key], float), key
    assert metrics["test_neg_elbo"] == pytest.approx(metrics["test_recon"] + metrics["test_kl"], abs=1e-3)
    assert m.meta["history"] and m.meta["data_source"] != "embedded", "trained on the full dataset"


def test_pretrained_mnist_vae_quality():
    assert vae_core.pretrained("mnist-vae").meta["metrics"]["test_neg_elbo"] <= 140.0


def test_pretrained_unknown_name():
    with pytest.raises(CheckpointError, match="no shipped model called 'mnist-gan'; choose one of mnist-vae"):
        vae_core.pretrained("mnist-gan")
