"""The worker side of a training: the one task the app runs on its Dask cluster.

`train_task` runs inside a Dask worker (a process of the app's embedded LocalCluster, or any `dask worker`
joined to VAE_SCHEDULER). It loads the dataset by name from the worker's own sources (vae_core.load_dataset's
order: VAE_DATA_DIR, the cache, a download, the embedded sample), trains with one torch thread (or
VAE_TRAIN_THREADS) on the worker's GPU if it has one, streams progress as Dask events on the app's topic, checks
a Dask Event for Stop, and returns plain data: the model as safetensors bytes (metadata: the data it used, the
recipe, the history), never a pickled model object.

Every message is msgpack-able: {"job", "attempt", "seq", "kind": "start" | "step" | "epoch", ...}. An
"epoch" message carries the latent means of a fixed test subset as float32 bytes (n x 2) and uint8 labels.
"""
from __future__ import annotations

import os
import threading
import time
import uuid
from dataclasses import asdict

import torch

from .checkpoint import load_model, to_bytes
from .config import ModelConfig, TrainConfig
from .data import load_dataset
from .latent import encode_dataset
from .training import Progress, build_model, default_device, fit

_DATA: dict[str, object] = {}
_DATA_LOCK = threading.Lock()
STEP_EVERY = 0.25      # seconds between step messages
STOP_EVERY = 0.5       # seconds between checks of the stop Event


_MALLOC_SET = False


def roomy_malloc() -> bool:
    """Let this worker process's C allocator keep freed memory for reuse (glibc only; once per process).

    Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 (distributed.nanny.pre-spawn-environ), which
    also fixes glibc's mmap threshold at 128 KiB: every batch-sized tensor is then a fresh mmap and munmap with
    its page faults, which made a Quick training measurably slower (see BENCHMARKS.md, MALLOC_TRIM_THRESHOLD_).
    Raising both thresholds here works on any worker, embedded or joined with `dask worker`. -> True if set."""
    global _MALLOC_SET
    if _MALLOC_SET:
        return True
    try:
        import ctypes
        import ctypes.util
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        m_trim_threshold, m_mmap_threshold = -1, -3
        ok = libc.mallopt(m_mmap_threshold, 32 << 20) == 1 and libc.mallopt(m_trim_threshold, 128 << 20) == 1
    except (OSError, AttributeError):     # not glibc (macOS, musl, Windows): leave the allocator alone
        ok = False
    _MALLOC_SET = ok
    return ok


def dataset(name: str):
    """The worker's copy of a dataset, loaded once per worker process."""
    with _DATA_LOCK:
        if name not in _DATA:
            _DATA[name] = load_dataset(name)
        return _DATA[name]


def device_for_training() -> torch.device:
    want = os.environ.get("VAE_TRAIN_DEVICE", "").strip()
    return torch.device(want) if want else default_device()


def probe() -> dict:
    """What the class view shows about a worker (run on every worker by Client.run)."""
    dev = device_for_training()
    out = {"device": dev.type}
    if dev.type == "cuda":
        out["gpu"] = torch.cuda.get_device_name(dev)
    return out


def _progress_dict(p: Progress) -> dict:
    d = asdict(p)
    return d


