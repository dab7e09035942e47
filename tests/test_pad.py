"""The live latent pad: the decoder payload (vae_core.export) and the pad in real Chromium (ui/pad.py).

Unit: the payload round-trips (read back the way the JavaScript reads it, it decodes like model.decode),
holds only the decoder, and refuses what the browser cannot run. Browser (tests/apps/pad_app.py on its own
server): the pixels the page computes match PyTorch (1e-4 float32, 2e-3 float16, also for a conditional
model); a mouse drag changes the image with no script run until the release and exactly one after; the
sliders follow the pad and the pad follows the sliders; arrow keys and touch work; the decoder is
downloaded once, not on every rerun.
"""
from __future__ import annotations

import copy
import hashlib
import struct
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn as nn

import vae_core
from vae_core.export import (UnsupportedDecoder, decode_payload, decoder_payload, parse_decoder_payload,
                             float16_error, payload_for_browser)

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def grid_z(n: int = 9, lim: float = 3.0) -> np.ndarray:
    g = np.linspace(-lim, lim, n)
    return np.array([[a, b] for b in g for a in g], dtype=np.float32)


def torch_decode(model, z, label=None) -> np.ndarray:
    z = torch.as_tensor(np.asarray(z, dtype=np.float32)).reshape(-1, 2)
    y = None if label is None else torch.full((z.shape[0],), int(label), dtype=torch.long)
    with torch.inference_mode():
        return model.decode(z, y).reshape(-1, 28, 28).numpy()


def random_vae(latent: int = 2, hidden=(448, 256)) -> vae_core.VAE:
    """The same untrained model tests/apps/pad_app.py builds for ?model=random (weights not float16-exact)."""
    torch.manual_seed(0)
    return vae_core.VAE(vae_core.ModelConfig(latent_dim=latent, hidden=hidden)).eval()


# ---------------------------------------------------------------------------------------------- payload

def test_payload_round_trip_matches_model_decode(vae_model):
    data = decoder_payload(vae_model, "float32")
    p = parse_decoder_payload(data)
    assert (p.dtype, p.latent_dim, p.num_classes, p.sizes) == ("float32", 2, 0, (2, 256, 448, 784))
    z = grid_z(11)
    ours = decode_payload(p, z)
    assert np.abs(ours - torch_decode(vae_model, z)).max() <= 1e-6
    # and to the float64 copy of the same model, the exact function the weights define, far closer
    m64 = copy.deepcopy(vae_model).double()
    with torch.inference_mode():
        exact = m64.decode(torch.as_tensor(z).double()).reshape(-1, 28, 28).numpy()
    assert np.abs(ours - exact).max() <= 1e-9


def test_payload_holds_only_the_decoder(vae_model):
    data = decoder_payload(vae_model, "float32")
    n_dec = vae_model.num_params("decoder")
    layers = len([m for m in vae_model.decoder if isinstance(m, nn.Linear)])
    assert len(data) == 16 + 4 * (layers + 1) + 4 * n_dec
    others = sum(vae_model.num_params(part) for part in ("encoder", "fc_mu", "fc_logvar"))
    assert n_dec == vae_model.num_params() - others       # the weights counted are the decoder's, nothing else
    assert len(data) < 2_000_000                         # the default model would fit as float32, but
    # its weights are stored as float16, so auto sends the exact float16 payload: half the bytes
    assert payload_for_browser(vae_model) == decoder_payload(vae_model, "float16")
    assert float16_error(vae_model, decoder_payload(vae_model, "float16")) <= 1e-5
    magic, version, dcode, act, latent, classes, n_layers, _ = struct.unpack_from("<4sHBBHHHH", data)
    assert (magic, version, dcode, act, latent, classes, n_layers) == (b"VAED", 1, 1, 1, 2, 0, 3)


def test_payload_conditional_one_hot():
    model = vae_core.pretrained("mnist-cvae")
    p = parse_decoder_payload(decoder_payload(model))
    assert p.num_classes == 10 and p.sizes[0] == 12
    z = grid_z(7)
    for label in (0, 3, 9):
        assert np.abs(decode_payload(p, z, label) - torch_decode(model, z, label)).max() <= 1e-6
    with pytest.raises(ValueError, match="class label"):
        decode_payload(p, z, None)


