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


def png_bytes(im: Image.Image, compress_level: int = 6) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="PNG", compress_level=compress_level)
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


# ---------------------------------------------------------------------------------------------- manifold picture

GRAYS = 64     # gray levels of the manifold picture's palette; the ring's red is the next index


class ManifoldPicture:
    """The decoded manifold grid as one picture with its axes drawn in (tick values, z₁ and z₂), and the map from
    latent coordinates to pixels so a point can be marked. Built once per model and settings; `with_point(z)`
    costs a copy, a ring and a PNG encode, so a slider release never rebuilds the picture.

    imgs (n, n, 28, 28) with row 0 at the top (largest z₂), xs increasing, ys decreasing (as decode_grid gives).
    Even spacing: tick marks at whole z values. Gaussian spacing (inverse CDF): tiles are drawn evenly, ticks
    name the z value of every few tiles. `decimal` is the tick values' decimal mark ("," in Turkish)."""

    def __init__(self, imgs, xs, ys, spacing: str = "linear", scale: int = 2, pad: int = 2,
                 pad_value: float = 0.15, font_size: int | None = None, decimal: str = "."):
        from PIL import ImageDraw, ImageFont
        imgs = np.asarray(imgs, dtype=np.float32)
        n = imgs.shape[0]
        self.xs, self.ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
        grid = grid_image(imgs, pad=pad, scale=scale, pad_value=pad_value)
        # the page shows the picture about half size: letters ~1/30 of the grid read as ~14 px on screen
        font_size = font_size or max(12, round(grid.width / 30))
        font = ImageFont.load_default(size=font_size)
        small = ImageFont.load_default(size=max(8, font_size * 2 // 3))
        left, bottom, top, right = 4 * font_size, 3 * font_size, font_size // 2, font_size
        w, h = left + grid.width + right, top + grid.height + bottom
        im = Image.new("L", (w, h), 255)
        im.paste(grid, (left, top))
        step = (28 + pad) * scale
        self.cx = left + np.arange(n) * step + 14 * scale          # tile centres, pixels
        self.cy = top + np.arange(n) * step + 14 * scale
        self.tile = 28 * scale
        self.ring = max(3, font_size // 6)
        d = ImageDraw.Draw(im)
        d.rectangle([left - 1, top - 1, left + grid.width, top + grid.height], outline=90)
        if spacing == "linear":
            lim = float(max(abs(self.xs[0]), abs(self.xs[-1])))
            every = 1.0 if lim <= 4 else 2.0
            vals = np.arange(-np.floor(lim / every) * every, lim + 1e-9, every)
            xticks = [(float(self.x_pixel(v)), v) for v in vals]
            yticks = [(float(self.y_pixel(v)), v) for v in vals]
            fmt = lambda v: f"{v:g}".replace(".", decimal)   # noqa: E731
        else:
            idx = list(range(0, n, max(1, n // 7)))
            xticks = [(float(self.cx[i]), self.xs[i]) for i in idx]
            yticks = [(float(self.cy[i]), self.ys[i]) for i in idx]
            fmt = lambda v: f"{v:.2f}".replace(".", decimal)   # noqa: E731
        y_axis, x_axis = left - 1, top + grid.height
        for px, v in xticks:
            d.line([px, x_axis, px, x_axis + font_size // 3], fill=60, width=max(1, font_size // 12))
            d.text((px, x_axis + font_size // 2), fmt(v), font=font, fill=40, anchor="mt")
        for py, v in yticks:
            d.line([y_axis - font_size // 3, py, y_axis, py], fill=60, width=max(1, font_size // 12))
            d.text((y_axis - font_size // 2, py), fmt(v), font=font, fill=40, anchor="rm")

        def title(x, y, sub):   # "z" with a subscript digit (the default font has no subscript glyphs)
            d.text((x, y), "z", font=font, fill=20, anchor="ls")
            d.text((x + font.getlength("z") + 1, y + font_size // 4), sub, font=small, fill=20, anchor="ls")
        title(left + grid.width / 2 - font_size // 2, h - font_size // 3, "1")
        title(2, top + grid.height / 2, "2")
        self.image = im
        # the same as a palette image (64 grays and the ring's colour), made once: the object stays read-only.
        # 64 grays look the same as 256 in these small tiles and the PNG is a third smaller (146 → 97 kB at
        # n = 15: Explore's first visit, bench/bench_client.py)
        a = np.asarray(im, dtype=np.uint16)
        self._paletted = Image.fromarray(((a * (GRAYS - 1) + 127) // 255).astype(np.uint8), mode="P")
        grays = [round(i * 255 / (GRAYS - 1)) for i in range(GRAYS)]
        self._paletted.putpalette([v for g in grays for v in (g, g, g)] + [255, 43, 43])

    def x_pixel(self, z1: float) -> float:
        return float(np.interp(z1, self.xs, self.cx))

    def y_pixel(self, z2: float) -> float:
        return float(np.interp(z2, self.ys[::-1], self.cy[::-1]))

    def with_point(self, z=None) -> Image.Image:
        """The picture with a red ring around the point z = (z1, z2), clamped to the grid's edge tiles. A
        palette image (64 grays and red): smaller than RGB or 256 grays, so quick to encode and send."""
        from PIL import ImageDraw
        im = self._paletted.copy()
        if z is not None:
            x, y, r = self.x_pixel(z[0]), self.y_pixel(z[1]), self.tile * 0.42
            ImageDraw.Draw(im).ellipse([x - r, y - r, x + r, y + r], outline=GRAYS, width=self.ring)
        return im
