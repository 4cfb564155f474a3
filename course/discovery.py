"""Early discovery before the Rule 26(f) conference (Fed. R. Civ. P. 26(d)), and letters rogatory.

Two source opinions decide whether a plaintiff may take discovery to learn who the Does are
before the parties have conferred:

* Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012)
  (Lloyd, M.J.), Part III (seed 001): an application to subpoena ISPs for the subscribers
  behind 90 IP addresses, denied under Gillespie's "very likely" standard and under the four
  Semitool good-cause factors;
* Bodyguard Productions, Inc. v. Doe, Civ. No. 19-00139 ACK-KJM (D. Haw. Jan. 23, 2020)
  (Kay, J.), Discussion (seed 004): letters rogatory to four foreign companies to learn who runs
  a Popcorn Time website, denied by the Magistrate Judge; the denial affirmed on clear-error
  review because three of the four good-cause factors failed.

Neither opinion says how the four factors are weighed when fewer fail than failed before it,
nor that meeting all four establishes good cause; the engine says so (``undetermined``)
rather than guess. Personal jurisdiction and joinder are decided in their own modules; the
tests here take their conclusions as facts (``personal_jurisdiction_shown``,
``joinder_proper``) so that the modules compose without importing each other.

:func:`particularity_facts` and :func:`particularity_from_rows` turn an exhibit's summary
(does every Doe have an IP address, a date, an ISP, a forum geolocation?) into the facts of
the particularity factor, for a widget; both are pure.
"""
from __future__ import annotations

from enum import Enum
from typing import Any, Iterable, Mapping

from pydantic import Field

from .registry import legal_test
from .ruling import Facts, Outcome, Reason, Ruling

COURT_NDCAL = "N.D. Cal. (Lloyd, M.J.)"
CITATION_NDCAL = "Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012)"
COURT_DHAW = "D. Haw. (Kay, J.)"
CITATION_DHAW = "Bodyguard Productions, Inc. v. Doe, Civ. No. 19-00139 ACK-KJM (D. Haw. Jan. 23, 2020)"

UNDECIDED = "the sources do not decide this"

#: The length of the extra-judicial process the N.D. Cal. found (001, pp. 5:23-6:3).
SOURCE_STEPS_BEFORE_NAMING = 7


# =====================================================================================
# 1. Gillespie's "very likely" standard, as the N.D. Cal. applied it (001, Part III.A)
# =====================================================================================


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
        ge=0,
        le=20,
        description="steps the plaintiff takes after the subpoena before deciding whether to name a subscriber",
        json_schema_extra={"search": [0, 20], "step": 1},
    )
    further_discovery_may_be_needed: bool = Field(
        description="the plaintiff may need further discovery after it learns who the subscriber is",
    )
    similar_cases_with_early_discovery: int = Field(
        ge=0,
        le=100_000,
        description="similar cases in which early discovery was granted",
        json_schema_extra={"search": [0, 100], "step": 1},
    )
    defendants_served_in_similar_cases: int = Field(
        ge=0,
        le=100_000,
        description="defendants ever served in those cases",
        json_schema_extra={"search": [0, 100], "step": 1},
    )
    ip_addresses_subpoenaed_in_similar_cases: int = Field(
        ge=0,
        le=10_000_000,
        description="IP addresses subpoenaed in those cases (the court counted more than 18,000)",
        json_schema_extra={"counterfactual": False},
    )


def gillespie_source_facts() -> GillespieFacts:
    """Hard Drive's application as the N.D. Cal. saw it (001, pp. 4:24-6:8 and n.4).

    The subscriber may or may not be the infringer; seven steps stand between the subpoena and
    naming anyone; further discovery may be needed; the court's count: 57 cases in the district
    with early discovery, subpoenas for more than 18,000 IP addresses, no defendant served.
    """
    return GillespieFacts(
        subscriber_status=SubscriberStatus.may_or_may_not_be_infringer,
        steps_before_naming=SOURCE_STEPS_BEFORE_NAMING,
        further_discovery_may_be_needed=True,
        similar_cases_with_early_discovery=57,
        defendants_served_in_similar_cases=0,
        ip_addresses_subpoenaed_in_similar_cases=18_000,
    )


