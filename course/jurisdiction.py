"""Personal jurisdiction over the Doe defendants, as N.D. Cal. (2012) and D. Haw. (2020) decided it.

Five tests:

* ``jurisdiction.geolocation_residence_ndcal_2012``: does IP geolocation make a prima facie
  showing that the Does live in the forum state? Hard Drive Prods., Inc. v. Does 1-90
  (N.D. Cal. 2012) (seed 001), pp. 6:15-7:23.
* ``jurisdiction.geolocation_particularity_sdcal``: IP address, dates and times, ISP and a
  geolocation trace to the forum identified a Doe with sufficient particularity, in Strike 3
  Holdings v. Doe (S.D. Cal. 2018) as the D. Haw. describes it (seed 004, Discussion, Part I).
  A description, not a holding.
* ``jurisdiction.minimum_contacts_ndcal_2012``: minimum contacts of non-resident Does with the
  forum through the swarm. Hard Drive (seed 001), pp. 7:5-8:5.
* ``jurisdiction.calder_express_aiming_dhaw_2020``: specific jurisdiction by purposeful
  direction (the Calder effects test) over the operators of a website and application.
  Bodyguard Prods., Inc. v. Doe (D. Haw. 2020) (seed 004), Discussion, Part II.A.
* ``jurisdiction.rule_4k2_dhaw_2020``: the federal long-arm rule, Fed. R. Civ. P. 4(k)(2),
  with the whole United States as the forum. Bodyguard (seed 004), Discussion, Part II.B.

What the sources leave open, the engine says is open (``met=None`` and
``Outcome.undetermined``, with the words "the sources do not decide this"): how reliable a
state- or city-level geolocation must be; how many transferred pieces make minimum contacts;
how large a forum audience is "substantial"; how many U.S. downloads short of the roughly
50,000 in Goes would do; and the specific-jurisdiction prongs the D. Haw. never reached.
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from .registry import legal_test
from .ruling import Facts, Outcome, Reason, Ruling

UNDECIDED = "the sources do not decide this"

#: Order of outcomes from the plaintiff's point of view (it needs jurisdiction shown).
JURISDICTION_ORDER = {Outcome.jurisdiction_not_shown: 0, Outcome.undetermined: 1, Outcome.jurisdiction_shown: 2}
#: The same for the particularity factor (test 2 never finds the factor unmet).
FACTOR_ORDER = {Outcome.factor_not_met: 0, Outcome.undetermined: 1, Outcome.factor_met: 2}

NDCAL_COURT = "N.D. Cal. (Lloyd, M.J.)"
NDCAL_CASE = "Hard Drive Prods., Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012)"
DHAW_COURT = "D. Haw. (Kay, J.)"
DHAW_CASE = "Bodyguard Prods., Inc. v. Doe, Civ. No. 19-00139 ACK-KJM (D. Haw. Jan. 23, 2020)"
SDCAL_COURT = "S.D. Cal., as D. Haw. describes it"
SDCAL_CASE = (
    "Strike 3 Holdings, LLC v. Doe, No. 18CV47-WQH (RBB), 2018 WL 1427002, at *4 (S.D. Cal. Mar. 22, 2018), "
    f"as described in {DHAW_CASE}, Discussion, Part I"
)

#: The U.S. downloads in Goes Int'l v. Dodur (N.D. Cal. 2015), where Rule 4(k)(2) jurisdiction
#: was found, as the D. Haw. describes it ("roughly 50,000 undisputed downloads").
GOES_DOWNLOADS = 50_000


class GeolocationPrecision(str, Enum):
    """How finely geolocation places an IP address, coarsest first. ``radius``: a point with an
    accuracy radius (the finest)."""

    none = "none"
    country = "country"
    region_or_state = "region_or_state"
    city = "city"
    radius = "radius"


PRECISION_RANK = {p: i for i, p in enumerate(GeolocationPrecision)}


def _at_least(p: GeolocationPrecision, floor: GeolocationPrecision) -> bool:
    return PRECISION_RANK[p] >= PRECISION_RANK[floor]


def _disposition_met(outcome: Outcome) -> bool | None:
    """The Disposition reason's ``met``: True if jurisdiction is shown, None if undecided."""
    return {Outcome.jurisdiction_shown: True, Outcome.undetermined: None}.get(outcome, False)


def _label(p: GeolocationPrecision) -> str:
    return {
        GeolocationPrecision.none: "no location at all",
        GeolocationPrecision.country: "the country",
        GeolocationPrecision.region_or_state: "the region or state",
        GeolocationPrecision.city: "the city",
        GeolocationPrecision.radius: "a point within a stated radius",
    }[p]


# ---------------------------------------------------------------------------------------
# 1. N.D. Cal. 2012: a prima facie showing of forum residence from geolocation
# ---------------------------------------------------------------------------------------


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
        None,
        ge=0.0,
        le=1.0,
        description="a geolocation model's estimated probability that an IP address is in the forum state",
    )


def geolocation_residence_source_facts() -> GeolocationResidenceFacts:
    """Hard Drive: the complaint traced every IP address to a point in California; at the hearing
    the plaintiff conceded geolocation is only truly reliable for the country and that earlier
    subpoenas had turned up subscribers living outside the forum state."""
    return GeolocationResidenceFacts(
        geolocation_precision=GeolocationPrecision.region_or_state,
        claimed_in_forum_state=True,
        plaintiff_concedes_state_unreliable=True,
        past_cases_found_out_of_state_subscribers=True,
    )


