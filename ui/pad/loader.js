// Latent pad, part 1: receives the model's decoder (and the background points) as raw bytes, parses them
// once and publishes the result in a page-wide registry, keyed by the payload's id. This element's data
// never changes while the model stays the same, so Streamlit sends it once and then only refers to it
// by hash; the pad (part 2, pad.js) gets its per-run data separately and looks the model up by id.
//
// Container (built by ui/pad.py), little-endian, every section padded to 4 bytes:
//   "LPAD" | u32 version = 1 | u32 id length | id (ASCII) | u32 decoder length | decoder payload
//   (layout in vae_core/export.py) | u32 n points | f32 xy[2n] (z1, z2 pairs) | u8 labels[n]

// REG, whenModel and settleModel come from registry.js, which ui/pad.py puts in front of this file.

const pad4 = (n) => (n + 3) & ~3

function halfToFloat(h) {
  const s = h & 0x8000 ? -1 : 1
  const e = (h >> 10) & 0x1f
  const f = h & 0x3ff
  if (e === 0) return s * f * 2 ** -24
  if (e === 31) return f ? NaN : s * Infinity
  return s * (1 + f / 1024) * 2 ** (e - 15)
}

// The decoder payload: see vae_core/export.py for the layout. `buf` is an ArrayBuffer that starts at offset 0.
function parseDecoder(buf, start, length) {
  const dv = new DataView(buf, start, length)
  const magic = String.fromCharCode(dv.getUint8(0), dv.getUint8(1), dv.getUint8(2), dv.getUint8(3))
  if (magic !== "VAED" || dv.getUint16(4, true) !== 1) throw new Error("not a version-1 decoder payload")
  const dcode = dv.getUint8(6)
  if (dv.getUint8(7) !== 1 || (dcode !== 1 && dcode !== 2)) throw new Error("unsupported dtype or activation")
  const latent = dv.getUint16(8, true)
  const classes = dv.getUint16(10, true)
  const L = dv.getUint16(12, true)
  const sizes = []
  for (let i = 0; i <= L; i++) sizes.push(dv.getUint32(16 + 4 * i, true))
  let off = 16 + 4 * (L + 1)
  const itemsize = dcode === 1 ? 4 : 2
  const read = (count) => {
    if (off + count * itemsize > length) throw new Error("decoder payload is truncated")
    let a
    if (dcode === 1) {
      a = new Float32Array(buf.slice(start + off, start + off + 4 * count))
    } else {
      a = new Float32Array(count)
      for (let i = 0; i < count; i++) a[i] = halfToFloat(dv.getUint16(off + 2 * i, true))
    }
    off += count * itemsize
    return a
  }
  const W = [], b = []
  for (let l = 0; l < L; l++) {
    W.push(read(sizes[l] * sizes[l + 1]))
    b.push(read(sizes[l + 1]))
  }
  if (off !== length || sizes[0] !== latent + classes || sizes[L] !== 784) {
    throw new Error("decoder sizes do not add up")
  }
  return { dtype: dcode === 1 ? "float32" : "float16", latent, classes, sizes, W, b, bytes: length }
}

function parseContainer(bytes) {
  const buf = bytes.slice().buffer            // own copy at offset 0: typed-array views need alignment
  const dv = new DataView(buf)
  const magic = String.fromCharCode(dv.getUint8(0), dv.getUint8(1), dv.getUint8(2), dv.getUint8(3))
  if (magic !== "LPAD" || dv.getUint32(4, true) !== 1) throw new Error("not a latent pad payload")
  const idLen = dv.getUint32(8, true)
  const id = new TextDecoder().decode(new Uint8Array(buf, 12, idLen))
  let off = pad4(12 + idLen)
  return { id, buf, dv, off }
}

function parseRest({ id, buf, dv, off }) {
  const decLen = dv.getUint32(off, true)
  const model = parseDecoder(buf, off + 4, decLen)
  off = pad4(off + 4 + decLen)
  const n = dv.getUint32(off, true)
  off += 4
  const xy = new Float32Array(buf.slice(off, off + 8 * n))
  off += 8 * n
  const labels = new Uint8Array(buf.slice(off, off + n))
  model.id = id
  model.points = { n, xy, labels }
  return model
}

export default function (component) {
  const { data } = component
  if (!(data instanceof Uint8Array) || data.byteLength < 16) return
  const head = parseContainer(data)
  if (REG.models.has(head.id)) return          // already parsed (a rerun, or another pad on the page)
  try {
    settleModel(head.id, parseRest(head))
  } catch (err) {
    settleModel(head.id, null, err)
    console.warn("latent pad: cannot read the decoder payload:", err)
  }
}
