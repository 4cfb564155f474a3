"""Content data in ``data/``: case records, quotes and lessons, validated on load.

Every fact lives once in ``data/`` (OpenFisca-style: each value carries its source and
pinpoint). Code refers to a quote by its id. A malformed file fails with
:class:`DataError`, whose message names the file, the record and the field.
"""
from __future__ import annotations

import datetime as dt
import functools
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


from .paths import data_dir

#: The data folder: the checkout's ``data/``, or its copy inside an installed wheel (course/paths.py).
DATA_DIR = data_dir()


class DataError(ValueError):
    """A data file is malformed. The message names the file, the record and the field."""


class Speaker(str, Enum):
    """Who says the words: a ruling court, or a party arguing (advocacy, not law)."""

    court = "court"  # the deciding court in its own voice
    court_quoting = "court_quoting"  # the deciding court quoting another authority
    movant = "movant"  # a party's motion: advocacy, not a ruling
    movant_quoting = "movant_quoting"  # a party's motion quoting an authority


class Quote(BaseModel):
    """A verbatim passage of a seed, with its pinpoint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    seed: Literal["000", "001", "002", "003", "004"]
    pinpoint: str = Field(min_length=1)
    text: str = Field(min_length=3)
    speaker: Speaker
    quoting: str | None = None  # the authority quoted, for *_quoting speakers
    note: str | None = None

    @property
    def is_advocacy(self) -> bool:
        return self.speaker in (Speaker.movant, Speaker.movant_quoting)

    def cite(self) -> str:
        """'Hard Drive (N.D. Cal. 2012), p. 9:17-21', for display."""
        return f"{short_name(self.seed)}, {self.pinpoint}"


class IssueOutcome(str, Enum):
    """The fixed vocabulary for how a court disposed of an issue."""

    granted = "granted"
    denied = "denied"
    granted_in_part = "granted_in_part"
    denied_as_moot = "denied_as_moot"
    severed = "severed"
    affirmed = "affirmed"
    not_reached = "not_reached"
    requested = "requested"  # a motion's request: not a ruling
    described = "described"  # a cited decision's result as a seed describes it


class Issue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    issue: str = Field(min_length=3)
    question: str = Field(min_length=3)
    outcome: IssueOutcome
    summary: str = Field(min_length=3)
    quotes: tuple[str, ...] = ()


class CaseKind(str, Enum):
    motion = "motion"
    order = "order"
    opinion = "opinion"
    cited_decision = "cited_decision"


class CitedIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    seed: Literal["000", "001", "002", "003", "004"]
    pinpoint: str


class Case(BaseModel):
    """A source document, or a decision a source relies on that the course uses."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    short_name: str
    caption: str
    court: str
    court_label: str | None = None  # as a ruling names its court: 'N.D. Ill. (Lee, J.)'
    cite: str | None = None  # the citation a ruling prints, before its pinpoint
    judge: str | None = None
    date: dt.date | None = None
    year: int | None = Field(default=None, ge=1900, le=2030)
    docket: str | None = None
    citation: str | None = None
    kind: CaseKind
    seed: Literal["000", "001", "002", "003", "004"] | None = None
    cited_in: tuple[CitedIn, ...] = ()
    posture: str
    issues: tuple[Issue, ...] = ()
    key_quotes: tuple[str, ...] = ()


