"""Shared UI pieces: language, the model picker, the dataset in use, cached per-model computations.

Pages import from here; they never load models or data themselves. Shared objects come from
st.cache_resource and are read-only: nothing here trains, moves or mutates a cached model."""
from __future__ import annotations

import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st
import torch

import vae_core
from ui.i18n import LANGS, translate

ROOT = Path(__file__).resolve().parent.parent


def _route_through_app() -> None:
    """A fresh server whose very first request is a deep link (say /explore) runs pages/explore.py directly,
    the old multipage way, because a `pages/` folder exists and app.py has not yet called st.navigation. Pages
    need app.py (sidebar, active model), so switch that mode off and rerun: app.py then routes to the page."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        PagesManager.uses_pages_directory = False
        st.rerun()


_route_through_app()
MAX_UPLOAD_MB = vae_core.checkpoint.MAX_FILE_BYTES // (1024 * 1024)


# ---------------------------------------------------------------------------------------------- language

def lang() -> str:
    return st.session_state.get("lang", "en")


def t(key: str, **values) -> str:
    return translate(lang(), key, **values)


def labeller(prefix: str, **values):
    """A format_func for a widget: option v -> t(prefix + str(v)), in the language of this run (bound now, so
    the function gives the same words when Streamlit or a test calls it later, outside the script run)."""
    code = lang()
    return lambda v: translate(code, f"{prefix}{v}", **values)


def relabel(*keys: str) -> None:
    """Call before creating widgets whose option labels depend on the language. The browser keeps a radio's or
    selectbox's choice as its label, so after a language switch it would show no choice; writing the stored
    value back makes Streamlit send the value again, in the new language."""
    now = lang()
    seen = st.session_state.setdefault("_relabel_lang", {})
    for k in keys:
        if k in st.session_state and seen.get(k, now) != now:      # only after a language switch
            st.session_state[k] = st.session_state[k]
        seen[k] = now


def class_names(dataset: str) -> list[str]:
    return t(f"class.{dataset}").split("|")


def fmt_int(n: int) -> str:
    """Thousands separator the reader expects: 10,000 in English, 10.000 in Turkish."""
    s = f"{n:,}"
    return s.replace(",", ".") if lang() == "tr" else s


# ---------------------------------------------------------------------------------------------- models

def models_dir() -> Path:
    return Path(os.environ.get("VAE_MODELS_DIR", ROOT / "models"))


@dataclass(frozen=True)
class Active:
    """The model a session is using. `key` identifies it for caches; `model` is shared and read-only."""
    model: vae_core.VAE
    key: str
    name: str
    dataset: str


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


def _dataset_of(model: vae_core.VAE) -> str:
    ds = getattr(model, "meta", {}).get("dataset", "mnist")
    return ds if ds in vae_core.DATASETS else "mnist"


def active_model() -> Active:
    """The session's active model; the shipped MNIST VAE until the user picks another."""
    ref = st.session_state.get("model_ref", "pretrained:mnist-vae")
    try:
        kind, _, name = ref.partition(":")
        if kind == "pretrained":
            m = load_pretrained(name)
            return Active(m, ref, t(f"pretrained.{name}"), _dataset_of(m))
        if kind == "saved":
            path = saved_models().get(name)
            if path is not None:
                m = load_saved(str(path), path.stat().st_mtime)
                return Active(m, f"saved:{name}:{path.stat().st_mtime}", name, _dataset_of(m))
        if kind in ("session", "upload"):
            entry = st.session_state.get(f"{kind}_model")
            if entry is not None:
                return Active(entry["model"], entry["key"], entry["name"], _dataset_of(entry["model"]))
    except vae_core.VAEError as e:
        st.sidebar.error(t("error.generic", reason=str(e)))
    st.session_state["model_ref"] = "pretrained:mnist-vae"
    m = load_pretrained("mnist-vae")
    return Active(m, "pretrained:mnist-vae", t("pretrained.mnist-vae"), "mnist")


def set_session_model(model: vae_core.VAE, name: str) -> None:
    """Make a model trained in this session the active one (it stays this session's own)."""
    st.session_state["session_model"] = {"model": model, "key": f"session:{uuid.uuid4().hex}", "name": name}
    st.session_state["model_ref"] = "session:"
    # The sidebar's source radio was drawn earlier in this run and would set the old source again on the next
    # run: it is switched before it is drawn next time, and that run starts now so the sidebar shows the model.
    st.session_state["_model_src_next"] = "session"
    st.rerun()


def _on_upload():
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


# ---------------------------------------------------------------------------------------------- data

