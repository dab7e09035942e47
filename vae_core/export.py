"""The decoder as a small binary payload a browser can run (the live latent pad decodes in JavaScript).

Only the decoder travels: its Linear layers (weights and biases), the layer sizes, the hidden activation,
the latent size and, for a conditional model, the number of classes. Nothing of the encoder, no metadata.

Layout (version 1), all little-endian, every array aligned to its element size:

    offset  bytes       field
    0       4           magic b"VAED"
    4       2           version, uint16 = 1
    6       1           dtype code, uint8: 1 = float32, 2 = float16 (IEEE 754 half)
    7       1           hidden activation, uint8: 1 = ReLU (after every layer but the last)
    8       2           latent_dim, uint16
    10      2           num_classes, uint16 (0 = not conditional; else a one-hot of this size follows z)
    12      2           n_layers L, uint16
    14      2           reserved, 0
    16      4 (L + 1)   sizes, uint32: input size, then each layer's output size (last = 784 pixels)
    ...                 for each layer l: weight (out_l, in_l) row-major, then bias (out_l), in dtype

The input of layer 0 is [z, one_hot(label)] (size latent_dim + num_classes). The output of the last layer
is the Bernoulli logits; pixel probabilities are sigmoid(logits), row-major 28 x 28.
`parse_decoder_payload` and `decode_payload` read it back exactly the way the JavaScript does.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn

MAGIC = b"VAED"
VERSION = 1
DTYPE_CODES = {"float32": 1, "float16": 2}
ACTIVATION_CODES = {"relu": 1}
HEADER = struct.Struct("<4sHBBHHHH")     # magic, version, dtype, activation, latent, classes, layers, reserved
MAX_PAYLOAD_BYTES = 2_000_000            # the default budget for what a browser downloads once per model
FLOAT16_TOLERANCE = 2e-3                 # max |pixel difference| accepted when weights are rounded to float16


class UnsupportedDecoder(ValueError):
    """The decoder is not a plain Linear/ReLU MLP the browser decoder can run ("structure"), or does not fit
    the byte budget, even as float16 within the pixel tolerance ("size"). `reason` holds that word."""

    def __init__(self, message: str, reason: str = "structure"):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class DecoderPayload:
    """A parsed payload: float32 numpy layers as the browser holds them."""
    dtype: str                           # "float32" or "float16" (how the weights travelled)
    latent_dim: int
    num_classes: int                     # 0 if not conditional
    sizes: tuple[int, ...]               # (input, hidden..., 784)
    weights: tuple[np.ndarray, ...]      # each (out, in) float32
    biases: tuple[np.ndarray, ...]       # each (out,) float32


def decoder_layers(model) -> list[nn.Linear]:
    """The decoder's Linear layers, after checking it is Linear (ReLU Linear)* with nothing else."""
    mods = list(model.decoder)
    linears = [m for m in mods if isinstance(m, nn.Linear)]
    expected = []
    for i in range(len(linears)):
        expected.append(nn.Linear)
        if i < len(linears) - 1:
            expected.append(nn.ReLU)
    if not linears or [type(m) for m in mods] != expected:
        raise UnsupportedDecoder("the decoder is not a plain MLP of Linear layers with ReLU between them")
    return linears


def decoder_payload(model, dtype: str = "float32") -> bytes:
    """Pack model.decoder into the documented binary layout. dtype: "float32" or "float16".
    Size: 16 + 4 (L + 1) + (number of decoder parameters) x (4 or 2) bytes."""
    if dtype not in DTYPE_CODES:
        raise ValueError(f"dtype must be float32 or float16, not {dtype!r}")
    cfg = model.config
    linears = decoder_layers(model)
    classes = cfg.num_classes if cfg.conditional else 0
    sizes = [linears[0].in_features] + [lin.out_features for lin in linears]
    if sizes[0] != cfg.latent_dim + classes:
        raise UnsupportedDecoder(f"decoder input size {sizes[0]} is not latent {cfg.latent_dim} + classes {classes}")
    np_dtype = np.dtype("<f4") if dtype == "float32" else np.dtype("<f2")
    parts = [HEADER.pack(MAGIC, VERSION, DTYPE_CODES[dtype], ACTIVATION_CODES["relu"], cfg.latent_dim, classes,
                         len(linears), 0),
             np.asarray(sizes, dtype="<u4").tobytes()]
    with torch.no_grad():
        for lin in linears:
            for t in (lin.weight, lin.bias):
                a = t.detach().to("cpu", torch.float32).numpy()
                if dtype == "float16" and np.abs(a).max(initial=0.0) > np.finfo(np.float16).max:
                    raise UnsupportedDecoder("a decoder weight is too large for float16", "size")
                parts.append(np.ascontiguousarray(a, dtype=np_dtype).tobytes())
    return b"".join(parts)


