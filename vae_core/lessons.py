"""Lesson presets: the beta sweep and the small, quick trainings the classroom pages run on demand.
(They belong to the lessons rather than to the library; kept here until the UI takes them over.)"""
from __future__ import annotations

from .config import ModelConfig, TrainConfig

# The β sweep of the lesson: sharp but irregular (0.1) -> the ELBO (1) -> smooth but blurry (4) -> one latent
# dimension switched off (16) -> full posterior collapse (64; with a 2-D latent β = 16 keeps about one nat).
BETAS = (0.1, 1.0, 4.0, 16.0, 64.0)


def quick_configs(kind: str = "vae", beta: float = 1.0, *, hidden: tuple[int, ...] = (128, 64), epochs: int = 4,
                  seed: int = 0) -> tuple[ModelConfig, TrainConfig]:
    """A small MLP and a short run for on-demand classroom trainings (BENCHMARKS.md has its timings).
    Same seed -> same weights."""
    return (ModelConfig(kind=kind, latent_dim=2, hidden=hidden),
            TrainConfig(epochs=epochs, batch_size=128, lr=2e-3, beta=beta, seed=seed, schedule="cosine"))


