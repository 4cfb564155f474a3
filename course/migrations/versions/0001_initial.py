"""The tables of the hand-written store (exercise attempts and the CLE seminar).

A database made by that store (no ``alembic_version`` table) already has some or all of
them: only the missing ones are created, so its records are adopted, not replaced.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tables() -> list[tuple[str, list]]:
    T = sa.Text
    return [
        ("exercise_attempts", [
            sa.Column("learner", T, nullable=False), sa.Column("set_id", T, nullable=False),
            sa.Column("question_id", T, nullable=False), sa.Column("answer", T, nullable=False),
            sa.Column("correct", sa.Integer), sa.Column("score", sa.Float),
            sa.Column("created_at", T, nullable=False)]),
        ("seminar_sessions", [
            sa.Column("id", T, primary_key=True), sa.Column("join_code", T, nullable=False, unique=True),
            sa.Column("presenter_key_hash", T, nullable=False, unique=True), sa.Column("title", T, nullable=False),
            sa.Column("date", T, nullable=False), sa.Column("presenter", T, nullable=False),
            sa.Column("agenda_json", T, nullable=False), sa.Column("created_at", T, nullable=False),
            sa.Column("ended_at", T)]),
        ("seminar_attendees", [
            sa.Column("id", T, primary_key=True), sa.Column("session_id", T, nullable=False),
            sa.Column("name", T, nullable=False), sa.Column("name_key", T, nullable=False),
            sa.Column("email", T, nullable=False), sa.Column("bar_number", T, nullable=False),
            sa.Column("joined_at", T, nullable=False),
            sa.Column("wrong_codes", sa.Integer, nullable=False, server_default="0"),
            sa.UniqueConstraint("session_id", "name_key", name="seminar_attendees_session_name")]),
        ("seminar_codes", [
            sa.Column("session_id", T, nullable=False), sa.Column("checkpoint", sa.Integer, nullable=False),
            sa.Column("code", T, nullable=False), sa.Column("revealed_at", T, nullable=False),
            sa.PrimaryKeyConstraint("session_id", "checkpoint")]),
        ("seminar_confirmations", [
            sa.Column("session_id", T, nullable=False), sa.Column("attendee_id", T, nullable=False),
            sa.Column("checkpoint", sa.Integer, nullable=False), sa.Column("confirmed_at", T, nullable=False),
            sa.PrimaryKeyConstraint("attendee_id", "checkpoint")]),
        ("seminar_polls", [
            sa.Column("id", T, primary_key=True), sa.Column("session_id", T, nullable=False),
            sa.Column("question_id", T, nullable=False), sa.Column("prompt", T, nullable=False),
            sa.Column("options_json", T, nullable=False), sa.Column("opened_at", T, nullable=False),
            sa.Column("closed_at", T)]),
        ("seminar_answers", [
            sa.Column("poll_id", T, nullable=False), sa.Column("attendee_id", T, nullable=False),
            sa.Column("option_index", sa.Integer, nullable=False), sa.Column("answered_at", T, nullable=False),
            sa.PrimaryKeyConstraint("poll_id", "attendee_id")]),
        ("seminar_questions", [
            sa.Column("id", T, primary_key=True), sa.Column("session_id", T, nullable=False),
            sa.Column("attendee_id", T, nullable=False), sa.Column("text", T, nullable=False),
            sa.Column("asked_at", T, nullable=False)]),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    for name, columns in _tables():
        if not sa.inspect(bind).has_table(name):
            op.create_table(name, *columns)
    if "exercise_attempts_learner" not in {i["name"] for i in sa.inspect(bind).get_indexes("exercise_attempts")}:
        op.create_index("exercise_attempts_learner", "exercise_attempts", ["learner", "set_id", "question_id"])


def downgrade() -> None:
    for name, _ in reversed(_tables()):
        op.drop_table(name)