@st.cache_resource(show_spinner=False)
def load_data(name: str) -> vae_core.Dataset:
    return vae_core.load_dataset(name)


def dataset(name: str) -> vae_core.Dataset | None:
    """The dataset, or None after showing why it is not available."""
    try:
        return load_data(name)
    except vae_core.DataError as e:
        st.error(t("data.unavailable", title=vae_core.DATASETS[name]["title"], reason=str(e)))
        return None


def describe_data(ds: vae_core.Dataset) -> str:
    n = len(ds.train_images) + len(ds.test_images)
    return t(f"source.{ds.source}", title=ds.title, n=fmt_int(n), where=ds.location,
             n_train=fmt_int(len(ds.train_images)), n_test=fmt_int(len(ds.test_images)))


@st.cache_resource(show_spinner=False, max_entries=32)
def _test_encodings(_model, key: str, dataset_name: str):
    ds = load_data(dataset_name)
    x, y = ds.tensors("test")
    mu, sigma = vae_core.encode_dataset(_model, x, y)
    return mu.numpy(), (None if sigma is None else sigma.numpy()), y.numpy()


def test_encodings(active: Active):
    """(mu (N, D), sigma (N, D) or None, labels (N,)) of the active model's test set, computed once per model."""
    return _test_encodings(active.model, active.key, active.dataset)


@st.cache_resource(show_spinner=False, max_entries=32)
def _test_losses(_model, key: str, dataset_name: str):
    ds = load_data(dataset_name)
    x, y = ds.tensors("test")
    return {k: v.numpy() for k, v in vae_core.per_image_losses(_model, x, y).items()}


def test_losses(active: Active) -> dict[str, np.ndarray]:
    """Per-image test losses (nats) of the active model, computed once per model."""
    return _test_losses(active.model, active.key, active.dataset)


@st.cache_resource(show_spinner=False, max_entries=64)
def _manifold(_model, key: str, n: int, lim: float, spacing: str, label):
    return vae_core.decode_grid(_model, n, lim, spacing, y=label)


def manifold(active: Active, n: int, lim: float, spacing: str, label=None):
    """Decoded n x n grid over [-lim, lim]^2 (images (n, n, 28, 28), xs, ys), cached per model and settings."""
    return _manifold(active.model, active.key, n, lim, spacing, label)


# ---------------------------------------------------------------------------------------------- training

@st.cache_resource(show_spinner=False)
def training_queue() -> vae_core.TrainingQueue:
    """The server's one training queue: at most VAE_TRAIN_WORKERS (default 1) trainings at once, the rest wait;
    each with VAE_TRAIN_THREADS (default 1) torch threads."""
    return vae_core.TrainingQueue(workers=int(os.environ.get("VAE_TRAIN_WORKERS", "1")),
                                  threads=int(os.environ.get("VAE_TRAIN_THREADS", "1")))


# ---------------------------------------------------------------------------------------------- sidebar

def sidebar() -> Active:
    """Language, model picker and data source; returns the active model. Called once per run by app.py."""
    sb = st.sidebar
    sb.selectbox(t("side.language"), list(LANGS), format_func=LANGS.get, key="lang")
    relabel("model_src", "pick_pretrained")
    sb.subheader(t("side.model"))
    sources = ["pretrained", "saved", "session", "upload"]
    current = st.session_state.get("model_ref", "pretrained:mnist-vae").split(":")[0]
    if "_model_src_next" in st.session_state:   # set by set_session_model
        st.session_state["model_src"] = st.session_state.pop("_model_src_next")
    src = sb.radio(t("side.model_source"), sources, index=sources.index(current),
                   format_func=labeller("side.src."), key="model_src")
    if src == "pretrained":
        names = vae_core.pretrained_names()
        cur = st.session_state.get("model_ref", "")
        cur_name = cur.split(":", 1)[1] if cur.startswith("pretrained:") else "mnist-vae"
        pick = sb.selectbox(t("side.pick_pretrained"), names, index=names.index(cur_name) if cur_name in names else 0,
                            format_func=labeller("pretrained."), key="pick_pretrained")
        st.session_state["model_ref"] = f"pretrained:{pick}"
    elif src == "saved":
        saved = list(saved_models())
        if saved:
            pick = sb.selectbox(t("side.pick_saved"), saved, key="pick_saved")
            st.session_state["model_ref"] = f"saved:{pick}"
        else:
            sb.info(t("side.no_saved"))
    elif src == "session":
        if st.session_state.get("session_model"):
            st.session_state["model_ref"] = "session:"
        else:
            sb.info(t("side.no_session"))
    else:
        sb.file_uploader(t("side.upload"), type=["safetensors"], key="model_upload", on_change=_on_upload,
                         max_upload_size=MAX_UPLOAD_MB)
        if st.session_state.get("upload_error"):
            sb.error(t("side.upload_bad", reason=st.session_state["upload_error"]))
        elif st.session_state.get("upload_model"):
            st.session_state["model_ref"] = "upload:"
            sb.success(t("side.upload_ok", name=st.session_state["upload_model"]["name"]))
    active = active_model()
    sb.markdown(t("side.model_info", name=active.name, kind=t(f"kind.{active.model.config.kind}"),
                  params=fmt_int(active.model.num_params())))
    sb.subheader(t("side.data"))
    ds = dataset(active.dataset)
    if ds is not None:
        sb.caption(describe_data(ds))
        if ds.source == "embedded":
            sb.caption(t("side.data_embedded_hint"))
    return active


