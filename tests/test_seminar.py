"""CLE seminar mode (course/seminar.py): agenda and credit hours, sessions, verification codes,
polls, questions, certificates and the provider's CSV; each test has its own database."""
from __future__ import annotations

import csv
import io
import textwrap
from fractions import Fraction

import pytest

from course.exercises import shuffled_order
import yaml
from hypothesis import given, settings, strategies as st

from course import seminar as sem
from course.records import DataError

LESSONS = """
lessons:
  - {number: 0, notebook: 00_a.ipynb, title: Alpha, summary: s, minutes: 20}
  - {number: 1, notebook: 01_b.ipynb, title: Beta, summary: s, minutes: 35}
"""

BANK = {
    "set": {"id": "demo", "title": "Demo", "order": 1},
    "questions": [
        {"id": "demo.pick", "type": "single_choice", "prompt": "Which is right?",
         "options": [{"text": "First", "correct": False, "feedback": "no"},
                     {"text": "Second", "correct": True, "feedback": "yes"},
                     {"text": "Third", "correct": False, "feedback": "no"}],
         "explanation": "Because.", "quotes": ["x.y"]},
        {"id": "demo.num", "type": "numeric", "prompt": "How many?", "answer": 3, "tolerance": 0,
         "explanation": "e", "quotes": ["x.y"]},
    ],
}


@pytest.fixture(autouse=True)
def temp_db(tmp_path, monkeypatch, db_url):
    """Every test on a fresh SQLite file and on the test PostgreSQL (conftest.py: db_url)."""
    lessons = tmp_path / "lessons.yaml"
    lessons.write_text(LESSONS)
    monkeypatch.setenv("COURSE_LESSONS", str(lessons))
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "demo.yaml").write_text(yaml.safe_dump(BANK))
    monkeypatch.setenv(sem.BANK_ENV, str(bank))
    monkeypatch.delenv(sem.SEMINAR_ENV, raising=False)
    return tmp_path


def agenda(**policy) -> sem.Agenda:
    items = (
        sem.AgendaItem("Part one", 30),
        sem.AgendaItem("Break", 10, credit=False),
        sem.AgendaItem("Part two", 45),
    )
    return sem.Agenda("Demo seminar", items, sem.CreditRule(60, Fraction(1, 4)), sem.AttendancePolicy(**policy))


def write(tmp_path, text: str):
    p = tmp_path / "seminar.yaml"
    p.write_text(textwrap.dedent(text))
    return p


# --- agenda and credit hours ------------------------------------------------------------------


def test_credit_hours_are_rounded_down_to_the_increment():
    assert sem.CreditRule(60, 0.25).hours(75) == Fraction(5, 4)
    assert sem.CreditRule(60, 0.25).hours(74) == 1  # 1.233 rounds down to 1.0
    assert sem.CreditRule(60, 0.5).hours(89) == 1
    assert sem.CreditRule(50, 0.25).hours(75) == Fraction(3, 2)  # exact: no float drift
    assert sem.CreditRule(50, 0.5).hours(100) == 2
    assert sem.CreditRule(60, 0.25).hours(0) == 0
    with pytest.raises(ValueError):
        sem.CreditRule(0, 0.25)
    with pytest.raises(ValueError):
        sem.CreditRule(60, -1)


def test_breaks_earn_no_credit():
    a = agenda()
    assert a.total_minutes == 85 and a.credit_minutes == 75
    assert a.credit_hours() == Fraction(5, 4)
    assert a.checkpoints() == [0, 2]  # no item marked: every credit item


item = st.builds(sem.AgendaItem, title=st.just("x"), minutes=st.integers(1, 300), credit=st.booleans())
rules = st.builds(sem.CreditRule, minutes_per_credit=st.sampled_from([50, 60, 45, 75]),
                  increment=st.sampled_from([Fraction(1, 4), Fraction(1, 2), Fraction(1), Fraction(1, 10)]))


@settings(max_examples=100, deadline=None)
@given(st.lists(item, min_size=1, max_size=12), item, rules)
def test_adding_an_item_never_decreases_credit(items, extra, rule):
    a = sem.Agenda("t", tuple(items), rule)
    assert a.with_item(extra).credit_hours() >= a.credit_hours()


