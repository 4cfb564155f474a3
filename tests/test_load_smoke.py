"""The seminar load harness (``bench/load.py``) at its smallest, so it cannot rot.

Protocol-level attendees (no browser): two open lesson 3 at once, load its widgets, send the
swarm explorer's "shown" event, release the slider and see the ruling change, move it again
together, and leave. Then a control that does not change the ruling must fail the run: the
harness validates what it times. No time is asserted (README, "Performance").
"""
from __future__ import annotations

import asyncio
import importlib.util
import json
import shutil
import subprocess
import sys

from browser_support import REPO


def _load_module():
    spec = importlib.util.spec_from_file_location("course_bench_load", REPO / "bench" / "load.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_smoke_run_two_attendees_join_operate_and_leave(tmp_path):
    out = tmp_path / "load.json"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "load.py"), "--smoke", "--out", str(out)],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    assert "| page | N |" in run.stdout
    (r,) = json.loads(out.read_text(encoding="utf-8"))["runs"]
    assert r["notebook"] == "notebooks/03_malibu_ndill.ipynb" and r["n"] == 2
    assert r["errors"] == {} and r["completed"] == 2, r["error_examples"]
    assert len(r["widgets_ms"]) == len(r["chart_ms"]) == 2  # widgets loaded, chart drawn after "shown"
    assert len(r["op_ms"]) == len(r["together_ms"]) == 2  # each move changed a ruling
    assert r["models"] > 8  # the lesson's widgets, not a floor's
    assert all(a["leave_status"] in (200, 204) for a in r["attendees"])
    assert r["kernels_left_after_leaving"] == 0
    assert r["server_cpu_s"] > 0 and len(r["kernel_rss"]) == len(r["kernel_uss"]) == 2
    assert r["present_pss"] > sum(r["kernel_uss"])  # the server and the kernels' shared pages too


def _run_in_own_thread(coro):
    """asyncio.run in a thread of its own: a browser test earlier in the same pytest run may leave an
    event loop set on the main thread (Playwright's sync API), where asyncio.run refuses to start."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_a_control_that_does_not_change_the_ruling_fails_the_run():
    load = _load_module()
    unchanged = load.LoadSpec(load.FLOOR, "Value", (5, 5), "bench-floor-ruling")  # 5 is the slider's value already
    server = load.start([load.FLOOR], ["--pool_size=1"])
    try:
        r = _run_in_own_thread(load.seminar_run(server.url, server.process.pid, unchanged, 1, 0.0, 0, 0.0,
                                                log=lambda m: None, op_timeout_s=3.0))
    finally:
        server.stop()
        shutil.rmtree(server.bench_root, ignore_errors=True)
    assert r["completed"] == 0
    assert r["errors"] == {"the control did not change the ruling": 1}, r["error_examples"]
    assert r["kernels_left_after_leaving"] == 0
