"""D. Conn. 2020 (Meyer, J.): subscriber status alone does not make it plausible that the subscriber infringed.

Malibu Media, LLC v. John Doe, No. 3:18-cv-01369 (JAM) (D. Conn. Aug. 13, 2020), Order Denying Motion
for Default Judgment (seed 003).

The standard the court STATED (Discussion): a default admits the well-pleaded facts, but a court "need
not agree that the alleged facts constitute a valid cause of action"; a default "only establishes a
defendant's liability if those allegations are sufficient to state a cause of action" (Taizhou); so the
court asks whether the allegations would survive a Rule 12(b)(6) motion, which under Iqbal "asks for
more than a sheer possibility that a defendant has acted unlawfully".

What the court HELD: "Because Malibu Media does not allege any additional facts beyond Doe's subscriber
status ... Malibu Media has not alleged plausible grounds for relief" (quote
``dconn.subscriber.no_facts_beyond_status``), and it denied default judgment without prejudice to
renewal on additional allegations. The amended complaint pleads against Doe "without further reference to
an IP address". The court followed "a growing weight of authority" that status alone "merely makes it
possible—rather than plausible" (its description of other courts) and Cobbler Nevada (9th Cir.).

The holding says what FAILS; it never says what suffices. So this test can give ``not_plausible`` (the
bar applies) or ``not_precluded`` (facts beyond status point to the defendant; whether they suffice, the
court did not say), never ``plausible`` (``never=(Outcome.plausible,)``). The N.D. Ill. 2019 decision the
court compared (computer-science background; lone adult male) is shown as D. Conn. DESCRIBES it: there
those allegations "further" made it plausible, on top of others.
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from .registry import legal_test
from .ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "subscriber.dconn_2020"

#: Order of outcomes from the plaintiff's point of view (for monotonicity checks and widgets).
PLAUSIBILITY_ORDER = {Outcome.not_plausible: 0, Outcome.undetermined: 1, Outcome.not_precluded: 2,
                      Outcome.plausible: 3}


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
        False,
        description="the complaint pleads that someone spoke with or contacted the defendant personally "
                    "(what he said is a separate fact, admission_alleged)",
    )
    admission_alleged: bool = Field(
        False, description="the complaint pleads that the defendant, when contacted, admitted the downloading"
    )
    technical_background_alleged: bool = Field(
        False, description="the defendant's background in computer science"
    )


def source_facts() -> SubscriberFacts:
    """Malibu Media's amended complaint: Doe is the named subscriber; a conclusory 'habitual and persistent'
    label; nothing about the dwelling, residents, network, exclusive access or any contact with Doe."""
    return SubscriberFacts()


# --- what each pleaded fact does ---------------------------------------------------------------

#: Pleaded facts that point toward the subscriber, with short labels.
POINTING = {
    "dwelling": "a single-family home",
    "residents_count": "the defendant lives alone",
    "lone_adult_resident": "the lone adult male in the residence",
    "wireless": "a wired network only",
    "network_secured": "a secured network",
    "exclusive_access_alleged": "exclusive access to the account",
    "admission_alleged": "an admission when contacted",
    "technical_background_alleged": "a background in computer science",
}
#: Pleaded facts that widen the circle of possible users.
WIDENING = {
    "dwelling": "a multi-unit building",
    "residents_count": "other residents",
    "network_secured": "a wireless network not pleaded to be secured",
}


def pointing_facts(f: SubscriberFacts) -> list[str]:
    """Pleaded facts beyond subscriber status that point toward the subscriber (the kinds the court
    found missing, and the N.D. Ill. 2019 facts)."""
    out = []
    if f.residents_count == 1:
        out.append("residents_count")
    if f.lone_adult_resident:
        out.append("lone_adult_resident")
    if f.wireless is False:
        out.append("wireless")
    if f.network_secured is True and f.wireless is not False:
        out.append("network_secured")
    if f.exclusive_access_alleged:
        out.append("exclusive_access_alleged")
    if f.admission_alleged:
        out.append("admission_alleged")
    if f.technical_background_alleged:
        out.append("technical_background_alleged")
    return out


def widening_facts(f: SubscriberFacts) -> list[str]:
    """Pleaded facts that widen the circle of possible users (family, roommates, neighbors, passersby)."""
    out = []
    if f.dwelling == Dwelling.multi_unit:
        out.append("dwelling")
    if f.residents_count is not None and f.residents_count > 1:
        out.append("residents_count")
    if f.wireless is not False and f.network_secured is not True and (f.wireless or f.network_secured is False):
        out.append("network_secured")
    return out


#: Pleaded facts that point neither toward the subscriber nor away from him.
OPEN = {
    "contacted_or_admitted": "someone contacted the defendant, but not what was learned",
    "dwelling": "a single-family home, which says nothing of how many live there or who uses the network",
}


def open_facts(f: SubscriberFacts) -> list[str]:
    """Pleaded facts whose direction the complaint leaves unstated: a contact without what was said, a
    single-family home (the court listed the kind of building as missing without saying which kind helps)."""
    out = []
    if f.contacted_or_admitted and not f.admission_alleged:
        out.append("contacted_or_admitted")
    if f.dwelling == Dwelling.single_family:
        out.append("dwelling")
    return out


# --- what the court stated -----------------------------------------------------------------------

def default_standard(f: SubscriberFacts) -> Reason:
    return Reason(
        id="dconn.subscriber.default_standard",
        element="Default admits well-pleaded facts, but they must state a claim",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "A defaulting defendant admits the complaint's well-pleaded facts, but the court need not agree that "
            "they make out a cause of action: a default establishes liability only if the allegations state a "
            "claim against the defendant (Taizhou, 2d Cir.). So the court asks whether they would survive a Rule "
            "12(b)(6) motion."
        ),
        quote_ids=("dconn.subscriber.need_not_agree", "dconn.subscriber.taizhou",
                   "dconn.subscriber.plausible_grounds_required", "dconn.subscriber.survive_12b6"),
    )


def plausibility_standard(f: SubscriberFacts) -> Reason:
    return Reason(
        id="dconn.subscriber.plausibility_standard",
        element="Standard: plausibility, not possibility",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "Plausibility is not probability, but it needs more than a sheer possibility that the defendant acted "
            "unlawfully (Iqbal). Someone infringed; the question is whether it is plausibly the named defendant."
        ),
        quote_ids=("dconn.subscriber.iqbal", "dconn.subscriber.was_it_doe"),
    )


def conclusory(f: SubscriberFacts) -> Reason:
    return Reason(
        id="dconn.subscriber.conclusory",
        element="Conclusory allegations count for nothing",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "A default judgment does not follow from a conclusory allegation that the defendant broke the law. "
            + ("The label 'habitual and persistent' infringer is pleaded; the court did not count it, or the bare "
               "averment that Doe himself downloaded, as a fact beyond subscriber status."
               if f.conclusory_habitual_allegation else "No conclusory label is pleaded here.")
        ),
        facts=("conclusory_habitual_allegation",),
        quote_ids=("dconn.subscriber.conclusory_not_enough", "dconn.subscriber.habitual_allegation"),
    )


# --- the decisive elements -------------------------------------------------------------------------

def tied_to_account(f: SubscriberFacts) -> Reason:
    if f.subscriber_status:
        return Reason(
            id="dconn.subscriber.tied_to_account",
            element="The defendant is the account's named subscriber",
            met=True,
            explanation=(
                "The defendant is pleaded to be the subscriber of the ISP account assigned to the IP address. The "
                "investigator connected only with the IP address, and the amended complaint names the defendant "
                "without further reference to it."
            ),
            facts=("subscriber_status",),
            quote_ids=("dconn.subscriber.investigator_connected", "dconn.subscriber.no_ip_reference"),
        )
    if pointing_facts(f) or open_facts(f):
        return Reason(
            id="dconn.subscriber.tied_to_account",
            element="The defendant is the account's named subscriber",
            met=None,
            explanation=(
                "The defendant is not pleaded to be the subscriber, but other facts are pleaded about him. The court "
                f"considered only a claim against the named subscriber. {UNDECIDED}"
            ),
            facts=("subscriber_status",),
            quote_ids=("dconn.subscriber.was_it_doe",),
        )
    return Reason(
        id="dconn.subscriber.tied_to_account",
        element="The defendant is the account's named subscriber",
        met=False,
        explanation=(
            "The defendant is not even pleaded to be the subscriber, so nothing ties him to the IP address. If "
            "subscriber status is not enough, less is not either: the course's inference from the court's holding."
        ),
        facts=("subscriber_status",),
        quote_ids=("dconn.subscriber.no_facts_beyond_status",),
    )


def beyond_status(f: SubscriberFacts) -> Reason:
    """The court's holding: nothing beyond subscriber status -> not plausible. It never said what suffices."""
    pointing, widening, unclear = pointing_facts(f), widening_facts(f), open_facts(f)
    facts = tuple(dict.fromkeys(["subscriber_status", *pointing, *widening, *unclear]))
    holding = ("dconn.subscriber.no_facts_beyond_status", "case.dconn.growing_weight",
               "case.dconn.cobbler_persuasive", "dconn.subscriber.telephone_bill")
    if pointing:
        return Reason(
            id="dconn.subscriber.beyond_status",
            element="Facts beyond subscriber status pointing to the defendant",
            met=True,
            explanation=(
                "The complaint pleads facts beyond subscriber status that point toward the defendant or narrow who else "
            "could have used the account ("
                + "; ".join(POINTING[p] for p in pointing) + ")"
                + (", together with facts that widen the circle of users (" + "; ".join(WIDENING[w] for w in widening)
                   + ")" if widening else "")
                + ". The court's holding, which rested on subscriber status alone, does not reach them; it left "
                  "the plaintiff free to renew on additional allegations but did not say which would suffice."
            ),
            facts=facts,
            quote_ids=("dconn.subscriber.no_additional_facts", "dconn.subscriber.denied_without_prejudice",
                       "dconn.subscriber.park_limitations"),
        )
    if unclear:
        return Reason(
            id="dconn.subscriber.beyond_status",
            element="Facts beyond subscriber status pointing to the defendant",
            met=None,
            explanation=(
                "Beyond subscriber status the complaint pleads only facts whose direction it leaves open ("
                + "; ".join(OPEN[u] for u in unclear)
                + "). The court listed such facts as missing without saying which would help; whether these point to "
                f"him, it did not say. {UNDECIDED}"
            ),
            facts=facts,
            quote_ids=("dconn.subscriber.no_contact", "dconn.subscriber.no_additional_facts"),
        )
    if widening:
        return Reason(
            id="dconn.subscriber.beyond_status",
            element="Facts beyond subscriber status pointing to the defendant",
            met=False,
            explanation=(
                "Beyond subscriber status the complaint pleads only facts that widen the circle of possible users ("
                + "; ".join(WIDENING[w] for w in widening)
                + "). If status alone is not enough, status with these is not either: the course's inference from "
                  "the court's holding."
            ),
            facts=facts,
            quote_ids=holding + ("dconn.subscriber.duncan_just_as_possible", "dconn.subscriber.unsecured_router"),
        )
    return Reason(
        id="dconn.subscriber.beyond_status",
        element="Facts beyond subscriber status pointing to the defendant",
        met=False,
        explanation=(
            "The complaint pleads nothing beyond subscriber status (and conclusory labels). Standing alone, status "
            "does not make it plausible that the defendant, rather than someone else, infringed: one IP address "
            "serves many devices and people. The court followed what it called a growing weight of authority and "
            "Cobbler Nevada."
        ),
        facts=facts,
        quote_ids=holding,
    )


