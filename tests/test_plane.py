"""The server-drawn pictures (ui.plane) and the inline picture HTML (ui.widgets): coordinates land on the right
pixels, marks are drawn above the dots, round ticks, square heat maps, and galleries with one caption per card."""
from __future__ import annotations

import base64
import io
import re

import numpy as np
import pytest
from PIL import Image

from ui.plane import Plane, fmt, histogram, line_chart, nice_step, rgb
from ui.widgets import gallery_html, picture_html


def pixel(plane: Plane, x: float, y: float) -> tuple[int, int, int]:
    px, py = plane.to_px(x, y)
    return plane.image.getpixel((int(round(float(px))), int(round(float(py)))))


def test_corners_of_the_box_are_the_corners_of_the_data_area():
    p = Plane((-2, 2, -1, 3), 400)
    assert np.allclose(p.to_px(-2, 3), (p.left, p.top))
    assert np.allclose(p.to_px(2, -1), (p.left + 400, p.top + 400))


@pytest.mark.parametrize("span, step", [(6, 1), (8, 2), (0.2, 0.05), (80, 20), (1.3, 0.25)])
def test_ticks_are_round(span, step):
    assert nice_step(span) == pytest.approx(step)


def test_tick_labels_use_the_readers_decimal_mark():
    assert fmt(-0.5, 0.25, ",") == "-0,50" and fmt(2.0, 1) == "2" and fmt(-0.0, 1) == "0"
    # a 2.5 step (nice_step's choice for a KL axis up to 12) labels its ticks as they are, not rounded to 2, 8, 12
    assert [fmt(v * 2.5, 2.5) for v in range(6)] == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]
    assert fmt(0.3, 0.1) == "0.3" and fmt(150, 50) == "150"


def test_points_take_their_colour_and_stay_inside():
    p = Plane((-1, 1, -1, 1), 200)
    p.points([[0.5, 0.5], [5, 5]], "#ff0000", radius=3)
    assert pixel(p, 0.5, 0.5) == (255, 0, 0)
    assert pixel(p, -0.5, -0.5) == (255, 255, 255)          # untouched
    assert np.asarray(p.image)[:, :, 1].min() >= 0           # the far point was left out, nothing raised


def test_a_marker_drawn_last_covers_the_dots_beneath():
    p = Plane((-1, 1, -1, 1), 200)
    rng = np.random.default_rng(0)
    p.points(rng.normal(0, 0.05, (2000, 2)), "#1f77b4", radius=3)        # a dense cluster at 0
    p.marker(0, 0, "dot", 20, "#000000", edge="#ffffff", width=4)
    assert pixel(p, 0, 0) == (0, 0, 0)


def test_heat_map_is_dark_where_the_density_is_high():
    p = Plane((-1, 1, -1, 1), 300)
    xs = ys = np.linspace(-1, 1, 41)
    dens = np.exp(-((xs[None, :] - 0.5) ** 2 + (ys[:, None] + 0.5) ** 2) / 0.02)
    p.heatmap(xs, ys, dens)
    assert sum(pixel(p, 0.5, -0.5)) < sum(pixel(p, -0.5, 0.5))          # peak at (0.5, -0.5), not mirrored
    w, h = p.image.size
    assert p.size == 300 and w - p.left - p.right == h - p.top - p.bottom   # a square data area


def test_charts_are_pictures_of_the_asked_size():
    im = line_chart([([1, 2, 3], "#1f77b4", False), ([3, 2, 1], "#d62728", True)], [0.1, 1, 10], log_x=True,
                    width=500, height=300, x_labels=["0.1", "1", "10"])
    assert im.size == (500, 300)
    counts, edges = np.histogram(np.random.default_rng(0).normal(2, 0.2, 500), bins=20)
    assert histogram(counts, edges, 2.5, width=600, height=300).size == (600, 300)
    assert rgb("#ff7f0e") == (255, 127, 14)


def decoded(html: str) -> list[Image.Image]:
    return [Image.open(io.BytesIO(base64.b64decode(m)))
            for m in re.findall(r"data:image/(?:png|gif);base64,([A-Za-z0-9+/=]+)", html)]


def test_a_picture_is_inline_with_its_caption_escaped():
    im = Image.new("L", (84, 84), 255)
    html = picture_html(im, "a <b> & c")
    assert "&lt;b&gt; &amp; c" in html and 'style="width:84px"' in html
    (back,) = decoded(html)
    assert back.size == (84, 84)


def test_gallery_has_one_card_per_column_and_one_caption_each():
    cols = [[np.zeros((28, 28)), np.ones((28, 28))] for _ in range(5)]
    html = gallery_html(cols, [f"#{i}" for i in range(5)], ["top", "bottom"], size=72)
    assert html.count('class="le-card"') == 5 and html.count('class="le-cap"') == 5
    assert "--thumb:72px" in html and len(decoded(html)) == 10
