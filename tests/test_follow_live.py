"""Follow the teacher over Streamlit's own protocol (bench/load_test.py's StClient: the browser's WebSocket
messages, the polling fragment's automatic reruns included): a new z from the teacher reaches a follower on
Explore through the sidebar's small poll, which queues one run of the page's live fragment (the sliders and the
grid's ring) and nothing else; a change of anything else (the grid size, the page) reruns the follower's whole
page. A student who unticks stops polling and explores alone; ticking again brings the teacher's z back. The browser side (the pad moves) is in test_links_browser.py."""
from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from conftest import AppServer  # noqa: E402
from load_test import StClient, _slider_state  # noqa: E402

CODE = "proto-teacher-code"


def z1(c: StClient) -> float | None:
    wid = c.find("z1", "slider")
    if wid is None:
        return None
    p = c.proto(wid)
    return round((list(p.value) if p.set_value else list(p.default))[0], 4)


def value_of(c: StClient, key: str, etype: str):
    p = c.proto(c.find(key, etype))
    return (list(p.value) if p.set_value else list(p.default))[0]


async def tick(c: StClient):
    """One automatic rerun of the follower's polling fragment, as the browser's timer sends it."""
    assert len(c.auto_reruns) == 1, c.auto_reruns
    fid = next(iter(c.auto_reruns))
    return fid, await c.rerun(fragment_id=fid, auto=True)


async def scenario(base: str) -> None:
    teacher, student = StClient(base, timeout=90), StClient(base, timeout=90)
    try:
        await student.open("")                                 # the student follows before the class starts
        # .streamlit/config.toml's cache age reaches the browser (the default 2 lost a tab in the soak: a large
        # message referred to by its hash after fragment runs had aged it out of the browser's cache)
        assert student.max_cached_message_age == 20
        await student.rerun(set_values={student.find("follow_on", "checkbox"): {"bool_value": True}})
        side_poll, res = await tick(student)                   # on Home, nothing broadcast yet: the sidebar polls
        assert not res.exceptions and student.find("z1", "slider") is None

        await teacher.open("")
        await teacher.rerun(set_values={teacher.find("teacher_code_entry", "text_input"): {"string_value": CODE}})
        assert teacher.find("teacher_live", "checkbox") is not None
        await teacher.rerun(page="explore")
        _, res = await tick(student)                           # the teacher is on Explore: open it (a page run)
        assert "" in {f for _, _, f in res.elements} and student.find("z1", "slider") is not None
        assert not res.exceptions

        # On Explore too the small sidebar fragment polls (nothing new: only its caption is drawn).
        frag, res = await tick(student)
        assert frag == side_poll and not res.exceptions and not res.has("imgs")
        live_frag = student.fragment_of(student.find("z1", "slider"))
        assert live_frag and live_frag != side_poll

        for v in (0.5, -1.25, 2.0):                           # the teacher drags: only z changes
            wid = teacher.find("z1", "slider")
            await teacher.rerun(set_values={wid: _slider_state(v)}, fragment_id=teacher.fragment_of(wid))
            frag, res = await tick(student)                   # the poll takes the new z and hands it on to ...
            assert frag == side_poll
            assert z1(student) == v                           # ... one run of Explore's live fragment, right after
            assert res.has("imgs")                            # the grid's ring moved with it
            assert {f for _, _, f in res.elements} <= {side_poll, live_frag}   # no page run, nothing else redrawn
            assert res.runs == 2 and not res.exceptions

        # Something else changes (the grid size): the follower's whole page runs, as for any view change.
        wid = teacher.find("explore_n", "slider")
        await teacher.rerun(set_values={wid: _slider_state(9)}, fragment_id=teacher.fragment_of(wid))
        _, res = await tick(student)
        assert "" in {f for _, _, f in res.elements}          # elements outside any fragment: a page run
        assert value_of(student, "explore_n", "slider") == 9 and z1(student) == 2.0
        assert not res.exceptions

        # The student unticks: nothing polls any more and they explore alone; ticking again brings the teacher's z.
        box = student.find("follow_on", "checkbox")
        await student.rerun(set_values={box: {"bool_value": False}})
        assert not student.auto_reruns and z1(student) == 2.0
        wid = teacher.find("z1", "slider")
        await teacher.rerun(set_values={wid: _slider_state(-2.0)}, fragment_id=teacher.fragment_of(wid))
        wid = student.find("z1", "slider")
        await student.rerun(set_values={wid: _slider_state(1.0)}, fragment_id=student.fragment_of(wid))
        assert z1(student) == 1.0
        res = await student.rerun(set_values={box: {"bool_value": True}})
        assert z1(student) == -2.0 and len(student.auto_reruns) == 1 and not res.exceptions

        # The teacher leaves Explore: the follower follows, and goes on polling from the sidebar.
        await teacher.rerun(page="home")
        _, res = await tick(student)
        home = {h for path, h in student.pages.items() if path in ("", "start", "home")}
        assert student.page_hash in home and student.find("z1", "slider") is None and not res.exceptions
        frag, res = await tick(student)
        assert frag == side_poll and not res.exceptions
        assert student.exceptions_total == 0 and teacher.exceptions_total == 0
    finally:
        await teacher.close()
        await student.close()


def run_apart(coro_fn, *args, limit: float = 600) -> None:
    """asyncio.run in a thread of its own: in the full suite a session-scoped Playwright browser (sync API) keeps an
    event loop running in the main thread, where asyncio.run() refuses to start ("cannot be called from a running
    event loop"; the scenario was then never run)."""
    errors: list[BaseException] = []

    def target():
        try:
            asyncio.run(coro_fn(*args))
        except BaseException as e:   # handed to the test's thread below
            errors.append(e)
    t = threading.Thread(target=target, name="follow-scenario", daemon=True)
    t.start()
    t.join(limit)
    assert not t.is_alive(), f"the scenario did not finish within {limit:.0f} s"
    if errors:
        raise errors[0]


def test_follower_takes_a_new_z_in_one_fragment_run(tmp_path):
    server = AppServer({"VAE_MODELS_DIR": str(tmp_path), "VAE_TEACHER_CODE": CODE})
    try:
        run_apart(scenario, server.url)
    finally:
        server.stop()
