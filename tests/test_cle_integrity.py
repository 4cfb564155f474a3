"""CLE integrity (issue #14, part 5): each test reproduces a finding of the security review
and checks that it now fails safe, on SQLite and on PostgreSQL (conftest.py: db_url).

Findings: codes from 15,120 possibilities found by a loop in 25 s; the wrong-entry limit was
per attendee and reset by joining again; codes valid until the seminar ended; no rate limit
on joins or questions; U+202E kept in certificate names; credit from the planned agenda
whatever happened; no way to correct attendance; no evaluation form; no PDF certificate.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from fractions import Fraction

import pytest
import sqlalchemy as sa

from course import db
from course import seminar as sem
from course.classroom import sessions as sessions_module
from course.schema import metadata, seminar_attendees, seminar_codes, seminar_item_times


@pytest.fixture(autouse=True)
def _store(db_url):
    return db_url


def agenda(**policy) -> sem.Agenda:
    items = (sem.AgendaItem("Part one", 30), sem.AgendaItem("Break", 10, credit=False),
             sem.AgendaItem("Part two", 45))
    return sem.Agenda("CLE", items, sem.CreditRule(60, Fraction(1, 4)), sem.AttendancePolicy(**policy))


def new_session(**policy) -> sem.Session:
    return sem.create_session("Doe cases", "2025-03-14", "Pat", agenda(**policy))


def dump(db_url: str) -> str:
    fresh = sa.create_engine(db._sqlalchemy_url(db_url), poolclass=sa.pool.NullPool)
    with fresh.connect() as conn:
        out = [repr(tuple(row)) for t in metadata.sorted_tables for row in conn.execute(t.select())]
    fresh.dispose()
    return "\n".join(out)


def test_codes_come_from_a_large_space_and_are_hashed_at_rest(db_url):
    assert sem.CODE_SPACE == 282_429_536_481  # was 15,120
    s = new_session()
    code = sem.reveal_code(s.id, s.presenter_key, 0).code
    text = dump(db_url)
    assert code not in text and sem.normalise_code(code) not in text
    assert [c.code for c in sem.revealed_codes(s.id)] == [""]  # not readable back, even by the presenter


def test_a_guessing_loop_is_stopped_per_attendee_per_client_and_per_seminar():
    """The review's loop: join, guess until locked out, join again under another name, guess on."""
    s = new_session(max_wrong_codes=5, max_wrong_codes_per_client=10, max_wrong_codes_per_seminar=30,
                    max_joins_per_client=3)
    real = sem.reveal_code(s.id, s.presenter_key, 0).code
    guesses = iter(f"{n:04d}".translate(str.maketrans("0123456789", "ABCDEFGHJK")) + "-AAAA" for n in range(1000))
    # one client: two names x 5 wrong entries, then the client is locked whatever name it uses
    first = sem.join(s.id, "Mallory", client="browser-1")
    for _ in range(5):
        with pytest.raises(sem.WrongCode, match="not the code shown now"):
            sem.confirm_code(first.id, next(guesses), client="browser-1")
    with pytest.raises(sem.WrongCode, match="Too many wrong codes"):
        sem.confirm_code(first.id, real, client="browser-1")  # locked out: even the right code is refused
    second = sem.join(s.id, "Mallory Two", client="browser-1")
    for _ in range(5):
        with pytest.raises(sem.WrongCode):
            sem.confirm_code(second.id, next(guesses), client="browser-1")
    third = sem.join(s.id, "Mallory Three", client="browser-1")
    with pytest.raises(sem.WrongCode, match="from this browser"):
        sem.confirm_code(third.id, real, client="browser-1")
    with pytest.raises(sem.SeminarError, match="already joined this seminar 3 times"):
        sem.join(s.id, "Mallory Four", client="browser-1")
    # many clients: the seminar stops taking codes after 30 wrong entries in all
    for n in range(4):
        a = sem.join(s.id, f"Sock {n}", client=f"browser-sock-{n}")
        for _ in range(5):
            with pytest.raises(sem.WrongCode):
                sem.confirm_code(a.id, next(guesses), client=f"browser-sock-{n}")
    honest = sem.join(s.id, "Honest Attendee", client="browser-honest")
    with pytest.raises(sem.WrongCode, match="Code entry is closed"):
        sem.confirm_code(honest.id, real, client="browser-honest")
    # ... and the presenter confirms the honest attendee by correction, with a reason
    sem.correct_attendance(s.id, s.presenter_key, honest.id, 0, True, "code entry closed; seen in the room")
    assert sem.attendance(s.id, honest.id).verified


def test_the_chance_of_guessing_a_code_with_the_default_limits_is_negligible():
    p = sem.AttendancePolicy()
    # every wrong entry the seminar accepts, against every code it could have open at once
    assert p.max_wrong_codes_per_seminar * len(agenda().checkpoints()) / sem.CODE_SPACE < 1e-8
    assert (p.max_wrong_codes, p.max_wrong_codes_per_client, p.max_wrong_codes_per_seminar) == (5, 10, 200)


