"""N.D. Cal. 2012 (Lloyd, M.J.): early discovery under Gillespie, and the "very likely" showing.

Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012), Part II
(p. 4:3-12, the standard) and Part III.A (pp. 4:14-6:11, applied) (seed 001).

The standard, as the court quotes the Ninth Circuit (quote ``ndcal.discovery.gillespie_unless_clear``):
courts "may grant plaintiffs early discovery to determine the doe defendants' identities 'unless it is
clear that discovery would not uncover the identities, or that the complaint would be dismissed on
other grounds.'" Gillespie's words put the weight on clear futility. The court then asks the
PLAINTIFF to show that the discovery is "very likely" to reveal the Does (p. 4:15-16; "plaintiff show
it 'very likely'", p. 11:12-13), the phrase Gillespie used for the discovery it held wrongly refused.
That shift is element ``ndcal.gillespie.standard``.

What the court decided: the ISP subpoena names a subscriber who may or may not be the infringer, and
it is only the first of seven steps before the plaintiff would consider naming anyone, so the
discovery is not very likely to reveal the Does; the further-discovery admission and the record of
no defendant ever served confirm it. The application "must be denied" (p. 6:9-11).

The test is a BAR. It can deny; it never grants (``never=(discovery_granted,)``). Even a showing
that the discovery is very likely to reveal the Does leaves (i) Rule 26(d)(1)'s good cause, which
the same court required as a separate hurdle ("Not only does the Application not meet the 'very
likely' standard of Gillespie, neither does it establish 'good cause'", p. 6:13-14; see
``discovery.semitool_ndcal_2012``), (ii) Gillespie's second ground, dismissal on other grounds, and
(iii) the court's discretion: Gillespie's words are that courts "may grant". A grant would rest on
Gillespie's own holding as N.D. Cal. describes it (an abuse of discretion to deny discovery very
likely to name the Does), which is the Ninth Circuit's, not this court's. So the most this test
gives is ``not_precluded``.
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from ..records import threshold
from ..registry import legal_test
from ..ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "discovery.gillespie_ndcal_2012"

#: The seven steps between the subpoena and any decision to name a defendant (001, pp. 5:23-6:3),
#: the process the court held made the discovery not very likely to reveal the Does.
NDCAL_STEPS_BEFORE_NAMING = int(threshold("ndcal.discovery.steps_before_naming"))

#: The court's own count (001, p. 6 n.4): early discovery in 57 of 69 cases in the district,
#: subpoenas for more than 18,000 IP addresses, no defendant served.
NDCAL_CASES_WITH_EARLY_DISCOVERY = 57
NDCAL_IP_ADDRESSES_SUBPOENAED = 18_000


# --- facts ------------------------------------------------------------------------------------

class SubscriberStatus(str, Enum):
    """What the ISP's answer to the subpoena shows about the person it names."""

    may_or_may_not_be_infringer = "may_or_may_not_be_infringer"  # 001: the subscriber may just pay the bill
    shown_to_be_infringer = "shown_to_be_infringer"


class GillespieFacts(Facts):
    """What the court weighed in asking whether ISP subpoenas are very likely to reveal the Does."""

    subscriber_status: SubscriberStatus = Field(
        description="what the subpoena's answer shows about whether the subscriber is the infringer",
    )
    steps_before_naming: int = Field(
        ge=0, le=20,
        description="steps the plaintiff takes after the subpoena before deciding whether to name a subscriber",
        json_schema_extra={"search": [0, 20], "step": 1},
    )
    further_discovery_may_be_needed: bool = Field(
        description="the plaintiff may need further discovery after it learns who the subscriber is",
    )
    similar_cases_with_early_discovery: int = Field(
        ge=0, le=100_000,
        description="similar cases in which early discovery was granted",
        json_schema_extra={"search": [0, 100], "step": 1},
    )
    defendants_served_in_similar_cases: int = Field(
        ge=0, le=100_000,
        description="defendants ever served in those cases",
        json_schema_extra={"search": [0, 100], "step": 1},
    )
    ip_addresses_subpoenaed_in_similar_cases: int = Field(
        ge=0, le=10_000_000,
        description="IP addresses subpoenaed in those cases (the court counted more than 18,000)",
        json_schema_extra={"counterfactual": False},
    )


def gillespie_source_facts() -> GillespieFacts:
    """Hard Drive's application as the N.D. Cal. saw it (001, pp. 4:24-6:8 and n.4): the subscriber
    may or may not be the infringer; seven steps before naming anyone; further discovery may be
    needed; 57 cases in the district with early discovery, more than 18,000 IP addresses, no one served."""
    return GillespieFacts(
        subscriber_status=SubscriberStatus.may_or_may_not_be_infringer,
        steps_before_naming=NDCAL_STEPS_BEFORE_NAMING,
        further_discovery_may_be_needed=True,
        similar_cases_with_early_discovery=NDCAL_CASES_WITH_EARLY_DISCOVERY,
        defendants_served_in_similar_cases=0,
        ip_addresses_subpoenaed_in_similar_cases=NDCAL_IP_ADDRESSES_SUBPOENAED,
    )


