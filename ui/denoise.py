"""The Denoise lesson's numbers: over the whole test set, the share of digits whose reconstruction keeps its class
(vae_core.noise.class_kept: nearest class mean of the training images), clean or damaged, once per model and
damage setting on this server."""
from __future__ import annotations

import numpy as np
import streamlit as st

import vae_core
from ui.cache import per_model
from ui.data import load_data
from ui.models import Active
from vae_core.noise import class_kept

DENOISER = "mnist-dvae"
SEED = 0           # the whole-test-set figure uses one fixed draw of the noise


@st.cache_resource(show_spinner=False, max_entries=4)
def class_means_of(dataset_name: str) -> np.ndarray:
    """Mean training image of each class (C, 28, 28)."""
    return vae_core.class_means(*load_data(dataset_name).tensors("train"))


@per_model(max_entries=128)
def _kept_share(_model, key: str, dataset_name: str, kind: str | None, strength: float) -> float:
    x, y = load_data(dataset_name).tensors("test")
    clean = x[:, 0].numpy()
    inputs = clean if kind is None else vae_core.corrupt(clean, kind, strength, seed=SEED)
    return float(class_kept(_model, inputs, y.numpy(), class_means_of(dataset_name)).mean())


def kept_share(active: Active, kind: str | None = None, strength: float = 0.0) -> float:
    """Share of the whole test set whose reconstruction keeps its class, on clean digits (kind None) or damaged
    ones."""
    return _kept_share(active.model, active.key, active.dataset, kind, round(float(strength), 2))


def kept(active: Active, inputs, labels) -> np.ndarray:
    """For a few images (N, 28, 28): does each reconstruction keep its class? (N,) bool."""
    return class_kept(active.model, inputs, labels, class_means_of(active.dataset))
