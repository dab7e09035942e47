"""Morph one digit into another: along a straight line in latent space, or (for comparison) in pixels."""
from __future__ import annotations

import numpy as np
import torch

from .latent import decode_points, interpolate


@torch.inference_mode()
def latent_path(model, x0, x1, steps: int = 10, *, y0=None, y1=None, label=None):
    """Encode two images (1, 1, 28, 28) or (28, 28) to their means mu0, mu1 (a conditional model encodes
    each with its own class y0 / y1), walk the straight line mu0 -> mu1 in `steps` points (ends included)
    and decode each point (a conditional model decodes with `label`, default y0)
    -> (z (steps, D) float32 numpy, images (steps, 28, 28) float32 numpy in [0, 1])."""
    xs = [torch.as_tensor(np.asarray(a, dtype=np.float32)).reshape(1, 1, 28, 28) for a in (x0, x1)]
    mus = [model.posterior(x, yy).mode()[0].numpy() for x, yy in zip(xs, (y0, y1))]
    z = interpolate(mus[0], mus[1], steps)
    return z, decode_points(model, z, y=(y0 if label is None else label) if model.config.conditional else None)


def pixel_blend(x0, x1, steps: int = 10) -> np.ndarray:
    """The naive alternative: fade image x0 into x1 pixel by pixel -> (steps, 28, 28) float32."""
    a = np.asarray(x0, dtype=np.float32).reshape(28, 28)
    b = np.asarray(x1, dtype=np.float32).reshape(28, 28)
    t = np.linspace(0.0, 1.0, steps, dtype=np.float32)[:, None, None]
    return (1 - t) * a + t * b
