"""N.D. Ill. 2013 (Lee, J.): John Doe 29 may proceed by pseudonym, in public filings, for a time.

Malibu Media, LLC v. John Does 1-42, No. 12 cv 6677 (N.D. Ill. Sept. 27, 2013), Discussion, Part III,
n.6 and Conclusion (seed 002).

What the court stated: it has an independent duty to decide, whatever the plaintiff's position;
motions to proceed anonymously are disfavored; an accusation of downloading pornography, though
"may be embarrassing in polite society", is not a "matter[] of a sensitive and highly personal nature" of the Southern
Methodist kind; categorically allowing anonymity would favor accused infringers over copyright
owners. What it weighed in Doe 29's favour: the growing concern that the IP address may not belong
to the downloader; that Doe 29 was forced before the court; that the plaintiff did not object.
"Taking all of these factors into account" it granted a pseudonym through the close of fact
discovery or further order. Footnote 6 and the Conclusion fix the scope: public filings only; the
court did not read the motion as seeking to hide Doe 29's identity from the plaintiff and would not
order such a blanket protective order.

The court weighed its considerations together and gave no formula. So this test grants a pseudonym
only where every consideration the court relied on is present (on the court's own facts, its
holding; on others, the course applying it); where none is, it applies the court's stated disfavor
and denies; any other mix the sources leave open.
"""
from __future__ import annotations

from pydantic import Field

from .registry import legal_test
from .ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "anonymity.ndill_2013"


class AnonymityFacts(Facts):
    """What a Doe defendant's motion to proceed by pseudonym puts before the court."""

    matter_highly_sensitive: bool = Field(
        False,
        description=(
            "the case involves a matter of a sensitive and highly personal nature like those in "
            "Southern Methodist (birth control, abortion, homosexuality, welfare rights of "
            "illegitimate children or abandoned families)"
        ),
    )
    accusation_embarrassing: bool = Field(
        True, description="the accusation (downloading pornography) may be embarrassing for the movant, as the "
                          "court said such allegations may be in polite society"
    )
    ip_may_not_identify_infringer: bool = Field(
        True, description="the concern that the IP address may not belong to the person who did the downloading"
    )
    movant_is_defendant_haled_in: bool = Field(
        True,
        description="the movant is a defendant forced before the court, not a plaintiff who chose the forum",
    )
    plaintiff_objects_to_public_anonymity: bool = Field(
        False, description="the other side's (in the court's case, the plaintiff's) objection to the movant staying "
                           "anonymous in public filings"
    )
    seeks_to_withhold_identity_from_plaintiff: bool = Field(
        False, description="the movant's request to keep his identity from the plaintiff as well as the public"
    )


def source_facts() -> AnonymityFacts:
    """John Doe 29 in No. 12 cv 6677: an accused downloader of pornography (may be embarrassing, not a
    Southern Methodist matter), a defendant haled in, the IP-address concern, no objection from the
    plaintiff to public anonymity, and (as the court read it) no request to hide his identity from
    the plaintiff."""
    return AnonymityFacts()


# --- what the court stated -----------------------------------------------------------------------

def independent_duty(f: AnonymityFacts) -> Reason:
    return Reason(
        id="ndill.anonymity.independent_duty",
        element="The court's independent duty to decide",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation="Whatever the plaintiff says, the court itself must decide whether the Doe may proceed "
                    "anonymously.",
        quote_ids=("ndill.anonymity.independent_duty",),
    )


def disfavored(f: AnonymityFacts) -> Reason:
    return Reason(
        id="ndill.anonymity.disfavored",
        element="Anonymity is disfavored",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation="As a general matter, the court said, motions to proceed anonymously are disfavored.",
        quote_ids=("ndill.anonymity.disfavored",),
    )


def no_categorical_rule(f: AnonymityFacts) -> Reason:
    return Reason(
        id="ndill.anonymity.no_categorical_rule",
        element="No categorical anonymity for accused infringers",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation="With other district courts, the court said that categorically allowing anonymity to accused "
                    "infringers would favor their rights over those of the copyright owners.",
        quote_ids=("ndill.anonymity.categorical_favors_infringers",),
    )


