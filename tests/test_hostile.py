"""Hostile files, built here by the test itself: each model file is refused by vae_core.load_model with its own
one-sentence CheckpointError, before any tensor is read where the header already shows the problem, and the
pickle payloads (which really do create a marker file when unpickled: checked first) never run. Odd and
hostile images each give a clear ImageError or a sensible conversion.

The figures in SECURITY.md come from this file: len(MODEL_CASES) hostile model files (each tried as bytes and
as a file on disk), len(IMAGE_REFUSALS) hostile images plus the conversions."""
from __future__ import annotations

import io
import json
import pickle
import re
import struct
import time
import zipfile
import zlib

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

import vae_core
from vae_core import checkpoint, pictures_in

# ---------------------------------------------------------------------------------------------- building blocks

SMALL = vae_core.ModelConfig(hidden=(16,))
HANG_SECONDS = 60.0   # a refusal that hangs fails; a busy 2-core CI machine does not (speed is measured in bench/)


def model_bytes(config: vae_core.ModelConfig = SMALL, *, meta: dict | None = None, dtype=torch.float32,
                edit=None) -> bytes:
    """A genuine model file; `edit(state_dict)` may change the weights (shape, values) before saving."""
    m = vae_core.build_model(config, seed=0)
    if edit is None:
        return vae_core.to_bytes(m, meta or {"dataset": "mnist"}, dtype)
    from safetensors.torch import save
    sd = {k: v.detach().clone().to(dtype) for k, v in m.state_dict().items()}
    edit(sd)
    header = {"format": checkpoint.FORMAT, "config": json.dumps(config.to_dict()), "meta": json.dumps(meta or {})}
    return save({k: v.contiguous() for k, v in sd.items()}, metadata=header)


def split(data: bytes) -> tuple[dict, bytes]:
    (n,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8:8 + n]), data[8 + n:]


def join(header, body: bytes = b"") -> bytes:
    text = header if isinstance(header, (str, bytes)) else json.dumps(header)
    raw = text.encode() if isinstance(text, str) else text
    return struct.pack("<Q", len(raw)) + raw + body


def edit_header(data: bytes, fn) -> bytes:
    """Re-write a valid file's header with fn(header) (which edits in place); the tensor bytes stay."""
    header, body = split(data)
    fn(header)
    return join(header, body)


def with_config(text: str) -> bytes:
    """A valid file whose settings JSON is replaced by `text` (raw, so it can be anything)."""
    return edit_header(model_bytes(), lambda h: h["__metadata__"].__setitem__("config", text))


def config_json(**change) -> str:
    d = SMALL.to_dict()
    d.update(change)
    return json.dumps(d)


class Payload:
    """Unpickling this calls open(marker, "w"): the file appears. A stand-in for any code a pickle can run."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def pickle_payload(marker) -> bytes:
    return pickle.dumps(Payload(marker), protocol=4)


def pickle_payload_proto0(marker) -> bytes:
    return pickle.dumps(Payload(marker), protocol=0)


def torch_payload(marker, legacy: bool = False) -> bytes:
    """What torch.save writes (a zip of data.pkl, or the legacy raw pickle) with the payload inside."""
    buf = io.BytesIO()
    torch.save({"state_dict": Payload(marker)}, buf, _use_new_zipfile_serialization=not legacy)
    return buf.getvalue()


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("model/weights.txt", "0.1 0.2 0.3\n")
    return buf.getvalue()


def swap_offsets(header):
    """fc_logvar.bias uses fc_mu.bias's bytes (same shape): two tensors overlap."""
    header["fc_logvar.bias"]["data_offsets"] = list(header["fc_mu.bias"]["data_offsets"])


def outside(header):
    """fc_mu.bias's offsets point past the end of the file."""
    a, b = header["fc_mu.bias"]["data_offsets"]
    header["fc_mu.bias"]["data_offsets"] = [a + 10 ** 6, b + 10 ** 6]


