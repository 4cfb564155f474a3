"""What the classroom modules share about the store: the tables (course/schema.py, under
short names), the time stamp, random tokens, key hashing and the cleaning of typed text.
Connections come from :mod:`course.db` (``db.transaction`` for writes, ``db.reading`` for reads)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Any

from .. import schema
from .errors import SeminarError

MAX_NAME_CHARS = 120

# Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L, 5/S, 2/Z).
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"


S, A, C, K, PL, AN, Q = (schema.seminar_sessions, schema.seminar_attendees, schema.seminar_codes,
                         schema.seminar_confirmations, schema.seminar_polls, schema.seminar_answers,
                         schema.seminar_questions)
WRONG, AUDIT, TIMES, EVAL = (schema.seminar_wrong_codes, schema.seminar_audit, schema.seminar_item_times,
                             schema.seminar_evaluations)

#: A verification code: CODE_LENGTH characters of CODE_ALPHABET, shown in groups of four
#: (``K7QM-3XRT``): 27**8 = 282,429,536,481 possible codes.
CODE_LENGTH = 8
CODE_SPACE = len(CODE_ALPHABET) ** CODE_LENGTH

# Unicode bidirectional controls: they reorder the text around them on screen and on paper
# (U+202E makes "Ann" + "fdp.exe" read backwards), so no record keeps them.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def timestamp(at: dt.datetime | None = None) -> str:
    """UTC, ISO 8601, to the microsecond (records sort by it)."""
    at = at or dt.datetime.now(dt.timezone.utc)
    return at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_time(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def token(alphabet: str, n: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def key_hash(key: str) -> str:
    return hashlib.sha256(normalise_key(key).encode()).hexdigest()


def normalise_key(text: str) -> str:
    """Join codes and keys are typed by people: ignore case, spaces and dashes."""
    return re.sub(r"[\s\-_.]", "", str(text)).upper()


def normalise_code(text: str) -> str:
    """What an attendee typed, as compared: letters and digits only, upper case
    (' k7qm 3xrt ', 'K7QM-3XRT' -> 'K7QM3XRT')."""
    return re.sub(r"[^A-Z0-9]", "", str(text).upper())


def new_code() -> str:
    """A random verification code from :data:`CODE_SPACE`, e.g. 'K7QM-3XRT' (made with :mod:`secrets`)."""
    t = token(CODE_ALPHABET, CODE_LENGTH)
    return f"{t[:4]}-{t[4:]}"


def code_digest(normalised: str, salt_hex: str) -> str:
    """scrypt of a normalised code with the seminar's salt: what the store keeps of a code.
    Deliberately slow (about 16 MiB and tens of milliseconds each), so a copy of the
    database does not give the codes away while they are still valid."""
    return hashlib.scrypt(normalised.encode(), salt=bytes.fromhex(salt_hex), n=2**14, r=8, p=1,
                          dklen=32).hex()


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def plain_text(text: Any) -> str:
    """Typed text as a record keeps it: without bidirectional or other control characters."""
    return _CONTROL.sub("", _BIDI_CONTROLS.sub("", str(text or "")))


def clean_text(text: Any, what: str, *, required: bool = True, limit: int = MAX_NAME_CHARS) -> str:
    """A one-line field: controls removed, runs of spaces made one, length checked."""
    t = " ".join(plain_text(text).split())
    if required and not t:
        raise SeminarError(f"Enter {what}.")
    if len(t) > limit:
        raise SeminarError(f"{what[0].upper()}{what[1:]} is too long (at most {limit} characters).")
    return t
