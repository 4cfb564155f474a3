"""A ruling is a value: outcome, reasons, the quotes behind them, and counterfactuals.

Facts are immutable pydantic models with units in their field names
(``gap_hours``, ``accuracy_km``); validating them gives a clear error naming the field,
and their JSON schema is what the registry and ``course decide --list`` publish.
"""
from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .records import Quote, quote


class Facts(BaseModel):
    """Base class for every test's fact set: frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


#: The one spelling of "the sources leave this open", for outcomes and elements alike.
UNDETERMINED_LABEL = "The sources do not decide this"
UNDECIDED = "The sources do not decide this."


class Outcome(str, Enum):
    """What a test concludes. ``undetermined`` is said when the sources do not decide."""

    # joinder
    joinder_proper = "joinder_proper"
    joinder_improper = "joinder_improper"
    joinder_deferred = "joinder_deferred"
    sever = "sever"
    keep_joined = "keep_joined"
    # early discovery / letters rogatory
    discovery_granted = "discovery_granted"
    discovery_denied = "discovery_denied"
    factor_met = "factor_met"
    factor_not_met = "factor_not_met"
    # personal jurisdiction
    jurisdiction_shown = "jurisdiction_shown"
    jurisdiction_not_shown = "jurisdiction_not_shown"
    residence_not_shown = "residence_not_shown"  # forum residence only; jurisdiction then turns on contacts
    # subpoena, anonymity
    quash_granted = "quash_granted"
    quash_denied = "quash_denied"
    anonymity_granted = "anonymity_granted"
    anonymity_denied = "anonymity_denied"
    # subscriber liability
    plausible = "plausible"
    not_plausible = "not_plausible"
    # advocacy: a motion argues, it never rules
    argued = "argued"
    # a rule the court stated only as a bar: the bar does not apply, and the court did not say
    # what suffices (necessary is not sufficient)
    not_precluded = "not_precluded"
    # the sources leave it open
    undetermined = "undetermined"


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.joinder_proper: "Joinder proper",
    Outcome.joinder_improper: "Joinder improper: sever",
    Outcome.joinder_deferred: "Joinder accepted for now (question deferred)",
    Outcome.sever: "Sever in the court's discretion",
    Outcome.keep_joined: "No discretionary severance",
    Outcome.discovery_granted: "Early discovery granted",
    Outcome.discovery_denied: "Early discovery denied",
    Outcome.factor_met: "Factor met",
    Outcome.factor_not_met: "Factor not met",
    Outcome.jurisdiction_shown: "Personal jurisdiction shown",
    Outcome.jurisdiction_not_shown: "Personal jurisdiction not shown",
    Outcome.residence_not_shown: "Forum residence not shown (jurisdiction then turns on each Doe's contacts)",
    Outcome.quash_granted: "Subpoena quashed",
    Outcome.quash_denied: "Motion to quash denied",
    Outcome.anonymity_granted: "May proceed by pseudonym",
    Outcome.anonymity_denied: "May not proceed by pseudonym",
    Outcome.plausible: "Plausible that the subscriber infringed",
    Outcome.not_plausible: "Not plausible that the subscriber infringed",
    Outcome.argued: "Argued by a party (not a ruling)",
    Outcome.not_precluded: "Not barred by this rule (the court did not say what suffices)",
    Outcome.undetermined: UNDETERMINED_LABEL,
}


#: Outcomes that favour the plaintiff (the copyright owner); used to colour a ruling, never to decide one.
FAVOURABLE_TO_PLAINTIFF = frozenset({
    Outcome.joinder_proper, Outcome.joinder_deferred, Outcome.keep_joined, Outcome.discovery_granted,
    Outcome.factor_met, Outcome.jurisdiction_shown, Outcome.quash_denied, Outcome.plausible,
})


class Basis(str, Enum):
    """On what footing an element or an outcome stands: the course's small vocabulary.

    Only a court's own facts give its holding: ``held`` is never written by a rule; it is
    derived (see :func:`course.registry.finalize`) when a court's test runs on that court's
    own facts, from the elements the rule marks ``applied``.
    """

    held = "held"  # the court decided it on its own facts
    stated = "stated"  # a rule or standard the court stated
    not_reached = "not_reached"  # the court did not reach it
    described = "described"  # another court's test, as a source describes it
    assumed = "assumed"  # rests on an assumption of the course's, shown with its value
    applied = "applied"  # the course applying a court's stated rule to facts that court never saw
    argued = "argued"  # a party's argument (the motion), never a ruling


BASIS_LABELS: dict[Basis, str] = {
    Basis.held: "held",
    Basis.stated: "stated by the court",
    Basis.not_reached: "not reached",
    Basis.described: "described",
    Basis.assumed: "assumed",
    Basis.applied: "applied",
    Basis.argued: "argued",
}

#: What each basis means, in one sentence a student can learn.
BASIS_MEANINGS: dict[Basis, str] = {
    Basis.held: "The court decided this on its own facts.",
    Basis.stated: "A rule or standard the court stated.",
    Basis.not_reached: "The court did not reach this.",
    Basis.described: "Another court's test, as a source describes it.",
    Basis.assumed: "The course's assumption, with its value; change it and the result may change.",
    Basis.applied: "The course applying the court's stated rule to facts the court never saw.",
    Basis.argued: "A party's argument, not a ruling.",
}


ELEMENT_ID = r"^[a-z0-9_]+(\.[a-z0-9_]+){2,}$"


class Reason(BaseModel):
    """One element or factor: whether it was met, on what basis, by which fact, and the words
    behind it.

    ``id`` is stable (``ndill.joinder.same_time``): tests, exercises and keys refer to it, never to
    the display label ``element``. ``decisive`` elements are combined into the outcome by
    :func:`combine`; the others (when the question is decided, the remedy) explain it.
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(default="", pattern=r"^$|" + ELEMENT_ID)
    element: str
    met: bool | None  # None: not met and not failed (not reached, stated, or left open)
    explanation: str
    basis: Basis = Basis.applied
    decisive: bool = True
    assumptions: dict[str, Any] = {}  # the course assumptions this element rests on, with values
    facts: tuple[str, ...] = ()  # names of the fact fields this reason turns on
    quote_ids: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """'met', 'not met', 'not reached', 'stated' or 'undetermined'."""
        if self.met is True:
            return "met"
        if self.met is False:
            return "not met"
        if self.basis == Basis.not_reached:
            return "not reached"
        if self.basis in (Basis.stated, Basis.described, Basis.argued) and not self.decisive:
            return self.basis.value
        return "undetermined"

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(quote(q) for q in self.quote_ids)


