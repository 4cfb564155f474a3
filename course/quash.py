"""N.D. Ill. 2013 (Lee, J.): John Doe 29's motion to quash the subpoena to his ISP, denied.

Malibu Media, LLC v. John Does 1-42, No. 12 cv 6677 (N.D. Ill. Sept. 27, 2013), Discussion, Part II
(seed 002). The court set out Rule 45(c)(3)(A)'s four grounds (quote ``ndill.quash.four_grounds``)
and then did not reach standing:

    "the Court need not reach the issue because, even assuming that John Doe 29 had standing to
    challenge the subpoena to the ISP, John Doe 29 has failed to present any persuasive basis for
    quashing it." (quote ``ndill.quash.standing_assumed``)

It rejected the two grounds Doe 29 pressed: privacy (subscribers "do not have a protected right to
privacy with respect to subscriber information", so it is not privileged) and undue burden (the
subpoena "does not bind him in any way"; the ISP is not challenging it). Grounds (i) and (ii),
reasonable time and travel, protect the subpoena's recipient; Doe 29 did not argue them and the
court did not address them.

So the court could only DENY: with standing assumed for argument's sake, no facts let this test
quash the subpoena (``never=(Outcome.quash_granted,)``). Where a ground the court did not decide
is raised (an unreasonable time, travel, privileged matter beyond subscriber information, the ISP's
own burden objection, or a motion by the ISP itself), the result is left open.

Elements: the four grounds (stated), standing (not reached), then one element per ground, each
asking whether the court's reasons leave no basis for quashing on that ground.
"""
from __future__ import annotations

from pydantic import Field

from .registry import legal_test
from .ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "quash.ndill_2013"


class QuashFacts(Facts):
    """What a motion to quash an ISP subpoena puts before the court (N.D. Ill.)."""

    movant_is_subpoena_recipient: bool = Field(
        False, description="the movant is the one the subpoena is addressed to (the ISP), not the subscriber"
    )
    reasonable_time_to_comply: bool = Field(True, description="the subpoena allows a reasonable time to comply")
    nonparty_travel_over_100_miles: bool = Field(
        False, description="the subpoena requires a non-party to travel more than 100 miles"
    )
    other_privileged_matter: bool = Field(
        False, description="the subpoena seeks privileged matter beyond subscriber information"
    )
    recipient_objects_to_burden: bool = Field(
        False, description="the subpoena's recipient (the ISP) objects that complying is an undue burden"
    )


def source_facts() -> QuashFacts:
    """John Doe 29's motion in No. 12 cv 6677: a subscriber, not the subpoena's recipient; he argues
    privacy and undue burden; the subpoena seeks only subscriber information; the ISP does not
    challenge it; nothing is said about the time to comply or travel."""
    return QuashFacts()


# --- one function per element -----------------------------------------------------------------

def grounds(f: QuashFacts) -> Reason:
    return Reason(
        id="ndill.quash.grounds",
        element="The four grounds for quashing (Rule 45(c)(3)(A))",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation=(
            "A subpoena is quashed if it fails to allow a reasonable time to comply, requires a non-party to "
            "travel more than 100 miles, compels disclosure of privileged matter, or subjects the respondent to "
            "an undue burden. The court asked these four questions."
        ),
        quote_ids=("ndill.quash.four_grounds",),
    )


def standing(f: QuashFacts) -> Reason:
    if f.movant_is_subpoena_recipient:
        return Reason(
            id="ndill.quash.standing",
            element="Standing to move to quash",
            met=None,
            basis=Basis.stated,
            decisive=False,
            explanation=(
                "The movant is the subpoena's recipient; the court noted that motions to quash are usually "
                "brought by the recipient. Its own case was a subscriber's motion."
            ),
            facts=("movant_is_subpoena_recipient",),
            quote_ids=("ndill.quash.usually_recipient",),
        )
    return Reason(
        id="ndill.quash.standing",
        element="Standing to move to quash",
        met=None,
        basis=Basis.not_reached,
        decisive=False,
        explanation=(
            "Whether a subscriber may challenge a subpoena addressed to the ISP, district courts disagree. The "
            "court did not reach the question: it assumed standing for argument's sake and denied the motion on "
            "the merits. Because standing was only assumed, nothing here can quash the subpoena."
        ),
        facts=("movant_is_subpoena_recipient",),
        quote_ids=("ndill.quash.standing_assumed", "ndill.quash.legitimate_interests"),
    )


def reasonable_time(f: QuashFacts) -> Reason:
    """Ground (i): not argued by Doe 29 and not addressed by the court."""
    if f.reasonable_time_to_comply:
        return Reason(
            id="ndill.quash.reasonable_time",
            element="(i) Reasonable time to comply: no basis to quash",
            met=None,
            basis=Basis.not_reached,
            decisive=False,
            explanation="Not argued and not addressed: nothing suggests the time to comply is unreasonable, and "
                        "the court did not discuss this ground.",
            facts=("reasonable_time_to_comply",),
            quote_ids=("ndill.quash.four_grounds",),
        )
    return Reason(
        id="ndill.quash.reasonable_time",
        element="(i) Reasonable time to comply: no basis to quash",
        met=None,
        explanation=(
            "The subpoena is said to allow too little time to comply. This ground protects the recipient; the "
            "court never addressed it, nor whether a subscriber could invoke it. " + UNDECIDED
        ),
        facts=("reasonable_time_to_comply", "movant_is_subpoena_recipient"),
        quote_ids=("ndill.quash.four_grounds",),
    )


