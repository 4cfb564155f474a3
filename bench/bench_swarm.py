"""Benchmark: the swarm sweep (course.swarm.analyse) against a floor measured in the same process.

    python bench/bench_swarm.py            # n = 1,000 / 5,011 / 20,000 / 100,000; writes bench/results/swarm.json
    python bench/bench_swarm.py --quick    # small n, a smoke run; writes nothing unless --out is given

The sweep is plain Python and reads an exhibit's rows (:class:`course.exhibit.Observation`
records with time-zone-aware times), as a lesson page gives it. Times are machine-dependent,
so the table reports each time as a ratio to a floor: the time Python's ``sorted`` takes to
sort n random floats on this machine, right now. The sweep cannot beat a sort (it starts with
one), so a ratio that stays roughly flat as n grows means the sweep scales like a sort,
O(n log n). The table also gives the sweep's milliseconds: a lesson's control-to-ruling budget
is 100 ms. For n up to 5,011 (On The Cheap, LLC v. Does 1-5011, cited in seeds 000 and 002) the
table also times the O(n^2) all-pairs comparison (numpy, in blocks) the sweep replaces.

The exhibit is synthetic: n Does seen at uniformly random times over 63 days (the span
in seed 001), each assumed to stay 6 hours (centred). Nothing here is a fact about a case.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course.exhibit import Observation  # noqa: E402
from course.swarm import SwarmAssumptions, analyse  # noqa: E402

FULL_SIZES = (1_000, 5_011, 20_000, 100_000)
QUICK_SIZES = (100, 1_000)
ALL_PAIRS_MAX = 5_011
SPAN_HOURS = 63 * 24
ASSUMPTIONS = SwarmAssumptions(session_hours=6.0, placement="centred")


CHICAGO_SUMMER = dt.timezone(dt.timedelta(hours=-5))


def synthetic_exhibit(n: int, seed: int = 5011) -> tuple[Observation, ...]:
    """n rows as an exhibit's loader gives them: whole seconds, written with a -05:00 offset."""
    rng = random.Random(seed)
    start = dt.datetime(2011, 5, 1, tzinfo=dt.timezone.utc)
    return tuple(
        Observation(row_number=doe + 1, doe=doe, ip="192.0.2.1", isp="Example ISP", info_hash="A" * 40,
                    observed_at=(start + dt.timedelta(seconds=rng.randrange(SPAN_HOURS * 3600))
                                 ).astimezone(CHICAGO_SUMMER))
        for doe in range(1, n + 1)
    )


def best_of(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def all_pairs_count(rows: tuple[Observation, ...], session_hours: float) -> int:
    """The O(n^2) reference: compare every pair (centred placement: overlap iff gap < S), in seconds."""
    t = np.array([o.observed_at.timestamp() for o in rows], dtype=np.int64)
    s = session_hours * 3600
    total = 0
    for i in range(0, len(t), 1024):  # in blocks, to bound memory
        block = t[i:i + 1024, None]
        total += int((np.abs(block - t[None, :]) < s).sum())
    return (total - len(t)) // 2


def run(sizes: tuple[int, ...], repeats: int) -> list[dict]:
    rows = []
    for n in sizes:
        rows_ = synthetic_exhibit(n)
        rng = random.Random(n)
        floats = [rng.random() for _ in range(n)]
        result = analyse(rows_, ASSUMPTIONS)
        sweep = best_of(lambda: analyse(rows_, ASSUMPTIONS), repeats)
        floor = best_of(lambda: sorted(floats), max(repeats, 5))
        row = {
            "n": n,
            "sweep_seconds": sweep,
            "sweep_ms": sweep * 1000,
            "floor_seconds": floor,
            "ratio": sweep / floor,
            "overlapping_pairs": result.overlapping_pairs,
            "groups": len(result.groups),
            "share_with_company": result.share_with_company,
        }
        if n <= ALL_PAIRS_MAX:
            assert all_pairs_count(rows_, ASSUMPTIONS.session_hours) == result.overlapping_pairs
            brute = best_of(lambda: all_pairs_count(rows_, ASSUMPTIONS.session_hours), 1)
            row |= {"all_pairs_seconds": brute, "all_pairs_ratio": brute / floor}
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        f"{'n':>8} {'sweep ms':>10} {'floor s':>10} {'ratio':>8} {'all-pairs ratio':>16} {'pairs':>12} {'groups':>7}",
    ]
    for r in rows:
        brute = f"{r['all_pairs_ratio']:16.0f}" if "all_pairs_ratio" in r else f"{'-':>16}"
        lines.append(
            f"{r['n']:>8,} {r['sweep_ms']:10.1f} {r['floor_seconds']:10.6f} {r['ratio']:8.0f} {brute} "
            f"{r['overlapping_pairs']:>12,} {r['groups']:>7,}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small n only (a smoke run)")
    parser.add_argument("--out", type=Path, help="where to write the JSON (default: bench/results/swarm.json "
                        "for a full run; nothing for --quick)")
    args = parser.parse_args(argv)

    sizes, repeats = (QUICK_SIZES, 1) if args.quick else (FULL_SIZES, 3)
    rows = run(sizes, repeats)
    print(f"swarm sweep: session {ASSUMPTIONS.session_hours:g} h ({ASSUMPTIONS.placement}), "
          f"synthetic exhibits over {SPAN_HOURS // 24} days")
    print("floor = Python's sorted() of n random floats in this process; ratio = sweep time / floor")
    print(table(rows))

    out = args.out or (None if args.quick else ROOT / "bench" / "results" / "swarm.json")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({
            "benchmark": "course.swarm.analyse",
            "floor": "sorted() of a list of n random floats, best of at least 5, same process",
            "quick": args.quick,
            "assumptions": {"session_hours": ASSUMPTIONS.session_hours, "placement": ASSUMPTIONS.placement,
                            "span_hours": SPAN_HOURS},
            "machine": {"python": platform.python_version(), "numpy": np.__version__,
                        "cpus": os.cpu_count(), "platform": platform.platform()},
            "rows": rows,
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
