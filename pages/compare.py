"""AE vs VAE: the plain autoencoder and the VAE side by side (latent maps on the same axes, decoded grids over
the same range, the same 16 draws from N(0, I) decoded by each), and a quick retraining of both for the sceptical."""
import numpy as np
import plotly.graph_objects as go
import streamlit as st

import vae_core
from ui import views
from ui.common import (Active, class_names, labeller, latent_figure, load_pretrained, manifold_figure, relabel,
                       t, test_encodings, training_queue)

PAIR = ("ae", "vae")
N_DRAWS = 16
GRID_N = 15
RETRAIN = dict(hidden=(256, 128), epochs=4)   # both in under a minute on 2 cores with the 60,000 MNIST images

active = st.session_state["_active"]
st.title(t("nav.compare"))
st.markdown(t("cmp.intro"))


def shipped_pair() -> dict[str, Active]:
    return {k: Active(load_pretrained(f"mnist-{k}"), f"pretrained:mnist-{k}", t(f"pretrained.mnist-{k}"), "mnist")
            for k in PAIR}


def new_draw() -> None:
    st.session_state["cmp_seed"] = int(np.random.default_rng().integers(1, 2**31 - 1))


def stop_jobs() -> None:
    entry = st.session_state.get("cmp_jobs")
    for job in (entry or {}).get("jobs", {}).values():
        job.request_stop()


def submit(name: str, data: vae_core.Dataset) -> None:
    """Queue a quick AE and a quick VAE (same size, same seed, same data); this session keeps the results."""
    jobs = {}
    try:
        for k in PAIR:
            mconf, tconf = vae_core.quick_configs(k, 1.0, **RETRAIN)
            jobs[k] = training_queue().submit(mconf, tconf, data, latent_points=500)
    except ValueError:
        for job in jobs.values():
            job.request_stop()
        st.session_state["cmp_error"] = "cmp.retrain.queue_full"
        return
    st.session_state["cmp_error"] = None
    st.session_state["cmp_jobs"] = {"data": name, "jobs": jobs}


def poll() -> None:
    """Progress of this session's retraining; when both have ended, keep the models and rerun the page."""
    entry = st.session_state.get("cmp_jobs")
    if not entry:
        return
    jobs = entry["jobs"]
    snaps = {k: jobs[k].snapshot() for k in PAIR}
    for k in PAIR:
        views.job_progress(snaps[k], t(f"cmp.kind.{k}"))
    if all(s.status in ("done", "stopped", "failed") for s in snaps.values()):
        models = {k: jobs[k].result()[0] for k in PAIR}
        del st.session_state["cmp_jobs"]
        if all(snaps[k].status == "done" and models[k] is not None for k in PAIR):
            st.session_state["cmp_mine"] = {
                "data": entry["data"],
                "models": {k: Active(models[k], f"cmp:{k}:{jobs[k].id}", t(f"cmp.kind.{k}"), entry["data"])
                           for k in PAIR}}
            st.session_state["cmp_show_mine"] = True
        else:
            st.session_state["cmp_error"] = "cmp.retrain.incomplete"
        st.rerun()
    st.button(t("cmp.retrain.stop"), on_click=stop_jobs, key="cmp_stop")


# ---------------------------------------------------------------------------------------------- which pair
pairs = {"shipped": shipped_pair()}
mine = st.session_state.get("cmp_mine")
if mine:
    pairs["mine"] = mine["models"]
if st.session_state.pop("cmp_show_mine", False) and mine:
    st.session_state["cmp_which"] = "mine"
which = "shipped"
if len(pairs) > 1:
    relabel("cmp_which")
    which = st.radio(t("cmp.which"), list(pairs), horizontal=True, key="cmp_which",
                     format_func=labeller("cmp.which.", data=t(f"dataset.{mine['data']}")))
models = pairs[which]
ds_name = models["vae"].dataset
names = class_names(ds_name)

