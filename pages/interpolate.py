"""Interpolate: walk the straight line between two digits' codes in latent space and decode every step."""
import numpy as np
import streamlit as st

import vae_core
from ui.charts import class_legend, map_plane
from ui.data import map_limit, test_digit
from ui.i18n import t
from ui.models import Active
from ui.widgets import condition_picker, download, legend, pick_digit, picture, show
from ui.lesson import curious, test_digit_name

active = st.session_state["_active"]
st.title(t("nav.interpolate"))
st.markdown(t("interp.intro"))
curious("interpolate")
STRIP_WIDTH = 1200      # pixels: the strips are upscaled (nearest neighbour) to about this width


def path_picture(active: Active, z: np.ndarray) -> bytes:
    """The faint latent map with the path from A to B drawn on it, step by step (a PNG drawn on the server)."""
    plane = map_plane(active, map_limit(active, z))
    plane.line(z, "#000000", width=4)
    for p in z:
        plane.marker(p[0], p[1], "dot", 11, "#000000", edge="#ffffff", width=2)
    for end, name, color in ((z[0], "A", "#d62728"), (z[-1], "B", "#1f77b4")):
        plane.marker(end[0], end[1], "dot", 26, color, edge="#ffffff", width=3)
        plane.label(end[0], end[1], name, color, dy=-1.3, size=round(plane.fs * 1.4))
    return plane.png()


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
    st.session_state.setdefault("interp_steps", 10)   # a link may have set it: no default in the widget as well
    steps = c1.slider(t("interp.steps"), 8, 20, key="interp_steps", persist_state="session")
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
            picture(path_picture(active, z), alt=t("interp.map_title"))
            legend([("line", "#000000", t("interp.path"))] + class_legend(active.dataset))
        else:
            st.warning(t("error.model_not_2d", d=active.model.config.latent_dim))
    with right:
        st.markdown(f"**{t('interp.animation')}**")
        picture(gif, width=280, crisp=True, alt=t("interp.animation"))   # its own size: animated and crisp
        # made at the click: a run sends the animation once, not again as a download
        download(t("interp.download_gif"), lambda: gif, "interpolation.gif", "image/gif", key="interp_dl_gif")
        download(t("interp.download_png"), lambda: vae_core.png_bytes(strip), "interpolation.png", "image/png",
                 key="interp_dl_png")
    st.markdown(f"**{t('interp.strip', n=steps)}**")
    show(strip)
    st.caption(t("interp.strip_caption"))
    st.markdown(f"**{t('interp.blend')}**")
    show(vae_core.grid_image(blend, pad=2, scale=scale))
    st.caption(t("interp.blend_caption"))
    if active.model.config.kind == "ae":
        st.info(t("interp.ae"))


main(active)
