"""Swarm timing: the sweep agrees with an all-pairs reference, and the seeds' examples come out right."""
from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from course.exhibit import read_exhibit
from course.swarm import (
    PLACEMENTS,
    SwarmAssumptions,
    analyse,
    consecutive_gaps_hours,
    gap_hours,
    iter_overlapping_pairs,
    pair_overlaps,
    presence,
    threshold_for_overlap,
)

ROOT = Path(__file__).resolve().parent.parent
EXHIBITS = ROOT / "data" / "exhibits"
T0 = pd.Timestamp("2012-07-23", tz="UTC")


def frame(minutes: list[int], does: list[int] | None = None) -> pd.DataFrame:
    does = does or list(range(1, len(minutes) + 1))
    return pd.DataFrame({"doe": does, "observed_at": T0 + pd.to_timedelta(list(minutes), unit="min")})


# --- the O(n^2) reference, in exact integer half-minutes ---------------------------------


def reference(minutes, session_minutes, placement):
    """Every pair compared; intervals from the module docstring's definitions."""
    iv = {}
    for doe, (t, s) in enumerate(zip(minutes, session_minutes), start=1):
        if placement == "centred":
            iv[doe] = (2 * t - s, 2 * t + s)
        elif placement == "joined_at_observation":
            iv[doe] = (2 * t, 2 * t + 2 * s)
        else:
            iv[doe] = (2 * t - 2 * s, 2 * t + 2 * s)
    pairs = {frozenset((a, b)) for a, b in itertools.combinations(iv, 2)
             if iv[a][0] < iv[b][1] and iv[b][0] < iv[a][1]}
    partners = {d: sum(d in p for p in pairs) for d in iv}
    parent = {d: d for d in iv}

    def find(d):
        while parent[d] != d:
            d = parent[d]
        return d

    for p in pairs:
        a, b = tuple(p)
        parent[find(a)] = find(b)
    groups = {frozenset(d for d in iv if find(d) == r) for r in {find(d) for d in iv}}
    return pairs, partners, groups


@st.composite
def exhibits(draw):
    n = draw(st.integers(0, 14))
    minutes = draw(st.lists(st.integers(0, 3000), min_size=n, max_size=n))
    session = draw(st.integers(1, 600))
    overrides = draw(st.dictionaries(st.integers(1, max(n, 1)), st.integers(1, 2000), max_size=3)) if n else {}
    placement = draw(st.sampled_from(PLACEMENTS))
    return minutes, session, overrides, placement


@settings(max_examples=150, deadline=None)
@given(exhibits())
def test_sweep_matches_all_pairs_reference(case):
    minutes, session, overrides, placement = case
    assumptions = SwarmAssumptions(
        session_hours=session / 60,
        placement=placement,
        session_hours_by_doe={d: m / 60 for d, m in overrides.items()},
    )
    per_doe = [overrides.get(d, session) for d in range(1, len(minutes) + 1)]
    pairs, partners, groups = reference(minutes, per_doe, placement)
    obs = frame(minutes)

    result = analyse(obs, assumptions, pairs_limit=10_000)
    assert result.overlapping_pairs == len(pairs)
    assert {frozenset(p) for p in result.pairs} == pairs
    assert len(result.pairs) == len(pairs) and not result.pairs_truncated
    assert {frozenset(g.does) for g in result.groups} == groups
    assert result.does_with_company == sum(1 for v in partners.values() if v)
    n = len(minutes)
    assert result.share_with_company == (result.does_with_company / n if n else 0.0)
    assert result.possible_pairs == n * (n - 1) // 2

    table = presence(obs, assumptions).set_index("doe")
    assert table["overlapping_does"].to_dict() == partners
    assert (table["has_company"] == (table["overlapping_does"] > 0)).all()
    assert set(iter_overlapping_pairs(obs, assumptions)) == set(result.pairs)
    records = [{"doe": d, "observed_at": (T0 + pd.Timedelta(minutes=m)).to_pydatetime()}
               for d, m in enumerate(minutes, start=1)]  # plain rows, as a page gives them: the same answer
    assert analyse(records, assumptions, pairs_limit=10_000) == result

    ordered = sorted(minutes)
    gaps = [b - a for a, b in zip(ordered, ordered[1:])]
    if n >= 2:
        assert result.largest_gap_hours == pytest.approx(max(gaps) / 60)
        assert result.smallest_gap_hours == pytest.approx(min(gaps) / 60)
        assert result.span_hours == pytest.approx((ordered[-1] - ordered[0]) / 60)
    else:
        assert result.largest_gap_hours is None and result.smallest_gap_hours is None and result.span_hours is None
    for a, b in itertools.islice(itertools.combinations(range(1, n + 1), 2), 6):
        assert pair_overlaps(obs, a, b, assumptions) == (frozenset((a, b)) in pairs)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 3000), min_size=2, max_size=10), st.sampled_from(PLACEMENTS))
