"""Model files: safetensors weights with the config and metadata as JSON in the safetensors header.

Loading never unpickles. Before any tensor is read it checks the size, the header (length, strict JSON,
metadata size, dtypes, shapes, offsets inside the file and covering it), the config (types and ranges) and the
expected keys and shapes; then it checks the weights are finite. Every problem raises CheckpointError with one
sentence saying what is wrong; nothing else escapes for any input bytes (tests/test_fuzz.py).
"""
from __future__ import annotations

import json
import os
import re
import struct
import tempfile
import time
from pathlib import Path

import torch
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from .config import KINDS, ModelConfig
from .errors import CheckpointError
from .model import VAE

FORMAT = "latent-explorer/1"
MAX_FILE_BYTES = 16 * 1024 * 1024    # a default model is ~2 MB; the largest config we accept is far below this
MAX_META_BYTES = 512 * 1024           # metadata text; a 1,000-epoch history is ~270 KB
MAX_HEADER_BYTES = MAX_META_BYTES + 64 * 1024   # header JSON: the metadata plus a few dozen tensor entries
MAX_DIGITS = 20                       # longest integer accepted in a header (Python would parse any length)
CONFIG_TYPES = {"kind": str, "latent_dim": int, "hidden": list, "num_classes": int, "image_size": int}
DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}
ASSETS = Path(__file__).resolve().parent.parent / "assets"
PRETRAINED = {
    "mnist-vae": "mnist-vae.safetensors",
    "mnist-ae": "mnist-ae.safetensors",
    "mnist-cvae": "mnist-cvae.safetensors",
    "fashion-vae": "fashion-vae.safetensors",
    "mnist-dvae": "mnist-dvae.safetensors",     # trained on damaged digits -> clean ones (the Denoise lesson)
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
    if _text_bytes(header) > MAX_META_BYTES:  # never write a file that load_model would refuse
        raise CheckpointError(f"this model's notes (metadata) are {_text_bytes(header):,} bytes; the limit is "
                              f"{MAX_META_BYTES:,}.")
    return st_save(tensors, metadata=header)


def _text_bytes(meta: dict) -> int:
    return sum(len(k.encode("utf-8", "surrogatepass")) + len(v.encode("utf-8", "surrogatepass"))
               for k, v in meta.items())


def _show(value, quote: bool = True) -> str:
    """A value taken from the file, fit for a message: shown only if short and plain (letters, digits and a
    little punctuation), so no markup, control or right-to-left characters from a file reach the screen."""
    text = repr(value) if quote else str(value)
    if len(text) <= 40 and re.fullmatch(r"[\w .,+\-\[\]'()]*", text, flags=re.ASCII):
        return text
    return "(unreadable)"


class _Refused(ValueError):
    pass


def _strict_json(text: str, what: str):
    """json.loads for untrusted text: refuses duplicate keys (another parser could pick the other value),
    NaN / Infinity, integers longer than MAX_DIGITS and deep nesting, each with a CheckpointError."""
    def pairs(items):
        out = {}
        for k, v in items:
            if k in out:
                raise _Refused(f"in {what}, {_show(k)} appears twice")
            out[k] = v
        return out

    def constant(name):
        raise _Refused(f"in {what}, {name} is not a valid number")

    def integer(s):
        if len(s.lstrip("-")) > MAX_DIGITS:
            raise _Refused(f"in {what}, a number has {len(s.lstrip('-')):,} digits")
        return int(s)

    def real(s):
        v = float(s)
        if v != v or v in (float("inf"), float("-inf")):
            raise _Refused(f"in {what}, the number {s[:30]} is too large")
        return v

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=integer,
                          parse_float=real)
    except _Refused as e:
        raise CheckpointError(f"this file is not a usable model: {e}.") from None
    except RecursionError:
        raise CheckpointError(f"this file is not a usable model: in {what}, the brackets nest too deeply.") from None
    except ValueError:  # json.JSONDecodeError
        kind = "safetensors" if what == "its header" else "usable"
        raise CheckpointError(f"this file is not a {kind} model: {what} cannot be read as JSON.") from None


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


