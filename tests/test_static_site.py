"""The static site (deploy/static): built offline, served by a plain static file server on
127.0.0.1, opened in Debian's Chromium with every other request refused.

Each lesson and exercise set is opened in the site's Notebook app and run (Run > Run All
Cells) by the Pyodide kernel, in the browser; every page must run without an error (the site
has neither pandas nor numpy, which have no Pyodide wheels on PyPI, and no page needs them).
Lesson 3's swarm explorer and one of its ruling explorers are operated and their rulings
change as the engine says, and its Next and Course home links open the site's own pages; one
exercise is answered, the page reloaded, and the attempt is on the "My progress" page and in
its CSV export (kept in the browser's storage).

The build takes about a minute the first time (Pyodide from npm, wheels from PyPI, both
cached in deploy/static/_build/cache); each page then takes 5-30 s to run. Marker: static.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import io
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest

from browser_support import REPO, require

pytestmark = [pytest.mark.static, pytest.mark.browser]

PAGES = sorted(f"{folder}/{p.name}" for folder in ("notebooks", "exercises")
               for p in (REPO / folder).glob("*.ipynb")) + ["progress/my_progress.ipynb"]
RUN_S = 180  # a page's cells, the first of which waits for the kernel to start


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require(shutil.which("npm") is not None, "npm is needed to build the static site (apt-get install -y npm)")
    out = tmp_path_factory.mktemp("site")
    started = time.perf_counter()
    r = subprocess.run(["bash", str(REPO / "run.sh"), "build-static", "--output", str(out)], cwd=REPO,
                       capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    print(f"static site built in {time.perf_counter() - started:.0f} s")
    with serving(out) as base:
        yield base, out


@contextlib.contextmanager
def serving(folder: Path):
    """Serve ``folder`` with Python's static file server on a free loopback port; its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # a page closed mid-download is no error
            super().handle_error(request, client_address)