@settings(max_examples=100, deadline=None)
@given(st.lists(item, min_size=1, max_size=12), st.sampled_from([Fraction(1, 4), Fraction(1, 2), Fraction(1)]))
def test_a_50_minute_hour_gives_at_least_a_60_minute_hour(items, increment):
    a = sem.Agenda("t", tuple(items))
    fifty = a.credit_hours(sem.CreditRule(50, increment))
    sixty = a.credit_hours(sem.CreditRule(60, increment))
    assert fifty >= sixty
    assert sixty <= Fraction(a.credit_minutes, 60)  # rounding is down, never up
    assert sixty % increment == 0


def test_agenda_loads_lessons_titles_and_minutes(tmp_path):
    p = write(tmp_path, """
        seminar:
          title: Demo
          credit: {minutes_per_credit: 50, increment: 0.5}
          attendance: {credit: proportional, required: planned}
        agenda:
          - lesson: 0
          - {lesson: 1, minutes: 40, checkpoint: true}
          - {title: Lunch, minutes: 30, credit: false}
    """)
    a = sem.load_agenda(p)
    assert [i.title for i in a.items] == ["Lesson 0: Alpha", "Lesson 1: Beta", "Lunch"]
    assert [i.minutes for i in a.items] == [20, 40, 30]
    assert a.credit_minutes == 60 and a.credit_hours() == 1  # 60/50 = 1.2 -> 1.0
    assert a.checkpoints() == [1]
    assert a.policy.credit == "proportional" and a.policy.required == "planned"


@pytest.mark.parametrize(
    "body, words",
    [
        ("seminar: {title: T}\nagenda:\n  - {title: X}\n", ["agenda item 1", "minutes"]),
        ("seminar: {title: T}\nagenda:\n  - {lesson: 9}\n", ["agenda item 1", "lesson", "no lesson 9"]),
        ("seminar: {title: T}\nagenda:\n  - {title: X, minutes: 10}\n  - {title: Y, minutes: -5}\n",
         ["agenda item 2", "minutes"]),
        ("seminar: {title: T}\nagenda:\n  - {title: X, minutes: 10, colour: red}\n", ["agenda item 1", "colour"]),
        ("seminar: {title: T, credit: {minutes_per_credit: 0}}\nagenda:\n  - {title: X, minutes: 10}\n",
         ["seminar", "minutes_per_credit"]),
        ("seminar: {title: T, attendance: {credit: some}}\nagenda:\n  - {title: X, minutes: 10}\n",
         ["seminar", "attendance.credit"]),
        ("seminar: {title: T}\nagenda:\n  - {title: X, minutes: 10, credit: false}\n", ["agenda", "no item earns"]),
        ("seminar: {title: T}\nagenda: []\n", ["agenda"]),
        ("agenda: []\n", ["seminar"]),
        ("seminar: [\n", ["not valid YAML"]),
    ],
)
def test_bad_agenda_files_name_file_and_field(tmp_path, body, words):
    p = tmp_path / "seminar.yaml"
    p.write_text(body)
    with pytest.raises(DataError) as e:
        sem.load_agenda(p)
    assert "seminar.yaml" in str(e.value)
    for w in words:
        assert w in str(e.value)


def test_the_default_seminar_file_is_valid(monkeypatch):
    monkeypatch.delenv("COURSE_LESSONS")  # the real lessons file
    a = sem.load_agenda()
    assert a.checkpoints() and a.credit_hours() > 0
    assert a.rule.minutes_per_credit in (50, 60)


# --- sessions, attendees, codes -----------------------------------------------------------------


