"""Controls built from a test's facts schema: a checkbox per yes/no fact, a dropdown per
choice, a slider per number. The labels are the facts' own descriptions, so every control
is labelled, and ipywidgets makes each one operable from the keyboard.
"""
from __future__ import annotations

import enum
import types
import typing
from typing import Any, Callable

import ipywidgets as W

from course.counterfactual import _bounds
from course.ruling import Facts

from . import shared

_UNKNOWN = "__not_alleged__"  # cannot collide with a fact's own choice values
_WIDE = W.Layout(width="100%", max_width="46em")


def _style(widget_cls: type):
    """The page's one style for this kind of control: long labels wrap in 45% of the row, the
    control keeps the rest."""
    return shared.style_for(widget_cls, description_width="45%")


def _label(name: str, field) -> str:
    text = field.description or name.replace("_", " ")
    return text[:1].upper() + text[1:]


def _optional(ann) -> tuple[Any, bool]:
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(ann)) == 2:
            return args[0], True
    return ann, False


def _choice_label(v: Any) -> str:
    v = v.value if isinstance(v, enum.Enum) else v
    return str(v).replace("_", " ")


class FactsForm:
    """A form for one :class:`Facts` model. ``value()`` gives a validated-ready dict."""

    def __init__(self, model: type[Facts], initial: Facts, *, fields: list[str] | None = None,
                 overrides: dict[str, dict[str, Any]] | None = None):
        self.model = model
        self.initial = initial
        self.controls: dict[str, W.Widget] = {}
        self._decode: dict[str, Callable[[Any], Any]] = {}
        overrides = overrides or {}
        names = fields or list(model.model_fields)
        for name in names:
            field = model.model_fields[name]
            self.controls[name] = self._control(name, field, getattr(initial, name), overrides.get(name, {}))
        self.widget = W.VBox(list(self.controls.values()), layout=W.Layout(gap="2px"))

    def _control(self, name: str, field, current: Any, opts: dict[str, Any]) -> W.Widget:
        label = opts.get("label") or _label(name, field)
        ann, optional = _optional(field.annotation)
        if ann is bool and not optional:
            self._decode[name] = bool
            return W.Checkbox(value=bool(current), description=label, indent=False, style=_style(W.Checkbox), layout=_WIDE)
        if ann is bool and optional:
            options = [("yes", True), ("no", False), ("not alleged / unknown", _UNKNOWN)]
            self._decode[name] = lambda v: None if v == _UNKNOWN else v
            return W.Dropdown(options=options, value=_UNKNOWN if current is None else current,
                              description=label, style=_style(W.Dropdown), layout=_WIDE)
        if (isinstance(ann, type) and issubclass(ann, enum.Enum)) or typing.get_origin(ann) is typing.Literal:
            values = list(ann) if isinstance(ann, type) else list(typing.get_args(ann))
            options = [(_choice_label(v), v) for v in values]
            if optional:
                options.append(("not alleged / unknown", _UNKNOWN))
            self._decode[name] = lambda v: None if v == _UNKNOWN else v
            return W.Dropdown(options=options, value=_UNKNOWN if current is None else current,
                              description=label, style=_style(W.Dropdown), layout=_WIDE)
        if ann in (int, float):
            lo, hi = _bounds(field)
            lo = opts.get("min", lo if lo is not None else 0)
            hi = opts.get("max", hi if hi is not None else max(10 * (current or 1), 100))
            value = current if current is not None else lo
            if ann is int:
                slider = W.IntSlider(value=int(value), min=int(lo), max=int(hi), step=int(opts.get("step", 1)),
                                     description=label, style=_style(W.IntSlider), layout=_WIDE, continuous_update=False)
            else:
                slider = W.FloatSlider(value=float(value), min=float(lo), max=float(hi),
                                       step=float(opts.get("step", (hi - lo) / 200 or 0.01)),
                                       description=label, style=_style(W.IntSlider), layout=_WIDE, continuous_update=False)
            if not optional:
                self._decode[name] = ann
                return slider
            known = W.Checkbox(value=current is not None, description="known", indent=False,
                               layout=W.Layout(width="7em"))
            box = W.HBox([known, slider])
            box._course_known = known  # type: ignore[attr-defined]
            box._course_slider = slider  # type: ignore[attr-defined]
            self._decode[name] = lambda v, a=ann: v if v is None else a(v)
            return box
        raise TypeError(f"no control for field {name!r} of type {field.annotation!r}")

    @staticmethod
    def _raw(control: W.Widget) -> Any:
        if hasattr(control, "_course_known"):
            return control._course_slider.value if control._course_known.value else None
        return control.value

    def value(self) -> dict[str, Any]:
        data = self.initial.model_dump()
        for name, control in self.controls.items():
            data[name] = self._decode[name](self._raw(control))
        return data

    def set(self, name: str, value: Any) -> None:
        control = self.controls[name]
        if hasattr(control, "_course_known"):
            control._course_known.value = value is not None
            if value is not None:
                control._course_slider.value = value
        elif isinstance(control, W.Dropdown) and value is None:
            control.value = _UNKNOWN
        else:
            control.value = value

    def observe(self, callback: Callable[[], None]) -> None:
        for control in self.controls.values():
            parts = [control._course_known, control._course_slider] if hasattr(control, "_course_known") else [control]
            for part in parts:
                part.observe(lambda _change: callback(), names="value")
