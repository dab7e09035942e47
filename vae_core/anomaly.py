"""Anomaly detection with a VAE: score each image by how badly the model explains it.

Two scores, both from the per-image negative ELBO ("loss", nats, see metrics.per_image_losses):
- "loss":       the loss itself; high = unusual. Simple, but it has a known blind spot: an image that is
                simpler than any digit (a blank page) can get a *lower* loss than most real digits
                (Nalisnick et al., 2019, "Do deep generative models know what they don't know?").
- "typicality": the distance |loss - typical loss| from the typical loss (the mean over a reference set,
                e.g. the test set), so unusually low losses count as unusual too (Nalisnick et al., 2019,
                "Detecting out-of-distribution inputs to deep generative models using typicality").
"""
from __future__ import annotations

import numpy as np
import torch

from .metrics import per_image_losses
from .model import as_labels

SCORES = ("loss", "typicality")


def anomaly_scores(losses, method: str = "loss", reference=None) -> np.ndarray:
    """Per-image losses (N,) in nats -> anomaly scores (N,), higher = more unusual. For "typicality",
    `reference` is the typical loss (a number) or a set of losses whose mean is used (default: `losses`)."""
    losses = np.asarray(losses, dtype=np.float64).reshape(-1)
    if method == "loss":
        return losses.copy()
    if method == "typicality":
        ref = losses if reference is None else np.asarray(reference, dtype=np.float64)
        return np.abs(losses - float(ref.mean()))
    raise ValueError(f"score must be one of {', '.join(SCORES)}, not {method!r}")


def rank_by_score(scores, k: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """-> (indices of the k most unusual images, highest score first;
           indices of the k most typical images, lowest score first)."""
    scores = np.asarray(scores).reshape(-1)
    order = np.argsort(scores, kind="stable")
    k = min(k, scores.size)
    return order[::-1][:k].copy(), order[:k].copy()


def fraction_below(reference, value: float) -> float:
    """Fraction of the reference values (N,) strictly below `value`, in [0, 1] (its percentile / 100)."""
    reference = np.asarray(reference).reshape(-1)
    return float((reference < value).mean()) if reference.size else float("nan")


def image_losses(model, images, y=None, *, seed: int = 0) -> np.ndarray:
    """Loss (negative ELBO, nats) of each image (N, 28, 28) or (N, 1, 28, 28) in [0, 1] -> (N,) numpy,
    with the same estimator (one z per image, drawn with `seed`) as metrics.per_image_losses."""
    x = torch.as_tensor(np.asarray(images, dtype=np.float32)).reshape(-1, 1, 28, 28)
    y = None if y is None else as_labels(np.asarray(y), x.shape[0])
    return per_image_losses(model, x, y, seed=seed)["loss"].numpy()
