"""The encoder's Gaussian q(z|x) = N(mean, diag(exp(logvar))) as one object, in the manner of diffusers'
DiagonalGaussianDistribution: every sigma, sample, KL and log-density in vae_core is computed here.

    q = model.posterior(x)              # DiagonalGaussian over (N, D)
    z = q.sample(generator)             # mean + std * eps, eps ~ N(0, I)
    q.kl()                              # (N,) KL(q || N(0, I)), nats
    q.log_prob(z)                       # (N,) log q(z), nats

A plain autoencoder has no spread: its `logvar` is None, `std` is None, `sample()` returns the mean and its KL
is 0."""
from __future__ import annotations

import math

import torch

LOG2PI = math.log(2 * math.pi)


def log_normal(z: torch.Tensor, mean: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """log N(z; mean, diag(exp(logvar))) summed over the last dim, nats."""
    return -0.5 * (LOG2PI + logvar + (z - mean).pow(2) / logvar.exp()).sum(-1)


def log_prior(z: torch.Tensor) -> torch.Tensor:
    """log N(z; 0, I) summed over the last dim, nats."""
    zeros = torch.zeros_like(z)
    return log_normal(z, zeros, zeros)


class DiagonalGaussian:
    """N(mean, diag(exp(logvar))) per row: mean and logvar (N, D) (logvar None: a point, for an autoencoder)."""

    def __init__(self, mean: torch.Tensor, logvar: torch.Tensor | None):
        self.mean, self.logvar = mean, logvar

    def __repr__(self):
        return f"DiagonalGaussian(shape={tuple(self.mean.shape)}, deterministic={self.deterministic})"

    @property
    def deterministic(self) -> bool:
        return self.logvar is None

    @property
    def std(self) -> torch.Tensor | None:
        """sigma = exp(logvar / 2), (N, D); None for a point."""
        return None if self.logvar is None else (0.5 * self.logvar).exp()

    def sample(self, generator: torch.Generator | None = None) -> torch.Tensor:
        """z = mean + std * eps with eps ~ N(0, I) drawn from `generator`, (N, D); the mean for a point."""
        if self.logvar is None:
            return self.mean
        eps = torch.randn(self.mean.shape, generator=generator, device=self.mean.device, dtype=self.mean.dtype)
        return self.mean + self.std * eps

    def samples(self, k: int, generator: torch.Generator | None = None) -> torch.Tensor:
        """k draws from the first row's Gaussian -> (k, D) (for one image's q(z|x))."""
        eps = torch.randn((k, self.mean.shape[1]), generator=generator, device=self.mean.device)
        return self.mean[:1] + self.std[:1] * eps

    def mode(self) -> torch.Tensor:
        return self.mean

    def _kl_terms(self) -> torch.Tensor:
        """KL(q || N(0, I)) of each row and latent dimension, (N, D) nats. Kingma & Welling (2014), Appendix B:
        -KL = 1/2 * sum(1 + log sigma^2 - mu^2 - sigma^2). Only for a Gaussian with a spread."""
        return -0.5 * (1 + self.logvar - self.mean.pow(2) - self.logvar.exp())

    def kl(self) -> torch.Tensor:
        """KL(q || N(0, I)) per row, (N,) nats: the terms of _kl_terms summed over the dimensions. Zero for a
        point."""
        if self.logvar is None:
            return torch.zeros(self.mean.shape[0], device=self.mean.device, dtype=self.mean.dtype)
        return self._kl_terms().sum(1)

    def kl_per_dim(self) -> torch.Tensor:
        """Mean KL of each latent dimension over the rows, (D,) nats."""
        if self.logvar is None:
            return torch.zeros(self.mean.shape[1])
        return self._kl_terms().mean(0)

    def log_prob(self, z: torch.Tensor) -> torch.Tensor:
        """log q(z) summed over the last dim, nats: z (N, D) against each row, or (K, D) against a single row."""
        if self.logvar is None:
            raise ValueError("a plain autoencoder's code is a point: it has no density")
        return log_normal(z, self.mean, self.logvar)