def test_session_join_code_and_presenter_key():
    s = sem.create_session("Doe cases", "2025-03-14", "Pat Presenter", agenda())
    assert len(s.join_code) == 6 and s.presenter_key
    assert sem.find_session(s.join_code.lower()).id == s.id
    assert sem.open_as_presenter(s.presenter_key.lower()).id == s.id
    assert sem.get_session(s.id).agenda == agenda()  # stored with the session
    with pytest.raises(sem.NotFound):
        sem.find_session("ZZZZZZ")
    with pytest.raises(sem.NotFound):
        sem.open_as_presenter("nope")
    with pytest.raises(sem.SeminarError, match="YYYY-MM-DD"):
        sem.create_session("Doe cases", "14/3/2025", "Pat", agenda())
    with pytest.raises(sem.SeminarError, match="title"):
        sem.create_session("  ", "2025-03-14", "Pat", agenda())


def dump(db_url: str) -> str:
    """Every value in every course table, as text (what someone with the database would see)."""
    import sqlalchemy as sa

    from course import db
    from course.schema import metadata

    fresh = sa.create_engine(db._sqlalchemy_url(db_url), poolclass=sa.pool.NullPool)
    with fresh.connect() as conn:
        out = [repr(row) for t in metadata.sorted_tables for row in conn.execute(t.select())]
    fresh.dispose()
    return "\n".join(out)


def test_the_presenter_key_is_not_stored_in_clear(db_url):
    s = sem.create_session("Doe cases", "2025-03-14", "Pat", agenda())
    text = dump(db_url)
    assert s.join_code in text and s.presenter_key not in text
    assert sem.normalise_key(s.presenter_key) not in text


def test_attendees_join_once_and_can_rejoin():
    s = sem.create_session("Doe cases", "2025-03-14", "Pat", agenda())
    a = sem.join(s.id, "Ann Lawyer", "ann@example.com", "12345")
    assert a.id.startswith("A-")
    with pytest.raises(sem.SeminarError, match="already joined"):
        sem.join(s.id, "  ann   LAWYER ")
    assert sem.rejoin(s.id, a.id.lower()) == sem.rejoin(s.id, a.id)
    with pytest.raises(sem.SeminarError, match="email"):
        sem.join(s.id, "Bob", "not-an-email")
    with pytest.raises(sem.SeminarError, match="name"):
        sem.join(s.id, "   ")
    assert [x.name for x in sem.attendees(s.id)] == ["Ann Lawyer"]


def test_codes_are_random_readable_and_confirmed_once():
    codes = {sem.new_code() for _ in range(200)}
    assert len(codes) == 200
    for c in codes:
        assert len(c) == 9 and c[4] == "-" and not set(c) & set("015OILSZ2")
    assert sem.CODE_SPACE == 27 ** 8 > 2.8e11  # was 70 words x 216 digit triples = 15,120
    s = sem.create_session("Doe cases", "2025-03-14", "Pat", agenda())
    ann = sem.join(s.id, "Ann")
    first = sem.reveal_code(s.id, s.presenter_key, 2)
    code = sem.reveal_code(s.id, s.presenter_key, 2)  # revealed again: a new code, the old one stops working
    assert code.code != first.code
    with pytest.raises(sem.WrongCode, match="not the code shown now"):
        sem.confirm_code(ann.id, first.code)
    with pytest.raises(sem.SeminarError, match="not a checkpoint"):
        sem.reveal_code(s.id, s.presenter_key, 1)  # the break
    with pytest.raises(sem.SeminarError, match="presenter"):
        sem.reveal_code(s.id, "wrong-key", 0)
    typed = "  " + code.code.upper().replace("-", " ") + " "
    c = sem.confirm_code(ann.id, typed)
    assert c.checkpoint == 2 and c.label == "3. Part two" and not c.already
    assert sem.confirm_code(ann.id, code.code).already
    assert [x.checkpoint for x in sem.confirmations(ann.id)] == [2]


