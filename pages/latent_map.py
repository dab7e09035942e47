"""Latent map: the encoded test set (μ of q(z|x)) coloured by class; select digits to see their reconstructions."""
import streamlit as st

import vae_core
from ui.pad import latent_pad
from ui.charts import latent_figure
from ui.map_chart import map_chart
from ui.data import dataset
from ui.i18n import class_names, count, labeller, relabel, t
from ui.widgets import image_rows, require_2d
from ui.lesson import curious, digit_name
from ui.links import MAP_DRAG

active = st.session_state["_active"]
st.title(t("nav.latent_map"))
st.markdown(t("map.intro"))
curious("latent_map")
PER_PAGE = 16                     # selected digits shown at once (large enough to see), the rest a choice away
DRAG_MODES = MAP_DRAG            # the link's `drag=` (ui/links.py)


def shown_part(selection: list[int]) -> list[int]:
    """At most PER_PAGE of the selected digits; a chooser for the others when there are more."""
    if len(selection) <= PER_PAGE:
        return selection
    starts = list(range(0, len(selection), PER_PAGE))
    start = st.selectbox(t("map.page"), starts, key="map_page",
                         format_func=lambda s: f"{s + 1}–{min(s + PER_PAGE, len(selection))}")
    start = start if start in starts else 0
    return selection[start:start + PER_PAGE]


ds = dataset(active.dataset)
if ds is not None and require_2d(active):
    c1, c2 = st.columns(2)
    # A link may have set it, or Explore's range slider (same key; a widget's identity includes its page, so the
    # value is written again for this page's slider to take it over): no default in the widget as well.
    st.session_state["view_lim"] = float(st.session_state.get("view_lim", 3.0))
    lim = c1.slider(t("explore.range"), 1.0, 6.0, step=0.5, key="view_lim", persist_state="session")
    contours = c2.toggle(t("map.contours"), key="map_contours", help=t("map.contours_help"))
    x, y = ds.tensors("test")
    names = class_names(active.dataset)
    st.caption(t("map.how_to", n=count(len(y))))
    relabel("map_drag")
    # The default goes into Session State, not into the widget: a link may have set the key already, and a widget
    # given both a default and a Session State value logs a warning on every run.
    st.session_state.setdefault("map_drag", "none")
    drag = st.segmented_control(t("map.drag"), DRAG_MODES, key="map_drag",
                                format_func=labeller("map.drag."), persist_state="session") or "none"
    # "none": no selection at all, so the chart keeps dragmode False and a swipe scrolls the page
    fig = latent_figure(active, lim, contours, dragmode=False if drag == "none" else drag)
    left, right = st.columns([3, 2], gap="large")      # the selected digits beside the map (below on a phone)
    with left:
        picked = map_chart(fig, key="map_chart", config={"displayModeBar": False, "scrollZoom": False,
                                                          "responsive": True})
    picked = [] if drag == "none" else picked
    if picked:
        st.session_state["map_selection"] = picked
    selection = [i for i in st.session_state.get("map_selection", []) if 0 <= i < len(y)]
    with right:
        if selection:
            st.subheader(t("map.selected", n=len(selection), shown=min(PER_PAGE, len(selection))))
            shown = shown_part(selection)
            recon, losses = vae_core.reconstruct(active.model, x[shown], y[shown])
            st.caption(t("map.selected_help"))
            image_rows([(t("map.originals"), [x[i, 0].numpy() for i in shown]),
                        (t("map.reconstructions"), list(recon))],
                       captions=[t("map.item", name=digit_name(ds.test_labels, i, names), loss=l)
                                 for i, l in zip(shown, losses)])
        else:
            st.info(t("map.select_hint"))
    with st.expander(t("map.pad"), expanded=True):
        latent_pad(active, key="map_pad", z_keys=("map_z1", "map_z2"), lim=lim, background="scatter")
