"""Subscriber-as-infringer plausibility (D. Conn. 2020): the court's own facts give its holding; the court
said what fails (subscriber status alone), never what suffices, so the test never says `plausible`."""
import pytest
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.records import quote
from course.ruling import UNDECIDED, Basis, Outcome
from course.subscriber import PLAUSIBILITY_ORDER as RANK
from course.subscriber import Dwelling, SubscriberFacts, source_facts

TEST = "subscriber.dconn_2020"
MISSING_FACT_QUOTES = {
    "dconn.subscriber.dwelling": "dconn.subscriber.no_dwelling_fact",
    "dconn.subscriber.residents": "dconn.subscriber.no_residents_fact",
    "dconn.subscriber.network": "dconn.subscriber.no_network_fact",
    "dconn.subscriber.exclusive_access": "dconn.subscriber.no_exclusive_access",
    "dconn.subscriber.contact": "dconn.subscriber.no_contact",
}


def test_subscriber_status_alone_is_not_plausible_and_default_judgment_is_denied_without_prejudice():
    ruling = registry.decide(TEST, source_facts())
    assert ruling.outcome == Outcome.not_plausible
    assert ruling.is_holding
    beyond = ruling.element("dconn.subscriber.beyond_status")
    assert beyond.met is False and beyond.basis == Basis.held
    assert "dconn.subscriber.no_facts_beyond_status" in beyond.quote_ids
    for eid, qid in MISSING_FACT_QUOTES.items():
        r = ruling.element(eid)
        assert r.met is False and r.basis == Basis.held, eid
        assert qid in r.quote_ids
    remedy = ruling.element("dconn.subscriber.remedy")
    assert "dconn.subscriber.denied_without_prejudice" in remedy.quote_ids
    assert "dconn.subscriber.renew_by" in remedy.quote_ids
    assert "September 14, 2020" in remedy.explanation and "without prejudice" in ruling.summary


def test_the_standards_are_stated_never_not_decided():
    # Changed (review, lesson 04 major): "Standard: plausibility, not possibility" was shown as not
    # decided by the sources; 003 Discussion states it (Rule 12(b)(6); Iqbal), with the default-judgment
    # rule (Mickalis; Taizhou: the defaulted allegations must state a claim).
    ruling = registry.decide(TEST, source_facts())
    for eid in ("dconn.subscriber.default_standard", "dconn.subscriber.plausibility_standard",
                "dconn.subscriber.conclusory"):
        r = ruling.element(eid)
        assert r.basis == Basis.stated and r.status == "stated", eid
    assert "dconn.subscriber.iqbal" in ruling.element("dconn.subscriber.plausibility_standard").quote_ids
    assert "dconn.subscriber.taizhou" in ruling.element("dconn.subscriber.default_standard").quote_ids


def test_the_growing_weight_of_authority_is_attributed_to_other_courts():
    # Changed (review 1-3): "merely makes it possible—rather than plausible" is the court describing other
    # courts; the element quotes the whole clause, and the holding is the court's own sentence.
    beyond = registry.decide(TEST, source_facts()).element("dconn.subscriber.beyond_status")
    assert "case.dconn.growing_weight" in beyond.quote_ids
    assert "growing weight of authority" in quote("case.dconn.growing_weight").text
    assert quote("dconn.subscriber.possible_not_plausible").note


def test_counterfactuals_a_missing_fact_lifts_the_bar_but_never_makes_it_plausible():
    ruling = registry.decide(TEST, source_facts())
    flips = {c.fact: (c.to_value, c.outcome) for c in ruling.counterfactuals}
    for fact in ("lone_adult_resident", "exclusive_access_alleged", "admission_alleged",
                 "technical_background_alleged"):
        assert flips[fact] == (True, Outcome.not_precluded)
    # a single-family home points neither way: the court listed the kind of building as missing (second reading, M9)
    assert flips["dwelling"] == (Dwelling.single_family, Outcome.undetermined)
    # a contact whose content is not pleaded points neither way (review: it always counted for the plaintiff)
    assert flips["contacted_or_admitted"] == (True, Outcome.undetermined)
    # the conclusory 'habitual' label changes nothing
    assert "conclusory_habitual_allegation" not in flips


