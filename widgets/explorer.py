"""Explorers: a facts form on the left, each court's ruling beside it, live.

Each explorer's ``observe`` handler makes one engine call and replaces the ruling HTML;
no legal logic lives here.
"""
from __future__ import annotations

import logging
from html import escape
from typing import Any, Callable

import ipywidgets as W

from course import registry
from course.ruling import Facts, Ruling

from . import shared
from .facts_form import FactsForm
from .a11y import labeller
from .ruling_view import CSS, ruling_html, summary_table_html

log = logging.getLogger(__name__)

FRIENDLY = (
    '<div class="course-friendly-error" role="alert">Something went wrong while applying the test to '
    "these facts, so the ruling could not be updated. Try another setting; nothing you entered is lost.</div>"
)


class RulingExplorer:
    """One test: its facts as controls, its ruling beside them."""

    def __init__(self, test_id: str, *, initial: Facts | None = None, fields: list[str] | None = None,
                 overrides: dict[str, dict[str, Any]] | None = None, heading: str | None = None):
        self.test = registry.get(test_id)
        start = initial or (self.test.source_facts() if self.test.source_facts else self.test.facts())
        self.form = FactsForm(self.test.facts, start, fields=fields, overrides=overrides)
        self.heading = heading or f"{self.test.court}: {self.test.title}"
        self.output = shared.html(layout=shared.layout(width="100%"))
        self.reset = W.Button(description="Reset to the court's facts", tooltip="Reset to the source's own facts",
                              layout=shared.layout(width="auto"))
        self.reset.on_click(lambda _b: self._reset(start))
        self.form.observe(self.update)
        controls = W.VBox([shared.html("<strong>Facts</strong>"), self.form.widget, self.reset],
                          layout=shared.layout(width="45%", min_width="20em"))
        self.widget = W.VBox([
            shared.html(CSS), labeller(),
            W.HBox([controls, W.VBox([self.output], layout=shared.layout(width="55%", min_width="20em"))],
                   layout=shared.layout(flex_flow="row wrap", gap="1em")),
        ])
        self.ruling: Ruling | None = None
        self.update()

    def _reset(self, facts: Facts) -> None:
        for name in self.form.controls:
            self.form.set(name, getattr(facts, name))
        self.update()

    def update(self) -> None:
        try:
            self.ruling = registry.decide(self.test.id, self.form.value())
            self.output.value = ruling_html(self.ruling, heading=self.heading)
        except registry.BadFacts as e:
            self.output.value = f'<div class="course-friendly-error" role="alert">{e}</div>'
        except Exception:  # a user never sees a traceback
            log.exception("explorer update failed")
            self.output.value = FRIENDLY


class CompareExplorer:
    """One set of scenario facts, several courts' tests side by side.

    ``to_facts`` (from ``course/``) turns the scenario into each test's facts; it is the only
    place that knows how a shared fact maps onto a test's own fact fields.
    """

    def __init__(self, scenario_model: type[Facts], initial: Facts,
                 to_facts: Callable[[Facts], dict[str, Facts]], *,
                 fields: list[str] | None = None, overrides: dict[str, dict[str, Any]] | None = None,
                 notes: Callable[[Facts], list[str]] | None = None):
        self.to_facts = to_facts
        self.notes = notes
        self.form = FactsForm(scenario_model, initial, fields=fields, overrides=overrides)
        self.table = shared.html()
        self.cards = shared.html()
        self.form.observe(self.update)
        self.widget = W.VBox([
            shared.html(CSS), labeller(),
            W.HBox([
                W.VBox([shared.html("<strong>Facts</strong>"), self.form.widget], layout=shared.layout(width="40%", min_width="20em")),
                W.VBox([self.table], layout=shared.layout(width="58%", min_width="20em")),
            ], layout=shared.layout(flex_flow="row wrap", gap="1em")),
            self.cards,
        ])
        self.rulings: dict[str, Ruling] = {}
        self.update()

    def update(self) -> None:
        try:
            scenario = self.form.model.model_validate(self.form.value())
            self.rulings = {tid: registry.decide(tid, f) for tid, f in self.to_facts(scenario).items()}
            named = [(registry.get(t).label, r) for t, r in self.rulings.items()]
            notes = self.notes(scenario) if self.notes else []
            self.table.value = summary_table_html(named) + "".join(
                f'<p class="course-note">{escape(n)}</p>' for n in notes)
            self.cards.value = "".join(ruling_html(r, heading=name, max_quotes=1) for name, r in named)
        except Exception:
            log.exception("compare explorer update failed")
            self.table.value = FRIENDLY
