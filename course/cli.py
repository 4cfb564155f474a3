"""The ``course`` command.

    course check                      every quote verbatim in its seed, at its pinpoint
    course decide --list              the registry of legal tests
    course decide TEST_ID FACTS.json  a ruling as JSON (outcome, basis, every element's status and basis)
    course test [TEST_ID ...]         the reviewable cases in data/rule_cases/*.yaml
    course exhibit FILE.csv --session-hours H [--forum DISTRICT] [--stage STAGE]
    course approaches FACTS.json      one case's facts under every approach the sources describe
    course sign-in-links NAME ...     one signed sign-in link per learner
    course --version

Also runs as ``python -m course``.

Bad input gets a one-line message and exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _fail(message: str, status: int = 2) -> int:
    print(f"course: {message}", file=sys.stderr)
    return status


def cmd_check(args: argparse.Namespace) -> int:
    from . import check
    from .records import DataError
    from .sources import SeedsMissing

    try:
        count, problems = check.run()
    except (DataError, SeedsMissing) as e:
        return _fail(str(e))
    for p in problems:
        print(p)
    print(f"{count} quotes checked, {len(problems)} problems")
    return 1 if problems else 0


def cmd_decide(args: argparse.Namespace) -> int:
    from . import registry

    if args.list:
        tests = registry.load_all()
        print(json.dumps([t.describe() for t in tests.values()], indent=2))
        return 0
    if not args.test_id or not args.facts:
        return _fail("usage: course decide TEST_ID FACTS.json (or --list)")
    try:
        raw = json.loads(Path(args.facts).read_text(encoding="utf-8")) if args.facts != "-" else json.load(sys.stdin)
    except FileNotFoundError:
        return _fail(f"no such file: {args.facts}")
    except json.JSONDecodeError as e:
        return _fail(f"{args.facts} is not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}")
    try:
        ruling = registry.decide(args.test_id, raw)
    except (KeyError, registry.BadFacts) as e:
        return _fail(str(e).strip("'\""))
    print(json.dumps(ruling.to_json(), indent=2, ensure_ascii=False))
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    from . import casebook
    from .records import DataError

    try:
        count, failures = casebook.run_all(args.test_ids or None)
    except DataError as e:
        return _fail(str(e))
    for f in failures:
        print(f)
    print(f"{count} cases run, {len(failures)} failed")
    return 1 if failures or not count else 0


def cmd_exhibit(args: argparse.Namespace) -> int:
    from . import exhibit_report

    return exhibit_report.main(args)


def cmd_approaches(args: argparse.Namespace) -> int:
    from . import approaches
    from .records import DataError

    try:
        if args.schema:
            print(json.dumps(approaches.facts_schema(), indent=2))
            return 0
        if args.output_schema:
            print(json.dumps(approaches.output_schema(), indent=2))
            return 0
        if args.cases:
            count, failures = 0, []
            for path, cases in approaches.load_cases().items():
                for case in cases:
                    count += 1
                    failures += [f"{path.name}: {case.name}: {p}" for p in approaches.check_case(case)]
            for f in failures:
                print(f)
            print(f"{count} approach cases run, {len(failures)} problems")
            return 1 if failures else 0
        if args.courts:
            print(json.dumps({cid: {"name": ps[0][1].name, "court": ps[0][1].court,
                                    "placements": [{"approach": aid, "placement": c.placement} for aid, c in ps]}
                              for cid, ps in approaches.courts().items()}, indent=2, ensure_ascii=False))
            return 0
    except DataError as e:
        return _fail(str(e))
    if not args.facts:
        return _fail("usage: course approaches FACTS.json (or - for standard input); see course approaches --help")
    try:
        if args.facts == "-":
            raw, base = json.load(sys.stdin), Path.cwd()
        else:
            raw, base = json.loads(Path(args.facts).read_text(encoding="utf-8")), Path(args.facts).resolve().parent
    except FileNotFoundError:
        return _fail(f"no such file: {args.facts}")
    except json.JSONDecodeError as e:
        return _fail(f"{args.facts} is not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}")
    try:
        report = approaches.evaluate(raw, base=base)
    except (approaches.BadCase, registry_bad_facts(), DataError) as e:
        return _fail(str(e))
    if args.text:
        print(approaches.text_table(report))
    else:
        print(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
    return 0


def registry_bad_facts() -> type[Exception]:
    from .registry import BadFacts

    return BadFacts


APPROACHES_HELP = """\
Enter one case's facts once and see the result under every approach the sources describe (joinder;
early discovery and subscriber plausibility where their facts are given), each labelled 'as <source>
describes it', with its basis (held only on a court's own facts; otherwise applied or described),
its sources, what is missing and what would change it. Output: JSON (schema: --output-schema).

