"""Every legal test in the course, by id: court, citation, issue, and its facts' schema.

A test module registers a function with :func:`legal_test`::

    @legal_test(id="joinder.ndill_2013", court="N.D. Ill.", citation="...", issue="joinder",
                facts=SameTimeJoinderFacts, is_holding=True)
    def ndill_same_swarm_same_time(facts: SameTimeJoinderFacts) -> Ruling: ...

:func:`decide` validates raw facts (a dict from JSON or a widget) and runs the test;
:func:`counterfactuals` searches single-fact changes that flip the outcome.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import ValidationError

from .ruling import Facts, Ruling

#: Modules that hold legal tests; importing them fills the registry.
TEST_MODULES = (
    "course.joinder",
    "course.discovery",
    "course.jurisdiction",
    "course.quash",
    "course.anonymity",
    "course.subscriber",
    "course.motion",
)


@dataclass(frozen=True)
class LegalTest:
    id: str
    court: str
    citation: str
    issue: str
    title: str
    facts: type[Facts]
    fn: Callable[[Facts], Ruling]
    is_holding: bool
    source_facts: Callable[[], Facts] | None  # the source's own facts, for tests and lessons

    def schema(self) -> dict[str, Any]:
        return self.facts.model_json_schema()

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "court": self.court,
            "citation": self.citation,
            "issue": self.issue,
            "is_holding": self.is_holding,
            "facts_schema": self.schema(),
        }


_REGISTRY: dict[str, LegalTest] = {}


def legal_test(*, id: str, court: str, citation: str, issue: str, title: str, facts: type[Facts],
               is_holding: bool = True, source_facts: Callable[[], Facts] | None = None):
    def wrap(fn: Callable[[Facts], Ruling]) -> Callable[[Facts], Ruling]:
        if id in _REGISTRY and _REGISTRY[id].fn is not fn:
            raise ValueError(f"legal test id {id!r} registered twice")
        _REGISTRY[id] = LegalTest(id, court, citation, issue, title, facts, fn, is_holding, source_facts)
        return fn

    return wrap


def load_all() -> dict[str, LegalTest]:
    for name in TEST_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
    return dict(_REGISTRY)


def get(test_id: str) -> LegalTest:
    tests = load_all()
    if test_id not in tests:
        raise KeyError(f"unknown test {test_id!r}; run 'course decide --list' to see the tests")
    return tests[test_id]


class BadFacts(ValueError):
    """Facts that do not fit a test's schema. The message names the field."""


def parse_facts(test: LegalTest, raw: dict[str, Any] | Facts) -> Facts:
    if isinstance(raw, test.facts):
        return raw
    if isinstance(raw, Facts):
        raw = raw.model_dump()
    if not isinstance(raw, dict):
        raise BadFacts(f"facts for {test.id} must be a JSON object, not {type(raw).__name__}")
    try:
        return test.facts.model_validate(raw)
    except ValidationError as e:
        lines = []
        for err in e.errors():
            field = ".".join(str(p) for p in err["loc"]) or "(facts)"
            lines.append(f"field '{field}': {err['msg']}")
        raise BadFacts(f"bad facts for {test.id}: " + "; ".join(lines)) from None


def decide(test_id: str, raw: dict[str, Any] | Facts, *, counterfactuals: bool = True) -> Ruling:
    """Validate ``raw`` against the test's facts, run the test, and add counterfactuals."""
    from . import counterfactual

    test = get(test_id)
    facts = parse_facts(test, raw)
    ruling = test.fn(facts)
    if counterfactuals:
        # a test's own combined changes first, then every single-fact flip the search finds
        own = ruling.counterfactuals
        seen = {(c.fact, repr(c.to_value), repr(sorted(c.also.items()))) for c in own}
        found = tuple(c for c in counterfactual.find(facts, test.fn)
                      if (c.fact, repr(c.to_value), "[]") not in seen)
        ruling = ruling.model_copy(update={"counterfactuals": own + found})
    return ruling
