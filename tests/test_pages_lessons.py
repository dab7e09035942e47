"""AppTest drives the lesson pages (Posterior, Interpolate, Draw, Denoise & anomalies) in both languages, with
the shared digit picker, sliders, buttons, uploads and an injected drawing; and with the autoencoder, the
conditional VAE and a 3-D latent model. No JavaScript runs here: the canvas value is set as component state."""
from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

import vae_core
from conftest import ok, open_page, pictures, texts
from ui.canvas import ink_from_state, ink_to_rgba
from ui.data import load_data
from ui.i18n import translate
from ui.lesson import digit_name

ROOT = Path(__file__).resolve().parents[1]
LANGS = ["en", "tr"]


@pytest.fixture(autouse=True)
def _models_dir(models_dir):
    """Every test here gets an empty models folder of its own."""


def biggest(at: AppTest):
    """The page's largest inline picture (its map) as bytes, to tell whether it changed."""
    pic = max(pictures(at), key=lambda p: p.width * p.height)
    return pic.tobytes()


def class_names_in(lang: str) -> list[str]:
    return translate(lang, "class.mnist").split("|")


def widths(at: AppTest) -> list[int]:
    return [p.width for p in pictures(at)]


def number(text: str) -> float:
    """'-193.27 nats' or '-193,27 nat' -> -193.27."""
    return float(re.search(r"-?\d+(?:[.,]\d+)?", text).group().replace(",", "."))


def stroke(w: int = 64) -> dict:
    """The canvas state after drawing one thick vertical stroke (what the browser sends on pointerup)."""
    ink = np.zeros((w, w), dtype=np.int64)
    ink[8:56, 29:36] = 255
    return {"w": w, "h": w, "ink": ink.ravel().tolist(), "strokes": 1}


def three_d_model() -> dict:
    m = vae_core.VAE(vae_core.ModelConfig(kind="vae", latent_dim=3, hidden=(32,))).eval()
    return {"model": m, "key": "session:test-3d", "name": "3-D test model"}


# ---------------------------------------------------------------------------------------------- posterior

@pytest.mark.parametrize("lang", LANGS)
def test_posterior_page(lang):
    at = open_page("posterior", lang)
    metrics = {m.label: m.value for m in at.metric}
    assert len(metrics) == 5
    gap = number(metrics[translate(lang, "post.gap")])
    log_px, elbo = number(metrics[translate(lang, "post.log_px")]), number(metrics[translate(lang, "post.elbo")])
    assert gap >= 0 and log_px >= elbo and abs(log_px - elbo - gap) < 0.02
    assert translate(lang, "post.map_title") in texts(at)
    assert translate(lang, "post.samples_legend") in texts(at, "markdown")      # the map's legend
    assert (12 * 30 - 2) * 3 in widths(at)                                     # the strip of the 12 samples

    ok(at.selectbox(key="post_pick_class").set_value(7).run())
    ok(at.number_input(key="post_pick_idx").set_value(3).run())
    ok(at.slider(key="post_k").set_value(20).run())
    before = biggest(at)
    assert (16 * 30 - 2) * 3 in widths(at)                                     # 20 samples: rows of 16
    metrics_before = [m.value for m in at.metric]
    ok(at.button(key="post_resample").click().run())
    after = biggest(at)
    assert after != before                                  # new ε ...
    assert [m.value for m in at.metric] == metrics_before   # ... same image, same numbers

    ok(at.radio(key="post_pick_mode").set_value("random").run())
    ok(at.button(key="post_pick_again").click().run())
    assert len(at.metric) == 5
    ok(at.radio(key="post_pick_mode").set_value("map").run())
    assert translate(lang, "pick.map_empty") in texts(at, "info")
    assert not at.metric
    at.session_state["map_selection"] = [5, 17, 99_999]      # an index beyond the test set is ignored
    ok(at.run())
    opts = at.selectbox(key="post_pick_map").options
    labels, names = load_data("mnist").test_labels, class_names_in(lang)
    assert opts == [digit_name(labels, 5, names, lang), digit_name(labels, 17, names, lang)]   # class + number
    ok(at.selectbox(key="post_pick_map").set_value(17).run())
    assert len(at.metric) == 5


