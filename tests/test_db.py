"""The course store (course/db.py, course/schema.py, course/migrations): migrations build
exactly the declared tables, a database made by the old hand-written store is adopted
with its records, one pooled engine per database, and 40 attendees and 40 learners
writing at once lose nothing, on SQLite and on a real PostgreSQL (conftest.py: db_url)."""
from __future__ import annotations

import sqlite3
import threading
from fractions import Fraction

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from course import db, progress
from course import seminar as sem
from course.schema import metadata


def test_one_line_of_migrations():
    heads = ScriptDirectory.from_config(db.alembic_config()).get_heads()
    assert len(heads) == 1


def test_migrations_build_exactly_the_declared_tables(db_url):
    eng = db.engine(db_url)
    with eng.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert db.revision(db_url) == ScriptDirectory.from_config(db.alembic_config()).get_current_head()


def test_one_pooled_engine_per_database(db_url):
    assert db.engine(db_url) is db.engine(db_url)
    progress.record_attempt("ana", "s", "q", 1, True, 1.0)
    progress.record_attempt("ana", "s", "q", 2, False, 0.0)
    # the two writes reused the pool's connection instead of opening a second one
    assert db.engine(db_url).pool.checkedin() == 1


def test_a_database_of_the_hand_written_store_is_adopted(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE exercise_attempts (learner TEXT NOT NULL, set_id TEXT NOT NULL, question_id TEXT "
                "NOT NULL, answer TEXT NOT NULL, correct INTEGER, score REAL, created_at TEXT NOT NULL)")
    con.execute("CREATE INDEX exercise_attempts_learner ON exercise_attempts (learner, set_id, question_id)")
    con.execute("INSERT INTO exercise_attempts VALUES ('ana', 'orientation', 'orientation.q', '4', 1, 1.0, "
                "'2025-01-01T00:00:00.000000+00:00')")
    con.commit()
    con.close()
    url = f"sqlite:///{path}"
    [old] = progress.attempts("ana", db_url=url)
    assert old.answer == 4 and old.created_at.startswith("2025-01-01")
    assert db.revision(url) is not None
    progress.record_attempt("ana", "orientation", "orientation.q", 5, False, 0.0, db_url=url)
    assert len(progress.attempts("ana", db_url=url)) == 2


def test_an_unreachable_postgresql_is_a_clear_error():
    with pytest.raises(db.DatabaseUnavailable, match="cannot reach the course database") as e:
        db.engine("postgresql://course:secret@127.0.0.1:1/course")
    assert "secret" not in str(e.value)


N = 40  # attendees, and as many learners, writing at the same moment


def test_forty_attendees_and_forty_learners_write_at_once(db_url):
    agenda = sem.Agenda("Load", (sem.AgendaItem("Part one", 60),), sem.CreditRule(60, Fraction(1, 4)))
    s = sem.create_session("Load", "2025-03-14", "Pat", agenda)
    code = sem.reveal_code(s.id, s.presenter_key, 0).code
    bank = [{"id": "d.pick", "type": "single_choice", "prompt": "Which?",
             "options": [{"text": "A", "correct": True}, {"text": "B", "correct": False}]}]
    poll = sem.open_poll(s.id, s.presenter_key, sem.poll_questions(bank)[0])
    start = threading.Barrier(2 * N)
    errors: list[BaseException] = []

    def attendee(n: int) -> None:
        try:
            start.wait()
            a = sem.join(s.id, f"Attendee {n}")
            sem.confirm_code(a.id, code)
            sem.answer_poll(a.id, poll.id, n % 2)
            sem.ask_question(a.id, f"Question from {n}")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    def learner(n: int) -> None:
        try:
            start.wait()
            for q in range(3):
                progress.record_attempt(f"learner {n}", "orientation", f"orientation.q{q}", q, q == n % 3, 1.0)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=attendee, args=(n,)) for n in range(N)]
    threads += [threading.Thread(target=learner, args=(n,)) for n in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[:3]
    people = sem.attendees(s.id)
    assert len(people) == N
    assert sum(n for _, n in sem.poll_counts(poll.id)) == N
    assert len(sem.questions(s.id)) == N
    assert all(sem.attendance(s.id, a.id).confirmed for a in people)
    assert [c for _, c in sem.checkpoint_counts(s.id)] == [N]
    for n in range(N):
        assert len(progress.attempts(f"learner {n}")) == 3


def test_a_seminar_database_from_revision_0001_upgrades_and_keeps_its_records(tmp_path):
    """0002 adds the CLE-integrity columns, removes the plain-text codes and keeps the rest."""
    url = f"sqlite:///{tmp_path / 'v1.sqlite'}"
    eng = sa.create_engine(url)
    db.migrate(eng, "0001")
    with eng.begin() as c:
        c.execute(sa.text("INSERT INTO seminar_sessions (id, join_code, presenter_key_hash, title, date, presenter, "
                          "agenda_json, created_at) VALUES ('S1', 'JOIN01', 'h', 't', '2025-03-14', 'Pat', '{}', 'x')"))
        c.execute(sa.text("INSERT INTO seminar_codes VALUES ('S1', 0, 'river-347', '2025-03-14T10:00:00Z')"))
        c.execute(sa.text("INSERT INTO seminar_confirmations VALUES ('S1', 'A-1', 0, '2025-03-14T10:01:00Z')"))
    eng.dispose()
    db.engine(url)  # upgrades to head
    assert db.revision(url) == ScriptDirectory.from_config(db.alembic_config()).get_current_head()
    with db.reading(url) as c:
        assert c.execute(sa.text("SELECT code, code_hash FROM seminar_codes")).all() == [(None, None)]
        assert c.execute(sa.text("SELECT source FROM seminar_confirmations")).scalar() == "code"
        assert len(c.execute(sa.text("SELECT code_salt FROM seminar_sessions")).scalar()) == 32
