"""D. Haw. 2020 (Kay, J.): no express aiming at Hawaii from one Hawaii user (Calder effects test).

Bodyguard Productions, Inc. v. Doe, Civ. No. 19-00139 ACK-KJM (D. Haw. Jan. 23, 2020), Discussion,
Part II.A (seed 004). The court stated the three-prong specific-jurisdiction test, purposeful direction as
the framework for copyright, and the Calder effects test (an intentional act, expressly aimed at the forum
state, causing harm the defendant knows is likely to be suffered there). It analysed ONLY express aiming,
and agreed with the magistrate judge that the contact with one Hawaii resident "is not sufficient to show
that the Doe Defendants are targeting Hawaii users in particular." Its statement of the line (quotes
``dhaw.jurisdiction.substantial_audience``, ``dhaw.jurisdiction.audience_of_one``):

    "continuous and deliberate exploitation of a substantial Hawaii audience would satisfy the express
    aiming prong. An audience of one, however, is insufficient."

So:
- express aiming FAILS on one user (or none) with nothing else aimed at the forum (held on the court's
  facts); it is MET where a forum audience is deliberately exploited and is substantial, a statement of what
  suffices for that prong only, and "substantial" has no number in the source: the course ASSUMES one
  (``substantial_audience_users``, data/thresholds.yaml) and says so; anything between is left open;
- the intentional act, the knowledge of harm in the forum, relatedness and reasonableness were NEVER
  REACHED: they are never met here (a fact showing one absent fails it, as the stated test requires it), so
  this test can never give ``jurisdiction_shown``;
- the plaintiff's geolocation theory (the application knew where its user was) got no finding on
  knowledge: the court held one user's contact is not targeting.
"""
from __future__ import annotations

from enum import Enum

from pydantic import Field

from ..fmt import num
from ..records import threshold
from ..registry import legal_test
from ..ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "jurisdiction.calder_express_aiming_dhaw_2020"

#: The course's ASSUMED size of a "substantial" forum audience (no source gives one).
DEFAULT_SUBSTANTIAL_AUDIENCE_USERS = int(threshold("dhaw.calder.substantial_audience_users"))


class SiteInteractivity(str, Enum):
    """Cybersell's distinction: a passive page that just posts information, or an interactive site."""

    passive = "passive"
    interactive = "interactive"


class CalderFacts(Facts):
    """What the plaintiff alleges to show that the operators of a website and application purposefully
    directed their activities at the forum state."""

    intentional_act: bool | None = Field(
        None,
        description=(
            "an intentional act by the defendants, such as operating the website and distributing the application "
            "(not alleged either way if empty)"
        ),
    )
    forum_audience_users: int = Field(
        ge=0, le=100_000_000,
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
        False, description="the plaintiff's theory that the application's geolocation told the defendants a user was in the forum"
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
    substantial_audience_users: int = Field(
        DEFAULT_SUBSTANTIAL_AUDIENCE_USERS,
        ge=2, le=100_000_000,
        description="forum users taken to make a substantial audience (an assumption, not a finding)",
        json_schema_extra={"search": [2, 100_000], "step": 1, "counterfactual": False, "assumption": True},
    )


def calder_source_facts() -> CalderFacts:
    """Bodyguard: the Does run popcorn-time.ch and the Popcorn Time application, which geolocates its users
    (interactive); one Hawaii user, Alex Musante; no advertising, business model or targeting aimed at Hawaii
    alleged. The court made no finding on the intentional act, knowledge of harm, relatedness or
    reasonableness, so those facts are left empty."""
    return CalderFacts(
        forum_audience_users=1,
        site_interactivity=SiteInteractivity.interactive,
        knew_forum_user_by_geolocation=True,
    )


# --- one function per element -----------------------------------------------------------------

def framework(f: CalderFacts) -> Reason:
    return Reason(
        id="dhaw.calder.framework",
        element="The test: three prongs; purposeful direction by the Calder effects test",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "Specific jurisdiction needs (1) purposeful direction at the forum, (2) a claim arising from the "
            "defendant's forum-related activities and (3) a reasonable exercise of jurisdiction. For copyright, "
            "purposeful direction is judged by the effects test: an intentional act, expressly aimed at the forum "
            "state, causing harm the defendant knows is likely to be suffered there. The court agreed that "
            "purposeful direction failed and went no further."
        ),
        quote_ids=(
            "dhaw.jurisdiction.three_prong_asserted",
            "dhaw.jurisdiction.prong_one",
            "dhaw.jurisdiction.purposeful_direction_framework",
            "dhaw.jurisdiction.effects_test",
            "dhaw.jurisdiction.magistrate_purposeful_direction",
        ),
    )


