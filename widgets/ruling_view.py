"""Render a :class:`course.ruling.Ruling` as accessible HTML. Presentation only.

Every outcome is shown by words and an icon, never by colour alone; the palette is
Okabe-Ito (safe for the common colour-vision deficiencies). All text is escaped.
"""
from __future__ import annotations

from html import escape

from course.records import short_name
from course.ruling import UNDETERMINED_LABEL, fmt_assumptions
from course.ruling import BASIS_LABELS, BASIS_MEANINGS, FAVOURABLE_TO_PLAINTIFF, Basis, Outcome, Ruling

#: Okabe-Ito colours, each paired with a text label and an icon.
FAVOURABLE = "#0072B2"  # blue
UNFAVOURABLE = "#D55E00"  # vermillion
OPEN = "#6b6b6b"  # grey: the sources do not decide
ADVOCACY = "#CC79A7"  # reddish purple


CSS = """
<style>
.course-ruling{border:1px solid #bbb;border-left:6px solid var(--accent);border-radius:6px;padding:.6em .9em;
  margin:.4em 0;background:#fff;color:#1a1a1a;font-size:15px;line-height:1.45;max-width:60em}
.course-ruling h3{font-size:1.02em;margin:.1em 0 .3em 0}
.course-ruling .outcome{font-weight:700;font-size:1.08em;margin:.2em 0}
.course-ruling .outcome .side{font-weight:400;font-size:.85em;color:#444}
.course-ruling .outcome .mark{color:var(--accent)}
.course-ruling .banner{display:inline-block;background:#f3e6ef;border:1px solid #CC79A7;border-radius:4px;
  padding:0 .4em;font-size:.85em;margin-bottom:.3em}
.course-ruling ul{margin:.2em 0 .2em 1.1em;padding:0}
.course-ruling li{margin:.15em 0}
.course-ruling .met{font-weight:600}
.course-ruling .basis{font-size:.92em;margin:.1em 0 .3em 0}
.course-ruling blockquote{margin:.35em 0 .35em .3em;padding-left:.6em;border-left:3px solid #ccc;font-style:italic}
.course-ruling cite{font-style:normal;font-size:.85em;color:#333;display:block}
.course-ruling details summary{cursor:pointer;font-weight:600}
.course-ruling details summary:focus{outline:2px solid #0072B2}
.course-summary-table{border-collapse:collapse;font-size:14px}
.course-summary-table th,.course-summary-table td{border:1px solid #bbb;padding:.25em .5em;text-align:left}
.course-illustrative{background:#fff7d6;border:1px solid #E69F00;border-radius:4px;padding:.2em .5em;font-size:.9em}
.widget-checkbox,.widget-inline-hbox{height:auto !important;min-height:var(--jp-widgets-inline-height,28px)}
.widget-checkbox .widget-label-basic,.widget-inline-hbox .widget-label{white-space:normal !important;overflow:visible !important;
  text-overflow:clip !important;height:auto !important;line-height:1.35}
.course-friendly-error{background:#fdecea;border:1px solid #D55E00;border-radius:4px;padding:.4em .6em}
</style>
"""


def _accent(r: Ruling) -> tuple[str, str, str]:
    """Colour, mark and words for the outcome. A decided outcome says in words whom it favours: a
    check or a cross would read "no" for a grant to the Doe (a pseudonym, a severance)."""
    if r.outcome == Outcome.argued:
        return ADVOCACY, "\u2696", ""  # scales
    if r.outcome in (Outcome.undetermined, Outcome.not_precluded):
        return OPEN, "?", ""
    if r.outcome in FAVOURABLE_TO_PLAINTIFF:
        return FAVOURABLE, "\u25cf", "favours the plaintiff"  # a dot in the card's accent colour
    return UNFAVOURABLE, "\u25cf", "favours the Doe defendants"


_STATUS_ICON = {"met": "\u2714", "not met": "\u2716", "not reached": "\u2013", "stated": "\u00a7",
                "described": "\u201d", "argued": "\u2696", "undetermined": "?"}


