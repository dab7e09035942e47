"""Follow the teacher: with VAE_TEACHER_CODE set, a session that enters the code broadcasts its view (page, model,
the page's linked state such as z); sessions that tick "follow the teacher" poll a shared store twice a second and
open the teacher's view when it changes. Without the code nobody broadcasts.

The store is one object for the whole server (st.cache_resource), guarded by a lock. A follower polls it from a
small fragment in the sidebar (a few ms of server time when nothing is new). When a broadcast changes only the
live state of the page on screen (Explore's z: the teacher dragging the pad), the poll writes it into session
state and queues a run of that page's live fragment (`live(...)`: the pad, the sliders, the grid's ring), which
alone draws it: no page rerun. Anything else (page, model, range...) opens the teacher's view: a rerun of the
follower's whole page.
"""
from __future__ import annotations

import hmac
import os
import threading
import time
from dataclasses import dataclass, field

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.i18n import t

POLL_S = 0.5                     # a follower's poll interval: a change shows within this plus one page run
PRIVATE = ("me", "lang", "present")   # never broadcast: the teacher's own model token, language, display mode
MAX_ATTEMPTS = 5                 # wrong codes per session before the code field is locked


@dataclass(frozen=True)
class Broadcast:
    version: int
    page: str
    params: dict = field(default_factory=dict)
    at: float = 0.0              # time.time() of the broadcast (the bench measures delays from it)


class Channel:
    """The teacher's latest view; thread-safe. `version` grows with every change."""

    def __init__(self):
        self._lock = threading.Lock()
        self._latest: Broadcast | None = None

    def publish(self, page: str, params: dict) -> Broadcast:
        with self._lock:
            cur = self._latest
            if cur is not None and cur.page == page and cur.params == params:
                return cur
            self._latest = Broadcast((cur.version if cur else 0) + 1, page, dict(params), time.time())
            return self._latest

    def latest(self) -> Broadcast | None:
        with self._lock:
            return self._latest


@st.cache_resource(show_spinner=False)
def channel() -> Channel:
    return Channel()


def teacher_code() -> str:
    return os.environ.get("VAE_TEACHER_CODE", "")


def code_matches(entered: str, code: str | None = None) -> bool:
    """True only when a code is configured and `entered` equals it (constant-time comparison)."""
    code = teacher_code() if code is None else code
    if not code or not isinstance(entered, str):
        return False
    return hmac.compare_digest(entered.encode("utf-8"), code.encode("utf-8"))


def shared_view(params: dict) -> dict:
    """What a broadcast carries: the view without the teacher's private or personal parts. A model only the
    teacher's session has ("me") is left out: followers keep their own."""
    out = {k: v for k, v in params.items() if k not in PRIVATE}
    if out.get("model") == "me":
        out.pop("model")
    return out


def on_view(page: str, params: dict) -> None:
    """Called by ui.links whenever a session's view is written to its URL: a live teacher broadcasts it."""
    ss = st.session_state
    if ss.get("teacher_ok") and ss.get("teacher_live", True) and teacher_code():
        channel().publish(page, shared_view(params))


def _on_code() -> None:
    ss = st.session_state
    entered = ss.get("teacher_code_entry", "")
    ss["teacher_code_entry"] = ""
    if ss.get("teacher_attempts", 0) >= MAX_ATTEMPTS:
        return
    if code_matches(entered):
        ss["teacher_ok"] = True
        ss["follow_on"] = False
    else:
        ss["teacher_attempts"] = ss.get("teacher_attempts", 0) + 1
        ss["teacher_wrong"] = True


def _on_follow() -> None:
    st.session_state["following"] = bool(st.session_state.get("follow_on"))


def following() -> bool:
    """This session follows the teacher (a server with a teacher code; ticked, and not the teacher)."""
    ss = st.session_state
    return bool(teacher_code()) and not ss.get("teacher_ok") and bool(ss.get("follow_on"))


def only_live_changed(b: Broadcast, page: str, live_params: tuple[str, ...], view: dict) -> bool:
    """True when broadcast `b` shows `page` and differs from this session's view of it (`view`, as ui.links.view
    gives it) in `live_params` at most. A broadcast without a model (the teacher's own) leaves the model out of
    the comparison: followers keep theirs, as opening the view would."""
    if b.page != page:
        return False
    for k in (set(b.params) | set(view)) - set(live_params) - set(PRIVATE):
        if k == "model" and "model" not in b.params:
            continue
        if b.params.get(k) != view.get(k):
            return False
    return True


def _check(page: str | None, live_params: tuple[str, ...] = ()) -> bool:
    """Take the teacher's latest broadcast if this session has not seen it: when only `live_params` of `page`
    changed, write them into session state and return True (the page's live fragment must draw them); otherwise
    open the whole view (ends this run). False when there was nothing new."""
    ss = st.session_state
    b = channel().latest()
    if b is None or ss.get("_follow_seen") == b.version:
        return False
    ss["_follow_seen"] = b.version
    from ui.links import open_view, read_page, view
    if page is not None and live_params and only_live_changed(b, page, live_params, view(page, ss)):
        read_page(page, {k: b.params[k] for k in live_params if k in b.params}, ss)
        return True
    open_view(b.page, {**b.params, "lang": ss.get("lang", "en")})    # the follower keeps their own language
    return False


