"""Train: a model of your own, on the class's training cluster (Dask workers), with live curves and a latent
scatter that refreshes each epoch. A preset (Quick, Standard) fills the settings; moving any setting makes it
Custom. A waiting student sees their place and an estimate. The result is this session's until saved."""
import streamlit as st

import vae_core
from vae_core.presets import PRESETS
from ui.data import dataset, describe_data
from ui.i18n import class_names, count, duration, labeller, lang, relabel, t
from ui.models import models_dir, safe_model_name, saved_models
from ui.training import adopt, adopted, continue_config, training_queue
from ui import charts
from ui.map_chart import light_chart
from ui.lesson import curious, reason

st.title(t("nav.train"))
st.markdown(t("train.intro"))
curious("train")

SIZES = {"small": (256, 128), "large": (448, 256)}
BATCHES = [32, 64, 128, 256, 512]
RATES = [3e-4, 1e-3, 2e-3, 3e-3, 5e-3]
BETAS = [0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0]


SLIDERS = ("train_size", "train_epochs", "train_batch", "train_lr", "train_cosine")


def preset_values(name: str) -> dict:
    p = PRESETS[name]
    size = next((k for k, h in SIZES.items() if h == p.hidden), "large")
    return {"train_size": size, "train_epochs": p.epochs, "train_batch": p.batch_size, "train_lr": p.lr,
            "train_cosine": p.schedule == "cosine"}


def apply_preset() -> None:
    """The preset radio changed: a fixed preset writes its recipe into the settings."""
    name = st.session_state.get("train_preset")
    if name in PRESETS and PRESETS[name].fixed:
        st.session_state.update(preset_values(name))


def to_custom() -> None:
    """A setting was moved by hand: the recipe is now Custom (unless it still equals the preset's)."""
    name = st.session_state.get("train_preset")
    if name in PRESETS and PRESETS[name].fixed and \
            any(st.session_state.get(k) != v for k, v in preset_values(name).items()):
        st.session_state["train_preset"] = "custom"


def about(name: str) -> str:
    p = PRESETS[name]
    if not p.fixed:
        return t("train.preset.custom_about")
    return t("train.preset.about", seconds=duration(p.about_seconds, rough=True), nats=f"{p.about_nats:.0f}")


def preset_picker(where) -> str:
    """Quick / Standard / Custom, with what each costs and reaches; the class's preset is the default."""
    if st.session_state.get("train_preset") not in PRESETS:
        st.session_state["train_preset"] = training_queue().preset()
        apply_preset()
    name = st.session_state["train_preset"]
    for k, v in preset_values(name if PRESETS[name].fixed else "standard").items():
        st.session_state.setdefault(k, v)      # the settings left the page with it: back to the recipe
    relabel("train_preset")
    names = list(PRESETS)
    return where.radio(t("train.preset"), names, key="train_preset", horizontal=True, on_change=apply_preset,
                       format_func=labeller("train.preset."), captions=[about(n) for n in names],
                       help=t("train.preset_help"))


def settings():
    """The training form -> (dataset name, ModelConfig, TrainConfig)."""
    relabel("train_dataset", "train_kind", "train_size")
    c0, c1 = st.columns([1, 2])
    ds_name = c0.selectbox(t("train.dataset"), list(vae_core.DATASETS), key="train_dataset",
                           format_func=labeller("dataset."))
    kind = c0.radio(t("train.kind"), list(vae_core.KINDS), key="train_kind", format_func=labeller("kind."),
                    help=t("train.kind_help"), horizontal=True)
    preset = preset_picker(c1)
    c1, c2, c3 = st.expander(t("train.settings"), expanded=preset == "custom").columns(3)
    size = c1.radio(t("train.size"), list(SIZES), key="train_size", horizontal=True, on_change=to_custom,
                    format_func={s: t(f"train.size.{s}", sizes="-".join(map(str, h))) for s, h in SIZES.items()}.get)
    epochs = c1.slider(t("train.epochs"), 1, 50, key="train_epochs", help=t("train.epochs_help"),
                       on_change=to_custom)
    batch = c2.select_slider(t("train.batch"), BATCHES, key="train_batch", help=t("train.batch_help"),
                             on_change=to_custom)
    lr = c2.select_slider(t("train.lr"), RATES, key="train_lr", format_func=lambda v: f"{v:g}",
                          help=t("train.lr_help"), on_change=to_custom)
    beta = c3.select_slider("β", BETAS, value=1.0, key="train_beta", format_func=lambda v: f"{v:g}",
                            help=t("train.beta_help"), disabled=kind == "ae")
    seed = c3.number_input(t("train.seed"), 0, 999_999, 0, key="train_seed", help=t("train.seed_help"))
    cosine = c3.toggle(t("train.cosine"), key="train_cosine", help=t("train.cosine_help"), on_change=to_custom)
    mconf = vae_core.ModelConfig(kind=kind, hidden=SIZES[size])
    tconf = vae_core.TrainConfig(epochs=int(epochs), batch_size=int(batch), lr=float(lr),
                                 beta=0.0 if kind == "ae" else float(beta), seed=int(seed),
                                 schedule="cosine" if cosine else "constant")
    return ds_name, mconf, tconf