def _gillespie_reasons(f: GillespieFacts) -> tuple[list[Reason], bool | None, bool | None]:
    """The Gillespie considerations, plus (very_likely_denied, very_likely_shown)."""
    reasons: list[Reason] = []
    uncertain = f.subscriber_status == SubscriberStatus.may_or_may_not_be_infringer
    reasons.append(
        Reason(
            element="Who the subpoena reveals",
            met=not uncertain,
            explanation=(
                "The ISP can only name the subscriber who pays for the connection; family, roommates, guests "
                "or strangers on an open wireless signal may be the one in the swarm, so the subscriber may or "
                "may not be the infringer."
                if uncertain
                else "On these facts the subscriber the ISP names is shown to be the infringer, so the subpoena "
                "itself would reveal the Doe."
            ),
            facts=("subscriber_status",),
            quote_ids=(
                ("ndcal.discovery.subscriber_may_not_be_infringer", "ndcal.discovery.shared_subscription")
                if uncertain
                else ("ndcal.discovery.very_likely_question",)
            ),
        )
    )

    steps = f.steps_before_naming
    if steps == 0:
        steps_met: bool | None = True
        steps_text = ("The plaintiff would name and serve the subscriber on receiving the ISP's answer: "
                      "no extra-judicial process stands between the subpoena and naming a defendant.")
    elif steps >= SOURCE_STEPS_BEFORE_NAMING:
        steps_met = False
        steps_text = (
            f"{steps} steps stand between the subpoena and any decision to name a defendant (in Hard Drive: "
            "contact, research, meeting, a settlement demand, eliciting a defence, weighing it and finding it "
            "wanting): the subpoena is only the first step of an investigation that may never lead to naming anyone."
        )
    else:
        steps_met = None
        steps_text = (
            f"{steps} step(s) stand between the subpoena and naming a defendant. The court found the seven-step "
            f"process before it fatal but did not say how short a process would be acceptable: {UNDECIDED}."
        )
    reasons.append(
        Reason(
            element="What stands between the subpoena and naming a defendant",
            met=steps_met,
            explanation=steps_text,
            facts=("steps_before_naming",),
            quote_ids=("ndcal.discovery.first_step", "ndcal.discovery.seven_steps"),
        )
    )

    reasons.append(
        Reason(
            element="Further discovery needed",
            met=not f.further_discovery_may_be_needed,
            explanation=(
                "The plaintiff admits it may need further discovery even after it learns who the subscribers are."
                if f.further_discovery_may_be_needed
                else "Nothing suggests further discovery would be needed after the ISP's answer."
            ),
            facts=("further_discovery_may_be_needed",),
            quote_ids=("ndcal.discovery.further_discovery",),
        )
    )

    grants, served = f.similar_cases_with_early_discovery, f.defendants_served_in_similar_cases
    if served > 0:
        record_met: bool | None = True
        record_text = (f"{served} defendant(s) have been served in similar cases, so the record the court relied on "
                       "(no one ever served) is absent here.")
    elif grants > 0:
        record_met = False
        ips = f.ip_addresses_subpoenaed_in_similar_cases
        record_text = (
            f"Early discovery was granted in {grants} similar case(s)"
            + (f" (subpoenas for {ips:,} or more IP addresses)" if ips else "")
            + " and no defendant has ever been served; the court treated this as confirming that the "
            "subpoenas do not lead to named, served defendants."
        )
    else:
        record_met = None
        record_text = (f"There is no record of similar cases with early discovery either way, so the point the "
                       f"court drew from that record cannot be made: {UNDECIDED}.")
    reasons.append(
        Reason(
            element="Record of service after early discovery",
            met=record_met,
            explanation=record_text,
            facts=("similar_cases_with_early_discovery", "defendants_served_in_similar_cases"),
            quote_ids=("ndcal.discovery.never_served", "ndcal.discovery.district_count"),
        )
    )

    denied = uncertain and steps_met is False
    shown = (not uncertain) and steps_met is True and not f.further_discovery_may_be_needed and record_met is not False
    return reasons, denied, shown


@legal_test(
    id="discovery.gillespie_ndcal_2012",
    court=COURT_NDCAL,
    citation=CITATION_NDCAL + ", Part III.A, pp. 4:15-6:11",
    issue="early_discovery",
    title="Early discovery to identify Does: Gillespie's \u201cvery likely\u201d standard",
    facts=GillespieFacts,
    source_facts=gillespie_source_facts,
)
def gillespie_ndcal_2012(f: GillespieFacts) -> Ruling:
    """Early discovery to identify Does may be granted unless it is clear that it would not uncover
    their identities; the court asks whether the discovery is very likely to reveal them.

    Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012),
    pp. 4:3-6 (the standard, quoting Gillespie v. Civiletti, 629 F.2d 637, 642 (9th Cir. 1980))
    and pp. 4:15-6:11 (applied). The court relied on the uncertain link between subscriber and
    infringer and the seven-step process before naming anyone; the further-discovery admission
    and the record of no defendant ever served confirmed it. The engine denies on those two core
    facts, grants only when the subpoena itself would name the infringer and nothing stands in the
    way, and otherwise says that the sources do not decide this.
    """
    reasons, denied, shown = _gillespie_reasons(f)
    if denied:
        outcome = Outcome.discovery_denied
        summary = (
            "The subpoenas would name subscribers who may or may not be the infringers, and the plaintiff would "
            "name no one until a long extra-judicial process had run its course: the requested discovery is not "
            "very likely to reveal the Does' identities. Application denied."
        )
        disposition_quotes = ("ndcal.discovery.not_very_likely", "ndcal.discovery.gillespie_denied")
    elif shown:
        outcome = Outcome.discovery_granted
        summary = (
            "The subpoena would itself name the infringer and the plaintiff would name and serve on receipt, so "
            "nothing the N.D. Cal. relied on remains; under Gillespie as that court states it, early discovery to "
            "identify Does may be granted unless it is clear it would not uncover them. This is the Gillespie "
            "question only: the same court also asks for Semitool good cause (discovery.semitool_ndcal_2012)."
        )
        disposition_quotes = ("ndcal.discovery.gillespie_unless_clear", "ndcal.discovery.very_likely_question")
    else:
        outcome = Outcome.undetermined
        summary = (
            "Some of the facts the court relied on are present and some are not. The court denied on all of them "
            "together and did not say which would be enough alone, or what would make discovery very likely: "
            f"{UNDECIDED}."
        )
        disposition_quotes = ("ndcal.discovery.very_likely_question",)
    reasons.append(
        Reason(element="Disposition", met=outcome == Outcome.discovery_granted if outcome != Outcome.undetermined else None,
               explanation=summary, quote_ids=disposition_quotes)
    )
    return Ruling(
        test_id="discovery.gillespie_ndcal_2012",
        court=COURT_NDCAL,
        citation=CITATION_NDCAL + ", Part III.A",
        question="Is the requested early discovery very likely to reveal the Does' identities?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )


# =====================================================================================
# 2. The four Semitool good-cause factors, as the N.D. Cal. applied them (001, Part III.B)
# =====================================================================================


class NonresidentContacts(str, Enum):
    """What the complaint shows about each non-resident Doe's contacts with the forum state."""

    conclusory_transfers_to_forum_residents = "conclusory_transfers_to_forum_residents"  # 001, p. 7:25-28
    piece_transferred_to_forum_resident = "piece_transferred_to_forum_resident"  # 001, p. 8:1-3: still too little
    minimum_contacts_shown = "minimum_contacts_shown"  # e.g. from the jurisdiction test


class SemitoolFacts(GillespieFacts):
    """The Gillespie facts (they decide factor 4) plus what factors 1-3 turn on."""

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
        ge=1,
        le=100_000,
        description="Doe defendants in the complaint",
        json_schema_extra={"search": [1, 100], "step": 1},
    )
    joinder_proper: bool | None = Field(
        description="joinder of the Does in one action is proper (the joinder test's conclusion)",
    )


