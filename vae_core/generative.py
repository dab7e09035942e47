"""What makes a model generative: decode random codes z ~ N(0, I) and ask three questions of them.

- Do the draws cover every class? `class_spread` of the labels a classifier gives the decoded draws: the entropy
  of the class shares (bits; log2(10) = 3.32 when ten classes are equally common) and the share of the most
  common class. An autoencoder's codes sit wherever training put them, so N(0, I) draws land in one patch of its
  code space and decode to a few classes; a VAE's KL term spreads the classes over N(0, I).
- Do the draws land among the training codes? `far_share`: the share of draws whose nearest training code is
  further than a radius measured on the model's own test codes (`typical_gap`), so the two models are judged
  each on its own scale.
- Is the way between two codes smooth? `path_jumps` / `path_evenness`: decode a straight path and compare the
  largest pixel change between neighbouring steps with the average one (1 = the picture changes evenly; large =
  it jumps across a hole).

Everything reads models (inference only) and never changes them. `classify` is any function images (N, 28, 28)
-> labels (N,), e.g. `lambda im: vae_core.PixelKNN(x_test, y_test).predict(im)[0]`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch


def prior_codes(n: int, dim: int = 2, seed: int = 0) -> np.ndarray:
    """n codes z ~ N(0, I) -> float32 (n, dim), reproducible from `seed` (the same draws as vae_core.prior_draw)."""
    g = torch.Generator().manual_seed(int(seed))
    return torch.randn((n, dim), generator=g).numpy()


@torch.inference_mode()
def decode_codes(model, z, y=None, batch: int = 2000) -> np.ndarray:
    """Codes z (N, D) -> decoded images (N, 28, 28) float32 in [0, 1] (the decoder's mean)."""
    z = torch.as_tensor(np.asarray(z, dtype=np.float32))
    out = [model.decode(z[i:i + batch], None if y is None else torch.as_tensor(y[i:i + batch]).long())
           for i in range(0, z.shape[0], batch)]
    return torch.cat(out).reshape(-1, 28, 28).numpy()


# ---------------------------------------------------------------------------------------------- classes

@dataclass(frozen=True)
class ClassSpread:
    """How the draws' labels spread over the classes."""
    counts: np.ndarray         # (C,) draws given each class
    entropy_bits: float        # of the class shares; 0 = one class only, log2(C) = all classes equally common
    top_share: float           # share of the most common class, in [1/C, 1]
    top_class: int
    classes_seen: int          # classes given to at least 2 % of the draws

    @property
    def n(self) -> int:
        return int(self.counts.sum())


def class_spread(labels, num_classes: int = 10, *, seen_share: float = 0.02) -> ClassSpread:
    """Labels (N,) in 0..C-1 -> ClassSpread (entropy in bits, the most common class and its share)."""
    labels = np.asarray(labels).reshape(-1).astype(np.int64)
    if labels.size == 0:
        raise ValueError("class_spread needs at least one label")
    if labels.min() < 0 or labels.max() >= num_classes:
        raise ValueError(f"labels must lie in 0..{num_classes - 1}")
    counts = np.bincount(labels, minlength=num_classes)
    p = counts / counts.sum()
    nz = p[p > 0]
    entropy = float(-(nz * np.log2(nz)).sum()) + 0.0      # + 0.0: no "-0.0"
    top = int(np.argmax(counts))
    return ClassSpread(counts, entropy, float(p[top]), top, int((p >= seen_share).sum()))


# ---------------------------------------------------------------------------------------------- holes

def nearest_distances(points, codes, chunk: int = 1000) -> np.ndarray:
    """points (N, D), codes (M, D) -> (N,) Euclidean distance from each point to its nearest code."""
    p = torch.as_tensor(np.asarray(points, dtype=np.float32))
    c = torch.as_tensor(np.asarray(codes, dtype=np.float32))
    if p.ndim != 2 or c.ndim != 2 or p.shape[1] != c.shape[1] or c.shape[0] == 0:
        raise ValueError(f"points {tuple(p.shape)} and codes {tuple(c.shape)} must be (N, D) and (M, D), M > 0")
    return torch.cat([torch.cdist(p[i:i + chunk], c).min(1).values for i in range(0, p.shape[0], chunk)]).numpy()


def typical_gap(test_codes, train_codes, quantile: float = 0.99) -> float:
    """The distance from a real (test) image's code to its nearest training code that `quantile` of the test
    codes stay within: the model's own yardstick for "among the training codes"."""
    return float(np.quantile(nearest_distances(test_codes, train_codes), quantile))


def far_share(points, train_codes, radius: float) -> float:
    """Share of `points` (N, D) further than `radius` from every training code, in [0, 1]."""
    return float((nearest_distances(points, train_codes) > radius).mean())


# ---------------------------------------------------------------------------------------------- paths

def path_jumps(model, z_a, z_b, steps: int = 16) -> np.ndarray:
    """Decode `steps` evenly spaced codes on the straight line z_a -> z_b; -> (steps - 1,) root-mean-square pixel
    change between neighbouring pictures."""
    if steps < 3:
        raise ValueError("a path needs at least 3 steps")
    t = np.linspace(0.0, 1.0, steps, dtype=np.float32)[:, None]
    z = (1 - t) * np.asarray(z_a, np.float32)[None] + t * np.asarray(z_b, np.float32)[None]
    imgs = decode_codes(model, z).reshape(steps, -1)
    return np.sqrt(((imgs[1:] - imgs[:-1]) ** 2).mean(1))


def path_evenness(model, codes, pairs: int = 100, steps: int = 16, seed: int = 0) -> float:
    """Mean, over `pairs` random pairs of `codes` (N, D), of (largest step change) / (mean step change) along the
    straight path between them: 1 when the picture changes evenly, large when it jumps."""
    codes = np.asarray(codes, dtype=np.float32)
    rng = np.random.default_rng(seed)
    ratios = []
    for _ in range(pairs):
        i, j = rng.choice(codes.shape[0], size=2, replace=False)
        d = path_jumps(model, codes[i], codes[j], steps)
        if d.mean() > 0:
            ratios.append(float(d.max() / d.mean()))
    return float(np.mean(ratios)) if ratios else 1.0


# ---------------------------------------------------------------------------------------------- all three

@dataclass(frozen=True)
class DrawReport:
    """The three answers for one model, on n draws z ~ N(0, I)."""
    spread: ClassSpread        # classes among the decoded draws
    far: float                 # share of draws far from every training code
    radius: float              # the distance "far" means for this model (typical_gap of its test codes)
    evenness: float            # path_evenness between random test codes (1 = even)
    n: int


def draw_report(model, classify: Callable[[np.ndarray], np.ndarray], train_codes, test_codes, *, n: int = 1000,
                seed: int = 0, num_classes: int = 10, pairs: int = 50) -> DrawReport:
    """Decode n draws z ~ N(0, I) of a non-conditional model and measure them (see the module's docstring).
    train_codes, test_codes: the encoder's means (M, D) of the training and test images."""
    if model.config.conditional:
        raise ValueError("a conditional model is told the class: its draws' classes are not the model's choice")
    z = prior_codes(n, model.config.latent_dim, seed)
    spread = class_spread(np.asarray(classify(decode_codes(model, z))), num_classes)
    radius = typical_gap(test_codes, train_codes)
    return DrawReport(spread, far_share(z, train_codes, radius), radius,
                      path_evenness(model, test_codes, pairs=pairs, seed=seed), n)
