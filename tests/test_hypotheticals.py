"""Seeded hypotheticals: deterministic, valid facts, and prompts that do not give the answer away."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import exercises as ex
from course import hypotheticals as hyp
from course import registry
from course.ruling import OUTCOME_LABELS

EXPECTED = {
    "ndill_gap": "joinder.ndill_2013",
    "ndcal_swarm": "joinder.ndcal_2012",
    "rule21_does": "joinder.rule21_discretion",
    "geolocation_residence": "jurisdiction.geolocation_residence_ndcal_2012",
    "geolocation_particularity": "discovery.dhaw_2020_particularity",
    "dconn_household": "subscriber.dconn_2020",
    "calder_audience": "jurisdiction.calder_express_aiming_dhaw_2020",
}


def test_every_kind_is_there():
    assert hyp.names() == list(EXPECTED)
    for name, test_id in EXPECTED.items():
        assert hyp.GENERATORS[name].test_id == test_id


@pytest.mark.parametrize("name", list(EXPECTED))
def test_same_seed_same_exercise(name):
    a, b = hyp.generate(name, 11), hyp.generate(name, 11)
    assert a == b
    assert a.test_id == EXPECTED[name] and a.generator.seed == 11
    others = {hyp.generate(name, s).prompt for s in range(12)}
    assert len(others) > 3  # different seeds give different facts


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(list(EXPECTED)), seed=st.integers(0, 10**6))
def test_facts_are_valid_and_prompt_hides_the_answer(name, seed):
    q = hyp.generate(name, seed)
    registry.parse_facts(registry.get(q.test_id), q.facts)
    ruling = ex.apply_ruling(q)
    assert ruling.quote_ids
    prompt = q.prompt.lower()
    assert OUTCOME_LABELS[ruling.outcome].lower() not in prompt
    assert ruling.summary.lower() not in prompt
    for reason in ruling.reasons:  # a reasoned explanation (not a bare restatement of a fact)
        if len(reason.explanation) > 60:
            assert reason.explanation.lower() not in prompt
    for word in ("not met", "severed", "improper", "not plausible", "not shown"):
        assert word not in prompt
    pub = ex.public(q)
    assert ruling.outcome.value in [o["value"] for o in pub["outcomes"]]


def test_ndill_prompt_times_match_the_gap():
    import datetime as dt
    import re

    q = hyp.generate("ndill_gap", 5)
    times = re.findall(r"on (\w+ \d+, \d{4} at \d+:\d\d [ap]\.m\.)", q.prompt)
    assert len(times) == 2

    def parse(s):
        return dt.datetime.strptime(s.replace("a.m.", "AM").replace("p.m.", "PM"), "%B %d, %Y at %I:%M %p")

    gap = (parse(times[1]) - parse(times[0])).total_seconds() / 3600
    assert q.facts["gap_hours"] == pytest.approx(gap)


def test_unknown_generator_and_bad_seed():
    with pytest.raises(KeyError, match="ndill_gap"):
        hyp.generate("nope", 1)
    with pytest.raises(ValueError):
        hyp.hypothetical("ndill_gap", -1)


def test_generated_questions_grade():
    q = hyp.generate("dconn_household", 3)
    ruling = ex.apply_ruling(q)
    fb = ex.grade(q, {"outcome": ruling.outcome.value, "reasons": ex.decisive_reasons(ruling)})
    assert fb.correct and fb.quotes


@pytest.mark.parametrize("name", hyp.names())
def test_most_generated_problems_have_a_decided_answer(name):
    """At least two thirds of seeds give a decided answer (issue: 35 of 40 Rule 21 seeds gave
    "the sources do not decide"); the engine still decides every one (the share is measured, not set)."""
    share = hyp.decided_share(name, range(60))
    assert share >= 2 / 3, f"{name}: only {share:.0%} of 60 seeds decided"


@pytest.mark.parametrize("seed", range(40))
def test_ndcal_swarm_closest_gap_fits_the_span(seed):
    """n Does over a span S are at most S / (n - 1) apart at their closest (second reading, C1)."""
    import re

    q = hyp.hypothetical("ndcal_swarm", seed)
    n = int(re.search(r"sues (\d+) Does", q.prompt).group(1))
    assert q.facts["does_count"] == n
    span = q.facts["span_days"] * 24
    closest = re.search(r"closest together were observed (.+?) apart", q.prompt).group(1)
    value = float(closest.split()[0]) / (60 if "minute" in closest else 1)
    assert value <= span / (n - 1) + 0.1
