"""Shared fixtures. The browser fixtures start a real Voila server (same configuration as
``bash run.sh serve``) and Debian's Chromium; see ``tests/browser_support.py``.

Locally, a browser test skips with the reason when Chromium is missing and a test that
needs the source documents skips when ``../shared/seeds`` is missing; with ``CI=true``
both are failures.
"""
from __future__ import annotations

import pytest

from browser_support import CHROMIUM, chromium_available, keep_offline, launch_chromium, require, running_server


@pytest.fixture(scope="session")
def voila_server():
    """The course served by Voila on a free 127.0.0.1 port, stopped after the session."""
    with running_server() as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    require(chromium_available(), f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - a test dependency
        require(False, "playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that reaches only the loopback server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    keep_offline(page)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def seeds_dir():
    """The folder of source documents; tests that check quotes against them use this."""
    from course.sources import SeedsMissing, seeds_dir as find

    try:
        return find()
    except SeedsMissing as e:
        require(False, str(e))


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster (tests/pg_support.py); its URL. Skips locally when
    PostgreSQL is not installed; fails under CI=true."""
    from pg_support import INSTALL_HINT, PostgresFailed, pg_bindir, running_postgres

    require(pg_bindir() is not None, INSTALL_HINT)
    try:
        with running_postgres() as url:
            yield url
    except PostgresFailed as e:
        require(False, f"could not start a test PostgreSQL: {e}")


def _empty_tables(url: str) -> None:
    from course import db
    from course.schema import metadata

    with db.transaction(url) as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, monkeypatch):
    """The course database for one test, on each backend in turn: a fresh SQLite file, or
    the session's PostgreSQL with every table emptied. Set as the configured database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'course.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_server")
        _empty_tables(url)
    monkeypatch.setenv("COURSE_DB_URL", url)
    return url
