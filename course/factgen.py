"""Hypothesis strategies for any test's facts, built from its pydantic model: booleans, options,
and numbers within each field's bounds. Used by the fidelity walk (tests/test_fidelity.py) and by
the property tests; kept here so any test module can draw facts for any legal test."""
from __future__ import annotations

import enum
import types
import typing

from .counterfactual import _bounds
from .ruling import Facts


def strategy(model: type[Facts]):
    from hypothesis import strategies as st

    fields = {}
    for name, field in model.model_fields.items():
        ann = field.annotation
        optional = False
        if isinstance(ann, types.UnionType) or typing.get_origin(ann) is typing.Union:
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            optional = len(args) < len(typing.get_args(ann))
            ann = args[0]
        if ann is bool:
            s = st.booleans()
        elif isinstance(ann, type) and issubclass(ann, enum.Enum):
            s = st.sampled_from(list(ann))
        elif ann in (int, float):
            lo, hi = _bounds(field)
            lo = 0 if lo is None else lo
            hi = lo + 10_000 if hi is None else hi
            if ann is int:
                s = st.integers(min_value=int(lo), max_value=int(hi))
            else:
                s = st.floats(min_value=float(lo), max_value=float(hi), allow_nan=False, allow_infinity=False)
        else:
            raise TypeError(f"{model.__name__}.{name}: no strategy for {ann!r}")
        fields[name] = (st.none() | s) if optional else s

    def build(values: dict) -> Facts | None:
        try:
            return model.model_validate(values)
        except Exception:  # noqa: BLE001 - a draw outside a field's open bound
            return None

    return st.fixed_dictionaries(fields).map(build).filter(lambda f: f is not None)