def test_a_wrong_code_says_so_and_is_counted_and_limited():
    s = sem.create_session("Doe cases", "2025-03-14", "Pat", agenda(max_wrong_codes=2))
    ann = sem.join(s.id, "Ann")
    real = sem.reveal_code(s.id, s.presenter_key, 0).code
    with pytest.raises(sem.WrongCode, match="not the code shown now"):
        sem.confirm_code(ann.id, "AAAA-BBBB")
    with pytest.raises(sem.WrongCode, match="Enter the verification code"):
        sem.confirm_code(ann.id, "   ")
    with pytest.raises(sem.WrongCode, match="has 8 letters and digits"):
        sem.confirm_code(ann.id, "banana-999")  # not even the shape of a code: not counted
    with pytest.raises(sem.WrongCode):
        sem.confirm_code(ann.id, "CCCC-DDDD")
    with pytest.raises(sem.WrongCode, match="Too many"):
        sem.confirm_code(ann.id, real)  # locked out after two wrong entries
    assert sem.rejoin(s.id, ann.id).wrong_codes == 2


def test_codes_of_another_seminar_do_not_count():
    s1 = sem.create_session("One", "2025-03-14", "Pat", agenda())
    s2 = sem.create_session("Two", "2025-03-14", "Pat", agenda())
    code1 = sem.reveal_code(s1.id, s1.presenter_key, 0).code
    bob = sem.join(s2.id, "Bob")
    with pytest.raises(sem.WrongCode):
        sem.confirm_code(bob.id, code1)


def test_nothing_is_accepted_after_the_seminar_ends():
    s = sem.create_session("Doe cases", "2025-03-14", "Pat", agenda())
    ann = sem.join(s.id, "Ann")
    code = sem.reveal_code(s.id, s.presenter_key, 0).code
    with pytest.raises(sem.SeminarError):
        sem.end_session(s.id, "bad key")
    assert sem.end_session(s.id, s.presenter_key).ended
    for act in (lambda: sem.confirm_code(ann.id, code), lambda: sem.join(s.id, "Late"),
                lambda: sem.ask_question(ann.id, "q?"), lambda: sem.reveal_code(s.id, s.presenter_key, 2)):
        with pytest.raises(sem.SeminarError, match="ended"):
            act()


# --- polls ---------------------------------------------------------------------------------------


#: The demo question's options as a poll shows them: in the exercise pages' shuffled order.
SHOWN = tuple(["First", "Second", "Third"][i] for i in shuffled_order("demo.pick", 3))
RIGHT = SHOWN.index("Second")
WRONG = [i for i in range(3) if i != RIGHT]


def test_poll_questions_are_the_single_choice_ones_without_answer_keys_in_the_poll():
    qs = sem.poll_questions()
    assert [q.id for q in qs] == ["demo.pick"]
    assert qs[0].options == SHOWN and qs[0].correct == (RIGHT,)
    # a bank in another shape (as course.exercises.load_bank might return it)
    assert [q.id for q in sem.poll_questions({"sets": [BANK]})] == ["demo.pick"]
    assert [q.id for q in sem.poll_questions(BANK["questions"])] == ["demo.pick"]


def test_poll_answers_counts_and_closing(temp_db):
    s = sem.create_session("Doe cases", "2025-03-14", "Pat", agenda())
    people = [sem.join(s.id, n) for n in ("Ann", "Bob", "Cy")]
    poll = sem.open_poll(s.id, s.presenter_key, "demo.pick")
    seen = sem.current_poll(s.id)
    assert seen == poll and seen.options == SHOWN
    assert not hasattr(seen, "correct")
    sem.answer_poll(people[0].id, poll.id, WRONG[0])
    sem.answer_poll(people[0].id, poll.id, RIGHT)  # changed her mind: counted once
    sem.answer_poll(people[1].id, poll.id, RIGHT)
    sem.answer_poll(people[2].id, poll.id, WRONG[1])
    assert sem.my_answer(people[0].id, poll.id) == RIGHT
    counts = dict(sem.poll_counts(poll.id))
    assert counts == {"Second": 2, SHOWN[WRONG[0]]: 0, SHOWN[WRONG[1]]: 1}
    assert [t for t, _ in sem.poll_counts(poll.id)] == list(SHOWN)
    assert "Ann" not in repr(counts)
    with pytest.raises(sem.SeminarError, match="Choose"):
        sem.answer_poll(people[0].id, poll.id, 7)
    with pytest.raises(sem.SeminarError, match="Close the poll"):
        sem.poll_key(poll)
    closed = sem.close_poll(s.id, s.presenter_key, poll.id)
    assert not closed.is_open and sem.current_poll(s.id) is None
    assert sem.poll_key(closed) == (RIGHT,)
    with pytest.raises(sem.SeminarError, match="closed"):
        sem.answer_poll(people[2].id, poll.id, 0)
    with pytest.raises(sem.NotFound):
        sem.open_poll(s.id, s.presenter_key, "demo.num")  # not single choice


