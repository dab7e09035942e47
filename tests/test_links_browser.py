"""Links in a real browser (Debian chromium): deep links on fresh and warm servers, a link with every parameter
read back, reload and restart keep language, model and state (the `me=` model included, after a SIGKILL),
a follower moves with the teacher, and a junk link gives one notice and no exception."""
from __future__ import annotations

import os
import signal
from urllib.parse import parse_qs, urlparse

import pytest
import torch

import vae_core
from conftest import AppServer, wait_ready
from ui.i18n import EN, TR
from ui.links import PAGE_FILES
from vae_core.autosave import AutosaveStore, new_token

NAV = {"home": "home.title", "train": "nav.train", "class": "nav.classview", "explore": "nav.explore", "latent-map": "nav.latent_map",
       "reconstructions": "nav.recon", "posterior": "nav.posterior", "interpolate": "nav.interpolate",
       "draw": "nav.draw", "anomalies": "nav.anomalies", "ae-vs-vae": "nav.compare", "beta": "nav.beta",
       "conditional": "nav.cvae"}
PARAMS = {"explore": "z=1,-1&lim=4", "latent-map": "lim=2&contours=1", "reconstructions": "mode=class&class=3&n=6",
          "posterior": "pick=class&class=2&i=5", "interpolate": "steps=12", "anomalies": "noise=square&strength=0.5",
          "ae-vs-vae": "lim=6", "beta": "data=mnist", "conditional": "class=4&z=1,1"}


def heading(page) -> str:
    page.wait_for_selector("h1", timeout=120_000)
    return page.locator("h1").first.inner_text().strip()


def visit(page, url: str, *, wait: bool = True) -> None:
    page.goto(url)
    if wait:
        wait_ready(page, 180_000)
        page.wait_for_selector("h1", timeout=120_000)


def no_page_not_found(page) -> None:
    assert page.get_by_text("Page not found").count() == 0
    boxes = page.get_by_test_id("stException")
    assert boxes.count() == 0, boxes.first.inner_text()[:1500]


def query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def slider(page, label: str) -> float:
    s = page.get_by_test_id("stSlider").filter(has_text=label).first.locator("input[type='range']")
    s.wait_for(timeout=60_000)
    return float(s.get_attribute("aria-valuenow") or s.input_value())


def pad_z(page) -> tuple[float, ...]:
    """The point the live pad shows (its data-z; empty until the pad has drawn)."""
    z = page.locator(".lp-root").first.get_attribute("data-z") or ""
    return tuple(round(float(v), 4) for v in z.split(",") if v) or (float("nan"),)


