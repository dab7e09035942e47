"""vae_core.knn: the one k-nearest-neighbour implementation (latent neighbours, the pixel judge) and the
nearest class mean. Brute-force and known answers."""
from __future__ import annotations

import numpy as np
import pytest
import torch

import vae_core
from vae_core import encode_dataset, knn_accuracy


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


def test_knn_accuracy_known_answers():
    g = torch.Generator().manual_seed(0)
    centres = torch.tensor([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    train_y = torch.arange(300) % 3
    train_z = centres[train_y] + 0.5 * torch.randn(300, 2, generator=g)
    test_y = torch.arange(60) % 3
    test_z = centres[test_y] + 0.5 * torch.randn(60, 2, generator=g)
    assert knn_accuracy(train_z, train_y, test_z, test_y, k=5, chunk=7) == 1.0
    assert knn_accuracy(train_z, train_y, test_z, (test_y + 1) % 3) == 0.0
    # k = 1 on a line: each test point takes its nearest neighbour's label
    tz, ty = torch.tensor([[0.0], [1.0], [2.0], [3.0]]), torch.tensor([0, 0, 1, 1])
    assert knn_accuracy(tz, ty, torch.tensor([[0.2], [2.9], [1.9]]), torch.tensor([0, 1, 0]), k=1) == pytest.approx(2 / 3)


def test_knn_accuracy_of_pretrained_on_small_data(vae_model, mnist_small):
    tx, ty = mnist_small.tensors("train")
    vx, vy = mnist_small.tensors("test")
    mu_tr, _ = encode_dataset(vae_model, tx)
    mu_te, _ = encode_dataset(vae_model, vx)
    acc = knn_accuracy(mu_tr, ty, mu_te, vy)
    assert 0.7 < acc <= 1.0, acc  # a 2-D latent separates most digits (0.80 on the full test set)