# ---------------------------------------------------------------------------------------------- interpolate

@pytest.mark.parametrize("lang", LANGS)
def test_interpolate_page(lang):
    at = open_page("interpolate", lang)
    path = biggest(at)                                   # the map with the path
    assert (10 * 30 - 2) * 4 in widths(at)               # the strip of 10 steps
    assert len(at.get("download_button")) == 2            # GIF and PNG, made only when clicked
    assert len(pictures(at)) == 6                        # A, B, the map, the animation, the strip, the pixel blend
    assert translate(lang, "interp.strip", n=10) in texts(at, "markdown")
    ok(at.slider(key="interp_steps").set_value(16).run())
    assert (16 * 30 - 2) * 2 in widths(at)
    ok(at.selectbox(key="interp_b_class").set_value(3).run())
    ok(at.number_input(key="interp_a_idx").set_value(4).run())
    assert biggest(at) != path
    ok(at.radio(key="interp_a_mode").set_value("random").run())
    ok(at.button(key="interp_a_again").click().run())
    # both ends from the Latent map: A starts on the first selected digit, B on the last
    at.session_state["map_selection"] = [3, 8, 21]
    ok(at.radio(key="interp_a_mode").set_value("map").run())
    ok(at.radio(key="interp_b_mode").set_value("map").run())
    assert at.selectbox(key="interp_a_map").value == 3 and at.selectbox(key="interp_b_map").value == 21
    assert (16 * 30 - 2) * 2 in widths(at)


def test_interpolate_gif_and_strip_are_what_the_library_makes():
    """The page's downloads are the animated GIF and strip PNG of the decoded path (checked in the library:
    AppTest gives media URLs, not bytes)."""
    m = vae_core.pretrained("mnist-vae")
    a, b = np.zeros((28, 28), np.float32), np.zeros((28, 28), np.float32)
    a[4:24, 12:16] = 1
    b[4:8, 6:22] = 1
    b[4:24, 18:22] = 1
    z, imgs = vae_core.latent_path(m, a, b, 12)
    gif = Image.open(io.BytesIO(vae_core.gif_bytes(imgs, scale=10, duration_ms=140, bounce=True)))
    assert gif.format == "GIF" and gif.size == (280, 280) and gif.n_frames == 12 + 10
    strip = vae_core.grid_image(imgs, pad=2, scale=3)
    assert strip.size == ((12 * 30 - 2) * 3, 28 * 3)


# ---------------------------------------------------------------------------------------------- draw

@pytest.mark.parametrize("lang", LANGS)
def test_draw_page(lang):
    at = open_page("draw", lang)
    assert translate(lang, "draw.empty") in texts(at, "info")          # an empty canvas is not an error
    assert not at.error and not pictures(at)
    at.session_state["draw_canvas"] = {"drawing": stroke()}
    ok(at.run())
    assert translate(lang, "draw.empty") not in texts(at, "info")
    legend = texts(at, "markdown")                                       # under the whole map and the zoom
    assert translate(lang, "draw.ellipse", k=1) in legend and translate(lang, "draw.neighbours_legend") in legend
    assert translate(lang, "draw.neighbours") in texts(at, "markdown")
    assert "μ = (" in texts(at, "caption")
    assert len(pictures(at)) == 7                        # seen, reconstruction, whole map, zoom, 3 neighbours
    # the neighbours are named as test digits are everywhere ("A 3, number 12"), not by a rank that reads like one
    name = re.escape(translate(lang, "lesson.digit", cls="C", k="K")).replace("C", r"\d").replace("K", r"\d+")
    caption = re.escape(translate(lang, "draw.neighbour", name="N", d="D")).replace("N", name).replace("D", r"[\d.,]+")
    assert len(set(re.findall(caption, texts(at, "markdown")))) == 3, texts(at, "markdown")[-600:]   # caption, alt
    # what "Clear" sends, then junk from a browser, then a speck too faint to be ink
    at.session_state["draw_canvas"] = {"drawing": None}
    ok(at.run())
    assert translate(lang, "draw.empty") in texts(at, "info")
    at.session_state["draw_canvas"] = {"drawing": {"w": 64, "h": 64, "ink": [1, 2, 3]}}
    ok(at.run())
    assert translate(lang, "draw.bad_canvas") in texts(at, "error")
    speck = stroke()
    speck["ink"] = [0] * (64 * 64)
    speck["ink"][100] = 3
    at.session_state["draw_canvas"] = {"drawing": speck}
    ok(at.run())
    assert translate(lang, "draw.empty") in texts(at, "info")


