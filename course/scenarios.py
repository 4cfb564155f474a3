"""One set of joinder facts, every court's joinder test.

The courts weigh overlapping facts in their own terms. :class:`JoinderScenario` holds the
facts a student toggles (same hash, same swarm, same time, direct exchange, number of
Does, pro se burden...) and :func:`joinder_facts` translates them into each test's own
fact set. This module is the only place that knows that translation; the widgets and
lessons call it, and each court's test then decides.
"""
from __future__ import annotations

from pydantic import Field

from . import joinder
from .ruling import Facts, Outcome

#: The joinder tests compared side by side, in the order a lesson discusses them.
JOINDER_TESTS = (
    "joinder.ndcal_2012",
    "joinder.ndill_2013",
    "joinder.voltage_two_part",
    "joinder.call_of_the_wild_permissive",
    "joinder.rule21_discretion",
)


class JoinderScenario(Facts):
    """The facts a plaintiff alleges (or a student imagines) to join Does in one suit."""

    does_count: int = Field(47, ge=2, le=100_000, description="number of Doe defendants joined in the suit")
    same_hash_alleged: bool = Field(True, description="each Doe copied a piece with the same hash")
    same_swarm_alleged: bool = Field(True, description="the Does were in the same swarm")
    same_time_alleged: bool = Field(False, description="the Does were in the swarm at roughly the same time")
    gap_hours: float = Field(
        399.8, ge=0, le=24 * 3650,
        description="hours between the earliest and the latest Doe's observation",
        json_schema_extra={"step": 0.5, "search": [0, 24 * 90]},
    )
    closest_gap_hours: float | None = Field(
        None, ge=0, le=24 * 3650,
        description="hours between the two Does observed closest together (from an exhibit)",
        json_schema_extra={"counterfactual": False},
    )
    direct_exchange_alleged: bool = Field(
        False, description="the Does exchanged pieces of the work directly with one another"
    )
    civil_conspiracy_alleged: bool = Field(False, description="the Does acted in a civil conspiracy")
    pro_se_does_expected: bool = Field(True, description="some Does will appear pro se and not e-file")
    distinct_defenses_likely: bool = Field(True, description="the Does will have different defenses")
    filing_fees_main_efficiency: bool = Field(
        True, description="joinder's main efficiency is the plaintiff's saving on filing fees"
    )
    early_discovery_stage: bool = Field(
        True, description="joinder is raised on the application for early discovery (not after a motion to quash)"
    )
    session_hours: float = Field(
        joinder.DEFAULT_SESSION_HOURS, ge=0.1, le=24 * 30,
        description="hours a Doe is assumed to stay in the swarm (an assumption, not a finding)",
    )


def joinder_facts(s: JoinderScenario) -> dict[str, Facts]:
    """Each joinder test's own facts for one scenario.

    N.D. Cal. speaks of the Does' timing by category, which turns on the two Does observed
    closest together: ``closest_gap_hours`` when an exhibit gives it, else ``gap_hours``
    (exact for two Does), unless same-time participation is alleged.
    """
    link = (
        joinder.SwarmLink.same_swarm if s.same_swarm_alleged
        else joinder.SwarmLink.same_hash_only if s.same_hash_alleged
        else joinder.SwarmLink.no_common_swarm
    )
    closest = s.gap_hours if s.closest_gap_hours is None else s.closest_gap_hours
    timing = joinder.AppearanceTiming.same_time if s.same_time_alleged else joinder.ndcal_timing(closest)
    ndill = joinder.SameTimeJoinderFacts(
        swarm_link=link,
        same_time_alleged=s.same_time_alleged,
        gap_hours=s.gap_hours,
        session_hours=s.session_hours,
        common_question_alleged=True,
    )
    return {
        "joinder.ndcal_2012": joinder.SwarmConcertFacts(
            does_count=s.does_count,
            same_swarm_alleged=s.same_swarm_alleged,
            direct_transfer_between_does_alleged=s.direct_exchange_alleged,
            appearance_timing=timing,
            span_days=s.gap_hours / 24,
        ),
        "joinder.ndill_2013": ndill,
        "joinder.voltage_two_part": joinder.TwoPartJoinderFacts(
            common_swarm_same_time_alleged=s.same_swarm_alleged and s.same_time_alleged,
            exchange_with_another_alleged=s.direct_exchange_alleged,
        ),
        "joinder.call_of_the_wild_permissive": joinder.PermissiveJoinderFacts(
            bittorrent_alleged=s.same_hash_alleged or s.same_swarm_alleged,
            stage=joinder.CaseStage.early_discovery if s.early_discovery_stage else joinder.CaseStage.after_motion_to_quash,
        ),
        "joinder.rule21_discretion": joinder.DiscretionarySeveranceFacts(
            does_count=s.does_count,
            distinct_defenses_likely=s.distinct_defenses_likely,
            pro_se_does_expected=s.pro_se_does_expected,
            main_efficiency_is_filing_fees=s.filing_fees_main_efficiency,
            # N.D. Ill. severed for manageability as an additional ground, for Does its Rule 20 bar had caught
            misjoined_under_rule20=joinder.ndill_same_swarm_same_time(ndill).outcome == Outcome.joinder_improper,
        ),
    }


def scenario_notes(s: JoinderScenario) -> list[str]:
    """Plain notes on facts that no test in the sources turns on."""
    notes = []
    if s.civil_conspiracy_alleged:
        notes.append(
            "Civil conspiracy: only Doe 328's motion (S.D. Tex., advocacy) discusses it, arguing the elements "
            "were not pleaded; no court in the sources decides joinder on a conspiracy allegation, so it "
            "changes none of the rulings here."
        )
    return notes
