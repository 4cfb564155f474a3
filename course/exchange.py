"""Direct exchange: if two Does were in the swarm together, how likely is it that they traded a piece?

Hard Drive (N.D. Cal. 2012, seed 001) found it "extremely unlikely that one Doe would remain
in the swarm long enough to have direct contact with another Doe"; the N.D. Ill. (2013,
seed 002) quotes that each peer shares "with only a fixed number (usually four) of other
peers at a given time". This module turns that into a small, explicit model, to show how
the answer depends on the overlap, the swarm's size and the choking rules. It is a
teaching model, not a measurement: see :data:`LIMITS`.

The model (every number is a field of :class:`ExchangeAssumptions`):

* BEP 3 (VERIFIED): a peer uploads to ``upload_slots`` = 4 peers at a time, one of them the
  "optimistic unchoke"; it re-decides who is unchoked every ``rechoke_seconds`` = 10 s and
  rotates the optimistic unchoke every ``optimistic_unchoke_seconds`` = 30 s.
* Peer A is connected to ``K`` peers: all the other ``swarm_size - 1`` peers, or
  ``neighbours`` of them if set. B is among them with probability ``c = K / (swarm_size - 1)``.
* Each of A's ``upload_slots - 1`` regular slots picks, at each rechoke, a peer uniformly at
  random from its ``K`` neighbours (``q = 1/K`` that it is B), independently of the other
  slots. With ``reciprocation = r`` a slot instead keeps its current peer with probability
  ``r`` (tit-for-tat keeps good partners); ``r = 0`` redraws every time.
* The optimistic slot draws afresh every optimistic period, also with ``q = 1/K``.
* In each period in which A unchokes B, at least one piece moves with probability
  ``t = transfer_per_unchoked_period`` (B must want a piece A has).
* An overlap of ``T`` seconds contains ``m = ceil(T / rechoke_seconds)`` rechoke periods and
  ``o = ceil(T / optimistic_unchoke_seconds)`` optimistic periods.

Then, for one direction (A to B) and given that A and B are connected:

* one regular slot never moves a piece to B with probability ``R = [1, 1] . M^(m-1) . v1``,
  where ``v1 = (1 - q, q(1 - t))`` and
  ``M = [[r + (1-r)(1-q), (1-r)(1-q)], [(1-r) q (1-t), (r + (1-r) q)(1-t)]]``
  (a two-state chain: the slot holds B or it does not). With ``t = 1`` this is simply
  ``R = (1 - q) (1 - (1 - r) q)^(m - 1)``, and with ``r = 0`` as well, ``(1 - q)^m``;
* the optimistic slot never does with probability ``O = (1 - q t)^o``;
* so ``P(no A-to-B piece) = N1 = R^(upload_slots - 1) . O``.

The two directions are independent given the connection, so
``P(direct exchange) = c (1 - N1^2)``. :func:`monte_carlo` simulates the same rules with a
seeded random generator, to check the formula.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

from .swarm import Assumption

BEP3 = "BEP 3 (bittorrent.org, beps/bep_0003.rst)"

LIMITS = (
    "This is a teaching model, not a measurement of any swarm. It treats every other peer as "
    "equally likely to be unchoked, while real clients favour the peers they download fastest from "
    "and give new connections three times the chance of the optimistic slot (BEP 3). It assumes "
    "both Does stayed connected for the whole overlap, that the swarm's size did not change, and "
    "that slots choose independently. The swarm size, the number of neighbours, reciprocation and "
    "the chance that an unchoke moves a piece are assumptions with no source here: change them and "
    "watch the answer move. A probability that two Does could have traded a piece is not evidence "
    "that they did; the courts asked whether a plaintiff alleged that they did."
)


@dataclass(frozen=True)
class ExchangeAssumptions:
    """Every number the exchange model uses, with its default and where that default comes from."""

    swarm_size: int = 100  # peers present at once, A and B included: ASSUMPTION
    upload_slots: int = 4  # BEP 3, VERIFIED (the optimistic unchoke counts as one of the four)
    rechoke_seconds: float = 10.0  # BEP 3, VERIFIED
    optimistic_unchoke_seconds: float = 30.0  # BEP 3, VERIFIED
    reciprocation: float = 0.0  # chance a regular slot keeps its peer at a rechoke: ASSUMPTION
    neighbours: int | None = None  # peers A is connected to (None: all others): ASSUMPTION
    transfer_per_unchoked_period: float = 1.0  # chance an unchoked period moves a piece: ASSUMPTION

    def __post_init__(self) -> None:
        if int(self.swarm_size) != self.swarm_size or self.swarm_size < 2:
            raise ValueError(f"swarm_size must be a whole number of at least 2 (A and B), got {self.swarm_size!r}")
        if int(self.upload_slots) != self.upload_slots or self.upload_slots < 1:
            raise ValueError(f"upload_slots must be a whole number of at least 1, got {self.upload_slots!r}")
        for name in ("rechoke_seconds", "optimistic_unchoke_seconds"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be more than 0, got {getattr(self, name)!r}")
        if not 0 <= self.reciprocation < 1:
            raise ValueError(f"reciprocation must be at least 0 and below 1, got {self.reciprocation!r}")
        if self.neighbours is not None and (int(self.neighbours) != self.neighbours or self.neighbours < 1):
            raise ValueError(f"neighbours must be a whole number of at least 1, or None, got {self.neighbours!r}")
        if not 0 < self.transfer_per_unchoked_period <= 1:
            raise ValueError(
                f"transfer_per_unchoked_period must be above 0 and at most 1, got {self.transfer_per_unchoked_period!r}"
            )

    @property
    def candidates(self) -> int:
        """K: how many peers A chooses among (its neighbours, at most everyone else)."""
        others = self.swarm_size - 1
        return others if self.neighbours is None else min(int(self.neighbours), others)

    def assumptions(self) -> tuple[Assumption, ...]:
        return (
            Assumption("swarm_size", self.swarm_size, "assumption",
                       "peers present at once; no source gives a typical figure for one swarm at one time"),
            Assumption("upload_slots", self.upload_slots, "VERIFIED",
                       f"{BEP3}: unchokes 'four peers', the optimistic unchoke 'counts as one of the four'"),
            Assumption("rechoke_seconds", self.rechoke_seconds, "VERIFIED",
                       f"{BEP3}: changes who is choked 'once every ten seconds'"),
            Assumption("optimistic_unchoke_seconds", self.optimistic_unchoke_seconds, "VERIFIED",
                       f"{BEP3}: the optimistic unchoke 'rotates every 30 seconds'"),
            Assumption("reciprocation", self.reciprocation, "assumption",
                       "chance a regular slot keeps its peer at a rechoke; 0 = a fresh random choice each time"),
            Assumption("neighbours", "all other peers" if self.neighbours is None else self.neighbours, "assumption",
                       "how many peers A is connected to"),
            Assumption("transfer_per_unchoked_period", self.transfer_per_unchoked_period, "assumption",
                       "chance that a period in which A unchokes B moves at least one piece; 1 = always (an upper bound)"),
        )


@dataclass(frozen=True)
class ExchangeEstimate:
    """The model's answer for one overlap."""

    overlap_minutes: float
    probability_direct_exchange: float  # a piece moved A to B or B to A
    probability_a_to_b: float  # a piece moved from A to B
    probability_connected: float  # B is among A's neighbours
    rechoke_periods: int
    optimistic_periods: int
    expected_peers_a_uploads_to: float  # distinct peers that got at least one piece from A
    expected_exchange_partners: float  # distinct peers A traded with in either direction
    assumptions: tuple[Assumption, ...]