def test_one_chain_and_all_company_thresholds_are_where_the_sweep_changes(minutes, placement):
    obs = frame(minutes)
    probe = analyse(obs, SwarmAssumptions(1.0, placement))
    eps = 1 / 600  # 6 seconds, far above rounding and below the 1-minute grid
    above = analyse(obs, SwarmAssumptions(probe.session_hours_for_one_chain + eps, placement))
    assert len(above.groups) == 1
    if probe.session_hours_for_one_chain > eps:
        below = analyse(obs, SwarmAssumptions(probe.session_hours_for_one_chain - eps, placement))
        assert len(below.groups) > 1
    company = analyse(obs, SwarmAssumptions(probe.session_hours_for_all_company + eps, placement))
    assert company.share_with_company == 1.0
    if probe.session_hours_for_all_company > eps:
        lonely = analyse(obs, SwarmAssumptions(probe.session_hours_for_all_company - eps, placement))
        assert lonely.share_with_company < 1.0


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 10_000), st.sampled_from(PLACEMENTS))
def test_pair_overlaps_exactly_when_session_exceeds_the_threshold(a, b, placement):
    obs = frame([a, b])
    gap = gap_hours(obs, 1, 2)
    assert gap == pytest.approx(abs(a - b) / 60)
    threshold = threshold_for_overlap(gap, placement)
    assert pair_overlaps(obs, 1, 2, SwarmAssumptions(threshold + 1 / 600, placement))
    if threshold > 1 / 600:
        assert not pair_overlaps(obs, 1, 2, SwarmAssumptions(threshold - 1 / 600, placement))


# --- the seeds' examples -----------------------------------------------------------------


def test_ndill_does_29_and_38_need_a_stay_of_about_17_days_to_overlap():
    ex = read_exhibit(EXHIBITS / "ndill_doe29_doe38.csv")
    gap = gap_hours(ex, 29, 38)
    assert gap == pytest.approx(16 * 24 + 15 + 48 / 60)  # 399.8 hours on the Chicago-time assumption
    assert threshold_for_overlap(gap) == pytest.approx(399.8)
    assert threshold_for_overlap(gap, "could_have") == pytest.approx(199.9)
    # touching is not overlapping: exactly the gap is not enough
    assert analyse(ex, SwarmAssumptions(399.8)).overlapping_pairs == 0
    assert analyse(ex, SwarmAssumptions(400)).overlapping_pairs == 1
    assert analyse(ex, SwarmAssumptions(24 * 7, "could_have")).overlapping_pairs == 0
    assert analyse(ex, SwarmAssumptions(200, "could_have")).pairs == ()
    assert analyse(ex, SwarmAssumptions(200, "could_have"), pairs_limit=1).pairs == ((29, 38),)


def test_ndcal_pattern_has_no_company_at_an_hour_and_needs_days_to_form_one_chain():
    ex = read_exhibit(EXHIBITS / "ndcal_hard_drive_pattern.csv")
    hour = analyse(ex, SwarmAssumptions(1.0))
    assert hour.overlapping_pairs == 0 and hour.share_with_company == 0.0
    assert len(hour.groups) == 90
    assert hour.largest_gap_hours > 7 * 24
    assert hour.session_hours_for_one_chain == hour.largest_gap_hours
    assert min(consecutive_gaps_hours(ex)) >= 1.0


