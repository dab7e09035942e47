"""Training in the background for a server shared by a class: a bounded pool of worker threads with a queue.

A session submits a job and polls it; nothing blocks the page, and the number of trainings running at once is
bounded (the rest wait in line and can see their place). Each job trains its own model: a shared model is never
touched. A job nobody has looked at for `abandon_after` seconds (the tab was closed) stops after its current step.

    queue = TrainingQueue(workers=1)
    job = queue.submit(model_config, train_config, dataset)
    job.snapshot()          # a consistent copy of the state: status, progress, history, latent points, ...
    job.request_stop()
"""
from __future__ import annotations

import copy
import itertools
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass, field

import torch

from .config import ModelConfig, TrainConfig
from .latent import encode_dataset
from .training import Progress, fit

STATES = ("queued", "running", "done", "stopped", "failed")


@dataclass
class JobState:
    """What a page needs to draw a job. A copy: safe to read while the job runs."""
    id: int
    status: str                          # one of STATES
    position: int                        # 1 = next to start, 0 when not queued
    progress: Progress | None            # the latest progress report
    history: list[dict]                  # one dict per finished epoch (all epochs, continued runs included)
    latent: tuple | None                 # (mu (n, 2) numpy, labels (n,) numpy) of a test subset after the last epoch
    error: str | None
    has_model: bool                      # a model with at least one finished epoch exists
    stopped_reason: str | None = None    # "user" or "abandoned"


@dataclass
class TrainingJob:
    id: int
    model_config: ModelConfig
    train_config: TrainConfig
    dataset: object                       # a vae_core.Dataset (its tensors are read, never written)
    start_model: torch.nn.Module | None   # continue from this (a private copy), else a new model
    start_history: list[dict]
    latent_points: int
    status: str = "queued"
    progress: Progress | None = None
    history: list[dict] = field(default_factory=list)
    latent: tuple | None = None
    error: str | None = None
    model: torch.nn.Module | None = None
    stopped_reason: str | None = None
    last_seen: float = field(default_factory=time.monotonic)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _queue: "TrainingQueue | None" = None

    def request_stop(self) -> None:
        """Ask the job to end after its current step (or not to start, if still waiting)."""
        with self._lock:
            if self.stopped_reason is None:
                self.stopped_reason = "user"
        self._stop.set()

    def touch(self) -> None:
        """Say someone is still watching (pages call this on every poll)."""
        self.last_seen = time.monotonic()

    @property
    def finished(self) -> bool:
        return self.status in ("done", "stopped", "failed")

    def snapshot(self) -> JobState:
        self.touch()
        with self._lock:
            pos = self._queue.position(self) if (self._queue and self.status == "queued") else 0
            return JobState(self.id, self.status, pos, self.progress, list(self.history), self.latent, self.error,
                            self.model is not None and bool(self.history), self.stopped_reason)

    def result(self):
        """(model, history) once finished with at least one epoch, else (None, history). The model is this
        job's own: hand it to one session only."""
        with self._lock:
            return (self.model if self.finished and self.history else None), list(self.history)


