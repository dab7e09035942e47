"""Model files: safetensors weights with the config and metadata as JSON in the safetensors header.

Loading never unpickles. Before any tensor is read it checks the size, the header (length, JSON, dtypes,
shapes, offsets inside the file), the config (ranges) and the expected keys and shapes; then it checks the
weights are finite. Every problem raises CheckpointError with one sentence saying what is wrong.
"""
from __future__ import annotations

import json
import os
import struct
import tempfile
import time
from pathlib import Path

import torch
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from .config import ModelConfig
from .errors import CheckpointError
from .model import VAE

FORMAT = "latent-explorer/1"
MAX_FILE_BYTES = 16 * 1024 * 1024    # a default model is ~2 MB; the largest config we accept is far below this
MAX_HEADER_BYTES = 256 * 1024         # header JSON including metadata (history of a long run fits easily)
DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}
ASSETS = Path(__file__).resolve().parent.parent / "assets"
PRETRAINED = {
    "mnist-vae": "mnist-vae.safetensors",
    "mnist-ae": "mnist-ae.safetensors",
    "mnist-cvae": "mnist-cvae.safetensors",
    "fashion-vae": "fashion-vae.safetensors",
}


def _versions() -> dict:
    import numpy
    import safetensors
    return {"torch": torch.__version__.split("+")[0], "numpy": numpy.__version__,
            "safetensors": safetensors.__version__}