@dataclass(frozen=True)
class MonteCarloResult:
    """A simulation of the same rules, to check the formula."""

    probability_direct_exchange: float
    standard_error: float
    trials: int
    seed: int


def periods(overlap_minutes: float, period_seconds: float) -> int:
    """How many decision periods an overlap touches (a partial period counts)."""
    if overlap_minutes < 0:
        raise ValueError(f"overlap_minutes must be 0 or more, got {overlap_minutes!r}")
    return math.ceil(round(overlap_minutes * 60 / period_seconds, 9))


def _matrix_power_2x2(m: tuple[tuple[float, float], tuple[float, float]], n: int
                     ) -> tuple[tuple[float, float], tuple[float, float]]:
    """``m`` to the power ``n`` (n >= 0) by repeated squaring; pure Python, so that a page
    that runs where numpy is missing (the static site) can use the formula."""
    def mul(a, b):
        return ((a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]),
                (a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]))

    result = ((1.0, 0.0), (0.0, 1.0))
    while n:
        if n & 1:
            result = mul(result, m)
        m = mul(m, m)
        n >>= 1
    return result


def _regular_slot_misses(m: int, q: float, r: float, t: float) -> float:
    """P(one regular slot moves no piece to B over m periods): the two-state chain above."""
    if m == 0:
        return 1.0
    if t == 1.0:
        return (1 - q) * (1 - (1 - r) * q) ** (m - 1)
    keep_b = r + (1 - r) * q
    matrix = ((r + (1 - r) * (1 - q), (1 - r) * (1 - q)), ((1 - r) * q * (1 - t), keep_b * (1 - t)))
    v1 = (1 - q, q * (1 - t))
    p = _matrix_power_2x2(matrix, m - 1)
    return (p[0][0] * v1[0] + p[0][1] * v1[1]) + (p[1][0] * v1[0] + p[1][1] * v1[1])


