"""Every legal test in the course, by id, with its court and citation from ``data/cases.yaml``.

A test module registers a function with :func:`legal_test`::

    @legal_test(id="joinder.ndill_2013", case="malibu_media_ndill_2013", pinpoint="Discussion, Part I",
                issue="joinder", title="...", facts=SameTimeJoinderFacts, source_facts=ndill_source_facts)
    def ndill_same_swarm_same_time(facts: SameTimeJoinderFacts) -> Ruling: ...

Court, judge and citation are data: they come from the case record ``case`` names (and, for a
test a source only describes, from the record of the source that describes it, ``described_in``).
Every call of a registered function goes through :func:`finalize`, which fills them in and derives
the ruling's basis: a court's own test on that court's own facts is its holding; on any other
facts the course is applying the court's stated rule; a described test stays described; a
motion only argues. :func:`decide` validates raw facts (a dict from JSON or a widget) and runs
the test; :func:`counterfactuals` searches single-fact changes that flip the outcome.
"""
from __future__ import annotations

import functools
import importlib
import math
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import ValidationError

from .records import CASES, Case, CaseKind
from .ruling import Basis, Facts, Outcome, Ruling

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
    case: str  # id of the case record whose test this is (data/cases.yaml)
    pinpoint: str  # where in that decision the test is
    issue: str
    title: str
    facts: type[Facts]
    fn: Callable[[Facts], Ruling]
    source_facts: Callable[[], Facts] | None  # the deciding court's own facts (as described, for a described test)
    described_in: str | None = None  # the source's case record, for a test a source only describes
    described_at: str | None = None  # the pinpoint in that source
    never: tuple[Outcome, ...] = ()  # outcomes the rule cannot give: a bar's favourable outcome
    short: str | None = None  # what distinguishes it from the same decision's other tests, e.g. 'Rule 21' 

    @property
    def record(self) -> Case:
        return CASES()[self.case]

    @property
    def kind(self) -> Basis:
        """``described`` (another court's test as a source describes it), ``argued`` (a motion) or
        ``applied`` (a deciding court's own test)."""
        if self.described_in:
            return Basis.described
        if self.record.kind == CaseKind.motion:
            return Basis.argued
        return Basis.applied

    @property
    def court(self) -> str:
        label = self.record.court_label or self.record.court
        if self.described_in:
            return f"{label}, as {CASES()[self.described_in].court_label} describes it"
        return label

    @property
    def label(self) -> str:
        """A short name for a side-by-side view: 'Malibu Media v. Does (N.D. Ill. 2013)',
        'Voltage Pictures v. Does 1-31 (S.D. Ga. 2013), as N.D. Ill. describes it'."""
        name = self.record.short_name + (f": {self.short}" if self.short else "")
        if self.described_in:
            return f"{name}, as {CASES()[self.described_in].court_label.split(' (')[0]} describes it"
        return name

    @property
    def citation(self) -> str:
        own = f"{self.record.cite}, {self.pinpoint}"
        if self.described_in:
            src = CASES()[self.described_in]
            return f"{own}, as described in {src.cite}, {self.described_at}"
        return own

    @property
    def is_holding(self) -> bool:
        """Whether this test can give a holding at all (on its court's own facts only)."""
        return self.kind == Basis.applied

    def schema(self) -> dict[str, Any]:
        return self.facts.model_json_schema()

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "label": self.label,
            "court": self.court,
            "citation": self.citation,
            "case": self.case,
            "issue": self.issue,
            "kind": self.kind.value,
            "never": [o.value for o in self.never],
            "facts_schema": self.schema(),
        }


_REGISTRY: dict[str, LegalTest] = {}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def _on_source_facts(test: LegalTest, facts: Facts) -> bool:
    """Whether ``facts`` are the deciding court's own (figures equal to the court's to within rounding:
    399.8 hours typed in is Doe 29 to Doe 38's gap)."""
    if test.source_facts is None:
        return False
    own, given = test.source_facts().model_dump(), facts.model_dump()
    # a course assumption is not a fact of the case: changing it does not make the facts another case's
    # (the outcome still says when it rests on the assumption)
    facts_only = [k for k, field in test.facts.model_fields.items()
                  if not (isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get("assumption"))]
    return own.keys() == given.keys() and all(_same(own[k], given[k]) for k in facts_only)


def finalize(test: LegalTest, facts: Facts, ruling: Ruling) -> Ruling:
    """Fill in court and citation from data and derive every basis.

    - A described test: every element and the outcome are ``described``.
    - A motion: every element and the outcome are ``argued``.
    - A court's own test on its own facts: elements the rule ``applied`` are ``held`` (or ``not
      reached`` where the rule leaves them open), and so is the outcome unless it rests only on an
      assumption.
    - On any other facts: ``applied``, or ``assumed`` where the outcome rests on an assumption.
    """
    on_source = _on_source_facts(test, facts)
    kind = test.kind
    reasons = list(ruling.reasons)
    if kind in (Basis.described, Basis.argued):
        reasons = [r.model_copy(update={"basis": kind}) if r.basis in (Basis.applied, Basis.held) else r
                   for r in reasons]
        basis, assumptions = kind, {}
    else:
        if on_source:
            # on its own facts, what the court's rule decides the court held; what it leaves open the
            # court did not reach
            reasons = [r.model_copy(update={"basis": Basis.held if r.met is not None else Basis.not_reached})
                       if r.basis == Basis.applied else r for r in reasons]
        # An outcome rests on an assumption when every element that fails it is assumed, or, when
        # every element is met, when any of them is. An open outcome rests on what is open.
        decisive = [r for r in reasons if r.decisive]
        failing = [r for r in decisive if r.met is False]
        if failing:
            resting = failing if all(r.basis == Basis.assumed for r in failing) else []
        elif decisive and all(r.met is True for r in decisive):
            resting = [r for r in decisive if r.basis == Basis.assumed]
        else:
            resting = []
        assumptions: dict[str, Any] = {}
        for r in resting:
            assumptions.update(r.assumptions)
        basis = Basis.assumed if resting else (Basis.held if on_source else Basis.applied)
    return ruling.model_copy(update={
        "court": test.court,
        "citation": test.citation,
        "reasons": tuple(reasons),
        "basis": basis,
        "assumptions": assumptions,
        "on_source_facts": on_source,
    })


def legal_test(*, id: str, case: str, pinpoint: str, issue: str, title: str, facts: type[Facts],
               source_facts: Callable[[], Facts] | None = None, described_in: str | None = None,
               described_at: str | None = None, never: tuple[Outcome, ...] = (), short: str | None = None):
    """Register a rule function. The function returned is the one every caller uses: each call
    is finalized (court and citation from data, basis derived).

    ``never``: the outcomes this rule cannot give, e.g. ``(Outcome.joinder_proper,)`` for a rule the
    court stated only as a bar, or ``(Outcome.quash_granted,)`` where it could only deny. The
    fidelity walk (tests/test_fidelity.py) fails if the rule ever gives one.
    """

    def wrap(fn: Callable[[Facts], Ruling]) -> Callable[[Facts], Ruling]:
        if id in _REGISTRY:
            raise ValueError(f"legal test id {id!r} registered twice")

        @functools.wraps(fn)
        def run(f: Facts) -> Ruling:
            return finalize(_REGISTRY[id], f, fn(f))

        _REGISTRY[id] = LegalTest(id=id, case=case, pinpoint=pinpoint, issue=issue, title=title, facts=facts,
                                  fn=run, source_facts=source_facts, described_in=described_in,
                                  described_at=described_at, never=tuple(never), short=short)
        return run

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
