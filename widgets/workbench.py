"""The case workbench: enter a new case's facts once, see every approach the sources describe.

One class, :class:`CaseWorkbench`. Its controls are private; every change makes one engine call,
:func:`course.approaches.evaluate` (the same call ``course approaches FACTS.json`` makes), and redraws
a text table of the results (outcome, basis, stage, what is missing) and a card for each approach with
its courts, sources and what would change it. Errors reach the reader through widgets/errors.py.
No legal logic here: every word about the law comes from the engine or from data/.
"""
from __future__ import annotations

import logging
from html import escape
from typing import Any

import ipywidgets as W

from course import approaches as A
from course import exhibit_facts as ef
from course import registry
from course.exhibit import ExhibitError, ExhibitLoad, parse_exhibit_bytes
from course.records import DataError
from course.ruling import FAVOURABLE_TO_PLAINTIFF, Outcome

from .a11y import labeller
from .errors import ErrorBox, UserFacingError, showing_errors
from .facts_form import FactsForm
from .ruling_view import CSS

log = logging.getLogger(__name__)

_STYLE = {"description_width": "initial"}
_WIDE = W.Layout(width="100%", max_width="40em")
NEW_CASE = ""

WORKBENCH_CSS = """
<style>
.course-workbench-table{border-collapse:collapse;font-size:14px;max-width:70em}
.course-workbench-table th,.course-workbench-table td{border:1px solid #bbb;padding:.3em .5em;text-align:left;
  vertical-align:top}
.course-workbench-table tr.course-followed th{border-left:5px solid #0072B2}
.course-approach{border:1px solid #bbb;border-left:6px solid #6b6b6b;border-radius:6px;padding:.5em .9em;
  margin:.5em 0;max-width:60em;font-size:15px;line-height:1.45;background:#fff;color:#1a1a1a}
.course-approach h4{margin:.1em 0 .3em 0;font-size:1.02em}
.course-approach blockquote{margin:.3em 0 .3em .3em;padding-left:.6em;border-left:3px solid #ccc;font-style:italic}
.course-approach cite{font-style:normal;font-size:.85em;display:block}
.course-approach details summary{cursor:pointer;font-weight:600}
.course-approach details summary:focus{outline:2px solid #0072B2}
</style>
"""


#: How a card says what kind of approach it is (from the approach's basis).
APPROACH_KIND = {"applied": "the source court's own rule; on facts it never saw, the course applies it",
                 "described": "a test or camp the source describes; the course knows it only through that account"}


def _icon(outcome: Outcome) -> str:
    """A word-bearing icon, never colour alone."""
    if outcome in (Outcome.undetermined, Outcome.not_precluded):
        return "?"
    return "\u2714" if outcome in FAVOURABLE_TO_PLAINTIFF else "\u2716"


def results_table_html(report: A.Report) -> str:
    """The text table: one row an approach, in words (the text equivalent of the whole view)."""
    rows = []
    for r in report.results:
        mark = " (your court's approach)" if r.followed else ""
        gaps = r.missing or r.open
        what = "; ".join(m.split(A.SEP, 1)[0] for m in gaps) or "none"
        stage = r.stage_status_label
        css = ' class="course-followed"' if r.followed else ""
        rows.append(
            f'<tr data-approach="{escape(r.approach)}" data-outcome="{r.outcome.value}"{css}>'
            f'<th scope="row">{escape(r.title)}{escape(mark)}<br><small>{escape(r.described_by)}</small></th>'
            f'<td><span aria-hidden="true">{_icon(r.outcome)}</span> {escape(r.label)}</td>'
            f"<td>{escape(r.basis_label)}</td><td>{escape(stage)}</td>"
            f"<td>{escape(('Missing: ' if r.missing else 'Left open: ' if r.open else '') + what)}</td></tr>"
        )
    follows = (f'<p class="course-note"><strong>Your court follows {escape(report.followed.name)}.</strong> '
               f"{escape(report.followed.note)}</p>" if report.followed else "")
    notes = "".join(f'<p class="course-note">{escape(n)}</p>' for n in report.notes)
    return (
        f'<div aria-live="polite" data-course-ready="workbench">{follows}'
        '<table class="course-workbench-table"><caption>Each approach on these facts '
        f"({escape(A.STAGE_LABELS[report.stage])}; {report.does_count} Does)</caption>"
        '<thead><tr><th scope="col">Approach</th><th scope="col">Result</th><th scope="col">Basis</th>'
        '<th scope="col">Stage</th><th scope="col">What is missing or open</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>{notes}</div>'
    )