def _no_transfer_one_way(m: int, o: int, a: ExchangeAssumptions) -> float:
    q = 1 / a.candidates
    t = a.transfer_per_unchoked_period
    regular = _regular_slot_misses(m, q, a.reciprocation, t) ** (a.upload_slots - 1)
    optimistic = (1 - q * t) ** o
    return regular * optimistic


def exchange_probability(overlap_minutes: float, assumptions: ExchangeAssumptions | None = None) -> ExchangeEstimate:
    """The probability that two Does overlapping ``overlap_minutes`` traded a piece directly.

    Also the expected number of distinct peers A uploads to and trades with over that time
    (every other peer being present throughout). See the module docstring for the formula.
    """
    a = assumptions or ExchangeAssumptions()
    m = periods(overlap_minutes, a.rechoke_seconds)
    o = periods(overlap_minutes, a.optimistic_unchoke_seconds)
    connected = a.candidates / (a.swarm_size - 1)
    none_one_way = _no_transfer_one_way(m, o, a)
    return ExchangeEstimate(
        overlap_minutes=overlap_minutes,
        probability_direct_exchange=connected * (1 - none_one_way**2),
        probability_a_to_b=connected * (1 - none_one_way),
        probability_connected=connected,
        rechoke_periods=m,
        optimistic_periods=o,
        expected_peers_a_uploads_to=a.candidates * (1 - none_one_way),
        expected_exchange_partners=a.candidates * (1 - none_one_way**2),
        assumptions=a.assumptions(),
    )


def overlap_minutes_for(probability: float, assumptions: ExchangeAssumptions | None = None,
                        *, max_minutes: float = 60 * 24 * 365) -> float | None:
    """The shortest overlap (minutes, to the rechoke period) at which P(direct exchange) reaches ``probability``.

    None when it is not reached within ``max_minutes`` (for example when ``neighbours``
    caps the chance of being connected below it).
    """
    a = assumptions or ExchangeAssumptions()
    if not 0 < probability < 1:
        raise ValueError("probability must be between 0 and 1")
    step = a.rechoke_seconds / 60
    lo, hi = 0, math.ceil(max_minutes / step)
    if exchange_probability(hi * step, a).probability_direct_exchange < probability:
        return None
    while lo < hi:  # the probability never falls as the overlap grows
        mid = (lo + hi) // 2
        if exchange_probability(mid * step, a).probability_direct_exchange >= probability:
            hi = mid
        else:
            lo = mid + 1
    return lo * step


def monte_carlo(overlap_minutes: float, assumptions: ExchangeAssumptions | None = None,
                *, trials: int = 20_000, seed: int = 0, max_work: int = 20_000_000) -> MonteCarloResult:
    """Simulate the model's rules directly: real peer numbers drawn each period, B is peer 0.

    Plain Python with :class:`random.Random` seeded by ``seed``, so a run is repeatable. A
    direction stops drawing once a piece has moved (the outcome is then settled). Cost grows
    with trials x slots x periods; ``max_work`` refuses runs that would take minutes (use it
    for short overlaps; the formula has no such limit).
    """
    a = assumptions or ExchangeAssumptions()
    m = periods(overlap_minutes, a.rechoke_seconds)
    o = periods(overlap_minutes, a.optimistic_unchoke_seconds)
    work = trials * 2 * (a.upload_slots * m + o)
    if work > max_work:
        raise ValueError(f"simulation too large ({work:,} draws > max_work {max_work:,}); shorten the overlap")
    rng = random.Random(seed)
    rand, pick = rng.random, rng.randrange
    k, slots, r, t = a.candidates, a.upload_slots - 1, a.reciprocation, a.transfer_per_unchoked_period
    p_connected = k / (a.swarm_size - 1)

    def one_way() -> bool:
        """Whether A moves a piece to B over the overlap (B is peer 0 of A's k)."""
        current = [pick(k) for _ in range(slots)]
        for period in range(m):
            if period:
                current = [pick(k) if rand() >= r else peer for peer in current]
            for peer in current:
                if peer == 0 and rand() < t:
                    return True
        for _ in range(o):
            if pick(k) == 0 and rand() < t:
                return True
        return False

    exchanged = 0
    for _ in range(trials):
        if rand() < p_connected and (one_way() or one_way()):
            exchanged += 1
    p = exchanged / trials
    return MonteCarloResult(p, math.sqrt(max(p * (1 - p), 1e-12) / trials), trials, seed)
