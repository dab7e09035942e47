"""Configuration dataclasses. A saved model carries its ModelConfig so it can be rebuilt without guessing."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from .noise import parse_damage

KINDS = ("vae", "ae", "cvae")

# Bounds that a config read from an untrusted file must respect (see checkpoint.py).
MAX_LATENT = 64
MAX_HIDDEN = 2048
MAX_LAYERS = 4


@dataclass(frozen=True)
class ModelConfig:
    kind: str = "vae"                    # "vae", "ae" (deterministic encoder, no KL) or "cvae" (class-conditional)
    latent_dim: int = 2                  # size of z; 2 is what the app can draw
    hidden: tuple[int, ...] = (256, 128)  # encoder hidden sizes; the decoder mirrors them
    num_classes: int = 10                # only used by "cvae"
    image_size: int = 28                 # images are (1, image_size, image_size)

    def __post_init__(self):
        object.__setattr__(self, "hidden", tuple(int(h) for h in self.hidden))

    @property
    def conditional(self) -> bool:
        return self.kind == "cvae"

    @property
    def n_pixels(self) -> int:
        return self.image_size * self.image_size

    def to_dict(self) -> dict:
        d = asdict(self)
        d["hidden"] = list(self.hidden)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ModelConfig":
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown config fields: {sorted(unknown)}")
        return cls(**d)

    def validate(self) -> None:
        """Raise ValueError with a readable sentence if this config is not one we can build."""
        if self.kind not in KINDS:
            raise ValueError(f"model kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if not (isinstance(self.latent_dim, int) and 1 <= self.latent_dim <= MAX_LATENT):
            raise ValueError(f"latent size must be between 1 and {MAX_LATENT}, not {self.latent_dim!r}")
        if not (1 <= len(self.hidden) <= MAX_LAYERS):
            raise ValueError(f"a model needs 1 to {MAX_LAYERS} hidden layers, not {len(self.hidden)}")
        if any(not (1 <= h <= MAX_HIDDEN) for h in self.hidden):
            raise ValueError(f"hidden sizes must be between 1 and {MAX_HIDDEN}: {list(self.hidden)}")
        if self.image_size != 28:
            raise ValueError(f"images must be 28x28, not {self.image_size}x{self.image_size}")
        if not (isinstance(self.num_classes, int) and 1 <= self.num_classes <= 100):
            raise ValueError(f"number of classes must be between 1 and 100, not {self.num_classes!r}")


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 10           # passes over the training set
    batch_size: int = 128      # images per step
    lr: float = 1e-3           # Adam learning rate (peak, when a schedule is used)
    beta: float = 1.0          # weight of the KL term (beta-VAE); 1 is the ELBO
    seed: int = 0              # same seed -> same weights
    schedule: str = "constant"  # "constant" or "cosine" (decays lr to lr/20 over the run)
    denoise: str = ""          # "" or "kind:strength" (e.g. "salt_pepper:0.25"), kinds joined by "+" mixed at random
                               # strengths up to theirs: train on damaged -> clean images (vae_core.noise.damage)

    def validate(self) -> None:
        if not (isinstance(self.epochs, int) and 1 <= self.epochs <= 1000):
            raise ValueError(f"epochs must be between 1 and 1000, not {self.epochs!r}")
        if not (isinstance(self.batch_size, int) and 1 <= self.batch_size <= 65536):
            raise ValueError(f"batch size must be between 1 and 65536, not {self.batch_size!r}")
        if not (0 < self.lr <= 1):
            raise ValueError(f"learning rate must be in (0, 1], not {self.lr!r}")
        if not (0 <= self.beta <= 1000):
            raise ValueError(f"beta must be between 0 and 1000, not {self.beta!r}")
        if self.schedule not in ("constant", "cosine"):
            raise ValueError(f"schedule must be constant or cosine, not {self.schedule!r}")
        if self.denoise:
            parse_damage(self.denoise, "denoise")    # several kinds may be joined by "+": salt_pepper:0.25+gaussian:0.5

    def to_dict(self) -> dict:
        return asdict(self)
