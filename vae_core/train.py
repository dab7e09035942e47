"""`python -m vae_core.train`: train a model from the command line (the tool lives in vae_core/cli/train.py)."""
from .cli.train import PROG, main, parse  # noqa: F401

if __name__ == "__main__":
    raise SystemExit(main())
