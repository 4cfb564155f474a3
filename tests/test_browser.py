"""Smoke tests in a real browser: every page of the course renders for a reader.

A real Voila server (``server/launch.py`` with ``server/voila.json``, as ``bash run.sh
serve`` starts it) runs on a free loopback port; Debian's Chromium opens the home page
and every notebook in notebooks/ and exercises/ (found by glob, so new lessons are
covered without editing this file). Locally these tests skip if Chromium is missing;
with CI=true they fail instead.
"""
from __future__ import annotations

import http.client
import os
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from browser_support import (
    HOME,
    REPO,
    keep_offline,
    notebook_pages,
    open_notebook,
    page_problems,
    running_server,
    wait_for_text_change,
    wait_until_rendered,
)
from course import lessons as course_lessons

pytestmark = pytest.mark.browser

COURSE_TITLE = "BitTorrent Doe Cases — interactive course"


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot to $COURSE_SCREENSHOT_DIR (default: the temp folder)."""
    shots = Path(os.environ.get("COURSE_SCREENSHOT_DIR", tempfile.gettempdir()))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / name), full_page=True)


def _lesson_names() -> dict[str, int]:
    return {l.notebook: i for i, l in enumerate(course_lessons.load())}


def _get(server, path: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", path)
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp


# --- the server's configuration -----------------------------------------------------


def test_server_lands_on_home_and_hides_the_repository(voila_server):
    root = _get(voila_server, "/")
    assert root.status in (301, 302, 307) and root.getheader("Location", "").endswith("/voila/render/" + HOME)
    assert root.status != 301, "a permanent redirect would be cached by browsers"
    assert _get(voila_server, "/voila/tree").status == 302
    assert _get(voila_server, "/voila/tree/data").status == 302
    # data files, sources and the contents API are not served
    assert _get(voila_server, "/voila/files/data/lessons.yaml").status == 403
    assert _get(voila_server, "/voila/files/pyproject.toml").status == 403
    assert _get(voila_server, "/voila/files/notebooks/index.ipynb").status == 403
    assert _get(voila_server, "/voila/api/contents").status == 404
    # only notebooks in notebooks/ and exercises/ render
    assert _get(voila_server, "/voila/render/tests/whatever.ipynb").status == 404


# --- every page -----------------------------------------------------------------------


def test_home_page(page, voila_server):
    response = page.goto(voila_server.url + "/", wait_until="commit")
    assert response is not None and response.status == 200
    assert page.url.endswith("/voila/render/" + HOME)
    wait_until_rendered(page)
    assert COURSE_TITLE in page.title()
    assert page.locator("h1").first.inner_text().startswith("BitTorrent Doe Cases")
    assert page.locator('[data-course-ready="home"]').count() == 1
    assert page_problems(page) == []
    # no source code is shown to the reader
    assert "home_page()" not in page.inner_text("body")

    links = page.locator("a.course-lesson-link")
    expected = course_lessons.home_entries()
    assert links.count() == len(expected)
    for i, entry in enumerate(expected):
        link = links.nth(i)
        assert link.inner_text() == entry.label
        url = link.evaluate("a => a.href")
        assert url.endswith("/voila/render/notebooks/" + entry.notebook)
        assert page.request.get(url, timeout=120_000).status == 200, f"{entry.label}: {url}"

    # every exercise set and both seminar pages are linked and answer
    from course.exercises import load_bank

    sets = load_bank().ordered()
    exercise_links = page.locator("a.course-exercise-link")
    assert exercise_links.count() == len(sets)
    for i, s in enumerate(sets):
        url = exercise_links.nth(i).evaluate("a => a.href")
        assert url.endswith("/voila/render/exercises/" + s.notebook)
        assert page.request.get(url, timeout=120_000).status == 200, url
    progress = page.locator("a.course-progress-link")
    assert progress.count() == 1 and progress.inner_text() == "My progress"
    url = progress.evaluate("a => a.href")
    assert url.endswith("/voila/render/progress/my_progress.ipynb")
    assert page.request.get(url, timeout=120_000).status == 200, url
    seminar_links = page.locator("a.course-seminar-link")
    assert seminar_links.count() == 2
    for i in range(2):
        url = seminar_links.nth(i).evaluate("a => a.href")
        assert page.request.get(url, timeout=120_000).status == 200, url

    screenshot(page, "home.png")


@pytest.mark.parametrize("notebook", notebook_pages())
def test_page_renders_for_a_reader(page, voila_server, notebook):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_notebook(page, voila_server, notebook)
    problems = page_problems(page)
    assert problems == [], f"{notebook}: {problems}\nServer log (end):\n{voila_server.log_tail()}"
    assert COURSE_TITLE in page.title()
    assert errors == [], f"{notebook}: JavaScript errors: {errors}"

    lessons = _lesson_names()
    name = Path(notebook).name
    if notebook.startswith("notebooks/") and name in lessons:
        nav = page.locator('nav.course-nav[data-course-ready="nav"]')
        assert nav.count() >= 1, f"{notebook} is a lesson but shows no previous/next links (lesson_nav)"
        index = lessons[name]
        assert page.locator("a.course-nav-home").count() >= 1
        assert (page.locator("a[rel=prev]").count() >= 1) == (index > 0), f"{notebook}: previous link"
        assert (page.locator("a[rel=next]").count() >= 1) == (index < len(lessons) - 1), f"{notebook}: next link"


def test_leaving_a_page_shuts_its_kernel_down(browser, voila_server):
    """Voila's page asks the server to shut its kernel down when the reader leaves; the server
    must accept that (it needs the ``_xsrf`` cookie the course's handler sets)."""
    import psutil

    def kernel_alive(kernel_id: str) -> bool:
        for p in psutil.Process(voila_server.process.pid).children(recursive=True):
            try:
                if f"kernel-{kernel_id}.json" in " ".join(p.cmdline()):
                    return True
            except psutil.NoSuchProcess:
                pass
        return False

    context = browser.new_context()
    page = context.new_page()
    keep_offline(page)
    try:
        open_notebook(page, voila_server, "notebooks/01_west_coast_motion.ipynb")
        assert "_xsrf" in {c["name"] for c in context.cookies()}
        kernel_id = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        assert kernel_id and kernel_alive(kernel_id)
        page.close(run_before_unload=True)
        deadline = time.monotonic() + 20
        while kernel_alive(kernel_id) and time.monotonic() < deadline:
            time.sleep(0.25)
        assert not kernel_alive(kernel_id), f"kernel {kernel_id} still running; server log:\n{voila_server.log_tail()}"
    finally:
        context.close()


# --- navigation and widgets, end to end, on a small course made for the test ---------------


def _notebook(*sources: str, title: str | None = None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    if title:
        nb.metadata["title"] = title
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title or 'Test page'}")] + [
        nbformat.v4.new_code_cell(s) for s in sources
    ]
    return nb


