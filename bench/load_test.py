"""Classroom load test: N students use one app server at once.

    python bench/load_test.py --sessions 30 --browsers 4 --pad-sessions 2 --trainings 3 --duration 120

Starts the app as run_app.sh does (`python -m ui.serve`) on 127.0.0.1 (a free port, its own empty models folder) and drives N simultaneous
sessions through a classroom script, then stops the server and everything it started by itself:

- open the app (home page), go to Explore and move the z sliders, go to the Latent map and select digits,
  go to Reconstructions and change the count and the mode; `--pad-sessions` of the browser sessions drag the
  live pad (on Explore when it has one, else on the Conditional VAE page); `--trainings` sessions first start
  a short training on the Train page (`--train-epochs`) and watch it (the page polls once a second, as a
  browser tab does) until it ends, then join the classroom script.
- `--browsers` sessions are real pages (Playwright browser contexts in one headless Debian Chromium). The rest
  are light clients that speak the app's own WebSocket protocol (`/_stcore/stream`, Streamlit's protobuf
  BackMsg / ForwardMsg, the same messages the browser sends: widget states, page hash, fragment id, automatic
  fragment reruns, the hashes of the big elements it already has) and fetch the images a page shows over HTTP,
  but render nothing and run no JavaScript (so they release the pad with the message the pad sends, without
  dragging it).
- Per interaction it records the time until the page shows the new result: for a browser session, from the
  input event until the app's script-state is back to notRunning and the changed element is on the page
  (new image, new page heading, ...); for a protocol session, from sending the message until the server's
  `script_finished` arrives, every element of the run has arrived and its images have been downloaded.
  It counts errors (timeouts, failed runs, page errors), exception boxes (`stException` elements, in either
  kind of session) and disconnects. Bounded: `--duration` seconds of activity, `--max-actions` per session,
  a hard stop at duration + `--grace` seconds. Traffic goes only to 127.0.0.1.

Trainings run on Dask (vae_core.jobs): by default on the app's embedded LocalCluster. `--cluster-workers N`
starts a `dask scheduler` and N `dask worker` processes (one thread each) on 127.0.0.1 and points the app at
them with VAE_SCHEDULER; `--kill-worker-at T` kills one of those workers (nanny and all) T seconds into the
test. The report lists every training's outcome, the estimate it was shown, and the time until the last one
ended (the class's queue cleared).

Prints a markdown report; `--json` writes every record, `--out` the report. `--server URL` drives an app that is
already running instead (used by the smoke test only when given).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def english(strings: str, key: str) -> str:
    """How the English page labels `key` (read from its strings file, without importing the app)."""
    pattern = r'"%s": "([^"]+)"' % re.escape(key)
    return re.search(pattern, (ROOT / strings).read_text(encoding="utf-8"))[1]


# The Latent map's drag-mode option for a lasso; the sidebar's model sources and the picture uploader.
LASSO_LABEL = english("ui/strings/map.py", "map.drag.lasso")
SHIPPED_LABEL = english("ui/i18n.py", "side.src.pretrained")
UPLOAD_LABEL = english("ui/i18n.py", "side.src.upload")
PICTURE_LABEL = english("ui/strings/recon.py", "recon.upload")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_INTERACTIONS = ("goto", "slider", "select", "recon", "grid", "pad_release")


# ============================================================================================== the server

def machine_busy() -> tuple[float, float]:
    """(busy CPU seconds of the whole machine so far, all cores together; wall clock) from /proc/stat."""
    try:
        v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return (sum(v) - v[3] - v[4]) / CLK_TCK, time.perf_counter()   # minus idle and iowait
    except (OSError, ValueError, IndexError):
        return float("nan"), time.perf_counter()


def free_port() -> int:
    """A free TCP port on 127.0.0.1: the first free one in VAE_PORTS ("8630-8649") when that is set (a shared
    machine where each person has a range), else any the system gives."""
    lo, _, hi = os.environ.get("VAE_PORTS", "").partition("-")
    candidates = range(int(lo), int(hi or lo) + 1) if lo.strip().isdigit() else [0]
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in VAE_PORTS={os.environ['VAE_PORTS']}")


class Server:
    """The app as run_app.sh starts it (`python -m ui.serve`, i.e. `streamlit run app.py` routed by st.navigation
    from the first session) on 127.0.0.1 in a subprocess, with its own models folder. `started` is the
    perf_counter time the process was launched, `healthy` when /_stcore/health first answered ok."""

    def __init__(self, env_extra: dict | None = None, args: tuple = (), log: Path | None = None,
                 app_dir: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._models = tempfile.TemporaryDirectory(prefix="lt-models-")
        env = {**os.environ, "VAE_MODELS_DIR": self._models.name, **(env_extra or {})}
        cmd = [sys.executable, "-m", "ui.serve", "--server.headless", "true",     # as run_app.sh starts it
               "--server.port", str(self.port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *args]
        self._log = open(log, "w") if log else subprocess.DEVNULL
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=app_dir, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self.healthy = None

    def wait_healthy(self, timeout: float = 90) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=2).read() == b"ok":
                    self.healthy = time.perf_counter()
                    return self.healthy - self.started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"streamlit did not become healthy in {timeout:.0f} s")

    def usage(self) -> tuple[float, float]:
        """(CPU seconds used so far, resident memory in MB) of the server process."""
        try:
            stat = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu = (int(stat[11]) + int(stat[12])) / CLK_TCK
            rss = int(stat[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
            return cpu, rss
        except (OSError, IndexError, ValueError):
            return float("nan"), float("nan")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log is not subprocess.DEVNULL:
            self._log.close()
        self._models.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class DaskCluster:
    """`dask scheduler` + N `dask worker` processes (one thread each) on 127.0.0.1, each in its own process group
    so one can be killed whole (nanny included: it does not come back)."""

    def __init__(self, n_workers: int, log: Path | None = None):
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "VAE_TRAIN_THREADS": "1"}
        self._log = open(log, "w") if log else subprocess.DEVNULL
        self.scheduler = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.workers = [subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--nthreads", "1", "--nworkers", "1",
             "--host", "127.0.0.1", "--no-dashboard", "--name", f"bench-worker-{i}"], cwd=ROOT, env=env,
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True) for i in range(n_workers)]
        self.killed: list[tuple[float, str]] = []

    def wait_ready(self, n: int, timeout: float = 120) -> None:
        import distributed
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                with distributed.Client(self.address, timeout=5, set_as_default=False) as c:
                    c.wait_for_workers(n, timeout=max(1, deadline - time.perf_counter()))
                    return
            except (OSError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError(f"the Dask cluster at {self.address} did not get {n} workers in {timeout:.0f} s")

    def kill_one(self, at: float) -> None:
        """SIGKILL the first worker's whole process group (nanny and worker)."""
        import signal
        w = self.workers[0]
        try:
            os.killpg(w.pid, signal.SIGKILL)
            self.killed.append((at, f"bench-worker-0 (pid {w.pid})"))
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        import signal
        for p in [*self.workers, self.scheduler]:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                    p.wait(timeout=15)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    try:
                        os.killpg(p.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        if self._log is not subprocess.DEVNULL:
            self._log.close()


# ============================================================================================== protocol client

class ProtocolError(Exception):
    pass


@dataclass
class RunResult:
    status: int | None = None             # ForwardMsg.ScriptFinishedStatus of the run we waited for
    elements: list = field(default_factory=list)     # (element type, proto, fragment id) in arrival order
    exceptions: list = field(default_factory=list)   # text of exception elements
    media: list = field(default_factory=list)        # image URLs in this run
    bytes: int = 0                        # ForwardMsg bytes received for this run
    runs: int = 0                         # script runs seen (interrupted ones included)

    def has(self, kind: str, key: str | None = None) -> bool:
        for k, proto, _ in self.elements:
            if k == kind and (key is None or getattr(proto, "id", "").endswith("-" + key)):
                return True
        return False


def _widget_id(proto) -> str | None:
    wid = getattr(proto, "id", None)
    return wid if isinstance(wid, str) and wid.startswith("$$ID-") else None


class StClient:
    """One session speaking Streamlit's WebSocket protocol, the way the browser does: it sends `rerun_script`
    BackMsgs (widget states, page hash, fragment id, automatic fragment reruns) and reads ForwardMsgs.
    It keeps the widgets of the page (by id) so actions can be written with widget keys."""

    def __init__(self, base_url: str, fetch_media: bool = True, timeout: float = 60.0):
        self.base = base_url
        self.host, self.port = base_url.split("//", 1)[1].split(":")
        self.fetch_media = fetch_media
        self.timeout = timeout
        self.ws = None
        self.pages: dict[str, str] = {}        # url path -> page script hash (from the navigation message)
        self.page_hash = ""
        self.max_cached_message_age = None     # the server's setting, from its NewSession message
        self.widgets: dict[str, tuple] = {}    # id -> (element type, proto, fragment id) on the page now
        self.values: dict[str, object] = {}    # id -> WidgetState the user set (sent while the widget exists)
        self.auto_reruns: dict[str, float] = {}  # fragment id -> interval (s)
        self.closed = False
        self.close_reason = None
        self._cur: RunResult | None = None
        self._waiter: asyncio.Future | None = None
        self._reader_task = None
        self._lock = asyncio.Lock()
        self._media_seen: set[str] = set()
        self._msg_cache: dict[str, object] = {}   # hash -> big element message (the browser's message cache)
        self.exceptions_total = 0

    # ------------------------------------------------------------------------------------------ wire
    async def connect(self) -> None:
        from websockets.asyncio.client import connect
        self.ws = await connect(f"ws://{self.host}:{self.port}/_stcore/stream", subprotocols=["streamlit"],
                                max_size=2**28, open_timeout=self.timeout, ping_interval=None)
        self._reader_task = asyncio.create_task(self._reader())

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader_task:
            self._reader_task.cancel()
            try:
                await self._reader_task
            except (asyncio.CancelledError, Exception):
                pass

    async def _reader(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        try:
            async for data in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._handle(msg, len(data))
        except Exception as e:  # connection lost
            self.close_reason = f"{type(e).__name__}: {e}"
        finally:
            self.closed = True
            if self.close_reason is None:
                self.close_reason = "closed by server"
            if self._waiter is not None and not self._waiter.done():
                self._waiter.set_exception(ProtocolError(f"disconnected ({self.close_reason})"))

    def _handle(self, msg, size: int) -> None:
        kind = msg.WhichOneof("type")
        cur = self._cur
        if cur is not None:
            cur.bytes += size
        if kind == "ref_hash":                  # "you have this one": take it from the cache, new position
            cached = self._msg_cache.get(msg.ref_hash)
            if cached is None:
                if cur is not None:
                    cur.exceptions.append(f"server referred to a message this client never had: {msg.ref_hash}")
                return
            full = type(msg)()
            full.CopyFrom(cached)
            full.metadata.CopyFrom(msg.metadata)
            msg, kind = full, full.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            self._msg_cache[msg.hash] = msg
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash
            self.max_cached_message_age = msg.new_session.config.max_cached_message_age
            if not msg.metadata.run.fragment_ids:      # a full run redraws the page: forget the old one
                self.widgets.clear()
                self.auto_reruns.clear()
            if cur is not None:
                cur.runs += 1
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            etype = el.WhichOneof("type")
            proto = getattr(el, etype)
            frag = msg.delta.fragment_id
            wid = _widget_id(proto)
            if wid:
                in_sidebar = len(msg.metadata.delta_path) > 0 and msg.metadata.delta_path[0] == 1
                self.widgets[wid] = (etype, proto, frag, in_sidebar)
            if cur is not None:
                cur.elements.append((etype, proto, frag))
                if etype == "exception":
                    cur.exceptions.append(f"{proto.type}: {proto.message}"[:300])
                elif etype == "imgs":
                    cur.media.extend(i.url for i in proto.imgs)
            if etype == "exception":
                self.exceptions_total += 1
        elif kind == "auto_rerun":
            self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "page_not_found":
            if cur is not None:
                cur.exceptions.append("page not found")
        elif kind == "script_finished":
            status = msg.script_finished
            if status == 2:               # interrupted for a rerun: the next run is the one we wait for
                return
            if cur is not None and self._waiter is not None and not self._waiter.done():
                cur.status = status
                self._waiter.set_result(cur)

    # ------------------------------------------------------------------------------------------ actions
    def find(self, key: str, etype: str | None = None) -> str | None:
        """The id of the widget created with `key` on the page now (None if absent)."""
        for wid, (k, *_) in self.widgets.items():
            if wid.endswith("-" + key) and (etype is None or k == etype):
                return wid
        return None

    def proto(self, wid: str):
        return self.widgets[wid][1]

    async def _fetch(self, url: str) -> int:
        reader, writer = await asyncio.open_connection(self.host, int(self.port))
        try:
            writer.write(f"GET {url} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nConnection: close\r\n\r\n"
                         .encode())
            await writer.drain()
            data = await reader.read()
        finally:
            writer.close()
        head = data.split(b"\r\n", 1)[0]
        if b" 200 " not in head:
            raise ProtocolError(f"image {url}: {head.decode(errors='replace')}")
        return len(data)

    async def rerun(self, *, page: str | None = None, set_values: dict | None = None, triggers: tuple = (),
                    fragment_id: str = "", auto: bool = False, first_page_name: str | None = None) -> RunResult:
        """Send one rerun_script like the browser does after a user action and wait until the run has
        finished and its images are downloaded. set_values: {widget id: WidgetState kwargs} kept for later
        runs; triggers: button ids pressed once. page: url path of the page to switch to."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.WidgetStates_pb2 import WidgetState
        async with self._lock:
            if self.closed:
                raise ProtocolError(f"disconnected ({self.close_reason})")
            for wid, value in (set_values or {}).items():
                self.values[wid] = value
            msg = BackMsg()
            cs = msg.rerun_script
            if page is not None:
                if page not in self.pages:
                    raise ProtocolError(f"no page {page!r} in the navigation")
                cs.page_script_hash = self.pages[page]
                # the browser forgets the widgets of the page it leaves (the sidebar's stay)
                for wid in list(self.values):
                    if not (wid in self.widgets and self.widgets[wid][3]):
                        self.values.pop(wid)
            else:
                cs.page_script_hash = self.page_hash
            if first_page_name is not None:
                cs.page_name = first_page_name
            present = set(self.widgets)
            for wid, value in self.values.items():
                if wid in present or wid in (set_values or {}):
                    ws = WidgetState(id=wid, **value)
                    cs.widget_states.widgets.append(ws)
            for wid in triggers:
                cs.widget_states.widgets.append(WidgetState(id=wid, trigger_value=True))
            cs.cached_message_hashes.extend(self._msg_cache)   # as the browser does: big elements it already has
            if fragment_id:
                cs.fragment_id = fragment_id
            cs.is_auto_rerun = auto
            ci = cs.context_info
            ci.timezone, ci.timezone_offset, ci.locale = "UTC", 0, "en-US"
            ci.url, ci.is_embedded, ci.color_scheme = f"{self.base}/{page or ''}", False, "light"
            loop = asyncio.get_running_loop()
            self._cur = RunResult()
            self._waiter = loop.create_future()
            try:
                await self.ws.send(msg.SerializeToString())
                res = await asyncio.wait_for(self._waiter, self.timeout)
                if self.fetch_media:
                    new = [u for u in dict.fromkeys(res.media) if u not in self._media_seen]
                    if new:
                        await asyncio.wait_for(asyncio.gather(*(self._fetch(u) for u in new)), self.timeout)
                        self._media_seen.update(new)
            except asyncio.TimeoutError:
                raise ProtocolError(f"no result within {self.timeout:.0f} s") from None
            finally:
                self._cur, self._waiter = None, None
            if res.status == 1:
                raise ProtocolError("the script failed to compile")
            return res

    async def open(self, page: str = "") -> RunResult:
        """Connect and run the app's first page (what a browser does on opening the URL)."""
        await self.connect()
        return await self.rerun(first_page_name=page)

    def fragment_of(self, wid: str) -> str:
        return self.widgets[wid][2]


# ============================================================================================== records

@dataclass
class Record:
    session: str                  # "ws-3", "browser-1"
    kind: str                     # "ws" or "browser"
    action: str                   # open, goto, slider, select, recon, grid, pad_release, train_start, poll, ...
    detail: str
    start: float                  # seconds since the test began
    seconds: float | None         # time until the page showed the result (None when it failed)
    trainings: int                # trainings submitted and not yet finished when the action started
    error: str | None = None
    exceptions: int = 0
    bytes: int = 0


class Test:
    """Shared state of one load test run."""

    __test__ = False   # not a pytest class (tests/test_load_smoke.py imports this module)

    def __init__(self, args, base_url: str):
        self.args = args
        self.base = base_url
        self.t0 = time.perf_counter()
        self.end = self.t0 + args.ramp + args.duration
        self.records: list[Record] = []
        self.trainings_active = 0
        self.training_log: list[dict] = []
        self.pad_drags: list[dict] = []
        self.disconnects: list[str] = []
        self.lost: list[str] = []
        self.console_errors: list[str] = []
        self.sessions_done = 0

    def now(self) -> float:
        return time.perf_counter() - self.t0

    def running(self) -> bool:
        return time.perf_counter() < self.end

    def record(self, **kw) -> Record:
        r = Record(**kw)
        self.records.append(r)
        return r


async def timed(test: Test, session: str, kind: str, action: str, detail: str, coro, *,
                check=None) -> object | None:
    """Run one interaction, record its time; `check(result)` returns an error text or None."""
    start, trainings = test.now(), test.trainings_active
    t = time.perf_counter()
    try:
        res = await coro
        dt = time.perf_counter() - t
        err = check(res) if check else None
        if isinstance(res, RunResult):
            exc, nbytes, text = len(res.exceptions), res.bytes, (res.exceptions or [""])[0]
        elif isinstance(res, dict):
            exc, nbytes, text = res.get("exceptions", 0), 0, res.get("text", "")
        else:
            exc, nbytes, text = 0, 0, ""
        if exc and not err:
            err = f"exception box: {text}"
        test.record(session=session, kind=kind, action=action, detail=detail, start=start,
                    seconds=None if err else dt, trainings=trainings, error=err, exceptions=exc, bytes=nbytes)
        return None if err else res
    except Exception as e:  # a failed interaction is a result, not a crash of the test
        msg = f"{type(e).__name__}: {e}".splitlines()[0][:300]
        test.record(session=session, kind=kind, action=action, detail=detail, start=start, seconds=None,
                    trainings=trainings, error=msg)
        return None


# ============================================================================================== protocol students

def _slider_state(v: float) -> dict:
    return {"double_array_value": {"data": [float(v)]}}


def _option(proto, index: int) -> str:
    return proto.options[index % len(proto.options)]


def _expect(kind: str, key: str | None = None, min_count: int = 1):
    def check(res: RunResult):
        n = sum(1 for k, p, _ in res.elements if k == kind and (key is None or getattr(p, "id", "").endswith(
            "-" + key)))
        if kind == "imgs":   # pictures are sent inline (ui.widgets.picture: markdown with a data: <img>) too
            n += sum(1 for k, p, _ in res.elements if k == "markdown" and "<img " in getattr(p, "body", ""))
        return None if n >= min_count else f"expected {kind}{'/' + key if key else ''} not shown"
    return check


def _points_from_spec(spec_json, rng: random.Random, k: int) -> list[dict]:
    """k random points of the Latent map figure (JSON text or parsed), as plotly.js reports a lasso / box
    selection."""
    fig = json.loads(spec_json) if isinstance(spec_json, (str, bytes)) else spec_json
    pts = []
    traces = [(i, tr) for i, tr in enumerate(fig.get("data", [])) if tr.get("customdata") is not None]
    if not traces:
        return pts
    center = (rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5))
    cand = []
    for ci, tr in traces:
        xs, ys, cd = tr.get("x", []), tr.get("y", []), tr.get("customdata", [])
        if isinstance(xs, dict) or isinstance(cd, dict):   # typed arrays ({dtype, bdata}) - decode
            import base64
            import numpy as np
            dec = lambda a: (np.frombuffer(base64.b64decode(a["bdata"]), dtype=a["dtype"]).reshape(
                a.get("shape", [-1]) if isinstance(a.get("shape"), list) else -1).tolist()
                if isinstance(a, dict) else a)
            xs, ys, cd = dec(xs), dec(ys), dec(cd)
        for pi, (x, y, c) in enumerate(zip(xs, ys, cd)):
            if abs(x - center[0]) < 0.5 and abs(y - center[1]) < 0.5:
                cand.append({"curve_number": ci, "point_number": pi, "point_index": pi, "x": x, "y": y,
                             "customdata": c if isinstance(c, list) else [c]})
    rng.shuffle(cand)
    return cand[:k]


def map_selection(proto, rng: random.Random, k: int) -> tuple[dict, int]:
    """A selection of about k random points of the Latent map, as its chart (ui/map_chart) sends it: the
    widget state to set and the number of points."""
    pts = _points_from_spec(json.loads(proto.json)["figure"], rng, k)
    idx = [int(p["customdata"][0]) for p in pts]
    state = {"selection": {"points": idx, "at": int(time.time() * 1000)}}
    return {"json_value": json.dumps(state)}, len(idx)


async def ws_student(test: Test, n: int, trainer: bool) -> None:
    args = test.args
    name = f"ws-{n}"
    rng = random.Random(1000 + n)
    c = StClient(test.base, timeout=args.timeout)
    await asyncio.sleep(rng.uniform(0, args.ramp))
    res = await timed(test, name, "ws", "open", "home", c.open(""), check=_expect("heading"))
    if res is None:
        test.lost.append(f"{name}: could not open the app")
        await c.close()
        return
    actions = 0
    spec_cache: dict[str, str] = {}

    async def think():
        await asyncio.sleep(rng.uniform(*args.think))

    async def goto(page: str, check) -> RunResult | None:
        return await timed(test, name, "ws", "goto", page, c.rerun(page=page), check=check)

    try:
        if trainer:
            await ws_train(test, c, name, rng)
        while test.running() and actions < args.max_actions and not c.closed:
            # ---------------------------------------------------------------- Explore
            if await goto("explore", _expect("imgs")) is None:
                break
            pad = c.find("explore_pad", "bidi_component")
            for _ in range(rng.randint(2, 4)):
                await think()
                if not test.running():
                    break
                key = rng.choice(("z1", "z2"))
                wid = c.find(key, "slider")
                if wid is None:
                    break
                p = c.proto(wid)
                v = round(rng.uniform(p.min, p.max) / 0.05) * 0.05
                await timed(test, name, "ws", "slider", key,
                            c.rerun(set_values={wid: _slider_state(v)}, fragment_id=c.fragment_of(wid)),
                            check=_expect("imgs"))
                actions += 1
            if pad is not None and rng.random() < 0.5 and test.running():
                await think()
                z = [round(rng.uniform(-2.5, 2.5), 3), round(rng.uniform(-2.5, 2.5), 3)]
                state = {"json_value": json.dumps({"z": {"z": z, "at": int(time.time() * 1000)}})}
                await timed(test, name, "ws", "pad_release", "explore", c.rerun(
                    set_values={pad: state}, fragment_id=c.fragment_of(pad)),
                    check=_expect("imgs"))
                actions += 1
            if rng.random() < args.grid_rate and test.running():
                await think()
                wid = c.find("explore_n", "slider")
                if wid is not None:
                    await timed(test, name, "ws", "grid", "explore_n", c.rerun(
                        set_values={wid: _slider_state(rng.randint(8, 25))}, fragment_id=c.fragment_of(wid)),
                        check=_expect("imgs"))
                    actions += 1
            # ---------------------------------------------------------------- Latent map
            await think()
            if not test.running():
                break
            res = await goto("latent-map", _expect("bidi_component", "map_chart"))
            if res is None:
                continue
            mode = c.find("map_drag")
            if mode is not None:   # the map opens in scroll mode (a swipe scrolls the page): choose the lasso first
                await timed(test, name, "ws", "lasso_mode", "", c.rerun(
                    set_values={mode: {"string_array_value": {"data": [LASSO_LABEL]}}}))
            wid = c.find("map_chart", "bidi_component")
            for _ in range(rng.randint(1, 2)):
                await think()
                if wid is None or not test.running():
                    break
                state, n_points = map_selection(c.proto(wid), rng, rng.randint(3, 20))
                r = await timed(test, name, "ws", "select", f"{n_points} points", c.rerun(
                    set_values={wid: state}), check=_expect("imgs") if n_points else None)
                actions += 1
                wid = c.find("map_chart", "bidi_component") if r is not None else wid
            # ---------------------------------------------------------------- Reconstructions
            await think()
            if not test.running():
                break
            if await goto("reconstructions", _expect("imgs")) is None:
                continue
            await think()
            wid = c.find("recon_n", "slider")
            if wid is not None and test.running():
                await timed(test, name, "ws", "recon", "count", c.rerun(
                    set_values={wid: _slider_state(rng.randint(4, 16))}), check=_expect("imgs"))
                actions += 1
            await think()
            wid = c.find("recon_mode", "radio")
            if wid is not None and test.running():
                opt = _option(c.proto(wid), rng.randint(0, 3))
                await timed(test, name, "ws", "recon", f"mode {opt}", c.rerun(
                    set_values={wid: {"string_value": opt}}), check=_expect("imgs"))
                actions += 1
            await think()
    finally:
        if c.closed and test.running():
            test.disconnects.append(f"{name}: {c.close_reason}")
        test.sessions_done += 1
        await c.close()


FAILED_WORDS = ("Training failed", "stopped working", "lost its connection")


def _seconds(text: str) -> float | None:
    """"1 min 20 s" / "45 s" / "3 min" -> seconds (the Train page's English duration words)."""
    m = re.fullmatch(r"(?:(\d+) min)? ?(?:(\d+) s)?", text.strip())
    if not m or not (m.group(1) or m.group(2)):
        return None
    return 60 * int(m.group(1) or 0) + int(m.group(2) or 0)


def _train_status(test: Test, entry: dict, res) -> None:
    """Read the Train page's status: place in line, the first estimate shown, the lost-worker sentence."""
    if res is None:
        return
    for k, p, _ in res.elements:
        body = getattr(p, "body", "") or ""
        m = re.search(r"number (\d+) in line", body) if k == "alert" else None
        if m:
            entry["positions"].append(int(m.group(1)))
        if "computer that was training your model stopped" in body:
            entry["worker_lost_msg"] = True
        m = re.search(r"[Rr]eady in about ([0-9a-z ]+?)[.(]", body)
        if m and entry["eta"] is None and _seconds(m.group(1)) is not None:
            entry["eta"] = (test.now(), _seconds(m.group(1)))


async def ws_train(test: Test, c: StClient, name: str, rng: random.Random) -> None:
    """Train page: a short training (--train-epochs), watched until it ends, like a browser tab left open on
    the page: the page's live fragment reruns every second (the server asks for it with auto_rerun)."""
    args = test.args
    res = await timed(test, name, "ws", "goto", "train", c.rerun(page="train"),
                      check=_expect("button", "train_start"))
    if res is None:
        return
    wid = c.find("train_epochs", "slider")
    await timed(test, name, "ws", "train_setting", "epochs", c.rerun(
        set_values={wid: _slider_state(args.train_epochs)}), check=_expect("button", "train_start"))
    btn = c.find("train_start", "button")
    t_submit = time.perf_counter()
    test.trainings_active += 1
    entry = {"session": name, "submitted": None, "positions": [], "finished": None, "outcome": None,
             "eta": None, "worker_lost_msg": False}
    test.training_log.append(entry)
    try:
        entry["submitted"] = test.now()
        res = await timed(test, name, "ws", "train_start", f"{args.train_epochs} epochs", c.rerun(triggers=(btn,)),
                          check=lambda r: None if (r.has("alert") or r.has("progress")) else "no training status")
        _train_status(test, entry, res)
        deadline = time.perf_counter() + args.train_timeout
        while res is not None and time.perf_counter() < deadline and not c.closed:
            if c.find("train_save_name", "text_input"):          # finished: the save form is shown
                entry["outcome"] = "done"
                break
            if not c.auto_reruns:
                await asyncio.sleep(1.0)
                res = await timed(test, name, "ws", "poll", "full rerun", c.rerun())
                continue
            frag, interval = next(iter(c.auto_reruns.items()))
            await asyncio.sleep(interval)
            res = await timed(test, name, "ws", "poll", "auto fragment rerun",
                              c.rerun(fragment_id=frag, auto=True))
            _train_status(test, entry, res)
        else:
            entry["outcome"] = entry["outcome"] or ("disconnected" if c.closed else "timeout")
        for k, p, _ in (res.elements if res else []):
            if k == "alert" and any(w in p.body for w in FAILED_WORDS):
                entry["outcome"] = "failed: " + p.body[:90]
    finally:
        entry["finished"] = test.now()
        entry["seconds"] = time.perf_counter() - t_submit
        test.trainings_active -= 1


# ============================================================================================== browser students

# Counts the script runs the page goes through from now on (the app's data-test-script-state attribute). Read
# from the mutation records (old values): a short run can start and end between two observer callbacks.
ARM_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']")
  window.__lt = { runs: 0, done: 0 }
  window.__ltObs?.disconnect()
  window.__ltObs = new MutationObserver((records) => {
    for (const r of records) {
      if (r.oldValue === "running") window.__lt.done++
      else window.__lt.runs++
    }
  })
  window.__ltObs.observe(app, { attributes: true, attributeOldValue: true,
                                attributeFilter: ["data-test-script-state"] })
}"""

# What the student sees in the main area: heading, image sources; changes when a result arrives.
SIGNATURE_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']") || document.body
  const h = main.querySelector("h1")?.textContent || ""
  const imgs = [...main.querySelectorAll("[data-testid='stImage'] img, [data-testid='stMarkdownContainer'] img")].map(i => i.src).join("|")
  const marks = [...main.querySelectorAll(".js-plotly-plot .scatterlayer path.point")]
    .map(p => p.getAttribute("transform")).join("|")
  const pads = window.__ltNoPads ? "" :   // a pad release is judged by what Python draws, not the pad's own point
    [...(globalThis.__latentPad?.pads.values() ?? [])].map(a => a.z?.().join(",")).join("|")
  return h + "#" + imgs + "#" + marks + "#" + pads
}"""