def test_a_code_is_valid_only_in_its_checkpoint_window(db_url):
    s = new_session(code_minutes=10)
    a = sem.join(s.id, "Ann")
    r = sem.reveal_code(s.id, s.presenter_key, 0)
    opened = dt.datetime.fromisoformat(r.revealed_at.replace("Z", "+00:00"))
    assert dt.datetime.fromisoformat(r.closes_at.replace("Z", "+00:00")) - opened == dt.timedelta(minutes=10)
    with db.transaction(db_url) as c:  # ten minutes later
        c.execute(sa.update(seminar_codes).values(closes_at="2000-01-01T00:00:00.000000Z"))
    with pytest.raises(sem.WrongCode, match="closed at 00:00 UTC"):
        sem.confirm_code(a.id, r.code)
    assert sem.rejoin(s.id, a.id).wrong_codes == 0  # a late code is not a guess


def test_joins_are_rate_limited_per_seminar(monkeypatch):
    monkeypatch.setattr(sessions_module, "MAX_JOINS_PER_MINUTE", 2)
    s = new_session()
    sem.join(s.id, "One", client="a")
    sem.join(s.id, "Two", client="b")
    with pytest.raises(sem.SeminarError, match="try again in a minute"):
        sem.join(s.id, "Three", client="c")


def test_questions_are_rate_limited_and_a_refusal_says_not_sent():
    s = new_session()
    a = sem.join(s.id, "Ann")
    for n in range(5):
        sem.ask_question(a.id, f"Question {n}")
    with pytest.raises(sem.SeminarError, match="was not sent"):
        sem.ask_question(a.id, "One more")
    assert len(sem.questions(s.id)) == 5


def test_bidirectional_controls_never_reach_a_record_or_certificate():
    s = new_session()
    a = sem.join(s.id, "Ann \u202eredacted\u202c Lawyer\u2066", "ann@example.com")
    assert a.name == "Ann redacted Lawyer"
    sem.ask_question(a.id, "Why\u202e?")
    assert sem.questions(s.id)[0].text == "Why?"
    page = sem.certificate_html(s.id, a.id)
    assert "\u202e" not in page and "Ann redacted Lawyer" in page


def test_a_name_stored_before_the_fix_is_cleaned_on_the_certificate(db_url):
    s = new_session()
    a = sem.join(s.id, "Ann")
    with db.transaction(db_url) as c:
        c.execute(sa.update(seminar_attendees).values(name="Ann\u202eLawyer"))
    assert sem.certificate(s.id, a.id).name == "AnnLawyer"


def _set_times(db_url: str, session_id: str, times: dict[int, tuple[str, str | None]]) -> None:
    with db.transaction(db_url) as c:
        for item, (start, end) in times.items():
            c.execute(sa.insert(seminar_item_times).values(session_id=session_id, item=item, started_at=start,
                                                           ended_at=end))


def test_credit_comes_from_the_actual_running_time_and_the_time_present(db_url):
    s = new_session()
    stay = sem.join(s.id, "Stays")
    early = sem.join(s.id, "Leaves early")
    for cp in (0, 2):
        code = sem.reveal_code(s.id, s.presenter_key, cp).code
        sem.confirm_code(stay.id, code)
        sem.confirm_code(early.id, code)
    # part one ran 20 of its 30 minutes; part two ran 60 (counted as its planned 45)
    _set_times(db_url, s.id, {0: ("2025-03-14T10:00:00.000000Z", "2025-03-14T10:20:00.000000Z"),
                              1: ("2025-03-14T10:20:00.000000Z", "2025-03-14T10:30:00.000000Z"),
                              2: ("2025-03-14T10:30:00.000000Z", "2025-03-14T11:30:00.000000Z")})
    with db.transaction(db_url) as c:
        c.execute(sa.update(seminar_attendees).values(joined_at="2025-03-14T09:55:00.000000Z"))
        c.execute(sa.update(seminar_attendees).where(seminar_attendees.c.id == early.id)
                  .values(left_at="2025-03-14T10:40:00.000000Z"))
    full = sem.attendance(s.id, stay.id)
    assert full.timed and full.credit_minutes == 65 and full.full_hours == 1 and full.credit_hours == 1
    part = sem.attendance(s.id, early.id)
    assert part.verified and part.credit_minutes == 30 and part.credit_hours == Fraction(1, 2)
    assert part.time_out == "2025-03-14T10:40:00.000000Z"
    row = {r["name"]: r for r in csv.DictReader(io.StringIO(sem.attendance_csv(s.id)))}["Leaves early"]
    assert row["credit_basis"] == "actual running time" and row["credit_minutes_present"] == "30"


