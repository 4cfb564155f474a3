"""An exercise set as a page of question cards. Presentation only: grading is
:func:`course.exercises.grade`, storage :mod:`course.progress`.

    from widgets.exercise_view import exercise_set; exercise_set("orientation")

Before an answer the browser receives only :func:`course.exercises.public` (prompt,
option texts, shuffled items, outcome choices, reason names): the feedback widgets are
built in the kernel when the student presses "Check answer", never before. Every
control has a visible label and works from the keyboard; right and wrong are said in
words and icons, never by colour alone (Okabe-Ito colours); all text is escaped.
"""
from __future__ import annotations

import base64
import html
import logging
from typing import Any

import ipywidgets as W

from course import exercises as ex
from course import hypotheticals, identity, progress
from course.db import DatabaseUnavailable
from course.ruling import OUTCOME_LABELS, Outcome

from .errors import ErrorBox, friendly_message, report
from .ruling_view import CSS as RULING_CSS
from .ruling_view import FAVOURABLE, OPEN, UNFAVOURABLE, ruling_html

log = logging.getLogger("course.widgets")

#: The learner ID, remembered for this kernel's session (every set on the page shares it).
_SESSION: dict[str, str] = {"learner": ""}

CSS = """
<style>
.course-ex{max-width:60em;font-size:15px;line-height:1.45;color:#1a1a1a}
.course-ex-card{border:1px solid #bbb;border-radius:6px;padding:.6em .9em;margin:.8em 0;background:#fff}
.course-ex-prompt h3{font-size:1.05em;margin:.1em 0 .4em 0}
.course-ex-prompt p{margin:.3em 0}
.course-ex-feedback{border-left:6px solid var(--accent);padding:.4em .8em;margin:.5em 0;background:#fafafa}
.course-ex-feedback .headline{font-weight:700;font-size:1.05em}
.course-ex-feedback blockquote{margin:.35em 0 .35em .3em;padding-left:.6em;border-left:3px solid #ccc;font-style:italic}
.course-ex-feedback cite{font-style:normal;font-size:.85em;color:#333;display:block}
.course-ex-feedback li{margin:.2em 0}
.course-ex .widget-label{white-space:normal}
.course-ex .widget-checkbox{width:auto !important}
.course-ex button:focus,.course-ex input:focus,.course-ex select:focus,.course-ex textarea:focus{outline:3px solid #0072B2;outline-offset:1px}
.course-ex-note{color:#333;font-size:.9em}
</style>
"""

_WIDE = W.Layout(width="100%", max_width="58em")
_LABEL = {"description_width": "initial"}


def _paras(text: str) -> str:
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _quotes_html(fb: ex.Feedback) -> str:
    if not fb.quotes:
        return ""
    parts = ["<details open><summary>In the sources\u2019 words</summary>"]
    for q in fb.quotes:
        who = " (a party\u2019s motion: advocacy, not a ruling)" if q.is_advocacy else ""
        parts.append(f"<blockquote>\u201c{html.escape(q.text)}\u201d<cite>{html.escape(q.cite)}{who}</cite></blockquote>")
    parts.append("</details>")
    return "".join(parts)


def feedback_html(fb: ex.Feedback) -> str:
    """The feedback for one answer, as accessible, escaped HTML."""
    if fb.correct is None:
        colour, icon = OPEN, "\u270e"  # pencil
    elif fb.correct:
        colour, icon = FAVOURABLE, "\u2714"
    else:
        colour, icon = UNFAVOURABLE, "\u2716"
    score = "" if fb.score is None else f' <span class="score">Score: {round(fb.score * 100)}%</span>'
    parts = [
        f'<section class="course-ex-feedback" role="status" aria-live="polite" style="--accent:{colour}" '
        f'data-question-id="{html.escape(fb.question_id)}" data-correct="{html.escape(str(fb.correct).lower())}">',
        f'<p class="headline"><span aria-hidden="true">{icon}</span> {html.escape(fb.headline)}{score}</p>',
    ]
    if fb.options:
        parts.append("<ul>")
        for o in fb.options:
            mine = "You chose this. " if o.chosen else ""
            verdict = "\u2714 Correct option" if o.correct else "\u2716 Not a correct option"
            parts.append(f"<li><strong>{html.escape(o.text)}</strong><br>{html.escape(mine)}"
                         f"<em>{verdict}.</em> {html.escape(o.feedback)}</li>")
        parts.append("</ul>")
    if fb.chosen_outcome:
        label = OUTCOME_LABELS[Outcome(fb.chosen_outcome)]
        parts.append(f"<p>You chose: <strong>{html.escape(label)}</strong>.</p>")
    if fb.expected:
        parts.append(f"<p>The answer: <strong>{html.escape(fb.expected)}</strong></p>")
    if fb.ruling is not None:
        parts.append(ruling_html(fb.ruling, heading=f"The engine\u2019s ruling: {fb.ruling.court}",
                                 show_quotes=False, show_counterfactuals=False))
    if fb.model_answer:
        parts.append(f"<p><strong>A model answer:</strong></p>{_paras(fb.model_answer)}")
    parts.append(f"<p><strong>Why:</strong> {html.escape(fb.explanation)}</p>")
    parts.append(_quotes_html(fb))
    parts.append("</section>")
    return "".join(parts)


