"""Seminar sessions (created by the presenter, found by join code, ended) and their
attendees (join once by name, rejoin by attendee code)."""
from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import func, select, update

from .. import db
from .agenda import Agenda, AttendancePolicy, CreditRule, load_agenda
from .errors import NotFound, SeminarError
from .store import (CODE_ALPHABET, TIMES, A, S, clean_text, key_hash, name_key, normalise_key, timestamp,
                    token)

#: Joins accepted in one seminar in any one minute, from every client together.
MAX_JOINS_PER_MINUTE = 120


@dataclass(frozen=True)
class Session:
    id: str
    join_code: str
    title: str
    date: str
    presenter: str
    agenda: Agenda
    created_at: str
    ended_at: str | None = None
    #: Only on the object :func:`create_session` returns: the presenter's secret key.
    presenter_key: str | None = None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None


_SESSION_COLS = (S.c.id, S.c.join_code, S.c.title, S.c.date, S.c.presenter, S.c.agenda_json, S.c.created_at,
                 S.c.ended_at)


def _session_from_row(row: Sequence) -> Session:
    return Session(row[0], row[1], row[2], row[3], row[4], Agenda.from_json(json.loads(row[5])), row[6], row[7])



def create_session(title: str, date: str | dt.date, presenter: str, agenda: Agenda | None = None,
                   rule: CreditRule | None = None, policy: AttendancePolicy | None = None) -> Session:
    """Create a seminar session. The agenda (default: :func:`load_agenda`), credit rule and
    attendance policy are stored with it, so later edits of the seminar file do not change
    its records. The returned session carries ``presenter_key`` (shown once to the presenter;
    only its hash is stored) and ``join_code`` (for attendees)."""
    title = clean_text(title, "the seminar's title")
    presenter = clean_text(presenter, "the presenter's name")
    if isinstance(date, dt.date):
        date = date.isoformat()
    try:
        date = dt.date.fromisoformat(str(date).strip()).isoformat()
    except ValueError:
        raise SeminarError(f"Enter the date as YYYY-MM-DD (for example 2025-03-14), not {str(date)[:20]!r}.") from None
    agenda = agenda or load_agenda()
    if rule is not None or policy is not None:
        agenda = Agenda(agenda.title, agenda.items, rule or agenda.rule, policy or agenda.policy,
                        agenda.course, agenda.provider)
    now = timestamp()
    salt = secrets.token_hex(16)
    for _ in range(20):
        sid = "S" + secrets.token_hex(8)
        join_code = token(CODE_ALPHABET, 6)
        key = "-".join(token(CODE_ALPHABET, 4) for _ in range(3))
        with db.transaction() as c:
            n = db.insert_ignoring(c, S, ["join_code"], id=sid, join_code=join_code, title=title, date=date,
                                   presenter=presenter, agenda_json=json.dumps(agenda.to_json()), created_at=now,
                                   ended_at=None, presenter_key_hash=key_hash(key), code_salt=salt)
        if n:
            return Session(sid, join_code, title, date, presenter, agenda, now, None, key)
    raise SeminarError("Could not make a new join code; try again.")  # pragma: no cover


def session_row(c, session_id: str) -> Session:
    row = c.execute(select(*_SESSION_COLS).where(S.c.id == session_id)).first()
    if row is None:
        raise NotFound("There is no such seminar.")
    return _session_from_row(row)


def get_session(session_id: str) -> Session:
    with db.reading() as c:
        return session_row(c, session_id)


def find_session(join_code: str) -> Session:
    """The session with this join code (what attendees type)."""
    code = normalise_key(join_code)
    if not code:
        raise SeminarError("Enter the seminar's join code (the presenter shows it).")
    with db.reading() as c:
        row = c.execute(select(*_SESSION_COLS).where(S.c.join_code == code)).first()
    if row is None:
        raise NotFound(f"No seminar has the join code {code[:12]!r}. Check it with the presenter.")
    return _session_from_row(row)


