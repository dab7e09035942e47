"""Several sessions at once (AppTest instances in threads, one app process, shared caches and training queue):
one trains and saves, one uploads hostile model files in Turkish, one uploads good models of other shapes, one
explores a shipped model and uploads a bad image. Each sees only its own results, none gets an exception, and
the shared (cached) models are not changed by any of it."""
from __future__ import annotations

import contextlib
import hashlib
import logging
import json
import pickle
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

import vae_core
from conftest import new_app, ok

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 240


class Payload:
    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture
def one_server(monkeypatch):
    """Let AppTests run at the same time, in threads, as sessions of one server.

    AppTest (1.67) installs a mock server in class attributes at the start of each run and clears them at the
    end (Runtime._instance, PagesManager.uses_pages_directory, the global.appTest option), so a second
    AppTest running meanwhile would find no server. Here every AppTest gets one shared mock server and one
    script cache for the whole test, set up the way AppTest sets up its own; AppTest's per-run set-and-clear
    is pointed at stand-ins.
    Script runs then overlap in separate threads with one st.cache_resource and one training queue, as
    sessions do in `streamlit run`."""
    from unittest.mock import MagicMock

    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.runtime import Runtime
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test
    from streamlit.testing.v1.util import patch_config_options

    class RuntimeStandIn(Runtime):
        _instance = None

    class PagesManagerStandIn(PagesManager):
        pass

    server = MagicMock(spec=Runtime)
    server.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    server.dataframe_source_mgr = app_test.DataframeSourceManager()
    server.cache_storage_manager = app_test.MemoryCacheStorageManager()
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    server.bidi_component_registry = components
    # One compiled-script cache, as the server has (AppTest makes one per run: compiling the pages in several
    # threads at once trips a CPython 3.11 bug, "AST constructor recursion depth mismatch").
    # With magic off (as in .streamlit/config.toml) a page compiles from source with no ast.parse at all.
    from streamlit.testing.v1 import local_script_runner
    scripts = app_test.ScriptCache()
    monkeypatch.setattr(app_test, "ScriptCache", lambda: scripts)
    monkeypatch.setattr(local_script_runner, "ScriptCache", lambda: scripts)
    monkeypatch.setattr(app_test, "Runtime", RuntimeStandIn)
    monkeypatch.setattr(app_test, "PagesManager", PagesManagerStandIn)
    monkeypatch.setattr(app_test, "patch_config_options", lambda options: contextlib.nullcontext())
    monkeypatch.setattr(Runtime, "_instance", server)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", False)   # st.navigation, not pages/ discovery
    # Setting a session's state from the test thread, outside a script run, logs a harmless warning each time.
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    monkeypatch.setattr(quiet, "level", logging.ERROR)
    # Count script runs in progress, to show they really overlap.
    lock, running = threading.Lock(), {"now": 0, "max": 0, "runs": 0}
    real_run = app_test.AppTest._run

    def counted(self, *args, **kwargs):
        with lock:
            running["now"] += 1
            running["runs"] += 1
            running["max"] = max(running["max"], running["now"])
        try:
            return real_run(self, *args, **kwargs)
        finally:
            with lock:
                running["now"] -= 1
    monkeypatch.setattr(app_test.AppTest, "_run", counted)
    with patch_config_options({"global.appTest": True, "runner.magicEnabled": False}):
        yield running


def sidebar_text(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in at.sidebar.markdown)


def model_ref(at: AppTest):
    """The session's model choice; None while it is the default (a session that starts on the upload source
    has not chosen yet)."""
    return at.session_state["model_ref"] if "model_ref" in at.session_state else None


def fingerprint(model: torch.nn.Module) -> str:
    h = hashlib.sha256()
    for k, v in sorted(model.state_dict().items()):
        h.update(k.encode())
        h.update(v.detach().cpu().numpy().tobytes())
    return h.hexdigest()


def tiny_model(latent: int = 2, hidden=(32,), seed: int = 3) -> bytes:
    m = vae_core.build_model(vae_core.ModelConfig(latent_dim=latent, hidden=hidden), seed=seed)
    return vae_core.to_bytes(m, {"dataset": "mnist"})


