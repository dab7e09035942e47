"""`python -m vae_core.evaluate`: a model's test-set metrics (the tool lives in vae_core/cli/evaluate.py)."""
from .cli.evaluate import PROG, main  # noqa: F401

if __name__ == "__main__":
    raise SystemExit(main())