@pytest.fixture(scope="module")
def small_course(tmp_path_factory):
    """A course of two lessons served from a temporary folder, with its own lessons.yaml."""
    root = tmp_path_factory.mktemp("course")
    (root / "notebooks").mkdir()
    (root / "notebooks" / "index.ipynb").write_bytes((REPO / HOME).read_bytes())
    (root / "lessons.yaml").write_text(
        yaml.safe_dump(
            {
                "lessons": [
                    {"number": 1, "notebook": "01_first.ipynb", "title": "First steps",
                     "summary": "A slider and a ruling.", "minutes": 5},
                    {"number": 2, "notebook": "02_second.ipynb", "title": "Second steps",
                     "summary": "A button that fails politely.", "minutes": 10},
                ]
            }
        ),
        encoding="utf-8",
    )
    slider = (
        "import ipywidgets as w\n"
        "gap = w.IntSlider(value=1, min=0, max=10, description='Gap')\n"
        "shown = w.HTML('<span class=\"probe-ruling\">gap is 1</span>')\n"
        "gap.observe(lambda c: setattr(shown, 'value', f'<span class=\"probe-ruling\">gap is {c.new}</span>'), 'value')\n"
        "w.VBox([gap, shown])"
    )
    failing = (
        "import ipywidgets as w\n"
        "from widgets.errors import ErrorBox, friendly_errors\n"
        "box = ErrorBox()\n"
        "button = w.Button(description='Decide')\n"
        "@friendly_errors(box)\n"
        "def decide(_):\n"
        "    raise KeyError('no such test')\n"
        "button.on_click(decide)\n"
        "w.VBox([button, box])"
    )
    nbformat.write(
        _notebook(slider, 'from widgets.nav import lesson_nav; lesson_nav("01_first.ipynb")', title="First steps"),
        root / "notebooks" / "01_first.ipynb",
    )
    nbformat.write(
        _notebook(failing, 'from widgets.nav import lesson_nav; lesson_nav("02_second.ipynb")', title="Second steps"),
        root / "notebooks" / "02_second.ipynb",
    )
    (root / "exercises").mkdir()
    nbformat.write(_notebook("missing_name + 1", title="Broken"), root / "exercises" / "broken.ipynb")
    with running_server(root, {course_lessons.LESSONS_ENV: str(root / "lessons.yaml")}) as server:
        yield server


