"""N.D. Ill. 2013 (Lee, J.): no joinder without the same swarm at roughly the same time.

Malibu Media, LLC v. John Does 1-68 and 1-42, Nos. 12 cv 6675, 12 cv 6677 (N.D. Ill. Sept. 27,
2013), Discussion, Part I (seed 002). The rule, in the court's words (quote
``ndill.joinder.better_approach``):

    "the better approach is to preclude joinder in those cases where the plaintiff has failed to
    assert that all of the defendants participated in the same swarm at roughly the same time."

It is stated as a BAR. So this test says whether the bar applies; it never says joinder is proper
(``Outcome.not_precluded`` at most). The court decided one gap, Doe 29 to Doe 38, seventeen days;
any shorter gap is judged against the course's ASSUMED stay in the swarm (``session_hours``,
data/thresholds.yaml), and a result that turns on it says so with its value.

Elements, top to bottom: burden (stated), same swarm, same time, common question (Rule 20(a)(2)(B),
which the court did not reach), and, where the bar applies, the remedy.
"""
from __future__ import annotations

import csv
import datetime as dt
from enum import Enum

from pydantic import Field

from ..fmt import hours, hours_text
from ..records import DATA_DIR, threshold
from ..registry import legal_test
from ..ruling import UNDECIDED, Basis, Counterfactual, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "joinder.ndill_2013"


# --- the court's own figures ----------------------------------------------------------------

def _observations() -> dict[int, dt.datetime]:
    """Does 29 and 38's observation times (quote ndill.joinder.doe29_doe38_times), from their one
    home, ``data/exhibits/ndill_doe29_doe38.csv``. The opinion gives no time zone; the file states
    the one assumed, and both times are on the same clock."""
    with open(DATA_DIR / "exhibits" / "ndill_doe29_doe38.csv", newline="", encoding="utf-8") as fh:
        return {int(row["doe"]): dt.datetime.fromisoformat(row["observed_at"]) for row in csv.DictReader(fh)}


def hours_between(earlier: dt.datetime, later: dt.datetime) -> float:
    """Hours from one observation to another (negative if ``later`` is earlier)."""
    return (later - earlier).total_seconds() / 3600


DOE_29_OBSERVED = _observations()[29]
DOE_38_OBSERVED = _observations()[38]

#: 16 days 15 h 48 min = 399.8 hours (computed; the court calls it seventeen days): the one gap the
#: court decided was too long to infer same-time participation.
NDILL_DECIDED_GAP_HOURS = hours_between(DOE_29_OBSERVED, DOE_38_OBSERVED)

#: How long a Doe is assumed to stay in the swarm after being observed: an ASSUMPTION of the course
#: (data/thresholds.yaml, ndill.joinder.session_hours), never a finding.
DEFAULT_SESSION_HOURS = threshold("ndill.joinder.session_hours")


# --- facts ------------------------------------------------------------------------------------

class SwarmLink(str, Enum):
    """What the complaint offers to put the Does in one swarm."""

    no_common_swarm = "no_common_swarm"
    same_hash_only = "same_hash_only"  # only that each Doe copied a piece with the same hash
    same_swarm = "same_swarm"  # an allegation that all the Does were in the same swarm


class SameTimeJoinderFacts(Facts):
    """What the complaint and its exhibit show about when the Does were in the swarm (N.D. Ill.)."""

    swarm_link: SwarmLink = Field(description="what the complaint offers to put the Does in one swarm")
    same_time_alleged: bool = Field(
        description="an allegation that all the Does were in the swarm at roughly the same time"
    )
    gap_hours: float = Field(
        ge=0, le=1_000_000, description="hours between the earliest and the latest Doe's observation",
        json_schema_extra={"search": [0, 2000], "step": 0.001},
    )
    session_hours: float = Field(
        DEFAULT_SESSION_HOURS,
        gt=0,
        lt=NDILL_DECIDED_GAP_HOURS,
        description="hours a Doe is assumed to stay in the swarm after being observed (an assumption, not a finding)",
        json_schema_extra={"search": [0.1, 399], "step": 0.1, "counterfactual": False, "assumption": True},
    )
    common_question_alleged: bool = Field(
        True, description="a question of law or fact common to all the Does"
    )


def ndill_source_facts() -> SameTimeJoinderFacts:
    """No. 12 cv 6677: only Does 29 and 38 remain; the complaint relies on the same hash and does
    not allege same-time participation; the gap is computed from the two observation times."""
    return SameTimeJoinderFacts(
        swarm_link=SwarmLink.same_hash_only,
        same_time_alleged=False,
        gap_hours=NDILL_DECIDED_GAP_HOURS,
        session_hours=DEFAULT_SESSION_HOURS,
        common_question_alleged=True,
    )


def ndill_joinable_window_hours(f: SameTimeJoinderFacts) -> float:
    """The largest gap between the earliest and the latest observation at which the earliest Doe is
    still in the swarm when the latest arrives: the assumed stay, ``session_hours``.

    N.D. Ill. asks whether the earlier Doe was still in the swarm when the later one joined (quote
    ndill.joinder.strains_credulity). Take each Doe to join when observed and stay
    ``session_hours``; the earliest and the latest overlap if and only if the gap is at most the
    stay, and then every Doe observed between them overlaps both. An assumption, not a finding.
    """
    return f.session_hours


