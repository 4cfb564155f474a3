"""The split of authority as a tool: one case's facts under every approach the sources describe.

An *approach* is data (``data/approaches.yaml``): a camp a source describes, the courts that source
places in it and how (held, described, cited in support, cited as contrary authority), the quotes
that say so, the stages at which the sources show it applied, and the registered legal test
(:mod:`course.registry`) that embodies it. This module holds no law: it validates the data, turns
one set of case facts into each test's facts (joinder through :func:`course.scenarios.joinder_facts`,
the same path ``course exhibit`` takes), runs each test with :func:`course.registry.decide`, and
reports each approach's result with its basis, sources, what is missing and what would change it.

Fidelity:

* every approach is labelled "as <source court> describes it"; its result carries the ruling's basis,
  so a result is ``held`` only when a court's own test meets that court's own facts;
* an approach the source names without describing a test (``test: null``) gives ``undetermined``;
* a bar (N.D. Cal., N.D. Ill., Voltage as described) never gives ``joinder_proper``: the tests say so
  (``never=``), and this module reports what is missing rather than inventing a grant.

``course approaches FACTS.json`` prints :func:`evaluate` as JSON; the schemas of its input and output
are shipped as ``data/approaches.facts.schema.json`` and ``data/approaches.output.schema.json``.
"""
from __future__ import annotations

import functools
import json
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import registry, scenarios
from .joinder import DEFAULT_SESSION_HOURS
from .records import CASES, DATA_DIR, DataError, _read_yaml, _rel, quote
from .ruling import BASIS_LABELS, BASIS_MEANINGS, OUTCOME_LABELS, UNDECIDED, Basis, Facts, Outcome, Ruling, heading

APPROACHES_FILE = DATA_DIR / "approaches.yaml"
FACTS_SCHEMA_FILE = DATA_DIR / "approaches.facts.schema.json"
OUTPUT_SCHEMA_FILE = DATA_DIR / "approaches.output.schema.json"
CASES_DIR = DATA_DIR / "approach_cases"

ISSUES = ("joinder", "early_discovery", "subscriber")
ISSUE_LABELS = {"joinder": "Joinder of the Does", "early_discovery": "Early discovery (good cause)",
                "subscriber": "Is the subscriber plausibly the infringer?"}


#: Between an element and its explanation in ``missing`` and ``open``.
SEP = " \u2014 "
NOT_RUN_LABEL = "not run: no facts given for this issue"
NOT_RUN_OUTCOME_LABEL = "Not run"

#: Whether the sources show an approach at the case's stage, in words.
STAGE_STATUS_LABELS = {"shown": "shown at this stage", "other_stage": "shown only at another stage",
                       "not_described": "the source does not say at what stage"}


class Stage(str, Enum):
    """The procedural stage of the case."""

    early_discovery = "early_discovery"  # on the application for leave to subpoena the ISPs
    after_motion_to_quash = "after_motion_to_quash"  # discovery allowed; motions to sever or quash filed
    merits = "merits"  # default judgment or a motion to dismiss


STAGE_LABELS = {
    Stage.early_discovery: "early discovery (the application to subpoena the ISPs)",
    Stage.after_motion_to_quash: "after discovery was allowed (motions to sever or quash)",
    Stage.merits: "the merits (default judgment or a motion to dismiss)",
}


# --- the data ---------------------------------------------------------------------------------------

Placement = Literal["held", "described", "cited_in_support", "cited_contrary"]

PLACEMENT_LABELS = {
    "held": "the source court's own decision",
    "described": "described by the source",
    "cited_in_support": "cited in support, not described",
    "cited_contrary": "cited as contrary authority, not described",
}


class Court(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=3)
    court: str = Field(min_length=2)
    case: str | None = None  # record in data/cases.yaml, where the course has one
    placement: Placement
    says: str = Field(min_length=10)
    quotes: tuple[str, ...] = Field(min_length=1)


class HeldOn(BaseModel):
    """The source court's own case: the stage it decided at and, where its facts turn on them, the
    number of Does and the exhibit (an example exhibit's name). A result is ``held`` only there."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stage: Stage
    does_count: int | None = None
    exhibit: str | None = None


class Approach(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    issue: Literal["joinder", "early_discovery", "subscriber"]
    title: str = Field(min_length=10)
    source: str
    test: str | None
    stages: tuple[Stage, ...] = ()
    requires: str = Field(min_length=10)
    courts: tuple[Court, ...] = Field(min_length=1)
    quotes: tuple[str, ...] = Field(min_length=1)
    held_on: HeldOn | None = None

    @property
    def source_court(self) -> str:
        """'N.D. Cal.' from the source's record: the one spelling of who describes the approach."""
        rec = CASES()[self.source]
        label = rec.court_label or rec.court
        return label.split(" (")[0]

    @property
    def described_by(self) -> str:
        """'as N.D. Cal. describes it'."""
        return f"as {self.source_court} describes it"

    @property
    def basis(self) -> Basis:
        """``applied`` when the approach is the source court's own rule (the course applies it to new
        facts); ``described`` when it is another court's test or a camp the source only describes."""
        if self.test is None or registry.get(self.test).kind != Basis.applied:
            return Basis.described
        return Basis.applied


