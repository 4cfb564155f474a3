"""The case workbench (lesson 7) in a real browser, operated by keyboard only.

Each step changes one control with the keyboard (Space on a checkbox, arrow keys in a list, typing a
number and Enter) and waits until the results table shows what the engine (course.approaches.evaluate)
gives for the same facts: expected results are computed here, never written in.
"""
from __future__ import annotations

import time

import pytest

from browser_support import open_notebook, page_problems
from course import approaches as A

pytestmark = pytest.mark.browser

LESSON = "notebooks/07_approaches.ipynb"
UPDATE_MS = 20_000  # generous: two cores, several kernels


def _engine(facts: dict) -> dict[str, str]:
    return {r.approach: r.outcome.value for r in A.evaluate(facts).results}


def _row(page, approach: str):
    return page.locator(f'table.course-workbench-table tr[data-approach="{approach}"]').first


def _wait_row(page, approach: str, outcome: str, started: float, what: str) -> None:
    page.wait_for_function(
        """([aid, want]) => { const r = document.querySelector(
              `table.course-workbench-table tr[data-approach="${aid}"]`);
            return r !== null && r.dataset.outcome === want; }""",
        arg=[approach, outcome], timeout=UPDATE_MS,
    )
    print(f"{what}: table updated in {(time.perf_counter() - started) * 1000:.0f} ms")


def _workbench(page):
    return page.locator(".course-workbench").first


def test_the_workbench_follows_the_facts_entered_by_keyboard(page, voila_server):
    open_notebook(page, voila_server, LESSON)
    bench = _workbench(page)
    bench.locator("table.course-workbench-table").wait_for(timeout=UPDATE_MS)
    # the widget's own starting facts: a new case, 300 Does over 720 hours, nothing alleged, early discovery
    facts = {"stage": "early_discovery", "does_count": 300, "span_hours": 720.0,
             "alleges": {k: False for k in A.Alleges.model_fields}, "session_hours":
             A.CaseFacts.model_fields["session_hours"].default}
    for approach, outcome in _engine(facts).items():
        assert _row(page, approach).get_attribute("data-outcome") == outcome, approach

    # 1. Space on a checkbox: the complaint alleges the same swarm -> the permissive camp accepts joinder for now
    box = bench.locator(".widget-checkbox", has_text="the Does were in the same swarm").locator("input").first
    box.focus()
    started = time.perf_counter()
    page.keyboard.press("Space")
    facts["alleges"]["same_swarm"] = True
    want = _engine(facts)
    assert want["joinder.deferred_at_early_discovery"] == "joinder_deferred"
    _wait_row(page, "joinder.deferred_at_early_discovery", "joinder_deferred", started, "same swarm alleged")
    # a strict approach says what is missing, in words
    assert "Missing" in _row(page, "joinder.same_swarm_same_time").inner_text()

    # 2. The stage, with the arrow keys: after discovery was allowed -> the permissive camp no longer says
    stage = bench.get_by_label("Procedural stage")
    stage.focus()
    started = time.perf_counter()
    page.keyboard.press("ArrowDown")
    facts["stage"] = "after_motion_to_quash"
    want = _engine(facts)
    _wait_row(page, "joinder.deferred_at_early_discovery", want["joinder.deferred_at_early_discovery"], started,
              "stage changed")
    assert want["joinder.deferred_at_early_discovery"] == "undetermined"

    # 3. Type a number: 40 Does -> below the 47 N.D. Ill. held enough for discretionary severance
    does = bench.get_by_label("Number of Does")
    does.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("40")
    started = time.perf_counter()
    page.keyboard.press("Enter")
    facts["does_count"] = 40
    want = _engine(facts)
    _wait_row(page, "joinder.discretionary_severance", want["joinder.discretionary_severance"], started, "40 Does")
    for approach, outcome in want.items():
        assert _row(page, approach).get_attribute("data-outcome") == outcome, approach

    # 4. Choose a court the sources name: its camp's row is marked in words
    follows = bench.get_by_label("My court follows the approach of")
    follows.focus()
    page.keyboard.type("TCYK")  # type-ahead in the focused list
    _row(page, "joinder.but_see_contrary_authority").locator("text=your court's approach").wait_for(
        timeout=UPDATE_MS)
    assert "contrary authority" in bench.locator("[data-course-ready=workbench]").inner_text()
    assert not page_problems(page)


