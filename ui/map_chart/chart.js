// The Latent map's scatter: a Plotly figure (built by plotly.py in ui/charts.py) drawn by plotly.js's gl2d
// bundle, which the page loads once from the app's static files (static/vendor/). A box or lasso selection is
// sent to Python as the selected points' test-set indices (their customdata), once per selection.
//
// Test hooks: the root `.lm-root` carries data-state ("loading", "drawn" or "failed") and data-draws (how many
// times the figure was drawn); the plot itself is Plotly's `.js-plotly-plot`.

const STATE = new WeakMap()                    // parentElement -> its MapChart, across Streamlit's reruns
const SHARED = (globalThis.__latentMap ??= { plotly: null })

// plotly.js, loaded once per page: one <script> in the document's head, shared by every map drawn since.
function loadPlotly(src) {
  if (globalThis.Plotly?.react) return Promise.resolve(globalThis.Plotly)
  SHARED.plotly ??= new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = src
    script.async = true
    script.onload = () => (globalThis.Plotly?.react ? resolve(globalThis.Plotly)
                                                    : reject(new Error(`${src} did not define Plotly`)))
    script.onerror = () => {
      SHARED.plotly = null                     // a later run may try again (a replica restarting, say)
      script.remove()
      reject(new Error(`could not load ${src}`))
    }
    document.head.appendChild(script)
  })
  return SHARED.plotly
}

// The test-set indices in a plotly_selected event, in selection order, without repeats.
export function selectedIndices(event) {
  const out = []
  const seen = new Set()
  for (const p of event?.points ?? []) {
    const c = Array.isArray(p.customdata) ? p.customdata[0] : p.customdata
    if (Number.isInteger(c) && !seen.has(c)) {
      seen.add(c)
      out.push(c)
    }
  }
  return out
}

class MapChart {
  constructor(root) {
    this.root = root.querySelector('.lm-root')
    this.plot = root.querySelector('.lm-plot')
    this.msg = root.querySelector('.lm-msg')
    this.drawn = null                          // id of the figure on screen
    this.draws = 0
    this.bound = false
    this.dead = false
  }

  update(data) {
    this.data = data
    this.plot.style.minHeight = `${data.figure.layout?.height ?? 400}px`     // no jump when it is drawn
    if (this.drawn !== data.id) this.root.dataset.state = 'loading'
    this.msg.textContent = data.words.loading
    this.msg.hidden = this.drawn !== null
    // Each chart draws in a task of its own: when the bundle arrives, the charts waiting for it (the Train page
    // has two) would otherwise all draw in one long task, and the page could not answer a click until the last.
    loadPlotly(data.src).then((Plotly) => setTimeout(() => this.draw(Plotly, data)), (err) => this.fail(err))
  }

  draw(Plotly, data) {
    // A newer run's data, an unmounted chart or the figure already on screen (a rerun that changed nothing
    // here, a selection's own rerun): nothing to draw, and the selection drawn on the map stays.
    if (this.dead || data !== this.data || data.id === this.drawn) return
    this.drawn = data.id
    Plotly.react(this.plot, data.figure.data, data.figure.layout, data.config).then(() => {
      if (this.dead) return
      this.draws += 1
      this.root.dataset.draws = String(this.draws)
      this.root.dataset.state = 'drawn'
      this.msg.hidden = true
    }, (err) => this.fail(err))
    if (!this.bound) {
      this.bound = true
      this.plot.on('plotly_selected', (event) => {
        const points = selectedIndices(event)
        if (points.length) this.send?.('selection', { points, at: Date.now() })
      })
    }
  }

  fail(err) {
    if (this.dead) return
    this.drawn = null
    this.root.dataset.state = 'failed'
    this.msg.textContent = `${this.data.words.failed} (${err?.message ?? err})`
    this.msg.hidden = false
  }

  destroy() {
    this.dead = true
    globalThis.Plotly?.purge?.(this.plot)
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component
  let chart = STATE.get(parentElement)
  if (!chart) {
    chart = new MapChart(parentElement)
    STATE.set(parentElement, chart)
  }
  chart.send = setStateValue
  chart.update(data)
  return () => {
    chart.destroy()
    STATE.delete(parentElement)
  }
}
