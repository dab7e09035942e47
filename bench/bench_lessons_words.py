"""Figures of the Denoise and AE-vs-VAE lessons, over the full MNIST test set, printed as markdown.

    VAE_DATA_DIR=../shared/data python bench/bench_lessons_words.py

Denoise: the share of test digits whose reconstruction keeps its class (vae_core.noise.class_kept: nearest class
mean of the training images), for the plain VAE and the denoiser, clean and damaged (noise seed 0).
AE vs VAE: 1,000 draws z ~ N(0, I) decoded and named by the pixel kNN of the test set (vae_core.generative)."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import vae_core  # noqa: E402
from vae_core import generative  # noqa: E402
from vae_core.noise import class_kept  # noqa: E402

torch.set_num_threads(1)
data = vae_core.load_dataset("mnist", os.environ.get("VAE_DATA_DIR"))
tx, ty = data.tensors("train")
vx, vy = data.tensors("test")
clean, y = vx[:, 0].numpy(), vy.numpy()
means = vae_core.class_means(tx, ty)
plain, dvae = vae_core.pretrained("mnist-vae"), vae_core.pretrained("mnist-dvae")
print(f"{time.strftime('%Y-%m-%d %H:%M')} · load average {os.getloadavg()[0]:.1f} · {data.describe()}\n")
print("| damage | plain VAE, clean digits | plain VAE, damaged | denoiser, damaged | denoiser − plain (damaged) |")
print("|---|---:|---:|---:|---:|")
ceiling = class_kept(plain, clean, y, means).mean()
print(f"| none | {100 * ceiling:.1f} % | — | {100 * class_kept(dvae, clean, y, means).mean():.1f} % (clean) | — |")
for kind, s in (("salt_pepper", 0.25), ("gaussian", 0.5), ("salt_pepper", 0.4), ("gaussian", 0.8), ("square", 0.4)):
    noisy = vae_core.corrupt(clean, kind, s, seed=0)
    p, d = class_kept(plain, noisy, y, means).mean(), class_kept(dvae, noisy, y, means).mean()
    print(f"| {kind} {s} | {100 * ceiling:.1f} % | {100 * p:.1f} % | {100 * d:.1f} % | {100 * (d - p):+.1f} points |")

knn = vae_core.PixelKNN(vx, vy)
print("\n| model | most common class of 1,000 draws | fewest | class spread (bits, max 3.32) | classes ≥ 2 % "
      "| far from every training code | path jumpiness (1 = even) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in ("mnist-ae", "mnist-vae"):
    m = vae_core.pretrained(name)
    mu_tr = vae_core.encode_dataset(m, tx, ty)[0].numpy()
    mu_te = vae_core.encode_dataset(m, vx, vy)[0].numpy()
    r = generative.draw_report(m, lambda im: knn.predict(im)[0], mu_tr, mu_te, n=1000, pairs=100)
    c = r.spread.counts
    print(f"| {name} | {c.max()} ({int(np.argmax(c))}) | {c.min()} ({int(np.argmin(c))}) | "
          f"{r.spread.entropy_bits:.2f} | {r.spread.classes_seen} | {100 * r.far:.1f} % | {r.evenness:.2f} |")
