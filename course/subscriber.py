"""Is it plausible that the ISP subscriber is the infringer? As the D. Conn. decided it.

Malibu Media, LLC v. John Doe, No. 3:18-cv-01369 (JAM) (D. Conn. Aug. 13, 2020) (Meyer, J.),
Order Denying Motion for Default Judgment (seed 003).

The test in one sentence: a default judgment (like a complaint that must survive Rule 12(b)(6))
needs well-pleaded facts making it plausible, that is more than a sheer possibility, that the
named subscriber and not someone else did the infringing; being the subscriber of the account
behind the IP address makes it possible, not plausible.

What the sources decide:

* subscriber status with nothing more (conclusory labels such as "habitual" do not count):
  not plausible (the D. Conn. holding);
* a computer-science background and presence as the lone adult male in the residence during the
  infringement period: plausible, in Malibu Media, LLC v. Doe, 2019 WL 8301066 (N.D. Ill. 2019),
  as the D. Conn. describes it (a comparison, not the D. Conn.'s own holding);
* every other combination of household facts: the sources do not decide this.
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from .registry import legal_test
from .ruling import Facts, Outcome, Reason, Ruling

TEST_ID = "subscriber.dconn_2020"
COURT = "D. Conn. (Meyer, J.)"
CITATION = (
    "Malibu Media, LLC v. John Doe, No. 3:18-cv-01369 (JAM) (D. Conn. Aug. 13, 2020), Discussion"
)
UNDECIDED = "the sources do not decide this"

#: Order of outcomes from the plaintiff's point of view (for monotonicity checks and widgets).
PLAUSIBILITY_ORDER = {Outcome.not_plausible: 0, Outcome.undetermined: 1, Outcome.plausible: 2}


class Dwelling(str, Enum):
    """What kind of building the subscriber's physical address is."""

    not_pleaded = "not_pleaded"
    single_family = "single_family"
    multi_unit = "multi_unit"


class SubscriberFacts(Facts):
    """What the complaint pleads to tie the named subscriber to the infringement."""

    subscriber_status: bool = Field(
        True, description="the defendant is the named subscriber of the ISP account assigned to the IP address"
    )
    conclusory_habitual_allegation: bool = Field(
        True,
        description="the bare allegation that the defendant is a habitual and persistent BitTorrent infringer",
    )
    dwelling: Dwelling = Field(
        Dwelling.not_pleaded, description="the kind of building at the subscriber's physical address"
    )
    residents_count: int | None = Field(
        None, ge=1, le=100, description="number of persons residing at the address (None: not pleaded)"
    )
    lone_adult_resident: bool = Field(
        False,
        description="the defendant's presence as the lone adult male in the residence during the infringement period",
    )
    wireless: bool | None = Field(
        None, description="whether the address has wireless internet (None: not pleaded)"
    )
    network_secured: bool | None = Field(
        None, description="whether the network is secured (None: not pleaded)"
    )
    exclusive_access_alleged: bool = Field(
        False, description="facts suggesting the defendant has exclusive access to the internet account"
    )
    contacted_or_admitted: bool = Field(
        False, description="facts from anyone speaking with or contacting the defendant personally"
    )
    technical_background_alleged: bool = Field(
        False, description="the defendant's background in computer science"
    )


def source_facts() -> SubscriberFacts:
    """Malibu Media's amended complaint: subscriber status and a conclusory 'habitual' label, nothing more."""
    return SubscriberFacts()


#: Short labels for the facts that point toward the subscriber, for explanations.
FACT_LABELS = {
    "dwelling": "a single-family home",
    "residents_count": "the defendant lives alone",
    "lone_adult_resident": "the lone adult male in the residence",
    "wireless": "a wired network only",
    "network_secured": "a secured network",
    "exclusive_access_alleged": "exclusive access to the account",
    "contacted_or_admitted": "personal contact with the defendant",
    "technical_background_alleged": "a background in computer science",
}

ADVERSE_LABELS = {"dwelling": "a multi-unit building", "network_secured": "an unsecured network"}


def favorable_facts(f: SubscriberFacts) -> list[str]:
    """Pleaded household facts that point toward the subscriber (the kinds the court found missing)."""
    out = []
    if f.dwelling == Dwelling.single_family:
        out.append("dwelling")
    if f.residents_count == 1:
        out.append("residents_count")
    if f.lone_adult_resident:
        out.append("lone_adult_resident")
    if f.wireless is False:
        out.append("wireless")
    if f.network_secured is True:
        out.append("network_secured")
    if f.exclusive_access_alleged:
        out.append("exclusive_access_alleged")
    if f.contacted_or_admitted:
        out.append("contacted_or_admitted")
    if f.technical_background_alleged:
        out.append("technical_background_alleged")
    return out


