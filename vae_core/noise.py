"""Corrupt digits on purpose, to show that a VAE's reconstruction pulls them back towards clean digits.

Three kinds, each with a strength in [0, 1] and a seed (same seed, same noise):
- "gaussian":    add N(0, strength^2) to every pixel, then clip to [0, 1];
- "salt_pepper": set a fraction `strength` of the pixels to 0 or 1 (half each);
- "square":      blank (set to 0) one square of side round(28 * strength) pixels, placed at random
                 inside the central 20 x 20 box where MNIST puts the ink.
"""
from __future__ import annotations

import numpy as np

NOISE_KINDS = ("gaussian", "salt_pepper", "square")


def corrupt(x, kind: str, strength: float, *, seed: int = 0) -> np.ndarray:
    """Images x (..., 28, 28) in [0, 1] (numpy or torch, e.g. (N, 28, 28) or (N, 1, 28, 28)) -> a corrupted
    float32 numpy copy of the same shape in [0, 1]. Each image gets its own noise; `seed` fixes all of it."""
    if kind not in NOISE_KINDS:
        raise ValueError(f"noise kind must be one of {', '.join(NOISE_KINDS)}, not {kind!r}")
    if not 0.0 <= float(strength) <= 1.0:
        raise ValueError(f"noise strength must be between 0 and 1, not {strength!r}")
    a = np.array(x.detach().cpu().numpy() if hasattr(x, "detach") else x, dtype=np.float32)
    if a.shape[-2:] != (28, 28):
        raise ValueError(f"expected images of 28 x 28 pixels, not {a.shape}")
    shape = a.shape
    a = a.reshape(-1, 28, 28)
    rng = np.random.default_rng(seed)
    if kind == "gaussian":
        a = a + strength * rng.standard_normal(a.shape).astype(np.float32)
    elif kind == "salt_pepper":
        hit = rng.random(a.shape) < strength
        salt = rng.random(a.shape) < 0.5
        a = np.where(hit, salt.astype(np.float32), a)
    else:
        side = int(round(28 * strength))
        if side > 0:
            lo, hi = (4, 24 - side) if side < 20 else ((28 - side) // 2, (28 - side) // 2)
            for img in a:
                top, left = rng.integers(lo, hi + 1, size=2)
                img[top:top + side, left:left + side] = 0.0
    return np.clip(a, 0.0, 1.0).reshape(shape)


def mean_sq_error(a, b) -> np.ndarray:
    """Mean squared pixel difference of two stacks of images (N, ..., 28, 28) -> (N,), in [0, 1]."""
    a = np.asarray(a, dtype=np.float32).reshape(-1, 784)
    b = np.asarray(b, dtype=np.float32).reshape(-1, 784)
    return ((a - b) ** 2).mean(1)
