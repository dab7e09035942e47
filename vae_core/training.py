"""Fast training on a CPU: the data sits in one (N, 784) tensor, a batch is one index_select of a shuffled
index, no worker processes, and the negative ELBO's gradient is computed by a hand-written backward pass for the
project's MLP VAE (autograd for anything else). bench/bench_train.py measures it against the pytorch/examples
loop and checks the hand-written gradients against autograd's."""
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


def _linears(seq: nn.Sequential) -> list[nn.Linear]:
    return [m for m in seq if isinstance(m, nn.Linear)]


class _ManualStep:
    """Forward and backward of the negative ELBO written out by hand for the VAE's MLPs, with no autograd graph.

    Same mathematics as `neg_elbo(model(x, y), ...)`: per image, recon = sum over pixels of
    BCE(sigmoid(logits), x) = softplus(logits) - x * logits, KL = 1/2 sum(mu^2 + sigma^2 - 1 - log sigma^2)
    (Kingma & Welling, App. B), loss = recon + beta * KL averaged over the batch; one eps ~ N(0, I) per image is
    drawn from `generator`, exactly as VAE.forward does. The gradients of that mean are written into each
    parameter's .grad (buffers made once), ready for the optimizer. It saves the autograd graph and several
    passes over the (B, 784) logits; bench/bench_train.py times it and compares its gradients with autograd's
    (equal to float32 rounding, every model kind)."""

    def __init__(self, model: VAE, beta: float):
        self.model, self.beta = model, float(beta)
        self.enc, self.dec = _linears(model.encoder), _linears(model.decoder)
        self.latent = model.config.latent_dim
        self.cond = model.config.conditional
        self.num_classes = model.config.num_classes
        for p in model.parameters():
            p.grad = torch.zeros_like(p)

    @staticmethod
    def applies(model) -> bool:
        """Only the project's own VAE class with every parameter trainable; anything else uses autograd."""
        return type(model) is VAE and all(p.requires_grad for p in model.parameters())

    @torch.no_grad()
    def __call__(self, xb: torch.Tensor, yb: torch.Tensor | None, generator: torch.Generator, target=None):
        """xb: (B, 784) float in [0, 1]; yb: (B,) int64 for a conditional model; target: the images the loss
        compares with (default xb; the clean images when xb is damaged). -> (recon_sum, kl_sum), 0-dim
        tensors summed over the batch (nats); the gradient of (recon_sum + beta * kl_sum) / B is in p.grad."""
        target = xb if target is None else target
        m = self.model
        B = xb.shape[0]
        inv_b = 1.0 / B
        onehot = nn.functional.one_hot(yb, self.num_classes).to(xb.dtype) if self.cond else None
        a = torch.cat([xb, onehot], 1) if self.cond else xb
        enc_in = [a]                                   # input of each encoder Linear
        for lin in self.enc:
            a = torch.addmm(lin.bias, a, lin.weight.t()).relu_()   # every encoder layer is followed by ReLU
            enc_in.append(a)
        h = enc_in.pop()
        mu = torch.addmm(m.fc_mu.bias, h, m.fc_mu.weight.t())
        variational = m.fc_logvar is not None
        if variational:
            logvar = torch.addmm(m.fc_logvar.bias, h, m.fc_logvar.weight.t())
            std = logvar.mul(0.5).exp_()
            eps = torch.randn(mu.shape, generator=generator, device=mu.device, dtype=mu.dtype)
            z = torch.addcmul(mu, std, eps)
        else:
            z = mu                                     # "ae": deterministic code, no KL
        d = torch.cat([z, onehot], 1) if self.cond else z
        dec_in = []
        last = len(self.dec) - 1
        for i, lin in enumerate(self.dec):
            dec_in.append(d)
            d = torch.addmm(lin.bias, d, lin.weight.t())
            if i < last:
                d.relu_()
        logits = d
        recon = nn.functional.softplus(logits).sum() - torch.dot(target.reshape(-1), logits.reshape(-1))
        if variational:
            var = std * std
            kl = 0.5 * (mu * mu + var - 1 - logvar).sum()
        else:
            kl = torch.zeros((), device=xb.device, dtype=xb.dtype)

        # Backward. d(recon)/d(logits) = sigmoid(logits) - x, per image; the mean over the batch scales by 1/B.
        g = torch.sigmoid(logits).sub_(target).mul_(inv_b)
        for i in range(last, -1, -1):
            lin, inp = self.dec[i], dec_in[i]
            torch.mm(g.t(), inp, out=lin.weight.grad)
            torch.sum(g, 0, out=lin.bias.grad)
            if i > 0:
                g = torch.ops.aten.threshold_backward(torch.mm(g, lin.weight), inp, 0)
            else:
                w = lin.weight[:, :self.latent] if self.cond else lin.weight   # no gradient for the label inputs
                g = torch.mm(g, w)                     # d loss / d z, (B, latent)
        kl_scale = self.beta * inv_b
        if variational:
            g_mu = g.add(mu, alpha=kl_scale)           # z = mu + std * eps; d KL / d mu = mu
            # d/d logvar: 1/2 * (g * eps * std) + beta/B * 1/2 * (sigma^2 - 1)
            g_lv = (g * eps).mul_(std).add_(var.sub(1), alpha=kl_scale).mul_(0.5)
            torch.mm(g_lv.t(), h, out=m.fc_logvar.weight.grad)
            torch.sum(g_lv, 0, out=m.fc_logvar.bias.grad)
            g_h = torch.addmm(torch.mm(g_mu, m.fc_mu.weight), g_lv, m.fc_logvar.weight)
        else:
            g_mu = g
            g_h = torch.mm(g_mu, m.fc_mu.weight)
        torch.mm(g_mu.t(), h, out=m.fc_mu.weight.grad)
        torch.sum(g_mu, 0, out=m.fc_mu.bias.grad)
        g = torch.ops.aten.threshold_backward(g_h, h, 0)
        for i in range(len(self.enc) - 1, -1, -1):
            lin, inp = self.enc[i], enc_in[i]
            torch.mm(g.t(), inp, out=lin.weight.grad)
            torch.sum(g, 0, out=lin.bias.grad)
            if i > 0:                                  # no gradient for the images themselves
                g = torch.ops.aten.threshold_backward(torch.mm(g, lin.weight), inp, 0)
        return recon, kl