# --- what the court found missing (they explain; the decisive element is beyond_status) --------------

def _missing(eid: str, element: str, fact_names: tuple[str, ...], quote_ids: tuple[str, ...],
             met: bool | None, text: str | None) -> Reason:
    return Reason(
        id=eid, element=element, met=met, decisive=False,
        explanation=text or "Not pleaded: the court noted that this fact was missing.",
        facts=fact_names, quote_ids=quote_ids,
    )


def dwelling(f: SubscriberFacts) -> Reason:
    text = {Dwelling.not_pleaded: None,
            Dwelling.single_family: "The address is a single-family home.",
            Dwelling.multi_unit: "The address is in a multi-unit building: more neighbors within reach."}[f.dwelling]
    return _missing("dconn.subscriber.dwelling", "Single-family home or multi-unit building", ("dwelling",),
                    ("dconn.subscriber.no_dwelling_fact",), None if f.dwelling == Dwelling.single_family else False, text)


def residents(f: SubscriberFacts) -> Reason:
    if f.residents_count is None:
        text = None
    elif f.residents_count == 1:
        text = "The defendant lives alone at the address."
    else:
        text = f"{f.residents_count} persons live at the address; other residents could have used the network."
    return _missing("dconn.subscriber.residents", "Number of residents", ("residents_count",),
                    ("dconn.subscriber.no_residents_fact", "dconn.subscriber.duncan_just_as_possible"),
                    f.residents_count == 1, text)