@legal_test(
    id="jurisdiction.geolocation_residence_ndcal_2012",
    court=NDCAL_COURT,
    citation=f"{NDCAL_CASE}, pp. 6:15-7:23",
    issue="jurisdiction",
    title="Forum residence shown by IP geolocation (prima facie)",
    facts=GeolocationResidenceFacts,
    source_facts=geolocation_residence_source_facts,
)
def geolocation_residence_ndcal_2012(f: GeolocationResidenceFacts) -> Ruling:
    """Geolocation that is reliable only for the country cannot make a prima facie showing that
    the Does live in the forum state (Hard Drive, N.D. Cal. 2012, p. 7:17-23).

    What a reliable state- or city-level trace would show is not decided there.
    """
    reasons: list[Reason] = []
    places_in_a_state = _at_least(f.geolocation_precision, GeolocationPrecision.region_or_state)

    if not f.claimed_in_forum_state:
        trace_met: bool | None = False
        trace_text = (
            "The plaintiff's geolocation does not place the IP addresses in the forum state, so it offers "
            "nothing from which to infer that the Does live there."
        )
        trace_quotes: tuple[str, ...] = (
            "ndcal.discovery.f1_includes_jurisdiction",
            "ndcal.jurisdiction.no_prima_facie_residence",
        )
    elif not places_in_a_state:
        trace_met = False
        trace_text = (
            f"Geolocation that places an IP address no more finely than {_label(f.geolocation_precision)} cannot "
            "say in which state it is. N.D. Cal. refused a prima facie showing of California residence where "
            "geolocation was truly reliable only for the country."
        )
        trace_quotes = ("ndcal.discovery.f1_country_only", "ndcal.discovery.f1_cannot_predict_state")
    elif f.plaintiff_concedes_state_unreliable:
        trace_met = False
        trace_text = (
            f"The plaintiff says its geolocation traces each IP address to {_label(f.geolocation_precision)} in the "
            "forum state, but it concedes that geolocation cannot reliably predict an IP address's state of "
            "origin, so its own trace cannot carry the showing. That is the N.D. Cal. case."
        )
        trace_quotes = (
            "ndcal.jurisdiction.geolocation_alleged",
            "ndcal.discovery.f1_country_only",
            "ndcal.discovery.f1_cannot_predict_state",
        )
    else:
        trace_met = None
        trace_text = (
            f"The plaintiff traces each IP address to {_label(f.geolocation_precision)} in the forum state and does "
            "not concede that the trace is unreliable at that level. N.D. Cal. rejected a trace the plaintiff "
            "admitted was truly reliable only for the country; it did not say whether a reliable state- or "
            f"city-level trace would make a prima facie showing of residence: {UNDECIDED}. (D. Haw. notes that "
            "geolocation matters because of jurisdiction, and describes S.D. Cal. accepting a trace to San Diego "
            "for a different question, identifying a Doe with sufficient particularity: see "
            "jurisdiction.geolocation_particularity_sdcal.)"
        )
        trace_quotes = (
            "ndcal.jurisdiction.geolocation_alleged",
            "dhaw.discovery.f1_geolocation_rationale",
            "dhaw.discovery.f1_strike3",
        )
    reasons.append(
        Reason(
            element="Geolocation reliably places each Doe in the forum state",
            met=trace_met,
            explanation=trace_text,
            facts=("geolocation_precision", "claimed_in_forum_state", "plaintiff_concedes_state_unreliable"),
            quote_ids=trace_quotes,
        )
    )

    if f.past_cases_found_out_of_state_subscribers:
        past_text = (
            "In earlier cases where early discovery was granted, some subscribers turned out to live outside the "
            "state where the suit was brought; N.D. Cal. counted this against the geolocation."
        )
        if trace_met is None:
            past_text += (
                " The court relied on it together with the plaintiff's admission about state-level reliability; "
                f"whether it defeats a showing on its own, {UNDECIDED}."
            )
        reasons.append(
            Reason(
                element="Earlier cases bear out the geolocation",
                met=False,
                explanation=past_text,
                facts=("past_cases_found_out_of_state_subscribers",),
                quote_ids=("ndcal.jurisdiction.out_of_state_subscribers",),
            )
        )
    else:
        reasons.append(
            Reason(
                element="Earlier cases bear out the geolocation",
                met=True,
                explanation="Nothing here shows earlier subpoenas turning up subscribers outside the forum state.",
                facts=("past_cases_found_out_of_state_subscribers",),
                quote_ids=("ndcal.jurisdiction.out_of_state_subscribers",),
            )
        )

    if f.probability_in_forum is not None:
        reasons.append(
            Reason(
                element="Estimated probability that an IP address is in the forum state",
                met=None,
                explanation=(
                    f"A geolocation model puts the chance that an IP address is in the forum state at "
                    f"{f.probability_in_forum:.0%}. The opinion sets no probability that a prima facie showing "
                    f"requires, so the estimate does not change the result either way: {UNDECIDED}."
                ),
                facts=("probability_in_forum",),
                quote_ids=("ndcal.jurisdiction.no_prima_facie_residence",),
            )
        )

    if trace_met is False:
        outcome = Outcome.jurisdiction_not_shown
        summary = (
            "No prima facie showing that the Does live in the forum state: the geolocation cannot reliably place "
            "them there. Jurisdiction over them must rest on their own contacts with the forum "
            "(see jurisdiction.minimum_contacts_ndcal_2012)."
        )
        disposition_quotes: tuple[str, ...] = ("ndcal.jurisdiction.no_prima_facie_residence",)
    else:
        outcome = Outcome.undetermined
        summary = (
            "Whether a state- or city-level geolocation that the plaintiff does not concede is unreliable makes a "
            f"prima facie showing of forum residence: {UNDECIDED}."
        )
        disposition_quotes = ("ndcal.jurisdiction.no_prima_facie_residence",)
    reasons.append(
        Reason(element="Disposition", met=False if outcome == Outcome.jurisdiction_not_shown else None,
               explanation=summary, quote_ids=disposition_quotes)
    )
    return Ruling(
        test_id="jurisdiction.geolocation_residence_ndcal_2012",
        court=NDCAL_COURT,
        citation=f"{NDCAL_CASE}, pp. 6:15-7:23",
        question=(
            "Does the plaintiff's IP geolocation make a prima facie showing that the Does live in the forum state?"
        ),
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )


# ---------------------------------------------------------------------------------------
# 2. S.D. Cal. 2018, as D. Haw. describes it: particularity with a geolocation trace
# ---------------------------------------------------------------------------------------


class GeolocationParticularityFacts(Facts):
    """What the plaintiff offers to identify a Doe as a real person who can be sued in federal court."""

    ip_address_identified: bool = Field(
        description="the Doe's own IP address, tied to the infringing activity"
    )
    activity_dates_given: bool = Field(
        description="the specific dates (and times) of the infringing activity"
    )
    isp_named: bool = Field(False, description="the name of the ISP for the user of the IP address")
    geolocation_precision: GeolocationPrecision = Field(
        description="the finest level at which geolocation traces the Doe's IP address"
    )
    geolocation_in_forum: bool = Field(
        description="the geolocation traces the Doe's IP address to a place in the forum"
    )


