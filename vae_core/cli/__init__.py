"""The command lines (`python -m vae_core.train`, `python -m vae_core.evaluate`: thin entry modules that call
cli.train.main and cli.evaluate.main) and the bits they share: an argument parser whose errors are one line,
a progress bar."""
from __future__ import annotations

import argparse
import sys


class Parser(argparse.ArgumentParser):
    def error(self, message):
        sys.stderr.write(f"{self.prog}: error: {message} (see --help)\n")
        raise SystemExit(2)


def fail(prog: str, message: str) -> None:
    sys.stderr.write(f"{prog}: error: {message}\n")
    raise SystemExit(2)


def bar(fraction: float, width: int = 30) -> str:
    n = int(round(max(0.0, min(1.0, fraction)) * width))
    return "[" + "#" * n + "." * (width - n) + "]"


def hidden_sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(t) for t in text.split(",") if t.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"hidden sizes must be integers separated by commas, not {text!r}")
    if not sizes:
        raise argparse.ArgumentTypeError("give at least one hidden size, e.g. 256,128")
    return sizes