def test_float16_payload_within_tolerance_and_half_the_size():
    model = random_vae()
    d32, d16 = decoder_payload(model, "float32"), decoder_payload(model, "float16")
    assert len(d16) - 16 - 16 == (len(d32) - 16 - 16) // 2
    p = parse_decoder_payload(d16)
    w = model.decoder[0].weight.detach().numpy()
    assert np.array_equal(p.weights[0], w.astype(np.float16).astype(np.float32))
    z = grid_z(9)
    err = np.abs(decode_payload(p, z) - torch_decode(model, z)).max()
    assert 0 < err <= 2e-3                                # rounded, not exact, and still within tolerance
    # auto sends float16 whenever it is within the tolerance (half the bytes), with or without a tight budget
    assert payload_for_browser(model) == d16
    assert payload_for_browser(model, max_bytes=len(d32) - 1) == d16
    # a tolerance float16 misses: auto falls back to float32; forced float16 is refused with the reason
    tight = float16_error(model, d16) / 2
    assert payload_for_browser(model, tolerance=tight) == d32
    with pytest.raises(UnsupportedDecoder, match="change pixels"):
        payload_for_browser(model, tolerance=tight, dtype="float16")
    with pytest.raises(UnsupportedDecoder, match="even as float16"):
        payload_for_browser(model, max_bytes=len(d16) - 1)


def test_unsupported_decoders_are_refused_with_a_reason(vae_model):
    with pytest.raises(UnsupportedDecoder) as e:
        payload_for_browser(vae_model, max_bytes=10_000)
    assert e.value.reason == "size"
    odd = random_vae(hidden=(32, 16))
    odd.decoder[1] = nn.Tanh()                            # not Linear/ReLU: the JavaScript would be wrong
    with pytest.raises(UnsupportedDecoder) as e:
        decoder_payload(odd)
    assert e.value.reason == "structure"
    data = decoder_payload(random_vae(hidden=(32, 16)))
    for bad in (data[:-2], b"XXXX" + data[4:], data[:10]):
        with pytest.raises(ValueError):
            parse_decoder_payload(bad)


def test_bundle_layout_and_snap():
    from ui.pad import pack_bundle, snap
    dec = decoder_payload(random_vae(hidden=(32, 16)))
    xy = np.array([[0.5, -1.0], [2.0, 3.0], [-0.25, 0.125]], np.float32)
    b = pack_bundle(dec, xy, np.array([1, 7, 3]))
    blob = b.blob
    assert blob[:4] == b"LPAD" and struct.unpack_from("<II", blob, 4) == (1, len(b.id))
    off = 12 + len(b.id) + (-(12 + len(b.id)) % 4)
    (n_dec,) = struct.unpack_from("<I", blob, off)
    assert blob[off + 4:off + 4 + n_dec] == dec
    off += 4 + n_dec + (-(4 + n_dec) % 4)
    assert struct.unpack_from("<I", blob, off) == (3,)
    assert np.array_equal(np.frombuffer(blob, "<f4", 6, off + 4).reshape(3, 2), xy)
    assert list(blob[off + 4 + 24:]) == [1, 7, 3]
    assert b.id == hashlib.sha256(blob[off - 4 - n_dec - (-(4 + n_dec) % 4):]).hexdigest()[:16]
    assert (snap(1.234, 3), snap(-0.026, 3), snap(2.99, 3), snap(7.0, 3), snap(-7.0, 2.5)) == (
        1.25, -0.05, 3.0, 3.0, -2.5)