def _status_label(reason) -> str:
    """'✔ met · held', '– not reached', '§ stated', '? undetermined · applied'."""
    status = reason.status
    icon = _STATUS_ICON[status]
    words = UNDETERMINED_LABEL.lower() if status == "undetermined" else status
    basis = BASIS_LABELS[reason.basis]
    extra = "" if basis.startswith(status.split()[0]) or status in ("stated", "described", "argued") else f" \u00b7 {basis}"
    if reason.assumptions:
        extra += f" ({escape(fmt_assumptions(reason.assumptions))})"
    return f'<span class="met">{icon} {escape(words)}{extra}</span>'


def basis_line(r: Ruling) -> str:
    """The one line that says on what basis a ruling stands."""
    return (f'<p class="basis" data-basis="{r.basis.value}"><strong>{escape(BASIS_LABELS[r.basis].capitalize())}.</strong> '
            f"{escape(r.heading)}. {escape(BASIS_MEANINGS[r.basis])}</p>")


def ruling_html(r: Ruling, *, heading: str | None = None, show_quotes: bool = True,
                show_counterfactuals: bool = True, max_quotes: int = 3) -> str:
    colour, icon, side = _accent(r)
    head = escape(heading or r.heading)
    parts = [
        f'<section class="course-ruling" style="--accent:{colour}" data-test-id="{escape(r.test_id)}" '
        f'data-outcome="{escape(r.outcome.value)}" data-basis="{r.basis.value}" aria-label="{head}">',
        f"<h3>{head}</h3>",
    ]
    if r.basis == Basis.argued:
        parts.append('<span class="banner">A party\u2019s argument, not a ruling</span>')
    elif r.basis == Basis.described:
        parts.append('<span class="banner">A test a source describes, not that source\u2019s own holding</span>')
    parts.append(basis_line(r))
    side_html = f' <span class="side">({side})</span>' if side else ""
    parts.append(f'<p class="outcome"><span class="mark" aria-hidden="true">{icon}</span> {escape(r.label)}{side_html}</p>')
    parts.append(f"<p>{escape(r.summary)}</p>")
    parts.append("<details open><summary>Why</summary><ul>")
    for reason in r.reasons:
        parts.append(f'<li data-element="{escape(reason.id)}"><strong>{escape(reason.element)}</strong> ({_status_label(reason)}): '
                     
                     f"{escape(reason.explanation)}</li>")
    parts.append("</ul></details>")
    if show_quotes and r.quotes:
        parts.append("<details open><summary>In the court\u2019s words</summary>")
        for q in r.quotes[:max_quotes]:
            who = " (a party\u2019s motion)" if q.is_advocacy else ""
            quoting = f", quoting {escape(q.quoting)}" if q.quoting else ""
            parts.append(
                f"<blockquote>\u201c{escape(q.text)}\u201d<cite>{escape(short_name(q.seed))}{who}, "
                f"{escape(q.pinpoint)}{quoting}</cite></blockquote>"
            )
        parts.append("</details>")
    if show_counterfactuals and r.counterfactuals:
        parts.append("<details><summary>What would change the result</summary><ul>")
        for c in r.counterfactuals:
            parts.append(f"<li>{escape(c.explanation)}</li>")
        parts.append("</ul></details>")
    parts.append(f'<p style="font-size:.8em;color:#333">{escape(r.citation)}</p>')
    parts.append("</section>")
    return "".join(parts)


def summary_table_html(rulings: list[tuple[str, Ruling]]) -> str:
    """A plain table of several courts' outcomes: the text equivalent of a side-by-side view."""
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(name)}</th><td>{escape(r.label)}</td>"
        f"<td>{escape(BASIS_LABELS[r.basis])}</td></tr>"
        for name, r in rulings
    )
    return (
        '<table class="course-summary-table"><caption>Outcome under each test</caption>'
        "<thead><tr><th scope=\"col\">Test</th><th scope=\"col\">Outcome</th><th scope=\"col\">Basis</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
