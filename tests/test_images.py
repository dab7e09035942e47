"""vae_core.pictures_in: pictures -> MNIST-style digits (20x20 box, centred by mass, white on black), and the safe
opening of uploads in the formats and modes people actually send."""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, ImageDraw

from vae_core import EmptyImage, ImageError, canvas_to_digit, image_to_digit, open_image, to_mnist


def digit_picture(size=(60, 80), dark_on_light: bool = True, offset=(0, 0)) -> Image.Image:
    """A '7'-like stroke drawn off-centre: a top bar and a slanted leg (asymmetric, so centring shows)."""
    paper, ink = (255, 0) if dark_on_light else (0, 255)
    im = Image.new("L", size, paper)
    d = ImageDraw.Draw(im)
    ox, oy = offset
    d.line([(10 + ox, 10 + oy), (40 + ox, 10 + oy), (20 + ox, 60 + oy)], fill=ink, width=6)
    return im


def encode(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    return buf.getvalue()


def centre_of_mass(a: np.ndarray) -> tuple[float, float]:
    r, c = np.indices(a.shape)
    return float((r * a).sum() / a.sum()), float((c * a).sum() / a.sum())


def ink_box(a: np.ndarray, thr: float = 0.0) -> tuple[int, int]:
    rows, cols = np.nonzero(a > thr)
    return rows.max() - rows.min() + 1, cols.max() - cols.min() + 1


# ---------------------------------------------------------------------------------------------- to_mnist

@pytest.mark.parametrize("offset", [(0, 0), (15, 10)])
def test_to_mnist_fits_20x20_box_and_centres_by_mass(offset):
    im = digit_picture((100, 100), dark_on_light=False, offset=offset)
    out = to_mnist(im)
    assert out.shape == (28, 28) and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0 and out.max() > 0.9
    h, w = ink_box(out)
    assert max(h, w) == 20 and min(h, w) < 20, "the longer side is scaled to 20 pixels, the aspect kept"
    cy, cx = centre_of_mass(out)
    assert abs(cy - 13.5) <= 1.0 and abs(cx - 13.5) <= 1.0, (cy, cx)
    # the box's centre is not the mass centre for this asymmetric stroke: centring moved it off the middle
    rows, cols = np.nonzero(out)
    box_centre = ((rows.min() + rows.max()) / 2, (cols.min() + cols.max()) / 2)
    assert box_centre != (13.5, 13.5)


def test_to_mnist_same_digit_wherever_it_is_drawn():
    a = to_mnist(digit_picture((120, 120), dark_on_light=False, offset=(0, 0)))
    b = to_mnist(digit_picture((120, 120), dark_on_light=False, offset=(50, 40)))
    assert np.allclose(a, b, atol=1e-6)


def test_dark_on_light_is_inverted():
    light = to_mnist(digit_picture(dark_on_light=True))
    dark = to_mnist(digit_picture(dark_on_light=False))
    assert np.allclose(light, dark, atol=1e-6)
    border = np.concatenate([light[0], light[-1], light[:, 0], light[:, -1]])
    assert border.max() == 0.0, "background is black, as in MNIST"


def test_float_array_input_in_unit_range():
    a = np.asarray(digit_picture(dark_on_light=False), dtype=np.float32) / 255.0
    assert np.allclose(to_mnist(a), to_mnist(digit_picture(dark_on_light=False)), atol=1e-6)


@pytest.mark.parametrize("value", [0, 255, 128])
def test_empty_picture_raises_empty_image(value):
    with pytest.raises(EmptyImage, match="empty"):
        to_mnist(Image.new("L", (50, 50), value))


def test_faint_noise_is_empty():
    rng = np.random.default_rng(0)
    with pytest.raises(EmptyImage):
        to_mnist(rng.uniform(0.0, 0.05, (40, 40)).astype(np.float32))


def test_not_2d():
    with pytest.raises(ImageError, match="2-D"):
        to_mnist(np.zeros((5, 5, 3)))
    assert issubclass(EmptyImage, ImageError)


def test_canvas_to_digit():
    rgba = np.zeros((200, 200, 4), dtype=np.uint8)                 # transparent canvas
    stroke = np.asarray(digit_picture((200, 200), dark_on_light=False))
    rgba[..., :3] = 0
    rgba[..., 3] = stroke                                          # black strokes, opaque where drawn
    out = canvas_to_digit(rgba)
    assert out.shape == (28, 28) and max(ink_box(out)) == 20
    with pytest.raises(EmptyImage, match="canvas is empty"):
        canvas_to_digit(np.zeros((200, 200, 4), dtype=np.uint8))
    white = np.full((100, 100, 4), 255, dtype=np.uint8)            # an opaque white canvas, untouched
    with pytest.raises(EmptyImage):
        canvas_to_digit(white)


# ---------------------------------------------------------------------------------------------- open_image

@pytest.fixture(scope="module")
def reference():
    return to_mnist(digit_picture())


def _close(a, b, tol=0.05) -> bool:
    return float(np.abs(a - b).mean()) < tol


def test_png(reference):
    im = open_image(encode(digit_picture(), "PNG"))
    assert im.mode == "L" and im.size == (60, 80)
    assert np.allclose(to_mnist(im), reference)


def test_jpeg(reference):
    assert _close(image_to_digit(encode(digit_picture().convert("RGB"), "JPEG", quality=90)), reference)


def test_rgba_transparent_background_becomes_paper(reference):
    stroke = np.asarray(digit_picture(dark_on_light=False))
    rgba = np.zeros((80, 60, 4), dtype=np.uint8)
    rgba[..., 3] = stroke                       # black ink where drawn, fully transparent elsewhere
    im = open_image(encode(Image.fromarray(rgba, "RGBA"), "PNG"))
    assert im.mode == "L"
    a = np.asarray(im)
    assert a[0, 0] == 255, "transparent parts are white paper, not black"
    assert np.allclose(to_mnist(im), reference, atol=1e-6)


def test_16_bit_png(reference):
    a16 = (np.asarray(digit_picture(), dtype=np.uint16) * 257).astype(np.uint16)
    im16 = Image.fromarray(a16)
    assert im16.mode.startswith("I;16")
    im = open_image(encode(im16, "PNG"))
    assert im.mode == "L"
    assert np.allclose(to_mnist(im), reference, atol=1e-2)


def test_cmyk_jpeg(reference):
    cmyk = digit_picture().convert("CMYK")
    data = encode(cmyk, "JPEG", quality=95)
    assert Image.open(io.BytesIO(data)).mode == "CMYK"
    assert _close(image_to_digit(data), reference)


def test_palette_png(reference):
    pal = digit_picture().convert("RGB").convert("P", palette=Image.ADAPTIVE, colors=4)
    data = encode(pal, "PNG")
    assert Image.open(io.BytesIO(data)).mode == "P"
    assert _close(image_to_digit(data), reference)


def test_animated_gif_gives_the_first_frame(reference):
    first = digit_picture()
    second = Image.new("L", first.size, 255)
    ImageDraw.Draw(second).ellipse([10, 10, 50, 70], outline=0, width=6)
    data = encode(first, "GIF", save_all=True, append_images=[second], duration=100, loop=0)
    assert getattr(Image.open(io.BytesIO(data)), "n_frames", 1) == 2
    digit = image_to_digit(data)
    assert _close(digit, reference, 0.02)
    assert not _close(digit, to_mnist(second), 0.02)


def test_truncated_png():
    data = encode(Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 200), dtype=np.uint8)), "PNG")
    with pytest.raises(ImageError, match="truncated|damaged|complete"):
        open_image(data[: len(data) // 2])


@pytest.mark.parametrize("data", [b"hello, I am a text file", b"%PDF-1.4 something", bytes(range(256)) * 10])
def test_not_an_image(data):
    with pytest.raises(ImageError, match="not an image"):
        open_image(data)


def test_empty_file():
    with pytest.raises(ImageError, match="empty"):
        open_image(b"")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def bomb_png(w: int, h: int) -> bytes:
    """A valid 1-bit PNG of w x h black pixels: a few KB on disk, w*h pixels once decoded."""
    row = b"\x00" + bytes((w + 7) // 8)            # filter byte + packed bits
    comp = zlib.compressobj(9)
    idat = b"".join(comp.compress(row) for _ in range(h)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


@pytest.mark.parametrize("w, h", [(6000, 6000), (12000, 12000)])   # 36 MP (Pillow warns), 144 MP (Pillow errors)
def test_decompression_bomb(w, h):
    data = bomb_png(w, h)
    assert len(data) < 200_000
    with pytest.raises(ImageError, match="too large|megapixels"):
        open_image(data)


def test_pillow_global_limit_is_restored():
    before = Image.MAX_IMAGE_PIXELS
    with pytest.raises(ImageError):
        open_image(bomb_png(6000, 6000))
    open_image(encode(digit_picture(), "PNG"))
    assert Image.MAX_IMAGE_PIXELS == before


def test_small_bomb_png_under_the_limit_opens():
    im = open_image(bomb_png(300, 200))
    assert im.size == (300, 200) and im.mode == "L"


def test_file_size_limit():
    with pytest.raises(ImageError, match="MB; the limit is"):
        open_image(encode(digit_picture(), "PNG"), max_bytes=100)
