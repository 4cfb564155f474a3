"""N.D. Cal. 2012 (Lloyd, M.J.): IP geolocation made no prima facie showing that the Does live in California.

Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012), pp. 6:15-7:23
(seed 001). The first Semitool factor "includes a showing that personal jurisdiction exists over the
defendants" (quote ``ndcal.discovery.f1_includes_jurisdiction``). The complaint said the plaintiff traced
every IP address "to a point of origin within the State of California"; at the hearing it admitted that
geolocation is only truly reliable for the country, and that earlier subpoenas had turned up subscribers
living in other states. The court's words (quote ``ndcal.jurisdiction.no_prima_facie_residence``):

    "In light of these facts, the court cannot conclude that plaintiff has made even a prima facie
    showing that the Doe defendants reside in California."

The court said only what FAILS. It never said what geolocation would make the showing, so this test
never gives ``jurisdiction_shown``: a trace the plaintiff does not concede is unreliable at state level is
left open. A failed showing of residence does not end the jurisdiction question: the court went on to the
non-residents' own contacts (``jurisdiction.minimum_contacts_ndcal_2012``).

Elements: what factor 1 includes (stated), the geolocation's reliability at state level (decisive), the
earlier cases (supporting), and any model probability offered (reported; it decides nothing).
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from ..registry import legal_test
from ..ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "jurisdiction.geolocation_residence_ndcal_2012"


class GeolocationPrecision(str, Enum):
    """How finely geolocation places an IP address, coarsest first. ``radius``: a point with an
    accuracy radius (the finest)."""

    none = "none"
    country = "country"
    region_or_state = "region_or_state"
    city = "city"
    radius = "radius"


PRECISION_RANK = {p: i for i, p in enumerate(GeolocationPrecision)}

_PRECISION_WORDS = {
    GeolocationPrecision.none: "no location at all",
    GeolocationPrecision.country: "the country",
    GeolocationPrecision.region_or_state: "a region or state",
    GeolocationPrecision.city: "a city",
    GeolocationPrecision.radius: "a point within a stated radius",
}


def places_in_a_state(p: GeolocationPrecision) -> bool:
    """Whether a trace at this precision can name a state at all."""
    return PRECISION_RANK[p] >= PRECISION_RANK[GeolocationPrecision.region_or_state]


class GeolocationResidenceFacts(Facts):
    """What the plaintiff offers to show, by geolocation, that the Does live in the forum state."""

    geolocation_precision: GeolocationPrecision = Field(
        description="the finest level at which the plaintiff's geolocation places each IP address"
    )
    claimed_in_forum_state: bool = Field(
        description="the plaintiff's geolocation places the IP addresses in the forum state"
    )
    plaintiff_concedes_state_unreliable: bool = Field(
        False, description="the plaintiff's admission that geolocation cannot reliably predict an IP address's state"
    )
    past_cases_found_out_of_state_subscribers: bool = Field(
        False,
        description="the plaintiff's experience, in earlier cases, of subscribers who lived outside the forum state",
    )
    probability_in_forum: float | None = Field(
        None, ge=0.0, le=1.0,
        description="a geolocation model's estimated probability that an IP address is in the forum state",
    )


def geolocation_residence_source_facts() -> GeolocationResidenceFacts:
    """Hard Drive: the complaint traced every IP address to a point in California (so the trace names the
    state); at the hearing the plaintiff admitted that geolocation is truly reliable only for the country
    and that earlier subpoenas had turned up subscribers living outside the forum state. No model
    probability was offered."""
    return GeolocationResidenceFacts(
        geolocation_precision=GeolocationPrecision.region_or_state,
        claimed_in_forum_state=True,
        plaintiff_concedes_state_unreliable=True,
        past_cases_found_out_of_state_subscribers=True,
    )


# --- one function per element -----------------------------------------------------------------

def includes_jurisdiction(f: GeolocationResidenceFacts) -> Reason:
    return Reason(
        id="ndcal.residence.includes_jurisdiction",
        element="Factor 1 includes a showing of personal jurisdiction",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "To identify the Does as people who can be sued in this court, the plaintiff must show that the court "
            "has personal jurisdiction over them. The plaintiff tried first to show that they live in the forum "
            "state, by geolocation."
        ),
        quote_ids=("ndcal.discovery.f1_includes_jurisdiction", "ndcal.jurisdiction.urges_residence"),
    )


def geolocation_reliable(f: GeolocationResidenceFacts) -> Reason:
    """The element the court decided: a trace the plaintiff itself says cannot predict the state fails."""
    facts = ("geolocation_precision", "claimed_in_forum_state", "plaintiff_concedes_state_unreliable")
    element = "Geolocation reliably places each Doe in the forum state"
    level = _PRECISION_WORDS[f.geolocation_precision]
    if not f.claimed_in_forum_state:
        return Reason(
            id="ndcal.residence.geolocation_reliable", element=element, met=False, facts=facts,
            explanation=(
                "The plaintiff's geolocation does not put the IP addresses in the forum state, so it gives no "
                "basis for inferring that the Does live there."
            ),
            quote_ids=("ndcal.jurisdiction.urges_residence", "ndcal.jurisdiction.no_prima_facie_residence"),
        )
    if not places_in_a_state(f.geolocation_precision):
        return Reason(
            id="ndcal.residence.geolocation_reliable", element=element, met=False, facts=facts,
            explanation=(
                f"A trace that places an IP address no more finely than {level} cannot say which state it is in. "
                "N.D. Cal. found no prima facie showing of residence where geolocation was, on the plaintiff's "
                "own account, truly reliable only for the country."
            ),
            quote_ids=("ndcal.discovery.f1_country_only", "ndcal.jurisdiction.no_prima_facie_residence"),
        )
    if f.plaintiff_concedes_state_unreliable:
        return Reason(
            id="ndcal.residence.geolocation_reliable", element=element, met=False, facts=facts,
            explanation=(
                f"The trace puts each IP address in {level} in the forum state, but the plaintiff admits that "
                "geolocation cannot reliably predict an IP address's state. On that admission the court could not "
                "find even a prima facie showing that the Does live in the state."
            ),
            quote_ids=(
                "ndcal.jurisdiction.geolocation_alleged",
                "ndcal.discovery.f1_country_only",
                "ndcal.discovery.f1_cannot_predict_state",
                "ndcal.jurisdiction.no_prima_facie_residence",
            ),
        )
    return Reason(
        id="ndcal.residence.geolocation_reliable", element=element, met=None, facts=facts,
        explanation=(
            f"The trace puts each IP address in {level} in the forum state, and the plaintiff does not concede "
            "that it is unreliable at that level. N.D. Cal. rejected a trace its own proponent called reliable only "
            "for the country; it did not say what trace would be enough to show residence. "
            f"{UNDECIDED}"
        ),
        quote_ids=("ndcal.jurisdiction.geolocation_alleged", "ndcal.jurisdiction.no_prima_facie_residence"),
    )


def earlier_cases(f: GeolocationResidenceFacts, trace: Reason) -> Reason:
    """Supporting, not decisive: the court relied on the earlier cases together with the admission."""
    element = "Earlier cases: subscribers living outside the forum state"
    facts = ("past_cases_found_out_of_state_subscribers",)
    quotes = ("ndcal.jurisdiction.out_of_state_subscribers",)
    if not f.past_cases_found_out_of_state_subscribers:
        return Reason(
            id="ndcal.residence.earlier_cases", element=element, met=None, decisive=False, facts=facts,
            explanation=(
                "Nothing is said about where subscribers in the plaintiff's earlier cases lived. The court counted "
                "such experience against the geolocation; its absence does not show the geolocation reliable. "
                f"{UNDECIDED}"
            ),
            quote_ids=quotes,
        )
    if trace.met is False:
        return Reason(
            id="ndcal.residence.earlier_cases", element=element, met=False, decisive=False, facts=facts,
            explanation=(
                "In earlier cases where early discovery was granted, some subscribers turned out to live outside "
                "the state where the suit was brought. The court weighed this, with the plaintiff's admission, "
                "against the geolocation."
            ),
            quote_ids=quotes,
        )
    return Reason(
        id="ndcal.residence.earlier_cases", element=element, met=None, decisive=False, facts=facts,
        explanation=(
            "In earlier cases some subscribers turned out to live outside the forum state. The court relied on this "
            "together with the plaintiff's admission that geolocation cannot predict the state; whether it defeats "
            f"a showing on its own, the court did not say. {UNDECIDED}"
        ),
        quote_ids=quotes,
    )


def model_probability(f: GeolocationResidenceFacts) -> Reason:
    return Reason(
        id="ndcal.residence.model_probability",
        element="A model's estimated probability that an IP address is in the forum state",
        met=None,
        decisive=False,
        explanation=(
            f"A geolocation model puts the chance that an IP address is in the forum state at "
            f"{f.probability_in_forum:.0%}. The order names no probability that a prima facie showing needs, so "
            f"the estimate is reported and decides nothing. {UNDECIDED}"
        ),
        facts=("probability_in_forum",),
        quote_ids=("ndcal.jurisdiction.no_prima_facie_residence",),
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="hard_drive_ndcal_2012",
    pinpoint="pp. 6:15-7:23",
    issue="jurisdiction",
    title="Forum residence shown by IP geolocation (prima facie): what fails",
    facts=GeolocationResidenceFacts,
    source_facts=geolocation_residence_source_facts,
    never=(Outcome.jurisdiction_shown, Outcome.jurisdiction_not_shown, Outcome.not_precluded),
)
def geolocation_residence_ndcal_2012(f: GeolocationResidenceFacts) -> Ruling:
    """Geolocation that the plaintiff itself says cannot predict an IP address's state makes no prima facie
    showing that the Does live in the forum state (Hard Drive, N.D. Cal. 2012, p. 7:17-23). The court said
    what fails, never what suffices: this test never finds residence shown."""
    trace = geolocation_reliable(f)
    elements = [includes_jurisdiction(f), trace, earlier_cases(f, trace)]
    if f.probability_in_forum is not None:
        elements.append(model_probability(f))
    # The reliability element is never met (the court said only what fails), so `combine` gives
    # residence_not_shown or undetermined, never a showing.
    outcome = combine(elements, fails=Outcome.residence_not_shown, passes=None)
    if outcome == Outcome.residence_not_shown:
        summary = (
            "No prima facie showing that the Does live in the forum state: the geolocation cannot reliably place "
            "them there. Jurisdiction over them must then rest on their own contacts with the state "
            "(see jurisdiction.minimum_contacts_ndcal_2012)."
        )
    else:
        summary = (
            "The trace names the forum state and the plaintiff does not concede it is unreliable there. N.D. Cal. "
            f"said only what fails, not what geolocation would show residence. {UNDECIDED}"
        )
    return Ruling(
        test_id=TEST_ID,
        question="Does the plaintiff's IP geolocation make a prima facie showing that the Does live in the forum state?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
    )
