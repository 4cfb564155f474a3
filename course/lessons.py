"""The lessons in order (``data/lessons.yaml``) and how the pages link to each other.

Pure Python: no ipywidgets. The views in ``widgets/nav.py`` turn these into HTML.

URL scheme (see ``server/launch.py``): Voila serves the repository in directory mode.
A notebook ``notebooks/NAME.ipynb`` renders at ``/voila/render/notebooks/NAME.ipynb``,
an exercise at ``/voila/render/exercises/NAME.ipynb``, and ``/`` redirects to the home
page, ``notebooks/index.ipynb``. Links between pages are *relative* (``NAME.ipynb`` from
a page in ``notebooks/``, ``../notebooks/NAME.ipynb`` from an exercise), so they work
under any base URL and also when the notebooks are opened in JupyterLab.

On the static site (``deploy/static``, :func:`course.browser.in_browser`) every page opens in
JupyterLite's Notebook app, ``notebooks/index.html?path=FOLDER/NAME.ipynb`` from the site's
root, and the site's home page is its root ``index.html``: :func:`page_href` gives those links
there, relative to the app's page, which every page shares.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import browser, paths
from .records import DATA_DIR, DataError, Lesson, load_lessons

#: The home page's notebook, in ``LESSONS_FOLDER``.
HOME_NOTEBOOK = "index.ipynb"
#: The folder, relative to the repository, that holds the lesson notebooks.
LESSONS_FOLDER = "notebooks"
#: Where Voila renders a notebook, relative to the server's base URL.
RENDER_PREFIX = "voila/render"
#: The static site's Notebook app, which opens every page, and its home page (from the site's root).
SITE_APP = "notebooks/index.html"
SITE_HOME = "index.html"
#: Set this to a lessons.yaml to use instead of ``data/lessons.yaml`` (tests use it).
LESSONS_ENV = "COURSE_LESSONS"


class NotInCourse(DataError, LookupError):
    """A notebook asked for its neighbours but is not in the lessons file (an authoring slip:
    the message says what to do, and the page shows it)."""


def lessons_path(path: Path | str | None = None) -> Path:
    """The lessons file: ``path``, else ``$COURSE_LESSONS``, else ``data/lessons.yaml``."""
    if path is not None:
        return Path(path)
    env = os.environ.get(LESSONS_ENV)
    return Path(env) if env else DATA_DIR / "lessons.yaml"


def load(path: Path | str | None = None) -> list[Lesson]:
    """The lessons in course order, validated (a bad file raises :class:`DataError`)."""
    return load_lessons(lessons_path(path))


def _name(notebook: str) -> str:
    """'notebooks/01_joinder.ipynb', '01_joinder' or '01_joinder.ipynb' -> '01_joinder.ipynb'."""
    name = notebook.strip().replace("\\", "/").rsplit("/", 1)[-1]
    return name if name.endswith(".ipynb") else name + ".ipynb"


def site_href(folder: str, notebook: str, *, from_root: bool = False) -> str:
    """Where the static site opens ``folder/notebook``: relative to the Notebook app's page
    (where every page opens), or to the site's root."""
    app = SITE_APP if from_root else SITE_APP.rsplit("/", 1)[-1]
    return f"{app}?path={folder.strip('/')}/{_name(notebook)}"


def page_href(folder: str, notebook: str, *, from_folder: str = LESSONS_FOLDER, static: bool | None = None) -> str:
    """A relative link to the page ``folder/notebook`` (a lesson, an exercise set, "my progress")
    from a page in ``from_folder``: for Voila, or on the static site (``static``, by default
    :func:`~course.browser.in_browser`) the Notebook app's URL."""
    if browser.in_browser() if static is None else static:
        return site_href(folder, notebook)
    name = _name(notebook)
    if from_folder.strip("/") == folder.strip("/"):
        return name
    return f"../{folder.strip('/')}/{name}"