def adverse_facts(f: SubscriberFacts) -> list[str]:
    """Pleaded household facts that widen the circle of possible users (neighbors, passersby)."""
    out = []
    if f.dwelling == Dwelling.multi_unit:
        out.append("dwelling")
    if f.network_secured is False and f.wireless is not False:
        out.append("network_secured")
    return out


@legal_test(
    id=TEST_ID,
    court=COURT,
    citation=CITATION,
    issue="subscriber",
    title="Is the ISP subscriber plausibly the infringer? (default judgment / Rule 12(b)(6))",
    facts=SubscriberFacts,
    source_facts=source_facts,
)
def dconn_subscriber_plausibility(f: SubscriberFacts) -> Ruling:
    """A claim against an ISP subscriber needs facts making it plausible, not merely possible, that he
    rather than another user infringed; subscriber status alone does not do it (D. Conn. 2020,
    Discussion; Cobbler Nevada; In re BitTorrent).
    """
    good = favorable_facts(f)
    bad = adverse_facts(f)
    reasons: list[Reason] = [
        Reason(
            element="Standard: plausibility, not possibility",
            met=None,
            explanation=(
                "A defaulting defendant admits only well-pleaded facts; the court asks whether they would "
                "survive a Rule 12(b)(6) motion, which needs more than a sheer possibility. Someone infringed; "
                "the question is whether it plausibly was the named defendant."
            ),
            quote_ids=("dconn.subscriber.survive_12b6", "dconn.subscriber.iqbal", "dconn.subscriber.was_it_doe"),
        ),
        Reason(
            element="Subscriber status",
            met=False if f.subscriber_status else None,
            explanation=(
                "The defendant pays for the account behind the IP address. Standing alone that makes it "
                "possible, not plausible, that he was the infringer: many devices and people can share one "
                "IP address."
                if f.subscriber_status
                else "The defendant is not even pleaded to be the subscriber of the account behind the IP "
                "address, so nothing ties him to it through the account."
            ),
            facts=("subscriber_status",),
            quote_ids=(
                "dconn.subscriber.possible_not_plausible",
                "dconn.subscriber.cobbler_nevada",
                "dconn.subscriber.telephone_bill",
            ),
        ),
        Reason(
            element="Conclusory allegations",
            met=False,
            explanation=(
                "Labels such as habitual and persistent infringer are conclusions, not facts, and add nothing "
                "to plausibility."
                if f.conclusory_habitual_allegation
                else "No conclusory labels are pleaded; they would add nothing in any event."
            ),
            facts=("conclusory_habitual_allegation",),
            quote_ids=("dconn.subscriber.conclusory_not_enough", "dconn.subscriber.habitual_allegation"),
        ),
    ]

    def household(element: str, fact_names: tuple[str, ...], present: bool, pleaded_text: str, quote_ids: tuple[str, ...],
                  points_to_defendant: bool | None) -> None:
        """One of the household facts the D. Conn. found missing. ``met``: True when a fact pointing to
        the defendant is pleaded; False when none is (not pleaded, or pleaded facts widen the circle of
        users); None when a pleaded fact points neither way."""
        if present:
            met, text = points_to_defendant, pleaded_text
        else:
            met, text = False, "Not pleaded: the D. Conn. noted that this fact was missing."
        reasons.append(Reason(element=element, met=met, explanation=text, facts=fact_names, quote_ids=quote_ids))

    household(
        "Single-family home or multi-unit building",
        ("dwelling",),
        f.dwelling != Dwelling.not_pleaded,
        (
            "The address is a multi-unit building: more neighbors within reach of the network."
            if f.dwelling == Dwelling.multi_unit
            else "The address is a single-family home."
        ),
        ("dconn.subscriber.no_dwelling_fact",),
        f.dwelling == Dwelling.single_family,
    )
    household(
        "Number of residents",
        ("residents_count",),
        f.residents_count is not None,
        (
            "The defendant lives alone at the address."
            if f.residents_count == 1
            else f"{f.residents_count} persons live at the address; other residents could have used the network."
        ),
        ("dconn.subscriber.no_residents_fact", "dconn.subscriber.duncan_just_as_possible"),
        True if f.residents_count == 1 else None,
    )
    network_pleaded = f.wireless is not None or f.network_secured is not None
    if f.wireless is False:
        network_text = "The network is wired only: no wireless signal for neighbors or passersby to use."
    elif f.network_secured is False:
        network_text = "The network is unsecured: neighbors or passersby could use it."
    elif f.network_secured is True:
        network_text = "The network is secured (though even a secured router may be used by others)."
    else:
        network_text = "The address has wireless internet; whether it is secured is not pleaded."
    household(
        "Network configuration (wireless; secured or unsecured)",
        ("wireless", "network_secured"),
        network_pleaded,
        network_text,
        ("dconn.subscriber.no_network_fact", "dconn.subscriber.unsecured_router"),
        False if "network_secured" in bad else True if ("wireless" in good or "network_secured" in good) else None,
    )
    household(
        "Exclusive access to the account",
        ("exclusive_access_alleged",),
        f.exclusive_access_alleged,
        "Facts are pleaded suggesting the defendant has exclusive access to the account.",
        ("dconn.subscriber.no_exclusive_access",),
        True,
    )
    household(
        "Contact with the defendant personally",
        ("contacted_or_admitted",),
        f.contacted_or_admitted,
        "Facts are pleaded from someone speaking with or contacting the defendant personally.",
        ("dconn.subscriber.no_contact",),
        True,
    )

    comparator = f.subscriber_status and f.technical_background_alleged and f.lone_adult_resident and not bad
    reasons.append(
        Reason(
            element="Comparison: N.D. Ill. 2019 (computer-science background; lone adult male)",
            met=True if comparator else None if (f.technical_background_alleged or f.lone_adult_resident) else False,
            explanation=(
                "As the D. Conn. describes it, the N.D. Ill. in 2019 held that a subscriber's background in "
                "computer science and presence as the lone adult male in the residence during the infringement "
                "period made it plausible that he, and not another person, infringed. Both facts are pleaded here"
                + ("." if comparator else ", but so are facts that widen the circle of possible users, which that case did not address.")
                if f.technical_background_alleged and f.lone_adult_resident and f.subscriber_status
                else "As the D. Conn. describes it, the N.D. Ill. in 2019 found it plausible on two facts together: "
                "a background in computer science and presence as the lone adult male in the residence. "
                + (
                    "Only one of them is pleaded here."
                    if (f.technical_background_alleged or f.lone_adult_resident)
                    else "Neither is pleaded here."
                )
            ),
            facts=("technical_background_alleged", "lone_adult_resident"),
            quote_ids=("dconn.subscriber.ndill_2019_comparison",),
        )
    )

    is_holding = True
    if not good:
        outcome = Outcome.not_plausible
        if bad:
            basis = (
                "Beyond subscriber status the complaint pleads only facts that widen the circle of possible "
                "users; if status alone is not enough, status with those facts is not either. Not plausible."
            )
        elif f.subscriber_status:
            basis = (
                "The complaint pleads nothing beyond subscriber status (and conclusory labels), which makes it "
                "possible, not plausible, that the defendant infringed."
            )
        else:
            basis = "The complaint pleads nothing tying the defendant to the IP address at all. Not plausible."
        summary = (
            basis + " Default judgment denied without prejudice to renewal on additional allegations "
            "(in the case itself, by September 14, 2020)."
        )
        quotes: tuple[str, ...] = (
            "dconn.subscriber.no_additional_facts",
            "dconn.subscriber.no_facts_beyond_status",
            "dconn.subscriber.denied_without_prejudice",
            "dconn.subscriber.renew_by",
        )
    elif comparator:
        outcome = Outcome.plausible
        is_holding = False
        basis = (
            "The complaint pleads the two facts the N.D. Ill. (2019) relied on, as the D. Conn. describes it: "
            "a background in computer science and presence as the lone adult male in the residence during the "
            "infringement period. That makes it plausible that the subscriber, and not another person, infringed."
        )
        summary = basis + " (The D. Conn. cites this case as a comparison; it is not the D. Conn.'s own holding.)"
        quotes = ("dconn.subscriber.ndill_2019_comparison",)
    else:
        outcome = Outcome.undetermined
        basis = (
            "The complaint pleads facts beyond subscriber status ("
            + "; ".join(FACT_LABELS[g] for g in good)
            + ")"
            + (
                ", together with facts that widen the circle of possible users ("
                + "; ".join(ADVERSE_LABELS[b] for b in bad)
                + ")"
                if bad
                else ""
            )
            + ", but no source says whether these facts make it plausible that the subscriber infringed: "
            + UNDECIDED
            + "."
        )
        summary = basis
        quotes = ("dconn.subscriber.no_additional_facts", "dconn.subscriber.park_limitations")
    reasons.append(
        Reason(
            element="Plausibly the named defendant, not someone else",
            met=None if outcome == Outcome.undetermined else outcome == Outcome.plausible,
            explanation=basis,
            facts=tuple(dict.fromkeys(["subscriber_status", *good, *bad])),
            quote_ids=quotes,
        )
    )
    return Ruling(
        test_id=TEST_ID,
        court=COURT,
        citation=CITATION,
        question="Do the well-pleaded facts make it plausible that the named subscriber is the infringer?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
        is_holding=is_holding,
        note=(
            "Plausible here rests on Malibu Media, LLC v. Doe, 2019 WL 8301066 (N.D. Ill. 2019), as the D. Conn. "
            "describes it."
            if outcome == Outcome.plausible
            else None
        ),
    )
