"""Certificates of attendance: one :class:`Certificate` (what it says), rendered as a
standalone HTML page by a jinja2 template with autoescape on (``templates/certificate.html``)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from .agenda import format_hours, format_number
from .attendance import attendance
from .sessions import get_session


@dataclass(frozen=True)
class Certificate:
    """The facts a certificate states, in order, as plain text (renderers escape them)."""

    name: str
    course: str
    rows: tuple[tuple[str, str], ...]
    status: str  # "full", "partial" or "unverified"
    status_text: str
    confirmed: tuple[str, ...]  # "label — entered time"
    provisional: bool
    rule_text: str
    record_text: str


def certificate(session_id: str, attendee_id: str) -> Certificate:
    """What the attendee's certificate of attendance states."""
    session = get_session(session_id)
    a = attendance(session_id, attendee_id)
    agenda = session.agenda
    att = a.attendee
    rows = [
        ("Attendee", att.name),
        ("Bar number", att.bar_number or "—"),
        ("Email", att.email or "—"),
        ("Course", agenda.course),
        ("Seminar", session.title),
        ("Date", session.date),
        ("Presenter", session.presenter),
    ]
    if agenda.provider:
        rows.insert(3, ("Provider", agenda.provider))
    rows.append(("Credit hours awarded", format_hours(a.credit_hours)))
    rows.append(("Credit hours of the program", format_hours(a.full_hours)))
    if a.verified:
        status, text = "full", "Attendance verified: every required verification code was entered."
    elif not a.required:
        status, text = "unverified", "Attendance not verified: no verification code was shown during the program."
    else:
        missed = "; ".join(agenda.checkpoint_label(c) for c in a.missed)
        status = "partial"
        text = (f"Partial attendance: {len(a.required) - len(a.missed)} of {len(a.required)} required verification "
                f"codes entered. Codes missed at: {missed}.")
    return Certificate(
        name=att.name,
        course=agenda.course,
        rows=tuple(rows),
        status=status,
        status_text=text,
        confirmed=tuple(f"{c.label} — entered {c.confirmed_at}" for c in a.confirmed),
        provisional=a.provisional,
        rule_text=(f"Credit rule: {agenda.rule.describe()}; {format_number(agenda.credit_minutes)} credit-bearing "
                   f"minutes of a {format_number(agenda.total_minutes)}-minute agenda. {agenda.policy.describe()}"),
        record_text=f"Record {session.id} / {att.id}; joined {att.joined_at}.",
    )


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(loader=PackageLoader("course.classroom", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def certificate_html(session_id: str, attendee_id: str) -> str:
    """A certificate of attendance as a standalone HTML page (every value escaped by the
    template's autoescape)."""
    return _templates().get_template("certificate.html").render(cert=certificate(session_id, attendee_id))
