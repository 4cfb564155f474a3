"""When the course runs in a browser (the static site, ``deploy/static``): how it knows, and
where the progress store is kept there.

The static site runs each page's Python in Pyodide (``sys.platform == "emscripten"``), in
JupyterLite's kernel. Pyodide's own files live in memory and are gone when the page reloads;
JupyterLite mounts its contents at ``/drive`` (its DriveFS), which the site keeps in the
browser's storage (IndexedDB) across reloads. A file there is read whole when it is opened
and written whole when it is closed.

So in the browser the store (:mod:`course.db`) is SQLite in a memory file (:data:`WORKING`),
its schema made from :mod:`course.schema` (Alembic does not run in Pyodide), and every table's
rows are mirrored in one JSON file on the drive (:data:`SNAPSHOT`, visible in the site's file
list): read before each use of the store, when another page has changed it, and written after
each committed write. Rows are kept by column name, so a snapshot made by an older course
loads into newer tables. Without a drive (a browser that refuses the site's storage) the
store works for the page's life only, and :func:`persistent` says so.

On a server :func:`in_browser` is False: the store is what ``COURSE_DB`` / ``COURSE_DB_URL``
say, and pages link to Voila's URLs (:mod:`course.lessons` asks :func:`in_browser` which links
to write).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported only where the store is used (lessons.py imports this module)
    from sqlalchemy.engine import Connection, Engine

DRIVE = Path("/drive")
SNAPSHOT_NAME = "course-progress.json"
WORKING = Path("/tmp/bittorrent-doe-course/course.sqlite")
FORMAT = 1


def in_browser() -> bool:
    """True when the course runs in the browser (Pyodide), i.e. on the static site."""
    return sys.platform == "emscripten"


def snapshot_path() -> Path:
    return DRIVE / SNAPSHOT_NAME


def persistent() -> bool:
    """Whether the store outlives the page here (the site's drive is mounted)."""
    return DRIVE.is_dir()


def where_kept() -> str | None:
    """For a learner: where their answers are kept, when the course runs in a browser (else None)."""
    if not in_browser():
        return None
    if persistent():
        return ("Your answers are kept in this browser's storage for this site (the file "
                f"{SNAPSHOT_NAME}), across reloads, and sent nowhere. Clearing the site's data in the "
                "browser deletes them: export them to keep a copy.")
    return ("This browser does not let the site keep its storage, so your answers last only until you "
            "leave the page: export them before you leave.")


def url() -> str:
    return f"sqlite:///{WORKING}"


def create_schema(engine: Engine) -> None:
    from .schema import metadata

    metadata.create_all(engine)


#: What the snapshot held when this process last read or wrote it, per engine.
_SEEN: dict[int, bytes] = {}


def _read() -> bytes | None:
    try:
        return snapshot_path().read_bytes()
    except OSError:  # no snapshot yet, or no drive
        return None


def refresh(conn: Connection) -> None:
    """Replace the working copy's rows with the snapshot's, if the snapshot changed since this
    process last saw it (another page wrote). A snapshot that cannot be read is left alone:
    the working copy is kept, and the next write replaces the snapshot."""
    raw = _read()
    key = id(conn.engine)
    if raw is None or raw == _SEEN.get(key):
        return
    try:
        data = json.loads(raw.decode("utf-8"))
        tables = data["tables"]
        if not isinstance(tables, dict):
            raise ValueError("no tables")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return
    from sqlalchemy import delete, insert

    from .schema import metadata

    for table in reversed(metadata.sorted_tables):
        conn.execute(delete(table))
    for table in metadata.sorted_tables:
        names = set(table.c.keys())
        rows = [{k: v for k, v in row.items() if k in names} for row in tables.get(table.name, [])
                if isinstance(row, dict)]
        if rows:
            conn.execute(insert(table), rows)
    _SEEN[key] = raw


def save(conn: Connection) -> None:
    """Write every table's rows to the snapshot, as one whole-file write.

    The file is opened without truncating it (truncating would first store an empty file,
    which a page closed at that moment would leave behind) and the new text is padded with
    spaces, which JSON ignores, to at least the old length."""
    if not persistent():
        return
    from sqlalchemy import select

    from .schema import metadata

    tables = {t.name: [dict(r._mapping) for r in conn.execute(select(t))] for t in metadata.sorted_tables}
    raw = json.dumps({"format": FORMAT, "tables": tables}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    old = _read() or b""
    padded = raw + b" " * max(0, len(old) - len(raw))
    with os.fdopen(os.open(snapshot_path(), os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
        f.write(padded)
    _SEEN[id(conn.engine)] = _read() or padded


def forget() -> None:
    """Forget what was seen (tests; after the engines are disposed)."""
    _SEEN.clear()
