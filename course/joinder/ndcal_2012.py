"""N.D. Cal. 2012 (Lloyd, M.J.): the same swarm is not enough to join BitTorrent Does.

Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012),
pp. 9:4-11:5 (seed 001). The court decided joinder alongside the application for early discovery
(as Diabolic did, not deferring it as Call of the Wild did), and held that presence in the same
swarm does not show concerted activity; the plaintiff could not allege Doe-to-Doe transfers, and
its probability argument failed because the Does appeared "hours, days, or weeks apart" and
BitTorrent is fast.

The order says what is NOT enough. It never says what would be: this test can find joinder
improper or leave it open, never proper (``never=(joinder_proper,)``). The line between "close
together" and "hours apart" is the course's reading of "hours" (data/thresholds.yaml,
``ndcal.joinder.hours_apart``), marked as an assumption where a result turns on it.
"""
from __future__ import annotations

import math
from enum import Enum

from pydantic import Field, model_validator

from ..fmt import num
from ..records import threshold
from ..registry import BadFacts, legal_test
from ..ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "joinder.ndcal_2012"

#: The course's reading of the order's "hours, days, or weeks apart": two hours or more (an assumption).
NDCAL_HOURS_APART = threshold("ndcal.joinder.hours_apart")


class AppearanceTiming(str, Enum):
    """When the Does appeared in the swarm, in the terms of the N.D. Cal. order."""

    hours_days_or_weeks_apart = "hours_days_or_weeks_apart"  # each at a different time, 2 h or more apart
    close_together = "close_together"  # different times, but some Does less than 2 h apart
    same_time = "same_time"  # alleged to have been in the swarm at the same time


def ndcal_timing(min_gap_hours: float) -> AppearanceTiming:
    """The timing category for Does whose two closest observations are ``min_gap_hours`` apart:
    0 is the same time; under two hours (the course's reading) close together; else hours apart."""
    if not (isinstance(min_gap_hours, (int, float)) and math.isfinite(min_gap_hours)) or min_gap_hours < 0:
        raise BadFacts(f"field 'min_gap_hours': must be 0 or more hours, got {min_gap_hours!r}")
    if min_gap_hours == 0:
        return AppearanceTiming.same_time
    if min_gap_hours < NDCAL_HOURS_APART:
        return AppearanceTiming.close_together
    return AppearanceTiming.hours_days_or_weeks_apart


class SwarmConcertFacts(Facts):
    """What a BitTorrent complaint alleges to tie the Does together (N.D. Cal.)."""

    does_count: int = Field(
        ge=2, le=100_000, description="number of Doe defendants joined in the suit",
        json_schema_extra={"search": [2, 5000], "counterfactual": False},
    )
    same_swarm_alleged: bool = Field(description="an allegation that the Does took part in the same swarm")
    direct_transfer_between_does_alleged: bool = Field(
        description="an allegation that the Does transferred pieces of the work to or from one another"
    )
    appearance_timing: AppearanceTiming = Field(
        description="when the Does appeared in the swarm relative to one another"
    )
    span_days: float = Field(
        ge=0, le=10_000, description="days between the first and the last Doe's appearance in the swarm",
        json_schema_extra={"search": [0, 365], "step": 1, "counterfactual": False},
    )

    @model_validator(mode="after")
    def _span_fits_timing(self) -> "SwarmConcertFacts":
        if (self.appearance_timing == AppearanceTiming.hours_days_or_weeks_apart
                and self.span_days * 24 < NDCAL_HOURS_APART):
            raise ValueError(f"span_days: Does {num(NDCAL_HOURS_APART)} hours or more apart need a span of at least "
                             f"{num(NDCAL_HOURS_APART)} hours, not {num(self.span_days * 24)} hours")
        return self


def ndcal_source_facts() -> SwarmConcertFacts:
    """Hard Drive: 90 Does in one swarm over 63 days, each at a different date and time; counsel
    conceded it could not allege Doe-to-Doe transfers and argued only probability."""
    return SwarmConcertFacts(
        does_count=90,
        same_swarm_alleged=True,
        direct_transfer_between_does_alleged=False,
        appearance_timing=AppearanceTiming.hours_days_or_weeks_apart,
        span_days=63,
    )


def _severed(does_count: int) -> str:
    return "the second Doe is severed" if does_count == 2 else f"Does 2-{does_count} are severed"


# --- one function per element -------------------------------------------------------------------

