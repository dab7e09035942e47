"""vae_core.fast_step: the hand-written backward pass equals autograd's on the negative ELBO."""
from __future__ import annotations

import pytest
import torch

from vae_core import ModelConfig, build_model
from vae_core.fast_step import FastStep
from vae_core.losses import neg_elbo


@pytest.mark.parametrize("denoise", [False, True])
@pytest.mark.parametrize("kind, beta", [("vae", 1.0), ("vae", 4.0), ("ae", 1.0), ("cvae", 0.5)])
def test_hand_written_backward_matches_autograd(kind, beta, denoise):
    """fit() computes the loss gradient by hand for the VAE's MLPs; it must equal autograd's on neg_elbo,
    also when the encoder's input (damaged) differs from the target (clean)."""
    model = build_model(ModelConfig(kind=kind, hidden=(24, 12)), seed=2)
    g = torch.Generator().manual_seed(5)
    target = (torch.rand(16, 784, generator=g) > 0.6).float() * torch.rand(16, 784, generator=g)
    x = (target + 0.3 * torch.rand(16, 784, generator=g)).clamp(0, 1) if denoise else target
    y = torch.arange(16) % 10 if kind == "cvae" else None
    assert FastStep.applies(model)
    recon_sum, kl_sum = FastStep(model, beta)(x, y, torch.Generator().manual_seed(11), target)
    manual = {k: p.grad.clone() for k, p in model.named_parameters()}
    for p in model.parameters():
        p.grad = None
    logits, mu, logvar = model(x, y, generator=torch.Generator().manual_seed(11))
    parts = neg_elbo(logits, target, mu, logvar, beta)
    parts.total.backward()
    assert recon_sum.item() == pytest.approx(parts.recon.item() * 16, rel=1e-5)
    assert kl_sum.item() == pytest.approx(parts.kl.item() * 16, rel=1e-5, abs=1e-6)
    for k, p in model.named_parameters():
        assert torch.allclose(manual[k], p.grad, rtol=1e-4, atol=1e-6), k


def test_applies_only_to_the_plain_trainable_vae():
    model = build_model(ModelConfig(hidden=(8,)))
    assert FastStep.applies(model)
    model.fc_mu.weight.requires_grad_(False)
    assert not FastStep.applies(model)
