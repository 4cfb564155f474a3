"""Swarm timing: could two Does have been in the swarm at the same time?

An exhibit gives one moment per Doe. The courts ask whether the Does were in the swarm
"at roughly the same time" (N.D. Ill. 2013, seed 002), and note that the Does "appeared in
the swarm on a different date and time, hours, days, or weeks apart" (N.D. Cal. 2012,
seed 001). How long a peer stays is not in the exhibit, so it is an explicit assumption:
``session_hours``, the time a Doe is taken to stay in the swarm. No source fixes it.

Where the observed moment falls within the session is a second assumption, ``placement``:

``"centred"`` (default)
    The Doe is present for ``session_hours`` centred on the observation:
    ``[t - S/2, t + S/2]``. Two Does overlap when they were seen less than ``S`` apart.
``"joined_at_observation"``
    The Doe joined when seen and stayed ``S``: ``[t, t + S]`` (the N.D. Ill. framing:
    Doe 29 "remained part of the swarm for a certain period of time"). With one observation
    per Doe and one ``S`` for all, this gives the same overlaps as ``"centred"``: only the
    gap matters.
``"could_have"``
    The observation could fall anywhere within the session, so the Doe *could* have been
    present at any time in ``[t - S, t + S]``. Two Does *could* have overlapped when they
    were seen less than ``2S`` apart. This is the bound most generous to joinder. No
    placement makes overlap certain: with any gap above zero, the first Doe may have left
    the moment it was seen and the second joined the moment it was seen.

Intervals are open: two Does whose presences only touch at an instant do not overlap.
Times are kept in whole nanoseconds and sessions are rounded to the nanosecond, so every
comparison is exact (Python integers). All computations sort the intervals once and sweep
them with :mod:`bisect` (O(n log n), plus the number of pairs when pairs are listed); none
compares all pairs. The module is plain Python: it reads an exhibit's rows (or a table with
``doe`` and ``observed_at`` columns) without numpy or pandas, so a page runs where neither is
installed; only :func:`presence`, the bulk table, imports pandas.
"""
from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, Literal, Mapping

if TYPE_CHECKING:  # only :func:`presence` builds a table, and imports pandas when it does
    import pandas as pd

Placement = Literal["centred", "joined_at_observation", "could_have"]
PLACEMENTS: tuple[str, ...] = ("centred", "joined_at_observation", "could_have")

NS_PER_HOUR = 3_600_000_000_000
MAX_SESSION_HOURS = 100_000.0  # about 11 years; keeps the nanosecond arithmetic in int64


@dataclass(frozen=True)
class Assumption:
    """One input a model rests on: its value, and where the value comes from.

    ``status`` is ``"VERIFIED"`` (read in the source), ``"seed"`` (from a course source
    document), ``"input"`` (a fact the user supplies) or ``"assumption"`` (no source:
    user-adjustable, UNVERIFIED).
    """

    name: str
    value: Any
    status: Literal["VERIFIED", "seed", "input", "assumption"]
    source: str

    def __str__(self) -> str:
        return f"{self.name} = {self.value} [{self.status}: {self.source}]"


