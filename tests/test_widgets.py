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
    e.form.controls["other_privileged_matter"].value = True
    expected = registry.decide("quash.ndill_2013", {"other_privileged_matter": True})
    assert e.ruling.outcome == expected.outcome == Outcome.quash_granted
    assert 'data-outcome="quash_granted"' in e.output.value
    e.reset.click()
    assert e.ruling.outcome == Outcome.quash_denied


def test_ruling_text_is_escaped():
    r = Ruling(test_id="x", court="<b>Court</b>", citation="c", question="q", outcome=Outcome.undetermined,
               summary="<script>alert(1)</script>",
               reasons=(Reason(element="e", met=None, explanation="<img src=x>", quote_ids=()),))
    html = ruling_html(r)
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
