"""Training: the pytorch/examples VAE loop, made fast on a CPU.

The data sits in one (N, 784) tensor and a batch is one index_select of a shuffled index (no worker processes);
for the project's MLP VAE the loss gradient comes from the hand-written backward pass of fast_step.py (autograd
for anything else). bench/bench_train.py measures it against the plain pytorch/examples loop."""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import torch
import torch.nn as nn

from .config import ModelConfig, TrainConfig
from .fast_step import FastStep
from .losses import neg_elbo
from .metrics import mean_losses
from .model import VAE
from .noise import damage


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


def _make_optimizer(model: nn.Module, lr: float, device: torch.device) -> torch.optim.Adam:
    """Adam, with torch's fused kernel on the devices that have one (the same arithmetic, fewer launches)."""
    fused = {"fused": True} if device.type in ("cpu", "cuda") else {}
    return torch.optim.Adam(model.parameters(), lr=lr, **fused)


def _make_scheduler(opt: torch.optim.Optimizer, config: TrainConfig, total_steps: int):
    """"cosine" decays lr from its peak to lr / 20 over the run's steps; "constant" keeps it."""
    def cosine(step: int) -> float:
        return 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * step / max(1, total_steps)))
    return torch.optim.lr_scheduler.LambdaLR(opt, cosine if config.schedule == "cosine" else lambda step: 1.0)


def _autograd_step(model: nn.Module, beta: float, opt: torch.optim.Optimizer):
    """The textbook step: model(x) -> negative ELBO -> backward. Returns (recon_sum, kl_sum) over the batch."""
    def step(xb, yb, generator, target):
        logits, mu, logvar = model(xb, yb, generator=generator)
        parts = neg_elbo(logits, target, mu, logvar, beta)
        opt.zero_grad()
        parts.total.backward()
        k = xb.shape[0]
        return parts.recon.detach() * k, parts.kl.detach() * k
    return step


def _loss_step(model: nn.Module, beta: float, opt: torch.optim.Optimizer):
    """FastStep (hand-written backward, fast_step.py) where it applies, else the autograd step."""
    return FastStep(model, beta) if FastStep.applies(model) else _autograd_step(model, beta, opt)


def _damage(x: torch.Tensor, denoise: str, seed: int) -> torch.Tensor:
    """The encoder's inputs for a denoising run: x (N, 784) damaged as the recipe `denoise` says
    ("kind:strength", or kinds joined by "+": see vae_core.noise.damage), fresh noise for each `seed` (one per
    epoch); x itself when denoise is empty."""
    if not denoise:
        return x
    noisy = damage(x.reshape(-1, 28, 28), denoise, seed=seed)
    return torch.from_numpy(noisy).reshape(x.shape).to(x.device)


@dataclass
class _Run:
    """What one call of fit() carries from epoch to epoch."""
    model: nn.Module
    config: TrainConfig
    x: torch.Tensor                    # (N, 784) clean images, the targets
    y: torch.Tensor                    # (N,)
    step: Callable
    opt: torch.optim.Optimizer
    scheduler: torch.optim.lr_scheduler.LRScheduler
    noise: torch.Generator             # draws eps of z = mu + sigma * eps
    shuffle: torch.Generator           # draws the batch order
    callback: Callable[[Progress], None] | None
    stop: threading.Event | Callable[[], bool] | None
    report_every: int
    last_epoch: int
    t0: float

    @property
    def batch_size(self) -> int:
        return min(self.config.batch_size, self.x.shape[0])

    @property
    def steps(self) -> int:
        return math.ceil(self.x.shape[0] / self.batch_size)


def _train_epoch(run: _Run, epoch: int) -> tuple[tuple[float, float, float], bool]:
    """One pass over the shuffled training set -> ((loss, recon, kl) means per image, stopped)."""
    n, bs, cond = run.x.shape[0], run.batch_size, run.model.config.conditional
    inputs = _damage(run.x, run.config.denoise, run.config.seed + epoch)
    perm = torch.randperm(n, generator=run.shuffle).to(run.x.device)
    recon_sum = torch.zeros((), device=run.x.device)
    kl_sum = torch.zeros((), device=run.x.device)
    seen = 0
    for s in range(run.steps):
        idx = perm[s * bs:(s + 1) * bs]
        xb = inputs.index_select(0, idx)   # on (N, 784) rows one index_select is much cheaper than x[idx] on 4-D
        target = xb if inputs is run.x else run.x.index_select(0, idx)
        rec, kl = run.step(xb, run.y.index_select(0, idx) if cond else None, run.noise, target)
        run.opt.step()
        run.scheduler.step()
        recon_sum += rec
        kl_sum += kl
        seen += xb.shape[0]
        if run.callback is not None and (s + 1) % run.report_every == 0 and s + 1 < run.steps:
            run.callback(Progress("step", epoch, run.last_epoch, s + 1, run.steps,
                                  *_means(recon_sum, kl_sum, seen, run.config.beta), time.perf_counter() - run.t0))
        if _should_stop(run.stop):
            return _means(recon_sum, kl_sum, seen, run.config.beta), True
    return _means(recon_sum, kl_sum, seen, run.config.beta), False


