"""Train a model from the command line.

    python -m vae_core.train --dataset mnist --kind vae --epochs 10 --out models/my-vae.safetensors

Ctrl-C stops after the current step; the epochs already finished are saved (atomically)."""
from __future__ import annotations

import signal
import sys
import threading

import torch

from ..checkpoint import save_model
from . import Parser, bar, fail, hidden_sizes
from ..config import KINDS, ModelConfig, TrainConfig
from ..data import DATASETS, load_dataset
from ..errors import VAEError
from ..knn import knn_accuracy
from ..metrics import mean_losses
from ..latent import encode_dataset
from ..training import default_device, fit

PROG = "python -m vae_core.train"


def parse(argv=None):
    p = Parser(prog=PROG, description="Train a VAE, AE or conditional VAE on MNIST or Fashion-MNIST.")
    p.add_argument("--dataset", choices=list(DATASETS), default="mnist")
    p.add_argument("--data-dir", default=None, help="folder with the four IDX .gz files (default: the usual sources)")
    p.add_argument("--kind", choices=KINDS, default="vae")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--beta", type=float, default=1.0, help="weight of the KL term (1 = the ELBO)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--hidden", type=hidden_sizes, default=(256, 128), help="encoder hidden sizes, e.g. 512,256")
    p.add_argument("--latent", type=int, default=2)
    p.add_argument("--schedule", choices=("constant", "cosine"), default="constant")
    p.add_argument("--denoise", default="", metavar="KIND:STRENGTH",
                   help="train a denoiser: damaged inputs, clean targets (e.g. salt_pepper:0.25, gaussian:0.5)")
    p.add_argument("--scheduler", default=None, help="train on a Dask cluster (tcp://HOST:8786); its worker "
                   "loads the dataset from its own sources")
    p.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    p.add_argument("--half", action="store_true", help="store weights as float16 (half the file size); the "
                   "metrics saved with the model are measured on the rounded weights")
    p.add_argument("--out", required=True, help="where to write the .safetensors model")
    p.add_argument("--quiet", action="store_true")
    return p.parse_args(argv)


def _configs(args):
    """The model and training settings the arguments ask for (ValueError with a sentence if not valid)."""
    mconf = ModelConfig(kind=args.kind, latent_dim=args.latent, hidden=args.hidden)
    mconf.validate()
    tconf = TrainConfig(epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, beta=args.beta,
                        seed=args.seed, schedule=args.schedule, denoise=args.denoise)
    tconf.validate()
    return mconf, tconf


def _stop_on_signals() -> threading.Event:
    """Ctrl-C (or SIGTERM) asks the run to stop after the current step."""
    stop = threading.Event()

    def on_signal(signum, frame):
        if not stop.is_set():
            sys.stderr.write("\nstopping after this step...\n")
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    return stop


def _print_progress(p) -> None:
    line = (f"\repoch {p.epoch}/{p.epochs} {bar(p.fraction)} loss {p.loss:7.2f} "
            f"(recon {p.recon:7.2f}, KL {p.kl:5.2f}) {p.elapsed:6.1f}s")
    if p.phase == "epoch" and p.record and "test_loss" in p.record:
        line += f"  test {p.record['test_loss']:7.2f}\n"
    sys.stdout.write(line)
    sys.stdout.flush()


def _test_metrics(model, data, tconf: TrainConfig, dtype) -> dict:
    """The numbers saved with the model, measured on exactly the weights that will be stored."""
    with torch.no_grad():
        for prm in model.parameters():
            prm.copy_(prm.to(dtype).float())
    tx, ty = data.tensors("train")
    vx, vy = data.tensors("test")
    mu_tr, _ = encode_dataset(model, tx, ty)
    mu_te, _ = encode_dataset(model, vx, vy)
    ev = mean_losses(model, vx, vy, beta=tconf.beta, seed=tconf.seed)
    return {"test_neg_elbo": ev["loss"], "test_recon": ev["recon"], "test_kl": ev["kl"],
            "knn_accuracy": knn_accuracy(mu_tr, ty, mu_te, vy), "weights_dtype": str(dtype).split(".")[-1]}


def main(argv=None) -> int:
    args = parse(argv)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    try:
        mconf, tconf = _configs(args)
        data = load_dataset(args.dataset, args.data_dir)
    except (VAEError, ValueError) as e:
        fail(PROG, str(e))
    if not args.quiet:
        print(f"Data: {data.describe()}")
    device = default_device()
    progress, stop = None if args.quiet else _print_progress, _stop_on_signals()
    if args.scheduler:   # the worker trains on its own copy of the dataset; its metadata says which
        from ..cluster import fit_on_cluster
        try:
            res = fit_on_cluster(args.scheduler, args.dataset, mconf, tconf, callback=progress, stop=stop)
        except (ConnectionError, RuntimeError) as e:
            fail(PROG, str(e))
    else:
        res = fit(mconf, data.tensors("train", device), data.tensors("test", device), config=tconf,
                  callback=progress, stop=stop, device=device)
    if not res.history:
        print("Stopped before the first epoch ended; nothing saved.")
        return 1
    model = res.model.cpu()
    dtype = torch.float16 if args.half else torch.float32
    metrics = _test_metrics(model, data, tconf, dtype)
    meta = {"dataset": data.name, "data_source": data.source, "data_description": data.describe(),
            "train": tconf.to_dict(), "metrics": metrics, "history": res.history,
            "stopped_early": res.stopped, "train_seconds": round(res.seconds, 2),
            "command": " ".join(["python -m vae_core.train"] + (argv if argv is not None else sys.argv[1:]))}
    if getattr(res, "data", None):   # trained on a cluster worker: record the data it actually used
        meta.update(data_source=res.data["source"], data_description=res.data["description"])
    path = save_model(model, args.out, meta, dtype=dtype)
    print(f"{'Stopped early; saved' if res.stopped else 'Saved'} {len(res.history)} epochs to {path} "
          f"(test negative ELBO {metrics['test_neg_elbo']:.2f} nats, {res.seconds:.1f}s).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
