"""The course's home page listing and the previous/next links on each lesson.

A notebook's code cell is one line::

    from widgets.nav import home_page; home_page()                 # notebooks/index.ipynb
    from widgets.nav import lesson_nav; lesson_nav("01_joinder.ipynb")   # in a lesson

Links are relative (see ``course/lessons.py``), plain ``<a href>`` elements: reachable
with Tab, followed with Enter, announced by screen readers with their labels. Each
widget carries ``data-course-ready`` so the browser tests know it has rendered.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from course import browser
from course import lessons as course_lessons
from course.records import Lesson

from .errors import friendly_message, report

_STYLE = """
<style>
.course-home { max-width: 52em; font-size: 15px; line-height: 1.5; }
.course-home ol { list-style: none; padding: 0; margin: 0; }
.course-home li { padding: 0.7em 0.9em; margin: 0 0 0.6em 0; border: 1px solid #d0d7de;
  border-left: 4px solid #1f5f8b; border-radius: 4px; background: #fff; }
.course-home .course-lesson-link, .course-home .course-exercise-link, .course-home .course-seminar-link, .course-home .course-progress-link { font-size: 1.1em; font-weight: 600; color: #1f5f8b; }
.course-home .course-lesson-summary { display: block; color: #333; margin-top: 0.2em; }
.course-home .course-lesson-minutes { display: block; color: #555; font-size: 0.9em; margin-top: 0.2em; }
.course-home .course-total { color: #444; margin: 0.2em 0 0.8em 0; }
.course-nav { display: flex; gap: 1em; justify-content: space-between; align-items: center;
  flex-wrap: wrap; max-width: 52em; margin: 1em 0; padding: 0.6em 0; border-top: 1px solid #d0d7de;
  font-size: 15px; }
.course-nav a { color: #1f5f8b; font-weight: 600; text-decoration: underline; }
.course-home a:focus, .course-nav a:focus { outline: 3px solid #f2b705; outline-offset: 2px; }
</style>
"""


def _minutes(n: int) -> str:
    return f"about {n} minute{'s' if n != 1 else ''}"


def home_html(path: Path | str | None = None) -> str:
    """The home page's list of lessons, as HTML (escaped)."""
    entries = course_lessons.home_entries(path)
    if not entries:
        body = (
            '<p class="course-no-lessons">The lessons are being written; '
            "they will be listed here in order.</p>"
        )
    else:
        total = sum(e.minutes for e in entries)
        items = []
        for e in entries:
            items.append(
                "<li>"
                f'<a class="course-lesson-link" href="{html.escape(e.href)}">'
                f"{html.escape(e.label)}</a>"
                f'<span class="course-lesson-summary">{html.escape(e.summary)}</span>'
                f'<span class="course-lesson-minutes">{_minutes(e.minutes)}</span>'
                "</li>"
            )
        body = (
            f'<p class="course-total">{len(entries)} lesson{"s" if len(entries) != 1 else ""}, '
            f"{_minutes(total)} in all.</p>"
            f'<ol class="course-lessons">{"".join(items)}</ol>'
        )
    return (
        f"{_STYLE}"
        '<nav class="course-home" aria-label="Lessons" data-course-ready="home">'
        f'<h2 id="course-lessons-heading">Lessons</h2>{body}{_exercises_html()}{_seminar_html()}</nav>'
    )


def _exercises_html() -> str:
    from course.exercises import load_bank

    sets = load_bank().ordered()
    if not sets:
        return ""
    items = "".join(
        "<li>"
        f'<a class="course-exercise-link" href="{html.escape(course_lessons.page_href("exercises", s.notebook))}">'
        f"{html.escape(s.title)}</a>"
        f'<span class="course-lesson-summary">{len(s.questions)} questions with feedback that cites the opinions, '
        "and generated practice problems.</span></li>"
        for s in sets
    )
    return (f'<h2 id="course-exercises-heading">Exercises</h2><ol class="course-lessons">{items}</ol>'
            f'<p><a class="course-progress-link" href="{html.escape(course_lessons.page_href("progress", "my_progress"))}">'
            "My progress</a>"
            '<span class="course-lesson-summary">Every set, your score and last attempt, with an export.</span></p>')


def _seminar_html() -> str:
    if browser.in_browser():  # the static site has no seminar pages
        return ('<h2 id="course-seminar-heading">CLE seminar</h2><p>The seminar pages need a shared server, so they '
                "are not part of this site. Use the course's Voila server for a seminar.</p>")
    return (
        '<h2 id="course-seminar-heading">CLE seminar</h2><ol class="course-lessons">'
        '<li><a class="course-seminar-link" href="../seminar/presenter.ipynb">Presenter view</a>'
        '<span class="course-lesson-summary">Run a timed seminar: verification codes, live polls, '
        "attendees' questions, certificates and the attendance record.</span></li>"
        '<li><a class="course-seminar-link" href="../seminar/attendee.ipynb">Attendee view</a>'
        '<span class="course-lesson-summary">Join a seminar, enter the codes, answer polls, ask questions.</span></li>'
        "</ol>"
    )


def _practice_link(notebook: str) -> str:
    from course.exercises import load_bank

    for s in load_bank().ordered():
        if s.set.lesson == course_lessons._name(notebook):
            return (f'<a class="course-nav-practice" href="{html.escape(course_lessons.page_href("exercises", s.notebook))}" '
                    f'aria-label="Exercises for this lesson: {html.escape(s.title)}">Exercises for this lesson</a>')
    return ""


def _link(lesson: Lesson, rel: str, word: str) -> str:
    label = f"{word}: Lesson {lesson.number}, {lesson.title}"
    arrow = "← " if rel == "prev" else ""
    after = " →" if rel == "next" else ""
    return (
        f'<a class="course-nav-{rel}" rel="{rel}" href="{html.escape(course_lessons.lesson_href(lesson.notebook))}" '
        f'aria-label="{html.escape(label)}">{arrow}{html.escape(label)}{after}</a>'
    )


def lesson_nav_html(notebook: str, path: Path | str | None = None) -> str:
    """Previous / home / next links for a lesson, as HTML (escaped)."""
    previous, following = course_lessons.navigation(notebook, path)
    home = (
        f'<a class="course-nav-home" href="{html.escape(course_lessons.home_href())}" '
        'aria-label="Course home: all lessons">Course home</a>'
    )
    parts = [
        _link(previous, "prev", "Previous") if previous else '<span class="course-nav-prev">Start of the course</span>',
        home,
        _practice_link(notebook),
        _link(following, "next", "Next") if following else '<span class="course-nav-next">End of the course</span>',
    ]
    return f'{_STYLE}<nav class="course-nav" aria-label="Lesson navigation" data-course-ready="nav">{"".join(parts)}</nav>'


def _failed(exc: Exception, where: str) -> w.HTML:
    report(exc, None, where=where)
    return w.HTML(
        f'<div role="alert" data-course-ready="error">{html.escape(friendly_message(exc))}</div>'
    )


def home_page(path: Path | str | None = None) -> w.HTML:
    """The home page's list of lessons, as a widget."""
    try:
        return w.HTML(home_html(path))
    except Exception as exc:  # noqa: BLE001 - a reader sees a sentence, never a traceback
        return _failed(exc, "home_page")


def lesson_nav(notebook: str, path: Path | str | None = None) -> w.HTML:
    """Previous/next links for the lesson in ``notebook`` (e.g. "01_joinder.ipynb")."""
    try:
        return w.HTML(lesson_nav_html(notebook, path))
    except Exception as exc:  # noqa: BLE001
        return _failed(exc, f"lesson_nav({notebook!r})")
