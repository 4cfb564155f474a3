"""'My progress' and the instructor's class page (progress/*.ipynb).

Who the learner is comes from :func:`course.identity.current` (the hub's user, or the
course server's sign-in link), never from what a learner types on a shared server; on a
personal server with no identity the learner types their ID, as on the exercise pages.
A learner's page reads only that learner's records; the class page shows every learner
only to an instructor.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import re
from typing import Any

import ipywidgets as W

from course import exercises as ex
from course import browser, identity, progress

from .errors import ErrorBox, report

_LABEL = {"description_width": "10em"}
CSS = """<style>
.course-progress{max-width:62em;font-size:15px;line-height:1.45;color:#1a1a1a}
.course-progress table{border-collapse:collapse;width:100%;margin:.5em 0}
.course-progress th,.course-progress td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
.course-progress caption{text-align:left;font-weight:600;margin:.3em 0}
.course-progress a:focus,.course-progress button:focus{outline:3px solid #f2b705;outline-offset:2px}
</style>"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _when(stamp: str) -> str:
    m = re.match(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)", stamp or "")
    return f"{m.group(1)} {m.group(2)} UTC" if m else (stamp or "—")


def _download(data: str, filename: str, mime: str, label: str, cls: str) -> str:
    payload = base64.b64encode(data.encode("utf-8")).decode("ascii")
    return (f'<a class="{cls}" download="{_e(filename)}" href="data:{mime};charset=utf-8;base64,{payload}">'
            f"{_e(label)}</a>")


def _sets() -> list[tuple[str, str, int]]:
    """(set id, title, number of questions) for every set in the bank, in course order."""
    return [(s.id, s.title, len(s.questions)) for s in ex.load_bank().ordered()]


def progress_table_html(summaries: dict[str, progress.SetSummary], sets: list[tuple[str, str, int]]) -> str:
    """Every set of the bank with the learner's numbers (sets not started included)."""
    rows = []
    for set_id, title, total in sets:
        s = summaries.get(set_id)
        if s is None:
            rows.append(f"<tr><td>{_e(title)}</td><td>0 of {total}</td><td>—</td><td>—</td><td>0</td>"
                        "<td>not started</td></tr>")
        else:
            rows.append(f"<tr><td>{_e(title)}</td><td>{s.answered} of {total}</td><td>{s.correct}</td>"
                        f"<td>{s.score:g}</td><td>{s.attempts}</td><td>{_e(_when(s.last_attempt))}</td></tr>")
    known = {sid for sid, _, _ in sets}
    for set_id, s in summaries.items():  # attempts at a set no longer in the bank are still shown
        if set_id not in known:
            rows.append(f"<tr><td>{_e(set_id)}</td><td>{s.answered}</td><td>{s.correct}</td><td>{s.score:g}</td>"
                        f"<td>{s.attempts}</td><td>{_e(_when(s.last_attempt))}</td></tr>")
    return ('<table class="course-progress-table"><caption>Every exercise set</caption><thead><tr>'
            '<th scope="col">Set</th><th scope="col">Questions answered</th><th scope="col">Right (latest attempt)</th>'
            '<th scope="col">Score</th><th scope="col">Attempts</th><th scope="col">Last attempt</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


class MyProgressView:
    """The signed-in learner's sets, scores and last attempts, with exports."""

    def __init__(self) -> None:
        self._who = identity.current()
        self._errors = ErrorBox()
        self._table = W.HTML()
        self._table.add_class("course-progress-summary")
        self._downloads = W.HTML()
        self._downloads.add_class("course-progress-downloads")
        refresh = W.Button(description="Refresh", tooltip="Read my records again")
        refresh.on_click(lambda _b: self.refresh())
        export = W.Button(description="Export my work (HTML and CSV)", icon="download", layout=W.Layout(width="auto"))
        export.on_click(lambda _b: self.export())
        if self._who is not None:
            self._learner = None
            head = W.HTML(f'<p class="course-progress-who">Signed in as <strong>{_e(self._who.name)}</strong>.</p>')
        else:
            self._learner = W.Text(description="Learner ID:", continuous_update=False, style=_LABEL, placeholder="your name or student number")
            self._learner.observe(lambda _c: self.refresh(), names="value")
            kept = browser.where_kept()
            note = f'<p class="course-progress-kept">{_e(kept)}</p>' if kept else ""
            head = W.VBox([W.HTML(f"<p>Enter the learner ID you used on the exercise pages.</p>{note}"), self._learner])
        self.widget = W.VBox([W.HTML(CSS), W.HTML('<h2 data-course-ready="progress">My progress</h2>'), head,
                              self._errors, self._table, W.HBox([refresh, export]), self._downloads])
        self.widget.add_class("course-progress")
        self.refresh()

    def _name(self) -> str | None:
        if self._who is not None:
            return self._who.name
        value = self._learner.value if self._learner is not None else ""
        return value if value.strip() else None

    def refresh(self) -> None:
        name = self._name()
        if name is None:
            self._table.value = ""
            return
        try:
            self._table.value = progress_table_html(progress.summary(name), _sets())
            self._errors.clear()
        except progress.BadLearner as e:
            self._errors.show(str(e))
        except Exception as e:  # noqa: BLE001 - a sentence, never a traceback
            report(e, self._errors, where="my progress")

    def export(self) -> None:
        name = self._name()
        if name is None:
            self._errors.show("Enter your learner ID first.")
            return
        try:
            stem = "exercise-record-" + ex.safe_id(progress.clean_learner(name))
            self._downloads.value = (
                f"<p>{_download(progress.export_html(name), stem + '.html', 'text/html', 'Download my work (HTML)', 'course-progress-html')}"
                f" — {_download(progress.export_csv(name), stem + '.csv', 'text/csv', 'as CSV', 'course-progress-csv')}</p>")
            self._errors.clear()
        except progress.BadLearner as e:
            self._errors.show(str(e))
        except Exception as e:  # noqa: BLE001
            report(e, self._errors, where="export my progress")


class ClassProgressView:
    """For an instructor: every learner's sets and scores, with a CSV of the class."""

    def __init__(self) -> None:
        self._who = identity.current()
        self._errors = ErrorBox()
        self._table = W.HTML()
        self._table.add_class("course-class-table")
        self._downloads = W.HTML()
        head = W.HTML('<h2 data-course-ready="class-progress">Class progress</h2>')
        if self._who is None or not self._who.is_instructor:
            self.widget = W.VBox([W.HTML(CSS), head, W.HTML(
                '<p role="alert" class="course-class-refused">This page is for instructors. Open the sign-in link '
                "for instructors (or, on JupyterHub, be listed in COURSE_INSTRUCTORS).</p>")])
            self.widget.add_class("course-progress")
            return
        refresh = W.Button(description="Refresh")
        refresh.on_click(lambda _b: self.refresh())
        self.widget = W.VBox([W.HTML(CSS), head, self._errors, self._table, refresh, self._downloads])
        self.widget.add_class("course-progress")
        self.refresh()

    def refresh(self) -> None:
        try:
            sets = _sets()
            everyone = progress.class_summary()
            head = "".join(f'<th scope="col">{_e(title)}</th>' for _, title, _ in sets)
            rows = []
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\r\n")
            writer.writerow(["learner"] + [f"{sid} answered" for sid, _, _ in sets] + [f"{sid} score" for sid, _, _ in sets])
            from course.spreadsheet import spreadsheet_cell

            for learner in sorted(everyone):
                mine = everyone[learner]
                cells = "".join(
                    f"<td>{mine[sid].answered} of {total}, score {mine[sid].score:g}</td>" if sid in mine else "<td>—</td>"
                    for sid, _, total in sets)
                rows.append(f'<tr><th scope="row">{_e(learner)}</th>{cells}</tr>')
                writer.writerow([spreadsheet_cell(learner)] + [mine[sid].answered if sid in mine else 0 for sid, _, _ in sets]
                                + [f"{mine[sid].score:g}" if sid in mine else "" for sid, _, _ in sets])
            self._table.value = (f'<table><caption>{len(everyone)} learners</caption><thead><tr><th scope="col">Learner'
                                 f"</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
            self._downloads.value = _download(buf.getvalue(), "class-progress.csv", "text/csv",
                                              "Download the class (CSV)", "course-class-csv")
            self._errors.clear()
        except Exception as e:  # noqa: BLE001
            report(e, self._errors, where="class progress")


def my_progress() -> W.Widget:
    return MyProgressView().widget


def class_progress() -> W.Widget:
    return ClassProgressView().widget
