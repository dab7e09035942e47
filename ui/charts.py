"""Plotly figures and server-drawn pictures of the latent space, and the training curves.

One trace builder (`class_traces`: encoded points coloured by class, one trace per class so the legend toggles
classes) serves every latent scatter; one `subsample` picks the points a figure keeps. Figures that depend only
on a model and settings are built once (st.cache_resource); a run adds only what is new (a point, a path)."""
from __future__ import annotations

import textwrap

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import vae_core
from ui.cache import per_model
from ui.data import _manifold, test_encodings
from ui.i18n import beta_label, class_names, count, decimal_mark, lang, plotly_separators, translate
from ui.models import Active
from ui.map_chart import figure_data
from ui.plane import Plane, histogram, line_chart, rgb

CLASS_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


# ---------------------------------------------------------------------------------------------- latent scatters

def subsample(n: int, max_points: int | None, seed: int = 0) -> np.ndarray:
    """Indices of at most `max_points` of n items, sorted; the same ones for the same seed (all when it fits)."""
    if max_points is None or n <= max_points:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).permutation(n)[:max_points])


def class_traces(mu: np.ndarray, labels: np.ndarray, classes, *, max_points: int | None = None, size: int = 4,
                 opacity: float = 0.7, hover=None, index: bool = False, decimals: int | None = None) -> list[dict]:
    """Points mu (N, 2) as WebGL scatter traces, one per class, coloured by class.
    `hover(name)` gives a hovertemplate (None: no hover); `index` puts the point's index in customdata;
    `decimals` rounds the coordinates into plain lists (a smaller figure for a faint background)."""
    idx = subsample(len(labels), max_points)
    traces = []
    for c, name in enumerate(classes):
        sel = idx[labels[idx] == c]
        x, y = mu[sel, 0], mu[sel, 1]
        if decimals is not None:
            x, y = np.round(x, decimals).tolist(), np.round(y, decimals).tolist()
        tr = dict(type="scattergl", x=x, y=y, mode="markers", name=name,
                  marker=dict(size=size, color=CLASS_COLORS[c % 10], opacity=opacity))
        if hover is None:
            tr["hoverinfo"] = "skip"
        else:
            tr["hovertemplate"] = hover(name)
        if index:
            tr["customdata"] = sel
        traces.append(tr)
    return traces


def streamlit_look(fig: go.Figure, size: int = 14) -> go.Figure:
    """The look of Streamlit's own charts for a figure ui.map_chart draws (st.plotly_chart would have themed it):
    no Plotly template, Streamlit's font and text colour, a transparent background."""
    font = '"Source Sans", sans-serif'
    return fig.update_layout(template="none", font=dict(family=font, color="#31333F", size=size),
                             paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
                             hoverlabel=dict(font=dict(family=font)))


