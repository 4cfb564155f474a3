"""Every lesson in a real browser: operate its widgets by keyboard and check the displayed
ruling changes the way the engine says it should; and no serious accessibility violation.

Expected outcomes are computed here by the engine (``course.registry``), never written in.
Each interaction's control-to-ruling time is printed (run with ``-s`` to see it); timings
are measured by the benchmarks in ``bench/``, not asserted here.
"""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta

import pytest

from browser_support import open_notebook, page_problems
from course import registry, scenarios
from course.ruling import Outcome

pytestmark = pytest.mark.browser

UPDATE_MS = 20_000  # generous: two cores, several kernels


def _card(page, test_id: str):
    return page.locator(f'section.course-ruling[data-test-id="{test_id}"]').first


def _outcome(page, test_id: str) -> str:
    return _card(page, test_id).get_attribute("data-outcome")


def _wait_outcome(page, test_id: str, expected: str, started: float, what: str) -> None:
    page.wait_for_function(
        """([tid, want]) => { const c = document.querySelector(`section.course-ruling[data-test-id="${tid}"]`);
                              return c !== null && c.dataset.outcome === want; }""",
        arg=[test_id, expected], timeout=UPDATE_MS,
    )
    print(f"{what}: ruling updated in {(time.perf_counter() - started) * 1000:.0f} ms")


def _explorer_box(page, test_id: str):
    """The explorer (facts controls and ruling) whose ruling card is ``test_id``."""
    return _card(page, test_id).locator("xpath=ancestor::div[contains(@class,'widget-hbox')][1]")


def _label(field) -> str:
    text = field.description
    return text[:1].upper() + text[1:]


def flip_a_deciding_fact(page, test_id: str) -> None:
    """Press Space on the checkbox of a yes/no fact whose change flips this test's outcome
    (the engine's own counterfactual), and wait for the card to show the engine's new outcome."""
    test = registry.get(test_id)
    facts = test.source_facts()
    before = registry.decide(test_id, facts)
    assert _outcome(page, test_id) == before.outcome.value
    box = _explorer_box(page, test_id)
    for cf in before.counterfactuals:
        field = test.facts.model_fields[cf.fact]
        if cf.also or field.annotation is not bool:
            continue
        checkbox = box.locator(".widget-checkbox", has_text=_label(field)[:40]).locator("input[type=checkbox]")
        if checkbox.count() != 1:
            continue  # not among the facts this lesson shows
        expected = registry.decide(test_id, facts.model_copy(update={cf.fact: cf.to_value})).outcome.value
        checkbox.focus()
        started = time.perf_counter()
        page.keyboard.press("Space")
        _wait_outcome(page, test_id, expected, started, f"{test_id}: {cf.fact}")
        return
    pytest.fail(f"{test_id}: no visible yes/no fact flips the outcome")


def type_into_readout(page, control, value: str) -> float:
    """Type a value into a slider's readout (keyboard only) and return when Enter was pressed."""
    readout = control.locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    started = time.perf_counter()
    page.keyboard.press("Enter")
    return started


def test_lesson_0_the_exchange_model_follows_the_overlap_slider(page, voila_server):
    open_notebook(page, voila_server, "notebooks/00_orientation.ipynb")
    result = page.locator("div[aria-live=polite]", has_text="traded at least one piece").first
    before = result.inner_text()
    page.locator(".widget-slider", has_text="Minutes the two Does").locator("[role=slider]").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("([el, b]) => el.innerText !== b", arg=[result.element_handle(), before], timeout=UPDATE_MS)
    assert not page_problems(page)


def test_lesson_1_each_argument_of_the_motion_can_be_read(page, voila_server):
    from course import motion

    open_notebook(page, voila_server, "notebooks/01_west_coast_motion.ipynb")
    picker = page.locator(".widget-dropdown", has_text="Read one argument").locator("select")
    picker.focus()
    page.keyboard.press("ArrowDown")
    second = motion.arguments()[1].title
    page.locator("section.course-ruling h3", has_text=second).first.wait_for(timeout=UPDATE_MS)
    assert "not a ruling" in page.inner_text("body")


@pytest.mark.parametrize("notebook, test_ids", [
    ("notebooks/02_hard_drive_ndcal.ipynb", ["discovery.semitool_ndcal_2012"]),
    ("notebooks/03_malibu_ndill.ipynb", ["quash.ndill_2013", "anonymity.ndill_2013"]),
    ("notebooks/04_malibu_dconn.ipynb", ["subscriber.dconn_2020"]),
    ("notebooks/05_bodyguard_dhaw.ipynb", ["discovery.dhaw_2020_letters_rogatory",
                                           "jurisdiction.calder_express_aiming_dhaw_2020",
                                           "jurisdiction.rule_4k2_dhaw_2020"]),
])
def test_each_explorer_changes_its_ruling_as_the_engine_says(page, voila_server, notebook, test_ids):
    open_notebook(page, voila_server, notebook)
    for test_id in test_ids:
        flip_a_deciding_fact(page, test_id)
    assert not page_problems(page)


