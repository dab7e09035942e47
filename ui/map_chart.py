"""The Latent map's scatter: a Plotly figure drawn in the browser by plotly.js's gl2d bundle.

Why not st.plotly_chart: Streamlit's Plotly element brings the whole of plotly.js (4.7 MB; maps, 3-D, every
trace type), which a 4×-throttled laptop takes 2.6 s to evaluate before it draws anything, so the Latent map took
4 s to open from the sidebar (bench/sections/client.md). The gl2d bundle of the same plotly.js release (1.5 MB:
scatter and scattergl with their axes, legend, hover, box and lasso selection) evaluates in about 0.6 s. The
figure is plotly.py's, as before (ui.charts.latent_figure); this part only draws it (components v2, inline JS)
and sends a box or lasso selection back as the selected points' test-set indices (their customdata).
light_chart draws the app's other Plotly figures (the Train page's curves and scatter) the same way, so no page
brings the whole of plotly.js.

The bundle is served from the app's static folder (static/vendor/, `server.enableStaticServing`); its version
must be the one plotly.py was made for (tests/test_map_chart.py checks)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import streamlit as st

from ui.i18n import t

_ASSETS = Path(__file__).with_name("map_chart")
BUNDLE = "plotly-gl2d-4.1.1.min.js"                  # static/vendor/; see static/vendor/README.md
_HTML = '<div class="lm-root" data-state="loading" data-draws="0"><div class="lm-plot"></div>' \
        '<div class="lm-msg" role="status"></div></div>'

_PART = st.components.v2.component("latent_map_chart", html=_HTML, css=(_ASSETS / "chart.css").read_text("utf-8"),
                                   js=(_ASSETS / "chart.js").read_text("utf-8"), isolate_styles=False)


def bundle_url() -> str:
    """Where the browser finds the bundle: the app's static files, under the server's base path if any."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base + '/' if base else ''}app/static/vendor/{BUNDLE}"


def figure_data(fig) -> tuple[str, dict]:
    """(content id, the figure as plain JSON) of a plotly.py figure; arrays travel as Plotly's base64 typed
    arrays. Cache the result with the figure: it is the same for every run that shows the same figure."""
    text = fig.to_json()
    return hashlib.sha256(text.encode()).hexdigest()[:16], json.loads(text)


def selection_of(key: str) -> list[int]:
    """Test-set indices of the map `key`'s last box or lasso selection (none before the first)."""
    return selection_in(st.session_state.get(key))


def selection_in(state) -> list[int]:
    """The indices in a map's widget state as the browser sent it ({"selection": {"points": [...], "at": ms}}),
    in order, without repeats; anything else in it (a client can send any JSON) is left out."""
    value = state.get("selection") if hasattr(state, "get") else None
    points = value.get("points") if isinstance(value, dict) else None
    out: list[int] = []
    for i in points if isinstance(points, list) else []:
        if isinstance(i, int) and not isinstance(i, bool) and i not in out:
            out.append(i)
    return out


def map_chart(figure: tuple[str, dict], *, key: str, config: dict | None = None) -> list[int]:
    """Draw `figure` (from figure_data) and return the indices of the last selection made on it."""
    _draw(figure, key, config, {"loading": t("map.loading"), "failed": t("map.failed")})
    return selection_of(key)


def light_chart(figure: tuple[str, dict], *, key: str, config: dict | None = None) -> None:
    """Draw `figure` (from figure_data; scatter or scattergl traces only, which is what the bundle holds) the
    same way: for the app's other Plotly charts, so no page brings the whole of plotly.js."""
    _draw(figure, key, config, {"loading": t("chart.loading"), "failed": t("chart.failed")})


def _draw(figure: tuple[str, dict], key: str, config: dict | None, words: dict) -> None:
    fid, fig = figure
    config = dict(config or {})
    fid += hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:8]
    data = {"id": fid, "figure": fig, "config": config, "src": bundle_url(), "words": words}
    _PART(key=key, data=data, height="content", on_selection_change=lambda: None)
