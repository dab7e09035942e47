"""The live latent pad: drag through the 2-D latent space and watch the decoded digit change while you drag.

`st.slider` tells Python its value only on release, and a server round trip per frame cannot serve a
classroom, so the pad runs the model's MLP decoder in the browser (components v2, inline JS, no build step):

- part 1, `latent_pad_decoder`: the decoder weights (vae_core.export) and ~2,000 encoded test points as raw
  bytes. Its message is identical on every rerun, so Streamlit sends it once and then refers to it by hash;
  the browser parses it once per model.
- part 2, `latent_pad`: small JSON each run (z from the sliders, label, range, words). On every pointer move
  it decodes z in JavaScript and paints the digit; on release it calls setStateValue once, and the callback
  here writes the sliders' session-state keys (snapped to their 0.05 step).

Pages call `latent_pad(active, ...)`. A page whose pad sits in a fragment that reruns often (Explore: every poll of
a class following the teacher) draws the decoder part once outside it with `pad_decoder(active, key)` and passes
`decoder=False`: the fragment's runs then neither hash nor send the weights (about a third of such a run's time).
"""
from __future__ import annotations

import hashlib
import math
import os
import struct
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import streamlit as st

import vae_core
from ui.cache import per_model
from ui.charts import CLASS_COLORS, subsample
from ui.data import test_encodings
from ui.i18n import class_names, decimal_mark, t
from ui.models import Active
from vae_core.export import UnsupportedDecoder, payload_for_browser

_ASSETS = Path(__file__).with_name("pad")
SLIDER_STEP = 0.05              # the Explore sliders' step: z sent back to Python is snapped to it
MAX_POINTS = 2000               # encoded test digits drawn behind the pad
BACKGROUNDS = ("scatter", "grid")
CONTROLS_PX = 64                # readout, legend and toggle under the pad, inside `height`
# The pad's test and bench hooks (data-* attributes, globalThis.__latentPad.pads; see ui/pad/pad.js). On unless
# VAE_PAD_HOOKS=0: the browser tests, bench/bench_pad.py, bench/bench_app.py and bench/load_test.py read them.
HOOKS = os.environ.get("VAE_PAD_HOOKS", "1") != "0"

_HTML = """
<div class="lp-root" data-ready="0" data-frames="0" data-commits="0">
  <div class="lp-row">
    <div class="lp-pad" tabindex="0" role="application">
      <canvas class="lp-bg"></canvas>
      <div class="lp-ghost" hidden></div>
      <div class="lp-dot"></div>
    </div>
    <canvas class="lp-digit" width="28" height="28" role="img"></canvas>
  </div>
  <div class="lp-under">
    <div class="lp-caption"><span class="lp-z"></span><span class="lp-class" hidden></span></div>
    <div class="lp-legend" hidden></div>
    <div class="lp-bar">
      <div class="lp-toggle" role="group">
        <button type="button" data-mode="scatter"></button><button type="button" data-mode="grid"></button>
      </div>
    </div>
  </div>
  <div class="lp-hint"></div>
  <div class="lp-msg" hidden></div>
  <span class="lp-live" aria-live="polite"></span>
</div>
"""



def _asset(*names: str) -> str:
    """The files in ui/pad/ joined: each part is one ES module, so the shared registry.js goes in front."""
    return "\n".join((_ASSETS / name).read_text(encoding="utf-8") for name in names)


_DECODER_PART = st.components.v2.component("latent_pad_decoder", js=_asset("registry.js", "loader.js"))
_PAD_PART = st.components.v2.component("latent_pad", html=_HTML, css=_asset("pad.css"),
                                       js=_asset("registry.js", "pad.js"))


@dataclass(frozen=True)
class PadBundle:
    """What the browser receives once per model."""
    id: str                 # content hash; the pad finds the parsed decoder by it
    blob: bytes             # container: decoder payload + background points (layout in ui/pad/loader.js)
    decoder_bytes: int      # size of the decoder payload alone
    dtype: str              # "float32" or "float16"
    n_points: int


def _pad4(b: bytes) -> bytes:
    return b + b"\0" * (-len(b) % 4)


def pack_bundle(decoder: bytes, xy: np.ndarray, labels: np.ndarray) -> PadBundle:
    """Container: "LPAD" | u32 version 1 | u32 id length | id | u32 decoder length | decoder | u32 n |
    f32 xy (n, 2) | u8 labels (n); each section padded to 4 bytes; little-endian."""
    xy = np.ascontiguousarray(xy, dtype="<f4").reshape(-1, 2)
    labels = np.ascontiguousarray(labels, dtype=np.uint8).reshape(-1)
    body = (_pad4(struct.pack("<I", len(decoder)) + decoder)
            + struct.pack("<I", len(labels)) + xy.tobytes() + labels.tobytes())
    pid = hashlib.sha256(body).hexdigest()[:16].encode()
    head = _pad4(b"LPAD" + struct.pack("<II", 1, len(pid)) + pid)
    dtype = "float16" if decoder[6] == 2 else "float32"
    return PadBundle(pid.decode(), head + body, len(decoder), dtype, len(labels))


def _background_points(active: Active) -> tuple[np.ndarray, np.ndarray]:
    """Up to MAX_POINTS encoded test digits (mu), a fixed random subset; none if the data is unavailable."""
    try:
        mu, _, labels = test_encodings(active)
    except vae_core.VAEError:
        return np.zeros((0, 2), np.float32), np.zeros(0, np.uint8)
    idx = subsample(len(labels), MAX_POINTS)
    return mu[idx, :2], labels[idx]


