"""Shared pieces of the lesson pages (Posterior, Interpolate, Draw, Denoise & anomalies):

- the test-digit picker: by class and index, at random, or from the Latent map's selection
  (st.session_state["map_selection"], a list of test-set indices stored by the Latent map page);
- a class selector for conditional models;
- the faint latent map (encoded test set) that the lesson pages draw their points, paths and ellipses on,
  as a plain plotly dict (cached per model and language; adding a trace does not copy 10,000 points);
- show(): a digit picture at its own size, so nearest-neighbour upscaling stays crisp.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from ui.common import CLASS_COLORS, Active, class_names, dataset, labeller, lang, relabel, t, test_encodings  # noqa: F401 (relabel re-exported)
from ui.i18n import translate

MODES = ("class", "random", "map")


def map_selection(n: int) -> list[int]:
    """The Latent map's selected test indices that exist in a test set of n images (order kept, no repeats)."""
    out: list[int] = []
    for i in st.session_state.get("map_selection") or []:
        if isinstance(i, (int, np.integer)) and 0 <= int(i) < n and int(i) not in out:
            out.append(int(i))
    return out


def _new_random(key: str, n: int, count: int) -> None:
    rng = np.random.default_rng()
    st.session_state[f"{key}_rand"] = [int(i) for i in rng.choice(n, size=min(count, n), replace=False)]


def _random(key: str, n: int, count: int) -> list[int]:
    cur = st.session_state.get(f"{key}_rand")
    if not cur or len(cur) < count or any(not 0 <= i < n for i in cur):
        _new_random(key, n, count)
    return st.session_state[f"{key}_rand"][:count]


def pick_digits(active: Active, key: str, count: int = 1, *, default_class: int = 0,
                map_position: int = 0) -> list[int] | None:
    """Widgets to choose `count` test digits; returns their test-set indices, or None (after saying why)
    when there is nothing to show. `map_position` picks which selected digit a one-digit picker starts on."""
    ds = dataset(active.dataset)
    if ds is None:
        return None
    labels = ds.test_labels
    n = len(labels)
    names = class_names(active.dataset)
    relabel(f"{key}_mode", f"{key}_class", f"{key}_map")
    mode = st.radio(t("pick.mode"), MODES, horizontal=True, format_func=labeller("pick.mode."),
                    key=f"{key}_mode", persist_state="session")
    if mode == "class":
        c1, c2 = st.columns(2)
        c = c1.selectbox(t("pick.class"), range(len(names)), index=default_class % len(names),
                         format_func=names.__getitem__, key=f"{key}_class", persist_state="session")
        members = np.flatnonzero(labels == c)
        if members.size == 0:
            st.info(t("pick.class_empty", cls=names[c]))
            return None
        last = max(0, members.size - count)
        k = f"{key}_idx"
        if isinstance(st.session_state.get(k), int) and not 0 <= st.session_state[k] <= last:
            st.session_state[k] = int(np.clip(st.session_state[k], 0, last))   # the class has fewer digits
        i = c2.number_input(t("pick.index", n=members.size), 0, last, 0, key=k,
                            help=t("pick.index_help"), persist_state="session")
        i = int(min(max(int(i), 0), last))
        return [int(j) for j in members[i:i + count]]
    if mode == "random":
        st.button(t("pick.again") if count == 1 else t("pick.again_many"), key=f"{key}_again",
                  on_click=_new_random, args=(key, n, count), icon=":material/shuffle:")
        return _random(key, n, count)
    sel = map_selection(n)
    if not sel:
        st.info(t("pick.map_empty"))
        st.page_link("pages/latent_map.py", label=t("pick.map_link"), icon=":material/map:")
        return None
    if count > 1:
        st.caption(t("pick.map_using", n=min(count, len(sel)), total=len(sel)))
        return sel[:count]
    pos = map_position if map_position >= 0 else len(sel) + map_position
    idx = st.selectbox(t("pick.from_map", n=len(sel)), sel, index=int(np.clip(pos, 0, len(sel) - 1)),
                       format_func=lambda i, lang_now=lang(): translate(lang_now, "pick.digit", idx=i,
                                                                         cls=names[int(labels[i])]),
                       key=f"{key}_map")
    return [int(idx)]


