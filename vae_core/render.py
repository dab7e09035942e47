"""Arrays to pictures: crisp upscaled digits, image grids and animated GIFs (Pillow only)."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image


def to_uint8(img) -> np.ndarray:
    """Float image(s) in [0, 1] -> uint8 (0 = black background, 255 = white ink, as MNIST)."""
    a = np.asarray(img, dtype=np.float32)
    return (np.clip(a, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def to_pil(img, scale: int = 8) -> Image.Image:
    """One (28, 28) image in [0, 1] -> grayscale PIL image, upscaled by `scale` with nearest neighbour."""
    a = to_uint8(np.asarray(img).reshape(28, 28))
    im = Image.fromarray(a, mode="L")
    return im.resize((28 * scale, 28 * scale), Image.NEAREST) if scale != 1 else im


def grid_image(imgs, pad: int = 2, scale: int = 1, pad_value: float = 0.25) -> Image.Image:
    """imgs (R, C, 28, 28) or (N, 28, 28) (one row) in [0, 1] -> one PIL image with `pad` pixels between."""
    a = np.asarray(imgs, dtype=np.float32)
    if a.ndim == 3:
        a = a[None]
    r, c, h, w = a.shape
    canvas = np.full((r * h + (r - 1) * pad, c * w + (c - 1) * pad), pad_value, dtype=np.float32)
    for i in range(r):
        for j in range(c):
            canvas[i * (h + pad):i * (h + pad) + h, j * (w + pad):j * (w + pad) + w] = a[i, j]
    im = Image.fromarray(to_uint8(canvas), mode="L")
    return im.resize((im.width * scale, im.height * scale), Image.NEAREST) if scale != 1 else im


def png_bytes(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def gif_bytes(frames, scale: int = 6, duration_ms: int = 120, bounce: bool = True) -> bytes:
    """A looping animated GIF of a sequence of (28, 28) images in [0, 1]; `bounce` plays it back and forth."""
    ims = [to_pil(f, scale) for f in frames]
    if bounce and len(ims) > 2:
        ims = ims + ims[-2:0:-1]
    buf = io.BytesIO()
    ims[0].save(buf, format="GIF", save_all=True, append_images=ims[1:], duration=duration_ms, loop=0)
    return buf.getvalue()


def diff_image(original, recon) -> np.ndarray:
    """Signed difference of two (28, 28) images in [0, 1] -> RGB (28, 28, 3) in [0, 1] on white:
    red where the reconstruction lacks ink the original has, blue where it adds ink the original lacks."""
    d = np.asarray(recon, dtype=np.float32).reshape(28, 28) - np.asarray(original, dtype=np.float32).reshape(28, 28)
    out = np.ones((28, 28, 3), dtype=np.float32)
    missing, extra = np.clip(-d, 0, 1), np.clip(d, 0, 1)
    out[..., 1] -= missing + extra          # both fade green
    out[..., 2] -= missing                  # missing ink -> red
    out[..., 0] -= extra                    # extra ink -> blue
    return np.clip(out, 0.0, 1.0)


def rgb_pil(img, scale: int = 8) -> Image.Image:
    """One RGB (28, 28, 3) image in [0, 1] -> PIL image upscaled by `scale` with nearest neighbour."""
    im = Image.fromarray(to_uint8(img), mode="RGB")
    return im.resize((im.width * scale, im.height * scale), Image.NEAREST) if scale != 1 else im
