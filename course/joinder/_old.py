"""Joinder of BitTorrent Does (Fed. R. Civ. P. 20) and discretionary severance (Rule 21).

Five tests, each modelled on how a court reasoned:

``joinder.ndcal_2012``
    Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012)
    (Lloyd, M.J.), pp. 9:4-11:5 (seed 001): the same swarm is not enough; the plaintiff could
    not allege Doe-to-Doe transfers, and its probability argument failed because the Does
    appeared hours, days or weeks apart.
``joinder.ndill_2013``
    Malibu Media, LLC v. John Does 1-42, No. 12 cv 6677 (N.D. Ill. Sept. 27, 2013) (Lee, J.),
    Discussion, Part I (seed 002): the same swarm is necessary but not sufficient; the Does
    must have been in it at roughly the same time.
``joinder.voltage_two_part``
    Voltage Pictures (S.D. Ga. 2013) as N.D. Ill. describes it: each Doe (a) in a common swarm
    at the same time as each other Doe and (b) actually exchanging a piece with another.
``joinder.call_of_the_wild_permissive``
    Call of the Wild (D.D.C. 2011) as N.D. Cal. describes it: joinder accepted for early
    discovery, the question put off until after a motion to quash.
``joinder.rule21_discretion``
    Malibu Media, LLC v. John Does 1-68, No. 12 cv 6675 (N.D. Ill. 2013), Discussion, Part I:
    severance for fairness and manageability with 47 Does left.

Numbers that no source gives are labelled as such: the N.D. Ill. test takes the time a Doe
stays in the swarm as an explicit assumption (``session_hours``), and the N.D. Cal. test
reads the order's "hours" apart as two hours or more. Where the sources leave a question
open, the tests say so (``met=None``, ``Outcome.undetermined``).
"""
from __future__ import annotations

import csv
import datetime as dt
import math
from enum import Enum

from pydantic import Field

from ..registry import BadFacts, legal_test
from ..records import DATA_DIR
from ..ruling import Counterfactual, Facts, Outcome, Reason, Ruling

UNDECIDED = "The sources do not decide this."

# --- figures from the sources, and the arithmetic on them ----------------------------------

#: N.D. Cal. speaks of Does who appeared "hours, days, or weeks apart" (quote
#: ndcal.joinder.probability_illogical). This engine reads "hours" as two hours or more; for
#: Does closer together than that, the order's reasoning is not applied.
NDCAL_HOURS_APART = 2.0

#: The number of remaining Does that N.D. Ill. held raised fairness and manageability concerns
#: in No. 12 cv 6675 (68 Does, 21 dismissed). The sources give no lower cut-off.
NDILL_MANAGEABILITY_DOES = 47

#: The filing fee per case in CP Productions, Inc. v. Does 1-300 (N.D. Ill. 2011), as Doe 328's
#: MOTION quotes it (seed 000, ¶ 27; quote sdtex.joinder.cp_productions_fees): $105,000 for
#: 300 separate suits rather than $350 for one. A motion's quotation, not a ruling's figure.
CP_PRODUCTIONS_FEE_PER_CASE_USD = 350


def filing_fees_saved(does_count: int, fee_per_case_usd: float) -> float:
    """Filing fees a plaintiff avoids by suing ``does_count`` Does in one case instead of one
    case each: ``(does_count - 1) * fee_per_case_usd``.

    With the figures of CP Productions as Doe 328's motion quotes them (seed 000, ¶ 27: 300
    separate suits would have cost $105,000 rather than $350), ``filing_fees_saved(300, 350)``
    is 104,650. For the 47 Does left in No. 12 cv 6675 at the same $350 it is 16,100. Both are
    this course's arithmetic: neither opinion states a fee, and the $350 is the motion's
    quotation of CP Productions, not a ruling in these cases. N.D. Ill. held that saving filing
    fees is not enough to justify joinder (quote ndill.joinder.filing_fees_insufficient).
    """
    if isinstance(does_count, bool) or not isinstance(does_count, int):
        raise BadFacts(f"field 'does_count': must be a whole number, got {does_count!r}")
    if does_count < 1:
        raise BadFacts(f"field 'does_count': must be 1 or more, got {does_count}")
    if isinstance(fee_per_case_usd, bool) or not isinstance(fee_per_case_usd, (int, float)):
        raise BadFacts(f"field 'fee_per_case_usd': must be a number of dollars, got {fee_per_case_usd!r}")
    if not math.isfinite(fee_per_case_usd) or fee_per_case_usd < 0:
        raise BadFacts(f"field 'fee_per_case_usd': must be 0 or more, got {fee_per_case_usd!r}")
    return (does_count - 1) * fee_per_case_usd


