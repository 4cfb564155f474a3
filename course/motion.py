"""Doe 328's motion in the S.D. Tex.: a party's ARGUMENTS, never a ruling.

West Coast Productions, Inc. v. Does 1-351, No. 4:12-cv-00504 (S.D. Tex.), Defendant J. Doe
No. 328's Motion to Sever and Quash or Modify Subpoena (served Apr. 19, 2012) (seed 000).

Seed 000 is advocacy. The motion asks the court to sever Does 2-351 (Rule 21), to quash the
subpoena to Verizon (Rule 45) and, in the alternative, to enter a protective order against
public disclosure (Rule 26(c)). The seeds do not report how the S.D. Tex. ruled on it. So this
"test" never decides anything: its case record is a motion, so the registry marks every element
and the outcome ``argued``, the outcome is always ``Outcome.argued``, and every other outcome is
in ``never``. What it adds is the *reception* of each argument: how the courts whose decisions
are in the seeds (N.D. Cal. 2012, N.D. Ill. 2013, D. Conn. 2020, D. Haw. 2020) treated a similar
argument in their own cases, each with that court's own words (a related result, never a
ruling on this motion).

The motion's own citations are not always right; the quote records note it where they quote the
paragraph (data/quotes/motion.yaml), and :data:`CITATION_NOTES` lists them for the lesson.

:func:`arguments` and :func:`relief` return the records for the lesson widget.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .registry import legal_test
from .ruling import Facts, Outcome, Reason, Ruling

TEST_ID = "motion.sdtex_doe328_2012"
NOT_A_RULING = (
    "This is a party's argument, not a ruling: the seeds do not report how the S.D. Tex. ruled on Doe 328's motion."
)

Treatment = Literal["accepted", "rejected", "not reached", "related"]

#: The courts whose decisions are in the seeds, by seed.
COURTS = {
    "001": "N.D. Cal. 2012 (Hard Drive Productions v. Does 1-90)",
    "002": "N.D. Ill. 2013 (Malibu Media v. John Does)",
    "003": "D. Conn. 2020 (Malibu Media v. John Doe)",
    "004": "D. Haw. 2020 (Bodyguard Productions v. Doe)",
}


class Reception(BaseModel):
    """How one court in the seeds treated an argument like the movant's, in that court's words."""

    model_config = ConfigDict(frozen=True)

    court: str
    seed: Literal["001", "002", "003", "004"]
    treatment: Treatment
    quote_ids: tuple[str, ...] = Field(min_length=1)  # from that court's own seed
    note: str  # the context: what the court was deciding, in our words

    def sentence(self) -> str:
        return f"{self.court}: {self.treatment}. {self.note}"


class MotionPoint(BaseModel):
    """One argument (or one request for relief) in the motion, with its reception elsewhere."""

    model_config = ConfigDict(frozen=True)

    key: str  # the Facts field that selects it (arguments), or a relief key
    kind: Literal["argument", "relief"]
    title: str
    rule: str | None = None
    paragraphs: str  # where it stands in the motion
    summary: str  # the movant's point, in our words
    quote_ids: tuple[str, ...] = Field(min_length=1)  # the movant's own words (seed 000)
    receptions: tuple[Reception, ...] = ()


#: Quotes of the motion whose records note a citation error in the motion itself (¶ 23 attributes
#: words to Io Group but cites Pacific Century; ¶ 19 gives one suit the 254 Does of four; ¶ 31's
#: Boy Racer caption and severed Does do not match).
CITATION_ERRORS = (
    "sdtex.motion.io_group_pacific_century",
    "sdtex.motion.umg_254_defendants",
    "sdtex.motion.boy_racer_1_71",
)


def _r(seed: str, treatment: Treatment, note: str, *quote_ids: str) -> Reception:
    return Reception(court=COURTS[seed], seed=seed, treatment=treatment, quote_ids=quote_ids, note=note)  # type: ignore[arg-type]


_ARGUMENTS: tuple[MotionPoint, ...] = (
    MotionPoint(
        key="improper_joinder",
        kind="argument",
        title="Improper joinder",
        rule="Fed. R. Civ. P. 20(a)(2)",
        paragraphs="¶¶ 15-24, 30-34, 39, 42",
        summary=(
            "The 351 Does did not take part in one transaction or a series of closely related ones. Only the "
            "car-thief analogy (¶ 17) is categorical: doing the same kind of wrong does not link them. Elsewhere "
            "the argument turns on timing (¶ 23: the same car on two different nights) and on the plaintiff's "
            "records showing no Doe dealing with another (¶¶ 39, 42), which implies that joinder could be shown "
            "by interaction. Some of its citations are wrong (noted on the quotes)."
        ),
        quote_ids=(
            "sdtex.motion.rule20_single_transaction",
            "sdtex.motion.car_thieves",
            "sdtex.motion.laface_same_violation",
            "sdtex.motion.two_different_nights",
            "sdtex.motion.no_interaction_shown",
            "sdtex.motion.relief_sever_2_351",
            # the motion's own citation errors, noted on each quote record
            *CITATION_ERRORS,
        ),
        receptions=(
            _r("001", "accepted",
               "Held that presence in the same swarm, at completely different times, does not show concerted "
               "activity, so joinder was improper under Rule 20; it dropped Does 2-90 under Rule 21 (misjoinder is "
               "not a ground for dismissing an action).",
               "ndcal.joinder.same_swarm_insufficient", "ndcal.joinder.completely_different_times",
               "ndcal.reception.does_severed"),
            _r("002", "accepted",
               "Severed the Does, but on a narrower ground than the motion's categorical one: joinder is precluded "
               "where the plaintiff does not allege that the Does were in the same swarm at roughly the same time. "
               "It stated that as a bar (necessary, not sufficient) and did not say joinder is proper where that is "
               "alleged.",
               "ndill.reception.same_swarm_same_time", "ndill.joinder.severance_appropriate"),
        ),
    ),
    MotionPoint(
        key="discretionary_severance",
        kind="argument",
        title="Discretionary severance",
        rule="Fed. R. Civ. P. 21",
        paragraphs="¶ 25",
        summary=(
            "Even if Rule 20 were met, the court should sever in its discretion: with hundreds of Does, every "
            "motion would be served on every party, many of them without lawyers."
        ),
        quote_ids=("sdtex.motion.rule21_discretion", "sdtex.motion.every_motion_every_party"),
        receptions=(
            _r("002", "accepted",
               "Found that the 47 remaining Does raised serious fairness and manageability concerns, adopting a "
               "description of pro se Does forced to serve paper copies on every other party.",
               "ndill.reception.fairness_manageability", "ndill.joinder.pro_se_paper_copies"),
            _r("001", "not reached",
               "Severed for misjoinder under Rule 20 and did not turn to discretionary severance.",
               "ndcal.reception.does_severed"),
        ),
    ),
    MotionPoint(
        key="civil_conspiracy_not_pleaded",
        kind="argument",
        title="Civil conspiracy not pleaded",
        paragraphs="¶¶ 6, 20-22, 34",
        summary=(
            "Alleging a civil conspiracy cannot save joinder: the complaint does not plead its elements, and "
            "the Does neither know one another nor control how the protocol works."
        ),
        quote_ids=(
            "sdtex.motion.conspiracy_not_pleaded",
            "sdtex.motion.different_times_places",
            "sdtex.motion.no_knowledge_of_each_other",
        ),
        receptions=(
            _r("001", "related",
               "Did not discuss civil conspiracy; held that the plaintiff had not shown the Does acted in concert.",
               "ndcal.joinder.completely_different_times"),
            _r("002", "related",
               "Did not discuss civil conspiracy; relied on authority that different dates and times of sharing "
               "allow no inference of acting in concert.",
               "ndill.reception.not_acting_in_concert"),
        ),
    ),
    MotionPoint(
        key="ip_addresses_not_people",
        kind="argument",
        title="IP addresses are not people",
        paragraphs="¶¶ 5, 7, 35-37, 40-41",
        summary=(
            "An IP address points at best to a router, not a person: addresses can be spoofed, only a device's "
            "MAC address is reliable, monitoring overcounts because addresses change, and the subscriber who pays "
            "the bill may not be the one who downloaded, for open Wi-Fi, neighbors, guests or hackers may have "
            "used the connection."
        ),
        quote_ids=(
            "sdtex.motion.router_at_best",
            "sdtex.motion.spoofing_mac",
            "sdtex.motion.vpr_not_infringers",
            "sdtex.motion.pays_the_isp",
            "sdtex.motion.open_wifi_guests",
        ),
        receptions=(
            _r("001", "accepted",
               "Held that the subscriber may be only the person who pays for internet access, and relied on that "
               "to find that ISP subpoenas were not very likely to identify the Does (early discovery denied).",
               "ndcal.reception.subscriber_may_not_be_infringer", "ndcal.reception.unprotected_wireless"),
            _r("002", "related",
               "Acknowledged the growing concern that the IP address may not belong to the actual downloader, but "
               "weighed it only in favor of letting the Doe proceed by pseudonym; it did not quash the subpoena.",
               "ndill.anonymity.ip_concern"),
            _r("003", "accepted",
               "In a later posture (default judgment), held that Malibu Media had not alleged plausible grounds for "
               "relief where it alleged nothing beyond the defendant's subscriber status, following what it called "
               "a growing weight of authority that status alone merely makes infringement by the subscriber "
               "possible, not plausible.",
               "dconn.subscriber.no_facts_beyond_status", "case.dconn.growing_weight", "dconn.subscriber.telephone_bill"),
        ),
    ),
    MotionPoint(
        key="no_forum_contacts",
        kind="argument",
        title="Geolocation is unreliable and there are no forum contacts",
        paragraphs="¶¶ 9-10, 15",
        summary=(
            "The plaintiff's geolocation does not establish that the Does live in Texas, since a computer's "
            "location is easily masked, and Doe 328 neither lives in nor has contacts with the Southern District."
        ),
        quote_ids=("sdtex.motion.geolocation_texas", "sdtex.motion.mask_location", "sdtex.motion.no_forum_contacts"),
        receptions=(
            _r("001", "accepted",
               "On the plaintiff's own admission, geolocation is truly reliable only as to the country; the court "
               "found no prima facie showing that the Does lived in the forum state and no minimum contacts. It did "
               "not rely on masking software.",
               "ndcal.reception.geolocation_country", "ndcal.reception.no_prima_facie_residence",
               "ndcal.jurisdiction.each_doe"),
            _r("004", "related",
               "In a different setting (Does running a website), explained that geolocation accompanies an IP "
               "address because it bears on the court's jurisdiction.",
               "dhaw.reception.geolocation_jurisdiction"),
        ),
    ),
    MotionPoint(
        key="quash_protected_matter",
        kind="argument",
        title="Quash: protected matter and anonymous communication",
        rule="Fed. R. Civ. P. 45(c)(3)",
        paragraphs="¶ 26",
        summary=(
            "The subpoena must be quashed because it requires disclosure of protected matter: the Does were "
            "communicating anonymously, and the plaintiff did not put the right discovery standard before the court."
        ),
        quote_ids=("sdtex.motion.quash_protected_matter", "sdtex.motion.anonymous_communication"),
        receptions=(
            _r("002", "rejected",
               "Held that subscribers have no protected privacy interest in subscriber information already given to "
               "the ISP, so it is not privileged; motion to quash denied.",
               "ndill.quash.no_privacy", "ndill.quash.shared_with_isp", "ndill.quash.denied"),
            _r("001", "related",
               "Refused the ISP subpoenas at the outset, but under the good-cause test for early discovery, not on "
               "privacy grounds.",
               "ndcal.discovery.denied"),
        ),
    ),
    MotionPoint(
        key="filing_fee_savings",
        kind="argument",
        title="Joinder only saves the plaintiff filing fees",
        paragraphs="¶¶ 8, 27, 34",
        summary=(
            "One suit against 351 Does is far cheaper than 351 suits; as in CP Productions, joinder lets the "
            "plaintiff pay one filing fee instead of hundreds."
        ),
        quote_ids=("sdtex.motion.cheaper_one_suit", "sdtex.motion.cp_productions_fees"),
        receptions=(
            _r("002", "accepted",
               "Held that avoiding filing fees is the main efficiency joinder offers and is not enough to justify it.",
               "ndill.joinder.filing_fees_insufficient"),
        ),
    ),
    MotionPoint(
        key="settlement_business_model",
        kind="argument",
        title="A settlement business model, not litigation",
        paragraphs="¶¶ 11-13, 38, 41",
        summary=(
            "Suits like this one use embarrassing subject matter to extract quick settlements; the plaintiffs "
            "rarely name anyone and then dismiss."
        ),
        quote_ids=("sdtex.motion.business_model", "sdtex.motion.fail_to_name"),
        receptions=(
            _r("001", "accepted",
               "Refused to help a plaintiff that seemed to use the courts for an extrajudicial settlement plan rather "
               "than to litigate.",
               "ndcal.reception.extrajudicial_business_plan"),
        ),
    ),
)

_RELIEF: tuple[MotionPoint, ...] = (
    MotionPoint(
        key="sever_does_2_351",
        kind="relief",
        title="Sever Does 2-351",
        rule="Fed. R. Civ. P. 21",
        paragraphs="Introductory paragraph; ¶ 42; prayer for relief",
        summary="Sever every Doe but the first from the suit.",
        quote_ids=("sdtex.motion.relief_sever_and_quash", "sdtex.motion.relief_sever_2_351", "sdtex.motion.prayer"),
        receptions=(
            _r("001", "related", "Severed Does 2-90 in its own case.", "ndcal.reception.does_severed"),
            _r("002", "related", "Severed the Does in both of its cases.", "ndill.joinder.severance_appropriate"),
        ),
    ),
    MotionPoint(
        key="quash_verizon_subpoena",
        kind="relief",
        title="Quash the subpoena to Verizon",
        rule="Fed. R. Civ. P. 45",
        paragraphs="Introductory paragraph; prayer for relief",
        summary="Quash the subpoena that asks Doe 328's ISP, Verizon, for his subscriber information.",
        quote_ids=("sdtex.motion.relief_sever_and_quash", "sdtex.motion.prayer"),
        receptions=(
            _r("002", "rejected", "Denied the remaining Doe's motion to quash in its own case.", "ndill.quash.denied"),
        ),
    ),
    MotionPoint(
        key="protective_order",
        kind="relief",
        title="Alternatively, a protective order against public disclosure",
        rule="Fed. R. Civ. P. 26(c)",
        paragraphs="Introductory paragraph; prayer for relief",
        summary=(
            "If the subpoena stands, bar every party from disclosing publicly, including in public filings, any "
            "information about Doe 328 obtained from the ISP."
        ),
        quote_ids=("sdtex.motion.relief_protective_order", "sdtex.motion.prayer_protective_order"),
        receptions=(
            _r("002", "related",
               "Let the remaining Doe file by pseudonym, and required public filings to use his Doe number, through "
               "the close of fact discovery or further order; it declined any blanket order keeping his identity "
               "from the plaintiff.",
               "ndill.anonymity.granted", "ndill.anonymity.public_filings",
               "ndill.anonymity.not_withheld_from_plaintiff"),
        ),
    ),
)


def arguments(facts: "MotionFacts | None" = None) -> tuple[MotionPoint, ...]:
    """The motion's arguments with their receptions (all of them, or those ``facts`` selects)."""
    if facts is None:
        return _ARGUMENTS
    return tuple(a for a in _ARGUMENTS if getattr(facts, a.key))


def relief() -> tuple[MotionPoint, ...]:
    """What the motion asks the court to do, with related results in the other seeds."""
    return _RELIEF


_NO_CF = {"counterfactual": False}


class MotionFacts(Facts):
    """Which of Doe 328's arguments to present. (Advocacy has no counterfactuals: nothing is decided.)"""

    improper_joinder: bool = Field(
        True, description="the argument that joinder is improper under Rule 20", json_schema_extra=_NO_CF
    )
    discretionary_severance: bool = Field(
        True, description="the argument for severance in the court's discretion under Rule 21", json_schema_extra=_NO_CF
    )
    civil_conspiracy_not_pleaded: bool = Field(
        True, description="the argument that civil conspiracy is not pleaded", json_schema_extra=_NO_CF
    )
    ip_addresses_not_people: bool = Field(
        True, description="the argument that IP addresses are not people", json_schema_extra=_NO_CF
    )
    no_forum_contacts: bool = Field(
        True,
        description="the argument that geolocation is unreliable and the Doe has no forum contacts",
        json_schema_extra=_NO_CF,
    )
    quash_protected_matter: bool = Field(
        True,
        description="the argument that the subpoena must be quashed for protected matter under Rule 45(c)(3)",
        json_schema_extra=_NO_CF,
    )
    filing_fee_savings: bool = Field(
        True, description="the argument that joinder only saves the plaintiff filing fees", json_schema_extra=_NO_CF
    )
    settlement_business_model: bool = Field(
        True,
        description="the argument that the suit serves a settlement business model",
        json_schema_extra=_NO_CF,
    )


def source_facts() -> MotionFacts:
    """Doe 328's motion as filed: every argument presented."""
    return MotionFacts()


def _explain(point: MotionPoint) -> str:
    where = f"{point.paragraphs}" + (f"; {point.rule}" if point.rule else "")
    verb = "argues" if point.kind == "argument" else "asks"
    head = f"Doe 328 {verb} ({where}): {point.summary}"
    if point.receptions:
        lead = (
            " How the courts in the other seeds treated this argument: "
            if point.kind == "argument"
            else " What the courts in the other seeds did with similar requests in their own cases: "
        )
        elsewhere = lead + " ".join(
            f"{r.court}, {r.treatment} ({', '.join(r.quote_ids)}): {r.note}" for r in point.receptions
        )
    else:
        elsewhere = " No court in the other seeds addressed it."
    return head + elsewhere + " The seeds do not report how the S.D. Tex. ruled on it."


def argument(point: MotionPoint) -> Reason:
    """One argument of the motion, as an element with a stable id (``sdtex.motion.<key>``)."""
    return Reason(
        id=f"sdtex.motion.{point.key}",
        element=f"Argument: {point.title}",
        met=None,
        decisive=False,
        explanation=_explain(point),
        facts=(point.key,),
        quote_ids=point.quote_ids,
    )


def request(point: MotionPoint) -> Reason:
    """One request for relief (``sdtex.motion.relief.<key>``)."""
    return Reason(
        id=f"sdtex.motion.relief.{point.key}",
        element=f"Relief requested: {point.title}",
        met=None,
        decisive=False,
        explanation=_explain(point),
        quote_ids=point.quote_ids,
    )


@legal_test(
    id=TEST_ID,
    case="west_coast_motion_sdtex_2012",
    pinpoint="¶¶ 1-42 and prayer for relief",
    issue="motion",
    title="Doe 328's motion to sever and quash (a party's arguments, not a ruling)",
    facts=MotionFacts,
    source_facts=source_facts,
    never=tuple(o for o in Outcome if o != Outcome.argued),
)
def sdtex_doe328_motion(f: MotionFacts) -> Ruling:
    """Doe 328 argues that the 351 Does are misjoined and the subpoena to Verizon must be quashed, or
    else that a protective order should bar public disclosure: advocacy, not a ruling (S.D. Tex. motion,
    ¶¶ 15-42 and prayer for relief); the seeds do not report how the court ruled.
    """
    # A motion has no elements to combine: each argument and each request is shown, none is met or
    # unmet (only a court could find that, and the seeds report no ruling), and the outcome is always
    # `argued`. The registry marks every element `argued` because the case record is a motion.
    reasons = [argument(point) for point in arguments(f)] + [request(point) for point in relief()]
    chosen = [a.title for a in arguments(f)]
    summary = (
        NOT_A_RULING
        + " Doe 328 asks the court to sever Does 2-351 (Rule 21) and quash the subpoena to Verizon (Rule 45), "
        "or alternatively to enter a protective order against public disclosure (Rule 26(c))"
        + (f". Arguments presented: {'; '.join(chosen)}." if chosen else ".")
    )
    return Ruling(
        test_id=TEST_ID,
        question="What does Doe 328 argue, what does he ask for, and how did other courts treat those arguments?",
        outcome=Outcome.argued,
        summary=summary,
        reasons=tuple(reasons),
        counterfactuals=(),
        note=NOT_A_RULING,
    )
