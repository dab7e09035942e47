"""vae_core.latent: grid coordinates, the manifold grid's orientation, interpolation, q(z|x) samples, encoding a
set, and the true posterior on a grid (including a posterior with two modes where q(z|x) sees only one)."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import vae_core
from vae_core import (ModelConfig, VAE, build_model, decode_grid, decode_points, encode_dataset, grid_values,
                      interpolate, log_likelihood_grid, posterior_grid, posterior_samples)
from vae_core.metrics import log_likelihood_is


@pytest.fixture(scope="module")
def tiny():
    return build_model(ModelConfig(hidden=(16, 8)), seed=0).eval()


def test_grid_values_linear():
    assert grid_values(5, 3.0).tolist() == [-3.0, -1.5, 0.0, 1.5, 3.0]
    v = grid_values(16, 2.0)
    assert len(v) == 16 and v[0] == -2.0 and v[-1] == 2.0 and np.allclose(np.diff(v), 4.0 / 15)


@pytest.mark.parametrize("n, lim", [(15, 3.0), (20, 2.0), (2, 1.5)])
def test_grid_values_gaussian(n, lim):
    v = grid_values(n, lim, "gaussian")
    assert len(v) == n
    assert v[0] == pytest.approx(-lim, abs=1e-6) and v[-1] == pytest.approx(lim, abs=1e-6)
    assert np.all(np.diff(v) > 0)
    assert np.allclose(v, -v[::-1], atol=1e-9), "symmetric about 0"
    if n > 3:
        steps = np.diff(v)
        assert steps[len(steps) // 2] < steps[0], "denser near the centre, like the inverse Gaussian CDF"
    # evenly spaced in probability: Phi(v) is linear
    phi = 0.5 * (1 + np.vectorize(math.erf)(v / math.sqrt(2)))
    assert np.allclose(np.diff(phi), np.diff(phi)[0], atol=1e-9)


def test_decode_grid_orientation(tiny):
    n, lim = 5, 2.0
    imgs, xs, ys = decode_grid(tiny, n, lim)
    assert imgs.shape == (n, n, 28, 28) and imgs.dtype == np.float32
    assert xs[0] == -lim and xs[-1] == lim, "column 0 is the left: smallest z1"
    assert ys[0] == lim and ys[-1] == -lim, "row 0 is the top: largest z2"
    for i, j in [(0, 0), (0, n - 1), (n - 1, 0), (2, 3)]:
        z = torch.tensor([[xs[j], ys[i]]], dtype=torch.float32)
        assert np.allclose(imgs[i, j], tiny.decode(z).detach().numpy()[0, 0], atol=1e-6)


def test_decode_grid_conditional():
    model = build_model(ModelConfig(kind="cvae", hidden=(16, 8)), seed=0).eval()
    a, _, _ = decode_grid(model, 3, 1.0, y=2)
    b, _, _ = decode_grid(model, 3, 1.0, y=7)
    assert a.shape == (3, 3, 28, 28) and not np.allclose(a, b)
    with pytest.raises(ValueError, match="class label"):
        decode_grid(model, 3, 1.0)


def test_decode_points(tiny):
    z = np.array([[0.0, 0.0], [1.0, -1.0], [-2.0, 0.5]])
    imgs = decode_points(tiny, z)
    assert imgs.shape == (3, 28, 28) and imgs.dtype == np.float32
    assert imgs.min() >= 0 and imgs.max() <= 1
    assert np.allclose(imgs[1], decode_points(tiny, [1.0, -1.0])[0])


def test_interpolate_endpoints():
    z0, z1 = np.array([-1.0, 2.0]), np.array([3.0, 0.0])
    path = interpolate(z0, z1, 5)
    assert path.shape == (5, 2) and path.dtype == np.float32
    assert np.allclose(path[0], z0) and np.allclose(path[-1], z1)
    assert np.allclose(path[2], (z0 + z1) / 2)
    assert np.allclose(np.diff(path, axis=0), (z1 - z0) / 4), "evenly spaced on the straight line"


def test_posterior_samples_match_mu_and_sigma():
    model = build_model(ModelConfig(hidden=(16, 8)), seed=0).eval()
    with torch.no_grad():
        model.fc_logvar.bias.copy_(torch.tensor([-1.0, 0.5]))   # a spread that is far from 1 and unequal
    x = torch.rand(1, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    k = 20_000
    z, mu, sigma = posterior_samples(model, x, k, seed=3)
    m_mu, m_logvar = model.encode(x)
    assert z.shape == (k, 2) and mu.shape == (2,) and sigma.shape == (2,)
    assert torch.allclose(mu, m_mu[0]) and torch.allclose(sigma, (0.5 * m_logvar[0]).exp())
    se = sigma / math.sqrt(k)
    assert torch.all((z.mean(0) - mu).abs() < 4 * se)
    assert torch.allclose(z.std(0), sigma, rtol=0.03)
    assert abs(float(torch.corrcoef(z.T)[0, 1])) < 0.03, "independent dimensions"
    z2, _, _ = posterior_samples(model, x, k, seed=3)
    z3, _, _ = posterior_samples(model, x, k, seed=4)
    assert torch.equal(z, z2) and not torch.equal(z, z3)


def test_posterior_samples_refuses_autoencoder():
    ae = build_model(ModelConfig(kind="ae", hidden=(8,)), seed=0).eval()
    with pytest.raises(ValueError, match="no q\\(z\\|x\\) to sample"):
        posterior_samples(ae, torch.zeros(1, 1, 28, 28))


@pytest.mark.parametrize("kind", ["vae", "ae", "cvae"])
def test_encode_dataset(kind):
    model = build_model(ModelConfig(kind=kind, hidden=(16, 8)), seed=0).eval()
    x = torch.rand(25, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    y = torch.arange(25) % 10
    mu, sigma = encode_dataset(model, x, y, batch=7)
    mu_all, logvar = model.encode(x, y if kind == "cvae" else None)
    assert mu.shape == (25, 2) and torch.allclose(mu, mu_all, atol=1e-6), "batching does not change the result"
    if kind == "ae":
        assert sigma is None
    else:
        assert torch.allclose(sigma, (0.5 * logvar).exp(), atol=1e-6) and torch.all(sigma > 0)


# ---------------------------------------------------------------------------------------------- true posterior


def test_posterior_grid_is_a_normalised_density(vae_model, mnist_small):
    x, _ = mnist_small.tensors("test")
    pg = posterior_grid(vae_model, x[:1])
    k = len(pg["z1"])
    assert k >= 61 and pg["log_post"].shape == (k, k)
    da = (pg["z1"][1] - pg["z1"][0]) * (pg["z2"][1] - pg["z2"][0])
    assert np.exp(pg["log_post"]).sum() * da == pytest.approx(1.0, abs=1e-6)
    mu, logvar = vae_model.encode(x[:1])
    assert np.allclose(pg["mu"], mu[0].numpy(), atol=1e-6)
    assert np.allclose(pg["sigma"], (0.5 * logvar[0]).exp().numpy(), atol=1e-6)
    # the grid holds q(z|x): mu +- 6 sigma lies inside it
    assert pg["z1"][0] <= pg["mu"][0] - 6 * pg["sigma"][0] and pg["z1"][-1] >= pg["mu"][0] + 6 * pg["sigma"][0]
    assert pg["z2"][0] <= pg["mu"][1] - 6 * pg["sigma"][1] and pg["z2"][-1] >= pg["mu"][1] + 6 * pg["sigma"][1]
    assert log_likelihood_grid(vae_model, x[:1]).item() == pytest.approx(pg["log_px"], abs=1e-9)


def test_posterior_grid_needs_2d_latent():
    model = build_model(ModelConfig(latent_dim=3, hidden=(8,)), seed=0).eval()
    with pytest.raises(ValueError, match="only for a 2-D latent"):
        posterior_grid(model, torch.zeros(1, 1, 28, 28))


def two_mode_model(s: float = 0.5, b0: float = -4.0) -> VAE:
    """A hand-built VAE whose true posterior for an empty image has two equal modes, at z1 = +2 and z1 = -2,
    while its encoder says q(z|x) = N((2, 0), diag(0.01, 1)): q sees only one of them.
    Decoder: every pixel's logit is s * ||z1| - 2| + b0 (ReLUs make the absolute values), independent of z2."""
    m = VAE(ModelConfig(latent_dim=2, hidden=(4, 2)))
    with torch.no_grad():
        for p in m.parameters():
            p.zero_()
        m.fc_mu.bias.copy_(torch.tensor([2.0, 0.0]))
        m.fc_logvar.bias.copy_(torch.tensor([math.log(0.01), 0.0]))
        m.decoder[0].weight.copy_(torch.tensor([[1.0, 0.0], [-1.0, 0.0]]))      # relu(z1), relu(-z1)
        m.decoder[2].weight[0] = torch.tensor([1.0, 1.0])                       # relu(|z1| - 2)
        m.decoder[2].bias[0] = -2.0
        m.decoder[2].weight[1] = torch.tensor([-1.0, -1.0])                     # relu(2 - |z1|)
        m.decoder[2].bias[1] = 2.0
        m.decoder[4].weight[:, :2] = s
        m.decoder[4].bias[:] = b0
    return m.eval()