def approach_card_html(r: A.ApproachResult, *, max_changes: int = 4) -> str:
    parts = [
        f'<section class="course-approach" data-approach="{escape(r.approach)}" data-outcome="{r.outcome.value}" '
        f'data-basis="{r.basis.value if r.basis else "not_run"}" aria-label="{escape(r.title)}">',
        f"<h4>{escape(A.ISSUE_LABELS[r.issue])}: {escape(r.title)}, {escape(r.described_by)}</h4>",
        f'<p><strong><span aria-hidden="true">{_icon(r.outcome)}</span> {escape(r.label)}</strong> '
        f"({escape(r.basis_label)}). {escape(r.summary)}</p>",
        f"<p><em>What it asks:</em> {escape(r.requires)} "
        f"<small>({escape(APPROACH_KIND[r.approach_basis.value])})</small></p>",
        f"<p><em>Stage:</em> {escape(r.stage_note)}</p>",
    ]
    if r.missing:
        parts.append("<p><em>What is missing under this approach:</em></p><ul>"
                     + "".join(f"<li>{escape(m)}</li>" for m in r.missing) + "</ul>")
    if r.open:
        parts.append("<p><em>What the sources leave open here:</em></p><ul>"
                     + "".join(f"<li>{escape(m)}</li>" for m in r.open) + "</ul>")
    if r.would_change:
        parts.append("<details><summary>What would change the result</summary><ul>"
                     + "".join(f"<li>{escape(c)}</li>" for c in r.would_change[:max_changes]) + "</ul></details>")
    parts.append("<details><summary>Courts the source places here</summary><ul>"
                 + "".join(f"<li><strong>{escape(c.name)}</strong> ({escape(c.court)}): {escape(c.placement_label)}. "
                           f"{escape(c.says)}</li>" for c in r.courts) + "</ul></details>")
    parts.append("<details><summary>Sources</summary>"
                 + "".join(f"<blockquote>\u201c{escape(q.text)}\u201d<cite>{escape(q.cite)}</cite></blockquote>"
                           for q in r.sources) + "</details>")
    parts.append("</section>")
    return "".join(parts)


