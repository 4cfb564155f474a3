"""Subscriber-as-infringer plausibility (D. Conn. 2020): the source's facts give the source's result."""
import pytest
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.records import quote
from course.ruling import Outcome
from course.subscriber import PLAUSIBILITY_ORDER as RANK
from course.subscriber import Dwelling, SubscriberFacts, source_facts

TEST = "subscriber.dconn_2020"
MISSING_FACT_QUOTES = {
    "Single-family home or multi-unit building": "dconn.subscriber.no_dwelling_fact",
    "Number of residents": "dconn.subscriber.no_residents_fact",
    "Network configuration (wireless; secured or unsecured)": "dconn.subscriber.no_network_fact",
    "Exclusive access to the account": "dconn.subscriber.no_exclusive_access",
    "Contact with the defendant personally": "dconn.subscriber.no_contact",
}


def by_element(ruling):
    return {r.element: r for r in ruling.reasons}


def test_subscriber_status_alone_is_not_plausible_and_default_judgment_is_denied_without_prejudice():
    ruling = registry.decide(TEST, source_facts())
    assert ruling.outcome == Outcome.not_plausible
    assert ruling.is_holding
    r = by_element(ruling)
    status = r["Subscriber status"]
    assert status.met is False
    assert "dconn.subscriber.possible_not_plausible" in status.quote_ids
    assert r["Conclusory allegations"].met is False
    assert "dconn.subscriber.conclusory_not_enough" in r["Conclusory allegations"].quote_ids
    for element, qid in MISSING_FACT_QUOTES.items():
        assert r[element].met is False, element
        assert qid in r[element].quote_ids
    final = r["Plausibly the named defendant, not someone else"]
    assert final.met is False
    assert "dconn.subscriber.no_additional_facts" in final.quote_ids
    assert "dconn.subscriber.denied_without_prejudice" in final.quote_ids
    assert "dconn.subscriber.renew_by" in final.quote_ids
    assert "without prejudice" in ruling.summary and "September 14, 2020" in ruling.summary


def test_counterfactuals_each_missing_fact_reopens_the_question_but_none_alone_decides_it():
    ruling = registry.decide(TEST, source_facts())
    flips = {c.fact: (c.to_value, c.outcome) for c in ruling.counterfactuals}
    for fact in ("lone_adult_resident", "exclusive_access_alleged", "contacted_or_admitted",
                 "technical_background_alleged"):
        assert flips[fact] == (True, Outcome.undetermined)
    assert flips["dwelling"] == (Dwelling.single_family, Outcome.undetermined)
    # the conclusory 'habitual' label changes nothing
    assert "conclusory_habitual_allegation" not in flips


def test_computer_science_background_and_lone_adult_male_is_plausible_as_the_d_conn_describes_it():
    ruling = registry.decide(TEST, {"technical_background_alleged": True, "lone_adult_resident": True})
    assert ruling.outcome == Outcome.plausible
    assert ruling.is_holding is False  # the D. Conn. cites the N.D. Ill. 2019 case as a comparison
    assert "as the D. Conn. describes it" in ruling.summary
    final = by_element(ruling)["Plausibly the named defendant, not someone else"]
    assert final.met is True
    assert final.quote_ids == ("dconn.subscriber.ndill_2019_comparison",)


def test_combinations_the_sources_do_not_address_are_undetermined():
    for raw in (
        {"dwelling": "single_family", "network_secured": True},
        {"residents_count": 1},
        {"exclusive_access_alleged": True, "contacted_or_admitted": True},
        {"technical_background_alleged": True},
        # the comparator's facts plus an unsecured network: the N.D. Ill. 2019 case did not address it
        {"technical_background_alleged": True, "lone_adult_resident": True, "wireless": True,
         "network_secured": False},
    ):
        ruling = registry.decide(TEST, raw, counterfactuals=False)
        assert ruling.outcome == Outcome.undetermined, raw
        assert "the sources do not decide this" in ruling.summary
        assert by_element(ruling)["Plausibly the named defendant, not someone else"].met is None


def test_facts_that_only_widen_the_circle_of_users_stay_not_plausible():
    ruling = registry.decide(TEST, {"dwelling": "multi_unit", "wireless": True, "network_secured": False})
    assert ruling.outcome == Outcome.not_plausible


facts_strategy = st.builds(
    SubscriberFacts,
    dwelling=st.sampled_from(list(Dwelling)),
    residents_count=st.none() | st.integers(1, 100),
    wireless=st.none() | st.booleans(),
    network_secured=st.none() | st.booleans(),
)


def plaintiff_moves(f: SubscriberFacts):
    """Ways of adding a fact the court said was missing, each in the plaintiff's favor."""
    yield {"subscriber_status": True}
    yield {"lone_adult_resident": True}
    yield {"exclusive_access_alleged": True}
    yield {"contacted_or_admitted": True}
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
def test_adding_a_missing_household_fact_never_makes_the_claim_less_plausible(facts):
    before = RANK[registry.decide(TEST, facts, counterfactuals=False).outcome]
    for update in plaintiff_moves(facts):
        after = registry.decide(TEST, facts.model_copy(update=update), counterfactuals=False).outcome
        assert RANK[after] >= before, update
    flipped = facts.model_copy(update={"conclusory_habitual_allegation": not facts.conclusory_habitual_allegation})
    assert RANK[registry.decide(TEST, flipped, counterfactuals=False).outcome] == before


@settings(max_examples=100, deadline=None)
@given(facts_strategy)
def test_every_ruling_is_quoted_honestly_and_says_when_the_sources_are_silent(facts):
    ruling = registry.decide(TEST, facts, counterfactuals=False)
    assert ruling.quote_ids
    for qid in ruling.quote_ids:
        assert check.check_quote(quote(qid)) is None
        assert quote(qid).seed == "003"
    prose = " ".join([ruling.summary] + [r.explanation for r in ruling.reasons])
    assert check.check_prose(prose, TEST) == []
    if ruling.outcome == Outcome.undetermined:
        assert "the sources do not decide this" in ruling.summary
    if ruling.outcome == Outcome.plausible:
        assert ruling.is_holding is False and "as the D. Conn. describes it" in ruling.summary


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
