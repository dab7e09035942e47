"""Class view: the class's trainings (running, waiting, done), the estimated time until the line is clear and
the workers connected. With the teacher code (VAE_TEACHER_CODE; without it the controls are hidden) the
teacher stops trainings and sets the class's recipe."""
import hmac
import os

import streamlit as st

from vae_core.presets import PRESETS
from ui.i18n import duration, labeller, relabel, t
from ui.training import training_queue
from ui.lesson import curious

st.title(t("nav.classview"))
st.markdown(t("cls.intro"))
curious("classview")


def is_teacher() -> bool:
    """True once this tab has entered the teacher code. Without VAE_TEACHER_CODE nothing is shown."""
    code = os.environ.get("VAE_TEACHER_CODE", "")
    if not code:
        return False
    if st.session_state.get("cls_teacher"):
        return True
    with st.form("cls_login"):
        entered = st.text_input(t("cls.code"), type="password", key="cls_code")
        sent = st.form_submit_button(t("cls.unlock"))
    if sent:
        if hmac.compare_digest(entered.encode(), code.encode()):
            st.session_state["cls_teacher"] = True
            st.rerun()
        st.error(t("cls.wrong_code"))
    return False


def board(teacher: bool) -> None:
    """Counts, time to clear, workers and the list; refreshed every two seconds."""
    q = training_queue()
    if q.notice:
        code, args = q.notice
        st.warning(t(f"train.notice.{code}", **args))
    jobs = q.jobs()
    snaps = [j.snapshot(touch=False) for j in jobs]        # looking here keeps no student's job alive
    running = [s for s in snaps if s.status == "running"]
    waiting = [s for s in snaps if s.status == "queued"]
    done = [s for s in snaps if s.status in ("done", "stopped", "failed")]
    c = st.columns(4)
    c[0].metric(t("cls.running"), len(running))
    c[1].metric(t("cls.waiting"), len(waiting))
    c[2].metric(t("cls.done"), len(done))
    c[3].metric(t("cls.clear"), duration(q.time_to_clear()) if running or waiting else "–")
    pace, measured = q.pace()
    st.caption(t("cls.pace_measured" if measured else "cls.pace_prior"))
    if q.backend is None:
        st.info(t("cls.not_started"))
    else:
        where = t("cls.backend.local") if q.backend == "local" else t("cls.backend.remote", address=q.scheduler)
        st.markdown(f"**{t('cls.workers')}** · {where}")
        workers = q.workers_info()
        if workers:
            st.dataframe([{t("cls.col.worker"): w["name"], t("cls.col.address"): a,
                           t("cls.col.device"): t(f"cls.device.{w.get('device') or 'unknown'}"),
                           t("cls.col.capacity"): w["capacity"]} for a, w in workers.items()],
                         hide_index=True, width="stretch")
    if snaps:
        rows = []
        for s in sorted(snaps, key=lambda s: ({"running": 0, "queued": 1}.get(s.status, 2), s.position, -s.id)):
            p = s.progress
            rows.append({"#": s.id, t("cls.col.recipe"): t(f"train.preset.{s.label}") if s.label in PRESETS else s.label,
                         t("cls.col.status"): t(f"cls.status.{s.status}"),
                         t("cls.col.place"): s.position or "",
                         t("cls.col.progress"): f"{len(s.history)} / {p.epochs}" if p else "",
                         t("cls.col.eta"): duration(s.eta_seconds) if s.status in ("queued", "running") else "",
                         t("cls.col.device"): t(f"cls.device.{s.device}") if s.device else ""})
        st.dataframe(rows[:60], hide_index=True, width="stretch")
    if teacher:
        live = {s.id: j for s, j in zip(snaps, jobs) if s.status in ("queued", "running")}
        cols = st.columns([3, 1])
        pick = cols[0].multiselect(t("cls.pick_stop"), sorted(live), key="cls_pick",
                                   format_func=lambda i: f"#{i}")
        cols[1].button(t("cls.stop"), key="cls_stop", disabled=not pick, on_click=stop_picked, args=(live,))


def stop_picked(live: dict) -> None:
    picked = [i for i in st.session_state.get("cls_pick", []) if i in live]
    for i in picked:
        live[i].request_stop("teacher")
    st.session_state["cls_pick"] = []
    st.toast(t("cls.stopped", n=len(picked)))


teacher = is_teacher()
if teacher:
    q = training_queue()
    relabel("cls_preset")
    names = [n for n in PRESETS]
    current = q.preset()
    st.session_state.setdefault("cls_preset", current)   # not in the widget: relabel() writes the key
    pick = st.radio(t("cls.class_preset"), names, key="cls_preset", horizontal=True,
                    format_func=labeller("train.preset."), help=t("cls.class_preset_help"))
    if pick != current:
        q.set_class_preset(pick)
        st.toast(t("cls.preset_set", name=t(f"train.preset.{pick}")))
st.fragment(run_every=2.0)(board)(teacher)
