"""Alembic environment: the course runs migrations with a connection it passes in
(:func:`course.db.migrate`); ``alembic`` on the command line uses ``COURSE_DB_URL``."""
from __future__ import annotations

from alembic import context

from course.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def _run(conn) -> None:
    context.configure(connection=conn, target_metadata=metadata, render_as_batch=conn.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # pragma: no cover - the alembic command line
    from course import db

    with db.engine().connect() as conn:
        _run(conn)
        conn.commit()
