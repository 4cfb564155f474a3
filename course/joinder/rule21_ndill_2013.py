"""N.D. Ill. 2013, No. 12 cv 6675 (Lee, J.): severance for fairness and manageability (Rule 21).

Malibu Media, LLC v. John Does 1-68, No. 12 cv 6675 (N.D. Ill. Sept. 27, 2013), Discussion, Part I
(seed 002). "Additionally" to its Rule 20 ground, the court held that "the presence of forty-seven
remaining individual John Does raises significant fairness and manageability concerns", described
those concerns in Third Degree Films' words (different defenses, hearings nearly impossible to
schedule, pro se Does serving paper, separate trials), and held that the principal efficiency of
joinder, the plaintiff's saving on filing fees, "is insufficient to justify joinder".

So: the count of 47 and the filing-fee point are the court's (held on its own facts, applied on
others); Third Degree's concerns are stated by the court, in Third Degree's words, as what numerous
Does bring, not found about these 47. The court gave no cut-off below 47 and never said when a court
should keep Does joined (``never=(keep_joined,)``).
"""
from __future__ import annotations

import math

from pydantic import Field

from ..fmt import usd
from ..records import threshold
from ..registry import BadFacts, legal_test
from ..ruling import UNDECIDED, Basis, Facts, Outcome, Reason, Ruling, combine

TEST_ID = "joinder.rule21_discretion"

#: The Does remaining in No. 12 cv 6675 (68, less 21 dismissed): data/thresholds.yaml.
NDILL_MANAGEABILITY_DOES = int(threshold("ndill.rule21.does_count"))

#: The filing fee per case in CP Productions as Doe 328's MOTION quotes it (seed 000, ¶ 27): a motion's
#: quotation, not a ruling's figure (data/thresholds.yaml).
CP_PRODUCTIONS_FEE_PER_CASE_USD = threshold("motion.cp_productions.fee_per_case_usd")


def filing_fees_saved(does_count: int, fee_per_case_usd: float) -> float:
    """Filing fees a plaintiff avoids by suing ``does_count`` Does in one case instead of one case
    each: ``(does_count - 1) * fee_per_case_usd``. With CP Productions' $350 as Doe 328's motion
    quotes it, 300 Does save 104,650 and the 47 Does of No. 12 cv 6675 save 16,100: the course's
    arithmetic, not a figure either opinion states."""
    if isinstance(does_count, bool) or not isinstance(does_count, int):
        raise BadFacts(f"field 'does_count': must be a whole number, got {does_count!r}")
    if does_count < 1:
        raise BadFacts(f"field 'does_count': must be 1 or more, got {does_count}")
    if isinstance(fee_per_case_usd, bool) or not isinstance(fee_per_case_usd, (int, float)):
        raise BadFacts(f"field 'fee_per_case_usd': must be a number of dollars, got {fee_per_case_usd!r}")
    if not math.isfinite(fee_per_case_usd) or fee_per_case_usd < 0:
        raise BadFacts(f"field 'fee_per_case_usd': must be 0 or more, got {fee_per_case_usd!r}")
    return (does_count - 1) * fee_per_case_usd


class DiscretionarySeveranceFacts(Facts):
    """What bears on severing Does for fairness and manageability, apart from Rule 20."""

    does_count: int = Field(
        ge=2, le=100_000, description="number of Does remaining in the suit",
        json_schema_extra={"search": [2, 5000], "step": 1},
    )
    distinct_defenses_likely: bool = Field(
        True, description="a likelihood that the Does will raise different factual and legal defenses"
    )
    pro_se_does_expected: bool = Field(
        True, description="a prospect that some Does will appear pro se without e-filing"
    )
    main_efficiency_is_filing_fees: bool = Field(
        description="joinder's main efficiency being the plaintiff's saving on filing fees"
    )
    misjoined_under_rule20: bool = Field(
        True, description="the Does are already misjoined under Rule 20 (the ground this one is added to)"
    )