def _caption() -> None:
    st.caption(t("follow.following") if channel().latest() is not None else t("follow.waiting"))


def _rerun_fragment(fragment_id: str) -> None:
    """Queue a run of another fragment of this session, after the current one ends: what Streamlit does for a
    widget callback's `st.rerun(key)`, which 1.67 allows only from a callback. Call it last: the current run stops
    at its next yield point (it has drawn everything by then; the browser sees it end "for a rerun") and the
    script runner starts the queued fragment's run at once, in the same session thread."""
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    ctx = get_script_run_ctx()
    if ctx is None or ctx.script_requests is None:      # AppTest and bare runs: the next run draws it
        return
    ctx.script_requests.request_rerun(RerunData(
        query_string=ctx.query_string, page_script_hash=ctx.page_script_hash, fragment_id_queue=[fragment_id],
        cached_message_hashes=ctx.cached_message_hashes, context_info=ctx.context_info))


def _poll() -> None:
    """The follower's poll, a small fragment in the sidebar (a few ms when nothing is new). A broadcast that only
    moves the live state of the page on screen (Explore's z) is handed to that page's live fragment, which alone
    reruns to draw it; anything else opens the teacher's view."""
    _caption()
    ss = st.session_state
    page, params, fragment = ss.get("_follow_live"), ss.get("_follow_live_params", ()), ss.get("_follow_live_id")
    ctx = get_script_run_ctx()
    if page is not None and ctx is not None and not ctx.fragment_ids_this_run:
        # A page run (the poll is drawn after the page): the live fragment took what was new when it ran, and
        # its widgets exist in this run, so z cannot be written now. A broadcast since then: the next poll.
        return
    if _check(page, tuple(params)) and fragment:
        _rerun_fragment(fragment)


_poll_fragment = st.fragment(run_every=POLL_S)(_poll)


def live(body, page: str, live_params: tuple[str, ...]):
    """`body` as a page's fragment whose drawing of `live_params` (query parameter names of `page`, e.g. ("z",))
    a follower's poll can rerun on its own when only those change in a broadcast: the teacher dragging the pad
    reruns this fragment for each follower, not their whole page. Returns the function to call (with body's
    arguments) in place of `st.fragment(body)`."""
    def drawn(*args, **kwargs):
        from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState
        ss = st.session_state
        ss["_follow_live"], ss["_follow_live_params"] = page, tuple(live_params)
        ss["_follow_live_id"] = ThreadState.get().fragment_id
        if following():        # a page run (a follower ticking the box, opening the page): take what is new now
            _check(page, tuple(live_params))
        body(*args, **kwargs)

    drawn.__qualname__ = f"{getattr(body, '__qualname__', 'live')}.drawn"
    drawn.__module__ = getattr(body, "__module__", __name__)
    return st.fragment(drawn)


def sidebar():
    """The class section of the sidebar (only on a server with VAE_TEACHER_CODE): follow, or enter the code.
    Returns a sidebar slot for poll(), which app.py calls after the page has run."""
    ss = st.session_state
    ss["_follow_live"] = ss["_follow_live_id"] = None      # set again by the page's live fragment, if it has one
    if not teacher_code():
        return None
    sb = st.sidebar
    sb.subheader(t("follow.title"))
    if ss.get("teacher_ok"):
        sb.toggle(t("follow.live"), value=True, key="teacher_live", help=t("follow.live_help"))
        sb.caption(t("follow.teacher_now") if ss.get("teacher_live", True) else t("follow.teacher_paused"))
        return None
    # The choice is kept in plain session state too: a page switch made from the poll (st.switch_page inside a
    # fragment) drops the widget states of the run it interrupts, this checkbox's included (seen in 1.67).
    on = sb.checkbox(t("follow.follow"), value=bool(ss.get("following")), key="follow_on",
                     help=t("follow.follow_help"), on_change=_on_follow)
    slot = sb.container() if on else None
    if not on:
        ss.pop("_follow_seen", None)
    with sb.expander(t("follow.teacher")):
        locked = ss.get("teacher_attempts", 0) >= MAX_ATTEMPTS
        st.text_input(t("follow.code"), type="password", key="teacher_code_entry", on_change=_on_code,
                      disabled=locked, max_chars=200)
        if locked:
            st.warning(t("follow.locked"))
        elif ss.pop("teacher_wrong", False):
            st.warning(t("follow.wrong"))
    return slot


def poll(slot) -> None:
    """After the page has run (also when it stopped or failed): the follower's polling fragment in the sidebar."""
    if slot is None or not following():
        return
    with slot:
        _poll_fragment()
