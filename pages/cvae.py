"""Conditional VAE: the class is given to the encoder and the decoder, so the latent z is free to hold the style.
Choose a class, move through the style space, see one style drawn as every class, re-draw a test image as
every other class."""
import numpy as np
import streamlit as st

import vae_core
from ui.data import dataset
from ui.i18n import class_names, num, relabel, t
from ui.models import Active, shipped
from ui.pad import latent_pad, pad_bundle
from ui.widgets import digit_image, digit_row, pick_digit, picture, require_2d
from ui.lesson import curious, test_digit_name

LIM = 3.0
STEP = 0.05
Z_KEYS = ("cvae_z1", "cvae_z2")

active = st.session_state["_active"]
st.title(t("nav.cvae"))
st.markdown(t("cvae.intro"))
curious("cvae")


def random_style() -> None:
    z = np.random.default_rng().standard_normal(2)
    for k, v in zip(Z_KEYS, z):
        st.session_state[k] = float(np.clip(np.round(v / STEP) * STEP, -LIM, LIM))


def conditional_model(active: Active) -> Active:
    """The active model when it is conditional, else the shipped conditional VAE; says which."""
    if active.model.config.conditional:
        st.caption(t("cvae.using_active", name=active.name))
        return active
    model = shipped("mnist-cvae")
    st.caption(t("cvae.using_shipped", name=model.name))
    return model


def one_class_any_style(model: Active, names: list[str], n_cls: int) -> list[float]:
    """A class selector, the z sliders (and the live pad when the browser can run this decoder) -> z."""
    for k in Z_KEYS:
        v = st.session_state.get(k)
        st.session_state[k] = float(np.clip(v, -LIM, LIM)) if isinstance(v, (int, float)) else 0.0
    relabel("cvae_class")
    c = st.selectbox(t("cvae.class"), range(n_cls), format_func=lambda i: names[i] if i < len(names) else str(i),
                     key="cvae_class")
    pad = not isinstance(pad_bundle(model), str)   # the browser can run this decoder
    left, right = st.columns([3, 2], gap="large")
    with left:
        if pad:       # the pad draws the decoded image itself, live while dragging
            latent_pad(model, key="cvae_pad", z_keys=Z_KEYS, label=c, lim=LIM, background="grid", height=400)
    with right:
        z1 = st.slider(t("axis.z1"), -LIM, LIM, step=STEP, key="cvae_z1")
        z2 = st.slider(t("axis.z2"), -LIM, LIM, step=STEP, key="cvae_z2")
        st.button(t("cvae.random_style"), on_click=random_style, icon=":material/casino:", key="cvae_random",
                  help=t("cvae.random_style_help"))
        if not pad:   # no pad: the server draws the digit
            img = vae_core.decode_points(model.model, [[z1, z2]], y=c)[0]
            picture(digit_image(img, 9), t("cvae.decoded", cls=names[c], z1=num(z1, 2), z2=num(z2, 2)), 252,
                    crisp=True)
    return [z1, z2]


def same_z_every_class(model: Active, names: list[str], n_cls: int, z: list[float]) -> None:
    st.markdown(f"#### {t('cvae.grid.title')}")
    st.caption(t("cvae.grid.caption", z1=num(z[0], 2), z2=num(z[1], 2)))
    digit_row(vae_core.every_class(model.model, z), names[:n_cls])


def style_transfer(model: Active, names: list[str], n_cls: int) -> None:
    """A test image's code z (its style) decoded as every class."""
    st.markdown(f"#### {t('cvae.restyle.title')}")
    st.caption(t("cvae.restyle.caption"))
    data = dataset(model.dataset)
    if data is None:
        return
    x, y = data.tensors("test")
    i = pick_digit(model, "cvae_pick", default_class=3)     # the same picker as Posterior and Interpolate
    if i is None:
        return
    true = int(y[i])
    mu, imgs = vae_core.restyle(model.model, x[i], true)
    digit_row([x[i, 0].numpy()] + list(imgs), [t("cvae.restyle.original", cls=test_digit_name(model, i))]
              + [(f"✓ {nm}" if j == true else nm) for j, nm in enumerate(names[:n_cls])])
    st.caption(t("cvae.restyle.code", z1=num(mu[0], 2), z2=num(mu[1], 2), cls=names[true]))


def main(active: Active) -> None:
    model = conditional_model(active)
    if not require_2d(model):
        return
    names = class_names(model.dataset)
    n_cls = model.model.config.num_classes
    z = one_class_any_style(model, names, n_cls)
    same_z_every_class(model, names, n_cls, z)
    style_transfer(model, names, n_cls)
    st.markdown(f"#### {t('cvae.why.title')}")
    st.markdown(t("cvae.why"))


main(active)