def terabyte_tensor(header):
    """One tensor claims a 2**20 x 2**20 float32 shape (4 TiB) with matching offsets."""
    header["decoder.2.weight"] = {"dtype": "F32", "shape": [1 << 20, 1 << 20], "data_offsets": [0, 4 << 40]}
    for k in list(header):
        if k not in ("__metadata__", "decoder.2.weight"):
            del header[k]


def huge_meta(n_bytes: int):
    return lambda h: h["__metadata__"].__setitem__("meta", json.dumps({"notes": "x" * n_bytes}))


def set_nan(sd):
    sd["decoder.0.weight"][0, 0] = float("nan")


def set_inf(sd):
    sd["fc_mu.weight"][1, 3] = float("inf")


def set_neg_inf_f16(sd):
    sd["encoder.0.bias"][5] = float("-inf")


def wrong_shape(sd):
    sd["encoder.0.weight"] = torch.zeros(16, 783)


def rename_tensor(sd):
    sd["decoder.0.weight_evil"] = sd.pop("decoder.0.weight")


def extra_tensor(sd):
    sd["backdoor"] = torch.zeros(3)


def i64_tensor(header):
    header["fc_mu.bias"]["dtype"] = "I32"   # same size as F32, so the offsets still add up


def dup_tensor_header(data: bytes) -> bytes:
    """The header names a tensor twice (JSON allows it; parsers disagree which one wins)."""
    header, body = split(data)
    text = json.dumps(header)
    entry = json.dumps(header["fc_mu.bias"])
    return join(text[:-1] + f', "fc_mu.bias": {entry}' + "}", body)


def png_bytes(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="PNG", **kw)
    return buf.getvalue()


def config_for_latent(latent: int) -> bytes:
    return model_bytes(vae_core.ModelConfig(latent_dim=latent, hidden=(16,)))


def latent_mismatch() -> bytes:
    """Settings say latent 2; the weights are those of a latent-3 model."""
    data = config_for_latent(3)
    return edit_header(data, lambda h: h["__metadata__"].__setitem__("config", config_json(latent_dim=2)))


