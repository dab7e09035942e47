"""Training from the pages: the server's one training queue, the Train page's job (its model becomes the
session's), a job's progress, the lessons' presets, the β models every session shares, and the AE-vs-VAE
retraining a session keeps for itself.

Nothing here trains, moves or changes a shared model: trainings run in the queue on the job's own copy.
The queue is used only through its interface (submit, counts; a job's snapshot, result, request_stop)."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import streamlit as st

import vae_core
from ui.i18n import num, t
from ui.lesson import reason
from ui.models import Active, set_session_model

# Lesson presets.
# The β sweep of the lesson: sharp but irregular (0.1) -> the ELBO (1) -> smooth but blurry (4) -> one latent
# dimension switched off (16) -> full posterior collapse (64; with a 2-D latent β = 16 keeps about one nat).
BETAS = (0.1, 1.0, 4.0, 16.0, 64.0)              # the β page's weights on the KL term
PAIR = ("ae", "vae")                             # the AE vs VAE page's two kinds
PAIR_RETRAIN = dict(hidden=(256, 128), epochs=4)  # both in under a minute on 2 cores with the 60,000 MNIST images
LIVE = ("queued", "running")


def quick_configs(kind: str = "vae", beta: float = 1.0, *, hidden: tuple[int, ...] = (128, 64), epochs: int = 4,
                  seed: int = 0) -> tuple[vae_core.ModelConfig, vae_core.TrainConfig]:
    """A small MLP and a short run for on-demand classroom trainings (BENCHMARKS.md has its timings).
    Same seed -> same weights."""
    return (vae_core.ModelConfig(kind=kind, latent_dim=2, hidden=hidden),
            vae_core.TrainConfig(epochs=epochs, batch_size=128, lr=2e-3, beta=beta, seed=seed, schedule="cosine"))


@st.cache_resource(show_spinner=False)
def training_queue() -> vae_core.TrainingQueue:
    """The server's one training queue: at most VAE_TRAIN_WORKERS (default 1) trainings at once, the rest wait;
    each with VAE_TRAIN_THREADS (default 1) torch threads."""
    return vae_core.TrainingQueue(workers=int(os.environ.get("VAE_TRAIN_WORKERS", "1")),
                                  threads=int(os.environ.get("VAE_TRAIN_THREADS", "1")))


def continue_config(tconf: vae_core.TrainConfig, epochs: int, kind: str) -> vae_core.TrainConfig:
    """Settings for training a finished model further ("Continue" on the Train page): the form's batch size,
    β and seed, at a quarter of its learning rate with a cosine decay. The weights are already trained, so the
    run refines them with smaller steps instead of starting a new warm-up at the full rate, which would first
    undo part of what was learnt (the reason is not recorded in the history; this is what the factor does)."""
    return vae_core.TrainConfig(epochs=int(epochs), batch_size=tconf.batch_size, lr=tconf.lr / 4,
                                beta=tconf.beta if kind != "ae" else 0.0, seed=tconf.seed, schedule="cosine")


# ---------------------------------------------------------------------------------------------- the Train page's job
# Session state: "train_job" the session's TrainingJob, "train_job_meta" {"dataset"} it trains on, "train_adopted"
# the id of the job whose model became the session's model.

def adopted(job) -> bool:
    """True once the job's model has been taken as this session's model (adopt ran for it)."""
    return st.session_state.get("train_adopted") == job.id


def adopt(job) -> None:
    """Once a job ends with at least one epoch, its model becomes this session's active model (once)."""
    if not job.finished or adopted(job):
        return
    st.session_state["train_adopted"] = job.id
    model, history = job.result()
    if model is not None:
        # The worker wrote what it trained on (its own data sources) into the model's metadata.
        model.meta = {**getattr(model, "meta", {}), "history": history, "stopped_early": job.status == "stopped"}
        set_session_model(model, t("train.session_name", epochs=len(history)))


def is_live(state) -> bool:
    """True for a job state that is queued or running."""
    return isinstance(state, vae_core.JobState) and state.status in LIVE


def job_progress(snap: vae_core.JobState, label: str) -> None:
    """A progress bar (queued, running) or a message (finished) for one training job."""
    if snap.status == "queued":
        st.progress(0.0, text=t("cmp.job.queued", label=label, pos=snap.position))
    elif snap.status == "running":
        p = snap.progress
        if p is None:
            st.progress(0.0, text=t("cmp.job.starting", label=label))
        else:
            st.progress(min(1.0, max(0.0, p.fraction)),
                        text=t("cmp.job.running", label=label, epoch=p.epoch, epochs=p.epochs, loss=num(p.loss)))
    elif snap.status == "done":
        st.progress(1.0, text=t("cmp.job.done", label=label))
    elif snap.status == "stopped":
        st.warning(t("cmp.job.stopped_" + ("abandoned" if snap.stopped_reason == "abandoned" else "user"),
                     label=label))
    else:
        st.error(t("cmp.job.failed", label=label, reason=reason(snap.error or "?")))


