"""The sidebar: language, the model picker (shipped, saved, trained in this session, uploaded) and the data
source. app.py calls sidebar() once per run; pages get its result as st.session_state["_active"]."""
from __future__ import annotations

import streamlit as st

import vae_core
from ui.data import dataset, describe_data
from ui.i18n import LANGS, count, labeller, relabel, t
from ui.lesson import reason
from ui.models import DEFAULT_REF, MAX_UPLOAD_MB, Active, active_model, on_upload, saved_models

SOURCES = ["pretrained", "saved", "session", "upload"]


def sidebar() -> Active:
    """Language, model picker and data source; returns the active model."""
    sb = st.sidebar
    sb.selectbox(t("side.language"), list(LANGS), format_func=LANGS.get, key="lang")
    relabel("model_src", "pick_pretrained")
    sb.subheader(t("side.model"))
    current = st.session_state.get("model_ref", DEFAULT_REF).split(":")[0]
    if "_model_src_next" in st.session_state:   # set by ui.models.set_session_model
        st.session_state["model_src"] = st.session_state.pop("_model_src_next")
    # the index only matters before the radio has a value; once it has one (or one was just written above), a
    # non-zero index beside it makes Streamlit warn about a value set through Session State
    index = 0 if "model_src" in st.session_state else SOURCES.index(current)
    src = sb.radio(t("side.model_source"), SOURCES, index=index,
                   format_func=labeller("side.src."), key="model_src")
    {"pretrained": _pick_pretrained, "saved": _pick_saved, "session": _pick_session, "upload": _pick_upload}[src](sb)
    active = active_model()
    sb.markdown(t("side.model_info", name=active.name, kind=t(f"kind.{active.model.config.kind}"),
                  params=count(active.model.num_params())))
    _data_source(sb, active)
    return active


def _pick_pretrained(sb) -> None:
    names = vae_core.pretrained_names()
    cur = st.session_state.get("model_ref", "")
    cur_name = cur.split(":", 1)[1] if cur.startswith("pretrained:") else "mnist-vae"
    # The default goes into Session State, not into the widget (as for every widget a link may set): a widget
    # given both a default and a Session State value makes Streamlit log a warning.
    st.session_state.setdefault("pick_pretrained", cur_name if cur_name in names else names[0])
    pick = sb.selectbox(t("side.pick_pretrained"), names, format_func=labeller("pretrained."), key="pick_pretrained")
    st.session_state["model_ref"] = f"pretrained:{pick}"


def _pick_saved(sb) -> None:
    saved = list(saved_models())
    if saved:
        pick = sb.selectbox(t("side.pick_saved"), saved, key="pick_saved")
        st.session_state["model_ref"] = f"saved:{pick}"
    else:
        sb.info(t("side.no_saved"))


def _pick_session(sb) -> None:
    if st.session_state.get("session_model"):
        st.session_state["model_ref"] = "session:"
        if st.session_state.get("autosave_failed"):
            sb.warning(t("links.autosave_failed"))
        elif st.session_state.get("me_token"):
            sb.caption(t("links.autosaved"))
    else:
        sb.info(t("side.no_session"))


def _pick_upload(sb) -> None:
    sb.file_uploader(t("side.upload"), type=["safetensors"], key="model_upload", on_change=on_upload,
                     max_upload_size=MAX_UPLOAD_MB)
    if st.session_state.get("upload_error"):
        sb.error(t("side.upload_bad", reason=reason(st.session_state["upload_error"])))
    elif st.session_state.get("upload_model"):
        st.session_state["model_ref"] = "upload:"
        sb.success(t("side.upload_ok", name=st.session_state["upload_model"]["name"]))


def _data_source(sb, active: Active) -> None:
    sb.subheader(t("side.data"))
    ds = dataset(active.dataset)
    if ds is not None:
        sb.caption(describe_data(ds))
        if ds.source == "embedded":
            sb.caption(t("side.data_embedded_hint"))