# (name, builder(marker) -> bytes, a regex the message must match, load_model keyword arguments, reads_tensors)
# reads_tensors: False when the header alone shows the problem, so safetensors must never be asked to load.
MODEL_CASES = [
    ("pickle as .safetensors", pickle_payload, r"Python pickle .* never opened", {}, False),
    ("pickle protocol 0", pickle_payload_proto0, r"header claims [\d,]+ bytes", {}, False),
    ("torch.save zip as .pt", lambda m: torch_payload(m), r"zip archive .* never opened", {}, False),
    ("legacy torch.save as .bin", lambda m: torch_payload(m, legacy=True), r"Python pickle .* never opened", {},
     False),
    ("plain zip", lambda m: plain_zip(), r"zip archive", {}, False),
    ("PNG sent as a model", lambda m: png_bytes(Image.new("L", (28, 28))), r"is a PNG image, not a safetensors", {},
     False),
    ("empty file", lambda m: b"", r"too short", {}, False),
    ("seven bytes", lambda m: b"\x10\0\0\0\0\0\0", r"too short", {}, False),
    ("header claims a terabyte", lambda m: struct.pack("<Q", 1 << 40) + b"{}", r"claims 1,099,511,627,776 bytes",
     {}, False),
    ("header runs past the end", lambda m: model_bytes()[:200], r"header runs past the end", {}, False),
    ("truncated in the weights", lambda m: model_bytes()[:len(model_bytes()) // 2],
     r"truncated or damaged: its header describes [\d,]+ bytes of weights but the file holds", {}, False),
    ("last byte missing", lambda m: model_bytes()[:-1], r"truncated or damaged", {}, False),
    ("bytes after the weights", lambda m: model_bytes() + b"#!/bin/sh\nrm -rf /\n", r"bytes that belong to no tensor",
     {}, False),
    ("overlapping offsets", lambda m: edit_header(model_bytes(), swap_offsets), r"overlap in this file", {}, False),
    ("offsets outside the file", lambda m: edit_header(model_bytes(), outside), r"'fc_mu.bias' points outside the file",
     {}, False),
    ("a tensor claims 4 TiB", lambda m: edit_header(model_bytes(), terabyte_tensor),
     r"describes 4,398,046,511,104 bytes of weights", {}, False),
    ("negative offsets", lambda m: edit_header(model_bytes(), lambda h: h["fc_mu.bias"].__setitem__(
        "data_offsets", [-8, 0])), r"malformed data offsets", {}, False),
    ("impossible shape", lambda m: edit_header(model_bytes(), lambda h: h["fc_mu.bias"].__setitem__(
        "shape", [1, 1, 1, 1, 1, 2])), r"impossible shape", {}, False),
    ("boolean shape", lambda m: edit_header(model_bytes(), lambda h: h["fc_mu.bias"].__setitem__(
        "shape", [True, 2])), r"impossible shape", {}, False),
    ("integer weights", lambda m: edit_header(model_bytes(), i64_tensor), r"type 'I32'; a model needs float", {},
     False),
    ("header is not JSON", lambda m: join(b"\x00not json at all"), r"header cannot be read as JSON", {}, False),
    ("header is not UTF-8", lambda m: join(b'{"\xff\xfe": 1}'), r"header cannot be read as JSON", {}, False),
    ("header is a list", lambda m: join("[1, 2, 3]"), r"not a JSON object", {}, False),
    ("header nests 100,000 deep", lambda m: join("[" * 100_000 + "]" * 100_000), r"nest too deeply", {}, False),
    ("a tensor named twice", lambda m: dup_tensor_header(model_bytes()), r"'fc_mu.bias' appears twice", {}, False),
    ("metadata 530 KB", lambda m: edit_header(model_bytes(), huge_meta(530_000)),
     r"metadata is [\d,]+ bytes; the limit is 524,288", {}, False),
    ("metadata 5 MB", lambda m: edit_header(model_bytes(), huge_meta(5_000_000)), r"header claims [\d,]+ bytes",
     {}, False),
    ("metadata not text", lambda m: edit_header(model_bytes(), lambda h: h.__setitem__("__metadata__", {"a": 1})),
     r"metadata is not a mapping of text to text", {}, False),
    ("a plain safetensors file", lambda m: edit_header(model_bytes(), lambda h: h.pop("__metadata__")),
     r"not a Latent Explorer model", {}, False),
    ("settings are a pickle", lambda m: with_config(pickle_payload(m).decode("latin-1")),
     r"not a usable model: its settings cannot be read as JSON", {}, False),
    ("latent size of a billion", lambda m: with_config(config_json(latent_dim=10 ** 9)),
     r"latent size must be between 1 and 64, not 1000000000", {}, False),
    ("latent size true", lambda m: with_config(config_json(latent_dim=True)),
     r"setting 'latent_dim' has the wrong type \(True\)", {}, False),
    ("latent size 2.0", lambda m: with_config(config_json(latent_dim=2.0)),
     r"setting 'latent_dim' has the wrong type \(2.0\)", {}, False),
    ("latent size '2'", lambda m: with_config(config_json(latent_dim="2")),
     r"setting 'latent_dim' has the wrong type \('2'\)", {}, False),
    ("hidden sizes as text", lambda m: with_config(config_json(hidden="16")), r"setting 'hidden' has the wrong type",
     {}, False),
    ("hidden size 1e400", lambda m: with_config(config_json().replace("[16]", "[1e400]")),
     r"the number 1e400 is too large", {}, False),
    ("hidden size NaN", lambda m: with_config(config_json().replace("[16]", "[NaN]")), r"NaN is not a valid number",
     {}, False),
    ("hidden size of 5,000 digits", lambda m: with_config(config_json().replace("[16]", "[" + "9" * 5000 + "]")),
     r"a number has 5,000 digits", {}, False),
    ("hidden size 0", lambda m: with_config(config_json(hidden=[0])), r"hidden sizes must be between 1 and 2048", {},
     False),
    ("ten hidden layers", lambda m: with_config(config_json(hidden=[16] * 10)), r"1 to 4 hidden layers", {}, False),
    ("image size 28.0", lambda m: with_config(config_json(image_size=28.0)),
     r"setting 'image_size' has the wrong type \(28.0\)", {}, False),
    ("kind 'gan'", lambda m: with_config(config_json(kind="gan")), r"model kind must be one of vae, ae, cvae", {},
     False),
    ("unknown setting", lambda m: with_config(config_json(exec="import os")), r"unknown field 'exec'", {}, False),
    ("settings name a key twice", lambda m: with_config(config_json()[:-1] + ', "latent_dim": 3}'),
     r"'latent_dim' appears twice", {}, False),
    ("settings nest deeply", lambda m: with_config("[" * 50_000 + "]" * 50_000), r"nest too deeply", {}, False),
    ("settings not an object", lambda m: with_config("[2, 16]"), r"settings are not valid: they are not a JSON "
     r"object", {}, False),
    ("wrong shape", lambda m: model_bytes(edit=wrong_shape), r"encoder.0.weight has shape \[16, 783\], expected "
     r"\[16, 784\]", {}, False),
    ("a weight renamed", lambda m: model_bytes(edit=rename_tensor), r"missing decoder.0.weight; unexpected "
     r"decoder.0.weight_evil", {}, False),
    ("an extra tensor", lambda m: model_bytes(edit=extra_tensor), r"unexpected backdoor", {}, False),
    ("settings say latent 2, weights latent 3", lambda m: latent_mismatch(),
     r"settings say latent size 2 but its encoder gives 3", {}, False),
    ("a latent-3 model where 2 is required", lambda m: config_for_latent(3),
     r"this app expects latent size 2 but the file has 3", {"require_latent": 2}, False),
    ("a NaN weight", lambda m: model_bytes(edit=set_nan), r"weight decoder.0.weight contains NaN or infinite", {},
     True),
    ("an infinite weight", lambda m: model_bytes(edit=set_inf), r"weight fc_mu.weight contains NaN or infinite", {},
     True),
    ("-inf in float16", lambda m: model_bytes(edit=set_neg_inf_f16, dtype=torch.float16),
     r"weight encoder.0.bias contains NaN or infinite", {}, True),
    ("17 MB of bytes", lambda m: model_bytes() + b"\0" * (17 << 20), r"a model file may be at most 16 MB", {},
     False),
]
IDS = [c[0] for c in MODEL_CASES]


@pytest.fixture
def marker(tmp_path):
    return tmp_path / "PAYLOAD-RAN"


@pytest.fixture
def no_unpickling(monkeypatch):
    """Make any attempt to unpickle or torch.load fail loudly (on top of the marker check)."""
    def refuse(*a, **k):
        raise AssertionError("the loader tried to unpickle")
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)
    monkeypatch.setattr(torch, "load", refuse)