SETTLED_JS = """([old, needRun]) => {
  const app = document.querySelector("[data-testid='stApp']")
  if (app.dataset.testScriptState !== "notRunning") return false
  if (app.dataset.testConnectionState !== "CONNECTED") return false
  // A run is seen as the script state leaving "running". When the page shows a changed result (old given), that
  // counts too: a quick run's running -> notRunning can reach the page in one React update and never show.
  if (needRun && old === null && window.__lt.done < 1) return false
  const main = document.querySelector("[data-testid='stMain']") || document.body
  if ([...main.querySelectorAll("[data-testid='stImage'] img")].some(i => !i.complete)) return false
  if (old === null) return true
  if (!main.querySelector("h1")?.textContent) return false   // a page between two runs, not a result
  return (%s)() !== old
}""" % SIGNATURE_JS

# A mouse drag on the pad driven from inside the page: one pointer move per animation frame (as a real mouse
# delivers them), so the test driver's own round trips do not limit the rate; the pad's own counters say how
# many frames it painted.
PAD_DRAG_JS = """async ([el, key, seconds, phase]) => {
  const api = globalThis.__latentPad.pads.get(key)
  const r = el.getBoundingClientRect()
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2, rad = 0.42 * r.width
  const ev = (type, x, y) => new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, pointerType: "mouse",
    isPrimary: true, button: 0, buttons: type === "pointerup" ? 0 : 1, bubbles: true, cancelable: true })
  el.dispatchEvent(ev("pointerdown", cx, cy))
  api.resetStats()
  const t0 = performance.now()
  let rafs = 0, x = cx, y = cy
  await new Promise((done) => {
    const tick = (now) => {
      const t = (now - t0) / 1000
      if (t >= seconds) return done()
      rafs++
      x = cx + rad * Math.sin(2 * Math.PI * t / 1.9 + phase); y = cy + rad * Math.sin(2 * Math.PI * t / 1.3 + phase)
      el.dispatchEvent(ev("pointermove", x, y))
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  const ms = performance.now() - t0
  const s = api.stats()
  window.__ltPadEnd = [x, y]
  return { frames: s.frames, decodes: s.decodes, decodeMs: s.decodeMs, maxDecodeMs: s.maxDecodeMs, ms, rafs }
}"""

