"""The view in the link. Every page's state lives in the URL (st.query_params), so a link reproduces the view:

    /explore?lang=tr&model=mnist-vae&z=-1,2&lim=3&n=15

One declarative table, PAGES, says for each page (by its url path) which query parameter holds which
session-state key(s), with a parser that validates the text (clamps numbers into range). app.py calls
`restore()` before the sidebar (language, model, `me=`) and `sync(page)` after st.navigation (the page's own
parameters, then the URL is written back). A fragment that changes linked state calls `keep()`.

The URL is read on the session's first run and whenever it differs from the one this module last wrote (the
browser's back button, a link opened in the same tab, a page switch); otherwise the session's state wins and is
written back: one history entry per change the server sees (a slider's or the pad's release, never a drag).
Bad values (text for a number, out of range, unknown model, junk, markup) are left out or clamped with one plain
notice that names only our own parameter names, never the text that was sent.
"""
from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping
from urllib.parse import urlencode

import streamlit as st

import vae_core
from ui.i18n import LANGS, t

MAX_TEXT = 120          # characters in one value; longer is junk
MAX_PARAMS = 40         # more parameters than any page has: the rest are junk
NUM_RE = re.compile(r"[-+]?([0-9]{1,6}(\.[0-9]{0,8})?|\.[0-9]{1,8})")
INT_RE = re.compile(r"[-+]?[0-9]{1,9}")
SHELL = ("lang", "model", "me", "present")       # the same on every page; `present` belongs to ui/present.py


@dataclass(frozen=True)
class Param:
    """One query parameter: the session-state keys it sets, `parse(text) -> (values, in_range)` (ValueError when
    unusable) and `show(values) -> text`. `keys` may be a function of session state (a key that depends on
    another choice, set earlier in the same link)."""
    keys: tuple[str, ...] | Callable[[Mapping], tuple[str, ...]]
    parse: Callable[[str], tuple[tuple, bool]]
    show: Callable[[tuple], str]

    def keys_in(self, state: Mapping) -> tuple[str, ...]:
        return self.keys(state) if callable(self.keys) else self.keys


def _fmt(v: float) -> str:
    return f"{float(v):.10g}"


def _number(text: str, lo: float, hi: float, step: float | None) -> tuple[float, bool]:
    if not NUM_RE.fullmatch(text.strip()):
        raise ValueError("not a number")
    v = float(text)
    if not math.isfinite(v):
        raise ValueError("not finite")
    inside = lo <= v <= hi
    v = min(max(v, lo), hi)
    if step:
        v = min(max(round(round((v - lo) / step) * step + lo, 8), lo), hi)
    return v, inside


def number(key: str, lo: float, hi: float, step: float | None = None) -> Param:
    """A float in [lo, hi], snapped to `step` from lo."""
    def parse(text):
        v, ok = _number(text, lo, hi, step)
        return (v,), ok
    return Param((key,), parse, lambda vs: _fmt(vs[0]))


def integer(key: str, lo: int, hi: int) -> Param:
    def parse(text):
        if not INT_RE.fullmatch(text.strip()):
            raise ValueError("not an integer")
        v = int(text)
        return (min(max(v, lo), hi),), lo <= v <= hi
    return Param((key,), parse, lambda vs: str(int(vs[0])))


def choice(key: str | Callable[[Mapping], tuple[str, ...]], options: tuple[str, ...]) -> Param:
    """One of `options`; nothing is written while the widget holds none (a segmented control unselected)."""
    def parse(text):
        if text not in options:
            raise ValueError("not an option")
        return (text,), True
    return Param((key,) if isinstance(key, str) else key, parse, lambda vs: "" if vs[0] is None else str(vs[0]))


def flag(key: str) -> Param:
    def parse(text):
        if text not in ("0", "1"):
            raise ValueError("not 0 or 1")
        return (text == "1",), True
    return Param((key,), parse, lambda vs: "1" if vs[0] else "0")


def point(keys: tuple[str, str], lo: float, hi: float, step: float) -> Param:
    """Two floats `a,b`, each in [lo, hi] snapped to `step` (a point z of the latent space)."""
    def parse(text):
        parts = text.split(",")
        if len(parts) != 2:
            raise ValueError("not two numbers")
        (a, oka), (b, okb) = (_number(p, lo, hi, step) for p in parts)
        return (a, b), oka and okb
    return Param(keys, parse, lambda vs: ",".join(_fmt(v) for v in vs))


def indices(key: str, hi: int, most: int) -> Param:
    """Up to `most` distinct integers in [0, hi), comma-separated (a selection of test digits)."""
    def parse(text):
        parts = text.split(",")
        if not text or len(parts) > most or not all(INT_RE.fullmatch(p) for p in parts):
            raise ValueError("not a list of indices")
        vals = [int(p) for p in parts]
        kept = list(dict.fromkeys(v for v in vals if 0 <= v < hi))
        if not kept:
            raise ValueError("no index in range")
        return (kept,), len(kept) == len(vals)

    def show(vs):
        return ",".join(str(int(i)) for i in list(vs[0])[:most])
    return Param((key,), parse, show)


