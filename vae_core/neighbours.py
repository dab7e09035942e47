"""Nearest neighbours in latent space: which known images did the encoder put closest to a new one?"""
from __future__ import annotations

import numpy as np


def nearest(codes, z, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """codes (N, D), one point z (D,) -> (indices (k,) of the k nearest codes, closest first;
    their Euclidean distances (k,))."""
    codes = np.asarray(codes, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64).reshape(1, -1)
    if codes.ndim != 2 or codes.shape[1] != z.shape[1]:
        raise ValueError(f"codes {codes.shape} and point {z.shape[1:]} have different sizes")
    d = np.sqrt(((codes - z) ** 2).sum(1))
    k = min(k, d.size)
    idx = np.argpartition(d, k - 1)[:k] if k < d.size else np.arange(d.size)
    idx = idx[np.argsort(d[idx], kind="stable")]
    return idx, d[idx]