def when_decided(f: SwarmConcertFacts) -> Reason:
    return Reason(
        id="ndcal.joinder.when_decided",
        element="When joinder is decided: with the application for early discovery",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "N.D. Cal. takes up joinder together with the application for early discovery, as Diabolic did, "
            "rather than putting it off until after a motion to quash as Call of the Wild did."
        ),
        quote_ids=("ndcal.joinder.some_courts_deferred", "ndcal.joinder.considered_alongside"),
    )


def same_swarm(f: SwarmConcertFacts) -> Reason:
    if f.same_swarm_alleged:
        return Reason(
            id="ndcal.joinder.same_swarm",
            element="Same swarm (not enough by itself)",
            met=None,
            basis=Basis.stated,
            decisive=False,
            explanation="The Does are alleged to have been in the same swarm; the court stated that presence in one "
                        "swarm does not by itself show that they acted in concert.",
            facts=("same_swarm_alleged",),
            quote_ids=("ndcal.joinder.same_swarm_insufficient", "ndcal.joinder.swarm_not_concerted"),
        )
    return Reason(
        id="ndcal.joinder.same_swarm",
        element="Same swarm (not enough by itself)",
        met=False,
        decisive=False,
        explanation="Not even a common swarm is alleged; an allegation that the Does used the same peer-to-peer "
                    "network is not enough for Rule 20.",
        facts=("same_swarm_alleged",),
        quote_ids=("ndcal.joinder.same_network_insufficient",),
    )


def transfers(f: SwarmConcertFacts) -> Reason:
    return Reason(
        id="ndcal.joinder.transfers",
        element="Doe-to-Doe transfers alleged",
        met=f.direct_transfer_between_does_alleged,
        decisive=False,
        explanation=(
            "The plaintiff alleges that the Does sent pieces of the work to, or received them from, one another: "
            "the allegation the court found missing. The order does not say it would be enough."
            if f.direct_transfer_between_does_alleged
            else "The plaintiff does not allege that any Doe sent a piece of the work to, or received one from, "
            "another Doe (in Hard Drive counsel conceded it could not truthfully do so)."
        ),
        facts=("direct_transfer_between_does_alleged",),
        quote_ids=("ndcal.joinder.no_doe_to_doe_transfer",),
    )


def probability_argument(f: SwarmConcertFacts) -> Reason | None:
    """Without a transfer allegation, the plaintiff can argue only probability; the court found it
    illogical for Does hours, days or weeks apart."""
    if f.direct_transfer_between_does_alleged:
        return None
    if f.appearance_timing == AppearanceTiming.hours_days_or_weeks_apart:
        return Reason(
            id="ndcal.joinder.probability",
            element="The probability argument",
            met=False,
            decisive=False,
            explanation=(
                "Without a transfer allegation the plaintiff can only argue that the Does probably traded pieces. "
                "That is illogical when each Doe appeared at a different date and time, hours or more apart (here "
                f"over {num(f.span_days)} days): BitTorrent is fast, so a Doe is very unlikely to stay long enough "
                "to meet a Doe who arrives hours later."
            ),
            facts=("appearance_timing", "span_days"),
            quote_ids=("ndcal.joinder.probability_only", "ndcal.joinder.probability_illogical",
                       "ndcal.joinder.speed_unlikely"),
        )
    if f.appearance_timing == AppearanceTiming.close_together:
        return Reason(
            id="ndcal.joinder.probability",
            element="The probability argument",
            met=None,
            decisive=False,
            basis=Basis.assumed,
            assumptions={"hours_apart": NDCAL_HOURS_APART},
            explanation=(
                f"Some Does appeared less than {num(NDCAL_HOURS_APART)} hours apart (the course's reading of the "
                "order's \"hours\"). The court's reasons address Does who appeared hours, days or weeks apart; "
                f"whether the argument works for Does closer in time, the order does not say. {UNDECIDED}"
            ),
            facts=("appearance_timing",),
            quote_ids=("ndcal.joinder.probability_illogical", "ndcal.joinder.speed_unlikely"),
        )
    return Reason(
        id="ndcal.joinder.probability",
        element="The probability argument",
        met=None,
        decisive=False,
        explanation=(
            "The Does are said to have been in the swarm at the same time, which the Hard Drive complaint did not "
            "allege, so neither of the court's two reasons against the probability argument applies. Whether "
            f"probability alone would then show concerted activity, the order does not say. {UNDECIDED}"
        ),
        facts=("appearance_timing",),
        quote_ids=("ndcal.joinder.not_alleged_same_time", "ndcal.joinder.probability_illogical"),
    )


