"""Property tests: random bytes and mutations of valid files fed to the model loader and the image preprocessor.
Whatever the input, the only exceptions that escape are vae_core's own (CheckpointError / ImageError, both
VAEError), no input hangs (HANG_SECONDS, far above what any input takes: speed is bench/'s), and what is accepted is sound (finite weights in eval
mode; a (28, 28) float32 digit in [0, 1]).

Deterministic (derandomize=True, no example database): the same inputs on every run. The numbers of inputs
tried are checked at the end of each test and quoted in SECURITY.md; the "deep" Hypothesis profile
(tests/conftest.py) raises each test to at least 10,000 inputs."""
from __future__ import annotations

import io
import json
import re
import struct
import time
import zlib

import numpy as np
import torch
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

import vae_core

HANG_SECONDS = 60.0   # one input: a hang or a blow-up fails, a busy 2-core CI machine does not
FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])


def examples(n: int):
    """n inputs, or the loaded profile's count when that is larger (the "deep" profile)."""
    return settings(FUZZ, max_examples=max(n, settings().max_examples))


# ---------------------------------------------------------------------------------------------- seeds

def _model_file() -> bytes:
    m = vae_core.build_model(vae_core.ModelConfig(hidden=(8,)), seed=0)
    meta = {"dataset": "mnist", "history": [{"epoch": 1, "train_loss": 200.0}],
            "created": "2026-01-01T00:00:00Z", "versions": {}}   # fixed, so the same bytes on every run
    return vae_core.to_bytes(m, meta, dtype=torch.float16)


MODEL = _model_file()
HEADER_END = 8 + struct.unpack("<Q", MODEL[:8])[0]
HEADER = json.loads(MODEL[8:HEADER_END])
BODY = MODEL[HEADER_END:]


def _digit_picture(mode: str = "L") -> Image.Image:
    im = Image.new("L", (40, 48), 255)
    ImageDraw.Draw(im).line([(8, 8), (32, 8), (16, 42)], fill=0, width=5)
    return im.convert(mode)


def _encode(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    return buf.getvalue()


IMAGES = {
    "png": _encode(_digit_picture(), "PNG"),
    "png-rgba": _encode(_digit_picture("RGBA"), "PNG"),
    "jpeg": _encode(_digit_picture("RGB"), "JPEG", quality=80),
    "gif": _encode(_digit_picture(), "GIF"),
    "bmp": _encode(_digit_picture(), "BMP"),
    "webp": _encode(_digit_picture("RGB"), "WEBP", quality=80),
}


# ---------------------------------------------------------------------------------------------- checks

def one_sentence(e: Exception) -> str:
    msg = str(e)
    assert msg and "\n" not in msg and msg.endswith(".") and len(msg) <= 240, msg
    return msg


def kind_of(msg: str) -> str:
    """The kind of a message: names, numbers and details taken out."""
    msg = re.sub(r"\(.*\)|(?<![a-z])'[^']*'|\"[^\"]*\"|\[.*\]|-?[\d,.]+\d|\d", "_", msg)
    return msg.split(":")[0].split(";")[0][:60]


def load_checked(data: bytes, outcomes: dict) -> None:
    """load_model(data) either returns a sound model or raises CheckpointError; nothing else, and no hang."""
    t0 = time.perf_counter()
    try:
        m = vae_core.load_model(data)
    except vae_core.CheckpointError as e:
        msg = one_sentence(e)
        key = kind_of(msg)
        outcomes[key] = outcomes.get(key, 0) + 1
    else:
        assert isinstance(m, vae_core.VAE) and not m.training
        assert all(torch.isfinite(p).all() for p in m.parameters())
        assert isinstance(m.meta, dict)
        outcomes["loaded"] = outcomes.get("loaded", 0) + 1
    assert time.perf_counter() - t0 < HANG_SECONDS


def digit_checked(data: bytes, outcomes: dict) -> None:
    """image_to_digit(data) either gives a (28, 28) float32 digit in [0, 1] or raises ImageError; no hang."""
    t0 = time.perf_counter()
    try:
        d = vae_core.image_to_digit(data)
    except vae_core.ImageError as e:
        msg = one_sentence(e)
        key = kind_of(msg)
        outcomes[key] = outcomes.get(key, 0) + 1
    else:
        assert d.shape == (28, 28) and d.dtype == np.float32
        assert np.isfinite(d).all() and d.min() >= 0.0 and d.max() <= 1.0
        outcomes["digit"] = outcomes.get("digit", 0) + 1
    assert time.perf_counter() - t0 < HANG_SECONDS


def report(n: int, outcomes: dict) -> None:
    """Shown with pytest -s: how many inputs were tried and how they ended (for SECURITY.md)."""
    import inspect
    print(f"\n{inspect.stack()[1].function}: {n} inputs; outcomes: {dict(sorted(outcomes.items()))}")


# ---------------------------------------------------------------------------------------------- mutations

def mutations(size: int, hot_end: int):
    """A list of edits (flip, overwrite, delete, insert, truncate, duplicate) at positions biased towards
    [0, hot_end) (the header, where the parsing is)."""
    pos = st.one_of(st.integers(0, max(0, hot_end - 1)), st.integers(0, max(0, size - 1)))
    edit = st.one_of(
        st.tuples(st.just("flip"), pos, st.integers(1, 255)),
        st.tuples(st.just("set"), pos, st.binary(min_size=1, max_size=8)),
        st.tuples(st.just("delete"), pos, st.integers(1, 64)),
        st.tuples(st.just("insert"), pos, st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("truncate"), pos, st.just(0)),
        st.tuples(st.just("repeat"), pos, st.integers(1, 256)),
    )
    return st.lists(edit, min_size=1, max_size=6)


def apply(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for op, p, arg in edits:
        p = min(p, len(b))
        if op == "flip" and p < len(b):
            b[p] ^= arg
        elif op == "set":
            b[p:p + len(arg)] = arg
        elif op == "delete":
            del b[p:p + arg]
        elif op == "insert":
            b[p:p] = arg
        elif op == "truncate":
            del b[p:]
        elif op == "repeat":
            b[p:p] = b[p:p + arg]
    return bytes(b)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20) | st.sampled_from(["F32", "F16", "BF16", "I64", "vae", "cvae", "ae", ""]),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=12)
