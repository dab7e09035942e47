"""Trainings of a whole class, run as tasks on a Dask distributed cluster.

The app never trains in the process that serves pages. At the first training, `TrainingQueue` either attaches
to the cluster named by VAE_SCHEDULER (tcp://HOST:8786, shared by every app replica and by any number of
`dask worker` machines) or, when that is unset or unreachable, starts its own `LocalCluster` of
`VAE_TRAIN_WORKERS` worker processes (one thread each) on 127.0.0.1. `distributed` is imported only then, so
`streamlit run` starts as fast as before.

Each training is one task (vae_core.cluster.train_task). What crosses the wire is plain data: the dataset's
name (the worker loads it from its own sources), config dicts, the start model as safetensors bytes, and back
the trained model as safetensors bytes whose metadata records the data the worker used. Progress (steps,
epochs, losses, latent points) comes back as Dask events on a topic of this queue's own; Stop sets a Dask
Event the task checks; a worker that dies makes Dask run the task again elsewhere, and the page says so.

    queue = TrainingQueue(workers=1)
    job = queue.submit(model_config, train_config, "mnist")
    job.snapshot()          # a consistent copy of the state: status, place, ETA, progress, history, latent, ...
    job.request_stop()
"""
from __future__ import annotations

import heapq
import itertools
import logging
import os
import threading
import time
import uuid
import weakref
from collections import deque
from dataclasses import dataclass, field

from .config import ModelConfig, TrainConfig
from .presets import PRESETS, work_units
from .training import Progress

log = logging.getLogger(__name__)

STATES = ("queued", "running", "done", "stopped", "failed")
TOPIC_PREFIX = "vae-train-"
_LIVE: "weakref.WeakSet[TrainingQueue]" = weakref.WeakSet()     # every queue of this process (live_queues)


def live_queues() -> list["TrainingQueue"]:
    """The training queues alive in this process (the app has one; a long-running server's stats read it)."""
    return list(_LIVE)


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
    stopped_reason: str | None = None    # "user", "abandoned" or "teacher"
    eta_start: float | None = None       # queued: estimated seconds until it starts
    eta_seconds: float | None = None     # queued or running: estimated seconds until it is done
    worker: str | None = None            # the Dask worker running it
    device: str | None = None            # "cpu" or "cuda" on that worker
    message: str | None = None           # a code the page translates: "worker_lost", "restarted"
    error_code: str | None = None        # "worker_lost", "cluster_lost" or None (then `error` says why)
    data: dict | None = None             # what the worker trained on: name, source, description, n_train
    label: str = ""                      # the preset's name ("quick", ...) or "custom"; for the class view
    submitted: float = 0.0               # time.time() of submission
    elapsed: float | None = None         # running: seconds since it started; finished: wall seconds it ran


@dataclass
class TrainingJob:
    id: int
    key: str
    model_config: ModelConfig
    train_config: TrainConfig
    dataset: str
    start_history: list[dict]
    label: str = ""
    status: str = "queued"
    progress: Progress | None = None
    history: list[dict] = field(default_factory=list)
    latent: tuple | None = None
    error: str | None = None
    error_code: str | None = None
    message: str | None = None
    model: object | None = None            # a vae_core.VAE loaded from the returned bytes
    stopped_reason: str | None = None
    worker: str | None = None
    device: str | None = None
    data: dict | None = None
    attempt: str | None = None            # the run (attempt) whose events count; a restart has a new one
    seq: int = -1
    started: float | None = None          # monotonic, when the current attempt began
    ended: float | None = None
    submitted: float = field(default_factory=time.time)
    last_seen: float = field(default_factory=time.monotonic)
    future: object | None = None
    # Between the job and the queue that runs it (TrainingQueue sets and uses these; nothing else should):
    task_args: tuple = ()                  # what the training task is sent (plain data), set by submit
    lock: threading.Lock = field(default_factory=threading.Lock)  # guards the job's fields across threads
    queue: "TrainingQueue | None" = None   # the queue running it: estimates, position, stop_job

    def request_stop(self, reason: str = "user") -> None:
        """Ask the job to end after its current step (or not to start, if still waiting)."""
        with self.lock:
            if self.finished:
                return
            if self.stopped_reason is None:
                self.stopped_reason = reason
        if self.queue is not None:
            self.queue.stop_job(self)

    def touch(self) -> None:
        """Say someone is still watching (pages call this on every poll)."""
        self.last_seen = time.monotonic()

    @property
    def finished(self) -> bool:
        return self.status in ("done", "stopped", "failed")

    def snapshot(self, touch: bool = True) -> JobState:
        if touch:
            self.touch()
        eta = self.queue.estimates() if self.queue is not None else {}
        pos = self.queue.position(self) if (self.queue and self.status == "queued") else 0
        with self.lock:
            e = eta.get(self.id, (None, None))
            now = time.monotonic()
            elapsed = None
            if self.started is not None:
                elapsed = (self.ended or now) - self.started
            return JobState(self.id, self.status, pos, self.progress, list(self.history), self.latent, self.error,
                            self.model is not None and bool(self.history), self.stopped_reason,
                            eta_start=e[0], eta_seconds=e[1], worker=self.worker, device=self.device,
                            message=self.message, error_code=self.error_code,
                            data=dict(self.data) if self.data else None, label=self.label,
                            submitted=self.submitted, elapsed=elapsed)

    def release(self) -> None:
        """Forget the model and the latent points (the record stays): the queue does this a while after the end."""
        with self.lock:
            self.model = None
            self.latent = None

    def result(self):
        """(model, history) once finished with at least one epoch, else (None, history). The model is this
        job's own (loaded from the bytes the worker sent): hand it to one session only."""
        with self.lock:
            return (self.model if self.finished and self.history else None), list(self.history)


