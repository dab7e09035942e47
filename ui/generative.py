"""The AE vs VAE page's measures of random draws (vae_core.generative), computed once per model and server, and
the bar chart of the classes the draws turn into."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui.data import pixel_knn, test_encodings
from ui.i18n import class_names, plotly_separators, t
from ui.models import Active
from vae_core import generative

N_DRAWS = 1000
COLOURS = {"ae": "#e07b39", "vae": "#3a6ea5"}


@st.cache_resource(show_spinner=False, max_entries=32)
def _spread(_model, key: str, dataset_name: str, n: int, seed: int) -> generative.ClassSpread:
    imgs = generative.decode_codes(_model, generative.prior_codes(n, _model.config.latent_dim, seed))
    return generative.class_spread(pixel_knn(dataset_name).predict(imgs)[0], _model.config.num_classes)


def spread(active: Active, n: int = N_DRAWS, seed: int = 0) -> generative.ClassSpread:
    """Classes the pixel kNN gives to n decoded N(0, I) draws of the model, once per model."""
    return _spread(active.model, active.key, active.dataset, n, seed)


@st.cache_resource(show_spinner=False, max_entries=32)
def _evenness(_model, key: str, codes: np.ndarray) -> float:
    return generative.path_evenness(_model, codes, pairs=50, steps=16)


def evenness(active: Active) -> float:
    """Mean (largest step) / (mean step) of the pixel change along straight paths between random test codes."""
    return _evenness(active.model, active.key, test_encodings(active)[0])


def spread_figure(spreads: dict, dataset_name: str, height: int = 340) -> dict:
    """Grouped bars: for each class, how many of the draws each model's decoder turned into it."""
    names = class_names(dataset_name)
    return dict(
        data=[dict(type="bar", name=t(f"cmp.kind.{k}"), x=names, y=s.counts.tolist(),
                   marker=dict(color=COLOURS[k]), hovertemplate="%{x}: %{y}<extra>" + t(f"cmp.kind.{k}") + "</extra>")
              for k, s in spreads.items()],
        layout=dict(barmode="group", height=height, margin=dict(l=10, r=10, t=10, b=10), font=dict(size=16),
                    plot_bgcolor="white", separators=plotly_separators(),
                    legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
                    xaxis=dict(title=t(f"cmp.spread.x.{dataset_name}"), type="category"),
                    yaxis=dict(title=t("cmp.spread.y", n=sum(int(v) for v in next(iter(spreads.values())).counts)),
                               gridcolor="#eee")))
