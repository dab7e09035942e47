"""Autosave: a student's trained model kept under a private random token, so a link with `me=<token>` brings it
back after a reload, on another device or after a server restart.

    store = AutosaveStore(Path("models") / "autosave", max_bytes=200 * 2**20)
    token = new_token()                  # 128 random bits, URL-safe text of 22 characters
    store.save(token, model, meta)       # atomic (vae_core.save_model), then old and surplus files are pruned
    model = store.load(token)            # None when unknown or expired

A token is the only key: file names are `<token>.safetensors` and nothing else is accepted (exact format, so no
path can be smuggled in). Files expire `max_age` seconds after their last save or load; when the folder holds more
than `max_bytes`, the least recently used files go first (the one just saved is always kept).
"""
from __future__ import annotations

import math
import os
import re
import secrets
import threading
import time
from pathlib import Path
from typing import Callable

from .checkpoint import load_model, save_model
from .errors import CheckpointError, VAEError
from .model import VAE

TOKEN_BYTES = 16                                   # 128 bits
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{22}")        # secrets.token_urlsafe(16): 22 characters, no padding
MAX_AGE_S = 7 * 24 * 3600                          # a week after the last save or load
DEFAULT_MAX_MB = 200                               # VAE_AUTOSAVE_MB overrides it (see README)
SUFFIX = ".safetensors"


def new_token() -> str:
    """A fresh private token: 128 bits from the OS's cryptographic generator, as 22 URL-safe characters."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def valid_token(token: object) -> bool:
    """True for exactly the text new_token() makes (22 characters of A-Z a-z 0-9 - _)."""
    return isinstance(token, str) and TOKEN_RE.fullmatch(token) is not None


def max_bytes_from_env(env: dict | None = None) -> int:
    """The autosave folder's size cap in bytes from VAE_AUTOSAVE_MB (default 200 MB; bad values -> default)."""
    text = (os.environ if env is None else env).get("VAE_AUTOSAVE_MB", "")
    try:
        mb = float(text) if text.strip() else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    if not math.isfinite(mb):
        mb = DEFAULT_MAX_MB
    return int(max(mb, 0) * 2**20)


class AutosaveStore:
    """Models saved by token in one folder, with an age limit and a total size cap. Thread-safe in one process;
    between processes every write is still atomic (a rename), and a file removed by another pruner is skipped."""

    def __init__(self, root: str | Path, *, max_bytes: int | None = None, max_age: float = MAX_AGE_S,
                 clock: Callable[[], float] = time.time):
        self.root = Path(root)
        self.max_bytes = max_bytes_from_env() if max_bytes is None else int(max_bytes)
        self.max_age = float(max_age)
        self.clock = clock
        self._lock = threading.Lock()

    def path(self, token: str) -> Path:
        """The file for `token`; ValueError when the token is not exactly a token."""
        if not valid_token(token):
            raise ValueError("not an autosave token")
        return self.root / f"{token}{SUFFIX}"

    def save(self, token: str, model: VAE, meta: dict | None = None) -> Path:
        """Save (or replace) the model of `token` atomically, then prune. Returns the file's path."""
        path = self.path(token)
        save_model(model, path, meta, overwrite=True)
        now = self.clock()
        os.utime(path, (now, now))
        self.prune(keep=path)
        return path

    def load(self, token: str) -> VAE | None:
        """The model saved under `token`, or None (bad token, none saved, expired, unreadable). A load counts as
        a use: the file's age restarts."""
        try:
            path = self.path(token)
        except ValueError:
            return None
        try:
            age = self.clock() - path.stat().st_mtime
        except OSError:
            return None
        if age > self.max_age:
            self._remove(path)
            return None
        try:
            model = load_model(path)
        except (VAEError, OSError):
            return None
        now = self.clock()
        try:
            os.utime(path, (now, now))
        except OSError:
            pass
        return model

    def exists(self, token: str) -> bool:
        try:
            path = self.path(token)
            return path.is_file() and self.clock() - path.stat().st_mtime <= self.max_age
        except (ValueError, OSError):
            return False

    def files(self) -> list[tuple[float, int, Path]]:
        """(last use, size, path) of every complete autosave file, oldest first."""
        out = []
        if not self.root.is_dir():
            return out
        for p in self.root.glob(f"*{SUFFIX}"):
            if not valid_token(p.name[:-len(SUFFIX)]):
                continue
            try:
                st = p.stat()
            except OSError:
                continue                     # removed meanwhile by another pruner
            out.append((st.st_mtime, st.st_size, p))
        out.sort(key=lambda f: (f[0], f[2].name))
        return out

    def prune(self, keep: Path | None = None) -> list[Path]:
        """Remove expired files, then the least recently used until the folder fits the cap. Returns those removed."""
        removed = []
        with self._lock:
            files = self.files()
            now = self.clock()
            alive = []
            for mtime, size, p in files:
                if now - mtime > self.max_age and p != keep:
                    self._remove(p)
                    removed.append(p)
                else:
                    alive.append((mtime, size, p))
            total = sum(size for _, size, _ in alive)
            for mtime, size, p in alive:
                if total <= self.max_bytes:
                    break
                if p == keep:
                    continue
                self._remove(p)
                removed.append(p)
                total -= size
        return removed

    @staticmethod
    def _remove(path: Path) -> None:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


__all__ = ["AutosaveStore", "new_token", "valid_token", "max_bytes_from_env", "MAX_AGE_S", "DEFAULT_MAX_MB",
           "CheckpointError"]
