"""Doe 328's motion: each argument, the movant's words, and how the other courts received it.

A table is the text equivalent; a dropdown picks one argument to read in full. All
content comes from ``course.motion``; this module only lays it out.
"""
from __future__ import annotations

from html import escape

import ipywidgets as W

from course import motion
from course.records import quote, short_name

from .ruling_view import CSS


def _quote_html(qid: str) -> str:
    q = quote(qid)
    who = " (the motion: advocacy)" if q.is_advocacy else ""
    return (f"<blockquote>\u201c{escape(q.text)}\u201d<cite>{escape(short_name(q.seed))}{who}, "
            f"{escape(q.pinpoint)}</cite></blockquote>")


def _point_html(p: motion.MotionPoint) -> str:
    rule = f" ({escape(p.rule)})" if p.rule else ""
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(r.court)}</th><td>{escape(str(r.treatment))}</td>"
        f"<td>{escape(r.note)}{_quote_html(r.quote_ids[0])}</td></tr>"
        for r in p.receptions
    )
    reception = (
        '<table class="course-summary-table"><caption>How the courts in this course treated it</caption>'
        "<thead><tr><th scope=\"col\">Court</th><th scope=\"col\">Treatment</th><th scope=\"col\">In its words</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>" if rows else "<p>No court in the sources addresses this point.</p>"
    )
    return (
        f'<section class="course-ruling" style="--accent:#CC79A7" aria-label="{escape(p.title)}">'
        '<span class="banner">A party\u2019s argument, not a ruling</span>'
        f"<h3>{escape(p.title)}{rule}</h3><p><strong>Where:</strong> {escape(p.paragraphs)}</p>"
        f"<p>{escape(p.summary)}</p>{_quote_html(p.quote_ids[0])}{reception}</section>"
    )


def overview_html() -> str:
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(p.title)}</th><td>{escape(p.rule or '')}</td><td>"
        + escape("; ".join(f"{r.court}: {r.treatment}" for r in p.receptions) or "not addressed")
        + "</td></tr>"
        for p in motion.arguments()
    )
    asks = "".join(f"<li>{escape(p.title)}{' (' + escape(p.rule) + ')' if p.rule else ''}</li>" for p in motion.relief())
    return (
        "<p><strong>What Doe 328 asks the court to do:</strong></p><ul>" + asks + "</ul>"
        '<table class="course-summary-table"><caption>Doe 328\u2019s arguments and how other courts received them</caption>'
        "<thead><tr><th scope=\"col\">Argument</th><th scope=\"col\">Rule</th><th scope=\"col\">Reception</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def motion_arguments() -> W.Widget:
    points = motion.arguments()
    picker = W.Dropdown(options=[(p.title, i) for i, p in enumerate(points)], value=0,
                        description="Read one argument", style={"description_width": "initial"},
                        layout=W.Layout(width="100%", max_width="46em"))
    detail = W.HTML(_point_html(points[0]))
    picker.observe(lambda ch: setattr(detail, "value", _point_html(points[ch["new"]])), names="value")
    return W.VBox([W.HTML(CSS), W.HTML(overview_html()), picker, detail])