def semitool_source_facts() -> SemitoolFacts:
    """Hard Drive's application and complaint as the N.D. Cal. saw them (001, pp. 6:15-11:11).

    Geolocation reliable only to the country (counsel's admission); subscribers in earlier cases
    found out of state; the complaint only summarily asserts transfers to Californians; the date
    and time of each Doe's activity stated; copyright and copying alleged; 90 Does misjoined.
    """
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


def _semitool_factor_1(f: SemitoolFacts) -> Reason:
    # Residence: the court rejected geolocation as a prima facie showing for two reasons.
    if not f.geolocation_reliable_to_state:
        residence: bool | None = False
        residence_text = ("Geolocation is reliable only to the country, not the state, so there is not even a "
                          "prima facie showing that the Does live in the forum state.")
    elif f.subscribers_found_outside_forum_before:
        residence = None
        residence_text = ("Geolocation is said to be reliable to the state, but subscribers in earlier cases turned "
                          f"out to live elsewhere; the court relied on both facts together: {UNDECIDED}.")
    else:
        residence = None
        residence_text = ("Neither reason the court gave for rejecting geolocation is present, but the opinion does "
                          "not say whether reliable state-level geolocation makes a prima facie showing of residence "
                          f"({UNDECIDED}; D. Haw. describes other courts accepting geolocation to the forum, see "
                          "discovery.strike3_sdcal_2018).")
    contacts = f.nonresident_contacts
    if contacts == NonresidentContacts.minimum_contacts_shown:
        contacts_met: bool = True
        contacts_text = "Minimum contacts with the forum are shown for each Doe, so jurisdiction does not depend on residence."
        contacts_quotes: tuple[str, ...] = ("ndcal.discovery.f1_includes_jurisdiction",)
    elif contacts == NonresidentContacts.piece_transferred_to_forum_resident:
        contacts_met = False
        contacts_text = ("Even a showing that each Doe sent a piece of the file to a forum resident is a single, tiny act, "
                         "not minimum contacts.")
        contacts_quotes = ("ndcal.discovery.f1_miniscule", "ndcal.jurisdiction.each_doe")
    else:
        contacts_met = False
        contacts_text = ("The complaint only summarily asserts that the Does traded the file with forum residents; it "
                         "does not allege that any Doe sent a piece to one, and minimum contacts are not shown for "
                         "each Doe.")
        contacts_quotes = ("ndcal.discovery.f1_summary_assertion", "ndcal.jurisdiction.each_doe")

    if contacts_met:
        met: bool | None = True
    elif residence is False:
        met = False
    else:
        met = None
    residence_quotes = (
        ("ndcal.discovery.f1_country_only", "ndcal.discovery.f1_cannot_predict_state",
         "ndcal.discovery.f1_subscribers_elsewhere", "ndcal.discovery.f1_no_prima_facie_residence")
        if residence is False
        else ("ndcal.discovery.f1_no_prima_facie_residence",)
    )
    return Reason(
        element="(1) Does identified as real persons subject to the court's jurisdiction",
        met=met,
        explanation=(
            "This factor includes a showing of personal jurisdiction. Residence: " + residence_text
            + " Non-residents: " + contacts_text
        ),
        facts=("geolocation_reliable_to_state", "subscribers_found_outside_forum_before", "nonresident_contacts"),
        quote_ids=("ndcal.discovery.f1_specificity", "ndcal.discovery.f1_includes_jurisdiction")
        + tuple(q for q in residence_quotes + contacts_quotes if q != "ndcal.discovery.f1_includes_jurisdiction"),
    )


def _semitool_factor_3(f: SemitoolFacts) -> Reason:
    facts = ("copyright_elements_alleged", "does_count", "joinder_proper")
    if not f.copyright_elements_alleged:
        return Reason(
            element="(3) Suit could withstand a motion to dismiss",
            met=False,
            explanation="The complaint does not allege both ownership of a valid copyright and copying by each Doe, "
                        "the two things the plaintiff must prove.",
            facts=facts,
            quote_ids=("ndcal.discovery.f3_misjoinder",),
        )
    if f.does_count == 1:
        met, text = True, ("Ownership and copying are alleged and there is a single Doe, so the misjoinder ground the "
                           "court relied on cannot arise; no other ground for dismissal is considered under this factor.")
    elif f.joinder_proper is False:
        met, text = False, (f"Ownership and copying are alleged, but the {f.does_count} Does are misjoined: the complaint "
                            "could be dismissed as to all but one Doe, which counts against the application and warrants "
                            "severing the rest (see the joinder tests).")
    elif f.joinder_proper is None:
        met, text = None, ("Ownership and copying are alleged; whether the complaint survives as to every Doe depends on "
                           f"joinder, which this test takes from the joinder tests and is not stated here: {UNDECIDED}.")
    else:
        met, text = True, ("Ownership and copying are alleged and joinder is proper, so neither ground the court "
                           "considered under this factor stands against the complaint.")
    quotes = ("ndcal.discovery.f3_misjoinder", "ndcal.discovery.f3_counsels_against") if met is False else (
        "ndcal.discovery.f3_misjoinder",)
    return Reason(element="(3) Suit could withstand a motion to dismiss", met=met, explanation=text, facts=facts,
                  quote_ids=quotes)