TENSORS = sorted(k for k in HEADER if k != "__metadata__")
CONFIG = json.loads(HEADER["__metadata__"]["config"])


@st.composite
def header_edits(draw) -> tuple:
    """A JSON-aware edit of a valid file's header (applied by edited_file): a tensor entry's dtype / shape /
    offsets, a config field, a metadata field or the whole metadata replaced by arbitrary JSON, or shapes and
    offsets nudged so they almost fit."""
    where = draw(st.sampled_from(["tensor", "config", "meta", "metadata", "entry", "numbers"]))
    if where == "tensor":
        return where, (draw(st.sampled_from(TENSORS)), draw(st.sampled_from(["dtype", "shape", "data_offsets"]))), \
            draw(JSON_VALUES)
    if where == "config":
        return where, draw(st.sampled_from(sorted(CONFIG) + ["extra"])), draw(JSON_VALUES)
    if where == "entry":
        return where, draw(st.sampled_from(TENSORS + ["x"])), draw(JSON_VALUES)
    if where in ("meta", "metadata"):
        return where, None, draw(JSON_VALUES)
    name = draw(st.sampled_from(TENSORS))
    return where, name, draw(st.lists(st.integers(-4, 4), min_size=4, max_size=4))


def edited_file(edit) -> bytes:
    where, key, value = edit
    header = json.loads(json.dumps(HEADER))
    if where == "tensor":
        header[key[0]][key[1]] = value
    elif where == "config":
        cfg = dict(CONFIG)
        cfg[key] = value
        header["__metadata__"]["config"] = json.dumps(cfg)
    elif where == "meta":
        header["__metadata__"]["meta"] = json.dumps(value)
    elif where == "metadata":
        header["__metadata__"] = value
    elif where == "entry":
        header[key] = value
    else:
        e = header[key]
        e["shape"] = [max(0, d + value[i]) for i, d in enumerate(e["shape"])]
        a, b = e["data_offsets"]
        e["data_offsets"] = [a + value[2], b + value[3]]
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + BODY


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


@st.composite
def png_headers(draw) -> bytes:
    """A PNG whose IHDR (size, bit depth, colour type, ...) is arbitrary but carries a correct checksum, so
    the decoder believes it; the pixel data is the original's, or random."""
    w = draw(st.one_of(st.integers(0, 64), st.integers(0, 2 ** 31 - 1)))
    h = draw(st.one_of(st.integers(0, 64), st.integers(0, 2 ** 31 - 1)))
    depth = draw(st.sampled_from([1, 2, 4, 8, 16, 0, 3, 32]))
    ctype = draw(st.sampled_from([0, 2, 3, 4, 6, 1, 7]))
    rest = draw(st.sampled_from([(0, 0, 0), (0, 0, 1), (1, 0, 0), (0, 1, 0)]))
    ihdr = struct.pack(">IIBBBBB", w, h, depth, ctype, *rest)
    if draw(st.booleans()):
        idat = zlib.compress(draw(st.binary(max_size=4096)))
    else:
        idat = zlib.compress(b"\0" * min(200_000, (w * 8 + 1) * min(h, 100)))
    extra = b""
    if ctype == 3 or draw(st.booleans()):
        extra = _chunk(b"PLTE", draw(st.binary(min_size=3, max_size=48)))
    if draw(st.booleans()):
        extra += _chunk(b"tRNS", draw(st.binary(max_size=16)))
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + extra + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b""))


