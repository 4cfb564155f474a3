"""Verified attendance: verification codes revealed at checkpoints, codes entered by
attendees, presenter corrections (with an audit trail), the credit each attendee earns, and
the provider's record (CSV).

**Codes.** A code is 8 characters from a 27-character alphabet without look-alikes
(:data:`.store.CODE_SPACE` = 27**8, about 2.8e11 codes), shown once on the presenter's page.
The store keeps only its scrypt digest with the seminar's salt. A code is valid from its
reveal for ``policy.code_minutes`` (its checkpoint's window); revealing the checkpoint again
makes a new code and a new window (the old code stops working).

**Wrong entries** are counted per attendee, per client (browser; joining again under another
name does not reset it) and per seminar; past a limit the entry is refused and the presenter
can confirm attendance by :func:`correct_attendance`, which records who, what and why.

**Credit** comes from the program's actual running time when the presenter recorded it
(:func:`.sessions.start_item`): each credit item counts for the time it actually ran, at most
its planned minutes, and only while the attendee was present (time in to time out). When no
running time was recorded, the planned minutes count, and the record says so.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable

from sqlalchemy import delete, func, insert, select, update

from .. import db
from ..spreadsheet import spreadsheet_cell
from .agenda import format_number
from .errors import NotFound, SeminarError, WrongCode
from .sessions import (Attendee, Session, attendee_row, attendees, check_presenter, get_session, item_times,
                       require_open, session_row)
from .store import (AUDIT, CODE_ALPHABET, CODE_LENGTH, WRONG, A, C, K, S, clean_text, code_digest, new_code,
                    normalise_code, parse_time, timestamp)

#: How long after its last sign of life an open page still counts as present.
PRESENCE_GRACE = dt.timedelta(minutes=3)
MAX_REASON_CHARS = 300


@dataclass(frozen=True)
class RevealedCode:
    checkpoint: int
    label: str
    code: str  # the code itself only on the object reveal_code returns; "" when read back
    revealed_at: str
    closes_at: str | None = None


def _salt(c, session_id: str) -> str:
    salt = c.execute(select(S.c.code_salt).where(S.c.id == session_id)).scalar()
    if not salt:  # pragma: no cover - every session since migration 0002 has one
        raise SeminarError("This seminar was created before codes were hashed; create a new seminar.")
    return salt


def reveal_code(session_id: str, presenter_key: str, checkpoint: int) -> RevealedCode:
    """Reveal a new verification code for an agenda checkpoint, valid for the policy's
    ``code_minutes`` from now. Revealing a checkpoint again replaces its code."""
    session = get_session(session_id)
    if checkpoint not in session.agenda.checkpoints():
        raise SeminarError(f"Agenda item {checkpoint + 1} is not a checkpoint of this seminar.")
    code = new_code()
    at = dt.datetime.now(dt.timezone.utc)
    now, closes = timestamp(at), timestamp(at + dt.timedelta(minutes=session.agenda.policy.code_minutes))
    with db.transaction() as c:
        check_presenter(c, session_id, presenter_key)
        require_open(c, session_id)
        digest = code_digest(normalise_code(code), _salt(c, session_id))
        db.upsert(c, C, ["session_id", "checkpoint"], ["code", "code_hash", "revealed_at", "closes_at"],
                  session_id=session_id, checkpoint=checkpoint, code=None, code_hash=digest, revealed_at=now,
                  closes_at=closes)
    return RevealedCode(checkpoint, session.agenda.checkpoint_label(checkpoint), code, now, closes)


def revealed_codes(session_id: str) -> list[RevealedCode]:
    """The checkpoints revealed so far and their windows (the codes themselves are not kept)."""
    session = get_session(session_id)
    with db.reading() as c:
        rows = c.execute(select(C.c.checkpoint, C.c.revealed_at, C.c.closes_at).where(C.c.session_id == session_id)
                         .order_by(C.c.checkpoint)).all()
    return [RevealedCode(r[0], session.agenda.checkpoint_label(r[0]), "", r[1], r[2]) for r in rows]


@dataclass(frozen=True)
class Confirmation:
    checkpoint: int
    label: str
    confirmed_at: str
    already: bool = False
    source: str = "code"  # "code": entered by the attendee; "presenter": a correction


def _hhmm(stamp: str) -> str:
    return parse_time(stamp).strftime("%H:%M UTC")


def confirm_code(attendee_id: str, code: str, *, client: str | None = None) -> Confirmation:
    """An attendee enters a verification code. Raises :class:`WrongCode` with a clear message
    if it matches no code valid now (a wrong entry is counted against the attendee, the
    client and the seminar)."""
    client = str(client)[:200] if client else None
    typed = normalise_code(code)
    example = "like K7QM-3XRT"
    if not typed:
        raise WrongCode(f"Enter the verification code the presenter is showing ({example}).")
    if len(typed) != CODE_LENGTH or set(typed) - set(CODE_ALPHABET):
        raise WrongCode(f"A verification code has {CODE_LENGTH} letters and digits ({example}); "
                        f"{str(code).strip()[:30]!r} is not one. Check it against the screen.")
    with db.reading() as c:
        att = attendee_row(c, attendee_id)
        salt = _salt(c, att.session_id)
    digest = code_digest(typed, salt)  # slow on purpose: outside the write transaction
    at = dt.datetime.now(dt.timezone.utc)
    now = timestamp(at)
    wrong: WrongCode | None = None
    with db.transaction() as c:
        att = attendee_row(c, attendee_id)
        require_open(c, att.session_id)
        session = session_row(c, att.session_id)
        policy = session.agenda.policy
        by_client = 0 if client is None else c.execute(select(func.count()).select_from(WRONG).where(
            WRONG.c.session_id == att.session_id, WRONG.c.client == client)).scalar()
        in_seminar = c.execute(select(func.count()).select_from(WRONG)
                               .where(WRONG.c.session_id == att.session_id)).scalar()
        if att.wrong_codes >= policy.max_wrong_codes:
            raise WrongCode(f"Too many wrong codes ({att.wrong_codes}); ask the presenter to confirm your attendance.")
        if by_client >= policy.max_wrong_codes_per_client:
            raise WrongCode(f"Too many wrong codes from this browser ({by_client}); ask the presenter to confirm "
                            "your attendance.")
        if in_seminar >= policy.max_wrong_codes_per_seminar:
            raise WrongCode("Code entry is closed for this seminar after too many wrong codes; the presenter "
                            "will confirm attendance.")
        row = c.execute(select(C.c.checkpoint, C.c.closes_at)
                        .where(C.c.session_id == att.session_id, C.c.code_hash == digest)).first()
        if row is None:
            c.execute(update(A).where(A.c.id == att.id).values(wrong_codes=A.c.wrong_codes + 1))
            c.execute(insert(WRONG).values(session_id=att.session_id, attendee_id=att.id, client=client or "",
                                           entered_at=now))
            left = min(policy.max_wrong_codes - att.wrong_codes, policy.max_wrong_codes_per_client - by_client) - 1
            # raised after the block, so the count is committed
            wrong = WrongCode(f"{str(code).strip()[:30]!r} is not the code shown now. Check it against the screen. "
                              f"{max(left, 0)} more {'try' if left == 1 else 'tries'} allowed.")
        else:
            checkpoint, closes_at = row
            if closes_at is not None and now > closes_at:
                raise WrongCode(f"The code for {session.agenda.checkpoint_label(checkpoint)} closed at "
                                f"{_hhmm(closes_at)}. Ask the presenter to confirm your attendance.")
            n = db.insert_ignoring(c, K, ["attendee_id", "checkpoint"], session_id=att.session_id,
                                   attendee_id=att.id, checkpoint=checkpoint, confirmed_at=now, source="code")
            got = c.execute(select(K.c.confirmed_at).where(K.c.attendee_id == att.id,
                                                           K.c.checkpoint == checkpoint)).scalar()
    if wrong is not None:
        raise wrong
    return Confirmation(checkpoint, session.agenda.checkpoint_label(checkpoint), got, already=(n == 0))


def confirmations(attendee_id: str) -> list[Confirmation]:
    with db.reading() as c:
        att = attendee_row(c, attendee_id)
        rows = c.execute(select(K.c.checkpoint, K.c.confirmed_at, K.c.source).where(K.c.attendee_id == attendee_id)
                         .order_by(K.c.checkpoint)).all()
    agenda = get_session(att.session_id).agenda
    return [Confirmation(r[0], agenda.checkpoint_label(r[0]), r[1], source=r[2]) for r in rows]


# --- corrections and the audit trail ------------------------------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    at: str
    attendee_id: str | None
    action: str
    detail: str
    reason: str


def correct_attendance(session_id: str, presenter_key: str, attendee_id: str, checkpoint: int, present: bool,
                       reason: str) -> AuditEntry:
    """The presenter confirms (``present=True``) or withdraws an attendee's checkpoint, giving
    a reason; the change and the reason go to the audit trail. Allowed after the end too
    (corrections are how a provider fixes a record), never without a reason."""
    session = get_session(session_id)
    reason = clean_text(reason, "the reason for the correction", limit=MAX_REASON_CHARS)
    if checkpoint not in session.agenda.checkpoints():
        raise SeminarError(f"Agenda item {checkpoint + 1} is not a checkpoint of this seminar.")
    label = session.agenda.checkpoint_label(checkpoint)
    now = timestamp()
    with db.transaction() as c:
        check_presenter(c, session_id, presenter_key)
        att = attendee_row(c, attendee_id)
        if att.session_id != session_id:
            raise NotFound("That attendee is not in this seminar.")
        if present:
            db.upsert(c, K, ["attendee_id", "checkpoint"], ["confirmed_at", "source"], session_id=session_id,
                      attendee_id=att.id, checkpoint=checkpoint, confirmed_at=now, source="presenter")
            action, detail = "confirmed", f"{label}: confirmed for {att.name} by the presenter"
        else:
            c.execute(delete(K).where(K.c.attendee_id == att.id, K.c.checkpoint == checkpoint))
            action, detail = "withdrawn", f"{label}: withdrawn for {att.name} by the presenter"
        c.execute(insert(AUDIT).values(session_id=session_id, attendee_id=att.id, action=action, detail=detail,
                                       reason=reason, at=now))
    return AuditEntry(now, att.id, action, detail, reason)


def audit_log(session_id: str) -> list[AuditEntry]:
    """Every correction of this seminar's attendance, oldest first."""
    with db.reading() as c:
        rows = c.execute(select(AUDIT.c.at, AUDIT.c.attendee_id, AUDIT.c.action, AUDIT.c.detail, AUDIT.c.reason)
                         .where(AUDIT.c.session_id == session_id).order_by(AUDIT.c.id)).all()
    return [AuditEntry(*r) for r in rows]


# --- attendance and credit ---------------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    attendee: Attendee
    required: tuple[int, ...]
    confirmed: tuple[Confirmation, ...]
    missed: tuple[int, ...]
    credit_hours: Fraction
    full_hours: Fraction  # the program's, from its actual running time when recorded
    verified: bool  # every required code confirmed (and at least one required)
    provisional: bool  # the seminar has not ended
    timed: bool = False  # credit from recorded running times (else from the planned agenda)
    time_in: str = ""
    time_out: str | None = None
    credit_minutes: Fraction = Fraction(0)  # credit-bearing minutes the attendee was present for


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
    return _attendance(session, att, _revealed_checkpoints(session_id), confirmations(att.id),
                       item_times(session_id))


def time_out(session: Session, att: Attendee) -> str | None:
    """When the attendee left: when they said so; else, once the seminar has ended, the end
    or their page's last sign of life (plus a grace) if that was earlier; None while present."""
    if att.left_at:
        return att.left_at
    if not session.ended_at:
        return None
    if att.last_seen_at:
        last = parse_time(att.last_seen_at) + PRESENCE_GRACE
        return min(session.ended_at, timestamp(last))
    return session.ended_at


def _minutes(start: dt.datetime, end: dt.datetime) -> Fraction:
    return max(Fraction(0), Fraction(int((end - start).total_seconds())) / 60)


