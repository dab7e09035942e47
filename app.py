"""Latent Explorer: the router. Run with `streamlit run app.py`."""
import os
import sys

# pandas and plotly are imported first in every run, so no page draws a figure while another session's thread
# is still importing them: plotly uses an already-imported pandas without waiting for it, and a figure drawn in
# that window failed with "partially initialized module 'pandas'" (found by bench/load_test.py).
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import streamlit as st
import torch

from ui.glossary import glossary
from ui import follow, links
from ui.i18n import t
from ui.present import presentation_mode
from ui.sidebar import sidebar
from ui.widgets import page_style

# A classroom server answers many small requests at once, each in its own thread: one torch thread per run.
# Two per run make OpenMP teams that spin-wait on a busy 2-core machine (measured: bench/sections/app.md).
# VAE_TORCH_THREADS overrides it. Set on every run because the setting belongs to the calling thread.
torch.set_num_threads(max(1, int(os.environ.get("VAE_TORCH_THREADS", "1"))))
# Every session's script runs in a thread of this one process and hands each message to the event loop; a thread
# waiting for the GIL may wait a whole switch interval. 1 ms instead of Python's 5 ms lowers the 95th percentile
# of 30 sessions (see BENCHMARKS.md, "GIL switch interval"). VAE_GIL_SWITCH_MS overrides it.
sys.setswitchinterval(float(os.environ.get("VAE_GIL_SWITCH_MS", "1")) / 1000)

st.set_page_config(page_title="Latent Explorer", page_icon="🧭", layout="wide")
links.restore()          # a link's language and model, before the sidebar draws its pickers
page_style()
presentation_mode()
active = sidebar()
glossary()
st.session_state["_active"] = active

pages = {
    t("nav.section.start"): [
        st.Page("pages/home.py", title=t("nav.home"), icon=":material/home:", default=True, url_path="start"),
        # The default page lives at "/" only (Streamlit gives it no other path), so "/home", which links and
        # bookmarks use, is the same page again as a hidden entry; without it "/home" answered "Page not found".
        st.Page("pages/home.py", title=t("nav.home"), icon=":material/home:", url_path="home", visibility="hidden"),
        st.Page("pages/train.py", title=t("nav.train"), icon=":material/model_training:", url_path="train"),
        st.Page("pages/class_view.py", title=t("nav.classview"), icon=":material/groups:", url_path="class"),
    ],
    t("nav.section.views"): [
        st.Page("pages/explore.py", title=t("nav.explore"), icon=":material/explore:", url_path="explore"),
        st.Page("pages/latent_map.py", title=t("nav.latent_map"), icon=":material/scatter_plot:", url_path="latent-map"),
        st.Page("pages/reconstructions.py", title=t("nav.recon"), icon=":material/compare:", url_path="reconstructions"),
    ],
    t("nav.section.lessons"): [
        st.Page("pages/posterior.py", title=t("nav.posterior"), icon=":material/target:", url_path="posterior"),
        st.Page("pages/interpolate.py", title=t("nav.interpolate"), icon=":material/linear_scale:", url_path="interpolate"),
        st.Page("pages/draw.py", title=t("nav.draw"), icon=":material/draw:", url_path="draw"),
        st.Page("pages/anomalies.py", title=t("nav.anomalies"), icon=":material/cleaning_services:", url_path="anomalies"),
        st.Page("pages/compare.py", title=t("nav.compare"), icon=":material/balance:", url_path="ae-vs-vae"),
        st.Page("pages/beta.py", title=t("nav.beta"), icon=":material/tune:", url_path="beta"),
        st.Page("pages/cvae.py", title=t("nav.cvae"), icon=":material/pin:", url_path="conditional"),
    ],
}
page = st.navigation(pages, expanded=True)   # all 13 pages listed: no "View 3 more" to find first
links.sync(page.url_path or "home")   # the link's page settings in, the view back out to the URL
links.share_box()
follow_slot = follow.sidebar()
try:
    page.run()
finally:                  # also after st.stop or an error: a follower keeps polling
    follow.poll(follow_slot)   # the sidebar's poll, unless the page polled from its own live fragment