def test_the_presenter_records_running_times_in_order():
    s = new_session()
    sem.start_item(s.id, s.presenter_key, 0)
    times = sem.start_item(s.id, s.presenter_key, 2)
    assert times[0][1] is not None and times[2][1] is None  # starting part two ended part one
    with pytest.raises(sem.SeminarError, match="already run"):
        sem.start_item(s.id, s.presenter_key, 0)
    with pytest.raises(sem.SeminarError, match="presenter"):
        sem.start_item(s.id, "not-the-key", 1)
    sem.end_session(s.id, s.presenter_key)
    assert all(end for _, end in sem.item_times(s.id).values())


def test_time_out_is_the_end_or_the_last_sign_of_life(db_url):
    s = new_session()
    gone = sem.join(s.id, "Closed the page")
    here = sem.join(s.id, "Stayed")
    left = sem.join(s.id, "Said goodbye")
    with db.transaction(db_url) as c:
        c.execute(sa.update(seminar_attendees).where(seminar_attendees.c.id == gone.id)
                  .values(last_seen_at="2025-03-14T10:00:00.000000Z"))
    sem.seen(here.id)
    sem.leave(left.id)
    ended = sem.end_session(s.id, s.presenter_key)
    people = {a.id: a for a in sem.attendees(s.id)}
    assert sem.time_out(ended, people[gone.id]) == "2025-03-14T10:03:00.000000Z"  # last seen + 3 min grace
    assert sem.time_out(ended, people[here.id]) == ended.ended_at
    assert sem.time_out(ended, people[left.id]) == people[left.id].left_at < ended.ended_at


def test_corrections_need_the_key_and_a_reason_and_are_audited():
    s = new_session()
    a = sem.join(s.id, "Ann")
    sem.reveal_code(s.id, s.presenter_key, 0)
    with pytest.raises(sem.SeminarError, match="reason"):
        sem.correct_attendance(s.id, s.presenter_key, a.id, 0, True, "  ")
    with pytest.raises(sem.SeminarError, match="presenter"):
        sem.correct_attendance(s.id, "not-the-key", a.id, 0, True, "trust me")
    sem.correct_attendance(s.id, s.presenter_key, a.id, 0, True, "phone died; signed the sheet")
    assert [c.source for c in sem.confirmations(a.id)] == ["presenter"]
    sem.end_session(s.id, s.presenter_key)
    sem.correct_attendance(s.id, s.presenter_key, a.id, 0, False, "left before the checkpoint")
    assert sem.confirmations(a.id) == []
    log = sem.audit_log(s.id)
    assert [e.action for e in log] == ["confirmed", "withdrawn"]
    assert log[0].reason == "phone died; signed the sheet" and "Ann" in log[0].detail
    row = next(csv.DictReader(io.StringIO(sem.attendance_csv(s.id))))
    assert "phone died" in row["corrections"] and "left before the checkpoint" in row["corrections"]


def test_the_evaluation_form_is_complete_anonymous_and_changeable():
    s = new_session()
    a, b = sem.join(s.id, "Ann"), sem.join(s.id, "Ben")
    all_fours = {item: 4 for item, _ in sem.EVALUATION_ITEMS}
    with pytest.raises(sem.SeminarError, match="Rate every statement"):
        sem.submit_evaluation(a.id, {"objectives": 5})
    with pytest.raises(sem.SeminarError, match="from 1"):
        sem.submit_evaluation(a.id, {**all_fours, "objectives": 9})
    sem.submit_evaluation(a.id, {**all_fours, "objectives": 2}, "More on joinder, please")
    sem.submit_evaluation(a.id, all_fours, "=cmd|' /C calc'!A0")  # changed its mind
    sem.end_session(s.id, s.presenter_key)
    sem.submit_evaluation(b.id, {**all_fours, "objectives": 5})  # after the end too
    summary = sem.evaluation_summary(s.id)
    assert summary.responses == 2 and summary.counts["objectives"] == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}
    assert summary.average("objectives") == 4.5
    text = sem.evaluations_csv(s.id)
    assert "Ann" not in text and "Ben" not in text and "'=cmd" in text


def test_the_certificate_is_also_a_pdf():
    from course.classroom.certificates import PdfUnavailable

    s = new_session()
    a = sem.join(s.id, "Zoë Ångström-Łukasiewicz \u202e", bar_number="BAR-7")
    code = sem.reveal_code(s.id, s.presenter_key, 0).code
    sem.confirm_code(a.id, code)
    sem.end_session(s.id, s.presenter_key)
    try:
        pdf = sem.certificate_pdf(s.id, a.id)
    except PdfUnavailable as e:  # the fonts are missing: a skip locally, a failure under CI=true
        from browser_support import require

        require(False, str(e))
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    from pypdf import PdfReader  # noqa: PLC0415 - only where a PDF was made

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Zoë Ångström-Łukasiewicz" in text and "BAR-7" in text and "Certificate of Attendance" in text
    assert "\u202e" not in text
