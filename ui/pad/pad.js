// Latent pad, part 2: a 2-D area over [-lim, lim]^2. Every pointer move decodes z with the model's MLP
// decoder right here in the browser (weights from loader.js) and paints the 28 x 28 digit; only on release
// (pointerup, or key up after arrow keys) is z sent to Python, once, with setStateValue.
//
// Test and bench hooks: the root element `.lp-root` carries data-ready, data-z, data-frames,
// data-decode-ms, data-commits, and the property `lastPixels` (Float64Array(784), row-major); the same API
// is in globalThis.__latentPad.pads.get(<python key>): decode(z1, z2, label), stats(), lastPixels(), z(),
// shownZ().

const REG = (globalThis.__latentPad ??= { models: new Map(), waiters: new Map(), pads: new Map(), prefs: new Map() })
const STATE = new WeakMap()
const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }

function whenModel(id) {
  if (REG.models.has(id)) return Promise.resolve(REG.models.get(id))
  if (REG.errors?.has(id)) return Promise.resolve(null)
  return new Promise((resolve) => {
    const list = REG.waiters.get(id) ?? []
    list.push(resolve)
    REG.waiters.set(id, list)
  })
}

// z (and the one-hot label) -> pixel probabilities. Float32 weights, float64 sums (JS numbers), ReLU between
// layers, sigmoid at the end: the same arithmetic as vae_core.export.decode_payload.
function makeDecoder(model) {
  const { sizes, W, b, latent, classes } = model
  const acts = sizes.map((n) => new Float64Array(n))
  const L = W.length
  return function decode(z1, z2, label, out) {
    const x = acts[0]
    x.fill(0)
    x[0] = z1
    x[1] = z2
    if (classes) x[latent + Math.min(Math.max(label | 0, 0), classes - 1)] = 1
    for (let l = 0; l < L; l++) {
      const w = W[l], bias = b[l], nin = sizes[l], nout = sizes[l + 1], inp = acts[l], y = acts[l + 1]
      const last = l === L - 1
      for (let o = 0, base = 0; o < nout; o++, base += nin) {
        let s = bias[o]
        for (let i = 0; i < nin; i++) s += w[base + i] * inp[i]
        y[o] = last ? 1 / (1 + Math.exp(-s)) : s > 0 ? s : 0
      }
    }
    out.set(acts[L])
    return out
  }
}

function fillImage(img, px) {
  const d = img.data
  for (let i = 0, j = 0; i < 784; i++, j += 4) {
    const v = Math.round(Math.min(Math.max(px[i], 0), 1) * 255)   // white ink on black, as MNIST
    d[j] = d[j + 1] = d[j + 2] = v
    d[j + 3] = 255
  }
}

const clamp = (v, lim) => Math.min(Math.max(v, -lim), lim)
const near = (a, b, tol) => Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol

function setup(parentElement) {
  const $ = (sel) => parentElement.querySelector(sel)
  const s = {
    root: $(".lp-root"), pad: $(".lp-pad"), bg: $(".lp-bg"), dot: $(".lp-dot"), ghost: $(".lp-ghost"),
    digit: $(".lp-digit"), readout: $(".lp-z"), toggle: $(".lp-toggle"), hint: $(".lp-hint"),
    legend: $(".lp-legend"), msg: $(".lp-msg"), cls: $(".lp-class"), live: $(".lp-live"),
    z: [0, 0], hover: null, dragging: false, dragId: null, keys: new Set(), keyMoved: false, pending: [],
    lim: 3, label: 0, mode: "scatter", pyMode: null, modelId: null, model: null, decoder: null,
    px: new Float64Array(784), raf: 0, grids: new Map(), bgToken: 0, data: {}, setStateValue: null,
    stats: { frames: 0, decodes: 0, decodeMs: 0, maxDecodeMs: 0, lastDecodeMs: 0, commits: 0 },
  }
  s.ctx = s.digit.getContext("2d")
  s.img = s.ctx.createImageData(28, 28)

  const zAt = (e) => {
    const r = s.pad.getBoundingClientRect()
    const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height
    return [clamp(-s.lim + 2 * s.lim * fx, s.lim), clamp(s.lim - 2 * s.lim * fy, s.lim)]
  }
  const commit = () => {
    // On release the point settles on the sliders' step, so the pad, the sliders and everything Python
    // draws from them show the same z (a step of 0.05 is about 2 pixels on the pad).
    const step = Number(s.data.step) || 0
    if (step > 0) s.z = s.z.map((v) => clamp(Math.round(v / step) * step, s.lim))
    s.schedule()
    const sent = [s.z[0], s.z[1]]
    s.pending.push(sent)                      // every release still on its way back from Python
    if (s.pending.length > 16) s.pending.shift()
    s.announce = true
    s.stats.commits++
    s.root.dataset.commits = String(s.stats.commits)
    s.setStateValue?.("z", { z: sent, at: Date.now() })
  }
  s.schedule = () => { if (!s.raf) s.raf = requestAnimationFrame(() => frame(s)) }

  s.pad.onpointerdown = (e) => {
    if (e.pointerType === "mouse" && e.button !== 0) return
    try { s.pad.setPointerCapture(e.pointerId) } catch { /* synthetic or already-released pointer */ }
    // (no preventDefault: the click itself focuses the pad for the arrow keys, without a focus ring)
    s.dragging = true
    s.dragId = e.pointerId
    s.hover = null
    s.z = zAt(e)
    s.root.dataset.dragging = "1"
    s.schedule()
  }
  s.pad.onpointermove = (e) => {
    if (s.dragging) {
      if (e.pointerId !== s.dragId) return
      s.z = zAt(e)
    } else if (e.pointerType !== "touch") {
      s.hover = zAt(e)                         // a hovering mouse or pen previews what the model draws there
    } else return
    s.schedule()
  }
  const endDrag = (e, withPosition) => {
    if (!s.dragging || e.pointerId !== s.dragId) return
    if (withPosition) s.z = zAt(e)
    s.dragging = false
    s.dragId = null
    s.root.dataset.dragging = "0"
    s.schedule()
    commit()
  }
  s.pad.onpointerup = (e) => endDrag(e, true)
  s.pad.onpointercancel = (e) => endDrag(e, false)
  s.pad.onlostpointercapture = (e) => endDrag(e, false)
  s.pad.onpointerleave = () => { if (!s.dragging && s.hover) { s.hover = null; s.schedule() } }

  s.pad.onkeydown = (e) => {
    const dir = ARROWS[e.key]
    if (!dir && e.key !== "Home") return
    e.preventDefault()
    const step = (e.shiftKey ? 0.5 : 0.05) * (s.lim / 3)
    s.z = dir ? [clamp(s.z[0] + dir[0] * step, s.lim), clamp(s.z[1] + dir[1] * step, s.lim)] : [0, 0]
    s.hover = null
    s.keys.add(e.key)
    s.keyMoved = true
    s.schedule()
  }
  const keyDone = () => { if (s.keyMoved) { s.keyMoved = false; commit() } }
  s.pad.onkeyup = (e) => {
    if (!s.keys.delete(e.key)) return
    if (s.keys.size === 0) keyDone()
  }
  s.pad.onblur = () => { s.keys.clear(); keyDone() }

  s.toggle.onclick = (e) => {
    const btn = e.target.closest("button[data-mode]")
    if (!btn || btn.dataset.mode === s.mode) return
    s.mode = btn.dataset.mode
    REG.prefs.set(`${s.data.key}:${s.pyMode}`, s.mode)
    drawBackground(s)
    updateChrome(s)
  }

  s.resize = new ResizeObserver(() => drawBackground(s))
  s.resize.observe(s.pad)
  s.api = {
    decode: (z1, z2, label) => {
      if (!s.decoder) return null
      return Array.from(s.decoder(z1, z2, label ?? s.label, new Float64Array(784)))
    },
    lastPixels: () => Array.from(s.px),
    timeDecodes: (n) => {                     // mean ms per decode over n decodes at different z (bench)
      if (!s.decoder) return null
      const out = new Float64Array(784), t0 = performance.now()
      for (let i = 0; i < n; i++) s.decoder(s.lim * Math.sin(i * 0.37), s.lim * Math.cos(i * 0.23), s.label, out)
      return (performance.now() - t0) / n
    },
    z: () => [s.z[0], s.z[1]],                // the pad's point
    shownZ: () => (s.shown ? [s.shown[0], s.shown[1]] : null),   // where the digit on screen was decoded
    stats: () => ({ ...s.stats, ready: !!s.decoder, dtype: s.model?.dtype, bytes: s.model?.bytes }),
    resetStats: () => Object.assign(s.stats, { frames: 0, decodes: 0, decodeMs: 0, maxDecodeMs: 0 }),
  }
  s.root.latentPad = s.api
  return s
}