def _unreached(value: bool | None, *, id: str, element: str, field: str, absent: str, quote_id: str) -> Reason:
    """An element D. Haw. stated but never reached: a fact showing it absent fails it (the stated test
    requires it); otherwise it stays open whatever the facts say, since the court never applied it."""
    if value is False:
        return Reason(id=id, element=element, met=False, explanation=absent, facts=(field,), quote_ids=(quote_id,))
    present = (" The facts say it is present, but the course does not count an element the court never applied "
               "as met.") if value else ""
    return Reason(
        id=id, element=element, met=None, basis=Basis.not_reached, facts=(field,), quote_ids=(quote_id,),
        explanation=(
            "D. Haw. stated this requirement but never reached it: it decided the case on express aiming."
            f"{present} {UNDECIDED}"
        ),
    )


def intentional_act(f: CalderFacts) -> Reason:
    return _unreached(
        f.intentional_act, id="dhaw.calder.intentional_act", element="Effects test (1): an intentional act",
        field="intentional_act",
        absent="No intentional act by the defendants is alleged, and the effects test the court stated requires one.",
        quote_id="dhaw.jurisdiction.effects_test",
    )


def express_aiming(f: CalderFacts) -> Reason:
    """The element the court decided, on its statement of what fails (one user) and what suffices
    (deliberate exploitation of a substantial audience)."""
    users = f.forum_audience_users
    exploited = f.forum_targeted_advertising or f.forum_audience_integral_to_business
    facts = (
        "forum_audience_users", "forum_targeted_advertising", "forum_audience_integral_to_business",
        "individually_targeted_forum_plaintiff", "site_interactivity", "substantial_audience_users",
    )
    element = "Effects test (2): expressly aimed at the forum state"
    rid = "dhaw.calder.express_aiming"
    who = "No forum user" if users == 0 else ("One forum user" if users == 1 else f"{num(users)} forum users")
    assumed = {"substantial_audience_users": f.substantial_audience_users}

    if users >= 2 and exploited and users >= f.substantial_audience_users and f.site_interactivity == SiteInteractivity.passive:
        return Reason(
            id=rid, element=element, met=None, basis=Basis.assumed, assumptions=assumed, facts=facts,
            explanation=(
                f"{who}, deliberately exploited, but through a passive site that only posts information. D. Haw. "
                "quoted Cybersell that a passive page would not satisfy this prong, and said continuous and "
                "deliberate exploitation of a substantial audience would; it did not say which controls when both "
                f"are present. {UNDECIDED}"
            ),
            quote_ids=("dhaw.jurisdiction.passive_web_page", "dhaw.jurisdiction.substantial_audience"),
        )
    if users >= 2 and exploited and users >= f.substantial_audience_users:
        return Reason(
            id=rid, element=element, met=True, basis=Basis.assumed, assumptions=assumed, facts=facts,
            explanation=(
                f"{who}, deliberately exploited ("
                + ("advertising aimed at the forum" if f.forum_targeted_advertising else "")
                + (" and " if f.forum_targeted_advertising and f.forum_audience_integral_to_business else "")
                + ("an audience integral to the business" if f.forum_audience_integral_to_business else "")
                + "). D. Haw. said continuous and deliberate exploitation of a substantial forum audience would "
                "satisfy this prong, even as a small share of a global audience. It gave no number for "
                f"substantial; on the course's assumption ({num(f.substantial_audience_users)} users) this "
                "audience is one."
            ),
            quote_ids=(
                "dhaw.jurisdiction.substantial_audience",
                "dhaw.jurisdiction.mavrix_exploited_base",
                "dhaw.jurisdiction.mavrix_integral",
            ),
        )
    if f.individually_targeted_forum_plaintiff:
        return Reason(
            id=rid, element=element, met=None, facts=facts,
            explanation=(
                f"{who}, and the defendants individually targeted a plaintiff they knew to be a forum resident. "
                "D. Haw. lists this, after Mavrix, among the things courts consider; what weight it carries, the "
                f"court did not say. {UNDECIDED}"
            ),
            quote_ids=("dhaw.jurisdiction.individually_targeted", "dhaw.jurisdiction.something_more"),
        )
    if users <= 1 and not f.forum_targeted_advertising:
        return Reason(
            id=rid, element=element, met=False, facts=facts,
            explanation=(
                f"{who}"
                + (", said to be integral to the business" if f.forum_audience_integral_to_business else "")
                + ", and nothing else aimed at the forum. The plaintiff must allege more than a single "
                "individual's use, and an audience of one is insufficient: contact with one forum resident does "
                "not show that the defendants target forum users in particular."
            ),
            quote_ids=(
                "dhaw.jurisdiction.something_more",
                "dhaw.jurisdiction.audience_of_one",
                "dhaw.jurisdiction.one_hawaii_resident",
            ),
        )
    if users <= 1:
        return Reason(
            id=rid, element=element, met=None, facts=facts,
            explanation=(
                f"{who}, but advertising aimed at forum consumers: something beyond a single user's use. D. Haw. "
                "describes Mavrix and Rio Properties finding targeting in forum-directed advertising, but it did "
                f"not decide what such advertising shows with an audience this small. {UNDECIDED}"
            ),
            quote_ids=(
                "dhaw.jurisdiction.something_more",
                "dhaw.jurisdiction.mavrix_advertisements",
                "dhaw.jurisdiction.rio_advertisements",
            ),
        )
    if exploited:
        return Reason(
            id=rid, element=element, met=None, basis=Basis.assumed, assumptions=assumed, facts=facts,
            explanation=(
                f"{who}, deliberately exploited, but fewer than the course's assumed {num(f.substantial_audience_users)} "
                "for a substantial audience. D. Haw. said what suffices (deliberate exploitation of a substantial "
                "audience) and what fails (an audience of one); an audience between the two it did not decide. "
                f"{UNDECIDED}"
            ),
            quote_ids=("dhaw.jurisdiction.substantial_audience", "dhaw.jurisdiction.audience_of_one"),
        )
    passive = f.site_interactivity == SiteInteractivity.passive
    return Reason(
        id=rid, element=element, met=None, facts=facts,
        explanation=(
            f"{who}, with nothing shown of how they are deliberately targeted"
            + (" (the site only posts information)" if passive else "")
            + ". D. Haw. asked the plaintiff to explain both the extent of the forum userbase and how forum users "
            "are deliberately targeted. It cited DFSB (quoting be2) that a site merely accessible from the forum "
            "does not target it"
            + (", and Cybersell that a passive page would not satisfy express aiming" if passive else "")
            + "; it also said deliberate exploitation of a substantial audience would. Which side these facts "
            f"fall on, the court did not say. {UNDECIDED}"
        ),
        quote_ids=(
            "dhaw.jurisdiction.explain_userbase",
            "dhaw.jurisdiction.dfsb_accessible_not_targeted",
            "dhaw.jurisdiction.substantial_audience",
        ) + (("dhaw.jurisdiction.passive_web_page",) if passive else ()),
    )


