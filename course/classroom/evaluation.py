"""The program evaluation form most CLE regulators ask a provider to offer: a few statements
rated 1-5 and free comments, one response per attendee (changeable), read by the provider
without names."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from sqlalchemy import select

from .. import db
from .errors import SeminarError
from .sessions import attendee_row
from .store import EVAL, plain_text, timestamp

#: (id, statement) rated from 1 (strongly disagree) to 5 (strongly agree).
EVALUATION_ITEMS = (
    ("objectives", "The program met its stated objectives."),
    ("presenter", "The presenter was knowledgeable and clear."),
    ("materials", "The materials (lessons, exercises) were useful."),
    ("practice", "The program will be useful in my practice."),
    ("setting", "The setting (room or online page) was suitable for learning."),
)
SCALE = {1: "Strongly disagree", 2: "Disagree", 3: "Neutral", 4: "Agree", 5: "Strongly agree"}
MAX_COMMENT_CHARS = 2000


def submit_evaluation(attendee_id: str, ratings: dict[str, int], comments: str = "") -> str:
    """Store (or replace) the attendee's evaluation; every statement must be rated 1-5.
    Accepted during the seminar and after its end. Returns when it was recorded."""
    wanted = [item for item, _ in EVALUATION_ITEMS]
    missing = [text for item, text in EVALUATION_ITEMS if item not in ratings]
    if missing:
        raise SeminarError(f"Rate every statement first (missing: {missing[0]})")
    unknown = sorted(set(ratings) - set(wanted))
    if unknown:
        raise SeminarError(f"There is no statement {unknown[0]!r} on the form.")
    clean: dict[str, int] = {}
    for item in wanted:
        value = ratings[item]
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise SeminarError("Rate each statement from 1 (strongly disagree) to 5 (strongly agree).")
        clean[item] = value
    text = plain_text(comments).strip()
    if len(text) > MAX_COMMENT_CHARS:
        raise SeminarError(f"Please shorten your comments to {MAX_COMMENT_CHARS} characters.")
    now = timestamp()
    with db.transaction() as c:
        att = attendee_row(c, attendee_id)
        db.upsert(c, EVAL, ["session_id", "attendee_id"], ["answers_json", "comments", "submitted_at"],
                  session_id=att.session_id, attendee_id=att.id, answers_json=json.dumps(clean), comments=text,
                  submitted_at=now)
    return now


@dataclass(frozen=True)
class EvaluationSummary:
    responses: int
    counts: dict[str, dict[int, int]]  # statement id -> rating -> number of attendees
    comments: tuple[str, ...]  # without names, in the order received

    def average(self, item: str) -> float | None:
        n = sum(self.counts[item].values())
        return round(sum(r * k for r, k in self.counts[item].items()) / n, 2) if n else None


def _rows(session_id: str) -> list[tuple[dict[str, int], str]]:
    with db.reading() as c:
        rows = c.execute(select(EVAL.c.answers_json, EVAL.c.comments).where(EVAL.c.session_id == session_id)
                         .order_by(EVAL.c.submitted_at)).all()
    return [(json.loads(r[0]), r[1]) for r in rows]


def evaluation_summary(session_id: str) -> EvaluationSummary:
    rows = _rows(session_id)
    counts = {item: {r: 0 for r in SCALE} for item, _ in EVALUATION_ITEMS}
    for answers, _ in rows:
        for item, value in answers.items():
            if item in counts and value in SCALE:
                counts[item][value] += 1
    return EvaluationSummary(len(rows), counts, tuple(text for _, text in rows if text))


def evaluations_csv(session_id: str) -> str:
    """One row per response, without names (statement ids as columns, then the comments)."""
    from ..spreadsheet import spreadsheet_cell

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([item for item, _ in EVALUATION_ITEMS] + ["comments"])
    for answers, text in _rows(session_id):
        writer.writerow([answers.get(item, "") for item, _ in EVALUATION_ITEMS] + [spreadsheet_cell(text)])
    return buf.getvalue()
