"""AppTest drives the AE vs VAE, β and conditional VAE pages in both languages (nothing raises), including the
retraining hand-over from the training queue, the β page with models in the server's store, Fashion-MNIST
class names (or the reason the data is missing); one real-Chromium pass over the three pages."""
from __future__ import annotations

import json
import re

import time
from pathlib import Path

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

import vae_core
from conftest import ARTIFACTS, new_app, ok, open_page, pictures, texts, thumbnails, wait_ready
from ui.i18n import translate
from ui.training import BETAS, quick_configs

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "tr")


def tiny_model(data, beta: float = 1.0, kind: str = "vae") -> vae_core.VAE:
    """One epoch of a 32-unit MLP on the 4,000 offline digits (one thread: a fraction of a second)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        mconf, tconf = quick_configs(kind, beta, hidden=(32,), epochs=1)
        return vae_core.fit(mconf, data.tensors("train"), config=tconf, device=torch.device("cpu")).model
    finally:
        torch.set_num_threads(threads)


def wait_finished(jobs, timeout: float = 60.0) -> None:
    deadline = time.time() + timeout
    while not all(j.finished for j in jobs):
        assert time.time() < deadline, [j.snapshot().status for j in jobs]
        time.sleep(0.1)


# ---------------------------------------------------------------------------------------------- AE vs VAE

def bar_heights(picture, color: str) -> np.ndarray:
    """Heights in pixels of the bars of one colour in a server-drawn grouped-bar picture, left to right (a
    count of 0 draws no bar, so it is not among them)."""
    a = np.asarray(picture.convert("RGB")).astype(int)
    want = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])
    cols = (np.abs(a - want).sum(axis=2) < 6).sum(axis=0)          # pixels of that colour in each column
    runs, cur = [], []
    for h in cols:                                                  # a bar: consecutive columns of that colour
        if h > 0:
            cur.append(h)
        elif cur:
            runs.append(max(cur))
            cur = []
    if cur:
        runs.append(max(cur))
    return np.array(runs)


@pytest.mark.parametrize("lang", LANGS)
def test_compare_page(lang):
    at = open_page("compare", lang)
    assert at.title[0].value == translate(lang, "nav.compare")
    pics = pictures(at)
    assert len(pics) == 5                          # two latent maps, two decoded grids, the classes of the draws
    assert not at.get("plotly_chart"), "no chart library goes to the browser for one bar chart"
    body = texts(at)
    assert translate(lang, "cmp.why.title") in body
    # the story in the bar picture: the AE's tallest bar is taller than the VAE's (it bunches into a few classes)
    # and the VAE's shortest is taller than the AE's (it reaches every class); both draw the same 1,000 codes
    from ui.generative import COLOURS
    (bars,) = [p for p in pics if all(len(bar_heights(p, c)) for c in COLOURS.values())]
    ae, vae = bar_heights(bars, COLOURS["ae"]), bar_heights(bars, COLOURS["vae"])
    assert len(vae) == 10 and len(ae) <= 10                        # a class no draw became has no bar
    assert ae.max() > vae.max() and (len(ae) < 10 or vae.min() > ae.min())
    assert thumbnails(at) == 2 * 16                                # the same 16 draws, decoded by each model
    ok(at.button(key="cmp_again").click().run())                  # a new draw of the 16 points
    assert at.session_state["cmp_seed"] != 0
    ok(at.slider(key="cmp_lim").set_value(30.0).run())            # the AE's whole spread
    assert "cmp_which" not in at.session_state                    # no retrained pair yet: no choice offered


def test_compare_takes_over_the_retrained_pair(mnist_small):
    """Jobs that finished in the server's queue become this session's second pair; a stopped one changes nothing."""
    from ui.training import training_queue
    q = training_queue()
    jobs = {}
    for k in ("ae", "vae"):
        mconf, tconf = quick_configs(k, hidden=(32,), epochs=1)
        jobs[k] = q.submit(mconf, tconf, mnist_small, latent_points=100)
    wait_finished(jobs.values())
    at = open_page("compare", "en")
    at.session_state["cmp_jobs"] = {"data": "mnist", "jobs": jobs}
    ok(at.run())
    assert "cmp_jobs" not in at.session_state
    assert at.radio(key="cmp_which").value == "mine"
    assert at.session_state["cmp_mine"]["models"]["ae"].model is jobs["ae"].result()[0]
    ok(at.radio(key="cmp_which").set_value("shipped").run())
    # a retraining stopped before the end: a message, and the pair already kept stays
    mconf, tconf = quick_configs("vae", hidden=(32,), epochs=50)
    stopped = {k: q.submit(mconf, tconf, mnist_small, latent_points=100) for k in ("ae", "vae")}
    for j in stopped.values():
        j.request_stop()
    wait_finished(stopped.values())
    at.session_state["cmp_jobs"] = {"data": "mnist", "jobs": stopped}
    ok(at.run())
    assert translate("en", "cmp.retrain.incomplete") in texts(at)
    assert at.session_state["cmp_mine"]["models"]["vae"].model is jobs["vae"].result()[0]


# ---------------------------------------------------------------------------------------------- β

@pytest.fixture(scope="module")
def tiny_beta_models(mnist_small):
    return {b: tiny_model(mnist_small, b) for b in BETAS}


@pytest.fixture
def beta_models(tiny_beta_models):
    """Tiny models in the server's β store for MNIST (so the page shows results without a minute of training);
    the store is emptied afterwards."""
    from ui import training
    training.beta_store.clear()
    store = training.beta_store()
    for b, model in tiny_beta_models.items():
        store.add("mnist", b, model, key=f"test{b:g}")
    yield store
    training.beta_store.clear()


@pytest.mark.parametrize("lang", LANGS)
def test_beta_page_before_training(lang):
    from ui import training
    training.beta_store.clear()
    at = open_page("beta", lang)
    assert at.button(key="beta_go").label == translate(lang, "beta.train_all", n=len(BETAS))
    assert translate(lang, "beta.none_yet") in texts(at)
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("lang", LANGS)
def test_beta_page_with_models(lang, beta_models):
    at = open_page("beta", lang)
    assert not at.button                                            # nothing missing: no train button
    n = len(BETAS)
    assert len(pictures(at)) == n + (n + 2) + 2    # a map per β; strips: originals, one per β, mean; two charts
    body = texts(at)
    assert translate(lang, "beta.explain.title") in body
    assert translate(lang, "beta.table.caption") in body            # the table of losses and KL per dimension
    assert f"| {translate(lang, 'beta.kl_dim', d=2)} |" in body
    # under each map, the sentence follows the KL numbers the page shows beside it
    for kl1, kl2, state in shown_states(at, lang):
        on = (kl1 > 0.1) + (kl2 > 0.1)
        assert state in {2: ("both", "squeezed"), 1: ("one",), 0: ("none",)}[on], (kl1, kl2, state)


def shown_states(at, lang):
    """(KL of z₁, KL of z₂, state key) of each β map, read from the page's words."""
    md = [m.value for m in at.markdown]
    sentences = {translate(lang, f"beta.state.{k}", beta=b).split(":")[0]: k
                 for k in ("both", "squeezed", "one", "none") for b in ("0.1", "0,1")}
    out = []
    for i, line in enumerate(md):
        got = re.findall(r"\*\*(-?[\d.,]+)\*\*", line)
        if len(got) == 2 and i + 1 < len(md) and "KL" in line:
            kl1, kl2 = (float(g.replace(",", ".")) for g in got)
            out.append((kl1, kl2, sentences[md[i + 1].split(":")[0]]))
    assert len(out) == len(BETAS), md
    return out