function frame(s) {
  s.raf = 0
  if (!s.decoder) return
  const z = s.hover ?? s.z
  s.shown = [z[0], z[1]]
  const t0 = performance.now()
  s.decoder(z[0], z[1], s.label, s.px)
  const ms = performance.now() - t0
  const st = s.stats
  st.decodes++
  st.decodeMs += ms
  st.lastDecodeMs = ms
  if (ms > st.maxDecodeMs) st.maxDecodeMs = ms
  fillImage(s.img, s.px)
  s.ctx.putImageData(s.img, 0, 0)
  st.frames++
  placeMarker(s, s.dot, s.z)
  s.ghost.hidden = !s.hover
  if (s.hover) placeMarker(s, s.ghost, s.hover)
  const fmt = (v) => {
    const r = Math.round(v * 100) / 100
    return (r < 0 ? "\u2212" : "") + Math.abs(r).toFixed(2).replace(".", s.data.strings?.decimal ?? ".")
  }
  const text = (s.data.strings?.readout ?? "z\u2081 = {z1}, z\u2082 = {z2}")
    .replace("{z1}", fmt(z[0])).replace("{z2}", fmt(z[1]))
  if (s.readout.textContent !== text) s.readout.textContent = text
  s.root.lastPixels = s.px
  const ds = s.root.dataset
  ds.z = `${z[0]},${z[1]}`
  ds.frames = String(st.frames)
  ds.decodeMs = (st.decodeMs / st.decodes).toFixed(3)
  ds.ready = "1"
  if (s.announce && !s.dragging && !s.keys.size) {
    s.live.textContent = text                 // screen readers hear where the point settled
    s.announce = false
  }
}

function placeMarker(s, el, z) {
  const w = s.pad.clientWidth, h = s.pad.clientHeight
  const x = ((z[0] + s.lim) / (2 * s.lim)) * w, y = ((s.lim - z[1]) / (2 * s.lim)) * h
  el.style.transform = `translate(${x}px, ${y}px)`
}

function css(s, name, fallback) {
  const v = getComputedStyle(s.root).getPropertyValue(name).trim()
  return v || fallback
}

