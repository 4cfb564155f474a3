"""Polls on the exercise bank's single-choice questions (attendees see the prompt and
options, never the key) and attendees' written questions (plain text; views escape it)."""
from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

import yaml
from sqlalchemy import func, insert, select, update

from .. import db
from ..records import DATA_DIR, DataError
from .agenda import relative_name
from .errors import NotFound, SeminarError
from .sessions import attendee_row, check_presenter, require_open
from .store import AN, PL, Q, plain_text, timestamp

#: Set this to a folder of exercise-set YAML files to take poll questions from.
BANK_ENV = "COURSE_SEMINAR_BANK"
MAX_QUESTION_CHARS = 1000
#: Questions one attendee may send in any QUESTION_WINDOW.
MAX_QUESTIONS_PER_WINDOW = 5
QUESTION_WINDOW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class PollQuestion:
    """A single-choice bank question. ``prompt`` and ``options`` are public; ``correct``
    (the indexes of the right options) stays in the kernel."""

    id: str
    prompt: str
    options: tuple[str, ...]
    correct: tuple[int, ...] = ()


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _iter_questions(obj: Any, depth: int = 0) -> Iterator[Any]:
    """Questions in whatever shape the bank comes: sets with questions, lists, dicts by id."""
    if depth > 4 or obj is None or isinstance(obj, (str, bytes)):
        return
    if _get(obj, "prompt") is not None and _get(obj, "type") is not None:
        yield obj
        return
    for key in ("questions", "sets"):
        inner = _get(obj, key)
        if inner is not None and not callable(inner):
            yield from _iter_questions(inner, depth + 1)
            return
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _iter_questions(v, depth + 1)
    elif isinstance(obj, (list, tuple)) or hasattr(obj, "__iter__"):
        try:
            for v in obj:
                yield from _iter_questions(v, depth + 1)
        except TypeError:  # pragma: no cover
            return


def _to_poll(q: Any) -> PollQuestion | None:
    kind = _get(q, "type")
    kind = getattr(kind, "value", kind)
    if kind != "single_choice":
        return None
    options = list(_get(q, "options") or [])
    qid = str(_get(q, "id"))
    if len(options) > 1:  # shown in the same shuffled order as on the exercise pages
        from ..exercises import shuffled_order

        options = [options[i] for i in shuffled_order(qid, len(options))]
    texts = tuple(str(_get(o, "text", "")) for o in options)
    if len(texts) < 2 or not all(texts):
        return None
    correct = tuple(n for n, o in enumerate(options) if _get(o, "correct", False))
    return PollQuestion(str(_get(q, "id")), str(_get(q, "prompt")), texts, correct)


def _read_bank_folder(folder: Path) -> list[Any]:
    out: list[Any] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as e:
            raise DataError(f"{relative_name(path)}: not valid YAML: {e}") from None
        if isinstance(doc, dict) and isinstance(doc.get("questions"), list):
            out.extend(doc["questions"])
    return out


def poll_questions(bank: Any = None) -> list[PollQuestion]:
    """The bank's single-choice questions, in bank order.

    ``bank`` may be given (any shape :func:`course.exercises.load_bank` returns, or a list of
    question mappings); else ``$COURSE_SEMINAR_BANK`` (a folder of set files); else
    ``course.exercises.load_bank()`` if that module exists; else ``data/exercises/*.yaml``.
    """
    if bank is None:
        env = os.environ.get(BANK_ENV)
        if env:
            bank = _read_bank_folder(Path(env))
        else:
            try:
                from .. import exercises  # type: ignore[attr-defined]
            except ImportError:
                exercises = None
            load_bank = getattr(exercises, "load_bank", None) if exercises else None
            bank = load_bank() if load_bank else _read_bank_folder(DATA_DIR / "exercises")
    out, seen = [], set()
    for q in _iter_questions(bank):
        p = _to_poll(q)
        if p is not None and p.id not in seen:
            seen.add(p.id)
            out.append(p)
    return out



@dataclass(frozen=True)
class Poll:
    """What attendees may see of a poll: the prompt and the options' text."""

    id: str
    session_id: str
    question_id: str
    prompt: str
    options: tuple[str, ...]
    opened_at: str
    closed_at: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


_POLL_COLS = (PL.c.id, PL.c.session_id, PL.c.question_id, PL.c.prompt, PL.c.options_json, PL.c.opened_at,
              PL.c.closed_at)


def _poll_from_row(r: Sequence) -> Poll:
    return Poll(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5], r[6])


def open_poll(session_id: str, presenter_key: str, question: PollQuestion | str, bank: Any = None) -> Poll:
    """Open a poll on a single-choice bank question (closing any poll still open)."""
    if isinstance(question, str):
        found = {q.id: q for q in poll_questions(bank)}.get(question)
        if found is None:
            raise NotFound(f"There is no single-choice question {question!r} in the exercise bank.")
        question = found
    now = timestamp()
    pid = "P" + secrets.token_hex(8)
    with db.transaction() as c:
        check_presenter(c, session_id, presenter_key)
        require_open(c, session_id)
        c.execute(update(PL).where(PL.c.session_id == session_id, PL.c.closed_at.is_(None)).values(closed_at=now))
        c.execute(insert(PL).values(id=pid, session_id=session_id, question_id=question.id, prompt=question.prompt,
                                    options_json=json.dumps(list(question.options)), opened_at=now, closed_at=None))
    return Poll(pid, session_id, question.id, question.prompt, tuple(question.options), now)


