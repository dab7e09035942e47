"""vae_core.losses: the negative ELBO in nats, checked against known answers and hand computations."""
from __future__ import annotations

import math

import pytest
import torch

from vae_core import kl_normal, kl_per_dim, neg_elbo
from vae_core.losses import recon_bce


def test_kl_of_standard_normal_to_itself_is_zero():
    mu, logvar = torch.zeros(5, 2), torch.zeros(5, 2)
    assert torch.equal(kl_normal(mu, logvar), torch.zeros(5))
    assert torch.equal(kl_per_dim(mu, logvar), torch.zeros(2))


def test_kl_known_value_one_dimension():
    # KL(N(m, s^2) || N(0, 1)) = 0.5 * (s^2 + m^2 - 1 - log s^2)
    m, s = 1.5, 0.4
    expected = 0.5 * (s ** 2 + m ** 2 - 1 - math.log(s ** 2))
    got = kl_normal(torch.tensor([[m]]), torch.tensor([[math.log(s ** 2)]]))
    assert got.shape == (1,)
    assert got.item() == pytest.approx(expected, rel=1e-6)


def test_kl_closed_form_matches_monte_carlo():
    g = torch.Generator().manual_seed(0)
    mu = torch.tensor([[0.3, -1.2], [2.0, 0.5], [0.0, 0.0]], dtype=torch.float64)
    logvar = torch.tensor([[-1.0, 0.7], [-3.0, -0.2], [0.5, -0.5]], dtype=torch.float64)
    k = 400_000
    sigma = (0.5 * logvar).exp()
    eps = torch.randn((k, *mu.shape), generator=g, dtype=torch.float64)
    z = mu + sigma * eps                                       # (K, N, D)
    log_q = (-0.5 * (math.log(2 * math.pi) + logvar + eps ** 2)).sum(-1)
    log_p = (-0.5 * (math.log(2 * math.pi) + z ** 2)).sum(-1)
    mc = (log_q - log_p).mean(0)                               # E_q[log q - log p]
    se = (log_q - log_p).std(0) / math.sqrt(k)
    closed = kl_normal(mu, logvar)
    assert torch.all((closed - mc).abs() < 4 * se + 1e-3), (closed, mc, se)


def test_kl_of_deterministic_encoder_is_zero():
    mu = torch.randn(4, 2, generator=torch.Generator().manual_seed(1))
    assert torch.equal(kl_normal(mu, None), torch.zeros(4))
    assert torch.equal(kl_per_dim(mu, None), torch.zeros(2))


def test_kl_per_dim_sums_to_mean_kl():
    g = torch.Generator().manual_seed(2)
    mu, logvar = torch.randn(32, 6, generator=g), torch.randn(32, 6, generator=g)
    per_dim = kl_per_dim(mu, logvar)
    assert per_dim.shape == (6,)
    assert torch.all(per_dim >= 0)
    assert per_dim.sum().item() == pytest.approx(kl_normal(mu, logvar).mean().item(), rel=1e-5)


def test_bce_summed_over_784_pixels_matches_hand_computation():
    g = torch.Generator().manual_seed(3)
    x = torch.rand((2, 1, 28, 28), generator=g, dtype=torch.float64)
    x[0, 0, :5] = 0.0
    x[1, 0, -5:] = 1.0
    logits = torch.randn((2, 784), generator=g, dtype=torch.float64) * 3
    p = 1 / (1 + torch.exp(-logits))
    xf = x.reshape(2, 784)
    hand = [-sum(xf[i, j] * math.log(p[i, j]) + (1 - xf[i, j]) * math.log(1 - p[i, j]) for j in range(784))
            for i in range(2)]
    got = recon_bce(logits, x)
    assert got.shape == (2,)
    assert got.tolist() == pytest.approx([float(h) for h in hand], rel=1e-9)


def test_bce_is_stable_for_confident_logits():
    x = torch.tensor([[1.0, 0.0]])
    logits = torch.tensor([[200.0, -200.0]])  # sigmoid saturates; the loss must stay finite and ~0
    assert recon_bce(logits, x).item() == pytest.approx(0.0, abs=1e-6)
    assert recon_bce(-logits, x).item() == pytest.approx(400.0, rel=1e-6)


def test_neg_elbo_parts_and_beta_weighting():
    g = torch.Generator().manual_seed(4)
    x = torch.rand((5, 1, 28, 28), generator=g)
    logits = torch.randn((5, 784), generator=g)
    mu, logvar = torch.randn(5, 2, generator=g), torch.randn(5, 2, generator=g)
    parts = neg_elbo(logits, x, mu, logvar, reduce=False)
    assert parts.total.shape == parts.recon.shape == parts.kl.shape == (5,)
    assert torch.allclose(parts.recon, recon_bce(logits, x))
    assert torch.allclose(parts.kl, kl_normal(mu, logvar))
    assert torch.allclose(parts.total, parts.recon + parts.kl)
    b4 = neg_elbo(logits, x, mu, logvar, beta=4.0, reduce=False)
    assert torch.allclose(b4.total, parts.recon + 4.0 * parts.kl)
    assert torch.allclose(b4.recon, parts.recon) and torch.allclose(b4.kl, parts.kl)
    b0 = neg_elbo(logits, x, mu, logvar, beta=0.0)
    assert b0.total.item() == pytest.approx(parts.recon.mean().item(), rel=1e-6)
    mean = neg_elbo(logits, x, mu, logvar, beta=4.0)
    assert mean.total.dim() == 0
    assert mean.total.item() == pytest.approx(b4.total.mean().item(), rel=1e-6)
    assert mean.kl.item() == pytest.approx(parts.kl.mean().item(), rel=1e-6)


def test_neg_elbo_of_autoencoder_is_reconstruction_only():
    g = torch.Generator().manual_seed(5)
    x = torch.rand((3, 1, 28, 28), generator=g)
    logits = torch.randn((3, 784), generator=g)
    parts = neg_elbo(logits, x, torch.randn(3, 2, generator=g), None, beta=10.0, reduce=False)
    assert torch.equal(parts.kl, torch.zeros(3))
    assert torch.allclose(parts.total, parts.recon)


def test_loss_has_gradients_for_training():
    mu = torch.zeros(2, 2, requires_grad=True)
    logvar = torch.zeros(2, 2, requires_grad=True)
    logits = torch.zeros(2, 784, requires_grad=True)
    x = torch.full((2, 1, 28, 28), 0.5)
    parts = neg_elbo(logits, x, mu + 1.0, logvar)
    parts.total.backward()
    # d KL / d mu = mu (per image, averaged over 2 images): (1 / 2) * 1
    assert torch.allclose(mu.grad, torch.full((2, 2), 0.5))
    assert logits.grad is not None and torch.allclose(logits.grad, torch.zeros(2, 784), atol=1e-7)