def network(f: SubscriberFacts) -> Reason:
    if f.wireless is False:
        text = "The network is wired only: no wireless signal for neighbors or passersby to use."
    elif f.network_secured is True:
        text = "The network is secured (though the decision the court quoted warns that in some cases neighbors or passersby can use even a secured router)."
    elif f.network_secured is False:
        text = "The network is unsecured: neighbors or passersby could use it."
    elif f.wireless:
        text = "The address has wireless internet; whether it is secured is not pleaded."
    else:
        text = None
    return _missing("dconn.subscriber.network", "Network configuration (wireless; secured or unsecured)",
                    ("wireless", "network_secured"),
                    ("dconn.subscriber.no_network_fact", "dconn.subscriber.unsecured_router"),
                    "wireless" in pointing_facts(f) or "network_secured" in pointing_facts(f), text)


def exclusive_access(f: SubscriberFacts) -> Reason:
    return _missing("dconn.subscriber.exclusive_access", "Exclusive access to the account",
                    ("exclusive_access_alleged",), ("dconn.subscriber.no_exclusive_access",),
                    f.exclusive_access_alleged,
                    "Facts are pleaded suggesting the defendant has exclusive access to the account."
                    if f.exclusive_access_alleged else None)


def contact(f: SubscriberFacts) -> Reason:
    if f.admission_alleged:
        met, text = True, "The complaint pleads that the defendant, when contacted, admitted the downloading."
    elif f.contacted_or_admitted:
        met, text = None, ("The complaint pleads that someone contacted the defendant, but not what was learned; "
                           "a contact alone points neither way.")
    else:
        met, text = False, None
    return _missing("dconn.subscriber.contact", "Contact with the defendant personally",
                    ("contacted_or_admitted", "admission_alleged"), ("dconn.subscriber.no_contact",), met, text)