lim = st.slider(t("cmp.lim"), 1.0, 40.0, 4.0, 0.5, key="cmp_lim", help=t("cmp.lim_help"))

# ---------------------------------------------------------------------------------------------- numbers
summaries = {k: views.summary(models[k]) for k in PAIR}
scores = {k: views.prior_score(models[k]) for k in PAIR}
rows = [(t("cmp.m.recon"), {k: views.num(summaries[k].recon) for k in PAIR}),
        (t("cmp.m.spread"), {k: views.num(float(np.mean(summaries[k].mu_std)), 2) for k in PAIR}),
        (t(f"cmp.m.looks.{ds_name}"), {k: views.pct(scores[k].fraction) for k in PAIR})]
table = [f"| | {t('cmp.kind.ae')} | {t('cmp.kind.vae')} |", "|---|---:|---:|"]
table += [f"| {label} | {v['ae']} | {v['vae']} |" for label, v in rows]
left, right = st.columns([3, 4], gap="large")
left.markdown("\n".join(table))
s0 = scores["vae"]
right.caption(t("cmp.m.help", n=s0.n, k=s0.k, votes=round(s0.threshold * s0.k)))

# ---------------------------------------------------------------------------------------------- latent maps
st.markdown(f"#### {t('cmp.map.title')}")
st.caption(t("cmp.map.caption"))
cols = st.columns(2, gap="large")
for col, k in zip(cols, PAIR):
    with col:
        fig = go.Figure(latent_figure(models[k], lim, contours=True, height=520, max_points=4000))  # a copy
        fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, title=None))
        st.plotly_chart(fig, key=f"cmp_map_{k}", config={"displayModeBar": False})
        mu = test_encodings(models[k])[0]
        outside = float(np.mean(np.any(np.abs(mu) > lim, axis=1)))
        st.caption(t("cmp.map.outside", share=views.pct(outside)))

# ---------------------------------------------------------------------------------------------- decoded grids
st.markdown(f"#### {t('cmp.grid.title')}")
st.caption(t("cmp.grid.caption", n=GRID_N, lim=views.num(lim)))
cols = st.columns(2, gap="large")
for col, k in zip(cols, PAIR):
    with col:
        st.plotly_chart(manifold_figure(models[k], GRID_N, lim, "linear", height=440), key=f"cmp_grid_{k}",
                        config={"displayModeBar": False})

# ---------------------------------------------------------------------------------------------- prior draws
st.markdown(f"#### {t('cmp.draw.title', n=N_DRAWS)}")
st.caption(t("cmp.draw.caption"))
st.button(t("cmp.draw.again"), on_click=new_draw, icon=":material/casino:", key="cmp_again")
z = vae_core.prior_draw(N_DRAWS, 2, st.session_state.get("cmp_seed", 0))
cols = st.columns(2, gap="large")
for col, k in zip(cols, PAIR):
    imgs = vae_core.decode_points(models[k].model, z)
    with col:
        st.markdown(f"**{t(f'cmp.kind.{k}')}**")
        views.digit_row(imgs, views.knn_captions(imgs, ds_name, names), per_row=8)

st.markdown(f"#### {t('cmp.why.title')}")
st.markdown(t("cmp.why"))

# ---------------------------------------------------------------------------------------------- retrain both
st.divider()
st.markdown(f"#### {t('cmp.retrain.title')}")
st.caption(t("cmp.retrain.help", epochs=RETRAIN["epochs"], hidden=" · ".join(map(str, RETRAIN["hidden"]))))
running = st.session_state.get("cmp_jobs")
if not running:
    pick, data = views.dataset_picker("cmp_data", active.dataset)
    if data is not None and st.button(t("cmp.retrain.go"), type="primary", key="cmp_go"):
        submit(pick, data)
if st.session_state.get("cmp_error"):
    st.warning(t(st.session_state["cmp_error"]))
if st.session_state.get("cmp_jobs"):
    st.fragment(run_every=1.0)(poll)()
