"""The app's UI pieces, one module per concern: i18n (words and numbers), models (registry, active model),
data (dataset, cached per-model computations), sidebar, charts, widgets, training (queue, jobs, β store),
canvas, pad, links (the view in the URL), follow (follow the teacher). Pages import from these; nothing here
trains or mutates a shared model.

Deep links: Streamlit picks its old file-name router for a run while the process-wide flag
PagesManager.uses_pages_directory is True (a `pages/` folder beside app.py sets it when the first session
starts); that router runs a page file without app.py and does not know our url paths. `python -m ui.serve`
(run_app.sh) turns the flag off before the first session. For a plain `streamlit run app.py`, and for AppTest
(which sets the flag again for every test app), the first import of `ui` turns it off and makes every later run
that would still take the old router run app.py instead; the run in progress, if it is such a run, starts again."""


def _always_through_app() -> None:
    """Replace Streamlit's old-router entry (script_runner._mpa_v1, looked up at each run) by a run of app.py, the
    entry script, which routes with st.navigation. Does nothing if this Streamlit has no such function."""
    import types
    from pathlib import Path

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import script_runner

    old = getattr(script_runner, "_mpa_v1", None)
    if old is None or getattr(old, "via_app", False):
        return

    def run_app(main_script_path: str) -> None:
        PagesManager.uses_pages_directory = False
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
        PagesManager.uses_pages_directory = False
        st.rerun()


_route_through_app()