@legal_test(
    id="discovery.semitool_ndcal_2012",
    court=COURT_NDCAL,
    citation=CITATION_NDCAL + ", Part III.B, pp. 6:12-11:14",
    issue="early_discovery",
    title="Early discovery to identify Does: the four Semitool good-cause factors (Rule 26(d)(1))",
    facts=SemitoolFacts,
    source_facts=semitool_source_facts,
)
def semitool_ndcal_2012(f: SemitoolFacts) -> Ruling:
    """Discovery before the Rule 26(f) conference needs good cause, for which courts consider whether
    the Does are identified as real, suable persons, the steps taken to locate them, whether the suit
    could survive a motion to dismiss, and whether discovery is reasonably likely to lead to
    identification and service.

    Hard Drive Productions, Inc. v. Does 1-90, No. C11-03825 HRL (N.D. Cal. Mar. 30, 2012),
    pp. 3:19-4:1 (the factors, from Semitool, Inc. v. Tokyo Electron America, Inc., 208 F.R.D.
    273, 275 (N.D. Cal. 2002)) and pp. 6:12-11:14 (applied). The court found factors 1, 3 and 4
    not met and factor 2 met, and denied on Gillespie together with the issues Semitool raised. The
    sources state no rule for weighing the factors: the engine denies only when at least the
    factors that failed there fail, and otherwise says the sources do not decide this.
    """
    reasons = [_semitool_factor_1(f)]
    reasons.append(
        Reason(
            element="(2) Previous steps taken to locate the Does",
            met=f.date_and_time_stated,
            explanation=(
                "IP addresses are all a plaintiff can collect; the court requires the date and time of each Doe's "
                "activity, which is stated, so the plaintiff has taken what steps it can."
                if f.date_and_time_stated
                else "The court requires the date and time of each Doe's alleged activity, and they are not stated."
            ),
            facts=("date_and_time_stated",),
            quote_ids=("ndcal.discovery.f2_ip_only", "ndcal.discovery.f2_date_and_time")
            + (("ndcal.discovery.f2_met",) if f.date_and_time_stated else ()),
        )
    )
    reasons.append(_semitool_factor_3(f))

    g_reasons, g_denied, g_shown = _gillespie_reasons(f)
    if g_denied:
        f4: bool | None = False
        f4_text = ("As under Gillespie, the subpoenas are not likely to lead to identification of the Does or to "
                   "service; no defendant has been served where such discovery was granted.")
        f4_quotes: tuple[str, ...] = ("ndcal.discovery.f4_will_not_lead", "ndcal.discovery.f4_belies")
    elif g_shown:
        f4 = True
        f4_text = ("The subpoena would itself name the infringer and the plaintiff would name and serve on receipt, "
                   "so identification and service are reasonably likely.")
        f4_quotes = ("ndcal.discovery.semitool_factors",)
    else:
        f4 = None
        f4_text = ("The court decided this factor on its Gillespie findings, which these facts leave open (see "
                   f"discovery.gillespie_ndcal_2012): {UNDECIDED}.")
        f4_quotes = ("ndcal.discovery.f4_will_not_lead",)
    reasons.append(
        Reason(
            element="(4) Reasonable likelihood that discovery leads to identification and service",
            met=f4,
            explanation=f4_text,
            facts=tuple(r for reason in g_reasons for r in reason.facts),
            quote_ids=f4_quotes,
        )
    )

    failed = {i for i, r in enumerate(reasons, start=1) if r.met is False}
    unmet = [r.element for r in reasons if r.met is not True]
    if {1, 3, 4} <= failed:
        outcome = Outcome.discovery_denied
        summary = (
            "Factors " + ", ".join(str(i) for i in sorted(failed)) + " are not met (in Hard Drive factors 1, 3 and 4 "
            "failed and the court found no good cause): good cause under Rule 26(d)(1) is not established and the "
            "application is denied. The court denied on Gillespie together with these Semitool issues; it did not "
            "say how many failed factors would be enough."
        )
        quotes = ("ndcal.discovery.no_good_cause", "ndcal.discovery.denied")
    elif not unmet:
        outcome = Outcome.undetermined
        summary = (
            "All four factors favour the plaintiff. The opinion lists them as what courts consider in judging good "
            "cause but never says that meeting all four establishes it, and it did not face that case: "
            f"{UNDECIDED}."
        )
        quotes = ("ndcal.discovery.semitool_factors",)
    else:
        outcome = Outcome.undetermined
        summary = (
            "Not met or open: " + "; ".join(unmet) + ". The court denied where factors 1, 3 and 4 failed and did not "
            "say how the factors are weighed when fewer of them fail or some are open: " + UNDECIDED + "."
        )
        quotes = ("ndcal.discovery.semitool_factors", "ndcal.discovery.denied")
    reasons.append(
        Reason(element="Good cause (weighing the factors)",
               met=False if outcome == Outcome.discovery_denied else None, explanation=summary, quote_ids=quotes)
    )
    return Ruling(
        test_id="discovery.semitool_ndcal_2012",
        court=COURT_NDCAL,
        citation=CITATION_NDCAL + ", Part III.B",
        question="Has the plaintiff shown good cause under Rule 26(d)(1) for discovery before the Rule 26(f) conference?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
        note="Joinder (factor 3) is taken as a fact from the joinder tests; severance of Does 2-90 is decided there.",
    )


# =====================================================================================
# 3. Particularity (factor 1) and letters rogatory, as the D. Haw. applied them (004)
# =====================================================================================


class ParticularityFacts(Facts):
    """What a plaintiff offers to identify the Does: the facts of the first good-cause factor."""

    does_ip_addresses_provided: bool = Field(
        description="IP addresses tied to the Does themselves are provided",
    )
    dates_of_activity_provided: bool = Field(
        description="dates (and times) of each Doe's infringing activity are provided",
    )
    isp_named: bool | None = Field(
        description="the ISP for each Doe's IP address is named",
    )
    geolocation_to_forum: bool = Field(
        description="geolocation traces the Does' IP addresses to the forum",
    )
    location_info_points_outside_forum: bool = Field(
        description="the location information given points outside the forum",
    )
    non_defendant_ip_addresses_offered: bool = Field(
        False,
        description="IP addresses of non-defendants (a host server, a dismissed defendant) are offered instead",
        json_schema_extra={"counterfactual": False},
    )