def _credit_minutes(session: Session, times: dict[int, tuple[str, str | None]], since: str | None = None,
                    until: str | None = None) -> Fraction:
    """Credit-bearing minutes actually run (each item at most its planned minutes), counting
    only the part between ``since`` and ``until`` when given."""
    now = dt.datetime.now(dt.timezone.utc)
    total = Fraction(0)
    for index, (started, ended) in times.items():
        if not 0 <= index < len(session.agenda.items) or not session.agenda.items[index].credit:
            continue
        start, end = parse_time(started), parse_time(ended) if ended else now
        if since:
            start = max(start, parse_time(since))
        if until:
            end = min(end, parse_time(until))
        total += min(Fraction(session.agenda.items[index].minutes), _minutes(start, end))
    return total


def _attendance(session: Session, att: Attendee, revealed: Iterable[int], confirmed: list[Confirmation],
                times: dict[int, tuple[str, str | None]]) -> Attendance:
    agenda = session.agenda
    policy = agenda.policy
    rule = agenda.rule
    required = tuple(sorted(set(agenda.checkpoints() if policy.required == "planned" else revealed)))
    got = {c.checkpoint for c in confirmed}
    missed = tuple(c for c in required if c not in got)
    out = time_out(session, att)
    timed = bool(times)
    if timed:
        full = rule.hours(_credit_minutes(session, times))
        present = _credit_minutes(session, times, att.joined_at, out)
    else:
        full = agenda.credit_hours()
        present = Fraction(agenda.credit_minutes)
    mine = rule.hours(present)
    hit = len(required) - len(missed)
    verified = bool(required) and not missed
    if not required:
        hours = Fraction(0)
    elif policy.credit == "all_codes":
        hours = mine if verified else Fraction(0)
    else:
        inc = rule.increment
        hours = math.floor(mine * hit / len(required) / inc) * inc
    return Attendance(att, required, tuple(confirmed), missed, hours, full, verified, not session.ended,
                      timed, att.joined_at, out, present)


