"""Corrupt digits on purpose, to show that a VAE's reconstruction pulls them back towards clean digits.

Three kinds, each with a strength in [0, 1] and a seed (same seed, same noise):
- "gaussian":    add N(0, strength^2) to every pixel, then clip to [0, 1];
- "salt_pepper": set a fraction `strength` of the pixels to 0 or 1 (half each);
- "square":      blank (set to 0) one square of side round(28 * strength) pixels, placed at random
                 inside the central 20 x 20 box where MNIST puts the ink.

`damage` reads a recipe such as "salt_pepper:0.25+gaussian:0.5" (what a denoising VAE is trained on): each image
gets one of the kinds, chosen at random, at a random strength between 0 and that kind's.
"""
from __future__ import annotations

import numpy as np
import torch

NOISE_KINDS = ("gaussian", "salt_pepper", "square")


def _images(x) -> tuple[np.ndarray, tuple]:
    """Images (..., 28, 28), numpy or torch -> (a float32 numpy copy as (N, 28, 28), the original shape)."""
    a = np.array(x.detach().cpu().numpy() if hasattr(x, "detach") else x, dtype=np.float32)
    if a.shape[-2:] != (28, 28):
        raise ValueError(f"expected images of 28 x 28 pixels, not {a.shape}")
    return a.reshape(-1, 28, 28), a.shape


def corrupt(x, kind: str, strength: float, *, seed: int = 0) -> np.ndarray:
    """Images x (..., 28, 28) in [0, 1] (numpy or torch, e.g. (N, 28, 28) or (N, 1, 28, 28)) -> a corrupted
    float32 numpy copy of the same shape in [0, 1]. Each image gets its own noise; `seed` fixes all of it."""
    if kind not in NOISE_KINDS:
        raise ValueError(f"noise kind must be one of {', '.join(NOISE_KINDS)}, not {kind!r}")
    if not 0.0 <= float(strength) <= 1.0:
        raise ValueError(f"noise strength must be between 0 and 1, not {strength!r}")
    a, shape = _images(x)
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


def parse_damage(spec: str, what: str = "damage") -> list[tuple[str, float]]:
    """"kind:strength" or several joined by "+" -> [(kind, strength), ...]; ValueError with a readable sentence
    ("<what> must be ...") for anything else."""
    out = []
    for part in str(spec).split("+"):
        kind, _, strength = part.strip().partition(":")
        try:
            value = float(strength)
        except ValueError:
            value = -1.0
        if kind not in NOISE_KINDS or not 0.0 <= value <= 1.0:
            raise ValueError(f"{what} must be kind:strength (or several joined by +) with a kind among "
                             f"{', '.join(NOISE_KINDS)} and a strength between 0 and 1, e.g. salt_pepper:0.25 or "
                             f"salt_pepper:0.25+gaussian:0.5, not {spec!r}")
        out.append((kind, value))
    return out


def damage(x, spec: str, *, seed: int = 0) -> np.ndarray:
    """Images x (..., 28, 28) in [0, 1] -> a damaged float32 numpy copy, as the recipe `spec` says.
    One "kind:strength" is corrupt(x, kind, strength). Several ("salt_pepper:0.25+gaussian:0.5") give each image
    one kind, chosen uniformly, at a strength drawn uniformly between 0 and that kind's maximum, so a model
    trained on them sees every level of damage up to the maximum. `seed` fixes all of it."""
    recipe = parse_damage(spec)
    if len(recipe) == 1:
        return corrupt(x, recipe[0][0], recipe[0][1], seed=seed)
    a, shape = _images(x)
    rng = np.random.default_rng(seed)
    which = rng.integers(0, len(recipe), size=a.shape[0])
    level = rng.random(a.shape[0]).astype(np.float32)
    for r, (kind, top) in enumerate(recipe):
        rows = np.flatnonzero(which == r)
        if rows.size == 0:
            continue
        s = (top * level[rows])[:, None, None]
        if kind == "gaussian":
            a[rows] = a[rows] + s * rng.standard_normal((rows.size, 28, 28)).astype(np.float32)
        elif kind == "salt_pepper":
            hit = rng.random((rows.size, 28, 28)) < s
            salt = (rng.random((rows.size, 28, 28)) < 0.5).astype(np.float32)
            a[rows] = np.where(hit, salt, a[rows])
        else:
            for row, strength in zip(rows, s[:, 0, 0]):
                a[row] = corrupt(a[row], "square", float(strength), seed=int(rng.integers(1 << 31)))
    return np.clip(a, 0.0, 1.0).reshape(shape)


def class_means(x, y, num_classes: int = 10) -> np.ndarray:
    """The mean image of each class: x (N, 1, 28, 28) or (N, 28, 28), y (N,) -> (C, 28, 28) float32 (zeros for
    an absent class)."""
    flat = torch.as_tensor(np.asarray(x, dtype=np.float32)).reshape(len(y), -1)
    onehot = torch.nn.functional.one_hot(torch.as_tensor(np.asarray(y)).long(), num_classes).float()   # (N, C)
    return ((onehot.T @ flat) / onehot.sum(0).clamp(min=1)[:, None]).reshape(num_classes, 28, 28).numpy()


def nearest_mean(images, means) -> np.ndarray:
    """images (N, 28, 28), class mean images (C, 28, 28) -> (N,) index of the nearest mean (Euclidean, pixels)."""
    a = torch.as_tensor(np.asarray(images, dtype=np.float32)).reshape(-1, 784)
    m = torch.as_tensor(np.asarray(means, dtype=np.float32)).reshape(-1, 784)
    return torch.cdist(a, m).argmin(1).numpy()


@torch.inference_mode()
def class_kept(model, inputs, labels, means, *, batch: int = 2000) -> np.ndarray:
    """The lesson's one measure of "the model gives the digit back": reconstruct each input (N, 28, 28), damaged
    or not, from the mean of its code, and ask whether the reconstruction lies nearest the mean image of the
    image's own class (`means` (C, 28, 28), e.g. vae_core.class_means of the training set) -> (N,) bool.
    A conditional model is given the true labels."""
    from .latent import reconstruct      # here, not at the top: config.py imports this module
    x = torch.as_tensor(np.asarray(inputs, dtype=np.float32)).reshape(-1, 1, 28, 28)
    y = torch.as_tensor(np.asarray(labels)).long().reshape(-1)
    cond = model.config.conditional
    out = []
    for i in range(0, x.shape[0], batch):
        recon = reconstruct(model, x[i:i + batch], y[i:i + batch] if cond else None)[0]
        out.append(nearest_mean(recon, means) == y[i:i + batch].numpy())
    return np.concatenate(out)
