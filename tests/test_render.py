"""vae_core.pictures_out: crisp upscaled digits, grids with padding, PNG bytes and animated GIFs."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageSequence

import vae_core
from vae_core import gif_bytes, grid_image, png_bytes, to_pil
from vae_core.pictures_out import to_uint8


def ramp(k: float = 0.0) -> np.ndarray:
    """A (28, 28) test image: a horizontal ramp from 0 to 1, shifted by k (distinct frames for GIFs)."""
    return np.clip(np.tile(np.linspace(0.0, 1.0, 28, dtype=np.float32), (28, 1)) + k, 0.0, 1.0)


def test_to_uint8_maps_unit_range_and_clips():
    assert to_uint8([0.0, 0.5, 1.0, -0.3, 1.7]).tolist() == [0, 128, 255, 0, 255]


@pytest.mark.parametrize("scale", [1, 3, 8])
def test_to_pil_upscales_with_nearest_neighbour(scale):
    img = np.zeros((28, 28), dtype=np.float32)
    img[3, 5] = 1.0
    img[20, 10] = 0.5
    im = to_pil(img, scale)
    assert im.mode == "L" and im.size == (28 * scale, 28 * scale)
    a = np.asarray(im)
    block = a[3 * scale:4 * scale, 5 * scale:6 * scale]
    assert (block == 255).all(), "each source pixel becomes a crisp scale x scale block"
    assert (a[20 * scale:21 * scale, 10 * scale:11 * scale] == 128).all()
    assert int((a == 255).sum()) == scale * scale
    assert np.array_equal(a[::scale, ::scale], to_uint8(img))


def test_to_pil_accepts_flat_and_tensor_like_input():
    flat = ramp().reshape(1, 784)
    assert np.array_equal(np.asarray(to_pil(flat, 1)), to_uint8(ramp()))


@pytest.mark.parametrize("shape, pad, scale, size", [
    ((3, 4, 28, 28), 2, 1, (4 * 28 + 3 * 2, 3 * 28 + 2 * 2)),
    ((2, 2, 28, 28), 0, 2, (2 * 56, 2 * 56)),
    ((5, 28, 28), 1, 3, ((5 * 28 + 4) * 3, 28 * 3)),      # (N, 28, 28): one row
    ((1, 1, 28, 28), 4, 1, (28, 28)),
])
def test_grid_image_sizes(shape, pad, scale, size):
    im = grid_image(np.zeros(shape, dtype=np.float32), pad=pad, scale=scale)
    assert im.mode == "L" and im.size == size


def test_grid_image_places_tiles_row_by_row():
    imgs = np.zeros((2, 3, 28, 28), dtype=np.float32)
    imgs[1, 2] = 1.0                                        # bottom-right tile white
    a = np.asarray(grid_image(imgs, pad=2, pad_value=0.25))
    assert (a[30:58, 60:88] == 255).all()
    assert (a[:28, :28] == 0).all()
    assert (a[28:30, :] == 64).all() and (a[:, 28:30] == 64).all(), "padding drawn with pad_value"


def test_png_bytes_round_trip():
    im = to_pil(ramp(), 2)
    data = png_bytes(im)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(data))), np.asarray(im))


@pytest.mark.parametrize("n, bounce, frames", [(5, True, 8), (5, False, 5), (2, True, 2)])
def test_gif_bytes_frames(n, bounce, frames):
    data = gif_bytes([ramp(-0.2 * i) for i in range(n)], scale=2, duration_ms=80, bounce=bounce)
    assert data[:6] == b"GIF89a"
    im = Image.open(io.BytesIO(data))
    assert im.format == "GIF" and im.size == (56, 56)
    assert im.n_frames == frames
    assert im.info.get("loop") == 0, "loops forever"
    got = [np.asarray(f.convert("L"))[::2, ::2] for f in ImageSequence.Iterator(im)]
    order = list(range(n)) + (list(range(n - 2, 0, -1)) if bounce and n > 2 else [])
    for frame, i in zip(got, order):
        assert np.abs(frame.astype(int) - to_uint8(ramp(-0.2 * i)).astype(int)).max() <= 2


def red_centre(im) -> tuple[float, float]:
    a = np.asarray(im.convert("RGB")).astype(int)
    ys, xs = np.nonzero((a[..., 0] > 200) & (a[..., 1] < 90) & (a[..., 2] < 90))
    assert len(xs), "no ring drawn"
    return (xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2


@pytest.mark.parametrize("spacing", ["linear", "gaussian"])
def test_manifold_picture_rings_the_point_on_its_tile(spacing):
    n = 7
    imgs = np.random.default_rng(0).random((n, n, 28, 28)).astype(np.float32) * 0.5
    xs = vae_core.latent.grid_values(n, 3.0, spacing)
    pic = vae_core.ManifoldPicture(imgs, xs, xs[::-1].copy(), spacing, scale=2)
    step = (28 + 2) * 2
    for i, j in ((0, 0), (3, 5), (6, 2)):            # row i (top = largest z2), column j
        x, y = red_centre(pic.with_point((xs[j], xs[::-1][i])))
        assert abs(x - pic.cx[j]) <= 1 and abs(y - pic.cy[i]) <= 1
        assert pic.cx[j] - pic.cx[0] == j * step and pic.cy[i] - pic.cy[0] == i * step
    # the tile under the ring is the decoded image for that z: the picture holds the grid unchanged
    a = np.asarray(pic.image, dtype=np.float32) / 255
    top, left = int(pic.cy[0]) - 28, int(pic.cx[0]) - 28
    tile = a[top:top + 56:2, left:left + 56:2]
    assert np.abs(tile - imgs[0, 0]).max() <= 1 / 255 + 1e-6
    # points past the grid are clamped onto the edge tiles; no point leaves the picture unmarked
    x, y = red_centre(pic.with_point((10.0, -10.0)))
    assert abs(x - pic.cx[-1]) <= 1 and abs(y - pic.cy[-1]) <= 1
    plain = np.asarray(pic.with_point(None).convert("RGB")).astype(int)
    assert (plain[..., 0] == plain[..., 1]).all() and (plain[..., 1] == plain[..., 2]).all()


def test_manifold_picture_decimal_mark_changes_only_the_labels():
    xs = vae_core.latent.grid_values(5, 2.5, "gaussian")
    imgs = np.zeros((5, 5, 28, 28), np.float32)
    dot = vae_core.ManifoldPicture(imgs, xs, xs[::-1].copy(), "gaussian", scale=2)
    comma = vae_core.ManifoldPicture(imgs, xs, xs[::-1].copy(), "gaussian", scale=2, decimal=",")
    a, b = np.asarray(dot.image), np.asarray(comma.image)
    assert a.shape == b.shape and (a != b).any()          # the tick labels differ ("0.67" / "0,67")
    top, left = int(dot.cy[0]) - 28, int(dot.cx[0]) - 28   # the grid itself does not
    bottom, right = int(dot.cy[-1]) + 28, int(dot.cx[-1]) + 28
    assert (a[top:bottom, left:right] == b[top:bottom, left:right]).all()
