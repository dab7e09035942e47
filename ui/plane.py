"""Pictures of the latent plane drawn on the server with Pillow: axes with ticks, class-coloured points, lines,
markers, a heat map and numbered labels. No chart library reaches the browser: a page shows the PNG as an
inline picture (ui.widgets.picture), so it appears at once, never holds a WebGL context and never traps a
finger scrolling on a phone. No streamlit here: ui.charts caches what is drawn.

Pixel sizes are given for the picture; the page shows it scaled to its column (at most its own size), so
lines and letters are drawn about 1.5x what they should read as on a laptop."""
from __future__ import annotations

import io
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFont


def rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return tuple(int(c[i:i + 2], 16) for i in (0, 2, 4))


def nice_step(span: float, ticks: int = 6) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks over `span`."""
    raw = span / max(1, ticks)
    p = 10 ** math.floor(math.log10(raw))
    return next(m * p for m in (1, 2, 2.5, 5, 10) if m * p >= raw)


def fmt(v: float, step: float, decimal: str = ".") -> str:
    """A tick value with the decimals its step needs: 7.5 on a 2.5 step (not "8"), 0.25 on a 0.25 step."""
    digits = 0
    while digits < 4 and abs(step * 10 ** digits - round(step * 10 ** digits)) > 1e-6:
        digits += 1
    s = f"{v:.{digits}f}"
    if s.startswith("-") and float(s) == 0:
        s = s[1:]
    return s.replace(".", decimal)


class Plane:
    """A square plot of the latent plane over box = (x0, x1, y0, y1), `size` pixels across the data area.
    Equal axes when the box is square. `to_px` maps latent coordinates to pixels."""

    def __init__(self, box, size: int = 640, *, decimal: str = ".", font_px: int | None = None,
                 axis_titles=("1", "2")):
        self.x0, self.x1, self.y0, self.y1 = (float(v) for v in box)
        self.size = size
        self.fs = font_px or max(14, round(size / 26))
        self.font = ImageFont.load_default(size=self.fs)
        self.small = ImageFont.load_default(size=max(9, self.fs * 2 // 3))
        self.left, self.top, self.right, self.bottom = round(3.4 * self.fs), self.fs, self.fs, round(2.6 * self.fs)
        w, h = self.left + size + self.right, self.top + size + self.bottom
        self.image = Image.new("RGB", (w, h), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.decimal = decimal
        self.axis_titles = axis_titles

    # ------------------------------------------------------------------ coordinates
    def to_px(self, x, y):
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        px = self.left + (x - self.x0) / (self.x1 - self.x0) * self.size
        py = self.top + (self.y1 - y) / (self.y1 - self.y0) * self.size
        return px, py

    # ------------------------------------------------------------------ frame
    def axes(self, grid: bool = True, zero: bool = True) -> "Plane":
        d, fs = self.draw, self.fs
        L, T, S = self.left, self.top, self.size
        for lo, hi, vertical in ((self.x0, self.x1, True), (self.y0, self.y1, False)):
            step = nice_step(hi - lo)
            v = math.ceil(lo / step - 1e-9) * step
            while v <= hi + 1e-9:
                if vertical:
                    p = float(self.to_px(v, 0)[0])
                    if grid:
                        d.line([p, T, p, T + S], fill=(238, 238, 238) if abs(v) > 1e-9 or not zero else (190, 190, 190))
                    d.line([p, T + S, p, T + S + fs // 3], fill=(90, 90, 90), width=max(1, fs // 12))
                    d.text((p, T + S + fs // 2), fmt(v, step, self.decimal), font=self.font, fill=(50, 50, 50),
                           anchor="mt")
                else:
                    p = float(self.to_px(0, v)[1])
                    if grid:
                        d.line([L, p, L + S, p], fill=(238, 238, 238) if abs(v) > 1e-9 or not zero else (190, 190, 190))
                    d.line([L - fs // 3, p, L, p], fill=(90, 90, 90), width=max(1, fs // 12))
                    d.text((L - fs // 2, p), fmt(v, step, self.decimal), font=self.font, fill=(50, 50, 50),
                           anchor="rm")
                v += step
        d.rectangle([L - 1, T - 1, L + S, T + S], outline=(120, 120, 120))
        self._title(L + S / 2 - fs // 2, T + S + round(2.3 * fs), self.axis_titles[0])
        self._title(2, T + S / 2, self.axis_titles[1])
        return self

    def _title(self, x, y, sub: str) -> None:   # "z" with a subscript (the default font has no subscript glyphs)
        self.draw.text((x, y), "z", font=self.font, fill=(20, 20, 20), anchor="ls")
        self.draw.text((x + self.font.getlength("z") + 1, y + self.fs // 4), sub, font=self.small, fill=(20, 20, 20),
                       anchor="ls")

    # ------------------------------------------------------------------ content
    def clip(self) -> tuple[float, float, float, float]:
        return self.left, self.top, self.left + self.size, self.top + self.size

    def points(self, xy, colors, radius: float = 2.0, alpha: float = 1.0) -> "Plane":
        """Dots at xy (N, 2), colours (N, 3) uint8 or one "#rrggbb"; those outside the box are left out.
        Drawn with numpy (a disc stamp per point), so 10,000 points cost a few milliseconds."""
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        px, py = self.to_px(xy[:, 0], xy[:, 1])
        cols = np.broadcast_to(np.asarray(rgb(colors) if isinstance(colors, str) else colors, dtype=np.float32),
                               (len(xy), 3))
        a = np.asarray(self.image, dtype=np.float32).copy()
        r = int(math.ceil(radius))
        oy, ox = np.mgrid[-r:r + 1, -r:r + 1]
        disc = np.clip(radius + 0.5 - np.hypot(ox, oy), 0, 1) * alpha          # anti-aliased edge
        keep = (px >= self.left) & (px <= self.left + self.size) & (py >= self.top) & (py <= self.top + self.size)
        ix, iy = np.round(px[keep]).astype(int), np.round(py[keep]).astype(int)
        for (dy, dx), w in np.ndenumerate(disc):
            if w <= 0:
                continue
            yy, xx = iy + dy - r, ix + dx - r
            ok = (yy >= 0) & (yy < a.shape[0]) & (xx >= 0) & (xx < a.shape[1])
            a[yy[ok], xx[ok]] = a[yy[ok], xx[ok]] * (1 - w) + cols[keep][ok] * w
        self.image.paste(Image.fromarray(np.clip(a + 0.5, 0, 255).astype(np.uint8), "RGB"))
        return self

    def heatmap(self, xs, ys, values, cmap=((255, 255, 255), (8, 48, 107))) -> "Plane":
        """values (len(ys), len(xs)) on the grid xs (increasing) x ys (increasing), scaled to [0, max], drawn
        from white to dark blue over the cells' extent."""
        v = np.asarray(values, dtype=np.float64)
        v = v / v.max() if v.max() > 0 else v
        lo, hi = np.asarray(cmap[0], np.float64), np.asarray(cmap[1], np.float64)
        pic = (lo + (hi - lo) * np.sqrt(v)[..., None])[::-1]                    # row 0 at the top
        im = Image.fromarray(np.clip(pic + 0.5, 0, 255).astype(np.uint8), "RGB")
        xs, ys = np.asarray(xs, np.float64), np.asarray(ys, np.float64)
        hx, hy = (xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2
        (ax, ay), (bx, by) = [tuple(float(c) for c in self.to_px(p[0], p[1]))
                              for p in ((xs[0] - hx, ys[-1] + hy), (xs[-1] + hx, ys[0] - hy))]
        im = im.resize((max(1, round(bx - ax)), max(1, round(by - ay))), Image.BILINEAR)
        self.image.paste(im, (round(ax), round(ay)))
        self.draw = ImageDraw.Draw(self.image)
        return self

    def line(self, xy, color: str, width: int = 3, dash: bool = False) -> "Plane":
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        px, py = self.to_px(xy[:, 0], xy[:, 1])
        pts = list(zip(px.tolist(), py.tolist()))
        if dash:
            for i in range(0, len(pts) - 1, 2):
                self.draw.line(pts[i:i + 2], fill=rgb(color), width=width)
        else:
            self.draw.line(pts, fill=rgb(color), width=width, joint="curve")
        return self

    def marker(self, x, y, shape: str = "dot", size: float = 14, color: str = "#000000", *, edge: str | None = None,
               width: int = 3) -> "Plane":
        """One marker centred on (x, y): "dot" (filled disc, `edge` ring around it), "ring", "x", "diamond"."""
        px, py = (float(v) for v in self.to_px(x, y))
        r = size / 2
        d, c = self.draw, rgb(color)
        if shape == "dot":
            if edge:
                e = r + width
                d.ellipse([px - e, py - e, px + e, py + e], fill=rgb(edge))
            d.ellipse([px - r, py - r, px + r, py + r], fill=c)
        elif shape == "ring":
            if edge:
                d.ellipse([px - r - 1, py - r - 1, px + r + 1, py + r + 1], outline=rgb(edge), width=width + 2)
            d.ellipse([px - r, py - r, px + r, py + r], outline=c, width=width)
        elif shape == "diamond":
            pts = [(px, py - r), (px + r, py), (px, py + r), (px - r, py)]
            if edge:
                e = r + width
                d.polygon([(px, py - e), (px + e, py), (px, py + e), (px - e, py)], fill=rgb(edge))
            d.polygon(pts, fill=c)
        else:   # "x"
            for w, col in ([(width + 4, rgb(edge))] if edge else []) + [(width, c)]:
                d.line([px - r, py - r, px + r, py + r], fill=col, width=w)
                d.line([px - r, py + r, px + r, py - r], fill=col, width=w)
        return self

    def label(self, x, y, text: str, color: str = "#000000", *, dy: float = -1.0, size: int | None = None) -> "Plane":
        """Text centred above (dy < 0) or below (dy > 0) the point, in `dy` font heights, with a white outline so
        it reads over dots and colours."""
        px, py = (float(v) for v in self.to_px(x, y))
        font = ImageFont.load_default(size=size) if size else self.font
        fs = size or self.fs
        self.draw.text((px, py + dy * fs), text, font=font, fill=rgb(color), anchor="mm",
                       stroke_width=max(2, fs // 7), stroke_fill=(255, 255, 255))
        return self

    def copy(self) -> "Plane":
        other = object.__new__(Plane)
        other.__dict__.update(self.__dict__)
        other.image = self.image.copy()
        other.draw = ImageDraw.Draw(other.image)
        return other

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.image.save(buf, format="PNG", compress_level=3)
        return buf.getvalue()


def line_chart(series, xs, *, width: int = 640, height: int = 360, x_labels=None, y_title: str = "",
               log_x: bool = False, zero: bool = False, decimal: str = ".") -> Image.Image:
    """A small line chart: series = [(values, "#rrggbb", dashed)], over xs (shown at `x_labels`).
    The titles and legend are the page's (HTML), only numbers are drawn here."""
    fs = max(14, round(width / 30))
    font = ImageFont.load_default(size=fs)
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    L, R, T, B = round(3.6 * fs), fs, fs, round(1.9 * fs)
    X = np.log10(np.asarray(xs, np.float64)) if log_x else np.asarray(xs, np.float64)
    ys = np.concatenate([np.asarray(v, np.float64) for v, _, _ in series])
    lo, hi = (0.0 if zero else float(ys.min())), float(ys.max())
    if hi - lo < 1e-9:
        hi = lo + 1.0
    step = nice_step(hi - lo, 5)
    lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
    xl, xh = float(X.min()), float(X.max())
    pad = 0.06 * (xh - xl or 1.0)
    xl, xh = xl - pad, xh + pad

    def to_px(x, y):
        return L + (x - xl) / (xh - xl) * (width - L - R), T + (hi - y) / (hi - lo) * (height - T - B)
    v = lo
    while v <= hi + 1e-9:
        _, p = to_px(xl, v)
        d.line([L, p, width - R, p], fill=(232, 232, 232))
        d.text((L - fs // 2, p), fmt(v, step, decimal), font=font, fill=(50, 50, 50), anchor="rm")
        v += step
    for x, lab in zip(X, x_labels or [fmt(x, 0.01, decimal) for x in xs]):
        p, _ = to_px(x, lo)
        d.line([p, height - B, p, height - B + fs // 3], fill=(90, 90, 90))
        d.text((p, height - B + fs // 2), str(lab), font=font, fill=(50, 50, 50), anchor="mt")
    d.rectangle([L, T, width - R, height - B], outline=(150, 150, 150))
    for values, color, dashed in series:
        pts = [to_px(x, y) for x, y in zip(X, values)]
        if dashed:
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                n = max(2, int(math.hypot(bx - ax, by - ay) // 8))
                for k in range(0, n, 2):
                    d.line([ax + (bx - ax) * k / n, ay + (by - ay) * k / n,
                            ax + (bx - ax) * (k + 1) / n, ay + (by - ay) * (k + 1) / n], fill=rgb(color), width=3)
        else:
            d.line(pts, fill=rgb(color), width=4, joint="curve")
        for px, py in pts:
            d.ellipse([px - 5, py - 5, px + 5, py + 5], fill=rgb(color))
    return im


def histogram(counts, edges, marker: float, *, ticks=(), width: int = 720, height: int = 360,
              decimal: str = ".") -> Image.Image:
    """Bars of `counts` over `edges` (x values, e.g. log10 nats), ticks = [(x, label)], a red line at `marker`."""
    fs = max(14, round(width / 34))
    font = ImageFont.load_default(size=fs)
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    L, R, T, B = round(3.2 * fs), fs, fs // 2, round(1.9 * fs)
    counts = np.asarray(counts, np.float64)
    xl, xh = float(min(edges[0], marker)), float(max(edges[-1], marker))
    top = max(1.0, float(counts.max()))
    step = nice_step(top, 4)
    hi = math.ceil(top / step) * step

    def to_px(x, y):
        return L + (x - xl) / (xh - xl) * (width - L - R), T + (hi - y) / hi * (height - T - B)
    v = 0.0
    while v <= hi + 1e-9:
        _, p = to_px(xl, v)
        d.line([L, p, width - R, p], fill=(235, 235, 235))
        d.text((L - fs // 2, p), fmt(v, step, decimal), font=font, fill=(50, 50, 50), anchor="rm")
        v += step
    for c, a, b in zip(counts, edges[:-1], edges[1:]):
        (ax, ay), (bx, by) = to_px(a, c), to_px(b, 0)
        if c > 0:
            d.rectangle([ax, ay, max(ax, bx - 1), by], fill=(155, 183, 212))
    for x, lab in ticks:
        if xl <= x <= xh:
            p, _ = to_px(x, 0)
            d.line([p, height - B, p, height - B + fs // 3], fill=(90, 90, 90))
            d.text((p, height - B + fs // 2), lab, font=font, fill=(50, 50, 50), anchor="mt")
    p, _ = to_px(marker, 0)
    d.line([p, T, p, height - B], fill=(214, 39, 40), width=5)
    d.rectangle([L, T, width - R, height - B], outline=(150, 150, 150))
    return im


def grouped_bars(groups, labels, *, width: int = 720, height: int = 340, decimal: str = ".",
                 value_labels: bool = True) -> Image.Image:
    """Grouped bars: groups = [(counts, "#rrggbb")], one bar of each group per label (a class), counts written
    above the bars. The titles and legend are the page's (HTML), only numbers and labels are drawn here."""
    fs = max(14, round(width / 36))
    font = ImageFont.load_default(size=fs)
    small = ImageFont.load_default(size=max(11, round(fs * 0.72)))
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    L, R, T, B = round(3.2 * fs), fs // 2, round(1.4 * fs), round(1.9 * fs)
    top = max(1.0, max(float(np.max(c)) for c, _ in groups))
    step = nice_step(top, 4)
    hi = math.ceil(top / step) * step
    n, k = len(labels), len(groups)
    slot = (width - L - R) / n
    bar = slot * 0.8 / k

    def y_px(v):
        return T + (hi - v) / hi * (height - T - B)
    v = 0.0
    while v <= hi + 1e-9:
        p = y_px(v)
        d.line([L, p, width - R, p], fill=(235, 235, 235))
        d.text((L - fs // 2, p), fmt(v, step, decimal), font=font, fill=(50, 50, 50), anchor="rm")
        v += step
    for i, lab in enumerate(labels):
        x0 = L + i * slot + slot * 0.1
        for j, (counts, color) in enumerate(groups):
            c = float(counts[i])
            a, b = x0 + j * bar, x0 + (j + 1) * bar - 1
            if c > 0:
                d.rectangle([a, y_px(c), b, y_px(0)], fill=rgb(color))
            if value_labels:
                d.text(((a + b) / 2, y_px(c) - 3), f"{int(round(c))}", font=small, fill=(60, 60, 60), anchor="mb")
        d.text((L + (i + 0.5) * slot, height - B + fs // 2), str(lab), font=font, fill=(50, 50, 50), anchor="mt")
    d.line([L, y_px(0), width - R, y_px(0)], fill=(120, 120, 120))
    return im