class _AutogradStep:
    """The plain version (model forward + neg_elbo + backward), for models that _ManualStep does not cover."""

    def __init__(self, model, beta: float, opt):
        self.model, self.beta, self.opt = model, beta, opt

    def __call__(self, xb, yb, generator, target=None):
        logits, mu, logvar = self.model(xb, yb, generator=generator)
        parts = neg_elbo(logits, xb if target is None else target, mu, logvar, self.beta)
        self.opt.zero_grad()
        parts.total.backward()
        k = xb.shape[0]
        return parts.recon.detach() * k, parts.kl.detach() * k


class _Adam:
    """torch.optim.Adam (fused where torch has it) without most of its per-step Python work.

    The optimizer object owns the state as usual and makes the first step. When the gradients live in fixed
    buffers (the hand-written backward), later steps call directly the two kernels that torch.optim.Adam's
    fused path calls (torch/optim/adam.py, _fused_adam: one _foreach_add_ on the step counters, one
    _fused_adam_), which saves about a third of a millisecond per step on this machine's CPU; the weights are
    bit-for-bit those of opt.step() (bench/bench_train.py checks it). Anything else goes through opt.step()."""

    def __init__(self, params, lr: float, device: torch.device, fixed_grads: bool):
        self.params = list(params)
        self.fused = device.type in ("cpu", "cuda")
        self.opt = torch.optim.Adam(self.params, lr=lr, **({"fused": True} if self.fused else {}))
        self.lr = lr
        self._direct = None
        self._want_direct = fixed_grads and self.fused and hasattr(torch, "_fused_adam_")

    def set_lr(self, lr: float) -> None:
        self.lr = lr
        for pg in self.opt.param_groups:
            pg["lr"] = lr

    def zero_grad(self) -> None:
        self.opt.zero_grad(set_to_none=True)

    def step(self) -> None:
        if self._direct is None:
            self.opt.step()
            if self._want_direct:
                state = [self.opt.state[p] for p in self.params]
                group = self.opt.param_groups[0]
                self._direct = ([p.grad for p in self.params], [s["exp_avg"] for s in state],
                                [s["exp_avg_sq"] for s in state], [s["step"] for s in state], group["betas"],
                                group["eps"])
            return
        grads, exp_avgs, exp_avg_sqs, steps, (beta1, beta2), eps = self._direct
        torch._foreach_add_(steps, 1)
        torch._fused_adam_(self.params, grads, exp_avgs, exp_avg_sqs, [], steps, amsgrad=False, lr=self.lr,
                           beta1=beta1, beta2=beta2, weight_decay=0.0, eps=eps, maximize=False,
                           grad_scale=None, found_inf=None)


