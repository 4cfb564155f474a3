"""The lesson list, navigation between lessons, and the home page's listing.

Navigation is tested on temporary lessons files, so these tests do not depend on which
lessons the course has; the last tests check the real data/lessons.yaml and home page.
"""
from __future__ import annotations

import json
from pathlib import Path

import ipywidgets
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from course import lessons
from course.records import DataError
from widgets import nav

REPO = Path(__file__).resolve().parent.parent

THREE = [
    {"number": 1, "notebook": "01_joinder.ipynb", "title": "Joinder", "summary": "One suit, many Does?", "minutes": 20, "seed": "002"},
    {"number": 2, "notebook": "02_discovery.ipynb", "title": "Early discovery", "summary": "Subpoenas before service.", "minutes": 25},
    {"number": 3, "notebook": "03_subscriber.ipynb", "title": "The subscriber", "summary": "Who pays is not who downloads.", "minutes": 15, "seed": "003"},
]


def write(tmp_path: Path, records: list[dict], name: str = "lessons.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"lessons": records}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def three(tmp_path) -> Path:
    return write(tmp_path, THREE)


# --- loading --------------------------------------------------------------------------


def test_load_keeps_course_order(three):
    assert [l.notebook for l in lessons.load(three)] == [r["notebook"] for r in THREE]
    assert lessons.total_minutes(three) == 60


def test_environment_variable_points_at_another_file(three, monkeypatch):
    monkeypatch.setenv(lessons.LESSONS_ENV, str(three))
    assert lessons.lessons_path() == three
    assert len(lessons.load()) == 3


def test_out_of_order_numbers_are_refused(tmp_path):
    path = write(tmp_path, [THREE[1], THREE[0]])
    with pytest.raises(DataError, match="in order"):
        lessons.load(path)


def test_a_bad_record_names_its_field(tmp_path):
    bad = dict(THREE[0], minutes=0)
    with pytest.raises(DataError, match=r"01_joinder.ipynb.*'minutes'"):
        lessons.load(write(tmp_path, [bad]))


def test_missing_file_says_so(tmp_path):
    with pytest.raises(DataError, match="not found"):
        lessons.load(tmp_path / "nowhere.yaml")


# --- links and navigation ---------------------------------------------------------------


def test_home_entries_link_relatively(three):
    entries = lessons.home_entries(three)
    assert [e.href for e in entries] == ["01_joinder.ipynb", "02_discovery.ipynb", "03_subscriber.ipynb"]
    assert entries[0].label == "Lesson 1: Joinder"
    assert (entries[1].summary, entries[1].minutes) == ("Subpoenas before service.", 25)


def test_urls_follow_the_voila_scheme():
    assert lessons.lesson_url("01_joinder.ipynb") == "/voila/render/notebooks/01_joinder.ipynb"
    assert lessons.lesson_url("01_joinder", "http://127.0.0.1:8866") == "http://127.0.0.1:8866/voila/render/notebooks/01_joinder.ipynb"
    assert lessons.lesson_url("index.ipynb", "/course/") == "/course/voila/render/notebooks/index.ipynb"
    assert lessons.lesson_href("01_joinder.ipynb", from_folder="exercises") == "../notebooks/01_joinder.ipynb"
    assert lessons.home_href() == "index.ipynb"
    assert lessons.home_href(from_folder="exercises") == "../notebooks/index.ipynb"


def test_static_site_links_open_the_sites_own_pages():
    """On the static site a page is the Notebook app's page with ?path=; links are relative to it."""
    from urllib.parse import urljoin

    here = "http://127.0.0.1:8000/notebooks/index.html?path=exercises/00_orientation.ipynb"
    href = lessons.lesson_href("01_joinder", from_folder="exercises", static=True)
    assert href == "index.html?path=notebooks/01_joinder.ipynb"
    assert urljoin(here, href) == "http://127.0.0.1:8000/notebooks/index.html?path=notebooks/01_joinder.ipynb"
    assert urljoin(here, lessons.page_href("progress", "my_progress", static=True)) == (
        "http://127.0.0.1:8000/notebooks/index.html?path=progress/my_progress.ipynb")
    assert urljoin(here, lessons.home_href(static=True)) == "http://127.0.0.1:8000/index.html"
    # Voila's form is unchanged when not on the static site
    assert lessons.page_href("progress", "my_progress", static=False) == "../progress/my_progress.ipynb"
    assert lessons.page_href("exercises", "00_orientation.ipynb", from_folder="exercises", static=False) == (
        "00_orientation.ipynb")
    assert lessons.site_href("exercises", "00_orientation", from_root=True) == (
        "notebooks/index.html?path=exercises/00_orientation.ipynb")


def test_the_static_home_page_links_as_the_course_does():
    """deploy/static/build.py writes the site's home page; its links are the course's own."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("static_build", REPO / "deploy" / "static" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.page_href("exercises/00_orientation.ipynb") == lessons.site_href("exercises", "00_orientation.ipynb",
                                                                                 from_root=True)


def test_pages_link_to_the_static_site_when_running_in_the_browser(three, monkeypatch):
    from course import browser

    monkeypatch.setattr(browser, "in_browser", lambda: True)
    html = nav.lesson_nav_html("02_discovery.ipynb", three)
    assert 'rel="prev" href="index.html?path=notebooks/01_joinder.ipynb"' in html
    assert 'rel="next" href="index.html?path=notebooks/03_subscriber.ipynb"' in html
    assert 'class="course-nav-home" href="../index.html"' in html and "voila" not in html
    home = nav.home_html(three)
    assert 'href="index.html?path=notebooks/01_joinder.ipynb"' in home
    assert 'href="index.html?path=exercises/00_orientation.ipynb"' in home
    assert 'href="index.html?path=progress/my_progress.ipynb"' in home
    assert "seminar/presenter" not in home and "need a shared server" in home
    monkeypatch.setattr(browser, "in_browser", lambda: False)
    assert 'href="../progress/my_progress.ipynb"' in nav.home_html(three) and "seminar/presenter" in nav.home_html(three)


def test_navigation_at_start_middle_and_end(three):
    first, second, third = lessons.load(three)
    assert lessons.navigation("01_joinder.ipynb", three) == (None, second)
    assert lessons.navigation("02_discovery.ipynb", three) == (first, third)
    assert lessons.navigation("03_subscriber.ipynb", three) == (second, None)


@pytest.mark.parametrize("name", ["02_discovery", "02_discovery.ipynb", "notebooks/02_discovery.ipynb", " 02_discovery.ipynb "])
def test_navigation_accepts_a_name_in_any_usual_spelling(three, name):
    prev, nxt = lessons.navigation(name, three)
    assert (prev.number, nxt.number) == (1, 3)


def test_an_unlisted_lesson_is_a_lookup_error(three):
    with pytest.raises(LookupError, match="99_nothing.ipynb is not listed"):
        lessons.navigation("99_nothing.ipynb", three)


def test_a_single_lesson_has_no_neighbours(tmp_path):
    assert lessons.navigation("01_joinder.ipynb", write(tmp_path, THREE[:1])) == (None, None)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=12, unique=True))
def test_next_then_previous_walks_the_whole_course(tmp_path_factory, numbers):
    numbers = sorted(numbers)
    records = [
        {"number": n, "notebook": f"l{n:03d}.ipynb", "title": f"T{n}", "summary": "s", "minutes": 1} for n in numbers
    ]
    path = write(tmp_path_factory.mktemp("walk"), records)
    seen, current = [], records[0]["notebook"]
    while current:
        seen.append(current)
        prev, nxt = lessons.navigation(current, path)
        if nxt:
            assert lessons.navigation(nxt.notebook, path)[0].notebook == current
        current = nxt.notebook if nxt else None
    assert seen == [r["notebook"] for r in records]


def test_problems_finds_missing_and_unlisted_notebooks(three, tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("index.ipynb", "01_joinder.ipynb", "02_discovery.ipynb", "04_extra.ipynb"):
        (folder / name).write_text("{}", encoding="utf-8")
    found = lessons.problems(three, folder)
    assert any("03_subscriber.ipynb" in p and "does not exist" in p for p in found)
    assert any("04_extra.ipynb is not listed" in p for p in found)
    assert not any("index.ipynb" in p for p in found)
    assert len(found) == 2
    twice = write(tmp_path, [THREE[0], dict(THREE[1], notebook="01_joinder.ipynb")], "twice.yaml")
    assert "01_joinder.ipynb is listed more than once" in lessons.problems(twice, folder)


# --- the views ----------------------------------------------------------------------------


def test_home_html_lists_lessons_in_order_with_minutes(three):
    html = nav.home_html(three)
    assert html.index("Lesson 1: Joinder") < html.index("Lesson 2: Early discovery") < html.index("Lesson 3: The subscriber")
    assert 'href="01_joinder.ipynb"' in html
    assert "about 20 minutes" in html and "about 60 minutes in all" in html
    assert 'aria-label="Lessons"' in html


def test_home_html_escapes_text(tmp_path):
    evil = dict(THREE[0], title="<script>alert(1)</script>", summary='"quoted" & <b>')
    html = nav.home_html(write(tmp_path, [evil]))
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html and "&amp; &lt;b&gt;" in html


def test_home_html_without_lessons(tmp_path):
    assert "being written" in nav.home_html(write(tmp_path, []))


def test_lesson_nav_links_are_labelled(three):
    html = nav.lesson_nav_html("02_discovery.ipynb", three)
    assert 'rel="prev" href="01_joinder.ipynb"' in html
    assert 'rel="next" href="03_subscriber.ipynb"' in html
    assert 'aria-label="Previous: Lesson 1, Joinder"' in html
    assert 'aria-label="Next: Lesson 3, The subscriber"' in html
    assert 'href="index.ipynb"' in html and 'aria-label="Lesson navigation"' in html


def test_lesson_nav_at_the_ends(three):
    first = nav.lesson_nav_html("01_joinder.ipynb", three)
    assert 'rel="prev"' not in first and "Start of the course" in first
    last = nav.lesson_nav_html("03_subscriber.ipynb", three)
    assert 'rel="next"' not in last and "End of the course" in last


def test_widgets_are_html_and_fail_politely(three, tmp_path, caplog):
    assert isinstance(nav.home_page(three), ipywidgets.HTML)
    assert isinstance(nav.lesson_nav("01_joinder.ipynb", three), ipywidgets.HTML)
    broken = tmp_path / "broken.yaml"
    broken.write_text("lessons: [\n", encoding="utf-8")
    shown = nav.home_page(broken).value
    assert 'data-course-ready="error"' in shown and "not valid YAML" in shown
    assert "Traceback" not in shown
    unlisted = nav.lesson_nav("99_nothing.ipynb", three).value
    assert 'data-course-ready="error"' in unlisted and "LookupError" not in unlisted
    assert "99_nothing.ipynb is not listed in lessons.yaml" in unlisted  # says what to fix
    assert any("lesson_nav" in r.getMessage() for r in caplog.records)


# --- the real course ------------------------------------------------------------------------


def test_real_lessons_file_is_valid_and_matches_the_notebooks():
    lessons.load()  # raises DataError naming the file, record and field
    assert lessons.problems() == []


def test_home_notebook_carries_no_logic():
    nb = json.loads((REPO / "notebooks" / "index.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(len(src.strip().splitlines()) <= 2 for src in code), code
    assert "home_page()" in code[-1]
