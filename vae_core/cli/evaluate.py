"""Print a model's metrics on the test set.

    python -m vae_core.evaluate assets/mnist-vae.safetensors        (or a shipped name: mnist-vae)"""
from __future__ import annotations

import time
from pathlib import Path

import torch

from ..checkpoint import PRETRAINED, load_model, pretrained
from . import Parser, fail
from ..data import DATASETS, load_dataset
from ..errors import VAEError
from ..latent import encode_dataset, log_likelihood_grid
from ..knn import knn_accuracy
from ..metrics import log_likelihood_is, mean_losses

PROG = "python -m vae_core.evaluate"


def main(argv=None) -> int:
    p = Parser(prog=PROG, description="Test-set metrics of a model: negative ELBO, log-likelihood, kNN accuracy.")
    p.add_argument("model", help="a .safetensors file or a shipped model name (" + ", ".join(PRETRAINED) + ")")
    p.add_argument("--dataset", choices=list(DATASETS), default=None, help="default: the one it was trained on")
    p.add_argument("--data-dir", default=None)
    p.add_argument("--n-ll", type=int, default=500, help="test images for the log-likelihood estimates (0: skip)")
    p.add_argument("--samples", type=int, default=1000, help="importance samples per image")
    p.add_argument("--threads", type=int, default=0)
    args = p.parse_args(argv)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    try:
        model = pretrained(args.model) if args.model in PRETRAINED and not Path(args.model).exists() \
            else load_model(args.model)
        data = load_dataset(args.dataset or model.meta.get("dataset", "mnist"), args.data_dir)
    except VAEError as e:
        fail(PROG, str(e))
    print(f"Model: {model!r}")
    print(f"Data:  {data.describe()}")
    tx, ty = data.tensors("train")
    vx, vy = data.tensors("test")
    ev = mean_losses(model, vx, vy)
    print(f"test negative ELBO     {ev['loss']:8.2f} nats  (reconstruction {ev['recon']:.2f} + KL {ev['kl']:.2f}), "
          f"{len(vx):,} images")
    mu_tr, _ = encode_dataset(model, tx, ty)
    mu_te, _ = encode_dataset(model, vx, vy)
    print(f"kNN accuracy (k=5)     {100 * knn_accuracy(mu_tr, ty, mu_te, vy):8.2f} %  (latent means, train -> test)")
    if args.n_ll > 0 and model.config.kind != "ae":
        n = min(args.n_ll, len(vx))
        sub_x, sub_y = vx[:n], vy[:n]
        t = time.perf_counter()
        ll_is = log_likelihood_is(model, sub_x, sub_y, samples=args.samples)
        print(f"log p(x), importance   {ll_is.mean().item():8.2f} nats  ({args.samples} samples, first {n} test "
              f"images, {time.perf_counter() - t:.1f}s)")
        if model.config.latent_dim == 2:
            t = time.perf_counter()
            ll_grid = log_likelihood_grid(model, sub_x, sub_y)
            print(f"log p(x), integration  {ll_grid.mean().item():8.2f} nats  (61x61 grid per image, "
                  f"{time.perf_counter() - t:.1f}s)")
            ev_sub = mean_losses(model, sub_x, sub_y)
            print(f"  same images' -ELBO   {ev_sub['loss']:8.2f} nats")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
