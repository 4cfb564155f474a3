"""CLE seminar mode: a timed agenda, credit hours, verified attendance, polls, questions,
certificates of attendance and the provider's attendance record.

Pure Python (no ipywidgets); the views are in ``widgets/seminar_view.py``. Everything is
stored through :mod:`course.db` (SQLite by default, PostgreSQL by ``COURSE_DB_URL``), with
the backend's placeholders, and every write is committed at once. The presenter's page
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
true`` to choose). A code is a short, random word plus three digits (``river-347``; made
with :mod:`secrets`, letters and digits that cannot be confused). Attendees type the codes
in; the store records which attendee confirmed which code and when. After
:attr:`AttendancePolicy.max_wrong_codes` wrong entries an attendee can enter no more codes
(guessing is not attendance); the count is in the provider's record.

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

import csv
import datetime as dt
import hashlib
import html
import io
import json
import math
import os
import re
import secrets
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Sequence

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sqlalchemy import func, insert, select, update

from . import db, schema
from .records import DATA_DIR, DataError

#: Set this to a seminar YAML file to use instead of ``data/seminar.yaml``.
SEMINAR_ENV = "COURSE_SEMINAR"
#: Set this to a folder of exercise-set YAML files to take poll questions from.
BANK_ENV = "COURSE_SEMINAR_BANK"
COURSE_NAME = "BitTorrent Doe Cases — an interactive course"

MAX_NAME_CHARS = 120
MAX_QUESTION_CHARS = 1000

# Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L, 5/S, 2/Z).
_CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
_DIGITS = "346789"
#: Short, common, distinct words for verification codes (no homophones, no near-spellings).
CODE_WORDS = (
    "amber", "anchor", "apple", "arrow", "badge", "basket", "beacon", "bridge", "candle", "canyon",
    "carpet", "castle", "cedar", "cherry", "circle", "clover", "comet", "copper", "coral", "cotton",
    "desert", "dragon", "eagle", "ember", "falcon", "forest", "garden", "glacier", "granite", "harbor",
    "helmet", "island", "jacket", "jungle", "kettle", "ladder", "lantern", "lemon", "marble", "meadow",
    "mirror", "monkey", "orange", "orbit", "paddle", "pepper", "pillow", "planet", "pocket", "prairie",
    "puzzle", "rabbit", "ribbon", "river", "rocket", "saddle", "signal", "silver", "spider", "summit",
    "tablet", "thunder", "timber", "tunnel", "velvet", "violin", "walnut", "window", "winter", "yellow",
)


# --- errors ---------------------------------------------------------------------------


class SeminarError(ValueError):
    """Something an attendee or presenter did cannot be done; the message says why, in a
    sentence meant for them (the views show it as it is)."""


class WrongCode(SeminarError):
    pass


class NotFound(SeminarError):
    pass


# --- time -----------------------------------------------------------------------------


def _now() -> str:
    """UTC, ISO 8601, to the microsecond (records sort by it)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


# --- the agenda and credit hours ----------------------------------------------------------


def _fraction(value: float | int | str | Fraction, what: str) -> Fraction:
    try:
        f = Fraction(str(value)) if not isinstance(value, Fraction) else value
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{what} must be a number, not {value!r}") from None
    if f <= 0:
        raise ValueError(f"{what} must be positive, not {value!r}")
    return f


@dataclass(frozen=True)
class CreditRule:
    """How agenda minutes become credit hours: ``minutes_per_credit`` minutes make one
    credit hour (50 or 60 in most states), rounded DOWN to a multiple of ``increment``."""

    minutes_per_credit: Fraction = Fraction(60)
    increment: Fraction = Fraction(1, 4)

    def __post_init__(self) -> None:
        object.__setattr__(self, "minutes_per_credit", _fraction(self.minutes_per_credit, "minutes_per_credit"))
        object.__setattr__(self, "increment", _fraction(self.increment, "increment"))

    def hours(self, minutes: int | Fraction) -> Fraction:
        """Credit hours for ``minutes`` of credit-bearing time, rounded down to the increment."""
        if minutes < 0:
            raise ValueError("minutes cannot be negative")
        steps = math.floor(Fraction(minutes) / self.minutes_per_credit / self.increment)
        return steps * self.increment

    def describe(self) -> str:
        return (f"one credit hour per {format_number(self.minutes_per_credit)} minutes of instruction, "
                f"rounded down to the nearest {format_number(self.increment)} hour")

    def to_json(self) -> dict:
        return {"minutes_per_credit": str(self.minutes_per_credit), "increment": str(self.increment)}

    @classmethod
    def from_json(cls, d: dict) -> "CreditRule":
        return cls(Fraction(d["minutes_per_credit"]), Fraction(d["increment"]))


def format_number(x: Fraction | float | int) -> str:
    """1.75, 2, 0.5: a decimal without trailing zeros (exact for quarters and halves)."""
    f = Fraction(x)
    if f.denominator == 1:
        return str(f.numerator)
    text = f"{float(f):.4f}".rstrip("0").rstrip(".")
    return text


def format_hours(x: Fraction) -> str:
    return f"{format_number(x)} hour{'' if x == 1 else 's'}"


@dataclass(frozen=True)
class AttendancePolicy:
    """Which codes are required and what partial attendance earns (see the module doc)."""

    credit: Literal["all_codes", "proportional"] = "all_codes"
    required: Literal["revealed", "planned"] = "revealed"
    max_wrong_codes: int = 20

    def __post_init__(self) -> None:
        if self.credit not in ("all_codes", "proportional"):
            raise ValueError(f"attendance credit must be 'all_codes' or 'proportional', not {self.credit!r}")
        if self.required not in ("revealed", "planned"):
            raise ValueError(f"attendance required must be 'revealed' or 'planned', not {self.required!r}")
        if self.max_wrong_codes < 1:
            raise ValueError("max_wrong_codes must be at least 1")

    def describe(self) -> str:
        which = ("every verification code the presenter revealed" if self.required == "revealed"
                 else "every verification code on the agenda")
        if self.credit == "all_codes":
            return f"Credit is awarded only if {which} was entered; otherwise no credit is awarded."
        return (f"Credit is awarded in proportion to the share of {which} that was entered, "
                "rounded down to the increment.")


@dataclass(frozen=True)
class AgendaItem:
    title: str
    minutes: int
    credit: bool = True
    lesson: int | None = None
    checkpoint: bool = False


@dataclass(frozen=True)
class Agenda:
    """A seminar's timed agenda, its credit rule and its attendance policy."""

    title: str
    items: tuple[AgendaItem, ...]
    rule: CreditRule = field(default_factory=CreditRule)
    policy: AttendancePolicy = field(default_factory=AttendancePolicy)
    course: str = COURSE_NAME
    provider: str = ""

    @property
    def total_minutes(self) -> int:
        return sum(i.minutes for i in self.items)

    @property
    def credit_minutes(self) -> int:
        return sum(i.minutes for i in self.items if i.credit)

    def credit_hours(self, rule: CreditRule | None = None) -> Fraction:
        return (rule or self.rule).hours(self.credit_minutes)

    def checkpoints(self) -> list[int]:
        """Indexes of the items at which a verification code may be revealed."""
        marked = [n for n, i in enumerate(self.items) if i.checkpoint]
        return marked or [n for n, i in enumerate(self.items) if i.credit]

    def checkpoint_label(self, index: int) -> str:
        if 0 <= index < len(self.items):
            return f"{index + 1}. {self.items[index].title}"
        return f"item {index + 1}"

    def with_item(self, item: AgendaItem) -> "Agenda":
        return Agenda(self.title, self.items + (item,), self.rule, self.policy, self.course, self.provider)

    def to_json(self) -> dict:
        return {"title": self.title, "course": self.course, "provider": self.provider,
                "items": [asdict(i) for i in self.items], "rule": self.rule.to_json(),
                "policy": asdict(self.policy)}

    @classmethod
    def from_json(cls, d: dict) -> "Agenda":
        return cls(d["title"], tuple(AgendaItem(**i) for i in d["items"]), CreditRule.from_json(d["rule"]),
                   AttendancePolicy(**d["policy"]), d.get("course", COURSE_NAME), d.get("provider", ""))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ItemIn(_Strict):
    lesson: int | None = Field(default=None, ge=0)
    title: str | None = Field(default=None, min_length=1)
    minutes: int | None = Field(default=None, ge=1, le=600)
    credit: bool = True
    checkpoint: bool = False


class _CreditIn(_Strict):
    minutes_per_credit: float = Field(default=60, gt=0)
    increment: float = Field(default=0.25, gt=0)


class _AttendanceIn(_Strict):
    credit: Literal["all_codes", "proportional"] = "all_codes"
    required: Literal["revealed", "planned"] = "revealed"
    max_wrong_codes: int = Field(default=20, ge=1)


