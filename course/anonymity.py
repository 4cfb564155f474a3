"""Motion by a Doe defendant to proceed anonymously (by pseudonym), as the N.D. Ill. decided it.

Malibu Media, LLC v. John Does 1-42, No. 12 cv 6677 (N.D. Ill. Sept. 27, 2013) (Lee, J.),
Discussion, Part III and n.6 (seed 002).

The test in one sentence: anonymity is disfavored and the court decides it on its own duty,
embarrassment at a pornography accusation is not a sensitive and highly personal matter, but
the doubt whether the IP address identifies the downloader, the fact that the defendant was
haled into court, and the plaintiff's lack of objection together justified letting the Doe
file by pseudonym through the close of fact discovery, without hiding his identity from the
plaintiff.

The court weighed these considerations without a formula. The engine therefore reproduces the
court's result on its facts (and on facts at least as favourable to the movant), says the
motion fails when none of the considerations the court relied on is present, and says that
the sources do not decide every other combination.
"""
from __future__ import annotations

from pydantic import Field

from .registry import legal_test
from .ruling import Facts, Outcome, Reason, Ruling

TEST_ID = "anonymity.ndill_2013"
COURT = "N.D. Ill. (Lee, J.)"
CITATION = (
    "Malibu Media, LLC v. John Does 1-42, No. 12 cv 6677 (N.D. Ill. Sept. 27, 2013), "
    "Discussion, Part III and n.6"
)
UNDECIDED = "the sources do not decide this"


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
        True, description="the accusation (downloading pornography) is embarrassing for the movant"
    )
    ip_may_not_identify_infringer: bool = Field(
        True, description="the concern that the IP address may not belong to the person who did the downloading"
    )
    movant_is_defendant_haled_in: bool = Field(
        True,
        description="the movant is a defendant forced before the court, not a plaintiff who chose the forum",
    )
    plaintiff_objects_to_public_anonymity: bool = Field(
        False, description="the plaintiff's objection to the movant staying anonymous in public filings"
    )
    seeks_to_withhold_identity_from_plaintiff: bool = Field(
        False, description="the movant's request to keep his identity from the plaintiff as well as the public"
    )


def source_facts() -> AnonymityFacts:
    """John Doe 29 in No. 12 cv 6677: a haled-in defendant, IP doubts, no objection to public anonymity."""
    return AnonymityFacts()