def picker(prefix: str, key: str) -> dict[str, Param]:
    """The parameters of ui.widgets.pick_digits(key): how to pick (class / random / map), the class, the index."""
    return {f"{prefix}pick": choice(f"{key}_mode", ("class", "random", "map")),
            f"{prefix}class": integer(f"{key}_class", 0, 9),
            f"{prefix}i": integer(f"{key}_idx", 0, 9999)}


MAP_DRAG = ("none", "lasso", "select")    # what dragging on the Latent map does (pages/latent_map.py)
Z_LIM = 6.0     # the widest view range any page offers; a page clamps z further into its own range
PAGES: dict[str, dict[str, Param]] = {
    "home": {},
    "train": {},
    "class": {},
    "explore": {"z": point(("z1", "z2"), -Z_LIM, Z_LIM, 0.05), "lim": number("view_lim", 1.0, 6.0, 0.5),
                "n": integer("explore_n", 5, 25), "spacing": choice("explore_spacing", ("linear", "gaussian")),
                "class": integer("explore_label", 0, 9)},
    "latent-map": {"lim": number("view_lim", 1.0, 6.0, 0.5), "contours": flag("map_contours"),
                   "drag": choice("map_drag", MAP_DRAG), "sel": indices("map_selection", 10_000, 50),
                   "z": point(("map_z1", "map_z2"), -Z_LIM, Z_LIM, 0.05)},
    "reconstructions": {"mode": choice("recon_mode", ("random", "class", "best", "worst")),
                        "class": integer("recon_class", 0, 9), "n": integer("recon_n", 4, 16),
                        "from": choice("recon_from", ("mean", "sample")), "diff": flag("recon_diff"),
                        "seed": integer("recon_seed", 0, 2**31 - 1)},
    "posterior": {**picker("", "post_pick"), "k": integer("post_k", 1, 32)},
    "interpolate": {**picker("a_", "interp_a"), **picker("b_", "interp_b"), "steps": integer("interp_steps", 8, 20)},
    "draw": {},
    "anomalies": {"noise": choice("anom_kind", tuple(vae_core.NOISE_KINDS)),
                  "strength": Param(lambda s: (f"anom_strength_{s.get('anom_kind', 'salt_pepper')}",),
                                    number("x", 0.0, 1.0, 0.05).parse, lambda vs: _fmt(vs[0])),
                  **picker("", "anom_pick"), "score": choice("anom_score", tuple(vae_core.SCORES))},
    "ae-vs-vae": {"lim": number("cmp_lim", 1.0, 40.0, 0.5), "data": choice("cmp_data", tuple(vae_core.DATASETS))},
    "beta": {"data": choice("beta_data", tuple(vae_core.DATASETS))},
    "conditional": {"class": integer("cvae_class", 0, 9), "z": point(("cvae_z1", "cvae_z2"), -3.0, 3.0, 0.05)},
}
PAGE_FILES = {"home": "pages/home.py", "train": "pages/train.py", "class": "pages/class_view.py", "explore": "pages/explore.py",
              "latent-map": "pages/latent_map.py", "reconstructions": "pages/reconstructions.py",
              "posterior": "pages/posterior.py", "interpolate": "pages/interpolate.py", "draw": "pages/draw.py",
              "anomalies": "pages/anomalies.py", "ae-vs-vae": "pages/compare.py", "beta": "pages/beta.py",
              "conditional": "pages/cvae.py"}


# ---------------------------------------------------------------------------------------------- reading

def read_page(page: str, params: Mapping[str, str], state: dict) -> tuple[dict, list[str]]:
    """Apply the page's parameters from `params` to `state` (validated; in table order, so a key that depends
    on another choice sees it). Returns (what was set, the names of parameters that were bad or clamped).
    Pure: usable on a plain dict in tests."""
    spec = PAGES.get(page, {})
    bad, done = [], {}
    for name, p in spec.items():
        text = params.get(name)
        if text is None:
            continue
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            bad.append(name)
            continue
        try:
            values, inside = p.parse(text)
        except (ValueError, OverflowError):
            bad.append(name)
            continue
        keys = p.keys_in(state)
        for k, v in zip(keys, values):
            state[k] = v
            done[k] = v
        if not inside:
            bad.append(name)
    return done, bad


def unknown_names(page: str, params: Mapping[str, str]) -> int:
    """How many parameter names neither the shell nor this page knows (junk, or a link to another version)."""
    return sum(1 for n in params if n not in SHELL and n not in PAGES.get(page, {}))


