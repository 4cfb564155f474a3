"""Attempts kept in the course database: persistence, summaries, and an escaped export.
Each test runs on SQLite and on a real PostgreSQL (the ``db_url`` fixture in conftest.py)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from course import db, progress


@pytest.fixture
def temp_db(db_url):
    return db_url


def test_attempts_survive_a_restart(temp_db):
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 4, True, 1.0)
    progress.record_attempt("ana", "orientation", "orientation.hash_shows", 2, False, 0.0)
    progress.record_attempt("ben", "orientation", "orientation.four_peers", 5, False, 0.0)
    # a "restart": a brand-new engine and connection, nothing cached
    fresh = sa.create_engine(db._sqlalchemy_url(temp_db), poolclass=sa.pool.NullPool)
    with fresh.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM exercise_attempts")).scalar() == 3
    fresh.dispose()
    rows = progress.attempts("ana")
    assert [r.question_id for r in rows] == ["orientation.four_peers", "orientation.hash_shows"]
    assert rows[0].answer == 4 and rows[0].correct is True and rows[0].score == 1.0
    assert rows[0].created_at.endswith("+00:00")


def test_summary_uses_the_latest_attempt(temp_db):
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 5, False, 0.0)
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 4, True, 1.0)
    progress.record_attempt("ana", "orientation", "orientation.who_decides", [1, 2], False, 0.5)
    progress.record_attempt("ana", "orientation", "orientation.hash_not_time", {"text": "x"}, None, None)
    s = progress.summary("ana")["orientation"]
    assert (s.answered, s.correct, s.score, s.attempts) == (3, 1, 1.5, 4)
    assert progress.summary("nobody") == {}


def test_learner_ids_are_checked(temp_db):
    with pytest.raises(progress.BadLearner):
        progress.record_attempt("  ", "orientation", "orientation.four_peers", 4, True, 1.0)
    with pytest.raises(progress.BadLearner):
        progress.attempts("x" * 81)
    progress.record_attempt("  ana   lee ", "orientation", "orientation.four_peers", 4, True, 1.0)
    assert len(progress.attempts("ana lee")) == 1


def test_sql_injection_is_just_text(temp_db):
    evil = "x'); DROP TABLE exercise_attempts; --"
    progress.record_attempt(evil, "orientation", "orientation.four_peers", evil, False, 0.0)
    assert progress.attempts(evil)[0].answer == evil


def test_export_escapes_free_text(temp_db):
    text = '<script>alert("x")</script> & <b>bold</b>'
    progress.record_attempt("<img src=x onerror=alert(1)>", "orientation", "orientation.hash_not_time",
                            {"text": text, "self_check": None}, None, None)
    page = progress.export_html("<img src=x onerror=alert(1)>")
    assert "<script>" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "http" not in page


def test_export_with_no_attempts(temp_db):
    assert "No answers recorded yet" in progress.export_html("someone")


def test_postgresql_without_psycopg_is_a_clear_error(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_psycopg(name, *args, **kwargs):
        if name == "psycopg":
            raise ImportError("no psycopg")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    monkeypatch.setenv("COURSE_DB_URL", "postgresql://u:p@127.0.0.1/course")
    assert db.is_postgres()
    with pytest.raises(db.DatabaseUnavailable, match="psycopg"):
        progress.record_attempt("ana", "orientation", "orientation.four_peers", 4, True, 1.0)