// The background: faint dots of encoded test digits, or the decoded manifold grid (computed here, in
// slices of ~8 ms so the page stays responsive), with the axes on top.
function drawBackground(s) {
  const c = s.bg, dpr = window.devicePixelRatio || 1
  const w = Math.max(1, Math.round(s.pad.clientWidth * dpr)), h = Math.max(1, Math.round(s.pad.clientHeight * dpr))
  if (c.width !== w || c.height !== h) { c.width = w; c.height = h }
  const ctx = c.getContext("2d")
  const lim = s.lim
  const X = (v) => ((v + lim) / (2 * lim)) * w, Y = (v) => ((lim - v) / (2 * lim)) * h
  ctx.clearRect(0, 0, w, h)
  const token = ++s.bgToken
  const grid = s.mode === "grid" && s.decoder ? gridCanvas(s, token) : null
  if (grid) {
    ctx.fillStyle = "#000"
    ctx.fillRect(0, 0, w, h)
    ctx.imageSmoothingEnabled = true
    ctx.imageSmoothingQuality = "high"
    ctx.globalAlpha = 0.8
    ctx.drawImage(grid, 0, 0, w, h)
    ctx.globalAlpha = 1
  } else {
    ctx.fillStyle = css(s, "--st-secondary-background-color", "#f0f2f6")
    ctx.fillRect(0, 0, w, h)
  }
  ctx.lineWidth = dpr
  if (!grid) {                                // unit grid lines (the decoded grid has its own tiles)
    ctx.strokeStyle = "rgba(49,51,63,0.10)"
    ctx.beginPath()
    for (let v = Math.ceil(-lim); v <= Math.floor(lim); v++) {
      if (v === 0) continue
      ctx.moveTo(Math.round(X(v)) + 0.5, 0); ctx.lineTo(Math.round(X(v)) + 0.5, h)
      ctx.moveTo(0, Math.round(Y(v)) + 0.5); ctx.lineTo(w, Math.round(Y(v)) + 0.5)
    }
    ctx.stroke()
  }
  if (!grid && s.model) {
    const { n, xy, labels } = s.model.points
    const colors = s.data.colors ?? []
    const r = 1.7 * dpr
    ctx.globalAlpha = 0.45
    for (let k = 0; k < Math.max(colors.length, 1); k++) {
      ctx.fillStyle = colors[k] ?? "#888"
      ctx.beginPath()
      for (let i = 0; i < n; i++) {
        if (labels[i] !== k) continue
        const x = X(xy[2 * i]), y = Y(xy[2 * i + 1])
        ctx.moveTo(x + r, y)
        ctx.arc(x, y, r, 0, 2 * Math.PI)
      }
      ctx.fill()
    }
    ctx.globalAlpha = 1
  }
  ctx.strokeStyle = grid ? "rgba(255,255,255,0.45)" : "rgba(49,51,63,0.35)"
  ctx.beginPath()
  ctx.moveTo(Math.round(X(0)) + 0.5, 0); ctx.lineTo(Math.round(X(0)) + 0.5, h)
  ctx.moveTo(0, Math.round(Y(0)) + 0.5); ctx.lineTo(w, Math.round(Y(0)) + 0.5)
  ctx.stroke()
  ctx.fillStyle = grid ? "rgba(255,255,255,0.85)" : css(s, "--st-text-color", "#31333f")
  ctx.font = `${11 * dpr}px ${css(s, "--st-font", "sans-serif")}`
  ctx.textBaseline = "bottom"
  ctx.textAlign = "right"
  ctx.fillText("z\u2081", w - 4 * dpr, Y(0) - 2 * dpr)
  ctx.textAlign = "left"
  ctx.textBaseline = "top"
  ctx.fillText("z\u2082", X(0) + 4 * dpr, 3 * dpr)
  ctx.textBaseline = "bottom"
  const f = (v) => (v < 0 ? "\u2212" : "") + Math.abs(v)
  ctx.fillText(f(-lim), 3 * dpr, h - 2 * dpr)
  ctx.textAlign = "right"
  ctx.fillText(f(lim), w - 3 * dpr, h - 2 * dpr)
  ctx.textBaseline = "top"
  ctx.textAlign = "left"
  ctx.fillText(f(lim), 3 * dpr, 3 * dpr)
}

// The manifold grid for the current model, label and range: n x n decoded tiles, tile centres at the cell
// centres, so each tile sits exactly over the region of the pad it was decoded from. Built in slices.
function gridCanvas(s, token) {
  const n = Math.min(20, Math.max(8, Math.round(s.pad.clientWidth / 24)))
  const key = `${s.modelId}|${s.label}|${s.lim}|${n}`
  let g = s.grids.get(key)
  if (g?.done) return g.canvas
  if (!g) {
    const canvas = document.createElement("canvas")
    canvas.width = canvas.height = 28 * n
    g = { canvas, next: 0, done: false }
    if (s.grids.size > 6) s.grids.delete(s.grids.keys().next().value)
    s.grids.set(key, g)
  }
  const decoder = makeDecoder(s.model)     // its own buffers: the drag keeps decoding in between slices
  const px = new Float64Array(784), tctx = g.canvas.getContext("2d"), img = tctx.createImageData(28, 28)
  const step = () => {
    if (s.grids.get(key) !== g || token !== s.bgToken) return
    const t0 = performance.now()
    while (g.next < n * n && performance.now() - t0 < 8) {
      const r = Math.floor(g.next / n), c = g.next % n
      decoder(-s.lim + ((c + 0.5) * 2 * s.lim) / n, s.lim - ((r + 0.5) * 2 * s.lim) / n, s.label, px)
      fillImage(img, px)
      tctx.putImageData(img, 28 * c, 28 * r)
      g.next++
    }
    if (g.next >= n * n) { g.done = true; drawBackground(s) } else requestAnimationFrame(step)
  }
  requestAnimationFrame(step)
  return g.canvas                           // partially filled; redrawn when complete
}

