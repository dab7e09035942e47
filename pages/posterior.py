"""Posterior: for one test digit, the true posterior p(z|x) (integrated on a grid) against the encoder's
Gaussian q(z|x), samples z = μ + σ·ε from it, and the numbers log p(x), ELBO, gap, recon, KL."""
import numpy as np
import streamlit as st
import torch

import vae_core
from ui.charts import latent_background, latent_layout
from ui.data import load_data, map_limit, test_digit
from ui.i18n import class_names, num, t
from ui.models import Active
from ui.widgets import condition_picker, pick_digit, show
from ui.lesson import curious, test_digit_name

active = st.session_state["_active"]
st.title(t("nav.posterior"))
st.markdown(t("post.intro"))
curious("posterior")
STRIP_COLS = 16


@st.cache_resource(show_spinner=False, max_entries=256)
def _report(_model, key: str, dataset: str, idx: int, label):
    x = torch.from_numpy(load_data(dataset).test_images[idx].astype(np.float32) / 255.0)
    return vae_core.posterior_report(_model, x, label)


def report(active: Active, idx: int, label) -> vae_core.PosteriorReport:
    """The posterior grid and ELBO numbers of test digit idx, computed once per model, digit and class."""
    return _report(active.model, active.key, active.dataset, idx, label)


def strip(imgs, cols: int = STRIP_COLS):
    """(K, 28, 28) -> rows of at most `cols` images (the last row padded with grey) as one crisp picture."""
    imgs = np.asarray(imgs)
    cols = min(cols, len(imgs))
    rows = -(-len(imgs) // cols)
    pad = np.full((rows * cols - len(imgs), 28, 28), 0.25, dtype=np.float32)
    grid = np.concatenate([imgs, pad]).reshape(rows, cols, 28, 28)
    return vae_core.grid_image(grid, pad=2, scale=3 if cols > 8 else 4)


def resample():
    st.session_state["post_seed"] = st.session_state.get("post_seed", 0) + 1


def posterior_figure(r: vae_core.PosteriorReport, z: np.ndarray) -> dict:
    traces = [dict(type="heatmap", x=r.z1.tolist(), y=r.z2.tolist(), z=np.round(r.density, 4).tolist(),
                   colorscale="Blues", name=t("post.true_posterior"), showscale=True,
                   colorbar=dict(title=dict(text="p(z|x)"), thickness=14),
                   hovertemplate="z₁ %{x:.3f}, z₂ %{y:.3f}<br>p(z|x) %{z:.3g}<extra></extra>")]
    for k, dash in ((1, "solid"), (2, "dash")):
        e = vae_core.ellipse(r.mu, r.sigma, k)
        traces.append(dict(type="scatter", x=e[:, 0].tolist(), y=e[:, 1].tolist(), mode="lines", hoverinfo="skip",
                           name=t("post.ellipse", k=k, mass=round(100 * vae_core.ellipse_mass(k))),
                           line=dict(color="#ff7f0e", width=3, dash=dash)))
    traces.append(dict(type="scatter", x=[float(r.mu[0])], y=[float(r.mu[1])], mode="markers", name="μ",
                       marker=dict(symbol="x", size=14, color="#ff7f0e", line=dict(width=2))))
    peak = r.peak()
    traces.append(dict(type="scatter", x=[float(peak[0])], y=[float(peak[1])], mode="markers",
                       name=t("post.peak"), marker=dict(symbol="diamond", size=13, color="#08306b",
                                                        line=dict(color="white", width=2))))
    traces.append(dict(type="scatter", x=z[:, 0].tolist(), y=z[:, 1].tolist(),
                       mode="markers+text" if len(z) <= 16 else "markers",
                       text=[str(i + 1) for i in range(len(z))], textposition="top center",
                       textfont=dict(size=13, color="#b00"), name=t("post.samples_legend"),
                       marker=dict(size=9, color="#d62728", line=dict(color="white", width=1)),
                       hovertemplate="z₁ %{x:.3f}, z₂ %{y:.3f}<extra></extra>"))
    axis = dict(zeroline=False, showgrid=False, constrain="domain")
    a0, a1, b0, b1 = r.extent()
    return dict(data=traces, layout=dict(
        height=560, margin=dict(l=10, r=10, t=10, b=10), font=dict(size=16), plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="top", y=-0.12, font=dict(size=14)),
        xaxis=dict(axis, title="z₁", range=[a0, a1]),
        yaxis=dict(axis, title="z₂", range=[b0, b1], scaleanchor="x", scaleratio=1)))


