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
from .ruling import BASIS_LABELS, BASIS_MEANINGS, OUTCOME_LABELS, UNDECIDED, Basis, Facts, Outcome, Ruling

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
    """A new case's facts, entered once. Give either an exhibit or ``does_count`` and ``span_hours``."""

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
    facts_for: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="facts for the early-discovery and subscriber tests, by test id, in each test's own terms "
                    "(see 'course decide --list'); an issue without them is reported as not run")

    @model_validator(mode="after")
    def _timing(self) -> "CaseFacts":
        if self.exhibit is None:
            if self.does_count is None:
                raise ValueError("field 'does_count': required (or give an exhibit)")
            if self.span_hours is None:
                raise ValueError("field 'span_hours': required (or give an exhibit)")
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
    return ef.scenario_from_numbers(case.does_count, case.span_hours, case.closest_gap_hours, allegations,
                                    session_hours=case.session_hours)


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
            why: str | None = None) -> ApproachResult:
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
    missing, open_ = _elements(r)
    return ApproachResult(
        **common, ran=True, outcome=r.outcome, label=r.label, basis=r.basis, basis_label=BASIS_LABELS[r.basis],
        is_holding=r.is_holding, heading=r.heading, summary=r.summary, missing=missing, open=open_,
        would_change=[c.explanation for c in r.counterfactuals], ruling=r.to_json())


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
    scenario = None if single else _joinder_scenario(case, base, exhibit_load)
    joinder = scenarios.joinder_facts(scenario) if scenario else {}
    results = []
    for a in APPROACHES().values():
        if a.issue not in issues:
            continue
        if a.issue == "joinder":
            facts = joinder.get(a.test) if a.test else None
            if single and a.test:
                results.append(_result(a, case, None, case.follows, why="One Doe: joinder does not arise."))
                continue
        else:
            facts = case.facts_for.get(a.test) if a.test else None
            if facts is not None:
                facts = _shared(a.test, dict(facts), scenario, {r.approach: r for r in results})
        try:
            results.append(_result(a, case, facts, case.follows))
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
    ] + (scenarios.scenario_notes(scenario) if scenario else []) + [
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

    lines = [f"Stage: {STAGE_LABELS[report.stage]}. {report.does_count} Does over {report.span_hours:,.1f} hours."]
    if report.followed:
        lines.append(f"Your court follows: {report.followed.name}. {report.followed.note}")
    for r in report.results:
        mark = " [your court's approach]" if r.followed else ""
        head = f"- {r.title} ({r.described_by}){mark}"
        if not r.ran and r.basis is None:
            lines.append(f"{head}: not run (no facts given for this issue)")
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
    """A single-choice question: in which joinder camp does the source place this court? The correct
    option and every feedback line are derived from data/approaches.yaml."""
    placements = courts()[court_id]
    joinder = [a for a in APPROACHES().values() if a.issue == "joinder"]
    placed = [a for a in joinder if a.id in {aid for aid, _ in placements}]
    if len(placed) != 1:
        raise ValueError(f"{court_id} is placed in {len(placed)} joinder camps; a camp question needs one")
    right = placed[0]
    court = next(c for aid, c in placements if aid == right.id)
    options = []
    for a in joinder:
        described = "A" + a.described_by[1:]
        if a is right:
            feedback = f"Yes. {described}, {court.name} is {PLACEMENT_LABELS[court.placement]}. {court.says}"
        else:
            names = "; ".join(c.name for c in a.courts)
            feedback = f"Not where the sources place it. {described}, this camp holds: {names}."
        options.append({"text": f"{a.title} ({a.described_by})", "correct": a is right, "feedback": feedback})
    return {
        "id": f"approaches.camp_{court_id}",
        "type": "single_choice",
        "prompt": f"In which joinder camp do the sources place {court.name}, {court.court}?",
        "options": options,
        "explanation": (f"A{right.described_by[1:]}, {court.name} is {PLACEMENT_LABELS[court.placement]}. "
                        f"{court.says} Place a court only as far as the source that reports it goes."),
        "quotes": list(court.quotes),
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
