"""The models: a VAE, a plain autoencoder and a conditional VAE, all MLPs over 28x28 images.

The shape follows pytorch/examples' VAE: encode(x) -> (mu, logvar), reparameterize, decode(z).
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import ModelConfig
from .gaussian import DiagonalGaussian


def as_labels(y, n: int, device=None) -> torch.Tensor:
    """One class label or one per image -> int64 (n,): a single label is repeated for all n images."""
    if y is None:
        raise ValueError("a conditional model needs class labels: one, or one per image")
    y = torch.as_tensor(y, device=device).long().reshape(-1)
    return y.expand(n) if y.numel() == 1 else y


def batches(x: torch.Tensor, y: torch.Tensor | None, size: int):
    """(x, y) in slices of `size` images: yields (xb, yb), yb None when y is None."""
    for i in range(0, x.shape[0], size):
        yield x[i:i + size], None if y is None else y[i:i + size]


def mlp(sizes: list[int]) -> nn.Sequential:
    """Linear layers with ReLU between them (none after the last)."""
    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class VAE(nn.Module):
    """One class for the three kinds; `config.kind` says which.

    - "vae":  q(z|x) = N(mu, diag(exp(logvar))), p(x|z) = Bernoulli(decode(z)).
    - "ae":   deterministic code z = mu; logvar is None; no KL term.
    - "cvae": the one-hot class is appended to the encoder input and to the decoder input.
    """

    def __init__(self, config: ModelConfig):
        super().__init__()
        config.validate()
        self.config = config
        c = config.num_classes if config.conditional else 0
        h = list(config.hidden)
        self.encoder = mlp([config.n_pixels + c, *h])
        self.enc_act = nn.ReLU()
        self.fc_mu = nn.Linear(h[-1], config.latent_dim)
        self.fc_logvar = nn.Linear(h[-1], config.latent_dim) if config.kind != "ae" else None
        self.decoder = mlp([config.latent_dim + c, *reversed(h), config.n_pixels])

    def __repr__(self):
        c = self.config
        return f"VAE(kind={c.kind}, latent={c.latent_dim}, hidden={list(c.hidden)}, params={self.num_params():,})"

    def num_params(self, part: str | None = None) -> int:
        mod = self if part is None else getattr(self, part)
        return sum(p.numel() for p in mod.parameters())

    @property
    def device(self) -> torch.device:
        return self.fc_mu.weight.device

    def labels(self, y, n: int) -> torch.Tensor | None:
        """The labels a conditional model reads for n images (one label or one per image); None otherwise."""
        return as_labels(y, n, self.device) if self.config.conditional else None

    def _with_label(self, v: torch.Tensor, y) -> torch.Tensor:
        if not self.config.conditional:
            return v
        y = as_labels(y, v.shape[0], v.device)
        return torch.cat([v, F.one_hot(y, self.config.num_classes).to(v.dtype)], dim=1)

    def encode(self, x: torch.Tensor, y: torch.Tensor | None = None):
        """x: (N, 1, 28, 28) in [0, 1] -> (mu, logvar), each (N, latent); logvar is None for "ae".
        y: a conditional model's class, one label or one per image (ignored by the other kinds)."""
        h = self.enc_act(self.encoder(self._with_label(x.reshape(x.shape[0], -1), y)))
        mu = self.fc_mu(h)
        logvar = self.fc_logvar(h) if self.fc_logvar is not None else None
        return mu, logvar

    def posterior(self, x: torch.Tensor, y=None) -> DiagonalGaussian:
        """q(z|x) for images x (N, 1, 28, 28) as a DiagonalGaussian over (N, latent)."""
        return DiagonalGaussian(*self.encode(x, y))

    def decode_logits(self, z: torch.Tensor, y: torch.Tensor | None = None) -> torch.Tensor:
        """z: (N, latent) -> Bernoulli logits (N, 784)."""
        return self.decoder(self._with_label(z, y))

    def decode(self, z: torch.Tensor, y: torch.Tensor | None = None) -> torch.Tensor:
        """z: (N, latent) -> pixel probabilities (N, 1, 28, 28)."""
        s = self.config.image_size
        return torch.sigmoid(self.decode_logits(z, y)).reshape(-1, 1, s, s)

    @staticmethod
    def reparameterize(mu, logvar, generator: torch.Generator | None = None):
        """z = mu + sigma * eps with eps ~ N(0, I); deterministic (z = mu) when logvar is None."""
        return DiagonalGaussian(mu, logvar).sample(generator)

    def forward(self, x, y=None, generator: torch.Generator | None = None):
        """-> (logits (N, 784), mu, logvar). Samples z in both train and eval mode, as the ELBO needs."""
        mu, logvar = self.encode(x, y)
        z = self.reparameterize(mu, logvar, generator)
        return self.decode_logits(z, y), mu, logvar
