"""β and posterior collapse: the same small VAE trained with several weights β on the KL term. Models are trained
on demand in the server's training queue and kept for every session (ui.training.beta_store)."""
import numpy as np
import streamlit as st

import vae_core
from ui.charts import beta_pictures, class_legend, map_plane
from ui.data import axis_limit, summary
from ui.i18n import beta_label, class_names, num, t
from ui.training import (BETAS, BetaModel, BetaStore, beta_store, is_live, job_progress, quick_configs,
                         training_queue)
from ui.widgets import dataset_picker, labelled_strip, legend, markdown_table, picture, tiles
from ui.lesson import curious

MODEL_CONF, TRAIN_CONF = quick_configs("vae")
OFF_NATS = 0.1    # a code number whose KL is below this carries (almost) nothing about the picture
SQUEEZED = 0.4    # both numbers on, but total KL under this share of the smallest β's: the cloud is pulled in (β = 4
#                   at 0.26 of β = 0.1's; the standard VAE, β = 1, at 0.45 still spreads out: BENCHMARKS compare.md)

active = st.session_state["_active"]
st.title(t("nav.beta"))
st.markdown(t("beta.intro"))
curious("beta")


def start(store: BetaStore, name: str, data: vae_core.Dataset) -> None:
    try:
        store.train_missing(training_queue(), name, data, BETAS)
        st.session_state["beta_error"] = None
    except ValueError:
        st.session_state["beta_error"] = "cmp.retrain.queue_full"


def progress(store: BetaStore, name: str, n_ready: int) -> None:
    """Progress of the β trainings (this server's, whoever started them); a full rerun of the page whenever a
    model is ready, so results appear one by one."""
    states = store.state(name, BETAS)
    for b, s in states.items():
        if isinstance(s, vae_core.JobState):
            job_progress(s, f"β = {beta_label(b)}")
    if sum(isinstance(s, BetaModel) for s in states.values()) != n_ready or not any(
            is_live(s) for s in states.values()):
        st.rerun()


def trainings(store: BetaStore, name: str, data: vae_core.Dataset) -> list[BetaModel]:
    """The β models that are ready; meanwhile the trainings' progress, or a button to train the missing ones."""
    states = store.state(name, BETAS)
    ready = [s for s in states.values() if isinstance(s, BetaModel)]
    live = any(is_live(s) for s in states.values())
    missing = [b for b, s in states.items() if not isinstance(s, BetaModel) and not is_live(s)]
    if live:
        st.fragment(run_every=1.0)(progress)(store, name, len(ready))
    else:
        for b, s in states.items():
            if isinstance(s, vae_core.JobState):           # ended without a model: say why, offer to train again
                job_progress(s, f"β = {beta_label(b)}")
        if missing:
            label = "beta.train_all" if len(missing) == len(BETAS) else "beta.train_missing"
            st.button(t(label, n=len(missing)), type="primary", on_click=start, args=(store, name, data),
                      key="beta_go", help=t("beta.train_help"))
    if st.session_state.get("beta_error"):
        st.warning(t(st.session_state["beta_error"]))
    if not ready and not live:
        st.info(t("beta.none_yet"))
    return ready


def collapse_state(kl_per_dim, widest_kl: float | None = None, off: float = OFF_NATS) -> str:
    """"both" numbers of the code in use, "squeezed" (both in use, but the total KL is under half the KL of the
    smallest β's model, `widest_kl`: on the shared axes its cloud is drawn small, near (0, 0)), "one" switched
    off, or "none" left (full collapse). KL in nats per code number."""
    on = int(sum(float(k) > off for k in kl_per_dim))
    if on == 2 and widest_kl is not None and sum(map(float, kl_per_dim)) < SQUEEZED * widest_kl:
        return "squeezed"
    return {2: "both", 1: "one"}.get(on, "none")


