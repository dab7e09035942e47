"""AE vs VAE, in numbers: the shipped autoencoder's and VAE's test reconstruction losses, and the prior-sample
"looks like a digit" score: decode draws z ~ N(0, I) and count the decodings that a k-nearest-neighbour
classifier on the pixels of the test set names with confidence (at least 8 of the 10 nearest test images agree).
Real images scored by the same judge give the scale. With --beta-sweep it also trains the β page's five models
(ui.training.quick_configs, in one process, one after another as the server's queue does) and reports their time,
test reconstruction loss and KL per latent dimension.

    python bench/bench_compare.py --data-dir ../shared/data [--draws 5000] [--threads 2] [--beta-sweep]
                                  [--out bench/sections/compare.md]

Prints a markdown section and, with --out, writes it there."""
from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wilson(p: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval of a proportion."""
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h


def judge(knn, images, threshold: float = 0.8):
    import numpy as np
    labels, conf = knn.predict(images)
    sure = conf >= threshold
    return float(sure.mean()), float((conf >= 1.0).mean()), np.bincount(labels[sure], minlength=10)


def main() -> str:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None, help="folder with the MNIST IDX files (else the usual sources)")
    ap.add_argument("--draws", type=int, default=5000, help="points drawn from N(0, I) per model")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--beta-sweep", action="store_true", help="also train and measure the β page's models")
    ap.add_argument("--out", type=Path, default=None, help="write the markdown section here")
    args = ap.parse_args()

    import numpy as np
    import torch
    torch.set_num_threads(args.threads)
    import vae_core
    from ui.training import BETAS, quick_configs

    t_start = time.time()
    ds = vae_core.load_dataset("mnist", args.data_dir)
    x, y = ds.tensors("test")
    knn = vae_core.PixelKNN(x, y, k=10)
    n = args.draws
    models = {k: vae_core.pretrained(f"mnist-{k}") for k in ("ae", "vae", "cvae")}

    rows = []
    for k in ("ae", "vae"):
        m = models[k]
        s = vae_core.latent_summary(m, x, y)
        _, mean_loss = vae_core.reconstruct(m, x)          # decoding the mean code (the AE's only code)
        rows.append((k, s, float(mean_loss.mean())))

    draws = {}
    for k in ("ae", "vae"):
        draws[k] = judge(knn, vae_core.decode_prior(models[k], n, seed=0))
    labels = torch.arange(n) % 10
    cv_imgs = vae_core.decode_prior(models["cvae"], n, seed=0, y=labels)
    draws["cvae"] = judge(knn, cv_imgs)
    cv_label, _ = knn.predict(cv_imgs)
    cv_match = float((cv_label == labels.numpy()).mean())
    # the AE decoding draws from a Gaussian fitted to its own test codes: the right region, still with gaps
    mu_ae, _ = vae_core.encode_dataset(models["ae"], x)
    mean, cov = mu_ae.mean(0).double(), torch.cov(mu_ae.T.double())
    g = torch.Generator().manual_seed(0)
    z_fit = mean + torch.randn((n, 2), generator=g, dtype=torch.float64) @ torch.linalg.cholesky(cov).T
    draws["ae-fit"] = judge(knn, vae_core.decode_points(models["ae"], z_fit.float().numpy()))
    # scale: real images the judge has not seen (training images) and the judge's own test images (leave-in)
    xt, _ = ds.tensors("train")
    idx = torch.randperm(xt.shape[0], generator=torch.Generator().manual_seed(0))[:n]
    draws["real"] = judge(knn, xt[idx].numpy())

    lines = ["## AE vs VAE: reconstruction and random draws", "",
             f"Command: `python bench/bench_compare.py{' --data-dir ' + args.data_dir if args.data_dir else ''}"
             f" --draws {n} --threads {args.threads}{' --beta-sweep' if args.beta_sweep else ''}"
             f"{' --out ' + str(args.out) if args.out else ''}` · {time.strftime('%Y-%m-%d')} · "
             f"{platform.machine()}, {os.cpu_count()} cores, torch threads {args.threads}, load average at the "
             f"start {os.getloadavg()[0]:.1f} · data: {ds.describe()}", "",
             "Shipped models (`assets/`, both 448-256 MLPs with a 2-D latent, 40 epochs, same recipe and seed). "
             "Test set, nats per image:", "",
             "| model | reconstruction loss, z = μ | reconstruction loss, z ~ q(z\\|x) | KL | −ELBO |",
             "|---|---|---|---|---|"]
    for k, s, mean_loss in rows:
        if k == "ae":
            lines.append(f"| mnist-ae | **{mean_loss:.2f}** | — (deterministic code) | — | — |")
        else:
            lines.append(f"| mnist-vae | **{mean_loss:.2f}** | {s.recon:.2f} | {s.kl:.2f} "
                         f"({s.kl_per_dim[0]:.2f} + {s.kl_per_dim[1]:.2f}) | {s.recon + s.kl:.2f} |")
    lines += ["", f"Random draws, {n:,} per row (z ~ N(0, I), seed 0, the same z for every model), judged by a "
              "10-nearest-neighbour classifier on the pixels of the 10,000 test images (Euclidean): "
              "\"named with confidence\" = at least 8 of the 10 neighbours share a class.", "",
              "| decoded images | named with confidence (≥ 8/10) | 95% interval | all 10 agree | "
              "confident ones per class 0–9 |", "|---|---|---|---|---|"]
    names = {"ae": "mnist-ae, z ~ N(0, I)", "vae": "mnist-vae, z ~ N(0, I)",
             "cvae": "mnist-cvae, z ~ N(0, I), labels 0–9 in turn",
             "ae-fit": "mnist-ae, z ~ Gaussian fitted to its own test codes",
             "real": "real MNIST training images (scale)"}
    for k in ("ae", "vae", "ae-fit", "cvae", "real"):
        p, p10, counts = draws[k]
        lo, hi = wilson(p, n)
        bold = "**" if k in ("ae", "vae") else ""
        lines.append(f"| {names[k]} | {bold}{100 * p:.1f}%{bold} | {100 * lo:.1f}–{100 * hi:.1f}% | "
                     f"{100 * p10:.1f}% | {' · '.join(str(int(c)) for c in counts)} |")
    p_ae, p_vae = draws["ae"][0], draws["vae"][0]

    def coverage(counts):
        c = np.sort(counts)[::-1]
        return 100 * c[:3].sum() / max(1, c.sum()), int(c[-1])
    top_ae, min_ae = coverage(draws["ae"][2])
    top_vae, min_vae = coverage(draws["vae"][2])
    lines += ["", f"Reading: the VAE's N(0, I) draws are named with confidence {100 * (p_vae - p_ae):+.1f} points "
              f"more often than the AE's. The score is rough (blurry decodings can still have 8 agreeing "
              f"neighbours; real handwriting scores {100 * draws['real'][0]:.0f}%). Class coverage: "
              f"{top_ae:.0f}% of the AE's confident draws fall in its three most frequent classes and its rarest "
              f"class gets {min_ae}; for the VAE {top_vae:.0f}% and {min_vae}. The AE's test codes have a standard "
              f"deviation of {float(mu_ae.std(0).mean()):.1f} per axis, so N(0, I) covers only the middle of its "
              f"code space. The conditional VAE's decodings are named as the label they were drawn with in "
              f"{100 * cv_match:.1f}% of cases."]

    if args.beta_sweep:
        tr = ds.tensors("train")
        lines += ["", "### β page models (trained on demand by the page)", "",
                  f"`ui.training.quick_configs` ({quick_configs()[0].hidden} hidden units, "
                  f"{quick_configs()[1].epochs} epochs, lr 2e-3 cosine, seed 0), one after another in "
                  f"one process as the server's training queue (1 worker) runs them. Test set, nats per image.", "",
                  "| β | training time (s) | reconstruction loss | KL | KL z₁ | KL z₂ | mean \\|μ\\| | load average |",
                  "|---|---|---|---|---|---|---|---|"]
        total = 0.0
        for b in BETAS:
            mconf, tconf = quick_configs("vae", b)
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            res = vae_core.fit(mconf, tr, (x, y), config=tconf, device=torch.device("cpu"))
            sec = time.perf_counter() - t0
            total += sec
            s = vae_core.latent_summary(res.model, x, y)
            lines.append(f"| {b:g} | {sec:.1f} | {s.recon:.1f} | {s.kl:.2f} | {s.kl_per_dim[0]:.3f} | "
                         f"{s.kl_per_dim[1]:.3f} | {float(np.mean(s.mu_abs)):.3f} | {load:.1f} |")
            print(lines[-1], file=sys.stderr, flush=True)
        lines += ["", f"All five: {total:.0f} s (with test evaluation after each epoch, as the queue does)."]
    lines += ["", f"Whole run: {time.time() - t_start:.0f} s."]
    return "\n".join(lines) + "\n", args.out


if __name__ == "__main__":
    text, out = main()
    print(text)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