PAD_RELEASE_JS = """([el]) => {
  const [x, y] = window.__ltPadEnd
  el.dispatchEvent(new PointerEvent("pointerup", { clientX: x, clientY: y, pointerId: 1, pointerType: "mouse",
    isPrimary: true, button: 0, buttons: 0, bubbles: true, cancelable: true }))
}"""


async def browser_student(test: Test, browser, n: int, pad: bool) -> None:
    args = test.args
    name = f"browser-{n}"
    rng = random.Random(2000 + n)
    await asyncio.sleep(rng.uniform(0, args.ramp))
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    page.set_default_timeout(args.timeout * 1000)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    timeout_ms = args.timeout * 1000

    async def settle(old, need_run: bool = True):
        try:
            await page.wait_for_function(SETTLED_JS, arg=[old, need_run], timeout=timeout_ms, polling=20)
        except Exception as e:                    # say what the page was doing when time ran out
            state = await page.evaluate("""() => [window.__lt, document.querySelector("[data-testid='stApp']")
                ?.dataset.testScriptState, document.querySelector("[data-testid='stApp']")
                ?.dataset.testConnectionState]""")
            changed = old is not None and (await page.evaluate(SIGNATURE_JS)) != old
            raise TimeoutError(f"no new result in {args.timeout:.0f} s (runs seen {state[0]}, script "
                               f"{state[1]}, connection {state[2]}, page changed: {changed})") from e
        boxes = await page.locator("[data-testid='stException']").count()
        if boxes:
            text = (await page.locator("[data-testid='stException']").first.inner_text())[:200]
            return {"exceptions": boxes, "text": text}
        return {"exceptions": 0}

    async def act(action: str, detail: str, do, *, changes: bool = True, need_run: bool = True, extra=None,
                  pads: bool = True):
        async def run():
            await page.evaluate(ARM_JS)
            await page.evaluate("(v) => { window.__ltNoPads = v }", not pads)
            old = await page.evaluate(SIGNATURE_JS) if changes else None
            await do()
            res = await settle(old, need_run)
            if extra is not None:
                await extra()
            return res
        return await timed(test, name, "browser", action, detail, run())

    async def think():
        await asyncio.sleep(rng.uniform(*args.think))

    async def nav(title: str, heading_hint: str | None = None):
        link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)
        return await act("goto", title, link.click)

    async def drag_pad(where: str, key: str):
        el = page.locator(".lp-pad").first
        await el.wait_for(state="visible")
        await page.wait_for_function(
            f"() => globalThis.__latentPad?.pads.get({json.dumps(key)})?.stats().frames > 0", timeout=timeout_ms)
        handle = await el.element_handle()
        # a random phase: every drag ends somewhere new (the same end point twice draws the same picture)
        d = await page.evaluate(PAD_DRAG_JS, [handle, key, args.pad_seconds, rng.uniform(0, 2 * math.pi)])
        d.update(session=name, page=where, start=test.now(), trainings=test.trainings_active,
                 fps=d["frames"] / (d["ms"] / 1000), raf_fps=d["rafs"] / (d["ms"] / 1000))
        test.pad_drags.append(d)
        await act("pad_release", where, lambda: page.evaluate(PAD_RELEASE_JS, [handle]), pads=False)

    actions = 0
    try:
        res = await timed(test, name, "browser", "open", "home", _open(page, test.base, timeout_ms))
        if res is None:
            test.lost.append(f"{name}: could not open the app")
            return
        while test.running() and actions < args.max_actions:
            await think()
            if await nav("Explore") is None:
                break
            try:                                  # the pad mounts once its script has loaded
                await page.locator(".lp-pad").first.wait_for(state="attached", timeout=10_000)
                has_pad = True
            except Exception:
                has_pad = False
            z1 = page.get_by_test_id("stSlider").filter(has_text="z₁").get_by_role("slider")
            for _ in range(rng.randint(2, 3)):
                await think()
                if not test.running():
                    break
                key = rng.choice(("ArrowRight", "ArrowLeft"))
                await act("slider", "z1 " + key, lambda: z1.press(key))
                actions += 1
            if pad and test.running():
                await think()
                if not has_pad:
                    if await nav("Conditional VAE") is None:
                        continue
                await drag_pad(*(("explore", "explore_pad") if has_pad else ("conditional", "cvae_pad")))
                actions += 1
            await think()
            if not test.running():
                break
            if await nav("Latent map") is None:
                continue
            chart = page.locator(".lm-root .js-plotly-plot").first
            await chart.wait_for(state="visible")
            lasso_mode = page.get_by_text(LASSO_LABEL, exact=True).first
            # The map opens in scroll mode: choose the lasso, as a student does, unless it is still chosen from
            # the last visit (clicking a chosen option of a segmented control un-chooses it).
            chosen = page.locator("[data-testid='stButtonGroup'] button[aria-checked='true']", has_text=LASSO_LABEL)
            if await lasso_mode.count() and not await chosen.count():
                await act("mode", "lasso", lasso_mode.click, changes=False)
            await think()
            box = await chart.locator(".nsewdrag").first.bounding_box()
            if box and test.running():
                cx = box["x"] + box["width"] * rng.uniform(0.4, 0.6)
                cy = box["y"] + box["height"] * rng.uniform(0.4, 0.6)

                async def lasso():
                    await page.mouse.move(cx, cy)
                    await page.mouse.down()
                    for i in range(13):
                        a = 2 * math.pi * i / 12
                        await page.mouse.move(cx + 30 * math.cos(a), cy + 30 * math.sin(a), steps=2)
                    await page.mouse.up()
                await act("select", "lasso", lasso)
                actions += 1
            await think()
            if not test.running():
                break
            if await nav("Reconstructions") is None:
                continue
            await think()
            count = page.get_by_test_id("stSlider").first.get_by_role("slider")
            await act("recon", "count", lambda: count.press(rng.choice(("ArrowRight", "ArrowLeft"))))
            actions += 1
            if args.uploads and test.running():
                await think()
                await upload_both(page, act, rng)
                actions += 2
    finally:
        if console:
            test.console_errors.extend(f"{name}: {m[:200]}" for m in console)
        try:
            state = await page.evaluate(
                "() => document.querySelector(\"[data-testid='stApp']\")?.dataset.testConnectionState")
            if state != "CONNECTED":
                test.disconnects.append(f"{name}: connection state {state}")
        except Exception as e:
            test.disconnects.append(f"{name}: page gone ({type(e).__name__})")
        test.sessions_done += 1
        await ctx.close()