# --- one function per element -----------------------------------------------------------------

def standard(f: GillespieFacts) -> Reason:
    return Reason(
        id="ndcal.gillespie.standard",
        element="Standard: the plaintiff must show the discovery is very likely to reveal the Does",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "Gillespie, as the court quotes it, lets courts grant early discovery to learn the Does' identities "
            "unless it is clear the discovery would not uncover them or the complaint would be dismissed on other "
            "grounds. The court then put the burden on the plaintiff to show the discovery is very likely to reveal "
            "the Does, the phrase Gillespie used for the discovery it held wrongly refused. (The course's reading: "
            "a higher bar than Gillespie's own wording, and placed on the plaintiff.)"
        ),
        quote_ids=("ndcal.discovery.gillespie_unless_clear", "case.ndcal.gillespie_held",
                   "ndcal.discovery.very_likely_question", "ndcal.discovery.denied"),
    )


def who_subpoena_reveals(f: GillespieFacts) -> Reason:
    uncertain = f.subscriber_status == SubscriberStatus.may_or_may_not_be_infringer
    return Reason(
        id="ndcal.gillespie.who_subpoena_reveals",
        element="The subpoena names the infringer, not just the subscriber",
        met=not uncertain,
        decisive=False,
        explanation=(
            "The ISP can name only the subscriber who pays for the connection. Family, roommates, guests or "
            "strangers on an open wireless signal may be the one in the swarm, so the subscriber may or may not be "
            "the infringer."
            if uncertain else
            "On these facts the subscriber the ISP names is shown to be the infringer, so the subpoena itself "
            "would reveal the Doe."
        ),
        facts=("subscriber_status",),
        quote_ids=("ndcal.discovery.subscriber_may_not_be_infringer", "ndcal.discovery.shared_subscription"),
    )


def steps_before_naming(f: GillespieFacts) -> Reason:
    steps = f.steps_before_naming
    if steps >= NDCAL_STEPS_BEFORE_NAMING:
        met: bool | None = False
        text = (
            f"{steps} steps stand between the subpoena and any decision to name a defendant (in Hard Drive: contact, "
            "research, a meeting, a settlement attempt, eliciting a defence, weighing it and finding it wanting). "
            "The subpoena is only the first step of an out-of-court investigation that may never name anyone."
        )
    elif steps == 0:
        met = True
        text = ("The plaintiff would name and serve the subscriber on receiving the ISP's answer: no out-of-court "
                "process stands between the subpoena and naming a defendant.")
    else:
        met = None
        text = (f"{steps} step(s) stand between the subpoena and naming a defendant. The court held the "
                f"{NDCAL_STEPS_BEFORE_NAMING}-step process before it fatal; how short a process would do it did not "
                f"say. {UNDECIDED}")
    return Reason(
        id="ndcal.gillespie.steps_before_naming",
        element="Nothing but the subpoena stands between the plaintiff and naming a defendant",
        met=met,
        decisive=False,
        explanation=text,
        facts=("steps_before_naming",),
        quote_ids=("ndcal.discovery.first_step", "ndcal.discovery.seven_steps"),
    )


def further_discovery(f: GillespieFacts) -> Reason:
    return Reason(
        id="ndcal.gillespie.further_discovery",
        element="No further discovery needed after the ISP's answer",
        met=not f.further_discovery_may_be_needed,
        decisive=False,
        explanation=(
            "The plaintiff admits it may need further discovery even after it learns who the subscribers are."
            if f.further_discovery_may_be_needed else
            "Nothing suggests further discovery would be needed after the ISP's answer."
        ),
        facts=("further_discovery_may_be_needed",),
        quote_ids=("ndcal.discovery.further_discovery",),
    )


def record_of_service(f: GillespieFacts) -> Reason:
    grants, served = f.similar_cases_with_early_discovery, f.defendants_served_in_similar_cases
    facts = ("similar_cases_with_early_discovery", "defendants_served_in_similar_cases")
    quotes = ("ndcal.discovery.never_served", "ndcal.discovery.district_count")
    if served > 0:
        return Reason(id="ndcal.gillespie.record_of_service", element="Defendants served after early discovery in "
                      "similar cases", met=True, decisive=False, facts=facts, quote_ids=quotes,
                      explanation=(f"{served} defendant(s) have been served in similar cases, so the record the court "
                                   "drew on (no one ever served) is absent here."))
    if grants > 0:
        ips = f.ip_addresses_subpoenaed_in_similar_cases
        return Reason(id="ndcal.gillespie.record_of_service", element="Defendants served after early discovery in "
                      "similar cases", met=False, decisive=False, facts=facts, quote_ids=quotes,
                      explanation=(f"Early discovery was granted in {grants} similar case(s)"
                                   + (f" (subpoenas for {ips:,} or more IP addresses)" if ips else "")
                                   + " and no defendant has ever been served. The court took this as confirming that "
                                   "the subpoenas do not lead to named, served defendants."))
    return Reason(id="ndcal.gillespie.record_of_service", element="Defendants served after early discovery in "
                  "similar cases", met=None, decisive=False, facts=facts, quote_ids=quotes,
                  explanation=("There is no record of similar cases with early discovery either way, so the point "
                               f"the court drew from that record cannot be made. {UNDECIDED}"))


