"""N.D. Cal. 2012 (Lloyd, M.J.): good cause for discovery before the Rule 26(f) conference.

Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012), Part II
(pp. 3:19-4:2, the standard) and Part III.B (pp. 6:12-11:14, applied) (seed 001).

Rule 26(d)(1) permits discovery before the Rule 26(f) conference only by court order and "upon a
showing of 'good cause'" (p. 3:19-21, citing Semitool, Inc. v. Tokyo Electron America, Inc., 208
F.R.D. 273, 275 (N.D. Cal. 2002), for that requirement). The FOUR FACTORS the court then lists are
cited to Patrick Collins v. John Does 1-54, 2012 U.S. Dist. LEXIS 36232, *8 (D. Ariz. Mar. 19, 2012)
(pp. 3:22-4:2), not to Semitool; the order's heading calls the analysis "Semitool Good Cause". The
factors are what "courts consider": the court gave no rule for weighing them.

What the court decided: factors 1 (identification, including personal jurisdiction), 3 (motion to
dismiss: misjoinder) and 4 (likelihood of identification and service) fail; factor 2 (steps taken)
is met; no good cause. Because the factors are weighed, not elements that each defeat the
application, this test does not use :func:`~course.ruling.combine` (see :func:`weigh`): it denies
where at least factors 1, 3 and 4 fail, as in Hard Drive; where all four favour the plaintiff it
says only ``not_precluded``, since the court never said that meeting them establishes good cause,
and the application must also pass Gillespie (``discovery.gillespie_ndcal_2012``); anything in
between is undetermined. It never grants (``never=(discovery_granted,)``).

Joinder (factor 3) is taken as a fact (``joinder_proper``), the conclusion of the joinder tests in
:mod:`course.joinder`; severance of Does 2-90 is decided there.
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from ..registry import legal_test
from ..ruling import UNDECIDED, Basis, Outcome, Reason, Ruling
from .gillespie_ndcal_2012 import GillespieFacts, gillespie_source_facts
from .gillespie_ndcal_2012 import elements as gillespie_elements

TEST_ID = "discovery.semitool_ndcal_2012"


# --- facts ------------------------------------------------------------------------------------

class NonresidentContacts(str, Enum):
    """What the complaint shows about each non-resident Doe's contacts with the forum state."""

    conclusory_transfers_to_forum_residents = "conclusory_transfers_to_forum_residents"  # 001, p. 7:25-28
    piece_transferred_to_forum_resident = "piece_transferred_to_forum_resident"  # 001, p. 8:1-3: still too little
    minimum_contacts_shown = "minimum_contacts_shown"  # e.g. from the jurisdiction tests


class SemitoolFacts(GillespieFacts):
    """The Gillespie facts (factor 4 rests on them) plus what factors 1-3 turn on."""

    geolocation_reliable_to_state: bool = Field(
        description="geolocation reliably places each IP address in the forum state",
    )
    subscribers_found_outside_forum_before: bool = Field(
        description="in earlier cases some subscribers turned out to live outside the forum state",
    )
    nonresident_contacts: NonresidentContacts = Field(
        description="what is shown about each non-resident Doe's contacts with the forum state",
    )
    date_and_time_stated: bool = Field(
        description="the date and time of each Doe's alleged infringing activity is stated",
    )
    copyright_elements_alleged: bool = Field(
        description="ownership of a valid copyright and copying by each Doe are alleged",
    )
    does_count: int = Field(
        ge=1, le=100_000,
        description="Doe defendants in the complaint",
        json_schema_extra={"search": [1, 100], "step": 1},
    )
    joinder_proper: bool | None = Field(
        description="joinder of the Does in one action is proper (the joinder tests' conclusion; empty if open)",
    )


def semitool_source_facts() -> SemitoolFacts:
    """Hard Drive's application and complaint as the N.D. Cal. saw them (001, pp. 6:15-11:11):
    geolocation reliable only to the country (counsel's admission); subscribers in earlier cases
    found out of state; only a summary assertion of transfers to Californians; date and time of each
    Doe's activity stated; copyright and copying alleged; 90 Does, misjoined."""
    return SemitoolFacts(
        **gillespie_source_facts().model_dump(),
        geolocation_reliable_to_state=False,
        subscribers_found_outside_forum_before=True,
        nonresident_contacts=NonresidentContacts.conclusory_transfers_to_forum_residents,
        date_and_time_stated=True,
        copyright_elements_alleged=True,
        does_count=90,
        joinder_proper=False,
    )