# The β page's models as BENCHMARKS.md measured them (bench/sections/compare.md, "β page models"): total KL and KL
# per code number, nats per test image.
MEASURED = {0.1: (150.1, 6.842, 5.261), 1.0: (153.1, 2.953, 2.437), 4.0: (161.6, 1.361, 1.776),
            16.0: (191.6, 0.003, 0.606), 64.0: (205.9, 0.0, 0.0)}


@pytest.mark.parametrize("lang", LANGS)
def test_beta_sentences_with_the_measured_kl(lang, beta_models, monkeypatch):
    """With the KL numbers of the real β page models, β = 4 (KL 1.36 and 1.78) is not said to "spread over the
    whole square": its cloud is small on the axes shared with β = 0.1; it says both numbers are on but pulled
    toward (0, 0)."""
    from ui import data, training
    by_key = {f"beta:mnist:{b:g}": b for b in BETAS}

    def measured(active):
        b = next(b for k, b in by_key.items() if active.key.startswith(k + ":"))
        recon, kl1, kl2 = MEASURED[b]
        return vae_core.LatentSummary(recon, kl1 + kl2, np.array([kl1, kl2]), np.array([1.0, 1.0]), np.ones(2))
    monkeypatch.setattr(data, "summary", measured)
    at = open_page("beta", lang)
    states = [s for _, _, s in shown_states(at, lang)]
    assert states == ["both", "both", "squeezed", "one", "none"], states
    assert translate(lang, "beta.state.squeezed", beta="0.1" if lang == "en" else "0,1") in texts(at)