def particularity_facts(has_ip_addresses: bool, has_dates: bool, has_isp: bool | None, geolocated_to_forum: bool, *,
                        location_points_outside_forum: bool = False,
                        non_defendant_ip_addresses_offered: bool = False) -> ParticularityFacts:
    """The particularity facts from a summary of what the plaintiff offers (pure; for widgets).

    ``has_*`` mean: for every Doe. ``has_isp=None`` means the source does not say.
    """
    for name, value in (("has_ip_addresses", has_ip_addresses), ("has_dates", has_dates),
                        ("geolocated_to_forum", geolocated_to_forum),
                        ("location_points_outside_forum", location_points_outside_forum),
                        ("non_defendant_ip_addresses_offered", non_defendant_ip_addresses_offered)):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, not {value!r}")
    if has_isp is not None and not isinstance(has_isp, bool):
        raise TypeError(f"has_isp must be True, False or None, not {has_isp!r}")
    return ParticularityFacts(
        does_ip_addresses_provided=has_ip_addresses,
        dates_of_activity_provided=has_dates,
        isp_named=has_isp,
        geolocation_to_forum=geolocated_to_forum,
        location_info_points_outside_forum=location_points_outside_forum,
        non_defendant_ip_addresses_offered=non_defendant_ip_addresses_offered,
    )


def particularity_from_rows(rows: Iterable[Mapping[str, Any]], forum_regions: Iterable[str]) -> ParticularityFacts:
    """The particularity facts from an exhibit's rows (dicts with ``ip``, ``isp``, ``observed_at``
    and optional ``country``/``region``), e.g. ``load.observations.to_dict("records")``.

    A Doe is geolocated to the forum when its row's region is one of ``forum_regions`` (compared
    case-insensitively, e.g. ``("Hawaii", "HI")``); any row with a region outside them makes the
    location information point outside the forum. Pure: reads nothing, writes nothing.

    A stated region is taken at its word here, as the cases D. Haw. describes took geolocation;
    whether geolocation is reliable to the state at all is what the N.D. Cal. doubted (see
    ``SemitoolFacts.geolocation_reliable_to_state``).
    """
    forum = {r.strip().casefold() for r in forum_regions if r and r.strip()}
    if not forum:
        raise ValueError("forum_regions must name at least one state or region")
    rows = list(rows)

    def present(row: Mapping[str, Any], key: str) -> bool:
        v = row.get(key)
        if v is None:
            return False
        try:
            if v != v:  # NaN, NaT
                return False
        except TypeError:  # pandas' NA refuses to be compared
            return False
        return str(v).strip() != ""

    regions = [str(r.get("region")).strip().casefold() if present(r, "region") else None for r in rows]
    return particularity_facts(
        has_ip_addresses=bool(rows) and all(present(r, "ip") for r in rows),
        has_dates=bool(rows) and all(present(r, "observed_at") for r in rows),
        has_isp=bool(rows) and all(present(r, "isp") for r in rows),
        geolocated_to_forum=bool(rows) and all(g in forum for g in regions),
        location_points_outside_forum=any(g is not None and g not in forum for g in regions),
    )


def particularity_source_facts() -> ParticularityFacts:
    """Bodyguard's showing (004, Discussion Part I): no IP addresses for the Does, no ISP, no
    geolocation; the only IP addresses are LiteServer's (a Dutch host, not a defendant) and the
    dismissed defendant Musante's; the only location information points to the Netherlands."""
    return ParticularityFacts(
        does_ip_addresses_provided=False,
        dates_of_activity_provided=False,
        isp_named=False,
        geolocation_to_forum=False,
        location_info_points_outside_forum=True,
        non_defendant_ip_addresses_offered=True,
    )


def _dhaw_particularity(f: ParticularityFacts, *, email_argued: bool = False) -> Reason:
    facts = ("does_ip_addresses_provided", "dates_of_activity_provided", "geolocation_to_forum",
             "location_info_points_outside_forum", "non_defendant_ip_addresses_offered")
    if not f.does_ip_addresses_provided:
        parts = ["No IP address tied to the Does themselves is provided, and nothing else identifies them as real "
                 "persons or entities who can be sued here."]
        quotes = ["dhaw.discovery.f1_no_doe_ips"]
        if f.non_defendant_ip_addresses_offered:
            parts.append("The IP addresses offered belong to non-defendants (in Bodyguard: the Dutch host LiteServer "
                         "B.V. and the dismissed defendant), which says nothing about who the Does are.")
            quotes += ["dhaw.discovery.f1_host_not_defendant", "dhaw.discovery.f1_musante_ip"]
        if f.location_info_points_outside_forum:
            parts.append("The only location information points to a non-defendant's server abroad, which, if "
                         "anything, weakens the case for jurisdiction here; geolocation matters because of jurisdiction.")
            quotes += ["dhaw.discovery.f1_netherlands", "dhaw.discovery.f1_geolocation_rationale"]
        if email_argued:
            parts.append("The host's email (raised first on objection, and considered anyway) is mischaracterized: it "
                         "ties no customer to any jurisdiction and does not show that real persons run the website.")
            quotes += ["dhaw.discovery.f1_disinclined", "dhaw.discovery.f1_mischaracterization",
                       "dhaw.discovery.f1_not_real_persons"]
        quotes += ["dhaw.discovery.f1_not_identified", "dhaw.discovery.f1_affirmed"]
        return Reason(element="(1) Does identified with sufficient particularity", met=False,
                      explanation=" ".join(parts), facts=facts, quote_ids=tuple(quotes))
    described = f.dates_of_activity_provided and f.geolocation_to_forum
    if described and not f.location_info_points_outside_forum:
        return Reason(
            element="(1) Does identified with sufficient particularity",
            met=True,
            explanation=("The Does' IP addresses, the dates of their activity and geolocation to the forum are provided: "
                         "the showing D. Haw. describes other courts accepting (Strike 3, S.D. Cal. 2018; Third World "
                         "Media, D. Haw. 2011)."),
            facts=facts,
            quote_ids=("dhaw.discovery.f1_courts_have_found", "dhaw.discovery.f1_strike3",
                       "dhaw.discovery.f1_third_world_media"),
        )
    missing = [name for ok, name in ((f.dates_of_activity_provided, "dates of activity"),
                                     (f.geolocation_to_forum, "geolocation to the forum")) if not ok]
    conflict = ("; other location information points outside the forum, which the court said could weaken "
                "jurisdiction" if f.location_info_points_outside_forum else "")
    return Reason(
        element="(1) Does identified with sufficient particularity",
        met=None,
        explanation=("The Does' IP addresses are provided"
                     + (", but not " + " or ".join(missing) if missing else "") + conflict
                     + ". D. Haw. describes courts accepting IP addresses, dates and forum geolocation together; it "
                     f"does not say whether less, or a mixed picture, would do: {UNDECIDED}."),
        facts=facts,
        quote_ids=("dhaw.discovery.f1_courts_have_found", "dhaw.discovery.f1_geolocation_rationale")
        + (("dhaw.discovery.f1_netherlands",) if f.location_info_points_outside_forum else ()),
    )


