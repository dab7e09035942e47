"""Trainings on Dask distributed (vae_core.jobs + vae_core.cluster): a local cluster of worker processes on
127.0.0.1 runs them; the app's own Train page submits one; progress arrives in order; Stop and an abandoned tab
cancel; a killed worker gives the clear message; an unreachable VAE_SCHEDULER falls back with the notice; two
sessions' (and two app replicas') trainings never mix. Tiny models on the embedded 5,000 digits."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from streamlit.testing.v1 import AppTest

import vae_core
from conftest import new_app
from vae_core.jobs import TrainingJob, TrainingQueue

distributed = pytest.importorskip("distributed")

TINY = vae_core.ModelConfig(hidden=(32,))
LIMIT = 180   # seconds before a test calls a training hung (a loaded 2-core machine is slow, never this slow)


@pytest.fixture(scope="module")
def offline_env(tmp_path_factory):
    """Workers inherit this process's environment when spawned: the embedded digits, no download, no full data."""
    saved = {k: os.environ.get(k) for k in ("VAE_OFFLINE", "VAE_CACHE_DIR", "VAE_DATA_DIR", "VAE_SCHEDULER",
                                            "VAE_MODELS_DIR", "VAE_TRAIN_PRESET")}
    os.environ.update(VAE_OFFLINE="1", VAE_CACHE_DIR=str(tmp_path_factory.mktemp("cache")),
                      VAE_MODELS_DIR=str(tmp_path_factory.mktemp("models")))
    for k in ("VAE_DATA_DIR", "VAE_SCHEDULER", "VAE_TRAIN_PRESET"):
        os.environ.pop(k, None)
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def cluster(offline_env):
    """Two worker processes (one thread each) on 127.0.0.1: the stand-in for a school's `dask scheduler`."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0") as c:
        yield c


@pytest.fixture
def queue(cluster):
    q = TrainingQueue(scheduler=cluster.scheduler_address, poll=0.2)
    yield q
    for j in q.jobs():
        j.request_stop()
    q.close()


def wait(cond, limit=LIMIT, what="the condition"):
    t0 = time.monotonic()
    while not cond():
        assert time.monotonic() - t0 < limit, f"{what} did not happen within {limit} s"
        time.sleep(0.05)


def finished(job: TrainingJob, limit=LIMIT):
    wait(lambda: job.finished, limit, f"training {job.id} finishing")
    return job.snapshot()


def worker_addresses(cluster) -> set[str]:
    with distributed.Client(cluster, set_as_default=False) as c:
        return set(c.scheduler_info(n_workers=-1)["workers"])


# ---------------------------------------------------------------------------------------------- the app's path

def test_the_train_page_trains_on_a_cluster_worker(cluster, monkeypatch):
    """The Train page (the app's own code path, VAE_SCHEDULER set) submits; a worker trains; the model loads
    from the bytes it sent and records the data the worker used."""
    from ui.training import training_queue
    monkeypatch.setenv("VAE_SCHEDULER", cluster.scheduler_address)
    training_queue.clear()
    try:
        at = new_app("en", timeout=120)
        at.switch_page("pages/train.py").run()
        assert at.radio(key="train_preset").value == "quick"          # the class default
        at.radio(key="train_size").set_value("small").run()
        at.slider(key="train_epochs").set_value(1).run()
        assert at.radio(key="train_preset").value == "custom"          # moving a setting makes it Custom
        at.button(key="train_start").click().run()
        assert not at.exception, [e.message for e in at.exception]
        job = at.session_state["train_job"]
        s = finished(job)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert s.status == "done", (s.status, s.error)
        assert training_queue().backend == "remote" and training_queue().notice is None
        assert s.worker in worker_addresses(cluster)
        model = at.session_state["session_model"]["model"]
        assert isinstance(model, vae_core.VAE) and model.config.hidden == (256, 128)
        assert model.meta["data_source"] == "embedded" and model.meta["trained_on"]["worker"] == s.worker
        assert [h["epoch"] for h in model.meta["history"]] == [1]
        assert at.session_state["model_ref"] == "session:"
        assert "Trained on" in "\n".join(c.value for c in at.caption)
    finally:
        training_queue().close()
        training_queue.clear()


def test_presets_fill_the_settings_and_the_server_default_applies(offline_env, monkeypatch):
    monkeypatch.setenv("VAE_TRAIN_PRESET", "standard")
    from ui.training import training_queue
    training_queue.clear()
    at = new_app("tr", timeout=60)
    at.switch_page("pages/train.py").run()
    assert not at.exception
    assert at.radio(key="train_preset").value == "standard"
    assert at.slider(key="train_epochs").value == 10
    at.radio(key="train_preset").set_value("quick").run()
    q = vae_core.presets.PRESETS["quick"]
    assert at.slider(key="train_epochs").value == q.epochs
    assert at.select_slider(key="train_lr").value == q.lr
    assert training_queue().backend is None, "no cluster is started before the first training"
    training_queue.clear()


# ---------------------------------------------------------------------------------------------- progress

def test_progress_arrives_in_order_with_latent_points(queue):
    job = queue.submit(TINY, vae_core.TrainConfig(epochs=4, batch_size=32), "mnist", latent_points=300)
    seen = []
    while not job.finished:
        s = job.snapshot()
        if s.progress is not None:
            seen.append((s.progress.epoch, s.progress.step, len(s.history)))
        time.sleep(0.01)
    s = job.snapshot()
    assert s.status == "done", s.error
    assert seen == sorted(seen), "progress went backwards"
    assert [h["epoch"] for h in s.history] == [1, 2, 3, 4]
    mu, labels = s.latent
    assert mu.shape == (300, 2) and labels.shape == (300,) and set(labels) <= set(range(10))
    model, hist = job.result()
    assert model.config == TINY and len(hist) == 4
    assert s.data["source"] == "embedded" and s.data["n_train"] == 4000


def test_waiting_jobs_get_a_place_and_an_estimate(queue):
    cfg = vae_core.TrainConfig(epochs=200, batch_size=32)
    jobs = [queue.submit(TINY, cfg, "mnist", latent_points=50) for _ in range(4)]
    wait(lambda: sum(j.snapshot().status == "running" for j in jobs) == 2, what="two trainings running")
    snaps = [j.snapshot() for j in jobs]
    waiting = [s for s in snaps if s.status == "queued"]
    assert [s.position for s in waiting] == [1, 2]
    assert all(s.eta_seconds is not None and s.eta_seconds > 0 for s in snaps)
    assert waiting[0].eta_start <= waiting[1].eta_start and waiting[0].eta_seconds <= waiting[1].eta_seconds
    assert queue.time_to_clear() >= max(s.eta_seconds for s in snaps) - 1e-9
    for j in jobs:
        j.request_stop()
    for j in jobs:
        assert finished(j).status == "stopped"


# ---------------------------------------------------------------------------------------------- stop, abandon

def test_stop_ends_a_running_training_and_cancels_a_waiting_one(queue):
    cfg = vae_core.TrainConfig(epochs=500, batch_size=32)
    jobs = [queue.submit(TINY, cfg, "mnist", latent_points=50) for _ in range(3)]
    wait(lambda: any(len(j.snapshot().history) >= 1 for j in jobs), what="a first epoch")
    running = next(j for j in jobs if j.snapshot().status == "running" and j.snapshot().history)
    waiting = next(j for j in jobs if j.snapshot().status == "queued")
    waiting.request_stop()
    s = finished(waiting, 30)
    assert s.status == "stopped" and not s.history and not s.has_model
    running.request_stop()
    s = finished(running, 30)
    assert s.status == "stopped" and s.stopped_reason == "user" and 1 <= len(s.history) < 500
    model, hist = running.result()
    assert model is not None and len(hist) == len(s.history)
    for j in jobs:
        j.request_stop()
        finished(j, 30)
    with distributed.Client(queue.address, set_as_default=False) as c:
        wait(lambda: not any(c.processing().values()), 30, "the workers going idle")


def test_an_abandoned_tab_s_training_is_cancelled(cluster):
    q = TrainingQueue(scheduler=cluster.scheduler_address, abandon_after=1.0, poll=0.2)
    try:
        job = q.submit(TINY, vae_core.TrainConfig(epochs=500, batch_size=32), "mnist", latent_points=50)
        # the tab is open while the training waits to start (a busy machine may take more than 1 s)...
        wait(lambda: (job.touch(), job.status == "running")[1], what="the training starting")
        s = finished(job, 60)      # ...then nobody calls snapshot(): the tab is closed
        assert s.status == "stopped" and s.stopped_reason == "abandoned"
    finally:
        q.close()


def test_a_finished_job_lets_go_of_its_model_after_a_while(cluster, monkeypatch):
    """A page collects its model within a second of the end; a closed tab never does. The queue keeps the job's
    record (the class view lists it) but drops the model and latent points VAE_JOB_MODEL_KEEP seconds after the
    end, so a day of trainings does not pile up models in the server's memory."""
    monkeypatch.setenv("VAE_JOB_MODEL_KEEP", "1")
    q = TrainingQueue(scheduler=cluster.scheduler_address, poll=0.2)
    try:
        job = q.submit(TINY, vae_core.TrainConfig(epochs=1, batch_size=64), "mnist", latent_points=50)
        s = finished(job)
        assert s.status == "done"
        model, history = job.result()
        assert model is not None and job.latent is not None            # collectable at the end
        wait(lambda: job.model is None and job.latent is None, 30, "the model released")
        assert job in q.jobs() and job.snapshot().status == "done" and job.history == history   # the record stays
        assert job.result()[0] is None
    finally:
        q.close()


# ---------------------------------------------------------------------------------------------- faults

def test_a_killed_worker_gives_the_clear_message_and_never_hangs(offline_env):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0") as c:
        q = TrainingQueue(scheduler=c.scheduler_address, poll=0.2)
        try:
            job = q.submit(TINY, vae_core.TrainConfig(epochs=300, batch_size=32), "mnist", latent_points=50)
            wait(lambda: job.snapshot().history, what="a first epoch")
            with distributed.Client(c, set_as_default=False) as client:
                pids = client.run(os.getpid)
            worker = job.snapshot().worker
            os.kill(pids[worker], signal.SIGKILL)
            t0 = time.monotonic()
            wait(lambda: job.snapshot().message in ("worker_lost", "restarted") or job.finished, 10,
                 "the page's sentence about the lost worker")
            assert time.monotonic() - t0 < 10
            s = job.snapshot()
            assert s.message in ("worker_lost", "restarted") or s.error_code == "worker_lost"
            from ui.i18n import translate
            for lang in ("en", "tr"):
                assert translate(lang, f"train.msg.{s.message or 'worker_lost'}")
            # Dask runs it again on the restarted worker, from the beginning: it ends, it does not hang.
            job.request_stop()
            s = finished(job, LIMIT)
            assert s.status in ("stopped", "failed", "done")
        finally:
            q.close()


def test_an_unreachable_scheduler_falls_back_to_a_local_cluster_with_a_notice(offline_env, monkeypatch):
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]          # nothing listens here once the socket is closed
    monkeypatch.setenv("VAE_SCHEDULER", f"tcp://127.0.0.1:{port}")
    from ui.training import training_queue
    training_queue.clear()
    try:
        at = new_app("en", timeout=120)
        at.switch_page("pages/train.py").run()
        at.radio(key="train_size").set_value("small").run()
        at.slider(key="train_epochs").set_value(1).run()
        at.button(key="train_start").click().run()
        assert not at.exception, [e.message for e in at.exception]
        q = training_queue()
        wait(lambda: q.backend is not None, what="the cluster starting")   # in the background: the page goes on
        assert q.notice == ("scheduler_unreachable", {"address": f"tcp://127.0.0.1:{port}"})
        assert q.backend == "local"
        at.run()
        assert any(f"127.0.0.1:{port}" in w.value for w in at.warning), "the notice is on the page"
        s = finished(at.session_state["train_job"])
        assert s.status == "done", s.error
        assert s.worker.startswith("tcp://127.0.0.1:")
    finally:
        training_queue().close()
        training_queue.clear()