def _fail(path: Path, where: str, field: str, msg: str) -> DataError:
    return DataError(f"{_rel(path)}: {where}: field '{field}': {msg}")


def load(path: Path | None = None) -> dict[str, Approach]:
    """The approaches, validated: every quote, case record and test they name must exist."""
    path = path or APPROACHES_FILE
    doc = _read_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("approaches"), list):
        raise DataError(f"{_rel(path)}: expected a mapping with a list under 'approaches'")
    tests = registry.load_all()
    cases = CASES()
    out: dict[str, Approach] = {}
    for i, item in enumerate(doc["approaches"], start=1):
        name = item.get("id") if isinstance(item, dict) else None
        where = f"record {name!r} (item {i})" if name else f"item {i}"
        try:
            a = Approach.model_validate(item)
        except ValidationError as e:
            first = e.errors()[0]
            raise _fail(path, where, ".".join(str(p) for p in first["loc"]) or "(record)", first["msg"]) from None
        if a.id in out:
            raise _fail(path, where, "id", "duplicate")
        if not a.id.startswith(a.issue + "."):
            raise _fail(path, where, "id", f"must start with its issue, {a.issue!r}")
        if a.source not in cases:
            raise _fail(path, where, "source", f"unknown case record {a.source!r}")
        if a.test is not None and a.test not in tests:
            raise _fail(path, where, "test", f"unknown legal test {a.test!r}")
        for qid in a.quotes + tuple(q for c in a.courts for q in c.quotes):
            try:
                quote(qid)
            except KeyError:
                raise _fail(path, where, "quotes", f"unknown quote id {qid!r}") from None
        for c in a.courts:
            if c.case is not None and c.case not in cases:
                raise _fail(path, where, f"courts.{c.id}.case", f"unknown case record {c.case!r}")
        out[a.id] = a
    return out


@functools.lru_cache(maxsize=1)
def APPROACHES() -> dict[str, Approach]:  # noqa: N802 - a cached constant
    return load()


def courts() -> dict[str, list[tuple[str, Court]]]:
    """Every court the approaches name, by id: each approach that places it, with how (a court may sit
    in two camps, placed differently in each)."""
    out: dict[str, list[tuple[str, Court]]] = {}
    for a in APPROACHES().values():
        for c in a.courts:
            out.setdefault(c.id, []).append((a.id, c))
    return out


def court_name(court_id: str) -> str:
    """'TCYK, LLC v. Does 1-87 (N.D. Ill. 2013 (Tharp, J.))': the court's first placement's name."""
    c = courts()[court_id][0][1]
    return f"{c.name} ({c.court})"


# --- the case facts (the input) -----------------------------------------------------------------------

class Alleges(Facts):
    """What the complaint alleges about the Does, beyond who was seen when."""

    same_hash: bool = Field(False, description="each Doe copied a piece of the work with the same hash (info hash)")
    same_swarm: bool = Field(False, description="the Does were in the same swarm")
    same_time: bool = Field(False, description="the Does were in the swarm at roughly the same time")
    exchange_between_does: bool = Field(
        False, description="the Does exchanged pieces of the work directly with one another")


class CaseFacts(Facts):
    """A new case's facts, entered once. Give either an exhibit or ``does_count`` (and, if known,
    ``span_hours``: without timing, the tests that turn on it are not run)."""

    does_count: int | None = Field(None, ge=1, le=100_000,
                                   description="number of Doe defendants (with one, joinder does not arise)")
    span_hours: float | None = Field(
        None, ge=0, le=24 * 3650, description="hours from the first to the last Doe's observation")
    closest_gap_hours: float | None = Field(
        None, ge=0, le=24 * 3650, description="hours between the two Does observed closest together")
    exhibit: str | None = Field(
        None, description="an Exhibit A (CSV or XLSX), as a path relative to the facts file, or the name of an "
                          "example exhibit; its rows give the number of Does and the timing")
    alleges: Alleges = Field(default_factory=Alleges, description="what the complaint alleges")
    stage: Stage = Field(description="the procedural stage at which the question is raised")
    follows: str | None = Field(
        None, description="the id of a court the sources name, if your court follows its approach "
                          "(see 'course approaches --courts')")
    session_hours: float = Field(
        DEFAULT_SESSION_HOURS, ge=0.1, le=24 * 30,
        description="hours a Doe is assumed to stay in the swarm (a course assumption, not a finding)")
    pro_se_does_expected: bool = Field(True, description="some Does will appear pro se and not e-file")
    distinct_defenses_likely: bool = Field(True, description="the Does will have different defenses")
    filing_fees_main_efficiency: bool | None = Field(
        None, description="joinder's main efficiency is the plaintiff's saving on filing fees (not given: the "
                          "course assumes it, as N.D. Ill. found in No. 12 cv 6675, and labels the result assumed)")
    facts_for: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="facts for the early-discovery and subscriber tests, by test id, in each test's own terms "
                    "(see 'course decide --list'); an issue without them is reported as not run")

    @model_validator(mode="after")
    def _timing(self) -> "CaseFacts":
        if self.exhibit is None:
            if self.does_count is None:
                raise ValueError("field 'does_count': required (or give an exhibit)")
        if self.closest_gap_hours is not None and self.span_hours is not None \
                and self.closest_gap_hours > self.span_hours:
            raise ValueError("field 'closest_gap_hours': cannot exceed span_hours")
        return self