def train_task(key: str, topic: str, dataset_name: str, model_config: dict, train_config: dict,
               start_model: bytes | None, start_history: list, latent_points: int = 1500,
               threads: int = 1) -> dict:
    """Train one model on this worker. -> {"model": safetensors bytes or None (no epoch finished), "history",
    "stopped", "seconds", "wall_seconds", "worker", "device", "data"}."""
    from distributed import Event, get_worker   # only ever imported inside a worker

    t0 = time.monotonic()
    roomy_malloc()
    worker = get_worker()
    torch.set_num_threads(max(1, int(os.environ.get("VAE_TRAIN_THREADS", threads))))
    attempt = uuid.uuid4().hex
    seq = [0]

    def send(kind: str, **payload) -> None:
        seq[0] += 1
        worker.log_event(topic, {"job": key, "attempt": attempt, "seq": seq[0], "kind": kind, **payload})

    mconf = ModelConfig.from_dict(model_config)
    tconf = TrainConfig(**train_config)
    device = device_for_training()
    ds = dataset(dataset_name)
    train = ds.tensors("train", device)
    test = ds.tensors("test", device)
    data = {"name": ds.name, "source": ds.source, "location": ds.location, "description": ds.describe(),
            "n_train": int(train[0].shape[0]),
            "n_test": int(test[0].shape[0])}
    send("start", worker=worker.address, device=device.type, data=data, setup=time.monotonic() - t0)
    t_ready = time.monotonic()

    stop_event = Event(f"{key}-stop")
    last_check = [0.0, False]

    def stop() -> bool:
        now = time.monotonic()
        if not last_check[1] and now - last_check[0] >= STOP_EVERY:
            last_check[0] = now
            try:
                last_check[1] = stop_event.is_set()
            except Exception:   # the scheduler is unreachable: keep training, the result may still be wanted
                pass
        return last_check[1]

    g = torch.Generator().manual_seed(0)
    n = test[0].shape[0]
    sub = torch.randperm(n, generator=g)[:min(latent_points, n)].to(test[0].device)
    sub_x, sub_y = test[0][sub], test[1][sub]
    if start_model is not None:
        model = load_model(start_model).to(device)
        model.requires_grad_(True)   # a loaded model is frozen; this private copy trains
    else:
        model = build_model(mconf, tconf.seed).to(device)
    last_step = [0.0]

    def on_progress(p: Progress) -> None:
        now = time.monotonic()
        if p.phase == "step":
            if now - last_step[0] < STEP_EVERY:
                return
            last_step[0] = now
            send("step", progress=_progress_dict(p))
            return
        if not latent_points:
            send("epoch", progress=_progress_dict(p))
            return
        model.eval()
        mu, _ = encode_dataset(model, sub_x, sub_y)
        model.train()
        send("epoch", progress=_progress_dict(p),
             latent=mu[:, :2].float().cpu().contiguous().numpy().tobytes(),
             labels=sub_y.to(torch.uint8).cpu().numpy().tobytes())

    res = fit(model, train, test, config=tconf, callback=on_progress, stop=stop, device=device,
              history=list(start_history or []))
    out = {"model": None, "history": res.history, "stopped": bool(res.stopped), "seconds": res.seconds,
           "wall_seconds": time.monotonic() - t_ready, "worker": worker.address, "device": device.type, "data": data}
    if len(res.history) > len(start_history or []) or (start_model is not None and res.history):
        meta = {"dataset": ds.name, "data_source": ds.source, "data_description": ds.describe(),
                "train": tconf.to_dict(), "history": res.history, "stopped_early": bool(res.stopped),
                "train_seconds": round(res.seconds, 2), "trained_on": {"worker": worker.address,
                                                                       "device": device.type}}
        out["model"] = to_bytes(res.model.cpu().eval(), meta)
    return out


def fit_on_cluster(address: str, dataset_name: str, model_config: ModelConfig, train_config: TrainConfig, *,
                   callback=None, stop: threading.Event | None = None, poll: float = 0.2):
    """`fit`, run as a task on the Dask cluster at `address` (the command line's --scheduler). -> a
    TrainResult whose model was rebuilt from the safetensors bytes the worker sent, plus `.data` (what the
    worker trained on). Raises ConnectionError if the scheduler cannot be reached."""
    from .jobs import TrainingQueue
    from .training import TrainResult
    q = TrainingQueue(scheduler=address, fallback=False, connect_timeout=10.0, abandon_after=float("inf"))
    try:
        job = q.submit(model_config, train_config, dataset_name, latent_points=0)
        last = None
        while not job.finished:
            if stop is not None and stop.is_set():
                job.request_stop()
            s = job.snapshot()
            if callback is not None and s.progress is not None and s.progress != last:
                last = s.progress
                callback(s.progress)
            time.sleep(poll)
        s = job.snapshot()
        if s.status == "failed":
            raise RuntimeError(f"the training failed on the cluster: {s.error}")
        model, history = job.result()
        res = TrainResult(model=model, history=history, stopped=s.status == "stopped",
                          seconds=(history[-1]["seconds"] if history else 0.0))
        res.data = s.data
        return res
    finally:
        q.close()
