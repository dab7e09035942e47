"""Shared pieces of the comparison lessons (AE vs VAE, β and collapse, conditional VAE):

- cached per-model numbers (test-set summary, the prior-sample score of a pixel kNN classifier), keyed on the
  model's cache key like ui/common.py does;
- the server's store of β models (trained on demand through the training queue, then shared read-only);
- a dataset picker, training-job progress, rows of digits, the β line chart.

Nothing here trains, moves or changes a shared model: trainings run in the queue on the job's own copy.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import streamlit as st

import vae_core
from ui.common import Active, dataset, lang, load_data, t, test_encodings

CONFIDENT = 0.8      # share of the kNN votes a decoding needs to be "named with confidence"


# ---------------------------------------------------------------------------------------------- words

def num(v: float, digits: int = 1) -> str:
    """12.5 in English, 12,5 in Turkish."""
    s = f"{float(v):.{digits}f}"
    return s.replace(".", ",") if lang() == "tr" else s


def pct(fraction: float) -> str:
    """83% in English, %83 in Turkish."""
    return t("cmp.pct", p=f"{100 * float(fraction):.0f}")


def beta_label(beta: float) -> str:
    return num(beta, 1) if beta < 1 else f"{beta:g}"


# ---------------------------------------------------------------------------------------------- cached numbers

@st.cache_resource(show_spinner=False, max_entries=4)
def pixel_knn(dataset_name: str) -> vae_core.PixelKNN:
    """The pixel-space kNN classifier of the dataset's test set (one per server and dataset)."""
    x, y = load_data(dataset_name).tensors("test")
    return vae_core.PixelKNN(x, y, k=10)


@st.cache_resource(show_spinner=False, max_entries=64)
def _prior_score(_model, key: str, dataset_name: str, n: int, seed: int) -> vae_core.PriorScore:
    return vae_core.prior_sample_score(_model, pixel_knn(dataset_name), n=n, seed=seed, threshold=CONFIDENT)


def prior_score(active: Active, n: int = 1000, seed: int = 0) -> vae_core.PriorScore:
    """Share of n N(0, I) decodings the kNN classifier names with confidence, once per model."""
    return _prior_score(active.model, active.key, active.dataset, n, seed)


@st.cache_resource(show_spinner=False, max_entries=64)
def _summary(_model, key: str, dataset_name: str) -> vae_core.LatentSummary:
    x, y = load_data(dataset_name).tensors("test")
    return vae_core.latent_summary(_model, x, y)


def summary(active: Active) -> vae_core.LatentSummary:
    """Test reconstruction loss, KL and KL per latent dimension of a model, once per model."""
    return _summary(active.model, active.key, active.dataset)


def knn_captions(images, dataset_name: str, names: list[str]) -> list[str]:
    """What the pixel kNN classifier calls each image: its class name, or "?" when under CONFIDENT."""
    labels, conf = pixel_knn(dataset_name).predict(images)
    return [names[int(c)] if p >= CONFIDENT else "?" for c, p in zip(labels, conf)]


def axis_limit(actives: list[Active], floor: float = 3.0) -> float:
    """One axis half-range for several models: holds 99.5% of each model's test codes (at least `floor`)."""
    lim = floor
    for a in actives:
        lim = max(lim, float(np.percentile(np.abs(test_encodings(a)[0]), 99.5)))
    return round(lim + 0.25, 1)


# ---------------------------------------------------------------------------------------------- widgets

def dataset_picker(key: str, default: str):
    """A dataset selector (MNIST / Fashion-MNIST) -> (name, Dataset or None after showing why it is missing)."""
    names = list(vae_core.DATASETS)
    # proper names, the same in both languages (a keyed selectbox keeps showing the old words of its chosen
    # option after a language switch)
    name = st.selectbox(t("cmp.data"), names, index=names.index(default) if default in names else 0,
                        format_func=lambda n: vae_core.DATASETS[n]["title"], key=key)
    return name, dataset(name)