def test_a_scheduler_lost_mid_lesson_ends_its_trainings_with_a_sentence(offline_env):
    c = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                 dashboard_address="127.0.0.1:0")
    q = TrainingQueue(scheduler=c.scheduler_address, poll=0.2)
    try:
        job = q.submit(TINY, vae_core.TrainConfig(epochs=500, batch_size=32), "mnist", latent_points=50)
        wait(lambda: job.snapshot().status == "running", what="the training starting")
        c.close()
        s = finished(job, 60)
        assert s.status == "failed" and s.error_code == "cluster_lost"
        wait(lambda: q.notice is not None, 30, "the notice")
        assert q.notice == ("scheduler_lost", {"address": c.scheduler_address})
    finally:
        q.close()
        c.close()


# ---------------------------------------------------------------------------------------------- isolation

def test_two_sessions_and_two_app_replicas_never_mix(cluster, queue):
    other = TrainingQueue(scheduler=cluster.scheduler_address, poll=0.2)   # a second app replica
    try:
        wanted = {"a": (queue, vae_core.ModelConfig(hidden=(32,)), 2, 1),
                  "b": (queue, vae_core.ModelConfig(hidden=(48,)), 3, 2),
                  "c": (other, vae_core.ModelConfig(hidden=(24, 16)), 1, 3)}
        jobs = {}
        barrier = threading.Barrier(len(wanted))

        def session(name):
            q, mconf, epochs, seed = wanted[name]
            barrier.wait()
            jobs[name] = q.submit(mconf, vae_core.TrainConfig(epochs=epochs, batch_size=64, seed=seed), "mnist",
                                  latent_points=100 * seed)

        threads = [threading.Thread(target=session, args=(n,)) for n in wanted]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        for name, (q, mconf, epochs, seed) in wanted.items():
            s = finished(jobs[name])
            model, hist = jobs[name].result()
            assert s.status == "done", s.error
            assert model.config == mconf and len(hist) == epochs == len(s.history)
            assert model.meta["train"]["seed"] == seed
            assert s.latent[0].shape == (100 * seed, 2)
        assert {j.key for j in queue.jobs()}.isdisjoint({j.key for j in other.jobs()})
        assert jobs["c"] in other.jobs() and jobs["c"] not in queue.jobs()
    finally:
        other.close()


def test_the_estimate_fills_the_cluster_s_slots_in_order():
    """Pure bookkeeping, no cluster: two slots, one running halfway, three waiting of equal length."""
    q = TrainingQueue(scheduler="")
    q._workers = {"w1": {"capacity": 1}, "w2": {"capacity": 1}}
    cfg = vae_core.TrainConfig(epochs=1)
    jobs = [TrainingJob(i, f"k{i}", TINY, cfg, "mnist", [], queue=q) for i in range(1, 5)]
    for j in jobs:
        q._jobs[j.key] = j
    one = q.estimate(jobs[0])
    jobs[0].status, jobs[0].started = "running", time.monotonic() - one / 2
    est = q.estimates()
    assert est[1][0] is None and est[1][1] == pytest.approx(one / 2, rel=0.05)
    assert est[2] == (0.0, pytest.approx(one))                   # the idle slot takes the first in line
    assert est[3][0] == pytest.approx(one / 2, rel=0.05)         # then the slot the running one frees
    assert est[4][0] == pytest.approx(one, rel=0.05)
    assert q.time_to_clear() == pytest.approx(max(v[1] for v in est.values()))


# ---------------------------------------------------------------------------------------------- the class view

def open_class_view(lang="en") -> AppTest:
    at = new_app(lang, timeout=60)
    at.switch_page("pages/class_view.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_class_view_hides_the_teacher_controls_without_a_code(offline_env, monkeypatch, lang):
    monkeypatch.delenv("VAE_TEACHER_CODE", raising=False)
    from ui.training import training_queue
    training_queue.clear()
    at = open_class_view(lang)
    assert not at.text_input and not at.get("multiselect") and not [r for r in at.radio if r.key == "cls_preset"]
    assert len(at.metric) == 4
    assert training_queue().backend is None      # looking at the board starts no cluster


def test_the_teacher_code_unlocks_the_class_preset(offline_env, monkeypatch):
    monkeypatch.setenv("VAE_TEACHER_CODE", "kara-tahta-7")
    from ui.training import training_queue
    training_queue.clear()
    at = open_class_view()
    at.text_input(key="cls_code").input("wrong")          # a form: the value is sent with the submit button
    at.button[0].click().run()
    assert at.error and not [r for r in at.radio if r.key == "cls_preset"]
    at.text_input(key="cls_code").input("kara-tahta-7")
    at.button[0].click().run()
    assert not at.exception
    at.radio(key="cls_preset").set_value("standard").run()
    assert training_queue().preset() == "standard"
    # a new student's Train page starts from the class's recipe
    student = new_app("en", timeout=60)
    student.switch_page("pages/train.py").run()
    assert student.radio(key="train_preset").value == "standard"
    training_queue.clear()


def test_the_command_line_trains_on_the_cluster(cluster, tmp_path, capsys):
    from vae_core import train
    out = tmp_path / "cli.safetensors"
    assert train.main(["--scheduler", cluster.scheduler_address, "--hidden", "32", "--epochs", "1",
                       "--batch-size", "64", "--out", str(out), "--quiet"]) == 0
    model = vae_core.load_model(out)
    assert model.config.hidden == (32,) and model.meta["data_source"] == "embedded"
    with pytest.raises(SystemExit):
        train.main(["--scheduler", "tcp://127.0.0.1:9", "--epochs", "1", "--out", str(tmp_path / "x.safetensors"),
                    "--quiet"])
    assert "could not be reached" in capsys.readouterr().err


def test_workers_let_the_allocator_keep_batch_memory(cluster):
    """Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536, which pins glibc's mmap threshold at 128 KiB; a
    training task raises both thresholds in its worker (vae_core.cluster.roomy_malloc), so batch-sized tensors
    reuse heap memory instead of a fresh mmap each. Checked inside a real worker: the call succeeds and a
    1 MiB allocation (after a first one) is no longer a block of its own mmap (glibc's mallinfo2)."""
    import platform
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        pytest.skip("glibc's mallopt only")

    def mapped_after_alloc() -> tuple[bool, int]:
        import ctypes
        import ctypes.util
        from vae_core.cluster import roomy_malloc

        class MallInfo2(ctypes.Structure):
            _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                       "fsmblks", "uordblks", "fordblks", "keepcost")]

        ok = roomy_malloc() and roomy_malloc()          # idempotent
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.malloc.restype = ctypes.c_void_p
        libc.mallinfo2.restype = MallInfo2
        libc.free(ctypes.c_void_p(libc.malloc(1 << 20)))   # the thread's arena grows once, here
        fewest = None
        for _ in range(5):       # other threads of the worker allocate too: the fewest new mmapped blocks counts
            before = libc.mallinfo2().hblks
            p = libc.malloc(1 << 20)
            after = libc.mallinfo2().hblks
            libc.free(ctypes.c_void_p(p))
            fewest = after - before if fewest is None else min(fewest, after - before)
        return ok, fewest

    with distributed.Client(cluster, set_as_default=False) as c:
        assert c.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_")) != {}
        results = c.run(mapped_after_alloc)
    for addr, (ok, new_maps) in results.items():
        assert ok, addr
        assert new_maps == 0, (addr, new_maps)
