"""The app's UI pieces, one module per concern: i18n (words and numbers), models (registry, active model),
data (dataset, cached per-model computations), sidebar, charts, widgets, training (queue, jobs, β store),
canvas, pad, links (the view in the URL), follow (follow the teacher). Pages import from these; nothing here
trains or mutates a shared model.

Deep links: Streamlit 1.67 decides per run between two routers with one process-wide flag,
PagesManager.uses_pages_directory. The first session of a process sets it to True because a `pages/` folder sits
beside app.py, and until some run calls st.navigation every run takes the old router: it names pages after their
files (latent_map, compare, cvae, so /latent-map, /ae-vs-vae, /conditional answer "Page not found") and runs a
page file without app.py (no sidebar, no active model). A session that starts before the flag flips (a class
opening a deep link together on a fresh server) gets that too. `python -m ui.serve` (run_app.sh) calls
old_router_off() before the server accepts any session, which removes the old router for the life of the process.
As a fallback, for a plain `streamlit run app.py` and for AppTest (which sets the flag again for every test app),
the first import of `ui` turns the flag off and makes every later run that would still take the old router run
app.py instead; the run in progress, if it is such a run, starts again."""


def old_router_off() -> None:
    """Make st.navigation (app.py) route every later run of this process: Streamlit's old file-name router off
    (the module docstring says why)."""
    from streamlit.runtime.pages_manager import PagesManager
    PagesManager.uses_pages_directory = False


def _always_through_app() -> None:
    """Replace Streamlit's old-router entry (script_runner._mpa_v1, looked up at each run) by a run of app.py, the
    entry script, which routes with st.navigation. Does nothing if this Streamlit has no such function."""
    import types
    from pathlib import Path

    from streamlit.runtime.scriptrunner import script_runner

    old = getattr(script_runner, "_mpa_v1", None)
    if old is None or getattr(old, "via_app", False):
        return

    def run_app(main_script_path: str) -> None:
        old_router_off()
        path = str(Path(main_script_path).resolve())
        module = types.ModuleType("__main__")
        module.__file__ = path
        exec(compile(Path(path).read_bytes(), path, "exec"), module.__dict__)  # noqa: S102 - our own app.py

    run_app.via_app = True
    script_runner._mpa_v1 = run_app


def _route_through_app() -> None:
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    _always_through_app()
    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        old_router_off()
        st.rerun()


_route_through_app()
