"""Verified attendance: verification codes revealed at checkpoints, codes entered by
attendees, the credit each attendee earns under the policy, and the provider's record (CSV)."""
from __future__ import annotations

import csv
import io
import math
import secrets
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable

from sqlalchemy import func, select, update

from .. import db
from .agenda import format_number
from .errors import NotFound, SeminarError, WrongCode
from .sessions import Attendee, Session, attendee_row, check_presenter, require_open, session_row, attendees, get_session
from .store import A, C, K, timestamp, token, normalise_code

_DIGITS = "346789"
#: Short, common, distinct words for verification codes (no homophones, no near-spellings).
CODE_WORDS = (
    "amber", "anchor", "apple", "arrow", "badge", "basket", "beacon", "bridge", "candle", "canyon",
    "carpet", "castle", "cedar", "cherry", "circle", "clover", "comet", "copper", "coral", "cotton",
    "desert", "dragon", "eagle", "ember", "falcon", "forest", "garden", "glacier", "granite", "harbor",
    "helmet", "island", "jacket", "jungle", "kettle", "ladder", "lantern", "lemon", "marble", "meadow",
    "mirror", "monkey", "orange", "orbit", "paddle", "pepper", "pillow", "planet", "pocket", "prairie",
    "puzzle", "rabbit", "ribbon", "river", "rocket", "saddle", "signal", "silver", "spider", "summit",
    "tablet", "thunder", "timber", "tunnel", "velvet", "violin", "walnut", "window", "winter", "yellow",
)



def new_code() -> str:
    """A random verification code: a word and three digits, e.g. 'river-347'."""
    return f"{secrets.choice(CODE_WORDS)}-{token(_DIGITS, 3)}"


@dataclass(frozen=True)
class RevealedCode:
    checkpoint: int
    label: str
    code: str
    revealed_at: str


def reveal_code(session_id: str, presenter_key: str, checkpoint: int) -> RevealedCode:
    """Reveal the verification code for an agenda checkpoint (the same code if revealed before)."""
    session = get_session(session_id)
    if checkpoint not in session.agenda.checkpoints():
        raise SeminarError(f"Agenda item {checkpoint + 1} is not a checkpoint of this seminar.")
    with db.transaction() as c:
        check_presenter(c, session_id, presenter_key)
        require_open(c, session_id)
        taken = set(c.execute(select(C.c.code).where(C.c.session_id == session_id)).scalars())
        code = new_code()
        while code in taken:
            code = new_code()
        db.insert_ignoring(c, C, ["session_id", "checkpoint"], session_id=session_id, checkpoint=checkpoint,
                           code=code, revealed_at=timestamp())
        row = c.execute(select(C.c.checkpoint, C.c.code, C.c.revealed_at)
                        .where(C.c.session_id == session_id, C.c.checkpoint == checkpoint)).one()
    return RevealedCode(row[0], session.agenda.checkpoint_label(row[0]), row[1], row[2])


def revealed_codes(session_id: str) -> list[RevealedCode]:
    """The codes revealed so far (for the presenter's page and the records; never for attendees)."""
    session = get_session(session_id)
    with db.reading() as c:
        rows = c.execute(select(C.c.checkpoint, C.c.code, C.c.revealed_at).where(C.c.session_id == session_id)
                         .order_by(C.c.checkpoint)).all()
    return [RevealedCode(r[0], session.agenda.checkpoint_label(r[0]), r[1], r[2]) for r in rows]


@dataclass(frozen=True)
class Confirmation:
    checkpoint: int
    label: str
    confirmed_at: str
    already: bool = False


def confirm_code(attendee_id: str, code: str) -> Confirmation:
    """An attendee enters a verification code. Raises :class:`WrongCode` with a clear message
    if it matches no code revealed so far (and counts the wrong entry)."""
    typed = normalise_code(code)
    if not typed:
        raise WrongCode("Enter the verification code the presenter is showing (for example river-347).")
    wrong: WrongCode | None = None
    with db.transaction() as c:
        att = attendee_row(c, attendee_id)
        require_open(c, att.session_id)
        session = session_row(c, att.session_id)
        limit = session.agenda.policy.max_wrong_codes
        if att.wrong_codes >= limit:
            raise WrongCode(f"Too many wrong codes ({att.wrong_codes}); ask the presenter to confirm your attendance.")
        checkpoint = c.execute(select(C.c.checkpoint).where(C.c.session_id == att.session_id, C.c.code == typed)).scalar()
        if checkpoint is None:
            c.execute(update(A).where(A.c.id == att.id).values(wrong_codes=A.c.wrong_codes + 1))
            left = limit - att.wrong_codes - 1
            # raised after the block, so the count is committed
            wrong = WrongCode(
                f"{code.strip()[:30]!r} is not a verification code shown in this seminar so far. Check the "
                f"spelling (a word, a dash and three digits, like river-347). {left} more tries allowed."
            )
        else:
            n = db.insert_ignoring(c, K, ["attendee_id", "checkpoint"], session_id=att.session_id,
                                   attendee_id=att.id, checkpoint=checkpoint, confirmed_at=timestamp())
            got = c.execute(select(K.c.confirmed_at).where(K.c.attendee_id == att.id,
                                                           K.c.checkpoint == checkpoint)).scalar()
    if wrong is not None:
        raise wrong
    return Confirmation(checkpoint, session.agenda.checkpoint_label(checkpoint), got, already=(n == 0))