@pytest.fixture
def lite_page(browser):
    """A page that may reach only the loopback server; what it tried to reach elsewhere is kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.blocked = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            r.continue_()
        else:
            page.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    try:
        yield page
    finally:
        context.close()


_SETTLED_JS = """() => {
  const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt'));
  return prompts.some(p => /\\[\\d+\\]/.test(p.textContent)) && !prompts.some(p => p.textContent.includes('*'));
}"""


#: A run has started: a cell is queued or running. (Not a numbered prompt: the notebooks are
#: saved with their outputs, so "[1]" is there before anything runs; the first cell waits
#: seconds for the kernel, so its "[*]" is always seen.)
_STARTED_JS = """() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt'))
  .some(p => p.textContent.includes('*'))"""


def errors_shown(page) -> list[str]:
    outs = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
    return [outs.nth(i).text_content() or "" for i in range(outs.count())]


def open_and_run(page, base: str, notebook: str) -> float:
    """Open a notebook in the site, run all its cells, wait until they are done; returns the
    seconds from opening to the end of the run."""
    started = time.perf_counter()
    page.goto(f"{base}/notebooks/index.html?path={notebook}")
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=60_000)
    for attempt in range(5):  # the menu may answer before the notebook is ready: then nothing is queued
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_function(_STARTED_JS, timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    else:
        raise AssertionError(f"{notebook}: Run All Cells did not start a run in five tries")
    page.wait_for_function(_SETTLED_JS, timeout=RUN_S * 1000)
    return time.perf_counter() - started


def test_the_site_holds_its_runtime(site):
    _, out = site
    pyodide = out / "static" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert (pyodide / name).is_file(), name
    import json

    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    for entry in lock["packages"].values():  # every package the kernel may load is in the site
        assert (pyodide / entry["file_name"]).is_file(), entry["file_name"]
    assert "bittorrent-doe-course" in lock["packages"]
    assert "pandas" not in lock["packages"] and "numpy" not in lock["packages"]  # no page needs them
    settings = json.loads((out / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"].startswith("./") and kernel["disablePyPIFallback"] is True
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "notebooks/03_malibu_ndill.ipynb" in home and "seminar" in home.lower()
    assert "?path=progress/my_progress.ipynb" in home
    assert (out / "files" / "progress" / "my_progress.ipynb").is_file()
    assert not (out / "files" / "progress" / "class_progress.ipynb").exists()  # for an instructor, on a server
    assert not (out / "files" / "seminar").exists()


@pytest.mark.parametrize("notebook", PAGES)
def test_every_page_runs_in_the_browser(site, lite_page, notebook):
    base, _ = site
    seconds = open_and_run(lite_page, base, notebook)
    errors = errors_shown(lite_page)
    print(f"{notebook}: ran in {seconds:.1f} s")
    assert lite_page.blocked == [], f"requests outside the site: {lite_page.blocked[:5]}"
    assert errors == [], errors[:2]
    assert lite_page.locator(".jupyter-widgets").count() > 0


def test_lesson_3_swarm_and_ruling_explorers_follow_their_controls(site, lite_page):
    from test_lessons_browser import flip_a_deciding_fact, move_doe_38_next_to_doe_29

    base, _ = site
    open_and_run(lite_page, base, "notebooks/03_malibu_ndill.ipynb")
    move_doe_38_next_to_doe_29(lite_page)
    flip_a_deciding_fact(lite_page, "quash.ndill_2013")
    assert lite_page.blocked == []
    # the lesson's own links open the site's pages, not Voila's
    home = lite_page.locator("a.course-nav-home").get_attribute("href")
    assert home == "../index.html"
    following = lite_page.locator("a.course-nav-next")
    assert following.get_attribute("href") == "index.html?path=notebooks/04_malibu_dconn.ipynb"
    following.click()
    lite_page.wait_for_url(f"{base}/notebooks/index.html?path=notebooks/04_malibu_dconn.ipynb")
    lite_page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=60_000)
    lite_page.goto(urljoin(lite_page.url, home))
    assert lite_page.url == f"{base}/index.html"
    assert lite_page.get_by_role("heading", name="The BitTorrent Doe cases").is_visible()


def test_an_answer_survives_a_reload_and_is_exported(site, lite_page):
    from course.exercises import safe_id

    base, _ = site
    open_and_run(lite_page, base, "exercises/00_orientation.ipynb")
    assert errors_shown(lite_page) == []
    page = lite_page
    page.get_by_label("Learner ID:").fill("static-tester")
    page.keyboard.press("Tab")
    card = page.locator(".course-ex-card").filter(has=page.locator('[data-question-id="orientation.four_peers"]'))
    number = card.locator("input").first
    number.fill("4")
    card.get_by_text("Check answer").click()
    feedback = page.locator('.course-ex-feedback[data-question-id="orientation.four_peers"]')
    feedback.wait_for(timeout=30_000)
    assert "Correct" in feedback.inner_text()
    note = card.locator(".course-ex-note").filter(has_text=re.compile("[Ss]aved"))
    note.wait_for(timeout=30_000)
    assert note.inner_text().strip() == "Saved for static-tester.", note.inner_text()

    # a reload: a new kernel, with nothing of the old one's memory; the cells run again
    page.reload()
    open_and_run(page, base, "exercises/00_orientation.ipynb")
    assert errors_shown(page) == []

    open_and_run(page, base, "progress/my_progress.ipynb")
    assert errors_shown(page) == []
    assert "across reloads" in page.locator(".course-progress-kept").inner_text()
    page.get_by_label("Learner ID:").fill("static-tester")
    page.keyboard.press("Tab")
    table = page.locator(".course-progress-summary table")
    table.wait_for(timeout=30_000)
    row = table.locator("tr").filter(has_text="1 of")
    assert row.count() == 1, table.inner_text()
    page.get_by_role("button", name="Export my work (HTML and CSV)").click()
    csv_link = page.locator("a.course-progress-csv")
    csv_link.wait_for(timeout=30_000)
    with page.expect_download() as download:
        csv_link.click()
    assert download.value.suggested_filename == f"exercise-record-{safe_id('static-tester')}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert [(r["set_id"], r["question_id"], float(r["answer"]), r["result"], r["score"]) for r in rows] == [
        ("orientation", "orientation.four_peers", 4.0, "right", "1")], rows
    assert page.blocked == []
