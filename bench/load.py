"""Seminar load test with protocol-level attendees: no browsers in the way.

    bash run.sh bench --load [options]          # this file, via bench/run.py's caller
    .venv/bin/python bench/load.py --n 100 --over 60                  # 100 attendees within a minute
    .venv/bin/python bench/load.py --n 200 --pool 200 --over 60       # a pre-warmed pool of 200
    .venv/bin/python bench/load.py --url http://127.0.0.1:8866 --n 10 # against a running server

Each simulated attendee does, over HTTP and the kernel's websocket, what a lesson page does in
the browser (Voila's page and ipywidgets' manager; see ``Attendee``):

1. GET the page (Voila streams it while the kernel runs the notebook) and its assets: what one
   real Chromium visit fetched from the server (``--assets browser``: about 60 scripts, chunks,
   styles, fonts and plotly.js, 10 MB for lesson 3; that visit is the end-to-end check) or only
   what the HTML names (``--assets page``); the page must be whole (Voila's closing script
   present, no "page did not finish" notice) and carry its kernel's id;
2. open the kernel's websocket (``/api/kernels/<id>/channels``), ask ``kernel_info``, then the
   widget states through ipywidgets' control comm (``jupyter.widget.control``, ``request_states``);
   the states must hold the page's control and its ruling (and, for a lesson with the swarm
   explorer, the explorer's "shown" reporter);
3. send the explorer's ``{"event": "shown"}`` (the browser sends it when the explorer is drawn);
   the kernel then creates the chart, which must arrive;
4. release one slider (an ipywidgets ``update`` of its value) and wait for a ruling's text to
   change: a run where it did not change is a failed run;
5. once everyone has joined, all attendees move the control again, each at a random moment within
   ``--op-window`` seconds (10; ``--ops`` times each, once by default), timed the same way: a
   presenter's "now move the slider";
6. leave as the page does: POST ``/voila/api/shutdown/<kernel>`` signed with the ``_xsrf`` cookie.

Arrivals: all at once (``--over 0``) or evenly spread over ``--over`` seconds. Reported per
attendee: time to page, to widgets (arrival until the widget states arrived), shown-to-chart,
control-to-ruling; errors by kind; the server's CPU-seconds per attendee during the run (server
process and its kernels, psutil) and per pre-heated kernel (while the pool filled); memory per
attendee (its kernel's RSS plus its share of the server process's growth); peak memory; kernels
left after leaving; and the capacity of one server that these imply.
Nothing here asserts a time: the README's "Performance" section states the targets.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import struct
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import aiohttp
import psutil

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))

from run import FLOOR, SEMINAR_PAGE, kernels, med, pct, server_tree, tree_cpu, tree_rss  # noqa: E402

RESULTS = BENCH / "results"
PAGE_TIMEOUT_S = 240.0
WIDGETS_TIMEOUT_S = 60.0
CHART_TIMEOUT_S = 30.0
OP_TIMEOUT_S = 30.0
#: Voila's closing script: a page without it was cut short.
PAGE_END = "window.voila_finish()"
#: What the course's server puts on a page it could not finish (server/page_guard.py).
PAGE_INCOMPLETE = "course-page-incomplete"


# --- what each page is -----------------------------------------------------------------------


@dataclass(frozen=True)
class LoadSpec:
    """How a simulated attendee finds and operates a page's widgets (by their synced state)."""

    notebook: str
    control: str  # the slider's ``description`` (a prefix)
    values: tuple[float, float]  # set alternately; each must change the ruling
    ruling: str  # a model is a ruling if this occurs in its ``value`` or its ``_dom_classes``
    shown: bool = False  # the page has the swarm explorer's "shown" reporter (and then a chart)
    lesson: int | None = None  # its lesson number (data/lessons.yaml), for the seminar pool


SPECS = {
    "floor": LoadSpec(FLOOR, "Value", (6, 5), "bench-floor-ruling"),
    "03_malibu_ndill": LoadSpec(SEMINAR_PAGE, "Assumed hours each Doe stays", (10.0, 1.0), "course-ruling",
                                shown=True, lesson=3),
}


def find_models(states: dict[str, Any], spec: LoadSpec) -> tuple[str | None, list[str], str | None]:
    """(control model id, ruling model ids, "shown" reporter id) in ipywidgets' states."""
    control, rulings, shown = None, [], None
    for mid, s in states.items():
        st = s.get("state", {})
        name = s.get("model_name", "")
        if control is None and name.endswith("SliderModel") and str(st.get("description", "")).startswith(spec.control):
            control = mid
        value = st.get("value")
        if (isinstance(value, str) and spec.ruling in value) or spec.ruling in (st.get("_dom_classes") or []):
            rulings.append(mid)
        esm = st.get("_esm")
        if isinstance(esm, str) and "event: 'shown'" in esm:
            shown = mid
    return control, rulings, shown