def ndill_2019_comparison(f: SubscriberFacts) -> Reason:
    both = f.technical_background_alleged and f.lone_adult_resident
    pleaded = ("Both are pleaded here" if both else "One of them is pleaded here"
               if (f.technical_background_alleged or f.lone_adult_resident) else "Neither is pleaded here")
    return Reason(
        id="dconn.subscriber.ndill_2019_comparison",
        element="Compare: N.D. Ill. 2019 (computer-science background; lone adult male)",
        met=None,
        basis=Basis.described,
        decisive=False,
        explanation=(
            "As the D. Conn. describes it, the N.D. Ill. in 2019 denied a subscriber's motion to dismiss because "
            "new allegations of his background in computer science and his presence as the lone adult male in the "
            "residence further made it plausible that he was the infringer: on top of the other allegations in "
            f"that complaint, which the order does not describe. {pleaded}. The D. Conn. cited the case to compare, "
            "and did not decide that these facts suffice."
        ),
        facts=("technical_background_alleged", "lone_adult_resident"),
        quote_ids=("dconn.subscriber.ndill_2019_comparison",),
    )


def remedy() -> Reason:
    return Reason(
        id="dconn.subscriber.remedy",
        element="Remedy: denied without prejudice to renewal",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "Default judgment is denied without prejudice to renewal on additional allegations that plausibly show "
            "it was the defendant who infringed (in the court's case, by September 14, 2020)."
        ),
        quote_ids=("dconn.subscriber.denied_without_prejudice", "dconn.subscriber.renew_by"),
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="malibu_media_dconn_2020",
    pinpoint="Discussion",
    issue="subscriber",
    title="Is the ISP subscriber plausibly the infringer? Subscriber status alone is not enough (default judgment)",
    facts=SubscriberFacts,
    source_facts=source_facts,
    never=(Outcome.plausible,),
)
def dconn_subscriber_plausibility(f: SubscriberFacts) -> Ruling:
    """Default judgment needs well-pleaded facts that state a claim; subscriber status alone does not make
    it plausible that the subscriber, rather than someone else, infringed (Malibu Media, D. Conn. 2020,
    Discussion). The court said what fails, never what suffices: the test never gives ``plausible``."""
    decisive = [tied_to_account(f), beyond_status(f)]
    outcome = combine(decisive, fails=Outcome.not_plausible, passes=None)
    elements = [default_standard(f), plausibility_standard(f), conclusory(f), *decisive,
                dwelling(f), residents(f), network(f), exclusive_access(f), contact(f), ndill_2019_comparison(f)]
    pointing, widening = pointing_facts(f), widening_facts(f)
    if outcome == Outcome.not_plausible:
        elements.append(remedy())
        if not f.subscriber_status:
            summary = "Not plausible: the defendant is not even pleaded to be the subscriber."
        elif widening:
            summary = ("Not plausible: beyond subscriber status the complaint pleads only facts that widen the circle "
                       "of possible users (" + "; ".join(WIDENING[w] for w in widening) + ").")
        else:
            summary = ("Not plausible: the complaint pleads nothing beyond subscriber status (and conclusory labels), "
                       "which makes it possible, not plausible, that the defendant infringed.")
        summary += " Default judgment denied without prejudice to renewal on additional allegations."
    elif outcome == Outcome.not_precluded:
        summary = (
            "The D. Conn.'s holding does not reach these facts: the complaint pleads facts beyond subscriber status "
            "that point toward the defendant or narrow who else could have used the account (" + "; ".join(POINTING[p] for p in pointing) + "). The court decided only "
            "that status alone is not enough; whether these facts make it plausible it did not say"
            + (" (the N.D. Ill. 2019 case it compared relied on two of them on top of other allegations)"
               if f.technical_background_alleged and f.lone_adult_resident else "")
            + f". {UNDECIDED}"
        )
    elif not f.subscriber_status:
        summary = ("The defendant is not pleaded to be the subscriber, though other facts are pleaded about him; the "
                   f"court considered only a claim against the named subscriber. {UNDECIDED}")
    else:
        summary = ("The complaint pleads a fact beyond subscriber status whose direction it leaves unstated (a contact "
                   f"with the defendant, but not what was learned). {UNDECIDED}")
    return Ruling(
        test_id=TEST_ID,
        question="Do the well-pleaded facts make it plausible that the named subscriber is the infringer?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
    )
