"""Cases a lawyer can review without reading Python: ``data/rule_cases/<test id>.yaml``.

Each file names a test and lists cases: a name, the facts (or ``source_facts: true`` for the
deciding court's own facts), and what the test must give: the outcome, its basis, and the status
and basis of any element by its id. ``course test`` and ``tests/test_casebook.py`` run them all.

    test: joinder.ndill_2013
    cases:
      - name: the court's own facts (Does 29 and 38, seventeen days apart)
        source_facts: true
        expect:
          outcome: joinder_improper
          basis: held
          elements:
            ndill.joinder.same_time: {status: not met, basis: held}
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .records import DATA_DIR, DataError, _read_yaml, _rel
from .ruling import Basis, Outcome, Ruling

CASES_DIR = DATA_DIR / "rule_cases"

Status = Literal["met", "not met", "not reached", "stated", "described", "argued", "undetermined"]


class ElementExpectation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    status: Status | None = None
    basis: Basis | None = None


class Expectation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    outcome: Outcome
    basis: Basis
    elements: dict[str, ElementExpectation] = {}


class RuleCase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=3)
    why: str | None = None  # what the case shows, for the reviewing lawyer
    source_facts: bool = False
    facts: dict[str, Any] = {}
    expect: Expectation


class CaseFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    test: str
    cases: tuple[RuleCase, ...] = Field(min_length=1)


def load(path: Path) -> CaseFile:
    doc = _read_yaml(path)
    try:
        return CaseFile.model_validate(doc)
    except ValidationError as e:
        first = e.errors()[0]
        loc = list(first["loc"])
        where = ""
        if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int):
            try:
                where = f"case {doc['cases'][loc[1]].get('name')!r}: "
            except Exception:  # noqa: BLE001 - the message still names the field
                where = f"case {loc[1] + 1}: "
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or "(file)"
        raise DataError(f"{_rel(path)}: {where}field '{field}': {first['msg']}") from None


@functools.lru_cache(maxsize=1)
def all_files() -> dict[Path, CaseFile]:
    return {p: load(p) for p in sorted(CASES_DIR.glob("*.yaml"))}


def run_case(test_id: str, case: RuleCase) -> tuple[Ruling, list[str]]:
    """Run one case; return the ruling and what differs from the expectation (empty if it passes)."""
    from . import registry

    test = registry.get(test_id)
    if case.source_facts:
        if test.source_facts is None:
            return None, [f"{test_id} has no source facts"]  # type: ignore[return-value]
        facts = registry.parse_facts(test, {**test.source_facts().model_dump(), **case.facts})
    else:
        facts = registry.parse_facts(test, case.facts)
    ruling = registry.decide(test_id, facts, counterfactuals=False)
    problems = []
    if ruling.outcome != case.expect.outcome:
        problems.append(f"outcome {ruling.outcome.value}, expected {case.expect.outcome.value}")
    if ruling.basis != case.expect.basis:
        problems.append(f"basis {ruling.basis.value}, expected {case.expect.basis.value}")
    for eid, want in case.expect.elements.items():
        try:
            got = ruling.element(eid)
        except KeyError:
            problems.append(f"no element {eid}")
            continue
        if want.status is not None and got.status != want.status:
            problems.append(f"{eid}: status {got.status!r}, expected {want.status!r}")
        if want.basis is not None and got.basis != want.basis:
            problems.append(f"{eid}: basis {got.basis.value}, expected {want.basis.value}")
    return ruling, problems


def run_all(test_ids: list[str] | None = None) -> tuple[int, list[str]]:
    """Every case of every file (or of the named tests): the count run and the failures."""
    count, failures = 0, []
    for path, cf in all_files().items():
        if test_ids and cf.test not in test_ids:
            continue
        for case in cf.cases:
            count += 1
            try:
                _, problems = run_case(cf.test, case)
            except Exception as e:  # noqa: BLE001 - a broken case is reported, not raised
                problems = [f"{type(e).__name__}: {e}"]
            for p in problems:
                failures.append(f"{_rel(path)}: {case.name}: {p}")
    return count, failures