# --- one function per element -----------------------------------------------------------------

def standard(f: SemitoolFacts) -> Reason:
    return Reason(
        id="ndcal.good_cause.standard",
        element="Standard: good cause under Rule 26(d)(1), judged by four factors",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "Discovery before the Rule 26(f) conference needs a court order and good cause (the court cites Semitool "
            "for that). In judging good cause, courts consider four factors, which the court takes from Patrick "
            "Collins v. Does 1-54 (D. Ariz. 2012): identification of the Doe as a real person who could be sued in "
            "federal court, the steps taken to locate the Doe, whether the suit could withstand a motion to dismiss, "
            "and a reasonable likelihood that discovery identifies the Doe so that service is possible. The court "
            "gave no rule for weighing them."
        ),
        quote_ids=("ndcal.discovery.good_cause_required", "ndcal.discovery.semitool_factors",
                   "ndcal.discovery.factors_cited"),
    )


def identification(f: SemitoolFacts) -> Reason:
    """Factor 1, which includes personal jurisdiction: residence by geolocation, or else each
    non-resident Doe's minimum contacts."""
    if not f.geolocation_reliable_to_state:
        residence: bool | None = False
        residence_text = ("geolocation is reliable only to the country, not the state, so there is not even a prima "
                          "facie showing that the Does live in the forum state")
        residence_quotes: tuple[str, ...] = ("ndcal.discovery.f1_country_only", "ndcal.discovery.f1_cannot_predict_state",
                                             "ndcal.discovery.f1_no_prima_facie_residence")
        if f.subscribers_found_outside_forum_before:
            residence_text += ", and subscribers in earlier cases turned out to live elsewhere"
            residence_quotes += ("ndcal.discovery.f1_subscribers_elsewhere",)
    elif f.subscribers_found_outside_forum_before:
        residence = None
        residence_text = ("geolocation is said to be reliable to the state, but subscribers in earlier cases turned out "
                          f"to live elsewhere; the court relied on both facts together. {UNDECIDED}")
        residence_quotes = ("ndcal.discovery.f1_subscribers_elsewhere", "ndcal.discovery.f1_no_prima_facie_residence")
    else:
        residence = None
        residence_text = ("neither reason the court gave for rejecting geolocation is present, but it did not say "
                          f"whether reliable state-level geolocation makes a prima facie showing of residence. {UNDECIDED}")
        residence_quotes = ("ndcal.discovery.f1_no_prima_facie_residence",)

    contacts = f.nonresident_contacts
    if contacts == NonresidentContacts.minimum_contacts_shown:
        contacts_met = True
        contacts_text = "minimum contacts with the forum are shown for each Doe, so jurisdiction does not depend on residence."
        contacts_quotes: tuple[str, ...] = ()
    elif contacts == NonresidentContacts.piece_transferred_to_forum_resident:
        contacts_met = False
        contacts_text = ("even a showing that each Doe sent a piece of the file to a forum resident is a single, tiny "
                         "act, not minimum contacts.")
        contacts_quotes = ("ndcal.discovery.f1_miniscule", "ndcal.jurisdiction.each_doe")
    else:
        contacts_met = False
        contacts_text = ("the complaint only summarily asserts that the Does traded the file with forum residents; it "
                         "does not allege that any Doe sent a piece to one, and minimum contacts are not shown for "
                         "each Doe.")
        contacts_quotes = ("ndcal.discovery.f1_summary_assertion", "ndcal.jurisdiction.each_doe")

    met: bool | None = True if contacts_met else (False if residence is False else None)
    return Reason(
        id="ndcal.good_cause.identification",
        element="(1) The Does identified as real persons subject to the court's jurisdiction",
        met=met,
        explanation=("This factor includes a showing of personal jurisdiction. Residence: " + residence_text
                     + ". Non-residents: " + contacts_text),
        facts=("geolocation_reliable_to_state", "subscribers_found_outside_forum_before", "nonresident_contacts"),
        quote_ids=("ndcal.discovery.f1_specificity", "ndcal.discovery.f1_includes_jurisdiction")
        + residence_quotes + contacts_quotes,
    )


