"""Two levels of words on every page, in both languages: the plain page, the mathematics in a collapsed "For the
curious" expander with formulas, the glossary in the sidebar, no string key left untranslated, the one way a
test digit is named, no server folder in what students see."""
from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import new_app, ok, open_page, texts
from ui import i18n
from ui.i18n import translate
from ui.lesson import MATH, digit_name, number_in_class

LANGS = ["en", "tr"]
# page file -> its MATH entry
PAGES = {"home": "home", "train": "train", "explore": "explore", "latent_map": "latent_map", "reconstructions": "recon",
         "posterior": "posterior",
         "interpolate": "interpolate", "draw": "draw", "anomalies": "anomalies", "compare": "compare",
         "beta": "beta", "cvae": "cvae", "class_view": "classview"}
PREFIXES = {k.split(".")[0] for k in i18n.EN}
KEYLIKE = re.compile(r"\b([a-z]+(?:_[a-z]+)*)\.[a-z_0-9]+(?:\.[a-z_0-9-]+)*\b")


@pytest.fixture(autouse=True)
def _models_dir(models_dir):
    """Every test here gets an empty models folder of its own."""


def widget_labels(at) -> str:
    out = []
    for kind in ("button", "radio", "selectbox", "slider", "number_input", "checkbox", "toggle", "metric",
                 "expander", "text_input"):
        for w in at.get(kind):
            out.append(str(getattr(w, "label", "")))
            for opt in getattr(w, "options", None) or []:
                out.append(str(opt))
    return "\n".join(out)


def missing_keys(text: str) -> list[str]:
    """Pieces of text that look like one of our string keys ("anom.row_plain"): a missing translation."""
    return [m.group(0) for m in KEYLIKE.finditer(text) if m.group(1) in PREFIXES]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_has_plain_words_and_the_math_one_click_away(page, lang):
    at = open_page(page, lang)
    curious = [e for e in at.expander if e.label == translate(lang, "lesson.curious")]
    assert len(curious) == 1, [e.label for e in at.expander]
    assert not curious[0].proto.expanded, "the mathematics starts collapsed"
    assert len(at.latex) == 0, "formulas are sent only once the expander is opened (no KaTeX on a first visit)"
    words = texts(at) + "\n" + widget_labels(at)
    assert not missing_keys(words), missing_keys(words)[:5]
    if page != "home":                                        # Home's "For the teacher" names the data folder
        assert "/work/" not in words and "shared/data" not in words, "no server folder for students"
    # opened (what a click does: the expander's state becomes open and the page reruns), the formulas are there
    at.session_state[f"curious_{PAGES[page]}"] = True
    at.run()
    assert not at.exception, at.exception
    assert len(at.latex) == sum(kind == "tex" for kind, _ in MATH[PAGES[page]])
    assert not missing_keys(texts(at)), missing_keys(texts(at))[:5]


def test_the_math_sentences_exist_in_both_languages():
    for page, items in MATH.items():
        for kind, value in items:
            if kind == "md":
                assert value in i18n.EN and value in i18n.TR, (page, value)
            else:
                assert "\\text{" not in value, f"{page}: words inside a formula (not translated): {value}"


def test_one_name_for_a_test_digit():
    labels = np.array([3, 1, 3, 3, 0, 1])
    names = [str(i) for i in range(10)]
    assert [number_in_class(labels, i) for i in range(6)] == [0, 0, 1, 2, 0, 1]
    assert digit_name(labels, 3, names) == translate("en", "lesson.digit", cls="3", k=2) == "A 3, number 2"
    assert translate("tr", "lesson.digit", cls="3", k=2) == "2 numaralı 3"


