"""The models a session can use: the shipped ones, the server's saved ones, one trained in this session, one
uploaded; which of them is active. Models come from st.cache_resource (shared, read-only) or the session."""
from __future__ import annotations

import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

import vae_core
from ui.i18n import t
from ui.lesson import reason
from vae_core.autosave import AutosaveStore, new_token, valid_token

ROOT = Path(__file__).resolve().parent.parent
MAX_UPLOAD_MB = vae_core.checkpoint.MAX_FILE_BYTES // (1024 * 1024)
DEFAULT_REF = "pretrained:mnist-vae"


@dataclass(frozen=True)
class Active:
    """The model a session is using. `key` identifies it for caches; `model` is shared and read-only."""
    model: vae_core.VAE
    key: str
    name: str
    dataset: str


def models_dir() -> Path:
    return Path(os.environ.get("VAE_MODELS_DIR", ROOT / "models"))


@st.cache_resource(show_spinner=False)
def load_pretrained(name: str) -> vae_core.VAE:
    return vae_core.pretrained(name)


@st.cache_resource(show_spinner=False, max_entries=64)
def load_saved(path: str, mtime: float) -> vae_core.VAE:
    return vae_core.load_model(path)


def saved_models() -> dict[str, Path]:
    """Complete model files in the models directory, by name (temp files of an interrupted save are skipped)."""
    d = models_dir()
    if not d.is_dir():
        return {}
    return {p.stem: p for p in sorted(d.glob("*.safetensors")) if not p.name.startswith(".")}


def safe_model_name(text: str) -> str:
    """A file name that cannot leave the models folder: letters (any script), digits, - and _; at most 60."""
    name = re.sub(r"[^\w\-]+", "-", text.strip(), flags=re.UNICODE).strip("-_.")
    return name[:60]


def dataset_of(model: vae_core.VAE) -> str:
    """The dataset a model was trained on (its metadata), MNIST when unknown."""
    ds = getattr(model, "meta", {}).get("dataset", "mnist")
    return ds if ds in vae_core.DATASETS else "mnist"


def shipped(name: str) -> Active:
    """A model shipped with the app (e.g. "mnist-ae"), as an Active with its cache key and display name."""
    m = load_pretrained(name)
    return Active(m, f"pretrained:{name}", t(f"pretrained.{name}"), dataset_of(m))


def active_model() -> Active:
    """The session's active model; the shipped MNIST VAE until the user picks another."""
    ref = st.session_state.get("model_ref", DEFAULT_REF)
    try:
        kind, _, name = ref.partition(":")
        if kind == "pretrained":
            return shipped(name)
        if kind == "saved":
            path = saved_models().get(name)
            if path is not None:
                m = load_saved(str(path), path.stat().st_mtime)
                return Active(m, f"saved:{name}:{path.stat().st_mtime}", name, dataset_of(m))
        if kind in ("session", "upload"):
            entry = st.session_state.get(f"{kind}_model")
            if entry is not None:
                return Active(entry["model"], entry["key"], entry["name"], dataset_of(entry["model"]))
    except vae_core.VAEError as e:
        st.sidebar.error(t("error.generic", reason=reason(e)))
    st.session_state["model_ref"] = DEFAULT_REF
    return shipped("mnist-vae")


def set_session_model(model: vae_core.VAE, name: str) -> None:
    """Make a model trained in this session the active one (it stays this session's own) and autosave it under
    the session's private token, so the `me=` link brings it back after a reload or a restart."""
    st.session_state["session_model"] = {"model": model, "key": f"session:{uuid.uuid4().hex}", "name": name}
    st.session_state["model_ref"] = "session:"
    autosave(model, name)
    # The sidebar's source radio was drawn earlier in this run and would set the old source again on the next
    # run: it is switched before it is drawn next time, and that run starts now so the sidebar shows the model.
    st.session_state["_model_src_next"] = "session"
    st.rerun()


def on_upload() -> None:
    """The sidebar uploader's callback: load the file as this session's model, or keep the reason it failed."""
    f = st.session_state.get("model_upload")
    if f is None:
        return
    data = f.getvalue()
    try:
        m = vae_core.load_model(data, require_latent=None)
    except vae_core.VAEError as e:
        st.session_state["upload_error"] = str(e)
        return
    digest = hashlib.sha256(data).hexdigest()[:16]
    st.session_state["upload_model"] = {"model": m, "key": f"upload:{digest}", "name": Path(f.name).stem[:60]}
    st.session_state["model_ref"] = "upload:"
    st.session_state["upload_error"] = None
    st.session_state["upload_ok"] = Path(f.name).stem[:60]


# ---------------------------------------------------------------------------------------------- my model (me=)

@st.cache_resource(show_spinner=False)
def _autosave_store(folder: str) -> AutosaveStore:
    return AutosaveStore(folder)


def autosave_store() -> AutosaveStore:
    """The autosave folder: models/autosave/ (never listed with the named models; see vae_core.autosave)."""
    return _autosave_store(str(models_dir() / "autosave"))


def autosave(model: vae_core.VAE, name: str) -> bool:
    """Save this session's trained model under its token (made on first use). False (and a sidebar warning on the
    next run) when the disk refuses; the model stays this session's either way."""
    ss = st.session_state
    token = ss.get("me_token") if valid_token(ss.get("me_token")) else new_token()
    try:
        autosave_store().save(token, model, dict(getattr(model, "meta", {}) or {}, name=name))
    except (vae_core.VAEError, OSError, ValueError):
        ss["autosave_failed"] = True
        return False
    ss["me_token"] = token
    ss["autosave_failed"] = False
    return True


def restore_mine(token: str) -> bool:
    """Bring back the model saved under `token` as this session's own ("my model"), without activating it.
    False when the token is malformed, unknown or expired."""
    ss = st.session_state
    if not valid_token(token):
        return False
    if ss.get("me_token") == token and ss.get("session_model"):
        return True
    model = autosave_store().load(token)
    if model is None:
        return False
    name = str(getattr(model, "meta", {}).get("name", ""))[:60]
    ss["session_model"] = {"model": model, "key": f"session:{uuid.uuid4().hex}",
                           "name": t("links.my_model", name=name) if name else t("links.my_model_plain")}
    ss["me_token"] = token
    return True


def choose_model(name: str) -> bool:
    """Make the model a link names active: a shipped name, a saved name, or "me" (this session's own, restored
    from `me=`). Sets the sidebar's widgets before they are drawn. False when there is no such model."""
    ss = st.session_state
    if not isinstance(name, str) or len(name) > 80:
        return False
    if name in vae_core.pretrained_names():
        ss.update(model_ref=f"pretrained:{name}", model_src="pretrained", pick_pretrained=name)
    elif name == "me":
        if not ss.get("session_model"):
            return False
        ss.update(model_ref="session:", model_src="session")
    elif name == safe_model_name(name) and name in saved_models():
        ss.update(model_ref=f"saved:{name}", model_src="saved", pick_saved=name)
    else:
        return False
    return True


def model_param(state) -> dict[str, str]:
    """The link's `model=` (and `me=`) for the session's active model; an uploaded model cannot be linked."""
    kind, _, name = str(state.get("model_ref", DEFAULT_REF)).partition(":")
    out = {}
    if kind in ("pretrained", "saved") and name:
        out["model"] = name
    elif kind == "session" and valid_token(state.get("me_token")):
        out["model"] = "me"
    if valid_token(state.get("me_token")):
        out["me"] = state["me_token"]
    return out