def code_figure(active: Active, z) -> dict:
    """The faint latent map with one code point (for the autoencoder, which has no q(z|x))."""
    traces = latent_background(active)
    traces.append(dict(type="scatter", x=[float(z[0])], y=[float(z[1])], mode="markers", name=t("post.code"),
                       marker=dict(symbol="x", size=18, color="black", line=dict(width=3))))
    return dict(data=traces, layout=latent_layout(map_limit(active, [z]), height=520))


def numbers(r: vae_core.PosteriorReport) -> None:
    for key in ("log_px", "elbo", "gap", "recon", "kl"):
        st.metric(t(f"post.{key}"), t("post.nats", v=num(getattr(r, key), 2)), help=t(f"post.{key}_help"))
    st.markdown(t("post.identity", **{k: num(getattr(r, k), 2) for k in ("log_px", "elbo", "gap", "recon", "kl")}))


def main(active: Active) -> None:
    idx = pick_digit(active, "post_pick", default_class=2)
    if idx is None:
        return
    img, true_label = test_digit(active, idx)
    x = torch.from_numpy(img).reshape(1, 1, 28, 28)
    names = class_names(active.dataset)
    label = condition_picker(active, f"post_cond_{idx}", true_label)
    if label is not None:
        st.caption(t("post.conditional", cls=names[label], true=names[true_label]))
    kind = active.model.config.kind
    if kind == "ae":
        st.info(t("post.ae"))
        z = vae_core.encode_dataset(active.model, x)[0][0].numpy()
        rec = vae_core.decode_points(active.model, [z])[0]
        left, right = st.columns([3, 2], gap="large")
        if active.model.config.latent_dim == 2:
            left.plotly_chart(code_figure(active, z), key="post_ae_map", config={"displayModeBar": False})
        else:
            left.warning(t("error.model_not_2d", d=active.model.config.latent_dim))
        with right:
            show(vae_core.to_pil(img, 8), test_digit_name(active, idx))
            show(vae_core.to_pil(rec, 8), t("post.ae_recon"))
        return

    c1, c2 = st.columns([3, 1])
    k = c1.slider(t("post.k"), 1, 32, 12, key="post_k", help=t("post.k_help"), persist_state="session")
    c2.button(t("post.resample"), on_click=resample, help=t("post.resample_help"), icon=":material/refresh:",
              key="post_resample", width="stretch")
    seed = st.session_state.get("post_seed", 0)
    z = vae_core.posterior_samples(active.model, x, k, seed=seed, y=label)[0].numpy()
    samples = vae_core.decode_points(active.model, z, y=label)

    if active.model.config.latent_dim != 2:
        st.warning(t("error.model_not_2d", d=active.model.config.latent_dim))
        show(vae_core.to_pil(img, 8), test_digit_name(active, idx))
        st.markdown(f"**{t('post.strip', k=k)}**")
        show(strip(samples))
        return

    with st.spinner(t("post.computing")):
        r = report(active, idx, label)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**{t('post.map_title')}**")
        st.plotly_chart(posterior_figure(r, z), key="post_map", config={"displayModeBar": False})
        st.caption(t("post.map_caption", s1=num(r.sigma[0], 3), s2=num(r.sigma[1], 3)))
    with right:
        a, b, c = st.columns(3)
        at_mu, at_peak = vae_core.decode_points(active.model, [r.mu, r.peak()], y=label)
        show(vae_core.to_pil(img, 4), test_digit_name(active, idx), a)
        show(vae_core.to_pil(at_mu, 4), t("post.mean_recon"), b)
        show(vae_core.to_pil(at_peak, 4), t("post.peak_recon"), c)
        numbers(r)
    st.markdown(f"**{t('post.strip', k=k)}**")
    show(strip(samples))
    st.caption(t("post.strip_caption"))


main(active)
