"""The one home for how the course writes numbers, hours and money in prose."""
from __future__ import annotations

from typing import Any


def num(x: float) -> str:
    """1,234.5 -> '1,234.5'; 2.0 -> '2'."""
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def hours(h: float) -> str:
    """'1 hour', '24 hours'."""
    return f"{num(h)} hour" + ("" if h == 1 else "s")


def hours_text(h: float) -> str:
    """'399.8 hours (16 days 15 h 48 min)'."""
    total_min = round(h * 60)
    days, rest = divmod(total_min, 24 * 60)
    hh, mm = divmod(rest, 60)
    parts = ([f"{days} day{'s' if days != 1 else ''}"] if days else []) + ([f"{hh} h"] if hh else []) + (
        [f"{mm} min"] if mm else []
    )
    return hours(h) + (f" ({' '.join(parts)})" if days and len(parts) > 1 else "")


def usd(x: float) -> str:
    """'$16,100'."""
    return f"${num(x)}"


def value(v: Any) -> str:
    """A fact's value in prose: yes/no, an option's words, a number."""
    import enum

    if v is None:
        return "not alleged"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, enum.Enum):
        return str(v.value).replace("_", " ")
    if isinstance(v, float):
        return num(v)
    return str(v)
