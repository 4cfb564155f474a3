"""The course database's tables (SQLAlchemy Core), one place for every column.

The migrations in ``course/migrations`` build exactly these tables; a test compares the
migrated database with this metadata, so a column added here without a migration fails.
Times are UTC ISO 8601 text to the microsecond (they sort as text on both databases).
"""
from __future__ import annotations

from sqlalchemy import (Column, Float, Index, Integer, MetaData, PrimaryKeyConstraint, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

exercise_attempts = Table(
    "exercise_attempts", metadata,
    Column("learner", Text, nullable=False),
    Column("set_id", Text, nullable=False),
    Column("question_id", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("correct", Integer),
    Column("score", Float),
    Column("created_at", Text, nullable=False),
    Index("exercise_attempts_learner", "learner", "set_id", "question_id"),
)

seminar_sessions = Table(
    "seminar_sessions", metadata,
    Column("id", Text, primary_key=True),
    Column("join_code", Text, nullable=False, unique=True),
    Column("presenter_key_hash", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("date", Text, nullable=False),
    Column("presenter", Text, nullable=False),
    Column("agenda_json", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("ended_at", Text),
)

seminar_attendees = Table(
    "seminar_attendees", metadata,
    Column("id", Text, primary_key=True),
    Column("session_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("bar_number", Text, nullable=False),
    Column("joined_at", Text, nullable=False),
    Column("wrong_codes", Integer, nullable=False, server_default="0"),
    UniqueConstraint("session_id", "name_key", name="seminar_attendees_session_name"),
)

seminar_codes = Table(
    "seminar_codes", metadata,
    Column("session_id", Text, nullable=False),
    Column("checkpoint", Integer, nullable=False),
    Column("code", Text, nullable=False),
    Column("revealed_at", Text, nullable=False),
    PrimaryKeyConstraint("session_id", "checkpoint"),
)

seminar_confirmations = Table(
    "seminar_confirmations", metadata,
    Column("session_id", Text, nullable=False),
    Column("attendee_id", Text, nullable=False),
    Column("checkpoint", Integer, nullable=False),
    Column("confirmed_at", Text, nullable=False),
    PrimaryKeyConstraint("attendee_id", "checkpoint"),
)

seminar_polls = Table(
    "seminar_polls", metadata,
    Column("id", Text, primary_key=True),
    Column("session_id", Text, nullable=False),
    Column("question_id", Text, nullable=False),
    Column("prompt", Text, nullable=False),
    Column("options_json", Text, nullable=False),
    Column("opened_at", Text, nullable=False),
    Column("closed_at", Text),
)

seminar_answers = Table(
    "seminar_answers", metadata,
    Column("poll_id", Text, nullable=False),
    Column("attendee_id", Text, nullable=False),
    Column("option_index", Integer, nullable=False),
    Column("answered_at", Text, nullable=False),
    PrimaryKeyConstraint("poll_id", "attendee_id"),
)

seminar_questions = Table(
    "seminar_questions", metadata,
    Column("id", Text, primary_key=True),
    Column("session_id", Text, nullable=False),
    Column("attendee_id", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("asked_at", Text, nullable=False),
)
