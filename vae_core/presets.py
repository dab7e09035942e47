"""Training presets of the Train page: Quick (the class default, about 5 s of one CPU core on full MNIST),
Standard (the page's full recipe) and Custom (the page's sliders). The figures beside each one come from
bench/bench_presets.py on full MNIST at one torch thread (bench/sections/class.md)."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .config import ModelConfig, TrainConfig


@dataclass(frozen=True)
class Preset:
    name: str
    hidden: tuple[int, ...] = (448, 256)
    epochs: int = 10
    batch_size: int = 128
    lr: float = 2e-3
    schedule: str = "cosine"
    fixed: bool = True                 # False: the page's sliders decide (Custom)
    about_seconds: float | None = None  # measured: training time at one core, full MNIST
    about_nats: float | None = None     # measured: test negative ELBO on the full MNIST test set

    def model_config(self, kind: str = "vae") -> ModelConfig:
        return ModelConfig(kind=kind, hidden=self.hidden)

    def train_config(self, kind: str = "vae", seed: int = 0, beta: float = 1.0) -> TrainConfig:
        return TrainConfig(epochs=self.epochs, batch_size=self.batch_size, lr=self.lr,
                           beta=0.0 if kind == "ae" else beta, seed=seed, schedule=self.schedule)


PRESETS: dict[str, Preset] = {
    "quick": Preset("quick", hidden=(256, 128), epochs=2, batch_size=128, lr=3e-3, schedule="cosine",
                    about_seconds=5.0, about_nats=159.0),
    "standard": Preset("standard", hidden=(448, 256), epochs=10, batch_size=128, lr=2e-3, schedule="cosine",
                       about_seconds=42.0, about_nats=142.0),
    "custom": Preset("custom", fixed=False),
}


def default_preset() -> str:
    """The server's default (VAE_TRAIN_PRESET), "quick" when unset or unknown."""
    name = os.environ.get("VAE_TRAIN_PRESET", "quick").strip().lower()
    return name if name in PRESETS else "quick"


def work_units(model_config: ModelConfig, train_config: TrainConfig, n_train: int = 60_000) -> float:
    """A training's cost in multiply-adds (forward of encoder and decoder per image x images seen): what the
    waiting-time estimate divides the measured pace by."""
    sizes = [model_config.n_pixels + (model_config.num_classes if model_config.conditional else 0),
             *model_config.hidden]
    enc = sum(a * b for a, b in zip(sizes, sizes[1:])) + sizes[-1] * 2 * model_config.latent_dim
    dec = sum(a * b for a, b in zip([model_config.latent_dim, *reversed(model_config.hidden)],
                                    [*reversed(model_config.hidden), model_config.n_pixels]))
    return float(enc + dec) * n_train * train_config.epochs