class QuestionCard:
    """One question: prompt, controls, a "Check answer" button; feedback built on submit."""

    def __init__(self, q: ex.Question, number: int | str, set_id: str):
        self.q = q
        self.set_id = set_id
        pub = ex.public(q)
        self.errors = ErrorBox()
        heading = f"Question {number}"
        prompt = (f'<div class="course-ex-prompt" data-question-id="{html.escape(q.id)}">'
                  f"<h3>{html.escape(heading)}</h3>{_paras(pub['prompt'])}")
        if pub["type"] == "apply_test":
            t = pub["test"]
            kind = {"described": " (a test a source describes, not its own holding)",
                    "argued": " (a party's argument, not a ruling)"}.get(t["kind"], "")
            prompt += f'<p class="course-ex-note">Test: {html.escape(t["court"])}{html.escape(kind)}: {html.escape(t["title"])}</p>'
        prompt += "</div>"
        self.controls = self._controls(pub)
        self.check = W.Button(description="Check answer", tooltip=f"Check your answer to {heading}",
                              button_style="", icon="check", layout=W.Layout(width="auto"))
        self.check.on_click(self._on_check)
        self.feedback_box = W.VBox([])
        self.widget = W.VBox([W.HTML(prompt), *self.controls, self.check, self.errors, self.feedback_box],
                             layout=_WIDE)
        self.widget.add_class("course-ex-card")
        self.feedback: ex.Feedback | None = None

    # the controls ------------------------------------------------------------------
    def _controls(self, pub: dict[str, Any]) -> list[W.Widget]:
        t = pub["type"]
        if t == "single_choice":
            self.radio = W.RadioButtons(options=[(o, i) for i, o in enumerate(pub["options"])], value=None,
                                        description="Your answer:", style=_LABEL, layout=_WIDE)
            return [self.radio]
        if t == "multiple_choice":
            self.boxes = [W.Checkbox(value=False, description=o, indent=False, layout=_WIDE) for o in pub["options"]]
            return [W.HTML('<p class="course-ex-note">Select all that apply.</p>'), *self.boxes]
        if t == "numeric":
            unit = f" ({pub['unit']})" if pub.get("unit") else ""
            self.number = W.BoundedFloatText(value=0, min=-1e9, max=1e9, description=f"Your answer{unit}:",
                                             style=_LABEL)
            return [self.number]
        if t == "ordering":
            self.positions = [
                W.Dropdown(options=[("Choose an item\u2026", None)] + [(it, it) for it in pub["items"]], value=None,
                           description=f"Position {k}:", style=_LABEL, layout=_WIDE)
                for k in range(1, len(pub["items"]) + 1)
            ]
            return [W.HTML('<p class="course-ex-note">Choose the item that comes at each position, first to last.</p>'),
                    *self.positions]
        if t == "apply_test":
            self.outcome = W.RadioButtons(options=[(o["label"], o["value"]) for o in pub["outcomes"]], value=None,
                                          description="Outcome:", style=_LABEL, layout=_WIDE)
            self.reasons = [W.Checkbox(value=False, description=r["label"], indent=False, layout=_WIDE) for r in pub["reasons"]]
            self.reason_ids = [r["id"] for r in pub["reasons"]]
            return [self.outcome,
                    W.HTML('<p class="course-ex-note">Which of these reasons decide that outcome? '
                           "Tick every one that does (it may be none).</p>"),
                    *self.reasons]
        if t == "short_answer":
            self.text = W.Textarea(value="", description="Your answer:", continuous_update=False, placeholder="Write two or three sentences.",
                                   style=_LABEL, layout=W.Layout(width="100%", max_width="58em", height="7em"))
            return [self.text]
        raise ValueError(f"unknown question type {t!r}")  # pragma: no cover

    def answer(self) -> Any:
        t = self.q.type
        if t == "single_choice":
            return self.radio.value
        if t == "multiple_choice":
            return [i for i, b in enumerate(self.boxes) if b.value]
        if t == "numeric":
            return self.number.value
        if t == "ordering":
            chosen = [d.value for d in self.positions]
            if any(c is None for c in chosen):
                raise ex.AnswerError("Choose an item for every position.")
            return chosen
        if t == "apply_test":
            return {"outcome": self.outcome.value,
                    "reasons": [i for i, b in zip(self.reason_ids, self.reasons) if b.value]}
        if t == "short_answer":
            return {"text": self.text.value, "self_check": None}
        raise ValueError(t)  # pragma: no cover

    # checking --------------------------------------------------------------------------
    def _on_check(self, _button=None) -> None:
        try:
            answer = self.answer()
            fb = ex.grade(self.q, answer)
        except ex.AnswerError as e:
            self.errors.show(str(e))
            return
        except Exception as e:  # noqa: BLE001 - never a traceback
            report(e, self.errors, where=f"check {self.q.id}")
            return
        self.errors.clear()
        self.feedback = fb
        note = self._save(answer, fb)
        children: list[W.Widget] = [W.HTML(feedback_html(fb) + note)]
        if isinstance(self.q, ex.ShortAnswer):
            children += self._self_check(answer)
        self.feedback_box.children = tuple(children)

    def _save(self, answer: Any, fb: ex.Feedback) -> str:
        learner = _SESSION["learner"]
        try:
            progress.record_attempt(learner, self.set_id, self.q.id, answer, fb.correct, fb.score)
        except progress.BadLearner as e:
            return f'<p class="course-ex-note" role="note">Not saved: {html.escape(str(e))}</p>'
        except DatabaseUnavailable as e:
            report(e, None, where="progress.record_attempt")
            return ('<p class="course-ex-note" role="note">Checked, but not saved: the course database is not '
                    "available. Tell your instructor.</p>")
        except Exception as e:  # noqa: BLE001
            report(e, None, where="progress.record_attempt")
            return '<p class="course-ex-note" role="note">Checked, but your answer could not be saved.</p>'
        return f'<p class="course-ex-note">Saved for {html.escape(learner)}.</p>'

    def _self_check(self, answer: dict) -> list[W.Widget]:
        q = self.q
        assert isinstance(q, ex.ShortAnswer)
        boxes = [W.Checkbox(value=False, description=p, indent=False, layout=_WIDE) for p in q.rubric]
        button = W.Button(description="Save my self-check", tooltip="Record which points your answer covers",
                          layout=W.Layout(width="auto"))
        out = W.HTML()

        def on_click(_b=None) -> None:
            try:
                ticked = [i for i, b in enumerate(boxes) if b.value]
                full = {"text": answer["text"], "self_check": ticked}
                fb = ex.grade(q, full)
                out.value = (f'<p role="status" aria-live="polite"><strong>{html.escape(fb.headline)}</strong></p>'
                             + self._save(full, fb))
            except Exception as e:  # noqa: BLE001
                report(e, self.errors, where=f"self-check {q.id}")

        button.on_click(on_click)
        return [W.HTML("<p><strong>Self-check:</strong> tick each point your answer covers.</p>"), *boxes, button, out]


class ExerciseSetView:
    def __init__(self, set_id: str):
        self.set = ex.get_set(set_id)
        who = identity.current()  # the hub's user or the server's signed-in learner: not typed
        if who is not None:
            _SESSION["learner"] = who.name
        self.learner = W.Text(value=_SESSION["learner"], continuous_update=False, description="Signed in as:" if who else "Learner ID:",
                              style=_LABEL, placeholder="your name or student number", disabled=who is not None,
                              tooltip="Your answers are saved under this ID")
        self.learner.observe(self._on_learner, names="value")
        intro = (
            f'<div class="course-ex-head" data-course-ready="exercises" data-set-id="{html.escape(self.set.id)}">'
            f"<h2>Exercises: {html.escape(self.set.title)}</h2>"
            f"<p>{len(self.set.questions)} questions. Enter your learner ID to keep a record of your answers; "
            "feedback appears after you check each answer.</p></div>"
        )
        self.cards = [QuestionCard(q, i, self.set.id) for i, q in enumerate(self.set.questions, start=1)]
        self.widget = W.VBox([W.HTML(CSS + RULING_CSS), W.HTML(intro), self.learner,
                              *[c.widget for c in self.cards], self._practice(), self._export()])
        self.widget.add_class("course-ex")

    def _on_learner(self, change) -> None:
        if identity.current() is None:  # a signed-in learner's ID cannot be changed from the page
            _SESSION["learner"] = change["new"]

    def _practice(self) -> W.Widget:
        gens = hypotheticals.GENERATORS
        self.gen = W.Dropdown(options=[(g.title, g.name) for g in gens.values()], description="Kind of facts:",
                              style=_LABEL, layout=_WIDE)
        self.seed = W.BoundedIntText(value=1, min=0, max=1_000_000, description="Seed (any number):", style=_LABEL)
        self.new = W.Button(description="Practice: new hypothetical", icon="refresh", layout=W.Layout(width="auto"),
                            tooltip="Make a fresh set of facts to apply a test to")
        self.practice_errors = ErrorBox()
        self.practice_box = W.VBox([])
        self.new.on_click(self._on_new)
        return W.VBox([
            W.HTML("<h3>Practice with a new hypothetical</h3><p>Choose the kind of facts and a seed; the same seed "
                   "always gives the same facts. The engine decides the answer when you check it.</p>"),
            self.gen, self.seed, self.new, self.practice_errors, self.practice_box,
        ], layout=_WIDE)

    def _on_new(self, _b=None) -> None:
        try:
            q = ex.practice_question(self.gen.value, int(self.seed.value), set_id=self.set.id)
            card = QuestionCard(q, f"P{self.seed.value}", self.set.id)
            self.practice_box.children = (card.widget,)
            self.practice_errors.clear()
        except Exception as e:  # noqa: BLE001
            report(e, self.practice_errors, where="new hypothetical")

    def _export(self) -> W.Widget:
        self.export_button = W.Button(description="Export my work (HTML)", icon="download",
                                      layout=W.Layout(width="auto"),
                                      tooltip="Prepare a page with all your answers to download")
        self.export_out = W.HTML()
        self.export_errors = ErrorBox()
        self.export_button.on_click(self._on_export)
        return W.VBox([W.HTML("<h3>Your record</h3>"), self.export_button, self.export_errors, self.export_out])

    def _on_export(self, _b=None) -> None:
        try:
            learner = progress.clean_learner(_SESSION["learner"])
            page = progress.export_html(learner)
            data = base64.b64encode(page.encode("utf-8")).decode("ascii")
            fname = "exercise-record-" + ex.safe_id(learner) + ".html"
            self.export_out.value = (
                f'<p><a class="course-ex-export" download="{html.escape(fname)}" '
                f'href="data:text/html;charset=utf-8;base64,{data}">Download my work (HTML): '
                f"{html.escape(fname)}</a></p>"
            )
            self.export_errors.clear()
        except progress.BadLearner as e:
            self.export_errors.show(str(e))
        except Exception as e:  # noqa: BLE001
            report(e, self.export_errors, where="export")


def exercise_set(set_id: str) -> W.Widget:
    """The exercise set ``set_id`` (data/exercises/<set_id>.yaml) as a widget."""
    try:
        return ExerciseSetView(set_id).widget
    except Exception as exc:  # noqa: BLE001 - a reader sees a sentence, never a traceback
        report(exc, None, where=f"exercise_set({set_id!r})")
        return W.HTML(f'<div role="alert" data-course-ready="error">{html.escape(friendly_message(exc))}</div>')
