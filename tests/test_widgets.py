"""Widgets are thin views: they label every control, show the engine's ruling, escape text."""
import ipywidgets as W

from course import registry
from course.ruling import Outcome, Reason, Ruling
from widgets.explorer import RulingExplorer
from widgets.facts_form import FactsForm
from widgets.ruling_view import ruling_html


def _leaf_controls(widget):
    if isinstance(widget, W.Box):
        for child in widget.children:
            yield from _leaf_controls(child)
    elif isinstance(widget, (W.Checkbox, W.Dropdown, W.IntSlider, W.FloatSlider)):
        yield widget


def test_every_registered_test_gets_a_fully_labelled_form():
    for test in registry.load_all().values():
        facts = test.source_facts() if test.source_facts else test.facts()
        form = FactsForm(test.facts, facts)
        controls = list(_leaf_controls(form.widget))
        assert controls, test.id
        for c in controls:
            assert c.description.strip(), f"{test.id}: unlabelled control"
        # the form reproduces the facts it started from
        assert test.facts.model_validate(form.value()) == facts, test.id


def test_explorer_shows_the_engine_ruling_and_follows_a_control():
    e = RulingExplorer("quash.ndill_2013")
    assert e.ruling.outcome == Outcome.quash_denied
    assert 'data-outcome="quash_denied"' in e.output.value
    assert 'data-basis="held"' in e.output.value  # the court's own facts: its holding
    e.form.controls["other_privileged_matter"].value = True
    expected = registry.decide("quash.ndill_2013", {**e.form.value(), "other_privileged_matter": True})
    # N.D. Ill. only assumed standing; on new facts it cannot grant the motion (review 3-B)
    assert e.ruling.outcome == expected.outcome != Outcome.quash_granted
    assert f'data-outcome="{expected.outcome.value}"' in e.output.value and 'data-basis="applied"' in e.output.value
    e.reset.click()
    assert e.ruling.outcome == Outcome.quash_denied


def test_ruling_text_is_escaped():
    r = Ruling(test_id="x", court="<b>Court</b>", citation="c", question="q", outcome=Outcome.undetermined,
               summary="<script>alert(1)</script>",
               reasons=(Reason(element="e", met=None, explanation="<img src=x>", quote_ids=()),))
    html = ruling_html(r)
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_swarm_explorer_moving_doe_38_to_doe_29_changes_the_nd_ill_ruling():
    from widgets.swarm_view import SwarmTimingExplorer

    e = SwarmTimingExplorer("ndill_doe29_doe38", chart=False)
    assert e.rulings["joinder.ndill_2013"].outcome == Outcome.joinder_improper
    e.doe.value = 38
    e.shift.value = -399.5  # now 0.3 hours after Doe 29, inside a one-hour stay
    assert e.rulings["joinder.ndill_2013"].outcome == Outcome.undetermined  # same time still not alleged
    e.allegations["same_swarm_alleged"].value = True
    e.allegations["same_time_alleged"].value = True
    # the bar is lifted on the assumed stay; N.D. Ill. never said joinder is then proper
    assert e.rulings["joinder.ndill_2013"].outcome == Outcome.not_precluded
    assert "Illustrative data" in e.banner.value


def test_swarm_chart_is_plotly_json_drawn_after_the_page_shows_it_and_updated_in_place():
    import plotly.graph_objects as go

    from widgets.plot import PlotlyChart
    from widgets.swarm_view import SwarmTimingExplorer

    e = SwarmTimingExplorer("ndcal_hard_drive_pattern", session_hours=2.0)
    assert e.fig is None and e.chart_box.children == ()  # nothing drawn before the browser has shown the page
    e._on_shown({"event": "shown"})
    chart = e.fig
    assert isinstance(chart, PlotlyChart) and e.chart_box.children == (chart,)
    go.Figure(chart.figure)  # plotly's own schema accepts it (raises on a misspelt property)
    bars, marks = chart.figure["data"]
    assert len(bars["y"]) == len(marks["y"]) == len(e.base.rows) == 90
    assert bars["x"] == [2 * 3600 * 1000.0] * 90  # each Doe's two-hour stay, in milliseconds

    e.session.value = 10.0
    assert e.fig is chart  # the same chart, its figure replaced (Plotly.react updates it in place)
    assert chart.figure["data"][0]["x"][0] == 10 * 3600 * 1000.0
    e.doe.value = 5
    e.shift.value = 1.0
    colours = chart.figure["data"][0]["marker"]["color"]
    assert colours.count("#E69F00") == 1 and colours[chart.figure["data"][0]["y"].index("Doe 5")] == "#E69F00"
    assert "course/static/plotly.min.js?v=" in chart.src


