"""The short glossary, reachable from every page: a popover in the sidebar, under the model and data. app.py calls glossary()
once per run, after the sidebar."""
from __future__ import annotations

import streamlit as st

from ui.i18n import t


def glossary() -> None:
    """A sidebar popover with the app's words explained plainly (ui/strings/lesson.py, gloss.*)."""
    with st.sidebar.popover(t("gloss.open"), icon=":material/menu_book:", width="stretch"):
        st.markdown(f"**{t('gloss.title')}**")
        st.markdown(t("gloss.items"))
