"""Presentation mode, for a teacher projecting the app: the sidebar folds away, text and controls grow and the
page's main picture gets the screen. On with the sidebar's toggle or `?present=1` in the URL; off with one
click on the button in the corner or Esc. It stays on across page switches (the session remembers it and the
URL keeps `?present=1`, so a reload or a shared link stays in it too).

app.py calls `presentation_mode()` once per run, before the page; a page that lays itself out differently
(Explore) asks `presenting()`.
"""
from __future__ import annotations

import streamlit as st

from ui.i18n import t

PARAM = "present"               # the URL's query parameter: ?present=1
_ON = "_present"                # session flag: survives page switches, which drop query parameters
_TOGGLE = "present_toggle"      # the sidebar's toggle

# Rem-based text and widgets grow with the root font; Streamlit's header and sidebar go; the page uses the
# whole window. The exit button sits in the top right corner, above the page, out of the flow (its wrapper too,
# or the wrapper would still add a gap).
_CSS = """<style>
html { font-size: 125%; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 2.5rem 1.25rem 3rem; max-width: none; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present_exit) {
  position: fixed; top: 0.3rem; right: 0.5rem; z-index: 999990; width: auto !important; }
.st-key-present_exit button { opacity: 0.55; padding: 0.1rem 0.6rem; min-height: 0; }
.st-key-present_exit button:hover, .st-key-present_exit button:focus-visible { opacity: 1; }
</style>"""

# Esc leaves presentation mode, unless something open on the page (a dialog, a menu, a select box's list)
# takes the key first. One listener per page, replaced on every mount.
_ESC_JS = """
export default function ({ setTriggerValue }) {
  const onKey = (e) => {
    if (e.key !== "Escape" || e.defaultPrevented) return
    if (document.querySelector('[role="dialog"], [role="listbox"], [data-baseweb="popover"]')) return
    setTriggerValue("exit", true)
  }
  document.removeEventListener("keydown", globalThis.__presentEsc)
  globalThis.__presentEsc = onKey
  document.addEventListener("keydown", onKey)
  return () => {
    if (globalThis.__presentEsc !== onKey) return
    document.removeEventListener("keydown", onKey)
    delete globalThis.__presentEsc
  }
}
"""
_ESC = st.components.v2.component("present_esc", js=_ESC_JS)


def presenting() -> bool:
    """True while presentation mode is on."""
    return bool(st.session_state.get(_ON))


def _set(on: bool) -> None:
    st.session_state[_ON] = on
    if on:
        st.query_params[PARAM] = "1"
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def _toggled() -> None:
    _set(bool(st.session_state.get(_TOGGLE)))


def presentation_mode() -> bool:
    """The toggle (sidebar) or, while on, the styles, the exit button and Esc. Returns whether it is on."""
    if st.query_params.get(PARAM) == "1":
        st.session_state[_ON] = True
    if not presenting():
        st.session_state[_TOGGLE] = False
        st.sidebar.toggle(t("present.toggle"), key=_TOGGLE, on_change=_toggled, help=t("present.toggle_help"))
        return False
    st.query_params[PARAM] = "1"                # page switches drop it; the URL should still say so
    st.html(_CSS)
    with st.container(key="present_exit"):
        st.button(t("present.leave"), on_click=_set, args=(False,), icon=":material/close_fullscreen:",
                  help=t("present.leave_help"), key="present_leave")
        _ESC(key="present_esc", on_exit_change=lambda: _set(False), height="content")
    return True
