"""Posterior: for one test digit, the true posterior p(z|x) (integrated on a grid) against the encoder's
Gaussian q(z|x), samples z = μ + σ·ε from it, and the numbers log p(x), ELBO, gap, recon, KL."""
import numpy as np
import streamlit as st
import torch

import vae_core
from ui.cache import per_model
from ui.charts import MAP_PX, class_legend, map_plane
from ui.data import load_data, map_limit, test_digit
from ui.i18n import class_names, decimal_mark, num, t
from ui.models import Active
from ui.plane import Plane
from ui.widgets import condition_picker, legend, pick_digit, picture, show, tiles
from ui.lesson import curious, test_digit_name

active = st.session_state["_active"]
st.title(t("nav.posterior"))
st.markdown(t("post.intro"))
curious("posterior")
STRIP_COLS = 16


@per_model(max_entries=256)
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


def posterior_picture(r: vae_core.PosteriorReport, z: np.ndarray) -> bytes:
    """The true posterior p(z|x) as a square heat map, the encoder's q(z|x) as its 1σ and 2σ ellipses and μ,
    the posterior's peak, and the numbered samples z (a PNG drawn on the server)."""
    a0, a1, b0, b1 = r.extent()
    h = max(a1 - a0, b1 - b0) / 2                      # a square box: equal axes, the ellipses keep their shape
    cx, cy = (a0 + a1) / 2, (b0 + b1) / 2
    plane = Plane((cx - h, cx + h, cy - h, cy + h), MAP_PX, decimal=decimal_mark())
    plane.heatmap(r.z1, r.z2, r.density).axes(grid=False)
    for k, dash in ((1, False), (2, True)):
        plane.line(vae_core.ellipse(r.mu, r.sigma, k), "#ff7f0e", width=4, dash=dash)
    plane.marker(r.mu[0], r.mu[1], "x", 22, "#ff7f0e", edge="#ffffff", width=4)
    peak = r.peak()
    plane.marker(peak[0], peak[1], "diamond", 22, "#08306b", edge="#ffffff", width=3)
    for i, p in enumerate(z):
        plane.marker(p[0], p[1], "dot", 13, "#d62728", edge="#ffffff", width=2)
    if len(z) <= 16:                                   # numbers over the dots, outlined so they read on blue
        for i, p in enumerate(z):
            plane.label(p[0], p[1], str(i + 1), "#b00000", dy=-1.0)
    return plane.png()


def posterior_legend(r: vae_core.PosteriorReport) -> None:
    legend([("square", "#4a74b0", t("post.true_posterior")),
            ("line", "#ff7f0e", t("post.ellipse", k=1, mass=round(100 * vae_core.ellipse_mass(1)))),
            ("dash", "#ff7f0e", t("post.ellipse", k=2, mass=round(100 * vae_core.ellipse_mass(2)))),
            ("x", "#ff7f0e", "μ"), ("diamond", "#08306b", t("post.peak")),
            ("dot", "#d62728", t("post.samples_legend"))])


def code_picture(active: Active, z) -> bytes:
    """The faint latent map with one code point (for the autoencoder, which has no q(z|x))."""
    plane = map_plane(active, map_limit(active, [z]))
    plane.marker(z[0], z[1], "dot", 24, "#000000", edge="#ffffff", width=4)
    return plane.png()


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
            picture(code_picture(active, z), target=left)
            legend([("dot", "#000000", t("post.code"))] + class_legend(active.dataset), target=left)
        else:
            left.warning(t("error.model_not_2d", d=active.model.config.latent_dim))
        with right:
            show(vae_core.to_pil(img, 8), test_digit_name(active, idx))
            show(vae_core.to_pil(rec, 8), t("post.ae_recon"))
        return

    c1, c2 = st.columns([3, 1])
    st.session_state.setdefault("post_k", 12)         # a link may have set it: no default in the widget as well
    k = c1.slider(t("post.k"), 1, 32, key="post_k", help=t("post.k_help"), persist_state="session")
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
        picture(posterior_picture(r, z), width=MAP_PX, alt=t("post.map_title"))
        posterior_legend(r)
        st.caption(t("post.map_caption", s1=num(r.sigma[0], 3), s2=num(r.sigma[1], 3)))
    with right:
        a, b, c = tiles(3, "post_digits", digits=True)     # side by side, or under one another in a narrow column
        at_mu, at_peak = vae_core.decode_points(active.model, [r.mu, r.peak()], y=label)
        show(vae_core.to_pil(img, 4), test_digit_name(active, idx), a)
        show(vae_core.to_pil(at_mu, 4), t("post.mean_recon"), b)
        show(vae_core.to_pil(at_peak, 4), t("post.peak_recon"), c)
        numbers(r)
    st.markdown(f"**{t('post.strip', k=k)}**")
    show(strip(samples))
    st.caption(t("post.strip_caption"))


main(active)
