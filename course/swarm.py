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
comparison is exact. All computations sort the intervals once and sweep them
(O(n log n), plus the number of pairs when pairs are listed); none compares all pairs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, Literal, Mapping

if TYPE_CHECKING:  # imported where used, so that importing this module stays light
    import numpy as np
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
    first_present: pd.Timestamp
    last_present: pd.Timestamp

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


def _frame_of(observations: Any) -> pd.DataFrame:
    import pandas as pd
    frame = getattr(observations, "observations", observations)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("expected an ExhibitLoad or a DataFrame with 'doe' and 'observed_at' columns")
    missing = [c for c in ("doe", "observed_at") if c not in frame.columns]
    if missing:
        raise ValueError(f"observations lack column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    return frame


def _times_ns(frame: pd.DataFrame) -> np.ndarray:
    """Observation times as int64 nanoseconds since 1970 UTC. Times without a zone are refused."""
    import pandas as pd
    import numpy as np
    col = frame["observed_at"]
    if not isinstance(col.dtype, pd.DatetimeTZDtype):
        if pd.api.types.is_datetime64_dtype(col.dtype):
            raise ValueError("observed_at has no time zone; localise it (for example with .dt.tz_localize)")
        from .exhibit import parse_observed_at  # the exhibit's rule: ISO 8601 with an offset

        col = pd.Series(pd.to_datetime([parse_observed_at(v) for v in col], utc=True), dtype="datetime64[ns, UTC]")
    if col.isna().any():
        raise ValueError("observed_at has missing times")
    return np.asarray(col.array.as_unit("ns").asi8, dtype=np.int64)


@dataclass(frozen=True)
class _Sweep:
    """Intervals sorted by start; times in half-nanoseconds from the first observation."""

    origin_ns: int
    does: np.ndarray  # by start
    seen2: np.ndarray  # 2 x observation time, by start
    start2: np.ndarray
    end2: np.ndarray
    ends_sorted2: np.ndarray
    reach: np.ndarray  # for each i (by start), how many intervals start before end2[i]


def _intervals2(does: np.ndarray, seen2: np.ndarray, assumptions: SwarmAssumptions) -> tuple[np.ndarray, np.ndarray]:
    """Presence intervals in half-nanoseconds (so that S/2 is exact), per the placement."""
    import pandas as pd
    import numpy as np
    session_ns = np.full(len(does), round(assumptions.session_hours * NS_PER_HOUR), dtype=np.int64)
    if assumptions.session_hours_by_doe:
        by_doe = {d: round(h * NS_PER_HOUR) for d, h in assumptions.session_hours_by_doe.items()}
        override = pd.Series(does).map(by_doe)
        hit = override.notna().to_numpy()
        session_ns[hit] = override[hit].to_numpy(np.int64)
    if assumptions.placement == "centred":
        return seen2 - session_ns, seen2 + session_ns
    if assumptions.placement == "joined_at_observation":
        return seen2, seen2 + 2 * session_ns
    return seen2 - 2 * session_ns, seen2 + 2 * session_ns  # could_have


def _sweep(observations: Any, assumptions: SwarmAssumptions) -> _Sweep:
    import pandas as pd
    import numpy as np
    frame = _frame_of(observations)
    does = frame["doe"].to_numpy(np.int64)
    if not pd.Index(does).is_unique:
        raise ValueError("each Doe must appear once; the exhibit loader rejects duplicate Doe numbers")
    ns = _times_ns(frame)
    origin = int(ns.min()) if len(ns) else 0
    seen2 = (ns - origin) * 2
    start2, end2 = _intervals2(does, seen2, assumptions)
    order = np.lexsort((does, start2))
    start2, end2, does, seen2 = start2[order], end2[order], does[order], seen2[order]
    reach = np.searchsorted(start2, end2, side="left")
    return _Sweep(origin, does, seen2, start2, end2, np.sort(end2), reach)


def _hours(value2: int | np.ndarray) -> float | np.ndarray:
    return value2 / (2 * NS_PER_HOUR)


def _timestamp(origin_ns: int, value2: np.ndarray) -> pd.DatetimeIndex:
    import pandas as pd
    return pd.DatetimeIndex((origin_ns + value2 // 2).view("M8[ns]"), dtype="datetime64[ns, UTC]")


def _partners(s: _Sweep) -> np.ndarray:
    """For each interval (by start), how many others it overlaps: starts before my end, ends after my start."""
    import numpy as np
    ended_before = np.searchsorted(s.ends_sorted2, s.start2, side="right")
    return s.reach - ended_before - 1


def _group_labels(s: _Sweep) -> np.ndarray:
    """Connected groups of the overlap graph: a new group starts where no earlier interval reaches."""
    import numpy as np
    if not len(s.start2):
        return np.zeros(0, dtype=np.int64)
    running_end = np.maximum.accumulate(s.end2)
    new = np.empty(len(s.start2), dtype=bool)
    new[0] = True
    new[1:] = s.start2[1:] >= running_end[:-1]
    return np.cumsum(new)


def _iter_pairs(s: _Sweep) -> Iterator[tuple[int, int]]:
    import numpy as np
    counts = s.reach - np.arange(1, len(s.reach) + 1)
    for i in np.flatnonzero(counts > 0):
        a = int(s.does[i])
        for j in range(i + 1, int(s.reach[i])):
            yield a, int(s.does[j])


# --- public --------------------------------------------------------------------------


def iter_overlapping_pairs(observations: Any, assumptions: SwarmAssumptions) -> Iterator[tuple[int, int]]:
    """Every overlapping pair ``(doe_a, doe_b)``, streamed; ``doe_a``'s presence starts first.

    The sweep visits only pairs that overlap, so the cost is O(n log n) plus the pairs
    actually read. For a large exhibit read a few with :func:`itertools.islice`.
    """
    return _iter_pairs(_sweep(observations, assumptions))


def presence(observations: Any, assumptions: SwarmAssumptions) -> pd.DataFrame:
    """One row per Doe, in order of arrival: when it was seen and when it is taken to be present.

    Columns: ``doe``, ``observed_at``, ``present_from``, ``present_until`` (UTC),
    ``group`` (1-based chain number), ``overlapping_does`` (how many other Does it
    overlaps) and ``has_company``. This is what a timeline chart draws.
    """
    import pandas as pd
    s = _sweep(observations, assumptions)
    partners = _partners(s)
    return pd.DataFrame(
        {
            "doe": s.does,
            "observed_at": _timestamp(s.origin_ns, s.seen2),
            "present_from": _timestamp(s.origin_ns, s.start2),
            "present_until": _timestamp(s.origin_ns, s.end2),
            "group": _group_labels(s),
            "overlapping_does": partners,
            "has_company": partners > 0,
        }
    )


def consecutive_gaps_hours(observations: Any) -> np.ndarray:
    """Hours between each observation and the next, in time order (n - 1 values)."""
    import numpy as np
    ns = np.sort(_times_ns(_frame_of(observations)))
    return np.diff(ns) / NS_PER_HOUR


def analyse(observations: Any, assumptions: SwarmAssumptions, *, pairs_limit: int = 0) -> SwarmAnalysis:
    """Overlaps, chains and gaps for an exhibit under the given session assumptions.

    ``overlapping_pairs`` is always counted (without listing pairs, so a 100,000-Doe
    exhibit with millions of pairs is cheap); up to ``pairs_limit`` pairs are listed in
    ``pairs``. ``session_hours_for_one_chain`` and ``session_hours_for_all_company`` answer
    "how long would every Doe have to stay" for one session length shared by all Does;
    they ignore ``session_hours_by_doe``.
    """
    import numpy as np
    if pairs_limit < 0:
        raise ValueError("pairs_limit must be 0 or more")
    s = _sweep(observations, assumptions)
    n = len(s.does)
    partners = _partners(s)
    labels = _group_labels(s)
    overlapping = int((s.reach - np.arange(1, n + 1)).sum()) if n else 0
    with_company = int((partners > 0).sum())

    groups: list[SwarmGroup] = []
    if n:
        firsts = np.r_[0, np.flatnonzero(np.diff(labels)) + 1]
        members = np.split(s.does, firsts[1:])
        froms = _timestamp(s.origin_ns, s.start2[firsts])
        untils = _timestamp(s.origin_ns, np.maximum.reduceat(s.end2, firsts))
        groups = [
            SwarmGroup(number=k, does=tuple(does.tolist()), first_present=a, last_present=b)
            for k, (does, a, b) in enumerate(zip(members, froms, untils), start=1)
        ]

    seen = np.sort(s.seen2)
    gaps = np.diff(seen)
    if n >= 2:
        largest = float(_hours(gaps.max()))
        nearest = np.minimum(np.r_[gaps, gaps[-1]], np.r_[gaps[0], gaps])  # each Doe's nearest neighbour
        one_chain = threshold_for_overlap(largest, assumptions.placement)
        all_company = threshold_for_overlap(float(_hours(nearest.max())), assumptions.placement)
        span = float(_hours(seen[-1] - seen[0]))
    else:
        largest = one_chain = all_company = span = None

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


def _time_of(frame: pd.DataFrame, doe: int) -> pd.Timestamp:
    import pandas as pd
    hit = frame.loc[frame["doe"] == doe, "observed_at"]
    if hit.empty:
        raise KeyError(f"Doe {doe} is not in the exhibit")
    if len(hit) > 1:
        raise ValueError(f"Doe {doe} appears more than once")
    return pd.Timestamp(hit.iloc[0])


def gap_hours(observations: Any, doe_a: int, doe_b: int) -> float:
    """Hours between the moments two Does were seen (always 0 or more)."""
    frame = _frame_of(observations)
    a, b = _time_of(frame, doe_a), _time_of(frame, doe_b)
    return abs((b - a).value) / NS_PER_HOUR


def pair_overlaps(observations: Any, doe_a: int, doe_b: int, assumptions: SwarmAssumptions) -> bool:
    """Whether two Does overlap under the assumptions (the same rule as :func:`analyse`)."""
    import numpy as np
    if doe_a == doe_b:
        raise ValueError("a pair needs two different Does")
    frame = _frame_of(observations)
    a, b = _time_of(frame, doe_a), _time_of(frame, doe_b)
    does = np.array([doe_a, doe_b], dtype=np.int64)
    seen2 = np.array([0, (b - a).value * 2], dtype=np.int64)
    start2, end2 = _intervals2(does, seen2, assumptions)
    return bool(start2[0] < end2[1] and start2[1] < end2[0])