def move_doe_38_next_to_doe_29(page):
    """On lesson 3's swarm explorer, move Doe 38 to 0.3 hours after Doe 29 (keyboard only) and
    wait for the N.D. Ill. card to show the engine's ruling on the moved exhibit. Returns the
    moved exhibit, the assumptions and the allegations."""
    from course import exhibit_facts as ef
    from course import swarm

    tid = "joinder.ndill_2013"
    load = ef.load_example("ndill_doe29_doe38")
    allegations = ef.EXAMPLES["ndill_doe29_doe38"].allegations
    one_hour = swarm.SwarmAssumptions(session_hours=1.0)
    assert _outcome(page, tid) == ef.joinder_rulings(load, one_hour, allegations)[tid].outcome.value

    moved = replace(load, rows=tuple(replace(o, observed_at=o.observed_at - timedelta(hours=399.5)) if o.doe == 38
                                     else o for o in load.rows))
    expected = ef.joinder_rulings(moved, one_hour, allegations)[tid].outcome.value
    assert expected != Outcome.joinder_improper.value

    mover = page.locator(".widget-slider", has_text="Move it by (hours)")
    started = type_into_readout(page, mover, "-399.5")
    _wait_outcome(page, tid, expected, started, "lesson 3: move Doe 38")
    return moved, one_hour, allegations


def test_lesson_3_moving_doe_38_next_to_doe_29_changes_the_nd_ill_ruling(page, voila_server):
    from course import exhibit_facts as ef

    open_notebook(page, voila_server, "notebooks/03_malibu_ndill.ipynb")
    tid = "joinder.ndill_2013"
    moved, one_hour, allegations = move_doe_38_next_to_doe_29(page)

    alleged = allegations.model_copy(update={"same_swarm_alleged": True, "same_time_alleged": True})
    expected = ef.joinder_rulings(moved, one_hour, alleged)[tid].outcome.value
    for label in ("same swarm", "roughly the same time"):
        page.locator(".widget-checkbox", has_text=label).locator("input").first.focus()
        started = time.perf_counter()
        page.keyboard.press("Space")
    _wait_outcome(page, tid, expected, started, "lesson 3: allege same swarm and time")
    assert expected == Outcome.not_precluded.value  # the bar lifted; N.D. Ill. never said joinder is proper


def test_lesson_3_draws_the_swarm_chart_with_plotly_js_served_by_the_course(page, voila_server):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if "plotly" in r.url else None)
    open_notebook(page, voila_server, "notebooks/03_malibu_ndill.ipynb")
    chart = page.locator(".course-chart[role=figure]").first
    chart.locator(".main-svg").first.wait_for(timeout=UPDATE_MS)
    assert "text summary" in chart.get_attribute("aria-label")
    ticks = chart.locator(".ytick text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert sorted(ticks) == ["Doe 29", "Doe 38"]
    assert any("/voila/templates/course/static/plotly.min.js?v=" in u for u in scripts), scripts
    # plotly's own Jupyter extension (5 MB) is not loaded: the course does not use its renderer.
    assert not any("labextensions/jupyterlab-plotly" in u for u in scripts), scripts
    assert errors == [] and not page_problems(page)


def test_lesson_6_joinder_compare_shows_every_court_follow_the_facts(page, voila_server):
    open_notebook(page, voila_server, "notebooks/06_synthesis.ipynb")
    tid = "joinder.ndill_2013"

    def expect(**changes):
        s = scenarios.JoinderScenario(**changes)
        return registry.decide(tid, scenarios.joinder_facts(s)[tid]).outcome.value

    initial = expect()
    assert _outcome(page, tid) == initial
    gap = page.locator(".widget-slider", has_text="hours between the earliest and the latest").first
    started = type_into_readout(page, gap, "0.5")
    _wait_outcome(page, tid, expect(gap_hours=0.5), started, "lesson 6: gap 0.5 h")
    box = page.locator(".widget-checkbox", has_text="The Does were in the swarm at roughly the same time").first
    box.locator("input").focus()
    started = time.perf_counter()
    page.keyboard.press("Space")
    final = expect(gap_hours=0.5, same_time_alleged=True)
    _wait_outcome(page, tid, final, started, "lesson 6: same time alleged")
    assert final == Outcome.not_precluded.value != initial  # the bar lifted, never "joinder proper"
    assert not page_problems(page)


LESSONS = [f"notebooks/{n}" for n in (
    "index.ipynb", "00_orientation.ipynb", "01_west_coast_motion.ipynb", "02_hard_drive_ndcal.ipynb",
    "03_malibu_ndill.ipynb", "04_malibu_dconn.ipynb", "05_bodyguard_dhaw.ipynb", "06_synthesis.ipynb",
    "07_approaches.ipynb")]


@pytest.mark.parametrize("notebook", LESSONS)
def test_no_serious_accessibility_violation(page, voila_server, notebook):
    from axe_playwright_python.sync_playwright import Axe

    open_notebook(page, voila_server, notebook)
    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, "\n".join(bad)
