"""Counterfactuals: the smallest change to one fact that flips a test's outcome.

For a yes/no fact the change is the flip; for a choice, each other option; for a number,
the threshold itself, found by bisection between the present value and the field's
bounds (a field declares its bounds with ``ge``/``le`` or ``json_schema_extra={"search":
[lo, hi]}`` and its resolution with ``{"step": s}``). Tests whose outcome depends on a
number in one direction only (as every threshold in these opinions does) get the exact
threshold; the search never claims a flip it has not computed.
"""
from __future__ import annotations

import enum
import types
import typing
from typing import Any, Callable

from annotated_types import Ge, Gt, Le, Lt

from .ruling import OUTCOME_LABELS, Counterfactual, Facts, Ruling


def _bounds(field) -> tuple[float | None, float | None]:
    lo = hi = None
    for m in field.metadata:
        if isinstance(m, Ge):
            lo = m.ge
        elif isinstance(m, Gt):
            lo = m.gt
        elif isinstance(m, Le):
            hi = m.le
        elif isinstance(m, Lt):
            hi = m.lt
    extra = field.json_schema_extra or {}
    if isinstance(extra, dict) and "search" in extra:
        lo, hi = extra["search"]
    return lo, hi


def _describe(field_name: str, field) -> str:
    return field.description or field_name.replace("_", " ")


def _fmt(v: Any) -> str:
    if v is None:
        return "not alleged"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, enum.Enum):
        return str(v.value).replace("_", " ")
    if isinstance(v, float):
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return str(v)


def find(facts: Facts, run: Callable[[Facts], Ruling], *, limit: int = 12) -> tuple[Counterfactual, ...]:
    base = run(facts).outcome
    out: list[Counterfactual] = []

    def attempt(name: str, value: Any) -> Ruling | None:
        try:
            changed = facts.model_copy(update={name: value})
            type(facts).model_validate(changed.model_dump())
        except Exception:
            return None
        return run(changed)

    def add(name: str, field, value: Any, ruling: Ruling) -> None:
        out.append(
            Counterfactual(
                fact=name,
                from_value=getattr(facts, name),
                to_value=value,
                outcome=ruling.outcome,
                explanation=(
                    f"If this fact changed \u2014 {_describe(name, field)}: {_fmt(getattr(facts, name))} "
                    f"\u2192 {_fmt(value)} \u2014 this test would give: {OUTCOME_LABELS[ruling.outcome]}."
                ),
            )
        )

    for name, field in type(facts).model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        if extra.get("counterfactual") is False:
            continue
        current = getattr(facts, name)
        ann = field.annotation
        origin = typing.get_origin(ann)
        if origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(ann):
            inner = [a for a in typing.get_args(ann) if a is not type(None)]
            ann = inner[0] if len(inner) == 1 else ann
            origin = typing.get_origin(ann)
            if current is not None:
                r = attempt(name, None)
                if r and r.outcome != base:
                    add(name, field, None, r)
            if current is None:
                # from "not alleged" to each alleged value that a yes/no or choice allows
                options = [True, False] if ann is bool else (list(ann) if isinstance(ann, type) and issubclass(ann, enum.Enum) else [])
                for option in options:
                    r = attempt(name, option)
                    if r and r.outcome != base:
                        add(name, field, option, r)
                continue
        if ann is bool:
            r = attempt(name, not current)
            if r and r.outcome != base:
                add(name, field, not current, r)
        elif isinstance(ann, type) and issubclass(ann, enum.Enum):
            for option in ann:
                if option != current:
                    r = attempt(name, option)
                    if r and r.outcome != base:
                        add(name, field, option, r)
        elif origin is typing.Literal:
            for option in typing.get_args(ann):
                if option != current:
                    r = attempt(name, option)
                    if r and r.outcome != base:
                        add(name, field, option, r)
        elif ann in (int, float) and not isinstance(current, bool):
            lo, hi = _bounds(field)
            step = extra.get("step", 1 if ann is int else 0.01)
            for end in (lo, hi):
                if end is None or end == current:
                    continue
                r_end = attempt(name, ann(end))
                if not r_end or r_end.outcome == base:
                    continue
                # bisect between current (base outcome) and end (flipped) for the nearest flip
                near, far = float(current), float(end)
                while abs(far - near) > step:
                    mid = (near + far) / 2
                    mid_v = ann(round(mid)) if ann is int else mid
                    if ann is int and mid_v in (int(near), int(far)):
                        break
                    r_mid = attempt(name, mid_v)
                    if r_mid and r_mid.outcome != base:
                        far = mid_v
                    else:
                        near = mid_v
                value = ann(far) if ann is int else round(far, 6)
                r = attempt(name, value)
                if r and r.outcome != base:
                    add(name, field, value, r)
        if len(out) >= limit:
            break
    return tuple(out)
