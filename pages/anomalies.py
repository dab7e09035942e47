"""Denoise & anomalies: a VAE pulls corrupted digits back towards clean ones, and its loss (the negative
ELBO) says how unusual an image is: the most unusual and most typical test digits, and your own image."""
import numpy as np
import streamlit as st
import torch

import vae_core
from ui.data import dataset, test_digit, test_losses
from ui.charts import loss_histogram
from ui.denoise import DENOISER, kept, kept_share
from ui.i18n import class_names, labeller, num, pct, relabel, t
from ui.lesson import curious, digit_name, reason
from ui.models import Active, shipped
from ui.widgets import condition_picker, digit_row, legend, pick_digits, picture, show

active = st.session_state["_active"]
st.title(t("nav.anomalies"))
st.markdown(t("anom.intro"))
curious("anomalies")
N_DENOISE = 8
N_RANK = 20
EXAMPLES = ("inverted", "blank", "noise", "upload")
DEFAULT_STRENGTH = {"gaussian": 0.5, "salt_pepper": 0.25, "square": 0.4}   # where the effect is easy to see


def new_noise():
    st.session_state["anom_seed"] = st.session_state.get("anom_seed", 0) + 1


def reconstruct(active: Active, imgs, labels) -> np.ndarray:
    """Decode the encoder's mean for each image (N, 28, 28) -> (N, 28, 28)."""
    x = torch.from_numpy(np.asarray(imgs, dtype=np.float32)).reshape(-1, 1, 28, 28)
    y = torch.as_tensor(np.asarray(labels)).long() if active.model.config.conditional else None
    return vae_core.reconstruct(active.model, x, y)[0]


def denoise(active: Active) -> list[int] | None:
    st.header(t("anom.denoise_title"))
    st.markdown(t("anom.denoise_intro"))
    c1, c2, c3 = st.columns([2, 3, 1])
    relabel("anom_kind", "anom_score", "anom_source")
    # Defaults in Session State, not in the widgets: a link (ui/links.py) may have set these keys already.
    st.session_state.setdefault("anom_kind", vae_core.NOISE_KINDS[1])
    kind = c1.radio(t("anom.kind"), vae_core.NOISE_KINDS, format_func=labeller("anom.kind."),
                    key="anom_kind", persist_state="session")
    st.session_state.setdefault(f"anom_strength_{kind}", DEFAULT_STRENGTH[kind])
    strength = c2.slider(t("anom.strength"), 0.0, 1.0, step=0.05,
                         key=f"anom_strength_{kind}", help=t(f"anom.strength_help.{kind}"), persist_state="session")
    c3.button(t("anom.new_noise"), on_click=new_noise, icon=":material/shuffle:", key="anom_new_noise")
    idx = pick_digits(active, "anom_pick", N_DENOISE, default_class=3)
    if not idx:
        return None
    pairs = [test_digit(active, i) for i in idx]
    clean = np.stack([p[0] for p in pairs])
    labels = [p[1] for p in pairs]
    noisy = vae_core.corrupt(clean, kind, strength, seed=st.session_state.get("anom_seed", 0))
    cleaners = [("plain", active)]
    if active.dataset == "mnist" and DENOISER in vae_core.pretrained_names():
        cleaners.append(("denoiser", shipped(DENOISER)))
    st.markdown(f"**{t('anom.row_noisy')}**")
    show(vae_core.grid_image(noisy, pad=2, scale=4))
    for which, model in cleaners:
        recon = reconstruct(model, noisy, labels)
        st.markdown(f"**{t(f'anom.row_{which}', name=model.name, kept=int(kept(model, noisy, labels).sum()), n=len(idx))}**")
        show(vae_core.grid_image(recon, pad=2, scale=4))
    st.markdown(f"**{t('anom.row_clean')}**")
    show(vae_core.grid_image(clean, pad=2, scale=4))
    agreement(cleaners, kind, strength)
    return idx


def agreement(cleaners, kind: str, strength: float) -> None:
    """The figure for each model over the whole test set: the share of damaged digits whose cleaned picture
    keeps its class, beside the plain model on undamaged digits."""
    st.subheader(t("anom.agree_title"))
    with st.spinner(t("anom.agree_wait")):
        shares = {which: kept_share(m, kind, strength) for which, m in cleaners}
        ceiling = kept_share(cleaners[0][1])
    cols = st.columns(len(cleaners) + 1)
    for col, (which, m) in zip(cols, cleaners):
        col.metric(t(f"anom.agree.{which}", name=m.name), pct(shares[which]))
    cols[-1].metric(t("anom.agree.ceiling", name=cleaners[0][1].name), pct(ceiling))
    st.markdown(t("anom.agree_help"))
    if len(cleaners) == 1:
        st.info(t("anom.no_denoiser"))


