"""D. Haw. 2020 (Kay, J.): letters rogatory before the Rule 26(f) conference, and its factor 1.

Bodyguard Productions, Inc. v. Doe, Civ. No. 19-00139 ACK-KJM (D. Haw. Jan. 23, 2020), Standard
and Discussion, Parts I-III (seed 004). The district judge reviewed the Magistrate Judge's refusal
of four letters rogatory (to LiteServer, IPSERVER, Instra and ISNIC) meant to identify the Does said
to run a Popcorn Time website.

The four good-cause factors (the court quoting Third World Media (D. Haw. 2011) through the
plaintiff's appeal): (1) particularity, (2) steps taken to locate and identify the Does, (3) the suit
can withstand a motion to dismiss, (4) the discovery is likely to lead to identifying information
allowing service. The court held 1, 3 and 4 not met; it never ruled on 2 (the objection did not
raise it). "Having failed to satisfy three of the four factors for early discovery, as well as the
fact that courts have discretionary authority to issue letters rogatory", it could not say the
order was clearly erroneous, and would reach the same result de novo.

Two tests:

``discovery.dhaw_2020_particularity`` (factor 1). D. Haw. held what FAILS: no IP address tied to the
Does and nothing else identifying them as real persons or entities who can be sued here. It did not
hold what suffices; it DESCRIBED other courts finding particularity on the Does' IP addresses,
dates and geolocation to the forum (Strike 3, S.D. Cal. 2018; Third World Media, D. Haw. 2011: see
those tests). So this test is a bar: ``factor_not_met`` or ``not_precluded``, never ``factor_met``.

``discovery.dhaw_2020_letters_rogatory``. Letters rogatory are discretionary and factor 2 was never
ruled on, so on no facts does D. Haw.'s reasoning REQUIRE letters to issue: the test can affirm a
denial (``discovery_denied``) or leave it open, never grant (``never=(discovery_granted,)``).
"""
from __future__ import annotations

from enum import Enum
from typing import Any, Iterable, Mapping

from pydantic import Field

from ..registry import legal_test
from ..ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

PARTICULARITY_ID = "discovery.dhaw_2020_particularity"
LETTERS_ID = "discovery.dhaw_2020_letters_rogatory"

#: The letters Bodyguard sought (LiteServer, IPSERVER, Instra, ISNIC).
DHAW_LETTERS_SOUGHT = 4


# =====================================================================================
# Factor 1: particularity
# =====================================================================================

