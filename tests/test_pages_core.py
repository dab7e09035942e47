"""AppTest drives the app shell and the core pages (Home, Train, Explore, Latent map, Reconstructions) in both
languages: sliders, selections, a short training, saving and loading it, good and bad uploads."""
from __future__ import annotations

import io
import html
import json
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

import vae_core
from conftest import new_app, ok, texts

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


def plotly_array(v) -> np.ndarray:
    """A data array from a figure's JSON: a list, or plotly's packed {"dtype", "bdata" (base64)} form."""
    if isinstance(v, dict) and "bdata" in v:
        import base64
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
    return np.asarray(v)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_page_opens_without_error(lang, models_dir):
    at = ok(new_app(lang))
    for page in PAGES:
        ok(at.switch_page(f"pages/{page}").run())
        assert at.title, f"{page} has no title"


def test_sidebar_speaks_turkish_and_says_where_the_data_is(models_dir):
    at = ok(new_app("tr"))
    side = "\n".join(str(e.value) for e in at.sidebar.caption) + "\n".join(str(e.value) for e in at.sidebar.markdown)
    assert "MNIST VAE" in side
    assert any(w in side for w in ("Tam MNIST", "Çevrimdışı örnek")), side
    assert at.title[0].value.startswith("Gizli Alan Gezgini")


def grid_url(at) -> str:
    """The URL of Explore's manifold picture (it names the picture's content, so it changes with the point)."""
    (el,) = at.get("image")
    return el.proto.imgs[0].url


def test_explore_sliders_move_the_point_and_prior_sample(models_dir):
    at = ok(new_app().switch_page("pages/explore.py").run())
    assert not at.get("plotly_chart"), "Explore draws its grid on the server: no chart library to load"
    url0 = grid_url(at)
    ok(at.slider(key="z1").set_value(1.5).run())
    ok(at.slider(key="z2").set_value(-2.0).run())
    assert grid_url(at) != url0
    ok(at.button[0].click().run())                      # sample from the prior
    z = (at.slider(key="z1").value, at.slider(key="z2").value)
    assert z != (1.5, -2.0) and all(-3 <= v <= 3 for v in z)
    ok(at.radio(key="explore_spacing").set_value("gaussian").run())
    ok(at.slider(key="view_lim").set_value(2.0).run())
    assert abs(at.slider(key="z1").value) <= 2.0


def test_explore_conditional_model_has_a_class_selector(models_dir):
    at = ok(new_app(pick_pretrained="mnist-cvae"))
    assert at.session_state["model_ref"] == "pretrained:mnist-cvae"
    ok(at.switch_page("pages/explore.py").run())
    ok(at.selectbox(key="explore_label").set_value(7).run())


def test_latent_map_selection_shows_those_digits(models_dir):
    at = ok(new_app().switch_page("pages/latent_map.py").run())
    chart = [e for e in at.get("bidi_component") if e.proto.component_name == "latent_map_chart"]
    assert len(chart) == 1 and not at.get("plotly_chart"), "the map is drawn by ui.map_chart, not st.plotly_chart"
    spec = json.loads(chart[0].proto.json)["figure"]
    classes = [tr for tr in spec["data"] if tr.get("type") == "scattergl"]
    assert len(classes) == 10
    n_points = sum(len(plotly_array(tr["customdata"])) for tr in classes)
    assert n_points in (1000, 10000)
    at.session_state["map_drag"] = "lasso"          # selections come only once lasso or box is chosen
    at.session_state["map_chart"] = {"selection": {"points": [5, 42, 5], "at": 1}}   # as ui/map_chart/chart.js sends it
    ok(at.run())
    assert at.session_state["map_selection"] == [5, 42]
    assert "2 selected" in texts(at)
    # each selected digit is named as everywhere else ("A 3, number 12"), not by its raw test-set index
    from ui.data import load_data
    from ui.lesson import digit_name
    labels = load_data("mnist").test_labels
    gallery = "\n".join(m.value for m in at.markdown if "le-gallery" in m.value)
    for i in (5, 42):
        assert html.escape(digit_name(labels, i, [str(c) for c in range(10)], "en")) + "\n" in gallery
    assert "#5 " not in gallery and "#42 " not in gallery
    ok(at.toggle(key="map_contours").set_value(True).run())


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_reconstructions_modes_and_uploads(lang, models_dir):
    at = ok(new_app(lang).switch_page("pages/reconstructions.py").run())
    for mode in ("class", "best", "worst", "random"):
        ok(at.radio(key="recon_mode").set_value(mode).run())
    ok(at.toggle(key="recon_diff").set_value(True).run())
    ok(at.radio(key="recon_from").set_value("sample").run())
    # A real digit drawn as dark ink on white paper, any size: it is prepared and reconstructed.
    im = Image.new("RGB", (300, 200), "white")
    from PIL import ImageDraw
    ImageDraw.Draw(im).line([(150, 30), (150, 170)], fill="black", width=18)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    ok(at.file_uploader(key="recon_upload").upload("one.png", buf.getvalue(), "image/png").run())
    assert not at.error
    # A file that is not an image gets a clear message, not a traceback.
    ok(at.file_uploader(key="recon_upload").upload("notes.png", b"this is not a picture", "image/png").run())
    assert at.error and any(w in at.error[0].value.lower() for w in ("image", "picture", "görüntü", "resim"))