@pytest.fixture
def tensor_reads(monkeypatch):
    """Counts calls to the safetensors loader inside vae_core.checkpoint."""
    calls = []
    real = checkpoint.st_load

    def counting(data):
        calls.append(len(data))
        return real(data)
    monkeypatch.setattr(checkpoint, "st_load", counting)
    return calls


def one_sentence(msg: str) -> None:
    assert msg and "\n" not in msg and len(msg) <= 240, msg
    assert msg.endswith("."), msg
    assert not re.search(r"[.;]\s+[A-Z]", msg), f"more than one sentence: {msg}"
    assert "Traceback" not in msg and "Error" not in msg, msg


# ---------------------------------------------------------------------------------------------- the payloads are live

def test_the_payloads_really_run_when_unpickled(marker):
    """Proof that the corpus is hostile: unpickling each payload the usual way creates the marker file."""
    for data, opener in ((pickle_payload(marker), pickle.loads), (pickle_payload_proto0(marker), pickle.loads),
                         (torch_payload(marker), lambda d: torch.load(io.BytesIO(d), weights_only=False)),
                         (torch_payload(marker, legacy=True),
                          lambda d: torch.load(io.BytesIO(d), weights_only=False))):
        assert not marker.exists()
        opener(data)
        assert marker.exists(), "the payload should have created the marker"
        marker.unlink()


