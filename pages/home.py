import streamlit as st

from ui.data import dataset, describe_data
from ui.i18n import t
from ui.lesson import curious

active = st.session_state["_active"]
st.title(t("home.title"))
st.markdown(t("home.intro"))
st.markdown(t("home.why"))
curious("home")
ds = dataset(active.dataset)
st.markdown(t("home.model_now", name=active.name, data=describe_data(ds) if ds else "—"))
st.subheader(t("home.try_title"))
st.markdown(t("home.try"))
st.subheader(t("home.pages"))
LINKS = [("pages/train.py", "train"), ("pages/explore.py", "explore"), ("pages/latent_map.py", "latent_map"),
         ("pages/reconstructions.py", "recon"), ("pages/posterior.py", "posterior"),
         ("pages/interpolate.py", "interpolate"), ("pages/draw.py", "draw"), ("pages/anomalies.py", "anomalies"),
         ("pages/compare.py", "compare"), ("pages/beta.py", "beta"), ("pages/cvae.py", "cvae")]
left, right = st.columns(2)
for i, (page, key) in enumerate(LINKS):
    (left if i < 6 else right).page_link(page, label=f"{t('nav.' + key)}: {t('home.link.' + key)}")
with st.expander(t("home.teacher"), icon=":material/school:"):
    st.markdown(t("home.plan"))
    if ds is not None:
        st.markdown(t("home.data_where", where=f"`{ds.location}`", how=t(f"home.data_how.{ds.source}")))