@per_model(max_entries=16)
def _bundle(_active: Active, key: str, dtype: str) -> PadBundle | str:
    """The bundle for one model (cached per active.key), or the reason word why the browser cannot run it."""
    try:
        decoder = payload_for_browser(_active.model, dtype=dtype)
    except UnsupportedDecoder as e:
        return e.reason
    return pack_bundle(decoder, *_background_points(_active))


def pad_bundle(active: Active, dtype: str = "auto") -> PadBundle | str:
    """The cached bundle the pad sends for `active` (or a reason word: "structure", "size")."""
    return _bundle(active, active.key, dtype)


def snap(v: float, lim: float) -> float:
    """A pad coordinate as the sliders hold it: nearest multiple of SLIDER_STEP, inside [-lim, lim]."""
    v = round(round(float(v) / SLIDER_STEP) * SLIDER_STEP, 4)
    return float(min(max(v, -lim), lim)) + 0.0          # + 0.0: no "-0.00" on the sliders


def _released_z(key: str):
    """The z the pad sent on its last release, or None."""
    state = st.session_state.get(key)
    value = state.get("z") if hasattr(state, "get") else None
    z = value.get("z") if isinstance(value, dict) else None
    if (isinstance(z, (list, tuple)) and len(z) == 2
            and all(isinstance(v, (int, float)) and math.isfinite(v) for v in z)):
        return float(z[0]), float(z[1])
    return None


def _on_release(key: str, z_keys: tuple[str, str], lim: float) -> None:
    """Runs before the script on the rerun that the pad's release causes: the sliders follow the pad."""
    z = _released_z(key)
    if z is not None:
        for k, v in zip(z_keys, z):
            st.session_state[k] = snap(v, lim)


def _current_z(key: str, z_keys: tuple[str, str], lim: float) -> list[float]:
    ss = st.session_state
    if all(isinstance(ss.get(k), (int, float)) for k in z_keys):
        z = [float(ss[k]) for k in z_keys]
    else:
        z = list(_released_z(key) or (0.0, 0.0))
    return [float(min(max(v, -lim), lim)) for v in z]


def _strings() -> dict[str, str]:
    words = {k: t(f"pad.{k}") for k in ("aria", "roledesc", "hint", "hint_touch", "digit", "bg_label", "bg_scatter",
                                         "bg_grid", "loading", "failed")}
    words["readout"] = t("pad.readout", z1="{z1}", z2="{z2}")
    words["class"] = t("pad.class", name="{name}")
    words["decimal"] = decimal_mark()
    return words


def latent_pad(active: Active, *, key: str = "explore_pad", z_keys: tuple[str, str] = ("z1", "z2"),
               label: int | None = None, lim: float = 3.0, background: str = "scatter", height: int = 360,
               fit: bool = False, dtype: str = "auto", decoder: bool = True) -> None:
    """Draw the live latent pad for `active` (2-D latent only) over [-lim, lim]^2.

    Dragging decodes in the browser with no server rerun; on release (pointer up or key up) the pad sends z
    once and st.session_state[z_keys[0]], [z_keys[1]] become z snapped to the sliders' 0.05 step, in a
    callback that runs before the rerun, so sliders with those keys (drawn after the pad) follow. The pad's
    point follows those keys on every run. `key` must not contain "__" (Streamlit reserves it).
    label: class index for a conditional model (ignored otherwise). background: "scatter" (encoded test
    digits) or "grid" (decoded manifold); the user can switch in the pad. height: pixels, pad + controls.
    fit: instead of `height`, the pad and the digit take the largest square that fills the column's width and
    the window's height below them (with the readout and the legend in view); on a phone they stack.
    dtype: "auto" (float16 if pixels match to 2e-3, else float32 if under 2 MB), "float32" or "float16".
    Models the browser cannot run get a one-line caption instead, and the page keeps its sliders.
    decoder: False when the page draws `pad_decoder(active, key, dtype)` itself (outside the pad's fragment).
    """
    if background not in BACKGROUNDS:
        raise ValueError(f"background must be one of {BACKGROUNDS}, not {background!r}")
    cfg = active.model.config
    if cfg.latent_dim != 2:
        st.caption(t("pad.unavailable", reason=t("pad.reason.latent", d=cfg.latent_dim)))
        return
    bundle = pad_bundle(active, dtype)
    if isinstance(bundle, str):
        st.caption(t("pad.unavailable", reason=t(f"pad.reason.{bundle}")))
        return
    lim = float(lim)
    names = class_names(active.dataset)
    if cfg.conditional:
        label = min(max(int(label or 0), 0), cfg.num_classes - 1)
    else:
        label = None
    data = {
        "key": key, "model": bundle.id, "lim": lim, "step": SLIDER_STEP, "z": _current_z(key, z_keys, lim),
        "label": label, "background": background, "side": max(160, int(height) - CONTROLS_PX), "fit": bool(fit),
        "strings": _strings(), "classes": names, "hooks": HOOKS,
        "colors": list(CLASS_COLORS)[:len(names)],
    }
    with st.container(gap=None):
        if decoder:
            _DECODER_PART(key=f"{key}-decoder", data=bundle.blob, height="content")
        _PAD_PART(key=key, data=data, height="content",
                  on_z_change=partial(_on_release, key, tuple(z_keys), lim))


def pad_decoder(active: Active, key: str = "explore_pad", dtype: str = "auto") -> None:
    """The decoder part of the pad `key` alone (see latent_pad's `decoder`); nothing for a model the pad cannot
    run. Anywhere on the same page: the pad finds the weights by their hash, and waits for them if they come
    after it."""
    if active.model.config.latent_dim != 2:
        return
    bundle = pad_bundle(active, dtype)
    if not isinstance(bundle, str):
        _DECODER_PART(key=f"{key}-decoder", data=bundle.blob, height="content")