CSV_COLUMNS = ["name", "email", "bar_number", "time_in", "time_out", "codes_confirmed", "codes_missed",
               "credit_minutes_present", "credit_hours_awarded", "credit_basis", "wrong_code_entries",
               "corrections"]


def attendance_rows(session_id: str) -> list[dict[str, str]]:
    session = get_session(session_id)
    agenda = session.agenda
    revealed = _revealed_checkpoints(session_id)
    times = item_times(session_id)
    corrections: dict[str, list[str]] = {}
    for entry in audit_log(session_id):
        if entry.attendee_id:
            corrections.setdefault(entry.attendee_id, []).append(f"{entry.at}: {entry.detail} ({entry.reason})")
    out = []
    for att in attendees(session_id):
        a = _attendance(session, att, revealed, confirmations(att.id), times)
        out.append({
            "name": att.name,
            "email": att.email,
            "bar_number": att.bar_number,
            "time_in": a.time_in,
            "time_out": a.time_out or "",
            "codes_confirmed": "; ".join(f"{c.label} ({c.confirmed_at}{', by the presenter' if c.source == 'presenter' else ''})"
                                         for c in a.confirmed),
            "codes_missed": "; ".join(agenda.checkpoint_label(c) for c in a.missed),
            "credit_minutes_present": format_number(a.credit_minutes),
            "credit_hours_awarded": format_number(a.credit_hours),
            "credit_basis": "actual running time" if a.timed else "planned agenda (running times not recorded)",
            "wrong_code_entries": str(att.wrong_codes),
            "corrections": "; ".join(corrections.get(att.id, [])),
        })
    return out


def attendance_csv(session_id: str) -> str:
    """The provider's attendance record: one row per attendee."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in attendance_rows(session_id):
        writer.writerow({k: spreadsheet_cell(v) for k, v in row.items()})
    return buf.getvalue()


def checkpoint_counts(session_id: str) -> list[tuple[RevealedCode, int]]:
    """For the presenter: each revealed checkpoint and how many attendees entered its code (no names)."""
    codes = revealed_codes(session_id)
    with db.reading() as c:
        rows = c.execute(select(K.c.checkpoint, func.count()).where(K.c.session_id == session_id)
                         .group_by(K.c.checkpoint)).all()
    counts = {int(r[0]): int(r[1]) for r in rows}
    return [(c, counts.get(c.checkpoint, 0)) for c in codes]