def lesson_href(notebook: str, *, from_folder: str = LESSONS_FOLDER, static: bool | None = None) -> str:
    """A relative link to a lesson (or the home page) from a page in ``from_folder``."""
    return page_href(LESSONS_FOLDER, notebook, from_folder=from_folder, static=static)


def home_href(*, from_folder: str = LESSONS_FOLDER, static: bool | None = None) -> str:
    """The course's home page: ``index.ipynb`` for Voila; the site's own home on the static site."""
    if browser.in_browser() if static is None else static:
        return "../" * SITE_APP.count("/") + SITE_HOME
    return lesson_href(HOME_NOTEBOOK, from_folder=from_folder, static=False)


def lesson_url(notebook: str, base_url: str = "/") -> str:
    """The absolute path (or URL, given a server's base) at which Voila renders a lesson.

    >>> lesson_url("01_joinder.ipynb")
    '/voila/render/notebooks/01_joinder.ipynb'
    >>> lesson_url("index", "http://127.0.0.1:8866/")
    'http://127.0.0.1:8866/voila/render/notebooks/index.ipynb'
    """
    base = base_url if base_url.endswith("/") else base_url + "/"
    return f"{base}{RENDER_PREFIX}/{LESSONS_FOLDER}/{_name(notebook)}"


@dataclass(frozen=True)
class HomeEntry:
    """One line of the home page's list of lessons."""

    number: int
    title: str
    summary: str
    minutes: int
    notebook: str
    href: str  # relative to the home page

    @property
    def label(self) -> str:
        return f"Lesson {self.number}: {self.title}"


def home_entries(path: Path | str | None = None) -> list[HomeEntry]:
    """The home page's list: every lesson in order, each with its link."""
    return [
        HomeEntry(
            number=l.number,
            title=l.title,
            summary=l.summary,
            minutes=l.minutes,
            notebook=l.notebook,
            href=lesson_href(l.notebook),
        )
        for l in load(path)
    ]


def total_minutes(path: Path | str | None = None) -> int:
    return sum(l.minutes for l in load(path))


def navigation(notebook: str, path: Path | str | None = None) -> tuple[Lesson | None, Lesson | None]:
    """The lessons before and after ``notebook`` (None at either end of the course).

    Raises :class:`NotInCourse` (a :class:`LookupError`) if the notebook is not in the lessons file.
    """
    name = _name(notebook)
    lessons = load(path)
    for i, lesson in enumerate(lessons):
        if lesson.notebook == name:
            previous = lessons[i - 1] if i > 0 else None
            following = lessons[i + 1] if i + 1 < len(lessons) else None
            return previous, following
    raise NotInCourse(f"{name} is not listed in {lessons_path(path).name}; add it there to link it into the course")


def problems(path: Path | str | None = None, folder: Path | str | None = None) -> list[str]:
    """What is wrong between the lessons file and the notebooks folder, as sentences.

    Every listed notebook must exist, and every notebook in the folder except the home
    page must be listed (so that no lesson is unreachable from the home page).
    """
    if folder is None:
        root = paths.project_root()
        if root is None:
            return ["no notebooks folder to compare with: run this from a checkout of the course"]
        folder = root / LESSONS_FOLDER
    folder = Path(folder)
    try:
        lessons = load(path)
    except DataError as e:
        return [str(e)]
    out = []
    listed = {l.notebook for l in lessons}
    for name in sorted({l.notebook for l in lessons if [m.notebook for m in lessons].count(l.notebook) > 1}):
        out.append(f"{name} is listed more than once")
    for l in lessons:
        if not (folder / l.notebook).is_file():
            out.append(f"lesson {l.number} ({l.notebook}) is listed but {folder.name}/{l.notebook} does not exist")
    if HOME_NOTEBOOK in listed:
        out.append(f"{HOME_NOTEBOOK} is the home page, not a lesson; do not list it")
    for nb in sorted(folder.glob("*.ipynb")):
        if nb.name != HOME_NOTEBOOK and nb.name not in listed:
            out.append(f"{folder.name}/{nb.name} is not listed in {lessons_path(path).name}")
    return out
