"""Where learners' progress and seminar records are kept: one store on SQLAlchemy Core.

By default an embedded SQLite file (``COURSE_DB`` to choose its path; default
``~/.local/share/bittorrent-doe-course/course.sqlite``). For a class on a shared server,
``COURSE_DB_URL=postgresql://user:pass@host/dbname`` points every kernel at one
PostgreSQL database (needs the ``psycopg`` package: ``pip install -e ".[postgres]"``).

One pooled :class:`~sqlalchemy.engine.Engine` per database URL and process. The first use
of a database brings its schema to the newest Alembic revision (``course/migrations``),
under a lock so many kernels starting at once migrate it once; a database made by an
older course gains its new columns the same way. Writes go through :func:`transaction`
(committed at once: a kernel that restarts mid-exercise loses nothing already answered;
on SQLite it takes the write lock at the start, so a read-then-write cannot be
interleaved); reads through :func:`reading`.

In a browser (the static site) the store is SQLite in memory, mirrored to the browser's
storage (:mod:`course.browser`); ``COURSE_DB`` and ``COURSE_DB_URL`` do not apply there.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from . import browser

DEFAULT_PATH = Path.home() / ".local" / "share" / "bittorrent-doe-course" / "course.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: PostgreSQL advisory-lock key taken while migrating (any constant the course owns).
_MIGRATION_LOCK = 0x0C0_75E


class DatabaseUnavailable(RuntimeError):
    """The configured database cannot be reached; the message says what to set."""


def url() -> str:
    """The configured database: ``COURSE_DB_URL``, else ``sqlite:///<COURSE_DB or default path>``
    (in a browser, the in-memory store that :mod:`course.browser` mirrors)."""
    if browser.in_browser():
        return browser.url()
    if os.environ.get("COURSE_DB_URL"):
        return os.environ["COURSE_DB_URL"]
    return "sqlite:///" + str(Path(os.environ.get("COURSE_DB", DEFAULT_PATH)).expanduser())


def is_postgres(db_url: str | None = None) -> bool:
    return (db_url or url()).startswith(("postgresql", "postgres://"))


def _sqlalchemy_url(db_url: str) -> str:
    """The course's URL in SQLAlchemy's spelling (psycopg 3 for PostgreSQL)."""
    for prefix in ("postgresql://", "postgres://"):
        if db_url.startswith(prefix):
            return "postgresql+psycopg://" + db_url.removeprefix(prefix)
    return db_url


def _make_engine(db_url: str) -> Engine:
    if is_postgres(db_url):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise DatabaseUnavailable(
                "COURSE_DB_URL names PostgreSQL, but the psycopg package is not installed: pip install 'psycopg[binary]'"
            ) from None
        try:
            return create_engine(_sqlalchemy_url(db_url), pool_size=5, max_overflow=10, pool_pre_ping=True,
                                 pool_recycle=1800)
        except ArgumentError as e:
            raise DatabaseUnavailable(f"COURSE_DB_URL is not a database URL: {e}") from None
    if not db_url.startswith("sqlite:///"):
        raise DatabaseUnavailable(f"unsupported database URL {db_url!r}: use sqlite:///PATH or postgresql://...")
    path = Path(db_url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every SQLite test
        # SQLAlchemy, not the sqlite3 module, says when a transaction begins (see "begin").
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")  # many kernels, one file
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - exercised by every SQLite test
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("course_write") else "BEGIN")

    return engine


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def engine(db_url: str | None = None) -> Engine:
    """The pooled engine for ``db_url`` (default: :func:`url`), its schema migrated to head."""
    db_url = db_url or url()
    with _LOCK:
        found = _ENGINES.get(db_url)
        if found is None:
            found = _make_engine(db_url)
            try:
                if _mirrored(db_url):
                    browser.create_schema(found)  # Alembic does not run in Pyodide
                else:
                    migrate(found)
            except OperationalError as e:
                found.dispose()
                raise DatabaseUnavailable(f"cannot reach the course database ({_safe(db_url)}): {e.orig}") from None
            _ENGINES[db_url] = found
    return found


def _safe(db_url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except ArgumentError:
        return "an unreadable URL"


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(eng: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (default: the newest), once, under a lock."""
    from alembic import command

    with eng.connect().execution_options(course_write=True) as conn:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            command.upgrade(alembic_config(conn), revision)


def revision(db_url: str | None = None) -> str | None:
    """The database's Alembic revision (None before the first migration)."""
    from alembic.runtime.migration import MigrationContext

    with engine(db_url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _mirrored(db_url: str | None) -> bool:
    """Whether this is the browser's store, mirrored to the browser's storage."""
    return browser.in_browser() and (db_url or url()) == browser.url()


@contextmanager
def transaction(db_url: str | None = None) -> Iterator[Connection]:
    """A connection in one write transaction, committed when the block ends (rolled back on error)."""
    mirrored = _mirrored(db_url)
    with engine(db_url).connect().execution_options(course_write=True) as conn:
        with conn.begin():
            if mirrored:
                browser.refresh(conn)  # another page's writes first
            yield conn
        if mirrored:
            browser.save(conn)


@contextmanager
def reading(db_url: str | None = None) -> Iterator[Connection]:
    """A connection for reads (a consistent snapshot for the block)."""
    mirrored = _mirrored(db_url)
    with engine(db_url).connect().execution_options(course_write=mirrored) as conn:
        with conn.begin():
            if mirrored:
                browser.refresh(conn)  # what another page wrote
            yield conn


def dispose_all() -> None:
    """Close every pooled connection (tests; a forked process)."""
    with _LOCK:
        for eng in _ENGINES.values():
            eng.dispose()
        _ENGINES.clear()
        browser.forget()


def insert_ignoring(conn: Connection, table, conflict: list[str], **values) -> int:
    """INSERT ... ON CONFLICT (conflict) DO NOTHING; the number of rows inserted (0 or 1)."""
    stmt = _insert(conn, table).values(**values).on_conflict_do_nothing(index_elements=conflict)
    # RETURNING, not rowcount: a DB-API rowcount after INSERT is not reliable on every driver
    return len(conn.execute(stmt.returning(table.c[conflict[0]])).all())


def upsert(conn: Connection, table, conflict: list[str], update: list[str], **values) -> None:
    """INSERT, or on conflict (conflict) UPDATE the ``update`` columns with the new values."""
    stmt = _insert(conn, table).values(**values)
    conn.execute(stmt.on_conflict_do_update(index_elements=conflict,
                                            set_={c: stmt.excluded[c] for c in update}))


def _insert(conn: Connection, table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)
