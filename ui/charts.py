"""Small Plotly figures shared by pages: training curves and a compact latent scatter. `t` is the translator."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.common import CLASS_COLORS


def loss_curves(history: list[dict], t) -> go.Figure:
    """Reconstruction, KL and total loss per epoch, train (solid) and test (dotted), in nats per image."""
    epochs = [h["epoch"] for h in history]
    parts = [("recon", t("train.curve.recon")), ("kl", t("train.curve.kl")), ("loss", t("train.curve.total"))]
    fig = make_subplots(rows=1, cols=3, subplot_titles=[p[1] for p in parts], horizontal_spacing=0.08)
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
    fig.update_layout(height=320, margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.3))
    return fig


def small_scatter(mu: np.ndarray, labels: np.ndarray, classes: list[str], t, lim: float = 4.0) -> go.Figure:
    """A compact latent scatter (μ of a test subset) coloured by class."""
    fig = go.Figure()
    for c, name in enumerate(classes):
        sel = labels == c
        fig.add_trace(go.Scattergl(x=mu[sel, 0], y=mu[sel, 1], mode="markers", name=name,
                                   marker=dict(size=3, color=CLASS_COLORS[c % 10], opacity=0.8),
                                   hovertemplate=f"{name}<extra></extra>"))
    fig.update_layout(height=320, margin=dict(l=10, r=10, t=40, b=10), title=t("train.latent_now"),
                      xaxis=dict(title="z₁", range=[-lim, lim]),
                      yaxis=dict(title="z₂", range=[-lim, lim], scaleanchor="x", scaleratio=1),
                      legend=dict(itemsizing="constant", font=dict(size=10)))
    return fig