def confirmations(attendee_id: str) -> list[Confirmation]:
    with db.reading() as c:
        att = attendee_row(c, attendee_id)
        rows = c.execute(select(K.c.checkpoint, K.c.confirmed_at).where(K.c.attendee_id == attendee_id)
                         .order_by(K.c.checkpoint)).all()
    agenda = get_session(att.session_id).agenda
    return [Confirmation(r[0], agenda.checkpoint_label(r[0]), r[1]) for r in rows]



@dataclass(frozen=True)
class Attendance:
    attendee: Attendee
    required: tuple[int, ...]
    confirmed: tuple[Confirmation, ...]
    missed: tuple[int, ...]
    credit_hours: Fraction
    full_hours: Fraction
    verified: bool  # every required code confirmed (and at least one required)
    provisional: bool  # the seminar has not ended


def _revealed_checkpoints(session_id: str) -> list[int]:
    with db.reading() as c:
        return list(c.execute(select(C.c.checkpoint).where(C.c.session_id == session_id)).scalars())


def attendance(session_id: str, attendee_id: str) -> Attendance:
    """The attendee's verified attendance and credit hours under the session's policy."""
    session = get_session(session_id)
    with db.reading() as c:
        att = attendee_row(c, attendee_id)
    if att.session_id != session_id:
        raise NotFound("That attendee is not in this seminar.")
    return _attendance(session, att, _revealed_checkpoints(session_id), confirmations(att.id))


def _attendance(session: Session, att: Attendee, revealed: Iterable[int], confirmed: list[Confirmation]) -> Attendance:
    agenda = session.agenda
    policy = agenda.policy
    required = tuple(sorted(set(agenda.checkpoints() if policy.required == "planned" else revealed)))
    got = {c.checkpoint for c in confirmed}
    missed = tuple(c for c in required if c not in got)
    full = agenda.credit_hours()
    hit = len(required) - len(missed)
    verified = bool(required) and not missed
    if not required:
        hours = Fraction(0)
    elif policy.credit == "all_codes":
        hours = full if verified else Fraction(0)
    else:
        inc = agenda.rule.increment
        hours = math.floor(full * hit / len(required) / inc) * inc
    return Attendance(att, required, tuple(confirmed), missed,
                      hours, full, verified, not session.ended)



CSV_COLUMNS = ["name", "email", "bar_number", "joined_at", "codes_confirmed", "codes_missed",
               "credit_hours_awarded", "wrong_code_entries"]


def _cell(value: Any) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    t = str(value)
    return "'" + t if t[:1] in ("=", "+", "-", "@", "\t", "\r") else t


def attendance_rows(session_id: str) -> list[dict[str, str]]:
    session = get_session(session_id)
    agenda = session.agenda
    revealed = _revealed_checkpoints(session_id)
    out = []
    for att in attendees(session_id):
        a = _attendance(session, att, revealed, confirmations(att.id))
        out.append({
            "name": att.name,
            "email": att.email,
            "bar_number": att.bar_number,
            "joined_at": att.joined_at,
            "codes_confirmed": "; ".join(f"{c.label} ({c.confirmed_at})" for c in a.confirmed),
            "codes_missed": "; ".join(agenda.checkpoint_label(c) for c in a.missed),
            "credit_hours_awarded": format_number(a.credit_hours),
            "wrong_code_entries": str(att.wrong_codes),
        })
    return out


def attendance_csv(session_id: str) -> str:
    """The provider's attendance record: one row per attendee."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in attendance_rows(session_id):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buf.getvalue()


def checkpoint_counts(session_id: str) -> list[tuple[RevealedCode, int]]:
    """For the presenter: each revealed code and how many attendees entered it (no names)."""
    codes = revealed_codes(session_id)
    with db.reading() as c:
        rows = c.execute(select(K.c.checkpoint, func.count()).where(K.c.session_id == session_id)
                         .group_by(K.c.checkpoint)).all()
    counts = {int(r[0]): int(r[1]) for r in rows}
    return [(c, counts.get(c.checkpoint, 0)) for c in codes]
