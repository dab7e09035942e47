import streamlit as st

from ui.common import t

st.title(t("nav.draw"))
