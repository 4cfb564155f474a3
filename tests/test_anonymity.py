"""Motion to proceed anonymously (N.D. Ill. 2013, Discussion Part III and n.6)."""
import pytest
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.anonymity import AnonymityFacts, source_facts
from course.records import quote
from course.ruling import UNDECIDED, Basis, Outcome

TEST = "anonymity.ndill_2013"
RANK = {Outcome.anonymity_denied: 0, Outcome.undetermined: 1, Outcome.anonymity_granted: 2}


def test_doe_29_may_proceed_by_pseudonym_for_the_reasons_the_court_gave():
    ruling = registry.decide(TEST, source_facts())
    assert ruling.outcome == Outcome.anonymity_granted
    assert ruling.is_holding
    ip = ruling.element("ndill.anonymity.ip_concern")
    assert ip.met is True and ip.quote_ids == ("ndill.anonymity.ip_concern",)
    haled = ruling.element("ndill.anonymity.haled_in")
    assert haled.met is True and haled.quote_ids == ("ndill.anonymity.forced_before_court",)
    position = ruling.element("ndill.anonymity.plaintiff_position")
    assert position.met is True and "ndill.anonymity.no_objection" in position.quote_ids
    # embarrassment is not a Southern Methodist matter: held, not met
    sensitive = ruling.element("ndill.anonymity.sensitive_matter")
    assert sensitive.met is False and sensitive.basis == Basis.held
    assert "ndill.anonymity.embarrassing_not_enough" in sensitive.quote_ids
    balance = ruling.element("ndill.anonymity.balance")
    assert balance.met is True and balance.quote_ids == ("ndill.anonymity.granted",)
    assert "close of fact discovery" in ruling.summary


def test_what_the_court_stated_is_stated_never_not_decided():
    # Changed (review 3-D): the old output said "not decided by the sources" for the court's independent
    # duty, the disfavor of anonymity and the rejection of categorical relief, all stated by the court.
    ruling = registry.decide(TEST, source_facts())
    for eid in ("ndill.anonymity.independent_duty", "ndill.anonymity.disfavored",
                "ndill.anonymity.no_categorical_rule"):
        r = ruling.element(eid)
        assert r.basis == Basis.stated and r.status == "stated", eid


def test_scope_is_what_footnote_6_and_the_conclusion_decide():
    # Changed (review 3-D, 1-5): scope is decided (held on Doe 29's facts), and the old summary's "the
    # plaintiff still learns his identity" is gone: the seed reports no disclosure, only that the court
    # ordered no blanket protective order.
    ruling = registry.decide(TEST, source_facts())
    scope = ruling.element("ndill.anonymity.scope")
    assert scope.met is True and scope.basis == Basis.held
    assert "ndill.anonymity.not_withheld_from_plaintiff" in scope.quote_ids
    assert "ndill.anonymity.public_filings" in scope.quote_ids
    prose = " ".join([ruling.summary] + [r.explanation for r in ruling.reasons]).lower()
    assert "still learn" not in prose


def test_counterfactuals_each_missing_consideration_leaves_the_result_undecided():
    ruling = registry.decide(TEST, source_facts())
    flips = {c.fact: c.outcome for c in ruling.counterfactuals}
    assert flips == {
        "ip_may_not_identify_infringer": Outcome.undetermined,
        "movant_is_defendant_haled_in": Outcome.undetermined,
        "plaintiff_objects_to_public_anonymity": Outcome.undetermined,
        # held not enough on its own, not irrelevant: the court took "all of these factors" (second reading)
        "accusation_embarrassing": Outcome.undetermined,
    }
    # a Southern Methodist matter as well does not change a grant
    assert "matter_highly_sensitive" not in flips


def test_plaintiff_objection_is_not_decided_by_the_sources():
    ruling = registry.decide(TEST, {"plaintiff_objects_to_public_anonymity": True})
    assert ruling.outcome == Outcome.undetermined
    assert UNDECIDED in ruling.summary
    assert ruling.element("ndill.anonymity.balance").met is None