def digit_row(images, captions: list[str] | None = None, per_row: int | None = None, scale: int = 3) -> None:
    """Images (N, 28, 28) in [0, 1] side by side (wrapping after `per_row`), each with its caption."""
    images = list(images)
    per_row = per_row or len(images)
    for start in range(0, len(images), per_row):
        cols = st.columns(per_row, gap="small")
        for i, img in enumerate(images[start:start + per_row]):
            cap = captions[start + i] if captions else None
            cols[i].image(vae_core.to_pil(img, scale), caption=cap, width="stretch")


def labelled_strip(label: str, images, scale: int = 2) -> None:
    """One row: a bold label on the left, the images as one strip picture on the right."""
    left, right = st.columns([1, 7], vertical_alignment="center")
    left.markdown(f"**{label}**")
    right.image(vae_core.grid_image(np.asarray(images), pad=2, scale=scale, pad_value=0.35))


def job_progress(snap: vae_core.JobState, label: str) -> None:
    """A progress bar (queued, running) or a message (finished) for one training job."""
    if snap.status == "queued":
        st.progress(0.0, text=t("cmp.job.queued", label=label, pos=snap.position))
    elif snap.status == "running":
        p = snap.progress
        if p is None:
            st.progress(0.0, text=t("cmp.job.starting", label=label))
        else:
            st.progress(min(1.0, max(0.0, p.fraction)),
                        text=t("cmp.job.running", label=label, epoch=p.epoch, epochs=p.epochs, loss=num(p.loss)))
    elif snap.status == "done":
        st.progress(1.0, text=t("cmp.job.done", label=label))
    elif snap.status == "stopped":
        st.warning(t("cmp.job.stopped_" + ("abandoned" if snap.stopped_reason == "abandoned" else "user"),
                     label=label))
    else:
        st.error(t("cmp.job.failed", label=label, reason=snap.error or "?"))


# ---------------------------------------------------------------------------------------------- β models

@dataclass(frozen=True)
class BetaModel:
    beta: float
    active: Active             # key "beta:<dataset>:<β>:<job id>"; the model is read-only from here on
    history: list


class BetaStore:
    """The server's β models: (dataset, β) -> a finished model, or the queue job training it.
    Shared by every session (st.cache_resource); finished models are never trained again."""

    def __init__(self):
        self._lock = threading.Lock()
        self._models: dict[tuple[str, float], BetaModel] = {}
        self._jobs: dict[tuple[str, float], vae_core.TrainingJob] = {}

    def state(self, name: str, betas) -> dict:
        """β -> BetaModel (ready), JobState (queued, running or ended without a model) or None (never asked).
        Moves finished jobs' models into the store."""
        out = {}
        with self._lock:
            for b in betas:
                k = (name, float(b))
                job = self._jobs.get(k)
                if k not in self._models and job is not None and job.status == "done":
                    model, hist = job.result()
                    if model is not None:
                        self._models[k] = BetaModel(float(b), Active(model, f"beta:{name}:{b:g}:{job.id}",
                                                                     f"β = {b:g}", name), hist)
                        del self._jobs[k]
                if k in self._models:
                    out[b] = self._models[k]
                elif k in self._jobs:
                    out[b] = self._jobs[k].snapshot()
                else:
                    out[b] = None
        return out

    def add(self, name: str, beta: float, model: vae_core.VAE, history: list | None = None, key: str = "") -> None:
        """Keep a model trained elsewhere (e.g. by a script or a test) as the β model of dataset `name`."""
        model.eval().requires_grad_(False)
        with self._lock:
            self._models[(name, float(beta))] = BetaModel(
                float(beta), Active(model, f"beta:{name}:{beta:g}:{key or id(model)}", f"β = {beta:g}", name),
                list(history or []))

    def train_missing(self, queue: vae_core.TrainingQueue, name: str, data: vae_core.Dataset, betas) -> int:
        """Queue a training for every β with neither a model nor a live job; returns how many were queued.
        Raises ValueError (one sentence) when the queue is full."""
        n = 0
        with self._lock:
            for b in betas:
                k = (name, float(b))
                job = self._jobs.get(k)
                if k in self._models or (job is not None and not job.finished):
                    continue
                mconf, tconf = vae_core.quick_configs("vae", float(b))
                self._jobs[k] = queue.submit(mconf, tconf, data, latent_points=500)
                n += 1
        return n


@st.cache_resource(show_spinner=False)
def beta_store() -> BetaStore:
    return BetaStore()


# ---------------------------------------------------------------------------------------------- figures

def beta_figure(rows: list[tuple[float, vae_core.LatentSummary]], height: int = 360):
    """Test reconstruction loss (left) and KL, in total and per latent dimension (right), against β (log axis)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots
    betas = [b for b, _ in rows]
    fig = make_subplots(rows=1, cols=2, subplot_titles=[t("beta.chart.recon"), t("beta.chart.kl")],
                        horizontal_spacing=0.1)
    fig.add_trace(go.Scatter(x=betas, y=[s.recon for _, s in rows], mode="lines+markers", name=t("beta.recon"),
                             line=dict(color="#1f77b4", width=3)), row=1, col=1)
    fig.add_trace(go.Scatter(x=betas, y=[s.kl for _, s in rows], mode="lines+markers", name=t("beta.kl"),
                             line=dict(color="#d62728", width=3)), row=1, col=2)
    for d, dash in ((0, "dot"), (1, "dash")):
        fig.add_trace(go.Scatter(x=betas, y=[float(s.kl_per_dim[d]) for _, s in rows], mode="lines+markers",
                                 name=t("beta.kl_dim", d=d + 1), line=dict(color="#ff7f0e", dash=dash)),
                      row=1, col=2)
    for c in (1, 2):
        fig.update_xaxes(type="log", title_text="β", tickvals=betas, ticktext=[beta_label(b) for b in betas],
                         row=1, col=c)
    fig.update_yaxes(title_text=t("beta.nats"), row=1, col=1)
    fig.update_yaxes(title_text=t("beta.nats"), rangemode="tozero", row=1, col=2)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=-0.25),
                      separators=",." if lang() == "tr" else ".,")
    return fig


@st.cache_resource(show_spinner=False, max_entries=64)
def _scatter(_mu, _labels, key: str, classes: tuple, lim: float, height: int, legend: bool, max_points: int):
    import plotly.graph_objects as go
    from ui.common import CLASS_COLORS
    idx = np.arange(len(_labels))
    if len(idx) > max_points:
        idx = np.sort(np.random.default_rng(0).permutation(len(idx))[:max_points])
    fig = go.Figure()
    for c, name in enumerate(classes):
        sel = idx[_labels[idx] == c]
        fig.add_trace(go.Scattergl(x=_mu[sel, 0], y=_mu[sel, 1], mode="markers", name=name, hoverinfo="skip",
                                   marker=dict(size=3, color=CLASS_COLORS[c % 10], opacity=0.7)))
    axis = dict(range=[-lim, lim], zeroline=True, zerolinecolor="#bbb", gridcolor="#eee", constrain="domain")
    fig.update_layout(height=height, margin=dict(l=5, r=5, t=5, b=5), showlegend=legend, plot_bgcolor="white",
                      legend=dict(orientation="h", itemsizing="constant", y=-0.15),
                      xaxis=dict(axis, title="z₁"),
                      yaxis=dict(axis, title="z₂", scaleanchor="x", scaleratio=1, constraintoward="top"))
    return fig


def small_scatter(active: Active, classes: list[str], lim: float, height: int = 300, legend: bool = False,
                  max_points: int = 1500):
    """A compact latent map (μ of a fixed subset of the test set, coloured by class), no hover; cached per model."""
    mu, _, labels = test_encodings(active)
    return _scatter(mu, labels, active.key, tuple(classes), float(lim), height, legend, max_points)
