"""Call of the Wild (D.D.C. 2011), as N.D. Cal. describes it: joinder accepted for now.

Hard Drive (N.D. Cal. 2012), pp. 9:27-10:7 (seed 001): "Some courts have deferred the question of
joinder and severance until after discovery has been authorized and a motion to quash has been
filed"; Call of the Wild "accepted the proposition that BitTorrent protocol 'makes every downloader
also an uploader of the illegally transferred file(s)' and found joinder satisfied for purposes of
permitting early discovery." N.D. Cal. did not follow it (Diabolic found the premise too tenuous).

As described, the approach decides one stage only: at early discovery joinder is accepted and the
question deferred. What happens after a motion to quash the description does not say.
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from ..registry import legal_test
from ..ruling import UNDECIDED, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "joinder.call_of_the_wild_permissive"


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


def uploader_premise(f: PermissiveJoinderFacts) -> Reason:
    return Reason(
        id="cotw.joinder.uploader_premise",
        element="Every BitTorrent downloader is also an uploader (the premise accepted)",
        met=True if f.bittorrent_alleged else None,
        explanation=(
            "The Does are said to have used BitTorrent, the protocol whose design Call of the Wild relied on. "
            "Diabolic, which N.D. Cal. followed, found that premise too tenuous to justify early discovery of "
            "thousands of subscribers' identities."
            if f.bittorrent_alleged
            else "The approach, as described, rests on a feature of BitTorrent; for Does not said to have used it, "
            f"the description does not say what follows. {UNDECIDED}"
        ),
        facts=("bittorrent_alleged",),
        quote_ids=("ndcal.joinder.call_of_the_wild_uploader", "ndcal.joinder.diabolic_too_tenuous"),
    )


def stage(f: PermissiveJoinderFacts) -> Reason:
    if f.stage == CaseStage.early_discovery:
        return Reason(
            id="cotw.joinder.stage",
            element="Stage: early discovery (the question deferred until after a motion to quash)",
            met=True,
            explanation="At the early-discovery stage the question is put off; joinder is treated as satisfied for "
                        "the purpose of letting the plaintiff subpoena the ISPs.",
            facts=("stage",),
            quote_ids=("ndcal.joinder.some_courts_deferred", "ndcal.joinder.call_of_the_wild_uploader"),
        )
    return Reason(
        id="cotw.joinder.stage",
        element="Stage: early discovery (the question deferred until after a motion to quash)",
        met=None,
        explanation="N.D. Cal. reports only that Call of the Wild put the question off until this stage; how it is "
                    f"decided then, the description does not say. {UNDECIDED}",
        facts=("stage",),
        quote_ids=("ndcal.joinder.some_courts_deferred",),
    )


@legal_test(
    id=TEST_ID,
    case="call_of_the_wild_ddc_2011",
    pinpoint="770 F. Supp. 2d at 339",
    described_in="hard_drive_ndcal_2012",
    described_at="pp. 9:27-10:7",
    issue="joinder",
    title="Call of the Wild's permissive approach, as N.D. Cal. describes it",
    facts=PermissiveJoinderFacts,
    source_facts=cotw_source_facts,
    never=(Outcome.joinder_proper, Outcome.joinder_improper),
)
def call_of_the_wild_permissive(f: PermissiveJoinderFacts) -> Ruling:
    """As N.D. Cal. describes it, Call of the Wild accepted that BitTorrent makes every downloader an
    uploader, found joinder satisfied for permitting early discovery, and put the question off until
    after discovery and a motion to quash (Hard Drive, N.D. Cal. 2012, pp. 9:27-10:3)."""
    elements = [uploader_premise(f), stage(f)]
    outcome = combine(elements, fails=Outcome.undetermined, passes=Outcome.joinder_deferred)
    if outcome == Outcome.joinder_deferred:
        summary = ("Joinder accepted for now, to permit early discovery, with the question deferred until after a "
                   "motion to quash: Call of the Wild's approach, as N.D. Cal. describes it.")
    else:
        summary = f"Call of the Wild's approach, as N.D. Cal. describes it, does not reach these facts. {UNDECIDED}"
    return Ruling(
        test_id=TEST_ID,
        question="Must joinder be decided before early discovery is allowed?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
        note=("N.D. Cal. did not follow this approach: like Diabolic it decided joinder together with the application "
              "for early discovery, and severed Does 2-90 (joinder.ndcal_2012)."),
    )
