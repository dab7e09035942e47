r"""The negative ELBO's forward and backward pass written out by hand for the project's MLP VAE.

`training.fit` uses it automatically when it applies (`FastStep.applies(model)`: the project's own VAE class
with every parameter trainable); any other model trains through autograd. It computes the same numbers as

    logits, mu, logvar = model(x_in, y, generator=g)
    neg_elbo(logits, target, mu, logvar, beta).total.backward()

without building an autograd graph, writing the gradients into fixed `.grad` buffers that the optimizer reads.
tests/test_fast_step.py checks it against autograd for every model kind; bench/bench_train.py times it.

The mathematics (per image; B images per batch, the loss is the batch mean)
---------------------------------------------------------------------------
Forward. Encoder layers a_{l+1} = relu(W_l a_l + b_l) with a_0 = x_in (the one-hot class appended for a
conditional model), h = the last of them; mu = W_mu h + b_mu, logvar = W_lv h + b_lv, sigma = exp(logvar / 2);
z = mu + sigma * eps with eps ~ N(0, I) drawn from the generator exactly as `VAE.reparameterize` draws it (a
plain autoencoder has z = mu and no KL); decoder d_{l+1} = relu(V_l d_l + c_l) with d_0 = z (plus one-hot) and
no ReLU after the last layer, whose output is the logits s (784 per image).

    recon = sum_pixels [softplus(s) - t * s]                   (BCE of sigmoid(s) against the target t)
    KL    = 1/2 sum_j [mu_j^2 + sigma_j^2 - 1 - logvar_j]      (Kingma & Welling 2014, Appendix B)
    L     = (1/B) sum_images (recon + beta * KL)

Backward, from the loss down (g_v is dL/dv):
  1. softplus'(s) = sigmoid(s), so              g_s = (sigmoid(s) - t) / B.
  2. A linear layer u = W v + b passes          g_W = g_u^T v,  g_b = sum over the batch of g_u,  g_v = g_u W;
     a ReLU passes the gradient where its output was positive and zero elsewhere (threshold_backward).
     Running 2 through the decoder gives g_z; the columns of the first decoder layer that read the one-hot
     label are skipped (no gradient flows into the labels).
  3. z = mu + sigma * eps, dKL/dmu = mu:        g_mu = g_z + (beta / B) mu.
  4. sigma = exp(logvar / 2), so dz/dlogvar = eps * sigma / 2, and dKL/dlogvar = (sigma^2 - 1) / 2:
                                                g_lv = 1/2 [g_z * eps * sigma + (beta / B)(sigma^2 - 1)].
  5. Both heads read h:                         g_h = g_mu W_mu + g_lv W_lv, then 2 runs down the encoder
     (stopping at the input: no gradient for the images).
"""
from __future__ import annotations

import torch
import torch.nn as nn

from .model import VAE


def _linears(seq: nn.Sequential) -> list[nn.Linear]:
    return [m for m in seq if isinstance(m, nn.Linear)]


