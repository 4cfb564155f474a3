"""The CLE seminar pages: the presenter's console and the attendee's page.

``seminar/presenter.ipynb`` calls :func:`presenter_view`; ``seminar/attendee.ipynb`` calls
:func:`attendee_view`. Each page runs in its own Voila kernel; they talk only through the
database (``COURSE_DB`` / ``COURSE_DB_URL``, see ``course/db.py``), so every kernel on the
server must see the same database.

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
    t = w.Text(value=value, description=label, placeholder=placeholder, style=_LABEL, layout=_WIDE)
    t.add_class(cls)
    return t


def _button(label: str, cls: str, style: str = "") -> w.Button:
    b = w.Button(description=label, button_style=style, tooltip=label, layout=w.Layout(width="auto"))
    b.add_class(cls)
    return b


def _heading(text: str) -> w.HTML:
    return w.HTML(f"<h2>{_e(text)}</h2>")


def _guard(box: ErrorBox) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run a callback: a :class:`SeminarError` shows its own sentence; anything else is logged
    and shown as a general apology. Clears the box after a success."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                result = fn(*args, **kwargs)
            except sem.SeminarError as exc:
                box.show(str(exc))
                return None
            except Exception as exc:  # noqa: BLE001 - a reader never sees a traceback
                report(exc, box, where=getattr(fn, "__qualname__", "seminar"))
                return None
            box.clear()
            return result

        return wrapper

    return decorate


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


def presenter_view() -> w.Widget:
    """The presenter's console: create or reopen a seminar, reveal codes, run polls, read
    questions, end the seminar and download the records."""
    errors = ErrorBox()
    state: dict[str, Any] = {"session": None, "key": None, "poll": None}

    # -- start: a new seminar, or reopen one by its presenter key
    try:
        default_title = sem.load_agenda().title
        agenda_problem = ""
    except Exception as exc:  # noqa: BLE001
        default_title, agenda_problem = "", report(exc, None, where="loading the seminar agenda")
    title = _text("Seminar title", "seminar-title", value=default_title)
    date = _text("Date (YYYY-MM-DD)", "seminar-date", value=dt.date.today().isoformat())
    presenter = _text("Presenter's name", "seminar-presenter", placeholder="e.g. Pat Presenter")
    per_credit = w.Dropdown(options=[("60 minutes", 60), ("50 minutes", 50)], value=60,
                            description="One credit hour is", style=_LABEL)
    per_credit.add_class("seminar-minutes-per-credit")
    increment = w.Dropdown(options=[("a quarter hour (0.25)", "0.25"), ("a half hour (0.5)", "0.5"),
                                    ("a whole hour (1)", "1")], value="0.25",
                           description="Round down to", style=_LABEL)
    increment.add_class("seminar-increment")
    create = _button("Create seminar", "seminar-create", "primary")
    key_in = _text("Presenter key", "seminar-presenter-key", placeholder="XXXX-XXXX-XXXX")
    reopen = _button("Reopen seminar", "seminar-reopen")
    start_box = w.VBox([
        _heading("Start a seminar"),
        w.HTML(f'<p class="seminar-muted">{_e(agenda_problem)}</p>' if agenda_problem else ""),
        title, date, presenter, per_credit, increment, create,
        _heading("Or reopen one"),
        w.HTML('<p class="seminar-muted">Use the presenter key shown when you created it.</p>'),
        key_in, reopen,
    ])

    # -- the running seminar
    info = w.HTML()
    info.add_class("seminar-info")
    code_display = w.HTML()
    code_display.add_class("seminar-code-display")
    checkpoint_box = w.VBox()
    attendance_html = w.HTML()
    attendance_html.add_class("seminar-attendance")
    item_box = w.VBox()
    times_html = w.HTML()
    times_html.add_class("seminar-item-times")
    fix_who = w.Dropdown(options=[], description="Attendee", style=_LABEL, layout=_WIDE)
    fix_who.add_class("seminar-fix-attendee")
    fix_where = w.Dropdown(options=[], description="Checkpoint", style=_LABEL, layout=_WIDE)
    fix_where.add_class("seminar-fix-checkpoint")
    fix_what = w.RadioButtons(options=[("Confirm attendance", True), ("Withdraw attendance", False)], value=True,
                              description="Correction", style=_LABEL)
    fix_what.add_class("seminar-fix-present")
    fix_why = _text("Reason (kept in the record)", "seminar-fix-reason",
                    placeholder="e.g. arrived late: seen in the room at 10:05")
    fix_b = _button("Record correction", "seminar-fix")
    audit_html = w.HTML()
    audit_html.add_class("seminar-audit")

    try:
        questions_bank = sem.poll_questions()
        bank_problem = "" if questions_bank else "The exercise bank has no single-choice questions yet."
    except Exception as exc:  # noqa: BLE001
        questions_bank, bank_problem = [], report(exc, None, where="loading the exercise bank")
    bank = {q.id: q for q in questions_bank}
    question_pick = w.Dropdown(
        options=[(f"{q.prompt[:90]}{'…' if len(q.prompt) > 90 else ''}", q.id) for q in questions_bank],
        description="Poll question", style=_LABEL, layout=w.Layout(width="48em", max_width="100%"),
        disabled=not questions_bank,
    )
    question_pick.add_class("seminar-poll-question")
    open_poll_b = _button("Open poll", "seminar-open-poll", "primary")
    close_poll_b = _button("Close poll", "seminar-close-poll")
    refresh_b = _button("Refresh now", "seminar-refresh")
    auto = w.Checkbox(value=True, description="Update automatically every 2 seconds", indent=False)
    auto.add_class("seminar-auto-refresh")
    results = w.HTML('<p class="seminar-muted">No poll yet.</p>')
    results.add_class("seminar-poll-results")
    questions_out = w.HTML()
    questions_out.add_class("seminar-questions-list")
    export_b = _button("Prepare attendance record and certificates", "seminar-export")
    end_b = _button("End seminar", "seminar-end", "warning")
    downloads = w.HTML()
    downloads.add_class("seminar-downloads")
    session_box = w.VBox([
        info,
        _heading("Verification codes"),
        w.HTML('<p class="seminar-muted">At each checkpoint, reveal its code and leave it on screen for a minute. '
               "Attendees type it into their page.</p>"),
        checkpoint_box, code_display, attendance_html,
        _heading("Agenda and running time"),
        w.HTML('<p class="seminar-muted">Start each item when it begins: credit is computed from the time each '
               "item actually ran (at most its planned minutes).</p>"),
        item_box, times_html,
        _heading("Poll"),
        w.HTML(f'<p class="seminar-muted">{_e(bank_problem)}</p>' if bank_problem else ""),
        question_pick, w.HBox([open_poll_b, close_poll_b, refresh_b]), auto, results,
        _heading("Questions from attendees"),
        questions_out,
        _heading("Correct attendance"),
        w.HTML('<p class="seminar-muted">For an attendee who could not enter a code (or should not have '
               "credit). Every correction and its reason is in the attendance record.</p>"),
        fix_who, fix_where, fix_what, fix_why, fix_b, audit_html,
        _heading("Records"),
        w.HTML('<p class="seminar-muted">End the seminar first: certificates made before the end are marked '
               "provisional.</p>"),
        w.HBox([end_b, export_b]), downloads,
    ])
    session_box.layout.display = "none"

    def refresh() -> None:
        s = state["session"]
        if s is None:
            return
        counts = sem.checkpoint_counts(s.id)
        people = sem.attendees(s.id)
        n = len(people)
        who = [(f"{a.name} ({a.id})", a.id) for a in people]
        if list(fix_who.options) != who:
            chosen = fix_who.value
            fix_who.options = who
            fix_who.value = chosen if chosen in dict(who).values() else (who[0][1] if who else None)
        times = sem.item_times(s.id)
        _set(times_html, "<ul>" + "".join(
            f"<li>{_e(s.agenda.checkpoint_label(i))}: started {_e(_time(t[0]))}"
            f"{', ended ' + _e(_time(t[1])) if t[1] else ', running'}</li>" for i, t in sorted(times.items()))
            + "</ul>" if times else '<p class="seminar-muted">No item started yet.</p>')
        log_entries = sem.audit_log(s.id)
        _set(audit_html, "<ul>" + "".join(f"<li>{_e(_time(e.at))}: {_e(e.detail)} — {_e(e.reason)}</li>"
                                          for e in log_entries) + "</ul>" if log_entries else "")
        parts = [f"<p><strong>{n}</strong> attendee{'s' if n != 1 else ''} joined.</p>"]
        if counts:
            parts.append("<ul>" + "".join(
                f"<li>Code for {_e(c.label)}: entered by {k} of {n}</li>" for c, k in counts) + "</ul>")
        _set(attendance_html, "".join(parts))
        poll = state["poll"]
        if poll is not None:
            poll = sem.get_poll(poll.id)
            key = sem.poll_key(poll) if not poll.is_open else ()
            _set(results, poll_results_html(poll, sem.poll_counts(poll.id), key))
        _set(questions_out, questions_html(sem.questions(s.id)))

    refresher = Refresher(refresh, _alive(results))

    def sync_refresher() -> None:
        s = state["session"]
        if auto.value and s is not None and not s.ended:
            refresher.start()
        else:
            refresher.stop()

    def render_info() -> None:
        s, key, fresh = state["session"], state["key"], state["fresh"]
        hours = sem.format_hours(s.agenda.credit_hours())
        key_note = ("<details><summary>Your presenter key (open to read it; do not project it)</summary><p>"
                    f'<span class="seminar-key">{_e(key)}</span> — write it down: it reopens this page if it '
                    "reloads, and it lets whoever has it run the seminar.</p></details>" if fresh else "")
        ended = '<p><strong>This seminar has ended.</strong></p>' if s.ended else ""
        info.value = (
            f'<div class="seminar-card"><p><strong>{_e(s.title)}</strong> — {_e(s.date)}, presented by '
            f"{_e(s.presenter)}. {_e(hours)} of credit ({_e(s.agenda.rule.describe())}).</p>"
            f'<p>Attendees open the attendee page and enter the join code:</p>'
            f'<p class="seminar-big seminar-join-code" aria-label="join code">{_e(s.join_code)}</p>'
            f"{key_note}{ended}</div>"
        )

    def show_session(s: sem.Session, key: str, fresh: bool) -> None:
        state.update(session=s, key=key, fresh=fresh)
        render_info()
        buttons = []
        for idx in s.agenda.checkpoints():
            b = _button(f"Reveal code: {s.agenda.checkpoint_label(idx)}", "seminar-reveal")
            b.add_class(f"seminar-reveal-{idx}")
            b.on_click(guarded(lambda _b, idx=idx: reveal(idx)))
            buttons.append(b)
        checkpoint_box.children = buttons
        starts = []
        for idx, item in enumerate(s.agenda.items):
            b = _button(f"Start: {s.agenda.checkpoint_label(idx)}", "seminar-start-item")
            b.add_class(f"seminar-start-item-{idx}")
            b.on_click(guarded(lambda _b, idx=idx: start_item(idx)))
            starts.append(b)
        item_box.children = starts
        fix_where.options = [(s.agenda.checkpoint_label(i), i) for i in s.agenda.checkpoints()]
        fix_where.value = s.agenda.checkpoints()[0] if s.agenda.checkpoints() else None
        start_box.layout.display = "none"
        session_box.layout.display = None
        current = sem.current_poll(s.id)
        state["poll"] = current
        refresh()
        sync_refresher()

    guarded = _guard(errors)

    @guarded
    def on_create(_: Any) -> None:
        agenda = sem.load_agenda()
        rule = sem.CreditRule(per_credit.value, increment.value)
        s = sem.create_session(title.value, date.value, presenter.value, agenda, rule=rule)
        show_session(s, s.presenter_key or "", fresh=True)

    @guarded
    def on_reopen(_: Any) -> None:
        s = sem.open_as_presenter(key_in.value)
        show_session(s, key_in.value.strip(), fresh=False)

    def reveal(idx: int) -> None:
        s = state["session"]
        code = sem.reveal_code(s.id, state["key"], idx)
        code_display.value = (
            f'<div class="seminar-card" role="status" aria-live="polite"><p>Verification code for '
            f'<strong>{_e(code.label)}</strong>:</p><p class="seminar-big seminar-code" '
            f'data-checkpoint="{code.checkpoint}">{_e(code.code)}</p></div>'
        )
        refresh()

    def start_item(idx: int) -> None:
        sem.start_item(state["session"].id, state["key"], idx)
        refresh()

    @guarded
    def on_fix(_: Any) -> None:
        if fix_who.value is None or fix_where.value is None:
            raise sem.SeminarError("Choose the attendee and the checkpoint first.")
        sem.correct_attendance(state["session"].id, state["key"], fix_who.value, fix_where.value, fix_what.value,
                               fix_why.value)
        fix_why.value = ""
        refresh()

    @guarded
    def on_open_poll(_: Any) -> None:
        if not question_pick.value:
            raise sem.SeminarError("Choose a poll question first.")
        s = state["session"]
        state["poll"] = sem.open_poll(s.id, state["key"], bank[question_pick.value])
        refresh()

    @guarded
    def on_close_poll(_: Any) -> None:
        poll = state["poll"]
        if poll is None:
            raise sem.SeminarError("No poll is open.")
        state["poll"] = sem.close_poll(state["session"].id, state["key"], poll.id)
        refresh()

    @guarded
    def on_refresh(_: Any) -> None:
        refresh()

    @guarded
    def on_auto(_: Any) -> None:
        sync_refresher()

    @guarded
    def on_end(_: Any) -> None:
        s = sem.end_session(state["session"].id, state["key"])
        state["session"] = s
        refresher.stop()
        render_info()
        refresh()

    @guarded
    def on_export(_: Any) -> None:
        s = sem.get_session(state["session"].id)
        stem = f"attendance-{s.date}-{s.join_code}"
        links = [_download(sem.attendance_csv(s.id), f"{stem}.csv", "text/csv",
                           "Download the attendance record (CSV)", "seminar-csv-link")]
        people = sem.attendees(s.id)
        items, pdf_problem = [], ""
        for a in people:
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
        downloads.value = (
            f'<div class="seminar-card"><p>{links[0]}</p><p>{evaluation}</p><p>Certificates of attendance, '
            f"{status} (HTML and PDF):</p>{problem}<ul>{certs or '<li>No attendees yet.</li>'}</ul></div>"
        )

    create.on_click(on_create)
    reopen.on_click(on_reopen)
    open_poll_b.on_click(on_open_poll)
    close_poll_b.on_click(on_close_poll)
    refresh_b.on_click(on_refresh)
    auto.observe(on_auto, names="value")
    end_b.on_click(on_end)
    export_b.on_click(on_export)
    fix_b.on_click(on_fix)

    root = w.VBox([w.HTML(_CSS), errors, start_box, session_box])
    root.add_class("seminar")
    root.add_class("seminar-presenter-page")
    root._refresher = refresher  # for tests and for stopping it by hand
    return root


# --- the attendee -----------------------------------------------------------------------------------


def attendee_view() -> w.Widget:
    """The attendee's page: join once with a name, enter verification codes, answer the
    current poll, ask a question."""
    errors = ErrorBox()
    state: dict[str, Any] = {"session": None, "attendee": None, "poll": None}

    join_code = _text("Join code", "seminar-join-code", placeholder="from the presenter's screen")
    name = _text("Your name", "seminar-name", placeholder="as it should appear on your certificate")
    email = _text("Email (optional)", "seminar-email")
    bar = _text("Bar number (optional)", "seminar-bar-number")
    join_b = _button("Join seminar", "seminar-join", "primary")
    rejoin_code = _text("Attendee code", "seminar-attendee-code", placeholder="A-XXXXXX")
    rejoin_b = _button("Rejoin", "seminar-rejoin")
    join_box = w.VBox([
        _heading("Join the seminar"), join_code, name, email, bar, join_b,
        w.HTML('<p class="seminar-muted">Joined before and reloaded the page? Enter the join code above and '
               "your attendee code here.</p>"),
        rejoin_code, rejoin_b,
    ])
    welcome = w.HTML()
    welcome.add_class("seminar-welcome")

    code_in = _text("Verification code", "seminar-code-input", placeholder="e.g. K7QM-3XRT")
    code_b = _button("Submit code", "seminar-submit-code", "primary")
    code_status = w.HTML()
    code_status.add_class("seminar-code-status")

    poll_prompt = w.HTML('<p class="seminar-muted">No poll is open right now.</p>')
    poll_prompt.add_class("seminar-poll-prompt")
    poll_choice = w.RadioButtons(options=[], value=None, description="Your answer", style=_LABEL,
                                 layout=w.Layout(width="auto"))
    poll_choice.add_class("seminar-poll-choice")
    poll_choice.layout.display = "none"
    answer_b = _button("Submit answer", "seminar-submit-answer", "primary")
    answer_b.layout.display = "none"
    check_poll_b = _button("Check for a poll", "seminar-check-poll")
    poll_status = w.HTML()
    poll_status.add_class("seminar-poll-status")

    ask_in = w.Textarea(description="Your question", placeholder="Ask the presenter (shown without your name)",
                        style=_LABEL, layout=w.Layout(width="36em", height="5em", max_width="100%"))
    ask_in.add_class("seminar-question-input")
    ask_b = _button("Send question", "seminar-ask")
    ask_status = w.HTML()
    ask_status.add_class("seminar-ask-status")

    ratings = {}
    for item, statement in sem.EVALUATION_ITEMS:
        r = w.Dropdown(options=[("Choose…", None)] + [(f"{n} — {t}", n) for n, t in sem.SCALE.items()], value=None,
                       description=statement, style={"description_width": "26em"},
                       layout=w.Layout(width="48em", max_width="100%"))
        r.add_class(f"seminar-eval-{item}")
        ratings[item] = r
    eval_comments = w.Textarea(description="Comments (optional)", style=_LABEL,
                               layout=w.Layout(width="36em", height="4em", max_width="100%"))
    eval_comments.add_class("seminar-eval-comments")
    eval_b = _button("Send evaluation", "seminar-send-evaluation")
    eval_status = w.HTML()
    eval_status.add_class("seminar-eval-status")
    leave_b = _button("Leave the seminar", "seminar-leave")
    leave_status = w.HTML()
    leave_status.add_class("seminar-leave-status")

    main_box = w.VBox([
        welcome,
        _heading("Verification codes"),
        w.HTML('<p class="seminar-muted">The presenter shows a code at each checkpoint. Type it here to '
               "record your attendance.</p>"),
        code_in, code_b, code_status,
        _heading("Poll"),
        poll_prompt, poll_choice, w.HBox([answer_b, check_poll_b]), poll_status,
        _heading("Ask a question"),
        ask_in, ask_b, ask_status,
        _heading("Evaluate the program"),
        w.HTML('<p class="seminar-muted">The provider reads the evaluations without names. You can send it '
               "again to change it, also after the end.</p>"),
        *ratings.values(), eval_comments, eval_b, eval_status,
        _heading("Leaving early?"),
        w.HTML('<p class="seminar-muted">Your time out is recorded; credit counts the time you were present.</p>'),
        leave_b, leave_status,
    ])
    main_box.layout.display = "none"
    guarded = _guard(errors)

    def show_codes() -> None:
        got = sem.confirmations(state["attendee"].id)
        if got:
            items = "".join(f"<li>{_e(c.label)} — entered {_e(_time(c.confirmed_at))}</li>" for c in got)
            code_status.value = f'<div class="seminar-ok" role="status"><p>Codes recorded:</p><ul>{items}</ul></div>'

    def show_poll() -> None:
        s = state["session"]
        if s is None:
            return
        poll = sem.current_poll(s.id)
        old = state["poll"]
        if poll is None:
            if old is not None:
                state["poll"] = None
                _set(poll_prompt, '<p class="seminar-muted">No poll is open right now.</p>')
                poll_choice.layout.display = "none"
                answer_b.layout.display = "none"
                _set(poll_status, "")
            return
        if old is not None and old.id == poll.id:
            return  # the same poll: leave the attendee's choice alone
        state["poll"] = poll
        _set(poll_prompt, f'<div class="seminar-card" role="status" aria-live="polite"><p><strong>Poll:</strong> '
                          f"{_e(poll.prompt)}</p></div>")
        poll_choice.options = [(f"{chr(65 + n)}. {t}", n) for n, t in enumerate(poll.options)]
        mine = sem.my_answer(state["attendee"].id, poll.id)
        poll_choice.value = mine
        poll_choice.layout.display = None
        answer_b.layout.display = None
        _set(poll_status, "")

    def tick() -> None:
        show_poll()
        a = state["attendee"]
        now = dt.datetime.now().timestamp()
        if a is not None and now - state.get("seen", 0.0) >= SEEN_EVERY_S:
            state["seen"] = now
            sem.seen(a.id)

    refresher = Refresher(tick, _alive(poll_prompt))

    def enter(s: sem.Session, a: sem.Attendee) -> None:
        state.update(session=s, attendee=a)
        join_box.layout.display = "none"
        main_box.layout.display = None
        welcome.value = (
            f'<div class="seminar-ok" role="status"><p>You have joined <strong>{_e(s.title)}</strong> '
            f"({_e(s.date)}) as <strong>{_e(a.name)}</strong>.</p><p>Your attendee code is "
            f'<span class="seminar-key seminar-my-code">{_e(a.id)}</span>: keep it to rejoin if this page reloads.</p></div>'
        )
        show_codes()
        show_poll()
        if not s.ended:
            refresher.start()

    @guarded
    def on_join(_: Any) -> None:
        s = sem.find_session(join_code.value)
        a = sem.join(s.id, name.value, email.value, bar.value, client=client_id())
        enter(s, a)

    @guarded
    def on_rejoin(_: Any) -> None:
        s = sem.find_session(join_code.value)
        enter(s, sem.rejoin(s.id, rejoin_code.value))

    @guarded
    def on_code(_: Any) -> None:
        try:
            c = sem.confirm_code(state["attendee"].id, code_in.value, client=client_id())
        except sem.WrongCode as exc:
            code_status.value = f'<div role="alert" class="seminar-code-wrong">{_e(exc)}</div>'
            return
        code_in.value = ""
        show_codes()
        note = "already recorded" if c.already else "recorded"
        code_status.value = code_status.value.replace(
            "<p>Codes recorded:</p>", f"<p>Thank you: the code for {_e(c.label)} is {note}.</p><p>Codes recorded:</p>", 1)

    @guarded
    def on_answer(_: Any) -> None:
        poll = state["poll"]
        if poll is None:
            raise sem.SeminarError("No poll is open right now.")
        if poll_choice.value is None:
            raise sem.SeminarError("Choose an answer first.")
        sem.answer_poll(state["attendee"].id, poll.id, poll_choice.value)
        letter = chr(65 + poll_choice.value)
        poll_status.value = (f'<div class="seminar-ok" role="status">Your answer ({letter}) is recorded. You can '
                             "change it until the presenter closes the poll.</div>")

    @guarded
    def on_check_poll(_: Any) -> None:
        show_poll()
        if state["poll"] is None:
            poll_status.value = '<p class="seminar-muted" role="status">No poll is open right now.</p>'

    def on_ask(_: Any) -> None:
        ask_status.value = ""  # no earlier "sent" line beside a refusal
        send_question()

    @guarded
    def send_question() -> None:
        q = sem.ask_question(state["attendee"].id, ask_in.value)
        ask_in.value = ""
        ask_status.value = (f'<div class="seminar-ok" role="status">Your question was sent at {_e(_time(q.asked_at))}.'
                            "</div>")

    def on_evaluate(_: Any) -> None:
        eval_status.value = ""
        send_evaluation()

    @guarded
    def send_evaluation() -> None:
        chosen = {item: r.value for item, r in ratings.items()}
        if any(v is None for v in chosen.values()):
            raise sem.SeminarError("Rate every statement first (choose from 1 to 5 in each list).")
        at = sem.submit_evaluation(state["attendee"].id, chosen, eval_comments.value)
        eval_status.value = f'<div class="seminar-ok" role="status">Thank you: your evaluation was recorded at {_e(_time(at))}.</div>'

    @guarded
    def on_leave(_: Any) -> None:
        a = sem.leave(state["attendee"].id)
        state["attendee"] = a
        leave_status.value = (f'<div class="seminar-ok" role="status">Your time out is recorded: '
                              f"{_e(_time(a.left_at or ''))}.</div>")

    eval_b.on_click(on_evaluate)
    leave_b.on_click(on_leave)
    join_b.on_click(on_join)
    rejoin_b.on_click(on_rejoin)
    code_b.on_click(on_code)
    answer_b.on_click(on_answer)
    check_poll_b.on_click(on_check_poll)
    ask_b.on_click(on_ask)

    root = w.VBox([w.HTML(_CSS), errors, join_box, main_box])
    root.add_class("seminar")
    root.add_class("seminar-attendee-page")
    root._refresher = refresher
    return root
