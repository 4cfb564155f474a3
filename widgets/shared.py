"""One layout and one style model for all the widgets of a page that need the same one.

ipywidgets gives every widget a ``Layout`` and a style model of its own unless one is passed, so a
chart lesson created 130-180 widget models, many of them identical layouts and styles, each sent
to the browser, built there and kept in the kernel. :func:`layout` and :func:`style` return one
instance per distinct specification in this kernel, to be shared.

A shared layout or style is never changed after it is made: ``w.layout.display = "none"`` would
hide every widget sharing it. A widget whose layout changes while the page runs gets a
``W.Layout(...)`` of its own (as ``seminar_view``'s do).
"""
from __future__ import annotations

from typing import Any

import ipywidgets as W

_made: dict[tuple, W.Widget] = {}


def _shared(cls: type, spec: dict[str, Any]) -> Any:
    key = (cls, tuple(sorted(spec.items())))
    made = _made.get(key)
    if made is None or made.comm is None:  # none yet, or closed (Widget.close_all)
        made = _made[key] = cls(**spec)
    return made


def layout(**spec: Any) -> W.Layout:
    """The page's one ``W.Layout(**spec)``."""
    return _shared(W.Layout, spec)


def style(cls: type, **spec: Any) -> Any:
    """The page's one ``cls(**spec)``, e.g. ``style(W.CheckboxStyle, description_width="45%")``."""
    return _shared(cls, spec)


def html(value: str = "", **kwargs: Any) -> W.HTML:
    """An ``HTML`` widget with the shared default layout and style unless others are given."""
    kwargs.setdefault("layout", layout())
    kwargs.setdefault("style", style_for(W.HTML))
    return W.HTML(value, **kwargs)


def style_for(widget_cls: type, **spec: Any) -> Any:
    """The page's one style of the kind ``widget_cls`` takes (``W.Checkbox``: a ``CheckboxStyle``)."""
    return style(widget_cls.class_traits()["style"].klass, **spec)
