"""Library code behind the lesson pages: the posterior gap, q(z|x) samples, morphs, corruption, anomaly scores
and latent neighbours. Known answers and statistical checks with fixed seeds, on the shipped models."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import vae_core
from vae_core.losses import recon_bce


@pytest.fixture(scope="module")
def test_set(mnist_small):
    return mnist_small.tensors("test")


@pytest.fixture(scope="module")
def cvae_model():
    return vae_core.pretrained("mnist-cvae")


@pytest.fixture(scope="module")
def reports(vae_model, test_set):
    x, _ = test_set
    return [vae_core.posterior_report(vae_model, x[i:i + 1]) for i in (0, 1)]


# ---------------------------------------------------------------------------------------------- posterior gap

def test_gap_is_non_negative_and_the_parts_add_up(reports):
    for r in reports:
        assert r.gap >= 0.0
        assert r.elbo == pytest.approx(-(r.recon + r.kl), abs=1e-9)
        assert r.log_px == pytest.approx(r.elbo + r.gap, abs=1e-9)
        assert r.recon > 0 and r.kl > 0
        # the density on the grid integrates to one
        da = (r.z1[1] - r.z1[0]) * (r.z2[1] - r.z2[0])
        assert r.density.sum() * da == pytest.approx(1.0, abs=1e-6)


@torch.inference_mode()
def test_gap_numbers_agree_with_independent_estimates(vae_model, test_set, reports):
    """KL against the closed form; recon against Monte Carlo over q; log p(x) against plain Monte Carlo
    over the prior, p(x) = E_p(z)[p(x|z)]. (Importance sampling with q as proposal is no check here: for
    digit 0 the true posterior is much wider than q, and it comes out 2.3 nats too low even with 50,000
    samples; that mismatch is exactly the gap this page shows.)"""
    x, _ = test_set
    g = torch.Generator().manual_seed(0)
    for i, r in enumerate(reports):
        mu, logvar = vae_model.encode(x[i:i + 1])
        assert r.kl == pytest.approx(vae_core.kl_normal(mu, logvar).item(), abs=0.01)
        np.testing.assert_allclose(r.mu, mu[0].numpy(), atol=1e-6)
    xi, r = x[:1], reports[0]
    mu, logvar = vae_model.encode(xi)
    z = mu + (0.5 * logvar).exp() * torch.randn(10_000, 2, generator=g)
    mc = recon_bce(vae_model.decode_logits(z), xi.expand(10_000, -1, -1, -1))
    assert r.recon == pytest.approx(mc.mean().item(), abs=4 * mc.std().item() / math.sqrt(10_000) + 0.01)
    z = torch.randn(40_000, 2, generator=g)
    log_w = -recon_bce(vae_model.decode_logits(z), xi.expand(40_000, -1, -1, -1))
    assert r.log_px == pytest.approx((torch.logsumexp(log_w, 0) - math.log(40_000)).item(), abs=0.25)


def test_a_finer_grid_gives_the_same_answer(vae_model, test_set, reports):
    x, _ = test_set
    fine = vae_core.posterior_report(vae_model, x[:1], n=151)
    assert fine.density.shape[1] >= 151 > reports[0].density.shape[1]
    assert fine.log_px == pytest.approx(reports[0].log_px, abs=0.02)
    assert fine.gap == pytest.approx(reports[0].gap, abs=0.02)
    assert fine.kl == pytest.approx(reports[0].kl, abs=0.01)


def test_gap_for_a_conditional_model(cvae_model, test_set):
    x, y = test_set
    r = vae_core.posterior_report(cvae_model, x[:1], int(y[0]))
    assert r.gap >= 0 and math.isfinite(r.log_px)
    assert r.elbo == pytest.approx(-(r.recon + r.kl), abs=1e-9)
    # (a wrong class gives a far larger gap: checked on the page, tests/test_pages_lessons.py)


def test_posterior_report_refuses_an_autoencoder_and_a_3d_latent(test_set):
    x, _ = test_set
    with pytest.raises(ValueError, match="autoencoder"):
        vae_core.posterior_report(vae_core.pretrained("mnist-ae"), x[:1])
    m3 = vae_core.VAE(vae_core.ModelConfig(kind="vae", latent_dim=3, hidden=(16,))).eval()
    with pytest.raises(ValueError, match="2-D"):
        vae_core.posterior_report(m3, x[:1])


def test_extent_holds_q_and_the_posterior(reports):
    r = reports[0]
    a0, a1, b0, b1 = r.extent()
    assert a0 < r.mu[0] - 3 * r.sigma[0] and a1 > r.mu[0] + 3 * r.sigma[0]
    assert b0 < r.mu[1] - 3 * r.sigma[1] and b1 > r.mu[1] + 3 * r.sigma[1]
    peak = r.peak()
    assert a0 <= peak[0] <= a1 and b0 <= peak[1] <= b1
    row = np.argmin(np.abs(r.z2 - peak[1]))
    col = np.argmin(np.abs(r.z1 - peak[0]))
    assert r.density[row, col] == r.density.max()


def test_ellipse_points_and_mass():
    mu, sigma = np.array([0.5, -1.0]), np.array([0.2, 0.05])
    for k in (1, 2):
        e = vae_core.ellipse(mu, sigma, k, n=50)
        assert e.shape == (50, 2)
        np.testing.assert_allclose((((e - mu) / sigma) ** 2).sum(1), k * k, rtol=1e-9)
        np.testing.assert_allclose(e[0], e[-1])
    assert vae_core.ellipse_mass(1) == pytest.approx(0.3935, abs=1e-4)
    z = np.random.default_rng(0).standard_normal((200_000, 2))
    inside = ((z ** 2).sum(1) <= 4).mean()
    assert inside == pytest.approx(vae_core.ellipse_mass(2), abs=0.005)


# ---------------------------------------------------------------------------------------------- q(z|x) samples

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


# ---------------------------------------------------------------------------------------------- interpolation

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


# ---------------------------------------------------------------------------------------------- anomalies

@pytest.fixture(scope="module")
def test_losses(vae_model, test_set):
    x, y = test_set
    return vae_core.per_image_losses(vae_model, x, y)["loss"].numpy()


def test_typicality_puts_a_blank_image_and_an_inverted_digit_above_the_median(vae_model, test_set, test_losses):
    x, _ = test_set
    odd = np.stack([np.zeros((28, 28), np.float32), 1.0 - x[0, 0].numpy()])
    odd_losses = vae_core.image_losses(vae_model, odd)
    scores = vae_core.anomaly_scores(test_losses, "typicality")
    odd_scores = vae_core.anomaly_scores(odd_losses, "typicality", reference=test_losses)
    assert (odd_scores > np.median(scores)).all(), (odd_losses, np.median(test_losses))
    # ranked together with the test set, both land in the unusual half
    ranked = vae_core.anomaly_scores(np.concatenate([test_losses, odd_losses]), "typicality",
                                     reference=test_losses)
    unusual, _ = vae_core.rank_by_score(ranked, k=len(ranked) // 2)
    assert {len(test_losses), len(test_losses) + 1} <= set(unusual.tolist())


def test_plain_loss_ranks_an_inverted_digit_top_but_has_the_blank_page_blind_spot(vae_model, test_set,
                                                                                   test_losses):
    """The page's explanation rests on this: by plain loss (negative ELBO) an inverted digit is more unusual
    than every test digit, but a blank page gets a LOWER loss than the median digit (Nalisnick et al., 2019)."""
    x, _ = test_set
    inverted = vae_core.image_losses(vae_model, (1.0 - x[0, 0].numpy())[None])[0]
    blank = vae_core.image_losses(vae_model, np.zeros((1, 28, 28), np.float32))[0]
    assert vae_core.fraction_below(test_losses, inverted) == 1.0
    assert blank < np.median(test_losses)


def test_image_losses_is_the_test_set_estimator_for_any_image_shape(vae_model, cvae_model, test_set):
    x, y = test_set
    ref = vae_core.per_image_losses(vae_model, x[:5])["loss"].numpy()
    np.testing.assert_allclose(vae_core.image_losses(vae_model, x[:5, 0].numpy()), ref, rtol=1e-6)
    np.testing.assert_allclose(vae_core.image_losses(vae_model, x[:5]), ref, rtol=1e-6)
    # a conditional model: one class for all images, or one per image
    three = x[:3, 0].numpy()
    same = vae_core.image_losses(cvae_model, three, int(y[0]))
    ref = vae_core.per_image_losses(cvae_model, x[:3], y[:1].expand(3))["loss"].numpy()
    np.testing.assert_allclose(same, ref, rtol=1e-6)
    each = vae_core.image_losses(cvae_model, three, y[:3].numpy())
    np.testing.assert_allclose(each, vae_core.per_image_losses(cvae_model, x[:3], y[:3])["loss"].numpy(), rtol=1e-6)


def test_rank_by_score_and_fraction_below():
    s = np.array([3.0, 1.0, 4.0, 1.5, 9.0, 2.0])
    unusual, typical = vae_core.rank_by_score(s, k=2)
    assert unusual.tolist() == [4, 2] and typical.tolist() == [1, 3]
    u, t = vae_core.rank_by_score(s, k=100)
    assert len(u) == len(t) == 6
    assert vae_core.fraction_below(s, 2.5) == pytest.approx(3 / 6)
    assert vae_core.anomaly_scores([1.0, 3.0], "typicality").tolist() == [1.0, 1.0]
    with pytest.raises(ValueError):
        vae_core.anomaly_scores(s, "nonsense")


# ---------------------------------------------------------------------------------------------- noise

@pytest.mark.parametrize("kind", vae_core.NOISE_KINDS)
def test_noise_shapes_ranges_and_determinism(kind, test_set):
    x, _ = test_set
    batch = x[:6]                                                  # torch (6, 1, 28, 28)
    out = vae_core.corrupt(batch, kind, 0.4, seed=3)
    assert out.shape == (6, 1, 28, 28) and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert not np.allclose(out, batch.numpy())
    np.testing.assert_array_equal(out, vae_core.corrupt(batch, kind, 0.4, seed=3))
    assert not np.array_equal(out, vae_core.corrupt(batch, kind, 0.4, seed=4))
    flat = vae_core.corrupt(batch[:, 0].numpy(), kind, 0.4, seed=3)   # numpy (6, 28, 28): same noise
    np.testing.assert_array_equal(flat, out[:, 0])
    assert vae_core.corrupt(batch[0, 0].numpy(), kind, 0.4).shape == (28, 28)
    np.testing.assert_array_equal(vae_core.corrupt(batch, kind, 0.0), batch.numpy())
    np.testing.assert_array_equal(batch.numpy(), x[:6].numpy())    # the input is not modified


def test_noise_strength_means_what_it_says():
    gray = np.full((50, 28, 28), 0.5, np.float32)
    g = vae_core.corrupt(gray, "gaussian", 0.1, seed=0)
    assert (g - 0.5).std() == pytest.approx(0.1, rel=0.02)
    sp = vae_core.corrupt(gray, "salt_pepper", 0.3, seed=0)
    hit = sp != 0.5
    assert hit.mean() == pytest.approx(0.3, abs=0.01)
    assert (sp[hit] == 1.0).mean() == pytest.approx(0.5, abs=0.02)
    sq = vae_core.corrupt(np.ones((20, 28, 28), np.float32), "square", 0.25, seed=0)
    for img in sq:
        rows, cols = np.nonzero(img == 0)
        assert len(rows) == 7 * 7                                   # one blank 7 x 7 square
        assert rows.max() - rows.min() == 6 and cols.max() - cols.min() == 6
        assert rows.min() >= 4 and rows.max() < 24 and cols.min() >= 4 and cols.max() < 24


def test_noise_rejects_bad_arguments():
    with pytest.raises(ValueError):
        vae_core.corrupt(np.zeros((28, 28)), "fog", 0.1)
    with pytest.raises(ValueError):
        vae_core.corrupt(np.zeros((28, 28)), "gaussian", 1.5)
    with pytest.raises(ValueError):
        vae_core.corrupt(np.zeros((27, 28)), "gaussian", 0.1)


def test_mean_sq_error():
    a = np.zeros((2, 28, 28))
    b = np.ones((2, 1, 28, 28))
    np.testing.assert_allclose(vae_core.mean_sq_error(a, b), [1.0, 1.0])
    np.testing.assert_allclose(vae_core.mean_sq_error(a, a), [0.0, 0.0])


# ---------------------------------------------------------------------------------------------- neighbours

def test_nearest_matches_brute_force():
    rng = np.random.default_rng(0)
    codes = rng.standard_normal((500, 2))
    z = np.array([0.3, -0.2])
    idx, dist = vae_core.nearest(codes, z, 3)
    d = np.linalg.norm(codes - z, axis=1)
    assert idx.tolist() == np.argsort(d)[:3].tolist()
    np.testing.assert_allclose(dist, np.sort(d)[:3])
    idx_all, _ = vae_core.nearest(codes[:2], z, 5)
    assert sorted(idx_all.tolist()) == [0, 1]
    with pytest.raises(ValueError):
        vae_core.nearest(codes, np.zeros(3), 3)
