"""Joinder facts explorer: toggle the facts the courts weighed, see every court's joinder ruling."""
from __future__ import annotations

import ipywidgets as W

from course import scenarios

from .explorer import CompareExplorer

def joinder_compare(initial: scenarios.JoinderScenario | None = None) -> W.Widget:
    explorer = CompareExplorer(
        scenarios.JoinderScenario,
        initial or scenarios.JoinderScenario(),
        scenarios.joinder_facts,
        notes=scenarios.scenario_notes,
        overrides={"does_count": {"max": 400}, "gap_hours": {"max": 24 * 21, "step": 0.5}},
    )
    return explorer.widget
