"""Motion to quash (N.D. Ill. 2013): the source's own facts give the source's result."""
from hypothesis import given, settings, strategies as st

from course import check, registry
from course.quash import QuashFacts, source_facts
from course.records import quote
from course.ruling import Outcome


def test_doe_29_motion_to_quash_is_denied_for_the_reasons_the_court_gave():
    ruling = registry.decide("quash.ndill_2013", source_facts())
    assert ruling.outcome == Outcome.quash_denied
    by_element = {r.element: r for r in ruling.reasons}
    assert by_element["(iii) Privileged matter"].met is False
    assert "ndill.quash.no_privacy" in by_element["(iii) Privileged matter"].quote_ids
    assert by_element["(iv) Undue burden"].met is False
    assert "ndill.quash.isp_not_challenging" in by_element["(iv) Undue burden"].quote_ids
    # standing was assumed, not decided: the engine must not say it was met
    assert by_element["Standing of a non-recipient"].met is None


def test_counterfactuals_name_each_ground_that_would_flip_the_result():
    ruling = registry.decide("quash.ndill_2013", source_facts())
    flips = {c.fact: c.outcome for c in ruling.counterfactuals}
    assert flips["other_privileged_matter"] == Outcome.quash_granted
    assert flips["nonparty_travel_over_100_miles"] == Outcome.quash_granted
    assert flips["recipient_objects_to_burden"] == Outcome.undetermined


@settings(deadline=None)
@given(st.builds(QuashFacts))
def test_every_ruling_is_explained_by_quotes_that_pass_the_source_check(facts):
    ruling = registry.decide("quash.ndill_2013", facts, counterfactuals=False)
    assert ruling.quote_ids
    for qid in ruling.quote_ids:
        assert check.check_quote(quote(qid)) is None