def digit_png(seed: int) -> bytes:
    """A photo-like picture of a handwritten 7 (dark ink on light paper, off-centre, a random slant): what a
    student uploads on Reconstructions."""
    import io
    from PIL import Image, ImageDraw
    r = random.Random(seed)
    img = Image.new("RGB", (120, 160), (235, 232, 225))
    d = ImageDraw.Draw(img)
    dx = r.randint(-15, 15)
    d.line([(30 + dx, 40), (90 + dx, 40), (55 + dx + r.randint(-10, 10), 130)], fill=(30, 30, 40), width=9)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def model_file() -> bytes:
    """A model file a student uploads in the sidebar (a shipped model's bytes, as a saved copy would be)."""
    return (Path(__file__).resolve().parent.parent / "assets" / "mnist-ae.safetensors").read_bytes()


async def upload_both(page, act, rng) -> None:
    """A student uploads a picture of their digit on Reconstructions, then a model file in the sidebar, and
    goes back to the shipped model (the uploaded file stays in their session until it is closed)."""
    pic = page.get_by_test_id("stFileUploader").filter(has_text=PICTURE_LABEL).locator("input[type='file']")
    await act("upload", "digit", lambda: pic.set_input_files(
        {"name": "my7.png", "mimeType": "image/png", "buffer": digit_png(rng.randrange(1 << 30))}))
    side = page.get_by_test_id("stSidebar")
    # The sidebar's own changes leave the page's main part as it was, and a quick run may never show as running:
    # each step waits for what it changes in the sidebar instead.
    box = side.get_by_test_id("stFileUploader").locator("input[type='file']")
    await act("upload", "source", side.get_by_text(UPLOAD_LABEL, exact=True).click, changes=False,
              need_run=False, extra=lambda: box.wait_for(state="attached"))
    ok = side.get_by_test_id("stAlertContentSuccess")
    await act("upload", "model", lambda: box.set_input_files(
        {"name": "friend.safetensors", "mimeType": "application/octet-stream", "buffer": model_file()}),
        changes=False, need_run=False, extra=lambda: ok.wait_for())
    await act("upload", "back", side.get_by_text(SHIPPED_LABEL, exact=True).click, changes=False,
              need_run=False, extra=lambda: box.wait_for(state="detached"))


