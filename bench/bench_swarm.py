"""Benchmark: the swarm sweep (course.swarm.analyse) against a floor measured in the same process.

    python bench/bench_swarm.py            # n = 1,000 / 5,011 / 20,000 / 100,000; writes bench/results/swarm.json
    python bench/bench_swarm.py --quick    # small n, a smoke run; writes nothing unless --out is given

Times are machine-dependent, so the table reports each time as a ratio to a floor: the
time numpy takes to sort n random floats on this machine, right now. The sweep cannot
beat a sort (it starts with one), so a ratio that stays roughly flat as n grows means the
sweep scales like a sort, O(n log n). For n up to 5,011 (On The Cheap, LLC v. Does 1-5011,
cited in seeds 000 and 002) the table also times the O(n^2) all-pairs comparison the sweep
replaces.

The exhibit is synthetic: n Does seen at uniformly random times over 63 days (the span
in seed 001), each assumed to stay 6 hours (centred). Nothing here is a fact about a case.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course.swarm import NS_PER_HOUR, SwarmAssumptions, analyse  # noqa: E402

FULL_SIZES = (1_000, 5_011, 20_000, 100_000)
QUICK_SIZES = (100, 1_000)
ALL_PAIRS_MAX = 5_011
SPAN_HOURS = 63 * 24
ASSUMPTIONS = SwarmAssumptions(session_hours=6.0, placement="centred")


def synthetic_exhibit(n: int, seed: int = 5011) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2011-05-01", tz="UTC").value
    offsets = rng.integers(0, SPAN_HOURS * NS_PER_HOUR, size=n)
    return pd.DataFrame(
        {"doe": np.arange(1, n + 1), "observed_at": pd.to_datetime(start + offsets, utc=True)}
    )


def best_of(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def all_pairs_count(frame: pd.DataFrame, session_hours: float) -> int:
    """The O(n^2) reference: compare every pair (centred placement: overlap iff gap < S)."""
    t = frame["observed_at"].dt.tz_localize(None).to_numpy().view(np.int64)
    s = round(session_hours * NS_PER_HOUR)
    total = 0
    for i in range(0, len(t), 1024):  # in blocks, to bound memory
        block = t[i:i + 1024, None]
        total += int((np.abs(block - t[None, :]) < s).sum())
    return (total - len(t)) // 2


def run(sizes: tuple[int, ...], repeats: int) -> list[dict]:
    rows = []
    for n in sizes:
        frame = synthetic_exhibit(n)
        floats = np.random.default_rng(n).random(n)
        result = analyse(frame, ASSUMPTIONS)
        sweep = best_of(lambda: analyse(frame, ASSUMPTIONS), repeats)
        floor = best_of(lambda: np.sort(floats), max(repeats, 5))
        row = {
            "n": n,
            "sweep_seconds": sweep,
            "floor_seconds": floor,
            "ratio": sweep / floor,
            "overlapping_pairs": result.overlapping_pairs,
            "groups": len(result.groups),
            "share_with_company": result.share_with_company,
        }
        if n <= ALL_PAIRS_MAX:
            assert all_pairs_count(frame, ASSUMPTIONS.session_hours) == result.overlapping_pairs
            brute = best_of(lambda: all_pairs_count(frame, ASSUMPTIONS.session_hours), 1)
            row |= {"all_pairs_seconds": brute, "all_pairs_ratio": brute / floor}
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        f"{'n':>8} {'sweep s':>10} {'floor s':>10} {'ratio':>8} {'all-pairs ratio':>16} {'pairs':>12} {'groups':>7}",
    ]
    for r in rows:
        brute = f"{r['all_pairs_ratio']:16.0f}" if "all_pairs_ratio" in r else f"{'-':>16}"
        lines.append(
            f"{r['n']:>8,} {r['sweep_seconds']:10.4f} {r['floor_seconds']:10.6f} {r['ratio']:8.0f} {brute} "
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
    print("floor = numpy sort of n float64 in this process; ratio = sweep time / floor")
    print(table(rows))

    out = args.out or (None if args.quick else ROOT / "bench" / "results" / "swarm.json")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({
            "benchmark": "course.swarm.analyse",
            "floor": "numpy.sort of n random float64, best of at least 5, same process",
            "quick": args.quick,
            "assumptions": {"session_hours": ASSUMPTIONS.session_hours, "placement": ASSUMPTIONS.placement,
                            "span_hours": SPAN_HOURS},
            "machine": {"python": platform.python_version(), "numpy": np.__version__, "pandas": pd.__version__,
                        "cpus": os.cpu_count(), "platform": platform.platform()},
            "rows": rows,
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
