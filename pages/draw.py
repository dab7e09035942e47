"""Draw: draw a digit; it is prepared like MNIST, encoded to q(z|x) (an ellipse on the latent map),
reconstructed, and compared with the three test digits whose codes lie nearest."""
import numpy as np
import streamlit as st
import torch

import vae_core
from ui.canvas import drawing_canvas, ink_to_rgba
from ui.charts import class_legend, map_plane
from ui.data import map_limit, test_digit, test_encodings
from ui.i18n import class_names, list_separator, num, t
from ui.models import Active
from ui.widgets import condition_picker, legend, picture, show
from ui.lesson import curious, test_digit_name

active = st.session_state["_active"]
st.title(t("nav.draw"))
st.markdown(t("draw.intro"))
curious("draw")


def map_picture(active: Active, mu, sigma, neighbours, box=None) -> bytes:
    """The faint latent map with the drawn digit's q(z|x) (1σ, 2σ ellipses) and its nearest test codes ringed,
    and μ as a large black-and-white marker drawn last, above every dot; the whole map, or zoomed to `box`."""
    plane = map_plane(active, None if box is not None else map_limit(active, [mu]), box=box)
    nb = test_encodings(active)[0][neighbours]
    for i, p in enumerate(nb):
        plane.marker(p[0], p[1], "ring", 24, "#2ca02c", edge="#ffffff", width=4)
        plane.label(p[0], p[1], str(i + 1), "#1a7a1a", dy=1.3)
    if sigma is not None:
        for k, dash in ((1, False), (2, True)):
            plane.line(vae_core.ellipse(mu, sigma, k), "#000000", width=4, dash=dash)
    plane.marker(mu[0], mu[1], "ring", 40, "#ff2b2b", edge="#ffffff", width=5)
    plane.marker(mu[0], mu[1], "dot", 20, "#000000", edge="#ffffff", width=4)
    return plane.png()


def map_legend(active: Active, sigma, classes: bool) -> None:
    items = [("dot", "#000000", t("draw.code")), ("ring", "#2ca02c", t("draw.neighbours_legend"))]
    if sigma is not None:
        items += [("line", "#000000", t("draw.ellipse", k=1)), ("dash", "#000000", t("draw.ellipse", k=2))]
    legend(items + (class_legend(active.dataset) if classes else []))


def zoom_box(mu, sigma, nb_codes) -> tuple[float, float, float, float]:
    """A square around μ holding the 2σ ellipse and the nearest test codes, with some margin."""
    reach = [0.15, float(np.abs(nb_codes - mu).max())]
    if sigma is not None:
        reach.append(2.0 * float(np.max(sigma)))
    h = 1.25 * max(reach)
    return mu[0] - h, mu[0] + h, mu[1] - h, mu[1] + h


def main(active: Active) -> None:
    names = class_names(active.dataset)
    label = condition_picker(active, "draw_cond", 0, "draw.condition")
    c_canvas, c_seen, c_rec = st.columns([4, 3, 3], gap="medium")
    with c_canvas:
        st.markdown(f"**{t('draw.canvas')}**")
        try:
            ink = drawing_canvas("draw_canvas", clear_label=t("draw.clear"), hint=t("draw.hint"), size=300)
        except ValueError:
            st.error(t("draw.bad_canvas"))
            return
    if ink is None:
        c_seen.info(t("draw.empty"))
        return
    try:
        digit = vae_core.canvas_to_digit(ink_to_rgba(ink))
    except vae_core.EmptyImage:
        c_seen.info(t("draw.empty"))
        return
    except vae_core.ImageError:
        c_seen.error(t("draw.bad_canvas"))
        return
    x = torch.from_numpy(digit).reshape(1, 1, 28, 28)
    mu, sigma = vae_core.encode_dataset(active.model, x, None if label is None else torch.tensor([label]))
    mu = mu[0].numpy()
    sigma = None if sigma is None else sigma[0].numpy()
    recon = vae_core.decode_points(active.model, [mu], y=label)[0]
    with c_seen:
        st.markdown(f"**{t('draw.seen')}**")
        show(vae_core.to_pil(digit, 8))
        st.caption(t("draw.seen_caption"))
    with c_rec:
        st.markdown(f"**{t('draw.recon')}**")
        show(vae_core.to_pil(recon, 8))
        st.caption(t("draw.recon_caption"))

    codes = test_encodings(active)[0]
    idx, dist = vae_core.nearest(codes, mu, 3)
    if active.model.config.latent_dim == 2:
        st.markdown(f"**{t('draw.map_title')}**")
        whole, zoom = st.columns(2, gap="large")
        picture(map_picture(active, mu, sigma, idx), target=whole, alt=t("draw.map_whole"))
        whole.caption(t("draw.map_whole"))
        picture(map_picture(active, mu, sigma, idx, zoom_box(mu, sigma, codes[idx])), target=zoom,
                alt=t("draw.map_zoom"))
        zoom.caption(t("draw.map_zoom"))
        map_legend(active, sigma, classes=True)
    else:
        st.warning(t("error.model_not_2d", d=active.model.config.latent_dim))
    sep = list_separator()                       # "; " where the decimal mark is a comma
    if sigma is None:
        st.info(t("draw.ae"))
    else:
        st.caption(t("draw.code_caption", z=sep.join(num(v, 2) for v in mu), s=sep.join(num(v, 2) for v in sigma)))
    st.markdown(f"**{t('draw.neighbours')}**")
    cols = st.columns(5)
    for j, (i, d) in enumerate(zip(idx, dist)):
        img, _ = test_digit(active, int(i))
        show(vae_core.to_pil(img, 5), t("draw.neighbour", name=test_digit_name(active, int(i)), d=num(d, 2)), cols[j])
    st.caption(t("draw.neighbours_caption"))


main(active)
