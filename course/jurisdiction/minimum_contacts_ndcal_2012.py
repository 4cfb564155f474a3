"""N.D. Cal. 2012 (Lloyd, M.J.): no minimum contacts alleged for the non-resident Does.

Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012), pp. 7:5-8:5
(seed 001). Having found no prima facie showing of California residence, the court asked "whether
plaintiff has alleged minimum contacts sufficient to support the exercise of general or specific personal
jurisdiction over any non-resident defendants." It stated the two routes (quoting Data Disc): activities
in the state that are "substantial" or "continuous and systematic" support general jurisdiction;
otherwise limited jurisdiction needs a sufficient relationship between the defendant's contacts and the
claim. It held the complaint's summary assertion of up- and downloads to Californians insufficient, noted
that no transfer to a Californian was alleged, and said (quote ``ndcal.discovery.f1_miniscule``):

    "Even if plaintiff could show that each of the Doe defendants transferred a piece of the file to a
    California resident, this single, miniscule action would not constitute “minimum contacts” with the
    state of California."

So one piece per Doe fails (data/thresholds.yaml, ``ndcal.contacts.pieces_decided``); how many pieces
would be enough the court did not say. General jurisdiction on substantial, continuous and systematic
activity is the court's own stated standard, applied as stated.
"""
from __future__ import annotations

from pydantic import Field

from ..fmt import num
from ..records import threshold
from ..registry import legal_test
from ..ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "jurisdiction.minimum_contacts_ndcal_2012"

#: The most pieces per Doe the court said would not be minimum contacts (one), from data/thresholds.yaml.
PIECES_DECIDED = int(threshold("ndcal.contacts.pieces_decided"))


class MinimumContactsFacts(Facts):
    """What the complaint alleges about each non-resident Doe's contacts with the forum state."""

    transfers_to_forum_count: int = Field(
        ge=0, le=1_000_000,
        description="pieces of the work each Doe is alleged, with facts, to have transferred to forum residents",
        json_schema_extra={"search": [0, 10_000], "step": 1},
    )
    summary_forum_assertion: bool = Field(
        False,
        description="the complaint's bare assertion that the Does downloaded from or uploaded to forum residents",
    )
    same_time_in_swarm_alleged: bool = Field(
        False, description="an allegation that the Does were in the swarm at the same time"
    )
    continuous_systematic_activity: bool = Field(
        False, description="the Doe's substantial, or continuous and systematic, activities in the forum state"
    )


def minimum_contacts_source_facts() -> MinimumContactsFacts:
    """Hard Drive: a bare assertion of up- and downloads to and from Californians; no allegation that any
    Doe transferred a piece to a Californian, nor that the Does were in the swarm at the same time; nothing
    about activities in California."""
    return MinimumContactsFacts(transfers_to_forum_count=0, summary_forum_assertion=True)


# --- one function per element -----------------------------------------------------------------

def standard(f: MinimumContactsFacts) -> Reason:
    return Reason(
        id="ndcal.contacts.standard",
        element="Due process: minimum contacts, judged Doe by Doe",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "A court may exercise personal jurisdiction over a non-resident only if the defendant has minimum "
            "contacts with the forum state, and each defendant's contacts are judged on their own. Having found "
            "no showing that the Does live in California, the court asked whether contacts were alleged."
        ),
        quote_ids=(
            "ndcal.jurisdiction.minimum_contacts",
            "ndcal.jurisdiction.evaluated_individually",
            "ndcal.jurisdiction.must_ask_contacts",
        ),
    )


def general(f: MinimumContactsFacts) -> Reason:
    if f.continuous_systematic_activity:
        return Reason(
            id="ndcal.contacts.general",
            element="General jurisdiction: substantial, or continuous and systematic, activity in the state",
            met=True,
            explanation=(
                "The Doe's activities in the forum state are substantial, or continuous and systematic: the court's "
                "stated standard for a relationship with the state that supports general jurisdiction."
            ),
            facts=("continuous_systematic_activity",),
            quote_ids=("ndcal.jurisdiction.general",),
        )
    return Reason(
        id="ndcal.contacts.general",
        element="General jurisdiction: substantial, or continuous and systematic, activity in the state",
        met=False,
        explanation=(
            "Nothing alleged suggests that the Doe's activities in the forum state are substantial, or continuous "
            "and systematic, so there is no general jurisdiction."
        ),
        facts=("continuous_systematic_activity",),
        quote_ids=("ndcal.jurisdiction.general", "ndcal.discovery.f1_summary_assertion"),
    )


def summary_assertion(f: MinimumContactsFacts) -> Reason:
    return Reason(
        id="ndcal.contacts.summary_assertion",
        element="The complaint's bare assertion of transfers to and from forum residents",
        met=False,
        decisive=False,
        explanation=(
            "A summary assertion that the Does downloaded from or uploaded to forum residents does not support "
            "general or limited jurisdiction; what counts is what each Doe is alleged, with facts, to have done."
        ),
        facts=("summary_forum_assertion",),
        quote_ids=("ndcal.discovery.f1_summary_assertion",),
    )