# ---------------------------------------------------------------------------------------------- model loader

def test_model_loader_on_random_bytes():
    outcomes: dict = {}
    seen = []

    @examples(300)
    @given(st.one_of(st.binary(max_size=4096),
                     # a plausible length prefix followed by random bytes: gets past the first check
                     st.binary(max_size=2048).map(lambda b: struct.pack("<Q", len(b) // 2) + b)))
    def run(data):
        seen.append(data)
        load_checked(data, outcomes)

    run()
    report(len(seen), outcomes)
    assert len(seen) >= 250, len(seen)
    assert len(outcomes) >= 3, outcomes


# One edit that reaches each layer of the loader's checks. Hypothesis's derandomized inputs differ from one
# machine to another (its seed hashes more than the test's source), so the layers the test must reach are
# reached here, on every machine; the 500 generated edits come on top.
_DTYPE = MODEL.find(b'"dtype"')
LAYER_EDITS = [
    [("flip", len(MODEL) - 2, 1)],                          # a weight's low byte: still loads
    [("flip", len(MODEL) - 4, 1)],
    [("flip", len(MODEL) - 6, 1)],
    [("flip", len(MODEL) - 8, 1)],
    [("flip", len(MODEL) - 10, 1)],
    [("set", 0, b"GIF89a")],                                # another kind of file
    [("set", 0, b"\xff" * 8)],                              # a header length past the limit
    [("set", _DTYPE + 1, b"D")],                             # a tensor entry with a wrong key
    [("insert", HEADER_END, b"\0" * 8)],                    # bytes no tensor owns
    [("truncate", len(MODEL) - 10, 0)],                     # weights cut short
    [("flip", MODEL.find(b'"format"') + 12, 1)],            # not our format
    [("set", MODEL.find(b'"shape"') + 10, b"x")],           # a header that is not JSON
]


def _with_layer_edits(test):
    for edits in reversed(LAYER_EDITS):
        test = example(edits)(test)
    return test


def test_model_loader_on_mutated_model_files():
    outcomes: dict = {}
    seen = []

    @examples(500)
    @given(mutations(len(MODEL), HEADER_END))
    @_with_layer_edits
    def run(edits):
        data = apply(MODEL, edits)
        seen.append(data)
        load_checked(data, outcomes)

    run()
    report(len(seen), outcomes)
    assert len(seen) >= 450 + len(LAYER_EDITS), len(seen)
    # The mutations reach every layer of checks, and some still load (edits in the weights).
    assert len(outcomes) >= 8, outcomes
    assert outcomes.get("loaded", 0) >= 5, outcomes


def test_model_loader_on_edited_headers():
    outcomes: dict = {}
    seen = []

    @examples(500)
    @given(header_edits())
    def run(edit):
        data = edited_file(edit)
        seen.append(data)
        load_checked(data, outcomes)

    run()
    report(len(seen), outcomes)
    assert len(seen) >= 450, len(seen)
    assert len(outcomes) >= 10, outcomes


# ---------------------------------------------------------------------------------------------- image preprocessor

def test_image_preprocessor_on_random_bytes():
    outcomes: dict = {}
    seen = []

    @examples(300)
    @given(st.one_of(st.binary(max_size=4096),
                     # the right first bytes, then anything: the format's parser has to deal with it
                     st.tuples(st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"BM",
                                                b"RIFF\0\0\0\0WEBPVP8 "]),
                               st.binary(max_size=2048)).map(b"".join)))
    def run(data):
        seen.append(data)
        digit_checked(data, outcomes)

    run()
    report(len(seen), outcomes)
    assert len(seen) >= 250, len(seen)
    assert len(outcomes) >= 2, outcomes


def test_image_preprocessor_on_mutated_images():
    outcomes: dict = {}
    seen = []

    @examples(600)
    @given(st.sampled_from(sorted(IMAGES)).flatmap(
        lambda k: st.tuples(st.just(k), mutations(len(IMAGES[k]), 64))))
    def run(case):
        kind, edits = case
        data = apply(IMAGES[kind], edits)
        seen.append(data)
        digit_checked(data, outcomes)

    run()
    report(len(seen), outcomes)
    assert len(seen) >= 550, len(seen)
    assert outcomes.get("digit", 0) >= 20, outcomes   # many mutations still decode to a digit
    assert len(outcomes) >= 4, outcomes


def test_image_preprocessor_on_forged_png_headers():
    outcomes: dict = {}
    seen = []

    @examples(300)
    @given(png_headers())
    def run(data):
        seen.append(data)
        digit_checked(data, outcomes)

    run()
    report(len(seen), outcomes)
    assert len(seen) >= 250, len(seen)
    assert len(outcomes) >= 3, outcomes
