"""The CLE seminar pages: the presenter's console and the attendee's page.

``seminar/presenter.ipynb`` calls :func:`presenter_view` (a :class:`PresenterView`);
``seminar/attendee.ipynb`` calls :func:`attendee_view` (an :class:`AttendeeView`). Each view is a
class with private child widgets; each callback makes one action call into the engine
(:mod:`course.seminar`, that is :mod:`course.classroom`) and then re-renders from reads, and
runs through ``widgets/errors.py`` (:class:`ErrorBox`, :func:`report`). Two exceptions the
engine does not yet cover in one call: joining and rejoining first look the seminar up by its
join code, and preparing the records reads the CSVs and each certificate. Each page runs in
its own Voila kernel; they talk only through the database (``COURSE_DB`` / ``COURSE_DB_URL``,
see ``course/db.py``), so every kernel on the server must see the same database.

Every control has a visible label and is reachable with Tab (ipywidgets inputs and
buttons). A problem (a wrong code, an unknown join code) is shown as one friendly sentence
in a ``role="alert"`` box, never a traceback. All text from people (names, questions) is
escaped. Live panels (the poll's counts, the questions, the attendee's current poll) are
refreshed by a background thread every 2 seconds; the thread stops when its checkbox is
cleared, when the seminar ends, when the page's widgets are closed, or after 6 hours.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import logging
import re
import os
import threading
import uuid
from typing import Any, Callable

import ipywidgets as w

from course import seminar as sem

from .errors import ErrorBox, report

log = logging.getLogger("course.widgets")

#: Seconds between background refreshes, and the longest a refresher runs.
REFRESH_S = 2.0
MAX_REFRESH_S = 6 * 3600
#: Seconds between an attendee page's signs of life (time out, if the page is closed).
SEEN_EVERY_S = 60.0
#: The environment variable the course server (server/launch.py) sets in each page's kernel:
#: an opaque id of the browser (a signed cookie), or of its address when it sends no cookie.
CLIENT_ENV = "HTTP_X_COURSE_CLIENT"
_KERNEL_CLIENT = "kernel-" + uuid.uuid4().hex


def client_id() -> str:
    """Who is on the other end of this page, for the seminar's per-client limits: the
    server's browser id, else this kernel (one page) when the page was not served by
    the course server."""
    return os.environ.get(CLIENT_ENV) or _KERNEL_CLIENT

_CSS = """
<style>
.seminar { max-width: 56em; font-size: 15px; line-height: 1.45; color: #1a1a1a; }
.seminar h2 { font-size: 1.25em; margin: .9em 0 .3em 0; }
.seminar-card { border: 1px solid #bbb; border-left: 6px solid #0072B2; border-radius: 6px; padding: .5em .9em;
  margin: .4em 0; background: #fff; }
.seminar-big { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 2.6em; font-weight: 700;
  letter-spacing: .08em; color: #002b4d; margin: .1em 0; }
.seminar-key { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 1.2em; font-weight: 700; }
.seminar-ok { border-left: 4px solid #0072B2; background: #eef5fb; padding: .4em .7em; margin: .3em 0; }
.seminar-bar { display: inline-block; height: .9em; background: #0072B2; vertical-align: middle; margin-right: .4em; }
.seminar-results table { border-collapse: collapse; }
.seminar-results th, .seminar-results td { text-align: left; padding: .15em .6em .15em 0; vertical-align: middle; }
.seminar-questions li { margin: .25em 0; white-space: pre-wrap; }
.seminar a:focus, .seminar button:focus { outline: 3px solid #f2b705; outline-offset: 2px; }
.seminar-muted { color: #444; font-size: .92em; }
</style>
"""

_LABEL = {"description_width": "13em"}
_WIDE = w.Layout(width="36em", max_width="100%")


def _e(text: Any) -> str:
    return html.escape(str(text))


def _text(label: str, cls: str, placeholder: str = "", value: str = "") -> w.Text:
    t = w.Text(value=value, description=label, continuous_update=False, placeholder=placeholder, style=_LABEL, layout=_WIDE)
    t.add_class(cls)
    return t


def _button(label: str, cls: str, style: str = "") -> w.Button:
    b = w.Button(description=label, button_style=style, tooltip=label, layout=w.Layout(width="auto"))
    b.add_class(cls)
    return b


def _heading(text: str) -> w.HTML:
    return w.HTML(f"<h2>{_e(text)}</h2>")


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a view's callback through widgets/errors.py: a :class:`SeminarError` shows its own
    sentence in the view's :class:`ErrorBox`; anything else is reported (logged in full,
    shown as a general apology). Clears the box after a success."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = method(self, *args, **kwargs)
        except sem.SeminarError as exc:
            self._errors.show(str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - a reader never sees a traceback
            report(exc, self._errors, where=method.__qualname__)
            return None
        self._errors.clear()
        return result

    return wrapper


def _set(widget: w.HTML, value: str) -> None:
    """Send a new value only if it changed (the background thread runs every 2 s)."""
    if widget.value != value:
        widget.value = value


def _time(stamp: str) -> str:
    """'2025-03-14T15:04:05.123456Z' -> '15:04 UTC'."""
    m = re.search(r"T(\d\d:\d\d)", stamp or "")
    return f"{m.group(1)} UTC" if m else stamp


class Refresher:
    """Call ``fn`` every ``interval`` seconds in a daemon thread until :meth:`stop`, until
    ``alive()`` is false (the page's widgets were closed), or for at most ``max_s`` seconds."""

    def __init__(self, fn: Callable[[], Any], alive: Callable[[], bool], interval: float = REFRESH_S,
                 max_s: float = MAX_REFRESH_S) -> None:
        self.fn, self.alive, self.interval, self.max_s = fn, alive, interval, max_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="seminar-refresh", daemon=True)
        self._thread.start()

    def stop(self, wait: bool = False) -> None:
        self._stop.set()
        if wait and self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=self.interval * 3)

    def _run(self) -> None:
        deadline = dt.datetime.now().timestamp() + self.max_s
        while not self._stop.wait(self.interval):
            if not self.alive() or dt.datetime.now().timestamp() > deadline:
                break
            try:
                self.fn()
            except Exception:  # noqa: BLE001 - a failed refresh is logged; the next one may work
                log.exception("seminar refresh failed")
        self._stop.set()


def _alive(widget: w.Widget) -> Callable[[], bool]:
    return lambda: getattr(widget, "comm", None) is not None


def _download(data: str | bytes, filename: str, mime: str, label: str, cls: str) -> str:
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    payload = base64.b64encode(raw).decode("ascii")
    charset = "" if isinstance(data, bytes) else ";charset=utf-8"
    return (f'<a class="{cls}" download="{_e(filename)}" href="data:{mime}{charset};base64,{payload}">'
            f"{_e(label)}</a>")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "attendee"


# --- the presenter -------------------------------------------------------------------------------


def poll_results_html(poll: sem.Poll, counts: list[tuple[str, int]], key: tuple[int, ...] = ()) -> str:
    """The aggregate of a poll: counts per option (words and numbers, bars only as a help)."""
    total = sum(c for _, c in counts)
    top = max([c for _, c in counts] + [1])
    rows = []
    for n, (text, count) in enumerate(counts):
        mark = " <strong>(correct)</strong>" if n in key else ""
        bar = f'<span class="seminar-bar" style="width:{int(12 * count / top)}em" aria-hidden="true"></span>'
        rows.append(f'<tr><th scope="row">{_e(chr(65 + n))}. {_e(text)}{mark}</th>'
                    f'<td>{bar}<span class="seminar-count">{count}</span></td></tr>')
    state = "open: attendees can answer" if poll.is_open else "closed"
    return (f'<div class="seminar-results seminar-card" aria-live="polite"><p><strong>Poll ({state}):</strong> '
            f'{_e(poll.prompt)}</p><table><caption class="seminar-muted">{total} answer{"s" if total != 1 else ""}'
            f'</caption><tbody>{"".join(rows)}</tbody></table></div>')


def questions_html(items: list[sem.AudienceQuestion]) -> str:
    if not items:
        return '<p class="seminar-muted seminar-questions">No questions yet.</p>'
    lis = "".join(f'<li><span class="seminar-muted">{_e(_time(q.asked_at))}</span> '
                  f'<span class="seminar-question-text">{_e(q.text)}</span></li>' for q in items)
    return f'<ol class="seminar-questions" aria-live="polite">{lis}</ol>'


class PresenterView:
    """The presenter's console: create or reopen a seminar, reveal codes, run polls, read
    questions, end the seminar and download the records. ``widget`` is the page."""

    def __init__(self) -> None:
        self._errors = ErrorBox()
        self._session: sem.Session | None = None
        self._key: str | None = None
        self._fresh = False
        self._poll: sem.Poll | None = None

        # -- start: a new seminar, or reopen one by its presenter key
        try:
            default_title = sem.load_agenda().title
            agenda_problem = ""
        except Exception as exc:  # noqa: BLE001
            default_title, agenda_problem = "", report(exc, None, where="loading the seminar agenda")
        self._title = _text("Seminar title", "seminar-title", value=default_title)
        self._date = _text("Date (YYYY-MM-DD)", "seminar-date", value=dt.date.today().isoformat())
        self._presenter = _text("Presenter's name", "seminar-presenter", placeholder="e.g. Pat Presenter")
        self._per_credit = w.Dropdown(options=[("60 minutes", 60), ("50 minutes", 50)], value=60,
                                      description="One credit hour is", style=_LABEL)
        self._per_credit.add_class("seminar-minutes-per-credit")
        self._increment = w.Dropdown(options=[("a quarter hour (0.25)", "0.25"), ("a half hour (0.5)", "0.5"),
                                              ("a whole hour (1)", "1")], value="0.25",
                                     description="Round down to", style=_LABEL)
        self._increment.add_class("seminar-increment")
        self._create = _button("Create seminar", "seminar-create", "primary")
        self._key_in = _text("Presenter key", "seminar-presenter-key", placeholder="XXXX-XXXX-XXXX")
        self._reopen = _button("Reopen seminar", "seminar-reopen")
        self._start_box = w.VBox([
            _heading("Start a seminar"),
            w.HTML(f'<p class="seminar-muted">{_e(agenda_problem)}</p>' if agenda_problem else ""),
            self._title, self._date, self._presenter, self._per_credit, self._increment, self._create,
            _heading("Or reopen one"),
            w.HTML('<p class="seminar-muted">Use the presenter key shown when you created it.</p>'),
            self._key_in, self._reopen,
        ])

        # -- the running seminar
        self._info = w.HTML()
        self._info.add_class("seminar-info")
        self._code_display = w.HTML()
        self._code_display.add_class("seminar-code-display")
        self._checkpoint_box = w.VBox()
        self._attendance = w.HTML()
        self._attendance.add_class("seminar-attendance")
        self._item_box = w.VBox()
        self._times = w.HTML()
        self._times.add_class("seminar-item-times")
        self._fix_who = w.Dropdown(options=[], description="Attendee", style=_LABEL, layout=_WIDE)
        self._fix_who.add_class("seminar-fix-attendee")
        self._fix_where = w.Dropdown(options=[], description="Checkpoint", style=_LABEL, layout=_WIDE)
        self._fix_where.add_class("seminar-fix-checkpoint")
        self._fix_what = w.RadioButtons(options=[("Confirm attendance", True), ("Withdraw attendance", False)],
                                        value=True, description="Correction", style=_LABEL)
        self._fix_what.add_class("seminar-fix-present")
        self._fix_why = _text("Reason (kept in the record)", "seminar-fix-reason",
                              placeholder="e.g. arrived late: seen in the room at 10:05")
        self._fix = _button("Record correction", "seminar-fix")
        self._audit = w.HTML()
        self._audit.add_class("seminar-audit")

        try:
            questions_bank = sem.poll_questions()
            bank_problem = "" if questions_bank else "The exercise bank has no single-choice questions yet."
        except Exception as exc:  # noqa: BLE001
            questions_bank, bank_problem = [], report(exc, None, where="loading the exercise bank")
        self._bank = {q.id: q for q in questions_bank}
        self._question_pick = w.Dropdown(
            options=[(f"{q.prompt[:90]}{'…' if len(q.prompt) > 90 else ''}", q.id) for q in questions_bank],
            description="Poll question", style=_LABEL, layout=w.Layout(width="48em", max_width="100%"),
            disabled=not questions_bank,
        )
        self._question_pick.add_class("seminar-poll-question")
        self._open_poll = _button("Open poll", "seminar-open-poll", "primary")
        self._close_poll = _button("Close poll", "seminar-close-poll")
        self._refresh_now = _button("Refresh now", "seminar-refresh")
        self._auto = w.Checkbox(value=True, description="Update automatically every 2 seconds", indent=False)
        self._auto.add_class("seminar-auto-refresh")
        self._results = w.HTML('<p class="seminar-muted">No poll yet.</p>')
        self._results.add_class("seminar-poll-results")
        self._questions = w.HTML()
        self._questions.add_class("seminar-questions-list")
        self._export = _button("Prepare attendance record and certificates", "seminar-export")
        self._end = _button("End seminar", "seminar-end", "warning")
        self._downloads = w.HTML()
        self._downloads.add_class("seminar-downloads")
        self._session_box = w.VBox([
            self._info,
            _heading("Verification codes"),
            w.HTML('<p class="seminar-muted">At each checkpoint, reveal its code and leave it on screen for a '
                   "minute. Attendees type it into their page.</p>"),
            self._checkpoint_box, self._code_display, self._attendance,
            _heading("Agenda and running time"),
            w.HTML('<p class="seminar-muted">Start each item when it begins: credit is computed from the time each '
                   "item actually ran (at most its planned minutes).</p>"),
            self._item_box, self._times,
            _heading("Poll"),
            w.HTML(f'<p class="seminar-muted">{_e(bank_problem)}</p>' if bank_problem else ""),
            self._question_pick, w.HBox([self._open_poll, self._close_poll, self._refresh_now]), self._auto,
            self._results,
            _heading("Questions from attendees"),
            self._questions,
            _heading("Correct attendance"),
            w.HTML('<p class="seminar-muted">For an attendee who could not enter a code (or should not have '
                   "credit). Every correction and its reason is in the attendance record.</p>"),
            self._fix_who, self._fix_where, self._fix_what, self._fix_why, self._fix, self._audit,
            _heading("Records"),
            w.HTML('<p class="seminar-muted">End the seminar first: certificates made before the end are marked '
                   "provisional.</p>"),
            w.HBox([self._end, self._export]), self._downloads,
        ])
        self._session_box.layout.display = "none"

        self._refresher = Refresher(self.refresh, _alive(self._results))

        self._create.on_click(self._on_create)
        self._reopen.on_click(self._on_reopen)
        self._open_poll.on_click(self._on_open_poll)
        self._close_poll.on_click(self._on_close_poll)
        self._refresh_now.on_click(self._on_refresh)
        self._auto.observe(self._on_auto, names="value")
        self._end.on_click(self._on_end)
        self._export.on_click(self._on_export)
        self._fix.on_click(self._on_fix)

        self.widget = w.VBox([w.HTML(_CSS), self._errors, self._start_box, self._session_box])
        self.widget.add_class("seminar")
        self.widget.add_class("seminar-presenter-page")
        self.widget._refresher = self._refresher  # for tests and for stopping it by hand

    # -- rendering (reads only; also run by the background refresher)

    def refresh(self) -> None:
        s = self._session
        if s is None:
            return
        counts = sem.checkpoint_counts(s.id)
        people = sem.attendees(s.id)
        n = len(people)
        who = [(f"{a.name} ({a.id})", a.id) for a in people]
        if list(self._fix_who.options) != who:
            chosen = self._fix_who.value
            self._fix_who.options = who
            self._fix_who.value = chosen if chosen in dict(who).values() else (who[0][1] if who else None)
        times = sem.item_times(s.id)
        _set(self._times, "<ul>" + "".join(
            f"<li>{_e(s.agenda.checkpoint_label(i))}: started {_e(_time(t[0]))}"
            f"{', ended ' + _e(_time(t[1])) if t[1] else ', running'}</li>" for i, t in sorted(times.items()))
            + "</ul>" if times else '<p class="seminar-muted">No item started yet.</p>')
        log_entries = sem.audit_log(s.id)
        _set(self._audit, "<ul>" + "".join(f"<li>{_e(_time(e.at))}: {_e(e.detail)} — {_e(e.reason)}</li>"
                                           for e in log_entries) + "</ul>" if log_entries else "")
        parts = [f"<p><strong>{n}</strong> attendee{'s' if n != 1 else ''} joined.</p>"]
        if counts:
            parts.append("<ul>" + "".join(
                f"<li>Code for {_e(c.label)}: entered by {k} of {n}</li>" for c, k in counts) + "</ul>")
        _set(self._attendance, "".join(parts))
        poll = self._poll
        if poll is not None:
            poll = sem.get_poll(poll.id)
            key = sem.poll_key(poll) if not poll.is_open else ()
            _set(self._results, poll_results_html(poll, sem.poll_counts(poll.id), key))
        _set(self._questions, questions_html(sem.questions(s.id)))

    def _sync_refresher(self) -> None:
        s = self._session
        if self._auto.value and s is not None and not s.ended:
            self._refresher.start()
        else:
            self._refresher.stop()

    def _render_info(self) -> None:
        s, key = self._session, self._key
        hours = sem.format_hours(s.agenda.credit_hours())
        key_note = ("<details><summary>Your presenter key (open to read it; do not project it)</summary><p>"
                    f'<span class="seminar-key">{_e(key)}</span> — write it down: it reopens this page if it '
                    "reloads, and it lets whoever has it run the seminar.</p></details>" if self._fresh else "")
        ended = '<p><strong>This seminar has ended.</strong></p>' if s.ended else ""
        self._info.value = (
            f'<div class="seminar-card"><p><strong>{_e(s.title)}</strong> — {_e(s.date)}, presented by '
            f"{_e(s.presenter)}. {_e(hours)} of credit ({_e(s.agenda.rule.describe())}).</p>"
            f'<p>Attendees open the attendee page and enter the join code:</p>'
            f'<p class="seminar-big seminar-join-code" aria-label="join code">{_e(s.join_code)}</p>'
            f"{key_note}{ended}</div>"
        )

    def _show_session(self, s: sem.Session, key: str, fresh: bool) -> None:
        self._session, self._key, self._fresh = s, key, fresh
        self._render_info()
        buttons = []
        for idx in s.agenda.checkpoints():
            b = _button(f"Reveal code: {s.agenda.checkpoint_label(idx)}", "seminar-reveal")
            b.add_class(f"seminar-reveal-{idx}")
            b.on_click(functools.partial(self._on_reveal, idx))
            buttons.append(b)
        self._checkpoint_box.children = buttons
        starts = []
        for idx, _item in enumerate(s.agenda.items):
            b = _button(f"Start: {s.agenda.checkpoint_label(idx)}", "seminar-start-item")
            b.add_class(f"seminar-start-item-{idx}")
            b.on_click(functools.partial(self._on_start_item, idx))
            starts.append(b)
        self._item_box.children = starts
        self._fix_where.options = [(s.agenda.checkpoint_label(i), i) for i in s.agenda.checkpoints()]
        self._fix_where.value = s.agenda.checkpoints()[0] if s.agenda.checkpoints() else None
        self._start_box.layout.display = "none"
        self._session_box.layout.display = None
        self._poll = sem.current_poll(s.id)
        self.refresh()
        self._sync_refresher()

    def _render_downloads(self, s: sem.Session) -> None:
        stem = f"attendance-{s.date}-{s.join_code}"
        csv_link = _download(sem.attendance_csv(s.id), f"{stem}.csv", "text/csv",
                             "Download the attendance record (CSV)", "seminar-csv-link")
        items, pdf_problem = [], ""
        for a in sem.attendees(s.id):
            stem_a = f"certificate-{_slug(a.name)}-{s.date}"
            html_link = _download(sem.certificate_html(s.id, a.id), f"{stem_a}.html", "text/html",
                                  "Certificate: " + a.name, "seminar-certificate-link")
            pdf_link = ""
            if not pdf_problem:
                try:
                    pdf_link = " — " + _download(sem.certificate_pdf(s.id, a.id), f"{stem_a}.pdf",
                                                 "application/pdf", "PDF", "seminar-certificate-pdf")
                except sem.PdfUnavailable as exc:
                    pdf_problem = str(exc)
            items.append(f"<li>{html_link}{pdf_link}</li>")
        certs = "".join(items)
        evaluation = _download(sem.evaluations_csv(s.id), f"evaluations-{s.date}-{s.join_code}.csv", "text/csv",
                               "Download the evaluations (CSV, without names)", "seminar-evaluations-link")
        status = "final" if s.ended else "provisional (the seminar has not ended)"
        problem = f'<p class="seminar-muted">{_e(pdf_problem)}</p>' if pdf_problem else ""
        self._downloads.value = (
            f'<div class="seminar-card"><p>{csv_link}</p><p>{evaluation}</p><p>Certificates of attendance, '
            f"{status} (HTML and PDF):</p>{problem}<ul>{certs or '<li>No attendees yet.</li>'}</ul></div>"
        )

    # -- callbacks: each makes one call into the engine, then renders

    @_guarded
    def _on_create(self, _: Any) -> None:
        rule = sem.CreditRule(self._per_credit.value, self._increment.value)
        s = sem.create_session(self._title.value, self._date.value, self._presenter.value, rule=rule)
        self._show_session(s, s.presenter_key or "", fresh=True)

    @_guarded
    def _on_reopen(self, _: Any) -> None:
        s = sem.open_as_presenter(self._key_in.value)
        self._show_session(s, self._key_in.value.strip(), fresh=False)

    @_guarded
    def _on_reveal(self, idx: int, _: Any) -> None:
        code = sem.reveal_code(self._session.id, self._key, idx)
        self._code_display.value = (
            f'<div class="seminar-card" role="status" aria-live="polite"><p>Verification code for '
            f'<strong>{_e(code.label)}</strong>:</p><p class="seminar-big seminar-code" '
            f'data-checkpoint="{code.checkpoint}">{_e(code.code)}</p></div>'
        )
        self.refresh()

    @_guarded
    def _on_start_item(self, idx: int, _: Any) -> None:
        sem.start_item(self._session.id, self._key, idx)
        self.refresh()

    @_guarded
    def _on_fix(self, _: Any) -> None:
        if self._fix_who.value is None or self._fix_where.value is None:
            raise sem.SeminarError("Choose the attendee and the checkpoint first.")
        sem.correct_attendance(self._session.id, self._key, self._fix_who.value, self._fix_where.value,
                               self._fix_what.value, self._fix_why.value)
        self._fix_why.value = ""
        self.refresh()

    @_guarded
    def _on_open_poll(self, _: Any) -> None:
        if not self._question_pick.value:
            raise sem.SeminarError("Choose a poll question first.")
        self._poll = sem.open_poll(self._session.id, self._key, self._bank[self._question_pick.value])
        self.refresh()

    @_guarded
    def _on_close_poll(self, _: Any) -> None:
        if self._poll is None:
            raise sem.SeminarError("No poll is open.")
        self._poll = sem.close_poll(self._session.id, self._key, self._poll.id)
        self.refresh()

    @_guarded
    def _on_refresh(self, _: Any) -> None:
        self.refresh()

    @_guarded
    def _on_auto(self, _: Any) -> None:
        self._sync_refresher()

    @_guarded
    def _on_end(self, _: Any) -> None:
        self._session = sem.end_session(self._session.id, self._key)
        self._refresher.stop()
        self._render_info()
        self.refresh()

    @_guarded
    def _on_export(self, _: Any) -> None:
        self._render_downloads(sem.get_session(self._session.id))


def presenter_view() -> w.Widget:
    """The presenter's page (``seminar/presenter.ipynb``): see :class:`PresenterView`."""
    return PresenterView().widget


# --- the attendee -----------------------------------------------------------------------------------


class AttendeeView:
    """The attendee's page: join once with a name, enter verification codes, answer the
    current poll, ask a question, evaluate the program, leave early. ``widget`` is the page."""

    def __init__(self) -> None:
        self._errors = ErrorBox()
        self._session: sem.Session | None = None
        self._attendee: sem.Attendee | None = None
        self._poll: sem.Poll | None = None
        self._seen = 0.0

        self._join_code = _text("Join code", "seminar-join-code", placeholder="from the presenter's screen")
        self._name = _text("Your name", "seminar-name", placeholder="as it should appear on your certificate")
        self._email = _text("Email (optional)", "seminar-email")
        self._bar = _text("Bar number (optional)", "seminar-bar-number")
        self._join = _button("Join seminar", "seminar-join", "primary")
        self._rejoin_code = _text("Attendee code", "seminar-attendee-code", placeholder="A-XXXXXX")
        self._rejoin = _button("Rejoin", "seminar-rejoin")
        self._join_box = w.VBox([
            _heading("Join the seminar"), self._join_code, self._name, self._email, self._bar, self._join,
            w.HTML('<p class="seminar-muted">Joined before and reloaded the page? Enter the join code above and '
                   "your attendee code here.</p>"),
            self._rejoin_code, self._rejoin,
        ])
        self._welcome = w.HTML()
        self._welcome.add_class("seminar-welcome")

        self._code_in = _text("Verification code", "seminar-code-input", placeholder="e.g. K7QM-3XRT")
        self._code = _button("Submit code", "seminar-submit-code", "primary")
        self._code_status = w.HTML()
        self._code_status.add_class("seminar-code-status")

        self._poll_prompt = w.HTML('<p class="seminar-muted">No poll is open right now.</p>')
        self._poll_prompt.add_class("seminar-poll-prompt")
        self._poll_choice = w.RadioButtons(options=[], value=None, description="Your answer", style=_LABEL,
                                           layout=w.Layout(width="auto"))
        self._poll_choice.add_class("seminar-poll-choice")
        self._poll_choice.layout.display = "none"
        self._answer = _button("Submit answer", "seminar-submit-answer", "primary")
        self._answer.layout.display = "none"
        self._check_poll = _button("Check for a poll", "seminar-check-poll")
        self._poll_status = w.HTML()
        self._poll_status.add_class("seminar-poll-status")

        self._ask_in = w.Textarea(continuous_update=False, description="Your question",
                                  placeholder="Ask the presenter (shown without your name)",
                                  style=_LABEL, layout=w.Layout(width="36em", height="5em", max_width="100%"))
        self._ask_in.add_class("seminar-question-input")
        self._ask = _button("Send question", "seminar-ask")
        self._ask_status = w.HTML()
        self._ask_status.add_class("seminar-ask-status")

        self._ratings = {}
        for item, statement in sem.EVALUATION_ITEMS:
            r = w.Dropdown(options=[("Choose…", None)] + [(f"{n} — {t}", n) for n, t in sem.SCALE.items()],
                           value=None, description=statement, style={"description_width": "26em"},
                           layout=w.Layout(width="48em", max_width="100%"))
            r.add_class(f"seminar-eval-{item}")
            self._ratings[item] = r
        self._eval_comments = w.Textarea(continuous_update=False, description="Comments (optional)", style=_LABEL,
                                         layout=w.Layout(width="36em", height="4em", max_width="100%"))
        self._eval_comments.add_class("seminar-eval-comments")
        self._evaluate = _button("Send evaluation", "seminar-send-evaluation")
        self._eval_status = w.HTML()
        self._eval_status.add_class("seminar-eval-status")
        self._leave = _button("Leave the seminar", "seminar-leave")
        self._leave_status = w.HTML()
        self._leave_status.add_class("seminar-leave-status")

        self._main_box = w.VBox([
            self._welcome,
            _heading("Verification codes"),
            w.HTML('<p class="seminar-muted">The presenter shows a code at each checkpoint. Type it here to '
                   "record your attendance.</p>"),
            self._code_in, self._code, self._code_status,
            _heading("Poll"),
            self._poll_prompt, self._poll_choice, w.HBox([self._answer, self._check_poll]), self._poll_status,
            _heading("Ask a question"),
            self._ask_in, self._ask, self._ask_status,
            _heading("Evaluate the program"),
            w.HTML('<p class="seminar-muted">The provider reads the evaluations without names. You can send it '
                   "again to change it, also after the end.</p>"),
            *self._ratings.values(), self._eval_comments, self._evaluate, self._eval_status,
            _heading("Leaving early?"),
            w.HTML('<p class="seminar-muted">Your time out is recorded; credit counts the time you were '
                   "present.</p>"),
            self._leave, self._leave_status,
        ])
        self._main_box.layout.display = "none"

        self._refresher = Refresher(self._tick, _alive(self._poll_prompt))

        self._evaluate.on_click(self._on_evaluate)
        self._leave.on_click(self._on_leave)
        self._join.on_click(self._on_join)
        self._rejoin.on_click(self._on_rejoin)
        self._code.on_click(self._on_code)
        self._answer.on_click(self._on_answer)
        self._check_poll.on_click(self._on_check_poll)
        self._ask.on_click(self._on_ask)

        self.widget = w.VBox([w.HTML(_CSS), self._errors, self._join_box, self._main_box])
        self.widget.add_class("seminar")
        self.widget.add_class("seminar-attendee-page")
        self.widget._refresher = self._refresher

    # -- rendering (reads only; the poll is also followed by the background refresher)

    def _show_codes(self) -> None:
        got = sem.confirmations(self._attendee.id)
        if got:
            items = "".join(f"<li>{_e(c.label)} — entered {_e(_time(c.confirmed_at))}</li>" for c in got)
            self._code_status.value = (f'<div class="seminar-ok" role="status"><p>Codes recorded:</p>'
                                       f"<ul>{items}</ul></div>")

    def _show_poll(self) -> None:
        s = self._session
        if s is None:
            return
        poll = sem.current_poll(s.id)
        old = self._poll
        if poll is None:
            if old is not None:
                self._poll = None
                _set(self._poll_prompt, '<p class="seminar-muted">No poll is open right now.</p>')
                self._poll_choice.layout.display = "none"
                self._answer.layout.display = "none"
                _set(self._poll_status, "")
            return
        if old is not None and old.id == poll.id:
            return  # the same poll: leave the attendee's choice alone
        self._poll = poll
        _set(self._poll_prompt, f'<div class="seminar-card" role="status" aria-live="polite"><p><strong>Poll:'
                                f"</strong> {_e(poll.prompt)}</p></div>")
        self._poll_choice.options = [(f"{chr(65 + n)}. {t}", n) for n, t in enumerate(poll.options)]
        self._poll_choice.value = sem.my_answer(self._attendee.id, poll.id)
        self._poll_choice.layout.display = None
        self._answer.layout.display = None
        _set(self._poll_status, "")

    def _tick(self) -> None:
        self._show_poll()
        a = self._attendee
        now = dt.datetime.now().timestamp()
        if a is not None and now - self._seen >= SEEN_EVERY_S:
            self._seen = now
            sem.seen(a.id)

    def _enter(self, s: sem.Session, a: sem.Attendee) -> None:
        self._session, self._attendee = s, a
        self._join_box.layout.display = "none"
        self._main_box.layout.display = None
        self._welcome.value = (
            f'<div class="seminar-ok" role="status"><p>You have joined <strong>{_e(s.title)}</strong> '
            f"({_e(s.date)}) as <strong>{_e(a.name)}</strong>.</p><p>Your attendee code is "
            f'<span class="seminar-key seminar-my-code">{_e(a.id)}</span>: keep it to rejoin if this page '
            "reloads.</p></div>"
        )
        self._show_codes()
        self._show_poll()
        if not s.ended:
            self._refresher.start()

    # -- callbacks: each makes one call into the engine (joining first finds the seminar by its code)

    @_guarded
    def _on_join(self, _: Any) -> None:
        s = sem.find_session(self._join_code.value)
        a = sem.join(s.id, self._name.value, self._email.value, self._bar.value, client=client_id())
        self._enter(s, a)

    @_guarded
    def _on_rejoin(self, _: Any) -> None:
        s = sem.find_session(self._join_code.value)
        self._enter(s, sem.rejoin(s.id, self._rejoin_code.value))

    @_guarded
    def _on_code(self, _: Any) -> None:
        try:
            c = sem.confirm_code(self._attendee.id, self._code_in.value, client=client_id())
        except sem.WrongCode as exc:
            self._code_status.value = f'<div role="alert" class="seminar-code-wrong">{_e(exc)}</div>'
            return
        self._code_in.value = ""
        self._show_codes()
        note = "already recorded" if c.already else "recorded"
        self._code_status.value = self._code_status.value.replace(
            "<p>Codes recorded:</p>",
            f"<p>Thank you: the code for {_e(c.label)} is {note}.</p><p>Codes recorded:</p>", 1)

    @_guarded
    def _on_answer(self, _: Any) -> None:
        poll = self._poll
        if poll is None:
            raise sem.SeminarError("No poll is open right now.")
        if self._poll_choice.value is None:
            raise sem.SeminarError("Choose an answer first.")
        sem.answer_poll(self._attendee.id, poll.id, self._poll_choice.value)
        letter = chr(65 + self._poll_choice.value)
        self._poll_status.value = (f'<div class="seminar-ok" role="status">Your answer ({letter}) is recorded. '
                                   "You can change it until the presenter closes the poll.</div>")

    @_guarded
    def _on_check_poll(self, _: Any) -> None:
        self._show_poll()
        if self._poll is None:
            self._poll_status.value = '<p class="seminar-muted" role="status">No poll is open right now.</p>'

    @_guarded
    def _on_ask(self, _: Any) -> None:
        self._ask_status.value = ""  # no earlier "sent" line beside a refusal
        q = sem.ask_question(self._attendee.id, self._ask_in.value)
        self._ask_in.value = ""
        self._ask_status.value = (f'<div class="seminar-ok" role="status">Your question was sent at '
                                  f"{_e(_time(q.asked_at))}.</div>")

    @_guarded
    def _on_evaluate(self, _: Any) -> None:
        self._eval_status.value = ""
        chosen = {item: r.value for item, r in self._ratings.items()}
        if any(v is None for v in chosen.values()):
            raise sem.SeminarError("Rate every statement first (choose from 1 to 5 in each list).")
        at = sem.submit_evaluation(self._attendee.id, chosen, self._eval_comments.value)
        self._eval_status.value = (f'<div class="seminar-ok" role="status">Thank you: your evaluation was '
                                   f"recorded at {_e(_time(at))}.</div>")

    @_guarded
    def _on_leave(self, _: Any) -> None:
        self._attendee = sem.leave(self._attendee.id)
        self._leave_status.value = (f'<div class="seminar-ok" role="status">Your time out is recorded: '
                                    f"{_e(_time(self._attendee.left_at or ''))}.</div>")


def attendee_view() -> w.Widget:
    """The attendee's page (``seminar/attendee.ipynb``): see :class:`AttendeeView`."""
    return AttendeeView().widget
