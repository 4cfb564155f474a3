"""Write the course's example exhibits (deterministic; run it again and the files do not change).

    python data/exhibits/make_examples.py

Every address is from a documentation block (192.0.2.0/24, 198.51.100.0/24,
203.0.113.0/24, 2001:db8::/32) and every ISP name is invented, so no file names a real
subscriber. What comes from a source and what is invented is set out in README.md beside
this script and in each file's ``illustrative`` column.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
HEADER = ["doe", "ip", "isp", "info_hash", "observed_at", "country", "region", "city", "accuracy_km", "illustrative"]
ISPS = ("Example Cable (fictional)", "Sample DSL (fictional)", "Demo Fiber (fictional)", "Placeholder Wireless (fictional)")
UTC = dt.timezone.utc

#: From seed 002 (12-cv-6677 Compl. para. 38, as the opinion reports it), with the space removed.
NDILL_INFO_HASH = "8342201A3C44277E7753BBCB2EFDA014EBEF84A4"


def synthetic_hash(label: str) -> str:
    """A made-up info hash (SHA-1 of a label): it is not the hash of any real torrent."""
    return hashlib.sha1(f"illustrative exhibit: {label}".encode()).hexdigest().upper()


def documentation_ip(i: int) -> str:
    """The i-th address (0-based) drawn in turn from the four documentation blocks."""
    block, host = i % 4, i // 4 + 1
    if block == 3:
        return f"2001:db8::{host:x}"
    return f"{('192.0.2', '198.51.100', '203.0.113')[block]}.{host}"


def iso(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


def write(name: str, rows: list[list[object]]) -> Path:
    path = HERE / name
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])
    return path


def ndcal_times(rng: random.Random) -> list[dt.datetime]:
    """90 distinct times over 63 days, "hours, days, or weeks apart" (seed 001).

    Two gaps of 7-9 days, twelve of 1-3 days and the rest of 3-20 hours, shuffled,
    then the shorter gaps scaled so that first to last spans just under 63 days. Every gap
    is at least two hours, so that no two Does are "close together" in the sense the
    N.D. Cal. test uses (``course.joinder.NDCAL_HOURS_APART``).
    """
    start = dt.datetime(2011, 5, 1, tzinfo=UTC) + dt.timedelta(minutes=rng.randint(10, 50))
    span_hours = 63 * 24 - 2
    weeks = [rng.uniform(7 * 24, 9 * 24) for _ in range(2)]
    days = [rng.uniform(24, 72) for _ in range(12)]
    hours = [rng.uniform(3, 20) for _ in range(89 - 2 - 12)]
    scale = (span_hours - sum(weeks)) / (sum(days) + sum(hours))
    gaps = weeks + [g * scale for g in days + hours]
    rng.shuffle(gaps)
    assert min(gaps) >= 2.0, "every gap should be at least two hours"
    times = [start]
    for g in gaps:
        times.append(times[-1] + dt.timedelta(seconds=round(g * 3600)))
    assert times[-1] - times[0] < dt.timedelta(days=63)
    assert times[-1] < dt.datetime(2011, 8, 3, tzinfo=UTC), "before the complaint was filed"
    assert len(set(times)) == 90
    return times


def ndcal_rows() -> list[list[object]]:
    rng = random.Random(20110501)
    note = (
        "synthetic: times, IPs, ISPs and locations invented by make_examples.py (seed 20110501); "
        "only the pattern (90 Does over 63 days at different times) is from seed 001"
    )
    info_hash = synthetic_hash("ndcal_hard_drive_pattern")
    california = ("San Jose", "San Francisco", "Oakland", "Sacramento", "Los Angeles", "San Diego", "Fresno")
    elsewhere = (("Nevada", "Reno"), ("Oregon", "Portland"), ("Arizona", "Phoenix"), ("Texas", "Austin"))
    rows = []
    for i, t in enumerate(ndcal_times(rng)):
        doe = i + 1
        if rng.random() < 0.8:
            region, city = "California", rng.choice(california)
        else:
            region, city = rng.choice(elsewhere)
        level = rng.random()
        if level < 0.35:  # accuracy radius given
            accuracy = rng.choice((5, 10, 20, 50, 100, 200, 500))
        else:
            accuracy = None
            if level < 0.6:
                pass  # city level
            elif level < 0.85:
                city = None  # region level
            else:
                region = city = None  # country only
        rows.append([doe, documentation_ip(i), rng.choice(ISPS), info_hash, iso(t), "US", region, city, accuracy, note])
    return rows


def ndill_rows() -> list[list[object]]:
    chicago = ZoneInfo("America/Chicago")  # ASSUMPTION: the opinion gives no time zone
    note = (
        "times and info hash from seed 002; time zone America/Chicago assumed (the opinion gives none); "
        "IP, ISP and location illustrative"
    )
    doe_29 = dt.datetime(2012, 7, 23, 9, 44, tzinfo=chicago)
    doe_38 = dt.datetime(2012, 8, 9, 1, 32, tzinfo=chicago)
    return [
        [29, "198.51.100.29", ISPS[0], NDILL_INFO_HASH, iso(doe_29), "US", "Illinois", None, None, note],
        [38, "203.0.113.38", ISPS[1], NDILL_INFO_HASH, iso(doe_38), "US", "Illinois", None, None, note],
    ]


def tight_cluster_rows() -> list[list[object]]:
    rng = random.Random(20120723)
    chicago = ZoneInfo("America/Chicago")
    note = "synthetic: 12 Does within a few hours, invented by make_examples.py (seed 20120723) for contrast"
    info_hash = synthetic_hash("tight_cluster")
    t = dt.datetime(2012, 7, 23, 19, 5, tzinfo=chicago)
    cities = ("Chicago", "Evanston", "Naperville", "Joliet", "Aurora")
    rows = []
    for i in range(12):
        if i:
            t += dt.timedelta(seconds=rng.randint(3 * 60, 25 * 60))
        accuracy = rng.choice((None, 10, 20, 50))
        rows.append([i + 1, documentation_ip(i), rng.choice(ISPS), info_hash, iso(t), "US", "Illinois",
                     rng.choice(cities), accuracy, note])
    return rows


def bad_rows() -> list[list[object]]:
    """Deliberately bad rows; README.md lists what is wrong with each."""
    h = synthetic_hash("bad_rows")
    note = "deliberately bad rows for tests and demonstrations"
    return [
        [1, "192.0.2.1", ISPS[0], h, "2012-07-23T09:44:00-05:00", "US", "Illinois", "Chicago", 20, note],  # row 2: good
        [2, "192.0.2.2", ISPS[0], h, "2012-07-23T10:15:00", "US", None, None, None, note],  # row 3: naive time
        [3, "192.0.2.3", ISPS[1], h, "July 23, 2012 10:20 a.m.", "US", None, None, None, note],  # row 4: not ISO
        [4, "203.0.113.300", ISPS[1], h, "2012-07-23T10:25:00-05:00", "US", None, None, None, note],  # row 5: bad IP
        [5, "198.51.100.5", ISPS[2], h[:39], "2012-07-23T10:30:00-05:00", "US", None, None, None, note],  # row 6: hash
        [6, "198.51.100.6", None, h, "2012-07-23T10:35:00-05:00", "US", None, None, None, note],  # row 7: no ISP
        [1, "198.51.100.7", ISPS[2], h, "2012-07-23T10:40:00-05:00", "US", None, None, None, note],  # row 8: dup Doe
        [0, "198.51.100.8", ISPS[3], h, "2012-07-23T10:45:00-05:00", "US", None, None, None, note],  # row 9: Doe 0
        [9, "2001:db8::9", ISPS[3], h, "2012-07-23T10:50:00-05:00", "US", "Illinois", None, -5, note],  # row 10: -km
        [10, "2001:db8::a", ISPS[0], h.lower(), "2012-07-23T15:55:00Z", "US", "Illinois", None, None, note],  # row 11
    ]


def main() -> None:
    for name, rows in (
        ("ndcal_hard_drive_pattern.csv", ndcal_rows()),
        ("ndill_doe29_doe38.csv", ndill_rows()),
        ("tight_cluster.csv", tight_cluster_rows()),
        ("bad_rows.csv", bad_rows()),
    ):
        print(f"wrote {write(name, rows).relative_to(HERE.parent.parent)} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
