"""The source check: every quote the course shows must stand verbatim in its seed.

Three kinds of text are checked:

* the quote bank, ``data/quotes/*.yaml``: each quote must be found in the seed it names,
  and its pinpoint must be the one :func:`course.sources.pinpoint` computes;
* prose in ``data/`` (case summaries, exercise feedback), notebooks and exercises: any
  span in double quotes of three or more words must be found in some seed; when the span
  is followed by a citation such as ``(001, p. 9:17-18)`` it must be in that seed at that
  pinpoint;
* references to quote ids anywhere in ``data/`` must resolve.

Comparison is after :func:`course.sources.normalise` (whitespace, line breaks, margin
numbers, markup, escapes and typographic quote marks).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from . import paths, sources
from .records import DATA_DIR, Quote, load_quotes

#: The folder whose notebooks are checked: the checkout, or None when the course is installed
#: and no checkout is at hand (then the quote bank and data/ are checked, and the notebooks are not).
REPO = paths.project_root()

#: “…” or "…" spans of at least three words; a citation like (001, p. 9:17-18) may follow, and it may
#: name the case first for the reader: (*Hard Drive* (N.D. Cal. 2012), 001, p. 9:17-18).
QUOTED_SPAN = re.compile(
    r"(?:“([^”]{3,}?)”|\"([^\"\n]{3,}?)\")"
    r"(?:\s*\((?:[^()]*?(?:\([^()]*\))?[^()]*?,\s*)?(00[0-4]),\s*((?:[^()]|\((?:[^()]|\([^()]*\))*\))+)\))?"
)


@dataclass(frozen=True)
class Problem:
    where: str
    text: str
    reason: str

    def __str__(self) -> str:
        short = self.text if len(self.text) <= 90 else self.text[:87] + "..."
        return f"{self.where}: {self.reason}: “{short}”"


def check_quote(q: Quote) -> Problem | None:
    loc = sources.locate(q.text, q.seed)
    where = f"data/quotes: {q.id}"
    if loc is None:
        other = sources.find_in_any_seed(q.text)
        hint = f" (it is in {other.seed})" if other else ""
        return Problem(where, q.text, f"not found verbatim in seed {q.seed}{hint}")
    expected = sources.pinpoint(loc)
    if q.pinpoint != expected:
        return Problem(where, q.text, f"pinpoint {q.pinpoint!r} should be {expected!r}")
    return None


def _word_count(s: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+", s))


def check_prose(text: str, where: str) -> list[Problem]:
    """Check every quoted span of three or more words in a piece of prose."""
    problems = []
    for m in QUOTED_SPAN.finditer(text):
        span = m.group(1) or m.group(2)
        if _word_count(span) < 3:
            continue
        seed, pin = m.group(3), m.group(4)
        if seed:
            loc = sources.locate(span, seed)
            if loc is None:
                problems.append(Problem(where, span, f"not found verbatim in seed {seed}"))
            elif sources.pinpoint(loc) != pin.strip():
                problems.append(
                    Problem(where, span, f"pinpoint {pin.strip()!r} should be {sources.pinpoint(loc)!r}")
                )
        elif sources.find_in_any_seed(span) is None:
            problems.append(Problem(where, span, "quoted words not found verbatim in any seed"))
    return problems


def _strings(node, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            ident = v.get("id") if isinstance(v, dict) else None
            yield from _strings(v, f"{path}[{ident or i}]")


def _data_prose(data_dir: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(data_dir.rglob("*.yaml")):
        if path.parent.name == "quotes":
            continue  # checked strictly, quote by quote
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _strings(doc, str(path.relative_to(data_dir.parent)))


def _notebook_prose(paths: Iterable[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb.get("cells", []), start=1):
            if cell.get("cell_type") == "markdown":
                src = "".join(cell.get("source", []))
                yield f"{path.relative_to(REPO) if REPO and path.is_relative_to(REPO) else path} cell {i}", src


def notebooks(repo: Path | None = REPO) -> list[Path]:
    if repo is None:
        return []
    return sorted(
        p
        for folder in paths.NOTEBOOK_FOLDERS
        for p in (repo / folder).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


def run(repo: Path | None = REPO) -> tuple[int, list[Problem]]:
    """Check everything. Returns (number of items checked, problems).

    ``repo`` holds the notebooks to check (None: none) and, if it has one, the ``data/`` to
    check; otherwise the installed course's data is checked.
    """
    problems: list[Problem] = []
    data = repo / "data" if repo is not None and (repo / "data").is_dir() else DATA_DIR
    quotes = load_quotes(data / "quotes")
    count = 0
    for q in quotes.values():
        count += 1
        p = check_quote(q)
        if p:
            problems.append(p)
    for where, text in list(_data_prose(data)) + list(_notebook_prose(notebooks(repo))):
        for m in QUOTED_SPAN.finditer(text):
            if _word_count(m.group(1) or m.group(2)) >= 3:
                count += 1
        problems.extend(check_prose(text, where))
    return count, problems
