"""AE vs VAE: the plain autoencoder and the VAE side by side (latent maps on the same axes, decoded grids over
the same range, the same 16 draws from N(0, I) decoded by each), and a quick retraining of both for the sceptical."""
import numpy as np
import streamlit as st

import vae_core
from ui.charts import class_legend, manifold_png, map_plane
from ui.data import knn_captions, summary, test_encodings
from ui.generative import COLOURS, evenness, spread, spread_picture
from ui.i18n import class_names, count, labeller, num, pct, relabel, t
from ui.lesson import curious
from ui.models import Active, shipped
from ui.training import PAIR, PAIR_RETRAIN, job_progress, pair_states, stop_pair, submit_pair
from ui.widgets import dataset_picker, digit_row, legend, markdown_table, picture

N_DRAWS = 16
GRID_N = 15

active = st.session_state["_active"]
st.title(t("nav.compare"))
st.markdown(t("cmp.intro"))
curious("compare")


def new_draw() -> None:
    st.session_state["cmp_seed"] = int(np.random.default_rng().integers(1, 2**31 - 1))


def which_pair() -> dict[str, Active]:
    """The shipped pair, or this session's retrained one when it exists and is chosen -> kind -> Active."""
    pairs = {"shipped": {k: shipped(f"mnist-{k}") for k in PAIR}}
    mine = st.session_state.get("cmp_mine")
    if mine:
        pairs["mine"] = mine["models"]
    if st.session_state.pop("cmp_show_mine", False) and mine:
        st.session_state["cmp_which"] = "mine"
    if len(pairs) == 1:
        return pairs["shipped"]
    relabel("cmp_which")
    which = st.radio(t("cmp.which"), list(pairs), horizontal=True, key="cmp_which",
                     format_func=labeller("cmp.which.", data=t(f"dataset.{mine['data']}")))
    return pairs[which]


def numbers(models: dict[str, Active], ds_name: str) -> None:
    """The classes of random draws, how evenly a straight path changes, reconstruction loss, as a table."""
    summaries = {k: summary(models[k]) for k in PAIR}
    spreads = {k: spread(models[k]) for k in PAIR}
    names = class_names(ds_name)
    rows = [[t("cmp.m.top", n=count(spreads["vae"].n))]
            + [t("cmp.m.top_cell", share=pct(spreads[k].top_share), cls=names[spreads[k].top_class]) for k in PAIR],
            [t("cmp.m.entropy")] + [num(spreads[k].entropy_bits, 2) for k in PAIR],
            [t("cmp.m.evenness")] + [num(evenness(models[k]), 1) for k in PAIR],
            [t("cmp.m.recon")] + [num(summaries[k].recon) for k in PAIR],
            [t("cmp.m.spread")] + [num(float(np.mean(summaries[k].mu_std)), 2) for k in PAIR]]
    left, right = st.columns([3, 4], gap="large")
    left.markdown(markdown_table(["", t("cmp.kind.ae"), t("cmp.kind.vae")], rows, ["---", "---:", "---:"]))
    right.markdown(t("cmp.m.help"))


def draw_classes(models: dict[str, Active], ds_name: str) -> None:
    """The story in one chart: which classes 1,000 random codes turn into, for each model."""
    spreads = {k: spread(models[k]) for k in PAIR}
    names = class_names(ds_name)
    ae, vae = spreads["ae"], spreads["vae"]
    st.markdown(f"#### {t('cmp.spread.title', n=count(vae.n))}")
    rare = int(np.argmin(ae.counts))
    st.markdown(t("cmp.spread.story", n=count(vae.n), top=count(int(ae.counts[ae.top_class])),
                  top_cls=names[ae.top_class], rare=count(int(ae.counts[rare])), rare_cls=names[rare],
                  lo=count(int(vae.counts.min())), hi=count(int(vae.counts.max()))))
    legend([("square", COLOURS[k], t(f"cmp.kind.{k}")) for k in PAIR])
    picture(spread_picture(spreads, ds_name), alt=t("cmp.spread.title", n=count(vae.n)))
    st.caption(f'→ {t(f"cmp.spread.x.{ds_name}")} · ↑ {t("cmp.spread.y", n=count(int(vae.counts.sum())))}')


