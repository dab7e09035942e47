"""Start the app: `python -m ui.serve [streamlit run options]` (run_app.sh, the tests and the benches use it).

Why not plain `streamlit run app.py`: it switches Streamlit's old file-name router off before the server accepts
any session (ui.old_router_off; ui/__init__.py says why), so a deep link such as /latent-map works even as the
first request of a fresh server; plain `streamlit run` relies on the slower fallback reroute in ui/__init__.py.

It also makes Streamlit shut down the sessions of closed tabs once their reconnect time is up
(shut_down_expired_sessions: otherwise their media files stay for the life of the server), and with
VAE_STATS_FILE set it writes what the server holds every few seconds (bench/soak.py reads it).
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def server_stats() -> dict:
    """What a long-running server holds now: memory, threads, open files, Streamlit's sessions and media files,
    the training jobs it remembers. Read by bench/soak.py through VAE_STATS_FILE (below)."""
    out = {"t": time.time()}
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(("VmRSS:", "Threads:")):
                    k, v = line.split(":", 1)
                    out["rss_mb" if k == "VmRSS" else "threads"] = (int(v.split()[0]) / 1024 if k == "VmRSS"
                                                                    else int(v))
        out["open_files"] = len(os.listdir("/proc/self/fd"))
    except OSError:
        pass
    from streamlit.runtime import Runtime
    if Runtime.exists():
        rt = Runtime.instance()
        mgr = rt._session_mgr                                          # noqa: SLF001 - no public counter
        out["sessions"] = mgr.num_sessions()
        out["active_sessions"] = mgr.num_active_sessions()
        storage = rt.media_file_mgr._storage                           # noqa: SLF001
        files = getattr(storage, "_files_by_id", {})
        out["media_files"] = len(files)
        out["media_mb"] = sum(len(f.content) for f in list(files.values())) / 1e6
        from streamlit.runtime.caching import cache_resource_api
        caches = cache_resource_api._resource_caches                  # noqa: SLF001 - no public counter
        with caches._caches_lock:                                      # noqa: SLF001
            per_function = [c for cs in caches._function_caches.values() for c in cs.values()]   # noqa: SLF001
        out["cache_entries"] = sum(len(c._mem_cache) for c in per_function)                      # noqa: SLF001
    heap = _heap_mb()
    if heap is not None:
        out["heap_mb"] = heap                 # what the C heap holds for live objects (RSS also counts freed pages)
    queue = sys.modules.get("vae_core.jobs")
    if queue is not None:
        jobs = [j for q in queue.live_queues() for j in q.jobs()]
        out["training_jobs"] = len(jobs)                                 # kept: the last 100, for the class view
        out["futures_held"] = sum(j.future is not None for j in jobs)   # running or waiting on the cluster
        out["models_held"] = sum(j.model is not None for j in jobs)     # finished, not yet released
    return out


def _heap_mb() -> float | None:
    """Bytes glibc's malloc has handed out and not had back (mallinfo2: uordblks + hblkhd), in MB; None elsewhere."""
    try:
        import ctypes
        import ctypes.util

        class MallInfo2(ctypes.Structure):
            _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                       "fsmblks", "uordblks", "fordblks", "keepcost")]
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallinfo2.restype = MallInfo2
        m = libc.mallinfo2()
        return (m.uordblks + m.hblkhd) / 1e6
    except (OSError, AttributeError):
        return None


def _write_stats(path: str, every: float) -> None:
    while True:
        try:
            line = json.dumps(server_stats())
            with open(path, "a", encoding="utf-8") as f:
                f.write(line + "\n")
        except Exception as e:   # a diagnostic must never take the server down
            print(f"VAE_STATS_FILE: {type(e).__name__}: {e}", file=sys.stderr)
        time.sleep(every)


REAP_EVERY = 30.0     # seconds between checks for closed tabs' sessions whose reconnect time is up


def _shutdown(info) -> None:
    try:
        info.session.shutdown()
    except Exception as e:   # one session's clean-up must not stop the others'
        print(f"shutting down an expired session: {type(e).__name__}: {e}", file=sys.stderr)


def shut_down_expired_sessions() -> None:
    """Make Streamlit shut down a closed tab's session when it forgets it.

    Streamlit 1.67 keeps a closed tab's session for server.disconnectedSessionTTL (2 minutes) so that a
    reconnecting tab finds it, in a TTLCache that, when the time is up (or 128 are kept), simply drops it:
    AppSession.shutdown() is never called, so the media files Streamlit's store keeps per session, the session's
    uploaded files and its references stay for the life of the server (streamlit/streamlit#12506). A classroom
    server opens hundreds of sessions a day; bench/soak.py saw 15 media files (1.9 MB) stay after the first class
    of 30 had left. Here the storage's cache shuts a session down when it drops it (not when a tab reconnects and
    takes its session back: that is an explicit delete)."""
    from streamlit.runtime import memory_session_storage as mss
    from streamlit.runtime.caching.ttl_cache import TTLCache

    if getattr(mss.MemorySessionStorage, "_vae_shuts_down", False):
        return

    class ShutdownTTLCache(TTLCache):
        def expire(self, at_time=None):
            removed = super().expire(at_time)
            for _, info in removed:
                _shutdown(info)
            return removed

        def _evict_lru(self, reason):
            info = super()._evict_lru(reason)
            _shutdown(info)
            return info

    original = mss.MemorySessionStorage.__init__

    def __init__(self, maxsize: int = 128, ttl_seconds: int = 2 * 60) -> None:
        original(self, maxsize=maxsize, ttl_seconds=ttl_seconds)
        self._cache = ShutdownTTLCache(maxsize=maxsize, ttl=ttl_seconds)

    mss.MemorySessionStorage.__init__ = __init__
    mss.MemorySessionStorage._vae_shuts_down = True


def _reap_expired(every: float) -> None:
    """The cache reaps expired sessions only when another tab closes; an idle server (the evening after the last
    lesson) reaps them here."""
    from streamlit.runtime import Runtime
    while True:
        time.sleep(every)
        try:
            if Runtime.exists():
                mgr = Runtime.instance()._session_mgr                  # noqa: SLF001
                with mgr._storage_lock:                                 # noqa: SLF001 - as the manager does
                    len(mgr._session_storage._cache)                    # noqa: SLF001 - len() reaps expired
        except Exception as e:
            print(f"session reaper: {type(e).__name__}: {e}", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    from ui import old_router_off
    old_router_off()                               # before the first session: st.navigation routes every run
    shut_down_expired_sessions()
    threading.Thread(target=_reap_expired, name="vae-session-reaper", daemon=True,
                     args=(float(os.environ.get("VAE_REAP_EVERY", REAP_EVERY)),)).start()
    if os.environ.get("VAE_STATS_FILE"):           # bench/soak.py: one JSON line of server_stats() every few s
        threading.Thread(target=_write_stats, name="vae-stats", daemon=True,
                         args=(os.environ["VAE_STATS_FILE"], float(os.environ.get("VAE_STATS_EVERY", "2")))).start()
    from streamlit.web import cli
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