def parse_decoder_payload(data: bytes) -> DecoderPayload:
    """Read a payload back (the same steps as the JavaScript reader); raises ValueError if malformed."""
    data = bytes(data)
    if len(data) < HEADER.size:
        raise ValueError("payload shorter than its header")
    magic, version, dcode, act, latent, classes, n_layers, _ = HEADER.unpack_from(data, 0)
    if magic != MAGIC or version != VERSION:
        raise ValueError("not a version-1 decoder payload")
    names = {v: k for k, v in DTYPE_CODES.items()}
    if dcode not in names or act != ACTIVATION_CODES["relu"] or n_layers < 1:
        raise ValueError("unknown dtype, activation or layer count in payload")
    off = HEADER.size
    sizes = tuple(int(s) for s in np.frombuffer(data, "<u4", n_layers + 1, off))
    off += 4 * (n_layers + 1)
    np_dtype = np.dtype("<f4") if names[dcode] == "float32" else np.dtype("<f2")
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        for shape, dest in (((n_out, n_in), weights), ((n_out,), biases)):
            count = int(np.prod(shape))
            if off + count * np_dtype.itemsize > len(data):
                raise ValueError("payload is truncated")
            dest.append(np.frombuffer(data, np_dtype, count, off).astype(np.float32).reshape(shape))
            off += count * np_dtype.itemsize
    if off != len(data) or sizes[0] != latent + classes:
        raise ValueError("payload sizes do not add up")
    return DecoderPayload(names[dcode], latent, classes, sizes, tuple(weights), tuple(biases))


def decode_payload(p: DecoderPayload, z, label: int | None = None) -> np.ndarray:
    """Run the parsed decoder as the browser does: float32 weights, every sum and activation in float64
    (JavaScript numbers). z (N, latent) -> pixel probabilities (N, 28, 28) float64."""
    z = np.asarray(z, dtype=np.float64).reshape(-1, p.latent_dim)
    h = z
    if p.num_classes:
        if label is None or not 0 <= int(label) < p.num_classes:
            raise ValueError(f"a conditional decoder needs a class label in 0..{p.num_classes - 1}")
        onehot = np.zeros((z.shape[0], p.num_classes))
        onehot[:, int(label)] = 1.0
        h = np.concatenate([z, onehot], axis=1)
    for i, (w, b) in enumerate(zip(p.weights, p.biases)):
        h = h @ w.astype(np.float64).T + b.astype(np.float64)
        if i < len(p.weights) - 1:
            h = np.maximum(h, 0.0)
    return (1.0 / (1.0 + np.exp(-h))).reshape(-1, 28, 28)


def payload_for_browser(model, max_bytes: int = MAX_PAYLOAD_BYTES, tolerance: float = FLOAT16_TOLERANCE,
                        dtype: str = "auto") -> bytes:
    """The payload to ship: float16 (half the bytes over a classroom's Wi-Fi) if its decoder's pixels stay
    within `tolerance` of the model's on a 21 x 21 grid over [-3, 3]^2 (every class for a cVAE) and it fits
    `max_bytes`; else float32 if that fits. The shipped models store float16 weights, so for them the float16
    payload is exact. dtype="float32"/"float16" forces one (still checked against the budget and, for float16,
    the tolerance). Raises UnsupportedDecoder when neither fits, or the decoder is not one the browser can run."""
    if dtype not in ("auto", *DTYPE_CODES):
        raise ValueError(f"dtype must be auto, float32 or float16, not {dtype!r}")
    refusal = None
    if dtype in ("auto", "float16"):
        data = decoder_payload(model, "float16")
        err = float16_error(model, data)
        if len(data) > max_bytes:
            refusal = UnsupportedDecoder(f"the decoder is {len(data):,} bytes even as float16, over {max_bytes:,}",
                                         "size")
        elif err > tolerance:
            refusal = UnsupportedDecoder(f"float16 weights change pixels by up to {err:.2g}, over {tolerance:g}",
                                         "size")
        else:
            return data
        if dtype == "float16" or len(data) > max_bytes:
            raise refusal
    data = decoder_payload(model, "float32")
    if len(data) <= max_bytes:
        return data
    raise refusal or UnsupportedDecoder(f"the float32 decoder is {len(data):,} bytes, over {max_bytes:,}", "size")


@torch.inference_mode()
def float16_error(model, data: bytes, n: int = 21, lim: float = 3.0) -> float:
    """Max |pixel difference| between a payload's decoder and the model on an n x n grid (all classes)."""
    p = parse_decoder_payload(data)
    g = np.linspace(-lim, lim, n)
    if p.latent_dim != 2:
        rng = np.random.default_rng(0)
        z = rng.standard_normal((n * n, p.latent_dim)) * lim / 2
    else:
        z = np.array([[a, b] for b in g for a in g])
    zt = torch.as_tensor(z, dtype=torch.float32)
    worst = 0.0
    for label in (range(p.num_classes) if p.num_classes else [None]):
        ref = model.decode(zt, label).reshape(-1, 28, 28).numpy()   # one label is repeated for every z
        worst = max(worst, float(np.abs(decode_payload(p, z, label) - ref).max()))
    return worst
