"""Where learners' progress and seminar records are kept.

By default an embedded SQLite file (``COURSE_DB`` to choose its path; default
``~/.local/share/bittorrent-doe-course/course.sqlite``). For a class on a shared server,
``COURSE_DB_URL=postgresql://user:pass@host/dbname`` points every kernel at one
PostgreSQL database (needs the optional ``psycopg`` package).

Both speak the same small SQL subset; :func:`connect` returns a DB-API connection and
:func:`placeholder` the parameter style, so the stores stay backend-agnostic. Every write
commits at once: a kernel that restarts mid-exercise loses nothing already answered.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path.home() / ".local" / "share" / "bittorrent-doe-course" / "course.sqlite"


class DatabaseUnavailable(RuntimeError):
    """The configured database cannot be reached; the message says what to set."""


def url() -> str:
    """The configured database: ``COURSE_DB_URL``, else ``sqlite:///<COURSE_DB or default path>``."""
    if os.environ.get("COURSE_DB_URL"):
        return os.environ["COURSE_DB_URL"]
    return "sqlite:///" + str(Path(os.environ.get("COURSE_DB", DEFAULT_PATH)).expanduser())


def is_postgres(db_url: str | None = None) -> bool:
    return (db_url or url()).startswith(("postgresql://", "postgres://"))


def placeholder(db_url: str | None = None) -> str:
    return "%s" if is_postgres(db_url) else "?"


def connect(db_url: str | None = None) -> Any:
    """A DB-API connection to the configured database (SQLite or PostgreSQL)."""
    db_url = db_url or url()
    if is_postgres(db_url):
        try:
            import psycopg
        except ImportError:
            raise DatabaseUnavailable(
                "COURSE_DB_URL names PostgreSQL, but the psycopg package is not installed: pip install 'psycopg[binary]'"
            ) from None
        try:
            return psycopg.connect(db_url, autocommit=False)
        except Exception as e:  # pragma: no cover - depends on a server
            raise DatabaseUnavailable(f"cannot reach the PostgreSQL database in COURSE_DB_URL: {e}") from None
    if not db_url.startswith("sqlite:///"):
        raise DatabaseUnavailable(f"unsupported database URL {db_url!r}: use sqlite:///PATH or postgresql://...")
    path = Path(db_url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")  # many kernels, one file
    conn.execute("PRAGMA busy_timeout=30000")
    return conn