def exact_log_px(s: float = 0.5, b0: float = -4.0) -> float:
    """log p(x = empty image) for two_mode_model: a 1-D integral over z1 (z2 integrates to 1), done finely."""
    z = np.linspace(-9.0, 9.0, 1_800_001)
    ll = -784 * np.logaddexp(0.0, s * np.abs(np.abs(z) - 2) + b0) - 0.5 * z ** 2 - 0.5 * math.log(2 * math.pi)
    top = ll.max()
    return float(top + math.log(np.exp(ll - top).sum() * (z[1] - z[0])))


def test_posterior_grid_finds_a_mode_that_q_misses():
    model = two_mode_model()
    x = torch.zeros(1, 1, 28, 28)
    truth = exact_log_px()
    pg = posterior_grid(model, x)
    assert pg["log_px"] == pytest.approx(truth, abs=0.02)
    z1 = pg["z1"]
    da = (z1[1] - z1[0]) * (pg["z2"][1] - pg["z2"][0])
    assert np.exp(pg["log_post"][:, z1 < 0]).sum() * da == pytest.approx(0.5, abs=0.01), "half the mass at z1 = -2"
    # Importance sampling with q(z|x) as proposal sees one mode only: it is short by log 2.
    ll_is = log_likelihood_is(model, x, samples=20_000).item()
    assert ll_is == pytest.approx(truth - math.log(2), abs=0.05)