# --- the considerations the court weighed ----------------------------------------------------------

def sensitive_matter(f: AnonymityFacts) -> Reason:
    if f.matter_highly_sensitive:
        text = ("The case involves a matter of the kind Southern Methodist lists, where, as the court accepted, "
                "courts often permit parties to proceed anonymously. That is the course's hypothetical: the court "
                "held that an accusation of downloading pornography, embarrassing as it may be, is not such a matter, so "
                "the case must involve something more than that accusation.")
    elif f.accusation_embarrassing:
        text = ("Being accused of downloading pornography may be embarrassing, but the court held it is not a "
                "matter of the sensitive and highly personal kind Southern Methodist lists."
                + ("" if f.movant_is_defendant_haled_in else
                   " (Here the movant is not the accused defendant, so the accusation is not his to be embarrassed by "
                   "in the way the court considered.)"))
    else:
        text = "Nothing places the case among the sensitive and highly personal matters Southern Methodist lists."
    return Reason(
        id="ndill.anonymity.sensitive_matter",
        element="A sensitive and highly personal matter (Southern Methodist)",
        met=f.matter_highly_sensitive,
        decisive=False,
        explanation=text,
        facts=("matter_highly_sensitive", "accusation_embarrassing"),
        quote_ids=("ndill.anonymity.southern_methodist", "ndill.anonymity.embarrassing_not_enough"),
    )


def ip_concern(f: AnonymityFacts) -> Reason:
    element = "The IP address may not identify the downloader"
    if not f.movant_is_defendant_haled_in:
        return Reason(
            id="ndill.anonymity.ip_concern", element=element, met=None, basis=Basis.not_reached, decisive=False,
            explanation=("The court's concern was for accused subscribers who may not be the downloaders; the movant "
                         "here is not an accused defendant, so that concern does not arise."),
            facts=("ip_may_not_identify_infringer", "movant_is_defendant_haled_in"),
            quote_ids=("ndill.anonymity.ip_concern",),
        )
    return Reason(
        id="ndill.anonymity.ip_concern",
        element=element,
        met=f.ip_may_not_identify_infringer,
        decisive=False,
        explanation=(
            "The court noted a growing concern, across BitTorrent cases, that the IP addresses plaintiffs identify "
            "may not belong to the people who did the downloading, and weighed it toward a pseudonym (it made no "
            "finding about Doe 29's own address); nothing here sets that concern aside."
            if f.ip_may_not_identify_infringer
            else "No doubt is raised that the IP address identifies the downloader: a consideration the court "
                 "relied on is absent."
        ),
        facts=("ip_may_not_identify_infringer",),
        quote_ids=("ndill.anonymity.ip_concern",),
    )


def haled_in(f: AnonymityFacts) -> Reason:
    return Reason(
        id="ndill.anonymity.haled_in",
        element="A defendant forced before the court",
        met=f.movant_is_defendant_haled_in,
        decisive=False,
        explanation=(
            "The movant is a defendant brought before the court against his will, not a plaintiff who chose the "
            "forum; the court weighed that toward a pseudonym."
            if f.movant_is_defendant_haled_in
            else "The movant chose to invoke the court's protection as a plaintiff: a consideration the court "
                 "relied on is absent."
        ),
        facts=("movant_is_defendant_haled_in",),
        quote_ids=("ndill.anonymity.forced_before_court",),
    )


def plaintiff_position(f: AnonymityFacts) -> Reason:
    return Reason(
        id="ndill.anonymity.plaintiff_position",
        element="No objection from the other side to public anonymity",
        met=not f.plaintiff_objects_to_public_anonymity,
        decisive=False,
        explanation=(
            "The opposing party objects to the movant staying anonymous in public filings; in the court's case the "
            "plaintiff did not, and the court counted that. (The court decides for itself either way.)"
            if f.plaintiff_objects_to_public_anonymity
            else "The opposing party does not object to the movant staying anonymous in public filings through "
                 "discovery; in the court's case that was the plaintiff, and the court counted it."
        ),
        facts=("plaintiff_objects_to_public_anonymity",),
        quote_ids=("ndill.anonymity.plaintiff_position", "ndill.anonymity.no_objection"),
    )