# --- one function per element -----------------------------------------------------------------

def burden(f: SameTimeJoinderFacts) -> Reason:
    return Reason(
        id="ndill.joinder.burden",
        element="Burden: on the party asserting joinder",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "The plaintiff, as the party asserting joinder, must show that joinder is appropriate; the court "
            "has broad discretion on motions to sever."
        ),
        quote_ids=("ndill.joinder.burden_and_discretion",),
    )


def same_swarm(f: SameTimeJoinderFacts) -> Reason:
    if f.swarm_link == SwarmLink.same_swarm:
        return Reason(
            id="ndill.joinder.same_swarm",
            element="Same swarm (necessary, not sufficient)",
            met=True,
            explanation="The Does are alleged to have been in the same swarm; as Judge Kendall's summary puts "
                        "it, that is necessary but not enough.",
            facts=("swarm_link",),
            quote_ids=("ndill.joinder.necessary_not_sufficient",),
        )
    if f.swarm_link == SwarmLink.same_hash_only:
        return Reason(
            id="ndill.joinder.same_swarm",
            element="Same swarm (necessary, not sufficient)",
            met=None,
            explanation=(
                "The complaint says only that each Doe copied a piece with the same hash. That shows the same "
                "piece was downloaded at some point in the swarm's life; as Voltage put it, it does not "
                "necessarily mean one swarm. The court did not decide whether that meets this element; it "
                f"rested on timing. {UNDECIDED}"
            ),
            facts=("swarm_link",),
            quote_ids=("ndill.joinder.hash_same_piece", "ndill.joinder.hash_not_single_swarm"),
        )
    return Reason(
        id="ndill.joinder.same_swarm",
        element="Same swarm (necessary, not sufficient)",
        met=False,
        explanation="Nothing puts the Does in a common swarm, which the cases the court relied on treat as "
                    "necessary for joinder.",
        facts=("swarm_link",),
        quote_ids=("ndill.joinder.necessary_not_sufficient",),
    )


def same_time(f: SameTimeJoinderFacts) -> Reason:
    """The element the court decided: the 17-day gap fails whatever the stay; a shorter gap is
    judged only against the assumed stay, and says so."""
    window = ndill_joinable_window_hours(f)
    gap = hours_text(f.gap_hours)
    facts = ("same_time_alleged", "gap_hours", "session_hours")
    not_alleged = ("ndill.joinder.not_alleged_same_time",)
    assumed = {"session_hours": f.session_hours}
    if f.gap_hours >= NDILL_DECIDED_GAP_HOURS:
        return Reason(
            id="ndill.joinder.same_time",
            element="Same swarm at roughly the same time",
            met=False,
            explanation=(
                f"The earliest and the latest Doe were observed {gap} apart: at least the gap between Doe 29 and "
                "Doe 38 (which the court called seventeen days), and the court held it strains credulity that "
                "the first was still in the swarm when the second joined"
                + ("." if f.same_time_alleged else "; and the plaintiff does not allege same-time participation.")
            ),
            facts=facts,
            quote_ids=("ndill.joinder.strains_credulity", "ndill.joinder.doe29_doe38_times")
            + (() if f.same_time_alleged else not_alleged),
        )
    if f.gap_hours > window:
        return Reason(
            id="ndill.joinder.same_time",
            element="Same swarm at roughly the same time",
            met=False,
            basis=Basis.assumed,
            assumptions=assumed,
            explanation=(
                f"The earliest and the latest Doe were observed {gap} apart. On the course's assumed stay of "
                f"{hours(window)} after being observed, the earliest had left before the latest arrived. The "
                "court decided only that seventeen days is too long; this line rests on the assumption, so "
                "change it to test it"
                + ("." if f.same_time_alleged else ". The plaintiff also does not allege same-time participation.")
            ),
            facts=facts,
            quote_ids=("ndill.joinder.swarm_weeks_peer_fraction", "ndill.joinder.same_time_required")
            + (() if f.same_time_alleged else not_alleged),
        )
    if f.same_time_alleged:
        return Reason(
            id="ndill.joinder.same_time",
            element="Same swarm at roughly the same time",
            met=True,
            basis=Basis.assumed,
            assumptions=assumed,
            explanation=(
                f"The plaintiff alleges that the Does were in the swarm at roughly the same time, and the "
                f"observations ({gap} apart) fit within the course's assumed stay of {hours(window)}."
            ),
            facts=facts,
            quote_ids=("ndill.joinder.better_approach", "ndill.joinder.same_time_required"),
        )
    return Reason(
        id="ndill.joinder.same_time",
        element="Same swarm at roughly the same time",
        met=None,
        explanation=(
            f"The observations ({gap} apart) fit within the course's assumed stay of {hours(window)}, but the "
            "plaintiff does not allege that the Does were in the swarm at the same time, which the court required "
            "it to assert. Whether observation times this close would count as that allegation on their own, "
            f"the court did not say. {UNDECIDED}"
        ),
        facts=facts,
        quote_ids=("ndill.joinder.better_approach", "ndill.joinder.no_allegations_same_time"),
    )


def common_question(f: SameTimeJoinderFacts) -> Reason:
    """Rule 20(a)(2)(B), which the court quoted but did not reach."""
    if not f.common_question_alleged:
        return Reason(
            id="ndill.joinder.common_question",
            element="A common question of law or fact (Rule 20(a)(2)(B))",
            met=False,
            explanation="No question of law or fact is common to all the Does, which Rule 20, as the court "
                        "quoted it, also requires.",
            facts=("common_question_alleged",),
            quote_ids=("ndill.joinder.rule20",),
        )
    return Reason(
        id="ndill.joinder.common_question",
        element="A common question of law or fact (Rule 20(a)(2)(B))",
        met=None,
        basis=Basis.not_reached,
        decisive=False,
        explanation="Rule 20 also requires a question common to all the Does. The court quoted the rule but "
                    "did not reach this requirement; its ruling turned on the same transaction or occurrence.",
        facts=("common_question_alleged",),
        quote_ids=("ndill.joinder.rule20",),
    )


def remedy() -> Reason:
    return Reason(
        id="ndill.joinder.remedy",
        element="Remedy: severance (Rule 21)",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "Where the plaintiff has not met its burden, severance is appropriate: the court keeps the "
            "lowest-numbered Doe and severs the rest, and the plaintiff may file separate amended complaints "
            "against each."
        ),
        quote_ids=("ndill.joinder.severance_appropriate", "ndill.joinder.rule21"),
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="malibu_media_ndill_2013",
    pinpoint="Discussion, Part I",
    issue="joinder",
    title="Rule 20 joinder: no joinder without the same swarm at roughly the same time (a bar)",
    facts=SameTimeJoinderFacts,
    source_facts=ndill_source_facts,
    never=(Outcome.joinder_proper,),
    short="Rule 20 (same swarm, same time)",
)
def ndill_same_swarm_same_time(f: SameTimeJoinderFacts) -> Ruling:
    """Joinder is precluded where the plaintiff has not asserted that all the Does were in the same
    swarm at roughly the same time (Malibu Media, N.D. Ill. 2013, Discussion, Part I). A bar: it can
    preclude joinder; it never makes joinder proper."""
    return _ruling(f, with_counterfactuals=True)


def _ruling(f: SameTimeJoinderFacts, *, with_counterfactuals: bool) -> Ruling:
    elements = [burden(f), same_swarm(f), same_time(f), common_question(f)]
    outcome = combine(elements, fails=Outcome.joinder_improper, passes=None)
    if outcome == Outcome.joinder_improper:
        elements.append(remedy())
        failed = "; ".join(r.element.lower() for r in elements if r.decisive and r.met is False)
        summary = (
            f"Joinder precluded (not shown: {failed}). The plaintiff has not met its burden, and the Does after "
            "the lowest-numbered one are severed."
        )
    elif outcome == Outcome.not_precluded:
        summary = (
            "N.D. Ill.'s bar does not apply: the same swarm at roughly the same time is alleged. The court "
            "stated only when joinder is precluded; whether joinder is then proper it did not decide (it noted "
            "that a swarm's peers need not all interact, and called Voltage, which also asks for an actual "
            "exchange, instructive)."
        )
    else:
        summary = (
            "Nothing fails, but at least one element is left open on these facts: "
            + "; ".join(r.element.lower() for r in elements if r.decisive and r.met is None)
            + f". {UNDECIDED}"
        )
    counterfactuals: list[Counterfactual] = []
    if with_counterfactuals and outcome != Outcome.not_precluded:
        window = ndill_joinable_window_hours(f)
        combined = {"swarm_link": SwarmLink.same_swarm, "same_time_alleged": True, "common_question_alleged": True}
        changed = f.model_copy(update={**combined, "gap_hours": min(f.gap_hours, window)})
        if _ruling(changed, with_counterfactuals=False).outcome == Outcome.not_precluded:
            also = {k: v for k, v in combined.items() if getattr(f, k) != v}
            counterfactuals.append(Counterfactual(
                fact="gap_hours", from_value=f.gap_hours, to_value=min(f.gap_hours, window), also=also,
                outcome=Outcome.not_precluded,
                explanation=(
                    f"N.D. Ill.'s bar would not apply if the latest Doe had been observed within {hours(window)} "
                    "of the earliest"
                    + (" and the complaint alleged that the Does were in the same swarm at roughly the same time"
                       if also else "")
                    + ". That window is the course's assumed stay (session_hours), not a finding; the court decided "
                    f"only that {hours_text(NDILL_DECIDED_GAP_HOURS)}, about seventeen days, is too long. Even then "
                    "the court did not say joinder would be proper."
                ),
            ))
    return Ruling(
        test_id=TEST_ID,
        question="Is joinder of the Does precluded under Rule 20?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
        counterfactuals=tuple(counterfactuals),
    )
