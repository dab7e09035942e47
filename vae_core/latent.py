"""Tools for the latent space: encode a set, decode a grid, interpolate, sample q(z|x), and, for a 2-D
latent, the true posterior p(z|x) and log p(x) by numerical integration over the plane."""
from __future__ import annotations

import math

import numpy as np
import torch

from .gaussian import log_prior
from .losses import recon_bce
from .metrics import batches


@torch.inference_mode()
def encode_dataset(model, x, y=None, batch: int = 2000):
    """x (N, 1, 28, 28) -> (mu (N, D), sigma (N, D) or None for an AE), as float32 tensors."""
    qs = [model.posterior(xb, yb) for xb, yb in batches(x, y, batch)]
    return torch.cat([q.mean for q in qs]), None if qs[0].deterministic else torch.cat([q.std for q in qs])


def grid_values(n: int, lim: float = 3.0, spacing: str = "linear") -> np.ndarray:
    """n coordinates from -lim to lim: evenly ("linear") or through the inverse Gaussian CDF of evenly
    spaced probabilities ("gaussian", as in Kingma & Welling's manifold figure), ending at +-lim."""
    if spacing == "gaussian":
        p_lo = 0.5 * (1 + math.erf(-lim / math.sqrt(2)))
        p = torch.linspace(p_lo, 1 - p_lo, n, dtype=torch.float64)
        return (math.sqrt(2) * torch.erfinv(2 * p - 1)).numpy()
    return np.linspace(-lim, lim, n)


@torch.inference_mode()
def decode_grid(model, n: int = 15, lim: float = 3.0, spacing: str = "linear", y=None):
    """Decode an n x n grid over [-lim, lim]^2 of a 2-D latent -> (images (n, n, 28, 28) float32 numpy, xs, ys).
    Row 0 is the top of the picture (largest z2), column 0 the left (smallest z1)."""
    xs = grid_values(n, lim, spacing)
    ys = xs[::-1].copy()
    zz = torch.tensor([[a, b] for b in ys for a in xs], dtype=torch.float32)
    imgs = model.decode(zz, y).reshape(n, n, 28, 28)
    return imgs.numpy(), xs, ys


@torch.inference_mode()
def decode_points(model, z, y=None) -> np.ndarray:
    """z (N, D) array-like -> images (N, 28, 28) float32 numpy in [0, 1]."""
    z = torch.as_tensor(np.asarray(z, dtype=np.float32)).reshape(-1, model.config.latent_dim)
    return model.decode(z, y).reshape(-1, 28, 28).numpy()


def interpolate(z0, z1, steps: int = 10) -> np.ndarray:
    """Straight line from z0 to z1 inclusive -> (steps, D)."""
    z0, z1 = np.asarray(z0, dtype=np.float32), np.asarray(z1, dtype=np.float32)
    t = np.linspace(0.0, 1.0, steps, dtype=np.float32)[:, None]
    return (1 - t) * z0 + t * z1


@torch.inference_mode()
def posterior_samples(model, x, k: int = 16, *, seed: int = 0, y=None):
    """K samples z = mu + sigma * eps of q(z|x) for one image x (1, 1, 28, 28) -> (z (K, D), mu (D,), sigma (D,))."""
    q = model.posterior(x, y)
    if q.deterministic:
        raise ValueError("a plain autoencoder has no q(z|x) to sample")
    return q.samples(k, torch.Generator().manual_seed(seed)), q.mean[0], q.std[0]


@torch.inference_mode()
def log_joint_on_grid(model, x, z1, z2, y=None, chunk: int = 8192) -> torch.Tensor:
    """log p(x|z) + log p(z) for one image over the grid z1 (A,) x z2 (B,) -> (B, A) float64 (row = z2)."""
    Z1, Z2 = torch.meshgrid(torch.as_tensor(z1, dtype=torch.float32), torch.as_tensor(z2, dtype=torch.float32),
                            indexing="xy")
    zz = torch.stack([Z1.reshape(-1), Z2.reshape(-1)], 1)
    out = []
    for i in range(0, zz.shape[0], chunk):
        zc = zz[i:i + chunk]
        lpx = -recon_bce(model.decode_logits(zc, y), x.reshape(1, -1).expand(zc.shape[0], -1))
        out.append((lpx + log_prior(zc)).double())
    return torch.cat(out).reshape(Z1.shape)