def test_every_workbench_control_is_labelled_and_reachable_by_tab(page, voila_server):
    open_notebook(page, voila_server, LESSON)
    bench = _workbench(page)
    bench.locator("table.course-workbench-table").wait_for(timeout=UPDATE_MS)
    controls = bench.locator("input:not([type=hidden]), select, button")
    n = controls.count()
    assert n >= 12
    for i in range(n):
        c = controls.nth(i)
        label = c.evaluate(
            """el => (el.labels && el.labels.length ? el.labels[0].textContent : '')
                     || el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent || ''""")
        assert label.strip(), c.evaluate("el => el.outerHTML")
        assert c.evaluate("el => el.tabIndex") >= 0


def test_lesson_7_has_no_serious_accessibility_violation(page, voila_server):
    from axe_playwright_python.sync_playwright import Axe

    open_notebook(page, voila_server, LESSON)
    _workbench(page).locator("table.course-workbench-table").wait_for(timeout=UPDATE_MS)
    results = Axe().run(page)
    bad = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(bad)


def test_another_issues_facts_are_entered_by_keyboard(page, voila_server):
    from course import registry

    open_notebook(page, voila_server, LESSON)
    bench = _workbench(page)
    bench.locator("table.course-workbench-table").wait_for(timeout=UPDATE_MS)
    aid = "subscriber.status_alone_not_plausible"
    assert _row(page, aid).get_attribute("data-outcome") == "undetermined"  # not run: no facts yet
    other = bench.get_by_label("Facts for another issue's test")
    other.focus()
    started = time.perf_counter()
    page.keyboard.type("Is the subscriber")  # type-ahead to the D. Conn. test
    test = registry.get("subscriber.dconn_2020")
    facts = test.source_facts()
    _wait_row(page, aid, registry.decide(test.id, facts).outcome.value, started, "D. Conn. facts opened")
    # a yes/no fact of D. Conn.'s own form, changed with Space
    field = "exclusive_access_alleged"
    label = test.facts.model_fields[field].description
    box = bench.locator(".widget-checkbox", has_text=label[:1].upper() + label[1:40]).locator("input").first
    box.focus()
    started = time.perf_counter()
    page.keyboard.press("Space")
    want = registry.decide(test.id, facts.model_copy(update={field: not getattr(facts, field)})).outcome.value
    _wait_row(page, aid, want, started, "exclusive access alleged")
    assert want != "plausible"  # D. Conn.'s rule is a bar: 'not barred' at most
    assert not page_problems(page)


def _card(page, approach: str):
    return page.locator(f'section.course-approach[data-approach="{approach}"]').first


def test_a_holding_drops_to_applied_off_the_courts_stage_and_filing_fees_are_an_input(page, voila_server):
    open_notebook(page, voila_server, LESSON)
    bench = _workbench(page)
    bench.locator("table.course-workbench-table").wait_for(timeout=UPDATE_MS)
    # Hard Drive's own facts: N.D. Cal.'s concerted-activity approach is held at early discovery ...
    preset = bench.get_by_label("Start from")
    preset.focus()
    page.keyboard.type("Hard Drive")
    aid = "joinder.concerted_activity"
    page.wait_for_function(
        """aid => { const c = document.querySelector(`section.course-approach[data-approach="${aid}"]`);
                    return c !== null && c.dataset.basis === 'held'; }""", arg=aid, timeout=UPDATE_MS)
    # ... and applied once the stage is one N.D. Cal. never decided at
    stage = bench.get_by_label("Procedural stage")
    stage.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        """aid => { const c = document.querySelector(`section.course-approach[data-approach="${aid}"]`);
                    return c !== null && c.dataset.basis === 'applied'; }""", arg=aid, timeout=UPDATE_MS)
    assert _card(page, aid).get_attribute("data-outcome") == "joinder_improper"
    # Rule 21: the filing-fee point, not said, is assumed; 'No' leaves the court's ground open
    rule21 = "joinder.discretionary_severance"
    fees = bench.get_by_label("Joinder's main efficiency is the plaintiff's saving on filing fees")
    fees.focus()
    started = time.perf_counter()
    page.keyboard.press("ArrowDown")  # Yes
    page.keyboard.press("ArrowDown")  # No
    _wait_row(page, rule21, "undetermined", started, "filing fees: no")
    assert not page_problems(page)