# ---------------------------------------------------------------------------------------------- model files

@pytest.mark.parametrize("name,build,pattern,kwargs,reads_tensors", MODEL_CASES, ids=IDS)
def test_hostile_model_file_is_refused(name, build, pattern, kwargs, reads_tensors, marker, tmp_path,
                                       no_unpickling, tensor_reads):
    data = build(marker)
    messages = []
    for suffix in (".safetensors", ".pt", ".bin"):   # what the file is called changes nothing
        path = tmp_path / f"upload{suffix}"
        path.write_bytes(data)
        for source in (data, path):
            t0 = time.perf_counter()
            with pytest.raises(vae_core.CheckpointError) as e:
                vae_core.load_model(source, **kwargs)
            assert time.perf_counter() - t0 < HANG_SECONDS, f"{name}: the refusal hung"
            messages.append(str(e.value))
    assert len(set(messages)) == 1, f"{name}: the message depends on how the file was given: {set(messages)}"
    msg = messages[0]
    assert re.search(pattern, msg), f"{name}: {msg!r} does not match {pattern!r}"
    one_sentence(msg)
    assert not marker.exists(), f"{name}: the payload ran"
    if not reads_tensors:
        assert tensor_reads == [], f"{name}: tensors were read although the header showed the problem"


def test_every_case_has_its_own_message(marker):
    """Different faults are told apart: all messages differ except those naming the same fault class."""
    msgs = {}
    for name, build, pattern, kwargs, _ in MODEL_CASES:
        with pytest.raises(vae_core.CheckpointError) as e:
            vae_core.load_model(build(marker), **kwargs)
        msgs[name] = str(e.value)
    distinct = len(set(msgs.values()))
    # Allowed duplicates: the two "too short" files, the two non-UTF-8/non-JSON headers, plain zip vs torch zip.
    assert distinct >= len(MODEL_CASES) - 4, msgs
    assert not marker.exists()


@pytest.mark.parametrize("evil", ["![x](https://tracker.example/p.png)", "<script>alert(1)</script>",
                                  "a\u202eflow.exe", "line\nbreak", "x" * 300])
def test_names_from_the_file_never_reach_the_message_raw(evil):
    """A tensor name or setting taken from the file is shown only if short and plain: the UI renders
    messages as Markdown, so a name like a Markdown image or HTML must not be echoed."""
    header, body = split(model_bytes())
    header[evil] = header.pop("fc_mu.bias")
    for data in (join(header, body), with_config(config_json(**{"kind": evil})),
                 with_config(config_json()[:-1] + f", {json.dumps(evil)}: 1}}")):
        with pytest.raises(vae_core.CheckpointError) as e:
            vae_core.load_model(data)
        msg = str(e.value)
        one_sentence(msg)
        for bad in ("![", "<", "\u202e", "\n", "x" * 50, "https"):
            assert bad not in msg, msg


def test_huge_sparse_file_on_disk_is_refused_before_reading(tmp_path, monkeypatch):
    """A 20 GB file (sparse: it costs nothing on disk) is refused from its size alone."""
    path = tmp_path / "huge.safetensors"
    with open(path, "wb") as f:
        f.truncate(20 << 30)
    monkeypatch.setattr(checkpoint, "read_header", lambda data: pytest.fail("the file was read"))
    with pytest.raises(vae_core.CheckpointError, match=r"this file is 20480.0 MB; a model file may be at most 16 MB"):
        vae_core.load_model(path)


@pytest.mark.parametrize("what", ["folder", "missing", "fifo"])
def test_paths_that_are_not_files(what, tmp_path):
    import os
    path = tmp_path / "m.safetensors"
    if what == "folder":
        path.mkdir()
    elif what == "fifo":
        os.mkfifo(path)   # reading a pipe would block forever
    with pytest.raises(vae_core.CheckpointError, match="does not exist"):
        vae_core.load_model(path)


