"""CLE integrity: verification codes hashed at rest and valid in their checkpoint's window,
wrong entries recorded per client, time in and out, presenter corrections with an audit
trail, the agenda's actual running times and the evaluation form.

Verification codes stored in plain text by 0001 are removed: they no longer have the shape
of a code (8 characters of the new alphabet), so they could not be entered anyway. Their
checkpoints stay revealed and every confirmation already made is kept; a seminar running
during the upgrade reveals its checkpoint again to get a new code. Each existing seminar
gets a salt for its new codes.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

T = sa.Text


def upgrade() -> None:
    with op.batch_alter_table("seminar_sessions") as b:
        b.add_column(sa.Column("code_salt", T))
    with op.batch_alter_table("seminar_attendees") as b:
        b.add_column(sa.Column("client", T))
        b.add_column(sa.Column("last_seen_at", T))
        b.add_column(sa.Column("left_at", T))
    with op.batch_alter_table("seminar_codes") as b:
        b.alter_column("code", existing_type=T, nullable=True)
        b.add_column(sa.Column("code_hash", T))
        b.add_column(sa.Column("closes_at", T))
    with op.batch_alter_table("seminar_confirmations") as b:
        b.add_column(sa.Column("source", T, nullable=False, server_default="code"))
    op.create_table(
        "seminar_wrong_codes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", T, nullable=False), sa.Column("attendee_id", T, nullable=False),
        sa.Column("client", T, nullable=False), sa.Column("entered_at", T, nullable=False))
    op.create_index("seminar_wrong_codes_session", "seminar_wrong_codes", ["session_id", "client"])
    op.create_table(
        "seminar_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", T, nullable=False), sa.Column("attendee_id", T),
        sa.Column("action", T, nullable=False), sa.Column("detail", T, nullable=False),
        sa.Column("reason", T, nullable=False), sa.Column("at", T, nullable=False))
    op.create_index("seminar_audit_session", "seminar_audit", ["session_id"])
    op.create_table(
        "seminar_item_times",
        sa.Column("session_id", T, nullable=False), sa.Column("item", sa.Integer, nullable=False),
        sa.Column("started_at", T, nullable=False), sa.Column("ended_at", T),
        sa.PrimaryKeyConstraint("session_id", "item"))
    op.create_table(
        "seminar_evaluations",
        sa.Column("session_id", T, nullable=False), sa.Column("attendee_id", T, nullable=False),
        sa.Column("answers_json", T, nullable=False), sa.Column("comments", T, nullable=False),
        sa.Column("submitted_at", T, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "attendee_id"))
    _remove_plain_codes()


def _remove_plain_codes() -> None:
    bind = op.get_bind()
    sessions = sa.table("seminar_sessions", sa.column("id", T), sa.column("code_salt", T))
    codes = sa.table("seminar_codes", sa.column("code", T))
    bind.execute(sa.update(codes).values(code=None))
    for (session_id,) in bind.execute(sa.select(sessions.c.id).where(sessions.c.code_salt.is_(None))).all():
        bind.execute(sa.update(sessions).where(sessions.c.id == session_id).values(code_salt=secrets.token_hex(16)))


def downgrade() -> None:
    for name in ("seminar_evaluations", "seminar_item_times", "seminar_audit", "seminar_wrong_codes"):
        op.drop_table(name)
    with op.batch_alter_table("seminar_confirmations") as b:
        b.drop_column("source")
    with op.batch_alter_table("seminar_codes") as b:
        b.drop_column("closes_at")
        b.drop_column("code_hash")
    with op.batch_alter_table("seminar_attendees") as b:
        b.drop_column("left_at")
        b.drop_column("last_seen_at")
        b.drop_column("client")
    with op.batch_alter_table("seminar_sessions") as b:
        b.drop_column("code_salt")
