"""Training speed and quality: the project's trainer against the pytorch/examples-style reference loop,
same seed architecture, same data, same machine, same run. Each variant runs in its own process so that
peak memory (max RSS) is its own.

    python bench/bench_train.py --data-dir ../shared/data [--epochs 3] [--threads 2]

Prints a markdown table: seconds per epoch, ratio, test negative ELBO after equal epochs, time to reach
148 nats on the test set, peak memory."""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def run_variant(name: str, args) -> dict:
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    import vae_core
    ds = vae_core.load_dataset("mnist", args.data_dir)
    out = {"variant": name, "epochs": [], "data": ds.describe()}
    target = args.target
    if name == "reference":
        import reference_vae as ref
        model = ref.VAE()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        train_loader, test_loader = ref.make_loaders(ds)
        train_time = 0.0
        for e in range(args.ref_epochs):
            t = time.perf_counter()
            ref.train_epoch(model, opt, train_loader)
            train_time += time.perf_counter() - t
            out["epochs"].append({"epoch": e + 1, "seconds": train_time, "test": ref.test(model, test_loader)})
    else:
        if name == "ours":
            mconf = vae_core.ModelConfig()
            tconf = vae_core.TrainConfig(epochs=args.ref_epochs, batch_size=128, lr=1e-3, seed=0)
        else:  # "ours-fast": the recipe for time-to-quality (wider MLP, higher lr, cosine schedule)
            mconf = vae_core.ModelConfig(hidden=(448, 256))
            tconf = vae_core.TrainConfig(epochs=args.fast_epochs, batch_size=128, lr=2e-3, seed=0,
                                         schedule="cosine")
        tr, te = ds.tensors("train"), ds.tensors("test")
        # Time training only: stop the clock around each test evaluation done by the callback.
        res = vae_core.fit(mconf, tr, te, config=tconf)
        for r in res.history:
            out["epochs"].append({"epoch": r["epoch"], "seconds": r["train_seconds"], "test": r["test_loss"]})
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    hit = [e for e in out["epochs"] if e["test"] <= target]
    out["time_to_target"] = hit[0]["seconds"] if hit else None
    out["epochs_to_target"] = hit[0]["epoch"] if hit else None
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default=None)
    p.add_argument("--ref-epochs", type=int, default=5, help="epochs for both trainers in the equal-epochs race")
    p.add_argument("--fast-epochs", type=int, default=8)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--target", type=float, default=148.0)
    p.add_argument("--variant", default=None, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.variant:
        print(json.dumps(run_variant(args.variant, args)))
        return
    results = {}
    for v in ("reference", "ours", "ours-fast"):
        cmd = [sys.executable, __file__, "--variant", v, "--ref-epochs", str(args.ref_epochs),
               "--fast-epochs", str(args.fast_epochs), "--threads", str(args.threads), "--target", str(args.target)]
        if args.data_dir:
            cmd += ["--data-dir", args.data_dir]
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        results[v] = json.loads(res.stdout.strip().splitlines()[-1])
    ref, ours, fast = results["reference"], results["ours"], results["ours-fast"]
    spe = lambda r: r["epochs"][-1]["seconds"] / r["epochs"][-1]["epoch"]
    ttt = lambda r: (f"{r['time_to_target']:.1f} s (epoch {r['epochs_to_target']})" if r["time_to_target"]
                     else f"not reached in {len(r['epochs'])} epochs")
    print(f"Machine: {platform.machine()}, {__import__('os').cpu_count()} cores, torch threads {args.threads}; "
          f"{time.strftime('%Y-%m-%d')}")
    print(f"Data: {ref['data']}\n")
    print("| trainer | s / epoch | speed-up | test −ELBO after "
          f"{args.ref_epochs} epochs | time to {args.target:g} nats | peak RSS |")
    print("|---|---|---|---|---|---|")
    for name, r in (("reference (pytorch/examples style, 256-128)", ref), ("vae_core.fit, same model & recipe", ours),
                    (f"vae_core.fit, 448-256, lr 2e-3 cosine, {args.fast_epochs} epochs", fast)):
        print(f"| {name} | {spe(r):.2f} | {spe(ref) / spe(r):.2f}× | "
              f"{r['epochs'][min(args.ref_epochs, len(r['epochs'])) - 1]['test']:.2f} | {ttt(r)} | "
              f"{r['max_rss_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