def _num(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _severed(does_count: int) -> str:
    """'Does 2-90 are severed', or 'the second Doe is severed' when only two are joined."""
    return "the second Doe is severed" if does_count == 2 else f"Does 2-{does_count} are severed"


def _hours(hours: float) -> str:
    """'1 hour', '24 hours'."""
    return f"{_num(hours)} hour" + ("" if hours == 1 else "s")


def _hours_text(hours: float) -> str:
    """'399.8 hours (16 days 15 h 48 min)'."""
    total_min = round(hours * 60)
    days, rest = divmod(total_min, 24 * 60)
    h, m = divmod(rest, 60)
    parts = ([f"{days} day{'s' if days != 1 else ''}"] if days else []) + ([f"{h} h"] if h else []) + (
        [f"{m} min"] if m else []
    )
    return _hours(hours) + (f" ({' '.join(parts)})" if days and len(parts) > 1 else "")


# ============================================================================================
# 1. N.D. Cal. 2012 (Hard Drive): same swarm, Doe-to-Doe transfers, the probability argument
# ============================================================================================

NDCAL_COURT = "N.D. Cal. (Lloyd, M.J.)"
NDCAL_CITATION = (
    "Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012), "
    "pp. 9:4-11:5"
)


class AppearanceTiming(str, Enum):
    """When the Does appeared in the swarm, in the terms of the N.D. Cal. order."""

    hours_days_or_weeks_apart = "hours_days_or_weeks_apart"  # each at a different time, 2 h or more apart
    close_together = "close_together"  # different times, but some Does less than 2 h apart
    same_time = "same_time"  # alleged to have been in the swarm at the same time


def ndcal_timing(min_gap_hours: float) -> AppearanceTiming:
    """The timing category for Does whose two closest observations are ``min_gap_hours`` apart.

    0 is the same time; under :data:`NDCAL_HOURS_APART` (two hours) is close together; two
    hours or more is the order's hours, days or weeks apart.
    """
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


@legal_test(
    id="joinder.ndcal_2012",
    court=NDCAL_COURT,
    citation=NDCAL_CITATION,
    issue="joinder",
    title="Rule 20 joinder: same swarm, Doe-to-Doe transfers and the probability argument",
    facts=SwarmConcertFacts,
    source_facts=ndcal_source_facts,
)
def ndcal_concerted_activity(f: SwarmConcertFacts) -> Ruling:
    """Does may be joined only if the claims arise from a single transaction or a series of
    closely related transactions, which presence in the same swarm does not show; Does who
    appeared hours, days or weeks apart cannot be linked by a mere probability that they
    traded pieces (Hard Drive, N.D. Cal. 2012, pp. 9:8-10, 9:17-25, 10:8-24, 11:1-5).

    The order says what is not enough. It does not say what would be: Doe-to-Doe transfers or
    same-time presence leave the result undecided, never "joinder proper".
    """
    reasons: list[Reason] = [
        Reason(
            element="When joinder is decided",
            met=True,
            explanation=(
                "N.D. Cal. takes up joinder together with the application for early discovery, as "
                "Diabolic did, rather than putting it off until after a motion to quash as Call of "
                "the Wild did."
            ),
            quote_ids=("ndcal.joinder.some_courts_deferred", "ndcal.joinder.considered_alongside"),
        ),
        Reason(
            element="Same swarm (not enough by itself)",
            met=f.same_swarm_alleged,
            explanation=(
                "The Does are alleged to have been in the same swarm; but presence in one swarm does "
                "not by itself show that they acted in concert."
                if f.same_swarm_alleged
                else "Not even a common swarm is alleged; an allegation that the Does used the same "
                "peer-to-peer network is not enough for Rule 20."
            ),
            facts=("same_swarm_alleged",),
            quote_ids=(
                ("ndcal.joinder.same_swarm_insufficient", "ndcal.joinder.swarm_not_concerted")
                if f.same_swarm_alleged
                else ("ndcal.joinder.same_network_insufficient",)
            ),
        ),
        Reason(
            element="Doe-to-Doe transfers alleged",
            met=f.direct_transfer_between_does_alleged,
            explanation=(
                "The plaintiff alleges that the Does sent pieces of the work to, or received them "
                "from, one another: the allegation the court found missing."
                if f.direct_transfer_between_does_alleged
                else "The plaintiff does not allege that any Doe sent a piece of the work to, or "
                "received one from, another Doe (in Hard Drive counsel conceded it could not truthfully do so)."
            ),
            facts=("direct_transfer_between_does_alleged",),
            quote_ids=("ndcal.joinder.no_doe_to_doe_transfer",),
        ),
    ]

    timing_decided = False
    if not f.direct_transfer_between_does_alleged:
        if f.appearance_timing == AppearanceTiming.hours_days_or_weeks_apart:
            timing_decided = True
            reasons.append(
                Reason(
                    element="The probability argument",
                    met=False,
                    explanation=(
                        "Without a transfer allegation the plaintiff can only argue that the Does "
                        "probably traded pieces. That is illogical when each Doe appeared at a "
                        "different date and time, hours or more apart (here the appearances spread "
                        f"over {_num(f.span_days)} days): BitTorrent is fast, so a Doe is very "
                        "unlikely to stay long enough to meet a Doe who arrives hours later."
                    ),
                    facts=("appearance_timing", "span_days"),
                    quote_ids=(
                        "ndcal.joinder.probability_only",
                        "ndcal.joinder.probability_illogical",
                        "ndcal.joinder.speed_unlikely",
                    ),
                )
            )
        elif f.appearance_timing == AppearanceTiming.close_together:
            reasons.append(
                Reason(
                    element="The probability argument",
                    met=None,
                    explanation=(
                        "Some Does appeared less than two hours apart. The court's reasons address "
                        "Does who appeared hours, days or weeks apart; whether the probability "
                        f"argument works for Does closer in time, the order does not say. {UNDECIDED}"
                    ),
                    facts=("appearance_timing",),
                    quote_ids=("ndcal.joinder.probability_illogical", "ndcal.joinder.speed_unlikely"),
                )
            )
        else:
            reasons.append(
                Reason(
                    element="The probability argument",
                    met=None,
                    explanation=(
                        "The Does are said to have been in the swarm at the same time, which the Hard "
                        "Drive complaint did not allege, so neither of the court's two reasons against "
                        "the probability argument applies. Whether probability alone would then show "
                        f"concerted activity, the order does not say. {UNDECIDED}"
                    ),
                    facts=("appearance_timing",),
                    quote_ids=("ndcal.joinder.not_alleged_same_time", "ndcal.joinder.probability_illogical"),
                )
            )

    if f.direct_transfer_between_does_alleged:
        concert: bool | None = None
        concert_text = (
            "The gap the court identified is filled, but the order does not say that an allegation of "
            f"Doe-to-Doe transfers would make joinder of all the Does proper. {UNDECIDED}"
        )
        concert_quotes: tuple[str, ...] = ("ndcal.joinder.rule20_single_transaction", "ndcal.joinder.misjoinder")
    elif not f.same_swarm_alleged:
        concert = False
        concert_text = (
            "With neither a common swarm nor Doe-to-Doe transfers alleged, nothing ties the claims to "
            "a single transaction or a series of closely related transactions."
        )
        concert_quotes = ("ndcal.joinder.rule20_single_transaction", "ndcal.joinder.same_network_insufficient")
    elif timing_decided:
        concert = False
        concert_text = (
            "Appearing in the same swarm at completely different times does not show that the Does "
            "acted in concert, so no single transaction or series of closely related transactions "
            "connects them."
        )
        concert_quotes = (
            "ndcal.joinder.rule20_single_transaction",
            "ndcal.joinder.completely_different_times",
            "ndcal.joinder.misjoinder",
        )
    else:
        concert = None
        concert_text = (
            "Same swarm, no transfer allegation, and Does close together in time: the order's "
            f"reasoning does not reach this. {UNDECIDED}"
        )
        concert_quotes = ("ndcal.joinder.rule20_single_transaction", "ndcal.joinder.same_swarm_insufficient")
    reasons.append(
        Reason(
            element="Concerted activity: a single transaction or series of closely related transactions (Rule 20)",
            met=concert,
            explanation=concert_text,
            facts=("same_swarm_alleged", "direct_transfer_between_does_alleged", "appearance_timing"),
            quote_ids=concert_quotes,
        )
    )

    if concert is False:
        outcome = Outcome.joinder_improper
        reasons.append(
            Reason(
                element="Remedy (Rule 21)",
                met=True,
                explanation=(
                    "Misjoinder does not end the action; the court drops the misjoined Does: "
                    f"{_severed(f.does_count)}, and the plaintiff may sue each of them separately."
                ),
                facts=("does_count",),
                quote_ids=("ndcal.joinder.drop_a_party", "ndcal.joinder.does_2_90_severed"),
            )
        )
        summary = (
            f"Joinder improper: nothing shows that the {f.does_count} Does acted in concert. "
            f"{_severed(f.does_count)}."
        )
    else:
        outcome = Outcome.undetermined
        summary = (
            "N.D. Cal. held only what is not enough to join BitTorrent Does; on these facts the ground it "
            f"relied on is missing, and it did not say what would be enough. {UNDECIDED}"
        )
    return Ruling(
        test_id="joinder.ndcal_2012",
        court=NDCAL_COURT,
        citation=NDCAL_CITATION,
        question="May the Does be joined in one suit under Rule 20?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )


from .ndill_2013 import DEFAULT_SESSION_HOURS, NDILL_DECIDED_GAP_HOURS, hours_between  # noqa: E402
NDILL_COURT = "N.D. Ill. (Lee, J.)"


# ============================================================================================
# 3. Voltage Pictures (S.D. Ga. 2013), as N.D. Ill. describes it: the two-part test
# ============================================================================================

VOLTAGE_COURT = "S.D. Ga. (Voltage Pictures), as N.D. Ill. describes it"
VOLTAGE_CITATION = (
    "Voltage Pictures, LLC v. Does 1-31, No. CV413-037, 2013 WL 2181666, at *7 (S.D. Ga. May 20, 2013), "
    "as described in Malibu Media, LLC v. John Does 1-42, No. 12 cv 6677 (N.D. Ill. Sept. 27, 2013), "
    "Discussion, Part I"
)


class TwoPartJoinderFacts(Facts):
    """The two things Voltage Pictures required the plaintiff to allege about each Doe."""

    common_swarm_same_time_alleged: bool = Field(
        description="an allegation that each Doe was in a common swarm at the same time as each other Doe"
    )
    exchange_with_another_alleged: bool = Field(
        description="an allegation that each Doe actually exchanged a piece of the work with another Doe"
    )


def voltage_source_facts() -> TwoPartJoinderFacts:
    """Voltage Pictures as N.D. Ill. reports it: the plaintiff could allege neither part."""
    return TwoPartJoinderFacts(common_swarm_same_time_alleged=False, exchange_with_another_alleged=False)


@legal_test(
    id="joinder.voltage_two_part",
    court=VOLTAGE_COURT,
    citation=VOLTAGE_CITATION,
    issue="joinder",
    title="Voltage Pictures' two-part joinder test, as N.D. Ill. describes it",
    facts=TwoPartJoinderFacts,
    is_holding=False,
    source_facts=voltage_source_facts,
)
def voltage_two_part(f: TwoPartJoinderFacts) -> Ruling:
    """As N.D. Ill. describes it, Voltage Pictures joins Does only if each (a) was in a common
    swarm at the same time as each other Doe and (b) actually exchanged a piece with another
    (Malibu Media, N.D. Ill. 2013, Discussion, Part I, quoting 2013 WL 2181666, at *7).
    """
    a = Reason(
        element="(a) In a common swarm at the same time as each other Doe",
        met=f.common_swarm_same_time_alleged,
        explanation=(
            "Alleged for each Doe."
            if f.common_swarm_same_time_alleged
            else "Not alleged. Access to the same file (the same hash) does not show it: Voltage rejected "
            "joinder on that basis, since the same hash does not necessarily mean a single swarm."
        ),
        facts=("common_swarm_same_time_alleged",),
        quote_ids=(
            ("ndill.joinder.voltage_two_part",)
            if f.common_swarm_same_time_alleged
            else ("ndill.joinder.voltage_two_part", "ndill.joinder.voltage_instructive", "ndill.joinder.hash_not_single_swarm")
        ),
    )
    b = Reason(
        element="(b) Actually exchanged a piece with another",
        met=f.exchange_with_another_alleged,
        explanation=(
            "Alleged for each Doe."
            if f.exchange_with_another_alleged
            else "Not alleged. N.D. Ill. also cites SBO Pictures: where no Doe is pleaded to have shared "
            "pieces directly with another, the same-transaction prong of Rule 20 is not met."
        ),
        facts=("exchange_with_another_alleged",),
        quote_ids=(
            ("ndill.joinder.voltage_two_part",)
            if f.exchange_with_another_alleged
            else ("ndill.joinder.voltage_two_part", "ndill.joinder.sbo_shared_directly")
        ),
    )
    if a.met and b.met:
        outcome = Outcome.joinder_proper
        summary = "Both parts of the Voltage Pictures test are alleged: joinder proper under that test, as N.D. Ill. describes it."
    else:
        outcome = Outcome.joinder_improper
        missing = " and ".join(r.element[:4] + r.element[4].lower() + r.element[5:] for r in (a, b) if not r.met)
        summary = f"Joinder improper under the Voltage Pictures test, as N.D. Ill. describes it. Not alleged: {missing}."
    return Ruling(
        test_id="joinder.voltage_two_part",
        court=VOLTAGE_COURT,
        citation=VOLTAGE_CITATION,
        question="May the Does be joined under the stricter two-part test?",
        outcome=outcome,
        summary=summary,
        reasons=(a, b),
        is_holding=False,
        note=(
            "N.D. Ill. found Voltage Pictures instructive; the rule it stated for itself asks for the same "
            "swarm at roughly the same time (joinder.ndill_2013). This test is the S.D. Ga. court's, known "
            "here only through N.D. Ill.'s account."
        ),
    )


# ============================================================================================
# 4. Call of the Wild (D.D.C. 2011), as N.D. Cal. describes it: joinder accepted for now
# ============================================================================================

COTW_COURT = "D.D.C. (Call of the Wild), as N.D. Cal. describes it"
COTW_CITATION = (
    "Call of the Wild Movie, LLC v. Does 1-1062, 770 F. Supp. 2d 332, 339 (D.D.C. 2011), as described in "
    "Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012), pp. 9:27-10:7"
)


class CaseStage(str, Enum):
    """When joinder is raised."""

    early_discovery = "early_discovery"  # on the application for leave to subpoena the ISPs
    after_motion_to_quash = "after_motion_to_quash"  # discovery authorized and a motion to quash filed


class PermissiveJoinderFacts(Facts):
    """What the permissive approach looks at: the protocol, and the stage of the case."""

    bittorrent_alleged: bool = Field(
        description="an allegation that the Does used BitTorrent, which makes every downloader also an uploader"
    )
    stage: CaseStage = Field(description="the stage of the case at which joinder is raised")


def cotw_source_facts() -> PermissiveJoinderFacts:
    """Call of the Wild as N.D. Cal. reports it: BitTorrent, at the early-discovery stage."""
    return PermissiveJoinderFacts(bittorrent_alleged=True, stage=CaseStage.early_discovery)


@legal_test(
    id="joinder.call_of_the_wild_permissive",
    court=COTW_COURT,
    citation=COTW_CITATION,
    issue="joinder",
    title="Call of the Wild's permissive approach, as N.D. Cal. describes it",
    facts=PermissiveJoinderFacts,
    is_holding=False,
    source_facts=cotw_source_facts,
)
def call_of_the_wild_permissive(f: PermissiveJoinderFacts) -> Ruling:
    """As N.D. Cal. describes it, Call of the Wild accepted that BitTorrent makes every downloader
    an uploader, found joinder satisfied for permitting early discovery, and put the question off
    until after discovery and a motion to quash (Hard Drive, N.D. Cal. 2012, pp. 9:27-10:3).
    """
    premise = Reason(
        element="Every BitTorrent downloader is also an uploader (the premise accepted)",
        met=True if f.bittorrent_alleged else None,
        explanation=(
            "The Does are said to have used BitTorrent, the protocol whose design Call of the Wild relied on. "
            "Diabolic, which N.D. Cal. followed, found that premise too tenuous to justify early discovery "
            "of thousands of subscribers' identities."
            if f.bittorrent_alleged
            else "The approach, as described, rests on a feature of BitTorrent; for Does not said to have "
            f"used it, the description does not say what follows. {UNDECIDED}"
        ),
        facts=("bittorrent_alleged",),
        quote_ids=("ndcal.joinder.call_of_the_wild_uploader", "ndcal.joinder.diabolic_too_tenuous"),
    )
    if f.stage == CaseStage.early_discovery:
        stage = Reason(
            element="Stage: the question deferred until after discovery and a motion to quash",
            met=True,
            explanation=(
                "At the early-discovery stage the question is put off; joinder is treated as satisfied "
                "for the purpose of letting the plaintiff subpoena the ISPs."
            ),
            facts=("stage",),
            quote_ids=("ndcal.joinder.some_courts_deferred", "ndcal.joinder.call_of_the_wild_uploader"),
        )
    else:
        stage = Reason(
            element="Stage: the question deferred until after discovery and a motion to quash",
            met=None,
            explanation=(
                "N.D. Cal. reports only that Call of the Wild put the question off until this stage; how it "
                f"is decided then, the description does not say. {UNDECIDED}"
            ),
            facts=("stage",),
            quote_ids=("ndcal.joinder.some_courts_deferred",),
        )
    if premise.met and stage.met:
        outcome = Outcome.joinder_deferred
        summary = (
            "Joinder accepted for now, to permit early discovery, with the question deferred until after a "
            "motion to quash: Call of the Wild's approach, as N.D. Cal. describes it."
        )
    else:
        outcome = Outcome.undetermined
        summary = (
            "Call of the Wild's approach, as N.D. Cal. describes it, does not reach these facts. " + UNDECIDED
        )
    return Ruling(
        test_id="joinder.call_of_the_wild_permissive",
        court=COTW_COURT,
        citation=COTW_CITATION,
        question="Must joinder be decided before early discovery is allowed?",
        outcome=outcome,
        summary=summary,
        reasons=(premise, stage),
        is_holding=False,
        note=(
            "N.D. Cal. did not follow this approach: like Diabolic it decided joinder together with the "
            "application for early discovery, and severed Does 2-90 (joinder.ndcal_2012)."
        ),
    )


# ============================================================================================
# 5. N.D. Ill. 2013 (No. 12 cv 6675): discretionary severance for fairness and manageability
# ============================================================================================

RULE21_CITATION = (
    "Malibu Media, LLC v. John Does 1-68, No. 12 cv 6675 (N.D. Ill. Sept. 27, 2013), Discussion, Part I "
    "(quoting Third Degree Films, Inc. v. Does 1-131, 280 F.R.D. 493, 498-99 (D. Ariz. 2012))"
)


class DiscretionarySeveranceFacts(Facts):
    """What bears on severing Does for fairness and manageability, apart from Rule 20."""

    does_count: int = Field(
        ge=2, le=100_000, description="number of Does remaining in the suit",
        json_schema_extra={"search": [2, 5000], "step": 1},
    )
    distinct_defenses_likely: bool = Field(
        description="a likelihood that the Does will raise different factual and legal defenses"
    )
    pro_se_does_expected: bool = Field(
        description="a prospect that some Does will appear pro se without e-filing"
    )
    main_efficiency_is_filing_fees: bool = Field(
        description="joinder's main efficiency being the plaintiff's saving on filing fees"
    )


def rule21_source_facts() -> DiscretionarySeveranceFacts:
    """No. 12 cv 6675: 47 Does left (68, less 21 dismissed); the Third Degree Films concerns the court
    adopted (different defenses, pro se Does serving paper); filing fees the only efficiency."""
    return DiscretionarySeveranceFacts(
        does_count=NDILL_MANAGEABILITY_DOES,
        distinct_defenses_likely=True,
        pro_se_does_expected=True,
        main_efficiency_is_filing_fees=True,
    )


@legal_test(
    id="joinder.rule21_discretion",
    court=NDILL_COURT,
    citation=RULE21_CITATION,
    issue="joinder",
    title="Rule 21: severance in the court's discretion for fairness and manageability",
    facts=DiscretionarySeveranceFacts,
    source_facts=rule21_source_facts,
)
def rule21_discretion(f: DiscretionarySeveranceFacts) -> Ruling:
    """A court may sever Does for fairness and manageability when many remain, each may have
    different defenses, pro se Does would have to serve paper on all, and joinder's only
    efficiency is saving filing fees (Malibu Media, No. 12 cv 6675, N.D. Ill. 2013, Discussion,
    Part I, quoting Third Degree Films, 280 F.R.D. at 498-99).

    The court weighed these together on 47 Does. It gave no cut-off below 47 and did not say
    which concern could be dropped, so anything short of its facts is left undecided.
    """
    saved = filing_fees_saved(f.does_count, CP_PRODUCTIONS_FEE_PER_CASE_USD)
    count_met = f.does_count >= NDILL_MANAGEABILITY_DOES
    reasons = [
        Reason(
            element="Number of Does remaining",
            met=True if count_met else None,
            explanation=(
                f"{f.does_count} Does remain. The court held that 47 raised significant fairness and "
                "manageability concerns: hearings and discovery disputes would be nearly impossible to "
                "schedule, and the Does would in effect be tried separately."
                if count_met
                else f"{f.does_count} Does remain. The court held 47 enough and gave no lower cut-off; in No. "
                "12 cv 6677, with only two Does left, it severed on the Rule 20 ground, not for "
                f"manageability. {UNDECIDED}"
            ),
            facts=("does_count",),
            quote_ids=(
                ("ndill.joinder.forty_seven_does", "ndill.joinder.scheduling_impossible", "ndill.joinder.separate_trials")
                if count_met
                else ("ndill.joinder.forty_seven_does", "ndill.joinder.only_29_and_38")
            ),
        ),
        Reason(
            element="Different defenses",
            met=True if f.distinct_defenses_likely else None,
            explanation=(
                "Each Doe may raise its own factual and legal defenses and file unrelated motions, all to be "
                "resolved in one case."
                if f.distinct_defenses_likely
                else "The Does are not expected to raise different defenses, one of the concerns the court "
                f"weighed; whether the others suffice without it, the court did not say. {UNDECIDED}"
            ),
            facts=("distinct_defenses_likely",),
            quote_ids=("ndill.joinder.different_defenses",),
        ),
        Reason(
            element="Pro se Does serving paper on every party",
            met=True if f.pro_se_does_expected else None,
            explanation=(
                "A Doe who appears pro se and does not e-file would have to serve paper copies of every "
                "filing on every other party."
                if f.pro_se_does_expected
                else "No Doe is expected to appear pro se, one of the concerns the court weighed; whether the "
                f"others suffice without it, the court did not say. {UNDECIDED}"
            ),
            facts=("pro_se_does_expected",),
            quote_ids=("ndill.joinder.pro_se_paper_copies",),
        ),
        Reason(
            element="Efficiency of joinder: only filing fees",
            met=True if f.main_efficiency_is_filing_fees else None,
            explanation=(
                "The main efficiency joinder offers is that the plaintiff avoids a filing fee for each Doe, "
                "which does not justify joinder. (For scale, our arithmetic: at the $350 per case that "
                f"CP Productions used, as a Doe's motion quotes it, one suit instead of {f.does_count} saves "
                f"${_num(saved)}.)"
                if f.main_efficiency_is_filing_fees
                else "Joinder is said to bring efficiencies beyond saving filing fees; the court did not weigh "
                f"such a case. {UNDECIDED}"
            ),
            facts=("main_efficiency_is_filing_fees", "does_count"),
            quote_ids=("ndill.joinder.filing_fees_insufficient",),
        ),
    ]
    if all(r.met for r in reasons):
        outcome = Outcome.sever
        summary = (
            f"Sever: with {f.does_count} Does, different defenses, pro se Does and no efficiency beyond "
            "filing fees, fairness and manageability call for severance in the court's discretion, as "
            "N.D. Ill. held for the 47 Does in No. 12 cv 6675 (Does 2-68 severed)."
        )
    else:
        outcome = Outcome.undetermined
        summary = (
            "These facts fall short of those on which N.D. Ill. severed for fairness and manageability, "
            f"and the opinion gives no rule for them. {UNDECIDED}"
        )
    reasons.insert(
        0,
        Reason(
            element="Standard: the court's discretion, fundamental fairness",
            met=True,
            explanation=(
                "Apart from Rule 20's requirements, the court may weigh other factors of fundamental "
                "fairness, and has broad discretion in deciding motions to sever."
            ),
            quote_ids=("ndill.joinder.fundamental_fairness", "ndill.joinder.burden_and_discretion"),
        ),
    )
    return Ruling(
        test_id="joinder.rule21_discretion",
        court=NDILL_COURT,
        citation=RULE21_CITATION,
        question="Should the court sever the Does in its discretion, for fairness and manageability?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
        note=(
            "Doe 328's motion in West Coast Productions (S.D. Tex., seed 000, ¶ 25) argued the same "
            "discretionary ground, including the burden of serving every motion on many pro se Does "
            "(quotes sdtex.motion.rule21_discretion, sdtex.motion.every_motion_every_party). "
            "That is advocacy, not a ruling."
        ),
    )
