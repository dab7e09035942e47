"""The AE vs VAE page's measures of random draws (vae_core.generative), computed once per model and server, and
the bar chart of the classes the draws turn into (a server-drawn picture)."""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui.cache import per_model
from ui.data import pixel_knn, test_encodings
import vae_core
from ui.i18n import class_names, decimal_mark, t
from ui.models import Active
from ui.plane import grouped_bars
from vae_core import generative

N_DRAWS = 1000
COLOURS = {"ae": "#e07b39", "vae": "#3a6ea5"}


@per_model(max_entries=32)
def _spread(_model, key: str, dataset_name: str, n: int, seed: int) -> generative.ClassSpread:
    imgs = generative.decode_codes(_model, generative.prior_codes(n, _model.config.latent_dim, seed))
    return generative.class_spread(pixel_knn(dataset_name).predict(imgs)[0], _model.config.num_classes)


def spread(active: Active, n: int = N_DRAWS, seed: int = 0) -> generative.ClassSpread:
    """Classes the pixel kNN gives to n decoded N(0, I) draws of the model, once per model."""
    return _spread(active.model, active.key, active.dataset, n, seed)


@per_model(max_entries=32)
def _evenness(_model, key: str, codes: np.ndarray) -> float:
    return generative.path_evenness(_model, codes, pairs=50, steps=16)


def evenness(active: Active) -> float:
    """Mean (largest step) / (mean step) of the pixel change along straight paths between random test codes."""
    return _evenness(active.model, active.key, test_encodings(active)[0])


def spread_picture(spreads: dict, dataset_name: str, width: int = 760, height: int = 340) -> bytes:
    """Grouped bars as a server-drawn PNG: for each class, how many of the draws each model's decoder turned
    into it (the number above each bar). The page writes the legend and the axis titles; no chart library goes
    to the browser (plotly.js would be 4.7 MB to parse on a slow laptop for this one chart)."""
    names = class_names(dataset_name)
    groups = [(s.counts, COLOURS[k]) for k, s in spreads.items()]
    return vae_core.png_bytes(grouped_bars(groups, names, width=width, height=height, decimal=decimal_mark()), 3)