def _relu_backward(g: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
    """Step 2's ReLU: the gradient passes where the layer's output was positive."""
    return torch.ops.aten.threshold_backward(g, out, 0)


def _linear_backward(lin: nn.Linear, g: torch.Tensor, inp: torch.Tensor) -> None:
    """Step 2's weight and bias gradients of u = W inp + b, written into the fixed .grad buffers."""
    torch.mm(g.t(), inp, out=lin.weight.grad)
    torch.sum(g, 0, out=lin.bias.grad)


class FastStep:
    """Call it with a batch: it returns (recon_sum, kl_sum) and leaves dL/dparameter in each p.grad."""

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
    def __call__(self, xb: torch.Tensor, yb: torch.Tensor | None, generator: torch.Generator,
                 target: torch.Tensor | None = None):
        """xb: (B, 784) float in [0, 1], the encoder's input; yb: (B,) int64 for a conditional model; target:
        (B, 784) the images to reconstruct (default xb; the clean images when training a denoiser)
        -> (recon_sum, kl_sum), 0-dim tensors summed over the batch (nats)."""
        t = xb if target is None else target
        onehot = nn.functional.one_hot(yb, self.num_classes).to(xb.dtype) if self.cond else None
        h, enc_in = self._encoder(xb, onehot)
        mu, logvar, sigma, eps, z = self._heads(h, generator)
        logits, dec_in = self._decoder(z, onehot)
        recon = nn.functional.softplus(logits).sum() - torch.dot(t.reshape(-1), logits.reshape(-1))
        kl = (0.5 * (mu * mu + sigma * sigma - 1 - logvar).sum() if logvar is not None
              else torch.zeros((), device=xb.device, dtype=xb.dtype))
        inv_b = 1.0 / xb.shape[0]
        g_z = self._decoder_backward(torch.sigmoid(logits).sub_(t).mul_(inv_b), dec_in)     # step 1, 2
        g_h = self._heads_backward(g_z, h, mu, logvar, sigma, eps, self.beta * inv_b)      # steps 3-5
        self._encoder_backward(_relu_backward(g_h, h), enc_in)
        return recon, kl

    def _encoder(self, xb, onehot):
        a = torch.cat([xb, onehot], 1) if self.cond else xb
        enc_in = [a]                                   # input of each encoder Linear
        for lin in self.enc:
            a = torch.addmm(lin.bias, a, lin.weight.t()).relu_()   # every encoder layer is followed by ReLU
            enc_in.append(a)
        return enc_in.pop(), enc_in

    def _heads(self, h, generator):
        m = self.model
        mu = torch.addmm(m.fc_mu.bias, h, m.fc_mu.weight.t())
        if m.fc_logvar is None:
            return mu, None, None, None, mu            # "ae": deterministic code, no KL
        logvar = torch.addmm(m.fc_logvar.bias, h, m.fc_logvar.weight.t())
        sigma = logvar.mul(0.5).exp_()
        eps = torch.randn(mu.shape, generator=generator, device=mu.device, dtype=mu.dtype)
        return mu, logvar, sigma, eps, torch.addcmul(mu, sigma, eps)

    def _decoder(self, z, onehot):
        d = torch.cat([z, onehot], 1) if self.cond else z
        dec_in = []
        last = len(self.dec) - 1
        for i, lin in enumerate(self.dec):
            dec_in.append(d)
            d = torch.addmm(lin.bias, d, lin.weight.t())
            if i < last:
                d.relu_()
        return d, dec_in

    def _decoder_backward(self, g, dec_in):
        for i in range(len(self.dec) - 1, -1, -1):
            lin, inp = self.dec[i], dec_in[i]
            _linear_backward(lin, g, inp)
            if i > 0:
                g = _relu_backward(torch.mm(g, lin.weight), inp)
            else:
                w = lin.weight[:, :self.latent] if self.cond else lin.weight   # no gradient for the labels
                g = torch.mm(g, w)                     # dL/dz, (B, latent)
        return g

    def _heads_backward(self, g_z, h, mu, logvar, sigma, eps, kl_scale):
        m = self.model
        if logvar is None:
            g_mu = g_z
            g_h = torch.mm(g_mu, m.fc_mu.weight)
        else:
            g_mu = g_z.add(mu, alpha=kl_scale)                                         # step 3
            g_lv = (g_z * eps).mul_(sigma).add_(sigma * sigma - 1, alpha=kl_scale).mul_(0.5)   # step 4
            _linear_backward(m.fc_logvar, g_lv, h)
            g_h = torch.addmm(torch.mm(g_mu, m.fc_mu.weight), g_lv, m.fc_logvar.weight)  # step 5
        _linear_backward(m.fc_mu, g_mu, h)
        return g_h

    def _encoder_backward(self, g, enc_in):
        for i in range(len(self.enc) - 1, -1, -1):
            lin, inp = self.enc[i], enc_in[i]
            _linear_backward(lin, g, inp)
            if i > 0:                                  # no gradient for the images themselves
                g = _relu_backward(torch.mm(g, lin.weight), inp)