def test_opening_a_poll_closes_the_previous_one():
    s = sem.create_session("Doe cases", "2025-03-14", "Pat", agenda())
    p1 = sem.open_poll(s.id, s.presenter_key, "demo.pick")
    p2 = sem.open_poll(s.id, s.presenter_key, "demo.pick")
    assert not sem.get_poll(p1.id).is_open and sem.current_poll(s.id).id == p2.id


def test_an_attendee_cannot_answer_another_seminars_poll():
    s1 = sem.create_session("One", "2025-03-14", "Pat", agenda())
    s2 = sem.create_session("Two", "2025-03-14", "Pat", agenda())
    poll = sem.open_poll(s1.id, s1.presenter_key, "demo.pick")
    bob = sem.join(s2.id, "Bob")
    with pytest.raises(sem.NotFound):
        sem.answer_poll(bob.id, poll.id, 0)


# --- questions -----------------------------------------------------------------------------------


def test_questions_are_stored_as_text_without_names():
    s = sem.create_session("Doe cases", "2025-03-14", "Pat", agenda())
    ann = sem.join(s.id, "Ann")
    sem.ask_question(ann.id, "<script>alert(1)</script>")
    sem.ask_question(ann.id, "Is a subscriber the infringer?")
    qs = sem.questions(s.id)
    assert [q.text for q in qs] == ["<script>alert(1)</script>", "Is a subscriber the infringer?"]
    with pytest.raises(sem.SeminarError):
        sem.ask_question(ann.id, "   ")
    with pytest.raises(sem.SeminarError, match="shorten"):
        sem.ask_question(ann.id, "x" * 2000)


# --- certificates and records --------------------------------------------------------------------


def _seminar_with_two_codes(**policy):
    s = sem.create_session("Doe <cases> & co", "2025-03-14", "Pat", agenda(**policy))
    full = sem.join(s.id, "Ann <b>Lawyer</b>", "ann@example.com", "BAR-1")
    part = sem.join(s.id, "=HYPERLINK(1)", "", "")
    c0 = sem.reveal_code(s.id, s.presenter_key, 0).code
    c2 = sem.reveal_code(s.id, s.presenter_key, 2).code
    sem.confirm_code(full.id, c0)
    sem.confirm_code(full.id, c2)
    sem.confirm_code(part.id, c0)
    return s, full, part


def test_full_and_partial_attendance_under_the_default_policy():
    s, full, part = _seminar_with_two_codes()
    a = sem.attendance(s.id, full.id)
    assert a.verified and a.credit_hours == Fraction(5, 4) and a.missed == () and a.provisional
    b = sem.attendance(s.id, part.id)
    assert not b.verified and b.credit_hours == 0 and b.missed == (2,)


def test_proportional_and_planned_policies():
    s, full, part = _seminar_with_two_codes(credit="proportional")
    assert sem.attendance(s.id, part.id).credit_hours == Fraction(1, 2)  # 1.25 * 1/2 = 0.625 -> 0.5
    s, full, part = _seminar_with_two_codes(required="planned")
    assert sem.attendance(s.id, full.id).verified
    s = sem.create_session("Doe", "2025-03-14", "Pat", agenda(required="planned"))
    ann = sem.join(s.id, "Ann")
    sem.confirm_code(ann.id, sem.reveal_code(s.id, s.presenter_key, 0).code)
    a = sem.attendance(s.id, ann.id)
    assert a.missed == (2,) and a.credit_hours == 0  # a checkpoint never revealed still counts


def test_no_codes_revealed_means_no_verified_attendance():
    s = sem.create_session("Doe", "2025-03-14", "Pat", agenda())
    ann = sem.join(s.id, "Ann")
    a = sem.attendance(s.id, ann.id)
    assert not a.verified and a.credit_hours == 0
    assert 'data-status="unverified"' in sem.certificate_html(s.id, ann.id)