def test_the_n_d_ill_2019_facts_are_described_not_held_plausible():
    # Changed (review, lesson 04 major): the old test said "Plausible" on these two facts alone; 003 says the
    # allegations "further" made it plausible in N.D. Ill. 2019, and D. Conn. decided only what fails.
    ruling = registry.decide(TEST, {"technical_background_alleged": True, "lone_adult_resident": True})
    assert ruling.outcome == Outcome.not_precluded and not ruling.is_holding
    comparison = ruling.element("dconn.subscriber.ndill_2019_comparison")
    assert comparison.basis == Basis.described and comparison.status == "described"
    assert "further" in comparison.explanation
    assert UNDECIDED in ruling.summary


def test_widening_facts_are_not_plausible_as_the_courses_inference_not_a_holding():
    ruling = registry.decide(TEST, {"dwelling": "multi_unit", "wireless": True, "network_secured": False})
    assert ruling.outcome == Outcome.not_plausible
    assert ruling.basis == Basis.applied and not ruling.is_holding
    # the summary names what is pleaded instead of claiming nothing beyond status is
    assert "nothing beyond subscriber status" not in ruling.summary
    assert "multi-unit" in ruling.summary


def test_the_test_declares_that_it_can_never_say_plausible():
    assert Outcome.plausible in registry.get(TEST).never


facts_strategy = st.builds(
    SubscriberFacts,
    dwelling=st.sampled_from(list(Dwelling)),
    residents_count=st.none() | st.integers(1, 100),
    wireless=st.none() | st.booleans(),
    network_secured=st.none() | st.booleans(),
)


def plaintiff_moves(f: SubscriberFacts):
    """Ways of adding a fact pointing to the defendant, each in the plaintiff's favor."""
    yield {"subscriber_status": True}
    yield {"lone_adult_resident": True}
    yield {"exclusive_access_alleged": True}
    yield {"admission_alleged": True}
    yield {"technical_background_alleged": True}
    yield {"residents_count": 1}
    yield {"wireless": False}
    if f.dwelling == Dwelling.not_pleaded:
        yield {"dwelling": Dwelling.single_family}
    if f.dwelling == Dwelling.multi_unit:
        yield {"dwelling": Dwelling.not_pleaded}
    if f.network_secured is None:
        yield {"network_secured": True}
    if f.network_secured is False:
        yield {"network_secured": None}


@settings(max_examples=100, deadline=None)
@given(facts_strategy)
def test_adding_a_fact_pointing_to_the_defendant_never_makes_the_result_worse_for_the_plaintiff(facts):
    before = RANK[registry.decide(TEST, facts, counterfactuals=False).outcome]
    for update in plaintiff_moves(facts):
        after = registry.decide(TEST, facts.model_copy(update=update), counterfactuals=False).outcome
        assert RANK[after] >= before, update
    flipped = facts.model_copy(update={"conclusory_habitual_allegation": not facts.conclusory_habitual_allegation})
    assert RANK[registry.decide(TEST, flipped, counterfactuals=False).outcome] == before


@settings(max_examples=100, deadline=None)
@given(facts_strategy)
def test_every_ruling_is_quoted_honestly_never_plausible_and_says_when_the_sources_are_silent(facts):
    ruling = registry.decide(TEST, facts, counterfactuals=False)
    assert ruling.outcome != Outcome.plausible
    assert ruling.quote_ids
    for qid in ruling.quote_ids:
        assert check.check_quote(quote(qid)) is None
        assert quote(qid).seed == "003"
    prose = " ".join([ruling.summary] + [r.explanation for r in ruling.reasons])
    assert check.check_prose(prose, TEST) == []
    if ruling.outcome in (Outcome.undetermined, Outcome.not_precluded):
        assert UNDECIDED in ruling.summary
    if "nothing beyond subscriber status" in ruling.summary:
        assert not any(getattr(facts, k) for k in ("lone_adult_resident", "exclusive_access_alleged",
                                                   "contacted_or_admitted", "admission_alleged",
                                                   "technical_background_alleged"))
        assert facts.dwelling == Dwelling.not_pleaded and facts.residents_count is None


@pytest.mark.parametrize(
    "raw, field",
    [
        ({"residents_count": -2}, "residents_count"),
        ({"residents_count": "several"}, "residents_count"),
        ({"dwelling": "castle"}, "dwelling"),
        ({"exclusive_access_alleged": "yes please"}, "exclusive_access_alleged"),
        ({"ip_address": "72.192.32.104"}, "ip_address"),
    ],
)
def test_bad_facts_name_the_field(raw, field):
    with pytest.raises(registry.BadFacts, match=field):
        registry.decide(TEST, raw)