def test_the_kernel_never_imports_plotly_to_draw_the_swarm_chart():
    import subprocess
    import sys

    code = ("import sys; from widgets.swarm_view import SwarmTimingExplorer as S; e = S('ndill_doe29_doe38'); "
            "e._on_shown({'event': 'shown'}); e.session.value = 3.0; assert e.fig is not None; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'plotly'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_joinder_compare_follows_the_scenario():
    from course import scenarios
    from widgets.explorer import CompareExplorer

    e = CompareExplorer(scenarios.JoinderScenario, scenarios.JoinderScenario(), scenarios.joinder_facts)
    assert e.rulings["joinder.ndill_2013"].outcome == Outcome.joinder_improper
    e.form.controls["same_time_alleged"].value = True
    e.form.controls["gap_hours"].value = 0.5
    assert e.rulings["joinder.ndill_2013"].outcome == Outcome.not_precluded
    assert "Outcome under each test" in e.table.value


def test_geolocation_and_exchange_and_motion_views_render():
    from widgets.exchange_view import ExchangeExplorer
    from widgets.geo_view import GeolocationExplorer
    from widgets.motion_view import overview_html

    g = GeolocationExplorer()
    g.level.value = "country"
    assert g.view.does_placed_in_forum == 0
    x = ExchangeExplorer(overlap_minutes=2, swarm_size=1000)
    before = x.estimate.probability_direct_exchange
    x.overlap.value = 60
    assert x.estimate.probability_direct_exchange > before
    assert "Doe 328" in overview_html()


def test_plotly_js_is_installed_into_the_course_template_once(tmp_path):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("assets", Path(__file__).parent.parent / "server" / "assets.py")
    assets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(assets)
    target = assets.install(tmp_path)
    assert target.read_bytes() == assets.plotly_js_source().read_bytes()
    stamp = target.stat().st_mtime_ns
    assert assets.install(tmp_path) == target and target.stat().st_mtime_ns == stamp  # up to date: not rewritten
    target.write_bytes(b"stale")
    assets.install(tmp_path)
    assert target.read_bytes() == assets.plotly_js_source().read_bytes()
    from widgets.plot import PLOTLY_JS_PATH

    assert PLOTLY_JS_PATH.endswith("templates/course/static/" + assets.PLOTLY_JS)  # where the page asks for it


def test_free_text_is_sent_to_the_kernel_once_on_commit_so_a_click_cannot_overtake_it():
    """ipywidgets' front end holds back a model's update while an earlier one is unanswered,
    but sends a button's click at once: with text sent on every keystroke, a quick "type the
    learner ID, then Check answer" under load saved the attempt as "Saved for ke." (seen in a
    browser test). Text sent once on commit (blur or Enter) goes before the click."""
    import ast
    from pathlib import Path

    found = []
    for path in sorted((Path(__file__).resolve().parents[1] / "widgets").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("Text", "Textarea"):
                found.append(f"{path.name}:{node.lineno}")
                kw = {k.arg: k.value for k in node.keywords}
                assert "continuous_update" in kw and isinstance(kw["continuous_update"], ast.Constant) \
                    and kw["continuous_update"].value is False, f"{path.name}:{node.lineno}: continuous_update=False"
    assert len(found) >= 5, found  # the learner IDs, the short answer, the seminar's forms


def test_a_decided_outcome_says_in_words_whom_it_favours():
    """A cross beside "May proceed by pseudonym" read as a refusal; the card now says whom the
    outcome favours, and the mark is only decoration."""
    from course.anonymity import TEST_ID

    granted = ruling_html(registry.decide(TEST_ID, registry.load_all()[TEST_ID].source_facts()))
    assert "May proceed by pseudonym" in granted and "(favours the Doe defendants)" in granted
    assert "\u2716" not in granted.split('class="outcome"')[1].split("</p>")[0]
    quash = registry.load_all()["quash.ndill_2013"]
    denied = ruling_html(registry.decide(quash.id, quash.source_facts()))
    assert "(favours the plaintiff)" in denied.split('class="outcome"')[1].split("</p>")[0]