def test_certificate_is_escaped_and_states_the_credit():
    s, full, part = _seminar_with_two_codes()
    sem.end_session(s.id, s.presenter_key)
    page = sem.certificate_html(s.id, full.id)
    assert "Ann &lt;b&gt;Lawyer&lt;/b&gt;" in page and "<b>Lawyer" not in page
    assert "Doe &lt;cases&gt; &amp; co" in page
    assert "1.25 hours" in page and 'data-status="full"' in page and "Provisional" not in page
    assert "2025-03-14" in page and "BAR-1" in page and "1. Part one" in page
    partial = sem.certificate_html(s.id, part.id)
    assert 'data-status="partial"' in partial and "Codes missed at: 3. Part two" in partial
    assert "Credit hours awarded</th><td>0 hours" in partial


def test_the_certificate_before_the_end_is_provisional():
    s, full, _ = _seminar_with_two_codes()
    assert "Provisional" in sem.certificate_html(s.id, full.id)


def test_attendance_csv_has_one_row_per_attendee():
    s, full, part = _seminar_with_two_codes()
    rows = list(csv.DictReader(io.StringIO(sem.attendance_csv(s.id))))
    assert list(rows[0]) == sem.CSV_COLUMNS
    assert len(rows) == 2
    ann = rows[0]
    assert ann["name"] == "Ann <b>Lawyer</b>" and ann["email"] == "ann@example.com" and ann["bar_number"] == "BAR-1"
    assert ann["credit_hours_awarded"] == "1.25" and ann["codes_missed"] == ""
    assert "1. Part one" in ann["codes_confirmed"] and "3. Part two" in ann["codes_confirmed"]
    assert ann["time_in"].endswith("Z") and ann["time_out"] == ""  # still in the seminar
    assert ann["credit_basis"].startswith("planned agenda")
    other = rows[1]
    assert other["name"] == "'=HYPERLINK(1)"  # no formula in a spreadsheet
    assert other["codes_missed"] == "3. Part two" and other["credit_hours_awarded"] == "0"


def test_every_write_is_visible_to_a_new_connection_at_once(db_url):
    s = sem.create_session("Doe", "2025-03-14", "Pat", agenda())
    sem.join(s.id, "Ann")
    assert "'Ann'" in dump(db_url)


def test_format_number():
    assert sem.format_number(Fraction(5, 4)) == "1.25"
    assert sem.format_number(2) == "2"
    assert sem.format_hours(Fraction(1)) == "1 hour"
    assert sem.format_hours(Fraction(1, 2)) == "0.5 hours"


# --- the views, without a browser (the browser test drives them for real) ----------------------


def _find(root, cls):
    found = []

    def walk(x):
        if cls in getattr(x, "_dom_classes", ()):
            found.append(x)
        for c in getattr(x, "children", ()):
            walk(c)

    walk(root)
    assert found, cls
    return found[0]


def test_the_background_refresher_stops():
    import threading
    import time as _time

    from widgets.seminar_view import Refresher

    ticks = []
    r = Refresher(lambda: ticks.append(1), lambda: True, interval=0.01)
    r.start()
    _time.sleep(0.1)
    r.stop(wait=True)
    assert not r.running and ticks
    n = len(ticks)
    _time.sleep(0.05)
    assert len(ticks) == n
    alive = threading.Event()
    alive.set()
    r = Refresher(lambda: None, alive.is_set, interval=0.01)
    r.start()
    alive.clear()  # the page's widgets were closed
    _time.sleep(0.1)
    assert not r.running
    r = Refresher(lambda: 1 / 0, lambda: True, interval=0.01, max_s=0.05)  # failures are logged, time limit holds
    r.start()
    _time.sleep(0.2)
    assert not r.running