def steps_taken(f: SemitoolFacts) -> Reason:
    return Reason(
        id="ndcal.good_cause.steps_taken",
        element="(2) Previous steps taken to locate the Does",
        met=f.date_and_time_stated,
        explanation=(
            "IP addresses are all a plaintiff can collect; the court requires the date and time of each Doe's "
            "activity, which is stated, so the plaintiff has taken what steps it can."
            if f.date_and_time_stated else
            "The court requires the date and time of each Doe's alleged activity, and they are not stated."
        ),
        facts=("date_and_time_stated",),
        quote_ids=("ndcal.discovery.f2_ip_only", "ndcal.discovery.f2_date_and_time")
        + (("ndcal.discovery.f2_met",) if f.date_and_time_stated else ()),
    )


def motion_to_dismiss(f: SemitoolFacts) -> Reason:
    """Factor 3 as the court took it: the two elements of infringement, and misjoinder. The court
    said the complaint "could and should be dismissed for misjoinder" while noting that Rule 21 makes
    misjoinder no ground for dismissing an action; the remedy was dropping Does 2-90."""
    facts = ("copyright_elements_alleged", "does_count", "joinder_proper")
    element = "(3) The suit could withstand a motion to dismiss"
    elements_quotes = ("ndcal.discovery.f3_elements", "ndcal.discovery.f3_direct_infringement",
                       "ndcal.discovery.f3_misjoinder")
    if not f.copyright_elements_alleged:
        return Reason(id="ndcal.good_cause.motion_to_dismiss", element=element, met=False, facts=facts,
                      explanation=("The complaint does not allege both ownership of a valid copyright and copying by "
                                   "each Doe, the two things the plaintiff must prove (for direct infringement, that "
                                   "each Doe actively engaged in and directly caused the copying)."),
                      quote_ids=elements_quotes)
    if f.does_count > 1 and f.joinder_proper is False:
        return Reason(id="ndcal.good_cause.motion_to_dismiss", element=element, met=False, facts=facts,
                      explanation=(f"Ownership and copying are alleged, but the {f.does_count} Does are misjoined: the "
                                   "court said such a complaint could and should be dismissed as to all but one Doe. "
                                   "As the court itself noted, Rule 21 makes misjoinder no ground for dismissing an "
                                   "action, though a court may drop parties on its own; in Hard Drive it severed Does "
                                   "2-90. The misjoinder counts against the application (see the joinder tests for "
                                   "the severance)."),
                      quote_ids=elements_quotes + ("ndcal.discovery.f3_rule21", "ndcal.discovery.f3_counsels_against"))
    if f.does_count > 1 and f.joinder_proper is None:
        return Reason(id="ndcal.good_cause.motion_to_dismiss", element=element, met=None, facts=facts,
                      explanation=("Ownership and copying are alleged; whether the complaint survives as to every Doe "
                                   f"turns on joinder, which these facts leave open. {UNDECIDED}"),
                      quote_ids=elements_quotes)
    why = "there is a single Doe, so misjoinder cannot arise" if f.does_count == 1 else "joinder is proper"
    return Reason(id="ndcal.good_cause.motion_to_dismiss", element=element, met=True, facts=facts,
                  explanation=(f"Ownership and copying are alleged and {why}: neither ground the court considered under "
                               "this factor stands against the complaint. (Personal jurisdiction the court took up "
                               "under factor 1.)"),
                  quote_ids=elements_quotes)


def likelihood_of_service(f: SemitoolFacts) -> Reason:
    """Factor 4: the court decided it on its Gillespie findings ("As discussed above") and the record
    of no defendant ever served."""
    very_likely = next(r for r in gillespie_elements(f) if r.id == "ndcal.gillespie.very_likely")
    facts = very_likely.facts
    element = "(4) Reasonable likelihood that discovery leads to identification and service"
    if very_likely.met is False:
        return Reason(id="ndcal.good_cause.likelihood_of_service", element=element, met=False, facts=facts,
                      explanation=("For the reasons given under Gillespie, the subpoenas will not lead to identifying "
                                   "the Does or to service: they start the plaintiff's own out-of-court process, and no "
                                   "defendant has been served where such discovery was granted."),
                      quote_ids=("ndcal.discovery.f4_will_not_lead", "ndcal.discovery.f4_belies"))
    if very_likely.met is True:
        return Reason(id="ndcal.good_cause.likelihood_of_service", element=element, met=True, facts=facts,
                      explanation=("The subpoena would itself name the infringer and the plaintiff would name and serve "
                                   "on receipt, so identification and service are reasonably likely."),
                      quote_ids=("ndcal.discovery.semitool_factors",))
    return Reason(id="ndcal.good_cause.likelihood_of_service", element=element, met=None, facts=facts,
                  explanation=("The court decided this factor on its Gillespie findings, which these facts leave open "
                               f"(see discovery.gillespie_ndcal_2012). {UNDECIDED}"),
                  quote_ids=("ndcal.discovery.f4_will_not_lead",))