def _factor_ruling(test_id: str, court: str, citation: str, reason: Reason, *, is_holding: bool = True,
                   described_as: str | None = None) -> Ruling:
    outcome = {True: Outcome.factor_met, False: Outcome.factor_not_met, None: Outcome.undetermined}[reason.met]
    prefix = f"As {described_as} describes it: " if described_as else ""
    summary = prefix + reason.explanation
    return Ruling(
        test_id=test_id,
        court=court,
        citation=citation,
        question="Are the Does identified with sufficient particularity to show they are real persons who can be sued here?",
        outcome=outcome,
        summary=summary,
        reasons=(reason,),
        is_holding=is_holding,
    )


@legal_test(
    id="discovery.dhaw_2020_particularity",
    court=COURT_DHAW,
    citation=CITATION_DHAW + ", Discussion, Part I",
    issue="early_discovery",
    title="Good-cause factor 1: Does identified with sufficient particularity",
    facts=ParticularityFacts,
    source_facts=particularity_source_facts,
)
def dhaw_2020_particularity(f: ParticularityFacts) -> Ruling:
    """The Does must be identified with enough particularity for the court to tell that they are real
    persons or entities who can be sued in federal court.

    Bodyguard Productions, Inc. v. Doe, Civ. No. 19-00139 ACK-KJM (D. Haw. Jan. 23, 2020),
    Discussion, Part I: not met where no IP address tied to the Does was given and the only
    location information pointed to a non-defendant's server in the Netherlands; courts have found
    it met given the Does' IP addresses, dates of activity and geolocation to the forum.
    """
    return _factor_ruling("discovery.dhaw_2020_particularity", COURT_DHAW, CITATION_DHAW + ", Discussion, Part I",
                          _dhaw_particularity(f))


def strike3_source_facts() -> ParticularityFacts:
    """Strike 3 as D. Haw. describes it: unique IP address, dates and times, the ISP, geolocation to San Diego."""
    return particularity_facts(True, True, True, True)


@legal_test(
    id="discovery.strike3_sdcal_2018",
    court="S.D. Cal. (as D. Haw. describes it)",
    citation=("Strike 3 Holdings, LLC v. Doe, No. 18CV47-WQH (RBB), 2018 WL 1427002, at *4 (S.D. Cal. Mar. 22, 2018), "
              "as described in " + CITATION_DHAW + ", Discussion, Part I"),
    issue="early_discovery",
    title="Particularity as D. Haw. describes Strike 3 (S.D. Cal. 2018)",
    facts=ParticularityFacts,
    is_holding=False,
    source_facts=strike3_source_facts,
)
def strike3_sdcal_2018(f: ParticularityFacts) -> Ruling:
    """Does were identified with sufficient particularity where the plaintiff tied the activity to each
    Doe's IP address, gave dates and times and the ISP, and geolocated the addresses to the forum.

    As D. Haw. describes it in Bodyguard (D. Haw. 2020), Discussion, Part I. A described case says
    what sufficed there; it does not say that less fails, so anything short of it is undetermined.
    """
    if f.does_ip_addresses_provided and f.dates_of_activity_provided and f.isp_named is True and f.geolocation_to_forum:
        reason = Reason(element="(1) Does identified with sufficient particularity", met=True,
                        explanation=("Each Doe's IP address, the dates and times of the activity, the ISP and geolocation "
                                     "to the forum are given: the showing Strike 3 found sufficient."),
                        facts=("does_ip_addresses_provided", "dates_of_activity_provided", "isp_named",
                               "geolocation_to_forum"),
                        quote_ids=("dhaw.discovery.f1_strike3",))
    else:
        reason = Reason(element="(1) Does identified with sufficient particularity", met=None,
                        explanation=("The showing lacks part of what Strike 3 had (IP address, dates and times, ISP, "
                                     "geolocation to the forum). The case as described says what sufficed, not what "
                                     f"falls short: {UNDECIDED}."),
                        facts=("does_ip_addresses_provided", "dates_of_activity_provided", "isp_named",
                               "geolocation_to_forum"),
                        quote_ids=("dhaw.discovery.f1_strike3",))
    return _factor_ruling("discovery.strike3_sdcal_2018", "S.D. Cal. (as D. Haw. describes it)",
                          "Strike 3 Holdings, LLC v. Doe, 2018 WL 1427002, at *4 (S.D. Cal. 2018), as described in "
                          "Bodyguard (D. Haw. 2020), Discussion, Part I",
                          reason, is_holding=False, described_as="D. Haw.")


def third_world_media_source_facts() -> ParticularityFacts:
    """Third World Media as D. Haw. describes it: IP addresses with hit dates, linked to Hawaii.
    The description does not mention an ISP (``isp_named=None``)."""
    return particularity_facts(True, True, None, True)


