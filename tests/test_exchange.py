"""Direct-exchange model: the formula agrees with a seeded simulation of the same rules."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from course.exchange import (
    LIMITS,
    ExchangeAssumptions,
    exchange_probability,
    monte_carlo,
    overlap_minutes_for,
    periods,
)


def test_defaults_are_bep3_and_say_where_each_comes_from():
    a = ExchangeAssumptions()
    assert (a.upload_slots, a.rechoke_seconds, a.optimistic_unchoke_seconds) == (4, 10.0, 30.0)
    status = {x.name: x.status for x in a.assumptions()}
    assert status["upload_slots"] == status["rechoke_seconds"] == status["optimistic_unchoke_seconds"] == "VERIFIED"
    for name in ("swarm_size", "reciprocation", "neighbours", "transfer_per_unchoked_period"):
        assert status[name] == "assumption"
    assert all("BEP 3" in x.source for x in a.assumptions() if x.status == "VERIFIED")


def test_limits_text_is_plain_and_honest():
    assert "teaching model" in LIMITS
    assert 3 <= LIMITS.count(". ") + 1 <= 8
    assert "<" not in LIMITS and "*" not in LIMITS


@pytest.mark.parametrize(
    "minutes, assumptions",
    [
        (1, ExchangeAssumptions()),
        (5, ExchangeAssumptions(swarm_size=200)),
        (2, ExchangeAssumptions(swarm_size=30, reciprocation=0.8)),
        (3, ExchangeAssumptions(swarm_size=20, neighbours=8, transfer_per_unchoked_period=0.25)),
        (0.25, ExchangeAssumptions(swarm_size=5, upload_slots=2, reciprocation=0.5, transfer_per_unchoked_period=0.5)),
    ],
)
def test_formula_matches_monte_carlo(minutes, assumptions):
    exact = exchange_probability(minutes, assumptions).probability_direct_exchange
    sim = monte_carlo(minutes, assumptions, trials=20_000, seed=7)
    assert abs(sim.probability_direct_exchange - exact) <= 4.5 * sim.standard_error + 1e-3


@settings(max_examples=15, deadline=None)
@given(
    minutes=st.floats(0.05, 2.0),
    swarm=st.integers(2, 60),
    slots=st.integers(1, 5),
    reciprocation=st.sampled_from([0.0, 0.3, 0.9]),
    transfer=st.sampled_from([1.0, 0.5, 0.1]),
    neighbours=st.one_of(st.none(), st.integers(1, 60)),
)
def test_formula_matches_monte_carlo_on_random_settings(minutes, swarm, slots, reciprocation, transfer, neighbours):
    a = ExchangeAssumptions(swarm_size=swarm, upload_slots=slots, reciprocation=reciprocation,
                            transfer_per_unchoked_period=transfer, neighbours=neighbours)
    exact = exchange_probability(minutes, a).probability_direct_exchange
    sim = monte_carlo(minutes, a, trials=6_000, seed=11)
    assert abs(sim.probability_direct_exchange - exact) <= 5 * sim.standard_error + 2e-3


def test_with_fresh_draws_and_certain_transfer_the_formula_is_a_plain_power():
    a = ExchangeAssumptions(swarm_size=51)
    e = exchange_probability(2, a)  # 12 rechoke periods, 4 optimistic periods
    assert (e.rechoke_periods, e.optimistic_periods) == (12, 4)
    q = 1 / 50
    none = (1 - q) ** (3 * 12) * (1 - q) ** 4
    assert e.probability_direct_exchange == pytest.approx(1 - none**2)
    assert e.probability_a_to_b == pytest.approx(1 - none)
    assert e.expected_peers_a_uploads_to == pytest.approx(50 * (1 - none))


def test_two_state_chain_reduces_to_the_closed_form_when_transfer_is_certain():
    a1 = ExchangeAssumptions(swarm_size=40, reciprocation=0.6, transfer_per_unchoked_period=1.0)
    a2 = ExchangeAssumptions(swarm_size=40, reciprocation=0.6, transfer_per_unchoked_period=1.0 - 1e-12)
    assert exchange_probability(7, a1).probability_direct_exchange == pytest.approx(
        exchange_probability(7, a2).probability_direct_exchange, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 120), st.floats(0, 120), st.integers(2, 500), st.floats(0, 0.95))
def test_more_overlap_never_lowers_the_probability(m1, m2, swarm, r):
    a = ExchangeAssumptions(swarm_size=swarm, reciprocation=r)
    lo, hi = sorted((m1, m2))
    p_lo = exchange_probability(lo, a).probability_direct_exchange
    p_hi = exchange_probability(hi, a).probability_direct_exchange
    assert 0 <= p_lo <= p_hi + 1e-12 <= 1 + 1e-12


def test_edges():
    assert exchange_probability(0).probability_direct_exchange == 0
    assert exchange_probability(0.01, ExchangeAssumptions(swarm_size=2)).probability_direct_exchange == 1
    capped = ExchangeAssumptions(swarm_size=101, neighbours=25)
    e = exchange_probability(24 * 60, capped)
    assert e.probability_connected == 0.25
    assert e.probability_direct_exchange == pytest.approx(0.25)
    assert e.expected_exchange_partners <= 25


def test_reciprocation_and_bigger_swarms_lower_the_chance():
    base = exchange_probability(3, ExchangeAssumptions(swarm_size=100)).probability_direct_exchange
    sticky = exchange_probability(3, ExchangeAssumptions(swarm_size=100, reciprocation=0.9)).probability_direct_exchange
    bigger = exchange_probability(3, ExchangeAssumptions(swarm_size=1000)).probability_direct_exchange
    assert sticky < base and bigger < base


def test_overlap_needed_for_a_probability_is_the_smallest_such_overlap():
    a = ExchangeAssumptions(swarm_size=300)
    minutes = overlap_minutes_for(0.5, a)
    assert exchange_probability(minutes, a).probability_direct_exchange >= 0.5
    assert exchange_probability(minutes - a.rechoke_seconds / 60, a).probability_direct_exchange < 0.5
    assert overlap_minutes_for(0.9, ExchangeAssumptions(swarm_size=101, neighbours=50)) is None


def test_periods_count_partial_periods():
    assert periods(1, 10) == 6 and periods(1.01, 10) == 7 and periods(0, 30) == 0 and periods(0.001, 30) == 1
    with pytest.raises(ValueError):
        periods(-1, 10)


def test_bad_assumptions_are_refused():
    for bad in (dict(swarm_size=1), dict(upload_slots=0), dict(rechoke_seconds=0), dict(reciprocation=1.0),
                dict(neighbours=0), dict(transfer_per_unchoked_period=0)):
        with pytest.raises(ValueError):
            ExchangeAssumptions(**bad)
    with pytest.raises(ValueError, match="max_work"):
        monte_carlo(60 * 24, trials=100_000)


def test_monte_carlo_is_reproducible_with_its_seed():
    a = monte_carlo(1, trials=2_000, seed=3)
    b = monte_carlo(1, trials=2_000, seed=3)
    assert a == b
    assert math.isclose(a.standard_error, math.sqrt(a.probability_direct_exchange
                                                    * (1 - a.probability_direct_exchange) / 2_000))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 500), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_pure_python_matrix_power_matches_numpy(n, a, b, c, d, scale):
    """The formula's 2x2 matrix power runs without numpy (for the static site) and agrees with it."""
    import numpy as np

    from course.exchange import _matrix_power_2x2

    m = ((a * scale, b * scale), (c * scale, d * scale))
    got = np.array(_matrix_power_2x2(m, n))
    want = np.linalg.matrix_power(np.array(m), n)
    assert np.allclose(got, want, rtol=1e-9, atol=1e-300)
