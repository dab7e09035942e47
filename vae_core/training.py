"""Fast training on a CPU: the data sits in one tensor, batches are index slices, no worker processes."""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import torch
import torch.nn as nn

from .config import ModelConfig, TrainConfig
from .losses import neg_elbo
from .metrics import evaluate
from .model import VAE


@dataclass(frozen=True)
class Progress:
    """What a progress callback receives. `phase` is "step" (during an epoch) or "epoch" (one just ended)."""
    phase: str
    epoch: int               # 1-based epoch being run (or just finished)
    epochs: int
    step: int                # steps done in this epoch
    steps_per_epoch: int
    loss: float              # running mean over this epoch so far, nats per image
    recon: float
    kl: float
    elapsed: float           # seconds since fit() started
    record: dict | None = None  # the history entry, when phase == "epoch"

    @property
    def fraction(self) -> float:
        return ((self.epoch - 1) + self.step / max(1, self.steps_per_epoch)) / max(1, self.epochs)


@dataclass
class TrainResult:
    model: VAE
    history: list[dict] = field(default_factory=list)  # one dict per finished epoch
    stopped: bool = False                               # True when a stop request ended the run early
    seconds: float = 0.0


def default_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def init_weights(model: nn.Module, generator: torch.Generator) -> None:
    """PyTorch's default Linear init, drawn from `generator` so that the same seed gives the same weights
    whatever other threads do with the global random state."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Linear):
                bound = 1.0 / math.sqrt(m.in_features)
                # kaiming_uniform_(a=sqrt(5)) on a Linear weight is U(-1/sqrt(fan_in), 1/sqrt(fan_in))
                m.weight.copy_(torch.rand(m.weight.shape, generator=generator) * 2 * bound - bound)
                m.bias.copy_(torch.rand(m.bias.shape, generator=generator) * 2 * bound - bound)


def build_model(config: ModelConfig, seed: int = 0) -> VAE:
    model = VAE(config)
    init_weights(model, torch.Generator().manual_seed(seed))
    return model


def _should_stop(stop) -> bool:
    if stop is None:
        return False
    if isinstance(stop, threading.Event):
        return stop.is_set()
    return bool(stop())


def fit(model: VAE | ModelConfig, train: tuple[torch.Tensor, torch.Tensor], test=None, *,
        config: TrainConfig = TrainConfig(), callback: Callable[[Progress], None] | None = None,
        stop: threading.Event | Callable[[], bool] | None = None, device: torch.device | None = None,
        report_every: int = 20, history: list[dict] | None = None) -> TrainResult:
    """Train `model` (or a new one built from a ModelConfig with `config.seed`) on `train` = (x, y).

    x: float (N, 1, 28, 28) in [0, 1]; y: int64 (N,). `test` is the same kind of pair, evaluated after each
    epoch. `stop` ends the run cleanly after the current step. Pass an earlier `history` to continue a run:
    epochs are numbered on from it. The model passed in is trained in place: never pass a shared one."""
    config.validate()
    device = device or default_device()
    if isinstance(model, ModelConfig):
        model = build_model(model, config.seed)
    model.to(device).train()
    history = list(history or [])
    first_epoch = len(history) + 1
    g = torch.Generator(device=device).manual_seed(config.seed + 7919 * (first_epoch - 1))
    gcpu = torch.Generator().manual_seed(config.seed + 104729 * first_epoch)
    x, y = train[0].to(device), train[1].to(device)
    n = x.shape[0]
    bs = min(config.batch_size, n)
    steps = math.ceil(n / bs)
    total_steps = steps * config.epochs
    kwargs = {"fused": True} if device.type in ("cpu", "cuda") else {}
    opt = torch.optim.Adam(model.parameters(), lr=config.lr, **kwargs)
    cond = model.config.conditional
    t0 = time.perf_counter()
    stopped = False
    done_steps = 0
    eval_seconds = 0.0  # time spent on test evaluation, kept out of "train_seconds"
    for e in range(config.epochs):
        epoch = first_epoch + e
        perm = torch.randperm(n, generator=gcpu).to(device)
        sums = torch.zeros(3, device=device)
        seen = 0
        for s in range(steps):
            if config.schedule == "cosine":
                frac = done_steps / max(1, total_steps)
                for pg in opt.param_groups:
                    pg["lr"] = config.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * frac)))
            idx = perm[s * bs:(s + 1) * bs]
            xb = x[idx]
            yb = y[idx] if cond else None
            logits, mu, logvar = model(xb, yb, generator=g)
            parts = neg_elbo(logits, xb, mu, logvar, config.beta)
            opt.zero_grad(set_to_none=True)
            parts.total.backward()
            opt.step()
            done_steps += 1
            with torch.no_grad():
                k = xb.shape[0]
                sums += torch.stack([parts.total.detach(), parts.recon.detach(), parts.kl.detach()]) * k
                seen += k
            if callback is not None and (s + 1) % report_every == 0 and s + 1 < steps:
                m = (sums / seen).tolist()
                callback(Progress("step", epoch, first_epoch + config.epochs - 1, s + 1, steps, *m,
                                  time.perf_counter() - t0))
            if _should_stop(stop):
                stopped = True
                break
        if stopped:
            break
        m = (sums / seen).tolist()
        record = {"epoch": epoch, "train_loss": m[0], "train_recon": m[1], "train_kl": m[2],
                  "seconds": time.perf_counter() - t0, "train_seconds": time.perf_counter() - t0 - eval_seconds}
        if test is not None:
            te = time.perf_counter()
            model.eval()
            ev = evaluate(model, test[0], test[1], beta=config.beta, seed=config.seed)
            model.train()
            eval_seconds += time.perf_counter() - te
            record.update(test_loss=ev["loss"], test_recon=ev["recon"], test_kl=ev["kl"])
        history.append(record)
        if callback is not None:
            callback(Progress("epoch", epoch, first_epoch + config.epochs - 1, steps, steps, *m,
                              time.perf_counter() - t0, record))
    model.eval()
    return TrainResult(model, history, stopped, time.perf_counter() - t0)