def rule21_source_facts() -> DiscretionarySeveranceFacts:
    """No. 12 cv 6675: 47 Does left; Third Degree's concerns as the court described them; filing fees
    the principal efficiency."""
    return DiscretionarySeveranceFacts(
        does_count=NDILL_MANAGEABILITY_DOES,
        distinct_defenses_likely=True,
        pro_se_does_expected=True,
        main_efficiency_is_filing_fees=True,
        misjoined_under_rule20=True,
    )


# --- one function per element -------------------------------------------------------------------

def standard(f: DiscretionarySeveranceFacts) -> Reason:
    return Reason(
        id="ndill.rule21.standard",
        element="Standard: the court's discretion, fundamental fairness",
        met=None,
        basis=Basis.stated,
        decisive=False,
        explanation="Apart from Rule 20's requirements, a court may weigh other factors of fundamental fairness, "
                    "and has broad discretion in deciding motions to sever.",
        quote_ids=("ndill.joinder.fundamental_fairness", "ndill.joinder.burden_and_discretion"),
    )


def additional_ground(f: DiscretionarySeveranceFacts) -> Reason:
    """The court severed for fairness and manageability "Additionally", for Does already misjoined."""
    if f.misjoined_under_rule20:
        return Reason(
            id="ndill.rule21.additional_ground",
            element="An additional ground: the Does are already misjoined under Rule 20",
            met=True,
            explanation="The Does are misjoined under Rule 20, as they were in No. 12 cv 6675; the court added "
                        "fairness and manageability as a further ground for severing them.",
            facts=("misjoined_under_rule20",),
            quote_ids=("ndill.joinder.forty_seven_does", "ndill.joinder.severance_appropriate"),
        )
    return Reason(
        id="ndill.rule21.additional_ground",
        element="An additional ground: the Does are already misjoined under Rule 20",
        met=None,
        explanation="Rule 20 is not shown to be failed here. N.D. Ill. severed for fairness and manageability only as "
                    "an additional ground, for Does it had already found misjoined; whether it would sever Does "
                    "properly joined under Rule 20 on this ground alone, it did not say (Doe 328's motion argued "
                    f"so, ¶ 25). {UNDECIDED}",
        facts=("misjoined_under_rule20",),
        quote_ids=("ndill.joinder.forty_seven_does",),
    )


def does_count(f: DiscretionarySeveranceFacts) -> Reason:
    if f.does_count >= NDILL_MANAGEABILITY_DOES:
        return Reason(
            id="ndill.rule21.does_count",
            element="Number of Does remaining",
            met=True,
            explanation=f"{f.does_count} Does remain. The court held that 47 raised significant fairness and "
                        "manageability concerns.",
            facts=("does_count",),
            quote_ids=("ndill.joinder.forty_seven_does",),
        )
    return Reason(
        id="ndill.rule21.does_count",
        element="Number of Does remaining",
        met=None,
        explanation=f"{f.does_count} Does remain. The court held 47 enough and gave no lower cut-off; in No. 12 cv "
                    "6677, with two Does left, it severed on the Rule 20 ground alone. " + UNDECIDED,
        facts=("does_count",),
        quote_ids=("ndill.joinder.forty_seven_does", "ndill.joinder.only_29_and_38"),
    )


def _concern(fid: str, element: str, present: bool, field: str, says: str, quote_id: str) -> Reason:
    """One of Third Degree's concerns as N.D. Ill. quoted them: stated by the court as what numerous
    Does bring, not found about these Does. Facts that remove a concern leave the result open."""
    if present:
        return Reason(id=fid, element=element, met=None, basis=Basis.stated, decisive=False,
                      explanation=says + " (Third Degree Films' words, which the court adopted as a summary of "
                                         "the concerns; not a finding about particular Does.)",
                      facts=(field,), quote_ids=(quote_id,))
    return Reason(id=fid, element=element, met=None,
                  explanation="On these facts this concern is absent. The court weighed the concerns together and did "
                              f"not say whether the others suffice without it. {UNDECIDED}",
                  facts=(field,), quote_ids=(quote_id,))


