"""Voltage Pictures (S.D. Ga. 2013), as N.D. Ill. describes it: a two-part requirement.

N.D. Ill. (Discussion, Part I) reports that because the plaintiff "could not allege that each
defendant: (a) participated in a common swarm at the same time as each other defendant; and (b)
actually exchanged a piece of copyrighted material with another," the court found joinder improper
(2013 WL 2181666, at *7). N.D. Ill. called the case instructive on the shared-hash point; it did not
adopt part (b) as its own rule (its own rule: joinder.ndill_2013).

As described, the test says what fails. It does not say that both parts together suffice, so it
never gives joinder proper (``never=(joinder_proper,)``).
"""
from __future__ import annotations

from pydantic import Field

from ..registry import legal_test
from ..ruling import Facts, Outcome, Reason, Ruling, combine

TEST_ID = "joinder.voltage_two_part"


class TwoPartJoinderFacts(Facts):
    """The two things Voltage Pictures required the plaintiff to allege about each Doe."""

    common_swarm_same_time_alleged: bool = Field(
        description="an allegation that each Doe was in a common swarm at the same time as each other Doe"
    )
    exchange_with_another_alleged: bool = Field(
        description="an allegation that each Doe actually exchanged a piece of the work with another Doe"
    )


def voltage_source_facts() -> TwoPartJoinderFacts:
    """Voltage Pictures as N.D. Ill. reports it: the plaintiff could not allege both parts. N.D. Ill. does
    not say which failed; the course takes neither as alleged (its reading of the description)."""
    return TwoPartJoinderFacts(common_swarm_same_time_alleged=False, exchange_with_another_alleged=False)


def same_swarm_same_time(f: TwoPartJoinderFacts) -> Reason:
    return Reason(
        id="voltage.joinder.same_swarm_same_time",
        element="(a) In a common swarm at the same time as each other Doe",
        met=f.common_swarm_same_time_alleged,
        explanation=(
            "Alleged for each Doe."
            if f.common_swarm_same_time_alleged
            else "Not alleged. (Nor would a shared hash show it: Voltage rejected joinder on access to the same file, "
            "since the same hash does not necessarily mean a single swarm.)"
        ),
        facts=("common_swarm_same_time_alleged",),
        quote_ids=(("ndill.joinder.voltage_two_part",) if f.common_swarm_same_time_alleged
                   else ("ndill.joinder.voltage_two_part", "ndill.joinder.voltage_instructive",
                         "ndill.joinder.hash_not_single_swarm")),
    )


def actual_exchange(f: TwoPartJoinderFacts) -> Reason:
    return Reason(
        id="voltage.joinder.actual_exchange",
        element="(b) Actually exchanged a piece with another",
        met=f.exchange_with_another_alleged,
        explanation=(
            "Alleged for each Doe."
            if f.exchange_with_another_alleged
            else "Not alleged. N.D. Ill. also cites SBO Pictures: where no Doe is pleaded to have shared pieces "
            "directly with another, the same-transaction prong of Rule 20 is not met."
        ),
        facts=("exchange_with_another_alleged",),
        quote_ids=(("ndill.joinder.voltage_two_part",) if f.exchange_with_another_alleged
                   else ("ndill.joinder.voltage_two_part", "ndill.joinder.sbo_shared_directly")),
    )


@legal_test(
    id=TEST_ID,
    case="voltage_pictures_sdga_2013",
    pinpoint="at *7",
    described_in="malibu_media_ndill_2013",
    described_at="Discussion, Part I",
    issue="joinder",
    title="Voltage Pictures' two-part requirement, as N.D. Ill. describes it",
    facts=TwoPartJoinderFacts,
    source_facts=voltage_source_facts,
    never=(Outcome.joinder_proper,),
)
def voltage_two_part(f: TwoPartJoinderFacts) -> Ruling:
    """As N.D. Ill. describes it, Voltage Pictures found joinder improper because the plaintiff could
    not allege both (a) each Doe in a common swarm at the same time as each other and (b) an actual
    exchange with another (N.D. Ill. 2013, Discussion, Part I, citing 2013 WL 2181666, at *7)."""
    elements = [same_swarm_same_time(f), actual_exchange(f)]
    outcome = combine(elements, fails=Outcome.joinder_improper, passes=None)
    if outcome == Outcome.joinder_improper:
        missing = " and ".join(r.element[:4] + r.element[4].lower() + r.element[5:] for r in elements if not r.met)
        summary = f"Joinder improper under Voltage Pictures' test, as N.D. Ill. describes it. Not alleged: {missing}."
    else:
        summary = ("Both parts are alleged, so the ground on which Voltage Pictures found joinder improper is missing. "
                   "As N.D. Ill. describes it, the case says what fails; it does not say that both parts suffice.")
    return Ruling(
        test_id=TEST_ID,
        question="Is joinder precluded under the two-part requirement?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
        note=("N.D. Ill. found Voltage Pictures instructive on the shared hash; the rule it stated for itself asks "
              "for the same swarm at roughly the same time (joinder.ndill_2013). This test is known here only "
              "through N.D. Ill.'s account."),
    )