def class_means(x: torch.Tensor, y: torch.Tensor, num_classes: int = 10) -> torch.Tensor:
    """The mean image of each class: x (N, 1, 28, 28), y (N,) -> (C, 784)."""
    onehot = torch.nn.functional.one_hot(y.long(), num_classes).float()                    # (N, C)
    return (onehot.T @ x.reshape(x.shape[0], -1)) / onehot.sum(0).clamp(min=1)[:, None]


def class_agreement(model, means: torch.Tensor, n: int = 200, seed: int = 0) -> np.ndarray:
    """For each class c of a conditional model, the share of n draws z ~ N(0, I) whose decoding with label c
    is nearer to the mean image of class c than to any other class mean -> (C,)."""
    nearest_mean = vae_core.KNN(means, torch.arange(len(means)), k=1)
    return np.array([nearest_mean.accuracy(vae_core.decode_prior(model, n, seed, c), torch.full((n,), c))
                     for c in range(len(means))])


@pytest.fixture(scope="module")
def eval_images(request, mnist_small):
    """Full MNIST test images when VAE_DATA_DIR has them, else the 1,000 offline test digits."""
    try:
        return request.getfixturevalue("mnist_full").tensors("test")
    except pytest.skip.Exception:
        return mnist_small.tensors("test")


def test_posterior_samples_have_the_encoders_mean_and_spread(vae_model, test_set):
    x, _ = test_set
    k = 4000
    z, mu, sigma = vae_core.posterior_samples(vae_model, x[5:6], k, seed=0)
    mu_e, logvar_e = vae_model.encode(x[5:6])
    np.testing.assert_allclose(mu.numpy(), mu_e[0].detach().numpy(), atol=1e-6)
    np.testing.assert_allclose(sigma.numpy(), (0.5 * logvar_e[0]).exp().detach().numpy(), rtol=1e-5)
    # sample mean within 4 standard errors of mu; sample spread within 6 standard errors (~1/sqrt(2k)) of sigma
    assert (torch.abs(z.mean(0) - mu) < 4 * sigma / math.sqrt(k)).all()
    assert (torch.abs(z.std(0) / sigma - 1) < 6 / math.sqrt(2 * k)).all()
    # the two coordinates are drawn independently (q is a diagonal Gaussian)
    assert abs(np.corrcoef(z.numpy().T)[0, 1]) < 4 / math.sqrt(k)
    again, _, _ = vae_core.posterior_samples(vae_model, x[5:6], k, seed=0)
    other, _, _ = vae_core.posterior_samples(vae_model, x[5:6], k, seed=1)
    assert torch.equal(z, again) and not torch.equal(z, other)