class CaseWorkbench:
    """A new case's facts as labelled, keyboard-usable controls; every approach's result beside them."""

    def __init__(self, preset: str = NEW_CASE):
        self._presets = A.presets()
        self._exhibit: ExhibitLoad | None = None
        self._loading = False
        self.report: A.Report | None = None

        self._preset = W.Dropdown(options=[("A new case (your facts)", NEW_CASE)] + [(n, n) for n in self._presets],
                                  value=NEW_CASE, description="Start from", style=_STYLE, layout=_WIDE)
        self._stage = W.Dropdown(options=[(A.STAGE_LABELS[s][:1].upper() + A.STAGE_LABELS[s][1:], s.value)
                                          for s in A.Stage],
                                 value=A.Stage.early_discovery.value, description="Procedural stage",
                                 style=_STYLE, layout=_WIDE)
        self._does = W.BoundedIntText(value=300, min=1, max=100_000, description="Number of Does",
                                      style=_STYLE, layout=W.Layout(width="20em"))
        self._span = W.BoundedFloatText(value=720, min=0, max=24 * 3650, step=1,
                                        description="Hours from the first to the last observation",
                                        style=_STYLE, layout=W.Layout(width="30em"))
        self._upload = W.FileUpload(accept=".csv,.xlsx", multiple=False, description="Upload an Exhibit A",
                                    layout=W.Layout(width="auto"))
        self._clear = W.Button(description="Use the numbers, not the exhibit", layout=W.Layout(width="auto"),
                               tooltip="Forget the uploaded exhibit and use the number of Does and hours above")
        self._exhibit_note = W.HTML()
        fields = A.Alleges.model_fields
        self._alleges = {
            name: W.Checkbox(value=False, indent=False, style=_STYLE, layout=_WIDE,
                             description="The complaint alleges: " + fields[name].description)
            for name in fields
        }
        court_options = sorted(((A.court_name(cid), cid) for cid in A.courts()), key=lambda o: o[0].casefold())
        self._follows = W.Dropdown(options=[("No particular court", NEW_CASE)] + court_options, value=NEW_CASE,
                                   description="My court follows the approach of", style=_STYLE, layout=_WIDE)
        self._session = W.BoundedFloatText(value=A.CaseFacts.model_fields["session_hours"].default, min=0.1,
                                           max=24 * 30, step=0.5,
                                           description="Assumed hours each Doe stays in the swarm (an assumption)",
                                           style=_STYLE, layout=W.Layout(width="34em"))
        self._pro_se = W.Checkbox(value=True, indent=False, style=_STYLE, layout=_WIDE,
                                  description="Some Does will appear pro se and not e-file")
        self._defenses = W.Checkbox(value=True, indent=False, style=_STYLE, layout=_WIDE,
                                    description="The Does will have different defenses")
        self._fees = W.Dropdown(
            options=[("Not said (the course assumes yes, and says so)", NEW_CASE), ("Yes", "yes"), ("No", "no")],
            value=NEW_CASE, description="Joinder's main efficiency is the plaintiff's saving on filing fees",
            style=_STYLE, layout=_WIDE)
        self._other = W.Dropdown(
            options=[("None: joinder only", NEW_CASE)] + [
                (f"{A.ISSUE_LABELS[a.issue]}: {a.title}", a.test) for a in A.APPROACHES().values()
                if a.issue != "joinder" and a.test],
            value=NEW_CASE, description="Facts for another issue's test", style=_STYLE, layout=_WIDE)
        self._drop_other = W.Button(description="Remove the facts for this test",
                                    layout=W.Layout(width="auto", display="none"),
                                    tooltip="Stop running this test on the case")
        self._other_note = W.HTML()
        self._other_box = W.VBox()
        self._forms: dict[str, FactsForm] = {}
        self._errors = ErrorBox()
        self._table = W.HTML()
        self._cards = W.HTML()

        self._preset.observe(lambda ch: self._load_preset(ch["new"]), names="value")
        self._upload.observe(lambda ch: self._uploaded(), names="value")
        self._clear.on_click(lambda _b: self._forget_exhibit())
        self._other.observe(lambda ch: self._show_other(ch["new"]), names="value")
        self._drop_other.on_click(lambda _b: self._remove_other())
        for w in (self._stage, self._does, self._span, self._follows, self._session, self._pro_se, self._defenses,
                  self._fees, *self._alleges.values()):
            w.observe(self._changed, names="value")

        controls = W.VBox([
            self._preset,
            W.HTML("<strong>The case</strong>"), self._stage, self._does, self._span,
            W.HBox([self._upload, self._clear], layout=W.Layout(flex_flow="row wrap")),
            self._exhibit_note,
            W.HTML("<strong>What the complaint alleges</strong>"), *self._alleges.values(),
            W.HTML("<strong>Your court</strong>"), self._follows,
            W.HTML("<strong>Severance and assumptions</strong>"), self._pro_se, self._defenses, self._fees,
            self._session,
            W.HTML("<strong>Early discovery and the subscriber (optional)</strong>"), self._other, self._other_note,
            self._other_box, self._drop_other,
        ], layout=W.Layout(width="100%", max_width="44em"))
        self.widget = W.VBox([W.HTML(CSS + WORKBENCH_CSS), labeller(), controls, self._errors, self._table,
                              self._cards])
        self.widget.add_class("course-workbench")
        if preset:
            self._preset.value = preset
        else:
            self.update()

    # --- input ----------------------------------------------------------------------------------

    def facts(self) -> dict[str, Any]:
        """The case facts the controls show, as ``course approaches`` takes them."""
        raw: dict[str, Any] = {
            "stage": self._stage.value,
            "alleges": {k: bool(w.value) for k, w in self._alleges.items()},
            "session_hours": float(self._session.value),
            "pro_se_does_expected": bool(self._pro_se.value),
            "distinct_defenses_likely": bool(self._defenses.value),
        }
        if self._exhibit is None:
            raw["does_count"] = int(self._does.value)
            raw["span_hours"] = float(self._span.value)
        if self._follows.value:
            raw["follows"] = self._follows.value
        if self._fees.value:
            raw["filing_fees_main_efficiency"] = self._fees.value == "yes"
        if self._forms:
            raw["facts_for"] = {tid: form.value() for tid, form in self._forms.items()}
        return raw

    def _changed(self, _change=None) -> None:
        if not self._loading:
            self.update()

    def _load_preset(self, name: str) -> None:
        with showing_errors(self._errors, where="workbench preset"):
            facts = self._presets.get(name, {}) if name else {}
            self._loading = True
            try:
                self._forms = {}
                for tid, raw in facts.get("facts_for", {}).items():
                    self._form(tid, raw)
                self._other.value = next(iter(self._forms), NEW_CASE)
                self._show_other(self._other.value)
                self._stage.value = facts.get("stage", A.Stage.early_discovery.value)
                alleges = facts.get("alleges", {})
                for k, w in self._alleges.items():
                    w.value = bool(alleges.get(k, False))
                self._follows.value = facts.get("follows") or NEW_CASE
                self._session.value = float(facts.get("session_hours",
                                                       A.CaseFacts.model_fields["session_hours"].default))
                self._pro_se.value = bool(facts.get("pro_se_does_expected", True))
                self._defenses.value = bool(facts.get("distinct_defenses_likely", True))
                fees = facts.get("filing_fees_main_efficiency")
                self._fees.value = NEW_CASE if fees is None else "yes" if fees else "no"
                if facts.get("exhibit"):
                    self._set_exhibit(A.load_exhibit(facts["exhibit"], A.CASES_DIR))
                else:
                    self._set_exhibit(None)
                    if name:
                        self._does.value = int(facts["does_count"])
                        self._span.value = float(facts.get("span_hours", 0))
            finally:
                self._loading = False
            self.update()

    def _form(self, test_id: str, raw: dict[str, Any] | None = None) -> FactsForm:
        """The facts form for another issue's test, made once: from ``raw`` or the court's own facts.
        Fields the case already gives (course.approaches.SHARED_FIELDS) are not asked again."""
        if test_id not in self._forms:
            test = registry.get(test_id)
            start = test.facts.model_validate(raw) if raw is not None else test.source_facts()
            shared = A.SHARED_FIELDS.get(test_id, {})
            form = FactsForm(test.facts, start, fields=[n for n in test.facts.model_fields if n not in shared])
            form.observe(self._changed)
            self._forms[test_id] = form
        return self._forms[test_id]

    def _show_other(self, test_id: str) -> None:
        with showing_errors(self._errors, where="workbench other issue"):
            if not test_id:
                self._other_box.children = []
                self._other_note.value = ""
                self._drop_other.layout.display = "none"
                return
            new = test_id not in self._forms
            form = self._form(test_id)
            test = registry.get(test_id)
            shared = A.SHARED_FIELDS.get(test_id, {})
            also = "".join(f" Its {escape(f.replace('_', ' '))} comes from {escape(src)}." for f, src in shared.items())
            self._other_note.value = (
                f'<p class="course-note">Facts for {escape(test.title)} ({escape(test.court)}). They start from that '
                f"court's own facts; change them to describe your case.{also}</p>")
            self._other_box.children = [form.widget]
            self._drop_other.layout.display = None
            if new and not self._loading:
                self.update()

    def _remove_other(self) -> None:
        tid = self._other.value
        if tid in self._forms:
            del self._forms[tid]
        self._other.value = NEW_CASE
        self._show_other(NEW_CASE)
        self.update()

    def _set_exhibit(self, load: ExhibitLoad | None) -> None:
        self._exhibit = load
        self._does.disabled = self._span.disabled = load is not None
        if load is None:
            self._exhibit_note.value = ""
            return
        does = load.does
        illustrative = " Illustrative data, not a real exhibit." if (load.is_illustrative
                                                                      or load.all_documentation_ips) else ""
        self._exhibit_note.value = (
            f'<p class="course-illustrative" role="note">Using the exhibit {escape(load.filename or "")}: '
            f"{escape(load.summary())}; {does} Does. The number of Does and the timing come from its rows."
            f"{escape(illustrative)}</p>")

    def _uploaded(self) -> None:
        with showing_errors(self._errors, where="workbench upload"):
            files = self._upload.value
            if not files:
                return
            f = files[0]
            try:
                load = parse_exhibit_bytes(bytes(f["content"]), f["name"])
            except ExhibitError as e:
                raise UserFacingError(str(e)) from None
            if load.rows_loaded < 2:
                raise UserFacingError(f"{load.summary()}: at least two good rows are needed.")
            self._set_exhibit(load)
            self.update()

    def _forget_exhibit(self) -> None:
        self._set_exhibit(None)
        self.update()

    # --- the one engine call ------------------------------------------------------------------

    def update(self) -> None:
        with showing_errors(self._errors, where="workbench update"):
            try:
                self.report = A.evaluate(self.facts(), base=A.CASES_DIR, exhibit_load=self._exhibit)
            except (A.BadCase, ef.NotEnoughDoes, DataError) as e:
                raise UserFacingError(str(e)) from None
            self._table.value = results_table_html(self.report)
            self._cards.value = "".join(approach_card_html(r) for r in self.report.results)


def case_workbench(preset: str = NEW_CASE) -> W.Widget:
    return CaseWorkbench(preset).widget


def show_case(name: str) -> None:
    """Print one of the reviewable cases (data/approach_cases/) under every approach, as plain text:
    what nbval checks and what a screen reader reads. ``name`` may be the start of the case's name."""
    presets = A.presets(every=True)
    matches = [n for n in presets if n.startswith(name)]
    if len(matches) != 1:
        raise KeyError(f"no single case named {name!r}; the cases are: {'; '.join(presets)}")
    print(matches[0])
    print(A.text_table(A.evaluate(presets[matches[0]], base=A.CASES_DIR)))
