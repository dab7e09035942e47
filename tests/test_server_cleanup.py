"""A closed tab leaves nothing behind on the server: once Streamlit's reconnect time is up, the session is shut
down and its media files are released (ui.serve.shut_down_expired_sessions; bench/soak.py found them kept for the
life of the server). The server writes what it holds through VAE_STATS_FILE (ui.serve.server_stats)."""
from __future__ import annotations

import json
import time

from conftest import AppServer, wait_ready


def last_stats(path) -> dict:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()] if path.exists() else []
    return json.loads(lines[-1]) if lines else {}


def wait_stats(path, cond, limit: float, what: str) -> dict:
    t0 = time.monotonic()
    while True:
        s = last_stats(path)
        if s and cond(s):
            return s
        assert time.monotonic() - t0 < limit, f"{what} within {limit:.0f} s; last: {s}"
        time.sleep(0.5)


def test_a_closed_tab_s_session_and_media_files_are_released(browser, tmp_path):
    stats = tmp_path / "stats.jsonl"
    server = AppServer({"VAE_MODELS_DIR": str(tmp_path / "models"), "VAE_STATS_FILE": str(stats),
                        "VAE_STATS_EVERY": "0.5", "VAE_REAP_EVERY": "1",
                        "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "3"})
    try:
        idle = wait_stats(stats, lambda s: "sessions" in s, 60, "the first sample")
        ctx = browser.new_context(viewport={"width": 1280, "height": 720})
        page = ctx.new_page()
        page.goto(f"{server.url}/explore")
        wait_ready(page)
        page.locator("[data-testid='stImage'] img").first.wait_for(timeout=60_000)   # the manifold grid
        busy = wait_stats(stats, lambda s: s["sessions"] >= 1 and s["media_files"] > idle["media_files"], 30,
                          "the open tab's session and its picture in Streamlit's media store")
        ctx.close()                                        # the student closes the tab
        # kept for a reconnect for 3 s, then shut down: no session, and its media files gone
        after = wait_stats(stats, lambda s: s["sessions"] == 0 and s["media_files"] <= idle["media_files"], 60,
                           "the closed tab's session shut down and its media files released")
        assert after["media_mb"] < busy["media_mb"]
    finally:
        server.stop()


def test_a_lessons_models_leave_the_caches_and_the_shipped_ones_stay(monkeypatch):
    """ui.cache.per_model: results of a model a class brought (trained, saved, uploaded) expire one lesson after
    they were made, so a day of classes does not pile up thirty models' caches a lesson; a shipped model's last."""
    import time as _time
    from ui import cache
    monkeypatch.setenv("VAE_MODEL_CACHE_TTL", "1")
    calls = []

    @cache.per_model(max_entries=8)
    def work(_model, key: str, n: int) -> list:
        calls.append(key)
        return [key, n]

    try:
        assert work(None, "pretrained:mnist-vae", 1) == ["pretrained:mnist-vae", 1]
        assert work(None, key="session:abc", n=1) == ["session:abc", 1]
        work(None, "pretrained:mnist-vae", 1), work(None, "session:abc", 1)
        assert calls == ["pretrained:mnist-vae", "session:abc"]          # both kept while the lesson runs
        _time.sleep(1.3)
        work(None, "pretrained:mnist-vae", 1), work(None, "session:abc", 1)
        assert calls == ["pretrained:mnist-vae", "session:abc", "session:abc"]   # only the lesson's was made again
    finally:
        work.clear()