def test_interpolation_endpoints_decode_to_the_endpoints_decodings(vae_model, test_set):
    x, _ = test_set
    z, imgs = vae_core.latent_path(vae_model, x[0], x[1], 12)
    assert z.shape == (12, 2) and imgs.shape == (12, 28, 28)
    recon, _ = vae_core.reconstruct(vae_model, x[:2])           # decodes the mean of q(z|x)
    np.testing.assert_allclose(imgs[0], recon[0], atol=1e-5)
    np.testing.assert_allclose(imgs[-1], recon[1], atol=1e-5)
    mu = vae_model.encode(x[:2])[0].detach().numpy()
    np.testing.assert_allclose(z[[0, -1]], mu, atol=1e-6)
    # every step lies on the straight line, evenly spaced
    steps = np.diff(z, axis=0)
    np.testing.assert_allclose(steps, np.repeat(steps[:1], 11, 0), atol=1e-5)
    assert not np.allclose(imgs[0], imgs[6], atol=0.05)         # the middle differs from the start


def test_interpolation_with_a_conditional_model(cvae_model, test_set):
    x, y = test_set
    a, b = int(y[0]), int(y[1])
    z, imgs = vae_core.latent_path(cvae_model, x[0], x[1], 8, y0=a, y1=b, label=a)
    recon, _ = vae_core.reconstruct(cvae_model, x[:1], y[:1])
    np.testing.assert_allclose(imgs[0], recon[0], atol=1e-5)
    _, other = vae_core.latent_path(cvae_model, x[0], x[1], 8, y0=a, y1=b, label=(a + 1) % 10)
    assert not np.allclose(imgs, other, atol=0.05)              # the decoding class matters


def test_pixel_blend_ends_are_the_originals(test_set):
    x, _ = test_set
    b = vae_core.pixel_blend(x[0], x[1], 9)
    np.testing.assert_allclose(b[0], x[0, 0].numpy())
    np.testing.assert_allclose(b[-1], x[1, 0].numpy())
    np.testing.assert_allclose(b[4], 0.5 * (x[0, 0] + x[1, 0]).numpy(), atol=1e-6)


def test_conditional_model_draws_the_class_it_is_given(eval_images):
    model = vae_core.pretrained("mnist-cvae")
    x, y = eval_images
    share = class_agreement(model, class_means(x, y), n=200, seed=0)
    assert share.shape == (10,)
    assert share.min() >= 0.6, share            # every class, for most z ~ N(0, I)
    assert share.mean() >= 0.8, share
    # and z still matters: the decodings of one label differ from draw to draw (the style)
    assert vae_core.decode_prior(model, 200, 0, 4).std(0).mean() > 0.05


def test_every_class_and_style_transfer(mnist_small):
    model = vae_core.pretrained("mnist-cvae")
    x, y = mnist_small.tensors("test")
    imgs = vae_core.every_class(model, [0.5, -0.25])
    assert imgs.shape == (10, 28, 28) and np.all((imgs >= 0) & (imgs <= 1))
    for c in (0, 7):
        one = vae_core.decode_points(model, [[0.5, -0.25]], y=c)[0]
        assert np.allclose(imgs[c], one, atol=1e-6)
    label = int(y[0])
    mu, restyled = vae_core.restyle(model, x[0], label)
    recon, _ = vae_core.reconstruct(model, x[:1], y[:1])
    assert mu.shape == (2,) and restyled.shape == (10, 28, 28)
    assert np.allclose(restyled[label], recon[0], atol=1e-6)     # with its own label: the usual reconstruction
    with pytest.raises(ValueError):
        vae_core.every_class(vae_core.pretrained("mnist-vae"), [0.0, 0.0])
