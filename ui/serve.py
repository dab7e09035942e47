"""Start the app: `python -m ui.serve [streamlit run options]` (run_app.sh, the tests and the benches use it).

Why not plain `streamlit run app.py`: Streamlit 1.67 decides per run between two routers with one process-wide
flag, PagesManager.uses_pages_directory. The first session of a process sets it to True because a `pages/` folder
sits beside app.py, and until some run calls st.navigation every run takes the old router: it names pages after
their files (latent_map, compare, cvae, so /latent-map, /ae-vs-vae, /conditional answer "Page not found") and
runs a page file without app.py (no sidebar, no active model). A session that starts before the flag flips (a
class opening a deep link together on a fresh server) gets that too. Setting the flag to False before the server
accepts any session removes the old router for the life of the process; ui/__init__.py still reroutes as a
fallback when someone starts plain `streamlit run app.py`.
"""
from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    PagesManager.uses_pages_directory = False      # before the first session: st.navigation routes every run
    from streamlit.web import cli
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
