"""The negative ELBO, per image, in nats."""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .gaussian import DiagonalGaussian


@dataclass(frozen=True)
class LossParts:
    total: torch.Tensor   # recon + beta * kl
    recon: torch.Tensor   # -E_q[log p(x|z)]: BCE summed over the 784 pixels
    kl: torch.Tensor      # KL(q(z|x) || N(0, I))


def kl_normal(mu: torch.Tensor, logvar: torch.Tensor | None) -> torch.Tensor:
    """KL(N(mu, exp(logvar)) || N(0, I)) per row, (N, D) -> (N,): DiagonalGaussian.kl (Kingma & Welling,
    Appendix B). Zero for a deterministic encoder (logvar None)."""
    return DiagonalGaussian(mu, logvar).kl()


def kl_per_dim(mu: torch.Tensor, logvar: torch.Tensor | None) -> torch.Tensor:
    """Mean KL of each latent dimension over the batch, (N, D) -> (D,)."""
    return DiagonalGaussian(mu, logvar).kl_per_dim()


def recon_bce(logits: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Bernoulli negative log-likelihood summed over pixels, per image: (N, 784) logits, x in [0, 1] -> (N,)."""
    x = x.reshape(x.shape[0], -1)
    return F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)


def neg_elbo(logits, x, mu, logvar, beta: float = 1.0, reduce: bool = True) -> LossParts:
    """Negative ELBO = recon + beta * KL, in nats per image (averaged over the batch when reduce)."""
    rec = recon_bce(logits, x)
    kl = kl_normal(mu, logvar)
    total = rec + beta * kl
    if reduce:
        return LossParts(total.mean(), rec.mean(), kl.mean())
    return LossParts(total, rec, kl)