# ---------------------------------------------------------------------------------------------- views

CLASS_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


def require_2d(active: Active) -> bool:
    """True for a 2-D latent; otherwise shows why this view cannot draw the model and returns False."""
    d = active.model.config.latent_dim
    if d != 2:
        st.warning(t("error.model_not_2d", d=d))
        return False
    return True


def label_picker(active: Active, key: str) -> int | None:
    """For a conditional model, a class selector (returns the class index); otherwise None."""
    if not active.model.config.conditional:
        return None
    names = class_names(active.dataset)
    return st.selectbox(t("class.pick"), range(len(names)), format_func=lambda i: names[i], key=key)


def digit_image(img, scale: int = 10):
    """(28, 28) in [0, 1] -> a large, crisp PIL image (nearest-neighbour upscaling)."""
    return vae_core.to_pil(img, scale)


def _axis(title: str, lim: float) -> dict:
    return dict(title=title, range=[-lim, lim], zeroline=True, zerolinecolor="#bbb", gridcolor="#eee",
                constrain="domain")


@st.cache_resource(show_spinner=False, max_entries=64)
def _latent_figure(_mu, _labels, key: str, classes: tuple, lim: float, contours: bool, lang_: str, height: int,
                   max_points: int):
    import plotly.graph_objects as go
    mu, labels = _mu, _labels
    idx = np.arange(len(labels))
    if len(idx) > max_points:
        idx = np.sort(np.random.default_rng(0).permutation(len(idx))[:max_points])
    fig = go.Figure()
    if contours:
        th = np.linspace(0, 2 * np.pi, 121)
        for r in (1, 2, 3):
            fig.add_trace(go.Scatter(x=r * np.cos(th), y=r * np.sin(th), mode="lines", hoverinfo="skip",
                                     line=dict(color="#555", width=1, dash="dot"), showlegend=r == 1,
                                     name=translate(lang_, "map.prior_contours"), legendgroup="prior"))
    cls_word, idx_word = translate(lang_, "class.label"), translate(lang_, "map.index")
    for c, name in enumerate(classes):
        sel = idx[labels[idx] == c]
        fig.add_trace(go.Scattergl(
            x=mu[sel, 0], y=mu[sel, 1], mode="markers", name=name, customdata=sel,
            marker=dict(size=4, color=CLASS_COLORS[c % 10], opacity=0.7),
            hovertemplate=f"{cls_word}: {name}<br>{idx_word}: %{{customdata}}<br>"
                          "z₁ %{x:.2f}, z₂ %{y:.2f}<extra></extra>"))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), dragmode="lasso",
                      legend=dict(title=cls_word, itemsizing="constant"),
                      xaxis=_axis("z₁", lim), yaxis=dict(_axis("z₂", lim), scaleanchor="x", scaleratio=1))
    return fig


def latent_figure(active: Active, lim: float = 3.0, contours: bool = False, height: int = 560,
                  max_points: int = 10_000):
    """Plotly scatter of the active model's encoded test set (μ), one WebGL trace per class so the legend
    toggles classes; customdata holds the test index. Built once per model, language and settings."""
    mu, _, labels = test_encodings(active)
    return _latent_figure(mu, labels, active.key, tuple(class_names(active.dataset)), float(lim), bool(contours),
                          lang(), height, max_points)