# --- the kernel websocket (Jupyter's JSON protocol, as jupyter_server speaks it without a subprotocol)


def _now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


def decode_frame(data: bytes | str) -> dict[str, Any]:
    """A websocket frame from the server: JSON text, or jupyter_server's binary framing
    (uint32 count, uint32 offsets, the JSON message, then its buffers)."""
    if isinstance(data, str):
        return json.loads(data)
    (n,) = struct.unpack("!I", data[:4])
    offsets = list(struct.unpack(f"!{n}I", data[4:4 * (n + 1)])) + [len(data)]
    msg = json.loads(data[offsets[0]:offsets[1]].decode("utf-8"))
    msg["buffers"] = [data[offsets[i]:offsets[i + 1]] for i in range(1, n)]
    return msg


class Kernel:
    """One attendee's connection to its kernel: send requests, route what comes back."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, session_id: str):
        self.ws = ws
        self.session_id = session_id
        self.waiters: list[tuple[Any, asyncio.Future]] = []  # (predicate, future)
        self.closed = False
        self.reader = asyncio.create_task(self._read())

    def send(self, channel: str, msg_type: str, content: dict[str, Any], metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        msg = {"header": {"msg_id": msg_id, "username": "attendee", "session": self.session_id,
                          "msg_type": msg_type, "version": "5.3", "date": _now_iso()},
               "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel, "buffers": []}
        task = asyncio.create_task(self.ws.send_str(json.dumps(msg)))
        task.add_done_callback(lambda t: t.cancelled() or t.exception())  # a closed socket shows in the waits
        return msg_id

    def expect(self, predicate) -> asyncio.Future:
        """A future for the first message (from now on) for which ``predicate(msg)`` is true."""
        fut = asyncio.get_running_loop().create_future()
        self.waiters.append((predicate, fut))
        return fut

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                if frame.type not in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
                    break
                msg = decode_frame(frame.data)
                for pred, fut in list(self.waiters):
                    if not fut.done() and pred(msg):
                        fut.set_result((time.monotonic(), msg))
                        self.waiters.remove((pred, fut))
        except Exception:  # the connection dropped: pending waits fail below
            pass
        finally:
            self.closed = True
            for _, fut in self.waiters:
                if not fut.done():
                    fut.set_exception(ConnectionError("the kernel's websocket closed"))

    async def close(self) -> None:
        await self.ws.close()
        self.reader.cancel()


def comm_msg_for(comm_id: str, method: str | None = None):
    def pred(msg):
        c = msg.get("content", {})
        return (msg.get("msg_type") == "comm_msg" and c.get("comm_id") == comm_id
                and (method is None or c.get("data", {}).get("method") == method))
    return pred


# --- one attendee -------------------------------------------------------------------------------


class AttendeeError(Exception):
    """A failed attendee; ``kind`` groups the errors in the report."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


_ASSET_RE = re.compile(r"""<(?:script[^>]*\ssrc|link[^>]*\shref)=["']([^"']+)["']""", re.I)


def page_assets(html: str, page_url: str) -> list[str]:
    """The scripts and style sheets the page names on its own server (not data: or other hosts)."""
    host = urlparse(page_url).netloc
    out = []
    for ref in _ASSET_RE.findall(html):
        url = urljoin(page_url, ref.replace("&amp;", "&"))
        if urlparse(url).netloc == host and url not in out:
            out.append(url)
    return out


