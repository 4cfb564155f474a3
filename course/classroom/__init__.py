"""CLE seminar mode: a timed agenda, credit hours, verified attendance, polls, questions,
certificates of attendance and the provider's attendance record.

Pure Python (no ipywidgets); the views are in ``widgets/seminar_view.py``. Modules by concern:
:mod:`.agenda` (agenda and credit hours), :mod:`.sessions` (sessions and attendees),
:mod:`.attendance` (verification codes, credit earned, the provider's CSV), :mod:`.polls`
(polls and audience questions), :mod:`.evaluation` (the program evaluation form), :mod:`.certificates`, and :mod:`.store` (what they share about
the tables of ``course/schema.py``). Everything is stored through :mod:`course.db`
(SQLite by default, PostgreSQL by ``COURSE_DB_URL``) and every write is committed at once. The presenter's page
and each attendee's page run in separate kernels; they communicate only through the
database.

**The agenda and credit hours.** ``data/seminar.yaml`` (or ``$COURSE_SEMINAR``) lists the
agenda items in order: a lesson (by number, its title from ``data/lessons.yaml``) or a
title, each with its minutes; items marked ``credit: false`` (breaks, lunch) earn no
credit. Credit hours are computed under a :class:`CreditRule`::

    hours = floor(credit minutes / minutes_per_credit / increment) * increment

that is, rounded **down** to the increment (0.25 or 0.5 hour are common). A 50-minute
hour (``minutes_per_credit: 50``) gives at least as many hours as a 60-minute hour.
Arithmetic is exact (fractions), so 75 minutes under a 50-minute hour is 1.5 hours.

**Verified attendance.** The presenter reveals a verification code at a checkpoint of the
agenda (by default, every credit item is a checkpoint; items may be marked ``checkpoint:
true`` to choose). A code is 8 random letters and digits that cannot be confused
(``K7QM-3XRT``, made with :mod:`secrets`; 27**8 possible codes), stored only as a salted
scrypt digest and valid for ``code_minutes`` after it is revealed. Attendees type the codes
in; the store records which attendee confirmed which code and when. Wrong entries are
limited per attendee, per browser and per seminar (guessing is not attendance); the counts
are in the provider's record, and the presenter can correct attendance, with a reason that
goes to the audit trail. Credit comes from the program's actual running time when the
presenter records it (:mod:`.attendance` says how).

**Which codes are required, and what partial attendance earns** (:class:`AttendancePolicy`,
from the ``attendance:`` section of the seminar file):

* ``required: revealed`` (default): the codes the presenter actually revealed are required
  (a checkpoint the presenter skipped is nobody's fault); ``required: planned``: every
  checkpoint of the agenda is required, revealed or not.
* ``credit: all_codes`` (default): the full credit hours only if every required code was
  confirmed; otherwise no credit, and the certificate states partial attendance and names
  the codes missed. ``credit: proportional``: the credit hours times the share of required
  codes confirmed, rounded down to the increment.
* If no code was required (none revealed), no attendance was verified and no credit is given.

A certificate issued before the presenter ends the seminar is marked provisional.

**Polls** use the exercise bank's ``single_choice`` questions (``course.exercises.load_bank``
if present, else ``data/exercises/*.yaml``; ``$COURSE_SEMINAR_BANK`` names another folder).
Only the prompt and the options' text are stored with the poll and shown to attendees; the
answer key stays in the kernel. Attendees answer once each and may change their answer
until the poll closes; the presenter sees counts per option only, never names.

**Questions** from attendees are stored as plain text; every view escapes them.
"""
from __future__ import annotations

from .errors import (SeminarError, WrongCode, NotFound)  # noqa: E501
from .agenda import (SEMINAR_ENV, COURSE_NAME, CreditRule, format_number, format_hours, AttendancePolicy, AgendaItem, Agenda, seminar_path, load_agenda)  # noqa: E501
from .store import (CODE_LENGTH, CODE_SPACE, MAX_NAME_CHARS, new_code, normalise_code, normalise_key, plain_text)  # noqa: E501
from .sessions import (Session, create_session, get_session, find_session, open_as_presenter, end_session, start_item, item_times, Attendee, join, rejoin, attendees, seen, leave)  # noqa: E501
from .attendance import (RevealedCode, reveal_code, revealed_codes, Confirmation, confirm_code, confirmations, AuditEntry, correct_attendance, audit_log, Attendance, attendance, time_out, CSV_COLUMNS, attendance_rows, attendance_csv, checkpoint_counts)  # noqa: E501
from .polls import (BANK_ENV, MAX_QUESTION_CHARS, PollQuestion, poll_questions, Poll, open_poll, close_poll, current_poll, get_poll, answer_poll, my_answer, poll_counts, poll_key, AudienceQuestion, ask_question, questions)  # noqa: E501
from .evaluation import (EVALUATION_ITEMS, SCALE, submit_evaluation, EvaluationSummary, evaluation_summary, evaluations_csv)  # noqa: E501
from .certificates import (Certificate, certificate, certificate_html, certificate_pdf, PdfUnavailable)  # noqa: E501

__all__ = [
    "SeminarError",
    "WrongCode",
    "NotFound",
    "SEMINAR_ENV",
    "COURSE_NAME",
    "CreditRule",
    "format_number",
    "format_hours",
    "AttendancePolicy",
    "AgendaItem",
    "Agenda",
    "seminar_path",
    "load_agenda",
    "CODE_LENGTH",
    "CODE_SPACE",
    "MAX_NAME_CHARS",
    "new_code",
    "normalise_code",
    "normalise_key",
    "plain_text",
    "Session",
    "create_session",
    "get_session",
    "find_session",
    "open_as_presenter",
    "end_session",
    "start_item",
    "item_times",
    "Attendee",
    "join",
    "rejoin",
    "attendees",
    "seen",
    "leave",
    "RevealedCode",
    "reveal_code",
    "revealed_codes",
    "Confirmation",
    "confirm_code",
    "confirmations",
    "AuditEntry",
    "correct_attendance",
    "audit_log",
    "Attendance",
    "attendance",
    "time_out",
    "CSV_COLUMNS",
    "attendance_rows",
    "attendance_csv",
    "checkpoint_counts",
    "BANK_ENV",
    "MAX_QUESTION_CHARS",
    "PollQuestion",
    "poll_questions",
    "Poll",
    "open_poll",
    "close_poll",
    "current_poll",
    "get_poll",
    "answer_poll",
    "my_answer",
    "poll_counts",
    "poll_key",
    "AudienceQuestion",
    "ask_question",
    "questions",
    "EVALUATION_ITEMS",
    "SCALE",
    "submit_evaluation",
    "EvaluationSummary",
    "evaluation_summary",
    "evaluations_csv",
    "Certificate",
    "certificate",
    "certificate_html",
    "certificate_pdf",
    "PdfUnavailable",
]