@torch.inference_mode()
def posterior_grid(model, x, y=None, *, n: int = 61, width: float = 6.0, max_tries: int = 4,
                   scan: int = 101, scan_lim: float = 5.0, max_n: int = 201):
    """The true posterior p(z|x) of a 2-D model on a grid that holds q(z|x) and every mode of p(z|x).

    q(z|x) can sit on a minor mode and miss most of the posterior (seen on real test digits, by several
    nats), so a coarse scan of log p(x|z) + log p(z) over [-scan_lim, scan_lim]^2 first finds where the mass
    is; the grid spans that region and mu +- width * sigma, with a step of at most sigma/2 per axis (at least
    n and at most max_n points per axis), and is widened until less than 1e-4 of the posterior mass lies on
    its border. Returns a dict with z1 (k,), z2 (k,), log_post (k, k) normalised log density (row = z2),
    log_px (nats) and the q(z|x) mu and sigma (k >= n)."""
    if model.config.latent_dim != 2:
        raise ValueError("the true posterior can be computed on a grid only for a 2-D latent")
    q = model.posterior(x, y)
    mu = q.mean[0].double()
    sigma = q.std[0].double() if not q.deterministic else torch.full((2,), 0.1, dtype=torch.float64)
    half = torch.clamp(width * sigma, min=0.05)
    lo, hi = mu - half, mu + half
    # Coarse scan: the box of cells within 25 nats of the best one (a mode can be far from mu), one step wider.
    zs = torch.linspace(-scan_lim, scan_lim, scan)
    lj = log_joint_on_grid(model, x, zs, zs, y)
    keep = lj >= lj.max() - 25.0                        # (scan, scan), row = z2
    cols, rows = keep.any(0).nonzero().flatten(), keep.any(1).nonzero().flatten()
    step = float(zs[1] - zs[0])
    lo = torch.minimum(lo, torch.tensor([float(zs[cols.min()]), float(zs[rows.min()])], dtype=torch.float64) - step)
    hi = torch.maximum(hi, torch.tensor([float(zs[cols.max()]), float(zs[rows.max()])], dtype=torch.float64) + step)
    for _ in range(max_tries):
        k = int(min(max_n, max(n, math.ceil(float(((hi - lo) / (sigma / 2)).max())) + 1)))
        z1 = torch.linspace(float(lo[0]), float(hi[0]), k)
        z2 = torch.linspace(float(lo[1]), float(hi[1]), k)
        lj = log_joint_on_grid(model, x, z1, z2, y)
        da = float((z1[1] - z1[0]) * (z2[1] - z2[0]))
        log_px = torch.logsumexp(lj.reshape(-1), 0) + math.log(da)
        log_post = lj + math.log(da) - log_px           # log of the mass in each cell
        border = torch.cat([log_post[0], log_post[-1], log_post[:, 0], log_post[:, -1]])
        if torch.logsumexp(border, 0).exp() < 1e-4:
            break
        centre, size = (lo + hi) / 2, hi - lo
        lo, hi = centre - size, centre + size
    return {"z1": z1.numpy(), "z2": z2.numpy(), "log_post": (log_post - math.log(da)).numpy(),
            "log_px": float(log_px), "mu": mu.float().numpy(), "sigma": sigma.float().numpy()}


def log_likelihood_grid(model, x, y=None, **kw) -> torch.Tensor:
    """log p(x) per image (N,) by integration over the latent plane (2-D models only), nats."""
    vals = [posterior_grid(model, x[i:i + 1], None if y is None else y[i:i + 1], **kw)["log_px"]
            for i in range(x.shape[0])]
    return torch.tensor(vals, dtype=torch.float64)


@torch.inference_mode()
def reconstruct(model, x, y=None, *, sample: bool = False, seed: int = 0):
    """Reconstruct images x (N, 1, 28, 28): decode the mean mu of q(z|x), or one sample z = mu + sigma * eps
    (drawn with `seed`) -> (images (N, 28, 28) float32 numpy, reconstruction loss per image (N,) numpy, nats:
    BCE summed over the 784 pixels)."""
    q = model.posterior(x, y)
    logits = model.decode_logits(q.sample(torch.Generator().manual_seed(seed)) if sample else q.mode(), y)
    return torch.sigmoid(logits).reshape(-1, 28, 28).numpy(), recon_bce(logits, x).numpy()