# ---------------------------------------------------------------------------------------------- conditional VAE

@pytest.mark.parametrize("lang", LANGS)
def test_cvae_page(lang):
    at = open_page("cvae", lang)
    assert translate(lang, "cvae.using_shipped", name=translate(lang, "pretrained.mnist-cvae")) in texts(at)
    ok(at.selectbox(key="cvae_class").set_value(3).run())
    ok(at.slider(key="cvae_z1").set_value(1.5).run())
    ok(at.slider(key="cvae_z2").set_value(-2.0).run())
    z = "(1,50; -2,00)" if lang == "tr" else "(1.50, -2.00)"
    assert z in texts(at)
    ok(at.button(key="cvae_random").click().run())
    assert -3 <= at.session_state["cvae_z1"] <= 3
    # the shared class-and-number picker: "A 7, number 3" is drawn as every class
    ok(at.selectbox(key="cvae_pick_class").set_value(7).run())
    ok(at.number_input(key="cvae_pick_idx").set_value(3).run())
    name = translate(lang, "lesson.digit", cls="7", k=3)
    assert translate(lang, "cvae.restyle.original", cls=name) in "\n".join(m.value for m in at.markdown)
    ok(at.radio(key="cvae_pick_mode").set_value("random").run())
    ok(at.button(key="cvae_pick_again").click().run())


def test_cvae_page_uses_a_conditional_active_model():
    at = ok(new_app("en", pick_pretrained="mnist-cvae"))
    ok(at.switch_page("pages/cvae.py").run())
    assert "(your active model)" in texts(at)


# ---------------------------------------------------------------------------------------------- Fashion-MNIST

@pytest.mark.parametrize("lang", LANGS)
def test_fashion_names_or_the_reason(lang):
    """With the Fashion-MNIST VAE active, the pages offer Fashion-MNIST: its class names when the data is here,
    else a message saying why (and nothing raises)."""
    at = ok(new_app(lang, pick_pretrained="fashion-vae"))
    ok(at.switch_page("pages/beta.py").run())
    assert at.selectbox(key="beta_data").value == "fashion"
    if at.error:
        assert translate(lang, "data.unavailable", title="Fashion-MNIST", reason="").split(":")[0] in texts(at)
    else:
        ok(at.switch_page("pages/compare.py").run())
        assert at.selectbox(key="cmp_data").value == "fashion"


# ---------------------------------------------------------------------------------------------- real browser

def test_pages_in_chromium(page):
    """The three pages render in a real browser without a Streamlit exception; screenshots for a person."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(page.base_url)
    wait_ready(page)
    for nav, name in (("nav.compare", "compare"), ("nav.beta", "beta"), ("nav.cvae", "cvae")):
        page.get_by_test_id("stSidebarNav").get_by_text(translate("en", nav), exact=True).click()
        page.wait_for_selector(f"h1:has-text('{translate('en', nav)}')", timeout=60_000)
        wait_ready(page)
        if name != "beta":
            page.locator("figure.le-pic img, .le-gallery img").first.wait_for(timeout=60_000)
        page.wait_for_timeout(300)
        wait_ready(page)
        boxes = page.locator("[data-testid='stException']")
        assert boxes.count() == 0, f"{name}: {boxes.first.inner_text()[:300]}"
        page.screenshot(path=str(ARTIFACTS / f"page-{name}.png"), full_page=True)
    real = [e for e in page.errors if "favicon" not in e and "404" not in e]
    assert not real, real[:3]
