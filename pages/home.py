import streamlit as st

from ui.common import dataset, describe_data, t

active = st.session_state["_active"]
st.title(t("home.title"))
st.markdown(t("home.intro"))
for key in ("home.encoder", "home.reparam", "home.decoder", "home.loss"):
    st.markdown("- " + t(key))
ds = dataset(active.dataset)
st.caption(t("home.model_now", name=active.name, data=describe_data(ds) if ds else "—"))
st.subheader(t("home.pages"))
for page, key in (("pages/train.py", "train"), ("pages/explore.py", "explore"),
                  ("pages/latent_map.py", "latent_map"), ("pages/reconstructions.py", "recon")):
    st.page_link(page, label=f"{t('nav.' + key)}: {t('home.link.' + key)}")