def what_suffices(f: CalderFacts) -> Reason:
    return Reason(
        id="dhaw.calder.what_suffices",
        element="What D. Haw. said suffices for express aiming (that prong only)",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "Continuous and deliberate exploitation of a substantial forum audience would satisfy the express "
            "aiming prong, even if that audience is a small share of a global one; an audience of one is "
            "insufficient. That is a statement about one prong; it says nothing of the rest of the test."
        ),
        quote_ids=("dhaw.jurisdiction.substantial_audience", "dhaw.jurisdiction.audience_of_one"),
    )


def geolocation_knowledge(f: CalderFacts) -> Reason:
    return Reason(
        id="dhaw.calder.geolocation_knowledge",
        element="The plaintiff's theory: geolocation told the defendants where the user was",
        met=None,
        basis=Basis.not_reached,
        decisive=False,
        explanation=(
            "The plaintiff argued that the application geolocates its users, so the defendants knew they were "
            "sending the work to a user in the forum. The court made no finding on that knowledge; it held that "
            "contact with one forum resident does not show targeting of forum users in particular. "
            f"{UNDECIDED}"
        ),
        facts=("knew_forum_user_by_geolocation",),
        quote_ids=(
            "dhaw.jurisdiction.plaintiff_geolocation_theory",
            "dhaw.jurisdiction.plaintiff_knew_musante",
            "dhaw.jurisdiction.one_hawaii_resident",
        ),
    )