def gallery(active: Active, indices, losses) -> None:
    """Test digits side by side (as many to a line as the screen has room for), each named, its loss under it."""
    ds = dataset(active.dataset)
    names = class_names(active.dataset)
    images = [ds.test_images[int(i)].astype(np.float32) / 255.0 for i in indices]
    digit_row(images, [t("anom.item", name=digit_name(ds.test_labels, int(i), names), loss=num(losses[int(i)], 0))
                       for i in indices], size=84)


def ranking(active: Active) -> np.ndarray:
    st.header(t("anom.rank_title"))
    st.markdown(t("anom.rank_intro"))
    if active.model.config.kind == "ae":
        st.info(t("anom.ae"))
    method = st.radio(t("anom.score"), vae_core.SCORES, format_func=labeller("anom.score."),
                      key="anom_score", horizontal=True, help=t("anom.score_help"), persist_state="session")
    losses = test_losses(active)["loss"]
    scores = vae_core.anomaly_scores(losses, method)
    unusual, typical = vae_core.rank_by_score(scores, N_RANK)
    st.subheader(t("anom.unusual", n=N_RANK))
    gallery(active, unusual, losses)
    st.subheader(t("anom.typical", n=N_RANK))
    gallery(active, typical, losses)
    st.caption(t("anom.rank_caption", mean=num(losses.mean()), median=num(np.median(losses))))
    return losses


def example_image(active: Active, source: str, first_idx: int | None):
    """-> (image (28, 28), class or None, description) for a built-in example, or None for "upload"."""
    if source == "blank":
        return np.zeros((28, 28), np.float32), None, t("anom.ex_desc.blank")
    if source == "noise":
        return np.random.default_rng(0).random((28, 28)).astype(np.float32), None, t("anom.ex_desc.noise")
    i = first_idx if first_idx is not None else 0
    img, lab = test_digit(active, i)
    name = digit_name(dataset(active.dataset).test_labels, i, class_names(active.dataset))
    return 1.0 - img, lab, t("anom.ex_desc.inverted", name=name)


def your_image(active: Active, losses: np.ndarray, first_idx: int | None) -> None:
    st.header(t("anom.yours_title"))
    st.markdown(t("anom.yours_intro"))
    source = st.radio(t("anom.source"), EXAMPLES, format_func=labeller("anom.ex."), horizontal=True,
                      key="anom_source", persist_state="session")
    if source == "upload":
        f = st.file_uploader(t("anom.upload"), type=["png", "jpg", "jpeg", "gif", "bmp", "webp"],
                             key="anom_upload", help=t("anom.upload_help"))
        if f is None:
            st.info(t("anom.upload_none"))
            return
        try:
            img = vae_core.image_to_digit(f.getvalue())
        except vae_core.EmptyImage:
            st.warning(t("anom.upload_empty"))
            return
        except vae_core.ImageError as e:
            st.error(t("anom.upload_bad", reason=reason(e)))
            return
        true_label, desc = None, t("anom.ex_desc.upload", name=f.name)
    else:
        img, true_label, desc = example_image(active, source, first_idx)
    label = condition_picker(active, "anom_cond", true_label or 0, "anom.condition")
    loss = float(vae_core.image_losses(active.model, img[None], label)[0])
    recon = reconstruct(active, img[None], [label or 0])[0]
    c1, c2, c3 = st.columns([1, 1, 3], gap="medium")
    show(vae_core.to_pil(img, 6), desc, c1)
    show(vae_core.to_pil(recon, 6), t("anom.its_recon"), c2)
    with c3:
        picture(loss_histogram(losses, loss), alt=t("anom.hist_y"))
        legend([("square", "#9bb7d4", f"{t('anom.hist_test')}: {t('anom.hist_y')}"),
                ("line", "#d62728", t("anom.hist_marker", loss=num(loss, 0)))])
        st.caption(t("anom.hist_x"))
    typ = vae_core.anomaly_scores(losses, "typicality")
    typ_value = float(vae_core.anomaly_scores([loss], "typicality", reference=losses)[0])
    st.markdown(t("anom.verdict", loss=num(loss), pct=num(100 * vae_core.fraction_below(losses, loss)),
                  typ=num(100 * vae_core.fraction_below(typ, typ_value))))
    if loss < np.median(losses):
        st.info(t("anom.low_loss_note"))


def main(active: Active) -> None:
    idx = denoise(active)
    st.divider()
    losses = ranking(active)
    st.divider()
    your_image(active, losses, idx[0] if idx else None)


if dataset(active.dataset) is not None:
    main(active)