def _other_format(data: bytes) -> str | None:
    """A sentence naming a well-known non-safetensors format `data` starts with, else None.
    Used only once the safetensors header has failed, so a real model is never mistaken for one."""
    if data[:1] == b"\x80" and data[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        return ("this file is a Python pickle (like an old PyTorch .pt file), not a safetensors model; pickles can "
                "run code, so they are never opened here.")
    if data[:4] == b"PK\x03\x04":
        return ("this file is a zip archive (like a PyTorch .pt or .bin file), not a safetensors model; the "
                "pickles inside such files can run code, so they are never opened here.")
    for magic, kind in ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
                        (b"\x1f\x8b", "a gzip archive"), (b"\x89HDF", "an HDF5 (Keras) file")):
        if data.startswith(magic):
            return f"this file is {kind}, not a safetensors model."
    return None


def _refuse(data: bytes, sentence: str):
    raise CheckpointError(_other_format(data) or sentence)


def read_header(data: bytes) -> tuple[dict, dict]:
    """Parse and check the safetensors header of `data` -> (tensor entries, metadata). Reads no tensor."""
    if len(data) < 8:
        _refuse(data, "this file is not a safetensors model (it is too short).")
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER_BYTES:
        _refuse(data, f"this file is not a usable model: its header claims {n:,} bytes "
                      f"(the limit is {MAX_HEADER_BYTES:,}).")
    if 8 + n > len(data):
        _refuse(data, "this file is not a safetensors model, or it is truncated (the header runs past "
                      "the end of the file).")
    try:
        text = data[8:8 + n].decode("utf-8")
    except UnicodeDecodeError:
        _refuse(data, "this file is not a safetensors model: its header cannot be read as JSON.")
    try:
        header = _strict_json(text, "its header")
    except CheckpointError as e:
        _refuse(data, str(e))
    if not isinstance(header, dict):
        raise CheckpointError("this file is not a safetensors model (its header is not a JSON object).")
    meta = header.pop("__metadata__", None) or {}
    if not isinstance(meta, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()):
        raise CheckpointError("this file's metadata is not a mapping of text to text.")
    if _text_bytes(meta) > MAX_META_BYTES:
        raise CheckpointError(f"this file's metadata is {_text_bytes(meta):,} bytes; the limit is "
                              f"{MAX_META_BYTES:,}.")
    body = len(data) - 8 - n
    spans = []
    for name, e in header.items():
        if not isinstance(e, dict) or set(e) != {"dtype", "shape", "data_offsets"}:
            raise CheckpointError(f"tensor {_show(name)} in this file has a malformed entry.")
        if not isinstance(e["dtype"], str) or e["dtype"] not in DTYPES:
            raise CheckpointError(f"tensor {_show(name)} has type {_show(e['dtype'])}; a model needs float32 or "
                                  "float16.")
        shape, offs = e["shape"], e["data_offsets"]
        if (not isinstance(shape, list) or len(shape) > 4
                or not all(type(d) is int and 0 <= d <= 1 << 24 for d in shape)):   # type(): no bools
            raise CheckpointError(f"tensor {_show(name)} has an impossible shape {_show(shape)}.")
        if (not isinstance(offs, list) or len(offs) != 2 or not all(type(o) is int for o in offs)
                or not 0 <= offs[0] <= offs[1]):
            raise CheckpointError(f"tensor {_show(name)} has malformed data offsets {_show(offs)}.")
        numel = 1
        for d in shape:
            numel *= d
        if offs[1] - offs[0] != numel * DTYPES[e["dtype"]].itemsize:
            raise CheckpointError(f"tensor {_show(name)} has {offs[1] - offs[0]} bytes but its shape needs "
                                  f"{numel * DTYPES[e['dtype']].itemsize}.")
        spans.append((offs[0], offs[1], name))
    spans.sort()
    for (a0, a1, an), (b0, b1, bn) in zip(spans, spans[1:]):
        if b0 < a1:
            raise CheckpointError(f"tensors {_show(an)} and {_show(bn)} overlap in this file.")
    # Like safetensors itself: the tensors fill the data section exactly, with no gap and nothing after.
    starts, ends = [a0 for a0, _, _ in spans], [0] + [a1 for _, a1, _ in spans]
    end = ends[-1]
    if end > body:
        if starts == ends[:-1]:
            raise CheckpointError(f"this file is truncated or damaged: its header describes {end:,} bytes of "
                                  f"weights but the file holds {body:,}.")
        name = next(nm for _, a1, nm in spans if a1 > body)
        raise CheckpointError(f"tensor {_show(name)} points outside the file.")
    if starts + [body] != ends:
        raise CheckpointError("this file has bytes that belong to no tensor (it is damaged or was altered).")
    return header, meta


