"""The course page template's guard (server/share/jupyter/voila/templates/course/index.html.j2),
issue #14 parts 3 and 4, in Debian's Chromium against a real Voila server.

Findings reproduced: an upload over 10 MiB vanished with no message (the websocket's message
limit); after the kernel died or the server stopped, the page showed only icons or nothing
and input was silently dropped.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest

from browser_support import REPO, keep_offline, running_server, wait_until_rendered
from course.exhibit import MAX_UPLOAD_BYTES

TEMPLATE = REPO / "server" / "share" / "jupyter" / "voila" / "templates" / "course" / "index.html.j2"
LOST = "Connection lost — reload the page; your saved answers are kept."
KEPT = "reload the page; your saved answers are kept."
T = 120_000


def test_the_page_refuses_the_same_size_the_reader_does():
    m = re.search(r"var MAX_UPLOAD_BYTES = (\d+);", TEMPLATE.read_text(encoding="utf-8"))
    assert m and int(m.group(1)) == MAX_UPLOAD_BYTES
    assert MAX_UPLOAD_BYTES < 10 * 2**20  # under the websocket's 10 MiB message limit


def _notebook(path: Path, source: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def guard_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("guard")
    (root / "exercises").mkdir()
    _notebook(root / "exercises" / "upload.ipynb",
              "import ipywidgets as w\nup = w.FileUpload(accept='.csv', description='Upload')\n"
              "out = w.HTML()\nup.observe(lambda ch: setattr(out, 'value', f'<p class=\"got\">got {len(up.value)}</p>'),"
              " names='value')\nw.VBox([up, out])")
    _notebook(root / "exercises" / "button.ipynb",
              "import ipywidgets as w\nb = w.Button(description='Check answer')\nb")
    with running_server(root) as server:
        yield server


def _page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    keep_offline(page)
    return context, page


def _kernel_pids(server) -> list[int]:
    import psutil

    return [p.pid for p in psutil.Process(server.process.pid).children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())]


@pytest.mark.browser
def test_a_page_loads_nothing_from_a_third_party(browser, guard_server):
    """The review: Font Awesome from a CDN without pinning. Now no request leaves the server."""
    context, page = _page(browser)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
            else outside.append(r.url))
    try:
        page.goto(guard_server.page_url("exercises/button.ipynb"), wait_until="commit", timeout=T)
        wait_until_rendered(page)
        assert "cdn.jsdelivr.net" not in page.content()
        assert outside == []
        assert page.locator(".jp-OutputArea").count() >= 1  # the page still has Jupyter's styles and output
    finally:
        context.close()


@pytest.mark.browser
def test_a_large_upload_is_refused_in_the_browser_with_a_message(browser, guard_server):
    context, page = _page(browser)
    try:
        page.goto(guard_server.page_url("exercises/upload.ipynb"), wait_until="commit", timeout=T)
        wait_until_rendered(page)
        with page.expect_file_chooser() as chooser:
            page.click(".widget-upload")
        chooser.value.set_files(files=[{"name": "exhibit.csv", "mimeType": "text/csv",
                                        "buffer": b"doe,ip\n" + b"1,192.0.2.1\n" * 800_000}])  # 9.6 MB
        note = page.wait_for_selector("#course-connection.course-note", timeout=T).inner_text()
        assert "“exhibit.csv” is 9.2 MB; the largest file this page accepts is 8.0 MB" in note
        page.wait_for_timeout(1500)
        assert page.locator(".got").count() == 0  # nothing reached the kernel
        with page.expect_file_chooser() as chooser:
            page.click(".widget-upload")
        chooser.value.set_files(files=[{"name": "small.csv", "mimeType": "text/csv", "buffer": b"doe,ip\n1,x\n"}])
        assert page.wait_for_selector(".got", timeout=T).inner_text() == "got 1"  # small files still go through
    finally:
        context.close()


@pytest.mark.browser
def test_a_dead_kernel_is_said_in_words_and_input_is_not_dropped(browser, guard_server):
    context, page = _page(browser)
    try:
        page.goto(guard_server.page_url("exercises/button.ipynb"), wait_until="commit", timeout=T)
        wait_until_rendered(page)
        before = set(_kernel_pids(guard_server))
        assert before
        import os
        import signal

        for pid in before:
            os.kill(pid, signal.SIGKILL)
        box = page.wait_for_selector("#course-connection[role=alert]", timeout=T)
        assert KEPT in box.inner_text()
        # a click lands on the blocker, a key moves focus to the reload button: nothing is dropped silently
        assert page.evaluate("document.elementFromPoint(640, 450).id") == "course-blocker"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.textContent") == "Reload the page"
    finally:
        context.close()


@pytest.mark.browser
def test_a_stopped_server_is_said_in_words(browser, tmp_path):
    root = tmp_path
    (root / "exercises").mkdir()
    _notebook(root / "exercises" / "button.ipynb", "import ipywidgets as w\nw.Button(description='Send question')")
    context, page = _page(browser)
    try:
        with running_server(root) as server:
            page.goto(server.page_url("exercises/button.ipynb"), wait_until="commit", timeout=T)
            wait_until_rendered(page)
            assert page.locator("#course-connection").count() == 0
        started = time.monotonic()
        box = page.wait_for_selector("#course-connection[role=alert]", timeout=T)
        assert box.inner_text().startswith(LOST)
        assert "course-disconnected" in page.evaluate("document.body.className")
        print(f"\nconnection loss shown {time.monotonic() - started:.1f} s after the server stopped")
    finally:
        context.close()
