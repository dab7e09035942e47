"""vae_core.noise: the three damages keep shapes and ranges, are reproducible, mean what their strength says,
and refuse bad arguments."""
from __future__ import annotations

import numpy as np
import pytest

import vae_core


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