# ---------------------------------------------------------------------------------------------- other architectures

def test_a_different_architecture_loads_and_says_what_it_is():
    """Valid files for other shapes are not errors: they load with their own settings, and an app that needs
    a 2-D latent says so in one sentence (the pages show `error.model_not_2d`)."""
    for cfg in (vae_core.ModelConfig(latent_dim=3, hidden=(16,)),
                vae_core.ModelConfig(hidden=(64, 32, 8)),
                vae_core.ModelConfig(kind="cvae", hidden=(16,)),
                vae_core.ModelConfig(kind="ae", latent_dim=5, hidden=(8, 8))):
        m = vae_core.load_model(model_bytes(cfg))
        assert m.config == cfg
        assert not m.training and not any(p.requires_grad for p in m.parameters())
        mu, _ = m.encode(torch.zeros(2, 1, 28, 28), torch.zeros(2) if cfg.conditional else None)
        assert mu.shape == (2, cfg.latent_dim)
    with pytest.raises(vae_core.CheckpointError, match=r"^this app expects latent size 2 but the file has 5\.$"):
        vae_core.load_model(model_bytes(vae_core.ModelConfig(kind="ae", latent_dim=5, hidden=(8,))), require_latent=2)


def test_float16_model_and_notes_of_the_wrong_type_are_handled():
    """A float16 file loads as float32; notes (metadata) fields the app reads are dropped when mistyped, the
    rest kept; notes that do not parse are ignored, not fatal."""
    m = vae_core.load_model(model_bytes(dtype=torch.float16, meta={"dataset": ["mnist"], "history": "lots",
                                                                   "name": "ok", "extra": [1, 2]}))
    assert m.fc_mu.weight.dtype == torch.float32
    assert {k: m.meta[k] for k in m.meta if k not in ("created", "versions")} == {"name": "ok", "extra": [1, 2]}
    broken = edit_header(model_bytes(), lambda h: h["__metadata__"].__setitem__("meta", "[" * 50_000))
    assert vae_core.load_model(broken).meta == {}


def test_saving_refuses_notes_the_loader_would_refuse(tmp_path):
    m = vae_core.build_model(SMALL, seed=0)
    with pytest.raises(vae_core.CheckpointError, match="notes"):
        vae_core.save_model(m, tmp_path / "big.safetensors", {"notes": "x" * 600_000})
    assert list(tmp_path.iterdir()) == []
    # The longest history training can make (1,000 epochs) still fits.
    hist = [{"epoch": i, "train_loss": 150.123456, "train_recon": 140.123456, "train_kl": 6.123456,
             "test_loss": 151.123456, "test_recon": 141.123456, "test_kl": 6.123456, "lr": 0.001, "seconds": 1.23}
            for i in range(1000)]
    vae_core.load_model(vae_core.save_model(m, tmp_path / "long.safetensors", {"history": hist}))


# ---------------------------------------------------------------------------------------------- images

