"""The autosave store behind `me=` links: exact tokens, expiry, the size cap, concurrent saves."""
from __future__ import annotations

import threading

import pytest
import torch

import vae_core
from vae_core.autosave import AutosaveStore, max_bytes_from_env, new_token, valid_token


@pytest.fixture(scope="module")
def tiny():
    """A small untrained VAE (its file is a few kB)."""
    torch.manual_seed(0)
    return vae_core.build_model(vae_core.ModelConfig(hidden=(16,), latent_dim=2))


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def same_weights(a, b) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def test_tokens_are_128_bit_and_distinct():
    toks = {new_token() for _ in range(1000)}
    assert len(toks) == 1000
    assert all(valid_token(t) and len(t) == 22 for t in toks)


@pytest.mark.parametrize("bad", ["", "a" * 21, "a" * 23, "../" + "a" * 19, "a" * 21 + "/", "a" * 21 + ".",
                                 "a" * 21 + "\n", "ä" * 22, None, 12, "a" * 10 + "\x00" + "a" * 11,
                                 "..%2F" + "a" * 17])
def test_token_format_is_exact(tmp_path, bad):
    store = AutosaveStore(tmp_path, max_bytes=10**9)
    assert not valid_token(bad)
    with pytest.raises(ValueError):
        store.path(bad)
    assert store.load(bad) is None
    assert not store.exists(bad)


def test_save_and_load_round_trip(tmp_path, tiny):
    store = AutosaveStore(tmp_path / "autosave", max_bytes=10**9)
    tok = new_token()
    assert store.load(tok) is None
    path = store.save(tok, tiny, {"name": "mine"})
    assert path.parent == tmp_path / "autosave" and path.name == f"{tok}.safetensors"
    back = store.load(tok)
    assert same_weights(back, tiny)
    assert back.meta.get("name") == "mine"
    assert [p.name for p in (tmp_path / "autosave").iterdir()] == [path.name]   # no temp file left behind


def test_expiry_after_seven_days_since_last_use(tmp_path, tiny):
    clock = Clock()
    store = AutosaveStore(tmp_path, max_bytes=10**9, clock=clock)
    a, b = new_token(), new_token()
    store.save(a, tiny)
    store.save(b, tiny)
    clock.now += 6 * 86400
    assert store.load(b) is not None            # a use: b's week starts again
    clock.now += 2 * 86400                      # a: 8 days, b: 2 days since last use
    assert not store.exists(a) and store.load(a) is None
    assert store.load(b) is not None
    assert not (tmp_path / f"{a}.safetensors").exists()   # an expired file is removed when met


def test_prune_removes_expired_files(tmp_path, tiny):
    clock = Clock()
    store = AutosaveStore(tmp_path, max_bytes=10**9, clock=clock)
    old = new_token()
    store.save(old, tiny)
    clock.now += 8 * 86400
    new = new_token()
    store.save(new, tiny)                       # saving prunes
    assert [p.stem for _, _, p in store.files()] == [new]


def test_cap_removes_least_recently_used_first(tmp_path, tiny):
    clock = Clock()
    probe = AutosaveStore(tmp_path / "probe", max_bytes=10**9)
    size = probe.save(new_token(), tiny).stat().st_size
    store = AutosaveStore(tmp_path / "a", max_bytes=3 * size, clock=clock)
    toks = [new_token() for _ in range(5)]
    for tok in toks[:3]:
        clock.now += 10
        store.save(tok, tiny)
    clock.now += 10
    store.load(toks[0])                          # the first is used again: now the second is the oldest
    for tok in toks[3:]:
        clock.now += 10
        store.save(tok, tiny)
    kept = {p.stem for _, _, p in store.files()}
    assert kept == {toks[0], toks[3], toks[4]}
    assert sum(size for _, size, _ in store.files()) <= 3 * size


def test_cap_keeps_the_file_just_saved(tmp_path, tiny):
    store = AutosaveStore(tmp_path, max_bytes=1)
    a, b = new_token(), new_token()
    store.save(a, tiny)
    store.save(b, tiny)
    assert [p.stem for _, _, p in store.files()] == [b]


def test_foreign_files_are_ignored(tmp_path, tiny):
    store = AutosaveStore(tmp_path, max_bytes=1)
    (tmp_path / "notes.safetensors").write_bytes(b"x" * 100)
    (tmp_path / ".tmp-abc.safetensors.part").write_bytes(b"x" * 100)
    store.save(new_token(), tiny)
    assert (tmp_path / "notes.safetensors").exists() and len(store.files()) == 1


def test_five_sessions_save_at_once(tmp_path, tiny):
    """5 threads (as 5 sessions) save and load their own tokens at the same time, twice each, with a cap that
    holds all five: every token gets its own model back and no temp file is left."""
    size = AutosaveStore(tmp_path / "probe", max_bytes=10**9).save(new_token(), tiny).stat().st_size
    store = AutosaveStore(tmp_path / "a", max_bytes=5 * size)
    models = []
    for i in range(5):
        m = vae_core.load_model(vae_core.to_bytes(tiny))
        with torch.no_grad():
            next(m.parameters()).add_(i)          # five different models
        models.append(m)
    toks = [new_token() for _ in range(5)]
    barrier = threading.Barrier(5)
    errors = []

    def work(i):
        try:
            barrier.wait()
            for _ in range(2):
                store.save(toks[i], models[i])
                assert same_weights(store.load(toks[i]), models[i])
        except Exception as e:          # noqa: BLE001 - reported by the assertion below
            errors.append(repr(e))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(5)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert sorted(p.stem for _, _, p in store.files()) == sorted(toks)
    assert all(same_weights(store.load(tok), m) for tok, m in zip(toks, models))
    assert not list((tmp_path / "a").glob(".tmp-*"))


def test_cap_from_environment():
    assert max_bytes_from_env({}) == 200 * 2**20
    assert max_bytes_from_env({"VAE_AUTOSAVE_MB": "50"}) == 50 * 2**20
    assert max_bytes_from_env({"VAE_AUTOSAVE_MB": "lots"}) == 200 * 2**20
    assert max_bytes_from_env({"VAE_AUTOSAVE_MB": "-3"}) == 0
    assert max_bytes_from_env({"VAE_AUTOSAVE_MB": "inf"}) == max_bytes_from_env({"VAE_AUTOSAVE_MB": "nan"}) == 200 * 2**20