@legal_test(
    id=TEST_ID,
    court=COURT,
    citation=CITATION,
    issue="anonymity",
    title="Motion to proceed anonymously (by pseudonym)",
    facts=AnonymityFacts,
    source_facts=source_facts,
)
def ndill_proceed_anonymously(f: AnonymityFacts) -> Ruling:
    """A Doe may file by pseudonym where, though anonymity is disfavored and embarrassment is not
    enough, the IP address may not identify the downloader, the Doe was haled in, and the plaintiff
    does not object (N.D. Ill. 2013, Discussion, Part III; scope in n.6).
    """
    reasons: list[Reason] = [
        Reason(
            element="The court's own duty; anonymity disfavored",
            met=None,
            explanation=(
                "The court decides for itself whether a party may proceed anonymously, whatever the "
                "plaintiff says, and starts from the premise that such motions are disfavored."
            ),
            quote_ids=("ndill.anonymity.independent_duty", "ndill.anonymity.disfavored"),
        ),
        Reason(
            element="Sensitive and highly personal matter",
            met=f.matter_highly_sensitive,
            explanation=(
                "The case involves a matter of the kind Southern Methodist lists, where courts often "
                "permit parties to proceed anonymously."
                if f.matter_highly_sensitive
                else (
                    "Being accused of downloading pornography may be embarrassing, but it is not a matter "
                    "of the sensitive and highly personal kind Southern Methodist lists."
                    if f.accusation_embarrassing
                    else "Nothing places the case among the sensitive and highly personal matters "
                    "Southern Methodist lists."
                )
            ),
            facts=("matter_highly_sensitive", "accusation_embarrassing"),
            quote_ids=("ndill.anonymity.southern_methodist", "ndill.anonymity.embarrassing_not_enough"),
        ),
        Reason(
            element="No categorical rule for accused infringers",
            met=None,
            explanation=(
                "Granting anonymity as a matter of course to accused infringers would favor them over "
                "copyright owners, so the request must rest on something more particular."
            ),
            quote_ids=("ndill.anonymity.categorical_favors_infringers",),
        ),
        Reason(
            element="The IP address may not identify the downloader",
            met=f.ip_may_not_identify_infringer,
            explanation=(
                "There is a real doubt whether the IP address belongs to the person who actually "
                "downloaded the work; this weighs toward a pseudonym."
                if f.ip_may_not_identify_infringer
                else "No doubt is raised that the IP address identifies the person who downloaded the work; "
                "the consideration the court relied on is absent."
            ),
            facts=("ip_may_not_identify_infringer",),
            quote_ids=("ndill.anonymity.ip_concern",),
        ),
        Reason(
            element="Defendant haled into court",
            met=f.movant_is_defendant_haled_in,
            explanation=(
                "The movant is a defendant brought before the court against his will, unlike a plaintiff "
                "who chose the forum; this weighs toward a pseudonym."
                if f.movant_is_defendant_haled_in
                else "The movant chose to invoke the court's protection as a plaintiff; the consideration "
                "the court relied on is absent."
            ),
            facts=("movant_is_defendant_haled_in",),
            quote_ids=("ndill.anonymity.forced_before_court",),
        ),
        Reason(
            element="Plaintiff's position on public anonymity",
            met=not f.plaintiff_objects_to_public_anonymity,
            explanation=(
                "The plaintiff objects to the movant staying anonymous in public filings; in the N.D. Ill. "
                "case it did not, and the court counted that in the movant's favor."
                if f.plaintiff_objects_to_public_anonymity
                else "The plaintiff does not object to the movant staying anonymous in public filings "
                "through discovery."
            ),
            facts=("plaintiff_objects_to_public_anonymity",),
            quote_ids=("ndill.anonymity.plaintiff_position", "ndill.anonymity.no_objection"),
        ),
    ]

    favoring = {
        "ip_may_not_identify_infringer": f.ip_may_not_identify_infringer,
        "movant_is_defendant_haled_in": f.movant_is_defendant_haled_in,
        "plaintiff_does_not_object": not f.plaintiff_objects_to_public_anonymity,
    }
    if all(favoring.values()):
        outcome = Outcome.anonymity_granted
        basis = (
            "Every consideration the N.D. Ill. relied on to grant John Doe 29's motion is present"
            + (", and the matter is also of a sensitive and highly personal kind" if f.matter_highly_sensitive else "")
            + ": the movant may proceed by pseudonym through the close of fact discovery or until further order."
        )
        disposition_quotes: tuple[str, ...] = ("ndill.anonymity.granted",)
    elif not any(favoring.values()) and not f.matter_highly_sensitive:
        outcome = Outcome.anonymity_denied
        basis = (
            "None of the considerations the N.D. Ill. relied on is present, and embarrassment is not enough: "
            "only the general disfavor of anonymity and the concern about favoring accused infringers remain. "
            "Motion to proceed anonymously denied."
        )
        disposition_quotes = ("ndill.anonymity.disfavored", "ndill.anonymity.embarrassing_not_enough")
    else:
        outcome = Outcome.undetermined
        missing = [name for name, present in favoring.items() if not present]
        labels = {
            "ip_may_not_identify_infringer": "doubt that the IP address identifies the downloader",
            "movant_is_defendant_haled_in": "a defendant haled into court",
            "plaintiff_does_not_object": "no objection from the plaintiff",
        }
        basis = (
            "The N.D. Ill. weighed its considerations together, without a formula, and granted the motion "
            "only where all were present; here "
            + ", ".join(labels[m] for m in missing)
            + (" is" if len(missing) == 1 else " are")
            + " missing"
            + (", though the matter is of a sensitive and highly personal kind" if f.matter_highly_sensitive else "")
            + ". Whether the balance still favors a pseudonym: "
            + UNDECIDED
            + "."
        )
        disposition_quotes = ("ndill.anonymity.granted",)
    reasons.append(
        Reason(
            element="Balance of the considerations",
            met=None if outcome == Outcome.undetermined else outcome == Outcome.anonymity_granted,
            explanation=basis,
            facts=(
                "ip_may_not_identify_infringer",
                "movant_is_defendant_haled_in",
                "plaintiff_objects_to_public_anonymity",
                "matter_highly_sensitive",
            ),
            quote_ids=disposition_quotes,
        )
    )

    # Scope of relief (n.6): public pseudonym only; never a blanket order hiding the Doe from the plaintiff.
    if f.seeks_to_withhold_identity_from_plaintiff:
        scope_text = (
            "The movant also asks to keep his identity from the plaintiff. The N.D. Ill. said it would not "
            "put such a blanket protective order in place: the plaintiff is to know who the Doe is so that it "
            "can investigate its claims. Any pseudonym covers public filings only."
        )
    elif outcome == Outcome.anonymity_granted:
        scope_text = (
            "The relief covers public filings only: the Doe files by pseudonym and the plaintiff keeps "
            "calling him by his Doe number, through the close of fact discovery or until further order. "
            "The plaintiff still learns his identity."
        )
    else:
        scope_text = (
            "Whatever the result, the relief the N.D. Ill. gave reaches public filings only, for a limited "
            "time; it does not hide the Doe's identity from the plaintiff."
        )
    reasons.append(
        Reason(
            element="Scope of relief",
            met=False if f.seeks_to_withhold_identity_from_plaintiff else None,
            explanation=scope_text,
            facts=("seeks_to_withhold_identity_from_plaintiff",),
            quote_ids=(
                "ndill.anonymity.not_withheld_from_plaintiff",
                "ndill.anonymity.reynolds_plaintiff_knows",
                "ndill.anonymity.file_pseudonymously",
                "ndill.anonymity.public_filings",
            ),
        )
    )

    if outcome == Outcome.anonymity_granted:
        summary = (
            "May proceed by pseudonym in public filings through the close of fact discovery or until further "
            "order; the plaintiff still learns the Doe's identity"
            + (" (the request to hide it from the plaintiff as well is refused)." if f.seeks_to_withhold_identity_from_plaintiff else ".")
        )
    elif outcome == Outcome.anonymity_denied:
        summary = basis
    else:
        summary = (
            "On these facts " + UNDECIDED + ": the N.D. Ill. granted a pseudonym only where every consideration "
            "it relied on was present, and it gave no rule for weighing them when some are missing."
        )
    return Ruling(
        test_id=TEST_ID,
        court=COURT,
        citation=CITATION,
        question="May the Doe defendant proceed anonymously, and how far does that protection reach?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(reasons),
    )
