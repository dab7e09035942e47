"""Comparing models: an autoencoder against a VAE, a β sweep and posterior collapse, a conditional VAE.

    knn = PixelKNN(*data.tensors("test"))                  # pixel-space kNN classifier of the test set
    score = prior_sample_score(model, knn, n=1000)          # share of N(0, I) decodings it names with confidence
    s = latent_summary(model, x_test)                       # test recon loss, KL, KL per latent dimension
    imgs = every_class(cvae, z)                             # one z drawn as each class (C, 28, 28)

Everything here reads models (inference only) and never changes them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from .config import ModelConfig, TrainConfig
from .losses import recon_bce
from .metrics import batches

# The β sweep of the lesson: sharp but irregular (0.1) -> the ELBO (1) -> smooth but blurry (4) -> one latent
# dimension switched off (16) -> full posterior collapse (64; with a 2-D latent β = 16 keeps about one nat).
BETAS = (0.1, 1.0, 4.0, 16.0, 64.0)


def quick_configs(kind: str = "vae", beta: float = 1.0, *, hidden: tuple[int, ...] = (128, 64), epochs: int = 4,
                  seed: int = 0) -> tuple[ModelConfig, TrainConfig]:
    """A small MLP and a short run for on-demand classroom trainings (a few seconds per epoch on 2 CPU cores
    with the 60,000 MNIST images). Same seed -> same weights."""
    return (ModelConfig(kind=kind, latent_dim=2, hidden=hidden),
            TrainConfig(epochs=epochs, batch_size=128, lr=2e-3, beta=beta, seed=seed, schedule="cosine"))


# ---------------------------------------------------------------------------------------------- prior samples

def prior_draw(n: int, dim: int = 2, seed: int = 0) -> np.ndarray:
    """n points z ~ N(0, I) -> float32 (n, dim), reproducible from `seed`."""
    g = torch.Generator().manual_seed(int(seed))
    return torch.randn((n, dim), generator=g).numpy()


class PixelKNN:
    """A k-nearest-neighbour classifier on raw pixels (Euclidean distance over the 784 values in [0, 1]).

    It is a rough judge of "does this image look like one of the classes": an image whose k nearest
    reference images mostly share one label is called that label with confidence."""

    def __init__(self, images: torch.Tensor, labels: torch.Tensor, k: int = 10, num_classes: int = 10):
        self.ref = torch.as_tensor(images, dtype=torch.float32).reshape(len(labels), -1)   # (M, 784)
        self.labels = torch.as_tensor(labels).long().reshape(-1)                             # (M,)
        self.k = int(k)
        self.num_classes = int(num_classes)
        if self.ref.shape[0] < self.k:
            raise ValueError(f"a {self.k}-nearest-neighbour classifier needs at least {self.k} reference images")

    def __repr__(self):
        return f"PixelKNN(k={self.k}, references={self.ref.shape[0]:,})"

    @torch.inference_mode()
    def predict(self, images, chunk: int = 500) -> tuple[np.ndarray, np.ndarray]:
        """images (N, 28, 28) or (N, 1, 28, 28) in [0, 1] -> (label (N,) int64, confidence (N,) float32):
        the majority label among the k nearest references and the share of the k votes it got (ties go to
        the smaller label)."""
        q = torch.as_tensor(np.asarray(images, dtype=np.float32)).reshape(-1, self.ref.shape[1])
        labels, confs = [], []
        for i in range(0, q.shape[0], chunk):
            idx = torch.cdist(q[i:i + chunk], self.ref).topk(self.k, largest=False).indices    # (n, k)
            votes = torch.nn.functional.one_hot(self.labels[idx], self.num_classes).sum(1)     # (n, C)
            conf, lab = (votes.float() / self.k).max(1)
            labels.append(lab)
            confs.append(conf)
        return torch.cat(labels).numpy(), torch.cat(confs).numpy()


@dataclass(frozen=True)
class PriorScore:
    """How N(0, I) draws decode, judged by a PixelKNN."""
    fraction: float            # share of decodings named with confidence >= threshold
    counts: np.ndarray         # (C,) how many confident decodings went to each class
    n: int                     # decodings judged
    threshold: float           # the confidence needed (share of the k votes)
    k: int


@torch.inference_mode()
def decode_prior(model, n: int = 16, seed: int = 0, y=None) -> np.ndarray:
    """Decode n draws z ~ N(0, I) (the same draws for any model with the same latent size and seed)
    -> images (n, 28, 28) float32 in [0, 1]. A conditional model needs the label(s) y."""
    z = torch.from_numpy(prior_draw(n, model.config.latent_dim, seed))
    return model.decode(z, y).reshape(n, 28, 28).numpy()


def prior_sample_score(model, knn: PixelKNN, n: int = 1000, seed: int = 0, threshold: float = 0.8) -> PriorScore:
    """The rough "looks like a digit" score: decode n draws from N(0, I) and count the decodings that the
    pixel kNN classifier names with confidence >= threshold (e.g. 8 of 10 neighbours agree).
    For a conditional model each draw gets a label, cycling through the classes."""
    y = torch.arange(n) % model.config.num_classes if model.config.conditional else None
    labels, conf = knn.predict(decode_prior(model, n, seed, y))
    sure = conf >= threshold
    return PriorScore(float(sure.mean()), np.bincount(labels[sure], minlength=knn.num_classes), n,
                      float(threshold), knn.k)


# ---------------------------------------------------------------------------------------------- β and collapse

@dataclass(frozen=True)
class LatentSummary:
    """Test-set numbers of one model, nats per image."""
    recon: float               # reconstruction loss, one z ~ q(z|x) per image (as in training)
    kl: float                  # KL(q(z|x) || N(0, I))
    kl_per_dim: np.ndarray     # (D,) the KL of each latent dimension; ~0 means the dimension is switched off
    mu_abs: np.ndarray         # (D,) mean |mu| of the encodings; ~0 means every image is sent to the origin
    mu_std: np.ndarray         # (D,) spread of mu across the test set


@torch.inference_mode()
def latent_summary(model, x: torch.Tensor, y: torch.Tensor | None = None, *, seed: int = 0,
                   batch: int = 2000) -> LatentSummary:
    """x (N, 1, 28, 28) in [0, 1] (y (N,) for a conditional model) -> LatentSummary. An AE has KL 0."""
    g = torch.Generator().manual_seed(seed)
    rec, kls, mus = [], [], []
    for xb, yb in batches(x, y, batch):
        q = model.posterior(xb, yb)
        rec.append(recon_bce(model.decode_logits(q.sample(g), yb), xb))
        kls.append(q.kl_per_dim() * xb.shape[0])
        mus.append(q.mean)
    mu = torch.cat(mus)
    per_dim = (torch.stack(kls).sum(0) / x.shape[0]).numpy()
    return LatentSummary(float(torch.cat(rec).mean()), float(per_dim.sum()), per_dim,
                         mu.abs().mean(0).numpy(), mu.std(0).numpy())


def kl_per_dim_of(model, x: torch.Tensor, y: torch.Tensor | None = None) -> np.ndarray:
    """Mean KL of each latent dimension over a set, (D,) nats (vae_core.kl_per_dim over the encodings)."""
    return latent_summary(model, x, y).kl_per_dim


# ---------------------------------------------------------------------------------------------- conditional VAE

def class_means(x: torch.Tensor, y: torch.Tensor, num_classes: int = 10) -> np.ndarray:
    """The mean image of each class: x (N, 1, 28, 28), y (N,) -> (C, 28, 28) float32 (zeros for an absent class)."""
    flat = torch.as_tensor(x, dtype=torch.float32).reshape(x.shape[0], -1)
    onehot = torch.nn.functional.one_hot(torch.as_tensor(y).long(), num_classes).float()     # (N, C)
    sums = onehot.T @ flat                                                                    # (C, 784)
    return (sums / onehot.sum(0).clamp(min=1)[:, None]).reshape(num_classes, 28, 28).numpy()


def nearest_class(images, means: np.ndarray) -> np.ndarray:
    """images (N, 28, 28), class means (C, 28, 28) -> (N,) the index of the nearest mean (Euclidean)."""
    a = torch.as_tensor(np.asarray(images, dtype=np.float32)).reshape(-1, 784)
    m = torch.as_tensor(means, dtype=torch.float32).reshape(-1, 784)
    return torch.cdist(a, m).argmin(1).numpy()


@torch.inference_mode()
def every_class(model, z) -> np.ndarray:
    """One latent point z (D,) drawn as every class of a conditional model -> (C, 28, 28): same style,
    different class."""
    if not model.config.conditional:
        raise ValueError("only a conditional model can draw one z as every class")
    c = model.config.num_classes
    zz = torch.as_tensor(np.asarray(z, dtype=np.float32)).reshape(1, -1).expand(c, -1)
    return model.decode(zz, torch.arange(c)).reshape(c, 28, 28).numpy()


@torch.inference_mode()
def restyle(model, x: torch.Tensor, label: int) -> tuple[np.ndarray, np.ndarray]:
    """Style transfer with a conditional VAE: encode one image x (1, 1, 28, 28) with its true label, keep the
    mean code mu (its "style") and decode it with every label -> (mu (D,), images (C, 28, 28))."""
    if not model.config.conditional:
        raise ValueError("only a conditional model can re-draw an image as another class")
    mu, _ = model.encode(x.reshape(1, 1, 28, 28), torch.tensor([int(label)]))
    return mu[0].numpy(), every_class(model, mu[0])


def class_agreement(model, means: np.ndarray, n: int = 200, seed: int = 0) -> np.ndarray:
    """For each class c of a conditional model, the share of n draws z ~ N(0, I) whose decoding with label c
    is nearer to the mean image of class c than to any other class mean -> (C,) in [0, 1]."""
    c = model.config.num_classes
    out = np.zeros(c, dtype=np.float64)
    for k in range(c):
        out[k] = float((nearest_class(decode_prior(model, n, seed, k), means) == k).mean())
    return out
