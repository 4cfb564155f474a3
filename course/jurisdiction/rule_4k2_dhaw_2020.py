"""D. Haw. 2020 (Kay, J.): no Rule 4(k)(2) jurisdiction on conclusory allegations of a U.S. audience.

Bodyguard Productions, Inc. v. Doe, Civ. No. 19-00139 ACK-KJM (D. Haw. Jan. 23, 2020), Discussion,
Part II.B (seed 004). Rule 4(k)(2) takes the whole United States as the forum: "The due process analysis
[under Rule 4(k)(2)] is identical to the one discussed above when the forum was California, except here the
relevant forum is the entire United States" (Pebble Beach, as quoted). The Rule also requires that "the
defendant is not subject to jurisdiction in any state's courts of general jurisdiction": not subject to the
personal jurisdiction, general or specific, of any state court of general jurisdiction. The court held
(quote ``dhaw.jurisdiction.k2_same_reason``) that the argument "fails for the same reason": the plaintiff
"has failed to show that the Doe Defendants expressly directed their activities at the United States in
particular"; its allegations were "vague and conclusory"; ads and a VPN offer were not shown to be directed
at the U.S.; and the Does' use of U.S. providers (ColoCrossing, Cloudflare, Google) is no meaningful contact.

What it did not do: find whether any state's courts could reach the Does (it warned that the plaintiff's
own theory "could suggest" they could); reach the rest of the due-process analysis; or hold that Goes's
facts would suffice. It compared Goes (roughly 50,000 U.S. downloads through the App Store, where N.D. Cal.
found Rule 4(k)(2) jurisdiction) and said the plaintiff's arguments "do appear likely to fare better" with
U.S. userbase facts. So facts like Goes's are at most Goes AS D. HAW. DESCRIBES IT, never D. Haw.'s holding,
and this test never gives ``jurisdiction_shown``.
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from ..fmt import num
from ..records import threshold
from ..registry import legal_test
from ..ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "jurisdiction.rule_4k2_dhaw_2020"

#: Goes's roughly 50,000 U.S. downloads, as D. Haw. quotes them (data/thresholds.yaml).
GOES_DOWNLOADS = int(threshold("dhaw.k2.goes_downloads"))


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
        0, ge=0, le=1_000_000_000,
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
        description="the plaintiff's reliance on the defendants' use of U.S.-based server, name-server and email providers",
    )
    subject_to_state_general_jurisdiction: bool | None = Field(
        None,
        description=(
            "the defendants are subject to personal jurisdiction (general or specific) in some state's courts of "
            "general jurisdiction (not found either way if empty)"
        ),
    )
    argument_first_raised_on_appeal: bool = Field(
        False, description="a Rule 4(k)(2) argument first made in the objection to the magistrate judge's order"
    )


def rule_4k2_source_facts() -> Rule4k2Facts:
    """Bodyguard: a conclusory allegation of a substantial U.S. userbase (FAC ¶ 6); ads and a VPN offer not
    shown to be directed at the U.S.; reliance on ColoCrossing, Cloudflare and Google; the argument made for
    the first time on objection to the magistrate judge's order. Whether any state's courts could reach the
    Does was never found, so that fact is left empty."""
    return Rule4k2Facts(
        us_audience_allegations=UsAudienceAllegations.conclusory,
        relies_on_us_service_providers=True,
        argument_first_raised_on_appeal=True,
    )


# --- one function per element -----------------------------------------------------------------

def framework(f: Rule4k2Facts) -> Reason:
    return Reason(
        id="dhaw.k2.framework",
        element="The test: the same due-process analysis, with the United States as the forum",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "Under Rule 4(k)(2) the due-process analysis is the one used for a state, with the whole United "
            "States as the forum; and the Rule is available only against a defendant no state's courts of "
            "general jurisdiction could reach."
        ),
        quote_ids=("dhaw.jurisdiction.k2_pebble_beach", "dhaw.jurisdiction.k2_no_state_jurisdiction"),
    )


def no_state_court(f: Rule4k2Facts) -> Reason:
    element = "Not subject to the personal jurisdiction of any state's courts of general jurisdiction"
    quotes = ("dhaw.jurisdiction.k2_rule_text", "dhaw.jurisdiction.k2_no_state_jurisdiction")
    facts = ("subject_to_state_general_jurisdiction",)
    if f.subject_to_state_general_jurisdiction is True:
        return Reason(
            id="dhaw.k2.no_state_court", element=element, met=False, facts=facts, quote_ids=quotes,
            explanation=(
                "Some state's courts could exercise personal jurisdiction (general or specific) over the "
                "defendants, so the federal long-arm rule is not available."
            ),
        )
    if f.subject_to_state_general_jurisdiction is False:
        return Reason(
            id="dhaw.k2.no_state_court", element=element, met=True, facts=facts, quote_ids=quotes,
            explanation=(
                "On these facts no state's courts of general jurisdiction could exercise personal jurisdiction, "
                "general or specific, over the defendants, as Rule 4(k)(2) requires."
            ),
        )
    return Reason(
        id="dhaw.k2.no_state_court", element=element, met=None, basis=Basis.not_reached, facts=facts,
        quote_ids=quotes + ("dhaw.jurisdiction.k2_undermines_rule",),
        explanation=(
            "Rule 4(k)(2) requires that the defendants not be subject to the personal jurisdiction, general or "
            "specific, of any state's courts of general jurisdiction. D. Haw. never found whether that was so; it warned that the plaintiff's own theory, if right, could suggest the "
            f"defendants were subject to the courts of the states where their U.S. providers are. {UNDECIDED}"
        ),
    )


def us_express_aiming(f: Rule4k2Facts) -> Reason:
    """The element the court decided. Goes's facts are Goes as D. Haw. describes it, never D. Haw.'s holding."""
    element = "Expressly aimed at the United States"
    rid = "dhaw.k2.us_express_aiming"
    facts = ("us_audience_allegations", "us_downloads_count", "us_commercial_platform", "us_directed_advertising")
    n = f.us_downloads_count
    specific = f.us_audience_allegations == UsAudienceAllegations.specific or n > 0
    if specific and n >= GOES_DOWNLOADS and f.us_commercial_platform:
        return Reason(
            id=rid, element=element, met=None, facts=facts,
            explanation=(
                f"{num(n)} U.S. downloads through a U.S. commercial platform: facts like those of Goes (roughly "
                "50,000 undisputed downloads through the Apple App Store), where N.D. Cal. found Rule 4(k)(2) "
                "jurisdiction, as D. Haw. describes it in a 'Compare' citation. D. Haw. said only that the "
                "plaintiff's arguments would likely fare better with such facts; it did not say they suffice, so "
                f"this element stays open. {UNDECIDED}"
            ),
            quote_ids=(
                "dhaw.jurisdiction.k2_goes_downloads",
                "dhaw.jurisdiction.k2_goes_platform",
                "dhaw.jurisdiction.k2_fare_better",
            ),
        )
    if specific or f.us_directed_advertising:
        shown = []
        if specific:
            shown.append("specific facts about the U.S. audience ("
                         + (f"{num(n)} U.S. downloads" if n else "no download count")
                         + (", through" if f.us_commercial_platform else ", not through")
                         + " a U.S. commercial platform)")
        if f.us_directed_advertising:
            shown.append("advertising or services specifically directed at a U.S. audience")
        return Reason(
            id=rid, element=element, met=None, facts=facts,
            explanation=(
                "The plaintiff offers " + " and ".join(shown) + ". D. Haw. expected factual allegations of a "
                "prevalent application to fare better, compared Goes (roughly 50,000 downloads through a U.S. "
                "platform) with DFSB (no targeting, no known user base exploited), and found ads not shown to be "
                f"aimed at the U.S. insufficient; it did not say what would be enough. {UNDECIDED}"
            ),
            quote_ids=(
                "dhaw.jurisdiction.k2_fare_better",
                "dhaw.jurisdiction.k2_could_provide",
                "dhaw.jurisdiction.k2_goes_downloads",
                "dhaw.jurisdiction.k2_dfsb_no_targeting",
            ),
        )
    if f.us_audience_allegations == UsAudienceAllegations.conclusory:
        return Reason(
            id=rid, element=element, met=False, facts=facts,
            explanation=(
                "Apart from the single forum user already found insufficient, the only allegation about a U.S. "
                "audience is conclusory (the defendants target and attract a substantial number of U.S. users). "
                "Vague and conclusory allegations do not show that the defendants target a U.S. audience."
            ),
            quote_ids=(
                "dhaw.jurisdiction.k2_same_reason",
                "dhaw.jurisdiction.k2_no_factual_allegations",
                "dhaw.jurisdiction.k2_fac_allegation",
                "dhaw.jurisdiction.k2_conclusory",
            ),
        )
    return Reason(
        id=rid, element=element, met=False, facts=facts,
        explanation="Nothing is alleged about a U.S. audience, so nothing shows the defendants aimed at the United States.",
        quote_ids=("dhaw.jurisdiction.k2_same_reason", "dhaw.jurisdiction.k2_conclusory"),
    )


def us_advertising(f: Rule4k2Facts) -> Reason:
    """Supporting: ads and a VPN offer not shown to be aimed at the U.S. count for nothing."""
    return Reason(
        id="dhaw.k2.us_advertising",
        element="Advertising or services specifically directed at a U.S. audience",
        met=False,
        decisive=False,
        explanation=(
            "Advertising or services (such as a VPN offer) that are not shown to be specifically directed at a "
            "U.S. audience do not show targeting of the United States."
        ),
        facts=("us_directed_advertising",),
        quote_ids=("dhaw.jurisdiction.k2_ads_not_directed", "dhaw.jurisdiction.k2_dfsb_no_targeting"),
    )


def us_service_providers(f: Rule4k2Facts) -> Reason:
    """Supporting: U.S.-based providers are no meaningful contact (they neither fail nor help the test)."""
    return Reason(
        id="dhaw.k2.us_service_providers",
        element="Use of U.S.-based service providers as contacts",
        met=False,
        decisive=False,
        explanation=(
            "The defendants' use of U.S.-based companies as server host, name server and email provider "
            "(ColoCrossing, Cloudflare, Google) is no meaningful contact. The plaintiff did not explain its "
            "significance, and the defendants also use foreign providers. D. Haw. said the argument could "
            "suggest that everyone with a Google email address had submitted to U.S. jurisdiction, and quoted "
            "AMA Multimedia: because so many prominent Internet companies are American, their location is no "
            "meaningful contact in disputes involving third parties. And if those providers did create "
            "jurisdiction, they might subject the defendants to the courts of the states where they are, which "
            "would defeat Rule 4(k)(2) itself."
        ),
        facts=("relies_on_us_service_providers",),
        quote_ids=(
            "dhaw.jurisdiction.k2_us_resources_named",
            "dhaw.jurisdiction.k2_us_resources",
            "dhaw.jurisdiction.k2_international_resources",
            "dhaw.jurisdiction.k2_google_email",
            "dhaw.jurisdiction.k2_ama_not_meaningful",
            "dhaw.jurisdiction.k2_undermines_rule",
        ),
    )


def first_raised_on_objection(f: Rule4k2Facts) -> Reason:
    return Reason(
        id="dhaw.k2.first_raised_on_objection",
        element="Argument first made on objection to the magistrate judge's order",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "The argument was made for the first time in the objection. A district court may, but need not, "
            "consider it; D. Haw. was disinclined to, and rejected it on the merits regardless."
        ),
        facts=("argument_first_raised_on_appeal",),
        quote_ids=("dhaw.jurisdiction.k2_first_time_on_appeal", "dhaw.jurisdiction.howell_may_consider"),
    )


def rest_of_due_process(f: Rule4k2Facts) -> Reason:
    return Reason(
        id="dhaw.k2.rest_of_due_process",
        element="The rest of the due-process analysis with the United States as the forum",
        met=None,
        basis=Basis.not_reached,
        explanation=(
            "The intentional act, harm the defendants know is likely to be suffered in the forum, relatedness and "
            "reasonableness, with the United States as the forum: D. Haw. decided the argument on express aiming "
            f"and never reached these. {UNDECIDED}"
        ),
        quote_ids=("dhaw.jurisdiction.k2_pebble_beach", "dhaw.jurisdiction.effects_test"),
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="bodyguard_dhaw_2020",
    pinpoint="Discussion, Part II.B",
    issue="jurisdiction",
    title="Rule 4(k)(2): the United States as the forum (express aiming decided; the rest never reached)",
    facts=Rule4k2Facts,
    source_facts=rule_4k2_source_facts,
    never=(Outcome.jurisdiction_shown, Outcome.not_precluded),
)
def rule_4k2_dhaw_2020(f: Rule4k2Facts) -> Ruling:
    """Vague and conclusory allegations of a U.S. audience, and the use of U.S.-based service providers, do
    not show that foreign defendants aimed at the United States (Bodyguard, D. Haw. 2020, Discussion,
    Part II.B). The court never found whether any state's courts could reach the defendants, nor reached the
    rest of the due-process analysis, so this test can deny Rule 4(k)(2) jurisdiction but never find it."""
    aiming = us_express_aiming(f)
    elements = [framework(f), no_state_court(f), aiming]
    if not f.us_directed_advertising:
        elements.append(us_advertising(f))
    if f.relies_on_us_service_providers:
        elements.append(us_service_providers(f))
    if f.argument_first_raised_on_appeal:
        elements.append(first_raised_on_objection(f))
    elements.append(rest_of_due_process(f))
    # The rest of the due-process analysis is never reached, so the test cannot pass; passes=None keeps
    # that explicit.
    outcome = combine(elements, fails=Outcome.jurisdiction_not_shown, passes=None)
    if outcome == Outcome.jurisdiction_not_shown:
        failed = "; ".join(r.element.lower() for r in elements if r.decisive and r.met is False)
        summary = (
            f"No Rule 4(k)(2) jurisdiction: not shown: {failed}."
            + (" The defendants' use of U.S. service providers does not count." if f.relies_on_us_service_providers
               else "")
        )
    elif aiming.met is None and f.us_downloads_count >= GOES_DOWNLOADS and f.us_commercial_platform:
        summary = (
            "Facts like Goes's, where N.D. Cal. found Rule 4(k)(2) jurisdiction, as D. Haw. describes it. D. Haw. "
            "said only that such arguments would likely fare better; it never found whether any state's courts "
            f"could reach the defendants, nor reached the rest of the due-process analysis. {UNDECIDED}"
        )
    else:
        summary = (
            "Nothing fails, but express aiming at the United States is open on these facts, and D. Haw. never "
            f"reached the rest of the analysis. {UNDECIDED}"
        )
    return Ruling(
        test_id=TEST_ID,
        question="Is there personal jurisdiction under Rule 4(k)(2), with the whole United States as the forum?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
    )