def close_poll(session_id: str, presenter_key: str, poll_id: str) -> Poll:
    with db.transaction() as c:
        check_presenter(c, session_id, presenter_key)
        c.execute(update(PL).where(PL.c.id == poll_id, PL.c.session_id == session_id, PL.c.closed_at.is_(None))
                  .values(closed_at=timestamp()))
        row = c.execute(select(*_POLL_COLS).where(PL.c.id == poll_id)).first()
    if row is None:
        raise NotFound("There is no such poll.")
    return _poll_from_row(row)


def current_poll(session_id: str) -> Poll | None:
    """The poll open now in this seminar, if any."""
    with db.reading() as c:
        row = c.execute(select(*_POLL_COLS).where(PL.c.session_id == session_id, PL.c.closed_at.is_(None))
                        .order_by(PL.c.opened_at.desc())).first()
    return _poll_from_row(row) if row else None


def get_poll(poll_id: str) -> Poll:
    with db.reading() as c:
        row = c.execute(select(*_POLL_COLS).where(PL.c.id == poll_id)).first()
    if row is None:
        raise NotFound("There is no such poll.")
    return _poll_from_row(row)


def answer_poll(attendee_id: str, poll_id: str, option_index: int) -> None:
    """Record (or change, while the poll is open) an attendee's answer."""
    with db.transaction() as c:
        att = attendee_row(c, attendee_id)
        row = c.execute(select(*_POLL_COLS).where(PL.c.id == poll_id)).first()
        if row is None or row[1] != att.session_id:
            raise NotFound("There is no such poll in your seminar.")
        poll = _poll_from_row(row)
        if not poll.is_open:
            raise SeminarError("This poll has closed; your answer was not recorded.")
        if not isinstance(option_index, int) or not 0 <= option_index < len(poll.options):
            raise SeminarError("Choose one of the options.")
        db.upsert(c, AN, ["poll_id", "attendee_id"], ["option_index", "answered_at"], poll_id=poll_id,
                  attendee_id=att.id, option_index=option_index, answered_at=timestamp())


def my_answer(attendee_id: str, poll_id: str) -> int | None:
    with db.reading() as c:
        return c.execute(select(AN.c.option_index).where(AN.c.poll_id == poll_id,
                                                         AN.c.attendee_id == attendee_id)).scalar()


def poll_counts(poll_id: str) -> list[tuple[str, int]]:
    """(option text, number of answers) for every option, in order: counts only, no names."""
    poll = get_poll(poll_id)
    with db.reading() as c:
        rows = c.execute(select(AN.c.option_index, func.count()).where(AN.c.poll_id == poll_id)
                         .group_by(AN.c.option_index)).all()
    counts = {int(r[0]): int(r[1]) for r in rows}
    return [(text, counts.get(n, 0)) for n, text in enumerate(poll.options)]


def poll_key(poll: Poll, bank: Any = None) -> tuple[int, ...]:
    """The right option(s), read from the bank in the kernel: for the presenter, after closing."""
    if poll.is_open:
        raise SeminarError("Close the poll before showing the answer.")
    q = {q.id: q for q in poll_questions(bank)}.get(poll.question_id)
    return q.correct if q and q.options == poll.options else ()


# --- questions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AudienceQuestion:
    id: str
    text: str
    asked_at: str


def ask_question(attendee_id: str, text: str) -> AudienceQuestion:
    """Store an attendee's written question (plain text without control characters; views
    escape it). An attendee may ask :data:`MAX_QUESTIONS_PER_WINDOW` questions in any
    :data:`QUESTION_WINDOW`."""
    t = plain_text(text).strip()
    if not t:
        raise SeminarError("Write your question first.")
    if len(t) > MAX_QUESTION_CHARS:
        raise SeminarError(f"Please shorten your question to {MAX_QUESTION_CHARS} characters.")
    qid = "Q" + secrets.token_hex(8)
    at = dt.datetime.now(dt.timezone.utc)
    now = timestamp(at)
    with db.transaction() as c:
        att = attendee_row(c, attendee_id)
        require_open(c, att.session_id)
        recent = c.execute(select(func.count()).select_from(Q).where(
            Q.c.attendee_id == att.id, Q.c.asked_at >= timestamp(at - QUESTION_WINDOW))).scalar()
        if recent >= MAX_QUESTIONS_PER_WINDOW:
            minutes = int(QUESTION_WINDOW.total_seconds() // 60)
            raise SeminarError(f"You have sent {recent} questions in the last {minutes} minutes; please wait "
                               "before sending another. Your question was not sent.")
        c.execute(insert(Q).values(id=qid, session_id=att.session_id, attendee_id=att.id, text=t, asked_at=now))
    return AudienceQuestion(qid, t, now)


def questions(session_id: str) -> list[AudienceQuestion]:
    """The audience's questions, oldest first, without names."""
    with db.reading() as c:
        rows = c.execute(select(Q.c.id, Q.c.text, Q.c.asked_at).where(Q.c.session_id == session_id)
                         .order_by(Q.c.asked_at, Q.c.id)).all()
    return [AudienceQuestion(*r) for r in rows]