@st.cache_resource(show_spinner=False, max_entries=64)
def _manifold_layout(_model, key: str, n: int, lim: float, spacing: str, label, height: int):
    """The manifold figure's layout (the grid picture as a PNG, the axes), built and checked by plotly once per
    model and settings -> (layout dict, xs, ys). Building it on every run took most of a z slider's rerun."""
    import plotly.graph_objects as go
    imgs, xs, ys = _manifold(_model, key, n, lim, spacing, label)
    pad = 2
    pic = vae_core.grid_image(imgs, pad=pad, scale=2, pad_value=0.15)
    step = 28 + pad
    if spacing == "linear":
        d = xs[1] - xs[0] if n > 1 else 1.0
        half = d * (14 + pad / 2) / step
        x0, x1, y0, y1 = xs[0] - half, xs[-1] + half, ys[-1] - half, ys[0] + half
        xaxis, yaxis = _axis("z₁", x1), _axis("z₂", y1)
    else:
        x0, x1, y0, y1 = -0.5, n - 0.5, -0.5, n - 0.5
        ticks = list(range(0, n, max(1, n // 7)))
        xaxis = dict(title="z₁", range=[x0, x1], tickvals=ticks, ticktext=[f"{xs[i]:.2f}" for i in ticks],
                     showgrid=False, zeroline=False, constrain="domain")
        yaxis = dict(title="z₂", range=[y0, y1], tickvals=ticks, ticktext=[f"{ys[::-1][i]:.2f}" for i in ticks],
                     showgrid=False, zeroline=False, constrain="domain")
    fig = go.Figure()
    fig.add_layout_image(dict(source=pic, xref="x", yref="y", x=x0, y=y1, sizex=x1 - x0, sizey=y1 - y0,
                              sizing="stretch", layer="below"))
    xaxis.update(showgrid=False, zeroline=False)
    yaxis.update(showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), xaxis=xaxis, yaxis=yaxis,
                      plot_bgcolor="white")
    return fig.to_dict()["layout"], xs, ys


def manifold_figure(active: Active, n: int, lim: float, spacing: str, z=None, label=None, height: int = 560):
    """The decoded manifold grid as a picture on latent axes, with the point z marked.
    Even spacing: the axes are z itself (the same scale as the Latent map). Gaussian spacing (inverse CDF):
    tiles are drawn evenly, so the axes are tile positions labelled with their z values.
    The layout comes checked from the cache; only the point is new on each run (so plotly's checks are off)."""
    import plotly.graph_objects as go
    layout, xs, ys = _manifold_layout(active.model, active.key, n, lim, spacing, label, height)
    data = []
    if z is not None:
        if spacing == "linear":
            px, py = float(z[0]), float(z[1])
        else:
            px = float(np.interp(z[0], xs, np.arange(n)))
            py = float(np.interp(z[1], ys[::-1], np.arange(n)))
        data.append(dict(type="scatter", x=[px], y=[py], mode="markers", hoverinfo="skip", showlegend=False,
                         marker=dict(size=18, color="rgba(0,0,0,0)", line=dict(color="#ff2b2b", width=3))))
    return go.Figure(data=data, layout=layout, _validate=False)   # plotly copies it: the cached dict stays as is


@st.cache_resource(show_spinner=False, max_entries=64)
def _manifold_picture(_model, key: str, n: int, lim: float, spacing: str, label,
                      decimal: str = ".") -> vae_core.ManifoldPicture:
    imgs, xs, ys = _manifold(_model, key, n, lim, spacing, label)
    return vae_core.ManifoldPicture(imgs, xs, ys, spacing, scale=max(1, 900 // (30 * n)), decimal=decimal)


def manifold_png(active: Active, n: int, lim: float, spacing: str, z=None, label=None) -> bytes:
    """The manifold grid as a PNG drawn on the server, axes included, with the point z ringed: no chart library
    in the browser, so Explore shows at once on a fresh page. The picture is cached per model and settings;
    a run only rings the point and encodes (~7 ms). Show it with st.image(..., output_format="PNG")."""
    decimal = "," if lang() == "tr" else "."
    picture = _manifold_picture(active.model, active.key, n, lim, spacing, label, decimal)
    return vae_core.png_bytes(picture.with_point(z), compress_level=3)   # 3: faster and no bigger than 6 here


def image_rows(rows: list[tuple[str, list]], captions: list[str] | None = None, scale: int = 3) -> None:
    """Rows of small digit images, each row a label and a list of (28, 28) arrays (or RGB (28, 28, 3));
    `captions` go under the last row's images."""
    n = max(len(imgs) for _, imgs in rows)
    for r, (label, imgs) in enumerate(rows):
        st.markdown(f"**{label}**")
        cols = st.columns(n)
        for i, img in enumerate(imgs):
            a = np.asarray(img)
            pic = vae_core.to_pil(a, scale) if a.ndim == 2 else vae_core.render.rgb_pil(a, scale)
            cap = captions[i] if (captions and r == len(rows) - 1) else None
            cols[i].image(pic, caption=cap, width="stretch")