class ParticularityFacts(Facts):
    """What a plaintiff offers to identify the Does: the facts of the first good-cause factor."""

    does_ip_addresses_provided: bool = Field(description="IP addresses tied to the Does themselves are provided")
    dates_of_activity_provided: bool = Field(description="dates (and times) of each Doe's infringing activity are provided")
    isp_named: bool | None = Field(description="the ISP for each Doe's IP address is named")
    geolocation_to_forum: bool = Field(description="geolocation traces the Does' IP addresses to the forum")
    location_info_points_outside_forum: bool = Field(description="the location information given points outside the forum")
    non_defendant_ip_addresses_offered: bool = Field(
        False,
        description="IP addresses of non-defendants (a host server, a dismissed defendant) are offered instead",
        json_schema_extra={"counterfactual": False},
    )
    acts_only_real_persons_could_do: bool = Field(
        False,
        description=("without IP addresses, the Does are tied to specific acts only real people could do "
                     "(an email exchange, a bank account), as in the cases D. Haw. compared"),
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
    location information point outside the forum. Pure: reads nothing, writes nothing. A stated
    region is taken at its word here; whether geolocation is reliable to the state at all is what
    the N.D. Cal. doubted (``SemitoolFacts.geolocation_reliable_to_state``).
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
    """Bodyguard's showing (004, Discussion, Part I): no IP addresses for the Does, no ISP, no
    geolocation; the only IP addresses are LiteServer's (a Dutch host, not a defendant) and the
    dismissed defendant Musante's; the only location information points to the Netherlands."""
    return ParticularityFacts(
        does_ip_addresses_provided=False,
        dates_of_activity_provided=False,
        isp_named=False,
        geolocation_to_forum=False,
        location_info_points_outside_forum=True,
        non_defendant_ip_addresses_offered=True,
        acts_only_real_persons_could_do=False,
    )


def f1_standard() -> Reason:
    return Reason(
        id="dhaw.good_cause.f1_standard",
        element="Factor 1: the Does identified well enough to show real persons who can be sued in federal court",
        met=None, basis=Basis.stated, decisive=False,
        explanation=("The first of the four good-cause factors, as the court quotes it: whether the plaintiff has "
                     "identified the Does with enough particularity for the court to tell whether they are real "
                     "persons or entities who can be sued in federal court."),
        quote_ids=("dhaw.discovery.four_factors", "dhaw.discovery.f1_factor"),
    )


def f1_identified(f: ParticularityFacts) -> Reason:
    """The element D. Haw. decided: no IP address tied to the Does and nothing else identifying them."""
    facts = ("does_ip_addresses_provided", "acts_only_real_persons_could_do", "geolocation_to_forum",
             "location_info_points_outside_forum")
    element = "The Does tied to IP addresses of their own, or otherwise identified"
    if f.does_ip_addresses_provided and f.geolocation_to_forum and not f.location_info_points_outside_forum:
        return Reason(id="dhaw.good_cause.f1_identified", element=element, met=True, facts=facts,
                      explanation=("IP addresses tied to the Does themselves are provided, and located in the forum, so "
                                   "the grounds on which D. Haw. found this factor unmet (no IP address of the Does, "
                                   "and no location for any) do not apply."),
                      quote_ids=("dhaw.discovery.f1_magistrate_ip_or_location", "dhaw.discovery.f1_no_doe_ips"))
    if f.does_ip_addresses_provided:
        return Reason(id="dhaw.good_cause.f1_identified", element=element, met=None, facts=facts,
                      explanation=("IP addresses tied to the Does themselves are provided, but nothing locates them in "
                                   "the forum (or the location points outside it). The finding D. Haw. affirmed rested on both: no IP address for the Does "
                                   "'or the location of any of the IP addresses', and geolocation matters because it "
                                   "bears on jurisdiction. Whether IP addresses without a forum location suffice, it "
                                   f"did not say. {UNDECIDED}"),
                      quote_ids=("dhaw.discovery.f1_magistrate_ip_or_location", "dhaw.discovery.f1_geolocation_rationale"))
    if f.acts_only_real_persons_could_do:
        return Reason(id="dhaw.good_cause.f1_identified", element=element, met=None, facts=facts,
                      explanation=("No IP addresses for the Does, but they are tied to acts only real people could "
                                   "do. D. Haw. found the Does not identified where there were no IP addresses 'or "
                                   "otherwise', and compared decisions that accepted such acts, but it did not decide "
                                   f"what other identification suffices. {UNDECIDED}"),
                      quote_ids=("dhaw.discovery.f1_no_doe_ips", "dhaw.discovery.f1_iheaku"))
    return Reason(id="dhaw.good_cause.f1_identified", element=element, met=False, facts=facts,
                  explanation=("No IP address tied to the Does themselves is given, and nothing else identifies them "
                               "as real persons or entities who can be sued here: the factor is not met."),
                  quote_ids=("dhaw.discovery.f1_no_doe_ips", "dhaw.discovery.f1_not_identified",
                             "dhaw.discovery.f1_affirmed"))


def f1_non_defendant_ips() -> Reason:
    return Reason(
        id="dhaw.good_cause.f1_non_defendant_ips",
        element="IP addresses offered are the Does', not non-defendants'",
        met=False, decisive=False,
        explanation=("The IP addresses offered belong to non-defendants (in Bodyguard: the Dutch host LiteServer B.V. "
                     "and the dismissed defendant), so their relevance to who the Does are is not apparent."),
        facts=("non_defendant_ip_addresses_offered",),
        quote_ids=("dhaw.discovery.f1_host_not_defendant", "dhaw.discovery.f1_musante_ip"),
    )


def f1_location(f: ParticularityFacts) -> Reason:
    """Location: the court noted why geolocation matters (jurisdiction) and that Bodyguard's only
    location information, abroad, potentially weakened jurisdiction. It rested on no Doe IPs, so
    this element explains and does not decide."""
    facts = ("geolocation_to_forum", "location_info_points_outside_forum")
    element = "Location information ties the Does to the forum"
    if f.location_info_points_outside_forum:
        return Reason(id="dhaw.good_cause.f1_location", element=element, met=False, decisive=False, facts=facts,
                      explanation=("Location information points outside the forum (in Bodyguard, only to a "
                                   "non-defendant's server in the Netherlands), which, the court said, potentially "
                                   "weakens the claim of jurisdiction; geolocation matters because of jurisdiction."),
                      quote_ids=("dhaw.discovery.f1_geolocation_rationale", "dhaw.discovery.f1_netherlands"))
    if f.geolocation_to_forum:
        return Reason(id="dhaw.good_cause.f1_location", element=element, met=True, decisive=False, facts=facts,
                      explanation="Geolocation traces the Does' IP addresses to the forum, which bears on jurisdiction.",
                      quote_ids=("dhaw.discovery.f1_geolocation_rationale",))
    return Reason(id="dhaw.good_cause.f1_location", element=element, met=None, decisive=False, facts=facts,
                  explanation=("No location information ties the Does to the forum. D. Haw. explained why geolocation "
                               f"matters but did not decide the factor on it. {UNDECIDED}"),
                  quote_ids=("dhaw.discovery.f1_geolocation_rationale",))


def f1_described_showing(f: ParticularityFacts) -> Reason:
    """What D. Haw. describes other courts accepting: a description, never D. Haw.'s holding."""
    full = (f.does_ip_addresses_provided and f.dates_of_activity_provided and f.geolocation_to_forum
            and not f.location_info_points_outside_forum)
    return Reason(
        id="dhaw.good_cause.f1_described_showing",
        element="The showing other courts accepted, as D. Haw. describes them",
        met=True if full else None,
        basis=Basis.described,
        decisive=False,
        explanation=(
            ("The Does' IP addresses, dates of the activity and geolocation to the forum are given: the showing on "
             "which, as D. Haw. describes them, other courts found particularity (Strike 3, S.D. Cal. 2018; Third "
             "World Media, D. Haw. 2011). D. Haw. described those decisions; it did not adopt them as its holding.")
            if full else
            ("D. Haw. describes other courts finding particularity on the Does' IP addresses, dates and geolocation to "
             "the forum; these facts do not match that showing in full, and the descriptions say what sufficed there, "
             "not what falls short.")
        ),
        facts=("does_ip_addresses_provided", "dates_of_activity_provided", "geolocation_to_forum",
               "location_info_points_outside_forum"),
        quote_ids=("dhaw.discovery.f1_courts_have_found", "dhaw.discovery.f1_strike3",
                   "dhaw.discovery.f1_third_world_media"),
    )


def f1_host_email() -> Reason:
    return Reason(
        id="dhaw.good_cause.f1_host_email",
        element="The host's email identifies the Does",
        met=False, decisive=False,
        explanation=("The plaintiff first argued on objection that the host's email identifies the Does; the court "
                     "was disinclined to consider an argument raised first there, and found it without merit anyway: "
                     "the email is mischaracterized, ties no customer to any jurisdiction and does not show that real "
                     "persons run the website."),
        facts=("identification_evidence",),
        quote_ids=("dhaw.discovery.f1_disinclined", "dhaw.discovery.f1_no_merit", "dhaw.discovery.f1_mischaracterization",
                   "dhaw.discovery.f1_not_real_persons"),
    )


def particularity_elements(f: ParticularityFacts, *, email_argued: bool = False) -> list[Reason]:
    out = [f1_standard(), f1_identified(f)]
    if f.non_defendant_ip_addresses_offered and not f.does_ip_addresses_provided:
        out.append(f1_non_defendant_ips())
    out.append(f1_location(f))
    if email_argued:
        out.append(f1_host_email())
    out.append(f1_described_showing(f))
    return out


@legal_test(
    id=PARTICULARITY_ID,
    case="bodyguard_dhaw_2020",
    pinpoint="Discussion, Part I",
    issue="early_discovery",
    title="Good-cause factor 1: the Does identified with sufficient particularity (D. Haw., a bar)",
    facts=ParticularityFacts,
    source_facts=particularity_source_facts,
    never=(Outcome.factor_met,),
)
def dhaw_2020_particularity(f: ParticularityFacts) -> Ruling:
    """The Does are not identified with sufficient particularity where no IP address tied to them
    is given and nothing else shows they are real persons or entities who can be sued in federal
    court (Bodyguard, D. Haw. 2020, Discussion, Part I). D. Haw. held what fails; what suffices it
    only described other courts accepting. A bar: never ``factor_met``."""
    reasons = particularity_elements(f)
    outcome = combine(reasons, fails=Outcome.factor_not_met, passes=None)
    if outcome == Outcome.factor_not_met:
        summary = ("Not identified with sufficient particularity: no IP address tied to the Does and nothing else "
                   "showing they are real persons or entities who can be sued here.")
    elif outcome == Outcome.not_precluded:
        described = f1_described_showing(f).met
        summary = ("D. Haw.'s ground for finding this factor unmet does not apply: the Does' own IP addresses are "
                   "given. D. Haw. did not hold what suffices. "
                   + ("The showing matches what it describes other courts accepting (see discovery.strike3_sdcal_2018 "
                      "and discovery.third_world_media_dhaw_2011)." if described else
                      "The showing also falls short of what it describes other courts accepting (IP addresses, dates, "
                      "geolocation to the forum)."))
    else:
        summary = ("No IP addresses for the Does, but other identification is offered; what other identification "
                   f"suffices D. Haw. did not decide. {UNDECIDED}")
    return Ruling(
        test_id=PARTICULARITY_ID,
        question="Are the Does identified with sufficient particularity to show they are real persons who can be sued here?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )


# =====================================================================================
# Letters rogatory: the four factors, the court's discretion, clear-error review
# =====================================================================================

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

    steps_to_identify_recounted: bool = Field(description="the plaintiff recounts the steps it took to locate and identify the Does")
    personal_jurisdiction_shown: bool | None = Field(
        description="personal jurisdiction over the Does is shown (the jurisdiction tests' conclusion; empty if open)",
    )
    identification_evidence: IdentificationEvidence = Field(description="what supports the claim that the letters would identify the Does")
    evidence_covers_every_recipient: bool = Field(description="that support reaches every company the letters are addressed to")
    letters_sought_count: int = Field(
        ge=1, le=100, description="companies the letters rogatory are addressed to",
        json_schema_extra={"counterfactual": False},
    )
    review_standard: ReviewStandard = Field(description="the standard for reviewing the Magistrate Judge's order")


def letters_rogatory_source_facts() -> LettersRogatoryFacts:
    """Bodyguard's second motion for letters (004): four letters; no Doe IP addresses; jurisdiction
    not shown; support for identification resting on counsel's suspicions and a mischaracterized
    email from LiteServer only; clear-error review."""
    return LettersRogatoryFacts(
        **particularity_source_facts().model_dump(),
        steps_to_identify_recounted=True,
        personal_jurisdiction_shown=False,
        identification_evidence=IdentificationEvidence.third_party_email_mischaracterized,
        evidence_covers_every_recipient=False,
        letters_sought_count=DHAW_LETTERS_SOUGHT,
        review_standard=ReviewStandard.clear_error,
    )


def review_standard(f: LettersRogatoryFacts) -> Reason:
    return Reason(
        id="dhaw.letters.review_standard",
        element="Review: clear error (the order is not dispositive); the same result de novo",
        met=None, basis=Basis.stated, decisive=False,
        explanation=(("The order refusing early discovery dismisses no claim, so it stands unless clearly erroneous "
                      "or contrary to law" if f.review_standard == ReviewStandard.clear_error else
                      "The court held the order non-dispositive and reviewed for clear error; the plaintiff's de novo "
                      "review was rejected")
                     + ". The court added that de novo review would reach the same outcome."),
        facts=("review_standard",),
        quote_ids=("dhaw.discovery.clearly_erroneous", "dhaw.discovery.not_dispositive", "dhaw.discovery.same_de_novo"),
    )


def f1_particularity(f: LettersRogatoryFacts) -> list[Reason]:
    email = f.identification_evidence == IdentificationEvidence.third_party_email_mischaracterized
    return particularity_elements(f, email_argued=email)


def f2_steps(f: LettersRogatoryFacts) -> Reason:
    if f.steps_to_identify_recounted:
        return Reason(id="dhaw.good_cause.f2_steps", element="(2) Steps taken to locate and identify the Does",
                      met=None, basis=Basis.not_reached, facts=("steps_to_identify_recounted",),
                      explanation=("The plaintiff's motion says it recounted its steps. The objection challenged "
                                   "factors 1, 3 and 4, and the court counted three failed factors of four without "
                                   "ruling on this one."),
                      quote_ids=("dhaw.discovery.f2_factor", "dhaw.discovery.f2_motion_says_recounted",
                                 "dhaw.discovery.three_errors"))
    return Reason(id="dhaw.good_cause.f2_steps", element="(2) Steps taken to locate and identify the Does",
                  met=False, facts=("steps_to_identify_recounted",),
                  explanation="The plaintiff does not recount the steps it took to locate and identify the Does, which this factor asks for.",
                  quote_ids=("dhaw.discovery.f2_factor",))


def f3_motion_to_dismiss(f: LettersRogatoryFacts) -> Reason:
    """D. Haw. decided this factor on personal jurisdiction alone. Jurisdiction shown removes that
    ground; whether the complaint otherwise survives a motion to dismiss the court never considered."""
    element = "(3) The suit can withstand a motion to dismiss"
    facts = ("personal_jurisdiction_shown",)
    pj = f.personal_jurisdiction_shown
    if pj is False:
        return Reason(id="dhaw.good_cause.f3_motion_to_dismiss", element=element, met=False, facts=facts,
                      explanation=("Personal jurisdiction over the Does is not shown (in Bodyguard: contact with one "
                                   "Hawaii user did not show the website was aimed at Hawaii, and Rule 4(k)(2) failed "
                                   "for the same reason), so the complaint is not shown to withstand a motion to dismiss."),
                      quote_ids=("dhaw.discovery.f3_factor", "dhaw.discovery.f3_cannot_withstand"))
    if pj is True:
        return Reason(id="dhaw.good_cause.f3_motion_to_dismiss", element=element, met=None,
                      basis=Basis.not_reached, facts=facts,
                      explanation=("Personal jurisdiction is shown, which removes the only ground on which the court "
                                   "found the complaint vulnerable. Whether the complaint otherwise withstands a "
                                   "motion to dismiss the court never considered."),
                      quote_ids=("dhaw.discovery.f3_factor", "dhaw.discovery.f3_cannot_withstand"))
    return Reason(id="dhaw.good_cause.f3_motion_to_dismiss", element=element, met=None, facts=facts,
                  explanation=("This factor turned on personal jurisdiction, which these facts leave open (see the "
                               f"jurisdiction tests). {UNDECIDED}"),
                  quote_ids=("dhaw.discovery.f3_factor", "dhaw.discovery.f3_cannot_withstand"))


def f4_likely_identification(f: LettersRogatoryFacts) -> Reason:
    facts = ("identification_evidence", "evidence_covers_every_recipient", "letters_sought_count")
    element = "(4) The discovery is likely to lead to identifying information allowing service"
    ev = f.identification_evidence
    if ev == IdentificationEvidence.none:
        return Reason(id="dhaw.good_cause.f4_likely_identification", element=element, met=False, facts=facts,
                      explanation="Nothing is offered to show that the letters would lead to the Does' identities.",
                      quote_ids=("dhaw.discovery.f4_factor", "dhaw.discovery.f4_not_sufficient"))
    if ev == IdentificationEvidence.counsel_belief:
        return Reason(id="dhaw.good_cause.f4_likely_identification", element=element, met=False, facts=facts,
                      explanation=("Only the plaintiff's beliefs and counsel's suspicions support the claim, and they "
                                   "are neither evidence nor factual allegations."),
                      quote_ids=("dhaw.discovery.f4_beliefs_not_evidence", "dhaw.discovery.f4_not_sufficient"))
    several = f.letters_sought_count > 1 and not f.evidence_covers_every_recipient
    if ev == IdentificationEvidence.third_party_email_mischaracterized:
        return Reason(id="dhaw.good_cause.f4_likely_identification", element=element, met=False, facts=facts,
                      explanation=("Beyond counsel's suspicions, the claim rests on a host's email that the plaintiff "
                                   "mischaracterizes: forwarding an abuse complaint does not show the host holds "
                                   "information identifying the Does"
                                   + (f"; and even if it did, that would not justify letters to all "
                                      f"{f.letters_sought_count} companies." if several else ".")),
                      quote_ids=("dhaw.discovery.f4_beliefs_not_evidence", "dhaw.discovery.f4_mischaracterizes",
                                 "dhaw.discovery.f4_forwarding") + (("dhaw.discovery.f4_all_four_entities",) if several else ()))
    if several:
        return Reason(id="dhaw.good_cause.f4_likely_identification", element=element, met=False, facts=facts,
                      explanation=("There is evidence that some recipients hold identifying information, but not all: "
                                   "showing it for one company does not warrant letters to every company sought."),
                      quote_ids=("dhaw.discovery.f4_all_four_entities",))
    return Reason(id="dhaw.good_cause.f4_likely_identification", element=element, met=True, facts=facts,
                  explanation=("There is evidence, not mere belief, that every company addressed holds information "
                               "identifying the Does; none of the court's objections applies."),
                  quote_ids=("dhaw.discovery.f4_factor", "dhaw.discovery.f4_beliefs_not_evidence",
                             "dhaw.discovery.f4_all_four_entities"))


def discretion() -> Reason:
    return Reason(
        id="dhaw.letters.discretion",
        element="Letters rogatory are discretionary",
        met=None, basis=Basis.stated, decisive=False,
        explanation=("Courts have discretionary authority to issue letters rogatory; the court relied on that together "
                     "with the failed factors. So even on a strong showing nothing in the opinion requires letters to "
                     "issue."),
        quote_ids=("dhaw.discovery.three_of_four",),
    )


#: How many factors failed in Bodyguard; with the court's discretion, enough that the denial was not clearly erroneous.
DHAW_FAILED_FACTORS = 3


def weigh(factors: list[Reason]) -> Outcome:
    """D. Haw. counted: three of four factors failed, and letters are discretionary, so the denial was
    not clearly erroneous. Not :func:`~course.ruling.combine`: a single failed factor the court did
    not say would be enough, and all four met would not oblige the court to issue letters. Denied
    where at least three fail; otherwise open. Never granted."""
    failed = sum(1 for r in factors if r.met is False)
    return Outcome.discovery_denied if failed >= DHAW_FAILED_FACTORS else Outcome.undetermined


@legal_test(
    id=LETTERS_ID,
    case="bodyguard_dhaw_2020",
    pinpoint="Standard and Discussion, Parts I-III",
    issue="early_discovery",
    title="Letters rogatory before the Rule 26(f) conference: four good-cause factors and discretion, on clear-error review",
    facts=LettersRogatoryFacts,
    source_facts=letters_rogatory_source_facts,
    never=(Outcome.discovery_granted,),
)
def dhaw_2020_letters_rogatory(f: LettersRogatoryFacts) -> Ruling:
    """A denial of letters rogatory to identify Does is not clearly erroneous where three of the four
    good-cause factors fail, letters rogatory being discretionary (Bodyguard, D. Haw. 2020,
    Discussion, Part III; Standard: clear error, the same de novo). It can affirm a denial; it never
    grants."""
    f1 = f1_particularity(f)
    f1_decisive = next(r for r in f1 if r.id == "dhaw.good_cause.f1_identified")
    f2, f3, f4 = f2_steps(f), f3_motion_to_dismiss(f), f4_likely_identification(f)
    factors = [f1_decisive, f2, f3, f4]
    outcome = weigh(factors)
    labels = {"dhaw.good_cause.f1_identified": "1", "dhaw.good_cause.f2_steps": "2",
              "dhaw.good_cause.f3_motion_to_dismiss": "3", "dhaw.good_cause.f4_likely_identification": "4"}
    failed = [labels[r.id] for r in factors if r.met is False]
    if outcome == Outcome.discovery_denied:
        summary = (f"Factors {', '.join(failed)} of four are not met, and letters rogatory are discretionary: the "
                   "Magistrate Judge's denial is not clearly erroneous (and would stand de novo). Denial affirmed.")
    else:
        summary = (("Factors not met: " + ", ".join(failed) + ". " if failed else "No factor fails. ")
                   + "D. Haw. affirmed a denial where three of four factors failed, relying also on its discretion over "
                   "letters rogatory; it did not say how the factors weigh otherwise, and nothing in it requires letters "
                   f"to issue. {UNDECIDED}")
    reasons = [review_standard(f), *f1, f2, f3, f4, discretion()]
    # factor 1's supporting elements explain; only its decisive element counts, as in weigh()
    return Ruling(
        test_id=LETTERS_ID,
        question=("Was the Magistrate Judge wrong to deny letters rogatory to identify the Does before the Rule 26(f) "
                  "conference?"),
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
        note="Personal jurisdiction (factor 3) is taken as a fact from the jurisdiction tests.",
    )
