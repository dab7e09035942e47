"""β and posterior collapse: the same small VAE trained with several weights β on the KL term. Models are trained
on demand in the server's training queue and kept for every session (views.beta_store)."""
import numpy as np
import streamlit as st

import vae_core
from ui import views
from ui.common import class_names, t, training_queue

BETAS = vae_core.BETAS
MODEL_CONF, TRAIN_CONF = vae_core.quick_configs("vae")

active = st.session_state["_active"]
st.title(t("nav.beta"))
st.markdown(t("beta.intro"))

name, data = views.dataset_picker("beta_data", active.dataset)
if data is None:
    st.stop()
store = views.beta_store()
names = class_names(name)
st.caption(t("beta.setup", betas=" · ".join(views.beta_label(b) for b in BETAS), epochs=TRAIN_CONF.epochs,
             hidden=" · ".join(map(str, MODEL_CONF.hidden))))


def is_live(s) -> bool:
    return isinstance(s, vae_core.JobState) and s.status in ("queued", "running")


def start() -> None:
    try:
        store.train_missing(training_queue(), name, data, BETAS)
        st.session_state["beta_error"] = None
    except ValueError:
        st.session_state["beta_error"] = "cmp.retrain.queue_full"


def progress(n_ready: int) -> None:
    """Progress of the β trainings (this server's, whoever started them); a full rerun of the page whenever a
    model is ready, so results appear one by one."""
    states = store.state(name, BETAS)
    for b, s in states.items():
        if isinstance(s, vae_core.JobState):
            views.job_progress(s, f"β = {views.beta_label(b)}")
    if sum(isinstance(s, views.BetaModel) for s in states.values()) != n_ready or not any(
            is_live(s) for s in states.values()):
        st.rerun()


states = store.state(name, BETAS)
ready = [s for s in states.values() if isinstance(s, views.BetaModel)]
live = any(is_live(s) for s in states.values())
missing = [b for b, s in states.items() if not isinstance(s, views.BetaModel) and not is_live(s)]
if live:
    st.fragment(run_every=1.0)(progress)(len(ready))
else:
    for b, s in states.items():
        if isinstance(s, vae_core.JobState):           # ended without a model: say why, offer to train again
            views.job_progress(s, f"β = {views.beta_label(b)}")
    if missing:
        label = "beta.train_all" if len(missing) == len(BETAS) else "beta.train_missing"
        st.button(t(label, n=len(missing)), type="primary", on_click=start, key="beta_go",
                  help=t("beta.train_help"))
if st.session_state.get("beta_error"):
    st.warning(t(st.session_state["beta_error"]))

if not ready:
    if not live:
        st.info(t("beta.none_yet"))
    st.stop()

# ---------------------------------------------------------------------------------------------- the models
rows = [(m.beta, views.summary(m.active)) for m in ready]
lim = views.axis_limit([m.active for m in ready])
st.markdown(f"#### {t('beta.maps.title')}")
st.caption(t("beta.maps.caption", lim=views.num(lim)))
cols = st.columns(len(ready))
for i, (col, m, (_, s)) in enumerate(zip(cols, ready, rows)):
    with col:
        st.markdown(f"**β = {views.beta_label(m.beta)}**")
        st.plotly_chart(views.small_scatter(m.active, names, lim, height=200), key=f"beta_map_{i}",
                        config={"displayModeBar": False, "staticPlot": True})
        st.caption(t("beta.col.numbers", recon=views.num(s.recon), kl=views.num(s.kl, 2),
                     kl1=views.num(s.kl_per_dim[0], 2), kl2=views.num(s.kl_per_dim[1], 2)))
st.caption(t("beta.legend", classes=", ".join(f"{c}" for c in names)))

st.markdown(f"#### {t('beta.recon.title')}")
st.caption(t("beta.recon.caption"))
x, y = data.tensors("test")
ylab = y.numpy()
picks = [int(np.flatnonzero(ylab == c)[0]) for c in range(10) if (ylab == c).any()]
views.labelled_strip(t("beta.original"), x[picks, 0].numpy(), scale=3)
for m in ready:
    views.labelled_strip(f"β = {views.beta_label(m.beta)}", vae_core.reconstruct(m.active.model, x[picks])[0], scale=3)
views.labelled_strip(t("beta.mean_image"), x.mean(0).numpy(), scale=3)

st.markdown(f"#### {t('beta.chart.title')}")
head = [t("beta.table.beta"), t("beta.recon"), t("beta.kl"), t("beta.kl_dim", d=1), t("beta.kl_dim", d=2),
        t("beta.table.mu")]
lines = ["| " + " | ".join(h.replace("|", "\\|") for h in head) + " |", "|" + "---:|" * len(head)]
for b, s in rows:
    cells = [views.beta_label(b), views.num(s.recon), views.num(s.kl, 2), views.num(s.kl_per_dim[0], 2),
             views.num(s.kl_per_dim[1], 2), views.num(float(np.mean(s.mu_abs)), 2)]
    lines.append("| " + " | ".join(cells) + " |")
left, right = st.columns([2, 3], gap="large")
left.markdown("\n".join(lines))
left.caption(t("beta.table.caption"))
if len(rows) > 1:
    right.plotly_chart(views.beta_figure(rows), key="beta_chart", config={"displayModeBar": False})

st.markdown(f"#### {t('beta.explain.title')}")
st.markdown(t("beta.explain"))