def submit(ds, mconf, tconf, start_model=None, start_history=None, label=None):
    try:
        job = training_queue().submit(mconf, tconf, ds, start_model=start_model, start_history=start_history,
                                      label=label or st.session_state.get("train_preset", "custom"))
    except ValueError as e:
        st.error(t("train.queue_full", reason=reason(e)))
        return
    st.session_state["train_job"] = job
    st.session_state["train_job_meta"] = {"dataset": ds.name}


def worker_data(d: dict | None) -> str:
    """The data a worker trained on, in this page's language (the worker's own sources may differ from ours)."""
    if not d:
        return ""
    n = d.get("n_train", 0) + d.get("n_test", 0)
    return t(f"source.{d['source']}", title=vae_core.DATASETS[d["name"]]["title"], n=count(n),
             where=d.get("location", ""), n_train=count(d.get("n_train", 0)), n_test=count(d.get("n_test", 0)))


def status_line(s) -> None:
    if s.message:
        (st.warning if s.message == "worker_lost" else st.info)(t(f"train.msg.{s.message}"))
    if s.status == "queued" and training_queue().backend is None:
        st.info(t("train.starting_cluster"))
    elif s.status == "queued":
        running, waiting = training_queue().counts()
        st.info(t("train.queued", pos=s.position, running=running))
        if s.eta_seconds is not None:
            st.caption(t("train.eta_wait", start=duration(s.eta_start or 0, rough=True),
                         done=duration(s.eta_seconds, rough=True)))
    elif s.status == "running":
        p = s.progress
        if p is None:
            st.info(t("train.starting"))
        else:
            st.progress(min(1.0, p.fraction), text=t("train.running", epoch=p.epoch, epochs=p.epochs,
                                                         loss=p.loss, seconds=p.elapsed))
            if s.eta_seconds is not None and p.fraction < 1:
                st.caption(t("train.eta_run", done=duration(s.eta_seconds, rough=True)))
    elif s.status == "done":
        st.success(t("train.done", epochs=len(s.history), loss=s.history[-1].get("test_loss", s.history[-1]["train_loss"])))
    elif s.status == "stopped":
        key = {"abandoned": "train.stopped_abandoned", "teacher": "train.stopped_teacher"}.get(s.stopped_reason,
                                                                                               "train.stopped")
        st.warning(t(key, epochs=len(s.history)) if s.history else t("train.stopped_nothing"))
    elif s.error_code in ("worker_lost", "cluster_lost"):
        st.error(t(f"train.failed_{s.error_code}"))
    else:
        st.error(t("train.failed", reason=reason(s.error or "?")))
    if s.data and s.status in ("running", "done", "stopped"):
        st.caption(t("train.worker_data", data=worker_data(s.data),
                     where=t(f"train.device.{s.device or 'cpu'}")))


def notice() -> None:
    """The cluster named by VAE_SCHEDULER could not be reached (or was lost): the lesson goes on locally."""
    q = training_queue()
    if q.notice:
        code, args = q.notice
        st.warning(t(f"train.notice.{code}", **args))