def with_latent(data: bytes, latent) -> bytes:
    """A valid file whose settings claim another latent size (the header length is fixed up)."""
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    config = json.loads(header["__metadata__"]["config"])
    config["latent_dim"] = latent
    header["__metadata__"]["config"] = json.dumps(config)
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data[8 + n:]


# ---------------------------------------------------------------------------------------------- the sessions

def trainer(start: threading.Barrier, log: list, seed: int = 0, save_as: str | None = "trainer's model",
            lang: str = "en") -> AppTest:
    """Trains one small epoch through the server's queue, polls like the page does, saves it under a name."""
    at = ok(new_app(lang, timeout=TIMEOUT))
    start.wait()
    ok(at.switch_page("pages/train.py").run())
    ok(at.slider(key="train_epochs").set_value(1).run())
    ok(at.radio(key="train_size").set_value("small").run())
    ok(at.number_input(key="train_seed").set_value(seed).run())
    ok(at.button(key="train_start").click().run())
    t0 = time.monotonic()
    while not at.session_state["train_job"].finished:
        assert time.monotonic() - t0 < TIMEOUT, "training did not finish in time"
        time.sleep(0.5)
        ok(at.run())   # the page's poll, while the other sessions work
    ok(at.run())
    assert at.session_state["model_ref"] == "session:"
    if save_as:
        ok(at.text_input(key="train_save_name").input(save_as).run())
        ok(at.button(key="train_save").click().run())
    ok(at.switch_page("pages/explore.py").run())
    log.append(f"trainer {seed} done")
    return at


