"""Exhibit A: the plaintiff's list of Does, IP addresses and the times they were seen.

Every mass-Doe complaint attaches one. Hard Drive (N.D. Cal. 2012, seed 001) lists "the
90 IP addresses and the date and time when plaintiff alleges they appeared in the swarm";
the N.D. Ill. (2013, seed 002) reads its exhibit for John Doe 29 (July 23, 2012, 9:44 a.m.)
and John Doe 38 (August 9, 2012, 1:32 a.m.). This module reads such a list from CSV or
Excel, checks every row, and never drops a row silently: good rows load, bad rows come
back as :class:`RowProblem` with the row number a spreadsheet shows.

Columns (header names are case-insensitive; a few common aliases are accepted):

========================  ========  ==================================================
column                    required  meaning
========================  ========  ==================================================
``doe``                   yes       the Doe number, a whole number >= 1, once per exhibit
``ip``                    yes       IPv4 or IPv6 address
``isp``                   yes       the Internet service provider named for the address
``info_hash``             yes       40 hexadecimal characters (stored in upper case)
``observed_at``           yes       ISO 8601 time WITH an offset, e.g.
                                    ``2012-07-23T09:44:00-05:00``; a time without a zone
                                    is a bad row, because the gap between two Does
                                    depends on it
``country``               no        geolocation: stated country (stored as its ISO 3166-1
                                    alpha-2 code: ``US`` for US, USA or United States)
``region``                no        geolocation: stated state or region (stored as its
                                    ISO 3166-2 code: ``US-IL`` for Illinois, IL or US-IL)
``city``                  no        geolocation: stated city
``accuracy_km``           no        geolocation accuracy radius in km (>= 0)
``illustrative``          no        a note; any text here marks the row as illustrative
========================  ========  ==================================================

A country or region that pycountry's ISO 3166 tables do not know is kept as written and
the row still loads, with a :class:`RowWarning` saying so: compared as text, it matches
only the same spelling, so an estimate that depends on it should be read with care.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import ipaddress
import math
import os
import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # imported where used, so that importing this module stays light
    import pandas as pd

REQUIRED_COLUMNS = ("doe", "ip", "isp", "info_hash", "observed_at")
OPTIONAL_COLUMNS = ("country", "region", "city", "accuracy_km", "illustrative")

#: Other header names that mean the same column (compared after lower-casing and trimming).
ALIASES = {
    "doe_number": "doe",
    "doe no.": "doe",
    "doe #": "doe",
    "ip address": "ip",
    "ip_address": "ip",
    "hash": "info_hash",
    "infohash": "info_hash",
    "info hash": "info_hash",
    "timestamp": "observed_at",
    "observed at": "observed_at",
    "state": "region",
    "accuracy radius (km)": "accuracy_km",
    "note": "illustrative",
}

#: Bounds on what an upload may ask the kernel to read (a security review drove a kernel past
#: 6.9 GB with a 5 KB workbook whose one cell sat at XFD1048576). The largest real exhibits
#: in the cases list a few thousand Does.
MAX_UPLOAD_BYTES = 8 * 1024 * 1024  # the page refuses larger files before sending them
MAX_ROWS = 100_000  # data rows
MAX_COLUMNS = 50
MAX_CELL_CHARS = 1_000
MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024

#: The address blocks reserved for documentation (RFC 5737 and RFC 3849). The course's
#: example exhibits use only these, so no real subscriber is named.
DOCUMENTATION_NETWORKS = tuple(
    ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)

#: Columns of :attr:`ExhibitLoad.observations`, in order.
FRAME_COLUMNS = (
    "row_number",
    "doe",
    "ip",
    "isp",
    "info_hash",
    "observed_at",
    "utc_offset_minutes",
    "country",
    "region",
    "city",
    "accuracy_km",
    "illustrative",
)

_HASH = re.compile(r"[0-9A-Fa-f]{40}")


class ExhibitError(ValueError):
    """The file cannot be read as an exhibit at all (for example, a required column is missing)."""


@dataclass(frozen=True)
class RowProblem:
    """One reason a row was not loaded.

    ``row_number`` counts as a spreadsheet shows the file: the header is row 1 and the
    first data row is row 2. A row with several faults gets one problem per fault.
    """

    row_number: int
    reason: str
    column: str | None = None

    def __str__(self) -> str:
        where = f" ({self.column})" if self.column else ""
        return f"row {self.row_number}{where}: {self.reason}"


@dataclass(frozen=True)
class RowWarning:
    """Something in a loaded row to check: for now, a place name not found in ISO 3166."""

    row_number: int
    reason: str
    column: str | None = None

    def __str__(self) -> str:
        where = f" ({self.column})" if self.column else ""
        return f"row {self.row_number}{where}: {self.reason}"


@dataclass(frozen=True)
class Observation:
    """One good row: a Doe seen at one moment in one swarm."""

    row_number: int
    doe: int
    ip: str
    isp: str
    info_hash: str
    observed_at: dt.datetime  # time-zone aware, as written
    country: str | None = None
    region: str | None = None
    city: str | None = None
    accuracy_km: float | None = None
    illustrative: str | None = None

    @property
    def is_documentation_ip(self) -> bool:
        return is_documentation_ip(self.ip)


@dataclass(frozen=True, eq=False)
class ExhibitLoad:
    """What :func:`read_exhibit` found: the good rows, and every problem.

    ``rows`` are the good rows as :class:`Observation` records (``observed_at`` as the file
    wrote it, time-zone aware), in file order: what the engine reads. ``observations`` is the
    same rows as a pandas table with the columns :data:`FRAME_COLUMNS` (``observed_at`` in
    UTC, ``utc_offset_minutes`` the offset the file used), built on first use, for bulk
    tables and the command line; a lesson page never asks for it.
    """

    rows: tuple[Observation, ...]
    problems: tuple[RowProblem, ...]
    rows_read: int  # data rows that were not blank
    filename: str | None = None
    warnings: tuple[RowWarning, ...] = ()  # loaded rows with something to check

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))

    @cached_property
    def observations(self) -> pd.DataFrame:
        return _frame(self.rows)

    @property
    def rows_loaded(self) -> int:
        return len(self.rows)

    @property
    def does(self) -> int:
        """How many distinct Does the rows name (the loader refuses a Doe twice)."""
        return len({o.doe for o in self.rows})

    @property
    def rows_rejected(self) -> int:
        return len({p.row_number for p in self.problems})

    @cached_property
    def all_documentation_ips(self) -> bool:
        """True when every loaded address is in a documentation block (False if none loaded)."""
        return bool(self.rows) and all(is_documentation_ip(o.ip) for o in self.rows)

    @cached_property
    def illustrative_notes(self) -> tuple[str, ...]:
        """The distinct notes in the ``illustrative`` column, in order of first appearance."""
        notes = (o.illustrative for o in self.rows if o.illustrative is not None)
        return tuple(dict.fromkeys(str(n) for n in notes if str(n).strip()))

    @property
    def is_illustrative(self) -> bool:
        """True when any loaded row carries an ``illustrative`` note."""
        return bool(self.illustrative_notes)

    @property
    def info_hashes(self) -> tuple[str, ...]:
        """The distinct info hashes; more than one means more than one swarm."""
        return tuple(dict.fromkeys(o.info_hash for o in self.rows))

    def summary(self) -> str:
        """One line for display: how many rows loaded and how many were rejected."""
        name = f"{self.filename}: " if self.filename else ""
        text = f"{name}{self.rows_loaded} of {self.rows_read} rows loaded"
        if self.rows_rejected:
            text += f"; {self.rows_rejected} rejected ({len(self.problems)} problems)"
        if self.warnings:
            text += f"; {len(self.warnings)} warning{'s' if len(self.warnings) > 1 else ''}"
        return text


# --- fields ---------------------------------------------------------------------------


def is_documentation_ip(ip: str) -> bool:
    """Whether an address lies in a block reserved for documentation (never a real subscriber)."""
    try:
        addr = ipaddress.ip_address(str(ip).strip())
    except ValueError:
        return False
    return any(addr.version == n.version and addr in n for n in DOCUMENTATION_NETWORKS)


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else str(value)


def parse_doe(value: Any) -> int:
    """A Doe number: a whole number >= 1 ('29', 29 or 29.0 from a spreadsheet)."""
    if isinstance(value, bool):
        raise ValueError(f"Doe number must be a whole number, got {value!r}")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float) and value.is_integer():
        n = int(value)
    else:
        text = _text(value)
        if not re.fullmatch(r"[+]?\d+(\.0+)?", text):
            raise ValueError(f"Doe number must be a whole number, got {text!r}")
        n = int(float(text)) if "." in text else int(text)
    if n < 1:
        raise ValueError(f"Doe number must be 1 or more, got {n}")
    return n


def parse_ip(value: Any) -> str:
    """An IPv4 or IPv6 address, checked with :mod:`ipaddress`, in its compressed form."""
    text = _text(value)
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise ValueError(f"not a valid IPv4 or IPv6 address: {text!r}") from None


def parse_info_hash(value: Any) -> str:
    """A BitTorrent info hash: 40 hexadecimal characters, any case; returned in upper case."""
    text = _text(value)
    if _HASH.fullmatch(text):
        return text.upper()
    hint = ""
    if " " in text and _HASH.fullmatch(text.replace(" ", "")):
        hint = " (it contains a space; remove it)"
    elif len(text) != 40:
        hint = f" (it has {len(text)})"
    raise ValueError(f"info hash must be 40 hexadecimal characters{hint}: {text!r}")


def parse_observed_at(value: Any) -> dt.datetime:
    """An ISO 8601 time with a UTC offset ('Z' or '+hh:mm'). A time without a zone is refused.

    A naive time cannot be placed on one clock with the other rows: 9:44 a.m. in Chicago
    and 9:44 a.m. in San Jose are two hours apart. Excel date cells carry no zone, so an
    exhibit kept in Excel must write the time as text with its offset.
    """
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        raise ValueError(f"a date without a time of day: {value.isoformat()}")
    else:
        text = _text(value)
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            day_first = _DAY_FIRST.fullmatch(text)
            if day_first:
                d, m, y = day_first.group(1, 2, 3)
                raise ValueError(
                    f"a day-first date: {text!r} (European style); write the time in ISO 8601 with its offset, "
                    f"year first, e.g. {y}-{int(m):02d}-{int(d):02d}T{day_first.group(4) or '00:00'}:00+01:00"
                ) from None
            raise ValueError(
                f"not an ISO 8601 time: {text!r} (write it like 2012-07-23T09:44:00-05:00)"
            ) from None
        if re.fullmatch(r"\d{4}-?\d{2}-?\d{2}", text):
            raise ValueError(f"a date without a time of day: {text!r}")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        shown = parsed.isoformat()
        raise ValueError(
            f"time has no time zone: {shown!r} (add the offset, e.g. {shown}-05:00, or Z for UTC)"
        )
    return parsed


_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T](\d{1,2}:\d{2}))?(?::\d{2})?")


def parse_accuracy_km(value: Any) -> float:
    """A geolocation accuracy radius in kilometres: a finite number >= 0."""
    if isinstance(value, bool):
        raise ValueError(f"accuracy_km must be a number of kilometres, got {value!r}")
    try:
        km = float(value) if isinstance(value, (int, float)) else float(_text(value))
    except ValueError:
        raise ValueError(f"accuracy_km must be a number of kilometres, got {_text(value)!r}") from None
    if not math.isfinite(km) or km < 0:
        raise ValueError(f"accuracy_km must be 0 or more, got {_text(value)!r}")
    return km


_PARSERS = {
    "doe": parse_doe,
    "ip": parse_ip,
    "isp": _text,
    "info_hash": parse_info_hash,
    "observed_at": parse_observed_at,
    "accuracy_km": parse_accuracy_km,
}


def parse_row(row_number: int, cells: dict[str, Any]) -> Observation | list[RowProblem]:
    """Check one row; return the observation, or every problem found in it."""
    values: dict[str, Any] = {}
    problems: list[RowProblem] = []
    for col in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
        raw = cells.get(col)
        if isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
            problems.append(RowProblem(row_number, f"the cell has {len(raw):,} characters; at most "
                                                   f"{MAX_CELL_CHARS:,} are read", col))
            continue
        if _blank(raw):
            if col in REQUIRED_COLUMNS:
                problems.append(RowProblem(row_number, f"missing {col}", col))
            else:
                values[col] = None
            continue
        try:
            values[col] = _PARSERS.get(col, _text)(raw)
        except ValueError as e:
            problems.append(RowProblem(row_number, str(e), col))
    if problems:
        return problems
    return Observation(row_number=row_number, **values)


def place_codes(o: Observation) -> tuple[Observation, list[RowWarning]]:
    """The row with its country and region as ISO 3166 codes, and a warning for each name
    that is not found (that name is kept as written)."""
    from . import places

    warnings: list[RowWarning] = []
    country, region = o.country, o.region
    country_known = False
    if o.country is not None:
        code = places.country_code(o.country)
        country_known = code is not None
        if code is None:
            warnings.append(RowWarning(o.row_number, f"country {o.country!r} is not an ISO 3166 country name "
                                       "or code; kept as written, it matches only the same spelling", "country"))
        else:
            country = code
    if o.region is not None:
        code = places.region_code(o.region, o.country)
        if code is not None:
            region = code
        else:
            if o.country is None:
                why = "is given without a country, so it cannot be looked up in ISO 3166-2"
            elif not country_known:
                why = "cannot be looked up because its country is not known"
            else:
                why = f"is not an ISO 3166-2 subdivision of {country}"
            warnings.append(RowWarning(o.row_number, f"region {o.region!r} {why}; kept as written, it matches "
                                       "only the same spelling", "region"))
    return replace(o, country=country, region=region), warnings


# --- files ----------------------------------------------------------------------------


def _column_name(header: Any) -> str:
    name = _text(header).lower() if not _blank(header) else ""
    name = name.lstrip("\ufeff")
    return ALIASES.get(name, name)


def _records_from_csv(data: bytes) -> Iterable[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ExhibitError(f"the file is not UTF-8 text (byte {e.start}); save it as CSV UTF-8") from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    return _csv_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _csv_rows(reader: Any) -> Iterable[list[Any]]:
    """The reader's rows; a cell past the csv module's limit (131,072 characters, or an
    unclosed quote that swallows the rest of the file) is an error naming the line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            if "field larger than field limit" in str(e):
                raise ExhibitError(
                    f"line {reader.line_num}: a cell is longer than {csv.field_size_limit():,} characters "
                    f"(an exhibit's cells are short; is a quote mark left open?)") from None
            raise ExhibitError(f"line {reader.line_num}: not readable as CSV: {e}") from None
        yield row[:MAX_COLUMNS + 1]


