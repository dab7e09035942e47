"""Tools for the latent space: encode a set, decode a grid or draws from the prior, interpolate and morph,
sample q(z|x), redraw one code as every class (conditional VAE), and, for a 2-D latent, the true posterior
p(z|x) and log p(x) by numerical integration over the plane."""
from __future__ import annotations

import math

import numpy as np
import torch

from .gaussian import log_prior
from .losses import recon_bce
from .model import batches


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
def latent_path(model, x0, x1, steps: int = 10, *, y0=None, y1=None, label=None):
    """Encode two images (1, 1, 28, 28) or (28, 28) to their means mu0, mu1 (a conditional model encodes
    each with its own class y0 / y1), walk the straight line mu0 -> mu1 in `steps` points (ends included)
    and decode each point (a conditional model decodes with `label`, default y0)
    -> (z (steps, D) float32 numpy, images (steps, 28, 28) float32 numpy in [0, 1])."""
    xs = [torch.as_tensor(np.asarray(a, dtype=np.float32)).reshape(1, 1, 28, 28) for a in (x0, x1)]
    mus = [model.posterior(x, yy).mode()[0].numpy() for x, yy in zip(xs, (y0, y1))]
    z = interpolate(mus[0], mus[1], steps)
    return z, decode_points(model, z, y=(y0 if label is None else label) if model.config.conditional else None)


def pixel_blend(x0, x1, steps: int = 10) -> np.ndarray:
    """The naive alternative: fade image x0 into x1 pixel by pixel -> (steps, 28, 28) float32."""
    a = np.asarray(x0, dtype=np.float32).reshape(28, 28)
    b = np.asarray(x1, dtype=np.float32).reshape(28, 28)
    t = np.linspace(0.0, 1.0, steps, dtype=np.float32)[:, None, None]
    return (1 - t) * a + t * b


def prior_draw(n: int, dim: int = 2, seed: int = 0) -> np.ndarray:
    """n points z ~ N(0, I) -> float32 (n, dim), reproducible from `seed`."""
    g = torch.Generator().manual_seed(int(seed))
    return torch.randn((n, dim), generator=g).numpy()


@torch.inference_mode()
def decode_prior(model, n: int = 16, seed: int = 0, y=None) -> np.ndarray:
    """Decode n draws z ~ N(0, I) (the same draws for any model with the same latent size and seed)
    -> images (n, 28, 28) float32 in [0, 1]. A conditional model needs the label(s) y."""
    z = torch.from_numpy(prior_draw(n, model.config.latent_dim, seed))
    return model.decode(z, y).reshape(n, 28, 28).numpy()


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
    mu = model.posterior(x.reshape(1, 1, 28, 28), torch.tensor([int(label)])).mode()[0]
    return mu.numpy(), every_class(model, mu)


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