def geolocation_particularity_source_facts() -> GeolocationParticularityFacts:
    """Strike 3 (S.D. Cal. 2018) as D. Haw. describes it: unique IP address, specific dates and
    times, the ISP's name, and geolocation tracing the IP address to San Diego (the forum)."""
    return GeolocationParticularityFacts(
        ip_address_identified=True,
        activity_dates_given=True,
        isp_named=True,
        geolocation_precision=GeolocationPrecision.city,
        geolocation_in_forum=True,
    )


@legal_test(
    id="jurisdiction.geolocation_particularity_sdcal",
    court=SDCAL_COURT,
    citation=SDCAL_CASE,
    issue="jurisdiction",
    title="Identifying a Doe with sufficient particularity by IP address and geolocation (as D. Haw. describes it)",
    facts=GeolocationParticularityFacts,
    is_holding=False,
    source_facts=geolocation_particularity_source_facts,
)
def geolocation_particularity_sdcal(f: GeolocationParticularityFacts) -> Ruling:
    """An IP address, the dates and times of the activity, the ISP and a geolocation trace to the
    forum city identified a Doe with sufficient particularity (Strike 3, S.D. Cal. 2018, as
    described in Bodyguard, D. Haw. 2020, Discussion, Part I).

    The description says what sufficed, not what is required.
    """
    in_forum_city = f.geolocation_in_forum and _at_least(f.geolocation_precision, GeolocationPrecision.city)
    in_forum_state = f.geolocation_in_forum and _at_least(f.geolocation_precision, GeolocationPrecision.region_or_state)
    reasons: list[Reason] = []

    reasons.append(
        Reason(
            element="The Doe's IP address, tied to the infringing activity",
            met=True if f.ip_address_identified else None,
            explanation=(
                "The plaintiff gives the Doe's own IP address and ties the activity to it, as in the S.D. Cal. case."
                if f.ip_address_identified
                else "No IP address for the Doe. The described decisions all had one; whether particularity can be "
                f"shown without it, under this description, {UNDECIDED}. (On its own facts, D. Haw. held the Does "
                "not identified with sufficient particularity where no IP address for them was given at all; that "
                "is its own holding, not this description.)"
            ),
            facts=("ip_address_identified",),
            quote_ids=("dhaw.discovery.f1_strike3",)
            + (() if f.ip_address_identified else ("dhaw.discovery.f1_no_doe_ips",)),
        )
    )
    reasons.append(
        Reason(
            element="Dates and times of the infringing activity",
            met=True if f.activity_dates_given else None,
            explanation=(
                "The plaintiff gives the dates (and times) of the activity, as in the S.D. Cal. case."
                if f.activity_dates_given
                else f"No dates for the activity. Every described decision had them; without them, {UNDECIDED}."
            ),
            facts=("activity_dates_given",),
            quote_ids=("dhaw.discovery.f1_strike3", "dhaw.discovery.f1_courts_have_found"),
        )
    )
    reasons.append(
        Reason(
            element="The ISP for the IP address",
            met=True if f.isp_named else None,
            explanation=(
                "The plaintiff names the ISP, as in the S.D. Cal. case."
                if f.isp_named
                else "The ISP is not named. S.D. Cal. had the ISP's name, but D. Haw.'s own summary of what courts "
                "have accepted (IP addresses, dates and a geolocation trace) does not list it, nor does its "
                "account of Third World Media (D. Haw. 2011); whether it is ever needed, "
                f"{UNDECIDED}."
            ),
            facts=("isp_named",),
            quote_ids=("dhaw.discovery.f1_strike3", "dhaw.discovery.f1_courts_have_found"),
        )
    )
    if in_forum_city:
        geo_met: bool | None = True
        geo_text = (
            f"Geolocation traces the IP address to {_label(f.geolocation_precision)} in the forum, as S.D. Cal. "
            "had a trace to San Diego. D. Haw. notes that the point of the trace is the court's jurisdiction."
        )
        geo_quotes: tuple[str, ...] = (
            "dhaw.discovery.f1_strike3",
            "dhaw.discovery.f1_geolocation_rationale",
        )
    elif in_forum_state:
        geo_met = True
        geo_text = (
            "Geolocation places the IP address in the forum state but not in a city. S.D. Cal. had a city-level "
            "trace; the D. Haw. describes Third World Media (D. Haw. 2011) accepting IP addresses linked to the "
            "State of Hawaii, the forum state."
        )
        geo_quotes = ("dhaw.jurisdiction.third_world_hawaii_ips", "dhaw.discovery.f1_geolocation_rationale")
    elif f.geolocation_in_forum:
        geo_met = None
        geo_text = (
            f"Geolocation places the IP address no more finely than {_label(f.geolocation_precision)}, which cannot "
            f"show that it is in the forum. The described decisions all traced to the forum; without that, {UNDECIDED}."
        )
        geo_quotes = ("dhaw.discovery.f1_courts_have_found", "dhaw.discovery.f1_geolocation_rationale")
    else:
        geo_met = None
        geo_text = (
            "Geolocation does not trace the IP address to the forum. The described decisions all did; without "
            f"that, {UNDECIDED}. (D. Haw. observed that location information pointing outside the forum may "
            "weaken the plaintiff's claim of jurisdiction.)"
        )
        geo_quotes = ("dhaw.discovery.f1_geolocation_rationale", "dhaw.discovery.f1_netherlands")
    reasons.append(
        Reason(
            element="Geolocation traces the IP address to the forum",
            met=geo_met,
            explanation=geo_text,
            facts=("geolocation_precision", "geolocation_in_forum"),
            quote_ids=geo_quotes,
        )
    )

    if f.ip_address_identified and f.activity_dates_given and in_forum_city and f.isp_named:
        outcome = Outcome.factor_met
        summary = (
            "Identified with sufficient particularity, as S.D. Cal. found on the same showing (IP address, dates "
            "and times, ISP, trace to the forum city), as D. Haw. describes it."
        )
        quotes: tuple[str, ...] = ("dhaw.discovery.f1_strike3",)
    elif f.ip_address_identified and f.activity_dates_given and in_forum_state:
        outcome = Outcome.factor_met
        summary = (
            "Identified with sufficient particularity, as D. Haw. describes what courts have accepted: IP addresses, "
            "dates of the activity and geolocation placing the Doe in the forum (Third World Media, D. Haw. 2011; "
            "Strike 3, S.D. Cal. 2018)."
        )
        quotes = ("dhaw.discovery.f1_courts_have_found", "dhaw.jurisdiction.third_world_hit_dates")
    else:
        outcome = Outcome.undetermined
        summary = (
            "The showing lacks something every described decision had (an IP address, dates, or a trace to the "
            f"forum). The descriptions say what sufficed, not what is required: {UNDECIDED}."
        )
        quotes = ("dhaw.discovery.f1_courts_have_found",)
    reasons.append(
        Reason(element="Disposition", met=True if outcome == Outcome.factor_met else None,
               explanation=summary, quote_ids=quotes)
    )
    return Ruling(
        test_id="jurisdiction.geolocation_particularity_sdcal",
        court=SDCAL_COURT,
        citation=SDCAL_CASE,
        question=(
            "Has the plaintiff identified the Doe with sufficient particularity to show a real person who can be "
            "sued in this court?"
        ),
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
        is_holding=False,
        note="S.D. Cal.'s decision as the D. Haw. describes it: a comparison, not the D. Haw.'s own holding.",
    )


# ---------------------------------------------------------------------------------------
# 3. N.D. Cal. 2012: minimum contacts of non-resident Does through the swarm
# ---------------------------------------------------------------------------------------


class MinimumContactsFacts(Facts):
    """What the complaint alleges about each non-resident Doe's contacts with the forum state."""

    transfers_to_forum_count: int = Field(
        ge=0,
        le=1_000_000,
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
    """Hard Drive: a bare assertion of up- and downloads to and from Californians; no allegation of
    any transfer to a Californian, nor that the Does were in the swarm at the same time."""
    return MinimumContactsFacts(transfers_to_forum_count=0, summary_forum_assertion=True)


@legal_test(
    id="jurisdiction.minimum_contacts_ndcal_2012",
    court=NDCAL_COURT,
    citation=f"{NDCAL_CASE}, pp. 7:5-8:5",
    issue="jurisdiction",
    title="Minimum contacts of non-resident Does through a BitTorrent swarm",
    facts=MinimumContactsFacts,
    source_facts=minimum_contacts_source_facts,
)
def minimum_contacts_ndcal_2012(f: MinimumContactsFacts) -> Ruling:
    """A non-resident Doe's transfer of a single piece of the file to a forum resident is not
    minimum contacts, and a bare assertion of transfers is not even that (Hard Drive, N.D. Cal.
    2012, pp. 7:25-8:5).

    How many transferred pieces would be enough is not decided.
    """
    reasons: list[Reason] = []
    reasons.append(
        Reason(
            element="General jurisdiction: substantial or continuous and systematic activity in the forum",
            met=f.continuous_systematic_activity,
            explanation=(
                "The Doe's activities in the forum state are substantial, or continuous and systematic: that is a "
                "relationship with the state sufficient for general jurisdiction."
                if f.continuous_systematic_activity
                else "Nothing alleged suggests the Doe's activities in the forum state are substantial or continuous "
                "and systematic, so there is no general jurisdiction."
            ),
            facts=("continuous_systematic_activity",),
            quote_ids=("ndcal.jurisdiction.general",),
        )
    )
    if f.summary_forum_assertion:
        reasons.append(
            Reason(
                element="The complaint's assertion of forum transfers",
                met=False,
                explanation=(
                    "A summary assertion that the Does downloaded from or uploaded to forum residents does not "
                    "support general or limited jurisdiction."
                ),
                facts=("summary_forum_assertion",),
                quote_ids=("ndcal.discovery.f1_summary_assertion",),
            )
        )
    reasons.append(
        Reason(
            element="The Does were in the swarm at the same time",
            met=f.same_time_in_swarm_alleged,
            explanation=(
                "The complaint alleges the Does were in the swarm together. On its own that is no transfer to a "
                "forum resident, which is what the contacts turn on."
                if f.same_time_in_swarm_alleged
                else "The complaint does not allege that the Does were in the swarm at the same time."
            ),
            facts=("same_time_in_swarm_alleged",),
            quote_ids=("ndcal.jurisdiction.no_transfer_alleged",),
        )
    )
    n = f.transfers_to_forum_count
    if n == 0:
        transfer_met: bool | None = False
        transfer_text = (
            "No Doe is alleged, with facts, to have transferred any piece of the work to a forum resident. Each "
            "Doe's contacts are judged on their own."
        )
        transfer_quotes: tuple[str, ...] = (
            "ndcal.jurisdiction.no_transfer_alleged",
            "ndcal.jurisdiction.evaluated_individually",
        )
    elif n == 1:
        transfer_met = False
        transfer_text = (
            "One piece transferred to a forum resident is a single, tiny act; N.D. Cal. held that even if each Doe "
            "had done that, it would not be minimum contacts with the state."
        )
        transfer_quotes = ("ndcal.discovery.f1_miniscule", "ndcal.jurisdiction.minimum_contacts")
    else:
        transfer_met = None
        transfer_text = (
            f"Each Doe is alleged to have transferred {n} pieces to forum residents. N.D. Cal. held that one piece "
            f"is not minimum contacts; it did not say how many would be: {UNDECIDED}."
        )
        transfer_quotes = ("ndcal.discovery.f1_miniscule", "ndcal.jurisdiction.limited")
    reasons.append(
        Reason(
            element="Specific (limited) jurisdiction: the Doe's own transfers to forum residents",
            met=transfer_met,
            explanation=transfer_text,
            facts=("transfers_to_forum_count",),
            quote_ids=transfer_quotes,
        )
    )

    if f.continuous_systematic_activity:
        outcome = Outcome.jurisdiction_shown
        summary = (
            "The Doe's substantial, or continuous and systematic, activities in the forum state support general "
            "personal jurisdiction."
        )
        quotes: tuple[str, ...] = ("ndcal.jurisdiction.general",)
    elif transfer_met is None:
        outcome = Outcome.undetermined
        summary = (
            "More than one piece transferred to forum residents: N.D. Cal. held one is not enough but did not say "
            f"how many would be: {UNDECIDED}."
        )
        quotes = ("ndcal.discovery.f1_miniscule",)
    else:
        outcome = Outcome.jurisdiction_not_shown
        summary = (
            "No minimum contacts are shown for any non-resident Doe, so the court cannot exercise personal "
            "jurisdiction over them."
        )
        quotes = ("ndcal.jurisdiction.each_doe",)
    reasons.append(
        Reason(element="Disposition", met=_disposition_met(outcome), explanation=summary, quote_ids=quotes)
    )
    return Ruling(
        test_id="jurisdiction.minimum_contacts_ndcal_2012",
        court=NDCAL_COURT,
        citation=f"{NDCAL_CASE}, pp. 7:5-8:5",
        question="Has the plaintiff alleged minimum contacts between each non-resident Doe and the forum state?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )


# ---------------------------------------------------------------------------------------
# 4. D. Haw. 2020: specific jurisdiction by purposeful direction (Calder effects test)
# ---------------------------------------------------------------------------------------


class SiteInteractivity(str, Enum):
    """Cybersell's distinction: a passive page that just posts information, or an interactive site."""

    passive = "passive"
    interactive = "interactive"


class CalderFacts(Facts):
    """What the plaintiff alleges to show that the operators of a website and application
    purposefully directed their activities at the forum state."""

    intentional_act: bool = Field(
        description=(
            "an intentional act by the defendants, such as operating the website and distributing the application"
        )
    )
    forum_audience_users: int = Field(
        ge=0,
        le=100_000_000,
        description="users of the website or application shown to be in the forum state",
        json_schema_extra={"search": [0, 100_000], "step": 1},
    )
    site_interactivity: SiteInteractivity = Field(
        description="how interactive the defendants' website or application is"
    )
    forum_targeted_advertising: bool = Field(
        False, description="advertising specifically directed at consumers in the forum state"
    )
    forum_audience_integral_to_business: bool = Field(
        False,
        description="a forum audience that is an integral part of the defendants' business model and profitability",
    )
    individually_targeted_forum_plaintiff: bool = Field(
        False, description="the defendants' individual targeting of a plaintiff they knew to be a forum resident"
    )
    knew_forum_user_by_geolocation: bool = Field(
        False, description="the defendants' knowledge, by geolocation, that a user was in the forum state"
    )
    harm_known_likely_in_forum: bool | None = Field(
        None, description="the defendants' knowledge that the harm was likely to be suffered in the forum state"
    )
    claim_arises_from_forum_activities: bool | None = Field(
        None, description="a claim that arises out of or relates to the defendants' forum-related activities"
    )
    exercise_reasonable: bool | None = Field(
        None, description="an exercise of jurisdiction that comports with fair play and substantial justice"
    )


def calder_source_facts() -> CalderFacts:
    """Bodyguard: the Does operate popcorn-time.ch and the Popcorn Time application (interactive;
    it geolocates users); one Hawaii user, Alex Musante; no Hawaii-directed advertising or
    business model alleged. The court never reached the remaining prongs."""
    return CalderFacts(
        intentional_act=True,
        forum_audience_users=1,
        site_interactivity=SiteInteractivity.interactive,
        knew_forum_user_by_geolocation=True,
    )


def _express_aiming(f: CalderFacts) -> Reason:
    """The express-aiming element, as D. Haw. applied Cybersell, Mavrix and Rio Properties."""
    facts = (
        "forum_audience_users",
        "forum_targeted_advertising",
        "forum_audience_integral_to_business",
        "individually_targeted_forum_plaintiff",
        "site_interactivity",
    )
    if f.forum_targeted_advertising:
        return Reason(
            element="Expressly aimed at the forum state",
            met=True,
            explanation=(
                "Advertising specifically directed at forum consumers is targeting of the forum: D. Haw. describes "
                "Mavrix (ads for California jobs, hotels and vacations) and Rio Properties (radio and print ads in "
                "Las Vegas) as express aiming, as D. Haw. describes it."
            ),
            facts=facts,
            quote_ids=("dhaw.jurisdiction.mavrix_advertisements", "dhaw.jurisdiction.rio_advertisements"),
        )
    if f.forum_audience_integral_to_business:
        if f.forum_audience_users > 1:
            return Reason(
                element="Expressly aimed at the forum state",
                met=True,
                explanation=(
                    "A forum audience that is integral to the defendants' business model and profitability is the "
                    "continuous and deliberate exploitation of a forum audience that D. Haw. says, following "
                    "Mavrix, satisfies express aiming, even if that audience is a small share of a global one."
                ),
                facts=facts,
                quote_ids=(
                    "dhaw.jurisdiction.mavrix_integral",
                    "dhaw.jurisdiction.mavrix_exploited_base",
                    "dhaw.jurisdiction.substantial_audience",
                ),
            )
        return Reason(
            element="Expressly aimed at the forum state",
            met=None,
            explanation=(
                "The forum audience is said to be integral to the business, yet no more than one forum user is "
                f"shown, and an audience of one is insufficient. How those fit together, {UNDECIDED}."
            ),
            facts=facts,
            quote_ids=("dhaw.jurisdiction.mavrix_integral", "dhaw.jurisdiction.audience_of_one"),
        )
    if f.individually_targeted_forum_plaintiff:
        return Reason(
            element="Expressly aimed at the forum state",
            met=None,
            explanation=(
                "The defendants individually targeted a plaintiff they knew to be a forum resident. D. Haw. lists "
                f"this, after Mavrix, among the things courts consider; what weight it carries here, {UNDECIDED}."
            ),
            facts=facts,
            quote_ids=("dhaw.jurisdiction.individually_targeted",),
        )
    if f.site_interactivity == SiteInteractivity.passive:
        return Reason(
            element="Expressly aimed at the forum state",
            met=False,
            explanation=(
                "A passive site that just posts information, with nothing directed at the forum, is not express "
                "aiming (Cybersell, as D. Haw. describes it)."
            ),
            facts=facts,
            quote_ids=("dhaw.jurisdiction.passive_web_page", "dhaw.jurisdiction.cybersell_no_encouragement"),
        )
    if f.forum_audience_users <= 1:
        return Reason(
            element="Expressly aimed at the forum state",
            met=False,
            explanation=(
                f"{'One forum user' if f.forum_audience_users == 1 else 'No forum user'} and nothing directed at the "
                "forum: the plaintiff must allege more than a single individual's use, and an audience of one is "
                "insufficient. An interactive site raises different issues from a passive one, but a site merely "
                "accessible from the forum, however interactive, is not aimed at it."
            ),
            facts=facts,
            quote_ids=(
                "dhaw.jurisdiction.audience_of_one",
                "dhaw.jurisdiction.something_more",
                "dhaw.jurisdiction.interactive_sites",
                "dhaw.jurisdiction.dfsb_accessible_not_targeted",
            ),
        )
    return Reason(
        element="Expressly aimed at the forum state",
        met=None,
        explanation=(
            f"{f.forum_audience_users:,} forum users are shown, with no advertising or business model directed at "
            "the forum. D. Haw. says continuous and deliberate exploitation of a substantial forum audience would "
            "be express aiming and that one user is not; it gives no number for substantial, and an interactive "
            f"site merely accessible from the forum is not aimed at it. Whether this audience is enough: {UNDECIDED}."
        ),
        facts=facts,
        quote_ids=(
            "dhaw.jurisdiction.substantial_audience",
            "dhaw.jurisdiction.explain_userbase",
            "dhaw.jurisdiction.dfsb_accessible_not_targeted",
        ),
    )


def _not_reached(value: bool | None, element: str, field: str, yes: str, no: str, quote_id: str) -> Reason:
    if value is None:
        text = f"D. Haw. did not reach this: {UNDECIDED}."
    else:
        text = yes if value else no
    return Reason(element=element, met=value, explanation=text, facts=(field,), quote_ids=(quote_id,))


@legal_test(
    id="jurisdiction.calder_express_aiming_dhaw_2020",
    court=DHAW_COURT,
    citation=f"{DHAW_CASE}, Discussion, Part II.A",
    issue="jurisdiction",
    title="Specific jurisdiction: purposeful direction under the Calder effects test",
    facts=CalderFacts,
    source_facts=calder_source_facts,
)
def calder_express_aiming_dhaw_2020(f: CalderFacts) -> Ruling:
    """Operators of a website and application purposefully direct their activities at a forum only
    if they expressly aim at it, by continuous and deliberate exploitation of a substantial forum
    audience; an audience of one is insufficient (Bodyguard, D. Haw. 2020, Discussion, Part II.A).

    How large a substantial audience must be is not decided, nor are the prongs the court never reached.
    """
    reasons: list[Reason] = [
        Reason(
            element="Calder (1): an intentional act",
            met=f.intentional_act,
            explanation=(
                "The defendants acted intentionally (operating the website and distributing the application)."
                if f.intentional_act
                else "No intentional act by the defendants is alleged, so the effects test fails at its first step."
            ),
            facts=("intentional_act",),
            quote_ids=("dhaw.jurisdiction.effects_test", "dhaw.jurisdiction.purposeful_direction_framework"),
        )
    ]
    aiming = _express_aiming(f)
    reasons.append(aiming)
    if f.knew_forum_user_by_geolocation:
        one = f.forum_audience_users <= 1
        reasons.append(
            Reason(
                element="Knowledge, by geolocation, of where a user is",
                met=False if one else None,
                explanation=(
                    "The plaintiff's theory: the application geolocates its users, so the defendants knew they were "
                    "sending the work to a user in the forum. Contact with one forum resident does not show that the "
                    "defendants target forum users in particular."
                    if one
                    else "The application geolocates its users, so the defendants could know where they are. Whether "
                    f"that knowledge of many forum users is targeting of the forum, {UNDECIDED}."
                ),
                facts=("knew_forum_user_by_geolocation", "forum_audience_users"),
                quote_ids=("dhaw.jurisdiction.plaintiff_geolocation_theory", "dhaw.jurisdiction.one_hawaii_resident"),
            )
        )
    reasons.append(
        _not_reached(
            f.harm_known_likely_in_forum, "Calder (3): harm the defendants know is likely suffered in the forum",
            "harm_known_likely_in_forum",
            "Taken as given: the defendants knew the harm was likely to be suffered in the forum.",
            "The defendants did not know the harm was likely to be suffered in the forum, so the effects test fails.",
            "dhaw.jurisdiction.effects_test",
        )
    )
    reasons.append(
        _not_reached(
            f.claim_arises_from_forum_activities, "Prong 2: the claim arises out of forum-related activities",
            "claim_arises_from_forum_activities",
            "Taken as given: the claim arises out of or relates to the defendants' forum-related activities.",
            "The claim does not arise out of or relate to the defendants' forum-related activities.",
            "dhaw.jurisdiction.prong_two",
        )
    )
    reasons.append(
        _not_reached(
            f.exercise_reasonable, "Prong 3: jurisdiction would be reasonable",
            "exercise_reasonable",
            "Taken as given: exercising jurisdiction would be reasonable.",
            "Exercising jurisdiction would not comport with fair play and substantial justice.",
            "dhaw.jurisdiction.prong_three",
        )
    )

    others = (f.harm_known_likely_in_forum, f.claim_arises_from_forum_activities, f.exercise_reasonable)
    if not f.intentional_act or aiming.met is False or False in others:
        outcome = Outcome.jurisdiction_not_shown
        if aiming.met is False:
            why = (
                "a passive site that just posts information is not aimed at the forum"
                if f.site_interactivity == SiteInteractivity.passive
                else "an audience of one forum user (or none), with nothing directed at the forum, is not targeting "
                "of the forum"
            )
            summary = (
                f"Express aiming is not shown: {why}. Without purposeful direction there is no specific jurisdiction."
            )
            quotes: tuple[str, ...] = (
                "dhaw.jurisdiction.one_hawaii_resident",
                "dhaw.discovery.f3_cannot_withstand",
            )
        else:
            summary = "An element of specific jurisdiction fails, so there is no specific jurisdiction."
            quotes = ("dhaw.jurisdiction.prong_one", "dhaw.jurisdiction.effects_test")
    elif aiming.met is None:
        outcome = Outcome.undetermined
        summary = f"Whether the defendants expressly aimed at the forum on these facts: {UNDECIDED}."
        quotes = ("dhaw.jurisdiction.substantial_audience",)
    elif None in others:
        outcome = Outcome.undetermined
        summary = (
            "Express aiming is shown, but D. Haw. never reached the rest of the test (harm known to be suffered in "
            f"the forum, relatedness, reasonableness): {UNDECIDED}."
        )
        quotes = ("dhaw.jurisdiction.prong_two", "dhaw.jurisdiction.prong_three")
    else:
        outcome = Outcome.jurisdiction_shown
        summary = (
            "Purposeful direction is shown by express aiming at the forum, and the remaining elements are taken as "
            "given: specific jurisdiction."
        )
        quotes = ("dhaw.jurisdiction.substantial_audience", "dhaw.jurisdiction.prong_one")
    reasons.append(
        Reason(element="Disposition", met=_disposition_met(outcome), explanation=summary, quote_ids=quotes)
    )
    return Ruling(
        test_id="jurisdiction.calder_express_aiming_dhaw_2020",
        court=DHAW_COURT,
        citation=f"{DHAW_CASE}, Discussion, Part II.A",
        question=(
            "Did the Does purposefully direct their website and application at the forum state "
            "(specific jurisdiction)?"
        ),
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )


# ---------------------------------------------------------------------------------------
# 5. D. Haw. 2020: Rule 4(k)(2), the federal long-arm rule
# ---------------------------------------------------------------------------------------


class UsAudienceAllegations(str, Enum):
    """What the plaintiff alleges about the defendants' audience in the United States."""

    none = "none"
    conclusory = "conclusory"
    specific = "specific"


US_ALLEGATION_RANK = {a: i for i, a in enumerate(UsAudienceAllegations)}


class Rule4k2Facts(Facts):
    """What the plaintiff offers to show that foreign defendants aimed at the United States as a whole."""

    us_audience_allegations: UsAudienceAllegations = Field(
        description="the kind of allegations about the defendants' U.S. audience"
    )
    us_downloads_count: int = Field(
        0,
        ge=0,
        le=1_000_000_000,
        description="U.S. downloads of the application alleged with supporting facts",
        json_schema_extra={"search": [0, 1_000_000], "step": 1},
    )
    us_commercial_platform: bool = Field(
        False,
        description="distribution to U.S. consumers through a U.S. commercial platform such as the Apple App Store",
    )
    us_directed_advertising: bool = Field(
        False, description="advertising or services specifically directed at a U.S. audience"
    )
    relies_on_us_service_providers: bool = Field(
        False,
        description=(
            "the plaintiff's reliance on the defendants' use of U.S.-based server, name-server and email providers"
        ),
    )
    subject_to_state_general_jurisdiction: bool = Field(
        False, description="the defendants' amenability to some state's courts of general jurisdiction"
    )
    argument_first_raised_on_appeal: bool = Field(
        False, description="a Rule 4(k)(2) argument first made in the objection to the magistrate judge's order"
    )


def rule_4k2_source_facts() -> Rule4k2Facts:
    """Bodyguard: a conclusory allegation of a substantial U.S. userbase (FAC ¶ 6); ads and a VPN
    offer not shown to be directed at the U.S.; reliance on ColoCrossing, Cloudflare and Google;
    the argument made for the first time on appeal from the magistrate judge."""
    return Rule4k2Facts(
        us_audience_allegations=UsAudienceAllegations.conclusory,
        relies_on_us_service_providers=True,
        argument_first_raised_on_appeal=True,
    )


@legal_test(
    id="jurisdiction.rule_4k2_dhaw_2020",
    court=DHAW_COURT,
    citation=f"{DHAW_CASE}, Discussion, Part II.B",
    issue="jurisdiction",
    title="Rule 4(k)(2): the United States as the forum",
    facts=Rule4k2Facts,
    source_facts=rule_4k2_source_facts,
)
def rule_4k2_dhaw_2020(f: Rule4k2Facts) -> Ruling:
    """Rule 4(k)(2) asks the same due-process question with the whole United States as the forum,
    for a defendant no state's courts could reach; vague and conclusory allegations of a U.S.
    audience, and the use of U.S.-based service providers, do not show the defendants aimed at the
    United States (Bodyguard, D. Haw. 2020, Discussion, Part II.B).

    Specific U.S. allegations short of the Goes facts (about 50,000 U.S. downloads through a U.S.
    platform) are not decided.
    """
    reasons: list[Reason] = []
    reasons.append(
        Reason(
            element="Not subject to any state's courts of general jurisdiction",
            met=not f.subject_to_state_general_jurisdiction,
            explanation=(
                "The defendants are subject to jurisdiction in some state's courts of general jurisdiction, so the "
                "federal long-arm rule is not available."
                if f.subject_to_state_general_jurisdiction
                else "Nothing shows the defendants are subject to any state's courts of general jurisdiction, as "
                "Rule 4(k)(2) requires."
            ),
            facts=("subject_to_state_general_jurisdiction",),
            quote_ids=("dhaw.jurisdiction.k2_no_state_jurisdiction",),
        )
    )

    specific = f.us_audience_allegations == UsAudienceAllegations.specific or f.us_downloads_count > 0
    goes = specific and f.us_downloads_count >= GOES_DOWNLOADS and f.us_commercial_platform
    aiming_facts = (
        "us_audience_allegations",
        "us_downloads_count",
        "us_commercial_platform",
        "us_directed_advertising",
    )
    if goes:
        aiming: bool | None = True
        aiming_text = (
            f"{f.us_downloads_count:,} U.S. downloads through a U.S. commercial platform: the Goes facts (roughly "
            "50,000 undisputed downloads through the Apple App Store), on which the N.D. Cal. found Rule 4(k)(2) "
            "jurisdiction, as D. Haw. describes it."
        )
        aiming_quotes: tuple[str, ...] = ("dhaw.jurisdiction.k2_goes_downloads", "dhaw.jurisdiction.k2_goes_platform")
    elif f.us_directed_advertising:
        aiming = True
        aiming_text = (
            "Advertising specifically directed at a U.S. audience is targeting of the forum; with the United States "
            "as the forum the analysis is the same as for a state (Pebble Beach), and D. Haw. describes forum-"
            "directed advertising as express aiming in Mavrix and Rio Properties, as D. Haw. describes them."
        )
        aiming_quotes = ("dhaw.jurisdiction.k2_pebble_beach", "dhaw.jurisdiction.rio_advertisements")
    elif specific:
        aiming = None
        aiming_text = (
            "The plaintiff makes specific factual allegations about its U.S. audience ("
            + (f"{f.us_downloads_count:,} U.S. downloads" if f.us_downloads_count else "no download count")
            + (", through" if f.us_commercial_platform else ", not through")
            + " a U.S. commercial platform), short of the Goes facts (roughly 50,000 downloads through a U.S. "
            "commercial platform). D. Haw. expected that factual allegations of a prevalent application could "
            "succeed, and contrasted DFSB Kollective (no targeting, no known user base exploited), but it did not "
            f"say how much is enough: {UNDECIDED}."
        )
        aiming_quotes = (
            "dhaw.jurisdiction.k2_could_provide",
            "dhaw.jurisdiction.k2_goes_downloads",
            "dhaw.jurisdiction.k2_dfsb_no_targeting",
        )
    else:
        aiming = False
        aiming_text = (
            (
                "The only allegation about the U.S. audience is conclusory (defendants target and attract a "
                "substantial number of U.S. users); vague and conclusory allegations do not show the defendants "
                "target a U.S. audience, and the single Hawaii user has already been found insufficient."
            )
            if f.us_audience_allegations == UsAudienceAllegations.conclusory
            else "Nothing is alleged about a U.S. audience, so nothing shows the defendants aimed at the United States."
        )
        aiming_quotes = (
            "dhaw.jurisdiction.k2_pebble_beach",
            "dhaw.jurisdiction.k2_fac_allegation",
            "dhaw.jurisdiction.k2_conclusory",
            "dhaw.jurisdiction.k2_same_reason",
        )
    reasons.append(
        Reason(
            element="Expressly aimed at the United States (same due-process test, the whole country as the forum)",
            met=aiming,
            explanation=aiming_text,
            facts=aiming_facts,
            quote_ids=aiming_quotes,
        )
    )
    if not f.us_directed_advertising:
        reasons.append(
            Reason(
                element="Advertising directed at a U.S. audience",
                met=False,
                explanation=(
                    "Advertising or services (such as a VPN offer) that are not shown to be specifically directed at a "
                    "U.S. audience do not show targeting."
                ),
                facts=("us_directed_advertising",),
                quote_ids=("dhaw.jurisdiction.k2_ads_not_directed", "dhaw.jurisdiction.k2_dfsb_no_targeting"),
            )
        )
    if f.relies_on_us_service_providers:
        reasons.append(
            Reason(
                element="Use of U.S.-based service providers as contacts",
                met=False,
                explanation=(
                    "Using U.S.-based companies as server host, name server or email provider (ColoCrossing, "
                    "Cloudflare, Google) is not a meaningful contact: many prominent Internet companies are American, "
                    "and on that logic everyone with a Google email address would have submitted to U.S. "
                    "jurisdiction. The plaintiff did not explain their significance, and the defendants also use "
                    "foreign providers. And if those providers did create jurisdiction, they might subject the "
                    "defendants to the courts of the state where they are located, which would defeat Rule 4(k)(2) "
                    "itself."
                ),
                facts=("relies_on_us_service_providers",),
                quote_ids=(
                    "dhaw.jurisdiction.k2_us_resources_named",
                    "dhaw.jurisdiction.k2_us_resources",
                    "dhaw.jurisdiction.k2_google_email",
                    "dhaw.jurisdiction.k2_ama_not_meaningful",
                    "dhaw.jurisdiction.k2_international_resources",
                    "dhaw.jurisdiction.k2_undermines_rule",
                ),
            )
        )
    reasons.append(
        Reason(
            element="Argument made before the magistrate judge",
            met=not f.argument_first_raised_on_appeal,
            explanation=(
                "The Rule 4(k)(2) argument was made for the first time in the objection to the magistrate judge's "
                "order; the court was disinclined to consider it, though a district court may, and it went on to "
                "reject the argument on the merits anyway."
                if f.argument_first_raised_on_appeal
                else "The argument was made before the magistrate judge."
            ),
            facts=("argument_first_raised_on_appeal",),
            quote_ids=("dhaw.jurisdiction.k2_first_time_on_appeal", "dhaw.jurisdiction.howell_may_consider"),
        )
    )

    if f.subject_to_state_general_jurisdiction:
        outcome = Outcome.jurisdiction_not_shown
        summary = (
            "Rule 4(k)(2) does not apply: the defendants are subject to some state's courts of general jurisdiction."
        )
        quotes: tuple[str, ...] = ("dhaw.jurisdiction.k2_no_state_jurisdiction",)
    elif aiming is False:
        outcome = Outcome.jurisdiction_not_shown
        summary = (
            "No Rule 4(k)(2) jurisdiction: "
            + ("only conclusory allegations" if f.us_audience_allegations == UsAudienceAllegations.conclusory
               else "nothing")
            + (" (and the defendants' use of U.S. service providers, which does not count)"
               if f.relies_on_us_service_providers else "")
            + " suggests they aimed at the United States."
        )
        quotes = ("dhaw.jurisdiction.k2_same_reason", "dhaw.jurisdiction.k2_failed")
    elif aiming is None:
        outcome = Outcome.undetermined
        summary = f"Specific U.S. allegations short of the Goes facts: {UNDECIDED}."
        quotes = ("dhaw.jurisdiction.k2_could_provide",)
    elif not goes:
        outcome = Outcome.undetermined
        summary = (
            "Advertising directed at the United States shows express aiming, but the sources do not carry the rest of "
            f"the due-process analysis through on such facts: {UNDECIDED}."
        )
        quotes = ("dhaw.jurisdiction.k2_pebble_beach",)
    elif f.argument_first_raised_on_appeal:
        outcome = Outcome.undetermined
        summary = (
            "On the merits these are the Goes facts, as D. Haw. describes them, but the argument was first made on "
            "appeal from the magistrate judge, which a district court may decline to consider: whether it would, "
            f"{UNDECIDED}."
        )
        quotes = ("dhaw.jurisdiction.howell_may_consider", "dhaw.jurisdiction.k2_first_time_on_appeal")
    else:
        outcome = Outcome.jurisdiction_shown
        summary = (
            "Rule 4(k)(2) jurisdiction, as N.D. Cal. found on the same kind of facts in Goes (as D. Haw. describes "
            "it): U.S. downloads on the Goes scale through a U.S. commercial platform, and no state's courts could "
            "reach the defendants."
        )
        quotes = ("dhaw.jurisdiction.k2_goes_downloads", "dhaw.jurisdiction.k2_goes_platform")
    reasons.append(
        Reason(element="Disposition", met=_disposition_met(outcome), explanation=summary, quote_ids=quotes)
    )
    return Ruling(
        test_id="jurisdiction.rule_4k2_dhaw_2020",
        court=DHAW_COURT,
        citation=f"{DHAW_CASE}, Discussion, Part II.B",
        question="Is there personal jurisdiction under Rule 4(k)(2), with the whole United States as the forum?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )
