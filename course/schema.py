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
    Column("code_salt", Text),  # hex; verification codes are stored as scrypt(code, salt) (0002)
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
    Column("client", Text),  # the browser it joined from (0002)
    Column("last_seen_at", Text),  # the page's last sign of life (0002)
    Column("left_at", Text),  # time out, when the attendee left (0002)
    UniqueConstraint("session_id", "name_key", name="seminar_attendees_session_name"),
)

seminar_codes = Table(
    "seminar_codes", metadata,
    Column("session_id", Text, nullable=False),
    Column("checkpoint", Integer, nullable=False),
    Column("code", Text),  # plaintext before 0002; now always NULL
    Column("revealed_at", Text, nullable=False),
    Column("code_hash", Text),  # scrypt of the code with the session's salt (0002)
    Column("closes_at", Text),  # end of the checkpoint's window (0002; NULL: until the seminar ends)
    PrimaryKeyConstraint("session_id", "checkpoint"),
)

seminar_confirmations = Table(
    "seminar_confirmations", metadata,
    Column("session_id", Text, nullable=False),
    Column("attendee_id", Text, nullable=False),
    Column("checkpoint", Integer, nullable=False),
    Column("confirmed_at", Text, nullable=False),
    Column("source", Text, nullable=False, server_default="code"),  # "code" or "presenter" (0002)
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

# --- 0002: CLE integrity ----------------------------------------------------------------------

seminar_wrong_codes = Table(
    "seminar_wrong_codes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Text, nullable=False),
    Column("attendee_id", Text, nullable=False),
    Column("client", Text, nullable=False),
    Column("entered_at", Text, nullable=False),
    Index("seminar_wrong_codes_session", "session_id", "client"),
)

seminar_audit = Table(
    "seminar_audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Text, nullable=False),
    Column("attendee_id", Text),
    Column("action", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("seminar_audit_session", "session_id"),
)

seminar_item_times = Table(
    "seminar_item_times", metadata,
    Column("session_id", Text, nullable=False),
    Column("item", Integer, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("ended_at", Text),
    PrimaryKeyConstraint("session_id", "item"),
)

seminar_evaluations = Table(
    "seminar_evaluations", metadata,
    Column("session_id", Text, nullable=False),
    Column("attendee_id", Text, nullable=False),
    Column("answers_json", Text, nullable=False),
    Column("comments", Text, nullable=False),
    Column("submitted_at", Text, nullable=False),
    PrimaryKeyConstraint("session_id", "attendee_id"),
)
