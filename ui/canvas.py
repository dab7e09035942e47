"""A small drawing canvas (Streamlit components v2, inline JS, no build step).

Mouse, finger and pen all arrive as pointer events (touch-action: none keeps a finger from scrolling the
page). Strokes are drawn locally; only when the pointer is lifted does the canvas send its ink, downsampled
in the browser to `out` x `out` alpha values (0-255), as the component state "drawing":
{"w": out, "h": out, "ink": [...], "strokes": n}. The Clear button empties the canvas and sets the state
to None. One Python rerun per stroke, none while drawing.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

HTML = """
<div class="lx-canvas">
  <canvas class="lx-pad" aria-label="drawing canvas"></canvas>
  <div class="lx-row"><button type="button" class="lx-clear"></button><span class="lx-hint"></span></div>
</div>
"""

CSS = """
.lx-canvas { display: inline-flex; flex-direction: column; gap: 0.5rem; font-family: var(--st-font, sans-serif); }
.lx-pad { background: #fff; border: 2px solid #888; border-radius: 8px; touch-action: none;
          user-select: none; -webkit-user-select: none; cursor: crosshair; display: block; }
.lx-row { display: flex; align-items: center; gap: 0.75rem; }
.lx-clear { font-size: 1.1rem; padding: 0.35rem 1.1rem; border-radius: 8px; border: 1px solid #888;
            background: var(--st-secondary-background-color, #f0f2f6); color: var(--st-text-color, #222);
            cursor: pointer; }
.lx-clear:hover { border-color: var(--st-primary-color, #ff4b4b); }
.lx-hint { color: var(--st-text-color, #444); opacity: 0.7; font-size: 0.95rem; }
"""

JS = """
export default function ({ data, parentElement, setStateValue }) {
  const canvas = parentElement.querySelector(".lx-pad");
  const clear = parentElement.querySelector(".lx-clear");
  const hint = parentElement.querySelector(".lx-hint");
  if (!canvas || !clear) return;
  const size = data.size, out = data.out;
  clear.textContent = data.clear_label;
  hint.textContent = data.hint;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.dataset.size !== String(size)) {      // first call only: later calls keep the drawing
    canvas.style.width = size + "px";
    canvas.style.height = size + "px";
    canvas.width = Math.round(size * dpr);
    canvas.height = Math.round(size * dpr);
    canvas.dataset.size = String(size);
    canvas.dataset.strokes = "0";
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.lineWidth = data.line;
  ctx.strokeStyle = "#111";
  ctx.fillStyle = "#111";
  let last = null;
  const pos = (e) => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * size / r.width, (e.clientY - r.top) * size / r.height];
  };
  const dot = (p) => { ctx.beginPath(); ctx.arc(p[0], p[1], data.line / 2, 0, 2 * Math.PI); ctx.fill(); };
  const segment = (a, b) => { ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke(); };
  const send = () => {
    const small = document.createElement("canvas");
    small.width = out;
    small.height = out;
    const s = small.getContext("2d");
    s.imageSmoothingEnabled = true;
    s.imageSmoothingQuality = "high";
    s.drawImage(canvas, 0, 0, out, out);
    const px = s.getImageData(0, 0, out, out).data;
    const ink = new Array(out * out);
    for (let i = 0; i < out * out; i++) ink[i] = px[4 * i + 3];
    const n = Number(canvas.dataset.strokes || "0") + 1;
    canvas.dataset.strokes = String(n);
    setStateValue("drawing", { w: out, h: out, ink: ink, strokes: n });
  };
  canvas.onpointerdown = (e) => {
    e.preventDefault();
    try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* pointer already gone: draw anyway */ }
    last = pos(e);
    dot(last);
  };
  canvas.onpointermove = (e) => {
    if (!last) return;
    const evs = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of (evs.length ? evs : [e])) {
      const p = pos(ev);
      segment(last, p);
      last = p;
    }
  };
  const end = () => {
    if (!last) return;
    last = null;
    send();
  };
  canvas.onpointerup = end;
  canvas.onpointercancel = end;
  clear.onclick = () => {
    ctx.clearRect(0, 0, size, size);
    canvas.dataset.strokes = "0";
    setStateValue("drawing", null);
  };
}
"""

_CANVAS = st.components.v2.component("lx_draw_canvas", html=HTML, css=CSS, js=JS)


def ink_from_state(value) -> np.ndarray | None:
    """The canvas state {"w", "h", "ink": w*h values 0-255} -> ink (h, w) float32 in [0, 1], or None when
    nothing is drawn. Raises ValueError when the state is malformed (it comes from a browser)."""
    if value is None or value == {}:
        return None
    if not isinstance(value, dict):
        raise ValueError("the canvas sent something that is not a drawing")
    w, h, ink = value.get("w"), value.get("h"), value.get("ink")
    if not (isinstance(w, int) and isinstance(h, int) and 8 <= w <= 512 and 8 <= h <= 512):
        raise ValueError("the canvas sent a drawing of an impossible size")
    if not isinstance(ink, list) or len(ink) != w * h:
        raise ValueError("the canvas sent a drawing with the wrong number of pixels")
    try:
        a = np.asarray(ink, dtype=np.float32).reshape(h, w)
    except (TypeError, ValueError):
        raise ValueError("the canvas sent pixels that are not numbers") from None
    if not np.isfinite(a).all():
        raise ValueError("the canvas sent pixels that are not numbers")
    a = np.clip(a, 0.0, 255.0) / 255.0
    return a if a.max() > 0 else None


def ink_to_rgba(ink) -> np.ndarray:
    """Ink (H, W) in [0, 1] -> an RGBA (H, W, 4) picture (black strokes, ink as opacity), the form
    vae_core.canvas_to_digit expects from a drawing canvas."""
    ink = np.asarray(ink, dtype=np.float32)
    rgba = np.zeros((*ink.shape, 4), dtype=np.float32)
    rgba[..., 3] = ink
    return rgba


def drawing_canvas(key: str, *, clear_label: str, hint: str = "", size: int = 280, out: int = 64,
                   line: float | None = None) -> np.ndarray | None:
    """Show the canvas (size x size CSS pixels, stroke `line` pixels wide, default size/12) and return the
    latest drawing as ink (out, out) in [0, 1], or None when empty. ValueError when the browser sent junk."""
    res = _CANVAS(key=key, data={"size": int(size), "out": int(out), "line": float(line or size / 12),
                                 "clear_label": clear_label, "hint": hint},
                  default={"drawing": None}, on_drawing_change=lambda: None, width=int(size) + 8)
    return ink_from_state(res.get("drawing") if hasattr(res, "get") else None)