def _epoch_record(run: _Run, epoch: int, means, test, excluded: float) -> dict:
    """The history entry of a finished epoch, with the test loss when there is a test set."""
    now = time.perf_counter()
    record = {"epoch": epoch, "train_loss": means[0], "train_recon": means[1], "train_kl": means[2],
              "seconds": now - run.t0, "train_seconds": now - run.t0 - excluded}
    if test is not None:
        run.model.eval()
        ev = mean_losses(run.model, test[0], test[1], beta=run.config.beta, seed=run.config.seed)
        run.model.train()
        record.update(test_loss=ev["loss"], test_recon=ev["recon"], test_kl=ev["kl"])
    return record


def fit(model: VAE | ModelConfig, train: tuple[torch.Tensor, torch.Tensor], test=None, *,
        config: TrainConfig = TrainConfig(), callback: Callable[[Progress], None] | None = None,
        stop: threading.Event | Callable[[], bool] | None = None, device: torch.device | None = None,
        report_every: int = 20, history: list[dict] | None = None) -> TrainResult:
    """Train `model` (or a new one built from a ModelConfig with `config.seed`) on `train` = (x, y).

    x: float (N, 1, 28, 28) in [0, 1]; y: int64 (N,). `test` is the same kind of pair, evaluated after each
    epoch. `stop` ends the run cleanly after the current step. Pass an earlier `history` to continue a run:
    epochs are numbered on from it. The model passed in is trained in place: never pass a shared one.

    The loop of pytorch/examples' VAE: model(x) -> negative ELBO (nats per image, averaged over the batch) ->
    backward -> Adam step, the learning rate from a torch.optim.lr_scheduler. With `config.denoise` the
    encoder sees damaged images and the loss scores the reconstruction against the clean ones. Each history
    entry holds the epoch's mean train loss and parts, "seconds" (wall time since the start) and
    "train_seconds" (the same without test evaluation and epoch-end callbacks), plus the test loss and parts.
    Torch's thread count is the caller's (torch.set_num_threads)."""
    config.validate()
    device = device or default_device()
    if isinstance(model, ModelConfig):
        model = build_model(model, config.seed)
    model.to(device).train()
    history = list(history or [])
    first_epoch = len(history) + 1
    x = train[0].to(device)
    n = x.shape[0]
    opt = _make_optimizer(model, config.lr, device)
    scheduler = _make_scheduler(opt, config, math.ceil(n / min(config.batch_size, n)) * config.epochs)
    run = _Run(model, config, x.reshape(n, -1), train[1].to(device), _loss_step(model, config.beta, opt),
               opt, scheduler, torch.Generator(device=device).manual_seed(config.seed + 7919 * (first_epoch - 1)),
               torch.Generator().manual_seed(config.seed + 104729 * first_epoch), callback, stop, report_every,
               first_epoch + config.epochs - 1, time.perf_counter())
    stopped = False
    excluded = 0.0  # time spent on test evaluation and epoch-end callbacks, kept out of "train_seconds"
    try:
        for epoch in range(first_epoch, run.last_epoch + 1):
            means, stopped = _train_epoch(run, epoch)
            if stopped:
                break
            t = time.perf_counter()
            history.append(_epoch_record(run, epoch, means, test, excluded))
            if callback is not None:
                callback(Progress("epoch", epoch, run.last_epoch, run.steps, run.steps, *means,
                                  time.perf_counter() - run.t0, history[-1]))
            excluded += time.perf_counter() - t
    finally:
        for p in model.parameters():   # the gradient buffers are not needed after training
            p.grad = None
    model.eval()
    return TrainResult(model, history, stopped, time.perf_counter() - run.t0)


def _means(recon_sum: torch.Tensor, kl_sum: torch.Tensor, seen: int, beta: float) -> tuple[float, float, float]:
    """(loss, recon, kl) means per image, nats, from the running sums."""
    recon, kl = (torch.stack([recon_sum, kl_sum]) / max(1, seen)).tolist()
    return recon + beta * kl, recon, kl