def travel(f: QuashFacts) -> Reason:
    """Ground (ii): not argued by Doe 29 and not addressed by the court."""
    if not f.nonparty_travel_over_100_miles:
        return Reason(
            id="ndill.quash.travel",
            element="(ii) Travel over 100 miles: no basis to quash",
            met=None,
            basis=Basis.not_reached,
            decisive=False,
            explanation="Not argued and not addressed: no one is required to travel, and the court did not "
                        "discuss this ground.",
            facts=("nonparty_travel_over_100_miles",),
            quote_ids=("ndill.quash.four_grounds",),
        )
    return Reason(
        id="ndill.quash.travel",
        element="(ii) Travel over 100 miles: no basis to quash",
        met=None,
        explanation=(
            "The subpoena is said to require a non-party to travel more than 100 miles. The court never addressed "
            "this ground, nor whether a subscriber could invoke it. " + UNDECIDED
        ),
        facts=("nonparty_travel_over_100_miles", "movant_is_subpoena_recipient"),
        quote_ids=("ndill.quash.four_grounds",),
    )


def privilege(f: QuashFacts) -> Reason:
    """Ground (iii): decided against Doe 29 for subscriber information."""
    if f.other_privileged_matter:
        return Reason(
            id="ndill.quash.privilege",
            element="(iii) Privileged matter: no basis to quash",
            met=None,
            explanation=(
                "The subpoena is said to reach privileged matter beyond subscriber information. The court decided "
                "only that subscriber information is not private or privileged; anything more it did not "
                "consider. " + UNDECIDED
            ),
            facts=("other_privileged_matter",),
            quote_ids=("ndill.quash.no_privacy",),
        )
    return Reason(
        id="ndill.quash.privilege",
        element="(iii) Privileged matter: no basis to quash",
        met=True,
        explanation=(
            "The subpoena seeks only subscriber information. Subscribers have no protected privacy right in it: "
            "they already shared it with the ISP to open their accounts, so it is not privileged."
        ),
        facts=("other_privileged_matter",),
        quote_ids=("ndill.quash.no_privacy", "ndill.quash.shared_with_isp"),
    )


def undue_burden(f: QuashFacts) -> Reason:
    """Ground (iv): decided against a subscriber who is not bound by the subpoena."""
    if f.movant_is_subpoena_recipient or f.recipient_objects_to_burden:
        who = ("The movant is the subpoena's recipient and its own burden is in issue"
               if f.movant_is_subpoena_recipient else "The ISP, the subpoena's recipient, objects to the burden")
        return Reason(
            id="ndill.quash.undue_burden",
            element="(iv) Undue burden: no basis to quash",
            met=None,
            explanation=(
                f"{who}. The court decided only that a subpoena to an ISP that is not challenging it puts no "
                "burden on the subscriber, whom it does not bind; it did not weigh a recipient's own burden. "
                + UNDECIDED
            ),
            facts=("movant_is_subpoena_recipient", "recipient_objects_to_burden"),
            quote_ids=("ndill.quash.no_undue_burden", "ndill.quash.isp_not_challenging"),
        )
    return Reason(
        id="ndill.quash.undue_burden",
        element="(iv) Undue burden: no basis to quash",
        met=True,
        explanation=(
            "The subpoena does not bind the subscriber in any way: only the ISP is subject to it, and the ISP is "
            "not challenging it. So it puts no undue burden on the subscriber."
        ),
        facts=("movant_is_subpoena_recipient", "recipient_objects_to_burden"),
        quote_ids=("ndill.quash.no_undue_burden", "ndill.quash.isp_not_challenging"),
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="malibu_media_ndill_2013",
    pinpoint="Discussion, Part II",
    issue="quash",
    title="Motion to quash an ISP subpoena (Rule 45(c)(3)(A)); standing assumed, not decided",
    facts=QuashFacts,
    source_facts=source_facts,
    never=(Outcome.quash_granted,),
)
def ndill_motion_to_quash(f: QuashFacts) -> Ruling:
    """Doe 29's motion to quash is denied: even assuming standing, privacy and undue burden give no
    basis to quash (Malibu Media, N.D. Ill. 2013, Discussion, Part II). The court could only deny,
    so the test never quashes; a ground the court did not decide leaves the result open."""
    elements = [grounds(f), standing(f), reasonable_time(f), travel(f), privilege(f), undue_burden(f)]
    # Each decisive element asks "does the court's reasoning leave no basis to quash on this
    # ground?": met when it does (the court's denial), open when a ground it never decided is raised.
    # No element can fail in the movant's favour, because with standing only assumed the court could
    # not have quashed: so `fails` is never reached and undetermined stands in for it.
    outcome = combine(elements, fails=Outcome.undetermined, passes=Outcome.quash_denied)
    if outcome == Outcome.quash_denied:
        summary = (
            "Motion to quash denied. Even assuming the subscriber has standing (which the court did not decide), "
            "there is no persuasive basis to quash: subscriber information is not private or privileged, and a "
            "subpoena to an ISP that is not challenging it puts no burden on the subscriber. Grounds (i) and (ii) "
            "were not argued or addressed."
        )
    else:
        open_ = "; ".join(r.element.removesuffix(": no basis to quash").lower()
                          for r in elements if r.decisive and r.met is None)
        summary = (
            f"The court's reasons do not reach this motion (open: {open_}). It decided only a subscriber's "
            "privacy and undue-burden objections to a subpoena the ISP did not challenge, and assumed standing "
            f"without deciding it, so it never said when a subpoena would be quashed. {UNDECIDED}"
        )
    return Ruling(
        test_id=TEST_ID,
        question="Should the subpoena to the Doe's ISP be quashed?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
    )
