"""The ``course`` command.

    course check                      every quote verbatim in its seed, at its pinpoint
    course decide --list              the registry of legal tests
    course decide TEST_ID FACTS.json  a ruling as JSON
    course exhibit FILE.csv --session-hours H [--forum DISTRICT]
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


def cmd_exhibit(args: argparse.Namespace) -> int:
    from . import exhibit_report

    return exhibit_report.main(args)


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

    e = sub.add_parser("exhibit", help="what an Exhibit A proves under each joinder test")
    e.add_argument("file")
    e.add_argument("--session-hours", type=float, required=True)
    e.add_argument("--forum", default=None, help="a forum state, e.g. California (the model works at state level)")
    from .exhibit_report import add_arguments

    add_arguments(e)
    e.set_defaults(func=cmd_exhibit)
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
