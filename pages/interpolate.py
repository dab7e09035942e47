"""Interpolate: walk the straight line between two digits' codes in latent space and decode every step."""
import numpy as np
import streamlit as st

import vae_core
from ui.charts import latent_background, latent_layout
from ui.data import map_limit, test_digit
from ui.i18n import t
from ui.models import Active
from ui.widgets import condition_picker, pick_digit, show
from ui.lesson import curious, test_digit_name

active = st.session_state["_active"]
st.title(t("nav.interpolate"))
st.markdown(t("interp.intro"))
curious("interpolate")
STRIP_WIDTH = 1200      # pixels: the strips are upscaled (nearest neighbour) to about this width


def path_figure(active: Active, z: np.ndarray) -> dict:
    traces = latent_background(active)
    traces.append(dict(type="scatter", x=z[:, 0].tolist(), y=z[:, 1].tolist(), mode="lines+markers",
                       name=t("interp.path"), line=dict(color="black", width=3),
                       marker=dict(size=8, color="black"),
                       hovertemplate=t("interp.step_hover") + "<extra></extra>",
                       customdata=list(range(1, len(z) + 1))))
    for end, name, color in ((z[0], "A", "#d62728"), (z[-1], "B", "#1f77b4")):
        traces.append(dict(type="scatter", x=[float(end[0])], y=[float(end[1])], mode="markers+text", text=[name],
                           textposition="top center", textfont=dict(size=20, color=color), showlegend=False,
                           marker=dict(size=18, color=color, line=dict(color="white", width=2)), hoverinfo="skip"))
    return dict(data=traces, layout=latent_layout(map_limit(active, z), height=600))


def chooser(active: Active, side: str, default_class: int, map_position: int):
    """The picker for end `side` ("a" or "b") with the chosen digit shown under it -> (x, label) or None."""
    st.subheader(t(f"interp.end_{side}"))
    idx = pick_digit(active, f"interp_{side}", default_class=default_class, map_position=map_position)
    if idx is None:
        return None
    img, label = test_digit(active, idx)
    show(vae_core.to_pil(img, 5), test_digit_name(active, idx))
    return img, label


def main(active: Active) -> None:
    ca, cb = st.columns(2, gap="large")
    with ca:
        a = chooser(active, "a", 1, 0)
    with cb:
        b = chooser(active, "b", 7, -1)
    if a is None or b is None:
        return
    (xa, ya), (xb, yb) = a, b
    c1, c2 = st.columns([3, 2])
    steps = c1.slider(t("interp.steps"), 8, 20, 10, key="interp_steps", persist_state="session")
    with c2:
        label = condition_picker(active, "interp_cond", ya, "interp.condition")
    z, imgs = vae_core.latent_path(active.model, xa, xb, steps, y0=ya, y1=yb, label=label)
    blend = vae_core.pixel_blend(xa, xb, steps)
    scale = max(1, STRIP_WIDTH // (steps * 30))
    strip = vae_core.grid_image(imgs, pad=2, scale=scale)
    gif = vae_core.gif_bytes(imgs, scale=10, duration_ms=140, bounce=True)

    left, right = st.columns([3, 2], gap="large")
    with left:
        if active.model.config.latent_dim == 2:
            st.markdown(f"**{t('interp.map_title')}**")
            st.plotly_chart(path_figure(active, z), key="interp_map", config={"displayModeBar": False})
        else:
            st.warning(t("error.model_not_2d", d=active.model.config.latent_dim))
    with right:
        st.markdown(f"**{t('interp.animation')}**")
        st.image(gif, width=280)        # shown at its own size so the GIF stays animated and crisp
        st.download_button(t("interp.download_gif"), gif, file_name="interpolation.gif", mime="image/gif",
                           icon=":material/download:", key="interp_dl_gif")
        st.download_button(t("interp.download_png"), vae_core.png_bytes(strip), file_name="interpolation.png",
                           mime="image/png", icon=":material/download:", key="interp_dl_png")
    st.markdown(f"**{t('interp.strip', n=steps)}**")
    show(strip)
    st.caption(t("interp.strip_caption"))
    st.markdown(f"**{t('interp.blend')}**")
    show(vae_core.grid_image(blend, pad=2, scale=scale))
    st.caption(t("interp.blend_caption"))
    if active.model.config.kind == "ae":
        st.info(t("interp.ae"))


main(active)