# ---------------------------------------------------------------------------------------------- β models

@dataclass(frozen=True)
class BetaModel:
    beta: float
    active: Active             # key "beta:<dataset>:<β>:<job id>"; the model is read-only from here on
    history: list


class BetaStore:
    """The server's β models: (dataset, β) -> a finished model, or the queue job training it.
    Shared by every session (st.cache_resource); finished models are never trained again."""

    def __init__(self):
        self._lock = threading.Lock()
        self._models: dict[tuple[str, float], BetaModel] = {}
        self._jobs: dict[tuple[str, float], vae_core.TrainingJob] = {}

    def state(self, name: str, betas) -> dict:
        """β -> BetaModel (ready), JobState (queued, running or ended without a model) or None (never asked).
        Moves finished jobs' models into the store."""
        out = {}
        with self._lock:
            for b in betas:
                k = (name, float(b))
                job = self._jobs.get(k)
                if k not in self._models and job is not None and job.status == "done":
                    model, hist = job.result()
                    if model is not None:
                        self._models[k] = BetaModel(float(b), Active(model, f"beta:{name}:{b:g}:{job.id}",
                                                                     f"β = {b:g}", name), hist)
                        del self._jobs[k]
                if k in self._models:
                    out[b] = self._models[k]
                elif k in self._jobs:
                    out[b] = self._jobs[k].snapshot()
                else:
                    out[b] = None
        return out

    def add(self, name: str, beta: float, model: vae_core.VAE, history: list | None = None, key: str = "") -> None:
        """Keep a model trained elsewhere (e.g. by a script or a test) as the β model of dataset `name`."""
        model.eval().requires_grad_(False)
        with self._lock:
            self._models[(name, float(beta))] = BetaModel(
                float(beta), Active(model, f"beta:{name}:{beta:g}:{key or id(model)}", f"β = {beta:g}", name),
                list(history or []))

    def train_missing(self, queue: vae_core.TrainingQueue, name: str, data: vae_core.Dataset, betas) -> int:
        """Queue a training for every β with neither a model nor a live job; returns how many were queued.
        Raises ValueError (one sentence) when the queue is full."""
        n = 0
        with self._lock:
            for b in betas:
                k = (name, float(b))
                job = self._jobs.get(k)
                if k in self._models or (job is not None and not job.finished):
                    continue
                mconf, tconf = quick_configs("vae", float(b))
                self._jobs[k] = queue.submit(mconf, tconf, data, latent_points=500)
                n += 1
        return n


@st.cache_resource(show_spinner=False)
def beta_store() -> BetaStore:
    return BetaStore()


# ---------------------------------------------------------------------------------------------- AE vs VAE retraining
# Session state: "cmp_jobs" {"data", "jobs": kind -> TrainingJob} while they run; then "cmp_mine" {"data",
# "models": kind -> Active} when both finished, or "cmp_error" (a strings key) when they could not.

def submit_pair(name: str, data: vae_core.Dataset) -> None:
    """Queue a quick AE and a quick VAE (same size, same seed, same data); this session keeps the results."""
    jobs = {}
    try:
        for k in PAIR:
            mconf, tconf = quick_configs(k, 1.0, **PAIR_RETRAIN)
            jobs[k] = training_queue().submit(mconf, tconf, data, latent_points=500)
    except ValueError:
        for job in jobs.values():
            job.request_stop()
        st.session_state["cmp_error"] = "cmp.retrain.queue_full"
        return
    st.session_state["cmp_error"] = None
    st.session_state["cmp_jobs"] = {"data": name, "jobs": jobs}


def stop_pair() -> None:
    entry = st.session_state.get("cmp_jobs")
    for job in (entry or {}).get("jobs", {}).values():
        job.request_stop()


def pair_states() -> dict[str, vae_core.JobState] | None:
    """This session's retraining: kind -> job state; None when none runs. Once both have ended, their models
    become this session's pair ("cmp_mine", shown at once) or the reason goes to "cmp_error"; the caller reruns."""
    entry = st.session_state.get("cmp_jobs")
    if not entry:
        return None
    jobs = entry["jobs"]
    snaps = {k: jobs[k].snapshot() for k in PAIR}
    if not any(s.status in LIVE for s in snaps.values()):
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
    return snaps
