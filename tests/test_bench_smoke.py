"""The course benchmark (``bench/run.py``) in ``--quick`` mode, so it cannot rot.

One load of every page (the two floors, the home page, every lesson), two keyboard
operations each, and a seminar of two attendees on the floor and on lesson 3. Only the
shape of the results is checked: every page loaded, nothing failed. No timing is asserted;
the figures are the benchmark's business (README, "Performance").
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from browser_support import CHROMIUM, REPO, chromium_available, require

pytestmark = pytest.mark.browser


def test_quick_benchmark_runs_and_reports_every_page(tmp_path):
    require(chromium_available(), f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    out = tmp_path / "quick.json"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--out", str(out)],
                         cwd=REPO, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-4000:]
    assert "| page |" in run.stdout  # the table was printed
    result = json.loads(out.read_text(encoding="utf-8"))
    pages = result["summary"]["pages"]
    spec = importlib.util.spec_from_file_location("course_bench_run", REPO / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up while the class is built
    spec.loader.exec_module(bench)
    page_specs = bench.page_specs

    assert set(pages) == {s.name for s in page_specs()}
    for name, p in pages.items():
        assert p["errors"] == [], (name, p["errors"])
        assert p["loads"] == 1 and p["tti_ms"] is not None and p["full_ms"] is not None, name
        assert p["kernel_rss"], f"{name}: its kernel was not found"
    for spec in page_specs():
        if spec.control:
            assert pages[spec.name]["ops"] == 2, spec.name
    seminar = result["summary"]["seminar"]
    assert {(s["notebook"], s["n"]) for s in seminar} == {
        ("notebooks/bench_floor.ipynb", 2), ("notebooks/03_malibu_ndill.ipynb", 2)}
    for s in seminar:
        assert s["errors"] == [] and s["completed"] == 2, s
