"""Widgets of a page share identical layouts and styles (widgets/shared.py): fewer models to send,
build in the browser and keep in the kernel."""
from __future__ import annotations

import ipywidgets as W

from widgets import shared
from widgets.swarm_view import SwarmTimingExplorer


def _models() -> int:
    return len(W.Widget.widgets)


def test_the_same_layout_or_style_is_one_model_and_a_closed_one_is_replaced():
    a, b = shared.layout(width="44%", min_width="20em"), shared.layout(min_width="20em", width="44%")
    assert a is b and shared.layout(width="45%") is not a
    box_style = shared.style_for(W.Checkbox, description_width="45%")
    assert isinstance(box_style, W.Checkbox.class_traits()["style"].klass) and shared.style_for(W.Checkbox, description_width="45%") is box_style
    assert isinstance(shared.style_for(W.Dropdown, description_width="45%"), W.Dropdown.class_traits()["style"].klass)
    h1, h2 = shared.html("one"), shared.html("two")
    assert h1.layout is h2.layout and h1.style is h2.style and h1.value == "one"
    a.close()
    assert shared.layout(width="44%", min_width="20em") is not a  # never hand out a closed model


def test_a_second_swarm_explorer_adds_no_layout_or_style_of_its_own():
    SwarmTimingExplorer(chart=False)
    before = {name: sum(1 for w in W.Widget.widgets.values() if w._model_name == name)
              for name in ("LayoutModel", "HTMLStyleModel", "CheckboxStyleModel", "DescriptionStyleModel")}
    n = _models()
    second = SwarmTimingExplorer(chart=False)
    after = {name: sum(1 for w in W.Widget.widgets.values() if w._model_name == name) for name in before}
    assert second.banner.layout is second.cards.layout
    assert after["HTMLStyleModel"] == before["HTMLStyleModel"]
    assert after["CheckboxStyleModel"] == before["CheckboxStyleModel"]
    assert after["DescriptionStyleModel"] == before["DescriptionStyleModel"]
    added = _models() - n
    assert after["LayoutModel"] - before["LayoutModel"] < 10 < added  # a few boxes' own, not one a widget