@dataclass(frozen=True)
class SwarmAssumptions:
    """How long each Doe stays, and where the observed moment falls in that stay.

    ``session_hours`` is one number for every Doe; ``session_hours_by_doe`` overrides it
    for named Does (for example a Doe alleged to have seeded for days).
    """

    session_hours: float = 1.0
    placement: Placement = "centred"
    session_hours_by_doe: Mapping[int, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, hours in [("session_hours", self.session_hours)] + [
            (f"session_hours_by_doe[{d}]", h) for d, h in self.session_hours_by_doe.items()
        ]:
            if not (0 < float(hours) <= MAX_SESSION_HOURS):
                raise ValueError(f"{name} must be more than 0 and at most {MAX_SESSION_HOURS:g}, got {hours!r}")
        if self.placement not in PLACEMENTS:
            raise ValueError(f"placement must be one of {', '.join(PLACEMENTS)}, got {self.placement!r}")
        object.__setattr__(self, "session_hours_by_doe", dict(self.session_hours_by_doe))

    def assumptions(self) -> tuple[Assumption, ...]:
        out = [
            Assumption("session_hours", self.session_hours, "assumption",
                       "how long a Doe stays in the swarm; no source gives it"),
            Assumption("placement", self.placement, "assumption",
                       "where the observed moment falls within the stay"),
        ]
        for doe, hours in sorted(self.session_hours_by_doe.items()):
            out.append(Assumption(f"session_hours for Doe {doe}", hours, "assumption", "set for this Doe"))
        return tuple(out)


@dataclass(frozen=True)
class SwarmGroup:
    """A chain of Does linked by overlaps: each overlaps at least one other in the group."""

    number: int  # 1 = the earliest group
    does: tuple[int, ...]  # in order of arrival (start of presence)
    first_present: dt.datetime  # UTC
    last_present: dt.datetime

    @property
    def size(self) -> int:
        return len(self.does)


@dataclass(frozen=True)
class SwarmAnalysis:
    """What the exhibit's times show under one set of assumptions."""

    does: int
    session_hours: float
    placement: str
    span_hours: float | None  # first to last observation; None with fewer than two Does
    largest_gap_hours: float | None  # between consecutive observations
    smallest_gap_hours: float | None  # between the two closest observations
    overlapping_pairs: int
    possible_pairs: int  # n(n-1)/2
    does_with_company: int  # Does that overlap at least one other Doe
    share_with_company: float  # does_with_company / does (0.0 for an empty exhibit)
    groups: tuple[SwarmGroup, ...]
    session_hours_for_one_chain: float | None  # uniform session above which all Does form one chain
    session_hours_for_all_company: float | None  # uniform session above which every Doe has company
    pairs: tuple[tuple[int, int], ...] = ()  # the first pairs, when asked for with pairs_limit
    pairs_truncated: bool = False  # True when more pairs exist than were listed
    assumptions: tuple[Assumption, ...] = ()

    @property
    def share_of_pairs_overlapping(self) -> float:
        return self.overlapping_pairs / self.possible_pairs if self.possible_pairs else 0.0

    @property
    def largest_group_size(self) -> int:
        return max((g.size for g in self.groups), default=0)


# --- time arithmetic -----------------------------------------------------------------


def threshold_for_overlap(gap_hours: float, placement: Placement = "centred") -> float:
    """The session length (hours) above which two Does seen ``gap_hours`` apart overlap.

    Fixed placements (``"centred"``, ``"joined_at_observation"``) need a session longer
    than the gap; ``"could_have"`` needs one longer than half the gap. For seed 002's
    Does 29 and 38 (16 days 15 h 48 min apart, on our time-zone assumption) that is
    399.8 hours centred, or 199.9 hours at the most generous placement.
    """
    if placement not in PLACEMENTS:
        raise ValueError(f"placement must be one of {', '.join(PLACEMENTS)}, got {placement!r}")
    gap = abs(float(gap_hours))
    return gap / 2 if placement == "could_have" else gap


def _cells(observations: Any) -> Iterator[tuple[Any, Any]]:
    """``(doe, observed_at)`` for each row of an exhibit, a list of rows, or a table.

    Accepted: an :class:`~course.exhibit.ExhibitLoad` (its ``rows``), records with ``doe``
    and ``observed_at`` attributes (:class:`~course.exhibit.Observation`) or keys, or a
    table with those columns (a pandas DataFrame, read without this module importing pandas).
    """
    rows = getattr(observations, "rows", None)
    if rows is not None and not callable(rows):
        observations = rows
    columns = getattr(observations, "columns", None)
    if columns is not None:  # a table
        missing = [c for c in ("doe", "observed_at") if c not in columns]
        if missing:
            raise ValueError(f"observations lack column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        return zip(observations["doe"].tolist(), observations["observed_at"].tolist())
    if isinstance(observations, (str, bytes)) or not hasattr(observations, "__iter__"):
        raise TypeError("expected an ExhibitLoad, a list of observations, or a table with 'doe' and 'observed_at'")
    return (_cell_pair(r) for r in observations)


def _cell_pair(row: Any) -> tuple[Any, Any]:
    try:
        return row.doe, row.observed_at
    except AttributeError:
        return row["doe"], row["observed_at"]


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_MICROSECOND = dt.timedelta(microseconds=1)


def _ns(value: Any) -> int:
    """A time as whole nanoseconds since 1970 UTC. Times without a zone are refused."""
    if type(value) is dt.datetime and value.utcoffset() is not None:  # the common case, first
        return (value - _EPOCH) // _MICROSECOND * 1000
    if value is None or value != value:  # None, NaN, NaT
        raise ValueError("observed_at has missing times")
    if isinstance(value, str):
        from .exhibit import parse_observed_at  # the exhibit's rule: ISO 8601 with an offset

        value = parse_observed_at(value)
    if not isinstance(value, dt.datetime):
        raise ValueError(f"observed_at must be a time, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("observed_at has no time zone; give each time its offset (for example -05:00)")
    exact = getattr(value, "value", None)  # a pandas Timestamp keeps whole nanoseconds
    if isinstance(exact, int):
        return exact
    return (value - _EPOCH) // _MICROSECOND * 1000


def _points(observations: Any) -> list[tuple[int, int]]:
    """``(doe, nanoseconds)`` per row; each Doe once."""
    points = [(d if type(d) is int else int(d), _ns(t)) for d, t in _cells(observations)]
    if len({d for d, _ in points}) != len(points):
        raise ValueError("each Doe must appear once; the exhibit loader rejects duplicate Doe numbers")
    return points


@dataclass(frozen=True)
class _Sweep:
    """Intervals sorted by start; times in half-nanoseconds from the first observation."""

    origin_ns: int
    does: list[int]  # by start
    seen2: list[int]  # 2 x observation time, by start
    start2: list[int]
    end2: list[int]
    reach: list[int]  # for each i (by start), how many intervals start before end2[i]


def _session_ns(doe: int, assumptions: SwarmAssumptions, default_ns: int) -> int:
    hours = assumptions.session_hours_by_doe.get(doe)
    return default_ns if hours is None else round(hours * NS_PER_HOUR)


def _interval2(seen2: int, session_ns: int, placement: str) -> tuple[int, int]:
    """A presence interval in half-nanoseconds (so that S/2 is exact), per the placement."""
    if placement == "centred":
        return seen2 - session_ns, seen2 + session_ns
    if placement == "joined_at_observation":
        return seen2, seen2 + 2 * session_ns
    return seen2 - 2 * session_ns, seen2 + 2 * session_ns  # could_have


def _sweep(observations: Any, assumptions: SwarmAssumptions) -> _Sweep:
    points = _points(observations)
    origin = min((t for _, t in points), default=0)
    default_ns = round(assumptions.session_hours * NS_PER_HOUR)
    rows = []
    for doe, t in points:
        seen2 = (t - origin) * 2
        start2, end2 = _interval2(seen2, _session_ns(doe, assumptions, default_ns), assumptions.placement)
        rows.append((start2, doe, end2, seen2))
    rows.sort()
    start2 = [r[0] for r in rows]
    end2 = [r[2] for r in rows]
    reach = [bisect_left(start2, e) for e in end2]
    return _Sweep(origin, [r[1] for r in rows], [r[3] for r in rows], start2, end2, reach)


def _hours(value2: int) -> float:
    return value2 / (2 * NS_PER_HOUR)


def _timestamp(origin_ns: int, value2: int) -> dt.datetime:
    """A half-nanosecond time from the origin as a UTC datetime (to the microsecond, rounded down)."""
    return _EPOCH + dt.timedelta(microseconds=(origin_ns + value2 // 2) // 1000)


def _partners(s: _Sweep) -> list[int]:
    """For each interval (by start), how many others it overlaps: starts before my end, ends after my start."""
    ends = sorted(s.end2)
    return [r - bisect_right(ends, a) - 1 for r, a in zip(s.reach, s.start2)]


def _group_labels(s: _Sweep) -> list[int]:
    """Connected groups of the overlap graph: a new group starts where no earlier interval reaches."""
    labels, label, running_end = [], 0, None
    for a, b in zip(s.start2, s.end2):
        if running_end is None or a >= running_end:
            label += 1
            running_end = b
        else:
            running_end = max(running_end, b)
        labels.append(label)
    return labels


def _iter_pairs(s: _Sweep) -> Iterator[tuple[int, int]]:
    for i, r in enumerate(s.reach):
        a = s.does[i]
        for j in range(i + 1, r):
            yield a, s.does[j]


# --- public --------------------------------------------------------------------------


@dataclass(frozen=True)
class Presence:
    """One Doe on the timeline: when it was seen and when it is taken to be present (UTC)."""

    doe: int
    observed_at: dt.datetime
    present_from: dt.datetime
    present_until: dt.datetime
    group: int  # 1-based chain number
    overlapping_does: int  # how many other Does it overlaps

    @property
    def has_company(self) -> bool:
        return self.overlapping_does > 0


def iter_overlapping_pairs(observations: Any, assumptions: SwarmAssumptions) -> Iterator[tuple[int, int]]:
    """Every overlapping pair ``(doe_a, doe_b)``, streamed; ``doe_a``'s presence starts first.

    The sweep visits only pairs that overlap, so the cost is O(n log n) plus the pairs
    actually read. For a large exhibit read a few with :func:`itertools.islice`.
    """
    return _iter_pairs(_sweep(observations, assumptions))


def presence_rows(observations: Any, assumptions: SwarmAssumptions, *, limit: int | None = None) -> list[Presence]:
    """One :class:`Presence` per Doe, in order of arrival: what a timeline chart draws.
    ``limit``: only the first so many (a chart draws a few hundred of a large exhibit)."""
    s = _sweep(observations, assumptions)
    rows = zip(s.does, s.seen2, s.start2, s.end2, _group_labels(s), _partners(s))
    return [
        Presence(doe, _timestamp(s.origin_ns, seen), _timestamp(s.origin_ns, a), _timestamp(s.origin_ns, b),
                 group, partners)
        for doe, seen, a, b, group, partners in itertools.islice(rows, limit)
    ]


def presence(observations: Any, assumptions: SwarmAssumptions) -> pd.DataFrame:
    """:func:`presence_rows` as a pandas table (imports pandas; for bulk tables, not pages).

    Columns: ``doe``, ``observed_at``, ``present_from``, ``present_until`` (UTC),
    ``group`` (1-based chain number), ``overlapping_does`` (how many other Does it
    overlaps) and ``has_company``.
    """
    import pandas as pd

    rows = presence_rows(observations, assumptions)
    columns = ("doe", "observed_at", "present_from", "present_until", "group", "overlapping_does")
    table = pd.DataFrame([[getattr(r, c) for c in columns] for r in rows], columns=list(columns))
    for c in ("observed_at", "present_from", "present_until"):
        table[c] = pd.to_datetime(table[c], utc=True)
    table["has_company"] = table["overlapping_does"] > 0
    return table


def consecutive_gaps_hours(observations: Any) -> list[float]:
    """Hours between each observation and the next, in time order (n - 1 values)."""
    ns = sorted(t for _, t in _points(observations))
    return [(b - a) / NS_PER_HOUR for a, b in zip(ns, ns[1:])]


def analyse(observations: Any, assumptions: SwarmAssumptions, *, pairs_limit: int = 0) -> SwarmAnalysis:
    """Overlaps, chains and gaps for an exhibit under the given session assumptions.

    ``overlapping_pairs`` is always counted (without listing pairs, so a 100,000-Doe
    exhibit with millions of pairs is cheap); up to ``pairs_limit`` pairs are listed in
    ``pairs``. ``session_hours_for_one_chain`` and ``session_hours_for_all_company`` answer
    "how long would every Doe have to stay" for one session length shared by all Does;
    they ignore ``session_hours_by_doe``.
    """
    if pairs_limit < 0:
        raise ValueError("pairs_limit must be 0 or more")
    s = _sweep(observations, assumptions)
    n = len(s.does)
    overlapping = sum(s.reach) - n * (n + 1) // 2
    with_company = sum(1 for p in _partners(s) if p > 0)

    groups: list[SwarmGroup] = []
    labels = _group_labels(s)
    first = 0
    for i in range(1, n + 1):
        if i == n or labels[i] != labels[first]:
            groups.append(SwarmGroup(number=labels[first], does=tuple(s.does[first:i]),
                                     first_present=_timestamp(s.origin_ns, s.start2[first]),
                                     last_present=_timestamp(s.origin_ns, max(s.end2[first:i]))))
            first = i

    if n >= 2:
        seen = sorted(s.seen2)
        gaps = [b - a for a, b in zip(seen, seen[1:])]
        nearest = [min(pair) for pair in zip([gaps[0], *gaps], [*gaps, gaps[-1]])]  # each Doe's nearest neighbour
        largest, smallest = _hours(max(gaps)), _hours(min(gaps))
        one_chain = threshold_for_overlap(largest, assumptions.placement)
        all_company = threshold_for_overlap(_hours(max(nearest)), assumptions.placement)
        span = _hours(seen[-1] - seen[0])
    else:
        largest = smallest = one_chain = all_company = span = None

    pairs: list[tuple[int, int]] = []
    if pairs_limit:
        for pair in _iter_pairs(s):
            if len(pairs) == pairs_limit:
                break
            pairs.append(pair)
    return SwarmAnalysis(
        does=n,
        session_hours=assumptions.session_hours,
        placement=assumptions.placement,
        span_hours=span,
        largest_gap_hours=largest,
        smallest_gap_hours=smallest,
        overlapping_pairs=overlapping,
        possible_pairs=n * (n - 1) // 2,
        does_with_company=with_company,
        share_with_company=with_company / n if n else 0.0,
        groups=tuple(groups),
        session_hours_for_one_chain=one_chain,
        session_hours_for_all_company=all_company,
        pairs=tuple(pairs),
        pairs_truncated=overlapping > len(pairs),
        assumptions=assumptions.assumptions(),
    )


def _time_of(points: list[tuple[int, int]], doe: int) -> int:
    hits = [t for d, t in points if d == doe]
    if not hits:
        raise KeyError(f"Doe {doe} is not in the exhibit")
    return hits[0]


def gap_hours(observations: Any, doe_a: int, doe_b: int) -> float:
    """Hours between the moments two Does were seen (always 0 or more)."""
    points = _points(observations)
    return abs(_time_of(points, doe_b) - _time_of(points, doe_a)) / NS_PER_HOUR


def pair_overlaps(observations: Any, doe_a: int, doe_b: int, assumptions: SwarmAssumptions) -> bool:
    """Whether two Does overlap under the assumptions (the same rule as :func:`analyse`)."""
    if doe_a == doe_b:
        raise ValueError("a pair needs two different Does")
    points = _points(observations)
    a, b = _time_of(points, doe_a), _time_of(points, doe_b)
    default_ns = round(assumptions.session_hours * NS_PER_HOUR)
    start_a, end_a = _interval2(0, _session_ns(doe_a, assumptions, default_ns), assumptions.placement)
    start_b, end_b = _interval2((b - a) * 2, _session_ns(doe_b, assumptions, default_ns), assumptions.placement)
    return start_a < end_b and start_b < end_a
