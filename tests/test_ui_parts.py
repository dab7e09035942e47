"""The pure parts of ui/ (no Streamlit run needed): the subsampling and the class traces every latent scatter
is built from (ui/charts.py), markdown tables (ui/widgets.py), the settings for training a model further
(ui/training.py)."""
from __future__ import annotations

import numpy as np
import pytest

import vae_core
from ui.charts import CLASS_COLORS, class_traces, subsample
from ui.training import continue_config
from ui.widgets import markdown_table


def test_subsample_keeps_all_when_it_fits():
    assert np.array_equal(subsample(5, 10), np.arange(5))
    assert np.array_equal(subsample(5, None), np.arange(5))


def test_subsample_is_sorted_distinct_and_repeatable():
    a = subsample(1000, 100)
    assert len(a) == 100 and len(set(a.tolist())) == 100
    assert np.all(np.diff(a) > 0) and a.min() >= 0 and a.max() < 1000
    assert np.array_equal(a, subsample(1000, 100))
    assert not np.array_equal(a, subsample(1000, 100, seed=1))


def test_class_traces_split_points_by_class():
    rng = np.random.default_rng(0)
    mu = rng.standard_normal((50, 2))
    labels = rng.integers(0, 3, 50)
    traces = class_traces(mu, labels, ["a", "b", "c"], index=True, hover=lambda n: f"{n}!")
    assert [tr["name"] for tr in traces] == ["a", "b", "c"]
    assert sum(len(tr["x"]) for tr in traces) == 50
    for c, tr in enumerate(traces):
        assert np.array_equal(tr["x"], mu[labels == c, 0]) and np.array_equal(tr["y"], mu[labels == c, 1])
        assert np.array_equal(tr["customdata"], np.flatnonzero(labels == c))     # test-set indices
        assert tr["marker"]["color"] == CLASS_COLORS[c] and tr["hovertemplate"] == f"{tr['name']}!"


def test_class_traces_subsample_and_round():
    mu = np.linspace(0, 1, 200).reshape(100, 2)
    labels = np.zeros(100, dtype=int)
    (tr,) = class_traces(mu, labels, ["only"], max_points=10, decimals=3)
    keep = subsample(100, 10)
    assert tr["x"] == np.round(mu[keep, 0], 3).tolist() and tr["hoverinfo"] == "skip"
    assert "customdata" not in tr


def test_markdown_table():
    table = markdown_table(["a|b", "n"], [["x", "1.5"], ["y", "2"]])
    assert table.splitlines() == ["| a\\|b | n |", "|---:|---:|", "| x | 1.5 |", "| y | 2 |"]
    assert markdown_table(["", "v"], [], ["---", "---:"]).splitlines()[1] == "|---|---:|"


@pytest.mark.parametrize("kind, beta", [("vae", 2.0), ("ae", 0.0)])
def test_continue_config(kind, beta):
    tconf = vae_core.TrainConfig(epochs=10, batch_size=64, lr=2e-3, beta=2.0 if kind == "vae" else 0.0, seed=7,
                                 schedule="constant")
    cont = continue_config(tconf, 3, kind)
    assert (cont.epochs, cont.batch_size, cont.seed, cont.schedule) == (3, 64, 7, "cosine")
    assert cont.lr == pytest.approx(tconf.lr / 4) and cont.beta == beta
