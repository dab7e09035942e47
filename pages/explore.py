"""Explore: move through the 2-D latent space with two sliders and see the decoded digit and the manifold grid."""
import numpy as np
import streamlit as st

from ui.pad import latent_pad
from ui.charts import manifold_png
from ui.i18n import labeller, relabel, t
from ui.links import keep
from ui.widgets import label_picker, require_2d

active = st.session_state["_active"]
st.title(t("nav.explore"))
st.caption(t("explore.intro"))


def sample_prior():
    z = np.random.default_rng().standard_normal(2)
    lim = st.session_state.get("view_lim", 3.0)
    for k, v in zip(("z1", "z2"), z):
        st.session_state[k] = float(np.clip(np.round(v / 0.05) * 0.05, -lim, lim))


@st.fragment
def explore(active):
    relabel("explore_spacing")
    with st.expander(t("explore.settings"), expanded=False):
        c1, c2, c3 = st.columns(3)
        lim = c1.slider(t("explore.range"), 1.0, 6.0, 3.0, 0.5, key="view_lim", persist_state="session",
                        help=t("explore.range_help"))
        n = c2.slider(t("explore.grid_n"), 5, 25, 15, key="explore_n", persist_state="session")
        spacing = c3.radio(t("explore.spacing"), ["linear", "gaussian"], key="explore_spacing",
                           format_func=labeller("explore.spacing."), help=t("explore.spacing_help"),
                           persist_state="session")
    for k in ("z1", "z2"):   # start at the origin; keep the point inside the range when the range shrinks
        st.session_state[k] = float(np.clip(st.session_state.get(k, 0.0), -lim, lim))
    label = label_picker(active, "explore_label")
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(f"**{t('explore.pad')}**")
        latent_pad(active, key="explore_pad", z_keys=("z1", "z2"), label=label, lim=lim, background="scatter")
        z1 = st.slider("z₁", -lim, lim, step=0.05, key="z1", persist_state="session")
        z2 = st.slider("z₂", -lim, lim, step=0.05, key="z2", persist_state="session")
        st.button(t("explore.sample_prior"), on_click=sample_prior, help=t("explore.sample_prior_help"))
    with right:
        st.markdown(f"**{t('explore.manifold')}**")
        st.image(manifold_png(active, n, lim, spacing, z=(z1, z2), label=label), output_format="PNG",
                 width="stretch")
        st.caption(t("explore.manifold_caption"))
    keep()    # this fragment's reruns skip app.py: put the new z (a pad release, a slider) in the URL here


if require_2d(active):
    explore(active)
