"""``course exhibit FILE --session-hours H [--forum STATE] [--stage STAGE]``: what an Exhibit A proves, as JSON.

Prints the counts (rows read, loaded, rejected with row numbers and reasons), the overlap
summary, the in-forum estimate (when a forum is named) and every joinder test's ruling, each
with the facts it was given (``course decide TEST_ID`` on those facts gives the same ruling).

The allegations default to what an exhibit alone supports: the same hash if the rows share one
info hash, which is NOT an allegation of the same swarm (N.D. Ill. held that a shared hash shows
only the same piece at some point in the swarm's life); the same swarm, same time and direct
exchange only when the flags say the complaint alleges them. ``--stage`` says when joinder is
raised (Call of the Wild, as N.D. Cal. describes it, defers joinder at early discovery only).
"""
from __future__ import annotations

import argparse
import json
import sys

from . import exhibit_facts as ef
from . import geolocation, swarm
from .exhibit import ExhibitError, read_exhibit

STAGES = ("early_discovery", "after_motion_to_quash")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--placement", default="centred", choices=swarm.PLACEMENTS,
                   help="where the observation falls in each Doe's stay (an assumption)")
    p.add_argument("--alleges-same-swarm", action="store_true",
                   help="the complaint alleges the Does were in the same swarm (a shared info hash is not that)")
    p.add_argument("--alleges-same-time", action="store_true", help="the complaint alleges same-time participation")
    p.add_argument("--alleges-exchange", action="store_true", help="the complaint alleges direct Doe-to-Doe exchange")
    p.add_argument("--stage", default="early_discovery", choices=STAGES,
                   help="when joinder is raised: on the application for early discovery (default) or after "
                        "discovery was allowed and a motion to quash or sever was filed")


def report(path: str, session_hours: float, forum: str | None = None, *, placement: str = "centred",
           alleges_same_time: bool = False, alleges_exchange: bool = False, alleges_same_swarm: bool = False,
           stage: str = "early_discovery") -> dict:
    load = read_exhibit(path)
    assumptions = swarm.SwarmAssumptions(session_hours=session_hours, placement=placement)  # type: ignore[arg-type]
    out: dict = {
        "file": load.filename,
        "illustrative": load.is_illustrative or load.all_documentation_ips,
        "rows_read": load.rows_read,
        "rows_loaded": load.rows_loaded,
        "rows_rejected": load.rows_rejected,
        "problems": [{"row": p.row_number, "reason": p.reason} for p in load.problems],
        "warnings": [{"row": w.row_number, "reason": w.reason} for w in load.warnings],
        "assumptions": [str(a) for a in assumptions.assumptions()],
    }
    a = swarm.analyse(load, assumptions)
    out["overlap"] = {
        "does": a.does,
        "span_hours": a.span_hours,
        "largest_gap_hours": a.largest_gap_hours,
        "overlapping_pairs": a.overlapping_pairs,
        "possible_pairs": a.possible_pairs,
        "groups": len(a.groups),
        "largest_group": a.largest_group_size,
        "share_with_company": a.share_with_company,
        "session_hours_for_all_company": a.session_hours_for_all_company,
        "session_hours_for_one_chain": a.session_hours_for_one_chain,
    }
    if forum:
        f = geolocation.Forum(forum, country=("US", "United States"), region=(forum,), whole_region=True)
        e = geolocation.estimate_forum(geolocation.claims_from_exhibit(load), f)
        out["in_forum"] = {
            "forum": forum,
            "expected_in_forum_low": e.expected_in_forum_low,
            "expected_in_forum_high": e.expected_in_forum_high,
            "p_all_in_forum_low": e.p_all_in_forum_low,
            "p_all_in_forum_high": e.p_all_in_forum_high,
            "assumptions": [str(x) for x in e.assumptions],
        }
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
    allegations = ef.Allegations(same_swarm_alleged=alleges_same_swarm, same_time_alleged=alleges_same_time,
                                 direct_exchange_alleged=alleges_exchange,
                                 early_discovery_stage=stage == "early_discovery")
    out["stage"] = stage
    out["allegations"] = {
        "same_hash": len(load.info_hashes) == 1, "same_swarm": alleges_same_swarm,
        "same_time": alleges_same_time, "exchange_between_does": alleges_exchange,
    }
    if a.does >= 2:
        facts = ef.joinder_facts_for(load, assumptions, allegations)
        rulings = ef.joinder_rulings(load, assumptions, allegations)
        out["joinder"] = {tid: r.to_json() for tid, r in rulings.items()}
        out["joinder_facts"] = {tid: f.model_dump(mode="json") for tid, f in facts.items()}
    else:
        out["joinder"] = {"note": f"joinder needs at least two Does; the exhibit has {a.does}"}
    return out


def main(args: argparse.Namespace) -> int:
    try:
        result = report(args.file, args.session_hours, args.forum, placement=getattr(args, "placement", "centred"),
                        alleges_same_time=getattr(args, "alleges_same_time", False),
                        alleges_exchange=getattr(args, "alleges_exchange", False),
                        alleges_same_swarm=getattr(args, "alleges_same_swarm", False),
                        stage=getattr(args, "stage", "early_discovery"))
    except FileNotFoundError:
        print(f"course: no such file: {args.file}", file=sys.stderr)
        return 2
    except (ExhibitError, ValueError) as e:
        print(f"course: {e}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    return 0