@pytest.mark.parametrize("lang", LANGS)
def test_the_sidebar_has_the_glossary_and_names_no_server_folder(lang, mnist_full):
    """The sidebar is built by app.py on every page (AppTest shows it on the first run, before a page switch)."""
    from ui.data import load_data
    load_data.clear()   # an earlier test of this process may have cached the offline sample (no VAE_DATA_DIR)
    at = ok(new_app(lang))
    side = at.sidebar
    popovers = [b.proto.popover.label for b in side.children.values() if getattr(b, "type", "") == "popover"]
    assert popovers.count(translate(lang, "gloss.open")) == 1        # beside it: the share-link popover
    assert translate(lang, "gloss.title") in "\n".join(m.value for m in side.get("markdown"))
    words = "\n".join(m.value for m in side.get("markdown"))
    terms = {"en": ("**μ and σ", "**Prior**", "**Posterior**", "**ELBO**"),
             "tr": ("**μ ve σ", "**Önsel dağılım", "**Sonsal dağılım", "**ELBO**")}[lang]
    assert all(term in words for term in terms), "the glossary explains μ/σ, prior, posterior and ELBO"
    data_line = "\n".join(str(c.value) for c in side.get("caption"))
    assert translate(lang, "source.env", title="MNIST", n="70,000" if lang == "en" else "70.000") in data_line
    assert str(mnist_full.location) not in data_line and "/" not in data_line


def test_turkish_keeps_the_course_words():
    tr = "\n".join(i18n.TR.values()).lower()
    assert "gizli manifold" not in tr and not re.search(r"\bped\b", tr), "half-English / 'ped' in Turkish"
    assert "gizli alan" in tr
    # "gizli" is the latent space's word: a hidden layer's units are "ara katman" units
    assert "gizli birim" not in tr and "ara katmanlarda {hidden} birim" in tr


@pytest.mark.parametrize("data, key", [(b"", "err.file_empty"), (b"not a picture at all", "err.not_image"),
                                       (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "err.damaged")])
def test_library_messages_about_a_picture_are_translated(data, key):
    import vae_core
    from ui.lesson import reason
    with pytest.raises(vae_core.ImageError) as e:
        vae_core.image_to_digit(data)
    assert reason(e.value) == translate("en", key)          # outside a session: English
    assert translate("tr", key) != translate("en", key)
    assert reason(ValueError("something new")) == "something new"


# ---------------------------------------------------------------------------------------------- errors

def test_one_helper_says_why_in_plain_words_without_server_folders(caplog):
    """ui.lesson.reason: the library's known sentences translated, disk and data errors as plain sentences (the
    English text, which names server folders, goes to the log for the teacher), anything else as it is."""
    import errno
    import logging

    import vae_core
    from ui.lesson import reason
    assert reason(ValueError("the training queue is full (40 waiting); try again in a minute")) == \
        translate("en", "err.queue_full", n="40")
    assert reason("no training worker is connected") == translate("en", "err.no_worker")
    with caplog.at_level(logging.WARNING):
        said = reason(vae_core.DataError("/srv/data/mnist/t10k-images-idx3-ubyte.gz is missing: expected ..."))
        assert said == translate("en", "err.data_damaged") and "/srv" not in said
        said = reason(OSError(errno.ENOSPC, "No space left on device", "/srv/models/mine.safetensors"))
        assert said == translate("en", "err.disk_full") and "/srv" not in said
        denied = PermissionError(errno.EACCES, "Permission denied", "/srv/m")
        assert reason(denied) == translate("en", "err.disk_denied")
    assert "/srv/data/mnist" in caplog.text and "/srv/models/mine" in caplog.text, "the teacher finds the path"
    assert reason(vae_core.CheckpointError("the model file /srv/models/a.safetensors does not exist.")) == \
        translate("en", "err.model_gone")
    assert reason("RuntimeError: boom") == "RuntimeError: boom"
    assert translate("tr", "err.untranslated", reason="RuntimeError: boom") == "(İngilizce) RuntimeError: boom"


def test_a_full_training_queue_is_said_in_turkish(models_dir):
    """30 students pressing Start at once: the queue's own refusal, in the page's language."""
    from ui.training import training_queue
    at = open_page("train", "tr")
    q = training_queue()
    before = q.max_waiting
    q.max_waiting = 0                      # the real queue, refusing as it does when 40 are waiting
    try:
        ok(at.button(key="train_start").click().run())
    finally:
        q.max_waiting = before
    errors = [e.value for e in at.error]
    assert translate("tr", "train.queue_full", reason=translate("tr", "err.queue_full", n="0")) in errors, errors
    assert not any("queue" in e or "try again" in e for e in errors), errors


