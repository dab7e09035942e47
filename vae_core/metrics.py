"""Numbers that say how good a model is: negative ELBO, log-likelihood, kNN accuracy of the latent means."""
from __future__ import annotations

import math

import torch

from .gaussian import log_prior
from .losses import recon_bce


def batches(x: torch.Tensor, y: torch.Tensor | None, size: int):
    """(x, y) in slices of `size` images: yields (xb, yb), yb None when y is None."""
    for i in range(0, x.shape[0], size):
        yield x[i:i + size], None if y is None else y[i:i + size]


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


def evaluate(model, x, y=None, *, beta: float = 1.0, seed: int = 0) -> dict[str, float]:
    """Mean negative ELBO (with beta) and its parts over a set, nats per image."""
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


@torch.inference_mode()
def knn_accuracy(train_z, train_y, test_z, test_y, k: int = 5, chunk: int = 1000) -> float:
    """Accuracy of a k-nearest-neighbour vote in latent space (Euclidean), train -> test."""
    correct = 0
    for i in range(0, test_z.shape[0], chunk):
        d = torch.cdist(test_z[i:i + chunk], train_z)
        nn_idx = d.topk(k, largest=False).indices
        votes = train_y[nn_idx]
        pred = torch.mode(votes, dim=1).values
        correct += (pred == test_y[i:i + chunk]).sum().item()
    return correct / test_z.shape[0]