def figures(job, s, ds_name):
    """The curves and the latent scatter of the job's finished epochs, rebuilt only when an epoch ends: the live
    part reruns every second, and building them each time was most of that rerun (bench/sections/app.md)."""
    sig = (job.id, len(s.history), lang(), ds_name)
    got = st.session_state.get("_train_figures")
    if got is None or got[0] != sig:
        curves = charts.loss_curves(s.history, t)
        scatter = None if s.latent is None else charts.small_scatter(*s.latent, class_names(ds_name), t)
        got = st.session_state["_train_figures"] = (sig, curves, scatter)
    return got[1], got[2]


def live(job, ds_name):
    """Progress, curves and the latent scatter of the session's job. Polled once a second while it runs."""
    s = job.snapshot()
    status_line(s)
    if s.status in ("queued", "running"):
        st.button(t("train.stop"), key="train_stop", on_click=job.request_stop, type="secondary")
    if s.history:
        curves, scatter = figures(job, s, ds_name)
        a, b = st.columns([3, 2])
        config = {"displayModeBar": False, "responsive": True}
        with a:
            light_chart(curves, key="train_curves", config=config)
        if scatter is not None:
            with b:
                light_chart(scatter, key="train_scatter", config=config)
    if job.finished and not adopted(job):
        st.rerun()   # the whole app: the sidebar shows the new model


def save_form(entry) -> None:
    st.subheader(t("train.save_title"))
    name_text = st.text_input(t("train.save_name"), key="train_save_name", max_chars=60, help=t("train.save_help"))
    name = safe_model_name(name_text)
    exists = name in saved_models()
    overwrite = False
    if name_text and not name:
        st.warning(t("train.save_bad_name"))
    elif exists:
        st.warning(t("train.save_exists", name=name))
        overwrite = st.checkbox(t("train.save_overwrite", name=name), key="train_overwrite")
    if st.button(t("train.save"), key="train_save", disabled=not name or (exists and not overwrite)):
        model = entry["model"]
        meta = dict(getattr(model, "meta", {}))
        hist = meta.get("history") or []
        if hist and "test_loss" in hist[-1]:
            meta["metrics"] = {"test_neg_elbo": hist[-1]["test_loss"], "test_recon": hist[-1]["test_recon"],
                               "test_kl": hist[-1]["test_kl"]}
        meta["name"] = name_text.strip()
        try:
            path = vae_core.save_model(model, models_dir() / f"{name}.safetensors", meta, overwrite=overwrite)
        except vae_core.CheckpointError:
            st.error(t("train.save_exists", name=name))
        except OSError as e:
            st.error(t("train.save_failed", reason=reason(e)))
        else:
            st.success(t("train.saved", name=path.stem))


def main() -> None:
    """The form, Start / Continue, the session's job while it runs, then the form to save its model. (The page
    makes a model rather than reading the active one, so it takes none.)"""
    ds_name, mconf, tconf = settings()
    ds = dataset(ds_name)
    job = st.session_state.get("train_job")
    busy = job is not None and not job.finished
    if ds is not None:
        st.caption(t("train.data_note", data=describe_data(ds)))
        cols = st.columns([1, 1, 2])
        if cols[0].button(t("train.start"), type="primary", key="train_start", disabled=busy):
            submit(ds, mconf, tconf)
        entry = st.session_state.get("session_model")
        if entry is not None and not busy:
            more = cols[2].number_input(t("train.more_epochs"), 1, 50, 5, key="train_more")
            if cols[1].button(t("train.continue"), key="train_continue", help=t("train.continue_help")):
                m = entry["model"]
                hist = list(getattr(m, "meta", {}).get("history") or [])
                cont = continue_config(tconf, more, m.config.kind)
                src = dataset(getattr(m, "meta", {}).get("dataset", ds_name))
                if src is not None:
                    submit(src, m.config, cont, start_model=m, start_history=hist)
    notice()

    job = st.session_state.get("train_job")
    if job is not None:
        adopt(job)
        if job.finished:
            live(job, st.session_state.get("train_job_meta", {}).get("dataset", ds_name))
        else:
            st.fragment(run_every=1.0)(live)(job, st.session_state.get("train_job_meta", {}).get("dataset", ds_name))
    entry = st.session_state.get("session_model")
    if entry is not None and (job is None or job.finished):
        save_form(entry)


main()
