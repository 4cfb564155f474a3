"""What a lesson notebook calls: one short line per cell.

    from widgets import lesson
    lesson.state("joinder.ndill_2013")      # the ruling on the court's own facts, as plain text
    lesson.quote("ndill.joinder.same_time")  # a quote from data/, with its pinpoint
    lesson.explore("quash.ndill_2013")       # the facts as controls, the ruling beside them
    lesson.nav("03_malibu_ndill.ipynb")      # previous / next links

``state`` prints plain text so that nbval can check the ruling strictly and a screen
reader has a text equivalent of every widget.
"""
from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as W
from IPython.display import HTML, display

from course import registry
from course.records import quote as _quote
from course.records import short_name
from course.ruling import BASIS_LABELS, BASIS_MEANINGS, UNDETERMINED_LABEL

from .explorer import RulingExplorer
from .ruling_view import CSS


def state(test_id: str, facts: dict[str, Any] | None = None) -> None:
    """Print a test's ruling (on the source's own facts unless ``facts`` are given)."""
    test = registry.get(test_id)
    raw = facts if facts is not None else (test.source_facts() if test.source_facts else test.facts())
    r = registry.decide(test_id, raw, counterfactuals=False)
    print(f"{r.heading} — {test.title}")
    print(f"Basis: {BASIS_LABELS[r.basis]}. {BASIS_MEANINGS[r.basis]}")
    print(f"Outcome: {r.label}")
    print(r.summary)
    for reason in r.reasons:
        status = UNDETERMINED_LABEL.lower() if reason.status == "undetermined" else reason.status
        basis = "" if reason.status in ("stated", "described", "argued", "not reached") else f" ({BASIS_LABELS[reason.basis]})"
        print(f"  - {reason.element}: {status}{basis}")


def quote(quote_id: str) -> None:
    """Show a quote from data/quotes with who said it and where."""
    q = _quote(quote_id)
    who = " (a party's motion: advocacy)" if q.is_advocacy else ""
    quoting = f", quoting {escape(q.quoting)}" if q.quoting else ""
    display(HTML(
        '<blockquote style="border-left:3px solid #0072B2;margin:.4em 0;padding:.2em .8em;font-size:15px">'
        f"\u201c{escape(q.text)}\u201d<br><small>{escape(short_name(q.seed))}{who}, {escape(q.pinpoint)}{quoting}</small>"
        "</blockquote>"
    ))


def explore(test_id: str, **kwargs: Any) -> W.Widget:
    """Facts as controls beside the court's ruling (see :class:`RulingExplorer`)."""
    return RulingExplorer(test_id, **kwargs).widget


def nav(notebook: str) -> W.Widget:
    from .nav import lesson_nav

    return lesson_nav(notebook)


def style() -> W.Widget:
    return W.HTML(CSS)
