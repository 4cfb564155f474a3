"""Benchmark: the static site (deploy/static) in Chromium: its size and each page's time to
interactive, first visit and cached visit.

    bash run.sh build-static && .venv/bin/python bench/bench_static.py [--site DIR] [--pages P ...]

The site is served by Python's static file server on 127.0.0.1; every other request is refused.
Time to interactive (TTI) here: navigation start until every cell of the page has run (Run >
Run All Cells), that is, until its explorers answer; on a first visit this includes downloading
Pyodide and the wheels and starting the kernel. A cached visit opens the same page again in the
same browser context (the HTTP cache and JupyterLite's service worker hold the files). Beside
each page it measures, in the same run and the same browser, the Voila page's TTI: the course's
server (server/launch.py) on 127.0.0.1, the page opened in a fresh context until Voila has
rendered every cell and the page is quiet (tests/browser_support.py's wait_until_rendered), first
visit and again. `--no-voila` skips that. Nothing here asserts a time. Writes
bench/results/static.json.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser_support import launch_chromium, running_server, wait_until_rendered  # noqa: E402
from test_static_site import open_and_run, serving  # noqa: E402

PAGES = ["notebooks/00_orientation.ipynb", "notebooks/01_west_coast_motion.ipynb", "exercises/00_orientation.ipynb"]


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def voila_tti(browser, server, page_name: str) -> tuple[float, float]:
    """The Voila page's time to interactive, first and second visit (same context), in seconds."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    times = []
    try:
        page = context.new_page()
        for _ in range(2):
            t0 = time.monotonic()
            page.goto(server.page_url(page_name), wait_until="commit", timeout=180_000)
            wait_until_rendered(page, timeout_s=180, quiet_ms=300)
            times.append(time.monotonic() - t0 - 0.3)  # without the quiet period the wait adds
    finally:
        context.close()
    return times[0], times[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--site", type=Path, default=REPO / "deploy" / "static" / "_output")
    p.add_argument("--pages", nargs="*", default=PAGES)
    p.add_argument("--no-voila", action="store_true", help="do not measure the Voila pages beside the site")
    args = p.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        sys.exit(f"no site at {site}: bash run.sh build-static")
    from playwright.sync_api import sync_playwright

    result = {"site_mb": round(size_mb(site), 1), "pyodide_and_wheels_mb": round(size_mb(site / "static" / "pyodide"), 1),
              "pages": []}
    voila = contextlib.nullcontext() if args.no_voila else running_server()
    with serving(site) as base, sync_playwright() as pw, voila as course_server:
        browser = launch_chromium(pw)
        for page_name in args.pages:
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            page = context.new_page()
            fetched = []
            page.on("response", lambda r, f=fetched: f.append(r))

            def route(r):
                ok = r.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
                r.continue_() if ok else r.abort()

            context.route("**/*", route)
            first = open_and_run(page, base, page_name)
            first_bytes = sum(int(r.headers.get("content-length", 0) or 0) for r in fetched)
            cached = open_and_run(page, base, page_name)
            context.close()
            row = {"page": page_name, "tti_first_s": round(first, 1), "tti_cached_s": round(cached, 1),
                   "first_visit_mb": round(first_bytes / 1e6, 1)}
            if course_server is not None:
                v_first, v_again = voila_tti(browser, course_server, page_name)
                row |= {"voila_tti_first_s": round(v_first, 2), "voila_tti_again_s": round(v_again, 2)}
            result["pages"].append(row)
            print(json.dumps(row), flush=True)
        browser.close()
    out = REPO / "bench" / "results" / "static.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"site {result['site_mb']} MB (Pyodide, wheels and the course: {result['pyodide_and_wheels_mb']} MB); "
          f"written to {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