def test_navigation_by_keyboard_through_a_course(page, small_course):
    open_notebook(page, small_course, HOME)
    links = page.locator("a.course-lesson-link")
    assert links.all_inner_texts() == ["Lesson 1: First steps", "Lesson 2: Second steps"]
    assert "about 15 minutes in all" in page.inner_text("body")
    screenshot(page, "home-with-lessons.png")

    # Tab reaches the lesson links; Enter follows one.
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("() => document.activeElement && document.activeElement.textContent"))
        if focused[-1] == "Lesson 1: First steps":
            break
    assert focused[-1] == "Lesson 1: First steps", f"Tab never reached the first lesson: {focused}"
    page.keyboard.press("Enter")
    page.wait_for_url("**/notebooks/01_first.ipynb")
    wait_until_rendered(page)
    assert page_problems(page) == []
    assert page.locator("a[rel=prev]").count() == 0
    assert "Start of the course" in page.inner_text("nav.course-nav")
    next_link = page.locator("a[rel=next]")
    assert next_link.inner_text() == "Next: Lesson 2, Second steps →"
    screenshot(page, "lesson-nav.png")

    next_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/notebooks/02_second.ipynb")
    wait_until_rendered(page)
    assert page.locator("a[rel=next]").count() == 0
    assert "End of the course" in page.inner_text("nav.course-nav")
    assert page.locator("a[rel=prev]").inner_text() == "← Previous: Lesson 1, First steps"
    page.locator("a.course-nav-home").click()
    page.wait_for_url("**/notebooks/index.ipynb")


def test_wait_for_text_change_sees_a_control_change_the_page(page, small_course):
    open_notebook(page, small_course, "notebooks/01_first.ipynb")

    def move_slider():
        page.locator(".noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")

    assert wait_for_text_change(page, ".probe-ruling", move_slider) == "gap is 2"


def test_a_failing_callback_shows_a_friendly_message(page, small_course):
    open_notebook(page, small_course, "notebooks/02_second.ipynb")
    message = wait_for_text_change(page, ".course-error", lambda: page.get_by_role("button", name="Decide").click())
    assert message.startswith("Sorry")
    assert page.get_by_role("alert").count() == 1
    assert page_problems(page) == []  # no "KeyError", no traceback


def test_a_broken_page_is_caught_without_showing_a_traceback(page, small_course):
    open_notebook(page, small_course, "exercises/broken.ipynb")
    problems = page_problems(page)
    assert any("There was an error when executing cell" in p for p in problems), problems
    assert "NameError" not in page.inner_text("body")  # show_tracebacks is off