def to_bytes(model: VAE, meta: dict | None = None, dtype: torch.dtype = torch.float32) -> bytes:
    """Serialise a model with its config and `meta` (dataset, metrics, history, ...). Weights are stored
    as `dtype` (float32, or float16 to halve the file; they are loaded back as float32)."""
    tensors = {k: v.detach().to("cpu", dtype).contiguous() for k, v in model.state_dict().items()}
    meta = dict(meta or {})
    meta.setdefault("created", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    meta.setdefault("versions", _versions())
    header = {"format": FORMAT, "config": json.dumps(model.config.to_dict()), "meta": json.dumps(meta)}
    return st_save(tensors, metadata=header)


def save_model(model: VAE, path: str | Path, meta: dict | None = None, *, overwrite: bool = True,
               dtype: torch.dtype = torch.float32) -> Path:
    """Write atomically: a temp file in the same folder, flushed, then renamed over `path`.
    A crash at any point leaves either the old file or the new one, never half of one."""
    path = Path(path)
    data = to_bytes(model, meta, dtype)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".safetensors.part")
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a model file is readable like any other
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if path exists: no silent overwrite, even in a race
            except FileExistsError:
                raise CheckpointError(f"a model named {path.stem!r} already exists.") from None
            os.unlink(tmp)
        try:
            dfd = os.open(path.parent, os.O_RDONLY)
            os.fsync(dfd)
            os.close(dfd)
        except OSError:
            pass
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def read_header(data: bytes) -> tuple[dict, dict]:
    """Parse and check the safetensors header of `data` -> (tensor entries, metadata). Reads no tensor."""
    if len(data) < 8:
        raise CheckpointError("this file is not a safetensors model (it is too short).")
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER_BYTES:
        raise CheckpointError(f"this file is not a usable model: its header claims {n:,} bytes "
                              f"(the limit is {MAX_HEADER_BYTES:,}).")
    if 8 + n > len(data):
        raise CheckpointError("this file is not a safetensors model, or it is truncated (the header runs past "
                              "the end of the file).")
    try:
        header = json.loads(data[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CheckpointError("this file is not a safetensors model (its header is not JSON).") from None
    if not isinstance(header, dict):
        raise CheckpointError("this file is not a safetensors model (its header is not a JSON object).")
    meta = header.pop("__metadata__", None) or {}
    if not isinstance(meta, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()):
        raise CheckpointError("this file's metadata is not a mapping of text to text.")
    body = len(data) - 8 - n
    spans = []
    for name, e in header.items():
        if not isinstance(e, dict) or set(e) != {"dtype", "shape", "data_offsets"}:
            raise CheckpointError(f"tensor {name!r} in this file has a malformed entry.")
        if e["dtype"] not in DTYPES:
            raise CheckpointError(f"tensor {name!r} has type {e['dtype']!r}; a model needs float32 or float16.")
        shape, offs = e["shape"], e["data_offsets"]
        if (not isinstance(shape, list) or len(shape) > 4
                or not all(isinstance(d, int) and 0 <= d <= 1 << 24 for d in shape)):
            raise CheckpointError(f"tensor {name!r} has an impossible shape {shape!r}.")
        if (not isinstance(offs, list) or len(offs) != 2 or not all(isinstance(o, int) for o in offs)
                or not 0 <= offs[0] <= offs[1] <= body):
            raise CheckpointError(f"tensor {name!r} points outside the file.")
        numel = 1
        for d in shape:
            numel *= d
        if offs[1] - offs[0] != numel * DTYPES[e["dtype"]].itemsize:
            raise CheckpointError(f"tensor {name!r} has {offs[1] - offs[0]} bytes but its shape needs "
                                  f"{numel * DTYPES[e['dtype']].itemsize}.")
        spans.append((offs[0], offs[1], name))
    spans.sort()
    for (a0, a1, an), (b0, b1, bn) in zip(spans, spans[1:]):
        if b0 < a1:
            raise CheckpointError(f"tensors {an!r} and {bn!r} overlap in this file.")
    return header, meta


def _config_from(meta: dict) -> ModelConfig:
    if meta.get("format") != FORMAT or "config" not in meta:
        raise CheckpointError("this safetensors file is not a Latent Explorer model (its settings are missing).")
    try:
        raw = json.loads(meta["config"])
        if not isinstance(raw, dict):
            raise ValueError("the settings are not a JSON object")
        config = ModelConfig.from_dict(raw)
        config.validate()
    except (ValueError, TypeError, json.JSONDecodeError) as e:
        raise CheckpointError(f"this model's settings are not valid: {e}.") from None
    return config


def _expected_shapes(config: ModelConfig) -> dict[str, tuple]:
    with torch.device("meta"):
        m = VAE(config)
    return {k: tuple(v.shape) for k, v in m.state_dict().items()}


def load_model(source: str | Path | bytes, *, require_latent: int | None = None,
               max_bytes: int = MAX_FILE_BYTES, device: torch.device | str = "cpu") -> VAE:
    """Load a model from a path or from bytes (an upload) -> VAE in eval mode, with `.meta` (a dict).
    Raises CheckpointError for anything that is not a valid Latent Explorer model."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes:
            raise CheckpointError(f"this file is {len(data) / 1e6:.1f} MB; a model file may be at most "
                                  f"{max_bytes / 1e6:.0f} MB.")
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError:
            raise CheckpointError(f"the model file {path} does not exist.") from None
        if size > max_bytes:
            raise CheckpointError(f"this file is {size / 1e6:.1f} MB; a model file may be at most "
                                  f"{max_bytes / 1e6:.0f} MB.")
        data = path.read_bytes()
    header, meta = read_header(data)
    config = _config_from(meta)
    expected = _expected_shapes(config)
    missing = sorted(set(expected) - set(header))
    extra = sorted(set(header) - set(expected))
    if missing or extra:
        raise CheckpointError("this file's weights do not fit its settings: "
                              + (f"missing {', '.join(missing[:3])}" if missing else "")
                              + ("; " if missing and extra else "")
                              + (f"unexpected {', '.join(extra[:3])}" if extra else "") + ".")
    for k, shape in expected.items():
        got = tuple(header[k]["shape"])
        if got != shape:
            if k == "decoder.0.weight" and len(got) == 2 and got[0] == shape[0]:
                c = config.num_classes if config.conditional else 0
                raise CheckpointError(f"the file's settings say latent size {config.latent_dim} but its "
                                      f"decoder takes {got[1] - c}.")
            raise CheckpointError(f"weight {k} has shape {list(got)}, expected {list(shape)}.")
    if require_latent is not None and config.latent_dim != require_latent:
        raise CheckpointError(f"this app expects latent size {require_latent} but the file has "
                              f"{config.latent_dim}.")
    try:
        tensors = st_load(data)
    except Exception as e:  # safetensors raises its own error types; none of them may escape
        raise CheckpointError(f"this file is not a safetensors model ({str(e)[:120]}).") from None
    for k, v in tensors.items():
        if not torch.isfinite(v).all():
            raise CheckpointError(f"weight {k} contains NaN or infinite values.")
    model = VAE(config)
    model.load_state_dict({k: v.float() for k, v in tensors.items()}, strict=True)
    try:
        model.meta = json.loads(meta.get("meta", "{}"))
        if not isinstance(model.meta, dict):
            model.meta = {}
    except json.JSONDecodeError:
        model.meta = {}
    model.requires_grad_(False)
    return model.to(device).eval()


def pretrained_names() -> list[str]:
    """Names of the models shipped in assets/ (those whose file is present)."""
    return [n for n, f in PRETRAINED.items() if (ASSETS / f).is_file()]


def pretrained(name: str, device: torch.device | str = "cpu") -> VAE:
    """Load a shipped model by name: "mnist-vae", "mnist-ae", "mnist-cvae" or "fashion-vae"."""
    if name not in PRETRAINED:
        raise CheckpointError(f"there is no shipped model called {name!r}; choose one of {', '.join(PRETRAINED)}.")
    model = load_model(ASSETS / PRETRAINED[name], device=device)
    model.meta.setdefault("name", name)
    return model