def very_likely(f: GillespieFacts, considerations: list[Reason]) -> Reason:
    """The decisive element: is the discovery very likely to reveal the Does?

    The court held it was not on two core findings together (the subscriber may not be the infringer;
    the seven-step process); the other two confirmed it. Each consideration alone it did not weigh, so
    a mixed picture is left open. Met only where every consideration favours the plaintiff and the
    record does not stand against it: the course applying the stated question to facts the court
    never saw."""
    who, steps, further, record = considerations
    if who.met is False and steps.met is False:
        met: bool | None = False
        text = ("Not very likely: the subpoena would name subscribers who may not be the infringers, and the "
                "plaintiff would name no one until a long out-of-court process had run. The plaintiff has not "
                "shown the discovery is at all likely to uncover the Does.")
        quotes: tuple[str, ...] = ("ndcal.discovery.not_very_likely", "ndcal.discovery.gillespie_denied")
    elif who.met and steps.met and further.met and record.met is not False:
        met = True
        text = ("The subpoena itself would name the infringer, the plaintiff would name and serve on receipt, no "
                "further discovery is needed and no record of unserved grants stands against it: on these facts the "
                "discovery would reveal the Does.")
        quotes = ("ndcal.discovery.very_likely_question",)
    else:
        met = None
        text = ("Some of what the court relied on is present and some is not. The court denied on its findings "
                "together and did not say which would be enough alone, or what makes discovery very likely. "
                + UNDECIDED)
        quotes = ("ndcal.discovery.very_likely_question", "ndcal.discovery.not_very_likely")
    return Reason(
        id="ndcal.gillespie.very_likely",
        element="The discovery is very likely to reveal the Does' identities",
        met=met,
        explanation=text,
        facts=tuple(x for r in considerations for x in r.facts),
        quote_ids=quotes,
    )


def other_grounds(f: GillespieFacts) -> Reason:
    return Reason(
        id="ndcal.gillespie.other_grounds",
        element="The complaint would not be dismissed on other grounds",
        met=None,
        basis=Basis.not_reached,
        decisive=False,
        explanation=("Gillespie's second ground, dismissal on other grounds, the court did not take up under "
                     "Gillespie; it considered misjoinder under the good-cause analysis (discovery.semitool_ndcal_2012, "
                     "factor 3)."),
        quote_ids=("ndcal.discovery.gillespie_unless_clear",),
    )


def elements(f: GillespieFacts) -> list[Reason]:
    considerations = [who_subpoena_reveals(f), steps_before_naming(f), further_discovery(f), record_of_service(f)]
    return [standard(f), *considerations, very_likely(f, considerations), other_grounds(f)]


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="hard_drive_ndcal_2012",
    pinpoint="Part III.A, pp. 4:14-6:11",
    issue="early_discovery",
    title="Early discovery to identify Does: is it \u201cvery likely\u201d to reveal them? (Gillespie, a bar)",
    facts=GillespieFacts,
    source_facts=gillespie_source_facts,
    never=(Outcome.discovery_granted,),
)
def ndcal_very_likely(f: GillespieFacts) -> Ruling:
    """Early discovery is denied where the plaintiff has not shown it very likely to reveal the Does
    (Hard Drive, N.D. Cal. 2012, Part III.A, quoting Gillespie v. Civiletti, 629 F.2d 637 (9th Cir.
    1980)). A bar: it can deny; it never grants, for good cause (Semitool) and the court's discretion
    remain."""
    reasons = elements(f)
    outcome = combine(reasons, fails=Outcome.discovery_denied, passes=None)
    if outcome == Outcome.discovery_denied:
        summary = ("Application denied: the requested discovery is not very likely to reveal the Does' identities; "
                   "the subpoena is only the first step of a long out-of-court process that may never name anyone.")
    elif outcome == Outcome.not_precluded:
        summary = ("N.D. Cal.'s Gillespie ground for denial does not apply: on these facts the discovery would reveal "
                   "the Does. That does not grant it. The same court also required good cause under Rule 26(d)(1) "
                   "(discovery.semitool_ndcal_2012), Gillespie's words are that courts may grant such discovery, and "
                   "whether the complaint would be dismissed on other grounds is not decided here.")
    else:
        summary = ("Nothing here fails as it failed in Hard Drive, but the court's findings are only partly present; "
                   f"whether the discovery is very likely to reveal the Does on these facts the court did not say. {UNDECIDED}")
    return Ruling(
        test_id=TEST_ID,
        question="Has the plaintiff shown that the requested early discovery is very likely to reveal the Does?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )
