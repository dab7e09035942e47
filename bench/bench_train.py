"""Training speed and quality: the project's trainer against the pytorch/examples-style reference loop,
same seed architecture, same data, same machine, same run. Each variant runs in its own process so that
peak memory (max RSS) is its own, and the whole race is repeated (--repeats) because a shared machine is noisy:
the speed-up reported is the median of the per-repeat ratios, each taken between runs made one after another.

    python bench/bench_train.py --data-dir ../shared/data [--repeats 3] [--threads 2] [--max-epochs 5]

Prints: the check of vae_core's hand-written gradients against autograd, then markdown tables (medians over
the repeats, then every repeat): seconds per epoch (training only, test evaluation excluded for both), speed-up
over the reference, test negative ELBO after equal epochs, time to reach 148 nats on the test set, peak memory.
--max-epochs lets the reference and the same-recipe run go on past the equal-epochs race until they reach the
target (or that many epochs), so that their time-to-target is a measured number rather than "not reached"."""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

VARIANTS = ("reference", "ours", "ours-fast")


def run_variant(name: str, args) -> dict:
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    import vae_core
    ds = vae_core.load_dataset("mnist", args.data_dir)
    out = {"variant": name, "epochs": [], "data": ds.describe(), "load_before": os.getloadavg()[0]}
    target = args.target
    max_epochs = max(args.ref_epochs, args.max_epochs)
    if name == "reference":
        import reference_vae as ref
        model = ref.VAE()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        train_loader, test_loader = ref.make_loaders(ds)
        train_time = 0.0
        for e in range(max_epochs):
            t = time.perf_counter()
            ref.train_epoch(model, opt, train_loader)
            train_time += time.perf_counter() - t      # the test pass below is not timed
            out["epochs"].append({"epoch": e + 1, "seconds": train_time, "test": ref.test(model, test_loader)})
            if e + 1 >= args.ref_epochs and out["epochs"][-1]["test"] <= target:
                break
    else:
        tr, te = ds.tensors("train"), ds.tensors("test")
        if name == "ours":
            mconf = vae_core.ModelConfig()
            tconf = vae_core.TrainConfig(epochs=max_epochs, batch_size=128, lr=1e-3, seed=0)
            # Constant lr, so the first ref_epochs are the equal-epochs race; past it, stop once the target is
            # reached (the stop request ends the run after the next step, which is not counted in any epoch).
            reached = threading.Event()

            def on_progress(pr):
                if pr.phase == "epoch" and pr.epoch >= args.ref_epochs and pr.record["test_loss"] <= target:
                    reached.set()
            res = vae_core.fit(mconf, tr, te, config=tconf, callback=on_progress, stop=reached)
        else:  # "ours-fast": the recipe for time-to-quality (wider MLP, higher lr, cosine schedule)
            mconf = vae_core.ModelConfig(hidden=(448, 256))
            tconf = vae_core.TrainConfig(epochs=args.fast_epochs, batch_size=128, lr=2e-3, seed=0,
                                         schedule="cosine")
            res = vae_core.fit(mconf, tr, te, config=tconf)
        # "train_seconds" is fit's own clock without the per-epoch test evaluation.
        for r in res.history:
            out["epochs"].append({"epoch": r["epoch"], "seconds": r["train_seconds"], "test": r["test_loss"]})
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["load_after"] = os.getloadavg()[0]
    hit = [e for e in out["epochs"] if e["test"] <= target]
    out["time_to_target"] = hit[0]["seconds"] if hit else None
    out["epochs_to_target"] = hit[0]["epoch"] if hit else None
    return out


def gradient_check() -> str:
    """vae_core's hand-written backward against autograd on the same batch, every model kind."""
    import torch
    import vae_core
    from vae_core.fast_step import FastStep
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(0)
    x = torch.rand(64, 784, generator=g)
    x[x < 0.7] = 0
    y = torch.randint(0, 10, (64,), generator=g)
    worst_grad, worst_loss = 0.0, 0.0
    for kind, hidden, beta in (("vae", (256, 128), 1.0), ("ae", (256, 128), 1.0), ("cvae", (448, 256), 1.0),
                               ("vae", (64,), 4.0), ("cvae", (32, 16, 8), 0.5)):
        m = vae_core.build_model(vae_core.ModelConfig(kind=kind, hidden=hidden), 1).train()
        rec, kl = FastStep(m, beta)(x, y, torch.Generator().manual_seed(5))
        manual = [p.grad.clone() for p in m.parameters()]
        for p in m.parameters():
            p.grad = None
        logits, mu, logvar = m(x, y, generator=torch.Generator().manual_seed(5))
        parts = vae_core.neg_elbo(logits, x, mu, logvar, beta)
        parts.total.backward()
        for p, q in zip(m.parameters(), manual):
            worst_grad = max(worst_grad, ((p.grad - q).abs().max() / p.grad.abs().max().clamp_min(1e-12)).item())
        loss = (rec + beta * kl).item() / x.shape[0]
        worst_loss = max(worst_loss, abs(loss - parts.total.item()) / abs(parts.total.item()))
    return (f"Hand-written backward vs autograd (vae, ae, cvae; 1-3 layers; beta 0.5-4): largest relative "
            f"difference {worst_grad:.1e} in a gradient, {worst_loss:.1e} in the loss.")