def hostile_uploader(start: threading.Barrier, log: list, marker: Path) -> AppTest:
    """Turkish; uploads a pickle payload, a truncated model and a latent-size-of-a-billion model; explores."""
    at = ok(new_app("tr", model_src="upload", timeout=TIMEOUT))
    start.wait()
    good = tiny_model()
    bad = [("evil.safetensors", pickle.dumps(Payload(marker), protocol=4)),
           ("kesik.safetensors", good[: len(good) // 2]),
           ("dev.safetensors", with_latent(good, 10 ** 9))]
    for name, data in bad:
        ok(at.sidebar.file_uploader(key="model_upload").upload(name, data).run())
        assert at.sidebar.error, f"{name}: a bad upload must say why"
        assert "etkin modeliniz değişmedi" in at.sidebar.error[0].value   # "your active model is unchanged"
        assert model_ref(at) in (None, "pretrained:mnist-vae")   # never set to the upload
        ok(at.switch_page("pages/explore.py").run())
        ok(at.slider(key="z1").set_value(1.0).run())
        assert "MNIST VAE" in sidebar_text(at)
    log.append("hostile uploader done")
    return at


def good_uploader(start: threading.Barrier, log: list) -> AppTest:
    """Uploads a small 2-D model (becomes active), then a valid 3-D one (active; 2-D views say why they stop)."""
    at = ok(new_app(model_src="upload", timeout=TIMEOUT))
    start.wait()
    ok(at.sidebar.file_uploader(key="model_upload").upload("tiny-c.safetensors", tiny_model()).run())
    assert at.session_state["model_ref"] == "upload:"
    ok(at.switch_page("pages/explore.py").run())
    assert "tiny-c" in sidebar_text(at)
    ok(at.switch_page("pages/latent_map.py").run())
    ok(at.sidebar.file_uploader(key="model_upload").upload("three-d.safetensors", tiny_model(latent=3)).run())
    ok(at.switch_page("pages/explore.py").run())
    assert "three-d" in sidebar_text(at)
    assert any("3 dimensions" in w.value for w in at.warning), [w.value for w in at.warning]
    log.append("good uploader done")
    return at


def explorer(start: threading.Barrier, log: list) -> AppTest:
    """Explores the shipped conditional VAE; uploads a picture that is not an image on Reconstructions."""
    at = ok(new_app(pick_pretrained="mnist-cvae", timeout=TIMEOUT))
    start.wait()
    for z in (-1.5, 0.0, 2.0):
        ok(at.switch_page("pages/explore.py").run())
        ok(at.slider(key="z1").set_value(z).run())
        ok(at.selectbox(key="explore_label").set_value(int(z + 5)).run())
        ok(at.switch_page("pages/reconstructions.py").run())
    ok(at.file_uploader(key="recon_upload").upload("notes.png", b"not a picture at all", "image/png").run())
    assert at.error, "a bad image must say why"
    ok(at.switch_page("pages/latent_map.py").run())
    assert at.session_state["model_ref"] == "pretrained:mnist-cvae"
    log.append("explorer done")
    return at


# ---------------------------------------------------------------------------------------------- the test

def test_sessions_at_once_see_only_their_own_results(tmp_path, monkeypatch, one_server):
    models = tmp_path / "models"
    monkeypatch.setenv("VAE_MODELS_DIR", str(models))
    marker = tmp_path / "PAYLOAD-RAN"
    from ui.models import load_pretrained
    shared = {n: load_pretrained(n) for n in ("mnist-vae", "mnist-cvae")}   # the cached objects sessions use
    before = {n: fingerprint(m) for n, m in shared.items()}

    start, log = threading.Barrier(5), []
    with ThreadPoolExecutor(5) as pool:
        futures = {"trainer": pool.submit(trainer, start, log),
                   "trainer2": pool.submit(trainer, start, log, 7, None, "tr"),
                   "hostile": pool.submit(hostile_uploader, start, log, marker),
                   "good": pool.submit(good_uploader, start, log),
                   "explorer": pool.submit(explorer, start, log)}
        apps = {name: f.result(timeout=2 * TIMEOUT) for name, f in futures.items()}
    assert len(log) == 5
    assert one_server["max"] >= 3, f"the sessions' script runs should overlap: {one_server}"
    print(f"\n{one_server['runs']} script runs, up to {one_server['max']} at once")

    # Each session ends with exactly its own model and its own messages.
    tr, ho, gu, ex = apps["trainer"], apps["hostile"], apps["good"], apps["explorer"]
    assert tr.session_state["model_ref"] == "session:"
    assert len(tr.session_state["session_model"]["model"].meta["history"]) == 1
    assert tr.session_state["session_model"]["name"] in sidebar_text(tr)
    assert model_ref(ho) in (None, "pretrained:mnist-vae") and "MNIST VAE" in sidebar_text(ho)
    assert gu.session_state["model_ref"] == "upload:" and gu.session_state["upload_model"]["name"] == "three-d"
    assert ex.session_state["model_ref"] == "pretrained:mnist-cvae"
    # Two trainings through the one queue: each session got its own job and its own model (other seed).
    t2 = apps["trainer2"]
    assert t2.session_state["model_ref"] == "session:"
    assert t2.session_state["train_job"].id != tr.session_state["train_job"].id
    m1, m2 = tr.session_state["session_model"]["model"], t2.session_state["session_model"]["model"]
    assert m1 is not m2 and fingerprint(m1) != fingerprint(m2)
    assert t2.session_state["session_model"]["name"] in sidebar_text(t2) and "dönem" in sidebar_text(t2)
    for name, at in apps.items():
        own = {"trainer": {"session_model", "train_job"}, "trainer2": {"session_model", "train_job"},
               "hostile": {"upload_error"},
               "good": {"upload_model"}, "explorer": set()}[name]
        for key in {"session_model", "train_job", "upload_model"} - own:
            assert key not in at.session_state, f"{name} has {key}"
        if name != "hostile":
            assert not at.session_state["upload_error"] if "upload_error" in at.session_state else True
        assert not at.exception

    # Only the trainer's model was saved; the payload never ran; the shared models are untouched.
    assert sorted(p.name for p in models.glob("*.safetensors")) == ["trainer-s-model.safetensors"]
    assert vae_core.load_model(models / "trainer-s-model.safetensors").meta["history"]
    assert not marker.exists()
    for n, m in shared.items():
        assert load_pretrained(n) is m, "the cached shared model was replaced"
        assert fingerprint(m) == before[n], f"{n} was changed"
        assert not m.training and not any(p.requires_grad for p in m.parameters())
