"""vae_core.generative: the class spread of decoded N(0, I) draws, distances to the training codes, the evenness
of straight paths; known answers on tiny inputs, then the shipped autoencoder against the shipped VAE."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import vae_core
from vae_core.generative import (class_spread, decode_codes, draw_report, far_share, nearest_distances,
                                 path_evenness, path_jumps, prior_codes, typical_gap)


def tiny(kind="vae", seed=0):
    return vae_core.build_model(vae_core.ModelConfig(kind=kind, latent_dim=2, hidden=(16,)), seed).eval()


def test_class_spread_known_answers():
    even = class_spread(np.arange(1000) % 10)
    assert even.entropy_bits == pytest.approx(math.log2(10))
    assert even.top_share == pytest.approx(0.1) and even.classes_seen == 10 and even.n == 1000
    one = class_spread(np.full(50, 7))
    assert one.entropy_bits == 0.0 and one.top_share == 1.0 and one.top_class == 7 and one.classes_seen == 1
    two = class_spread([0, 0, 1, 1], num_classes=10)
    assert two.entropy_bits == pytest.approx(1.0) and two.counts.tolist() == [2, 2] + [0] * 8


@pytest.mark.parametrize("bad", [[], [10], [-1]])
def test_class_spread_rejects_bad_labels(bad):
    with pytest.raises(ValueError):
        class_spread(bad)


def test_nearest_distances_match_brute_force():
    rng = np.random.default_rng(0)
    pts, codes = rng.normal(size=(37, 2)), rng.normal(size=(101, 2))
    brute = np.sqrt(((pts[:, None] - codes[None]) ** 2).sum(-1)).min(1)
    np.testing.assert_allclose(nearest_distances(pts, codes, chunk=8), brute, rtol=1e-5, atol=1e-6)


def test_far_share_and_typical_gap():
    codes = np.array([[0.0, 0.0], [1.0, 0.0]])
    pts = np.array([[0.0, 0.1], [5.0, 0.0], [1.0, -0.2], [0.0, 3.0]])
    assert far_share(pts, codes, radius=0.5) == 0.5          # two of four are further than 0.5 from both codes
    assert far_share(pts, codes, radius=10.0) == 0.0
    assert typical_gap(np.array([[0.0, 0.3], [1.0, 0.1]]), codes, quantile=1.0) == pytest.approx(0.3)
    with pytest.raises(ValueError):
        nearest_distances(pts, np.zeros((0, 2)))


def test_prior_codes_are_reproducible_and_match_prior_draw():
    a, b = prior_codes(8, 2, seed=3), prior_codes(8, 2, seed=3)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, vae_core.prior_draw(8, 2, 3))


def test_path_jumps_even_for_a_linear_decoder_and_evenness_at_least_one():
    model = tiny()
    d = path_jumps(model, [-2.0, 0.0], [2.0, 1.0], steps=9)
    assert d.shape == (8,) and (d >= 0).all()
    codes = prior_codes(20, 2, seed=1)
    e = path_evenness(model, codes, pairs=5, steps=9)
    assert e >= 1.0
    with pytest.raises(ValueError):
        path_jumps(model, [0, 0], [1, 1], steps=2)


def test_decode_codes_shape_and_range():
    imgs = decode_codes(tiny(), prior_codes(5, 2))
    assert imgs.shape == (5, 28, 28) and imgs.min() >= 0 and imgs.max() <= 1


def test_draw_report_on_a_tiny_model_and_refuses_a_conditional_one():
    model = tiny()
    codes = prior_codes(50, 2, seed=2)
    r = draw_report(model, lambda im: (im.reshape(len(im), -1).sum(1) * 7).astype(int) % 10, codes, codes[:20],
                    n=64, pairs=3)
    assert r.n == 64 and r.spread.n == 64 and 0 <= r.far <= 1 and r.evenness >= 1
    with pytest.raises(ValueError, match="conditional"):
        draw_report(tiny("cvae"), lambda im: np.zeros(len(im), int), codes, codes, n=8)


def test_the_shipped_vae_draws_every_class_and_the_autoencoder_does_not(mnist_full):
    """The lesson of the AE vs VAE page, on the full test set: random codes decoded by the VAE spread over the
    ten digits more evenly than the autoencoder's, and its straight paths change more evenly."""
    torch.manual_seed(0)
    vx, vy = mnist_full.tensors("test")
    knn = vae_core.PixelKNN(vx, vy)
    reports = {}
    for name in ("mnist-ae", "mnist-vae"):
        m = vae_core.pretrained(name)
        mu = vae_core.encode_dataset(m, vx, vy)[0].numpy()
        reports[name] = draw_report(m, lambda im: knn.predict(im)[0], mu, mu, n=1000, pairs=30)
    ae, vae = reports["mnist-ae"], reports["mnist-vae"]
    assert vae.spread.entropy_bits > ae.spread.entropy_bits + 0.2
    assert vae.spread.top_share < ae.spread.top_share
    assert vae.spread.classes_seen == 10
    assert vae.evenness < ae.evenness
