"""No widget is given both a default and a value through Session State (AppTest). Streamlit logs "The widget with
key ... was created with a default value but also had its value set via the Session State API" for such a
widget, once per server process, so on a real server one offender hides every later one; here each check is
recorded. Checked after a training ends on the Train page (the sidebar's model source switches to the new
model), on every page opened by a link with all of its parameters (ui/links.py), after a language switch on
every page (ui.i18n.relabel writes back the widgets whose labels are words) and after the buttons that write a
widget's value (Conditional VAE's random test image)."""
from __future__ import annotations

import time

import pytest
from streamlit.elements.lib import policies
from streamlit.testing.v1 import AppTest

from conftest import new_app, ok
from ui.links import PAGE_FILES


# A link with every parameter of each page, values away from the widgets' defaults (a default value passed to
# the widget and the same value in Session State would not show the problem on a real server either).
FULL = {
    "home": {}, "train": {}, "class": {}, "draw": {},
    "explore": {"z": "1.5,-0.25", "lim": "3.5", "n": "9", "spacing": "gaussian"},
    "latent-map": {"lim": "2", "contours": "1", "sel": "5,7,11", "z": "0.5,-1"},
    "reconstructions": {"mode": "class", "class": "3", "n": "12", "from": "sample", "diff": "1", "seed": "12345"},
    "posterior": {"pick": "class", "class": "2", "i": "17", "k": "20"},
    "interpolate": {"a_pick": "class", "a_class": "1", "a_i": "3", "b_pick": "class", "b_class": "7", "b_i": "0",
                    "steps": "15"},
    "anomalies": {"noise": "square", "strength": "0.6", "pick": "class", "class": "3", "i": "2", "score": "typicality"},
    "ae-vs-vae": {"lim": "10.5", "data": "mnist"},
    "beta": {"data": "mnist"},
    "conditional": {"class": "8", "z": "-2,2.5"},
}
# Models later in the sidebar's list than its first, whose picker's index then follows the link; else mnist-vae.
MODELS = {"explore": "mnist-cvae", "conditional": "mnist-cvae", "anomalies": "mnist-dvae",
          "ae-vs-vae": "fashion-vae", "beta": "fashion-vae"}


@pytest.fixture
def warned(monkeypatch) -> list[str]:
    """The keys Streamlit warned about in this test (its once-per-process flag reset before every check)."""
    keys: list[str] = []

    class Recorder:
        def warning(self, msg, key, **_):
            keys.append(key)

    check = policies.check_session_state_rules

    def every_time(*args, **kwargs):
        policies._shown_default_value_warning = False
        return check(*args, **kwargs)

    monkeypatch.setattr(policies, "_LOGGER", Recorder())
    monkeypatch.setattr(policies, "check_session_state_rules", every_time)
    return keys


def test_the_check_sees_a_widget_with_a_default_and_a_session_state_value(warned):
    """The recorder works: a script that does what the app must not do is caught."""
    at = AppTest.from_string('import streamlit as st\nst.session_state["x"] = 3\n'
                             'st.slider("x", 0, 10, value=5, key="x")\n').run()
    assert not at.exception
    assert warned == ["x"]


def test_a_training_that_ends_on_the_train_page_warns_about_no_widget(models_dir, warned):
    at = ok(new_app().switch_page("pages/train.py").run())
    ok(at.slider(key="train_epochs").set_value(1).run())
    ok(at.radio(key="train_size").set_value("small").run())
    ok(at.button(key="train_start").click().run())
    t0 = time.time()
    while not at.session_state["train_job"].finished:
        assert time.time() - t0 < 240, "training did not finish in time"
        time.sleep(0.5)
    ok(at.run())                    # the run that sees the end: the new model becomes the session's
    assert at.session_state["model_ref"] == "session:" and at.sidebar.radio(key="model_src").value == "session"
    ok(at.run())                    # and the one after it
    ok(at.switch_page("pages/explore.py").run())
    assert warned == [], f"widgets given a default and a Session State value: {warned}"


@pytest.mark.parametrize("page", sorted(FULL))
def test_a_page_opened_by_a_link_warns_about_no_widget(page, models_dir, warned):
    assert set(FULL) == set(PAGE_FILES)
    at = new_app(None, timeout=180)
    ok(at)
    at.query_params.clear()
    at.query_params.update({"lang": "tr", "model": MODELS.get(page, "mnist-vae"), **FULL[page]})
    ok(at.switch_page(PAGE_FILES[page]).run())
    assert not [e for e in at.info if "link" in str(e.value).lower() or "bağlantı" in str(e.value).lower()], \
        "the link was not read whole"
    ok(at.run())                    # a second run of the same view
    assert warned == [], f"{page}: widgets given a default and a Session State value: {warned}"


def switch_to_turkish(at):
    """The language changes as the sidebar's selector would change it (AppTest loses the session when a widget
    of app.py is set with set_value): widgets whose labels are words get their value written back (relabel)."""
    at.session_state["lang"] = "tr"
    return ok(at.run())


@pytest.mark.parametrize("page", sorted(FULL))
def test_switching_the_language_on_a_page_warns_about_no_widget(page, models_dir, warned):
    at = new_app(None, timeout=180)
    at.query_params.clear()
    at.query_params.update({"lang": "en", "model": MODELS.get(page, "mnist-vae"), **FULL[page]})
    ok(at.switch_page(PAGE_FILES[page]).run())
    switch_to_turkish(at)
    assert warned == [], f"{page}: widgets given a default and a Session State value: {warned}"


def test_digits_picked_from_the_map_selection_and_a_random_style_warn_about_no_widget(models_dir, warned):
    at = new_app(None, timeout=180)
    at.query_params.clear()
    at.query_params.update({"lang": "en", "model": "mnist-cvae", "a_pick": "map", "b_pick": "map"})
    at.session_state["map_selection"] = [5, 7, 11]
    ok(at.switch_page(PAGE_FILES["interpolate"]).run())
    assert at.selectbox(key="interp_b_map").value == 11           # the last selected digit, as before
    switch_to_turkish(at)
    ok(at.switch_page(PAGE_FILES["conditional"]).run())
    ok(at.radio(key="cvae_pick_mode").set_value("random").run())
    ok(at.button(key="cvae_pick_again").click().run())             # writes the random digit the picker shows
    assert warned == [], f"widgets given a default and a Session State value: {warned}"


def test_the_range_shared_by_explore_and_the_latent_map_goes_with_the_user(models_dir, warned):
    """Both pages have a range slider of key view_lim; a widget's identity includes its page, so each page must
    hand the value over (a default in Session State alone gave the slider's minimum, 1.0, in a browser)."""
    at = new_app(None, timeout=180)
    at.query_params.clear()
    at.query_params.update({"lang": "en", "model": "mnist-vae", "lim": "4.5"})
    ok(at.switch_page(PAGE_FILES["latent-map"]).run())
    assert at.slider(key="view_lim").value == 4.5
    ok(at.slider(key="view_lim").set_value(2.5).run())
    ok(at.switch_page(PAGE_FILES["explore"]).run())
    assert at.session_state["view_lim"] == 2.5
    ok(at.switch_page(PAGE_FILES["latent-map"]).run())
    assert at.slider(key="view_lim").value == 2.5
    assert warned == [], warned