@legal_test(
    id="discovery.third_world_media_dhaw_2011",
    court="D. Haw. 2011 (as D. Haw. 2020 describes it)",
    citation=("Third World Media, LLC v. Hawaii Members of Swarm, No. CV 11-00536 DAE-RLP, 2011 WL 13136257, at *2 "
              "(D. Haw. Oct. 6, 2011), as described in " + CITATION_DHAW + ", Discussion, Part I"),
    issue="early_discovery",
    title="Particularity as D. Haw. (2020) describes Third World Media (D. Haw. 2011)",
    facts=ParticularityFacts,
    is_holding=False,
    source_facts=third_world_media_source_facts,
)
def third_world_media_dhaw_2011(f: ParticularityFacts) -> Ruling:
    """Does were identified with sufficient particularity where the plaintiff listed each Doe's IP
    address with its hit date and the addresses were linked to the forum state.

    As D. Haw. describes it in Bodyguard (D. Haw. 2020), Discussion, Part I. Anything short of that
    showing is undetermined: the description says what sufficed, not what falls short.
    """
    facts = ("does_ip_addresses_provided", "dates_of_activity_provided", "geolocation_to_forum")
    if f.does_ip_addresses_provided and f.dates_of_activity_provided and f.geolocation_to_forum:
        reason = Reason(element="(1) Does identified with sufficient particularity", met=True,
                        explanation=("Each Doe's IP address and hit date are listed and the addresses are linked to the "
                                     "forum state: the showing Third World Media found sufficient."),
                        facts=facts, quote_ids=("dhaw.discovery.f1_third_world_media",))
    else:
        reason = Reason(element="(1) Does identified with sufficient particularity", met=None,
                        explanation=("The showing lacks part of what Third World Media had (IP addresses, hit dates, "
                                     "addresses linked to the forum). The case as described says what sufficed, not "
                                     f"what falls short: {UNDECIDED}."),
                        facts=facts, quote_ids=("dhaw.discovery.f1_third_world_media",))
    return _factor_ruling("discovery.third_world_media_dhaw_2011", "D. Haw. 2011 (as D. Haw. 2020 describes it)",
                          "Third World Media, 2011 WL 13136257, at *2 (D. Haw. 2011), as described in Bodyguard "
                          "(D. Haw. 2020), Discussion, Part I",
                          reason, is_holding=False, described_as="D. Haw. (2020)")


class IdentificationEvidence(str, Enum):
    """What supports the claim that the requested discovery would identify the Does."""

    none = "none"
    counsel_belief = "counsel_belief"  # 004: counsel "strongly suspect[s]"; bare statements that X "will have" data
    third_party_email_mischaracterized = "third_party_email_mischaracterized"  # 004: the LiteServer email
    evidence_recipient_holds_identifying_info = "evidence_recipient_holds_identifying_info"


class ReviewStandard(str, Enum):
    """How the district judge reviews the Magistrate Judge's order."""

    clear_error = "clear_error"  # non-dispositive order: clearly erroneous or contrary to law
    de_novo = "de_novo"  # what the plaintiff asked for; rejected, but the result would be the same


class LettersRogatoryFacts(ParticularityFacts):
    """Bodyguard's motion for letters rogatory before the Rule 26(f) conference, on objection."""

    steps_to_identify_recounted: bool = Field(
        description="the plaintiff recounts the steps it took to locate and identify the Does",
    )
    personal_jurisdiction_shown: bool | None = Field(
        description="personal jurisdiction over the Does is shown (the jurisdiction test's conclusion)",
    )
    identification_evidence: IdentificationEvidence = Field(
        description="what supports the claim that the letters would identify the Does",
    )
    evidence_covers_every_recipient: bool = Field(
        description="that support reaches every company the letters are addressed to",
    )
    letters_sought_count: int = Field(
        ge=1,
        le=100,
        description="companies the letters rogatory are addressed to",
        json_schema_extra={"counterfactual": False},
    )
    review_standard: ReviewStandard = Field(
        description="the standard for reviewing the Magistrate Judge's order",
    )


def letters_rogatory_source_facts() -> LettersRogatoryFacts:
    """Bodyguard's second motion for letters (004): four letters (LiteServer, IPSERVER, Instra,
    ISNIC); no Doe IP addresses; jurisdiction not shown; support for identification resting on
    counsel's suspicions and a mischaracterized email from LiteServer only; clear-error review."""
    return LettersRogatoryFacts(
        **particularity_source_facts().model_dump(),
        steps_to_identify_recounted=True,
        personal_jurisdiction_shown=False,
        identification_evidence=IdentificationEvidence.third_party_email_mischaracterized,
        evidence_covers_every_recipient=False,
        letters_sought_count=4,
        review_standard=ReviewStandard.clear_error,
    )


def _dhaw_factor_4(f: LettersRogatoryFacts) -> Reason:
    facts = ("identification_evidence", "evidence_covers_every_recipient")
    element = "(4) Discovery likely to lead to identifying information allowing service"
    ev = f.identification_evidence
    if ev == IdentificationEvidence.none:
        return Reason(element=element, met=False, facts=facts,
                      explanation="Nothing is offered to show that the letters would lead to the Does' identities.",
                      quote_ids=("dhaw.discovery.f4_not_sufficient",))
    if ev == IdentificationEvidence.counsel_belief:
        return Reason(element=element, met=False, facts=facts,
                      explanation=("Only the plaintiff's beliefs and counsel's suspicions support the claim, and they are "
                                   "neither evidence nor factual allegations."),
                      quote_ids=("dhaw.discovery.f4_beliefs_not_evidence", "dhaw.discovery.f4_not_sufficient"))
    if ev == IdentificationEvidence.third_party_email_mischaracterized:
        several = f.letters_sought_count > 1 and not f.evidence_covers_every_recipient
        return Reason(element=element, met=False, facts=facts,
                      explanation=("Beyond counsel's suspicions, the claim rests on a host's email that the plaintiff "
                                   "mischaracterizes: forwarding an abuse complaint does not show the host holds "
                                   "information identifying the Does"
                                   + (f", and even if it did, that would not justify letters to all "
                                      f"{f.letters_sought_count} companies." if several else ".")),
                      quote_ids=("dhaw.discovery.f4_beliefs_not_evidence", "dhaw.discovery.f4_mischaracterizes",
                                 "dhaw.discovery.f4_forwarding")
                      + (("dhaw.discovery.f4_all_four_entities",) if several else ()))
    if not f.evidence_covers_every_recipient:
        return Reason(element=element, met=False, facts=facts,
                      explanation=("There is evidence that some recipients hold identifying information, but not all: "
                                   "showing it for one company does not warrant letters to every company sought."),
                      quote_ids=("dhaw.discovery.f4_all_four_entities",))
    return Reason(element=element, met=True, facts=facts,
                  explanation=("There is evidence, not mere belief, that every company addressed holds information "
                               "identifying the Does; none of the court's three objections applies."),
                  quote_ids=("dhaw.discovery.f4_beliefs_not_evidence", "dhaw.discovery.f4_all_four_entities"))


