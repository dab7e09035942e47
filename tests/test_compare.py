"""vae_core.compare: posterior collapse at large β, the conditional VAE drawing the class it is asked for, the
pixel kNN judge of prior samples, the test-set summary (checked against vae_core.metrics.evaluate) and style
transfer."""
from __future__ import annotations

import numpy as np
import pytest
import torch

import vae_core


@pytest.fixture
def one_thread():
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(old)


def short_run(data, beta: float) -> vae_core.VAE:
    """A tiny MLP VAE, 4 epochs on the 4,000 offline training digits (about a second on one thread)."""
    mconf, tconf = vae_core.quick_configs("vae", beta, hidden=(128,), epochs=4)
    return vae_core.fit(mconf, data.tensors("train"), config=tconf, device=torch.device("cpu")).model


def test_large_beta_collapses_the_posterior(mnist_small, one_thread):
    x, _ = mnist_small.tensors("test")
    used = vae_core.latent_summary(short_run(mnist_small, 1.0), x)
    collapsed = short_run(mnist_small, 50.0)
    gone = vae_core.latent_summary(collapsed, x)
    # the same short training at β = 1 does use the latent space (so the collapse below is not just "untrained")
    assert used.kl_per_dim.max() > 1.0, used
    assert used.mu_std.max() > 0.5, used
    # at β = 50 every dimension carries almost no information and every code sits at the origin
    assert np.all(gone.kl_per_dim < 0.05), gone.kl_per_dim
    assert np.all(gone.mu_abs < 0.05) and np.all(gone.mu_std < 0.05), (gone.mu_abs, gone.mu_std)
    # so the reconstructions cost more: the decoder draws (nearly) one image for every input
    assert gone.recon > used.recon + 10
    recon, _ = vae_core.reconstruct(collapsed, x[:50])
    assert np.abs(recon - recon.mean(0)).max() < 0.05


@pytest.fixture(scope="module")
def eval_images(request, mnist_small):
    """Full MNIST test images when VAE_DATA_DIR has them, else the 1,000 offline test digits."""
    try:
        return request.getfixturevalue("mnist_full").tensors("test")
    except pytest.skip.Exception:
        return mnist_small.tensors("test")


def test_conditional_model_draws_the_class_it_is_given(eval_images):
    model = vae_core.pretrained("mnist-cvae")
    x, y = eval_images
    means = vae_core.class_means(x, y)
    share = vae_core.class_agreement(model, means, n=200, seed=0)
    assert share.shape == (10,)
    assert share.min() >= 0.6, share            # every class, for most z ~ N(0, I)
    assert share.mean() >= 0.8, share
    # and z still matters: the decodings of one label differ from draw to draw (the style)
    assert vae_core.decode_prior(model, 200, 0, 4).std(0).mean() > 0.05


def test_class_means_known_answer():
    x = torch.zeros(4, 1, 28, 28)
    x[1] = 1.0
    x[3] = 0.5
    y = torch.tensor([0, 0, 2, 2])
    m = vae_core.class_means(x, y, num_classes=3)
    assert m.shape == (3, 28, 28)
    assert np.allclose(m[0], 0.5) and np.allclose(m[1], 0.0) and np.allclose(m[2], 0.25)
    assert list(vae_core.nearest_class(np.stack([m[2], m[0]]), m)) == [2, 0]


def test_pixel_knn_known_answers():
    ref = torch.cat([torch.zeros(10, 1, 28, 28), torch.ones(10, 1, 28, 28)])
    labels = torch.tensor([0] * 10 + [1] * 10)
    knn = vae_core.PixelKNN(ref, labels, k=10, num_classes=2)
    lab, conf = knn.predict(np.stack([np.full((28, 28), 0.1), np.full((28, 28), 0.9)]))
    assert list(lab) == [0, 1] and np.allclose(conf, 1.0)
    knn5 = vae_core.PixelKNN(ref[5:15], labels[5:15], k=10, num_classes=2)   # 5 of each: a tie
    _, conf = knn5.predict(np.full((1, 28, 28), 0.5))
    assert np.allclose(conf, 0.5)
    with pytest.raises(ValueError):
        vae_core.PixelKNN(ref[:3], labels[:3], k=10)


def test_prior_sample_score_counts_confident_decodings(vae_model):
    """A judge whose references are the very decodings it is shown (all labelled 3) names every one with
    confidence; a judge with two equally near classes names none."""
    imgs = vae_core.decode_prior(vae_model, 40, seed=5)
    same = vae_core.PixelKNN(torch.as_tensor(np.repeat(imgs, 10, axis=0)), torch.full((400,), 3), k=10)
    s = vae_core.prior_sample_score(vae_model, same, n=40, seed=5)
    assert s.fraction == 1.0 and s.counts[3] == 40 and s.counts.sum() == 40
    split = vae_core.PixelKNN(torch.as_tensor(np.repeat(imgs, 10, axis=0)), torch.tensor([1, 2] * 200), k=10)
    assert vae_core.prior_sample_score(vae_model, split, n=40, seed=5).fraction == 0.0
    # the same seed gives the same draws, another seed other draws
    assert np.array_equal(vae_core.prior_draw(8, 2, 1), vae_core.prior_draw(8, 2, 1))
    assert not np.array_equal(vae_core.prior_draw(8, 2, 1), vae_core.prior_draw(8, 2, 2))


def test_latent_summary_matches_evaluate(mnist_small, vae_model):
    x, y = mnist_small.tensors("test")
    s = vae_core.latent_summary(vae_model, x, y)
    ev = vae_core.metrics.evaluate(vae_model, x, y)
    assert s.recon == pytest.approx(ev["recon"], rel=1e-5)
    assert s.kl == pytest.approx(ev["kl"], rel=1e-4)
    assert s.kl == pytest.approx(float(s.kl_per_dim.sum()), rel=1e-6)
    mu, logvar = vae_model.encode(x)
    assert np.allclose(s.kl_per_dim, vae_core.kl_per_dim(mu, logvar).detach().numpy(), rtol=1e-4)
    assert np.allclose(vae_core.kl_per_dim_of(vae_model, x), s.kl_per_dim)
    ae = vae_core.latent_summary(vae_core.pretrained("mnist-ae"), x)
    assert ae.kl == 0.0 and np.all(ae.kl_per_dim == 0.0)


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
