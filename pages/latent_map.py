"""Latent map: the encoded test set (μ of q(z|x)) coloured by class; select digits to see their reconstructions."""
import streamlit as st

import vae_core
from ui.pad import latent_pad
from ui.charts import latent_figure
from ui.data import dataset
from ui.i18n import count, t
from ui.widgets import image_rows, require_2d
from ui.lesson import curious

active = st.session_state["_active"]
st.title(t("nav.latent_map"))
st.markdown(t("map.intro"))
curious("latent_map")
MAX_SHOWN = 24


def selected_indices(event) -> list[int]:
    """Test-set indices of the selected points (customdata), in selection order, without repeats."""
    sel = event["selection"] if isinstance(event, dict) else event.selection
    out = []
    for p in (sel or {}).get("points", []):
        cd = p.get("customdata")
        i = cd[0] if isinstance(cd, (list, tuple)) else cd
        if isinstance(i, (int, float)) and int(i) not in out:
            out.append(int(i))
    return out


ds = dataset(active.dataset)
if ds is not None and require_2d(active):
    c1, c2 = st.columns(2)
    lim = c1.slider(t("explore.range"), 1.0, 6.0, 3.0, 0.5, key="view_lim", persist_state="session")
    contours = c2.toggle(t("map.contours"), key="map_contours", help=t("map.contours_help"))
    x, y = ds.tensors("test")
    st.caption(t("map.how_to", n=count(len(y))))
    event = st.plotly_chart(latent_figure(active, lim, contours), key="map_chart", on_select="rerun",
                            selection_mode=("points", "box", "lasso"))
    with st.expander(t("map.pad"), expanded=True):
        latent_pad(active, key="map_pad", z_keys=("map_z1", "map_z2"), lim=lim, background="scatter")
    picked = selected_indices(event)
    if picked:
        st.session_state["map_selection"] = picked
    shown = st.session_state.get("map_selection", [])
    shown = [i for i in shown if 0 <= i < len(y)][:MAX_SHOWN]
    if shown:
        st.subheader(t("map.selected", n=len(st.session_state["map_selection"]), shown=len(shown)))
        recon, losses = vae_core.reconstruct(active.model, x[shown], y[shown])
        st.caption(t("map.selected_help"))
        image_rows([(t("map.originals"), [x[i, 0].numpy() for i in shown]),
                    (t("map.reconstructions"), list(recon))],
                   captions=[t("map.item", idx=i, loss=l) for i, l in zip(shown, losses)])
    else:
        st.info(t("map.select_hint"))
