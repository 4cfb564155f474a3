"""Certificates of attendance: one :class:`Certificate` (what it says), rendered as a
standalone HTML page by a jinja2 template with autoescape on (``templates/certificate.html``)
and as a PDF (fpdf2). Names and other typed text had their bidirectional controls removed
when stored; :func:`certificate` removes them again, for records made before that."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from .agenda import format_hours, format_number
from .attendance import attendance
from .sessions import get_session
from .store import plain_text


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
        name=plain_text(att.name),
        course=plain_text(agenda.course),
        rows=tuple((label, plain_text(value)) for label, value in rows),
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


#: Where Debian's fonts-dejavu-core puts DejaVu Sans (a PDF needs a font with the names' letters).
PDF_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
PDF_FONT_ENV = "COURSE_PDF_FONT_DIR"


class PdfUnavailable(RuntimeError):
    """A PDF cannot be made here; the message says what to install (the HTML certificate is complete)."""


def _font_dir() -> Path:
    dirs = ([Path(os.environ[PDF_FONT_ENV])] if os.environ.get(PDF_FONT_ENV) else []) + list(PDF_FONT_DIRS)
    for d in dirs:
        if (d / "DejaVuSans.ttf").is_file() and (d / "DejaVuSans-Bold.ttf").is_file():
            return d
    raise PdfUnavailable("PDF certificates need the DejaVu fonts (Debian: apt-get install fonts-dejavu-core); "
                         "the HTML certificate has the same content.")


def certificate_pdf(session_id: str, attendee_id: str) -> bytes:
    """The same certificate as :func:`certificate_html`, as a one-page PDF (fpdf2, DejaVu Sans
    embedded, so names in any script DejaVu covers print as typed)."""
    cert = certificate(session_id, attendee_id)
    from fpdf import FPDF

    fonts = _font_dir()
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(f"Certificate of attendance — {cert.name}")
    pdf.set_creator("bittorrent-doe-course")
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    width = pdf.epw
    blue, orange = (0, 114, 178), (213, 94, 0)
    pdf.set_draw_color(*blue)
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, 190, 277)
    pdf.set_y(22)
    pdf.set_font("DejaVu", "B", 22)
    pdf.cell(width, 12, "Certificate of Attendance", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(width, 6, cert.course, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if cert.provisional:
        pdf.set_text_color(138, 75, 0)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(width, 6, "Provisional: the seminar had not ended when this certificate was made.",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(*(blue if cert.status == "full" else orange))
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(width, 6, cert.status_text, border="L", padding=(1, 2), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in cert.rows:
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(58, 7, label)
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(width - 58, 7, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(width, 8, "Verification codes entered", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for line in cert.confirmed or ("none",):
        pdf.multi_cell(width, 6, f"• {line}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.multi_cell(width, 4.5, cert.rule_text, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(width, 4.5, cert.record_text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