def same_time(f: MinimumContactsFacts) -> Reason:
    """Noted by the court among what the complaint lacks; its weight on its own was never stated."""
    if not f.same_time_in_swarm_alleged:
        return Reason(
            id="ndcal.contacts.same_time",
            element="The Does were in the swarm at the same time",
            met=False,
            decisive=False,
            explanation="The complaint does not allege that the Does were in the swarm at the same time.",
            facts=("same_time_in_swarm_alleged",),
            quote_ids=("ndcal.jurisdiction.no_transfer_alleged",),
        )
    return Reason(
        id="ndcal.contacts.same_time",
        element="The Does were in the swarm at the same time",
        met=None,
        decisive=False,
        explanation=(
            "The complaint alleges that the Does were in the swarm together. The court noted its absence but did "
            f"not say what it would add to the contacts, which turn on each Doe's own transfers. {UNDECIDED}"
        ),
        facts=("same_time_in_swarm_alleged",),
        quote_ids=("ndcal.jurisdiction.no_transfer_alleged",),
    )


def transfers(f: MinimumContactsFacts) -> Reason:
    """Specific (limited) jurisdiction through the swarm: none alleged fails; one piece fails (stated);
    more is open."""
    n = f.transfers_to_forum_count
    element = "Specific (limited) jurisdiction: the Doe's own transfers to forum residents"
    facts = ("transfers_to_forum_count",)
    if n == 0:
        return Reason(
            id="ndcal.contacts.transfers", element=element, met=False, facts=facts,
            explanation=(
                "No Doe is alleged, with facts, to have transferred any piece of the work to a forum resident; "
                "without a showing for each Doe, the court cannot exercise jurisdiction."
            ),
            quote_ids=("ndcal.jurisdiction.no_transfer_alleged", "ndcal.jurisdiction.each_doe"),
        )
    if n <= PIECES_DECIDED:
        return Reason(
            id="ndcal.contacts.transfers", element=element, met=False, facts=facts,
            explanation=(
                f"{num(n)} piece per Doe transferred to a forum resident: the court said that even this single, "
                "tiny act would not be minimum contacts with the state."
            ),
            quote_ids=("ndcal.discovery.f1_miniscule", "ndcal.jurisdiction.minimum_contacts"),
        )
    return Reason(
        id="ndcal.contacts.transfers", element=element, met=None, facts=facts,
        explanation=(
            f"Each Doe is alleged to have transferred {num(n)} pieces to forum residents. The court said one piece "
            f"is not minimum contacts; it did not say how many would be. {UNDECIDED}"
        ),
        quote_ids=("ndcal.discovery.f1_miniscule", "ndcal.jurisdiction.limited"),
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="hard_drive_ndcal_2012",
    pinpoint="pp. 7:5-8:5",
    issue="jurisdiction",
    title="Minimum contacts of non-resident Does through a BitTorrent swarm",
    facts=MinimumContactsFacts,
    source_facts=minimum_contacts_source_facts,
    never=(Outcome.jurisdiction_shown,),
)
def minimum_contacts_ndcal_2012(f: MinimumContactsFacts) -> Ruling:
    """A summary assertion of transfers to Californians is not minimum contacts, nor would one piece per Doe
    be (Hard Drive, N.D. Cal. 2012, pp. 7:23-8:5). How many pieces would be enough is not decided."""
    gen, spec = general(f), transfers(f)
    elements = [standard(f), gen]
    if f.summary_forum_assertion:
        elements.append(summary_assertion(f))
    elements += [same_time(f), spec]
    # General and specific jurisdiction are alternatives, so the elements are not all required together:
    # each route is combined on its own and either one suffices.
    # N.D. Cal. only recited the general-jurisdiction standard and applied neither route in a plaintiff's
    # favour; its own standard also asks for fair play and substantial justice, which it never reached. So a
    # route that is met lifts the bar (not_precluded); it never shows jurisdiction.
    by_general = combine([gen], fails=Outcome.jurisdiction_not_shown, passes=None)
    by_specific = combine([spec], fails=Outcome.jurisdiction_not_shown, passes=None)
    if Outcome.not_precluded in (by_general, by_specific):
        outcome = Outcome.not_precluded
        summary = (
            "The Doe's substantial, or continuous and systematic, activities in the forum state meet the standard "
            "for general jurisdiction that N.D. Cal. stated (quoting Data Disc), so its ground for refusing "
            "jurisdiction does not apply. The court never applied that standard in a plaintiff's favour, nor reached "
            "fair play and substantial justice; it did not say jurisdiction would then be shown."
        )
    elif by_specific == Outcome.undetermined:
        outcome = Outcome.undetermined
        summary = (
            f"No general jurisdiction, and {num(f.transfers_to_forum_count)} pieces per Doe transferred to forum "
            f"residents: N.D. Cal. said one is not enough but not how many would be. {UNDECIDED}"
        )
    else:
        outcome = Outcome.jurisdiction_not_shown
        summary = (
            "No minimum contacts are shown for any non-resident Doe, so the court cannot exercise personal "
            "jurisdiction over them."
        )
    return Ruling(
        test_id=TEST_ID,
        question="Has the plaintiff alleged minimum contacts between each non-resident Doe and the forum state?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
    )