def test_request_to_hide_identity_from_plaintiff_is_not_reached_but_public_pseudonym_granted():
    """n.6: the court did not read the motion as asking that, and would order no blanket protective
    order; it decided no such request. Not a rule that such requests fail (second reading, critical)."""
    ruling = registry.decide(TEST, {"seeks_to_withhold_identity_from_plaintiff": True})
    assert ruling.outcome == Outcome.anonymity_granted and not ruling.is_holding
    scope = ruling.element("ndill.anonymity.scope")
    assert scope.met is None and scope.status == "not reached"
    assert "ndill.anonymity.not_withheld_from_plaintiff" in scope.quote_ids
    assert "will not order a blanket protective order" in ruling.summary and "is not decided" in ruling.summary
    assert "refused" not in ruling.summary and "fails" not in ruling.summary


def test_the_reach_of_the_grant_is_not_said_where_no_pseudonym_is_granted():
    for facts in ({"plaintiff_objects_to_public_anonymity": True},
                  {"ip_may_not_identify_infringer": False, "movant_is_defendant_haled_in": False,
                   "plaintiff_objects_to_public_anonymity": True}):
        ruling = registry.decide(TEST, facts)
        assert ruling.outcome != Outcome.anonymity_granted
        scope = ruling.element("ndill.anonymity.scope")
        assert scope.status == "not reached" and "does not arise" in scope.explanation


def test_nothing_the_court_relied_on_means_denial_applied_never_held():
    ruling = registry.decide(
        TEST,
        {
            "ip_may_not_identify_infringer": False,
            "movant_is_defendant_haled_in": False,
            "plaintiff_objects_to_public_anonymity": True,
        },
    )
    assert ruling.outcome == Outcome.anonymity_denied and ruling.basis == Basis.applied
    assert "ndill.anonymity.disfavored" in ruling.element("ndill.anonymity.balance").quote_ids
    # ...but a Southern Methodist matter reopens the question, which the sources leave undecided
    sensitive = registry.decide(
        TEST,
        {
            "ip_may_not_identify_infringer": False,
            "movant_is_defendant_haled_in": False,
            "plaintiff_objects_to_public_anonymity": True,
            "matter_highly_sensitive": True,
        },
    )
    assert sensitive.outcome == Outcome.undetermined


FAVORABLE_MOVES = [
    ("ip_may_not_identify_infringer", True),
    ("movant_is_defendant_haled_in", True),
    ("plaintiff_objects_to_public_anonymity", False),
    ("matter_highly_sensitive", True),
]


@settings(max_examples=100, deadline=None)
@given(st.builds(AnonymityFacts), st.sampled_from(FAVORABLE_MOVES))
def test_a_fact_favoring_the_movant_never_makes_the_result_worse_for_him(facts, move):
    name, value = move
    before = registry.decide(TEST, facts, counterfactuals=False).outcome
    after = registry.decide(TEST, facts.model_copy(update={name: value}), counterfactuals=False).outcome
    assert RANK[after] >= RANK[before]


@settings(max_examples=100, deadline=None)
@given(st.builds(AnonymityFacts))
def test_every_ruling_is_quoted_honestly_and_says_when_the_sources_are_silent(facts):
    ruling = registry.decide(TEST, facts, counterfactuals=False)
    assert ruling.quote_ids
    for qid in ruling.quote_ids:
        assert check.check_quote(quote(qid)) is None
        assert quote(qid).seed == "002"
    prose = " ".join([ruling.summary] + [r.explanation for r in ruling.reasons])
    assert check.check_prose(prose, TEST) == []
    if ruling.outcome == Outcome.undetermined:
        assert UNDECIDED in ruling.summary


@pytest.mark.parametrize(
    "raw, field",
    [
        ({"movant_is_defendant_haled_in": "perhaps"}, "movant_is_defendant_haled_in"),
        ({"plaintiff_objects_to_public_anonymity": None}, "plaintiff_objects_to_public_anonymity"),
        ({"pseudonym_years": 3}, "pseudonym_years"),
    ],
)
def test_bad_facts_name_the_field(raw, field):
    with pytest.raises(registry.BadFacts, match=field):
        registry.decide(TEST, raw)
