"""Learners' attempts at the exercises, kept in the course database (:mod:`course.db`).

One row per attempt, committed at once (a kernel restart loses nothing already answered):
``learner``, ``set_id``, ``question_id``, ``answer`` (JSON text), ``correct`` (1, 0, or
NULL for a short answer), ``score`` (0-1 or NULL), ``created_at`` (UTC, ISO 8601). SQL is
always parameterised (:func:`course.db.placeholder`), never formatted with values.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html import escape
from typing import Any

from sqlalchemy import insert, select

from . import db
from .schema import exercise_attempts as T

TABLE = T.name

MAX_LEARNER_CHARS = 80


class BadLearner(ValueError):
    """A learner ID that cannot be used; the message is for the learner."""


@dataclass(frozen=True)
class Attempt:
    learner: str
    set_id: str
    question_id: str
    answer: Any
    correct: bool | None
    score: float | None
    created_at: str


@dataclass(frozen=True)
class SetSummary:
    set_id: str
    answered: int  # distinct questions attempted
    correct: int  # of those, how many the latest attempt got right
    score: float  # the sum of the latest attempts' scores (a short answer without self-check counts 0)
    attempts: int
    last_attempt: str = ""  # when the latest attempt in the set was made (UTC, ISO 8601)


def clean_learner(learner: str) -> str:
    """The learner ID as stored: trimmed; 1-80 characters."""
    if not isinstance(learner, str) or not learner.strip():
        raise BadLearner("Enter your learner ID (for example your name or student number) to save your answers.")
    learner = " ".join(learner.split())
    if len(learner) > MAX_LEARNER_CHARS:
        raise BadLearner(f"A learner ID can have at most {MAX_LEARNER_CHARS} characters.")
    return learner


def record_attempt(learner: str, set_id: str, question_id: str, answer: Any, correct: bool | None,
                   score: float | None, *, db_url: str | None = None, now: dt.datetime | None = None) -> Attempt:
    """Store one attempt and commit it at once."""
    learner = clean_learner(learner)
    created = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
    text = json.dumps(answer, ensure_ascii=False, sort_keys=True, default=str)
    with db.transaction(db_url) as conn:
        conn.execute(insert(T).values(
            learner=learner, set_id=set_id, question_id=question_id, answer=text,
            correct=None if correct is None else int(bool(correct)),
            score=None if score is None else float(score), created_at=created))
    return Attempt(learner, set_id, question_id, answer, correct, score, created)


def attempts(learner: str, *, db_url: str | None = None) -> list[Attempt]:
    """Every attempt of ``learner``, oldest first."""
    learner = clean_learner(learner)
    with db.reading(db_url) as conn:
        rows = conn.execute(
            select(T.c.learner, T.c.set_id, T.c.question_id, T.c.answer, T.c.correct, T.c.score, T.c.created_at)
            .where(T.c.learner == learner).order_by(T.c.created_at)
        ).all()
    out = []
    for lr, set_id, qid, ans, correct, score, created in rows:
        try:
            value = json.loads(ans)
        except ValueError:
            value = ans
        out.append(Attempt(lr, set_id, qid, value, None if correct is None else bool(correct),
                           None if score is None else float(score), str(created)))
    return out


def latest(rows: list[Attempt]) -> dict[str, Attempt]:
    """The latest attempt at each question."""
    out: dict[str, Attempt] = {}
    for a in rows:
        out[a.question_id] = a
    return out


def summary(learner: str, *, db_url: str | None = None) -> dict[str, SetSummary]:
    """Per set: questions answered, answered correctly (latest attempt), and total score."""
    return _summarise(attempts(learner, db_url=db_url))


def class_summary(*, db_url: str | None = None) -> dict[str, dict[str, SetSummary]]:
    """Every learner's :func:`summary`, by learner (for an instructor's page only)."""
    with db.reading(db_url) as conn:
        rows = conn.execute(
            select(T.c.learner, T.c.set_id, T.c.question_id, T.c.answer, T.c.correct, T.c.score, T.c.created_at)
            .order_by(T.c.learner, T.c.created_at)).all()
    by_learner: dict[str, list[Attempt]] = {}
    for lr, set_id, qid, _ans, correct, score, created in rows:
        by_learner.setdefault(lr, []).append(Attempt(lr, set_id, qid, None, None if correct is None else bool(correct),
                                                     None if score is None else float(score), str(created)))
    return {lr: _summarise(mine) for lr, mine in by_learner.items()}


def _summarise(rows: list[Attempt]) -> dict[str, SetSummary]:
    out: dict[str, SetSummary] = {}
    for set_id in dict.fromkeys(a.set_id for a in rows):
        mine = [a for a in rows if a.set_id == set_id]
        last = latest(mine)
        out[set_id] = SetSummary(
            set_id=set_id,
            answered=len(last),
            correct=sum(1 for a in last.values() if a.correct),
            score=round(sum(a.score or 0.0 for a in last.values()), 4),
            attempts=len(mine),
            last_attempt=max(a.created_at for a in mine),
        )
    return out


CSV_COLUMNS = ["created_at", "set_id", "question_id", "answer", "result", "score"]


def export_csv(learner: str, *, db_url: str | None = None) -> str:
    """Every attempt of ``learner`` as CSV (cells that a spreadsheet would run as formulas are quoted)."""
    import csv
    import io

    from .spreadsheet import spreadsheet_cell  # not .classroom: the static site has no seminar (nor PyYAML)

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in attempts(learner, db_url=db_url):
        result = "not graded" if a.correct is None else ("right" if a.correct else "not right")
        writer.writerow([spreadsheet_cell(v) for v in (a.created_at, a.set_id, a.question_id, _answer_text(a.answer),
                                                       result, "" if a.score is None else f"{a.score:g}")])
    return buf.getvalue()


def _answer_text(answer: Any) -> str:
    if isinstance(answer, dict) and set(answer) <= {"text", "self_check"} and "text" in answer:
        return str(answer["text"])
    if isinstance(answer, dict) and "outcome" in answer:
        reasons = answer.get("reasons") or []
        return f"Outcome: {answer['outcome']}" + (f"; reasons: {'; '.join(map(str, reasons))}" if reasons else "")
    if isinstance(answer, list):
        return " → ".join(map(str, answer)) if all(isinstance(a, str) for a in answer) else ", ".join(map(str, answer))
    return str(answer)


def _prompts() -> dict[str, tuple[str, str]]:
    """Question id -> (set title, prompt), for questions in the bank; empty if the bank is broken."""
    try:
        from .exercises import BANK

        bank = BANK()
    except Exception:  # noqa: BLE001 - the export must work even if the bank does not load
        return {}
    return {q.id: (s.title, q.prompt) for s in bank.ordered() for q in s.questions}


def export_html(learner: str, *, db_url: str | None = None) -> str:
    """A self-contained HTML page summarising ``learner``'s work; every value is escaped."""
    rows = attempts(learner, db_url=db_url)
    learner = clean_learner(learner)
    sums = summary(learner, db_url=db_url)
    prompts = _prompts()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Exercise record: {escape(learner)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;line-height:1.45;color:#1a1a1a}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;"
        "vertical-align:top}caption{text-align:left;font-weight:600;margin:.5em 0}.answer{white-space:pre-wrap}</style>",
        "</head><body>",
        f"<h1>Exercise record: {escape(learner)}</h1>",
        f"<p>Exported {escape(dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'))}. "
        f"{len(rows)} attempt{'s' if len(rows) != 1 else ''} in all.</p>",
    ]
    if not rows:
        parts.append("<p>No answers recorded yet.</p>")
    else:
        parts.append('<table><caption>Summary by exercise set</caption><thead><tr><th scope="col">Set</th>'
                     '<th scope="col">Questions answered</th><th scope="col">Right (latest attempt)</th>'
                     '<th scope="col">Score</th><th scope="col">Attempts</th></tr></thead><tbody>')
        for s in sums.values():
            parts.append(f"<tr><td>{escape(s.set_id)}</td><td>{s.answered}</td><td>{s.correct}</td>"
                         f"<td>{s.score:g}</td><td>{s.attempts}</td></tr>")
        parts.append("</tbody></table>")
        parts.append('<table><caption>Every attempt</caption><thead><tr><th scope="col">When (UTC)</th>'
                     '<th scope="col">Question</th><th scope="col">Your answer</th><th scope="col">Result</th>'
                     "</tr></thead><tbody>")
        for a in rows:
            title, prompt = prompts.get(a.question_id, (a.set_id, ""))
            result = ("not graded (short answer)" if a.correct is None else ("right" if a.correct else "not right"))
            if a.score is not None:
                result += f", score {a.score:.2f}"
            question = f"<strong>{escape(a.question_id)}</strong>" + (f"<br>{escape(prompt)}" if prompt else "")
            parts.append(f"<tr><td>{escape(a.created_at)}</td><td>{question}</td>"
                         f'<td class="answer">{escape(_answer_text(a.answer))}</td><td>{escape(result)}</td></tr>')
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)