def digit_picture(size=(120, 160), ink=0, paper=255, mode="L") -> Image.Image:
    """A '7' drawn with dark ink on light paper (gray levels; RGB pictures get the same gray in each channel)."""
    if mode == "RGB":
        ink, paper = (ink,) * 3, (paper,) * 3
    im = Image.new(mode, size, paper)
    d = ImageDraw.Draw(im)
    w, h = size
    d.line([(w * 0.2, h * 0.2), (w * 0.8, h * 0.2), (w * 0.4, h * 0.85)], fill=ink, width=max(3, w // 10))
    return im


def encode(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    return buf.getvalue()


REFERENCE = None


def reference_digit() -> np.ndarray:
    global REFERENCE
    if REFERENCE is None:
        REFERENCE = vae_core.image_to_digit(encode(digit_picture(), "PNG"))
    return REFERENCE


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def bomb_png(width: int, height: int, *, full: bool = True) -> bytes:
    """A real 1-bit PNG of width x height zero pixels (a few hundred KB at most for 400 megapixels)."""
    row = b"\0" + b"\0" * ((width + 7) // 8)
    z = zlib.compressobj(9)
    body = []
    if full:
        chunk = row * 1000
        for _ in range(height // 1000):
            body.append(z.compress(chunk))
        body.append(z.compress(row * (height % 1000)))
    body.append(z.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", b"".join(body))
            + png_chunk(b"IEND", b""))


def animated_gif() -> bytes:
    """Three frames: the '7', a blank page, then a '1' (a vertical bar)."""
    one = Image.new("L", (120, 160), 255)
    ImageDraw.Draw(one).line([(60, 20), (60, 140)], fill=0, width=14)
    frames = [digit_picture(), Image.new("L", (120, 160), 255), one]
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buf.getvalue()


def tiff() -> bytes:
    return encode(digit_picture(), "TIFF")


IMAGE_REFUSALS = [
    ("36-megapixel bomb (over our 25)", lambda: bomb_png(6000, 6000), r"too large to open safely \(over 25 megapixels\)"),
    ("400-megapixel bomb (over Pillow's)", lambda: bomb_png(20000, 20000),
     r"too large to open safely \(over 25 megapixels\)"),
    ("bomb header without data", lambda: bomb_png(100000, 100000, full=False), r"too large to open safely \(over 25 megapixels\)"),
    ("one pixel row of 30 million", lambda: bomb_png(30_000_000, 1, full=False), r"too large to open safely \(over 25 megapixels\)"),
    ("truncated PNG", lambda: encode(digit_picture(), "PNG")[:300], r"truncated or damaged|damaged or not a complete picture"),
    ("truncated JPEG", lambda: encode(digit_picture(), "JPEG", quality=90)[:400], r"truncated or damaged|damaged or not a complete picture"),
    ("PNG with a damaged header chunk", lambda: (lambda b: b[:20] + bytes([b[20] ^ 0xFF]) + b[21:])(
        encode(digit_picture(), "PNG")), r"truncated or damaged|damaged or not a complete picture"),
    ("PNG with damaged pixel data", lambda: (lambda b: b[:60] + b"\xff" * 40 + b[100:])(
        encode(digit_picture(), "PNG")), r"truncated or damaged|damaged or not a complete picture"),
    ("text file", lambda: b"hello, this is my homework\n" * 20, r"not an image that can be read here"),
    ("a model file", lambda: model_bytes(), r"not an image that can be read here"),
    ("a pickle", lambda: pickle_payload("/tmp/never-created-by-images"), r"not an image that can be read here"),
    ("TIFF (not offered)", tiff, r"not an image that can be read here \(use PNG, JPEG, GIF, BMP or WebP\)"),
    ("empty file", lambda: b"", r"the file is empty"),
    ("11 MB file", lambda: encode(digit_picture(), "PNG") + b"\0" * (11 << 20), r"the limit is 10 MB"),
    ("blank white page", lambda: encode(Image.new("L", (200, 200), 255), "PNG"), r"the picture is empty"),
    ("fully transparent PNG", lambda: encode(Image.new("RGBA", (50, 50), (0, 0, 0, 0)), "PNG"),
     r"the picture is empty"),
]


@pytest.mark.parametrize("name,build,pattern", IMAGE_REFUSALS, ids=[c[0] for c in IMAGE_REFUSALS])
def test_hostile_image_is_refused(name, build, pattern):
    data = build()
    t0 = time.perf_counter()
    with pytest.raises(vae_core.ImageError) as e:
        vae_core.image_to_digit(data)
    assert time.perf_counter() - t0 < HANG_SECONDS, f"{name}: the refusal hung"
    assert re.search(pattern, str(e.value)), f"{name}: {str(e.value)!r}"
    one_sentence(str(e.value))


def close_to_reference(digit, tol=0.08):
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert 0.0 <= digit.min() and digit.max() <= 1.0
    err = float(np.abs(digit - reference_digit()).mean())
    assert err < tol, f"mean abs difference {err:.3f} from the plain PNG"


def to_16bit(im: Image.Image) -> Image.Image:
    return Image.fromarray((np.asarray(im, dtype=np.uint16) * 257).astype(np.uint16))   # mode I;16


def transparent_ink() -> Image.Image:
    """Black ink on a fully transparent background (what many drawing apps export)."""
    alpha = Image.eval(digit_picture(), lambda v: 255 - v)
    im = Image.new("RGBA", alpha.size, (0, 0, 0, 0))
    im.putalpha(alpha)
    return im


def palette_transparent() -> Image.Image:
    """Palette image: index 0 (paper) and 1 (ink) are both black, index 0 transparent. Dropping the
    transparency would give an all-black picture; laying it on white paper gives the digit."""
    ink = (np.asarray(digit_picture()) < 128).astype(np.uint8)
    im = Image.fromarray(ink, mode="L").convert("P")
    im.putdata(ink.ravel().tolist())
    im.putpalette([0, 0, 0, 0, 0, 0] + [0, 0, 0] * 254)
    return im


CONVERSIONS = [
    ("animated GIF: first frame", animated_gif, 0.02),
    ("16-bit PNG", lambda: encode(to_16bit(digit_picture()), "PNG"), 0.02),
    ("CMYK JPEG", lambda: encode(digit_picture(mode="RGB").convert("CMYK"), "JPEG", quality=95), 0.05),
    ("transparent PNG, ink in alpha", lambda: encode(transparent_ink(), "PNG"), 0.02),
    ("palette PNG, transparent black paper", lambda: encode(palette_transparent(), "PNG", transparency=0), 0.02),
    ("white ink on black", lambda: encode(Image.eval(digit_picture(), lambda v: 255 - v), "PNG"), 0.02),
    ("1-bit BMP", lambda: encode(digit_picture().convert("1"), "BMP"), 0.05),
    ("WebP", lambda: encode(digit_picture(mode="RGB"), "WEBP", lossless=True), 0.02),
    ("big photo 5000x4000 (shrunk first)", lambda: encode(digit_picture((5000, 4000)), "PNG"), 0.08),
]


@pytest.mark.parametrize("name,build,tol", CONVERSIONS, ids=[c[0] for c in CONVERSIONS])
def test_odd_images_are_converted_sensibly(name, build, tol):
    data = build()
    if name.startswith("big photo"):
        reference = vae_core.image_to_digit(encode(digit_picture((500, 400)), "PNG"))
        gray = vae_core.open_image(data)
        assert max(gray.size) <= pictures_in.WORK_SIDE, "a big photo is shrunk before the digit is looked for"
        digit = vae_core.image_to_digit(data)
        assert float(np.abs(digit - reference).mean()) < tol
        return
    close_to_reference(vae_core.image_to_digit(data), tol)


def test_animated_gif_frames_are_really_different():
    """Guard for the GIF case above: frame 2 is blank, so matching the digit means frame 1 was used."""
    im = Image.open(io.BytesIO(animated_gif()))
    assert getattr(im, "n_frames", 1) == 3
    im.seek(1)
    assert np.asarray(im.convert("L")).min() == 255
    im.seek(2)
    assert np.abs(to_digit_of(im) - reference_digit()).mean() > 0.05   # the '1' is not the '7'


def to_digit_of(im: Image.Image) -> np.ndarray:
    return vae_core.to_mnist(im.convert("L"))


def test_pillow_limit_is_restored_and_images_module_leaves_no_global_change():
    before = Image.MAX_IMAGE_PIXELS
    with pytest.raises(vae_core.ImageError):
        vae_core.image_to_digit(bomb_png(6000, 6000))
    vae_core.image_to_digit(encode(digit_picture(), "PNG"))
    assert Image.MAX_IMAGE_PIXELS == before
    assert pictures_in.MAX_PIXELS == 25_000_000