def _wait_for_job(at: AppTest, limit: float = 240) -> None:
    t0 = time.time()
    while not at.session_state["train_job"].finished:
        assert time.time() - t0 < limit, "training did not finish in time"
        time.sleep(0.5)
    ok(at.run())


def test_train_save_and_load_a_model(models_dir):
    at = ok(new_app().switch_page("pages/train.py").run())
    ok(at.slider(key="train_epochs").set_value(1).run())
    ok(at.radio(key="train_size").set_value("small").run())
    ok(at.button(key="train_start").click().run())
    _wait_for_job(at)
    assert at.session_state["model_ref"] == "session:"
    hist = at.session_state["session_model"]["model"].meta["history"]
    assert len(hist) == 1 and hist[0]["test_loss"] < 250
    figures = [json.loads(e.proto.json)["figure"] for e in at.get("bidi_component")
               if e.proto.component_name == "latent_map_chart"]      # ui.map_chart.light_chart: the small bundle
    curves = [f for f in figures if {tr["type"] for tr in f["data"]} == {"scatter"}]
    assert len(curves) == 1 and len(curves[0]["data"]) == 6, "the loss curves are drawn: train and test, 3 parts"
    assert not at.get("plotly_chart"), "no page brings st.plotly_chart's whole plotly.js"
    # Save under an odd Unicode name: it is sanitised, and saving again does not overwrite silently.
    ok(at.text_input(key="train_save_name").input("Ayşe'nin/../modeli").run())
    ok(at.button(key="train_save").click().run())
    files = sorted(p.name for p in models_dir.glob("*.safetensors"))
    assert files == ["Ayşe-nin-modeli.safetensors"], files
    ok(at.text_input(key="train_save_name").input("Ayşe'nin/../modeli").run())
    assert at.button(key="train_save").disabled
    assert any("already exists" in w.value for w in at.warning)
    # Another session picks the saved model from the server's list.
    other = ok(new_app(model_src="saved"))
    assert other.session_state["model_ref"] == "saved:Ayşe-nin-modeli"
    ok(other.switch_page("pages/explore.py").run())
    # Continue training this session's model: epochs number on.
    ok(at.number_input(key="train_more").set_value(1).run())
    ok(at.button(key="train_continue").click().run())
    _wait_for_job(at)
    assert [h["epoch"] for h in at.session_state["session_model"]["model"].meta["history"]] == [1, 2]


def test_stop_keeps_nothing_half_done(models_dir):
    at = ok(new_app().switch_page("pages/train.py").run())
    ok(at.slider(key="train_epochs").set_value(50).run())
    ok(at.radio(key="train_size").set_value("small").run())
    ok(at.button(key="train_start").click().run())
    job = at.session_state["train_job"]
    t0 = time.time()
    while not job.snapshot().history and time.time() - t0 < 120:
        time.sleep(0.3)
    job.request_stop()
    _wait_for_job(at)
    s = job.snapshot()
    assert s.status == "stopped" and 1 <= len(s.history) < 50
    assert at.session_state["session_model"]["model"].meta["stopped_early"] is True
    # nothing is saved by name; the stopped model is autosaved whole for the session's me= link (issue 16)
    assert not list(models_dir.glob("*.safetensors")) if models_dir.exists() else True
    from vae_core.autosave import AutosaveStore
    assert AutosaveStore(models_dir / "autosave").load(at.session_state["me_token"]) is not None