def different_defenses(f: DiscretionarySeveranceFacts) -> Reason:
    return _concern("ndill.rule21.different_defenses", "Concern: different defenses and unrelated motions",
                    f.distinct_defenses_likely, "distinct_defenses_likely",
                    "Each Doe may raise its own factual and legal defenses and file unrelated motions; hearings and "
                    "discovery disputes would be almost impossible to schedule.", "ndill.joinder.different_defenses")


def pro_se_paper(f: DiscretionarySeveranceFacts) -> Reason:
    return _concern("ndill.rule21.pro_se_paper", "Concern: pro se Does serving paper on every party",
                    f.pro_se_does_expected, "pro_se_does_expected",
                    "A Doe who appears pro se and does not e-file would have to serve paper copies of every filing "
                    "on every other party.", "ndill.joinder.pro_se_paper_copies")


def filing_fees(f: DiscretionarySeveranceFacts) -> Reason:
    if f.main_efficiency_is_filing_fees:
        saved = filing_fees_saved(f.does_count, CP_PRODUCTIONS_FEE_PER_CASE_USD)
        return Reason(
            id="ndill.rule21.filing_fees",
            element="Efficiency of joinder: only the filing fees",
            met=True,
            explanation=("The principal efficiency joinder offers is that the plaintiff avoids a filing fee for each "
                         "Doe, which the court held insufficient to justify joinder. (For scale, the course's "
                         f"arithmetic: at the $350 per case of CP Productions, as a Doe's motion quotes it, one suit "
                         f"instead of {f.does_count} saves {usd(saved)}.)"),
            facts=("main_efficiency_is_filing_fees", "does_count"),
            quote_ids=("ndill.joinder.filing_fees_insufficient",),
        )
    return Reason(
        id="ndill.rule21.filing_fees",
        element="Efficiency of joinder: only the filing fees",
        met=None,
        explanation=f"Joinder is said to bring efficiencies beyond saving filing fees; the court did not weigh such "
                    f"a case. {UNDECIDED}",
        facts=("main_efficiency_is_filing_fees",),
        quote_ids=("ndill.joinder.filing_fees_insufficient",),
    )


# --- the test -----------------------------------------------------------------------------------

@legal_test(
    id=TEST_ID,
    case="malibu_media_ndill_2013",
    pinpoint="Discussion, Part I (No. 12 cv 6675)",
    issue="joinder",
    title="Rule 21: severance in the court's discretion for fairness and manageability",
    facts=DiscretionarySeveranceFacts,
    source_facts=rule21_source_facts,
    never=(Outcome.keep_joined,),
    short="Rule 21 discretion",
)
def rule21_discretion(f: DiscretionarySeveranceFacts) -> Ruling:
    """Severance for fairness and manageability where many Does remain and joinder's principal
    efficiency is the plaintiff's saving on filing fees (N.D. Ill. 2013, No. 12 cv 6675)."""
    elements = [standard(f), additional_ground(f), does_count(f), different_defenses(f), pro_se_paper(f), filing_fees(f)]
    outcome = combine(elements, fails=Outcome.undetermined, passes=Outcome.sever)
    if outcome == Outcome.sever:
        summary = (f"Sever, as an additional ground for Does already misjoined: {f.does_count} Does, and no efficiency "
                   "beyond the plaintiff's filing fees. N.D. Ill. held this for the 47 Does of No. 12 cv 6675 beside "
                   "misjoinder under Rule 20 (Does 2-68 severed).")
    else:
        summary = ("These facts fall short of those on which N.D. Ill. severed for fairness and manageability, and "
                   f"the opinion gives no rule for them. {UNDECIDED}")
    return Ruling(
        test_id=TEST_ID,
        question="Should the court sever the Does in its discretion, for fairness and manageability?",
        outcome=outcome,
        summary=summary,
        reasons=tuple(elements),
        note=("Doe 328's motion in West Coast Productions (S.D. Tex., seed 000, ¶ 25) argued the same discretionary "
              "ground (quotes sdtex.motion.rule21_discretion, sdtex.motion.every_motion_every_party). That is "
              "advocacy, not a ruling."),
    )