class Threshold(BaseModel):
    """A number a legal test turns on, with its source or the course's reason for it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    value: float
    unit: str
    basis: Literal["held", "stated", "described", "assumed", "argued"]
    quote: str | None = None
    note: str = Field(min_length=10)


class Lesson(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=0)
    notebook: str = Field(pattern=r"^[0-9a-z_]+\.ipynb$")
    title: str
    summary: str
    minutes: int = Field(ge=1, le=240)
    seed: Literal["000", "001", "002", "003", "004"] | None = None


# --- loading ------------------------------------------------------------------------


def _yaml():
    """PyYAML, or None where it is not installed (a browser build reads compiled JSON instead)."""
    try:
        import yaml
    except ImportError:
        return None
    return yaml


def _read_yaml(path: Path) -> Any:
    """A data file's contents. Where PyYAML is missing (the static site, whose Pyodide has
    no PyYAML), the JSON copy that :func:`compile_json` wrote beside it at build time."""
    yaml = _yaml()
    if yaml is None:
        return _read_compiled(path)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise DataError(f"{_rel(path)}: file not found") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataError(f"{_rel(path)}: not valid YAML{where}: {getattr(e, 'problem', e)}") from None


def _read_compiled(path: Path) -> Any:
    import json

    compiled = path.with_suffix(".json")
    try:
        return json.loads(compiled.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if path.is_file():
            raise DataError(f"{_rel(path)}: PyYAML is not installed and there is no compiled "
                            f"{compiled.name} beside it (see compile_json)") from None
        raise DataError(f"{_rel(path)}: file not found") from None


def compile_json(folder: Path) -> list[Path]:
    """Write a ``.json`` copy beside every ``.yaml`` file under ``folder`` (dates as ISO text,
    which the models read back as dates). For builds that run where PyYAML is missing."""
    import datetime as _dt
    import json

    def default(value: Any) -> str:
        if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
            return value.isoformat()
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    written = []
    for path in sorted(Path(folder).rglob("*.yaml")):
        out = path.with_suffix(".json")
        out.write_text(json.dumps(_read_yaml(path), ensure_ascii=False, default=default), encoding="utf-8")
        written.append(out)
    return written


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def _validate_list(path: Path, key: str, model: type[BaseModel]) -> list:
    doc = _read_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        raise DataError(f"{_rel(path)}: expected a mapping with a list under '{key}'")
    out = []
    for i, item in enumerate(doc[key], start=1):
        name = item.get("id") if isinstance(item, dict) else None
        name = name or (item.get("notebook") if isinstance(item, dict) else None)
        label = f"record {name!r} (item {i})" if name else f"item {i}"
        try:
            out.append(model.model_validate(item))
        except ValidationError as e:
            first = e.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "(record)"
            raise DataError(f"{_rel(path)}: {label}: field '{field}': {first['msg']}") from None
    return out


def load_quotes(folder: Path | None = None) -> dict[str, Quote]:
    folder = folder or DATA_DIR / "quotes"
    quotes: dict[str, Quote] = {}
    where: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        for q in _validate_list(path, "quotes", Quote):
            if q.id in quotes:
                raise DataError(
                    f"{_rel(path)}: record {q.id!r}: field 'id': duplicate; already in {_rel(where[q.id])}"
                )
            quotes[q.id] = q
            where[q.id] = path
    return quotes


def load_cases(path: Path | None = None, quotes: dict[str, Quote] | None = None) -> dict[str, Case]:
    path = path or DATA_DIR / "cases.yaml"
    quotes = quotes if quotes is not None else QUOTES()
    cases: dict[str, Case] = {}
    for c in _validate_list(path, "cases", Case):
        if c.id in cases:
            raise DataError(f"{_rel(path)}: record {c.id!r}: field 'id': duplicate")
        refs = list(c.key_quotes) + [q for iss in c.issues for q in iss.quotes]
        for ref in refs:
            if ref not in quotes:
                raise DataError(f"{_rel(path)}: record {c.id!r}: field 'quotes': unknown quote id {ref!r}")
        if c.kind != CaseKind.cited_decision and c.seed is None:
            raise DataError(f"{_rel(path)}: record {c.id!r}: field 'seed': a source document needs its seed")
        if c.kind == CaseKind.cited_decision and not c.cited_in:
            raise DataError(f"{_rel(path)}: record {c.id!r}: field 'cited_in': say which seed describes it")
        if c.kind == CaseKind.motion:
            bad = [i.issue for i in c.issues if i.outcome != IssueOutcome.requested]
            if bad:
                raise DataError(
                    f"{_rel(path)}: record {c.id!r}: field 'issues.outcome': a motion only requests; "
                    f"it decides nothing ({', '.join(bad)})"
                )
        cases[c.id] = c
    return cases


def load_thresholds(path: Path | None = None, quotes: dict[str, Quote] | None = None) -> dict[str, Threshold]:
    path = path or DATA_DIR / "thresholds.yaml"
    quotes = quotes if quotes is not None else QUOTES()
    out: dict[str, Threshold] = {}
    for t in _validate_list(path, "thresholds", Threshold):
        if t.id in out:
            raise DataError(f"{_rel(path)}: record {t.id!r}: field 'id': duplicate")
        if t.quote is not None and t.quote not in quotes:
            raise DataError(f"{_rel(path)}: record {t.id!r}: field 'quote': unknown quote id {t.quote!r}")
        if t.basis != "assumed" and t.quote is None:
            raise DataError(f"{_rel(path)}: record {t.id!r}: field 'quote': a {t.basis} figure needs its quote")
        out[t.id] = t
    return out


@functools.lru_cache(maxsize=1)
def THRESHOLDS() -> dict[str, Threshold]:  # noqa: N802 - a cached constant
    return load_thresholds()


def threshold(threshold_id: str) -> float:
    """The value of a threshold in data/thresholds.yaml."""
    try:
        return THRESHOLDS()[threshold_id].value
    except KeyError:
        raise KeyError(f"no threshold {threshold_id!r} in data/thresholds.yaml") from None


def load_lessons(path: Path | None = None) -> list[Lesson]:
    path = path or DATA_DIR / "lessons.yaml"
    lessons = _validate_list(path, "lessons", Lesson)
    numbers = [l.number for l in lessons]
    if numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
        raise DataError(f"{_rel(path)}: field 'number': lessons must be in order, each number once")
    return lessons


@functools.lru_cache(maxsize=1)
def QUOTES() -> dict[str, Quote]:  # noqa: N802 - a cached constant
    return load_quotes()


@functools.lru_cache(maxsize=1)
def CASES() -> dict[str, Case]:  # noqa: N802
    return load_cases()


def quote(quote_id: str) -> Quote:
    try:
        return QUOTES()[quote_id]
    except KeyError:
        raise KeyError(f"no quote with id {quote_id!r} in data/quotes") from None


def short_name(seed: str) -> str:
    """The short name of the source document in ``seed``, from its case record."""
    for case in CASES().values():
        if case.seed == seed and case.kind != CaseKind.cited_decision:
            return case.short_name
    raise KeyError(f"no case record in data/cases.yaml for seed {seed}")