def latent_maps(ready: list[BetaModel], rows, names: list[str]) -> None:
    lim = axis_limit([m.active for m in ready])
    widest = min(range(len(ready)), key=lambda i: ready[i].beta)         # the smallest β: the widest cloud
    widest_kl, widest_beta = float(rows[widest][1].kl), beta_label(ready[widest].beta)
    st.markdown(f"#### {t('beta.maps.title')}")
    st.caption(t("beta.maps.caption", lim=num(lim)))
    for col, m, (_, s) in zip(tiles(len(ready), "beta_maps"), ready, rows):
        with col:
            st.markdown(f"**β = {beta_label(m.beta)}**")
            picture(map_plane(m.active, lim, size=360, faint=False, max_points=1500).png(),
                    alt=f"β = {beta_label(m.beta)}")
            st.markdown(t("beta.col.kl", kl1=num(s.kl_per_dim[0], 2), kl2=num(s.kl_per_dim[1], 2)))
            st.markdown(t(f"beta.state.{collapse_state(s.kl_per_dim, widest_kl)}", beta=widest_beta))
            st.caption(t("beta.col.numbers", recon=num(s.recon), kl=num(s.kl, 2)))
    legend(class_legend(ready[0].active.dataset))


def reconstructions(ready: list[BetaModel], data: vae_core.Dataset) -> None:
    """The first test image of each class, redrawn by each model, and the mean image a collapsed model draws."""
    st.markdown(f"#### {t('beta.recon.title')}")
    st.caption(t("beta.recon.caption"))
    x, y = data.tensors("test")
    ylab = y.numpy()
    picks = [int(np.flatnonzero(ylab == c)[0]) for c in range(10) if (ylab == c).any()]
    labelled_strip(t("beta.original"), x[picks, 0].numpy(), scale=3)
    for m in ready:
        labelled_strip(f"β = {beta_label(m.beta)}", vae_core.reconstruct(m.active.model, x[picks])[0], scale=3)
    labelled_strip(t("beta.mean_image"), x.mean(0).numpy(), scale=3)


def numbers(rows) -> None:
    st.markdown(f"#### {t('beta.chart.title')}")
    head = [t("beta.table.beta"), t("beta.recon"), t("beta.kl"), t("beta.kl_dim", d=1), t("beta.kl_dim", d=2),
            t("beta.table.mu")]
    cells = [[beta_label(b), num(s.recon), num(s.kl, 2), num(s.kl_per_dim[0], 2), num(s.kl_per_dim[1], 2),
              num(float(np.mean(s.mu_abs)), 2)] for b, s in rows]
    st.markdown(markdown_table(head, cells))
    st.caption(t("beta.table.caption"))
    if len(rows) > 1:
        recon, kl = beta_pictures(rows)
        left, right = st.columns(2, gap="large")
        left.markdown(f"**{t('beta.chart.recon')}** ({t('beta.nats')})")
        picture(recon, target=left, alt=t("beta.chart.recon"))
        right.markdown(f"**{t('beta.chart.kl')}** ({t('beta.nats')})")
        picture(kl, target=right, alt=t("beta.chart.kl"))
        legend([("line", "#d62728", t("beta.kl")), ("dash", "#ff7f0e", t("beta.kl_dim", d=1)),
                ("dash", "#8c564b", t("beta.kl_dim", d=2))], target=right)


def main(active) -> None:
    name, data = dataset_picker("beta_data", active.dataset)
    if data is None:
        return
    st.caption(t("beta.setup", betas=" · ".join(beta_label(b) for b in BETAS), epochs=TRAIN_CONF.epochs,
                 hidden=" · ".join(map(str, MODEL_CONF.hidden))))
    ready = trainings(beta_store(), name, data)
    if not ready:
        return
    rows = [(m.beta, summary(m.active)) for m in ready]
    names = class_names(name)
    latent_maps(ready, rows, names)
    reconstructions(ready, data)
    numbers(rows)
    st.markdown(f"#### {t('beta.explain.title')}")
    st.markdown(t("beta.explain"))


main(active)
