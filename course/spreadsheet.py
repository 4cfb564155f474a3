"""CSV cells that a spreadsheet will not run as formulas (CSV injection), for every export."""
from __future__ import annotations

from typing import Any


def spreadsheet_cell(value: Any) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    t = str(value)
    return "'" + t if t[:1] in ("=", "+", "-", "@", "\t", "\r") else t