def pick_digit(active: Active, key: str, **kw) -> int | None:
    """One test digit (see pick_digits); returns its test-set index or None."""
    got = pick_digits(active, key, 1, **kw)
    return got[0] if got else None


def test_digit(active: Active, i: int):
    """-> (image (28, 28) float32 numpy in [0, 1], class int) of test digit i of the active dataset."""
    ds = dataset(active.dataset)
    return ds.test_images[i].astype(np.float32) / 255.0, int(ds.test_labels[i])


def condition_picker(active: Active, key: str, default: int, label_key: str = "pick.condition") -> int | None:
    """For a conditional model, a class selector starting on `default`; None for other models."""
    if not active.model.config.conditional:
        return None
    names = class_names(active.dataset)
    relabel(key)
    return st.selectbox(t(label_key), range(len(names)), index=int(default) % len(names),
                        format_func=names.__getitem__, key=key)


def num(v: float, digits: int = 1) -> str:
    """A number as the reader writes it: 12.5 in English, 12,5 in Turkish (thousands not grouped)."""
    s = f"{float(v):.{digits}f}"
    return s.replace(".", ",") if lang() == "tr" else s


def show(img, caption: str | None = None, target=st) -> None:
    """A PIL picture at its own pixel size (Streamlit would otherwise resample it smoothly)."""
    target.image(img, caption=caption, width=img.width)


# ---------------------------------------------------------------------------------------------- faint map

@st.cache_resource(show_spinner=False, max_entries=32)
def _background(_mu, _labels, key: str, classes: tuple, max_points: int) -> list[dict]:
    idx = np.arange(len(_labels))
    if len(idx) > max_points:
        idx = np.sort(np.random.default_rng(0).permutation(len(idx))[:max_points])
    traces = []
    for c, name in enumerate(classes):
        sel = idx[_labels[idx] == c]
        traces.append(dict(type="scattergl", x=np.round(_mu[sel, 0], 3).tolist(),
                           y=np.round(_mu[sel, 1], 3).tolist(), mode="markers", name=name, hoverinfo="skip",
                           marker=dict(size=4, color=CLASS_COLORS[c % 10], opacity=0.25)))
    return traces


def latent_background(active: Active, max_points: int = 5000) -> list[dict]:
    """The encoded test set (means) as faint plotly traces, one per class (copy the list before adding)."""
    mu, _, labels = test_encodings(active)
    return list(_background(mu, labels, active.key, tuple(class_names(active.dataset)), max_points))


def latent_layout(lim: float = 4.0, height: int = 560, legend: bool = True, box=None) -> dict:
    """Plotly layout for a latent map: equal axes over [-lim, lim]^2, or over box = (z1_min, z1_max, z2_min,
    z2_max); large fonts for a projector; the legend below the plot."""
    x0, x1, y0, y1 = box if box is not None else (-lim, lim, -lim, lim)
    axis = dict(zeroline=True, zerolinecolor="#bbb", gridcolor="#eee", constrain="domain")
    return dict(height=height, margin=dict(l=10, r=10, t=10, b=10), showlegend=legend,
                legend=dict(itemsizing="constant", font=dict(size=14), orientation="h", yanchor="top", y=-0.12),
                plot_bgcolor="white", font=dict(size=16),
                xaxis=dict(axis, title="z₁", range=[float(x0), float(x1)]),
                yaxis=dict(axis, title="z₂", range=[float(y0), float(y1)], scaleanchor="x", scaleratio=1))


def map_limit(active: Active, points=()) -> float:
    """Axis half-range that holds 99.5% of the test codes and the given points (at least 3)."""
    mu = test_encodings(active)[0]
    lim = max(3.0, float(np.percentile(np.abs(mu), 99.5)))
    for p in points:
        lim = max(lim, float(np.max(np.abs(np.asarray(p)))) * 1.1)
    return round(lim + 0.25, 1)