def latent_maps(models: dict[str, Active], lim: float) -> None:
    st.markdown(f"#### {t('cmp.map.title')}")
    st.caption(t("cmp.map.caption"))
    legend(class_legend(models["vae"].dataset) + [("dash", "#444444", t("map.prior_contours"))])
    for col, k in zip(st.columns(2, gap="large"), PAIR):
        with col:
            st.markdown(f"**{t(f'cmp.kind.{k}')}**")
            picture(map_plane(models[k], lim, faint=False, max_points=4000, contours=True).png(),
                    alt=t(f"cmp.kind.{k}"))
            mu = test_encodings(models[k])[0]
            outside = float(np.mean(np.any(np.abs(mu) > lim, axis=1)))
            st.caption(t("cmp.map.outside", share=pct(outside)))


def decoded_grids(models: dict[str, Active], lim: float) -> None:
    st.markdown(f"#### {t('cmp.grid.title')}")
    st.caption(t("cmp.grid.caption", n=GRID_N, lim=num(lim)))
    for col, k in zip(st.columns(2, gap="large"), PAIR):
        with col:
            st.markdown(f"**{t(f'cmp.kind.{k}')}**")
            picture(manifold_png(models[k], GRID_N, lim, "linear"), alt=t(f"cmp.kind.{k}"))


def prior_draws(models: dict[str, Active], ds_name: str) -> None:
    st.markdown(f"#### {t('cmp.draw.title', n=N_DRAWS)}")
    st.caption(t("cmp.draw.caption"))
    st.button(t("cmp.draw.again"), on_click=new_draw, icon=":material/casino:", key="cmp_again")
    z = vae_core.prior_draw(N_DRAWS, 2, st.session_state.get("cmp_seed", 0))
    names = class_names(ds_name)
    for col, k in zip(st.columns(2, gap="large"), PAIR):
        imgs = vae_core.decode_points(models[k].model, z)
        with col:
            st.markdown(f"**{t(f'cmp.kind.{k}')}**")
            digit_row(imgs, knn_captions(imgs, ds_name, names), size=72)


def retrain_progress() -> None:
    """Progress of this session's retraining (polled each second); a full rerun once both have ended."""
    snaps = pair_states()
    if snaps is None:
        return
    for k in PAIR:
        job_progress(snaps[k], t(f"cmp.kind.{k}"))
    if "cmp_jobs" not in st.session_state:      # both ended: the page shows the new pair (or why not)
        st.rerun()
    st.button(t("cmp.retrain.stop"), on_click=stop_pair, key="cmp_stop")


def retrain(default_dataset: str) -> None:
    st.divider()
    st.markdown(f"#### {t('cmp.retrain.title')}")
    st.caption(t("cmp.retrain.help", epochs=PAIR_RETRAIN["epochs"],
                 hidden=" · ".join(map(str, PAIR_RETRAIN["hidden"]))))
    if not st.session_state.get("cmp_jobs"):
        pick, data = dataset_picker("cmp_data", default_dataset)
        if data is not None and st.button(t("cmp.retrain.go"), type="primary", key="cmp_go"):
            submit_pair(pick, data)
    if st.session_state.get("cmp_error"):
        st.warning(t(st.session_state["cmp_error"]))
    if st.session_state.get("cmp_jobs"):
        st.fragment(run_every=1.0)(retrain_progress)()


def main(active: Active) -> None:
    models = which_pair()
    ds_name = models["vae"].dataset
    st.session_state.setdefault("cmp_lim", 4.0)     # a link may have set it: no default in the widget as well
    lim = st.slider(t("cmp.lim"), 1.0, 40.0, step=0.5, key="cmp_lim", help=t("cmp.lim_help"))
    draw_classes(models, ds_name)
    prior_draws(models, ds_name)
    numbers(models, ds_name)
    latent_maps(models, lim)
    decoded_grids(models, lim)
    st.markdown(f"#### {t('cmp.why.title')}")
    st.markdown(t("cmp.why"))
    retrain(active.dataset)


main(active)
