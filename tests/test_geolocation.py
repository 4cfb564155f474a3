"""Geolocation: per-Doe ranges for P(in forum), the 67% accuracy circle, and the exhibit's totals."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from course.exhibit import read_exhibit
from course.geolocation import (
    Forum,
    GeoClaim,
    GeoConfidence,
    Precision,
    circle_overlap_fraction,
    claims_from_exhibit,
    doe_in_forum,
    estimate_forum,
)

EXHIBITS = Path(__file__).resolve().parent.parent / "data" / "exhibits"
US = ("US", "United States")
CALIFORNIA = Forum("California", US, ("California", "CA"), whole_region=True)
DISTRICT = Forum("District (illustrative)", US, "California", cities=("San Jose", "Oakland"), area_km2=10_000)


def rng_range(d):
    return d.p_in_forum_low, d.p_in_forum_high


# --- the figures the sources give ---------------------------------------------------------


def test_only_the_radius_confidence_is_verified_the_rest_are_labelled_assumptions():
    status = {a.name: a.status for a in GeoConfidence().assumptions()}
    assert status["confidence inside the accuracy radius"] == "VERIFIED"
    assert {status[k] for k in status if "radius" not in k} == {"assumption"}
    changed = {a.name: a.status for a in GeoConfidence(radius=0.8).assumptions()}
    assert changed["confidence inside the accuracy radius"] == "assumption"
    sources = " ".join(a.source for a in GeoConfidence().assumptions())
    assert "seed 001" in sources and "67%" in sources


def test_a_circle_wholly_inside_the_district_gives_at_least_67_percent():
    d = doe_in_forum(GeoClaim(1, "US", "California", "San Jose", accuracy_km=10, distance_to_centre_km=5), DISTRICT)
    assert d.level == Precision.radius
    assert rng_range(d) == (pytest.approx(0.67), 1.0)


def test_a_circle_partly_inside_scales_by_the_area_inside():
    radius = DISTRICT.radius_km
    claim = GeoClaim(2, "US", accuracy_km=40, distance_to_centre_km=radius)  # centred on the edge
    d = doe_in_forum(claim, DISTRICT)
    f = circle_overlap_fraction(40, radius, radius)
    assert 0.3 < f < 0.5
    assert d.p_in_forum_low == pytest.approx(0.67 * f)
    assert d.p_in_forum_high == pytest.approx(0.67 * f + 0.33)


def test_country_level_is_reliable_for_the_country_but_says_nothing_about_the_state():
    claim = GeoClaim(3, country="US")
    assert rng_range(doe_in_forum(claim, Forum("United States", US))) == (0.95, 1.0)
    assert rng_range(doe_in_forum(claim, CALIFORNIA)) == (0.0, 1.0)
    share = Forum("California", US, "California", whole_region=True, share_of_country=0.12)
    low, high = rng_range(doe_in_forum(claim, share))
    assert low == pytest.approx(0.95 * 0.12) and high == pytest.approx(0.12)
    assert rng_range(doe_in_forum(GeoClaim(4, country="Canada"), CALIFORNIA)) == (0.0, pytest.approx(0.05))


def test_state_level_claims_get_the_user_set_confidence():
    claim = GeoClaim(5, "US", "california")
    assert rng_range(doe_in_forum(claim, CALIFORNIA)) == (0.5, 1.0)
    assert rng_range(doe_in_forum(claim, CALIFORNIA, GeoConfidence(region=0.9))) == (0.9, 1.0)
    assert rng_range(doe_in_forum(GeoClaim(6, "US", "Nevada"), CALIFORNIA)) == (0.0, 0.5)
    assert rng_range(doe_in_forum(claim, DISTRICT)) == (0.0, 1.0)  # district share not given


def test_city_claims_need_the_district_city_list():
    assert doe_in_forum(GeoClaim(7, "US", "California", "Oakland"), DISTRICT).p_in_forum_low == pytest.approx(0.3)
    outside = doe_in_forum(GeoClaim(8, "US", "California", "Fresno"), DISTRICT)
    assert rng_range(outside) == (0.0, pytest.approx(0.7))
    no_list = Forum("District", US, "California")
    assert rng_range(doe_in_forum(GeoClaim(9, "US", "California", "Oakland"), no_list)) == (0.0, 1.0)


def test_a_radius_without_district_area_or_distance_falls_back_to_the_coarser_levels():
    claim = GeoClaim(10, "US", "California", "Oakland", accuracy_km=20)
    d = doe_in_forum(claim, DISTRICT)
    assert d.levels[0].level == Precision.radius and "not used" in d.levels[0].reason
    assert d.p_in_forum_low == pytest.approx(0.3)  # from the city level


def test_a_claim_that_contradicts_itself_is_flagged():
    claim = GeoClaim(11, "US", "Nevada", accuracy_km=5, distance_to_centre_km=0)
    d = doe_in_forum(claim, DISTRICT)
    assert d.levels_disagree
    assert d.p_in_forum_low <= d.p_in_forum_high


def test_names_are_matched_without_regard_to_case():
    assert doe_in_forum(GeoClaim(12, "united states", "CA"), CALIFORNIA).p_in_forum_low == 0.5


# --- geometry ----------------------------------------------------------------------------


@pytest.mark.parametrize("r, big_r, d", [(10, 20, 15), (30, 20, 10), (5, 5, 5), (20, 10, 25)])
def test_circle_overlap_matches_sampling(r, big_r, d):
    rng = np.random.default_rng(0)
    n = 200_000
    radius = r * np.sqrt(rng.random(n))
    angle = rng.random(n) * 2 * math.pi
    x, y = radius * np.cos(angle), radius * np.sin(angle)
    inside = ((x - d) ** 2 + y**2 < big_r**2).mean()
    assert circle_overlap_fraction(r, big_r, d) == pytest.approx(inside, abs=0.01)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 500), st.floats(0.1, 500), st.floats(0, 1000), st.floats(0, 1000))
def test_circle_overlap_is_a_fraction_that_falls_with_distance(r, big_r, d1, d2):
    near, far = sorted((d1, d2))
    a, b = circle_overlap_fraction(r, big_r, near), circle_overlap_fraction(r, big_r, far)
    assert 0 <= b <= a + 1e-9 <= 1 + 1e-9
    if near + r < big_r:
        assert a == 1.0
    if far >= r + big_r:
        assert b == 0.0


# --- the exhibit -------------------------------------------------------------------------

claims = st.builds(
    GeoClaim,
    doe=st.integers(1, 90),
    country=st.sampled_from([None, "US", "Canada"]),
    region=st.sampled_from([None, "California", "Nevada"]),
    city=st.sampled_from([None, "San Jose", "Fresno"]),
    accuracy_km=st.one_of(st.none(), st.floats(0, 500)),
    distance_to_centre_km=st.one_of(st.none(), st.floats(0, 800)),
)
forums = st.builds(
    Forum,
    name=st.just("forum"),
    country=st.just(US),
    region=st.sampled_from([(), ("California",)]),
    whole_region=st.booleans(),
    cities=st.sampled_from([(), ("San Jose",)]),
    share_of_country=st.one_of(st.none(), st.floats(0, 1)),
    share_of_region=st.one_of(st.none(), st.floats(0, 1)),
    area_km2=st.one_of(st.none(), st.floats(1, 200_000)),
)
confidences = st.builds(GeoConfidence, *(st.floats(0, 1) for _ in range(4)))


@settings(max_examples=150, deadline=None)
@given(st.lists(claims, max_size=8), forums, confidences)
def test_every_estimate_is_a_probability_range_and_totals_add_up(cs, forum, confidence):
    e = estimate_forum(cs, forum, confidence)
    for d in e.does:
        assert 0 <= d.p_in_forum_low <= d.p_in_forum_high <= 1
        for b in d.levels:
            assert 0 <= b.p_low <= b.p_high <= 1
    assert e.expected_in_forum_low == pytest.approx(sum(d.p_in_forum_low for d in e.does))
    assert e.expected_in_forum_high == pytest.approx(sum(d.p_in_forum_high for d in e.does))
    assert 0 <= e.p_all_in_forum_low <= e.p_all_in_forum_high <= 1
    if e.does:
        assert e.p_all_in_forum_high <= min(d.p_in_forum_high for d in e.does) + 1e-12


@settings(max_examples=100, deadline=None)
@given(claims, forums, confidences, st.floats(0, 1))
def test_more_confidence_at_the_finest_level_never_lowers_the_low_bound(claim, forum, confidence, bump):
    d0 = doe_in_forum(claim, forum, confidence)
    assume(not d0.levels_disagree)
    level = claim.level
    assume(level != Precision.unknown)
    higher = GeoConfidence(**{
        k: min(1.0, getattr(confidence, k) + (bump if k == level.value else 0.0))
        for k in ("country", "region", "city", "radius")
    })
    d1 = doe_in_forum(claim, forum, higher)
    assume(not d1.levels_disagree)
    assert d1.p_in_forum_low >= d0.p_in_forum_low - 1e-12


def test_claims_from_the_ndcal_example_cover_every_precision_and_feed_the_estimate():
    ex = read_exhibit(EXHIBITS / "ndcal_hard_drive_pattern.csv")
    cs = claims_from_exhibit(ex, distance_to_centre_km=20)
    assert len(cs) == 90
    assert {c.level for c in cs} == {Precision.radius, Precision.city, Precision.region, Precision.country}
    assert all(c.distance_to_centre_km == 20 for c in cs)
    e = estimate_forum(cs, CALIFORNIA)
    assert 0 < e.expected_in_forum_low < e.expected_in_forum_high <= 90
    assert e.p_all_in_forum_low == 0.0  # country-only Does could be anywhere in the country
    names = {a.name for a in e.assumptions}
    assert "Does independent" in names and "forum" in names


def test_per_doe_distances_and_missing_locations():
    ex = read_exhibit(EXHIBITS / "ndill_doe29_doe38.csv")
    cs = claims_from_exhibit(ex, distance_to_centre_km={29: 3.0})
    assert [c.distance_to_centre_km for c in cs] == [3.0, None]
    assert all(c.level == Precision.region for c in cs)
    unknown = doe_in_forum(GeoClaim(1), CALIFORNIA)
    assert unknown.level == Precision.unknown and rng_range(unknown) == (0.0, 1.0)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        GeoConfidence(region=1.5)
    with pytest.raises(ValueError):
        Forum("x", US, share_of_region=2)
    with pytest.raises(ValueError):
        Forum("x", ())
    with pytest.raises(ValueError):
        GeoClaim(1, accuracy_km=-1)