def wrap(text: str, width: int) -> str:
    """Text broken into lines of about `width` characters for a Plotly title (`<br>` between them)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _axis(title: str, lo: float, hi: float) -> dict:
    return dict(title=title, range=[lo, hi], zeroline=True, zerolinecolor="#bbb", gridcolor="#eee",
                constrain="domain")


MAP_MARGIN = dict(l=65, r=10, t=18, b=114)     # px; see _latent_figure


@per_model(max_entries=64)
def _latent_figure(_mu, _labels, key: str, classes: tuple, lim: float, contours: bool, lang_: str, height: int,
                   max_points: int, dragmode):
    fig = go.Figure()
    if contours:
        th = np.linspace(0, 2 * np.pi, 121)
        for r in (1, 2, 3):
            fig.add_trace(go.Scatter(x=r * np.cos(th), y=r * np.sin(th), mode="lines", hoverinfo="skip",
                                     line=dict(color="#555", width=1, dash="dot"), showlegend=r == 1,
                                     name=translate(lang_, "map.prior_contours"), legendgroup="prior"))
    cls_word, idx_word = translate(lang_, "class.label"), translate(lang_, "map.index")
    hover = (lambda name: f"{cls_word}: {name}<br>{idx_word}: %{{customdata}}<br>"
                          "z₁ %{x:.2f}, z₂ %{y:.2f}<extra></extra>")
    fig.add_traces(class_traces(_mu, _labels, classes, max_points=max_points, hover=hover, index=True))
    # the legend below the plot, left-aligned under it: beside a square plot it floated far from it on a wide
    # screen. dragmode False: a finger swiping over the map scrolls the page; lasso or box only when chosen.
    # MAP_MARGIN: the margins Plotly's auto-margin settles on for this figure (tick labels, axis titles, the legend
    # in two rows below), given up front: with smaller ones Plotly draws the whole map, measures, and draws it
    # again (twice), which was ~13 % of its drawing time on a throttled laptop. Auto-margin still grows them when
    # a setting needs more (longer tick labels, a longer legend). ticklabeloverflow "allow": the default
    # ("hide past div") re-measures every tick label once per label; with auto-margin none can pass the div.
    # The same pixels either way (screenshots compared at 368 and 391 px wide).
    # clickmode: with a lasso or box chosen, a tap on one dot selects it too. uirevision: a redrawn
    # figure (another range, the prior's circles) keeps the classes hidden in the legend.
    streamlit_look(fig)
    fig.update_layout(height=height, margin=MAP_MARGIN, dragmode=dragmode,
                      clickmode="event+select" if dragmode else "event", uirevision="map",
                      legend=dict(title=cls_word, itemsizing="constant", orientation="h", yanchor="top", y=-0.08,
                                  x=0, font=dict(size=14)),
                      xaxis=dict(_axis(translate(lang_, "axis.z1"), -lim, lim), ticklabeloverflow="allow"),
                      yaxis=dict(_axis(translate(lang_, "axis.z2"), -lim, lim), scaleanchor="x", scaleratio=1,
                                 ticklabeloverflow="allow"))
    return figure_data(fig)


def latent_figure(active: Active, lim: float = 3.0, contours: bool = False, height: int = 580,
                  max_points: int = 10_000, dragmode=False):
    """Plotly scatter of the active model's encoded test set (μ), one WebGL trace per class so the legend
    toggles classes; customdata holds the test index. Built once per model, language and settings, and
    returned as ui.map_chart.figure_data gives it (content id, plain JSON) for ui.map_chart.map_chart.
    dragmode: False (a drag scrolls the page), "lasso" or "select" (a box)."""
    mu, _, labels = test_encodings(active)
    return _latent_figure(mu, labels, active.key, tuple(class_names(active.dataset)), float(lim), bool(contours),
                          lang(), height, max_points, dragmode)


def small_scatter(mu: np.ndarray, labels: np.ndarray, classes: list[str], t, lim: float = 4.0) -> tuple[str, dict]:
    """The Train page's latent scatter (μ of a test subset after the last epoch), coloured by class, as
    figure_data gives it for ui.map_chart.light_chart."""
    fig = go.Figure(class_traces(mu, labels, classes, size=3, opacity=0.8,
                                 hover=lambda name: f"{name}<extra></extra>"))
    # short axis names (the Latent map explains them): the chart shares a row with the curves, and at 150 % zoom
    # or on a phone the long ones covered each other; the title wraps for the same reason.
    title = wrap(t("train.latent_now"), 24)
    streamlit_look(fig, size=13)
    fig.update_layout(height=320, margin=dict(l=40, r=10, t=18 + 18 * (title.count("<br>") + 1), b=40),
                      title=dict(text=title, x=0.5, xanchor="center"), separators=plotly_separators(),
                      xaxis=dict(_axis("z₁", -lim, lim), automargin=True),
                      yaxis=dict(_axis("z₂", -lim, lim), scaleanchor="x", scaleratio=1, automargin=True),
                      legend=dict(itemsizing="constant", font=dict(size=12)))
    return figure_data(fig)


# ---------------------------------------------------------------------------------------------- decoded grids

@per_model(max_entries=64)
def _manifold_picture(_model, key: str, n: int, lim: float, spacing: str, label,
                      decimal: str = ".") -> vae_core.ManifoldPicture:
    imgs, xs, ys = _manifold(_model, key, n, lim, spacing, label)
    return vae_core.ManifoldPicture(imgs, xs, ys, spacing, scale=max(1, 900 // (30 * n)), decimal=decimal)


@per_model(max_entries=64)
def _manifold_png(_model, key: str, n: int, lim: float, spacing: str, z, label, decimal: str) -> bytes:
    picture = _manifold_picture(_model, key, n, lim, spacing, label, decimal)
    # level 3: 97 kB in 4 ms at n = 15; level 6 is 9 % smaller but takes nearly three times as long per release
    return vae_core.png_bytes(picture.with_point(z), compress_level=3)


def manifold_png(active: Active, n: int, lim: float, spacing: str, z=None, label=None) -> bytes:
    """The manifold grid as a PNG drawn on the server, axes included, with the point z ringed: no chart library
    in the browser, so Explore shows at once on a fresh page. The picture is cached per model and settings,
    the PNG per point too (ringing and encoding are not free, and a class following the teacher asks for the
    same point 30 times; see BENCHMARKS.md). Show it with st.image(..., output_format="PNG")."""
    z = None if z is None else tuple(float(v) for v in z)
    return _manifold_png(active.model, active.key, n, lim, spacing, z, label, decimal_mark())


# ---------------------------------------------------------------------------------------------- curves

def loss_curves(history: list[dict], t) -> tuple[str, dict]:
    """Reconstruction, KL and total loss per epoch, train (solid) and test (dotted), in nats per image, as
    figure_data gives it for ui.map_chart.light_chart."""
    epochs = [h["epoch"] for h in history]
    parts = [("recon", t("train.curve.recon")), ("kl", t("train.curve.kl")), ("loss", t("train.curve.total"))]
    titles = [wrap(p[1], 11) for p in parts]      # three to a row: wrapped, or they run into each other
    fig = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.1)
    for col, (part, _) in enumerate(parts, start=1):
        for split, dash, color in (("train", "solid", "#1f77b4"), ("test", "dot", "#d62728")):
            ys = [h.get(f"{split}_{part}") for h in history]
            if all(v is None for v in ys):
                continue
            fig.add_trace(go.Scatter(x=epochs, y=ys, mode="lines+markers", name=t(f"train.curve.{split}"),
                                     line=dict(dash=dash, color=color), showlegend=col == 1,
                                     legendgroup=split), row=1, col=col)
        fig.update_xaxes(title_text=t("train.curve.epoch"), row=1, col=col, dtick=max(1, len(epochs) // 8))
    fig.update_yaxes(title_text=t("train.curve.nats"), row=1, col=1)
    streamlit_look(fig, size=13)
    fig.update_xaxes(gridcolor="#eee", zeroline=False, automargin=True)
    fig.update_yaxes(gridcolor="#eee", zeroline=False, automargin=True)
    lines = max(x.count("<br>") + 1 for x in titles)
    fig.update_layout(height=320, margin=dict(l=55, r=10, t=12 + 18 * lines, b=10), separators=plotly_separators(),
                      legend=dict(orientation="h", yanchor="top", y=-0.36))     # below the axis titles
    return figure_data(fig)


# ---------------------------------------------------------------------------------------------- server-drawn maps
# Every latent picture outside the Latent map is a PNG drawn here (ui.plane): no plotly.js download, no WebGL
# context, no chart catching a finger on a phone. The dots of a model's map are drawn once per model and box
# (cached); a run copies that picture and adds only its own marks.

MAP_PX = 720                 # data area of a map picture; the page shows it scaled to its column


@per_model(max_entries=64)
def _map_plane(_mu, _labels, key: str, box: tuple, size: int, faint: bool, max_points: int, decimal: str,
               contours: bool) -> Plane:
    plane = Plane(box, size, decimal=decimal).axes()
    idx = subsample(len(_labels), max_points)
    colors = np.array([rgb(c) for c in CLASS_COLORS], dtype=np.uint8)[_labels[idx] % 10]
    order = np.random.default_rng(1).permutation(len(idx))     # no class painted over all the others
    radius = size / 260 if faint else size / 200
    plane.points(_mu[idx][order, :2], colors[order], radius=radius, alpha=0.35 if faint else 0.8)
    if contours:
        th = np.linspace(0, 2 * np.pi, 181)
        for r in (1, 2, 3):
            plane.line(np.c_[r * np.cos(th), r * np.sin(th)], "#444444", width=2, dash=True)
    return plane


def map_plane(active: Active, lim: float | None = None, *, box=None, size: int = MAP_PX, faint: bool = True,
              max_points: int = 5000, contours: bool = False) -> Plane:
    """A picture of the active model's encoded test set (μ, coloured by class) over [-lim, lim]² or box =
    (z1_min, z1_max, z2_min, z2_max), axes drawn in; a copy the caller may draw on (plane.png() when done)."""
    mu, _, labels = test_encodings(active)
    box = tuple(float(v) for v in (box if box is not None else (-lim, lim, -lim, lim)))
    return _map_plane(mu, labels, active.key, box, size, faint, max_points, decimal_mark(), contours).copy()


def class_legend(dataset: str) -> list[tuple[str, str, str]]:
    """Legend entries (shape, colour, name) for the classes of a map picture (ui.widgets.legend shows them)."""
    return [("dot", CLASS_COLORS[i % 10], name) for i, name in enumerate(class_names(dataset))]


def beta_pictures(rows: list[tuple[float, vae_core.LatentSummary]]) -> tuple[bytes, bytes]:
    """Test reconstruction loss, and KL in total and per latent dimension, against β (log axis) as two PNG
    charts; their titles and legend are the page's."""
    betas = [b for b, _ in rows]
    kw = dict(x_labels=[beta_label(b) for b in betas], log_x=True, decimal=decimal_mark())
    recon = line_chart([([s.recon for _, s in rows], "#1f77b4", False)], betas, **kw)
    kl = line_chart([([s.kl for _, s in rows], "#d62728", False),
                     ([float(s.kl_per_dim[0]) for _, s in rows], "#ff7f0e", True),
                     ([float(s.kl_per_dim[1]) for _, s in rows], "#8c564b", True)], betas, zero=True, **kw)
    return vae_core.png_bytes(recon, 3), vae_core.png_bytes(kl, 3)


def loss_histogram(losses: np.ndarray, value: float) -> bytes:
    """Histogram of the test losses on a log axis (nats; ticks at round numbers), a red line at `value`: a PNG
    whose axis titles and legend are the page's."""
    logs = np.log10(np.maximum(np.asarray(losses, np.float64), 1e-3))
    v = float(np.log10(max(value, 1e-3)))
    counts, edges = np.histogram(logs, bins=60)
    lo, hi = min(edges[0], v), max(edges[-1], v)
    ticks = [(float(np.log10(x)), count(x))
             for x in (10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000, 10000, 20000, 50000)
             if lo <= np.log10(x) <= hi]
    return vae_core.png_bytes(histogram(counts, edges, v, ticks=ticks, decimal=decimal_mark()), 3)
