"""vae_core.training: a short run lowers the loss, the history, same seed -> same weights, a clean stop, the
progress callback, and continuing a run."""
from __future__ import annotations

import dataclasses
import threading

import pytest
import torch

import vae_core
import vae_core.training
from vae_core import ModelConfig, Progress, TrainConfig, build_model, fit
from vae_core.metrics import mean_losses

SMALL = ModelConfig(hidden=(32,))
CPU = torch.device("cpu")


@pytest.fixture(autouse=True)
def one_thread():
    """These models are tiny: one thread is faster than two (and far faster on a busy machine)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def data(mnist_small):
    return mnist_small.tensors("train"), mnist_small.tensors("test")


@pytest.fixture(scope="module")
def subset(data):
    (x, y), (vx, vy) = data
    return (x[:1024], y[:1024]), (vx[:256], vy[:256])


def _weights(model) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def test_short_training_lowers_the_loss(data):
    train, test = data
    before = mean_losses(build_model(SMALL, seed=0).eval(), *test)["loss"]
    res = fit(SMALL, train, test, config=TrainConfig(epochs=2, batch_size=128, lr=3e-3, seed=0), device=CPU)
    assert not res.stopped and res.seconds > 0
    assert not res.model.training, "a finished model is handed back in eval mode"
    h = res.history
    assert [r["epoch"] for r in h] == [1, 2]
    for r in h:
        assert {"train_loss", "train_recon", "train_kl", "test_loss", "test_recon", "test_kl", "seconds",
                "train_seconds"} <= set(r)
        assert r["train_loss"] == pytest.approx(r["train_recon"] + r["train_kl"], rel=1e-4)
        assert r["test_loss"] == pytest.approx(r["test_recon"] + r["test_kl"], rel=1e-4)
        assert 0 < r["train_seconds"] <= r["seconds"]
    assert h[1]["train_loss"] < h[0]["train_loss"]
    assert h[1]["test_loss"] < h[0]["test_loss"]
    assert h[1]["test_loss"] < before - 250, (before, h[1]["test_loss"])  # ~543 nats untrained
    assert h[1]["test_loss"] == pytest.approx(mean_losses(res.model, *test, seed=0)["loss"], rel=1e-5)


def test_same_seed_same_weights(subset):
    train, test = subset
    conf = TrainConfig(epochs=1, batch_size=64, seed=7)
    a = fit(SMALL, train, test, config=conf, device=CPU)
    b = fit(SMALL, train, test, config=conf, device=CPU)
    c = fit(SMALL, train, test, config=dataclasses.replace(conf, seed=8), device=CPU)
    wa, wb, wc = _weights(a.model), _weights(b.model), _weights(c.model)
    assert all(torch.equal(wa[k], wb[k]) for k in wa), "same seed -> identical weights"
    assert any(not torch.equal(wa[k], wc[k]) for k in wa)
    assert a.history[0]["train_loss"] == b.history[0]["train_loss"]


def test_same_seed_same_weights_despite_other_random_use(subset):
    """The seed alone decides: other code drawing from the global random state in between changes nothing."""
    train, _ = subset
    conf = TrainConfig(epochs=1, batch_size=128, seed=3)
    a = fit(SMALL, train, config=conf, device=CPU)
    torch.manual_seed(12345)
    torch.rand(1000)
    b = fit(SMALL, train, config=conf, device=CPU)
    assert all(torch.equal(v, b.model.state_dict()[k]) for k, v in a.model.state_dict().items())


def test_stop_request_ends_after_the_current_step(subset):
    train, test = subset
    stop = threading.Event()
    seen: list[Progress] = []

    def callback(p: Progress):
        seen.append(p)
        if p.phase == "step" and p.step == 3:
            stop.set()
    res = fit(SMALL, train, test, config=TrainConfig(epochs=3, batch_size=64), callback=callback, stop=stop,
              report_every=1, device=CPU)
    assert res.stopped is True
    assert res.history == [], "no epoch finished"
    assert [p.step for p in seen] == [1, 2, 3], "the step under way finished, no further step started"
    assert not res.model.training


def test_stop_callable_keeps_finished_epochs(subset):
    train, test = subset
    epochs_done = []

    def callback(p):
        if p.phase == "epoch":
            epochs_done.append(p.epoch)
    res = fit(SMALL, train, test, config=TrainConfig(epochs=5, batch_size=128), callback=callback,
              stop=lambda: len(epochs_done) >= 1, device=CPU)
    assert res.stopped is True
    assert [r["epoch"] for r in res.history] == [1]
    assert epochs_done == [1]


def test_progress_callback(subset):
    train, test = subset
    seen: list[Progress] = []
    fit(SMALL, train, test, config=TrainConfig(epochs=2, batch_size=128), callback=seen.append, report_every=2,
        device=CPU)
    steps = [p for p in seen if p.phase == "step"]
    ends = [p for p in seen if p.phase == "epoch"]
    assert [p.epoch for p in ends] == [1, 2]
    assert all(p.steps_per_epoch == 8 and p.epochs == 2 for p in seen)
    assert [(p.epoch, p.step) for p in steps] == [(e, s) for e in (1, 2) for s in (2, 4, 6)]
    for p in ends:
        assert p.step == p.steps_per_epoch and p.record["epoch"] == p.epoch and "test_loss" in p.record
        assert p.loss == pytest.approx(p.record["train_loss"])
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(p.loss == pytest.approx(p.recon + p.kl, rel=1e-4) for p in seen)
    elapsed = [p.elapsed for p in seen]
    assert elapsed == sorted(elapsed)
    with pytest.raises(dataclasses.FrozenInstanceError):
        seen[0].loss = 0.0


def test_continue_training_numbers_epochs_on(subset):
    train, test = subset
    first = fit(SMALL, train, test, config=TrainConfig(epochs=1, batch_size=128), device=CPU)
    w0 = _weights(first.model)
    seen = []
    more = fit(first.model, train, test, config=TrainConfig(epochs=2, batch_size=128), history=first.history,
               callback=seen.append, device=CPU)
    assert [r["epoch"] for r in more.history] == [1, 2, 3]
    assert more.history[0] == first.history[0]
    assert len(first.history) == 1, "the history passed in is not modified"
    assert {p.epoch for p in seen} == {2, 3} and all(p.epochs == 3 for p in seen)
    assert more.model is first.model, "trained in place"
    assert any(not torch.equal(w0[k], v) for k, v in more.model.state_dict().items())
    assert more.history[-1]["test_loss"] < first.history[0]["test_loss"]


@pytest.mark.parametrize("kind", ["ae", "cvae"])
def test_other_kinds_train(subset, kind):
    train, test = subset
    res = fit(ModelConfig(kind=kind, hidden=(32,)), train, test,
              config=TrainConfig(epochs=2, batch_size=64, lr=3e-3, schedule="cosine"), device=CPU)
    h = res.history
    assert h[1]["test_loss"] < h[0]["test_loss"]
    if kind == "ae":
        assert h[0]["train_kl"] == 0.0 and h[0]["test_kl"] == 0.0


def test_bad_train_config_is_refused_before_work(subset):
    with pytest.raises(ValueError, match="epochs must be between"):
        fit(SMALL, subset[0], config=TrainConfig(epochs=0), device=CPU)


class _Plain(vae_core.VAE):
    """A VAE subclass: fit() trains it through the textbook autograd step (FastStep is for the VAE class only)."""


def test_denoising_feeds_damaged_images_and_scores_against_the_clean_ones(subset, monkeypatch):
    (x, y), _ = subset
    x, y = x[:256], y[:256]
    targets, inputs = [], []
    real = vae_core.training.neg_elbo

    def spy(logits, target, mu, logvar, beta):
        targets.append(target.detach().clone())
        return real(logits, target, mu, logvar, beta)

    model = _Plain(SMALL)
    model.register_forward_pre_hook(lambda mod, args: inputs.append(args[0].detach().clone()))
    monkeypatch.setattr(vae_core.training, "neg_elbo", spy)
    fit(model, (x, y), config=TrainConfig(epochs=1, batch_size=256, denoise="salt_pepper:0.5"), device=CPU)
    clean = x.reshape(256, -1)
    order = torch.argsort(targets[0].sum(1))          # one batch = the whole set, shuffled: compare sorted rows
    assert torch.equal(targets[0][order], clean[torch.argsort(clean.sum(1))])   # the target: the clean images
    changed = inputs[0] != targets[0]                                           # the input: damaged ones
    # salt_pepper:0.5 sets half the pixels to 1 or 0: every salted pixel of the mostly black background changes
    assert 0.2 < changed.float().mean().item() < 0.5
    assert set(inputs[0][changed].unique().tolist()) <= {0.0, 1.0}


def test_denoising_fast_path_matches_the_textbook_step(subset):
    """Same seed, same data: the FastStep VAE and the autograd subclass train to the same weights."""
    (x, y), _ = subset
    cfg = TrainConfig(epochs=1, batch_size=128, denoise="gaussian:0.3", seed=4)
    fast = fit(build_model(SMALL, 4), (x[:512], y[:512]), config=cfg, device=CPU).model
    slow = _Plain(SMALL)
    slow.load_state_dict(build_model(SMALL, 4).state_dict())
    slow = fit(slow, (x[:512], y[:512]), config=cfg, device=CPU).model
    for a, b in zip(fast.parameters(), slow.parameters()):
        assert torch.allclose(a, b, atol=1e-4), "the denoising fast step drifts from autograd"


def test_denoise_setting_is_checked():
    for bad in ("salt", "blur:0.3", "gaussian:2", "gaussian:x"):
        with pytest.raises(ValueError, match="denoise must be"):
            TrainConfig(denoise=bad).validate()
    TrainConfig(denoise="square:0.25").validate()