class Counterfactual(BaseModel):
    """The smallest change to one fact that flips the outcome under this test."""

    model_config = ConfigDict(frozen=True)

    fact: str
    from_value: Any
    to_value: Any
    outcome: Outcome
    explanation: str
    also: dict[str, Any] = {}  # other facts that must change with it, for a combined change


class Ruling(BaseModel):
    """What a test concludes on a fact set, on what basis, and why.

    A rule function returns it with the court and citation left empty and the basis
    provisional; :func:`course.registry.finalize` fills court and citation from the test's case
    record in ``data/cases.yaml`` and derives ``basis``, so ``is_holding`` is never asserted.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    test_id: str
    court: str = ""
    citation: str = ""
    question: str
    outcome: Outcome
    summary: str
    reasons: tuple[Reason, ...]
    counterfactuals: tuple[Counterfactual, ...] = ()
    basis: Basis = Basis.applied
    on_source_facts: bool = False  # the facts are the deciding court's own
    assumptions: dict[str, Any] = {}  # course assumptions the outcome rests on, with values
    note: str | None = None

    @property
    def is_holding(self) -> bool:
        """True only for a court's own test on that court's own facts (derived, never asserted)."""
        return self.basis == Basis.held

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def heading(self) -> str:
        """Who says it: 'N.D. Ill. (Lee, J.) held', 'Applying N.D. Ill. (Lee, J.)'s stated rule', ..."""
        return heading(self.basis, self.court, self.assumptions)

    def element(self, element_id: str) -> Reason:
        for r in self.reasons:
            if r.id == element_id:
                return r
        raise KeyError(f"{self.test_id}: no element {element_id!r}")

    @property
    def quote_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for r in self.reasons:
            for q in r.quote_ids:
                seen.setdefault(q, None)
        return tuple(seen)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(quote(q) for q in self.quote_ids)

    def to_json(self) -> dict[str, Any]:
        """The ruling as plain JSON, with quotes expanded (text, seed, pinpoint, speaker)."""
        out = self.model_dump(mode="json")
        out["label"] = self.label
        out["heading"] = self.heading
        out["is_holding"] = self.is_holding
        for r, j in zip(self.reasons, out["reasons"]):
            j["status"] = r.status
        out["quotes"] = [
            {"id": q.id, "text": q.text, "seed": q.seed, "pinpoint": q.pinpoint, "speaker": q.speaker.value}
            for q in self.quotes
        ]
        return out


def fmt_assumptions(assumptions: dict[str, Any]) -> str:
    """'session_hours = 1'."""
    def val(v: Any) -> str:
        return f"{v:,.2f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)
    return ", ".join(f"{k} = {val(v)}" for k, v in assumptions.items())


def heading(basis: Basis, court: str, assumptions: dict[str, Any] | None = None) -> str:
    if basis == Basis.held:
        return f"{court} held"
    if basis == Basis.described:
        return court  # 'S.D. Ga. (Voltage Pictures), as N.D. Ill. describes it'
    if basis == Basis.argued:
        return f"{court}: a party's argument, not a ruling"
    if basis == Basis.assumed:
        return f"Applying {court}'s stated rule, on the course's assumption ({fmt_assumptions(assumptions or {})})"
    return f"Applying {court}'s stated rule"


def combine(reasons: list[Reason] | tuple[Reason, ...], *, fails: Outcome,
            passes: Outcome | None = None) -> Outcome:
    """The one way elements become an outcome.

    Any decisive element not met gives ``fails``. All met gives ``passes``; a rule the court
    stated only as a bar passes ``None`` and gets :attr:`Outcome.not_precluded`, never the
    favourable outcome. Anything else (an element not reached or left open) is undetermined.
    """
    decisive = [r for r in reasons if r.decisive]
    if any(r.met is False for r in decisive):
        return fails
    if decisive and all(r.met is True for r in decisive):
        return passes if passes is not None else Outcome.not_precluded
    return Outcome.undetermined
