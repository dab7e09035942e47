"""How good is the encoder's guess? q(z|x) against the true posterior p(z|x) of a 2-D model, on a grid.

For one image x the true posterior p(z|x) = p(x|z) p(z) / p(x) is computed by integration over a grid of
the latent plane (vae_core.latent.posterior_grid). On the same grid we put the encoder's Gaussian q(z|x)
and compute, all in nats:

    log p(x)  = log of the integral of p(x|z) p(z) dz
    recon     = -E_q[log p(x|z)]                       (reconstruction loss)
    kl        = KL(q(z|x) || p(z))                     (KL to the prior N(0, I))
    elbo      = -(recon + kl)
    gap       = log p(x) - elbo = KL(q(z|x) || p(z|x)) >= 0

q is discretised on the same cells as the posterior, so the gap is a KL divergence between two discrete
distributions on one grid and therefore never negative. With the grid's step at most sigma/2, sums of the
Gaussian q over the grid are very accurate: the KL agrees with its closed form to about 0.001 nats.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from .gaussian import log_normal, log_prior
from .latent import posterior_grid


@dataclass(frozen=True)
class PosteriorReport:
    """The true posterior of one image on a grid, the encoder's q(z|x), and the ELBO decomposition (nats)."""
    z1: np.ndarray          # (A,) grid coordinates along z1
    z2: np.ndarray          # (B,) grid coordinates along z2
    density: np.ndarray     # (B, A) p(z|x) per unit area on the grid (row = z2), integrates to 1
    mu: np.ndarray          # (2,) mean of q(z|x)
    sigma: np.ndarray       # (2,) standard deviation of q(z|x)
    log_px: float           # log p(x) by integration, nats
    recon: float            # -E_q[log p(x|z)], nats
    kl: float               # KL(q(z|x) || N(0, I)), nats
    elbo: float             # -(recon + kl), nats

    @property
    def gap(self) -> float:
        """log p(x) - ELBO = KL(q(z|x) || p(z|x)), nats (>= 0)."""
        return self.log_px - self.elbo

    def peak(self) -> np.ndarray:
        """The grid point (2,) where the true posterior p(z|x) is highest (its mode, to the grid's step)."""
        row, col = np.unravel_index(int(np.argmax(self.density)), self.density.shape)
        return np.array([self.z1[col], self.z2[row]], dtype=np.float32)

    def extent(self, level: float = 1e-3, k: float = 3.0, pad: float = 0.1) -> tuple[float, float, float, float]:
        """A view box (z1_min, z1_max, z2_min, z2_max) holding every grid cell whose density is at least
        `level` times the peak and the k-sigma box of q(z|x), widened by `pad` of its size on each side."""
        rows, cols = np.nonzero(self.density >= level * self.density.max())
        a0 = min(self.z1[cols].min(), self.mu[0] - k * self.sigma[0])
        a1 = max(self.z1[cols].max(), self.mu[0] + k * self.sigma[0])
        b0 = min(self.z2[rows].min(), self.mu[1] - k * self.sigma[1])
        b1 = max(self.z2[rows].max(), self.mu[1] + k * self.sigma[1])
        da, db = pad * (a1 - a0), pad * (b1 - b0)
        return float(a0 - da), float(a1 + da), float(b0 - db), float(b1 + db)


@torch.inference_mode()
def posterior_report(model, x, y=None, *, n: int = 61) -> PosteriorReport:
    """The true posterior and the ELBO decomposition for one image x (1, 1, 28, 28) of a 2-D VAE
    (y: the class, for a conditional model). The grid is posterior_grid's (at least n points per axis): it
    holds q(z|x) and every mode of p(z|x), with a step of at most sigma/2 (unless that would take more than
    its max_n points). Raises ValueError for a plain autoencoder (it has no q(z|x)) or a latent that is not 2-D."""
    if model.config.latent_dim != 2:
        raise ValueError("the true posterior can be computed on a grid only for a 2-D latent")
    x = torch.as_tensor(x, dtype=torch.float32).reshape(1, 1, 28, 28)
    q = model.posterior(x, y)
    if q.deterministic:
        raise ValueError("a plain autoencoder has no q(z|x): its encoder gives one point, not a distribution")
    mu, logvar = q.mean[0].double(), q.logvar[0].double()
    g = posterior_grid(model, x, y, n=n)
    z1, z2 = torch.from_numpy(g["z1"]).double(), torch.from_numpy(g["z2"]).double()
    log_px = g["log_px"]
    lj = torch.from_numpy(g["log_post"]).double() + log_px           # log p(x|z) + log p(z), (B, A)
    da = float((z1[1] - z1[0]) * (z2[1] - z2[0]))
    zz = torch.stack(torch.meshgrid(z1, z2, indexing="xy"), -1)       # (B, A, 2), row = z2
    log_pz = log_prior(zz)
    log_q = log_normal(zz, mu, logvar)
    w = torch.softmax(log_q.reshape(-1), 0).reshape(log_q.shape)      # q's mass in each cell
    log_q_cell = torch.log(w.clamp_min(1e-300)) - math.log(da)        # discretised q, per unit area
    recon = -float((w * (lj - log_pz)).sum())
    kl = float((w * (log_q_cell - log_pz)).sum())
    return PosteriorReport(z1=z1.numpy(), z2=z2.numpy(), density=(lj - log_px).exp().numpy(),
                           mu=mu.float().numpy(), sigma=q.std[0].numpy(), log_px=log_px, recon=recon,
                           kl=kl, elbo=-(recon + kl))


def ellipse(mu, sigma, k: float = 1.0, n: int = 100) -> np.ndarray:
    """Points (n, 2) on the k-sigma ellipse of the axis-aligned Gaussian N(mu, diag(sigma^2)), closed
    (first point = last). In 2-D it holds 1 - exp(-k^2 / 2) of the mass: 39% for k=1, 86% for k=2."""
    th = np.linspace(0.0, 2.0 * np.pi, n)
    mu, sigma = np.asarray(mu, dtype=np.float64).reshape(2), np.asarray(sigma, dtype=np.float64).reshape(2)
    return np.stack([mu[0] + k * sigma[0] * np.cos(th), mu[1] + k * sigma[1] * np.sin(th)], 1)


def ellipse_mass(k: float) -> float:
    """Probability mass of a 2-D Gaussian inside its k-sigma ellipse: 1 - exp(-k^2 / 2)."""
    return 1.0 - math.exp(-0.5 * k * k)