def _children_skip_main_script() -> None:
    """Streamlit runs app.py as the module __main__, and multiprocessing's spawn runs __main__'s file again in
    every child it starts: each worker process (and each restart of one) would run the whole app. The training
    task lives in vae_core, so the children skip that: they import only what the task needs."""
    import multiprocessing.spawn as spawn
    if getattr(spawn.get_preparation_data, "_vae_core", False):
        return
    original = spawn.get_preparation_data

    def preparation_data(name):
        data = original(name)
        data.pop("init_main_from_path", None)
        return data

    preparation_data._vae_core = True
    spawn.get_preparation_data = preparation_data


class TrainingQueue:
    """The server's trainings, on a Dask cluster. `workers` and `threads` size the embedded LocalCluster (worker
    processes, torch threads per training); `scheduler` is an address (tcp://HOST:8786 or tls://...) to attach
    to instead (None: read VAE_SCHEDULER; "": never). Up to `max_waiting` trainings of this app wait in line."""

    def __init__(self, workers: int = 1, max_waiting: int = 40, abandon_after: float = 300.0, device=None,
                 threads: int = 1, scheduler: str | None = None, connect_timeout: float = 3.0,
                 resource: str | None = None, poll: float = 1.0, fallback: bool = True):
        self.workers = max(1, int(workers))
        self.threads = max(1, int(threads))
        self.max_waiting = max_waiting
        self.abandon_after = abandon_after
        self.scheduler = os.environ.get("VAE_SCHEDULER", "").strip() if scheduler is None else scheduler.strip()
        self.connect_timeout = connect_timeout
        self.resource = resource if resource is not None else (os.environ.get("VAE_TRAIN_RESOURCE") or None)
        self.poll = poll
        self.fallback = fallback        # False: an unreachable scheduler raises ConnectionError (the CLI)
        self.no_worker_grace = float(os.environ.get("VAE_NO_WORKER_GRACE", "90"))
        # A finished job keeps its model this long for its page to collect (a page polls once a second); after
        # that only its record stays (the class view's list). A closed tab's model is not kept all day.
        self.keep_model_for = float(os.environ.get("VAE_JOB_MODEL_KEEP", "600"))
        self._no_workers_since: float | None = None
        self.topic = TOPIC_PREFIX + uuid.uuid4().hex
        self.notice: tuple[str, dict] | None = None   # ("scheduler_unreachable" | "scheduler_lost", {"address":})
        self.backend: str | None = None               # "local" or "remote" once started
        self.class_preset: str | None = None          # set by the teacher; None: the server's default
        self._client = None
        self._cluster = None
        self._remote_failed = False
        self._start_lock = threading.Lock()
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._jobs: dict[str, TrainingJob] = {}        # key -> job, this app's, newest last
        self._pace: deque[float] = deque(maxlen=12)   # seconds per work unit of finished trainings
        self._n_train: dict[str, int] = {}            # dataset name -> training images the workers had
        self._workers: dict[str, dict] = {}           # address -> {"nthreads", "resources", "device", "name"}
        self._probed: set[str] = set()
        self._monitor: threading.Thread | None = None
        self._closed = threading.Event()
        self._est_cache: tuple[float, dict] = (0.0, {})
        self._pending: list[TrainingJob] = []           # submitted before the cluster was ready
        self._starter: threading.Thread | None = None
        _LIVE.add(self)

    # ------------------------------------------------------------------------------------------ the cluster
    @property
    def address(self) -> str | None:
        return None if self._client is None else self._client.scheduler.address

    def _ensure_client(self):
        with self._start_lock:
            if self._client is not None and self._client.status == "running":
                return self._client
            import distributed  # noqa: PLC0415 - lazily: page start-up must not pay for it
            client = None
            if self.scheduler and not self._remote_failed:
                try:
                    client = distributed.Client(self.scheduler, timeout=self.connect_timeout, set_as_default=False)
                    self.backend = "remote"
                except Exception as e:   # OSError, TimeoutError, ValueError (bad address): the lesson goes on
                    if not self.fallback:
                        raise ConnectionError(f"the Dask scheduler {self.scheduler} could not be reached ({e})")
                    log.warning("VAE_SCHEDULER %s unreachable (%s); starting a local cluster", self.scheduler, e)
                    self._remote_failed = True
                    self.notice = ("scheduler_unreachable", {"address": self.scheduler})
            if client is None:
                _children_skip_main_script()
                resources = {self.resource: 1} if self.resource else None
                self._cluster = distributed.LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                    scheduler_port=0, dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR, resources=resources,
                    env={"VAE_TRAIN_THREADS": str(self.threads), "OMP_NUM_THREADS": str(self.threads)})
                client = distributed.Client(self._cluster, set_as_default=False)
                self.backend = "local"
            client.subscribe_topic(self.topic, self._on_event)
            client.subscribe_topic("all", self._on_cluster_event)    # the scheduler's: workers leaving
            self._client = client
            if self._monitor is None:
                self._monitor = threading.Thread(target=self._watch, name="vae-train-monitor", daemon=True)
                self._monitor.start()
            return client

    def close(self) -> None:
        """Stop watching and shut down an embedded cluster (tests; the app keeps its queue for its lifetime)."""
        self._closed.set()
        with self._start_lock:
            for obj in (self._client, self._cluster):
                if obj is not None:
                    try:
                        obj.close()
                    except Exception:
                        pass
            self._client = self._cluster = None

    # ------------------------------------------------------------------------------------------ public
    def submit(self, model_config: ModelConfig, train_config: TrainConfig, dataset, *, start_model=None,
               start_history: list[dict] | None = None, latent_points: int = 1500, label: str = "") -> TrainingJob:
        """Queue a training run. `dataset` is a name ("mnist") or a vae_core.Dataset (only its name is sent:
        workers load the data from their own sources). Raises ValueError (one sentence) for a bad config or a
        full queue. `start_model` is sent as safetensors bytes, so the caller's model is never changed."""
        model_config.validate()
        train_config.validate()
        name = dataset if isinstance(dataset, str) else dataset.name
        with self._lock:
            if sum(1 for j in self._jobs.values() if j.status == "queued") >= self.max_waiting:
                raise ValueError(f"the training queue is full ({self.max_waiting} waiting); try again in a minute")
        start_bytes = None
        if start_model is not None:
            from .checkpoint import to_bytes
            start_bytes = to_bytes(start_model)
        if not self.fallback:
            self._ensure_client()     # the command line: fail at once when the scheduler cannot be reached
        key = f"vae-train-{uuid.uuid4().hex}"
        job = TrainingJob(next(self._ids), key, model_config, train_config, name, list(start_history or []),
                          label=label, queue=self)
        job.history = list(job.start_history)
        job.task_args = (name, model_config.to_dict(), train_config.to_dict(), start_bytes, list(start_history or []),
                     latent_points)
        with self._lock:
            self._jobs[key] = job
            self._forget_old()
            client = self._client
            ready = client is not None and client.status == "running" and not self._pending
            if not ready:
                self._pending.append(job)
        if ready:
            self._send(client, job)
        else:
            self._start_async()     # the first training: the cluster starts in the background, the page goes on
        return job

    def _send(self, client, job: TrainingJob) -> None:
        from .cluster import train_task
        extra = {"resources": {self.resource: 1}} if self.resource else {}
        job.future = client.submit(train_task, job.key, self.topic, *job.task_args, self.threads, key=job.key,
                                   pure=False, **extra)
        job.future.add_done_callback(lambda fut, job=job: self._finished(job, fut))

    def _start_async(self) -> None:
        with self._lock:
            if self._starter is not None and self._starter.is_alive():
                return
            self._starter = threading.Thread(target=self._start_and_flush, name="vae-train-start", daemon=True)
            self._starter.start()

    def _start_and_flush(self) -> None:
        """Start (or attach to) the cluster, then send the trainings that waited for it, in order."""
        try:
            client = self._ensure_client()
        except Exception as e:
            log.exception("the training cluster could not start")
            with self._lock:
                pending, self._pending = self._pending, []
            for job in pending:
                with job.lock:
                    if not job.finished:
                        job.status, job.error_code = "failed", "cluster_lost"
                        job.error, job.ended = f"the training workers could not start: {e}", time.monotonic()
            return
        while True:
            with self._lock:
                if not self._pending:
                    return
                job = self._pending.pop(0)
            if not job.finished:
                self._send(client, job)

    def position(self, job: TrainingJob) -> int:
        """1-based place in this app's line of a waiting job (0 when it is not waiting)."""
        with self._lock:
            waiting = [j for j in self._jobs.values() if j.status == "queued"]
        for i, j in enumerate(waiting):
            if j is job:
                return i + 1
        return 0

    def counts(self) -> tuple[int, int]:
        """(running, waiting) of this app's trainings."""
        with self._lock:
            running = sum(1 for j in self._jobs.values() if j.status == "running")
            waiting = sum(1 for j in self._jobs.values() if j.status == "queued")
        return running, waiting

    def jobs(self) -> list[TrainingJob]:
        """This app's trainings, oldest first (finished ones are kept for a while, for the class view)."""
        with self._lock:
            return list(self._jobs.values())

    def workers_info(self) -> dict[str, dict]:
        """Connected workers: address -> {"nthreads", "capacity" (trainings at once), "device", "name"}."""
        with self._lock:
            return {a: dict(w) for a, w in self._workers.items()}

    def capacity(self) -> int:
        with self._lock:
            return max(1, sum(w["capacity"] for w in self._workers.values())) if self._workers else self.workers

    def preset(self) -> str:
        """The class's preset: the teacher's choice, else VAE_TRAIN_PRESET, else quick."""
        from .presets import default_preset
        return self.class_preset or default_preset()

    def set_class_preset(self, name: str | None) -> None:
        if name is not None and name not in PRESETS:
            raise ValueError(f"unknown preset {name!r}")
        self.class_preset = name

    # ------------------------------------------------------------------------------------------ estimates
    def pace(self) -> tuple[float, bool]:
        """(seconds per work unit, measured?) The median of the last finished trainings, else the Quick preset's
        benchmark figure."""
        with self._lock:
            if self._pace:
                vals = sorted(self._pace)
                return vals[len(vals) // 2], True
        q = PRESETS["quick"]
        return q.about_seconds / work_units(q.model_config(), q.train_config()), False

    def estimate(self, job: TrainingJob) -> float:
        """Seconds a job should take, from the measured pace."""
        n = self._n_train.get(job.dataset, 60_000)
        return self.pace()[0] * work_units(job.model_config, job.train_config, n)

    def estimates(self) -> dict[int, tuple[float | None, float]]:
        """job id -> (seconds until it starts (None when running), seconds until it is done), for the unfinished
        jobs of this app: the slots of the cluster are filled in order with each job's estimated length."""
        now = time.monotonic()
        if now - self._est_cache[0] < 0.5:
            return self._est_cache[1]
        with self._lock:
            jobs = [j for j in self._jobs.values() if not j.finished]
        out: dict[int, tuple[float | None, float]] = {}
        free: list[float] = []
        for j in jobs:
            if j.status != "running":
                continue
            est = self.estimate(j)
            p, el = j.progress, (now - j.started) if j.started else 0.0
            if p is not None and p.fraction > 0.05 and el > 0:
                left = el * (1 - p.fraction) / p.fraction
            else:
                left = max(0.0, est - el)
            out[j.id] = (None, left)
            free.append(left)
        free.sort()
        slots = self.capacity()
        if len(free) < slots:          # idle slots are free now
            free = [0.0] * (slots - len(free)) + free
        heapq.heapify(free)
        for j in jobs:
            if j.status != "queued":
                continue
            t0 = heapq.heappop(free)
            t1 = t0 + self.estimate(j)
            out[j.id] = (t0, t1)
            heapq.heappush(free, t1)
        self._est_cache = (now, out)
        return out

    def time_to_clear(self) -> float:
        """Estimated seconds until every training of this app now running or waiting is done."""
        return max((v[1] for v in self.estimates().values()), default=0.0)

    # ------------------------------------------------------------------------------------------ internals
    def _forget_old(self, keep: int = 100) -> None:
        finished = [k for k, j in self._jobs.items() if j.finished]
        for k in finished[:max(0, len(finished) - keep)]:
            del self._jobs[k]

    def stop_job(self, job: TrainingJob) -> None:
        """Tell the task to stop (a Dask Event it checks), and take a job that has not started out of line.
        Called by TrainingJob.request_stop, which pages use."""
        with self._lock:
            unsent = job in self._pending
            if unsent:
                self._pending.remove(job)
        if unsent or (job.future is None and job.status == "queued"):
            with job.lock:
                job.status, job.ended = "stopped", time.monotonic()
            return
        client = self._client
        if client is None or job.future is None:
            return
        try:
            import distributed
            distributed.Event(f"{job.key}-stop", client=client).set()
        except Exception as e:   # the cluster is gone: the monitor marks the job
            log.warning("could not signal stop to %s: %s", job.key, e)
        with job.lock:
            not_started = job.status == "queued"
        if not_started:
            job.future.cancel()

    def _on_event(self, event) -> None:
        """A worker's message (runs on the client's event loop: keep it short)."""
        _, msg = event
        job = self._jobs.get(msg.get("job"))
        if job is None:
            return
        with job.lock:
            if job.finished:
                return
            kind = msg.get("kind")
            if kind == "start":
                if job.attempt is not None and msg["attempt"] != job.attempt:
                    job.message = "restarted"
                job.attempt, job.seq = msg["attempt"], msg["seq"]
                job.status, job.worker, job.device = "running", msg.get("worker"), msg.get("device")
                job.data = msg.get("data")
                job.progress, job.latent, job.history = None, None, list(job.start_history)
                job.started, job.ended = time.monotonic(), None
                if job.data and job.data.get("n_train"):
                    self._n_train[job.dataset] = int(job.data["n_train"])
                return
            if msg.get("attempt") != job.attempt or msg.get("seq", -1) <= job.seq:
                return   # a stale message of an earlier run, or out of order
            job.seq = msg["seq"]
            p = msg["progress"]
            job.progress = Progress(**p)
            if kind == "epoch" and p.get("record") is not None:
                job.history.append(p["record"])
                if msg.get("latent"):
                    import numpy as np
                    mu = np.frombuffer(msg["latent"], dtype=np.float32).reshape(-1, 2)
                    labels = np.frombuffer(msg["labels"], dtype=np.uint8).astype(np.int64)
                    job.latent = (mu, labels)

    def _on_cluster_event(self, event) -> None:
        """The scheduler removed a worker: the trainings it was running go back in line (Dask runs them again on
        another worker, from the start) and their pages say so. Stop now takes them out of line at once."""
        _, msg = event
        if not isinstance(msg, dict) or msg.get("action") != "remove-worker":
            return
        keys, addr = set(msg.get("processing-tasks") or ()), msg.get("worker")
        for job in list(self._jobs.values()):
            with job.lock:
                if not job.finished and (job.key in keys or (job.status == "running" and job.worker == addr)):
                    job.message, job.status, job.worker, job.started = "worker_lost", "queued", None, None
                    job.progress = None

    def _finished(self, job: TrainingJob, fut) -> None:
        """The task ended (done, failed, cancelled): runs in Dask's callback thread."""
        try:
            status = fut.status
            if status == "finished":
                res = fut.result()
                model = None
                if res.get("model"):
                    from .checkpoint import load_model
                    model = load_model(res["model"])
                with job.lock:
                    job.model = model
                    job.history = list(res["history"])
                    job.data = res.get("data") or job.data
                    job.worker, job.device = res.get("worker", job.worker), res.get("device", job.device)
                    job.status = "stopped" if res.get("stopped") else "done"
                    job.ended = time.monotonic()
                    if job.started is None:
                        job.started = job.ended - res.get("wall_seconds", 0.0)
                if job.status == "done" and res.get("wall_seconds"):
                    n = (res.get("data") or {}).get("n_train", 60_000)
                    units = work_units(job.model_config, job.train_config, n) * (len(res["history"]) -
                                                                                len(job.start_history)) \
                        / max(1, job.train_config.epochs)
                    if units > 0:
                        with self._lock:
                            self._pace.append(res["wall_seconds"] / units)
            elif status == "cancelled":
                with job.lock:
                    if not job.finished:
                        if job.stopped_reason is not None:
                            job.status = "stopped"
                        else:
                            job.status, job.error_code = "failed", "cluster_lost"
                            job.error = "the training cluster was lost"
                        job.ended = time.monotonic()
            else:
                exc = fut.exception()
                lost = type(exc).__name__ == "KilledWorker"
                with job.lock:
                    job.status = "failed"
                    job.error_code = "worker_lost" if lost else None
                    job.error = f"{type(exc).__name__}: {exc}"
                    job.ended = time.monotonic()
        except Exception as e:   # never leave a job running forever because a result could not be read
            log.exception("training %s: could not collect the result", job.key)
            with job.lock:
                if not job.finished:
                    job.status, job.error = "failed", f"{type(e).__name__}: {e}"
                    if self._client is None or self._client.status != "running":
                        job.error_code = "cluster_lost"
                    job.ended = time.monotonic()
        finally:
            job.future = None
            self._clear_event(job)

    def _clear_event(self, job: TrainingJob) -> None:
        client = self._client
        if client is None or client.status != "running":
            return
        try:
            import distributed
            distributed.Event(f"{job.key}-stop", client=client).clear()
        except Exception:
            pass

    def _watch(self) -> None:
        """Once a `poll`: stop abandoned jobs; notice lost workers and a lost scheduler."""
        down_since = None
        while not self._closed.wait(self.poll):
            try:
                now = time.monotonic()
                for job in self.jobs():
                    if not job.finished and now - job.last_seen > self.abandon_after:
                        job.request_stop("abandoned")
                    elif job.finished and job.ended is not None and now - job.ended > self.keep_model_for:
                        job.release()
                client = self._client
                if client is None:
                    continue
                if client.status != "running":
                    down_since = down_since or now
                    if now - down_since > 3 * self.poll + 2:
                        self._lost_cluster()
                        down_since = None
                    continue
                down_since = None
                self._refresh_workers(client)
            except Exception:
                log.exception("training monitor")

    def _refresh_workers(self, client) -> None:
        info = client.scheduler_info(n_workers=-1)
        workers = {}
        for addr, w in info.get("workers", {}).items():
            res = w.get("resources") or {}
            cap = int(res.get(self.resource, 0)) if self.resource else int(w.get("nthreads", 1))
            workers[addr] = {"nthreads": int(w.get("nthreads", 1)), "capacity": cap, "name": str(w.get("name", addr)),
                             "device": self._workers.get(addr, {}).get("device")}
        new = [a for a in workers if a not in self._probed]
        if new:
            from .cluster import probe
            try:
                got = client.run(probe, workers=new, on_error="ignore")
                for a, d in got.items():
                    if isinstance(d, dict) and a in workers:
                        workers[a]["device"] = d.get("device")
                        self._probed.add(a)
            except Exception:
                pass
        with self._lock:
            self._workers = workers
        now = time.monotonic()
        if workers:
            self._no_workers_since = None
        elif any(not j.finished for j in self.jobs()):
            self._no_workers_since = self._no_workers_since or now
            if now - self._no_workers_since > self.no_worker_grace:
                # Nothing can run them: end them with the sentence rather than let the pages wait forever.
                for job in self.jobs():
                    with job.lock:
                        if job.finished:
                            continue
                        job.status, job.error_code = "failed", "worker_lost"
                        job.error, job.ended = "no training worker is connected", now
                        fut = job.future
                    if fut is not None:
                        fut.cancel()

    def _lost_cluster(self) -> None:
        """The scheduler is gone: the unfinished trainings end with a clear message; the next one starts a local
        cluster (with the notice), so the lesson goes on. Finished models are kept by their sessions."""
        log.warning("the training cluster was lost")
        old = self._client
        with self._start_lock:
            self._client = None
            if self.backend == "remote":
                self._remote_failed = True
                self.notice = ("scheduler_lost", {"address": self.scheduler})
        for job in self.jobs():
            with job.lock:
                if not job.finished:
                    job.status, job.error_code = "failed", "cluster_lost"
                    job.error = "the training cluster was lost"
                    job.ended = time.monotonic()
        try:
            old.close(timeout=2)
        except Exception:
            pass