class BadCase(ValueError):
    """Case facts that cannot be used. The message names the field."""


def parse_case(raw: Any) -> CaseFacts:
    if isinstance(raw, CaseFacts):
        return raw
    if not isinstance(raw, dict):
        raise BadCase(f"the facts must be a JSON object, not {type(raw).__name__}")
    try:
        return CaseFacts.model_validate(raw)
    except ValidationError as e:
        parts = []
        for err in e.errors():
            field = ".".join(str(p) for p in err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            parts.append(f"field '{field}': {msg}" if field else msg)
        raise BadCase("; ".join(parts)) from None


# --- the results (the output) --------------------------------------------------------------------------

class SourceQuote(BaseModel):
    id: str
    text: str
    cite: str  # 'Malibu Media v. Does (N.D. Ill. 2013), Discussion, Part I (joinder)'


class CourtOut(BaseModel):
    id: str
    name: str
    court: str
    placement: Placement
    placement_label: str
    says: str


class ApproachResult(BaseModel):
    approach: str
    issue: str
    title: str
    described_by: str  # 'as N.D. Ill. describes it'
    approach_basis: Basis  # applied: the source court's own rule; described: a test or camp the source describes
    test: str | None
    ran: bool  # False: no test, or no facts for it
    outcome: Outcome
    label: str
    basis: Basis | None  # None: not run (no test, or no facts for it)
    basis_label: str
    is_holding: bool
    heading: str
    stage: Stage
    stage_described: bool  # the sources show the approach applied at this stage
    stage_status: Literal["shown", "other_stage", "not_described"]
    stage_status_label: str
    stage_note: str
    summary: str
    missing: list[str]  # decisive elements not met: what the plaintiff lacks under this approach
    open: list[str]  # decisive elements the sources leave open on these facts
    would_change: list[str]
    requires: str
    courts: list[CourtOut]
    sources: list[SourceQuote]
    followed: bool  # the court named in 'follows' is placed in this approach
    ruling: dict[str, Any] | None  # the registered test's ruling as JSON (course decide's output)


class Followed(BaseModel):
    court: str
    name: str
    approaches: list[str]
    note: str


class Report(BaseModel):
    stage: Stage
    does_count: int
    span_hours: float
    assumptions: dict[str, Any]
    followed: Followed | None
    results: list[ApproachResult]
    notes: list[str]


def _cite(qid: str) -> SourceQuote:
    from .records import short_name

    q = quote(qid)
    return SourceQuote(id=q.id, text=q.text, cite=f"{short_name(q.seed)}, {q.pinpoint}")


def _stage_note(a: Approach, stage: Stage) -> tuple[bool, str]:
    if not a.stages:
        return False, ("The source does not say at what stage this approach was applied. " + UNDECIDED
                       if a.test else "The source does not describe this approach's test.")
    if stage in a.stages:
        return True, f"The sources show this approach applied at this stage: {STAGE_LABELS[stage]}."
    shown = "; ".join(STAGE_LABELS[s] for s in a.stages)
    return False, (f"The sources show this approach applied only at {shown}, not at {STAGE_LABELS[stage]}; "
                   "the result is the course applying the rule at another stage.")


def _joinder_scenario(case: CaseFacts, base: Path | None, exhibit_load=None) -> scenarios.JoinderScenario:
    """The one path from case facts (or an exhibit) to the joinder tests' facts, shared with
    ``course exhibit`` (:func:`course.exhibit_facts.joinder_scenario`)."""
    from . import exhibit_facts as ef
    from . import swarm

    allegations = ef.Allegations(
        same_hash_alleged=True if case.alleges.same_hash else None, same_swarm_alleged=case.alleges.same_swarm,
        same_time_alleged=case.alleges.same_time, direct_exchange_alleged=case.alleges.exchange_between_does,
        pro_se_does_expected=case.pro_se_does_expected, distinct_defenses_likely=case.distinct_defenses_likely,
        early_discovery_stage=case.stage == Stage.early_discovery)
    if exhibit_load is None and case.exhibit is not None:
        exhibit_load = load_exhibit(case.exhibit, base)
    if exhibit_load is not None:
        s = ef.joinder_scenario(exhibit_load, swarm.SwarmAssumptions(session_hours=case.session_hours), allegations)
        if case.does_count is not None and case.does_count != s.does_count:
            raise BadCase(f"field 'does_count': {case.does_count} given, but the exhibit has {s.does_count} Does")
        return s
    # without timing (span_hours not given) the span is a placeholder: the tests that turn on timing
    # (TIMING_TESTS) are not run, and no other joinder test reads it
    return ef.scenario_from_numbers(case.does_count, case.span_hours or 0.0, case.closest_gap_hours, allegations,
                                    session_hours=case.session_hours)


#: The joinder tests that turn on when the Does were seen: not run when the case gives no timing.
TIMING_TESTS = ("joinder.ndill_2013", "joinder.ndcal_2012")
NO_TIMING_NOTE = "No timing given (neither span_hours nor an exhibit): the joinder tests that turn on it are not run."


def _same_exhibit(load, name: str) -> bool:
    """The exhibit's observations are those of the example exhibit ``name`` (the court's own)."""
    from . import exhibit_facts as ef

    if load is None:
        return False
    own = ef.load_example(name).rows
    got = load.rows
    return len(got) == len(own) and sorted(o.observed_at for o in got) == sorted(o.observed_at for o in own)


def _off_court_case(a: Approach, case: CaseFacts, does_count: int, exhibit) -> str | None:
    """Why these facts are not the source court's own case (None where they are): a result is
    ``held`` only at the court's own stage, on its own count of Does and its own exhibit."""
    h = a.held_on
    if h is None:
        return None
    if case.stage != h.stage:
        return (f"the case is at {STAGE_LABELS[case.stage]}, and the court decided at "
                f"{STAGE_LABELS[h.stage]}")
    if h.does_count is not None and does_count != h.does_count:
        return f"the case has {does_count} Does, and the court decided on {h.does_count}"
    if h.exhibit is not None and not _same_exhibit(exhibit, h.exhibit):
        return "the timing is not from the court's own exhibit"
    return None


def not_held(r: Ruling) -> Ruling:
    """The same result, as the course applying the rule: what was ``held`` becomes ``applied``;
    what was not reached stays not reached."""
    reasons = tuple(x.model_copy(update={"basis": Basis.applied}) if x.basis == Basis.held else x for x in r.reasons)
    return r.model_copy(update={"reasons": reasons,
                                "basis": Basis.applied if r.basis == Basis.held else r.basis})


FILING_FEES_ELEMENT = "ndill.rule21.filing_fees"


def _assume_filing_fees(r: Ruling) -> Ruling:
    """The case did not say whether joinder's main efficiency is the filing fees: the course assumed
    it (True, as in No. 12 cv 6675), so that element, and a result resting on it, say so."""
    assumed = {"filing_fees_main_efficiency": True}
    reasons = tuple(x.model_copy(update={"basis": Basis.assumed, "assumptions": assumed})
                    if x.id == FILING_FEES_ELEMENT and x.met is True else x for x in r.reasons)
    decisive = [x for x in reasons if x.decisive]
    rests = (decisive and all(x.met is True for x in decisive)
             and any(x.id == FILING_FEES_ELEMENT and x.basis == Basis.assumed for x in decisive))
    update: dict[str, Any] = {"reasons": reasons}
    if rests:
        update.update(basis=Basis.assumed, assumptions={**r.assumptions, **assumed})
    return r.model_copy(update=update)


def load_exhibit(name: str, base: Path | None = None):
    """An exhibit by example name or by path (relative to ``base``, the facts file's folder)."""
    from . import exhibit_facts as ef
    from .exhibit import ExhibitError, read_exhibit

    if name in ef.EXAMPLES:
        return ef.load_example(name)
    path = Path(name)
    if not path.is_absolute() and base is not None:
        path = base / path
    if not path.exists():
        raise BadCase(f"field 'exhibit': no such file or example exhibit: {name}")
    try:
        return read_exhibit(path)
    except ExhibitError as e:
        raise BadCase(f"field 'exhibit': {e}") from None


def _elements(r: Ruling) -> tuple[list[str], list[str]]:
    missing = [f"{x.element}{SEP}{x.explanation}" for x in r.reasons if x.decisive and x.met is False]
    open_ = [f"{x.element}{SEP}{x.explanation}" for x in r.reasons if x.decisive and x.met is None]
    return missing, open_


def _result(a: Approach, case: CaseFacts, facts: Facts | dict | None, follows: str | None,
            why: str | None = None, off_case: str | None = None) -> ApproachResult:
    described, note = _stage_note(a, case.stage)
    common = dict(
        approach=a.id, issue=a.issue, title=a.title, described_by=a.described_by, approach_basis=a.basis,
        test=a.test, stage=case.stage,
        stage_described=described, stage_note=note, requires=a.requires,
        stage_status=(status := "shown" if described else "other_stage" if a.stages else "not_described"),
        stage_status_label=STAGE_STATUS_LABELS[status],
        courts=[CourtOut(id=c.id, name=c.name, court=c.court, placement=c.placement,
                         placement_label=PLACEMENT_LABELS[c.placement], says=c.says) for c in a.courts],
        sources=[_cite(q) for q in dict.fromkeys(a.quotes + tuple(q for c in a.courts for q in c.quotes))],
        followed=follows is not None and any(c.id == follows for c in a.courts),
    )
    if a.test is None or facts is None:
        if a.test is None:
            why = "The source names this camp but does not describe a test the course could apply."
            basis, basis_label = Basis.described, BASIS_LABELS[Basis.described]
        else:
            why = why or f"Not run: these facts give nothing for {a.test} (add them under facts_for)."
            basis, basis_label = None, NOT_RUN_LABEL
        label = OUTCOME_LABELS[Outcome.undetermined] if basis is not None else NOT_RUN_OUTCOME_LABEL
        return ApproachResult(
            **common, ran=False, outcome=Outcome.undetermined, label=label,
            basis=basis, basis_label=basis_label, is_holding=False,
            heading=f"{a.title}, {a.described_by}", summary=f"{why} {UNDECIDED}", missing=[], open=[],
            would_change=[], ruling=None)
    r = registry.decide(a.test, facts)
    summary = r.summary
    if a.test == "joinder.rule21_discretion" and case.filing_fees_main_efficiency is None:
        r = _assume_filing_fees(r)
        summary += (" The course assumed that joinder's main efficiency is the plaintiff's saving on filing fees "
                    "(filing_fees_main_efficiency not given); N.D. Ill. found it in No. 12 cv 6675.")
    if r.basis == Basis.held and off_case is not None:
        r = not_held(r)
        summary += (f" Not a holding here: the test's facts are the court's own, but {off_case}; this is the "
                    "course applying the rule.")
    if a.test == "joinder.ndill_2013" and not case.alleges.same_time:
        summary += _ndill_no_assertion(r.outcome)
    missing, open_ = _elements(r)
    if a.test == "joinder.ndill_2013" and not case.alleges.same_time and r.outcome == Outcome.undetermined:
        open_ = [f"{x.split(SEP, 1)[0]} (not asserted: the stated bar applies, unless the exhibit's close times count "
                 f"as the allegation, which the court did not decide){SEP}{x.split(SEP, 1)[-1]}"
                 if x.startswith("Same swarm at roughly the same time") else x for x in open_]
    return ApproachResult(
        **common, ran=True, outcome=r.outcome, label=r.label, basis=r.basis, basis_label=BASIS_LABELS[r.basis],
        is_holding=r.is_holding, heading=r.heading, summary=summary, missing=missing, open=open_,
        would_change=[c.explanation for c in r.counterfactuals], ruling=r.to_json())


def _ndill_no_assertion(outcome: Outcome) -> str:
    """N.D. Ill.'s bar where same-time participation is not asserted (seed 002: 'preclude joinder in those
    cases where the plaintiff has failed to assert ...'; 'failed to offer any allegations from which the
    Court could find ...')."""
    if outcome == Outcome.undetermined:
        return (" On the rule as N.D. Ill. stated it, the bar applies: the plaintiff does not assert that the Does "
                "were in the same swarm at roughly the same time. It would not apply only if the exhibit's close "
                "observation times themselves count as 'allegations from which the Court could find' that they "
                "were, which the court did not decide.")
    return (" The plaintiff also does not assert that the Does were in the same swarm at roughly the same time: on "
            "the rule as N.D. Ill. stated it, that alone brings the bar, unless the observation times could count "
            "as the allegation, and times this far apart do not (on the court's seventeen days, or on the course's assumed "
            "stay where the gap is shorter).")


def _no_timing(a: Approach, case: CaseFacts, follows: str | None, off_case: str | None) -> ApproachResult:
    """A timing test on a case that gives no timing. N.D. Ill.'s bar, as stated, still applies where
    same-time participation is not asserted: nothing then is an allegation from which the court could
    find it (the ground it gave for No. 12 cv 6675, for which it reported no timing)."""
    if a.test == "joinder.ndill_2013" and not case.alleges.same_time:
        r = _result(a, case, None, follows, why="")
        element = ("Same swarm at roughly the same time" + SEP + "not asserted, and no timing is given from which "
                   "the court could find it.")
        summary = ("Joinder improper on the rule as N.D. Ill. stated it: it precludes joinder where the plaintiff has "
                   "failed to assert that all the Does were in the same swarm at roughly the same time, and nothing "
                   "here asserts it or gives times from which the court could find it. This is the ground N.D. Ill. "
                   "gave for both of its cases; with no timing, the course states the rule rather than running the "
                   "timing test.")
        return r.model_copy(update=dict(
            outcome=Outcome.joinder_improper, label=OUTCOME_LABELS[Outcome.joinder_improper], basis=Basis.applied,
            basis_label=BASIS_LABELS[Basis.applied], is_holding=False,
            heading=heading(Basis.applied, registry.get(a.test).court),
            summary=summary, missing=[element], open=[]))
    why = ("Not run: no timing given (span_hours or an exhibit), and this test turns on when the Does were seen"
           + (" (N.D. Ill.: seventeen days apart 'strains credulity')." if a.test == "joinder.ndill_2013"
              else " (N.D. Cal. weighed Does seen hours, days or weeks apart)."))
    return _result(a, case, None, follows, why=why)


#: Facts of another issue's test that the case already gives, so they are entered once: the test's
#: field -> where the value comes from. N.D. Cal.'s good-cause factor 3 turns on its own joinder ruling.
SHARED_FIELDS: dict[str, dict[str, str]] = {
    "discovery.semitool_ndcal_2012": {"does_count": "the number of Does",
                                      "joinder_proper": "N.D. Cal.'s joinder result (joinder.concerted_activity)"},
}


def _shared(test_id: str, facts: dict[str, Any], scenario, joinder_results: dict[str, ApproachResult]) -> dict:
    """Fill the fields of ``SHARED_FIELDS`` from the case: the number of Does, and N.D. Cal.'s joinder
    result (False where it finds joinder improper; None, left open, otherwise: it never finds it proper)."""
    if test_id not in SHARED_FIELDS or scenario is None:
        return facts
    ndcal = joinder_results.get("joinder.concerted_activity")
    joinder_proper = False if ndcal is not None and ndcal.outcome == Outcome.joinder_improper else None
    return {**facts, "does_count": scenario.does_count, "joinder_proper": joinder_proper}


def _follow_note(a: Approach, c: Court) -> str:
    where = f"In the camp '{a.title}', {a.described_by}"
    if c.placement == "cited_contrary":
        return (f"{where}, {c.name} is named only as contrary authority, not described: the sources do not "
                f"describe its test, so the course cannot say what it would do. {UNDECIDED}")
    if c.placement == "cited_in_support":
        return (f"{where}, {c.name} is cited for the camp's proposition but not described: the result marked below "
                "is that camp's test as the source states it, not that court's own.")
    return f"{where}, {c.name} is {PLACEMENT_LABELS[c.placement]}: its result is marked below."


def evaluate(raw: Any, *, base: Path | None = None, exhibit_load=None,
             issues: tuple[str, ...] = ISSUES) -> Report:
    """Every approach's result on one case's facts (raw JSON, or :class:`CaseFacts`).

    ``base``: the folder a relative exhibit path is read from. ``exhibit_load``: an already parsed
    exhibit (an upload in the workbench), used instead of ``case.exhibit``.
    """
    if exhibit_load is not None and isinstance(raw, dict) and not raw.get("exhibit"):
        raw = {**raw, "exhibit": exhibit_load.filename or "(uploaded exhibit)"}
    case = parse_case(raw)
    known = courts()
    if case.follows is not None and case.follows not in known:
        raise BadCase(f"field 'follows': no court {case.follows!r} in the approaches; "
                      f"choose one of {', '.join(sorted(known))}")
    for tid in case.facts_for:
        if tid not in {a.test for a in APPROACHES().values() if a.issue != "joinder"}:
            raise BadCase(f"field 'facts_for.{tid}': not an early-discovery or subscriber test of an approach")
    single = case.does_count == 1 and case.exhibit is None and exhibit_load is None
    if not single and exhibit_load is None and case.exhibit is not None:
        exhibit_load = load_exhibit(case.exhibit, base)
    no_timing = not single and exhibit_load is None and case.span_hours is None
    scenario = None if single else _joinder_scenario(case, base, exhibit_load)
    joinder = scenarios.joinder_facts(scenario) if scenario else {}
    if "joinder.rule21_discretion" in joinder:
        update: dict[str, Any] = {}
        if case.filing_fees_main_efficiency is not None:
            update["main_efficiency_is_filing_fees"] = case.filing_fees_main_efficiency
        if no_timing:  # N.D. Ill.'s stated bar: no same-time assertion and no times to find it from
            update["misjoined_under_rule20"] = not case.alleges.same_time
        joinder["joinder.rule21_discretion"] = joinder["joinder.rule21_discretion"].model_copy(update=update)
    does_count = scenario.does_count if scenario else (case.does_count or 1)
    results = []
    for a in APPROACHES().values():
        if a.issue not in issues:
            continue
        off_case = _off_court_case(a, case, does_count, exhibit_load)
        if a.issue == "joinder":
            facts = joinder.get(a.test) if a.test else None
            if single and a.test:
                results.append(_result(a, case, None, case.follows, why="One Doe: joinder does not arise."))
                continue
            if no_timing and a.test in TIMING_TESTS:
                results.append(_no_timing(a, case, case.follows, off_case))
                continue
        else:
            facts = case.facts_for.get(a.test) if a.test else None
            if facts is not None:
                facts = _shared(a.test, dict(facts), scenario, {r.approach: r for r in results})
        try:
            results.append(_result(a, case, facts, case.follows, off_case=off_case))
        except registry.BadFacts as e:
            raise BadCase(f"field 'facts_for.{a.test}': {e}") from None
    followed = None
    if case.follows is not None:
        placements = known[case.follows]
        notes_ = [_follow_note(APPROACHES()[aid], c) for aid, c in placements]
        followed = Followed(court=case.follows, name=placements[0][1].name,
                            approaches=[aid for aid, _ in placements], note=" ".join(notes_))
    notes = [
        "No result here on facts other than a court's own is a holding: it is the course applying (or, for a "
        "test a source describes, describing) that approach.",
        f"Assumed stay in the swarm: {case.session_hours:g} hours (an assumption, not a finding).",
    ] + ([NO_TIMING_NOTE] if no_timing else []) + ([
        "Joinder's main efficiency being the plaintiff's filing fees (Rule 21) is assumed, not given: "
        "filing_fees_main_efficiency = True, as N.D. Ill. found in No. 12 cv 6675."]
        if scenario is not None and case.filing_fees_main_efficiency is None else []) + (scenarios.scenario_notes(scenario) if scenario else []) + [
        f"For {tid}, {field} is taken from {source}, not entered again."
        for tid, fields in SHARED_FIELDS.items() if tid in case.facts_for and scenario is not None
        for field, source in fields.items()]
    return Report(stage=case.stage, does_count=scenario.does_count if scenario else 1,
                  span_hours=scenario.gap_hours if scenario else float(case.span_hours or 0),
                  assumptions={"session_hours": case.session_hours}, followed=followed, results=results, notes=notes)


# --- schemas --------------------------------------------------------------------------------------------

def facts_schema() -> dict[str, Any]:
    s = CaseFacts.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "course approaches: case facts"
    return s


def output_schema() -> dict[str, Any]:
    s = Report.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "course approaches: each approach's result"
    return s


def write_schemas() -> None:
    """Regenerate the shipped schema files (tests check they are current)."""
    FACTS_SCHEMA_FILE.write_text(json.dumps(facts_schema(), indent=2) + "\n", encoding="utf-8")
    OUTPUT_SCHEMA_FILE.write_text(json.dumps(output_schema(), indent=2) + "\n", encoding="utf-8")


# --- text, for a terminal and for screen readers ----------------------------------------------------------

def text_table(report: Report) -> str:
    """The report as plain text: one line an approach, then what is missing or left open."""
    from .ruling import fmt_assumptions

    timing = (", no timing given" if NO_TIMING_NOTE in report.notes
              else f" over {report.span_hours:,.1f} hours")
    lines = [f"Stage: {STAGE_LABELS[report.stage]}. {report.does_count} Does{timing}."]
    if report.followed:
        lines.append(f"Your court follows: {report.followed.name}. {report.followed.note}")
    for r in report.results:
        mark = " [your court's approach]" if r.followed else ""
        head = f"- {r.title} ({r.described_by}){mark}"
        if not r.ran and r.basis is None:
            lines.append(f"{head}: not run (no timing given)" if r.summary.startswith("Not run: no timing")
                         else f"{head}: not run (no facts given for this issue)")
            continue
        basis = r.basis_label
        if r.basis == Basis.assumed and r.ruling and r.ruling.get("assumptions"):
            basis += f": {fmt_assumptions(r.ruling['assumptions'])}"
        lines.append(f"{head}: {r.label} [{basis}]")
        for m in r.missing:
            lines.append(f"    missing: {m}")
        for m in r.open:
            lines.append(f"    left open: {m.split(SEP, 1)[0]}")
    return "\n".join(lines)


def basis_meaning(b: Basis) -> str:
    return BASIS_MEANINGS[b]


# --- reviewable cases: data/approach_cases/*.yaml ------------------------------------------------------

class Expect(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    outcome: Outcome
    basis: Basis | None
    stage_described: bool | None = None
    followed: bool | None = None
    missing: int | None = None  # how many decisive elements are missing


class ApproachCase(BaseModel):
    """One case a lawyer can review: facts once, and what each approach must give."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=3)
    why: str = Field(min_length=10)
    preset: bool = False  # offered as a starting point in the workbench
    facts: dict[str, Any]
    source_facts_for: tuple[str, ...] = ()  # fill facts_for with these tests' own source facts
    expect: dict[str, Expect] = Field(min_length=1)

    def case_facts(self) -> dict[str, Any]:
        raw = dict(self.facts)
        if self.source_facts_for:
            facts_for = dict(raw.get("facts_for", {}))
            for tid in self.source_facts_for:
                facts_for[tid] = registry.get(tid).source_facts().model_dump(mode="json")
            raw["facts_for"] = facts_for
        return raw


def load_cases(folder: Path | None = None) -> dict[Path, list[ApproachCase]]:
    folder = folder or CASES_DIR
    out: dict[Path, list[ApproachCase]] = {}
    for path in sorted(folder.glob("*.yaml")):
        doc = _read_yaml(path)
        if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
            raise DataError(f"{_rel(path)}: expected a mapping with a list under 'cases'")
        cases = []
        for i, item in enumerate(doc["cases"], start=1):
            name = item.get("name") if isinstance(item, dict) else None
            where = f"case {name!r}" if name else f"case {i}"
            try:
                c = ApproachCase.model_validate(item)
            except ValidationError as e:
                first = e.errors()[0]
                raise _fail(path, where, ".".join(str(p) for p in first["loc"]) or "(case)", first["msg"]) from None
            for aid in c.expect:
                if aid not in APPROACHES():
                    raise _fail(path, where, f"expect.{aid}", "unknown approach")
            cases.append(c)
        out[path] = cases
    return out


def presets(*, every: bool = False) -> dict[str, dict[str, Any]]:
    """The workbench's starting points (or, with ``every``, every reviewable case): name -> case facts."""
    return {c.name: c.case_facts() for cases in load_cases().values() for c in cases if every or c.preset}


def check_case(case: ApproachCase) -> list[str]:
    """What differs from the case's expectations (empty if it passes)."""
    report = evaluate(case.case_facts(), base=CASES_DIR)
    got = {r.approach: r for r in report.results}
    problems = []
    for aid, want in case.expect.items():
        r = got[aid]
        if r.outcome != want.outcome:
            problems.append(f"{aid}: outcome {r.outcome.value}, expected {want.outcome.value}")
        if r.basis != want.basis:
            problems.append(f"{aid}: basis {r.basis and r.basis.value}, expected {want.basis and want.basis.value}")
        if want.stage_described is not None and r.stage_described != want.stage_described:
            problems.append(f"{aid}: stage_described {r.stage_described}, expected {want.stage_described}")
        if want.followed is not None and r.followed != want.followed:
            problems.append(f"{aid}: followed {r.followed}, expected {want.followed}")
        if want.missing is not None and len(r.missing) != want.missing:
            problems.append(f"{aid}: {len(r.missing)} missing elements, expected {want.missing}")
    return problems


# --- exercises: which camp does a source place a court in? (keys from the data) --------------------------

#: The courts the camp questions ask about (data/exercises/approaches.yaml); the keys come from the data.
CAMP_QUESTION_COURTS = ("tcyk_ndill_2013", "diabolic_video_ndcal_2011", "malibu_media_v_reynolds_ndill_2013",
                        "call_of_the_wild_ddc_2011", "voltage_pictures_sdga_2013", "pacific_century_1_101_ndcal_2011")


def camp_question(court_id: str) -> dict[str, Any]:
    """In which joinder camp(s) does the source place this court? Single choice where it sits in one
    camp, multiple choice (tick every camp) where it sits in more. The correct options and every
    feedback line are derived from data/approaches.yaml."""
    placements = courts()[court_id]
    joinder = [a for a in APPROACHES().values() if a.issue == "joinder"]
    placed_ids = {aid for aid, _ in placements}
    placed = [a for a in joinder if a.id in placed_ids]
    if not placed:
        raise ValueError(f"{court_id} is placed in no joinder camp; a camp question needs one")
    by_camp = {aid: c for aid, c in placements}
    court = by_camp[placed[0].id]
    options = []
    for a in joinder:
        described = "A" + a.described_by[1:]
        if a.id in placed_ids:
            c = by_camp[a.id]
            feedback = f"Yes. {described}, {c.name} is {PLACEMENT_LABELS[c.placement]}. {c.says}"
        else:
            names = "; ".join(c.name for c in a.courts)
            feedback = f"Not where the sources place it. {described}, this camp holds: {names}."
        options.append({"text": f"{a.title} ({a.described_by})", "correct": a.id in placed_ids, "feedback": feedback})
    many = len(placed) > 1
    explanation = " ".join(
        f"A{a.described_by[1:]}, {by_camp[a.id].name} is {PLACEMENT_LABELS[by_camp[a.id].placement]} in "
        f"'{a.title}'. {by_camp[a.id].says}" for a in placed)
    return {
        "id": f"approaches.camp_{court_id}",
        "type": "multiple_choice" if many else "single_choice",
        "prompt": (f"In which joinder camps do the sources place {court.name}, {court.court}? Tick every one."
                   if many else f"In which joinder camp do the sources place {court.name}, {court.court}?"),
        "options": options,
        "explanation": f"{explanation} Place a court only as far as the source that reports it goes.",
        "quotes": list(dict.fromkeys(q for a in placed for q in by_camp[a.id].quotes)),
    }


def camp_questions() -> list[dict[str, Any]]:
    return [camp_question(c) for c in CAMP_QUESTION_COURTS]


EXERCISES_FILE = DATA_DIR / "exercises" / "approaches.yaml"
EXERCISES_HEADER = """\
# Exercises for lesson 7 (the split as a tool). The camp_* questions are GENERATED from
# data/approaches.yaml by course.approaches.camp_questions(); after changing the approaches, run
# `python -c "from course import approaches; approaches.write_camp_questions()"` (tests/test_approaches.py
# checks they are current): which camp a source places a court in, with the key and feedback taken from
# the data. The apply_* questions are keyed by the engine: the exercise view runs the named test on the facts.
"""


def write_camp_questions() -> None:
    """Regenerate the camp questions in data/exercises/approaches.yaml, keeping the other questions."""
    import yaml

    doc = _read_yaml(EXERCISES_FILE)
    others = [q for q in doc["questions"] if not q["id"].startswith("approaches.camp_")]
    doc["questions"] = camp_questions() + others
    EXERCISES_FILE.write_text(EXERCISES_HEADER + yaml.safe_dump(doc, sort_keys=False, width=110, allow_unicode=True),
                              encoding="utf-8")
