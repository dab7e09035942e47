import streamlit as st

from ui.data import dataset, describe_data
from ui.i18n import t

active = st.session_state["_active"]
st.title(t("home.title"))
st.markdown(t("home.intro"))
for key in ("home.encoder", "home.reparam", "home.decoder", "home.loss"):
    st.markdown("- " + t(key))
ds = dataset(active.dataset)
st.caption(t("home.model_now", name=active.name, data=describe_data(ds) if ds else "—"))
st.subheader(t("home.pages"))
LINKS = [("pages/train.py", "train"), ("pages/explore.py", "explore"), ("pages/latent_map.py", "latent_map"),
         ("pages/reconstructions.py", "recon"), ("pages/posterior.py", "posterior"),
         ("pages/interpolate.py", "interpolate"), ("pages/draw.py", "draw"), ("pages/anomalies.py", "anomalies"),
         ("pages/compare.py", "compare"), ("pages/beta.py", "beta"), ("pages/cvae.py", "cvae")]
left, right = st.columns(2)
for i, (page, key) in enumerate(LINKS):
    (left if i < 4 else right).page_link(page, label=f"{t('nav.' + key)}: {t('home.link.' + key)}")
