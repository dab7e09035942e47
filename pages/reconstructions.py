"""Reconstructions: originals beside what the model redraws from them, with each image's loss; your own digit."""
import numpy as np
import streamlit as st

import vae_core
from ui.data import dataset, test_losses
from ui.i18n import class_names, labeller, relabel, t
from ui.widgets import digit_image, image_rows, picture
from ui.lesson import curious, reason

active = st.session_state["_active"]
st.title(t("nav.recon"))
st.markdown(t("recon.intro"))
curious("recon")
ds = dataset(active.dataset)


def pick(mode: str, n: int, cls: int, seed: int, labels: np.ndarray) -> np.ndarray:
    """Test indices to show: random, of one class, or the best / worst by the model's per-image loss."""
    if mode in ("best", "worst"):
        order = np.argsort(test_losses(active)["loss"])
        return (order[:n] if mode == "best" else order[::-1][:n]).copy()
    pool = np.flatnonzero(labels == cls) if mode == "class" else np.arange(len(labels))
    return np.random.default_rng(seed).choice(pool, size=min(n, len(pool)), replace=False)


def new_seed():
    st.session_state["recon_seed"] = int(np.random.default_rng().integers(1 << 31))


if ds is not None:
    x, y = ds.tensors("test")
    names = class_names(active.dataset)
    relabel("recon_mode", "recon_from", "recon_class")
    st.session_state.setdefault("recon_n", 8)         # a link may have set it: no default in the widget as well
    c1, c2, c3 = st.columns(3)
    mode = c1.radio(t("recon.which"), ["random", "class", "best", "worst"], key="recon_mode", horizontal=True,
                    format_func=labeller("recon.which."))
    cls = c1.selectbox(t("class.label"), range(len(names)), format_func=lambda i: names[i], key="recon_class",
                       disabled=mode != "class")
    n = c2.slider(t("recon.count"), 4, 16, key="recon_n")
    sample = c2.radio(t("recon.decode_from"), ["mean", "sample"], key="recon_from", horizontal=True,
                      format_func=labeller("recon.from."), help=t("recon.decode_help"),
                      disabled=active.model.config.kind == "ae") == "sample"
    show_diff = c3.toggle(t("recon.diff"), key="recon_diff", help=t("recon.diff_help"))
    c3.button(t("recon.shuffle"), on_click=new_seed, disabled=mode in ("best", "worst"))
    seed = st.session_state.get("recon_seed", 0)
    idx = pick(mode, n, cls, seed, y.numpy())
    recon, losses = vae_core.reconstruct(active.model, x[idx], y[idx], sample=sample, seed=seed)
    orig = [x[i, 0].numpy() for i in idx]
    rows = [(t("map.originals"), orig), (t("map.reconstructions"), list(recon))]
    if show_diff:
        rows.append((t("recon.diff_row"), [vae_core.diff_image(o, r) for o, r in zip(orig, recon)]))
    image_rows(rows, captions=[t("recon.item", cls=names[int(y[i])], loss=l) for i, l in zip(idx, losses)])
    st.caption(t("recon.loss_note", mean=float(np.mean(losses))))

st.divider()
st.subheader(t("recon.upload_title"))
st.caption(t("recon.upload_help"))
up = st.file_uploader(t("recon.upload"), type=["png", "jpg", "jpeg", "gif", "bmp", "webp"], key="recon_upload",
                      max_upload_size=vae_core.pictures_in.MAX_IMAGE_BYTES // (1024 * 1024))
if up is not None:
    try:
        digit = vae_core.image_to_digit(up.getvalue())
    except vae_core.EmptyImage:
        st.warning(t("recon.upload_empty"))
    except vae_core.ImageError as e:
        st.error(t("recon.upload_bad", reason=reason(e)))
    else:
        label = None
        if active.model.config.conditional:
            names = class_names(active.dataset)
            label = st.selectbox(t("recon.upload_label"), range(len(names)), format_func=names.__getitem__,
                                 key="recon_upload_label")
        xt = vae_core.pictures_in.digit_tensor(digit)
        rec, loss = vae_core.reconstruct(active.model, xt, None if label is None else [label])
        a, b, c = st.columns(3)
        picture(digit_image(digit, 8), t("recon.upload_prepared"), 224, crisp=True, target=a)
        picture(digit_image(rec[0], 8), t("recon.upload_recon", loss=float(loss[0])), 224, crisp=True, target=b)
        picture(vae_core.rgb_pil(vae_core.diff_image(digit, rec[0]), 8), t("recon.diff_row"), 224, crisp=True,
                target=c)
