"""vae_core.model and vae_core.config: shapes of the three kinds, reparameterization, config checks."""
from __future__ import annotations

import pytest
import torch

from vae_core import VAE, ModelConfig, TrainConfig, build_model

TINY = dict(latent_dim=2, hidden=(16, 8))


def _images(n: int, seed: int = 0) -> torch.Tensor:
    return torch.rand((n, 1, 28, 28), generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("kind", ["vae", "ae", "cvae"])
@pytest.mark.parametrize("latent", [2, 5])
def test_encode_decode_shapes(kind, latent):
    model = build_model(ModelConfig(kind=kind, latent_dim=latent, hidden=(16, 8)), seed=0).eval()
    x = _images(7)
    y = torch.arange(7) % 10 if kind == "cvae" else None
    mu, logvar = model.encode(x, y)
    assert mu.shape == (7, latent)
    if kind == "ae":
        assert logvar is None
    else:
        assert logvar.shape == (7, latent)
    probs = model.decode(mu, y)
    assert probs.shape == (7, 1, 28, 28)
    assert probs.min() >= 0 and probs.max() <= 1
    logits, mu2, logvar2 = model(x, y, generator=torch.Generator().manual_seed(0))
    assert logits.shape == (7, 784)
    assert torch.equal(mu, mu2)
    # decode is sigmoid(decode_logits), reshaped to images
    assert torch.allclose(probs.reshape(7, -1), torch.sigmoid(model.decode_logits(mu, y)))


def test_cvae_needs_labels_and_uses_them():
    model = build_model(ModelConfig(kind="cvae", **TINY), seed=0).eval()
    x = _images(4)
    with pytest.raises(ValueError, match="labels"):
        model.encode(x)
    with pytest.raises(ValueError, match="labels"):
        model.decode(torch.zeros(4, 2))
    z = torch.zeros(4, 2)
    a = model.decode(z, torch.tensor([0, 0, 0, 0]))
    b = model.decode(z, torch.tensor([1, 1, 1, 1]))
    assert not torch.allclose(a, b), "the class label must change the decoded image"
    # One label broadcasts over the batch.
    assert torch.allclose(model.decode(z, torch.tensor([1])), b)
    # The encoder input is the image plus the 10-way one-hot, the decoder input z plus the one-hot.
    assert model.encoder[0].in_features == 784 + 10
    assert model.decoder[0].in_features == 2 + 10


def test_default_config_is_the_seed_architecture():
    model = VAE(ModelConfig())
    sizes = [(m.in_features, m.out_features) for m in model.encoder if isinstance(m, torch.nn.Linear)]
    assert sizes == [(784, 256), (256, 128)]
    assert (model.fc_mu.in_features, model.fc_mu.out_features) == (128, 2)
    dec = [(m.in_features, m.out_features) for m in model.decoder if isinstance(m, torch.nn.Linear)]
    assert dec == [(2, 128), (128, 256), (256, 784)]
    assert "kind=vae" in repr(model) and "latent=2" in repr(model)


def test_reparameterize_with_generator():
    mu = torch.tensor([[0.5, -1.0]]).expand(20000, 2)
    logvar = torch.log(torch.tensor([[0.25, 4.0]])).expand(20000, 2)
    z1 = VAE.reparameterize(mu, logvar, torch.Generator().manual_seed(3))
    z2 = VAE.reparameterize(mu, logvar, torch.Generator().manual_seed(3))
    z3 = VAE.reparameterize(mu, logvar, torch.Generator().manual_seed(4))
    assert torch.equal(z1, z2), "same generator seed -> same sample"
    assert not torch.equal(z1, z3)
    assert torch.allclose(z1.mean(0), torch.tensor([0.5, -1.0]), atol=0.05)
    assert torch.allclose(z1.std(0), torch.tensor([0.5, 2.0]), rtol=0.03)
    # A deterministic encoder: z is the mean itself.
    assert VAE.reparameterize(mu, None) is mu


def test_forward_sampling_is_reproducible_and_ae_is_deterministic():
    x = _images(3)
    vae = build_model(ModelConfig(kind="vae", **TINY), seed=1)
    a, _, _ = vae(x, generator=torch.Generator().manual_seed(0))
    b, _, _ = vae(x, generator=torch.Generator().manual_seed(0))
    c, _, _ = vae(x, generator=torch.Generator().manual_seed(1))
    assert torch.equal(a, b) and not torch.equal(a, c)
    ae = build_model(ModelConfig(kind="ae", **TINY), seed=1)
    assert ae.fc_logvar is None
    assert torch.equal(ae(x, generator=torch.Generator().manual_seed(0))[0],
                       ae(x, generator=torch.Generator().manual_seed(1))[0])


def test_build_model_same_seed_same_weights():
    a = build_model(ModelConfig(**TINY), seed=5).state_dict()
    b = build_model(ModelConfig(**TINY), seed=5).state_dict()
    c = build_model(ModelConfig(**TINY), seed=6).state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert any(not torch.equal(a[k], c[k]) for k in a)


@pytest.mark.parametrize("kwargs, message", [
    (dict(kind="gan"), "model kind must be one of"),
    (dict(latent_dim=0), "latent size must be between 1 and 64"),
    (dict(latent_dim=65), "latent size must be between 1 and 64"),
    (dict(latent_dim=2.5), "latent size"),
    (dict(hidden=()), "1 to 4 hidden layers"),
    (dict(hidden=(8, 8, 8, 8, 8)), "1 to 4 hidden layers"),
    (dict(hidden=(0,)), "hidden sizes must be between 1 and 2048"),
    (dict(hidden=(4096,)), "hidden sizes must be between 1 and 2048"),
    (dict(image_size=32), "images must be 28x28"),
    (dict(num_classes=0), "number of classes"),
])
def test_model_config_validation(kwargs, message):
    config = ModelConfig(**kwargs)
    with pytest.raises(ValueError, match=message):
        config.validate()
    with pytest.raises(ValueError, match=message):
        VAE(config)  # a model is never built from a bad config


def test_model_config_round_trip_and_unknown_fields():
    c = ModelConfig(kind="cvae", latent_dim=3, hidden=[32, 16])
    assert c.hidden == (32, 16)
    assert ModelConfig.from_dict(c.to_dict()) == c
    with pytest.raises(ValueError, match="unknown config fields"):
        ModelConfig.from_dict({**c.to_dict(), "dropout": 0.1})


@pytest.mark.parametrize("kwargs, message", [
    (dict(epochs=0), "epochs"),
    (dict(batch_size=0), "batch size"),
    (dict(lr=0.0), "learning rate"),
    (dict(lr=2.0), "learning rate"),
    (dict(beta=-1.0), "beta"),
    (dict(schedule="step"), "schedule"),
])
def test_train_config_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**kwargs).validate()
    TrainConfig().validate()