function updateChrome(s) {
  const str = s.data.strings ?? {}
  s.pad.setAttribute("aria-label", str.aria ?? "")
  s.pad.setAttribute("aria-roledescription", str.roledesc ?? "")
  s.digit.setAttribute("aria-label", str.digit ?? "")
  s.hint.textContent = str.hint ?? ""
  for (const btn of s.toggle.querySelectorAll("button[data-mode]")) {
    btn.textContent = str[`bg_${btn.dataset.mode}`] ?? btn.dataset.mode
    btn.setAttribute("aria-pressed", String(btn.dataset.mode === s.mode))
  }
  s.toggle.setAttribute("aria-label", str.bg_label ?? "")
  const names = s.data.classes ?? [], colors = s.data.colors ?? []
  const showLegend = s.mode === "scatter" && names.length > 0 && (s.model?.points.n ?? 0) > 0
  s.legend.style.visibility = showLegend ? "visible" : "hidden"   // keeps its row: nothing below jumps
  s.legend.hidden = !(names.length > 0 && (s.model?.points.n ?? 0) > 0)
  if (names.length && s.legend.dataset.names !== names.join("|") + colors.join()) {
    s.legend.replaceChildren(...names.map((name, i) => {
      const item = document.createElement("span")
      const sw = document.createElement("i")
      sw.style.background = colors[i] ?? "#888"
      item.append(sw, document.createTextNode(name))
      return item
    }))
    s.legend.dataset.names = names.join("|") + colors.join()
  }
  s.cls.hidden = s.data.label == null
  const className = names[s.data.label] ?? String(s.data.label)
  s.cls.textContent = s.data.label == null ? "" : (str.class ?? "{name}").replace("{name}", className)
  s.root.dataset.mode = s.mode
  s.root.style.setProperty("--lp-side", `${s.data.side ?? 300}px`)
}

function update(s, data) {
  const prev = s.data
  s.data = data ?? {}
  const lim = Number(s.data.lim) || 3
  const label = s.data.label ?? 0
  let redraw = lim !== s.lim || label !== s.label || prev.colors?.join() !== s.data.colors?.join()
  s.lim = lim
  s.label = label
  if (s.data.background !== s.pyMode) {
    s.pyMode = s.data.background
    s.mode = REG.prefs.get(`${s.data.key}:${s.pyMode}`) ?? s.pyMode ?? "scatter"
    redraw = true
  }
  // Python's z (the sliders): follow it unless the user is moving the point, or it is one of our own
  // releases coming back rounded to the sliders' step. That includes an older release whose run ends after a
  // newer click (a busy server): it must not pull the point back to where it was.
  // Only a change of Python's value moves the point, so an unrelated rerun does not snap it to the step.
  const pz = Array.isArray(s.data.z) ? [clamp(+s.data.z[0] || 0, lim), clamp(+s.data.z[1] || 0, lim)] : null
  const prevPz = s.lastPz
  s.lastPz = pz
  if (pz && !s.dragging && !s.keys.size) {
    const i = s.pending.findIndex((p) => near(pz, [clamp(p[0], lim), clamp(p[1], lim)], 0.0251))
    const changed = !prevPz || !near(pz, prevPz, 1e-9)
    if (changed && i < 0) {                   // a slider or button moved it: runs come back in order, so no
      s.z = pz                                // older release of ours is still to come
      s.pending.length = 0
    }
    if (i >= 0) s.pending.splice(0, i + 1)    // this one and every older one have come back (or never will)
  }
  s.z = [clamp(s.z[0], lim), clamp(s.z[1], lim)]
  if (s.data.key) REG.pads.set(s.data.key, s.api)
  if (s.data.model !== s.modelId) {
    s.modelId = s.data.model
    s.model = s.decoder = null
    s.root.dataset.ready = "0"
    s.msg.textContent = s.data.strings?.loading ?? ""
    s.msg.hidden = false
    const id = s.modelId
    whenModel(id).then((m) => {
      if (s.modelId !== id) return
      if (!m) {
        s.msg.textContent = s.data.strings?.failed ?? ""
        s.root.dataset.ready = "error"
        return
      }
      s.model = m
      s.decoder = makeDecoder(m)
      s.msg.hidden = true
      drawBackground(s)
      updateChrome(s)
      s.schedule()
    })
  } else if (redraw) {
    drawBackground(s)
  }
  updateChrome(s)
  s.schedule()
}

export default function (component) {
  const { data, parentElement, setStateValue } = component
  let s = STATE.get(parentElement)
  if (!s) {
    s = setup(parentElement)
    STATE.set(parentElement, s)
  }
  s.setStateValue = setStateValue
  update(s, data)
  return () => {
    cancelAnimationFrame(s.raf)
    s.resize.disconnect()
    s.bgToken++
    if (REG.pads.get(s.data.key) === s.api) REG.pads.delete(s.data.key)
    STATE.delete(parentElement)
  }
}