def open_as_presenter(presenter_key: str) -> Session:
    """The session whose presenter key this is (to reopen the presenter's page)."""
    if not normalise_key(presenter_key):
        raise SeminarError("Enter your presenter key.")
    with db.reading() as c:
        row = c.execute(select(*_SESSION_COLS).where(S.c.presenter_key_hash == key_hash(presenter_key))).first()
    if row is None:
        raise NotFound("That presenter key does not open any seminar.")
    return _session_from_row(row)


def check_presenter(c, session_id: str, presenter_key: str) -> None:
    found = c.execute(select(S.c.presenter_key_hash).where(S.c.id == session_id)).scalar()
    if found is None:
        raise NotFound("There is no such seminar.")
    if not secrets.compare_digest(found, key_hash(presenter_key)):
        raise SeminarError("Only the presenter can do that (the presenter key does not match).")


def end_session(session_id: str, presenter_key: str) -> Session:
    """End the seminar: no more codes, answers or questions are accepted; certificates are
    final; the agenda item running now ends with it."""
    now = timestamp()
    with db.transaction() as c:
        check_presenter(c, session_id, presenter_key)
        c.execute(update(S).where(S.c.id == session_id, S.c.ended_at.is_(None)).values(ended_at=now))
        c.execute(update(TIMES).where(TIMES.c.session_id == session_id, TIMES.c.ended_at.is_(None))
                  .values(ended_at=now))
    return get_session(session_id)


def start_item(session_id: str, presenter_key: str, index: int) -> dict[int, tuple[str, str | None]]:
    """The presenter starts agenda item ``index`` now; the item running before it ends now.
    Credit is computed from these running times (see :mod:`.attendance`). An item runs once:
    starting the running item again changes nothing, and an item that has ended cannot restart."""
    session = get_session(session_id)
    if not 0 <= index < len(session.agenda.items):
        raise SeminarError(f"There is no agenda item {index + 1}.")
    now = timestamp()
    with db.transaction() as c:
        check_presenter(c, session_id, presenter_key)
        require_open(c, session_id)
        done = c.execute(select(TIMES.c.ended_at).where(TIMES.c.session_id == session_id,
                                                        TIMES.c.item == index)).first()
        if done is not None and done[0] is not None:
            raise SeminarError(f"{session.agenda.checkpoint_label(index)} has already run.")
        if done is None:
            c.execute(update(TIMES).where(TIMES.c.session_id == session_id, TIMES.c.ended_at.is_(None))
                      .values(ended_at=now))
            c.execute(TIMES.insert().values(session_id=session_id, item=index, started_at=now, ended_at=None))
    return item_times(session_id)


def item_times(session_id: str) -> dict[int, tuple[str, str | None]]:
    """Agenda item -> (started, ended or None while it runs), as the presenter recorded them."""
    with db.reading() as c:
        rows = c.execute(select(TIMES.c.item, TIMES.c.started_at, TIMES.c.ended_at)
                         .where(TIMES.c.session_id == session_id)).all()
    return {int(r[0]): (r[1], r[2]) for r in rows}


def require_open(c, session_id: str) -> None:
    row = c.execute(select(S.c.ended_at).where(S.c.id == session_id)).first()
    if row is None:
        raise NotFound("There is no such seminar.")
    if row[0] is not None:
        raise SeminarError("The seminar has ended; nothing more can be entered.")



@dataclass(frozen=True)
class Attendee:
    id: str
    session_id: str
    name: str
    email: str
    bar_number: str
    joined_at: str  # time in
    wrong_codes: int = 0
    client: str | None = None
    last_seen_at: str | None = None
    left_at: str | None = None  # time out, if the attendee left before the end


_ATT_COLS = (A.c.id, A.c.session_id, A.c.name, A.c.email, A.c.bar_number, A.c.joined_at, A.c.wrong_codes,
             A.c.client, A.c.last_seen_at, A.c.left_at)