class TrainingQueue:
    """At most `workers` trainings run at once; up to `max_waiting` wait in line (FIFO). Each worker trains
    with `threads` torch threads (set in the worker thread itself: on a shared 2-core server one thread per
    training keeps the cores free for the pages, and avoids OpenMP teams spin-waiting for a busy core)."""

    def __init__(self, workers: int = 1, max_waiting: int = 40, abandon_after: float = 300.0,
                 device: torch.device | str = "cpu", threads: int = 1):
        self.workers = max(1, int(workers))
        self.threads = max(1, int(threads))
        self.max_waiting = max_waiting
        self.abandon_after = abandon_after
        self.device = torch.device(device)
        self._waiting: deque[TrainingJob] = deque()
        self._running: set[int] = set()
        self._cv = threading.Condition()
        self._ids = itertools.count(1)
        self._threads = [threading.Thread(target=self._work, name=f"vae-train-{i}", daemon=True)
                         for i in range(self.workers)]
        for th in self._threads:
            th.start()

    # -------------------------------------------------------------------------------------------- public
    def submit(self, model_config: ModelConfig, train_config: TrainConfig, dataset, *, start_model=None,
               start_history: list[dict] | None = None, latent_points: int = 1500) -> TrainingJob:
        """Queue a training run. Raises ValueError (one sentence) for a bad config or a full queue.
        `start_model` is copied, so the caller's model is never changed."""
        model_config.validate()
        train_config.validate()
        with self._cv:
            if len(self._waiting) >= self.max_waiting:
                raise ValueError(f"the training queue is full ({self.max_waiting} waiting); try again in a minute")
            job = TrainingJob(next(self._ids), model_config, train_config, dataset,
                              copy.deepcopy(start_model) if start_model is not None else None,
                              list(start_history or []), latent_points, _queue=self)
            self._waiting.append(job)
            self._cv.notify()
        return job

    def position(self, job: TrainingJob) -> int:
        """1-based place in line of a waiting job (0 when it is not waiting)."""
        with self._cv:
            for i, j in enumerate(self._waiting):
                if j is job:
                    return i + 1
        return 0

    def counts(self) -> tuple[int, int]:
        """(running, waiting)."""
        with self._cv:
            return len(self._running), len(self._waiting)

    # -------------------------------------------------------------------------------------------- workers
    def _work(self) -> None:
        torch.set_num_threads(self.threads)
        while True:
            with self._cv:
                while not self._waiting:
                    self._cv.wait()
                job = self._waiting.popleft()
                self._running.add(job.id)
            try:
                self._run(job)
            finally:
                with self._cv:
                    self._running.discard(job.id)

    def _abandoned(self, job: TrainingJob) -> bool:
        if time.monotonic() - job.last_seen > self.abandon_after:
            with job._lock:
                if job.stopped_reason is None:
                    job.stopped_reason = "abandoned"
            return True
        return job._stop.is_set()

    def _run(self, job: TrainingJob) -> None:
        if self._abandoned(job):
            with job._lock:
                job.status = "stopped"
            return
        with job._lock:
            job.status = "running"
        try:
            ds = job.dataset
            train = ds.tensors("train")
            test = ds.tensors("test")
            g = torch.Generator().manual_seed(0)
            n = test[0].shape[0]
            sub = torch.randperm(n, generator=g)[:min(job.latent_points, n)]
            sub_x, sub_y = test[0][sub], test[1][sub]
            model = job.start_model if job.start_model is not None else job.model_config

            def on_progress(p: Progress) -> None:
                latent = None
                if p.phase == "epoch":
                    # The model is this job's own and mid-training; encoding a subset reads it without grads.
                    m = current["model"]
                    if m is not None:
                        m.eval()
                        mu, _ = encode_dataset(m, sub_x, sub_y)
                        m.train()
                        latent = (mu[:, :2].cpu().numpy(), sub_y.cpu().numpy())
                with job._lock:
                    job.progress = p
                    if p.phase == "epoch" and p.record is not None:
                        job.history.append(p.record)
                        job.latent = latent

            current = {"model": None}
            if isinstance(model, ModelConfig):
                from .training import build_model
                model = build_model(model, job.train_config.seed)
            model.requires_grad_(True)  # a finished model is frozen; continuing trains this private copy
            current["model"] = model
            with job._lock:
                job.history = list(job.start_history)
            res = fit(model, train, test, config=job.train_config, callback=on_progress,
                      stop=lambda: self._abandoned(job), device=self.device, history=job.start_history)
            with job._lock:
                job.model = res.model.cpu().eval().requires_grad_(False)
                job.history = res.history
                job.status = "stopped" if res.stopped else "done"
        except Exception as e:  # a failed run must not kill the worker; the page shows the reason
            with job._lock:
                job.error = f"{type(e).__name__}: {e}"
                job.status = "failed"
            traceback.print_exc()
