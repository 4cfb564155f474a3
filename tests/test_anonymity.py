"""Motion to proceed anonymously (N.D. Ill. 2013, Discussion Part III and n.6)."""
import pytest
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.anonymity import AnonymityFacts, source_facts
from course.records import quote
from course.ruling import Outcome

TEST = "anonymity.ndill_2013"
RANK = {Outcome.anonymity_denied: 0, Outcome.undetermined: 1, Outcome.anonymity_granted: 2}


def by_element(ruling):
    return {r.element: r for r in ruling.reasons}


def test_doe_29_may_proceed_by_pseudonym_for_the_reasons_the_court_gave():
    ruling = registry.decide(TEST, source_facts())
    assert ruling.outcome == Outcome.anonymity_granted
    assert ruling.is_holding
    r = by_element(ruling)
    assert r["The IP address may not identify the downloader"].met is True
    assert r["The IP address may not identify the downloader"].quote_ids == ("ndill.anonymity.ip_concern",)
    assert r["Defendant haled into court"].met is True
    assert r["Defendant haled into court"].quote_ids == ("ndill.anonymity.forced_before_court",)
    assert r["Plaintiff's position on public anonymity"].met is True
    assert "ndill.anonymity.no_objection" in r["Plaintiff's position on public anonymity"].quote_ids
    # embarrassment is not a Southern Methodist matter: that factor is NOT met
    sensitive = r["Sensitive and highly personal matter"]
    assert sensitive.met is False
    assert "ndill.anonymity.embarrassing_not_enough" in sensitive.quote_ids
    assert r["Balance of the considerations"].met is True
    assert r["Balance of the considerations"].quote_ids == ("ndill.anonymity.granted",)
    # scope (n.6): public filings only, for a limited time; identity not hidden from the plaintiff
    scope = r["Scope of relief"]
    assert "ndill.anonymity.not_withheld_from_plaintiff" in scope.quote_ids
    assert "ndill.anonymity.public_filings" in scope.quote_ids
    assert "close of fact discovery" in ruling.summary
    assert "still learns" in ruling.summary


def test_counterfactuals_each_missing_consideration_leaves_the_result_undecided():
    ruling = registry.decide(TEST, source_facts())
    flips = {c.fact: c.outcome for c in ruling.counterfactuals}
    assert flips == {
        "ip_may_not_identify_infringer": Outcome.undetermined,
        "movant_is_defendant_haled_in": Outcome.undetermined,
        "plaintiff_objects_to_public_anonymity": Outcome.undetermined,
    }
    # embarrassment and a Southern Methodist matter do not change a grant
    assert "accusation_embarrassing" not in flips
    assert "matter_highly_sensitive" not in flips


def test_plaintiff_objection_is_not_decided_by_the_sources():
    ruling = registry.decide(TEST, {"plaintiff_objects_to_public_anonymity": True})
    assert ruling.outcome == Outcome.undetermined
    assert "the sources do not decide this" in ruling.summary
    assert by_element(ruling)["Balance of the considerations"].met is None


def test_request_to_hide_identity_from_plaintiff_is_refused_but_public_pseudonym_granted():
    ruling = registry.decide(TEST, {"seeks_to_withhold_identity_from_plaintiff": True})
    assert ruling.outcome == Outcome.anonymity_granted
    scope = by_element(ruling)["Scope of relief"]
    assert scope.met is False
    assert "ndill.anonymity.not_withheld_from_plaintiff" in scope.quote_ids
    assert "refused" in ruling.summary


def test_nothing_the_court_relied_on_means_denial():
    ruling = registry.decide(
        TEST,
        {
            "ip_may_not_identify_infringer": False,
            "movant_is_defendant_haled_in": False,
            "plaintiff_objects_to_public_anonymity": True,
        },
    )
    assert ruling.outcome == Outcome.anonymity_denied
    assert "ndill.anonymity.disfavored" in by_element(ruling)["Balance of the considerations"].quote_ids
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
        assert "the sources do not decide this" in ruling.summary


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