@legal_test(
    id="discovery.dhaw_2020_letters_rogatory",
    court=COURT_DHAW,
    citation=CITATION_DHAW + ", Standard and Discussion, Parts I-III",
    issue="early_discovery",
    title="Letters rogatory before the Rule 26(f) conference: four good-cause factors, on clear-error review",
    facts=LettersRogatoryFacts,
    source_facts=letters_rogatory_source_facts,
)
def dhaw_2020_letters_rogatory(f: LettersRogatoryFacts) -> Ruling:
    """Early discovery (here, letters rogatory) to identify Does needs good cause, judged by four factors:
    particularity, steps taken, survival of a motion to dismiss, and likelihood of identification.

    Bodyguard Productions, Inc. v. Doe, Civ. No. 19-00139 ACK-KJM (D. Haw. Jan. 23, 2020),
    Discussion (the factors, from Third World Media (D. Haw. 2011)), Parts I-III (applied), and
    Standard of review (clear error; the same result de novo). Factors 1, 3 and 4 failed; factor 2
    was not disputed. With that and the court's discretion over letters rogatory, the denial was
    affirmed. The engine affirms only when at least factors 1, 3 and 4 fail, and otherwise says the
    sources do not decide this.
    """
    email_argued = f.identification_evidence == IdentificationEvidence.third_party_email_mischaracterized
    reasons = [_dhaw_particularity(f, email_argued=email_argued)]
    reasons.append(
        Reason(
            element="(2) Steps taken to locate and identify the Does",
            met=None if f.steps_to_identify_recounted else False,
            explanation=(
                "The plaintiff's motion says it recounted its steps; the objection challenged only factors 1, 3 and 4, "
                "and the court counted three failed factors of four without ruling on this one: " + UNDECIDED + "."
                if f.steps_to_identify_recounted
                else "The plaintiff does not recount the steps it took to locate and identify the Does, which this "
                "factor asks for."
            ),
            facts=("steps_to_identify_recounted",),
            quote_ids=("dhaw.discovery.f2_motion_says_recounted", "dhaw.discovery.three_errors",
                       "dhaw.discovery.three_of_four")
            if f.steps_to_identify_recounted
            else ("dhaw.discovery.four_factors",),
        )
    )
    pj = f.personal_jurisdiction_shown
    reasons.append(
        Reason(
            element="(3) Suit could withstand a motion to dismiss",
            met=pj,
            explanation=(
                "Personal jurisdiction over the Does is not shown (in Bodyguard: contact with one Hawaii user did not "
                "show the website was aimed at Hawaii, and Rule 4(k)(2) failed for the same reason), so the complaint "
                "is not shown to survive a motion to dismiss."
                if pj is False
                else "Personal jurisdiction is shown; it was the only ground on which the court found the complaint "
                "vulnerable, so nothing in the opinion stands against this factor."
                if pj is True
                else "This factor turned on personal jurisdiction, which these facts leave open (see the jurisdiction "
                f"tests): {UNDECIDED}."
            ),
            facts=("personal_jurisdiction_shown",),
            quote_ids=("dhaw.discovery.f3_cannot_withstand",),
        )
    )
    reasons.append(_dhaw_factor_4(f))

    failed = {i for i, r in enumerate(reasons, start=1) if r.met is False}
    review = (
        "The order is non-dispositive (refusing early discovery dismisses no claim), so it stands unless clearly "
        "erroneous or contrary to law"
        if f.review_standard == ReviewStandard.clear_error
        else "The court held the order non-dispositive and reviewed for clear error, but said de novo review would "
        "reach the same outcome"
    )
    review_quotes = ("dhaw.discovery.clearly_erroneous", "dhaw.discovery.not_dispositive", "dhaw.discovery.same_de_novo")
    if {1, 3, 4} <= failed:
        outcome = Outcome.discovery_denied
        summary = (
            f"Factors {', '.join(str(i) for i in sorted(failed))} of four are not met and letters rogatory are "
            f"discretionary. {review}. The Magistrate Judge's denial of the letters is affirmed."
        )
        quotes = review_quotes + ("dhaw.discovery.three_of_four", "dhaw.discovery.affirmed")
        met = False
    else:
        outcome = Outcome.undetermined
        open_or_failed = [r.element for r in reasons if r.met is not True]
        summary = (
            ("Not met or open: " + "; ".join(open_or_failed) + ". " if open_or_failed else "All four factors are met. ")
            + "D. Haw. affirmed a denial where factors 1, 3 and 4 failed, together with its discretion over letters "
            "rogatory; it does not say how the factors are weighed otherwise, or whether a denial on such facts would "
            f"be clearly erroneous: {UNDECIDED}."
        )
        quotes = ("dhaw.discovery.four_factors", "dhaw.discovery.three_of_four")
        met = None
    reasons.append(
        Reason(element="Objection to the Magistrate Judge's order", met=met,
               explanation=summary if met is False else review + ". " + summary,
               facts=("review_standard",), quote_ids=quotes)
    )
    return Ruling(
        test_id="discovery.dhaw_2020_letters_rogatory",
        court=COURT_DHAW,
        citation=CITATION_DHAW + ", Discussion",
        question=("Was the Magistrate Judge wrong to deny letters rogatory to identify the Does before the Rule 26(f) "
                  "conference?"),
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
        note="Personal jurisdiction (factor 3) is taken as a fact from the jurisdiction tests.",
    )