async def _open(page, base: str, timeout_ms: float):
    await page.goto(base + "/")
    await page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                                 timeout=timeout_ms)
    await page.wait_for_function(SETTLED_JS, arg=[None, False], timeout=timeout_ms, polling=20)
    await page.locator("[data-testid='stMain'] h1").first.wait_for()
    return {"exceptions": await page.locator("[data-testid='stException']").count()}


# ============================================================================================== orchestration

async def warm_up(base: str, timeout: float) -> dict:
    """The teacher opens the app before the class: one visit to Explore, the Latent map and Reconstructions
    loads the shared model and data and fills the per-model caches. Returns seconds per visit."""
    c = StClient(base, timeout=max(timeout, 180))
    out = {}
    try:
        t = time.perf_counter()
        await c.open("")
        out["home"] = time.perf_counter() - t
        for page in ("explore", "latent-map", "reconstructions"):
            t = time.perf_counter()
            await c.rerun(page=page)
            out[page] = time.perf_counter() - t
    finally:
        await c.close()
    return out

async def run_test(args, base_url: str, server: Server | None) -> tuple[Test, dict]:
    test = Test(args, base_url)
    n_browsers = min(args.browsers, args.sessions)
    n_ws = args.sessions - n_browsers
    trainers = set(range(min(args.trainings, n_ws)))
    usage0 = server.usage() if server else (float("nan"), float("nan"))
    client0 = time.process_time()
    busy0 = machine_busy()
    peak_rss = [0.0]

    async def sample_rss():
        while True:
            if server:
                peak_rss[0] = max(peak_rss[0], server.usage()[1])
            await asyncio.sleep(1.0)

    tasks = [asyncio.create_task(ws_student(test, i, i in trainers)) for i in range(n_ws)]
    pw = browser = None
    if n_browsers:
        from playwright.async_api import async_playwright
        pw = await async_playwright().start()
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tasks += [asyncio.create_task(browser_student(test, browser, i, i < args.pad_sessions))
                  for i in range(n_browsers)]
    sampler = asyncio.create_task(sample_rss())
    cluster = getattr(args, "cluster", None)
    if cluster is not None and args.kill_worker_at is not None:
        async def killer():
            await asyncio.sleep(args.kill_worker_at)
            cluster.kill_one(test.now())
        tasks.append(asyncio.create_task(killer()))
    hard = args.ramp + args.duration + args.grace
    done, pending = await asyncio.wait(tasks, timeout=hard)
    for t in pending:                           # the hard stop: whatever is still running is cut off
        t.cancel()
    if pending:
        await asyncio.wait(pending, timeout=30)
        test.lost.extend(f"session cut off at the hard stop ({hard:.0f} s)" for _ in pending)
    for t in done:
        if t.exception() is not None:
            test.lost.append(f"session crashed: {type(t.exception()).__name__}: {t.exception()}")
    sampler.cancel()
    wall = test.now()
    if browser:
        await browser.close()
        await pw.stop()
    usage1 = server.usage() if server else (float("nan"), float("nan"))
    busy1 = machine_busy()
    meta = {"machine_busy": (busy1[0] - busy0[0]) / max(busy1[1] - busy0[1], 1e-9),   # cores busy on average
            "load_end": os.getloadavg(),
            "wall": wall, "server_cpu": usage1[0] - usage0[0], "server_rss_end": usage1[1],
            "server_rss_peak": peak_rss[0], "client_cpu": time.process_time() - client0,
            "n_ws": n_ws, "n_browsers": n_browsers, "trainers": len(trainers)}
    return test, meta


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    k = (len(v) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summarise(test: Test, meta: dict) -> dict:
    recs = test.records
    ok = [r for r in recs if r.seconds is not None]
    page = [r for r in ok if r.action in PAGE_INTERACTIONS]
    during = [r for r in page if r.trainings > 0]
    by = {}
    for r in ok:
        by.setdefault((r.kind, r.action), []).append(r.seconds)
    rows = []
    for (kind, action), v in sorted(by.items()):
        rows.append({"kind": kind, "action": action, "n": len(v), "median": statistics.median(v),
                     "p95": pct(v, 0.95), "max": max(v)})
    fps = [d["fps"] for d in test.pad_drags]
    return {
        "interactions": len(recs), "ok": len(ok), "errors": [asdict(r) for r in recs if r.error],
        # a browser input the page never acted on (no script run started, nothing changed): the driver's
        # click or key press did not reach the widget, not a failed run of the app
        "not_taken": sum(1 for r in recs if r.error and "runs seen {'runs': 0" in r.error),
        "exception_boxes": sum(r.exceptions for r in recs),
        "page_p50": pct([r.seconds for r in page], 0.5), "page_p95": pct([r.seconds for r in page], 0.95),
        "page_n": len(page),
        "during_p50": pct([r.seconds for r in during], 0.5), "during_p95": pct([r.seconds for r in during], 0.95),
        "during_n": len(during),
        "during_browser_p95": pct([r.seconds for r in during if r.kind == "browser"], 0.95),
        "during_ws_p95": pct([r.seconds for r in during if r.kind == "ws"], 0.95),
        "rows": rows, "pad": test.pad_drags, "pad_fps_min": min(fps) if fps else float("nan"),
        "pad_fps_median": statistics.median(fps) if fps else float("nan"),
        "trainings": test.training_log, "disconnects": test.disconnects, "lost": test.lost,
        "console_errors": test.console_errors, **meta,
    }


def report(s: dict, args, command: str, load: tuple) -> str:
    f = lambda v: "—" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"
    L = [f"### Load test: {args.sessions} sessions ({s['n_browsers']} Chromium pages + {s['n_ws']} protocol "
         f"clients), {s['trainers']} trainings",
         "",
         f"Command: `{command}` · {time.strftime('%Y-%m-%d %H:%M')} · {platform.machine()}, {os.cpu_count()} "
         f"cores · load average before the run {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min), "
         f"after it {s['load_end'][0]:.2f} (1 min)",
         "",
         f"Think time {args.think[0]:g}–{args.think[1]:g} s between actions; ramp-up {args.ramp:g} s; "
         f"{args.duration:g} s of activity; wall {s['wall']:.0f} s. Server CPU {s['server_cpu']:.0f} s "
         f"({s['server_cpu'] / max(s['wall'], 1e-9) * 100:.0f} % of one core); the whole machine was busy "
         f"{s['machine_busy']:.2f} of {os.cpu_count()} cores on average (server, Chromium, this test and "
         f"other users' processes together). Server memory peak "
         f"{s['server_rss_peak']:.0f} MB; this test's own process (protocol clients + Playwright driver) used "
         f"{s['client_cpu']:.0f} s CPU, Chromium comes on top.",
         "",
         "| | result | target |", "|---|---|---|",
         f"| interactions (ok / all) | {s['ok']} / {s['interactions']} | all ok |",
         f"| errors | {len(s['errors'])} (of which {s['not_taken']} browser inputs the page never acted on: no "
         f"script run started) | 0 |",
         f"| exception boxes | {s['exception_boxes']} | 0 |",
         f"| disconnects / lost sessions | {len(s['disconnects'])} / {len(s['lost'])} | 0 / 0 |",
         f"| page interactions, all: median / p95 | {f(s['page_p50'])} s / {f(s['page_p95'])} s "
         f"(n = {s['page_n']}) | |",
         f"| page interactions while trainings run: median / p95 | {f(s['during_p50'])} s / "
         f"**{f(s['during_p95'])} s** (n = {s['during_n']}; browser p95 {f(s['during_browser_p95'])} s, "
         f"protocol p95 {f(s['during_ws_p95'])} s) | p95 < 1 s |",
         f"| live pad frames / s in drags (min / median) | {f(s['pad_fps_min'])} / {f(s['pad_fps_median'])} "
         f"({len(s['pad'])} drags) | ≥ 30 |",
         f"| browser console errors | {len(s['console_errors'])} | 0 |",
         "",
         "| session kind | action | n | median s | p95 s | max s |", "|---|---|---|---|---|---|"]
    for r in s["rows"]:
        L.append(f"| {r['kind']} | {r['action']} | {r['n']} | {r['median']:.3f} | {r['p95']:.3f} | "
                 f"{r['max']:.3f} |")
    if s["trainings"]:
        tr = s["trainings"]
        subs = [t["submitted"] for t in tr if t["submitted"] is not None]
        ends = [t["finished"] for t in tr if t["finished"] is not None]
        outcomes = {}
        for t in tr:
            key = (t["outcome"] or "none").split(":")[0]
            outcomes[key] = outcomes.get(key, 0) + 1
        errs = [t["finished"] - (t["eta"][0] + t["eta"][1]) for t in tr if t["eta"] and t["finished"] is not None]
        L += ["", f"**Trainings:** {len(tr)} submitted between {min(subs, default=0):.1f} s and "
                  f"{max(subs, default=0):.1f} s ({max(subs, default=0) - min(subs, default=0):.1f} s apart); "
                  f"outcomes {', '.join(f'{k} {v}' for k, v in sorted(outcomes.items()))}; the last ended "
                  f"**{max(ends, default=0) - min(subs, default=0):.1f} s** after the first was submitted. "
                  + (f"First estimate shown ('ready in about …') minus the real end: median "
                     f"{statistics.median(errs):+.1f} s, range {min(errs):+.1f} … {max(errs):+.1f} s "
                     f"(positive: it ended later than said; the page's estimate is seen at most once a second). "
                     if errs else "")
                  + (f"Worker killed at {', '.join(f'{a:.1f} s ({w})' for a, w in s['killed'])}; "
                     f"{sum(t['worker_lost_msg'] for t in tr)} pages showed the lost-worker sentence."
                     if s.get("killed") else ""),
              "", "| training session | submitted at s | ended after s | queue places seen | first estimate | outcome |",
              "|---|---|---|---|---|---|"]
        for t in tr:
            pos = sorted(set(t["positions"]), reverse=True)
            eta = f"{t['eta'][1]:.0f} s at {t['eta'][0]:.1f} s" if t["eta"] else "—"
            L.append(f"| {t['session']} | {(t['submitted'] or float('nan')):.1f} | "
                     f"{t.get('seconds', float('nan')):.1f} | {', '.join(map(str, pos[:6])) or '—'}"
                     f"{' …' if len(pos) > 6 else ''} | {eta} | {t['outcome']} |")
    if s["pad"]:
        L += ["", "| pad drag | page | trainings running | frames / s | animation frames / s | decode ms "
                  "(mean / max) |", "|---|---|---|---|---|---|"]
        for d in s["pad"]:
            L.append(f"| {d['session']} @ {d['start']:.0f} s | {d['page']} | {d['trainings']} | {d['fps']:.1f} | "
                     f"{d['raf_fps']:.1f} | {d['decodeMs'] / max(d['decodes'], 1):.2f} / {d['maxDecodeMs']:.2f} |")
    if s["errors"]:
        L += ["", "Errors (first 10):", ""]
        L += [f"- {e['session']} {e['action']} {e['detail']} at {e['start']:.1f} s: {e['error']}"
              for e in s["errors"][:10]]
    for title, items in (("Disconnects", s["disconnects"]), ("Lost sessions", s["lost"]),
                         ("Browser console errors (first 5)", s["console_errors"][:5])):
        if items:
            L += ["", f"{title}:", ""] + [f"- {x}" for x in items]
    return "\n".join(L) + "\n"


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=30, help="simultaneous sessions in all (N)")
    ap.add_argument("--browsers", type=int, default=4, help="how many of them are real Chromium pages")
    ap.add_argument("--pad-sessions", type=int, default=2, help="browser sessions that drag the live pad")
    ap.add_argument("--trainings", type=int, default=3, help="protocol sessions that start a short training")
    ap.add_argument("--train-epochs", type=int, default=2)
    ap.add_argument("--duration", type=float, default=120, help="seconds of classroom activity after the ramp")
    ap.add_argument("--ramp", type=float, default=10, help="sessions arrive spread over this many seconds")
    ap.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                    help="seconds a student waits between actions")
    ap.add_argument("--max-actions", type=int, default=200, help="actions per session at most")
    ap.add_argument("--grid-rate", type=float, default=0.2, help="chance per Explore visit to change the grid size")
    ap.add_argument("--pad-seconds", type=float, default=3.0, help="length of one pad drag")
    ap.add_argument("--uploads", action="store_true", help="browser students also upload a digit picture and a "
                    "model file once per round (bench/soak.py turns it on)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds one interaction may take before it fails")
    ap.add_argument("--train-timeout", type=float, default=300, help="seconds to wait for a training to end")
    ap.add_argument("--grace", type=float, default=120, help="hard stop this long after the activity ends")
    ap.add_argument("--no-warmup", action="store_true", help="skip the teacher's first visit (cold caches)")
    ap.add_argument("--server", default=None, help="drive this running app instead of starting one")
    ap.add_argument("--app-dir", type=Path, default=ROOT, help="the app checkout to run (default: this one)")
    ap.add_argument("--server-arg", action="append", default=[], help="extra `streamlit run` argument")
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server's environment")
    ap.add_argument("--out", type=Path, default=None, help="write the markdown report here")
    ap.add_argument("--json", type=Path, default=None, help="write every record here")
    ap.add_argument("--server-log", type=Path, default=None)
    ap.add_argument("--cluster-workers", type=int, default=0, help="start a Dask scheduler and this many workers "
                    "on 127.0.0.1 and point the app at them (VAE_SCHEDULER); 0: the app's embedded cluster")
    ap.add_argument("--kill-worker-at", type=float, default=None, help="kill one of those workers (nanny and "
                    "all) this many seconds into the test")
    return ap.parse_args(argv)


