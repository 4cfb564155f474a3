"""The seminar's timed agenda, credit hours and attendance policy, read from
``data/seminar.yaml`` (or ``$COURSE_SEMINAR``); see :mod:`course.classroom` for the rules."""
from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..records import DATA_DIR, DataError

#: Set this to a seminar YAML file to use instead of ``data/seminar.yaml``.
SEMINAR_ENV = "COURSE_SEMINAR"
#: Set this to a folder of exercise-set YAML files to take poll questions from.
COURSE_NAME = "BitTorrent Doe Cases — an interactive course"


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
    #: wrong verification codes allowed per attendee, per client (browser) and per seminar
    max_wrong_codes: int = 5
    max_wrong_codes_per_client: int = 10
    max_wrong_codes_per_seminar: int = 200
    #: minutes a revealed code stays valid (its checkpoint's window)
    code_minutes: int = 15
    #: joins allowed from one client (browser) per seminar
    max_joins_per_client: int = 3

    def __post_init__(self) -> None:
        if self.credit not in ("all_codes", "proportional"):
            raise ValueError(f"attendance credit must be 'all_codes' or 'proportional', not {self.credit!r}")
        if self.required not in ("revealed", "planned"):
            raise ValueError(f"attendance required must be 'revealed' or 'planned', not {self.required!r}")
        for name in ("max_wrong_codes", "max_wrong_codes_per_client", "max_wrong_codes_per_seminar",
                     "code_minutes", "max_joins_per_client"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")

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
    max_wrong_codes: int = Field(default=5, ge=1)
    max_wrong_codes_per_client: int = Field(default=10, ge=1)
    max_wrong_codes_per_seminar: int = Field(default=200, ge=1)
    code_minutes: int = Field(default=15, ge=1, le=600)
    max_joins_per_client: int = Field(default=3, ge=1)


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


def relative_name(path: Path) -> str:
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
    name = relative_name(path)
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
                from .. import lessons as course_lessons

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
    policy = AttendancePolicy(**head.attendance.model_dump())
    agenda = Agenda(head.title, tuple(items), rule, policy, head.course, head.provider)
    if not agenda.checkpoints():
        raise DataError(f"{name}: field 'agenda': no item earns credit, so there is nothing to verify")
    return agenda