FACTS.json (schema: --schema, shipped as data/approaches.facts.schema.json):
  stage              required: early_discovery | after_motion_to_quash | merits
  does_count         number of Does (1-100000; with one, joinder does not arise) } give both,
  span_hours         hours from first to last observation                          } or an exhibit
  closest_gap_hours  hours between the two closest observations (optional)
  exhibit            an Exhibit A (CSV/XLSX) path relative to FACTS.json, or an example's name
  alleges            {same_hash, same_swarm, same_time, exchange_between_does}: true/false (default false)
  follows            id of a court the sources name (list them with --courts)
  session_hours      assumed hours a Doe stays in the swarm (an assumption; default from the course)
  pro_se_does_expected, distinct_defenses_likely   true/false (default true)
  facts_for          {test id: facts} for the early-discovery and subscriber tests:
                     discovery.gillespie_ndcal_2012, discovery.semitool_ndcal_2012,
                     discovery.dhaw_2020_letters_rogatory, subscriber.dconn_2020
                     (their fields: course decide --list; Semitool's does_count and
                     joinder_proper are taken from the case, not from here)

Example:
  {"stage": "early_discovery", "does_count": 90, "span_hours": 1512,
   "alleges": {"same_hash": true, "same_swarm": true}, "follows": "call_of_the_wild_ddc_2011"}

Bad input: one line naming the field, exit status 2.
"""


def cmd_sign_in_links(args: argparse.Namespace) -> int:
    from . import identity

    names = [n for n in args.names if n.strip()]
    if args.roster:
        names += [line.strip() for line in open(args.roster, encoding="utf-8") if line.strip()]
    if not names:
        return _fail("course sign-in-links: give learners' names (or --roster FILE, one name a line)")
    secret = identity.load_secret()
    for name in names:
        try:
            link = identity.sign_in_link(args.base_url, name, args.role, secret=secret)
        except ValueError as e:
            return _fail(f"course sign-in-links: {name!r}: {e}")
        print(f"{name}\t{link}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="course", description="The BitTorrent Doe cases course engine.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="check every quote against the seeds")
    c.set_defaults(func=cmd_check)

    d = sub.add_parser("decide", help="run a court's test on a set of facts")
    d.add_argument("--list", action="store_true", help="list every test with its facts' schema")
    d.add_argument("test_id", nargs="?")
    d.add_argument("facts", nargs="?", help="a JSON file of facts, or - for standard input")
    d.set_defaults(func=cmd_decide)

    t = sub.add_parser("test", help="run the reviewable cases in data/rule_cases/*.yaml")
    t.add_argument("test_ids", nargs="*", help="only these tests (default: every test)")
    t.set_defaults(func=cmd_test)

    e = sub.add_parser("exhibit", help="what an Exhibit A proves under each joinder test")
    e.add_argument("file")
    e.add_argument("--session-hours", type=float, required=True)
    e.add_argument("--forum", default=None, help="a forum state, e.g. California (the model works at state level)")
    from .exhibit_report import add_arguments

    add_arguments(e)
    e.set_defaults(func=cmd_exhibit)

    a = sub.add_parser("approaches", help="a case's facts under every approach the sources describe",
                       description=APPROACHES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("facts", nargs="?", help="a JSON file of case facts, or - for standard input")
    a.add_argument("--schema", action="store_true", help="print the JSON Schema of the facts and exit")
    a.add_argument("--output-schema", action="store_true", help="print the JSON Schema of the output and exit")
    a.add_argument("--courts", action="store_true", help="list the courts the approaches name, by id, and exit")
    a.add_argument("--cases", action="store_true",
                   help="run the reviewable cases in data/approach_cases/*.yaml and exit (1 if any fails)")
    a.add_argument("--text", action="store_true", help="print a plain text table instead of JSON")
    a.set_defaults(func=cmd_approaches)
    s = sub.add_parser("sign-in-links", help="one sign-in link per learner, for the course's own server")
    s.add_argument("names", nargs="*", help="learners' names (as their records will show them)")
    s.add_argument("--roster", help="a file of names, one a line")
    s.add_argument("--role", choices=["learner", "instructor"], default="learner")
    s.add_argument("--base-url", default="http://127.0.0.1:8866", help="the server's address as learners reach it")
    s.set_defaults(func=cmd_sign_in_links)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`course decide --list | head`): not an error of ours.
        # Point stdout at nothing so that Python's own flush at exit does not complain.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