def join(session_id: str, name: str, email: str = "", bar_number: str = "", *, client: str | None = None) -> Attendee:
    """Join a seminar once with a name (unique in the seminar, ignoring case and spacing);
    the returned attendee id lets the attendee :func:`rejoin` after reloading the page.

    ``client`` names the browser (the page passes it; see widgets/seminar_view.py): one client
    may join at most ``policy.max_joins_per_client`` times, and a seminar accepts at most
    :data:`MAX_JOINS_PER_MINUTE` joins a minute, so a script cannot mint attendees to
    multiply its guesses at the codes. Without a client (a script of the provider's own) only
    the per-minute limit applies."""
    name = clean_text(name, "your name")
    email = clean_text(email, "the email address", required=False)
    bar_number = clean_text(bar_number, "the bar number", required=False, limit=40)
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise SeminarError(f"{email!r} does not look like an email address; correct it or leave it empty.")
    client = str(client)[:200] if client else None
    at = dt.datetime.now(dt.timezone.utc)
    now = timestamp(at)
    policy = get_session(session_id).agenda.policy
    for _ in range(20):
        aid = "A-" + token(CODE_ALPHABET, 6)
        with db.transaction() as c:
            require_open(c, session_id)
            if c.execute(select(A.c.id).where(A.c.id == aid)).first():
                continue
            mine = 0 if client is None else c.execute(select(func.count()).select_from(A).where(
                A.c.session_id == session_id, A.c.client == client)).scalar()
            if mine >= policy.max_joins_per_client:
                raise SeminarError(f"This browser has already joined this seminar {mine} times. Rejoin with "
                                   "your attendee code, or ask the presenter.")
            recent = c.execute(select(func.count()).select_from(A).where(
                A.c.session_id == session_id, A.c.joined_at >= timestamp(at - dt.timedelta(minutes=1)))).scalar()
            if recent >= MAX_JOINS_PER_MINUTE:
                raise SeminarError("Many people are joining at this moment; please try again in a minute.")
            n = db.insert_ignoring(c, A, ["session_id", "name_key"], id=aid, session_id=session_id, name=name,
                                   name_key=name_key(name), email=email, bar_number=bar_number, joined_at=now,
                                   wrong_codes=0, client=client)
        if n == 0:
            raise SeminarError(
                f"Someone named {name!r} has already joined this seminar. If that was you, rejoin with "
                "your attendee code; otherwise add a middle initial."
            )
        return Attendee(aid, session_id, name, email, bar_number, now, 0, client)
    raise SeminarError("Could not join; try again.")  # pragma: no cover


def seen(attendee_id: str) -> None:
    """The attendee's page is still open (its refresher calls this about once a minute)."""
    with db.transaction() as c:
        c.execute(update(A).where(A.c.id == attendee_id, A.c.left_at.is_(None)).values(last_seen_at=timestamp()))


def leave(attendee_id: str) -> Attendee:
    """The attendee leaves before the end: their time out is now."""
    with db.transaction() as c:
        att = attendee_row(c, attendee_id)
        require_open(c, att.session_id)
        c.execute(update(A).where(A.c.id == att.id, A.c.left_at.is_(None)).values(left_at=timestamp()))
        return attendee_row(c, att.id)


def rejoin(session_id: str, attendee_id: str) -> Attendee:
    aid = "A-" + normalise_key(attendee_id).removeprefix("A")
    with db.reading() as c:
        row = c.execute(select(*_ATT_COLS).where(A.c.id == aid, A.c.session_id == session_id)).first()
    if row is None:
        raise NotFound("That attendee code is not registered for this seminar.")
    return Attendee(*row)


def attendees(session_id: str) -> list[Attendee]:
    with db.reading() as c:
        rows = c.execute(select(*_ATT_COLS).where(A.c.session_id == session_id)
                         .order_by(A.c.joined_at, A.c.name)).all()
    return [Attendee(*r) for r in rows]


def attendee_row(c, attendee_id: str) -> Attendee:
    row = c.execute(select(*_ATT_COLS).where(A.c.id == attendee_id)).first()
    if row is None:
        raise NotFound("You have not joined this seminar yet.")
    return Attendee(*row)