class _SeminarIn(_Strict):
    title: str = Field(min_length=1)
    course: str = COURSE_NAME
    provider: str = ""
    credit: _CreditIn = _CreditIn()
    attendance: _AttendanceIn = _AttendanceIn()


def seminar_path(path: Path | str | None = None) -> Path:
    if path is not None:
        return Path(path)
    env = os.environ.get(SEMINAR_ENV)
    return Path(env) if env else DATA_DIR / "seminar.yaml"


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def _pydantic_message(e: ValidationError) -> str:
    first = e.errors()[0]
    loc = ".".join(str(p) for p in first.get("loc", ()))
    return f"field '{loc}': {first.get('msg', 'invalid')}" if loc else first.get("msg", "invalid")


def load_agenda(path: Path | str | None = None, lessons_path: Path | str | None = None) -> Agenda:
    """The seminar agenda, validated; a bad file raises :class:`DataError` naming the file,
    the agenda item and the field."""
    path = seminar_path(path)
    name = _rel(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{name}: file not found") from None
    except yaml.YAMLError as e:
        raise DataError(f"{name}: not valid YAML: {e}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("seminar"), dict) or not isinstance(doc.get("agenda"), list):
        raise DataError(f"{name}: expected a mapping with 'seminar' (a mapping) and 'agenda' (a list)")
    extra = set(doc) - {"seminar", "agenda"}
    if extra:
        raise DataError(f"{name}: field {sorted(extra)[0]!r}: unknown; use 'seminar' and 'agenda'")
    try:
        head = _SeminarIn.model_validate(doc["seminar"])
    except ValidationError as e:
        raise DataError(f"{name}: seminar: {_pydantic_message(e)}") from None
    if not doc["agenda"]:
        raise DataError(f"{name}: field 'agenda': the agenda has no items")
    lessons: dict[int, Any] | None = None
    items = []
    for n, raw in enumerate(doc["agenda"], start=1):
        where = f"{name}: agenda item {n}"
        if not isinstance(raw, dict):
            raise DataError(f"{where}: expected a mapping with 'lesson' or 'title', and 'minutes'")
        try:
            it = _ItemIn.model_validate(raw)
        except ValidationError as e:
            raise DataError(f"{where}: {_pydantic_message(e)}") from None
        title, minutes = it.title, it.minutes
        if it.lesson is not None:
            if lessons is None:
                from . import lessons as course_lessons

                lessons = {l.number: l for l in course_lessons.load(lessons_path)}
            lesson = lessons.get(it.lesson)
            if lesson is None:
                raise DataError(f"{where}: field 'lesson': there is no lesson {it.lesson} in the lessons file")
            title = title or f"Lesson {lesson.number}: {lesson.title}"
            minutes = minutes or lesson.minutes
        if not title:
            raise DataError(f"{where}: field 'title': give a title or a lesson number")
        if minutes is None:
            raise DataError(f"{where}: field 'minutes': required for an item that is not a lesson")
        items.append(AgendaItem(title=title, minutes=minutes, credit=it.credit, lesson=it.lesson,
                                checkpoint=it.checkpoint))
    try:
        rule = CreditRule(head.credit.minutes_per_credit, head.credit.increment)
    except ValueError as e:  # pragma: no cover - pydantic checks positivity first
        raise DataError(f"{name}: seminar.credit: {e}") from None
    policy = AttendancePolicy(head.attendance.credit, head.attendance.required, head.attendance.max_wrong_codes)
    agenda = Agenda(head.title, tuple(items), rule, policy, head.course, head.provider)
    if not agenda.checkpoints():
        raise DataError(f"{name}: field 'agenda': no item earns credit, so there is nothing to verify")
    return agenda


# --- poll questions from the exercise bank -----------------------------------------------------


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
        from .exercises import shuffled_order

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
            raise DataError(f"{_rel(path)}: not valid YAML: {e}") from None
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
                from . import exercises  # type: ignore[attr-defined]
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


# --- the store ------------------------------------------------------------------------------------
# Tables: course/schema.py; connections: course/db.py (db.transaction for writes, db.reading for reads).

S, A, C, K, PL, AN, Q = (schema.seminar_sessions, schema.seminar_attendees, schema.seminar_codes,
                         schema.seminar_confirmations, schema.seminar_polls, schema.seminar_answers,
                         schema.seminar_questions)


def _token(alphabet: str, n: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def _hash(key: str) -> str:
    return hashlib.sha256(normalise_key(key).encode()).hexdigest()


def normalise_key(text: str) -> str:
    """Join codes and keys are typed by people: ignore case, spaces and dashes."""
    return re.sub(r"[\s\-_.]", "", str(text)).upper()


def normalise_code(text: str) -> str:
    """'River 347', ' river-347 ' -> 'river-347'."""
    t = re.sub(r"[^a-z0-9]", "", str(text).lower())
    m = re.fullmatch(r"([a-z]+)([0-9]+)", t)
    return f"{m.group(1)}-{m.group(2)}" if m else t


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


# --- sessions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    id: str
    join_code: str
    title: str
    date: str
    presenter: str
    agenda: Agenda
    created_at: str
    ended_at: str | None = None
    #: Only on the object :func:`create_session` returns: the presenter's secret key.
    presenter_key: str | None = None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None


_SESSION_COLS = (S.c.id, S.c.join_code, S.c.title, S.c.date, S.c.presenter, S.c.agenda_json, S.c.created_at,
                 S.c.ended_at)


def _session_from_row(row: Sequence) -> Session:
    return Session(row[0], row[1], row[2], row[3], row[4], Agenda.from_json(json.loads(row[5])), row[6], row[7])


def _clean(text: Any, what: str, *, required: bool = True, limit: int = MAX_NAME_CHARS) -> str:
    t = " ".join(str(text or "").split())
    if required and not t:
        raise SeminarError(f"Enter {what}.")
    if len(t) > limit:
        raise SeminarError(f"{what[0].upper()}{what[1:]} is too long (at most {limit} characters).")
    return t


def create_session(title: str, date: str | dt.date, presenter: str, agenda: Agenda | None = None,
                   rule: CreditRule | None = None, policy: AttendancePolicy | None = None) -> Session:
    """Create a seminar session. The agenda (default: :func:`load_agenda`), credit rule and
    attendance policy are stored with it, so later edits of the seminar file do not change
    its records. The returned session carries ``presenter_key`` (shown once to the presenter;
    only its hash is stored) and ``join_code`` (for attendees)."""
    title = _clean(title, "the seminar's title")
    presenter = _clean(presenter, "the presenter's name")
    if isinstance(date, dt.date):
        date = date.isoformat()
    try:
        date = dt.date.fromisoformat(str(date).strip()).isoformat()
    except ValueError:
        raise SeminarError(f"Enter the date as YYYY-MM-DD (for example 2025-03-14), not {str(date)[:20]!r}.") from None
    agenda = agenda or load_agenda()
    if rule is not None or policy is not None:
        agenda = Agenda(agenda.title, agenda.items, rule or agenda.rule, policy or agenda.policy,
                        agenda.course, agenda.provider)
    now = _now()
    for _ in range(20):
        sid = "S" + secrets.token_hex(8)
        join_code = _token(_CODE_ALPHABET, 6)
        key = "-".join(_token(_CODE_ALPHABET, 4) for _ in range(3))
        with db.transaction() as c:
            n = db.insert_ignoring(c, S, ["join_code"], id=sid, join_code=join_code, title=title, date=date,
                                   presenter=presenter, agenda_json=json.dumps(agenda.to_json()), created_at=now,
                                   ended_at=None, presenter_key_hash=_hash(key))
        if n:
            return Session(sid, join_code, title, date, presenter, agenda, now, None, key)
    raise SeminarError("Could not make a new join code; try again.")  # pragma: no cover


def _session_row(c, session_id: str) -> Session:
    row = c.execute(select(*_SESSION_COLS).where(S.c.id == session_id)).first()
    if row is None:
        raise NotFound("There is no such seminar.")
    return _session_from_row(row)


def get_session(session_id: str) -> Session:
    with db.reading() as c:
        return _session_row(c, session_id)


def find_session(join_code: str) -> Session:
    """The session with this join code (what attendees type)."""
    code = normalise_key(join_code)
    if not code:
        raise SeminarError("Enter the seminar's join code (the presenter shows it).")
    with db.reading() as c:
        row = c.execute(select(*_SESSION_COLS).where(S.c.join_code == code)).first()
    if row is None:
        raise NotFound(f"No seminar has the join code {code[:12]!r}. Check it with the presenter.")
    return _session_from_row(row)


def open_as_presenter(presenter_key: str) -> Session:
    """The session whose presenter key this is (to reopen the presenter's page)."""
    if not normalise_key(presenter_key):
        raise SeminarError("Enter your presenter key.")
    with db.reading() as c:
        row = c.execute(select(*_SESSION_COLS).where(S.c.presenter_key_hash == _hash(presenter_key))).first()
    if row is None:
        raise NotFound("That presenter key does not open any seminar.")
    return _session_from_row(row)


def _check_presenter(c, session_id: str, presenter_key: str) -> None:
    found = c.execute(select(S.c.presenter_key_hash).where(S.c.id == session_id)).scalar()
    if found is None:
        raise NotFound("There is no such seminar.")
    if not secrets.compare_digest(found, _hash(presenter_key)):
        raise SeminarError("Only the presenter can do that (the presenter key does not match).")


def end_session(session_id: str, presenter_key: str) -> Session:
    """End the seminar: no more codes, answers or questions are accepted; certificates are final."""
    with db.transaction() as c:
        _check_presenter(c, session_id, presenter_key)
        c.execute(update(S).where(S.c.id == session_id, S.c.ended_at.is_(None)).values(ended_at=_now()))
    return get_session(session_id)


def _require_open(c, session_id: str) -> None:
    row = c.execute(select(S.c.ended_at).where(S.c.id == session_id)).first()
    if row is None:
        raise NotFound("There is no such seminar.")
    if row[0] is not None:
        raise SeminarError("The seminar has ended; nothing more can be entered.")


# --- attendees -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attendee:
    id: str
    session_id: str
    name: str
    email: str
    bar_number: str
    joined_at: str
    wrong_codes: int = 0


_ATT_COLS = (A.c.id, A.c.session_id, A.c.name, A.c.email, A.c.bar_number, A.c.joined_at, A.c.wrong_codes)


def join(session_id: str, name: str, email: str = "", bar_number: str = "") -> Attendee:
    """Join a seminar once with a name (unique in the seminar, ignoring case and spacing);
    the returned attendee id lets the attendee :func:`rejoin` after reloading the page."""
    name = _clean(name, "your name")
    email = _clean(email, "the email address", required=False)
    bar_number = _clean(bar_number, "the bar number", required=False, limit=40)
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise SeminarError(f"{email!r} does not look like an email address; correct it or leave it empty.")
    now = _now()
    for _ in range(20):
        aid = "A-" + _token(_CODE_ALPHABET, 6)
        with db.transaction() as c:
            _require_open(c, session_id)
            if c.execute(select(A.c.id).where(A.c.id == aid)).first():
                continue
            n = db.insert_ignoring(c, A, ["session_id", "name_key"], id=aid, session_id=session_id, name=name,
                                   name_key=_name_key(name), email=email, bar_number=bar_number, joined_at=now,
                                   wrong_codes=0)
        if n == 0:
            raise SeminarError(
                f"Someone named {name!r} has already joined this seminar. If that was you, rejoin with "
                "your attendee code; otherwise add a middle initial."
            )
        return Attendee(aid, session_id, name, email, bar_number, now)
    raise SeminarError("Could not join; try again.")  # pragma: no cover


def rejoin(session_id: str, attendee_id: str) -> Attendee:
    aid = "A-" + normalise_key(attendee_id).removeprefix("A")
    with db.reading() as c:
        row = c.execute(select(*_ATT_COLS).where(A.c.id == aid, A.c.session_id == session_id)).first()
    if row is None:
        raise NotFound("That attendee code is not registered for this seminar.")
    return Attendee(*row)


def attendees(session_id: str) -> list[Attendee]:
    with db.reading() as c:
        rows = c.execute(select(*_ATT_COLS).where(A.c.session_id == session_id)
                         .order_by(A.c.joined_at, A.c.name)).all()
    return [Attendee(*r) for r in rows]


def _attendee(c, attendee_id: str) -> Attendee:
    row = c.execute(select(*_ATT_COLS).where(A.c.id == attendee_id)).first()
    if row is None:
        raise NotFound("You have not joined this seminar yet.")
    return Attendee(*row)


# --- verification codes ---------------------------------------------------------------------------


def new_code() -> str:
    """A random verification code: a word and three digits, e.g. 'river-347'."""
    return f"{secrets.choice(CODE_WORDS)}-{_token(_DIGITS, 3)}"


@dataclass(frozen=True)
class RevealedCode:
    checkpoint: int
    label: str
    code: str
    revealed_at: str


def reveal_code(session_id: str, presenter_key: str, checkpoint: int) -> RevealedCode:
    """Reveal the verification code for an agenda checkpoint (the same code if revealed before)."""
    session = get_session(session_id)
    if checkpoint not in session.agenda.checkpoints():
        raise SeminarError(f"Agenda item {checkpoint + 1} is not a checkpoint of this seminar.")
    with db.transaction() as c:
        _check_presenter(c, session_id, presenter_key)
        _require_open(c, session_id)
        taken = set(c.execute(select(C.c.code).where(C.c.session_id == session_id)).scalars())
        code = new_code()
        while code in taken:
            code = new_code()
        db.insert_ignoring(c, C, ["session_id", "checkpoint"], session_id=session_id, checkpoint=checkpoint,
                           code=code, revealed_at=_now())
        row = c.execute(select(C.c.checkpoint, C.c.code, C.c.revealed_at)
                        .where(C.c.session_id == session_id, C.c.checkpoint == checkpoint)).one()
    return RevealedCode(row[0], session.agenda.checkpoint_label(row[0]), row[1], row[2])


def revealed_codes(session_id: str) -> list[RevealedCode]:
    """The codes revealed so far (for the presenter's page and the records; never for attendees)."""
    session = get_session(session_id)
    with db.reading() as c:
        rows = c.execute(select(C.c.checkpoint, C.c.code, C.c.revealed_at).where(C.c.session_id == session_id)
                         .order_by(C.c.checkpoint)).all()
    return [RevealedCode(r[0], session.agenda.checkpoint_label(r[0]), r[1], r[2]) for r in rows]


@dataclass(frozen=True)
class Confirmation:
    checkpoint: int
    label: str
    confirmed_at: str
    already: bool = False


def confirm_code(attendee_id: str, code: str) -> Confirmation:
    """An attendee enters a verification code. Raises :class:`WrongCode` with a clear message
    if it matches no code revealed so far (and counts the wrong entry)."""
    typed = normalise_code(code)
    if not typed:
        raise WrongCode("Enter the verification code the presenter is showing (for example river-347).")
    wrong: WrongCode | None = None
    with db.transaction() as c:
        att = _attendee(c, attendee_id)
        _require_open(c, att.session_id)
        session = _session_row(c, att.session_id)
        limit = session.agenda.policy.max_wrong_codes
        if att.wrong_codes >= limit:
            raise WrongCode(f"Too many wrong codes ({att.wrong_codes}); ask the presenter to confirm your attendance.")
        checkpoint = c.execute(select(C.c.checkpoint).where(C.c.session_id == att.session_id, C.c.code == typed)).scalar()
        if checkpoint is None:
            c.execute(update(A).where(A.c.id == att.id).values(wrong_codes=A.c.wrong_codes + 1))
            left = limit - att.wrong_codes - 1
            # raised after the block, so the count is committed
            wrong = WrongCode(
                f"{code.strip()[:30]!r} is not a verification code shown in this seminar so far. Check the "
                f"spelling (a word, a dash and three digits, like river-347). {left} more tries allowed."
            )
        else:
            n = db.insert_ignoring(c, K, ["attendee_id", "checkpoint"], session_id=att.session_id,
                                   attendee_id=att.id, checkpoint=checkpoint, confirmed_at=_now())
            got = c.execute(select(K.c.confirmed_at).where(K.c.attendee_id == att.id,
                                                           K.c.checkpoint == checkpoint)).scalar()
    if wrong is not None:
        raise wrong
    return Confirmation(checkpoint, session.agenda.checkpoint_label(checkpoint), got, already=(n == 0))


def confirmations(attendee_id: str) -> list[Confirmation]:
    with db.reading() as c:
        att = _attendee(c, attendee_id)
        rows = c.execute(select(K.c.checkpoint, K.c.confirmed_at).where(K.c.attendee_id == attendee_id)
                         .order_by(K.c.checkpoint)).all()
    agenda = get_session(att.session_id).agenda
    return [Confirmation(r[0], agenda.checkpoint_label(r[0]), r[1]) for r in rows]


# --- polls ---------------------------------------------------------------------------------------


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
    now = _now()
    pid = "P" + secrets.token_hex(8)
    with db.transaction() as c:
        _check_presenter(c, session_id, presenter_key)
        _require_open(c, session_id)
        c.execute(update(PL).where(PL.c.session_id == session_id, PL.c.closed_at.is_(None)).values(closed_at=now))
        c.execute(insert(PL).values(id=pid, session_id=session_id, question_id=question.id, prompt=question.prompt,
                                    options_json=json.dumps(list(question.options)), opened_at=now, closed_at=None))
    return Poll(pid, session_id, question.id, question.prompt, tuple(question.options), now)


def close_poll(session_id: str, presenter_key: str, poll_id: str) -> Poll:
    with db.transaction() as c:
        _check_presenter(c, session_id, presenter_key)
        c.execute(update(PL).where(PL.c.id == poll_id, PL.c.session_id == session_id, PL.c.closed_at.is_(None))
                  .values(closed_at=_now()))
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
        att = _attendee(c, attendee_id)
        row = c.execute(select(*_POLL_COLS).where(PL.c.id == poll_id)).first()
        if row is None or row[1] != att.session_id:
            raise NotFound("There is no such poll in your seminar.")
        poll = _poll_from_row(row)
        if not poll.is_open:
            raise SeminarError("This poll has closed; your answer was not recorded.")
        if not isinstance(option_index, int) or not 0 <= option_index < len(poll.options):
            raise SeminarError("Choose one of the options.")
        db.upsert(c, AN, ["poll_id", "attendee_id"], ["option_index", "answered_at"], poll_id=poll_id,
                  attendee_id=att.id, option_index=option_index, answered_at=_now())


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
    """Store an attendee's written question (plain text; views escape it)."""
    t = str(text or "").strip()
    if not t:
        raise SeminarError("Write your question first.")
    if len(t) > MAX_QUESTION_CHARS:
        raise SeminarError(f"Please shorten your question to {MAX_QUESTION_CHARS} characters.")
    qid = "Q" + secrets.token_hex(8)
    now = _now()
    with db.transaction() as c:
        att = _attendee(c, attendee_id)
        _require_open(c, att.session_id)
        c.execute(insert(Q).values(id=qid, session_id=att.session_id, attendee_id=att.id, text=t, asked_at=now))
    return AudienceQuestion(qid, t, now)


def questions(session_id: str) -> list[AudienceQuestion]:
    """The audience's questions, oldest first, without names."""
    with db.reading() as c:
        rows = c.execute(select(Q.c.id, Q.c.text, Q.c.asked_at).where(Q.c.session_id == session_id)
                         .order_by(Q.c.asked_at, Q.c.id)).all()
    return [AudienceQuestion(*r) for r in rows]


# --- attendance, certificates, records ---------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    attendee: Attendee
    required: tuple[int, ...]
    confirmed: tuple[Confirmation, ...]
    missed: tuple[int, ...]
    credit_hours: Fraction
    full_hours: Fraction
    verified: bool  # every required code confirmed (and at least one required)
    provisional: bool  # the seminar has not ended


def _revealed_checkpoints(session_id: str) -> list[int]:
    with db.reading() as c:
        return list(c.execute(select(C.c.checkpoint).where(C.c.session_id == session_id)).scalars())


def attendance(session_id: str, attendee_id: str) -> Attendance:
    """The attendee's verified attendance and credit hours under the session's policy."""
    session = get_session(session_id)
    with db.reading() as c:
        att = _attendee(c, attendee_id)
    if att.session_id != session_id:
        raise NotFound("That attendee is not in this seminar.")
    return _attendance(session, att, _revealed_checkpoints(session_id), confirmations(att.id))


def _attendance(session: Session, att: Attendee, revealed: Iterable[int], confirmed: list[Confirmation]) -> Attendance:
    agenda = session.agenda
    policy = agenda.policy
    required = tuple(sorted(set(agenda.checkpoints() if policy.required == "planned" else revealed)))
    got = {c.checkpoint for c in confirmed}
    missed = tuple(c for c in required if c not in got)
    full = agenda.credit_hours()
    hit = len(required) - len(missed)
    verified = bool(required) and not missed
    if not required:
        hours = Fraction(0)
    elif policy.credit == "all_codes":
        hours = full if verified else Fraction(0)
    else:
        inc = agenda.rule.increment
        hours = math.floor(full * hit / len(required) / inc) * inc
    return Attendance(att, required, tuple(confirmed), missed,
                      hours, full, verified, not session.ended)


_CERT_CSS = """
body{font-family:Georgia,'Times New Roman',serif;color:#1a1a1a;max-width:46em;margin:2em auto;line-height:1.5}
.cert{border:3px double #0072B2;padding:1.5em 2em}
h1{font-size:1.6em;margin:0 0 .2em 0;text-align:center} .sub{text-align:center;color:#333}
table{border-collapse:collapse;margin:1em 0} th,td{text-align:left;padding:.2em .8em .2em 0;vertical-align:top}
.status{font-weight:bold;padding:.3em .6em;border-left:5px solid #0072B2;background:#eef5fb}
.status.partial{border-left-color:#D55E00;background:#fdf0e8}
.provisional{color:#8a4b00;font-weight:bold} .small{font-size:.85em;color:#333}
@media print{body{margin:0}}
"""


def certificate_html(session_id: str, attendee_id: str) -> str:
    """A certificate of attendance as a standalone HTML page (all text escaped; print to PDF
    from the browser)."""
    session = get_session(session_id)
    a = attendance(session_id, attendee_id)
    agenda = session.agenda
    e = html.escape
    att = a.attendee
    rows = [
        ("Attendee", att.name),
        ("Bar number", att.bar_number or "—"),
        ("Email", att.email or "—"),
        ("Course", agenda.course),
        ("Seminar", session.title),
        ("Date", session.date),
        ("Presenter", session.presenter),
    ]
    if agenda.provider:
        rows.insert(3, ("Provider", agenda.provider))
    rows.append(("Credit hours awarded", format_hours(a.credit_hours)))
    rows.append(("Credit hours of the program", format_hours(a.full_hours)))
    if a.verified:
        status = ('<p class="status" data-status="full">Attendance verified: every required verification '
                  "code was entered.</p>")
    elif not a.required:
        status = ('<p class="status partial" data-status="unverified">Attendance not verified: no verification '
                  "code was shown during the program.</p>")
    else:
        missed = "; ".join(agenda.checkpoint_label(c) for c in a.missed)
        status = ('<p class="status partial" data-status="partial">Partial attendance: '
                  f"{len(a.required) - len(a.missed)} of {len(a.required)} required verification codes entered. "
                  f"Codes missed at: {e(missed)}.</p>")
    confirmed = "".join(f"<li>{e(c.label)} — entered {e(c.confirmed_at)}</li>" for c in a.confirmed) or "<li>none</li>"
    provisional = ('<p class="provisional">Provisional: the seminar had not ended when this certificate was made.</p>'
                   if a.provisional else "")
    table = "".join(f'<tr><th scope="row">{e(k)}</th><td>{e(v)}</td></tr>' for k, v in rows)
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Certificate of attendance — {e(att.name)}</title><style>{_CERT_CSS}</style></head><body>"
        '<main class="cert"><h1>Certificate of Attendance</h1>'
        f'<p class="sub">{e(agenda.course)}</p>{provisional}{status}<table>{table}</table>'
        f"<h2>Verification codes entered</h2><ul>{confirmed}</ul>"
        f'<p class="small">Credit rule: {e(agenda.rule.describe())}; {e(format_number(agenda.credit_minutes))} '
        f"credit-bearing minutes of a {e(format_number(agenda.total_minutes))}-minute agenda. "
        f"{e(agenda.policy.describe())}</p>"
        f'<p class="small">Record {e(session.id)} / {e(att.id)}; joined {e(att.joined_at)}.</p>'
        "</main></body></html>"
    )


CSV_COLUMNS = ["name", "email", "bar_number", "joined_at", "codes_confirmed", "codes_missed",
               "credit_hours_awarded", "wrong_code_entries"]


def _cell(value: Any) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    t = str(value)
    return "'" + t if t[:1] in ("=", "+", "-", "@", "\t", "\r") else t


def attendance_rows(session_id: str) -> list[dict[str, str]]:
    session = get_session(session_id)
    agenda = session.agenda
    revealed = _revealed_checkpoints(session_id)
    out = []
    for att in attendees(session_id):
        a = _attendance(session, att, revealed, confirmations(att.id))
        out.append({
            "name": att.name,
            "email": att.email,
            "bar_number": att.bar_number,
            "joined_at": att.joined_at,
            "codes_confirmed": "; ".join(f"{c.label} ({c.confirmed_at})" for c in a.confirmed),
            "codes_missed": "; ".join(agenda.checkpoint_label(c) for c in a.missed),
            "credit_hours_awarded": format_number(a.credit_hours),
            "wrong_code_entries": str(att.wrong_codes),
        })
    return out


def attendance_csv(session_id: str) -> str:
    """The provider's attendance record: one row per attendee."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in attendance_rows(session_id):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buf.getvalue()


def checkpoint_counts(session_id: str) -> list[tuple[RevealedCode, int]]:
    """For the presenter: each revealed code and how many attendees entered it (no names)."""
    codes = revealed_codes(session_id)
    with db.reading() as c:
        rows = c.execute(select(K.c.checkpoint, func.count()).where(K.c.session_id == session_id)
                         .group_by(K.c.checkpoint)).all()
    counts = {int(r[0]): int(r[1]) for r in rows}
    return [(c, counts.get(c.checkpoint, 0)) for c in codes]