def test_tight_cluster_is_one_group_with_an_hour_long_stay():
    ex = read_exhibit(EXHIBITS / "tight_cluster.csv")
    result = analyse(ex, SwarmAssumptions(1.0))
    assert len(result.groups) == 1 and result.largest_group_size == 12
    assert result.share_with_company == 1.0


# --- API details -------------------------------------------------------------------------


def test_pairs_are_counted_always_and_listed_only_up_to_the_limit():
    obs = frame(list(range(0, 50)))  # 50 Does a minute apart
    result = analyse(obs, SwarmAssumptions(1.0), pairs_limit=5)
    assert result.overlapping_pairs == sum(50 - k for k in range(1, 60) if k < 50)  # every gap < 60 min
    assert len(result.pairs) == 5 and result.pairs_truncated
    assert analyse(obs, SwarmAssumptions(1.0)).pairs == ()
    assert list(itertools.islice(iter_overlapping_pairs(obs, SwarmAssumptions(1.0)), 5)) == list(result.pairs)
    with pytest.raises(ValueError):
        analyse(obs, SwarmAssumptions(1.0), pairs_limit=-1)


def test_one_long_stay_links_does_that_otherwise_stand_alone():
    obs = frame([0, 600, 1200])  # ten hours apart
    alone = analyse(obs, SwarmAssumptions(1.0))
    assert alone.overlapping_pairs == 0
    assumptions = SwarmAssumptions(1.0, "joined_at_observation", session_hours_by_doe={1: 24})
    seeder = analyse(obs, assumptions)
    assert {frozenset(p) for p in iter_overlapping_pairs(obs, assumptions)} == {frozenset({1, 2}), frozenset({1, 3})}
    assert seeder.largest_group_size == 3
    assert assumptions.assumptions()[-1].name == "session_hours for Doe 1"


def test_bad_inputs_are_refused_clearly():
    with pytest.raises(ValueError, match="session_hours"):
        SwarmAssumptions(0)
    with pytest.raises(ValueError, match="placement"):
        SwarmAssumptions(1, "somewhere")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="once"):
        analyse(frame([0, 5], does=[3, 3]), SwarmAssumptions(1))
    with pytest.raises(KeyError, match="Doe 9"):
        gap_hours(frame([0, 5]), 1, 9)
    with pytest.raises(ValueError, match="observed_at"):
        analyse(pd.DataFrame({"doe": [1]}), SwarmAssumptions(1))


def test_empty_and_single_doe_exhibits():
    empty = analyse(frame([]), SwarmAssumptions(1))
    assert (empty.does, empty.overlapping_pairs, empty.share_with_company, empty.groups) == (0, 0, 0.0, ())
    one = analyse(frame([10]), SwarmAssumptions(1))
    assert one.does == 1 and one.largest_gap_hours is None and one.session_hours_for_one_chain is None
    assert len(one.groups) == 1


def test_presence_shows_the_interval_each_placement_assumes():
    obs = frame([60])
    seen = T0 + pd.Timedelta(hours=1)
    rows = {p: presence(obs, SwarmAssumptions(2.0, p)).iloc[0] for p in PLACEMENTS}
    assert (rows["centred"]["present_from"], rows["centred"]["present_until"]) == (
        seen - pd.Timedelta(hours=1), seen + pd.Timedelta(hours=1))
    assert (rows["joined_at_observation"]["present_from"], rows["joined_at_observation"]["present_until"]) == (
        seen, seen + pd.Timedelta(hours=2))
    assert (rows["could_have"]["present_from"], rows["could_have"]["present_until"]) == (
        seen - pd.Timedelta(hours=2), seen + pd.Timedelta(hours=2))


def test_benchmark_quick_run_still_works(tmp_path):
    out = tmp_path / "swarm.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_swarm.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = json.loads(out.read_text())["rows"]
    assert [r["n"] for r in rows] == [100, 1000]
    assert all(r["ratio"] > 0 for r in rows)
