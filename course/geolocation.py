"""Geolocation: how likely is it that each Doe is in the forum, given what the exhibit says?

Plaintiffs trace IP addresses "to a point of origin within the State" (Hard Drive, N.D.
Cal. 2012, seed 001), but admitted that geolocation "is only truly reliable when predicting
the *country*" and "cannot reliably predict an IP address's state of origin". MaxMind, a
geolocation vendor, describes its accuracy radius as the circle within which it has "a 67%
confidence that the device ... resides" (VERIFIED, MaxMind API documentation).

The model. A geolocation states an area ``S`` at some precision (a country, a region or
state, a city, or a circle of ``accuracy_km``). The device is inside ``S`` with probability
``p``, and the confidence figure ``c`` for that precision is read as a floor: ``p >= c``.
Then::

    P(in forum) = p * P(forum | in S) + (1 - p) * P(forum | not in S)

* ``P(forum | in S)`` is the share of ``S`` that lies in the forum: 1 when ``S`` is inside
  the forum, 0 when it is outside, the forum's share of ``S`` when the forum is part of
  ``S`` (a district within a state: a user input, unknown if not given), and for a circle
  the fraction of the circle's area inside the district, with the district drawn as a
  circle of the area the user gives and the device spread evenly over the circle (an
  assumption).
* ``P(forum | not in S)`` is unknown: it is 0 when the forum lies inside ``S`` (if the
  device is not in the state, it is not in the state's district) and anything from 0 to 1
  otherwise.

Taking the worst and best cases over everything unknown gives each level a range:
``low = c * share_low`` and ``high = max(share_high, c * share_high + (1 - c) * outside_high)``.
So a circle lying wholly inside the district gives P >= 0.67, as MaxMind's figure implies.
A claim at a fine level also states the coarser ones (a city names its state and its
country); because every level's range holds at once, a Doe's range is where they overlap.
If they do not overlap, the claim contradicts itself, and :class:`DoeInForum` says so.

Nothing here picks a point inside a range for you. The exhibit gets the expected number
of Does in the forum and the probability that all of them are (treating Does as
independent, an assumption), each as low and high.

District areas, district centres and which cities lie in a district are inputs, not
built-in facts: the course's research has no sourced figures for them.

Countries and regions are compared by their ISO 3166 codes (:mod:`course.places`), so
``US``, ``USA`` and ``United States`` are one country and ``Illinois``, ``IL`` and ``US-IL``
one state. A name pycountry does not know is compared as written (case aside).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable

from . import places
from .swarm import Assumption


MAXMIND_SOURCE = "MaxMind GeoIP2 / minFraud API docs: accuracy radius = '67% confidence' circle"
SEED_001_COUNTRY = "seed 001 (N.D. Cal. 2012): geolocation 'is only truly reliable when predicting the country'"
SEED_001_STATE = "seed 001 (N.D. Cal. 2012): geolocation 'cannot reliably predict an IP address's state of origin'"


class Precision(str, Enum):
    """How finely a geolocation places an address."""

    country = "country"
    region = "region"  # a state or province
    city = "city"
    radius = "radius"  # a point with an accuracy radius in km
    unknown = "unknown"  # no location given


@dataclass(frozen=True)
class GeoConfidence:
    """The least chance that the device is inside the stated area, at each precision.

    Only the radius figure is sourced (MaxMind's 67%). The others are user-adjustable
    assumptions: seed 001 says only that the country is reliable and the state is not.
    """

    country: float = 0.95
    region: float = 0.5
    city: float = 0.3
    radius: float = 0.67

    def __post_init__(self) -> None:
        for name in ("country", "region", "city", "radius"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"confidence for {name} must be between 0 and 1, got {value!r}")

    def at(self, level: Precision) -> float | None:
        return None if level == Precision.unknown else getattr(self, level.value)

    def assumptions(self) -> tuple[Assumption, ...]:
        return (
            Assumption("confidence at country level", self.country, "assumption",
                       f"high because of {SEED_001_COUNTRY}; MaxMind's own 99.8% is SECONDARY"),
            Assumption("confidence at region level", self.region, "assumption",
                       f"UNVERIFIED, deliberately conservative: {SEED_001_STATE}"),
            Assumption("confidence at city level", self.city, "assumption",
                       "UNVERIFIED; Poese et al. 2011: databases 'can claim country-level accuracy, "
                       "but certainly not city-level'"),
            Assumption("confidence inside the accuracy radius", self.radius,
                       "VERIFIED" if self.radius == 0.67 else "assumption", MAXMIND_SOURCE),
        )


def _names(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    return tuple(v.strip().casefold() for v in value if v and v.strip())


def _raw(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    return tuple(v.strip() for v in value if v and v.strip())


def _unique(keys: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for k in keys if k))


def _region_in(region: str, countries: Iterable[str]) -> str | None:
    """A region's ISO 3166-2 code, looked up in the first of ``countries`` that has it."""
    for c in countries:
        code = places.region_code(region, c)
        if code:
            return code
    return places.region_key(region, None)


@dataclass(frozen=True)
class Forum:
    """The place the court's power reaches: a country, a state, or a district within a state.

    Countries and regions are kept as ISO 3166 codes (``US``, ``US-IL``), so any spelling
    pycountry knows names the same place; a region is looked up in the forum's country.
    Cities are compared without regard to case. ``whole_region=True`` makes the forum the whole
    state (personal jurisdiction asks about the forum *state*); otherwise it is a district
    inside the state and the shares, the city list and the area are what the user knows.
    """

    name: str
    country: tuple[str, ...]
    region: tuple[str, ...] = ()  # empty: the forum is the whole country
    whole_region: bool = False
    cities: tuple[str, ...] = ()  # cities taken to lie wholly in the district (input)
    share_of_country: float | None = None  # the forum's share of the country (input; None: unknown)
    share_of_region: float | None = None  # a district's share of its state (input; None: unknown)
    area_km2: float | None = None  # the district's area (input), for accuracy circles

    def __post_init__(self) -> None:
        countries = _raw(self.country)
        object.__setattr__(self, "country", _unique(places.country_key(c) for c in countries))
        object.__setattr__(self, "region", _unique(_region_in(r, countries) for r in _raw(self.region)))
        object.__setattr__(self, "cities", _names(self.cities))
        if not self.country:
            raise ValueError("a forum needs its country")
        for name in ("share_of_country", "share_of_region"):
            v = getattr(self, name)
            if v is not None and not 0 <= v <= 1:
                raise ValueError(f"{name} must be between 0 and 1, got {v!r}")
        if self.area_km2 is not None and not self.area_km2 > 0:
            raise ValueError(f"area_km2 must be more than 0, got {self.area_km2!r}")

    @property
    def is_country(self) -> bool:
        return not self.region

    @property
    def is_region(self) -> bool:
        return bool(self.region) and self.whole_region

    def has_region(self, region: str | None, country: str | None = None) -> bool:
        """Whether a stated region (in ``country``, else in the forum's country) is the forum's."""
        if not region:
            return False
        return _region_in(region, (country,) if country else self.country) in self.region

    @property
    def radius_km(self) -> float | None:
        """The radius of a circle with the district's area (the model's stand-in for its shape)."""
        return None if self.area_km2 is None else math.sqrt(self.area_km2 / math.pi)


@dataclass(frozen=True)
class GeoClaim:
    """What the exhibit says about where one Doe is. Give as much as the exhibit does."""

    doe: int
    country: str | None = None
    region: str | None = None
    city: str | None = None
    accuracy_km: float | None = None
    distance_to_centre_km: float | None = None  # from the stated point to the district's centre (input)

    def __post_init__(self) -> None:
        for name in ("accuracy_km", "distance_to_centre_km"):
            v = getattr(self, name)
            if v is not None and not (math.isfinite(v) and v >= 0):
                raise ValueError(f"{name} must be 0 or more, got {v!r}")

    @property
    def level(self) -> Precision:
        """The finest precision the claim gives."""
        return _levels_of(self)[0]


@dataclass(frozen=True)
class LevelBound:
    """The range one precision level of a claim gives for P(in forum) (module docstring)."""

    level: Precision
    confidence: float | None
    share_low: float  # P(forum | in the stated area)
    share_high: float
    outside_high: float  # the most P(forum | not in the stated area) can be (its least is 0)
    p_low: float
    p_high: float
    reason: str


@dataclass(frozen=True)
class DoeInForum:
    """One Doe's estimate, as a range, with the bound each precision level gives.

    A claim at a fine level also states the coarser ones (a city claim names its state and
    country), and each level's range holds, so the Doe's range is where they all agree:
    the highest low and the lowest high. If the levels contradict each other (a low above
    a high: say, a circle inside the district but a different state named), the range
    spans both and ``levels_disagree`` is set.
    """

    doe: int
    level: Precision  # the finest level the claim gives
    p_in_forum_low: float
    p_in_forum_high: float
    levels: tuple[LevelBound, ...]
    levels_disagree: bool = False

    @property
    def reason(self) -> str:
        return "; ".join(f"{b.level.value}: {b.reason}" for b in self.levels)


@dataclass(frozen=True)
class ForumEstimate:
    """The exhibit's estimate: per Doe, and for all of them."""

    forum: str
    does: tuple[DoeInForum, ...]
    expected_in_forum_low: float
    expected_in_forum_high: float
    p_all_in_forum_low: float
    p_all_in_forum_high: float
    assumptions: tuple[Assumption, ...] = field(default=())


# --- geometry ------------------------------------------------------------------------


def circle_overlap_fraction(accuracy_km: float, district_radius_km: float, distance_km: float) -> float:
    """The share of the accuracy circle's area that lies inside the district circle."""
    r, big_r, d = float(accuracy_km), float(district_radius_km), abs(float(distance_km))
    if r < 0 or big_r < 0:
        raise ValueError("radii must be 0 or more")
    if r == 0:
        return 1.0 if d < big_r else 0.0
    if d >= r + big_r:
        return 0.0
    if d <= big_r - r:
        return 1.0
    if d <= r - big_r or d * r * big_r < 1e-12:  # the district inside the circle, or (near) concentric
        return min(1.0, big_r**2 / r**2)
    a = r**2 * math.acos(max(-1.0, min(1.0, (d**2 + r**2 - big_r**2) / (2 * d * r))))
    b = big_r**2 * math.acos(max(-1.0, min(1.0, (d**2 + big_r**2 - r**2) / (2 * d * big_r))))
    c = 0.5 * math.sqrt(max(0.0, (-d + r + big_r) * (d + r - big_r) * (d - r + big_r) * (d + r + big_r)))
    return min(1.0, max(0.0, (a + b - c) / (math.pi * r**2)))


# --- per Doe -------------------------------------------------------------------------


def _unknown(share: float | None) -> tuple[float, float]:
    return (0.0, 1.0) if share is None else (share, share)


def _share(level: Precision, claim: GeoClaim, forum: Forum) -> tuple[float, float, float, str] | None:
    """For one level: the share of S in the forum (low, high), the outside bound, and why.

    None when the level cannot be used (a radius without the district's area or distance).
    """
    country = places.country_key(claim.country)
    region = _region_in(claim.region, (claim.country,) if claim.country else forum.country) if claim.region else None
    city = _names(claim.city)

    if level == Precision.radius:
        if claim.accuracy_km is None or forum.radius_km is None or claim.distance_to_centre_km is None:
            return None
        f = circle_overlap_fraction(claim.accuracy_km, forum.radius_km, claim.distance_to_centre_km)
        forum_inside = claim.distance_to_centre_km + forum.radius_km <= claim.accuracy_km
        return (f, f, 0.0 if forum_inside else 1.0,
                f"{f:.0%} of the {claim.accuracy_km:g} km accuracy circle lies in the district "
                f"(district drawn as a circle of {forum.area_km2:g} km\u00b2, "
                f"{claim.distance_to_centre_km:g} km from the stated point)")
    if level == Precision.unknown:
        return 0.0, 1.0, 1.0, "no location given"
    if country and country not in forum.country:
        return 0.0, 0.0, 1.0, f"stated country {claim.country} is not the forum's"

    if level == Precision.country:
        if forum.is_country:
            return 1.0, 1.0, 0.0, "stated country is the forum"
        lo, hi = _unknown(forum.share_of_country)
        return lo, hi, 0.0, "stated country contains the forum; only the forum's share of it counts"

    if forum.is_country:
        return 1.0, 1.0, 1.0, f"stated {level.value} lies in the forum country"
    if region and region not in forum.region:
        return 0.0, 0.0, 1.0, f"stated region {claim.region} is not the forum's"

    if level == Precision.region:
        if forum.is_region:
            return 1.0, 1.0, 0.0, "stated region is the forum"
        lo, hi = _unknown(forum.share_of_region)
        return lo, hi, 0.0, "stated region contains the district; only the district's share of it counts"

    # city level
    on_list = bool(city) and city[0] in forum.cities
    if forum.is_region:
        if region or on_list:
            return 1.0, 1.0, 1.0, "stated city is in the forum state"
        return 0.0, 1.0, 1.0, "city given without its region; cannot place it"
    if not forum.cities:
        return 0.0, 1.0, 1.0, "the district's cities were not given; cannot place the city"
    if on_list:
        return 1.0, 1.0, 1.0, "stated city is on the district's list of cities"
    return 0.0, 0.0, 1.0, "stated city is not on the district's list of cities"


def _levels_of(claim: GeoClaim) -> tuple[Precision, ...]:
    """Every level a claim states, finest first."""
    levels = []
    if claim.accuracy_km is not None:
        levels.append(Precision.radius)
    if claim.city:
        levels.append(Precision.city)
    if claim.region:
        levels.append(Precision.region)
    if claim.country:
        levels.append(Precision.country)
    return tuple(levels) or (Precision.unknown,)


def level_bound(level: Precision, claim: GeoClaim, forum: Forum, confidence: GeoConfidence) -> LevelBound | None:
    """The range one level of a claim gives (None if the level cannot be used)."""
    found = _share(level, claim, forum)
    if found is None:
        return None
    share_lo, share_hi, outside_hi, why = found
    c = confidence.at(level)
    if c is None:
        return LevelBound(level, None, share_lo, share_hi, outside_hi, 0.0, 1.0, why)
    high = min(1.0, max(share_hi, c * share_hi + (1 - c) * outside_hi))
    return LevelBound(level, c, share_lo, share_hi, outside_hi, c * share_lo, high, why)


def doe_in_forum(claim: GeoClaim, forum: Forum, confidence: GeoConfidence | None = None) -> DoeInForum:
    """One Doe's P(in forum) as a range (see :class:`DoeInForum` and the module docstring)."""
    confidence = confidence or GeoConfidence()
    bounds = []
    for level in _levels_of(claim):
        b = level_bound(level, claim, forum, confidence)
        if b is None:
            bounds.append(LevelBound(level, confidence.at(level), 0.0, 1.0, 1.0, 0.0, 1.0,
                                     "not used: needs the district's area and the distance to its centre"))
        else:
            bounds.append(b)
    low = max(b.p_low for b in bounds)
    high = min(b.p_high for b in bounds)
    disagree = low > high + 1e-12
    if disagree:
        low, high = high, low
    elif low > high:  # equal but for rounding
        low = high
    return DoeInForum(claim.doe, claim.level, low, high, tuple(bounds), disagree)


def estimate_forum(claims: Iterable[GeoClaim], forum: Forum, confidence: GeoConfidence | None = None) -> ForumEstimate:
    """Every Doe's range, the expected number in the forum, and P(all are in the forum).

    P(all) multiplies the Does' probabilities, which assumes that one Doe's location says
    nothing about another's (an assumption: Does on the same ISP may err together).
    """
    confidence = confidence or GeoConfidence()
    does = tuple(doe_in_forum(c, forum, confidence) for c in claims)
    inputs = [
        Assumption("forum", forum.name, "input", "chosen by the user"),
        Assumption("Does independent", True, "assumption", "used for the probability that all are in the forum"),
    ]
    if forum.share_of_country is not None:
        inputs.append(Assumption("forum share of country", forum.share_of_country, "input", "user-supplied"))
    if forum.share_of_region is not None:
        inputs.append(Assumption("district share of region", forum.share_of_region, "input", "user-supplied"))
    if forum.cities:
        inputs.append(Assumption("district cities", ", ".join(forum.cities), "input",
                                 "user-supplied; each taken to lie wholly in the district"))
    if forum.area_km2 is not None:
        inputs += [
            Assumption("district area km2", forum.area_km2, "input", "user-supplied; district drawn as a circle"),
            Assumption("device spread evenly over the accuracy circle", True, "assumption",
                       "MaxMind says locations are often near the centre of the population"),
        ]
    return ForumEstimate(
        forum=forum.name,
        does=does,
        expected_in_forum_low=sum(d.p_in_forum_low for d in does),
        expected_in_forum_high=sum(d.p_in_forum_high for d in does),
        p_all_in_forum_low=math.prod(d.p_in_forum_low for d in does),
        p_all_in_forum_high=math.prod(d.p_in_forum_high for d in does),
        assumptions=confidence.assumptions() + tuple(inputs),
    )


# --- from an exhibit -----------------------------------------------------------------


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _rows(observations: Any) -> Iterable[Any]:
    """An exhibit's rows as records with attributes: its ``rows``, a list of records, or a
    table's rows (a pandas DataFrame, read without this module importing pandas)."""
    rows = getattr(observations, "rows", None)
    if rows is not None and not callable(rows):
        return rows
    if hasattr(observations, "columns") and hasattr(observations, "itertuples"):
        return observations.itertuples(index=False)
    return observations


def claims_from_exhibit(observations: Any, *, distance_to_centre_km: float | dict[int, float] | None = None
                        ) -> tuple[GeoClaim, ...]:
    """One claim per row of an exhibit, with every location field the row gives.

    A row with ``accuracy_km`` is a radius claim (its point is the stated city); without
    it, the finest of city, region and country; with none, ``unknown``. ``distance_to_centre_km`` (one
    number, or one per Doe) is how far each stated point is from the district's centre.
    """
    claims = []
    for row in _rows(observations):
        doe = int(row.doe)
        distance = distance_to_centre_km.get(doe) if isinstance(distance_to_centre_km, dict) else distance_to_centre_km
        claims.append(GeoClaim(
            doe,
            country=_cell(getattr(row, "country", None)),
            region=_cell(getattr(row, "region", None)),
            city=_cell(getattr(row, "city", None)),
            accuracy_km=_cell(getattr(row, "accuracy_km", None)),
            distance_to_centre_km=distance,
        ))
    return tuple(claims)