def _records_from_xlsx(data: bytes) -> Iterable[list[Any]]:
    """The first sheet's rows, streamed (read-only mode), at most :data:`MAX_COLUMNS` cells
    wide. A workbook that states a used range beyond :data:`MAX_ROWS` or :data:`MAX_COLUMNS`,
    or whose parts would unpack past :data:`MAX_XLSX_UNCOMPRESSED_BYTES`, is refused before
    any row is read."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile:
        raise ExhibitError("not a readable .xlsx workbook: the file is not a zip archive") from None
    if unpacked > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ExhibitError(f"the workbook unpacks to {unpacked / 2**20:,.0f} MB; at most "
                           f"{MAX_XLSX_UNCOMPRESSED_BYTES / 2**20:,.0f} MB is read. Save the exhibit as CSV.")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several types for a file that is not a workbook
        raise ExhibitError(f"not a readable .xlsx workbook: {e}") from None
    sheet = book.worksheets[0]
    rows, cols = sheet.max_row or 0, sheet.max_column or 0  # the sheet's stated used range
    if rows > MAX_ROWS + 1 or cols > MAX_COLUMNS:
        book.close()
        raise ExhibitError(
            f"the first sheet's used range is A1:{get_column_letter(max(cols, 1))}{max(rows, 1)} ({rows:,} rows, "
            f"{cols:,} columns); an exhibit can have at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns. Delete "
            "the cells outside the table, or save the table alone as CSV.")
    return _xlsx_rows(book, sheet)


def _xlsx_rows(book: Any, sheet: Any) -> Iterable[list[Any]]:
    try:
        for row in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            yield list(row)
    finally:
        book.close()


def _is_xlsx(data: bytes, filename: str | None) -> bool:
    if filename:
        return Path(filename).suffix.lower() in (".xlsx", ".xlsm")
    return data[:4] == b"PK\x03\x04"


def _frame(observations: Iterable[Observation]) -> pd.DataFrame:
    import pandas as pd
    rows = [
        {
            "row_number": o.row_number,
            "doe": o.doe,
            "ip": o.ip,
            "isp": o.isp,
            "info_hash": o.info_hash,
            "observed_at": o.observed_at.astimezone(dt.timezone.utc),
            "utc_offset_minutes": int(o.observed_at.utcoffset().total_seconds() // 60),
            "country": o.country,
            "region": o.region,
            "city": o.city,
            "accuracy_km": o.accuracy_km,
            "illustrative": o.illustrative,
        }
        for o in observations
    ]
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    frame["row_number"] = frame["row_number"].astype("int64")
    frame["doe"] = frame["doe"].astype("int64")
    frame["observed_at"] = pd.to_datetime(frame["observed_at"], utc=True).dt.as_unit("ns")
    frame["utc_offset_minutes"] = frame["utc_offset_minutes"].astype("int64")
    frame["accuracy_km"] = frame["accuracy_km"].astype("float64")
    for col in ("ip", "isp", "info_hash", "country", "region", "city", "illustrative"):
        frame[col] = frame[col].astype(object)
    return frame


def load_records(records: Iterable[list[Any]], *, filename: str | None = None) -> ExhibitLoad:
    """Check rows already split into cells (header first) and build an :class:`ExhibitLoad`."""
    it = iter(records)
    header = next(it, None)
    if header is None or all(_blank(h) for h in header):
        raise ExhibitError(f"{filename or 'the exhibit'} is empty: row 1 must be the header")
    names = [_column_name(h) for h in header]
    while names and not names[-1]:  # a sheet pads the header with empty cells; a value under none is reported
        names.pop()
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        found = ", ".join(n for n in names if n) or "none"
        raise ExhibitError(
            f"{filename or 'the exhibit'}: missing required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (found: {found}; row 1 must be the header)"
        )
    dupes = sorted({n for n in names if n and names.count(n) > 1})
    if dupes:
        raise ExhibitError(f"{filename or 'the exhibit'}: column {', '.join(dupes)} appears twice in the header")

    good: list[Observation] = []
    problems: list[RowProblem] = []
    warnings: list[RowWarning] = []
    first_row_of_doe: dict[int, int] = {}
    rows_read = 0
    for row_number, cells in enumerate(it, start=2):
        if row_number > MAX_ROWS + 1:
            raise ExhibitError(f"{filename or 'the exhibit'} has more than {MAX_ROWS:,} rows; split it into "
                               "smaller exhibits")
        if all(_blank(c) for c in cells):
            continue
        rows_read += 1
        if len(cells) > len(names) and any(not _blank(c) for c in cells[len(names):]):
            problems.append(
                RowProblem(row_number, f"row has {len(cells)} cells but the header has {len(names)} columns")
            )
            continue
        result = parse_row(row_number, {n: c for n, c in zip(names, cells) if n})
        if isinstance(result, list):
            problems.extend(result)
            continue
        if result.doe in first_row_of_doe:
            problems.append(
                RowProblem(
                    row_number,
                    f"duplicate Doe number {result.doe} (first on row {first_row_of_doe[result.doe]})",
                    "doe",
                )
            )
            continue
        first_row_of_doe[result.doe] = row_number
        result, found = place_codes(result)
        warnings.extend(found)
        good.append(result)
    return ExhibitLoad(tuple(good), tuple(problems), rows_read, filename, tuple(warnings))


def parse_exhibit_bytes(data: bytes, filename: str | None = None) -> ExhibitLoad:
    """Read an exhibit from raw bytes (a widget upload). ``.xlsx`` by name or content, else CSV.
    Files over :data:`MAX_UPLOAD_BYTES` are refused (the page refuses them before sending)."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ExhibitError(f"the file is {len(data) / 2**20:.1f} MB; the largest exhibit the course reads is "
                           f"{MAX_UPLOAD_BYTES / 2**20:.0f} MB. Split it, or remove columns it does not need.")
    if _is_xlsx(data, filename):
        records = _records_from_xlsx(data)
    else:
        records = _records_from_csv(data)
    return load_records(records, filename=filename)


def read_exhibit(path_or_filelike: str | os.PathLike | IO[Any], *, filename: str | None = None) -> ExhibitLoad:
    """Read an exhibit from a path or an open file (CSV, or .xlsx via openpyxl).

    Every row is checked. Good rows come back in ``rows`` (and as a table in ``observations``);
    each bad row is listed in ``problems`` with its spreadsheet row number (header = row 1,
    first data row = row 2). Raises :class:`ExhibitError` when the file as a whole cannot
    be an exhibit, for example when a required column is missing.
    """
    if isinstance(path_or_filelike, (str, os.PathLike)):
        path = Path(path_or_filelike)
        return parse_exhibit_bytes(path.read_bytes(), filename or path.name)
    data = path_or_filelike.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = filename or getattr(path_or_filelike, "name", None)
    return parse_exhibit_bytes(data, Path(name).name if isinstance(name, str) else None)
