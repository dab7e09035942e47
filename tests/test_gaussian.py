"""vae_core.gaussian: the posterior object's known answers, and that the model's posterior is its encode."""
from __future__ import annotations

import pytest
import torch

from vae_core import DiagonalGaussian, ModelConfig, build_model, kl_normal
from vae_core.gaussian import LOG2PI, log_prior


def test_standard_normal_has_zero_kl_and_the_textbook_density():
    q = DiagonalGaussian(torch.zeros(3, 2), torch.zeros(3, 2))
    assert torch.equal(q.kl(), torch.zeros(3)) and torch.equal(q.kl_per_dim(), torch.zeros(2))
    z = torch.tensor([[0.0, 0.0], [1.0, -2.0], [3.0, 0.5]])
    expected = torch.tensor([-LOG2PI, -LOG2PI - 2.5, -LOG2PI - 4.625])
    assert torch.allclose(q.log_prob(z), expected)
    assert torch.allclose(log_prior(z), expected)


def test_std_sample_mode_and_reproducible_draws():
    mean = torch.tensor([[0.5, -1.0]]).expand(20000, 2)
    logvar = torch.log(torch.tensor([[0.25, 4.0]])).expand(20000, 2)
    q = DiagonalGaussian(mean, logvar)
    assert torch.allclose(q.std[0], torch.tensor([0.5, 2.0]))
    assert q.mode() is mean
    a, b = q.sample(torch.Generator().manual_seed(3)), q.sample(torch.Generator().manual_seed(3))
    assert torch.equal(a, b)
    assert torch.allclose(a.mean(0), mean[0], atol=0.05) and torch.allclose(a.std(0), q.std[0], rtol=0.03)


def test_kl_matches_monte_carlo_of_log_q_minus_log_p():
    q = DiagonalGaussian(torch.tensor([[0.7, -0.3]]), torch.tensor([[-1.0, 0.4]]))
    z = q.samples(200_000, torch.Generator().manual_seed(0))
    mc = (q.log_prob(z) - log_prior(z)).mean()
    assert mc.item() == pytest.approx(q.kl().item(), abs=0.01)
    assert q.kl_per_dim().sum().item() == pytest.approx(q.kl().item(), rel=1e-6)


def test_a_point_has_no_spread():
    q = DiagonalGaussian(torch.ones(4, 2), None)
    assert q.deterministic and q.std is None and q.sample() is q.mean
    assert torch.equal(q.kl(), torch.zeros(4))
    with pytest.raises(ValueError, match="no density"):
        q.log_prob(torch.zeros(1, 2))


@pytest.mark.parametrize("kind", ["vae", "ae", "cvae"])
def test_model_posterior_is_its_encoder(kind):
    model = build_model(ModelConfig(kind=kind, hidden=(16,)), seed=1)
    x = torch.rand(5, 1, 28, 28, generator=torch.Generator().manual_seed(2))
    y = 3 if kind == "cvae" else None            # one label for every image
    mu, logvar = model.encode(x, torch.full((5,), 3) if kind == "cvae" else None)
    q = model.posterior(x, y)
    assert torch.equal(q.mean, mu)
    assert (q.logvar is None) if kind == "ae" else torch.equal(q.logvar, logvar)
    assert torch.equal(q.kl(), kl_normal(mu, logvar))


def test_one_label_or_one_per_image_decode_alike():
    model = build_model(ModelConfig(kind="cvae", hidden=(16,)), seed=1)
    z = torch.randn(4, 2, generator=torch.Generator().manual_seed(0))
    assert torch.equal(model.decode(z, 7), model.decode(z, torch.full((4,), 7)))
    assert torch.equal(model.decode(z, [7]), model.decode(z, torch.tensor([7, 7, 7, 7])))
    with pytest.raises(ValueError, match="class label"):
        model.decode(z)
    assert torch.isfinite(model.decode(z, torch.arange(4))).all()