@dataclass
class Attendee:
    index: int
    base: str
    spec: LoadSpec
    rec: dict[str, Any] = field(default_factory=dict)
    kernel_id: str | None = None
    op_timeout_s: float = OP_TIMEOUT_S
    manifest: list[str] | None = None  # the paths a browser fetched for the page (browser_manifest)

    async def join(self, http: aiohttp.ClientSession, t_arrive: float) -> "Kernel":
        spec, rec = self.spec, self.rec
        url = f"{self.base}/voila/render/{spec.notebook}"
        try:
            async with http.get(url, timeout=aiohttp.ClientTimeout(total=PAGE_TIMEOUT_S)) as r:
                html = await r.text()
                if r.status != 200:
                    raise AttendeeError(f"page HTTP {r.status}")
        except asyncio.TimeoutError:
            raise AttendeeError("page not served in time", f"{PAGE_TIMEOUT_S:.0f} s") from None
        except aiohttp.ClientError as e:
            raise AttendeeError("page connection failed", e.__class__.__name__) from None
        rec["page_ms"] = (time.monotonic() - t_arrive) * 1000
        if PAGE_INCOMPLETE in html:
            raise AttendeeError("page served with a 'did not finish' notice")
        if PAGE_END not in html:
            raise AttendeeError("page cut short")
        m = re.search(r'<script id="jupyter-config-data" type="application/json">\s*(.*?)\s*</script>', html, re.S)
        self.kernel_id = json.loads(m.group(1)).get("kernelId") if m else None
        if not self.kernel_id:
            raise AttendeeError("page without a kernel")
        if self.manifest is None:
            assets = page_assets(html, url)
        else:  # what a browser fetched for this page, and its check that the kernel exists
            assets = [self.base + path for path in self.manifest] + [f"{self.base}/api/kernels/{self.kernel_id}"]
        results = await asyncio.gather(*(self._get(http, a) for a in assets), return_exceptions=True)
        bad = [a for a, ok in zip(assets, results) if ok is not True]
        if bad:
            raise AttendeeError("asset not served", bad[0])
        rec["assets"] = len(assets)
        rec["page_bytes"] = len(html)

        ws_url = f"{self.base.replace('http', 'ws', 1)}/api/kernels/{self.kernel_id}/channels?session_id={uuid.uuid4().hex}"
        try:
            ws = await http.ws_connect(ws_url, max_msg_size=0, timeout=aiohttp.ClientWSTimeout(ws_close=10),
                                       heartbeat=None)
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            raise AttendeeError("websocket refused", str(getattr(e, "status", e.__class__.__name__))) from None
        kernel = Kernel(ws, ws_url.rsplit("=", 1)[1])
        try:
            info = kernel.expect(lambda m: m.get("msg_type") == "kernel_info_reply")
            kernel.send("shell", "kernel_info_request", {})
            await asyncio.wait_for(info, WIDGETS_TIMEOUT_S)
            comm_id = uuid.uuid4().hex
            states = kernel.expect(comm_msg_for(comm_id, "update_states"))
            kernel.send("shell", "comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                        {"version": "1.0.0"})  # ipywidgets' control-comm protocol, as the page sends it
            kernel.send("shell", "comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
            t, msg = await asyncio.wait_for(states, WIDGETS_TIMEOUT_S)
            kernel.send("shell", "comm_close", {"comm_id": comm_id, "data": {}})
        except asyncio.TimeoutError:
            await kernel.close()
            raise AttendeeError("widget states not received", f"{WIDGETS_TIMEOUT_S:.0f} s") from None
        except ConnectionError:
            raise AttendeeError("websocket closed while loading widgets") from None
        rec["widgets_ms"] = (t - t_arrive) * 1000
        self.states = msg["content"]["data"].get("states", {})
        rec["models"] = len(self.states)
        self.control, self.rulings, shown = find_models(self.states, spec)
        if self.control is None or not self.rulings:
            await kernel.close()
            raise AttendeeError("page without its control or ruling", f"{len(self.states)} widget models")
        if spec.shown:
            if shown is None:
                await kernel.close()
                raise AttendeeError("page without the swarm explorer")
            t0 = time.monotonic()
            chart = kernel.expect(lambda m: m.get("msg_type") == "comm_open"
                                  and m["content"].get("target_name") == "jupyter.widget"
                                  and "figure" in m["content"].get("data", {}).get("state", {}))
            kernel.send("shell", "comm_msg", {"comm_id": shown, "data": {"method": "custom", "content": {"event": "shown"}}})
            try:
                t, _ = await asyncio.wait_for(chart, CHART_TIMEOUT_S)
            except (asyncio.TimeoutError, ConnectionError):
                await kernel.close()
                raise AttendeeError("chart not drawn after 'shown'") from None
            rec["chart_ms"] = (t - t0) * 1000
        return kernel

    @staticmethod
    async def _get(http: aiohttp.ClientSession, url: str) -> bool:
        try:
            async with http.get(url, timeout=aiohttp.ClientTimeout(total=PAGE_TIMEOUT_S)) as r:
                async for _ in r.content.iter_chunked(1 << 16):  # read and let go, as a cache would keep it
                    pass
                return r.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False

    async def operate(self, kernel: Kernel, i: int) -> float:
        """Release the slider at its next value; ms until a ruling's text changed."""
        value = self.spec.values[i % 2]
        rulings = set(self.rulings)
        before = {m: self.states[m]["state"].get("value") for m in rulings}

        def changed(msg):
            c = msg.get("content", {})
            if msg.get("msg_type") != "comm_msg" or c.get("comm_id") not in rulings:
                return False
            d = c.get("data", {})
            new = d.get("state", {}).get("value")
            return d.get("method") in ("update", "echo_update") and new is not None and new != before[c["comm_id"]]

        fut = kernel.expect(changed)
        t0 = time.monotonic()
        kernel.send("shell", "comm_msg", {"comm_id": self.control,
                                          "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}})
        try:
            t, msg = await asyncio.wait_for(fut, self.op_timeout_s)
        except asyncio.TimeoutError:
            raise AttendeeError("the control did not change the ruling", f"{self.op_timeout_s:.0f} s") from None
        except ConnectionError:
            raise AttendeeError("websocket closed while operating") from None
        mid = msg["content"]["comm_id"]
        self.states[mid]["state"]["value"] = msg["content"]["data"]["state"]["value"]
        return (t - t0) * 1000

    async def leave(self, http: aiohttp.ClientSession) -> None:
        if not self.kernel_id:
            return
        xsrf = next((c.value for c in http.cookie_jar if c.key == "_xsrf"), None)
        try:
            async with http.post(f"{self.base}/voila/api/shutdown/{self.kernel_id}",
                                 headers={"X-XSRFToken": xsrf} if xsrf else {},
                                 timeout=aiohttp.ClientTimeout(total=30)) as r:
                self.rec["leave_status"] = r.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            self.rec["leave_status"] = e.__class__.__name__


# --- a run -----------------------------------------------------------------------------------


async def seminar_run(base: str, pid: int | None, spec: LoadSpec, n: int, over_s: float, ops: int,
                      op_window_s: float, log=print, op_timeout_s: float = OP_TIMEOUT_S,
                      manifest: list[str] | None = None) -> dict[str, Any]:
    """``n`` attendees arrive (all at once, or evenly over ``over_s``), join, move the control once;
    when all have joined they all move it ``ops`` more times within ``op_window_s``; then leave."""
    base_rss = tree_rss(pid) if pid else None
    base_kernels = len(kernels(pid)) if pid else None
    cpu0 = tree_cpu(pid) if pid else None
    base_server_rss = server_rss(pid) if pid else None
    peak = {"rss": base_rss or 0, "kernels": base_kernels or 0, "server_rss": base_server_rss or 0}
    attendees = [Attendee(i, base, spec, op_timeout_s=op_timeout_s, manifest=manifest) for i in range(n)]
    joined = asyncio.Event()
    n_joined = n_moved = 0
    moved = asyncio.Event()
    snapshot: dict[str, Any] = {}
    stop_sampling = asyncio.Event()

    def measure() -> None:
        peak["rss"] = max(peak["rss"], tree_rss(pid))
        peak["kernels"] = max(peak["kernels"], len(kernels(pid)))
        peak["server_rss"] = max(peak["server_rss"], server_rss(pid))

    async def sample():
        while not stop_sampling.is_set():
            if pid:  # in a thread: reading 200 processes' /proc must not hold up the attendees' clocks
                await asyncio.to_thread(measure)
            try:
                await asyncio.wait_for(stop_sampling.wait(), 1.0)
            except asyncio.TimeoutError:
                pass

    t_start = time.monotonic()
    load_at_start = os.getloadavg()
    client_cpu0 = sum(os.times()[:2])

    async def one(a: Attendee) -> None:
        nonlocal n_joined
        await asyncio.sleep(a.index * over_s / max(n, 1))
        t_arrive = time.monotonic()
        a.rec["arrival_s"] = t_arrive - t_start
        kernel = None
        connector = aiohttp.TCPConnector(limit=6)  # as a browser: six connections to one host
        async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            try:
                kernel = await a.join(http, t_arrive)
                a.rec["op_ms"] = [await a.operate(kernel, 0)]
                a.rec["joined"] = True
            except AttendeeError as e:
                a.rec["error"] = str(e)
                a.rec["error_kind"] = e.kind
            except Exception as e:  # a harness or protocol surprise: still an error of the run
                a.rec["error"] = f"{e.__class__.__name__}: {e}"
                a.rec["error_kind"] = f"unexpected {e.__class__.__name__}"
            finally:
                n_joined += 1
                if n_joined == n:
                    joined.set()
            await joined.wait()
            if kernel is not None and "error" not in a.rec:
                a.rec["together_ms"] = []
                try:
                    for i in range(1, ops + 1):
                        await asyncio.sleep(random.uniform(0, op_window_s / max(ops, 1)))
                        a.rec["together_ms"].append(await a.operate(kernel, i))
                except AttendeeError as e:
                    a.rec["error"] = str(e)
                    a.rec["error_kind"] = e.kind
            nonlocal n_moved
            n_moved += 1
            if n_moved == n:  # everyone is present and has moved: what they hold
                snapshot.update(await asyncio.to_thread(memory_snapshot, pid) if pid else {})
                moved.set()
            await moved.wait()
            if a.kernel_id in snapshot.get("kernels", {}):
                a.rec["kernel_rss"], a.rec["kernel_uss"] = snapshot["kernels"][a.kernel_id]
            if kernel is not None:
                await kernel.close()
            await a.leave(http)

    sampler = asyncio.create_task(sample())
    await asyncio.gather(*(one(a) for a in attendees))
    wall = time.monotonic() - t_start
    cpu = (tree_cpu(pid) - cpu0) if pid else None
    stop_sampling.set()
    await sampler
    # Memory returns to the baseline once the attendees have left (their kernels shut down).
    left = None
    if pid:
        ids = {a.kernel_id for a in attendees if a.kernel_id}
        t1 = time.monotonic()
        while time.monotonic() - t1 < 60:
            left = len([k for k in kernel_ids(pid) if k in ids])
            if not left:
                break
            await asyncio.sleep(1)
    recs = [a.rec for a in attendees]
    errors = collections.Counter(r["error_kind"] for r in recs if "error_kind" in r)
    rec = {
        "notebook": spec.notebook, "n": n, "over_s": over_s, "ops": ops, "wall_s": wall,
        "load_average_at_start": load_at_start, "load_average_at_end": os.getloadavg(),
        "client_cpu_s": sum(os.times()[:2]) - client_cpu0,  # this harness's own, on the same cores
        "errors": dict(errors), "error_examples": sorted({r["error"] for r in recs if "error" in r})[:10],
        "completed": sum(1 for r in recs if r.get("joined") and "error" not in r),
        "page_ms": [r["page_ms"] for r in recs if "page_ms" in r],
        "widgets_ms": [r["widgets_ms"] for r in recs if "widgets_ms" in r],
        "chart_ms": [r["chart_ms"] for r in recs if "chart_ms" in r],
        "op_ms": [x for r in recs for x in r.get("op_ms", [])],
        "together_ms": [x for r in recs for x in r.get("together_ms", [])],
        "models": med([r["models"] for r in recs if "models" in r]),
        "served_out_of_order": out_of_order(recs),
        "kernel_rss": [r["kernel_rss"] for r in recs if r.get("kernel_rss")],
        "kernel_uss": [r["kernel_uss"] for r in recs if r.get("kernel_uss")],
        "present_pss": snapshot.get("tree_pss"),  # server + every kernel, all attendees present
        "server_cpu_s": cpu, "cpu_s_per_attendee": cpu / n if cpu is not None else None,
        "base_rss": base_rss, "peak_rss": peak["rss"] if pid else None, "peak_kernels": peak["kernels"] if pid else None,
        # What one more attendee costs: its own kernel's own memory (USS: the libraries it shares with
        # the other kernels count once for all), plus its share of the server process's growth
        # (the pool's idle kernels, there before anyone came, are not counted against the attendees).
        "server_rss_base": base_server_rss, "server_rss_peak": peak["server_rss"] if pid else None,
        "server_growth_per_attendee": (peak["server_rss"] - base_server_rss) / n if pid else None,
        "rss_per_attendee": (med([r["kernel_uss"] for r in recs if r.get("kernel_uss")]) or 0)
        + (peak["server_rss"] - base_server_rss) / n if pid else None,
        "kernels_left_after_leaving": left, "rss_after_leaving": tree_rss(pid) if pid else None,
        "server_rss_after_leaving": server_rss(pid) if pid else None,
        "attendees": recs,
    }
    log(summary_line(rec))
    return rec


def out_of_order(recs: list[dict[str, Any]]) -> float | None:
    """Share of attendee pairs whose widgets were ready in the opposite order of their arrival
    (0: first come, first served; about 0.5: no order). Arrival order is the attendee's index."""
    done = [(i, r["arrival_s"] + r["widgets_ms"] / 1000) for i, r in enumerate(recs) if "widgets_ms" in r]
    pairs = [(a, b) for k, a in enumerate(done) for b in done[k + 1:]]
    if not pairs:
        return None
    return sum(1 for (_, ta), (_, tb) in pairs if tb < ta) / len(pairs)


def kernel_ids(pid: int) -> list[str]:
    out = []
    for p in kernels(pid):
        try:
            m = re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(p.cmdline()))
        except psutil.NoSuchProcess:
            continue
        if m:
            out.append(m.group(1))
    return out


def memory_snapshot(pid: int) -> dict[str, Any]:
    """Each kernel's RSS and USS (memory only it holds) by kernel id, and the proportional set
    size (PSS: shared pages split among their sharers) of the server and all its kernels, which
    adds up to the memory they really take."""
    out: dict[str, Any] = {"kernels": {}, "tree_pss": 0}
    for i, p in enumerate(server_tree(pid)):
        try:
            m = p.memory_full_info()
            out["tree_pss"] += m.pss
            if i == 0:
                out["server_pss"] = m.pss
                continue
            found = re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(p.cmdline()))
        except psutil.NoSuchProcess:
            continue
        if found:
            out["kernels"][found.group(1)] = (m.rss, m.uss)
    return out


# --- reporting --------------------------------------------------------------------------------


def _s(v: float | None) -> str:
    return "—" if v is None else f"{v / 1000:.1f} s" if v >= 1000 else f"{v:.0f} ms"


def _mb(v: float | None) -> str:
    return "—" if v is None else f"{v / 2**20:.0f} MB"


def summary_line(r: dict[str, Any]) -> str:
    arrival = "at once" if not r["over_s"] else f"over {r['over_s']:.0f} s"
    return (f"{Path(r['notebook']).stem} N={r['n']} {arrival}: done {r['completed']}, errors {r['errors'] or 0}; "
            f"page p50/p95 {_s(med(r['page_ms']))}/{_s(pct(r['page_ms'], 95))}, "
            f"widgets p50/p95/max {_s(med(r['widgets_ms']))}/{_s(pct(r['widgets_ms'], 95))}/{_s(max(r['widgets_ms'], default=None))}, "
            f"control→ruling p50/p95 {_s(med(r['op_ms']))}/{_s(pct(r['op_ms'], 95))}, "
            f"together p50/p95 {_s(med(r['together_ms']))}/{_s(pct(r['together_ms'], 95))}, "
            + (f"CPU {r['cpu_s_per_attendee']:.2f} s/attendee, +{_mb(r['rss_per_attendee'])}/attendee, "
               f"kernel RSS/USS {_mb(med(r['kernel_rss']))}/{_mb(med(r['kernel_uss']))}, all present {_mb(r['present_pss'])} PSS, "
               f"peak RSS sum {_mb(r['peak_rss'])}, kernels left {r['kernels_left_after_leaving']}, "
               if r["server_cpu_s"] is not None else "")
            + f"harness CPU {r['client_cpu_s']:.0f} s, wall {r['wall_s']:.0f} s")


def table(runs: list[dict[str, Any]]) -> str:
    lines = ["| page | N | arrival | pool | done | errors | page p50 / p95 | widgets p50 / p95 / max | control→ruling p50 / p95 (joining) | p50 / p95 (all moving) | CPU-s / attendee | memory / attendee | kernel RSS / USS | memory, all present (PSS) | peak RSS sum | kernels left |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in runs:
        arrival = "at once" if not r["over_s"] else f"over {r['over_s']:.0f} s"
        errs = ", ".join(f"{v} {k}" for k, v in r["errors"].items()) or "0"
        lines.append(
            f"| {Path(r['notebook']).stem} | {r['n']} | {arrival} | "
            f"{r.get('pool', '—')} | {r['completed']} | {errs} | {_s(med(r['page_ms']))} / {_s(pct(r['page_ms'], 95))} | "
            f"{_s(med(r['widgets_ms']))} / {_s(pct(r['widgets_ms'], 95))} / {_s(max(r['widgets_ms'], default=None))} | "
            f"{_s(med(r['op_ms']))} / {_s(pct(r['op_ms'], 95))} | {_s(med(r['together_ms']))} / {_s(pct(r['together_ms'], 95))} | "
            + (f"{r['cpu_s_per_attendee']:.2f} | {_mb(r['rss_per_attendee'])} | {_mb(med(r['kernel_rss']))} / "
               f"{_mb(med(r['kernel_uss']))} | {_mb(r['present_pss'])} | {_mb(r['peak_rss'])} | "
               f"{r['kernels_left_after_leaving']} |" if r["server_cpu_s"] is not None else "— | — | — | — | — | — |"))
    return "\n".join(lines)


def capacity(run: dict[str, Any], pool: dict[str, Any] | None) -> dict[str, Any]:
    """What one 2-core / 24 GB server holds, from a run's per-attendee CPU and memory: memory bounds
    the attendees present at once (80% of the machine's memory, less the server's own); CPU bounds
    the joins a minute, from a pre-heated pool (join only) and beyond it (kernel start + join)."""
    if not run.get("rss_per_attendee") or run.get("cpu_s_per_attendee") is None:
        return {}
    cores, total = psutil.cpu_count() or 1, psutil.virtual_memory().total
    start_cpu = pool["cpu_s"] / pool["kernels"] if pool and pool.get("kernels") else None
    out = {"cores": cores, "memory": total, "attendees_by_memory": int((0.8 * total - run["server_rss_base"]) / run["rss_per_attendee"]),
           "cpu_s_per_join": run["cpu_s_per_attendee"], "cpu_s_per_kernel_start": start_cpu,
           "joins_per_minute_from_pool": 60 * cores / max(run["cpu_s_per_attendee"], 1e-9)}
    if start_cpu:
        out["joins_per_minute_without_pool"] = 60 * cores / (start_cpu + run["cpu_s_per_attendee"])
    return out


def capacity_text(c: dict[str, Any]) -> str:
    if not c:
        return ""
    text = (f"Capacity of one {c['cores']}-core / {c['memory'] / 2**30:.0f} GB server from this run: memory holds about "
            f"{c['attendees_by_memory']} attendees at once (80% of memory); CPU admits about "
            f"{c['joins_per_minute_from_pool']:.0f} joins a minute from a pre-heated pool ({c['cpu_s_per_join']:.2f} CPU-s a join)")
    if c.get("joins_per_minute_without_pool"):
        text += (f" and about {c['joins_per_minute_without_pool']:.0f} a minute beyond it "
                 f"({c['cpu_s_per_kernel_start']:.2f} CPU-s to pre-heat a kernel)")
    return text + "."


# --- the served folder and the server ------------------------------------------------------------


def make_root(notebooks: list[str]) -> Path:
    """A temporary server root holding only the pages of this run (so only their pools are warmed)."""
    root = Path(tempfile.mkdtemp(prefix="course-load-"))
    (root / "notebooks").mkdir()
    for nb in notebooks:
        src = BENCH / "floor.ipynb" if nb == FLOOR else ROOT / nb
        shutil.copy2(src, root / nb)
    return root


def start(notebooks: list[str], args: list[str]):
    from browser_support import start_server

    root = make_root(notebooks)
    server = start_server(root_dir=root, extra_args=args)
    server.bench_root = root
    return server


async def wait_for_pool(pid: int, want: int, max_s: float, log=print) -> dict[str, Any]:
    """Wait until ``want`` kernels are up and the server is idle; CPU-seconds and memory it took."""
    t0, cpu0, rss0 = time.monotonic(), tree_cpu(pid), server_rss(pid)
    while time.monotonic() - t0 < max_s and len(kernels(pid)) < want:
        await asyncio.sleep(1)
    while time.monotonic() - t0 < max_s and not await asyncio.to_thread(all_idle, pid):
        pass
    got = len(kernels(pid))
    info = {"kernels": got, "seconds": time.monotonic() - t0, "cpu_s": tree_cpu(pid) - cpu0,
            "server_rss_before": rss0, "rss": tree_rss(pid)}
    log(f"pool: {got} kernels in {info['seconds']:.0f} s, {info['cpu_s']:.0f} CPU-s, tree {_mb(info['rss'])}")
    return info


def all_idle(pid: int, over_s: float = 2.0, busy_share: float = 0.1) -> bool:
    """True if no process of the server's tree used more than ``busy_share`` of a core over
    ``over_s`` (every pre-heated kernel has run its notebook). Per process, not in total: 200 idle
    kernels together use a little CPU all the time."""
    def times() -> dict[int, float]:
        out = {}
        for p in server_tree(pid):
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return out

    before = times()
    time.sleep(over_s)
    after = times()
    return all(after[k] - before.get(k, 0.0) < busy_share * over_s for k in after)


def server_rss(pid: int) -> int:
    tree = server_tree(pid)
    return tree[0].memory_info().rss if tree else 0


async def browser_manifest(base: str, spec: LoadSpec) -> list[str]:
    """Open the page once in Chromium (the real-browser end-to-end check) and return the paths of
    everything it fetched from the server: scripts, chunks, styles, fonts, plotly.js (about 60
    files, 10 MB for lesson 3), less the page itself and the kernel API. Each simulated attendee
    then fetches the same, as a browser with an empty cache would. The visit uses one kernel."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.async_api import async_playwright

    seen: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()

            def request(r):
                path = r.url[len(base):] if r.url.startswith(base) else None
                if (r.method == "GET" and path and not path.startswith(("/api/", "/voila/render/"))
                        and path not in seen):
                    seen.append(path)

            page.on("request", request)
            await page.goto(f"{base}/voila/render/{spec.notebook}", timeout=PAGE_TIMEOUT_S * 1000)
            done = ".js-plotly-plot .main-svg" if spec.shown else "#rendered_cells"
            await page.wait_for_selector(done, state="visible", timeout=PAGE_TIMEOUT_S * 1000)
            await page.wait_for_load_state("networkidle", timeout=60_000)
            await page.evaluate("""async () => {
              const kid = JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId;
              const x = document.cookie.match(/_xsrf=([^;]+)/);
              await fetch(`${location.origin}/voila/api/shutdown/${kid}`,
                          {method: 'POST', headers: x ? {'X-XSRFToken': decodeURIComponent(x[1])} : {}});
            }""")
        finally:
            await browser.close()
    if not seen:
        raise RuntimeError("the browser fetched nothing from the server")
    return seen


async def main_async(a) -> dict[str, Any]:
    spec = SPECS[a.page]
    runs, pool_info, server = [], None, None
    started, load_before = _now_iso(), os.getloadavg()
    if a.url:
        base, pid = a.url.rstrip("/"), a.server_pid
    else:
        server_args = [f"--pool_size={a.pool_size}", *a.server_arg]
        if a.pool and spec.lesson is not None:  # the seminar pool: this lesson only (server/seminar_prewarm.py)
            expected = a.pool + (a.assets == "browser")  # the browser's visit is one more arrival
            server_args += [f"--SeminarPool.attendance={expected}", f"--SeminarPool.lesson={spec.lesson}",
                            f"--SeminarPool.max_kernels={max(expected, 200)}"]
        elif a.pool:
            server_args[0] = f"--pool_size={a.pool}"  # every notebook's pool (the browser's kernel is refilled)
        server = start(sorted({spec.notebook}), server_args)
        base, pid = server.url, server.process.pid
        print(f"server {base} (pid {pid}), args {server_args}", file=sys.stderr, flush=True)
    manifest = None
    try:
        if pid:
            want = (a.pool or a.pool_size) + (a.assets == "browser") if not a.url else 0
            pool_info = await wait_for_pool(pid, want, a.pool_wait, log=lambda m: print(m, file=sys.stderr, flush=True))
        if a.assets == "browser":
            manifest = await browser_manifest(base, spec)
            print(f"a browser fetched {len(manifest)} files besides the page; each attendee fetches them too",
                  file=sys.stderr, flush=True)
            t_idle = time.monotonic()
            while pid and time.monotonic() - t_idle < 120 and not await asyncio.to_thread(all_idle, pid):
                pass
        for i, n in enumerate(a.n):
            r = await seminar_run(base, pid, spec, n, a.over, a.ops, a.op_window,
                                  log=lambda m: print(m, file=sys.stderr, flush=True), manifest=manifest)
            r["assets"] = a.assets
            r["pool"] = a.pool or a.pool_size
            runs.append(r)
            if pid and i < len(a.n) - 1:
                await wait_for_pool(pid, a.pool or a.pool_size, a.pool_wait, log=lambda m: print(m, file=sys.stderr, flush=True))
    finally:
        log_tail = server.log()[-6000:] if server else ""
        if server:
            server.stop()
            shutil.rmtree(server.bench_root, ignore_errors=True)
    return {"command": " ".join(sys.argv), "started": started, "load_before": load_before, "load_after": os.getloadavg(),
            "machine": {"cores": psutil.cpu_count(), "memory": psutil.virtual_memory().total},
            "pool": pool_info, "manifest": manifest, "runs": runs, "server_log_tail": log_tail}


def parse(argv: list[str] | None = None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--page", choices=sorted(SPECS), default="03_malibu_ndill")
    ap.add_argument("--n", default="10", help="attendee counts, comma-separated (one run each)")
    ap.add_argument("--over", type=float, default=0.0, help="spread arrivals evenly over this many seconds (0: all at once)")
    ap.add_argument("--ops", type=int, default=1, help="control moves per attendee once everyone has joined")
    ap.add_argument("--op-window", type=float, default=10.0, help="seconds over which those moves are spread")
    ap.add_argument("--pool", type=int, default=0, help="pre-warm this many kernels for the page (the seminar pool)")
    ap.add_argument("--pool-size", type=int, default=1, help="the server's --pool_size for every other notebook")
    ap.add_argument("--pool-wait", type=float, default=600.0, help="seconds allowed for the pool to fill")
    ap.add_argument("--url", help="use this running server instead of starting one")
    ap.add_argument("--server-pid", type=int, help="with --url: the server's pid, for CPU and memory")
    ap.add_argument("--server-arg", action="append", default=[], help="extra option for server/launch.py")
    ap.add_argument("--out", type=Path, help="JSON results (default: bench/results/load.json)")
    ap.add_argument("--assets", choices=("browser", "page"), default="browser",
                    help="browser: fetch what one Chromium visit fetched (scripts, chunks, plotly.js); "
                         "page: only the scripts and styles named in the page's HTML (no Chromium needed)")
    ap.add_argument("--smoke", action="store_true", help="2 attendees, 1 move each, page assets only, no JSON unless --out")
    a = ap.parse_args(argv)
    if a.smoke:
        a.n, a.ops, a.op_window, a.assets = "2", 1, 1.0, "page"
    a.n = [int(x) for x in str(a.n).split(",") if x.strip()]
    return a


async def _stoppable(a) -> dict[str, Any]:
    """``main_async``, cancelled by SIGTERM (``timeout``, a CI limit) so that the server it started
    and that server's kernels are still stopped."""
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, asyncio.current_task().cancel)
    return await main_async(a)


def main(argv: list[str] | None = None) -> int:
    a = parse(argv)
    try:
        result = asyncio.run(_stoppable(a))
    except asyncio.CancelledError:
        print("stopped (SIGTERM); the server was stopped", file=sys.stderr)
        return 143
    print(table(result["runs"]))
    for r in result["runs"]:
        r["capacity"] = capacity(r, result["pool"])
        if r["capacity"]:
            print(f"\nN = {r['n']}: " + capacity_text(r["capacity"]))
    out = a.out or (None if a.smoke else RESULTS / "load.json")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    failed = sum(sum(r["errors"].values()) for r in result["runs"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