def fit(model: VAE | ModelConfig, train: tuple[torch.Tensor, torch.Tensor], test=None, *,
        config: TrainConfig = TrainConfig(), callback: Callable[[Progress], None] | None = None,
        stop: threading.Event | Callable[[], bool] | None = None, device: torch.device | None = None,
        report_every: int = 20, history: list[dict] | None = None) -> TrainResult:
    """Train `model` (or a new one built from a ModelConfig with `config.seed`) on `train` = (x, y).

    x: float (N, 1, 28, 28) in [0, 1]; y: int64 (N,). `test` is the same kind of pair, evaluated after each
    epoch. `stop` ends the run cleanly after the current step. Pass an earlier `history` to continue a run:
    epochs are numbered on from it. The model passed in is trained in place: never pass a shared one.

    The loss is the negative ELBO in nats per image, averaged over each batch (Adam on that mean). Each history
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
    g = torch.Generator(device=device).manual_seed(config.seed + 7919 * (first_epoch - 1))
    gcpu = torch.Generator().manual_seed(config.seed + 104729 * first_epoch)
    x, y = train[0].to(device), train[1].to(device)
    n = x.shape[0]
    x = x.reshape(n, -1)          # (N, 784) rows: a batch is one index_select, ~5x cheaper than x[idx] on 4-D
    bs = min(config.batch_size, n)
    steps = math.ceil(n / bs)
    total_steps = steps * config.epochs
    manual = _ManualStep.applies(model)
    opt = _Adam(model.parameters(), config.lr, device, fixed_grads=manual)
    step_fn = _ManualStep(model, config.beta) if manual else _AutogradStep(model, config.beta, opt)
    cond = model.config.conditional
    last_epoch = first_epoch + config.epochs - 1
    t0 = time.perf_counter()
    stopped = False
    done_steps = 0
    excluded = 0.0  # time spent on test evaluation and epoch-end callbacks, kept out of "train_seconds"
    try:
        for e in range(config.epochs):
            epoch = first_epoch + e
            perm = torch.randperm(n, generator=gcpu).to(device)
            # a denoising run: the encoder gets freshly damaged images each epoch, the loss the clean ones
            inputs = x if not config.denoise else torch.from_numpy(
                damage(x.reshape(n, 28, 28).cpu(), config.denoise, seed=config.seed + epoch)).reshape(n, -1).to(device)
            recon_sum = torch.zeros((), device=device)
            kl_sum = torch.zeros((), device=device)
            seen = 0
            for s in range(steps):
                if config.schedule == "cosine":
                    frac = done_steps / max(1, total_steps)
                    opt.set_lr(config.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * frac))))
                idx = perm[s * bs:(s + 1) * bs]
                xb = inputs.index_select(0, idx)
                yb = y.index_select(0, idx) if cond else None
                rec, kl = step_fn(xb, yb, g, None if inputs is x else x.index_select(0, idx))
                opt.step()
                done_steps += 1
                recon_sum += rec
                kl_sum += kl
                seen += xb.shape[0]
                if callback is not None and (s + 1) % report_every == 0 and s + 1 < steps:
                    callback(Progress("step", epoch, last_epoch, s + 1, steps,
                                      *_means(recon_sum, kl_sum, seen, config.beta), time.perf_counter() - t0))
                if _should_stop(stop):
                    stopped = True
                    break
            if stopped:
                break
            means = _means(recon_sum, kl_sum, seen, config.beta)
            now = time.perf_counter()
            record = {"epoch": epoch, "train_loss": means[0], "train_recon": means[1], "train_kl": means[2],
                      "seconds": now - t0, "train_seconds": now - t0 - excluded}
            if test is not None:
                model.eval()
                ev = evaluate(model, test[0], test[1], beta=config.beta, seed=config.seed)
                model.train()
                record.update(test_loss=ev["loss"], test_recon=ev["recon"], test_kl=ev["kl"])
            history.append(record)
            if callback is not None:
                callback(Progress("epoch", epoch, last_epoch, steps, steps, *means, time.perf_counter() - t0,
                                  record))
            excluded += time.perf_counter() - now
    finally:
        for p in model.parameters():   # the gradient buffers are not needed after training
            p.grad = None
    model.eval()
    return TrainResult(model, history, stopped, time.perf_counter() - t0)


def _means(recon_sum: torch.Tensor, kl_sum: torch.Tensor, seen: int, beta: float) -> tuple[float, float, float]:
    """(loss, recon, kl) means per image, nats, from the running sums."""
    recon, kl = (torch.stack([recon_sum, kl_sum]) / max(1, seen)).tolist()
    return recon + beta * kl, recon, kl