def concerted_activity(f: SwarmConcertFacts) -> Reason:
    """The decisive element: a single transaction or series of closely related transactions."""
    element = "Concerted activity: a single transaction or series of closely related transactions (Rule 20)"
    facts = ("same_swarm_alleged", "direct_transfer_between_does_alleged", "appearance_timing")
    if f.direct_transfer_between_does_alleged:
        return Reason(
            id="ndcal.joinder.concerted_activity", element=element, met=None, facts=facts,
            explanation="The gap the court identified is filled, but the order does not say that an allegation of "
                        f"Doe-to-Doe transfers would make joinder of all the Does proper. {UNDECIDED}",
            quote_ids=("ndcal.joinder.rule20_single_transaction", "ndcal.joinder.misjoinder"),
        )
    if not f.same_swarm_alleged:
        return Reason(
            id="ndcal.joinder.concerted_activity", element=element, met=False, facts=facts,
            explanation="With neither a common swarm nor Doe-to-Doe transfers alleged, nothing ties the claims to a "
                        "single transaction or a series of closely related transactions.",
            quote_ids=("ndcal.joinder.rule20_single_transaction", "ndcal.joinder.same_network_insufficient"),
        )
    if f.appearance_timing == AppearanceTiming.hours_days_or_weeks_apart:
        return Reason(
            id="ndcal.joinder.concerted_activity", element=element, met=False, facts=facts,
            explanation="Appearing in the same swarm at completely different times does not show that the Does "
                        "acted in concert, so no single transaction or series of closely related transactions "
                        "connects them.",
            quote_ids=("ndcal.joinder.rule20_single_transaction", "ndcal.joinder.completely_different_times",
                       "ndcal.joinder.misjoinder"),
        )
    return Reason(
        id="ndcal.joinder.concerted_activity", element=element, met=None, facts=facts,
        explanation=f"Same swarm, no transfer allegation, and Does close together in time: the order's reasoning "
                    f"does not reach this. {UNDECIDED}",
        quote_ids=("ndcal.joinder.rule20_single_transaction", "ndcal.joinder.same_swarm_insufficient"),
    )


def remedy(f: SwarmConcertFacts) -> Reason:
    return Reason(
        id="ndcal.joinder.remedy",
        element="Remedy: drop the misjoined Does (Rule 21)",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "The court said the complaint \"could and should be dismissed\" for misjoinder as to all but one Doe, "
            "but under Rule 21 misjoinder does not end the action: the court may drop parties on its own motion. "
            f"Applied here: {_severed(f.does_count)}, and the plaintiff may sue each of them separately."
        ),
        facts=("does_count",),
        quote_ids=("ndcal.joinder.drop_a_party", "ndcal.joinder.does_2_90_severed"),
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="hard_drive_ndcal_2012",
    pinpoint="pp. 9:4-11:5",
    issue="joinder",
    title="Rule 20 joinder: same swarm, Doe-to-Doe transfers and the probability argument",
    facts=SwarmConcertFacts,
    source_facts=ndcal_source_facts,
    never=(Outcome.joinder_proper,),
)
def ndcal_concerted_activity(f: SwarmConcertFacts) -> Ruling:
    """Does may be joined only if the claims arise from a single transaction or a series of
    closely related transactions, which presence in the same swarm does not show (Hard Drive,
    N.D. Cal. 2012, pp. 9:8-10, 9:17-25, 10:8-24, 11:1-5). What fails, never what suffices."""
    elements = [when_decided(f), same_swarm(f), transfers(f)]
    prob = probability_argument(f)
    if prob is not None:
        elements.append(prob)
    elements.append(concerted_activity(f))
    outcome = combine(elements, fails=Outcome.joinder_improper, passes=None)
    if outcome == Outcome.joinder_improper:
        elements.append(remedy(f))
        summary = (f"Joinder improper: nothing shows that the {f.does_count} Does acted in concert. "
                   f"{_severed(f.does_count)}.")
    else:
        outcome = Outcome.undetermined  # N.D. Cal. never said what is enough
        summary = ("N.D. Cal. held only what is not enough to join BitTorrent Does; on these facts the ground it "
                   f"relied on is missing, and it did not say what would be enough. {UNDECIDED}")
    return Ruling(
        test_id=TEST_ID,
        question="May the Does be joined in one suit under Rule 20?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
    )
