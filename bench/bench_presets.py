"""Measure the Train page's presets on full MNIST at one torch thread: training seconds, test -ELBO on the full
test set, kNN accuracy (k=5 by vae_core.knn_accuracy) of the latent means on the full test set.

    VAE_DATA_DIR=/work/shared/data .venv/bin/python bench/bench_presets.py [--only quick]

Prints one markdown table row per preset (and per candidate with --candidates)."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch

import vae_core
from vae_core.presets import PRESETS


def measure(name, mconf, tconf, data):
    torch.set_num_threads(1)
    tx, ty = data.tensors("train")
    vx, vy = data.tensors("test")
    t0 = time.perf_counter()
    res = vae_core.fit(mconf, (tx, ty), None, config=tconf, device=torch.device("cpu"))
    secs = time.perf_counter() - t0
    m = res.model.eval()
    ev = vae_core.mean_losses(m, vx, vy, beta=tconf.beta, seed=0)
    mu_tr, _ = vae_core.encode_dataset(m, tx, ty)
    mu_te, _ = vae_core.encode_dataset(m, vx, vy)
    knn = vae_core.knn_accuracy(mu_tr, ty, mu_te, vy)
    return secs, ev["loss"], knn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default=None)
    ap.add_argument("--candidates", action="store_true", help="also try the Quick candidates considered")
    args = ap.parse_args()
    data = vae_core.load_dataset("mnist")
    print(f"data: {data.describe()}  load average before: {os.getloadavg()[0]:.2f}")
    runs = {k: (p.model_config(), p.train_config()) for k, p in PRESETS.items() if p.fixed}
    if args.candidates:
        C = vae_core.ModelConfig
        T = vae_core.TrainConfig
        runs.update({
            "cand 448-256 1ep b128 lr3e-3 cos": (C(hidden=(448, 256)), T(epochs=1, batch_size=128, lr=3e-3, schedule="cosine")),
            "cand 256-128 2ep b128 lr3e-3 cos": (C(hidden=(256, 128)), T(epochs=2, batch_size=128, lr=3e-3, schedule="cosine")),
            "cand 448-256 1ep b64 lr2e-3 cos": (C(hidden=(448, 256)), T(epochs=1, batch_size=64, lr=2e-3, schedule="cosine")),
            "cand 192-96 2ep b128 lr3e-3 cos": (C(hidden=(192, 96)), T(epochs=2, batch_size=128, lr=3e-3, schedule="cosine")),
            "cand 256-128 1ep b64 lr2e-3 cos": (C(hidden=(256, 128)), T(epochs=1, batch_size=64, lr=2e-3, schedule="cosine")),
            "cand 128-64 2ep b128 lr3e-3 cos": (C(hidden=(128, 64)), T(epochs=2, batch_size=128, lr=3e-3, schedule="cosine")),
        })
    print("| preset | model | recipe | train s (1 thread) | test −ELBO (nats) | kNN acc. of latent means |")
    print("|---|---|---|---|---|---|")
    for name, (mc, tc) in runs.items():
        if args.only and args.only != name:
            continue
        secs, loss, knn = measure(name, mc, tc, data)
        print(f"| {name} | {'-'.join(map(str, mc.hidden))} | {tc.epochs} ep, batch {tc.batch_size}, lr {tc.lr:g}, "
              f"{tc.schedule} | {secs:.1f} | {loss:.1f} | {knn:.3f} |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
