"""A ruling is a value: outcome, reasons, the quotes behind them, and counterfactuals.

Facts are immutable pydantic models with units in their field names
(``gap_hours``, ``accuracy_km``); validating them gives a clear error naming the field,
and their JSON schema is what the registry and ``course decide --list`` publish.
"""
from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict

from .records import Quote, quote


class Facts(BaseModel):
    """Base class for every test's fact set: frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


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
    Outcome.quash_granted: "Subpoena quashed",
    Outcome.quash_denied: "Motion to quash denied",
    Outcome.anonymity_granted: "May proceed by pseudonym",
    Outcome.anonymity_denied: "May not proceed by pseudonym",
    Outcome.plausible: "Plausible that the subscriber infringed",
    Outcome.not_plausible: "Not plausible that the subscriber infringed",
    Outcome.argued: "Argued by a party (not a ruling)",
    Outcome.undetermined: "The sources do not decide this",
}


class Reason(BaseModel):
    """One element or factor: whether it was met, by which fact, and the words behind it."""

    model_config = ConfigDict(frozen=True)

    element: str
    met: bool | None  # None: the sources do not decide this element on these facts
    explanation: str
    facts: tuple[str, ...] = ()  # names of the fact fields this reason turns on
    quote_ids: tuple[str, ...] = ()

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
    """What a test concludes on a fact set, and why."""

    model_config = ConfigDict(frozen=True)

    test_id: str
    court: str
    citation: str
    question: str
    outcome: Outcome
    summary: str
    reasons: tuple[Reason, ...]
    counterfactuals: tuple[Counterfactual, ...] = ()
    is_holding: bool = True  # False for a party's argument and for tests the sources only describe
    note: str | None = None

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

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
        out["quotes"] = [
            {"id": q.id, "text": q.text, "seed": q.seed, "pinpoint": q.pinpoint, "speaker": q.speaker.value}
            for q in self.quotes
        ]
        return out
