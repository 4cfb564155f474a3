"""Motion to quash an ISP subpoena (Fed. R. Civ. P. 45), as the N.D. Ill. decided it.

Malibu Media, LLC v. John Does 1-68 / 1-42, Nos. 12 cv 6675, 12 cv 6677 (N.D. Ill. Sept. 27,
2013) (Lee, J.), Discussion, Part II (seed 002).

The test in one sentence: a subpoena is quashed only on one of Rule 45's four grounds
(unreasonable time, travel over 100 miles, privileged matter, undue burden), and a Doe who
is not the subpoena's recipient may bring the motion only if it touches his legitimate
interests; subscriber information is not private, and a subpoena to the ISP does not
burden the subscriber.
"""
from __future__ import annotations

from pydantic import Field

from .registry import legal_test
from .ruling import Facts, Outcome, Reason, Ruling

COURT = "N.D. Ill. (Lee, J.)"
CITATION = "Malibu Media, LLC v. John Does 1-42, No. 12 cv 6677 (N.D. Ill. Sept. 27, 2013), Discussion, Part II"


class QuashFacts(Facts):
    """What a Doe's motion to quash an ISP subpoena puts before the court."""

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
    """John Doe 29's motion in No. 12 cv 6677: a subscriber, subpoena to his ISP, ISP silent."""
    return QuashFacts()


@legal_test(
    id="quash.ndill_2013",
    court=COURT,
    citation=CITATION,
    issue="quash",
    title="Motion to quash an ISP subpoena (Rule 45(c)(3)(A))",
    facts=QuashFacts,
    source_facts=source_facts,
)
def ndill_motion_to_quash(f: QuashFacts) -> Ruling:
    """Rule 45(c)(3)(A)'s four grounds as Judge Lee applied them to John Doe 29.

    Standing of a subscriber to attack a subpoena addressed to the ISP is assumed, not
    decided ("the Court need not reach the issue"), so the engine never rests a result on it.
    """
    reasons: list[Reason] = []
    reasons.append(
        Reason(
            element="Standing of a non-recipient",
            met=True if f.movant_is_subpoena_recipient else None,
            explanation=(
                "The movant received the subpoena, so standing is not in doubt."
                if f.movant_is_subpoena_recipient
                else "District courts split on whether a subscriber may challenge a subpoena to the ISP; "
                "the court assumed standing without deciding it. The sources do not decide this."
            ),
            facts=("movant_is_subpoena_recipient",),
            quote_ids=("ndill.quash.standing_assumed", "ndill.quash.legitimate_interests"),
        )
    )
    grounds = [
        ("(i) Reasonable time to comply", not f.reasonable_time_to_comply, "reasonable_time_to_comply",
         "The subpoena fails to allow a reasonable time to comply." if not f.reasonable_time_to_comply
         else "Nothing suggests the time allowed to comply is unreasonable."),
        ("(ii) Travel over 100 miles", f.nonparty_travel_over_100_miles, "nonparty_travel_over_100_miles",
         "The subpoena requires a non-party to travel more than 100 miles." if f.nonparty_travel_over_100_miles
         else "No one is required to travel more than 100 miles."),
    ]
    for element, ground_met, fact, text in grounds:
        reasons.append(Reason(element=element, met=ground_met, explanation=text, facts=(fact,),
                              quote_ids=("ndill.quash.four_grounds",)))

    privileged = f.other_privileged_matter
    reasons.append(
        Reason(
            element="(iii) Privileged matter",
            met=privileged,
            explanation=(
                "The subpoena reaches privileged matter beyond the subscriber's identity."
                if privileged
                else "Subscriber information was already shared with the ISP, so there is no protected "
                "privacy interest in it and it is not privileged."
            ),
            facts=("other_privileged_matter",),
            quote_ids=("ndill.quash.no_privacy", "ndill.quash.shared_with_isp"),
        )
    )
    burden = f.recipient_objects_to_burden
    reasons.append(
        Reason(
            element="(iv) Undue burden",
            met=burden if (burden or f.movant_is_subpoena_recipient) else False,
            explanation=(
                "The subpoena's recipient objects that compliance is unduly burdensome; the court would "
                "have to weigh that burden, which these sources do not do."
                if burden
                else "The subpoena binds only the ISP, which is not challenging it; it does not burden the subscriber."
            ),
            facts=("recipient_objects_to_burden", "movant_is_subpoena_recipient"),
            quote_ids=("ndill.quash.no_undue_burden", "ndill.quash.isp_not_challenging"),
        )
    )

    # Grounds that the sources actually decide.
    decided_grounds = [r for r in reasons[1:] if r.met]
    if burden:
        # The opinion decides only that an unchallenged subpoena is no burden on the subscriber;
        # it says nothing about how an ISP's own burden objection would come out.
        outcome = Outcome.undetermined
        summary = (
            "The ISP's own burden objection is not something the N.D. Ill. opinion weighs: "
            "the sources do not decide this."
        )
    elif decided_grounds:
        outcome = Outcome.quash_granted
        summary = "A Rule 45 ground is met (" + "; ".join(r.element for r in decided_grounds) + "): the subpoena would be quashed."
    else:
        outcome = Outcome.quash_denied
        summary = ("No Rule 45 ground is met: subscriber information is not private and the subpoena "
                   "does not bind the subscriber. Motion to quash denied.")
    reasons.append(
        Reason(element="Disposition", met=outcome == Outcome.quash_granted, explanation=summary,
               quote_ids=("ndill.quash.denied",) if outcome == Outcome.quash_denied else ())
    )
    return Ruling(
        test_id="quash.ndill_2013",
        court=COURT,
        citation=CITATION,
        question="Should the subpoena to the Doe's ISP be quashed?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )
