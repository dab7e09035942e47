"""The datasets and what is computed from them once per model: test-set codes and losses, decoded grids, the
pixel kNN classifier and its prior-sample score, latent summaries. Each is cached with st.cache_resource on the
model's cache key (Active.key); the model argument is read, never changed."""
from __future__ import annotations

import numpy as np
import streamlit as st

import vae_core
from ui.cache import per_model
from ui.i18n import count, t
from ui.lesson import reason
from ui.models import Active

CONFIDENT = 0.8      # share of the kNN votes a decoding needs to be "named with confidence"


# ---------------------------------------------------------------------------------------------- datasets

@st.cache_resource(show_spinner=False)
def load_data(name: str) -> vae_core.Dataset:
    return vae_core.load_dataset(name)


def dataset(name: str) -> vae_core.Dataset | None:
    """The dataset, or None after showing why it is not available."""
    try:
        return load_data(name)
    except vae_core.DataError as e:
        st.error(t("data.unavailable", title=vae_core.DATASETS[name]["title"], reason=reason(e)))
        return None


def describe_data(ds: vae_core.Dataset) -> str:
    n = len(ds.train_images) + len(ds.test_images)
    return t(f"source.{ds.source}", title=ds.title, n=count(n), where=ds.location,
             n_train=count(len(ds.train_images)), n_test=count(len(ds.test_images)))


def test_digit(active: Active, i: int):
    """-> (image (28, 28) float32 numpy in [0, 1], class int) of test digit i of the active dataset."""
    ds = dataset(active.dataset)
    return ds.test_images[i].astype(np.float32) / 255.0, int(ds.test_labels[i])


# ---------------------------------------------------------------------------------------------- per model

@per_model(max_entries=32)
def _test_encodings(_model, key: str, dataset_name: str):
    ds = load_data(dataset_name)
    x, y = ds.tensors("test")
    mu, sigma = vae_core.encode_dataset(_model, x, y)
    return mu.numpy(), (None if sigma is None else sigma.numpy()), y.numpy()


def test_encodings(active: Active):
    """(mu (N, D), sigma (N, D) or None, labels (N,)) of the active model's test set, computed once per model."""
    return _test_encodings(active.model, active.key, active.dataset)


@per_model(max_entries=32)
def _test_losses(_model, key: str, dataset_name: str):
    ds = load_data(dataset_name)
    x, y = ds.tensors("test")
    return {k: v.numpy() for k, v in vae_core.per_image_losses(_model, x, y).items()}


def test_losses(active: Active) -> dict[str, np.ndarray]:
    """Per-image test losses (nats) of the active model, computed once per model."""
    return _test_losses(active.model, active.key, active.dataset)


@per_model(max_entries=64)
def _manifold(_model, key: str, n: int, lim: float, spacing: str, label):
    return vae_core.decode_grid(_model, n, lim, spacing, y=label)


def manifold(active: Active, n: int, lim: float, spacing: str, label=None):
    """Decoded n x n grid over [-lim, lim]^2 (images (n, n, 28, 28), xs, ys), cached per model and settings."""
    return _manifold(active.model, active.key, n, lim, spacing, label)


@per_model(max_entries=64)
def _summary(_model, key: str, dataset_name: str) -> vae_core.LatentSummary:
    x, y = load_data(dataset_name).tensors("test")
    return vae_core.latent_summary(_model, x, y)


def summary(active: Active) -> vae_core.LatentSummary:
    """Test reconstruction loss, KL and KL per latent dimension of a model, once per model."""
    return _summary(active.model, active.key, active.dataset)


def axis_limit(actives: list[Active], points=(), floor: float = 3.0) -> float:
    """One axis half-range for several models' latent maps: holds 99.5% of each model's test codes and the
    given points (with a 10% margin), at least `floor`."""
    lim = floor
    for a in actives:
        lim = max(lim, float(np.percentile(np.abs(test_encodings(a)[0]), 99.5)))
    for p in points:
        lim = max(lim, float(np.max(np.abs(np.asarray(p)))) * 1.1)
    return round(lim + 0.25, 1)


def map_limit(active: Active, points=()) -> float:
    """Axis half-range of one model's latent map that holds 99.5% of its test codes and the points (at least 3)."""
    return axis_limit([active], points)


# ---------------------------------------------------------------------------------------------- pixel kNN

@st.cache_resource(show_spinner=False, max_entries=4)
def pixel_knn(dataset_name: str) -> vae_core.PixelKNN:
    """The pixel-space kNN classifier of the dataset's test set (one per server and dataset)."""
    x, y = load_data(dataset_name).tensors("test")
    return vae_core.PixelKNN(x, y, k=10)


def knn_captions(images, dataset_name: str, names: list[str]) -> list[str]:
    """What the pixel kNN classifier calls each image: its class name, or "?" when under CONFIDENT."""
    labels, conf = pixel_knn(dataset_name).predict(images)
    return [names[int(c)] if p >= CONFIDENT else "?" for c, p in zip(labels, conf)]