FACTOR_IDS = ("ndcal.good_cause.identification", "ndcal.good_cause.steps_taken",
              "ndcal.good_cause.motion_to_dismiss", "ndcal.good_cause.likelihood_of_service")
#: The factors that failed in Hard Drive, where the court found no good cause.
NDCAL_FAILED = {"ndcal.good_cause.identification", "ndcal.good_cause.motion_to_dismiss",
                "ndcal.good_cause.likelihood_of_service"}


def weigh(factors: list[Reason]) -> Outcome:
    """The court's factors are weighed, not elements each of which defeats the application, so
    :func:`~course.ruling.combine` (any element not met gives the failing outcome) would decide what
    the court did not. Denied where at least the factors that failed in Hard Drive fail; not
    precluded where all four favour the plaintiff; otherwise open."""
    failed = {r.id for r in factors if r.met is False}
    if NDCAL_FAILED <= failed:
        return Outcome.discovery_denied
    if all(r.met is True for r in factors):
        return Outcome.not_precluded
    return Outcome.undetermined


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="hard_drive_ndcal_2012",
    pinpoint="Part III.B, pp. 6:12-11:14",
    issue="early_discovery",
    title="Good cause for early discovery (Rule 26(d)(1)): the four factors (from Patrick Collins, D. Ariz.)",
    facts=SemitoolFacts,
    source_facts=semitool_source_facts,
    never=(Outcome.discovery_granted,),
)
def ndcal_good_cause(f: SemitoolFacts) -> Ruling:
    """No good cause under Rule 26(d)(1) where the Does are not identified as persons subject to the
    court's jurisdiction, the complaint could be dismissed for misjoinder, and discovery is not
    likely to lead to service (Hard Drive, N.D. Cal. 2012, Part III.B; the four factors cited to
    Patrick Collins v. Does 1-54, D. Ariz. 2012). Weighed, not counted; never a grant."""
    factors = [identification(f), steps_taken(f), motion_to_dismiss(f), likelihood_of_service(f)]
    outcome = weigh(factors)
    numbered = {fid: i for i, fid in enumerate(FACTOR_IDS, start=1)}
    failed = [str(numbered[r.id]) for r in factors if r.met is False]
    if outcome == Outcome.discovery_denied:
        summary = (f"No good cause: factors {', '.join(failed)} are not met (in Hard Drive factors 1, 3 and 4 failed). "
                   "The application is denied, as it also is under Gillespie; the court did not say how many failed "
                   "factors would be enough on their own.")
    elif outcome == Outcome.not_precluded:
        summary = ("All four factors favour the plaintiff, so nothing the court relied on stands against good cause. "
                   "The court listed the factors as what courts consider and never said that meeting them establishes "
                   "good cause; the application must also pass Gillespie (discovery.gillespie_ndcal_2012), and Gillespie's "
                   "words leave the grant to the court.")
    else:
        open_ = [str(numbered[r.id]) for r in factors if r.met is None]
        summary = (("Factors not met: " + ", ".join(failed) + ". " if failed else "")
                   + ("Factors left open: " + ", ".join(open_) + ". " if open_ else "")
                   + "The court denied where factors 1, 3 and 4 failed and did not say how the factors weigh when fewer "
                   f"of them fail or some are open. {UNDECIDED}")
    return Ruling(
        test_id=TEST_ID,
        question="Has the plaintiff shown good cause under Rule 26(d)(1) for discovery before the Rule 26(f) conference?",
        outcome=outcome,
        summary=summary,
        reasons=(standard(f), *factors),
        note="Joinder (factor 3) is taken as a fact from the joinder tests; severance of Does 2-90 is decided there.",
    )