@pytest.mark.parametrize("model", ["mnist-vae", "latent3"])
def test_app_runs_and_3d_latent_falls_back_to_a_caption(model, monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest
    for k, v in offline_sample_env(tmp_path).items():
        monkeypatch.setenv(k, v)
    at = AppTest.from_file(str(ROOT / "tests" / "apps" / "pad_app.py"), default_timeout=60)
    at.query_params["model"] = model
    at.run()
    assert not at.exception
    note = [c.value for c in at.caption if "not available for this model" in c.value]
    assert len(note) == (1 if model == "latent3" else 0)
    assert len(at.slider) == 2                            # the page keeps its sliders either way


# ---------------------------------------------------------------------------------------------- browser

def offline_sample_env(tmp: Path) -> dict:
    """The pad's background only needs some test digits: the 1,000 offline ones load fastest, in any setup."""
    return {"VAE_DATA_DIR": "", "VAE_OFFLINE": "1", "VAE_CACHE_DIR": str(tmp)}


@pytest.fixture(scope="module")
def pad_url(tmp_path_factory):
    from bench.bench_pad import pad_app_server
    with pad_app_server(offline_sample_env(tmp_path_factory.mktemp("cache"))) as url:
        yield url


@pytest.fixture
def pad_page(browser, pad_url):
    from conftest import ConsoleErrors
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, has_touch=True)
    page = ctx.new_page()
    page.errors = ConsoleErrors(page)
    page.received = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda f: page.received.append(len(f) if isinstance(f, (bytes, str)) else 0)))
    yield page
    ctx.close()


def open_pad(page, url: str, query: str = "") -> None:
    from bench.bench_pad import open_pad as _open
    _open(page, f"{url}/{query}")


def page_decode(page, z, label=None) -> np.ndarray:
    """Pixels the page's decoder computes at each z (through the pad's own decode hook)."""
    out = page.evaluate("([zs, label]) => zs.map(z => globalThis.__latentPad.pads.get('pad').decode(z[0], z[1], "
                        "label))", [np.asarray(z, float).tolist(), label])
    return np.asarray(out, dtype=np.float64).reshape(-1, 28, 28)


def shown(page) -> tuple[np.ndarray, np.ndarray]:
    """(z, pixels) the pad painted last, read from its DOM element."""
    z, px = page.locator(".lp-root").evaluate("e => [e.dataset.z, Array.from(e.lastPixels)]")
    return np.array([float(v) for v in z.split(",")]), np.asarray(px).reshape(28, 28)


def settle(page, near=None, tol: float = 0.05) -> None:
    """Wait until the digit on screen was decoded at the pad's point (and that point is within tol of near)."""
    page.wait_for_function("""([near, tol]) => {
        const api = globalThis.__latentPad.pads.get('pad'), z = api.z(), s = api.shownZ()
        return s && s[0] === z[0] && s[1] === z[1]
            && (!near || (Math.abs(z[0] - near[0]) < tol && Math.abs(z[1] - near[1]) < tol)) }""", arg=[near, tol])


def runs_text(page) -> str:
    return page.get_by_text("runs=").inner_text()


def test_browser_pixels_match_torch_float32(pad_page, pad_url, vae_model):
    open_pad(pad_page, pad_url, "?dtype=float32")
    stats = pad_page.evaluate("() => globalThis.__latentPad.pads.get('pad').stats()")
    assert stats["dtype"] == "float32" and stats["bytes"] < 2_000_000
    n_points = pad_page.evaluate("() => [...globalThis.__latentPad.models.values()][0].points.n")
    assert 0 < n_points <= 2000                           # the encoded test digits behind the pad
    z = np.array([[0, 0], [1.5, -2.0], [-2.9, 2.9], [0.33, 0.71], [3, 3], [-1.234, -0.5]])
    assert np.abs(page_decode(pad_page, z) - torch_decode(vae_model, z)).max() <= 1e-4
    # and what the pad itself painted after clicks at three places (the z it read from the pointer)
    box = pad_page.locator(".lp-pad").bounding_box()
    for fx, fy in ((0.2, 0.3), (0.75, 0.6), (0.5, 0.9)):
        pad_page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
        settle(pad_page, near=(-3 + 6 * fx, 3 - 6 * fy))
        zs, px = shown(pad_page)
        assert abs(zs[0] - (-3 + 6 * fx)) < 0.05 and abs(zs[1] - (3 - 6 * fy)) < 0.05
        assert np.abs(px - torch_decode(vae_model, zs)[0]).max() <= 1e-4
    assert not pad_page.errors, pad_page.errors


def test_browser_pixels_match_torch_float16(pad_page, pad_url):
    open_pad(pad_page, pad_url, "?model=random&dtype=float16")
    stats = pad_page.evaluate("() => globalThis.__latentPad.pads.get('pad').stats()")
    assert stats["dtype"] == "float16"
    model = random_vae()
    z = grid_z(5)
    err = np.abs(page_decode(pad_page, z) - torch_decode(model, z)).max()
    assert err <= 2e-3


def test_browser_conditional_model_uses_the_label(pad_page, pad_url):
    model = vae_core.pretrained("mnist-cvae")
    open_pad(pad_page, pad_url, "?model=mnist-cvae&label=3")
    z = grid_z(4)
    assert np.abs(page_decode(pad_page, z) - torch_decode(model, z, 3)).max() <= 1e-4
    zs, px = shown(pad_page)                                # what it painted uses the page's label (3)
    assert np.abs(px - torch_decode(model, zs, 3)[0]).max() <= 1e-4
    assert np.abs(px - torch_decode(model, zs, 5)[0]).max() > 0.05
    pad_page.screenshot(path=str(ARTIFACTS / "pad_cvae.png"))


def test_browser_drag_changes_image_without_reruns_until_release(pad_page, pad_url):
    from bench.bench_pad import RUN_COUNTER_JS
    page = pad_page
    open_pad(page, pad_url)
    first_load = sum(page.received)
    assert runs_text(page).startswith("runs=1 ")
    page.evaluate(RUN_COUNTER_JS)
    box = page.locator(".lp-pad").bounding_box()
    x0, y0, w = box["x"] + 0.3 * box["width"], box["y"] + 0.3 * box["height"], box["width"]
    page.mouse.move(x0, y0)
    page.mouse.down()
    images, zs = set(), []
    for i in range(1, 31):
        page.mouse.move(x0 + i * 0.014 * w, y0 + i * 0.012 * w)
        if i % 5 == 0:
            settle(page)
            z, px = shown(page)
            zs.append(z)
            images.add(hashlib.sha1(px.tobytes()).hexdigest())
    assert len(images) == 6                                # a new picture at every sample during the drag
    zs = np.array(zs)
    assert (np.diff(zs[:, 0]) > 0).all() and (np.diff(zs[:, 1]) < 0).all()   # right and down, as dragged
    assert page.evaluate("() => window.__padRuns") == 0    # ... and Python ran nothing
    assert runs_text(page).startswith("runs=1 ")
    page.screenshot(path=str(ARTIFACTS / "pad_drag.png"))
    page.received.clear()
    page.mouse.up()
    page.wait_for_function("() => window.__padRuns >= 1")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    page.wait_for_timeout(400)
    assert page.evaluate("() => window.__padRuns") == 1    # exactly one run after the release
    from ui.pad import snap
    z1, z2 = (snap(v, 3) for v in shown(page)[0])
    assert runs_text(page) == f"runs=2 z=({z1:.2f}, {z2:.2f})"   # the sliders followed
    # the decoder was downloaded with the page, and the rerun only referred to it by its hash
    assert first_load > 900_000 and sum(page.received) < 100_000   # the float16 decoder: ~0.94 MB
    assert not page.errors, page.errors


def test_browser_sliders_move_the_point_and_keys_move_it_too(pad_page, pad_url, vae_model):
    from bench.bench_pad import RUN_COUNTER_JS
    page = pad_page
    open_pad(page, pad_url)
    thumb = page.get_by_role("slider").first               # z1's slider: keyboard steps of 0.05
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_function("() => globalThis.__latentPad.pads.get('pad').z()[0] > 0.04")
    thumb.press("ArrowRight")
    page.wait_for_function("() => globalThis.__latentPad.pads.get('pad').z()[0] > 0.09")
    assert np.allclose(page.evaluate("() => globalThis.__latentPad.pads.get('pad').z()"), [0.1, 0.0])
    # arrow keys on the pad: hold, then release -> one run; z2 went up by 3 steps of 0.05
    page.evaluate(RUN_COUNTER_JS)
    page.locator(".lp-pad").focus()
    for _ in range(3):
        page.keyboard.down("ArrowUp")
    page.keyboard.up("ArrowUp")
    page.wait_for_function("() => window.__padRuns >= 1")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    page.wait_for_timeout(400)
    assert page.evaluate("() => window.__padRuns") == 1
    assert runs_text(page).endswith("z=(0.10, 0.15)")
    settle(page)
    zs, px = shown(page)
    assert np.allclose(zs, [0.1, 0.15]) and np.abs(px - torch_decode(vae_model, zs)[0]).max() <= 1e-4
    page.screenshot(path=str(ARTIFACTS / "pad_keys.png"))


def test_browser_touch_drag(pad_page, pad_url):
    from bench.bench_pad import RUN_COUNTER_JS
    page = pad_page
    open_pad(page, pad_url, "?bg=grid")
    page.wait_for_timeout(600)                              # the grid background is decoded in slices
    box = page.locator(".lp-pad").bounding_box()
    cdp = page.context.new_cdp_session(page)
    page.evaluate(RUN_COUNTER_JS)
    x, y = box["x"] + 0.8 * box["width"], box["y"] + 0.2 * box["height"]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 6):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x - 8 * i, "y": y}]})
    z_end = (-3 + 6 * (0.8 - 40 / box["width"]), 3 - 6 * 0.2)
    page.wait_for_function(f"() => globalThis.__latentPad.pads.get('pad').shownZ()?.[0] < {z_end[0] + 0.01}")
    z_mid, _ = shown(page)
    assert page.locator(".lp-root").get_attribute("data-dragging") == "1"
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.locator(".lp-root[data-commits='1']").wait_for(state="attached")
    page.wait_for_function("() => window.__padRuns >= 1")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    assert np.allclose(z_mid, z_end, atol=0.05)
    from ui.pad import snap
    assert runs_text(page) == f"runs=2 z=({snap(z_end[0], 3):.2f}, {snap(z_end[1], 3):.2f})"
    assert page.locator(".lp-root").get_attribute("data-mode") == "grid"
    page.screenshot(path=str(ARTIFACTS / "pad_grid.png"))
    assert not page.errors, page.errors


def test_browser_model_switch_sends_the_new_decoder(pad_page, pad_url):
    page = pad_page
    open_pad(page, pad_url)
    first = page.evaluate("() => [...globalThis.__latentPad.models.keys()]")
    page.received.clear()
    page.get_by_text("switch to mnist-ae").click()
    page.wait_for_function(f"() => globalThis.__latentPad.models.size > {len(first)}")
    page.wait_for_function("() => globalThis.__latentPad.pads.get('pad').stats().ready")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    assert sum(page.received) > 900_000                    # a new model: its float16 decoder comes once
    ae = vae_core.pretrained("mnist-ae")
    z = grid_z(3)
    assert np.abs(page_decode(page, z) - torch_decode(ae, z)).max() <= 1e-4
    assert not page.errors, page.errors


def test_browser_late_echo_of_an_older_click_does_not_pull_the_point_back(pad_page, pad_url):
    """A busy server: the runs of two quick clicks come back only after both clicks. The first click's run
    draws the pad at the first point; the pad must stay at the second, where Python ends too."""
    held, hold = [], {"on": False}

    def route(ws):
        server = ws.connect_to_server()
        ws.on_message(lambda m: server.send(m))
        server.on_message(lambda m: held.append(m) if hold["on"] else ws.send(m))
        route.ws = ws
    pad_page.route_web_socket("**/_stcore/stream", route)
    open_pad(pad_page, pad_url, "?dtype=float32")
    box = pad_page.locator(".lp-pad").bounding_box()
    at = lambda fx, fy: (box["x"] + fx * box["width"], box["y"] + fy * box["height"])   # noqa: E731
    hold["on"] = True
    pad_page.mouse.click(*at(0.2, 0.3))              # z = (-1.8, 1.2)
    pad_page.wait_for_timeout(1500)                  # its run ends on the server; the page hears nothing yet
    pad_page.mouse.click(*at(0.75, 0.6))             # z = (1.5, -0.6)
    pad_page.wait_for_timeout(1500)
    hold["on"] = False
    assert held, "the server's messages were held back"
    for m in held:                                   # now both runs arrive, in order, one message at a time
        route.ws.send(m)
        pad_page.wait_for_timeout(30)
    held.clear()
    pad_page.wait_for_function("() => /runs=\\d+ z=\\(1\\.50, -0\\.60\\)/.test(document.body.innerText)",
                               timeout=30_000)
    pad_page.wait_for_timeout(500)
    settle(pad_page)
    zs, _ = shown(pad_page)
    assert abs(zs[0] - 1.5) < 0.03 and abs(zs[1] + 0.6) < 0.03, f"the pad went back to {zs}"
    assert not pad_page.errors, pad_page.errors