_FAVORING = {  # each consideration, and what is said when it is absent
    "ndill.anonymity.ip_concern": "nothing puts in doubt that the IP address identifies the downloader",
    "ndill.anonymity.haled_in": "the movant is not a defendant forced before the court",
    "ndill.anonymity.plaintiff_position": "the other side objects",
}


def balance(f: AnonymityFacts, factors: list[Reason]) -> Reason:
    """The court's weighing, the one decisive element: all three considerations it relied on present ->
    pseudonym; none (and no Southern Methodist matter) -> the stated disfavor stands; else open."""
    present = {r.id: r.met for r in factors if r.id in _FAVORING}
    facts = ("ip_may_not_identify_infringer", "movant_is_defendant_haled_in",
             "plaintiff_objects_to_public_anonymity", "matter_highly_sensitive", "accusation_embarrassing")
    as_weighty = f.accusation_embarrassing or f.matter_highly_sensitive  # the court took "all of these factors"
    if all(present.values()) and not as_weighty:
        return Reason(
            id="ndill.anonymity.balance",
            element="Weighing the considerations together",
            met=None,
            explanation=(
                "Every consideration the court relied on is present, but the accusation is not even embarrassing. "
                "The court held embarrassment not enough on its own, not that it played no part: its grant "
                "began \"Taking all of these factors into account\". Whether the balance favors a pseudonym without it, "
                "the court did not say. " + UNDECIDED
            ),
            facts=facts,
            quote_ids=("ndill.anonymity.granted", "ndill.anonymity.embarrassing_not_enough"),
        )
    if all(present.values()):
        return Reason(
            id="ndill.anonymity.balance",
            element="Weighing the considerations together",
            met=True,
            explanation=(
                "Every consideration the court relied on is present"
                + (", and the matter is also of a sensitive and highly personal kind" if f.matter_highly_sensitive
                   else "")
                + ". Taking them together, the court let Doe 29 proceed by pseudonym through the close of fact "
                  "discovery or until further order (on its own facts; on others, the course applying that result)."
            ),
            facts=facts,
            quote_ids=("ndill.anonymity.granted",),
        )
    if not any(present.values()) and not f.matter_highly_sensitive:  # None (not reached) counts as absent
        return Reason(
            id="ndill.anonymity.balance",
            element="Weighing the considerations together",
            met=False,
            explanation=(
                "None of the considerations the court relied on is present and the matter is not of the Southern "
                "Methodist kind, so nothing the court weighed answers its general starting point that such motions "
                "are disfavored. The court decided no such motion: this is the course applying that starting point "
                "(a presumption the court stated, not a rule it used to deny any motion), and grounds the court "
                "never considered are outside this test."
            ),
            facts=facts,
            quote_ids=("ndill.anonymity.disfavored", "ndill.anonymity.embarrassing_not_enough"),
        )
    missing = [label if present[eid] is False else "the IP-address concern does not arise (the movant is not accused)"
               for eid, label in _FAVORING.items() if not present[eid]]
    return Reason(
        id="ndill.anonymity.balance",
        element="Weighing the considerations together",
        met=None,
        explanation=(
            "The court weighed its considerations together, without a formula, and granted a pseudonym where all "
            "were present; here " + "; ".join(missing)
            + (", though the matter is of a sensitive and highly personal kind" if f.matter_highly_sensitive else "")
            + ". Whether the balance still favors a pseudonym, the court did not say. " + UNDECIDED
        ),
        facts=facts,
        quote_ids=("ndill.anonymity.granted",),
    )


