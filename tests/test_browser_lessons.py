"""The lesson pages in real Chromium: each opens without an exception box or console error, and on Draw a
stroke drawn with the mouse comes back as a reconstruction; Clear empties it again. Screenshots go to
tests/artifacts/."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

from conftest import ARTIFACTS, wait_ready

LESSONS = ["posterior", "interpolate", "draw", "anomalies"]


def no_errors(page, where: str) -> None:
    boxes = page.locator("[data-testid='stException']")
    assert boxes.count() == 0, f"{where}: exception box: {boxes.first.inner_text()[:300]}"
    real = [e for e in page.errors if "favicon" not in e]
    assert not real, f"{where}: console errors: {real[:3]}"


def settle(page) -> None:
    page.wait_for_timeout(400)
    wait_ready(page)


def test_lesson_pages_open_cleanly(page):
    page.set_viewport_size({"width": 1400, "height": 2200})
    for name in LESSONS:
        page.goto(f"{page.base_url}/{name}")
        wait_ready(page)
        page.wait_for_selector("h1", timeout=60_000)
        settle(page)
        for chart in page.get_by_test_id("stPlotlyChart").all():
            chart.locator(".main-svg").first.wait_for(timeout=30_000)
        if name == "interpolate":                         # the animation is served as a GIF, not re-encoded
            srcs = page.locator("figure.le-pic img").evaluate_all("els => els.map(e => e.src)")
            assert any(s.startswith("data:image/gif") for s in srcs), [s[:30] for s in srcs]
        page.screenshot(path=str(ARTIFACTS / f"lesson-{name}.png"))
        no_errors(page, name)


def image_pixels(locator) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(locator.screenshot())).convert("L"), dtype=np.float32)


def test_draw_a_stroke_with_the_mouse(page):
    page.goto(f"{page.base_url}/draw")
    wait_ready(page)
    pad = page.locator("canvas.lx-pad")                  # inside the component's shadow root
    pad.wait_for(timeout=60_000)
    page.get_by_text("draw a digit first").wait_for(timeout=30_000)
    box = pad.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.15
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 10, y + box["height"] * 0.7, steps=25)   # a slightly slanted "1"
    page.mouse.up()
    recon = page.get_by_text("Reconstruction", exact=True)
    recon.wait_for(timeout=60_000)
    settle(page)
    images = page.locator("figure.le-pic img")
    images.nth(6).wait_for(timeout=30_000)               # seen, reconstruction, two maps, 3 neighbours
    seen, rec = image_pixels(images.nth(0)), image_pixels(images.nth(1))
    assert seen.mean() > 5 and rec.mean() > 5, "the drawn digit and its reconstruction have ink"
    page.screenshot(path=str(ARTIFACTS / "lesson-draw-stroke.png"), full_page=True)
    no_errors(page, "draw after a stroke")

    page.locator("button.lx-clear").click()
    page.get_by_text("draw a digit first").wait_for(timeout=30_000)
    settle(page)
    assert page.locator("figure.le-pic").count() == 0
    no_errors(page, "draw after Clear")


def test_the_math_comes_with_one_click_and_not_before(page):
    """A first visit loads no KaTeX (the "For the curious" expander is lazy); one click opens it, the page reruns
    once and the formulas are drawn; they stay after another rerun."""
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
    page.goto(f"{page.base_url}/posterior")
    wait_ready(page)
    settle(page)
    assert page.locator(".katex").count() == 0
    assert not [u for u in scripts if "katex" in u.lower()], "KaTeX downloaded before anyone asked for the math"
    summary = page.locator("[data-testid='stExpander'] summary", has_text="For the curious")
    summary.click()
    page.locator("[data-testid='stExpander'] .katex").first.wait_for(timeout=60_000)
    settle(page)
    n = page.locator("[data-testid='stExpander'] .katex-display").count()
    assert n >= 1
    assert [u for u in scripts if "katex" in u.lower()], "the formulas are drawn by KaTeX once opened"
    page.reload()
    wait_ready(page)
    settle(page)
    no_errors(page, "posterior with the math open")


def test_interpolate_downloads_after_quick_changes(page):
    """The GIF and PNG downloads are made at the click: after quick changes of the steps (which once left a
    download pointing at a file a newer run had dropped: a 404), both buttons give their file."""
    page.goto(f"{page.base_url}/interpolate")
    wait_ready(page)
    slider = page.get_by_test_id("stSlider").first.get_by_role("slider")
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "ArrowRight", "ArrowRight", "ArrowRight"):
        slider.press(key)
        page.wait_for_timeout(150)
    settle(page)
    for name, magic in (("interpolation.gif", b"GIF89a"), ("interpolation.png", b"\x89PNG")):
        button = page.get_by_test_id("stDownloadButton").filter(has_text=name.split(".")[1].upper()).first
        with page.expect_download(timeout=60_000) as dl:
            button.click()
        d = dl.value
        assert d.suggested_filename == name
        data = open(d.path(), "rb").read()
        assert data.startswith(magic) and len(data) > 1000, (name, len(data))
    no_errors(page, "interpolate downloads")
