"""Explore: drag the live pad (or the sliders) through the 2-D latent space and watch the decoded digit; the
manifold grid below shows the whole map at once."""
import numpy as np
import streamlit as st

from ui.pad import latent_pad, pad_decoder
from ui.charts import manifold_png
from ui.follow import live
from ui.i18n import labeller, relabel, t
from ui.lesson import curious
from ui.links import keep
from ui.widgets import label_picker, require_2d
from ui.present import presenting

# The pad and the digit are this page's heroes: the pad sizes them to the window (ui/pad.py, fit=True). Less
# room for Streamlit's empty top band leaves more for them; scoped to this page by its hero's key. On a short
# window (1280x720 at 125-150 % zoom is 576-480 CSS pixels high) the title shrinks too, so the pad, the digit,
# the readout and the class legend all fit above the fold. The sample button's label wraps in the narrow
# column instead of ending in "…".
_CSS = """<style>
[data-testid="stMainBlockContainer"]:has(.st-key-explore_hero) { padding-top: 3.5rem; }
@media (max-height: 600px) {
  [data-testid="stMainBlockContainer"]:has(.st-key-explore_hero) { padding-top: 3.75rem; }   /* the header's height */
  [data-testid="stMainBlockContainer"]:has(.st-key-explore_hero) h1 { font-size: 2rem; padding: 0 0 0.5rem; }
}
.st-key-explore_sample button * { white-space: normal; overflow: visible; text-overflow: clip; }
</style>"""

active = st.session_state["_active"]
present = presenting()
if not present:
    st.html(_CSS)
    st.title(t("nav.explore"))
    st.markdown(t("explore.intro"))


def sample_prior():
    z = np.random.default_rng().standard_normal(2)
    lim = st.session_state.get("view_lim", 3.0)
    for k, v in zip(("z1", "z2"), z):
        st.session_state[k] = float(np.clip(np.round(v / 0.05) * 0.05, -lim, lim))


def hero(active, lim: float, present: bool):
    """The live pad and the decoded digit, with the sliders (beside them, or under them when presenting).
    Returns the class (conditional models) and z."""
    with st.container(key="explore_hero"):
        if present:
            pad_area = st.container()
            c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
        else:
            pad_area, c1 = st.columns([4, 1])
            c2 = c3 = c1
        with c3:
            label = label_picker(active, "explore_label")
        with pad_area:
            latent_pad(active, key="explore_pad", z_keys=("z1", "z2"), label=label, lim=lim, background="scatter",
                       fit=True, decoder=False)     # its weights: pad_decoder below, outside the fragment
        z1 = c1.slider(t("axis.z1"), -lim, lim, step=0.05, key="z1", persist_state="session")
        z2 = c2.slider(t("axis.z2"), -lim, lim, step=0.05, key="z2", persist_state="session")
        c3.button(t("explore.sample_prior"), on_click=sample_prior, help=t("explore.sample_prior_help"),
                  key="explore_sample")
    return label, (z1, z2)


def manifold(active, lim: float, label, z) -> None:
    """The whole map at once: the decoder's picture at every point of a grid, with its settings."""
    text, picture = st.columns([2, 3], gap="large")
    with text:
        st.subheader(t("explore.manifold"))
        st.caption(t("explore.manifold_caption"))
        # Defaults go into Session State, not into the widgets: a link (ui/links.py) may have set these keys
        # already, and a widget given both a default and a Session State value logs a warning on every run.
        for k, v in (("explore_n", 15), ("explore_spacing", "linear")):
            st.session_state.setdefault(k, v)
        # The Latent map has a range slider of the same key; a widget's identity includes its page, so the value
        # is written again here (not only set by default) for this page's slider to take it over.
        st.session_state["view_lim"] = float(st.session_state.get("view_lim", 3.0))
        with st.expander(t("explore.settings"), expanded=False):
            st.slider(t("explore.range"), 1.0, 6.0, step=0.5, key="view_lim", persist_state="session",
                      help=t("explore.range_help"))
            n = st.slider(t("explore.grid_n"), 5, 25, key="explore_n", persist_state="session")
            spacing = st.radio(t("explore.spacing"), ["linear", "gaussian"], key="explore_spacing",
                               format_func=labeller("explore.spacing."), help=t("explore.spacing_help"),
                               persist_state="session")
    with picture:
        st.image(manifold_png(active, n, lim, spacing, z=z, label=label), output_format="PNG", width="stretch")


def explore(active):
    relabel("explore_spacing")
    lim = float(st.session_state.get("view_lim", 3.0))     # its slider is in the grid's settings, further down
    for k in ("z1", "z2"):   # start at the origin; keep the point inside the range when the range shrinks
        st.session_state[k] = float(np.clip(st.session_state.get(k, 0.0), -lim, lim))
    label, z = hero(active, lim, presenting())
    st.markdown(t("explore.more"))
    manifold(active, lim, label, z)
    keep()    # this fragment's reruns skip app.py: put the new z (a pad release, a slider) in the URL here


if require_2d(active):
    # A fragment: a pad release or a slider reruns this part only. For a follower it also polls the teacher and
    # takes a new z itself (ui/follow.py): the teacher dragging the pad reruns only this, not the whole page.
    live(explore, "explore", ("z",))(active)
    pad_decoder(active, "explore_pad")   # the pad's weights, sent once per page run rather than on every z
if not present:
    curious("explore")   # under the grid: the pad and the digit keep the top of the page
