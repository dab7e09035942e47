"""Turn an uploaded or drawn picture into an MNIST-style digit: 28x28, grayscale, white ink on black,
the ink scaled to fit a 20x20 box and centred by its centre of mass (as LeCun et al. prepared MNIST)."""
from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, UnidentifiedImageError

from .errors import ImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024   # 10 MB of file
MAX_PIXELS = 25_000_000              # 25 megapixels decoded; Pillow's own bomb check is set to this too
WORK_SIDE = 1024                     # bigger pictures are shrunk to this before the digit is found (time, memory)
# Only formats with small, well-worn parsers (no EPS/Ghostscript, no TIFF/libtiff, no PSD, ...); the upload
# widgets offer the same list. (Camera JPEGs that Pillow reads as MPO come through the JPEG opener.)
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP")
SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")   # first bytes of those formats

# Pillow's bomb check is process-wide: set once here. Pillow refuses a picture over 2 x MAX_PIXELS while opening it
# and warns (nothing more) between 1x and 2x; open_image refuses those itself with a sentence, so the warning is
# noise.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class EmptyImage(ImageError):
    """The picture has no ink (e.g. an empty canvas)."""


def open_image(data: bytes, *, max_bytes: int = MAX_IMAGE_BYTES, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Decode untrusted bytes into a grayscale PIL image ("L"), or raise ImageError with a clear sentence.
    Animated images give their first frame; transparency is laid over white; 16-bit, CMYK, palette and
    other modes are converted."""
    if len(data) > max_bytes:
        raise ImageError(f"the image file is {len(data) / 2**20:.1f} MB; the limit is {max_bytes / 2**20:.0f} MB.")
    if not data:
        raise ImageError("the file is empty.")
    try:
        im = Image.open(io.BytesIO(data), formats=FORMATS)     # reads the header only
        w, h = im.size
        if w * h > max_pixels:   # before any pixel is decoded
            raise Image.DecompressionBombError(f"{w}x{h}")
        if w < 1 or h < 1:
            raise ImageError("the image has no pixels.")
        im.seek(0)   # an animation gives its first frame
        im.load()
        gray = to_gray(im)
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise ImageError(f"the image is too large to open safely (over {max_pixels // 1_000_000} megapixels).") from None
    except UnidentifiedImageError:
        if data.startswith(SIGNATURES) or data[8:12] == b"WEBP":
            raise ImageError("the image could not be read; it is damaged or not a complete picture.") from None
        raise ImageError("this file is not an image that can be read here (use PNG, JPEG, GIF, BMP or WebP).") from None
    except MemoryError:
        raise ImageError("the image needs too much memory to open.") from None
    except Exception as e:  # Pillow's parsers raise many types on crafted files (struct.error, IndexError, ...)
        raise ImageError(f"the image could not be read; it may be truncated or damaged ({str(e)[:80]}).") from None
    if max(gray.size) > WORK_SIDE:   # a 5000x5000 photo of a digit needs no more than this to find the digit
        gray = gray.reduce(-(-max(gray.size) // WORK_SIDE))
    return gray


def to_gray(im: Image.Image) -> Image.Image:
    """Any mode -> "L"; transparent parts become white paper."""
    try:
        if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
            a = np.asarray(im, dtype=np.float64)
            lo, hi = float(a.min()), float(a.max())
            a = (a - lo) / (hi - lo) * 255 if hi > lo else np.zeros_like(a)
            return Image.fromarray(a.astype(np.uint8), mode="L")
        if im.mode == "P":
            im = im.convert("RGBA")
        if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info:
            im = im.convert("RGBA")
            bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(bg, im)
        if im.mode == "CMYK":
            im = im.convert("RGB")
        return im.convert("L")
    except (OSError, ValueError) as e:
        raise ImageError(f"the image's colour format could not be converted ({str(e)[:80]}).") from None


def to_mnist(gray, *, ink_threshold: float = 0.15) -> np.ndarray:
    """A grayscale picture (PIL "L" image or 2-D array in [0, 255] or [0, 1]) of one digit ->
    (28, 28) float32 in [0, 1], white ink on black. Dark-on-light pictures are inverted.
    Raises EmptyImage when there is no ink."""
    a = np.asarray(gray, dtype=np.float32)
    if a.ndim != 2 or a.size == 0:
        raise ImageError("expected a 2-D grayscale picture.")
    if a.max() > 1.0:
        a = a / 255.0
    # Polarity: the border is background. Light border (paper) -> invert so ink is bright.
    border = np.concatenate([a[0], a[-1], a[:, 0], a[:, -1]])
    if np.median(border) > 0.5:
        a = 1.0 - a
    lo, hi = float(np.percentile(a, 1)), float(a.max())
    if hi - lo < 0.1:
        raise EmptyImage("the picture is empty: draw or upload a digit first.")
    a = np.clip((a - lo) / (hi - lo), 0.0, 1.0)
    a[a < ink_threshold] = 0.0
    rows, cols = np.nonzero(a)
    if rows.size == 0:
        raise EmptyImage("the picture is empty: draw or upload a digit first.")
    a = a[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    h, w = a.shape
    s = 20.0 / max(h, w)
    nh, nw = max(1, round(h * s)), max(1, round(w * s))
    small = Image.fromarray((a * 255).astype(np.uint8), mode="L").resize((nw, nh), Image.LANCZOS)
    b = np.asarray(small, dtype=np.float32) / 255.0
    out = np.zeros((28, 28), dtype=np.float32)
    top, left = (28 - nh) // 2, (28 - nw) // 2
    out[top:top + nh, left:left + nw] = b
    # Shift so the centre of mass sits at the centre (13.5, 13.5), keeping the box inside the frame.
    m = out.sum()
    if m > 0:
        r, c = np.indices(out.shape)
        dy = int(round(13.5 - (r * out).sum() / m))
        dx = int(round(13.5 - (c * out).sum() / m))
        dy = int(np.clip(dy, -top, 28 - nh - top))
        dx = int(np.clip(dx, -left, 28 - nw - left))
        out = np.roll(out, (dy, dx), axis=(0, 1))
    return np.clip(out, 0.0, 1.0)


def image_to_digit(data: bytes) -> np.ndarray:
    """Uploaded file bytes -> (28, 28) float32 MNIST-style digit (ImageError on bad input)."""
    return to_mnist(open_image(data))


def canvas_to_digit(rgba) -> np.ndarray:
    """A drawing canvas' RGBA array (H, W, 4), strokes drawn on a transparent or plain background ->
    (28, 28) digit. Ink is wherever the stroke is opaque or differs from the background."""
    a = np.asarray(rgba, dtype=np.float32)
    if a.ndim != 3 or a.shape[2] not in (3, 4):
        raise ImageError("expected an RGBA picture from the canvas.")
    if a.max() > 1.0:
        a = a / 255.0
    if a.shape[2] == 4 and a[..., 3].max() > 0 and a[..., 3].min() < 1:
        ink = a[..., 3]
    else:
        lum = a[..., :3].mean(-1)
        ink = np.abs(lum - np.median(lum))
    if ink.max() < 0.05:
        raise EmptyImage("the canvas is empty: draw a digit first.")
    return to_mnist(ink)


def digit_tensor(digit) -> "torch.Tensor":
    """A (28, 28) digit in [0, 1] -> a float32 tensor (1, 1, 28, 28), ready for model.encode."""
    import torch
    return torch.as_tensor(np.asarray(digit, dtype=np.float32)).reshape(1, 1, 28, 28)