def _query() -> dict[str, str]:
    try:
        q = st.query_params.to_dict()
    except Exception:            # noqa: BLE001 - a query string Streamlit cannot even split is junk
        return {"": ""}
    if len(q) > MAX_PARAMS:
        return dict(list(q.items())[:MAX_PARAMS]) | {"": ""}
    return q


def restore() -> None:
    """Before the sidebar: when the URL is new to this session (or a followed teacher sent a view), take its
    language, model and `me=` token; the page's own parameters wait for sync(), which knows the page."""
    ss = st.session_state
    pending = ss.pop("_links_pending", None)
    q = pending if pending is not None else _query()
    if pending is None and q == ss.get("_links_written"):
        return
    ss["_links_read"] = q
    bad = []
    lang = q.get("lang")
    if lang is not None:
        if lang in LANGS:
            ss["lang"] = lang
        else:
            bad.append("lang")
    from ui.models import choose_model, restore_mine
    me = q.get("me")
    if me is not None and not restore_mine(me):
        bad.append("me")
    model = q.get("model")
    if model is not None and not choose_model(model):
        bad.append("model")
    ss["_links_bad"] = bad


def sync(page: str) -> None:
    """After st.navigation, before the page runs: apply the page's parameters if the URL was just read, show
    one notice if anything in it was unusable, then write the view back into the URL."""
    ss = st.session_state
    ss["_links_page"] = page
    q = ss.pop("_links_read", None)
    if q is not None:
        _, bad = read_page(page, q, ss)
        bad = ss.pop("_links_bad", []) + bad
        junk = unknown_names(page, q) or (q.get("present") not in (None, "1"))
        if bad or junk:     # one plain notice: it names only our own parameters, never the text sent
            with st.container(key="links_notice"):
                st.info(t("links.bad", names=", ".join(bad)) if bad else t("links.junk"), icon=":material/link_off:")
    keep()


def view(page: str, state: Mapping) -> dict[str, str]:
    """The query parameters that reproduce this session's view of `page` (what keep() writes)."""
    from ui.models import model_param
    out = {"lang": state.get("lang", "en") if state.get("lang") in LANGS else "en"}
    out.update(model_param(state))
    for name, p in PAGES.get(page, {}).items():
        keys = p.keys_in(state)
        if all(k in state for k in keys):
            try:
                text = p.show(tuple(state[k] for k in keys))
            except (TypeError, ValueError):
                continue
            if text:
                out[name] = text
    return out


def keep() -> None:
    """Write the current view into the URL (a no-op when it is already there). Call it at the end of a fragment
    that changes linked state (e.g. the pad), since a fragment's rerun skips app.py."""
    ss = st.session_state
    page = ss.get("_links_page")
    if page is None:
        return
    target = view(page, ss)
    try:
        if st.query_params.get("present") == "1":
            target["present"] = "1"
        if st.query_params.to_dict() != target:
            st.query_params.from_dict(target)
    except Exception:            # noqa: BLE001 - never let the URL break the page
        return
    ss["_links_written"] = target
    from ui.follow import on_view
    on_view(page, target)


def open_view(page: str, params: Mapping[str, str]) -> None:
    """Show `page` with `params` as if its link had been opened (used to follow the teacher): the next run
    reads them. Ends this run."""
    st.session_state["_links_pending"] = dict(params)
    if page != st.session_state.get("_links_page") and page in PAGE_FILES:
        st.switch_page(PAGE_FILES[page])
    st.rerun(scope="app")


# ---------------------------------------------------------------------------------------------- sharing

def link(page: str | None = None) -> str:
    """The full link of this view (relative when the browser's address is unknown, e.g. in AppTest)."""
    ss = st.session_state
    page = page or ss.get("_links_page", "home")
    base = ""
    try:
        base = (st.context.url or "").split("?")[0].rstrip("/")
    except Exception:            # noqa: BLE001
        base = ""
    if base.endswith("/" + page):
        base = base[: -len(page) - 1]
    target = view(page, ss)
    if ss.get("_links_written", {}).get("present") == "1":
        target["present"] = "1"
    return f"{base}/{page}?{urlencode(target)}"


@st.cache_data(max_entries=256, show_spinner=False)
def qr_png(text: str) -> bytes:
    """A QR code of `text` as a PNG (black on white, 4-module quiet zone) that a phone can scan off a projector."""
    import segno
    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=6, border=4)
    return buf.getvalue()


def share_box() -> None:
    """A sidebar popover with this view's link (with a copy button) and its QR code."""
    with st.sidebar.popover(t("links.share"), icon=":material/qr_code_2:", width="stretch"):
        url = link()
        st.caption(t("links.share_help"))
        st.code(url, language=None, wrap_lines=True)
        # Drawn only when asked for: a QR code costs CPU for every new link (each z a follower receives); see
        # BENCHMARKS.md, "QR code drawn on every run".
        if st.toggle(t("links.show_qr"), key="links_qr"):
            st.image(qr_png(url), caption=t("links.qr_caption"), width=260)