def test_canvas_state_is_parsed_safely():
    ink = ink_from_state(stroke())
    assert ink.shape == (64, 64) and ink.max() == 1.0 and ink.min() == 0.0
    digit = vae_core.canvas_to_digit(ink_to_rgba(ink))
    assert digit.shape == (28, 28) and digit.max() > 0.5
    assert ink_from_state(None) is None and ink_from_state({}) is None
    blank = stroke()
    blank["ink"] = [0] * (64 * 64)
    assert ink_from_state(blank) is None
    for bad in ("text", {"w": 64, "h": 64}, {"w": 64, "h": 64, "ink": [0] * 10},
                {"w": 10_000, "h": 1, "ink": [0] * 10_000}, {"w": 8, "h": 8, "ink": ["x"] * 64},
                {"w": 8, "h": 8, "ink": [float("nan")] * 64}, {"w": "8", "h": 8, "ink": [0] * 64}):
        with pytest.raises(ValueError):
            ink_from_state(bad)
    big = stroke()
    big["ink"] = [10_000] * (64 * 64)
    assert ink_from_state(big).max() == 1.0                              # clipped to the 0-255 range


# ---------------------------------------------------------------------------------------------- anomalies

def png(img: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize("lang", LANGS)
def test_anomalies_page(lang):
    at = open_page("anomalies", lang)
    body = texts(at, "markdown")
    assert translate(lang, "anom.row_noisy") in body
    assert translate(lang, "anom.agree_title") in texts(at, "subheader")
    metrics = [m.label for m in at.metric]                               # whole test set: each model, the ceiling
    assert translate(lang, "anom.agree.denoiser") in metrics and len(metrics) == 3
    assert translate(lang, "anom.hist_x") in texts(at, "caption")       # the default example: an inverted digit
    assert "100" in texts(at, "markdown").split(translate(lang, "anom.yours_intro"))[-1]
    for kind in vae_core.NOISE_KINDS:
        ok(at.radio(key="anom_kind").set_value(kind).run())
        ok(at.slider(key=f"anom_strength_{kind}").set_value(0.6).run())
    ok(at.button(key="anom_new_noise").click().run())
    ok(at.radio(key="anom_pick_mode").set_value("random").run())
    ok(at.radio(key="anom_score").set_value("typicality").run())
    assert translate(lang, "anom.unusual", n=20) in texts(at, "subheader")
    shown = [m.value for m in at.markdown if "le-gallery" in m.value]   # the unusual and the typical digits:
    assert len(shown) == 2 and all(g.count('class="le-card"') == 20 for g in shown)   # cards that wrap,
    assert all(g.count('class="le-cap"') == 20 and "\n" in g for g in shown)   # named, the loss on a line of its own
    ok(at.radio(key="anom_source").set_value("blank").run())
    assert translate(lang, "anom.low_loss_note") in texts(at, "info")    # a blank page gets a low loss
    ok(at.radio(key="anom_source").set_value("noise").run())
    assert translate(lang, "anom.hist_x") in texts(at, "caption")
    ok(at.radio(key="anom_source").set_value("upload").run())
    assert translate(lang, "anom.upload_none") in texts(at, "info")
    digit = np.zeros((60, 60), np.uint8)
    digit[10:50, 27:33] = 255
    ok(at.file_uploader(key="anom_upload").upload("one.png", png(digit), "image/png").run())
    assert translate(lang, "anom.hist_x") in texts(at, "caption") and not at.error
    ok(at.file_uploader(key="anom_upload").set_value(("notes.png", b"this is not a picture", "image/png")).run())
    assert translate(lang, "anom.upload_bad", reason="")[:12] in texts(at, "error")
    assert translate(lang, "anom.hist_x") not in texts(at, "caption")
    ok(at.file_uploader(key="anom_upload").set_value(("white.png", png(np.full((40, 40), 255, np.uint8)),
                                                      "image/png")).run())
    assert translate(lang, "anom.upload_empty") in texts(at, "warning")


# ---------------------------------------------------------------------------------------------- other models

def test_autoencoder_says_what_it_cannot_show():
    for page, key in (("posterior", "post.ae"), ("interpolate", "interp.ae"), ("anomalies", "anom.ae")):
        at = open_page(page, "tr", model_ref="pretrained:mnist-ae")
        assert translate("tr", key) in texts(at, "info"), page
    assert translate("en", "post.code") in texts(open_page("posterior", "en", model_ref="pretrained:mnist-ae"),
                                                 "markdown")                        # the code on the map
    at = open_page("draw", "en", model_ref="pretrained:mnist-ae")
    at.session_state["draw_canvas"] = {"drawing": stroke()}
    ok(at.run())
    assert translate("en", "draw.ae") in texts(at, "info")
    assert translate("en", "draw.ellipse", k=1) not in texts(at, "markdown")    # no q(z|x) to draw


def test_conditional_model_gets_a_class():
    at = open_page("posterior", "en", model_ref="pretrained:mnist-cvae")
    conds = [s for s in at.selectbox if str(s.key).startswith("post_cond_")]
    assert len(conds) == 1 and len(at.metric) == 5
    gap_true = number({m.label: m.value for m in at.metric}[translate("en", "post.gap")])
    ok(conds[0].set_value((conds[0].value + 1) % 10).run())
    gap_wrong = number({m.label: m.value for m in at.metric}[translate("en", "post.gap")])
    assert gap_wrong > gap_true                       # q(z|x, wrong class) is far from the true posterior
    at = open_page("interpolate", "en", model_ref="pretrained:mnist-cvae")
    ok(at.selectbox(key="interp_cond").set_value(5).run())
    at = open_page("draw", "en", model_ref="pretrained:mnist-cvae")
    at.session_state["draw_canvas"] = {"drawing": stroke()}
    ok(at.run())
    ok(at.selectbox(key="draw_cond").set_value(1).run())
    assert translate("en", "draw.code") in texts(at, "markdown")
    at = open_page("anomalies", "en", model_ref="pretrained:mnist-cvae")
    ok(at.selectbox(key="anom_cond").set_value(2).run())


def test_a_3d_latent_model_is_explained_not_drawn():
    state = dict(model_ref="session:", session_model=three_d_model())
    warn = translate("en", "error.model_not_2d", d=3)
    at = open_page("posterior", "en", **state)
    assert warn in texts(at, "warning") and not at.metric
    at = open_page("interpolate", "en", **state)
    assert warn in texts(at, "warning") and len(at.get("download_button")) == 2
    at = open_page("draw", "en", **state)
    at.session_state["draw_canvas"] = {"drawing": stroke()}
    ok(at.run())
    assert warn in texts(at, "warning") and translate("en", "draw.code") not in texts(at, "markdown")
    at = open_page("anomalies", "en", **state)
    assert translate("en", "anom.unusual", n=20) in texts(at, "subheader")
