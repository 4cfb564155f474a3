"""Benchmark: the course in Chromium against a floor served by the same Voila, in the same run.

    bash run.sh bench                 # the full benchmark (about 15 minutes on 2 cores); table + bench/results/course.json,
                                      # then the seminar load test (bench/load.py; bench/results/load.json)
    bash run.sh bench --quick         # a smoke run: 1 load per page, 2 operations, 2 attendees; writes only --out
    .venv/bin/python bench/run.py [--quick] [--out FILE] [--loads 5] [--ops 10] [--seminar 10,20,40]

Every figure is also given as a ratio to a floor measured in the same run on the same machine:
``bench/floor.ipynb`` (one IntSlider and one Label updated by ``observe``) and, for memory,
``bench/floor_pandas_plotly.ipynb`` (the same after importing pandas and plotly). The floors are
served by the course's own server (``server/launch.py`` + ``server/voila.json``): the server's root
is a temporary folder whose ``notebooks/`` holds a copy of the course's notebooks and the two
floors, so the floors get exactly the lessons' treatment (template, pre-heated kernels, culling).

What is measured (Chromium, ``tests/browser_support.py``'s flags, loopback only):

* time to interactive (TTI): navigation start until Voila's spinner is gone and the page's main
  control and first ruling (``section.course-ruling``, or the page's result text) are visible;
* full render: until every output, charts included, is drawn and the page has been quiet 800 ms;
* control-to-ruling: operate the page's main control by keyboard and time until the ruling's
  text changes (median and p95 over ``--ops`` operations);
* kernel memory: RSS of the page's own kernel (found by the page's ``kernelId``) after full render;
* seminar: N attendees (one browser, N contexts) open the same page at once and move its control:
  TTI distribution, errors, peak server memory (server + kernels), server CPU-seconds per attendee
  (server + kernels, from psutil; the browser excluded).

Between single-user loads the runner waits until the server is idle (the pre-heated pool refilled),
as for a reader who opens one lesson at a time. Nothing here asserts a time; the README's
``## Performance`` section states the targets against the table.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

import psutil

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser_support import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402

RESULTS = BENCH / "results"
FLOOR = "notebooks/bench_floor.ipynb"
FLOOR_PP = "notebooks/bench_floor_pandas_plotly.ipynb"
SEMINAR_PAGE = "notebooks/03_malibu_ndill.ipynb"
PAGE_TIMEOUT_MS = 120_000
OP_TIMEOUT_MS = 30_000


# --- what each page is -------------------------------------------------------------------


@dataclass
class PageSpec:
    name: str
    notebook: str
    ready: list[str]  # CSS selectors that must be visible for the page to be interactive
    chart: bool = False  # a plotly chart must be drawn for the page to be fully rendered
    control: str | None = None  # Playwright selector of the main control (focused, then keys pressed)
    keys: tuple[str, str] = ("ArrowRight", "ArrowLeft")  # pressed alternately
    watch: str | None = None  # Playwright selector whose innerText is the displayed ruling
    watch_parent: bool = False  # watch the element holding ``watch`` (all the cards), not the card


def _flip_checkbox(test_id: str) -> str:
    """A Playwright selector of the checkbox of a yes/no fact that flips ``test_id``'s outcome
    (the engine's own counterfactual), inside that test's explorer."""
    from course import registry

    test = registry.get(test_id)
    ruling = registry.decide(test_id, test.source_facts())
    for cf in ruling.counterfactuals:
        f = test.facts.model_fields[cf.fact]
        if cf.also or f.annotation is not bool:
            continue
        label = (f.description[:1].upper() + f.description[1:])[:40]
        card = f'section.course-ruling[data-test-id="{test_id}"]'
        return (f"{card} >> xpath=ancestor::div[contains(@class,'widget-hbox')][1] >> "
                f".widget-checkbox:has-text({json.dumps(label)}) >> input[type=checkbox]")
    raise LookupError(f"{test_id}: no yes/no fact flips the outcome")


def _card(test_id: str) -> str:
    return f'section.course-ruling[data-test-id="{test_id}"]'


SLIDER = ".widget-slider [role=slider]"
RULING = "section.course-ruling"


def page_specs() -> list[PageSpec]:
    explorer = {
        "02_hard_drive_ndcal": "discovery.semitool_ndcal_2012",
        "03_malibu_ndill": "quash.ndill_2013",
        "04_malibu_dconn": "subscriber.dconn_2020",
        "05_bodyguard_dhaw": "jurisdiction.calder_express_aiming_dhaw_2020",
    }
    specs = [
        PageSpec("floor", FLOOR, [".bench-floor-ruling", SLIDER], control=SLIDER, watch=".bench-floor-ruling"),
        PageSpec("floor+pandas+plotly", FLOOR_PP, [".bench-floor-ruling", SLIDER], control=SLIDER,
                 watch=".bench-floor-ruling"),
        PageSpec("home", "notebooks/index.ipynb", ["nav.course-home"]),
        PageSpec("00_orientation", "notebooks/00_orientation.ipynb", ["div[aria-live=polite]", SLIDER],
                 control='.widget-slider:has-text("Minutes the two Does") [role=slider]',
                 keys=("ArrowLeft", "ArrowRight"), watch='div[aria-live=polite]:has-text("traded at least one piece")'),
        PageSpec("01_west_coast_motion", "notebooks/01_west_coast_motion.ipynb", [RULING, ".widget-dropdown select"],
                 control='.widget-dropdown:has-text("Read one argument") select', keys=("ArrowDown", "ArrowUp"),
                 watch=RULING),
    ]
    for name, tid in explorer.items():
        specs.append(PageSpec(name, f"notebooks/{name}.ipynb", [RULING, ".widget-checkbox input"],
                              chart=name in ("02_hard_drive_ndcal", "03_malibu_ndill"),
                              control=_flip_checkbox(tid), keys=("Space", "Space"), watch=_card(tid)))
    specs.append(PageSpec("06_synthesis", "notebooks/06_synthesis.ipynb", [RULING, ".widget-checkbox input"], chart=True,
                          control='.widget-checkbox:has-text("The Does were in the swarm at roughly the same time") >> input',
                          keys=("Space", "Space"), watch=_card("joinder.ndill_2013"), watch_parent=True))
    return specs


# --- the served folder --------------------------------------------------------------------


def make_root() -> Path:
    """A temporary server root: ``notebooks/`` = the course's notebooks + the two floors."""
    root = Path(tempfile.mkdtemp(prefix="course-bench-"))
    (root / "notebooks").mkdir()
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy2(nb, root / "notebooks" / nb.name)
    shutil.copy2(BENCH / "floor.ipynb", root / FLOOR)
    shutil.copy2(BENCH / "floor_pandas_plotly.ipynb", root / FLOOR_PP)
    return root


# --- server processes ------------------------------------------------------------------------


def server_tree(pid: int) -> list[psutil.Process]:
    try:
        p = psutil.Process(pid)
        return [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def tree_cpu(pid: int) -> float:
    """CPU-seconds of the server, its live descendants (kernels) and the children it has reaped."""
    total = 0.0
    for i, p in enumerate(server_tree(pid)):
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
        if i == 0:
            total += t.children_user + t.children_system
    return total


def tree_rss(pid: int) -> int:
    total = 0
    for p in server_tree(pid):
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def kernels(pid: int) -> list[psutil.Process]:
    out = []
    for p in server_tree(pid)[1:]:
        try:
            if "ipykernel_launcher" in " ".join(p.cmdline()):
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def kernel_rss(pid: int, kernel_id: str) -> int | None:
    for p in kernels(pid):
        try:
            if f"kernel-{kernel_id}.json" in " ".join(p.cmdline()):
                return p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return None


async def settle(pid: int, *, idle_share: float = 0.08, max_s: float = 90.0) -> float:
    """Wait until the server and its kernels use < ``idle_share`` of one core over 1 s
    (pre-heated pools refilled, culled kernels gone); returns the seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < max_s:
        before = tree_cpu(pid)
        await asyncio.sleep(1.0)
        if tree_cpu(pid) - before < idle_share:
            break
    return time.monotonic() - start


# --- one page ------------------------------------------------------------------------------

_TTI_JS = """(sels) => {
  if (document.querySelector('#loading')) return false;
  for (const s of sels) {
    const e = document.querySelector(s);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
  }
  return performance.now();
}"""

_FULL_JS = """([needChart, quietMs, maxMs]) => new Promise(resolve => {
  let last = performance.now();
  const obs = new MutationObserver(() => { last = performance.now(); });
  obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
  const tick = () => {
    const cells = document.querySelector('#rendered_cells');
    const ready = !document.querySelector('#loading') && cells !== null
      && document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]').length === 0
      && (!needChart || document.querySelector('.js-plotly-plot .main-svg') !== null);
    const now = performance.now();
    if (ready && now - last >= quietMs) { obs.disconnect(); resolve(last); return; }
    if (now > maxMs) { obs.disconnect(); resolve(-1); return; }
    setTimeout(tick, 50);
  };
  tick();
})"""

_KERNEL_JS = """() => { const e = document.getElementById('jupyter-config-data');
  return e ? (JSON.parse(e.textContent).kernelId || null) : null; }"""

_TEXT_CHANGED_JS = """([el, before]) => el.innerText !== before ? performance.now() : false"""


async def new_page(browser, base: str):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()

    async def route(r):
        if r.request.url.startswith((base, base.replace("http", "ws"), "data:", "blob:", "about:")):
            await r.continue_()
        else:
            await r.abort()

    await page.route("**/*", route)
    return context, page


async def open_page(page, url: str, spec: PageSpec, timeout_ms: float = PAGE_TIMEOUT_MS) -> float:
    """Navigate; return TTI in ms from navigation start (raises on HTTP error or timeout)."""
    response = await page.goto(url, wait_until="commit", timeout=timeout_ms)
    if response is None or response.status != 200:
        raise RuntimeError(f"HTTP {response.status if response else 'no response'}")
    handle = await page.wait_for_function(_TTI_JS, arg=spec.ready, polling="raf", timeout=timeout_ms)
    return float(await handle.json_value())


async def full_render(page, spec: PageSpec) -> float | None:
    t = await page.evaluate(_FULL_JS, [spec.chart, 800, PAGE_TIMEOUT_MS + 60_000])
    return None if t < 0 else float(t)


async def operate(page, spec: PageSpec, i: int, timeout_ms: float = OP_TIMEOUT_MS) -> float:
    """Press the control's key (alternating) and return ms until the ruling text changed."""
    watch = page.locator(spec.watch).first
    if spec.watch_parent:
        watch = watch.locator("xpath=..")
    el = await watch.element_handle(timeout=timeout_ms)
    before = await el.inner_text()
    control = page.locator(spec.control).first
    await control.focus(timeout=timeout_ms)
    started = await page.evaluate("() => performance.now()")
    await page.keyboard.press(spec.keys[i % 2])
    handle = await page.wait_for_function(_TEXT_CHANGED_JS, arg=[el, before], polling="raf", timeout=timeout_ms)
    return float(await handle.json_value()) - started


_SHUTDOWN_JS = """async () => {
  const e = document.getElementById('jupyter-config-data');
  const kid = e && JSON.parse(e.textContent).kernelId;
  if (!kid) return false;
  const x = document.cookie.match(/_xsrf=([^;]+)/);
  const r = await fetch(`${location.origin}/voila/api/shutdown/${kid}`,
                        {method: 'POST', headers: x ? {'X-XSRFToken': decodeURIComponent(x[1])} : {}});
  return r.status;
}"""


async def close_page(context, page) -> None:
    """Leave the page as a reader closing the tab does: Voila's page asks the server to shut its
    kernel down on ``beforeunload``; a headless close does not always send that, so ask here."""
    try:
        await asyncio.wait_for(page.evaluate(_SHUTDOWN_JS), 15)
    except Exception:
        pass
    await context.close()


# --- statistics ----------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(q / 100 * (len(s) - 1) + 1e-9))))
    if q >= 95 and len(s) >= 2:  # nearest-rank p95
        import math

        k = min(len(s) - 1, math.ceil(q / 100 * len(s)) - 1)
    return s[k]


def med(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


# --- the benchmark ------------------------------------------------------------------------


async def single_user(browser, server, specs: list[PageSpec], loads: int, ops: int, log) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pid = server.process.pid
    for spec in specs:
        rec: dict[str, Any] = {"notebook": spec.notebook, "tti_ms": [], "full_ms": [], "op_ms": [],
                               "kernel_rss": [], "errors": []}
        for n in range(loads):
            await settle(pid)
            context, page = await new_page(browser, server.url)
            try:
                rec["tti_ms"].append(await open_page(page, server.page_url(spec.notebook), spec))
                full = await full_render(page, spec)
                if full is None:
                    rec["errors"].append("full render timed out")
                else:
                    rec["full_ms"].append(max(full, rec["tti_ms"][-1]))
                kid = await page.evaluate(_KERNEL_JS)
                rss = kernel_rss(pid, kid) if kid else None
                if rss:
                    rec["kernel_rss"].append(rss)
                if spec.control and n == 0:
                    for i in range(ops):
                        rec["op_ms"].append(await operate(page, spec, i))
                        await asyncio.sleep(0.15)
            except Exception as e:  # recorded, the run goes on
                rec["errors"].append(f"load {n + 1}: {e.__class__.__name__}: {str(e).splitlines()[0][:200]}")
            finally:
                await close_page(context, page)
        log(f"  {spec.name}: TTI {fmt_ms(med(rec['tti_ms']))}, full {fmt_ms(med(rec['full_ms']))}, "
            f"op p95 {fmt_ms(pct(rec['op_ms'], 95))}, kernel {fmt_mb(med(rec['kernel_rss']))}"
            + (f", errors {rec['errors']}" if rec["errors"] else ""))
        out[spec.name] = rec
    return out


def seminar_page_timeout_ms(n: int) -> float:
    """How long one attendee's page may take: 120 s, or 10 s an attendee when more. The N browser
    pages share this machine's two cores with the server (about 4 s of browser CPU a page), so
    at N = 20 and 40 even the floor's pages are not interactive within 120 s; the timeout only
    bounds the harness, the table reports the times."""
    return max(PAGE_TIMEOUT_MS, 10_000.0 * n)


def seminar_op_timeout_ms(n: int) -> float:
    """How long one attendee's control may take to change the ruling: 30 s, or 2 s an attendee."""
    return max(OP_TIMEOUT_MS, 2_000.0 * n)


async def seminar(browser, server, spec: PageSpec, n: int, budget_s: float, log) -> dict[str, Any]:
    """``n`` attendees open ``spec`` at once and move its control once."""
    pid = server.process.pid
    page_timeout, op_timeout = seminar_page_timeout_ms(n), seminar_op_timeout_ms(n)
    budget_s = max(budget_s, (page_timeout + 3 * op_timeout) / 1000 + 60)
    await settle(pid)
    base_rss, base_kernels = tree_rss(pid), len(kernels(pid))
    pages = [await new_page(browser, server.url) for _ in range(n)]
    peak = {"rss": base_rss, "kernels": base_kernels}
    done = asyncio.Event()

    async def sample():
        while not done.is_set():
            peak["rss"] = max(peak["rss"], tree_rss(pid))
            peak["kernels"] = max(peak["kernels"], len(kernels(pid)))
            try:
                await asyncio.wait_for(done.wait(), 0.5)
            except asyncio.TimeoutError:
                pass

    async def attendee(page) -> dict[str, Any]:
        r: dict[str, Any] = {}
        try:
            r["tti_ms"] = await open_page(page, server.page_url(spec.notebook), spec, page_timeout)
            if spec.control:
                r["op_ms"] = await operate(page, spec, 0, op_timeout)
        except Exception as e:
            r["error"] = f"{e.__class__.__name__}: {str(e).splitlines()[0][:160]}"
        return r

    cpu0, t0 = tree_cpu(pid), time.monotonic()
    sampler = asyncio.create_task(sample())
    try:
        results = await asyncio.wait_for(asyncio.gather(*(attendee(p) for _, p in pages)), budget_s)
        timed_out = False
    except asyncio.TimeoutError:
        results, timed_out = [], True
    wall = time.monotonic() - t0
    cpu = tree_cpu(pid) - cpu0
    done.set()
    await sampler
    for context, page in pages:
        await close_page(context, page)
    # Memory returns to baseline once the attendees leave (their kernels are shut down on unload).
    t1 = time.monotonic()
    while len(kernels(pid)) > base_kernels and time.monotonic() - t1 < 60:
        await asyncio.sleep(1)
    left = len(kernels(pid)) - base_kernels
    ttis = [r["tti_ms"] for r in results if "tti_ms" in r]
    errors = [r["error"] for r in results if "error" in r] + ([f"did not finish within {budget_s:.0f} s"] if timed_out else [])
    rec = {
        "notebook": spec.notebook, "n": n, "wall_s": wall, "tti_ms": ttis, "page_timeout_ms": page_timeout,
        "op_ms": [r["op_ms"] for r in results if "op_ms" in r], "errors": errors,
        "server_cpu_s": cpu, "cpu_s_per_attendee": cpu / n,
        "base_rss": base_rss, "peak_rss": peak["rss"], "rss_per_attendee": (peak["rss"] - base_rss) / n,
        "peak_kernels": peak["kernels"], "kernels_left_after_60s": left,
        "rss_after_leaving": tree_rss(pid),
    }
    log(f"  {spec.name} N={n}: TTI median {fmt_ms(med(ttis))} p95 {fmt_ms(pct(ttis, 95))} max {fmt_ms(max(ttis, default=None))}, "
        f"errors {len(errors)}, CPU {cpu / n:.1f} s/attendee, +{fmt_mb(rec['rss_per_attendee'])}/attendee, wall {wall:.0f} s")
    return rec


# --- the table --------------------------------------------------------------------------------


def fmt_ms(v: float | None) -> str:
    return "—" if v is None else f"{v / 1000:.2f} s" if v >= 1000 else f"{v:.0f} ms"


def fmt_mb(v: float | None) -> str:
    return "—" if v is None else f"{v / 2**20:.0f} MB"


def fmt_x(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}×"


def summarise(single: dict[str, Any], sem: list[dict[str, Any]]) -> dict[str, Any]:
    floor, fpp = single.get("floor", {}), single.get("floor+pandas+plotly", {})
    f_tti, f_full = med(floor.get("tti_ms", [])), med(floor.get("full_ms", []))
    f_op95, f_op50 = pct(floor.get("op_ms", []), 95), med(floor.get("op_ms", []))
    f_rss, fpp_rss = med(floor.get("kernel_rss", [])), med(fpp.get("kernel_rss", []))
    pages = {}
    for name, r in single.items():
        tti, full = med(r["tti_ms"]), med(r["full_ms"])
        op50, op95 = med(r["op_ms"]), pct(r["op_ms"], 95)
        rss = med(r["kernel_rss"])
        pages[name] = {
            "loads": len(r["tti_ms"]), "tti_ms": tti, "tti_x_floor": ratio(tti, f_tti), "full_ms": full,
            "full_x_floor": ratio(full, f_full), "ops": len(r["op_ms"]), "op_median_ms": op50, "op_p95_ms": op95,
            "op_p95_x_floor": ratio(op95, f_op95), "op_median_x_floor": ratio(op50, f_op50), "kernel_rss": rss,
            "rss_x_floor": ratio(rss, f_rss), "rss_x_floor_pandas_plotly": ratio(rss, fpp_rss), "errors": r["errors"],
        }
    seminar_rows = []
    floors = {s["n"]: s for s in sem if s["notebook"] == FLOOR}
    for s in sem:
        ttis = s["tti_ms"]
        f = floors.get(s["n"])
        row = {k: s[k] for k in ("notebook", "n", "errors", "cpu_s_per_attendee", "rss_per_attendee", "peak_rss",
                                 "wall_s", "kernels_left_after_60s", "base_rss", "rss_after_leaving")}
        row.update(tti_median_ms=med(ttis), tti_p95_ms=pct(ttis, 95), tti_max_ms=max(ttis, default=None),
                   completed=len(ttis), op_median_ms=med(s["op_ms"]))
        if f:
            row["tti_median_x_floor"] = ratio(row["tti_median_ms"], med(f["tti_ms"]))
            row["tti_p95_x_floor"] = ratio(row["tti_p95_ms"], pct(f["tti_ms"], 95))
        seminar_rows.append(row)
    return {"pages": pages, "seminar": seminar_rows, "capacity": capacity(seminar_rows)}


def capacity(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Attendees one server holds, from the largest lesson seminar run: memory bounds how many
    kernels can be alive at once; CPU bounds how many can join within a given time."""
    lesson = [r for r in rows if r["notebook"] == SEMINAR_PAGE and r["completed"]]
    if not lesson:
        return {}
    r = max(lesson, key=lambda r: r["n"])
    total = psutil.virtual_memory().total
    cores = psutil.cpu_count() or 1
    by_memory = int((0.8 * total - r["base_rss"]) / max(r["rss_per_attendee"], 1))
    joins_per_minute = 60 * cores / max(r["cpu_s_per_attendee"], 1e-9)
    return {"from_n": r["n"], "memory_total": total, "cores": cores, "attendees_by_memory": by_memory,
            "joins_per_minute_by_cpu": joins_per_minute}


def table(summary: dict[str, Any]) -> str:
    lines = ["| page | TTI (median) | × floor | full render | × floor | control→ruling median / p95 | p95 × floor | kernel RSS | × floor | × floor+pandas+plotly |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, p in summary["pages"].items():
        op = f"{fmt_ms(p['op_median_ms'])} / {fmt_ms(p['op_p95_ms'])}" if p["ops"] else "—"
        err = f" ({len(p['errors'])} errors)" if p["errors"] else ""
        lines.append(f"| {name}{err} | {fmt_ms(p['tti_ms'])} | {fmt_x(p['tti_x_floor'])} | {fmt_ms(p['full_ms'])} | "
                     f"{fmt_x(p['full_x_floor'])} | {op} | {fmt_x(p['op_p95_x_floor'])} | {fmt_mb(p['kernel_rss'])} | "
                     f"{fmt_x(p['rss_x_floor'])} | {fmt_x(p['rss_x_floor_pandas_plotly'])} |")
    if summary["seminar"]:
        lines += ["", "| seminar page | N | done | errors | TTI median | p95 | max | median × floor | p95 × floor | CPU-s / attendee | memory / attendee | peak server memory | kernels left after leaving |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for s in summary["seminar"]:
            lines.append(
                f"| {Path(s['notebook']).stem} | {s['n']} | {s['completed']} | {len(s['errors'])} | {fmt_ms(s['tti_median_ms'])} | "
                f"{fmt_ms(s['tti_p95_ms'])} | {fmt_ms(s['tti_max_ms'])} | {fmt_x(s.get('tti_median_x_floor'))} | "
                f"{fmt_x(s.get('tti_p95_x_floor'))} | {s['cpu_s_per_attendee']:.1f} | {fmt_mb(s['rss_per_attendee'])} | "
                f"{fmt_mb(s['peak_rss'])} | {s['kernels_left_after_60s']} |")
    c = summary.get("capacity")
    if c:
        lines += ["", f"Capacity (from N = {c['from_n']}): memory holds about {c['attendees_by_memory']} attendees' kernels "
                      f"at once ({c['memory_total'] / 2**30:.0f} GB, 80% usable); CPU lets about "
                      f"{c['joins_per_minute_by_cpu']:.0f} attendees open the lesson per minute on {c['cores']} cores."]
    return "\n".join(lines)


async def main_async(args) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    specs = page_specs()
    if args.pages:
        wanted = set(args.pages.split(","))
        specs = [s for s in specs if s.name in wanted or s.name.startswith("floor")]
    root = make_root()
    started = time.monotonic()
    server = start_server(root_dir=root)
    try:
        log(f"server on {server.url} (pid {server.process.pid}), root {root}; waiting for the pre-heated pools ...")
        await settle(server.process.pid, max_s=180)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                log(f"single user: {args.loads} load(s) per page, {args.ops} operations")
                single = await single_user(browser, server, specs, args.loads, args.ops, log)
                sem = []
                by_nb = {s.notebook: s for s in page_specs()}
                for n in args.seminar:
                    for nb in (FLOOR, SEMINAR_PAGE):
                        spec = by_nb[nb]
                        log(f"seminar: {n} attendees open {nb}")
                        sem.append(await seminar(browser, server, spec, n, args.seminar_budget, log))
            finally:
                await browser.close()
    finally:
        log_tail = server.log()[-3000:]
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    summary = summarise(single, sem)
    return {
        "command": "bash run.sh bench" + (" --quick" if args.quick else ""),
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "cores": psutil.cpu_count(), "memory": psutil.virtual_memory().total},
        "settings": {"loads": args.loads, "ops": args.ops, "seminar": args.seminar, "seminar_page": SEMINAR_PAGE},
        "wall_s": time.monotonic() - started,
        "summary": summary, "raw": {"single": single, "seminar": sem},
        "server_log_tail": log_tail,
    }


def parse(argv: list[str] | None = None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 1 load, 2 operations, 2 attendees")
    ap.add_argument("--out", type=Path, help="JSON file (default: bench/results/course.json; --quick writes only --out)")
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--ops", type=int, default=10)
    ap.add_argument("--seminar", default="5", help="browser attendee counts, comma-separated ('' for none): the "
                    "end-to-end check; seminar load is measured by bench/load.py (--load)")
    ap.add_argument("--load", default="100", help="then bench/load.py: this many attendees arriving within a minute "
                    "on a pool pre-heated for them ('' for none; never with --quick)")
    ap.add_argument("--seminar-budget", type=float, default=240.0, help="seconds allowed for one seminar run")
    ap.add_argument("--pages", default="", help="only these pages (comma-separated names), floors always included")
    args = ap.parse_args(argv)
    if args.quick:
        args.loads, args.ops, args.seminar, args.load = 1, 2, "2", ""
    args.seminar = [int(x) for x in str(args.seminar).split(",") if x.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    result = asyncio.run(main_async(args))
    print(table(result["summary"]))
    print(f"\nwall time {result['wall_s']:.0f} s")
    out = args.out or (None if args.quick else RESULTS / "course.json")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    if args.load:  # the seminar without browsers in the way (README, "Performance")
        import subprocess

        n = str(args.load)
        print(f"\nseminar load: {n} attendees within a minute, pool of {n} (bench/load.py)", flush=True)
        return subprocess.run([sys.executable, str(BENCH / "load.py"), "--n", n, "--over", "60", "--pool", n,
                               "--out", str(RESULTS / "load.json")]).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
