// Latent pad, part 2: a 2-D area over [-lim, lim]^2. Every pointer move decodes z with the model's MLP
// decoder right here in the browser (weights from loader.js) and paints the 28 x 28 digit; only on release
// (pointerup, or key up after arrow keys) is z sent to Python, once, with setStateValue.
//
// REG and whenModel come from registry.js, which ui/pad.py puts in front of this file.
//
// Test and bench hooks, on when Python sends `hooks: true` (ui/pad.py, one flag): the root element `.lp-root`
// carries data-ready, data-z, data-frames, data-decode-ms, data-commits, data-dragging, data-mode and the
// property `lastPixels` (Float64Array(784), row-major); the same API is in
// globalThis.__latentPad.pads.get(<python key>): decode(z1, z2, label), stats(), resetStats(),
// timeDecodes(n), lastPixels(), z(), shownZ().

const STATE = new WeakMap()                   // parentElement -> its Pad, across Streamlit's reruns
const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }

const clamp = (v, lim) => Math.min(Math.max(v, -lim), lim)
const near = (a, b, tol) => Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol

// How far the page is scrolled above `el` (its own shadow host's ancestors included): Streamlit scrolls its
// main block, not the window.
function scrolled(el) {
  let total = window.scrollY
  for (let e = el.getRootNode().host ?? el; e; e = e.parentElement) total += e.scrollTop
  return total
}

// ------------------------------------------------------------------------------------------- the decoder

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

// ------------------------------------------------------------------------- the background, layer by layer
// A view maps latent coordinates to the background canvas's device pixels.

function canvasView(canvas, box, lim) {
  const dpr = window.devicePixelRatio || 1
  const w = Math.max(1, Math.round(box.clientWidth * dpr)), h = Math.max(1, Math.round(box.clientHeight * dpr))
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h }
  return {
    ctx: canvas.getContext("2d"), w, h, dpr, lim,
    X: (v) => ((v + lim) / (2 * lim)) * w,
    Y: (v) => ((lim - v) / (2 * lim)) * h,
  }
}

// The decoded manifold grid, dimmed a little so the point and the axes stay visible over it.
function paintGrid({ ctx, w, h }, grid) {
  ctx.fillStyle = "#000"
  ctx.fillRect(0, 0, w, h)
  ctx.imageSmoothingEnabled = true
  ctx.imageSmoothingQuality = "high"
  ctx.globalAlpha = 0.8
  ctx.drawImage(grid, 0, 0, w, h)
  ctx.globalAlpha = 1
}

// A plain background with faint lines at every whole unit (the decoded grid has its own tiles instead).
function paintPlain({ ctx, w, h, dpr, lim, X, Y }, color) {
  ctx.fillStyle = color
  ctx.fillRect(0, 0, w, h)
  ctx.lineWidth = dpr
  ctx.strokeStyle = "rgba(49,51,63,0.10)"
  ctx.beginPath()
  for (let v = Math.ceil(-lim); v <= Math.floor(lim); v++) {
    if (v === 0) continue
    ctx.moveTo(Math.round(X(v)) + 0.5, 0); ctx.lineTo(Math.round(X(v)) + 0.5, h)
    ctx.moveTo(0, Math.round(Y(v)) + 0.5); ctx.lineTo(w, Math.round(Y(v)) + 0.5)
  }
  ctx.stroke()
}

// The encoded test digits as faint dots, one colour per class (one path per class: fast to fill).
function paintDots({ ctx, w, dpr, X, Y }, { n, xy, labels }, colors) {
  const r = Math.max(1.7, w / dpr / 260) * dpr      // a little larger on a large pad, to be seen from afar
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

// The two axes through the origin, their names and the range at the corners.
function paintAxes({ ctx, w, h, dpr, lim, X, Y }, { dark, color, font }) {
  ctx.lineWidth = dpr
  ctx.strokeStyle = dark ? "rgba(255,255,255,0.45)" : "rgba(49,51,63,0.35)"
  ctx.beginPath()
  ctx.moveTo(Math.round(X(0)) + 0.5, 0); ctx.lineTo(Math.round(X(0)) + 0.5, h)
  ctx.moveTo(0, Math.round(Y(0)) + 0.5); ctx.lineTo(w, Math.round(Y(0)) + 0.5)
  ctx.stroke()
  ctx.fillStyle = dark ? "rgba(255,255,255,0.85)" : color
  ctx.font = `${Math.round(Math.min(Math.max(11, w / dpr / 28), 22) * dpr)}px ${font}`
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

// ------------------------------------------------------------------------------------------------ the pad

class Pad {
  constructor(parentElement) {
    const $ = (sel) => parentElement.querySelector(sel)
    this.el = {
      root: $(".lp-root"), row: $(".lp-row"), caption: $(".lp-caption"), bar: $(".lp-bar"), pad: $(".lp-pad"), bg: $(".lp-bg"), dot: $(".lp-dot"), ghost: $(".lp-ghost"),
      digit: $(".lp-digit"), readout: $(".lp-z"), cls: $(".lp-class"), toggle: $(".lp-toggle"),
      hint: $(".lp-hint"), legend: $(".lp-legend"), msg: $(".lp-msg"), live: $(".lp-live"),
    }
    this.ctx = this.el.digit.getContext("2d")
    this.img = this.ctx.createImageData(28, 28)
    this.px = new Float64Array(784)           // the digit on screen
    this.data = {}                            // this run's data from Python
    this.send = null                          // setStateValue
    // where the point is, and what the user is doing with it
    this.z = [0, 0]
    this.shown = null                         // where the digit on screen was decoded
    this.hover = null                         // a hovering mouse's z: previewed, not committed
    this.dragId = null                        // the pointer that drags the point, or null
    this.keys = new Set()                     // arrow keys held down
    this.keyMoved = false
    this.pending = []                         // our releases not yet come back from Python
    this.announce = false
    this.lastPz = null                        // Python's z on the previous run
    // what is drawn
    this.lim = 3
    this.label = 0
    this.mode = "scatter"                     // the background shown: "scatter" or "grid"
    this.pyMode = null                        // the background Python asked for
    this.modelId = null
    this.model = null
    this.decoder = null
    this.raf = 0
    this.grids = new Map()                    // decoded manifold grids by model|label|range|size
    this.bgToken = 0                          // bumps on every background draw: stale grid slices stop
    this.hooks = false
    this.stats = { frames: 0, decodes: 0, decodeMs: 0, maxDecodeMs: 0, lastDecodeMs: 0, commits: 0 }
    this.listen()
    this.resize = new ResizeObserver(() => { this.drawBackground(); this.schedule() })   // markers move too
    this.resize.observe(this.el.pad)
    this.refit = new ResizeObserver(() => this.fit())
    this.refit.observe(this.el.root)
    this.onWindowResize = () => this.fit()
    window.addEventListener("resize", this.onWindowResize)
    this.api = this.testApi()
  }

  get dragging() { return this.dragId !== null }

  // -------------------------------------------------------------------------------------- input

  zAt(e) {
    const r = this.el.pad.getBoundingClientRect()
    const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height
    return [clamp(-this.lim + 2 * this.lim * fx, this.lim), clamp(this.lim - 2 * this.lim * fy, this.lim)]
  }

  listen() {
    const pad = this.el.pad
    pad.onpointerdown = (e) => this.pointerDown(e)
    pad.onpointermove = (e) => this.pointerMove(e)
    pad.onpointerup = (e) => this.endDrag(e, true)
    pad.onpointercancel = (e) => this.endDrag(e, false)
    pad.onlostpointercapture = (e) => this.endDrag(e, false)
    pad.onpointerleave = () => { if (!this.dragging && this.hover) { this.hover = null; this.schedule() } }
    pad.onkeydown = (e) => this.keyDown(e)
    pad.onkeyup = (e) => { if (this.keys.delete(e.key) && this.keys.size === 0) this.keysDone() }
    pad.onblur = () => { this.keys.clear(); this.keysDone() }
    this.el.toggle.onclick = (e) => this.chooseBackground(e.target.closest("button[data-mode]"))
  }

  pointerDown(e) {
    if (e.pointerType === "mouse" && e.button !== 0) return
    try { this.el.pad.setPointerCapture(e.pointerId) } catch { /* synthetic or already-released pointer */ }
    // (no preventDefault: the click itself focuses the pad for the arrow keys, without a focus ring)
    this.dragId = e.pointerId
    this.hover = null
    this.z = this.zAt(e)
    this.report({ dragging: "1" })
    this.schedule()
  }

  pointerMove(e) {
    if (this.dragging) {
      if (e.pointerId !== this.dragId) return
      this.z = this.zAt(e)
    } else if (e.pointerType !== "touch") {
      this.hover = this.zAt(e)                // a hovering mouse or pen previews what the model draws there
    } else return
    this.schedule()
  }

  endDrag(e, withPosition) {
    if (!this.dragging || e.pointerId !== this.dragId) return
    if (withPosition) this.z = this.zAt(e)
    this.dragId = null
    this.report({ dragging: "0" })
    this.schedule()
    this.commit()
  }

  keyDown(e) {
    const dir = ARROWS[e.key]
    if (!dir && e.key !== "Home") return
    e.preventDefault()
    const step = (e.shiftKey ? 0.5 : 0.05) * (this.lim / 3)
    this.z = dir ? [clamp(this.z[0] + dir[0] * step, this.lim), clamp(this.z[1] + dir[1] * step, this.lim)]
      : [0, 0]
    this.hover = null
    this.keys.add(e.key)
    this.keyMoved = true
    this.schedule()
  }

  keysDone() {
    if (this.keyMoved) { this.keyMoved = false; this.commit() }
  }

  chooseBackground(btn) {
    if (!btn || btn.dataset.mode === this.mode) return
    this.mode = btn.dataset.mode
    REG.prefs.set(`${this.data.key}:${this.pyMode}`, this.mode)
    this.drawBackground()
    this.updateChrome()
  }

  // The release: the point settles on the sliders' step, so the pad, the sliders and everything Python
  // draws from them show the same z (a step of 0.05 is about 2 pixels on the pad), and goes to Python once.
  commit() {
    const step = Number(this.data.step) || 0
    if (step > 0) this.z = this.z.map((v) => clamp(Math.round(v / step) * step, this.lim))
    this.schedule()
    const sent = [this.z[0], this.z[1]]
    this.pending.push(sent)                   // every release still on its way back from Python
    if (this.pending.length > 16) this.pending.shift()
    this.announce = true
    this.stats.commits++
    this.report({ commits: String(this.stats.commits) })
    this.send?.("z", { z: sent, at: Date.now() })
  }

  // -------------------------------------------------------------------------------------- drawing

  schedule() {
    if (!this.raf) this.raf = requestAnimationFrame(() => this.frame())
  }

  // One animation frame: decode the point (or the hover preview), paint the digit, move the markers.
  frame() {
    this.raf = 0
    if (!this.decoder) return
    const z = this.hover ?? this.z
    this.shown = [z[0], z[1]]
    const t0 = performance.now()
    this.decoder(z[0], z[1], this.label, this.px)
    const ms = performance.now() - t0
    const st = this.stats
    st.decodes++
    st.decodeMs += ms
    st.lastDecodeMs = ms
    if (ms > st.maxDecodeMs) st.maxDecodeMs = ms
    fillImage(this.img, this.px)
    this.ctx.putImageData(this.img, 0, 0)
    st.frames++
    this.placeMarker(this.el.dot, this.z)
    this.el.ghost.hidden = !this.hover
    if (this.hover) this.placeMarker(this.el.ghost, this.hover)
    const text = this.readout(z)
    if (this.el.readout.textContent !== text) this.el.readout.textContent = text
    if (this.announce && !this.dragging && !this.keys.size) {
      this.el.live.textContent = text         // screen readers hear where the point settled
      this.announce = false
    }
    if (this.hooks) {
      this.el.root.lastPixels = this.px
      this.report({ z: `${z[0]},${z[1]}`, frames: String(st.frames),
                    decodeMs: (st.decodeMs / st.decodes).toFixed(3), ready: "1" })
    }
  }

  readout(z) {
    const words = this.data.strings ?? {}
    const fmt = (v) => {
      const r = Math.round(v * 100) / 100
      return (r < 0 ? "\u2212" : "") + Math.abs(r).toFixed(2).replace(".", words.decimal ?? ".")
    }
    return (words.readout ?? "z\u2081 = {z1}, z\u2082 = {z2}").replace("{z1}", fmt(z[0])).replace("{z2}", fmt(z[1]))
  }

  placeMarker(el, z) {
    const w = this.el.pad.clientWidth, h = this.el.pad.clientHeight
    const x = ((z[0] + this.lim) / (2 * this.lim)) * w, y = ((this.lim - z[1]) / (2 * this.lim)) * h
    el.style.transform = `translate(${x}px, ${y}px)`
  }

  css(name, fallback) {
    const v = getComputedStyle(this.el.root).getPropertyValue(name).trim()
    return v || fallback
  }

  // The background: faint dots of encoded test digits, or the decoded manifold grid; the axes on top.
  drawBackground() {
    const view = canvasView(this.el.bg, this.el.pad, this.lim)
    view.ctx.clearRect(0, 0, view.w, view.h)
    const token = ++this.bgToken
    const grid = this.mode === "grid" && this.decoder ? this.gridCanvas(token) : null
    if (grid) {
      paintGrid(view, grid)
    } else {
      paintPlain(view, this.css("--st-secondary-background-color", "#f0f2f6"))
      if (this.model) paintDots(view, this.model.points, this.data.colors ?? [])
    }
    paintAxes(view, { dark: !!grid, color: this.css("--st-text-color", "#31333f"),
                      font: this.css("--st-font", "sans-serif") })
  }

  // The manifold grid for the current model, label and range: n x n decoded tiles, tile centres at the cell
  // centres, so each tile sits exactly over the region of the pad it was decoded from. Decoded in slices of
  // ~8 ms so the page stays responsive; returned partly filled, and the background is redrawn when done.
  gridCanvas(token) {
    const n = Math.min(20, Math.max(8, Math.round(this.el.pad.clientWidth / 24)))
    const key = `${this.modelId}|${this.label}|${this.lim}|${n}`
    let g = this.grids.get(key)
    if (g?.done) return g.canvas
    if (!g) {
      const canvas = document.createElement("canvas")
      canvas.width = canvas.height = 28 * n
      g = { canvas, next: 0, done: false }
      if (this.grids.size > 6) this.grids.delete(this.grids.keys().next().value)
      this.grids.set(key, g)
    }
    const decoder = makeDecoder(this.model)   // its own buffers: the drag keeps decoding in between slices
    const px = new Float64Array(784), tctx = g.canvas.getContext("2d"), img = tctx.createImageData(28, 28)
    const lim = this.lim, label = this.label
    const step = () => {
      if (this.grids.get(key) !== g || token !== this.bgToken) return
      const t0 = performance.now()
      while (g.next < n * n && performance.now() - t0 < 8) {
        const r = Math.floor(g.next / n), c = g.next % n
        decoder(-lim + ((c + 0.5) * 2 * lim) / n, lim - ((r + 0.5) * 2 * lim) / n, label, px)
        fillImage(img, px)
        tctx.putImageData(img, 28 * c, 28 * r)
        g.next++
      }
      if (g.next >= n * n) { g.done = true; this.drawBackground() } else requestAnimationFrame(step)
    }
    requestAnimationFrame(step)
    return g.canvas
  }

  // Words, the background toggle, the class legend and the size: everything but the canvases.
  updateChrome() {
    const { root, pad, digit, hint, toggle, legend, cls } = this.el
    const words = this.data.strings ?? {}
    pad.setAttribute("aria-label", words.aria ?? "")
    pad.setAttribute("aria-roledescription", words.roledesc ?? "")
    digit.setAttribute("aria-label", words.digit ?? "")
    const touch = window.matchMedia?.("(hover: none)").matches    // a phone: no hover, no arrow keys
    hint.textContent = (touch ? words.hint_touch : words.hint) ?? ""
    for (const btn of toggle.querySelectorAll("button[data-mode]")) {
      btn.textContent = words[`bg_${btn.dataset.mode}`] ?? btn.dataset.mode
      btn.setAttribute("aria-pressed", String(btn.dataset.mode === this.mode))
    }
    toggle.setAttribute("aria-label", words.bg_label ?? "")
    const names = this.data.classes ?? [], colors = this.data.colors ?? []
    const hasPoints = names.length > 0 && (this.model?.points.n ?? 0) > 0
    legend.style.visibility = hasPoints && this.mode === "scatter" ? "visible" : "hidden"   // keeps its row
    legend.hidden = !hasPoints
    const legendKey = names.join("|") + colors.join()
    if (names.length && legend.dataset.names !== legendKey) {
      legend.replaceChildren(...names.map((name, i) => {
        const item = document.createElement("span")
        const sw = document.createElement("i")
        sw.style.background = colors[i] ?? "#888"
        item.append(sw, document.createTextNode(name))
        return item
      }))
      legend.dataset.names = legendKey
    }
    cls.hidden = this.data.label == null
    const className = names[this.data.label] ?? String(this.data.label)
    cls.textContent = this.data.label == null ? "" : (words.class ?? "{name}").replace("{name}", className)
    this.report({ mode: this.mode })
    this.fit()
  }

  // The side of the pad and of the digit. Fixed (Python's `side`), or in fit mode the largest that fills the
  // space the page gives: the container's width, side by side, and the viewport's height below the pad's top
  // less the readout and the class legend under them, which must stay in view with them (at 150 % zoom with
  // the sidebar open the legend wraps to a second line). On a narrow portrait screen (a phone) the two stack,
  // each the container's width. Nothing it sets changes the inputs it reads (the readout's and the legend's
  // rows are as wide as the container), so the ResizeObserver that calls it settles at once.
  fit() {
    const { root, row, caption, legend } = this.el
    const fit = !!this.data.fit
    root.classList.toggle("lp-fit", fit)
    let side = Number(this.data.side) || 300, stacked = false
    const W = root.clientWidth
    if (fit && W > 0) {
      const vw = window.innerWidth, vh = window.innerHeight
      const gap = parseFloat(getComputedStyle(row).columnGap) || 16
      stacked = W < 560 && vh > 1.3 * vw
      const rowBox = row.getBoundingClientRect()
      const last = legend.hidden ? caption : legend            // the legend keeps its row in grid mode
      const below = Math.max(caption.getBoundingClientRect().bottom, last.getBoundingClientRect().bottom)
        - rowBox.bottom + 12
      const available = vh - (rowBox.top + scrolled(root)) - below       // as if the page were at its top
      const byWidth = stacked ? W : (W - gap) / 2
      side = stacked ? Math.min(W, 0.85 * vh) : Math.min(byWidth, Math.max(available, Math.min(byWidth, 160)))
    }
    side = Math.max(1, Math.floor(side))
    root.classList.toggle("lp-stacked", stacked)
    if (root.style.getPropertyValue("--lp-side") !== `${side}px`) root.style.setProperty("--lp-side", `${side}px`)
  }

  // -------------------------------------------------------------------------------------- each run

  update(data) {
    const prev = this.data
    this.data = data ?? {}
    this.hooks = !!this.data.hooks
    const lim = Number(this.data.lim) || 3
    const label = this.data.label ?? 0
    let redraw = lim !== this.lim || label !== this.label || prev.colors?.join() !== this.data.colors?.join()
    this.lim = lim
    this.label = label
    if (this.data.background !== this.pyMode) {
      this.pyMode = this.data.background
      this.mode = REG.prefs.get(`${this.data.key}:${this.pyMode}`) ?? this.pyMode ?? "scatter"
      redraw = true
    }
    this.followPython()
    if (this.hooks && this.data.key) REG.pads.set(this.data.key, this.api)
    if (this.data.model !== this.modelId) this.loadModel(this.data.model)
    else if (redraw) this.drawBackground()
    this.updateChrome()
    this.schedule()
  }

  // Python's z (the sliders): follow it unless the user is moving the point, or it is one of our own
  // releases coming back rounded to the sliders' step. That includes an older release whose run ends after a
  // newer click (a busy server): it must not pull the point back to where it was.
  // Only a change of Python's value moves the point, so an unrelated rerun does not snap it to the step.
  followPython() {
    const lim = this.lim, z = this.data.z
    const pz = Array.isArray(z) ? [clamp(+z[0] || 0, lim), clamp(+z[1] || 0, lim)] : null
    const prevPz = this.lastPz
    this.lastPz = pz
    if (pz && !this.dragging && !this.keys.size) {
      const i = this.pending.findIndex((p) => near(pz, [clamp(p[0], lim), clamp(p[1], lim)], 0.0251))
      const changed = !prevPz || !near(pz, prevPz, 1e-9)
      if (changed && i < 0) {                 // a slider or button moved it: runs come back in order, so no
        this.z = pz                           // older release of ours is still to come
        this.pending.length = 0
      }
      if (i >= 0) this.pending.splice(0, i + 1)   // this one and every older one have come back (or never will)
    }
    this.z = [clamp(this.z[0], lim), clamp(this.z[1], lim)]
  }

  loadModel(id) {
    this.modelId = id
    this.model = this.decoder = null
    this.report({ ready: "0" })
    this.el.msg.textContent = this.data.strings?.loading ?? ""
    this.el.msg.hidden = false
    whenModel(id).then((m) => {
      if (this.modelId !== id) return
      if (!m) {
        this.el.msg.textContent = this.data.strings?.failed ?? ""
        this.report({ ready: "error" })
        return
      }
      this.model = m
      this.decoder = makeDecoder(m)
      this.el.msg.hidden = true
      this.drawBackground()
      this.updateChrome()
      this.schedule()
    })
  }

  destroy() {
    cancelAnimationFrame(this.raf)
    this.resize.disconnect()
    this.refit.disconnect()
    window.removeEventListener("resize", this.onWindowResize)
    this.bgToken++
    if (REG.pads.get(this.data.key) === this.api) REG.pads.delete(this.data.key)
  }

  // -------------------------------------------------------------------------------------- hooks

  report(fields) {                            // data-* attributes for tests and benches
    if (this.hooks) Object.assign(this.el.root.dataset, fields)
  }

  testApi() {
    const api = {
      decode: (z1, z2, label) => {
        if (!this.decoder) return null
        return Array.from(this.decoder(z1, z2, label ?? this.label, new Float64Array(784)))
      },
      lastPixels: () => Array.from(this.px),
      timeDecodes: (n) => {                   // mean ms per decode over n decodes at different z (bench)
        if (!this.decoder) return null
        const out = new Float64Array(784), t0 = performance.now()
        for (let i = 0; i < n; i++) {
          this.decoder(this.lim * Math.sin(i * 0.37), this.lim * Math.cos(i * 0.23), this.label, out)
        }
        return (performance.now() - t0) / n
      },
      z: () => [this.z[0], this.z[1]],        // the pad's point
      shownZ: () => (this.shown ? [this.shown[0], this.shown[1]] : null),
      stats: () => ({ ...this.stats, ready: !!this.decoder, dtype: this.model?.dtype, bytes: this.model?.bytes }),
      resetStats: () => Object.assign(this.stats, { frames: 0, decodes: 0, decodeMs: 0, maxDecodeMs: 0 }),
    }
    return api
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component
  let pad = STATE.get(parentElement)
  if (!pad) {
    pad = new Pad(parentElement)
    STATE.set(parentElement, pad)
  }
  pad.send = setStateValue
  pad.update(data)
  return () => {
    pad.destroy()
    STATE.delete(parentElement)
  }
}
