// Latent pad, shared part: the page-wide registry the loader (loader.js) and the pads (pad.js) meet in.
// ui/pad.py puts this file in front of both, so it is the one place the registry is made.
//   models:  parsed decoders by payload id (at most MAX_MODELS, oldest dropped first)
//   errors:  payload ids that could not be parsed, with the reason
//   waiters: pads waiting for a model that has not arrived yet
//   pads:    each pad's test/bench API by its Python key (only with the hooks flag, see pad.js)
//   prefs:   the background a user chose in a pad, by "<key>:<Python's default>"

const REG = (globalThis.__latentPad ??= {
  models: new Map(), errors: new Map(), waiters: new Map(), pads: new Map(), prefs: new Map(),
})
const MAX_MODELS = 4

// The parsed model with this id, once it is there (null if it failed to parse).
function whenModel(id) {
  if (REG.models.has(id)) return Promise.resolve(REG.models.get(id))
  if (REG.errors.has(id)) return Promise.resolve(null)
  return new Promise((resolve) => {
    const list = REG.waiters.get(id) ?? []
    list.push(resolve)
    REG.waiters.set(id, list)
  })
}

function settleModel(id, model, error) {
  if (model) {
    REG.models.set(id, model)
    while (REG.models.size > MAX_MODELS) REG.models.delete(REG.models.keys().next().value)
  } else {
    REG.errors.set(id, String(error))
  }
  for (const resolve of REG.waiters.get(id) ?? []) resolve(model ?? null)
  REG.waiters.delete(id)
}
