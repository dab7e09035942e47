"""Every page opened from a link (AppTest with query parameters): a full link is read and written back as is;
any query string, junk included, gives no exception box and a URL with only known, valid parameters."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ui.links import PAGE_FILES, PAGES, SHELL, read_page

ROOT = Path(__file__).resolve().parents[1]
FULL = {"explore": {"z": "1.5,-0.25", "lim": "3.5", "n": "9", "spacing": "gaussian"},
        "latent-map": {"lim": "2", "contours": "1", "drag": "lasso", "sel": "5,7,11"},
        "reconstructions": {"mode": "class", "class": "3", "n": "12", "from": "sample", "diff": "1", "seed": "12345"},
        "posterior": {"pick": "class", "class": "2", "i": "17", "k": "20"},
        "interpolate": {"a_pick": "class", "a_class": "1", "a_i": "3", "b_pick": "class", "b_class": "7", "b_i": "0",
                        "steps": "15"},
        "anomalies": {"noise": "square", "strength": "0.6", "pick": "class", "class": "3", "i": "2"},
        "ae-vs-vae": {"lim": "10.5"}, "conditional": {"class": "8", "z": "-2,2.5"}}
JUNK = ["abc", "nan", "1e999", "<b>x</b>", "**bold**", "[a](javascript:x)", "A" * 10_000, "-1", "99999", "1,2,3",
        "", "mnist-vae", "me", "tr", "1"]


def open_link(page: str, query: dict):
    """A session that opens the app, then this link (AppTest starts every session on the default page; the link
    then counts as a new URL in the same tab, which the app reads just like a first visit)."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    assert not at.exception, [e.message for e in at.exception]
    at.query_params.clear()
    at.query_params.update(query)
    at.switch_page(PAGE_FILES[page])
    return at.run()


def notice(at) -> list[str]:
    return [e.value for e in at.info if "link" in str(e.value).lower() or "bağlantı" in str(e.value).lower()]


def written_ok(page: str, q: dict) -> None:
    """The URL the app wrote has only known names, and its page values read back with no complaint."""
    assert set(q) <= set(SHELL) | set(PAGES[page]), q
    _, bad = read_page(page, q, {})
    assert bad == []


@pytest.mark.parametrize("page", sorted(FULL))
def test_full_link_is_read_and_written_back(page, models_dir):
    q = {"lang": "tr", "model": "mnist-vae", **FULL[page]}
    at = open_link(page, q)
    assert not at.exception, [e.message for e in at.exception]
    assert not notice(at)
    assert dict(at.query_params) == q            # every value reached its widget and came back unchanged


def test_unknown_model_and_language_give_one_notice(models_dir):
    at = open_link("explore", {"lang": "<h1>x</h1>", "model": "../../etc/passwd", "z": "abc", "foo": "A" * 10_000})
    assert not at.exception
    [text] = notice(at)
    assert "<h1>" not in text and "passwd" not in text and "AAAA" not in text
    assert at.title[0].value == "Explore"
    q = dict(at.query_params)
    assert (q["lang"], q["model"], q["z"]) == ("en", "mnist-vae", "0,0") and "foo" not in q   # defaults, junk gone
    written_ok("explore", q)


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
# 3 whole page runs per page in CI; the "deep" profile (10,000) gives 50 per page: each is a full AppTest run.
@settings(max_examples=max(3, settings().max_examples // 200), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_query_string_opens_the_page(page, data, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("VAE_MODELS_DIR", str(tmp_path_factory.mktemp("models")))
    names = sorted(set(PAGES[page]) | set(SHELL) | {"x", "<b>"})
    q = data.draw(st.dictionaries(st.sampled_from(names), st.one_of(st.sampled_from(JUNK), st.text(max_size=20)),
                                  max_size=8))
    at = open_link(page, q)
    assert not at.exception, (q, [e.message for e in at.exception])
    assert len(notice(at)) <= 1
    written_ok(page, dict(at.query_params))


def test_trained_model_is_autosaved_and_comes_back_by_link(models_dir):
    """The end of a training autosaves the model under a new private token; a fresh session (a reload, another
    device, a restarted server) opened with model=me&me=<token> has it as its active model."""
    from streamlit.testing.v1 import AppTest

    from vae_core.autosave import AutosaveStore, valid_token
    at = AppTest.from_file(str(ROOT / "tests" / "apps" / "autosave_app.py"), default_timeout=60).run()
    assert not at.exception
    token = at.text[0].value
    assert valid_token(token)
    assert AutosaveStore(models_dir / "autosave").exists(token)
    assert not list(models_dir.glob("*.safetensors"))        # never listed with the named models

    back = open_link("explore", {"model": "me", "me": token})
    assert not back.exception and not notice(back)
    assert back.session_state["model_ref"] == "session:"
    assert "tiny" in back.session_state["session_model"]["name"]
    assert dict(back.query_params)["me"] == token and dict(back.query_params)["model"] == "me"

    other = open_link("explore", {"model": "me", "me": token[:-1] + ("A" if token[-1] != "A" else "B")})
    assert notice(other) and other.session_state["model_ref"] == "pretrained:mnist-vae"