def test_presenter_and_attendee_views_work_together(temp_db, monkeypatch):
    import re

    path = write(temp_db, """
        seminar: {title: View seminar}
        agenda:
          - {title: Part one, minutes: 30}
          - {title: Break, minutes: 10, credit: false}
    """)
    monkeypatch.setenv(sem.SEMINAR_ENV, str(path))

    from widgets.seminar_view import attendee_view, presenter_view

    p = presenter_view()
    _find(p, "seminar-create").click()
    assert "Enter the presenter" in p.children[1].value  # a sentence, no traceback
    _find(p, "seminar-presenter").value = "Pat"
    _find(p, "seminar-create").click()
    assert p.children[1].value == ""
    join_code = re.search(r'join code">(\w+)<', _find(p, "seminar-info").value).group(1)
    a = attendee_view()
    _find(a, "seminar-join-code").value = join_code
    _find(a, "seminar-name").value = "Ann <i>"
    _find(a, "seminar-join").click()
    assert "Ann &lt;i&gt;" in _find(a, "seminar-welcome").value
    _find(p, "seminar-reveal").click()
    code = re.search(r'data-checkpoint="\d+">([\w-]+)<', _find(p, "seminar-code-display").value).group(1)
    _find(a, "seminar-code-input").value = "nope-444"
    _find(a, "seminar-submit-code").click()
    assert "has 8 letters and digits" in _find(a, "seminar-code-status").value
    _find(a, "seminar-code-input").value = "AAAA-BBBB"
    _find(a, "seminar-submit-code").click()
    assert "not the code shown now" in _find(a, "seminar-code-status").value
    _find(a, "seminar-code-input").value = code
    _find(a, "seminar-submit-code").click()
    assert "is recorded" in _find(a, "seminar-code-status").value
    _find(p, "seminar-open-poll").click()
    _find(a, "seminar-check-poll").click()
    choice = _find(a, "seminar-poll-choice")
    assert [t for t, _ in choice.options] == [f"{l}. {t}" for l, t in zip("ABC", SHOWN)]
    choice.value = RIGHT
    _find(a, "seminar-submit-answer").click()
    _find(a, "seminar-question-input").value = "<script>alert(1)</script>"
    _find(a, "seminar-ask").click()
    assert "was sent" in _find(a, "seminar-ask-status").value
    _find(a, "seminar-question-input").value = "   "
    _find(a, "seminar-ask").click()
    assert _find(a, "seminar-ask-status").value == ""  # no stale "was sent" beside the refusal
    _find(a, "seminar-send-evaluation").click()
    assert "Rate every statement" in a.children[1].value
    for item, _ in sem.EVALUATION_ITEMS:
        _find(a, f"seminar-eval-{item}").value = 4
    _find(a, "seminar-send-evaluation").click()
    assert "evaluation was recorded" in _find(a, "seminar-eval-status").value
    _find(p, "seminar-start-item-0").click()
    assert "running" in _find(p, "seminar-item-times").value
    _find(p, "seminar-refresh").click()
    assert re.findall(r'seminar-count">(\d+)<', _find(p, "seminar-poll-results").value) == [
        "1" if i == RIGHT else "0" for i in range(3)]
    assert "Ann" not in _find(p, "seminar-poll-results").value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in _find(p, "seminar-questions-list").value
    assert p._refresher.running
    _find(p, "seminar-close-poll").click()
    assert "(correct)" in _find(p, "seminar-poll-results").value
    _find(p, "seminar-fix-reason").value = "checked by hand"
    _find(p, "seminar-fix").click()
    assert "checked by hand" in _find(p, "seminar-audit").value
    _find(p, "seminar-end").click()
    assert p._refresher._stop.is_set()  # ending the seminar stops the presenter's refresher
    _find(p, "seminar-export").click()
    assert "seminar-csv-link" in _find(p, "seminar-downloads").value
    assert "Certificate: Ann &lt;i&gt;" in _find(p, "seminar-downloads").value
    assert "seminar-certificate-pdf" in _find(p, "seminar-downloads").value
    assert "seminar-evaluations-link" in _find(p, "seminar-downloads").value
    a._refresher.stop(wait=True)
    p._refresher.stop(wait=True)
    assert not a._refresher.running and not p._refresher.running
