"""Joinder facts explorer: toggle the facts the courts weighed, see every court's joinder ruling."""
from __future__ import annotations

import ipywidgets as W

from course import scenarios

from .explorer import CompareExplorer

HEADINGS = {
    "joinder.ndcal_2012": "N.D. Cal. 2012 (Hard Drive)",
    "joinder.ndill_2013": "N.D. Ill. 2013 (same swarm, same time)",
    "joinder.voltage_two_part": "Voltage Pictures two-part test, as N.D. Ill. describes it",
    "joinder.call_of_the_wild_permissive": "Call of the Wild, as N.D. Cal. describes it",
    "joinder.rule21_discretion": "Rule 21 discretion (N.D. Ill. 2013)",
}


def joinder_compare(initial: scenarios.JoinderScenario | None = None) -> W.Widget:
    explorer = CompareExplorer(
        scenarios.JoinderScenario,
        initial or scenarios.JoinderScenario(),
        scenarios.joinder_facts,
        headings=HEADINGS,
        notes=scenarios.scenario_notes,
        overrides={"does_count": {"max": 400}, "gap_hours": {"max": 24 * 21, "step": 0.5}},
    )
    return explorer.widget