def scope(f: AnonymityFacts, granted: bool | None) -> Reason:
    """Footnote 6 and the Conclusion: the reach of the court's grant (filings with the court under the
    Doe number); the court did not read the motion as asking to hide Doe 29 from the plaintiff."""
    quotes = ("ndill.anonymity.not_withheld_from_plaintiff", "ndill.anonymity.reynolds_plaintiff_knows",
              "ndill.anonymity.file_pseudonymously", "ndill.anonymity.public_filings")
    element = "Scope: filings with the court, not hidden from the plaintiff"
    facts = ("seeks_to_withhold_identity_from_plaintiff",)

    def not_reached(explanation: str, quote_ids: tuple[str, ...]) -> Reason:
        return Reason(id="ndill.anonymity.scope", element=element, met=None, basis=Basis.not_reached,
                      decisive=False, explanation=explanation, facts=facts, quote_ids=quote_ids)

    if granted is not True:
        return not_reached(
            (
                "Footnote 6 and the Conclusion set the reach of the court's grant to Doe 29: he may file "
                "pseudonymously, and public filings refer to him by his Doe number, through the close of fact "
                "discovery or until further order. Here no pseudonym is granted"
                + (" (the weighing is open)" if granted is None else "") + ", so its reach does not arise."
            ),
            quotes,
        )
    if f.seeks_to_withhold_identity_from_plaintiff:
        return not_reached(
            (
                "The movant also asks to keep his identity from the plaintiff. The court said it will not order such "
                "a blanket protective order, which the plaintiff had opposed as hampering its discovery, citing "
                "Reynolds, which noted that the plaintiff there would not be unfairly prejudiced because it would know "
                "the Doe's true identity. But it said so having read Doe 29's motion as not asking for that: a request "
                "actually pressed was not before it, and the course does not decide one. " + UNDECIDED
            ),
            quotes + ("ndill.anonymity.plaintiff_objects_to_blanket_order",),
        )
    return Reason(
        id="ndill.anonymity.scope", element=element, met=True, decisive=False,
        explanation=(
            "The request is within the reach of the court's grant: the Doe may file pseudonymously and public "
            "filings refer to him by his Doe number, through the close of fact discovery or until further order. "
            "The court did not read the motion as seeking to hide his identity from the plaintiff and ordered no "
            "such protection."
        ),
        facts=facts, quote_ids=quotes,
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="malibu_media_ndill_2013",
    pinpoint="Discussion, Part III and n.6; Conclusion",
    issue="anonymity",
    title="Motion to proceed anonymously (by pseudonym), and how far the protection reaches",
    facts=AnonymityFacts,
    source_facts=source_facts,
)
def ndill_proceed_anonymously(f: AnonymityFacts) -> Ruling:
    """Though anonymity is disfavored and embarrassment is not enough, the IP-address concern, a
    defendant haled in and the plaintiff's lack of objection together justified a pseudonym in public
    filings for a time (Malibu Media, N.D. Ill. 2013, Discussion, Part III; scope in n.6)."""
    factors = [sensitive_matter(f), ip_concern(f), haled_in(f), plaintiff_position(f)]
    weighed = balance(f, factors)
    elements = [independent_duty(f), disfavored(f), no_categorical_rule(f), *factors, weighed, scope(f, weighed.met)]
    # The court weighed considerations together ("Taking all of these factors into account"), so they
    # are not each necessary: they explain; the one decisive element is the weighing itself.
    outcome = combine(elements, fails=Outcome.anonymity_denied, passes=Outcome.anonymity_granted)
    if outcome == Outcome.anonymity_granted:
        summary = (
            "May proceed by pseudonym: the Doe files pseudonymously and public filings use his Doe number, through "
            "the close of fact discovery or until further order. The court ordered nothing hiding his identity "
            "from the plaintiff"
            + ("; the court said it will not order a blanket protective order keeping his identity from the "
               "plaintiff, but it had read Doe 29's motion as not asking for one, so a request actually pressed, as "
               "here, is not decided." if f.seeks_to_withhold_identity_from_plaintiff else ".")
        )
    elif outcome == Outcome.anonymity_denied:
        summary = ("May not proceed by pseudonym, on the course's application of the court's general starting point "
                   "that such motions are disfavored (the court decided no such motion): none of the considerations "
                   "the court weighed toward a pseudonym "
                   "is present, and embarrassment is not a matter of the Southern Methodist kind. Grounds the court "
                   "never considered are outside this test.")
    else:
        summary = (
            "The court granted a pseudonym where every consideration it relied on was present, and gave no rule "
            f"for weighing them when some are missing. {UNDECIDED}"
        )
    return Ruling(
        test_id=TEST_ID,
        question="May the Doe defendant proceed anonymously, and how far does that protection reach?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
    )
