"""The app's UI pieces, one module per concern: i18n (words and numbers), models (registry, active model),
data (dataset, cached per-model computations), sidebar, charts, widgets, training (queue, jobs, β store),
canvas, pad. Pages import from these; nothing here trains or mutates a shared model.

The deep-link fix lives here because every page imports some `ui` module first, so it runs before any page
code, once per server process."""


def _route_through_app() -> None:
    """A fresh server whose very first request is a deep link (say /explore) runs pages/explore.py directly,
    the old multipage way, because a `pages/` folder exists and app.py has not yet called st.navigation. Pages
    need app.py (sidebar, active model), so switch that mode off and rerun: app.py then routes to the page."""
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        PagesManager.uses_pages_directory = False
        st.rerun()


_route_through_app()