def _config_from(meta: dict) -> ModelConfig:
    if meta.get("format") != FORMAT or "config" not in meta:
        raise CheckpointError("this safetensors file is not a Latent Explorer model (its settings are missing).")
    raw = _strict_json(meta["config"], "its settings")
    if not isinstance(raw, dict):
        raise CheckpointError("this model's settings are not valid: they are not a JSON object.")
    for k, v in raw.items():
        if k not in CONFIG_TYPES:
            raise CheckpointError(f"this model's settings have an unknown field {_show(k)}.")
        # Exact types: JSON true/false would pass isinstance(..., int), 28.0 would pass == 28.
        if type(v) is not CONFIG_TYPES[k] or (k == "hidden" and not all(type(h) is int for h in v)):
            raise CheckpointError(f"this model's setting {k!r} has the wrong type ({_show(v)}).")
    if raw.get("kind", "vae") not in KINDS:   # checked here so the file's text is shown only via _show
        raise CheckpointError(f"this model's settings are not valid: model kind must be one of "
                              f"{', '.join(KINDS)}, not {_show(raw['kind'])}.")
    try:
        config = ModelConfig.from_dict(raw)
        config.validate()
    except (ValueError, TypeError) as e:
        raise CheckpointError(f"this model's settings are not valid: {e}.") from None
    return config


def _clean_meta(text: str) -> dict:
    """The free-form notes: kept if they parse, with the fields the app reads dropped when of the wrong type."""
    try:
        meta = _strict_json(text, "its notes")
    except CheckpointError:
        return {}
    if not isinstance(meta, dict):
        return {}
    types = {"dataset": str, "name": str, "history": list, "metrics": dict, "stopped_early": bool, "train": dict}
    meta = {k: v for k, v in meta.items() if k not in types or type(v) is types[k]}
    if "history" in meta and not all(isinstance(h, dict) for h in meta["history"]):
        del meta["history"]
    return meta


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
            raise CheckpointError(f"this file is {len(data) / 2**20:.1f} MB; a model file may be at most "
                                  f"{max_bytes / 2**20:.0f} MB.")
    else:
        path = Path(source)
        try:
            if not path.is_file():   # also refuses folders, pipes and devices (reading a pipe would block)
                raise CheckpointError(f"the model file {path} does not exist.")
            size = path.stat().st_size
            if size > max_bytes:
                raise CheckpointError(f"this file is {size / 2**20:.1f} MB; a model file may be at most "
                                      f"{max_bytes / 2**20:.0f} MB.")
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)   # the file may have grown since stat()
        except (OSError, ValueError) as e:
            raise CheckpointError(f"the model file {path} cannot be read ({type(e).__name__}).") from None
        if len(data) > max_bytes:
            raise CheckpointError(f"this file is larger than {max_bytes / 2**20:.0f} MB, the limit for a model file.")
    header, meta = read_header(data)
    config = _config_from(meta)
    expected = _expected_shapes(config)
    missing = sorted(set(expected) - set(header))
    extra = sorted(set(header) - set(expected))
    if missing or extra:
        raise CheckpointError("this file's weights do not fit its settings: "
                              + (f"missing {', '.join(missing[:3])}" if missing else "")
                              + ("; " if missing and extra else "")
                              + (f"unexpected {', '.join(_show(k, quote=False) for k in extra[:3])}" if extra else "") + ".")
    got = header["fc_mu.weight"]["shape"]
    if len(got) == 2 and got[0] != config.latent_dim:
        raise CheckpointError(f"the file's settings say latent size {config.latent_dim} but its encoder gives "
                              f"{got[0]}.")
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
    model.meta = _clean_meta(meta.get("meta", "{}"))
    model.requires_grad_(False)
    return model.to(device).eval()


def pretrained_names() -> list[str]:
    """Names of the models shipped in assets/ (those whose file is present)."""
    return [n for n, f in PRETRAINED.items() if (ASSETS / f).is_file()]


def pretrained(name: str, device: torch.device | str = "cpu") -> VAE:
    """Load a shipped model by name: "mnist-vae", "mnist-ae", "mnist-cvae", "fashion-vae" or
    "mnist-dvae" (the denoiser)."""
    if name not in PRETRAINED:
        raise CheckpointError(f"there is no shipped model called {name!r}; choose one of {', '.join(PRETRAINED)}.")
    model = load_model(ASSETS / PRETRAINED[name], device=device)
    model.meta.setdefault("name", name)
    return model
