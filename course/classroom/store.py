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


def timestamp() -> str:
    """UTC, ISO 8601, to the microsecond (records sort by it)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def token(alphabet: str, n: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def key_hash(key: str) -> str:
    return hashlib.sha256(normalise_key(key).encode()).hexdigest()


def normalise_key(text: str) -> str:
    """Join codes and keys are typed by people: ignore case, spaces and dashes."""
    return re.sub(r"[\s\-_.]", "", str(text)).upper()


def normalise_code(text: str) -> str:
    """'River 347', ' river-347 ' -> 'river-347'."""
    t = re.sub(r"[^a-z0-9]", "", str(text).lower())
    m = re.fullmatch(r"([a-z]+)([0-9]+)", t)
    return f"{m.group(1)}-{m.group(2)}" if m else t


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())



def clean_text(text: Any, what: str, *, required: bool = True, limit: int = MAX_NAME_CHARS) -> str:
    t = " ".join(str(text or "").split())
    if required and not t:
        raise SeminarError(f"Enter {what}.")
    if len(t) > limit:
        raise SeminarError(f"{what[0].upper()}{what[1:]} is too long (at most {limit} characters).")
    return t