def harm_known(f: CalderFacts) -> Reason:
    return _unreached(
        f.harm_known_likely_in_forum, id="dhaw.calder.harm_known",
        element="Effects test (3): harm the defendants know is likely to be suffered in the forum",
        field="harm_known_likely_in_forum",
        absent="The defendants did not know the harm was likely to be suffered in the forum, which the effects "
               "test the court stated requires.",
        quote_id="dhaw.jurisdiction.effects_test",
    )


def arises_from(f: CalderFacts) -> Reason:
    return _unreached(
        f.claim_arises_from_forum_activities, id="dhaw.calder.arises_from",
        element="Prong 2: the claim arises out of forum-related activities",
        field="claim_arises_from_forum_activities",
        absent="The claim does not arise out of or relate to the defendants' forum-related activities, which the "
               "stated test requires.",
        quote_id="dhaw.jurisdiction.prong_two",
    )


def reasonable(f: CalderFacts) -> Reason:
    return _unreached(
        f.exercise_reasonable, id="dhaw.calder.reasonable",
        element="Prong 3: jurisdiction would be reasonable",
        field="exercise_reasonable",
        absent="Exercising jurisdiction would not comport with fair play and substantial justice, which the stated "
               "test requires.",
        quote_id="dhaw.jurisdiction.prong_three",
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="bodyguard_dhaw_2020",
    pinpoint="Discussion, Part II.A",
    issue="jurisdiction",
    title="Specific jurisdiction: express aiming under the Calder effects test (the only element decided)",
    facts=CalderFacts,
    source_facts=calder_source_facts,
    never=(Outcome.jurisdiction_shown, Outcome.not_precluded),
)
def calder_express_aiming_dhaw_2020(f: CalderFacts) -> Ruling:
    """Operators of a website and application do not expressly aim at a forum through one forum user; the
    court stated that deliberate exploitation of a substantial forum audience would satisfy that prong
    (Bodyguard, D. Haw. 2020, Discussion, Part II.A). It never reached the other elements, so this test can
    deny jurisdiction but never find it."""
    aiming = express_aiming(f)
    elements = [framework(f), intentional_act(f), aiming, what_suffices(f)]
    if f.knew_forum_user_by_geolocation:
        elements.append(geolocation_knowledge(f))
    elements += [harm_known(f), arises_from(f), reasonable(f)]
    # The elements never reached are never met, so the test cannot pass; passes=None keeps that explicit.
    outcome = combine(elements, fails=Outcome.jurisdiction_not_shown, passes=None)
    if outcome == Outcome.jurisdiction_not_shown:
        failed = "; ".join(r.element.lower() for r in elements if r.decisive and r.met is False)
        summary = f"No specific jurisdiction: not shown: {failed}. Without purposeful direction there is none."
    elif aiming.met is True:
        summary = (
            "Express aiming is met on the course's assumption of a substantial audience, but D. Haw. never reached "
            "the rest of the test (intentional act, harm known to be suffered in the forum, relatedness, "
            f"reasonableness), so it cannot say jurisdiction is shown. {UNDECIDED}"
        )
    else:
        summary = (
            "Nothing fails, but express aiming is open on these facts, and D. Haw. never reached the rest of the "
            f"test. {UNDECIDED}"
        )
    return Ruling(
        test_id=TEST_ID,
        question="Did the Does expressly aim their website and application at the forum state (specific jurisdiction)?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
    )