def move_slider(page, label: str, value: float, timeout_ms: int = 30_000) -> None:
    """Move a slider to `value` with its arrow keys, as a keyboard user does. A key pressed while the page is
    still re-rendering after a navigation can land on a slider that is replaced a moment later (a busy CI
    machine), so press until the slider shows the value rather than a fixed number of times."""
    thumb = page.get_by_test_id("stSlider").filter(has_text=label).first.get_by_role("slider")
    for _ in range(timeout_ms // 250):
        now = slider(page, label)
        if abs(now - value) < 1e-9:
            return
        thumb.focus()
        thumb.press("ArrowRight" if now < value else "ArrowLeft")
        page.wait_for_timeout(250)
    assert slider(page, label) == value


def wait_for(page, check, timeout_ms: int = 30_000) -> None:
    for _ in range(timeout_ms // 250):
        if check():
            return
        page.wait_for_timeout(250)
    assert check()


@pytest.fixture
def ctx(browser):
    contexts = []

    def make():
        c = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(c)
        return c.new_page()
    yield make
    for c in contexts:
        c.close()


# ---------------------------------------------------------------------------------------------- deep links

@pytest.mark.parametrize("first", ["home", "latent-map", "ae-vs-vae", "conditional"])
def test_deep_link_is_the_first_request_of_a_fresh_server(ctx, tmp_path, first):
    """On a server nobody has opened yet, three students open links at the same time, `first` a moment before
    the others (the old router used to answer "Page not found" or run a page without app.py)."""
    server = AppServer({"VAE_MODELS_DIR": str(tmp_path)})
    try:
        others = [p for p in ("latent-map", "conditional", "home") if p != first][:2]
        tabs = [(p, ctx()) for p in [first, *others]]
        for i, (p, tab) in enumerate(tabs):
            tab.goto(f"{server.url}/{p}?lang=tr" + (f"&{PARAMS[p]}" if p in PARAMS and i else ""),
                     wait_until="commit")
        for p, tab in tabs:
            wait_ready(tab, 180_000)
            assert heading(tab) == TR[NAV[p]], p
            assert urlparse(tab.url).path == f"/{p}"
            no_page_not_found(tab)
    finally:
        server.stop()


def test_deep_links_on_a_warm_server(ctx, app_server):
    """Every page's URL, with and without its parameters, three rounds, each in a new session."""
    for _ in range(3):
        for p in PAGE_FILES:
            for q in ("", PARAMS.get(p, "")):
                tab = ctx()
                visit(tab, f"{app_server.url}/{p}" + (f"?{q}" if q else ""))
                assert heading(tab) == EN[NAV[p]], (p, q)
                no_page_not_found(tab)
                tab.context.close()


# ---------------------------------------------------------------------------------------------- read back, reload

def test_link_with_every_parameter_is_read_back(ctx, app_server):
    tab = ctx()
    visit(tab, f"{app_server.url}/explore?lang=tr&model=mnist-ae&z=-1,2&lim=4&n=9&spacing=gaussian")
    assert heading(tab) == TR["nav.explore"]
    assert (slider(tab, "z₁"), slider(tab, "z₂")) == (-1.0, 2.0)
    tab.get_by_text(TR["explore.settings"]).first.click()
    assert slider(tab, TR["explore.range"]) == 4.0 and slider(tab, TR["explore.grid_n"]) == 9
    side = tab.get_by_test_id("stSidebar")
    assert side.get_by_text(TR["pretrained.mnist-ae"]).count() >= 1
    q = query(tab)
    assert {k: q.get(k) for k in ("lang", "model", "z", "lim", "n", "spacing")} == {
        "lang": "tr", "model": "mnist-ae", "z": "-1,2", "lim": "4", "n": "9", "spacing": "gaussian"}
    no_page_not_found(tab)

    visit(tab, f"{app_server.url}/reconstructions?mode=class&class=3&n=12&diff=1")
    assert slider(tab, EN["recon.count"]) == 12
    cls = tab.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=EN["class.label"]).first
    assert cls.locator("input").is_enabled()              # enabled only in mode "one class"
    shown = cls.evaluate("e => e.textContent + '|' + [...e.querySelectorAll('input')].map(i => i.value).join('|')")
    assert "3" in shown, shown
    assert query(tab)["class"] == "3" and query(tab)["diff"] == "1"


def test_reload_keeps_language_model_and_state(ctx, app_server):
    tab = ctx()
    visit(tab, f"{app_server.url}/explore?lang=tr&model=mnist-ae&z=1,1")
    thumb = tab.get_by_test_id("stSlider").filter(has_text="z₁").first.get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowRight")
    wait_for(tab, lambda: query(tab).get("z") == "1.05,1")       # the URL follows the change
    tab.reload()
    wait_ready(tab, 180_000)
    assert heading(tab) == TR["nav.explore"]
    assert slider(tab, "z₁") == 1.05 and slider(tab, "z₂") == 1.0
    assert tab.get_by_test_id("stSidebar").get_by_text(TR["pretrained.mnist-ae"]).count() >= 1
    no_page_not_found(tab)


def test_junk_link_gives_one_notice_and_no_exception(ctx, app_server):
    tab = ctx()
    junk = "A" * 10_000
    visit(tab, f"{app_server.url}/explore?z=abc&lim=999&model=nope&lang=%3Cb%3Ex%3C/b%3E&foo={junk}"
               f"&n=**9**")
    assert heading(tab) == EN["nav.explore"]
    notice = tab.locator(".st-key-links_notice")
    assert notice.count() == 1
    text = notice.inner_text()
    assert "AAAA" not in text and "nope" not in text and "<b>" not in text
    assert notice.locator("b, strong, h1").count() == 0
    no_page_not_found(tab)
    assert "foo" not in query(tab) and query(tab)["lim"] == "6" and query(tab)["lang"] == "en"


# ---------------------------------------------------------------------------------------------- restart (issue 19)

def test_sigkill_mid_lesson_keeps_models_and_my_model(ctx, tmp_path, monkeypatch):
    """A student's `me=` link and the saved models survive a SIGKILL of the server and a restart: no partial file
    is listed, shipped models load, and the student's reload shows their model again."""
    models = tmp_path / "models"
    mine = vae_core.load_model(vae_core.to_bytes(vae_core.pretrained("mnist-vae")))
    with torch.no_grad():
        next(mine.parameters()).mul_(0.5)
    token = new_token()
    AutosaveStore(models / "autosave").save(token, mine, {"name": "Ada"})
    vae_core.save_model(vae_core.pretrained("mnist-ae"), models / "lesson.safetensors", {"name": "lesson"})
    link = f"explore?model=me&me={token}"
    my_name = EN["links.my_model"].format(name="Ada")

    server = AppServer({"VAE_MODELS_DIR": str(models)})
    port = server.port
    tab = ctx()
    try:
        visit(tab, f"{server.url}/{link}")
        assert tab.get_by_test_id("stSidebar").get_by_text(my_name).count() >= 1
        no_page_not_found(tab)
    finally:
        os.kill(server.proc.pid, signal.SIGKILL)          # the lesson's server dies at once
        server.proc.wait(10)
    (models / ".tmp-cut.safetensors.part").write_bytes(b"half a model")   # what a kill mid-save leaves
    (models / "autosave" / ".tmp-cut.safetensors.part").write_bytes(b"half")

    import conftest
    monkeypatch.setattr(conftest, "free_port", lambda: port)      # the restarted server takes the same address
    server = AppServer({"VAE_MODELS_DIR": str(models)})
    try:
        tab.reload()                                       # the student's tab reconnects to the new server
        wait_ready(tab, 180_000)
        assert heading(tab) == EN["nav.explore"]
        wait_for(tab, lambda: tab.get_by_test_id("stSidebar").get_by_text(my_name).count() >= 1)
        assert query(tab).get("me") == token and query(tab).get("model") == "me"
        no_page_not_found(tab)
        other = ctx()
        visit(other, f"{server.url}/explore?model=lesson")          # a saved model: listed and loads
        side = other.get_by_test_id("stSidebar")
        assert side.get_by_text("lesson").count() >= 1
        picker = side.get_by_test_id("stSelectbox").filter(has_text=EN["side.pick_saved"]).first
        # At the sidebar's bottom edge the list opens below the fold; the sidebar scrolls to show it and that
        # scroll closes it again (Streamlit 1.67's selectbox), so the first click never showed the options.
        picker.evaluate("e => e.scrollIntoView({block: 'center'})")
        picker.click()
        other.get_by_role("option").first.wait_for(timeout=30_000)
        options = [o.strip() for o in other.get_by_role("option").all_inner_texts()]
        assert options == ["lesson"], options                       # no partial file among them
        other.keyboard.press("Escape")
        visit(other, f"{server.url}/explore?model=mnist-ae")        # a shipped model loads
        assert other.get_by_test_id("stSidebar").get_by_text(EN["pretrained.mnist-ae"]).count() >= 1
        no_page_not_found(other)
    finally:
        server.stop()


# ---------------------------------------------------------------------------------------------- follow the teacher

def test_follower_moves_with_the_teacher(ctx, tmp_path):
    server = AppServer({"VAE_MODELS_DIR": str(tmp_path), "VAE_TEACHER_CODE": "kara-tahta-7"})
    try:
        student, teacher = ctx(), ctx()
        visit(student, f"{server.url}/home")
        student.get_by_test_id("stSidebar").get_by_text(EN["follow.follow"]).click()
        wait_ready(student)
        visit(teacher, f"{server.url}/home")
        side = teacher.get_by_test_id("stSidebar")
        side.get_by_text(EN["follow.teacher"]).click()
        box = side.get_by_label(EN["follow.code"])
        box.fill("wrong")
        box.press("Enter")
        wait_ready(teacher)
        wait_for(teacher, lambda: side.get_by_text(EN["follow.wrong"]).count() == 1)
        assert side.get_by_text(EN["follow.teacher_now"]).count() == 0
        box = side.get_by_label(EN["follow.code"])
        if not box.is_visible():
            side.get_by_text(EN["follow.teacher"]).click()
        box.fill("kara-tahta-7")
        box.press("Enter")
        wait_ready(teacher)
        side.get_by_text(EN["follow.teacher_now"]).wait_for(timeout=30_000)
        side.get_by_role("link", name=EN["nav.explore"]).click()    # the teacher opens Explore ...
        wait_ready(teacher)
        move_slider(teacher, "z₁", 0.2)                              # ... and moves z₁ to 0.2
        wait_for(teacher, lambda: query(teacher).get("z", "").startswith("0.2,"))
        wait_for(student, lambda: urlparse(student.url).path == "/explore")
        wait_for(student, lambda: slider(student, "z₁") == 0.2)
        assert heading(student) == EN["nav.explore"]
        # On Explore only z changes from now on: the follower's page fragment takes it (ui/follow.py, no page
        # rerun) and the pad, decoding in the browser, moves its point and digit there too.
        wait_for(student, lambda: pad_z(student)[0] == 0.2)
        move_slider(teacher, "z₁", 0.35)                             # the teacher moves z₁ on to 0.35
        wait_for(teacher, lambda: query(teacher).get("z", "").startswith("0.35,"))
        wait_for(student, lambda: slider(student, "z₁") == 0.35)
        wait_for(student, lambda: pad_z(student)[0] == 0.35)
        assert urlparse(student.url).path == "/explore" and query(student).get("z", "").startswith("0.35,")
        no_page_not_found(student)
    finally:
        server.stop()