def test_broken_data_files_are_a_plain_sentence_without_the_folder(tmp_path, monkeypatch, models_dir):
    """A data folder with damaged files: the student reads a Turkish sentence, not the server's path."""
    from ui.data import load_data
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                 "t10k-labels-idx1-ubyte.gz"):
        (tmp_path / name).write_bytes(b"not gzip")
    monkeypatch.setenv("VAE_DATA_DIR", str(tmp_path))
    load_data.clear()
    try:
        at = open_page("train", "tr")
    finally:
        load_data.clear()
    errors = "\n".join(e.value for e in at.error)
    assert translate("tr", "err.data_damaged") in errors, errors
    assert str(tmp_path) not in texts(at) and "gzip" not in texts(at)


@pytest.mark.parametrize("lang", LANGS)
def test_the_class_view_says_what_it_is_as_body_text(lang):
    at = open_page("class_view", lang)
    assert translate(lang, "cls.intro") in texts(at, "markdown")
    assert translate(lang, "cls.intro") not in texts(at, "caption")


@pytest.mark.parametrize("lang", LANGS)
def test_z1_and_z2_are_said_to_be_the_codes_two_numbers_where_they_are_shown(lang):
    """Explore's and the conditional VAE's sliders name z₁ and z₂ as the Latent map's axes do; the pad's readout
    (its words go to the browser, which fills in the numbers) says it is the code."""
    at = open_page("explore", lang)
    assert at.slider(key="z1").label == translate(lang, "axis.z1") and "(" in translate(lang, "axis.z1")
    assert at.slider(key="z2").label == translate(lang, "axis.z2")
    at = open_page("cvae", lang)
    assert at.slider(key="cvae_z1").label == translate(lang, "axis.z1")
    readout = translate(lang, "pad.readout", z1="{z1}", z2="{z2}")
    assert readout.startswith({"en": "code: ", "tr": "kod: "}[lang]) and "{z1}" in readout and "{z2}" in readout


def test_the_jumpiness_formula_is_what_the_page_computes(vae_model, test_set):
    """AE vs VAE's "For the curious" defines the jumpiness J shown in the page's table (no more "far from the
    training codes", which the page does not show): J from the written formula equals vae_core's path_evenness."""
    import vae_core
    from vae_core.generative import path_evenness
    words = " ".join(translate("en", v) for kind, v in MATH["compare"] if kind == "md")
    assert "far from the training codes" not in words and "Jumpiness" in words
    assert any(r"\max_k \Delta_k" in v for kind, v in MATH["compare"] if kind == "tex")
    x, _ = test_set
    codes = vae_core.encode_dataset(vae_model, x[:200])[0]
    codes = np.asarray(codes, dtype=np.float32)
    i, j = np.random.default_rng(0).choice(len(codes), size=2, replace=False)      # the pair path_evenness takes
    zk = codes[i] + np.linspace(0, 1, 16, dtype=np.float32)[:, None] * (codes[j] - codes[i])   # z_k, k = 0..15
    xk = vae_core.decode_points(vae_model, zk).reshape(16, 784)
    delta = np.sqrt(((xk[1:] - xk[:-1]) ** 2).mean(1))                                 # Δ_k, k = 0..14
    assert path_evenness(vae_model, codes, pairs=1, steps=16) == pytest.approx(delta.max() / delta.mean(), rel=1e-4)


def test_a_refused_model_file_is_said_with_the_same_helper():
    """The sidebar's upload message goes through ui.lesson.reason too: an English detail is marked once."""
    detail = "this file is not a safetensors model (its header is not a JSON object)."
    at = ok(new_app("tr", model_src="upload", upload_error=detail))
    errors = [e.value for e in at.sidebar.get("error")]
    assert translate("tr", "side.upload_bad", reason=translate("tr", "err.untranslated", reason=detail)) in errors
    assert all(e.count("İngilizce") <= 1 for e in errors), errors
