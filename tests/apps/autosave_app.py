"""A session that ends a training: its model becomes the session's model (ui.models.set_session_model)."""
import streamlit as st

import vae_core
from ui.models import set_session_model

if "trained" not in st.session_state:
    st.session_state["trained"] = True
    set_session_model(vae_core.build_model(vae_core.ModelConfig(hidden=(16,))), "tiny")
st.text(st.session_state.get("me_token", ""))
