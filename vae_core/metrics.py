"""Numbers that say how good a model is: negative ELBO and its parts, log-likelihood, the KL per latent
dimension, how digit-like its prior samples are (the kNN accuracy of the latent means is in knn.py)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from .gaussian import log_prior
from .knn import PixelKNN
from .latent import decode_prior
from .losses import recon_bce
from .model import batches


@torch.inference_mode()
def per_image_losses(model, x, y=None, *, beta: float = 1.0, seed: int = 0, sample: bool = True,
                     batch: int = 2000) -> dict[str, torch.Tensor]:
    """Per-image (N,) tensors: "loss" (recon + beta*KL), "recon", "kl", in nats. One z per image drawn with
    `seed` (sample=False decodes the mean instead)."""
    g = torch.Generator(device=x.device).manual_seed(seed)
    out = {"loss": [], "recon": [], "kl": []}
    for xb, yb in batches(x, y, batch):
        q = model.posterior(xb, yb)
        rec = recon_bce(model.decode_logits(q.sample(g) if sample else q.mode(), yb), xb)
        kl = q.kl()
        out["loss"].append(rec + beta * kl)
        out["recon"].append(rec)
        out["kl"].append(kl)
    return {k: torch.cat(v) for k, v in out.items()}


def mean_losses(model, x, y=None, *, beta: float = 1.0, seed: int = 0) -> dict[str, float]:
    """Mean negative ELBO (with beta) and its parts over a set, nats per image: "loss", "recon", "kl"."""
    losses = per_image_losses(model, x, y, beta=beta, seed=seed)
    return {k: v.mean().item() for k, v in losses.items()}




@torch.inference_mode()
def log_likelihood_is(model, x, y=None, *, samples: int = 1000, seed: int = 0, chunk: int = 500) -> torch.Tensor:
    """Importance-sampled log p(x) per image (N,), nats, with q(z|x) as proposal (Burda et al., 2016)."""
    if model.config.kind == "ae":
        raise ValueError("a plain autoencoder has no likelihood")
    g = torch.Generator(device=x.device).manual_seed(seed)
    out = []
    for xi, yi in batches(x, y, 1):
        q = model.posterior(xi, yi)
        terms = []
        for j in range(0, samples, chunk):
            k = min(chunk, samples - j)
            z = q.samples(k, g)
            log_px_z = -recon_bce(model.decode_logits(z, yi), xi.expand(k, -1, -1, -1))
            terms.append(log_px_z + log_prior(z) - q.log_prob(z))
        out.append(torch.logsumexp(torch.cat(terms), 0) - math.log(samples))
    return torch.stack(out)


@dataclass(frozen=True)
class PriorScore:
    """How N(0, I) draws decode, judged by a PixelKNN."""
    fraction: float            # share of decodings named with confidence >= threshold
    counts: np.ndarray         # (C,) how many confident decodings went to each class
    n: int                     # decodings judged
    threshold: float           # the confidence needed (share of the k votes)
    k: int


def prior_sample_score(model, knn: PixelKNN, n: int = 1000, seed: int = 0, threshold: float = 0.8) -> PriorScore:
    """The rough "looks like a digit" score: decode n draws from N(0, I) and count the decodings that the
    pixel kNN classifier names with confidence >= threshold (e.g. 8 of 10 neighbours agree).
    For a conditional model each draw gets a label, cycling through the classes."""
    y = torch.arange(n) % model.config.num_classes if model.config.conditional else None
    labels, conf = knn.predict(decode_prior(model, n, seed, y))
    sure = conf >= threshold
    return PriorScore(float(sure.mean()), np.bincount(labels[sure], minlength=knn.num_classes), n,
                      float(threshold), knn.k)


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