def main(argv=None) -> dict:
    args = parse_args(argv)
    command = "python bench/load_test.py " + " ".join(sys.argv[1:] if argv is None else argv)
    load = os.getloadavg()
    env = dict(kv.split("=", 1) for kv in args.env)
    server = None
    if args.server:
        base = args.server.rstrip("/")
        if not base.startswith(("http://127.0.0.1", "http://localhost")):
            raise SystemExit("--server must be on 127.0.0.1 (this test sends traffic to this machine only)")
    else:
        if args.cluster_workers:
            args.cluster = DaskCluster(args.cluster_workers, args.server_log.with_suffix(".dask.log")
                                       if args.server_log else None)
            args.cluster.wait_ready(args.cluster_workers)
            env["VAE_SCHEDULER"] = args.cluster.address
        server = Server(env, tuple(args.server_arg), args.server_log, args.app_dir)
        server.wait_healthy()
        base = server.url
    try:
        warm = None if args.no_warmup else asyncio.run(warm_up(base, args.timeout))
        test, meta = asyncio.run(run_test(args, base, server))
        meta["warm_up"] = warm
    finally:
        if server:
            server.stop()
        if getattr(args, "cluster", None) is not None:
            meta_killed = args.cluster.killed
            args.cluster.stop()
    s = summarise(test, meta)
    s["killed"] = meta_killed if getattr(args, "cluster", None) is not None else []
    text = report(s, args, command, load)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"summary": s, "records": [asdict(r) for r in test.records],
                                         "command": command, "load": load}, indent=1, default=str))
    return s


if __name__ == "__main__":
    main()