def spe(r: dict) -> float:
    """Seconds per epoch over the equal-epochs race (training only)."""
    k = min(r["n_race"], len(r["epochs"])) - 1
    return r["epochs"][k]["seconds"] / r["epochs"][k]["epoch"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default=None)
    p.add_argument("--ref-epochs", type=int, default=5, help="epochs for both trainers in the equal-epochs race")
    p.add_argument("--max-epochs", type=int, default=5,
                   help="reference and same-recipe run go on until the target test loss or this many epochs")
    p.add_argument("--fast-epochs", type=int, default=8)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--target", type=float, default=148.0)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--json", default=None, help="also write every run's raw numbers to this file")
    p.add_argument("--variant", default=None, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.variant:
        print(json.dumps(run_variant(args.variant, args)))
        return
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch threads {args.threads}; "
          f"{time.strftime('%Y-%m-%d %H:%M')}; load average at start {os.getloadavg()[0]:.1f}")
    print(gradient_check(), flush=True)
    runs = {v: [] for v in VARIANTS}
    for rep in range(args.repeats):
        order = VARIANTS if rep % 2 == 0 else tuple(reversed(VARIANTS))   # no variant always runs first
        for v in order:
            cmd = [sys.executable, __file__, "--variant", v, "--ref-epochs", str(args.ref_epochs),
                   "--max-epochs", str(args.max_epochs), "--fast-epochs", str(args.fast_epochs),
                   "--threads", str(args.threads), "--target", str(args.target)]
            if args.data_dir:
                cmd += ["--data-dir", args.data_dir]
            res = subprocess.run(cmd, capture_output=True, text=True)
            if res.returncode != 0:
                sys.exit(f"variant {v} failed:\n{res.stderr}")
            r = json.loads(res.stdout.strip().splitlines()[-1])
            r["n_race"] = args.ref_epochs
            runs[v].append(r)
            print(f"  repeat {rep + 1}/{args.repeats} {v}: {spe(r):.2f} s/epoch "
                  f"(load {r['load_before']:.1f} -> {r['load_after']:.1f})", file=sys.stderr, flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=1))
    print(f"Data: {runs['reference'][0]['data']}\n")

    med = statistics.median
    ratios = {v: [spe(ref) / spe(r) for ref, r in zip(runs["reference"], runs[v])] for v in VARIANTS}

    def ttt(rs):
        hits = [r for r in rs if r["time_to_target"] is not None]
        if len(hits) < len(rs):
            return f"not reached in {len(rs[0]['epochs'])} epochs" if not hits else \
                f"reached in {len(hits)} of {len(rs)} runs"
        return f"{med(r['time_to_target'] for r in rs):.1f} s (epoch {rs[0]['epochs_to_target']})"

    names = {"reference": "reference (pytorch/examples style, 256-128, Adam 1e-3)",
             "ours": "vae_core.fit, same model & recipe",
             "ours-fast": f"vae_core.fit, 448-256, lr 2e-3 cosine, {args.fast_epochs} epochs"}
    n = args.ref_epochs
    print(f"Medians over {args.repeats} repeats (speed-up: median of the per-repeat ratios of seconds per epoch, "
          f"reference / this).\n")
    print(f"| trainer | s / epoch (min–max) | speed-up | test −ELBO after {n} epochs | "
          f"time to {args.target:g} nats (training time) | peak RSS |")
    print("|---|---|---|---|---|---|")
    for v in VARIANTS:
        rs = runs[v]
        s = [spe(r) for r in rs]
        tests = [r["epochs"][min(n, len(r["epochs"])) - 1]["test"] for r in rs]
        print(f"| {names[v]} | {med(s):.2f} ({min(s):.2f}–{max(s):.2f}) | {med(ratios[v]):.2f}× | "
              f"{med(tests):.2f} | {ttt(rs)} | {max(r['max_rss_mb'] for r in rs):.0f} MB |")
    print("\nEvery repeat (s / epoch; load average before → after each run):\n")
    print("| repeat | reference | vae_core.fit | ratio | fast recipe | fast: time to target |")
    print("|---|---|---|---|---|---|")
    for i in range(args.repeats):
        a, b, c = runs["reference"][i], runs["ours"][i], runs["ours-fast"][i]
        tt = f"{c['time_to_target']:.1f} s" if c["time_to_target"] is not None else "—"
        print(f"| {i + 1} | {spe(a):.2f} (load {a['load_before']:.1f}→{a['load_after']:.1f}) | {spe(b):.2f} "
              f"(load {b['load_before']:.1f}→{b['load_after']:.1f}) | {spe(a) / spe(b):.2f}× | {spe(c):.2f} | {tt} |")


if __name__ == "__main__":
    main()
