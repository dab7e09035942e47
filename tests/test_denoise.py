"""The denoising lesson: damage recipes (vae_core.noise.damage), the one measure of "keeps its class"
(class_kept), and the shipped denoiser `mnist-dvae` against the plain VAE over the full MNIST test set."""
from __future__ import annotations

import numpy as np
import pytest
import torch

import vae_core
from vae_core.noise import class_kept, damage, nearest_mean, parse_damage


def digits(n=64, seed=0):
    rng = np.random.default_rng(seed)
    return (rng.random((n, 28, 28)) < 0.2).astype(np.float32)


@pytest.mark.parametrize("spec, expected", [
    ("salt_pepper:0.25", [("salt_pepper", 0.25)]),
    ("salt_pepper:0.25+gaussian:0.5", [("salt_pepper", 0.25), ("gaussian", 0.5)]),
    (" square:1 ", [("square", 1.0)]),
])
def test_parse_damage(spec, expected):
    assert parse_damage(spec) == expected


@pytest.mark.parametrize("bad", ["", "salt:0.2", "gaussian", "gaussian:x", "gaussian:1.5", "gaussian:0.5+"])
def test_parse_damage_rejects(bad):
    with pytest.raises(ValueError, match="kind:strength"):
        parse_damage(bad)


def test_one_kind_is_corrupt_itself():
    x = digits()
    np.testing.assert_array_equal(damage(x, "gaussian:0.3", seed=4), vae_core.corrupt(x, "gaussian", 0.3, seed=4))


def test_a_mix_gives_each_image_one_kind_at_most_its_strength():
    x = np.full((400, 28, 28), 0.5, np.float32)             # grey: salt-and-pepper makes 0s and 1s, noise does not
    out = damage(x, "salt_pepper:0.25+gaussian:0.5", seed=1)
    assert out.shape == x.shape and out.dtype == np.float32 and out.min() >= 0 and out.max() <= 1
    flat = out.reshape(400, -1)
    sp = np.isin(flat, (0.0, 1.0)) | (flat == 0.5)
    salt = sp.all(1)                                           # images only salted (or untouched)
    assert 0.35 < salt.mean() < 0.65, "about half the images get each kind"
    assert ((flat[salt] != 0.5).mean(1) <= 0.25 + 0.06).all(), "no image gets more than the top strength"
    assert np.ptp((flat[salt] != 0.5).mean(1)) > 0.1, "strengths vary from image to image"
    np.testing.assert_array_equal(out, damage(x, "salt_pepper:0.25+gaussian:0.5", seed=1))
    assert not np.array_equal(out, damage(x, "salt_pepper:0.25+gaussian:0.5", seed=2))


def test_nearest_mean_and_class_kept_known_answers():
    means = np.zeros((3, 28, 28), np.float32)
    means[1, :14], means[2, 14:] = 1.0, 1.0
    imgs = np.stack([means[2], means[1] * 0.9, means[0] + 0.1])
    assert nearest_mean(imgs, means).tolist() == [2, 1, 0]

    model = vae_core.build_model(vae_core.ModelConfig(kind="vae", latent_dim=2, hidden=(8,)), 0).eval()
    got = class_kept(model, imgs, [2, 1, 0], means, batch=2)
    recon = vae_core.reconstruct(model, torch.from_numpy(imgs).reshape(-1, 1, 28, 28))[0]
    assert got.dtype == bool and got.tolist() == (nearest_mean(recon, means) == [2, 1, 0]).tolist()


@pytest.fixture(scope="module")
def mnist_test_and_means(mnist_full):
    tx, ty = mnist_full.tensors("train")
    vx, vy = mnist_full.tensors("test")
    return vx[:, 0].numpy(), vy.numpy(), vae_core.class_means(tx, ty)


@pytest.mark.parametrize("kind, strength", [("salt_pepper", 0.25), ("gaussian", 0.5)])
def test_shipped_denoiser_gives_the_digit_back(mnist_test_and_means, kind, strength):
    """Over the full test set: the denoiser on damaged digits keeps the class within 5 points of the plain VAE
    on clean digits (the ceiling of a 2-number code), and at least 25 points above the plain VAE on the same
    damaged digits."""
    clean, y, means = mnist_test_and_means
    plain, dvae = vae_core.pretrained("mnist-vae"), vae_core.pretrained("mnist-dvae")
    noisy = vae_core.corrupt(clean, kind, strength, seed=0)
    ceiling = class_kept(plain, clean, y, means).mean()
    plain_damaged = class_kept(plain, noisy, y, means).mean()
    denoised = class_kept(dvae, noisy, y, means).mean()
    assert denoised >= ceiling - 0.05, (denoised, ceiling)
    assert denoised >= plain_damaged + 0.25, (denoised, plain_damaged)


def test_fit_with_denoise_trains_and_records_it():
    x = torch.from_numpy(digits(256)).reshape(-1, 1, 28, 28)
    y = torch.zeros(256, dtype=torch.long)
    conf = vae_core.TrainConfig(epochs=2, batch_size=64, denoise="salt_pepper:0.25+gaussian:0.5")
    res = vae_core.fit(vae_core.ModelConfig(hidden=(16,)), (x, y), config=conf)
    assert len(res.history) == 2 and all(np.isfinite(h["train_loss"]) for h in res.history)
    with pytest.raises(ValueError, match="kind:strength"):
        vae_core.TrainConfig(denoise="blur:0.3").validate()
