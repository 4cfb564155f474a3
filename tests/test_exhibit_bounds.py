"""Bounded reading of uploaded exhibits (issue #14, part 3): each test reproduces a finding
of the security review and checks that it now fails safe with a clear message.

Findings: a 5 KB .xlsx with one cell at XFD1048576 drove the kernel past 6.9 GB; an upload
over 10 MiB vanished without a word; European dates gave "0 of 3 rows loaded" and no row
reasons; a field over 131,072 characters gave a generic error.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import tracemalloc
import zipfile

import openpyxl
import pytest

from course import exhibit
from course.exhibit import ExhibitError, parse_exhibit_bytes

HEADER = ["doe", "ip", "isp", "info_hash", "observed_at"]
HASH = "A" * 40


def _xlsx(rows, far_cell: str | None = None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    if far_cell:
        ws[far_cell] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _drop_dimension(data: bytes) -> bytes:
    """The same workbook without its stated used range (openpyxl must then find the end)."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb"<dimension[^>]*/>", b"", body)
            dst.writestr(item, body)
    return out.getvalue()


GOOD = [HEADER, [1, "192.0.2.1", "ISP", HASH, "2012-07-23T09:44:00-05:00"],
        [2, "192.0.2.2", "ISP", HASH, "2012-07-24T09:44:00-05:00"]]


def test_a_tiny_workbook_with_a_far_cell_is_refused_before_reading():
    data = _xlsx(GOOD, far_cell="XFD1048576")
    assert len(data) < 10_000
    tracemalloc.start()
    try:
        with pytest.raises(ExhibitError, match=r"A1:XFD1048576 \(1,048,576 rows, 16,384 columns\)"):
            parse_exhibit_bytes(data, "exhibit.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20  # was more than 6.9 GB


def test_a_workbook_without_a_stated_range_is_read_in_bounded_rows_and_columns(monkeypatch):
    monkeypatch.setattr(exhibit, "MAX_ROWS", 500)
    data = _drop_dimension(_xlsx(GOOD, far_cell="XFD5000"))
    with pytest.raises(ExhibitError, match="more than 500 rows"):
        parse_exhibit_bytes(data, "exhibit.xlsx")
    # cells are read up to column 51 (AY), one past the limit, so a row that runs past the
    # header is reported; anything further right in a sheet that states no range is not read
    wide = _drop_dimension(_xlsx(GOOD, far_cell="AY3"))
    load = parse_exhibit_bytes(wide, "exhibit.xlsx")
    assert load.rows_loaded == 1 and str(load.problems[0]) == "row 3: row has 51 cells but the header has 5 columns"


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(exhibit, "MAX_XLSX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(ExhibitError, match="unpacks to"):
        parse_exhibit_bytes(_xlsx(GOOD), "exhibit.xlsx")


def test_an_upload_over_the_limit_gets_a_message():
    row = b"1,192.0.2.1,ISP," + HASH.encode() + b",2012-07-23T09:44:00Z\n"
    big = b"doe,ip,isp,info_hash,observed_at\n" + row * 200_000  # the review's 200,000 rows
    assert len(big) > exhibit.MAX_UPLOAD_BYTES
    with pytest.raises(ExhibitError, match=r"the largest exhibit the course reads is 8 MB"):
        parse_exhibit_bytes(big, "exhibit.csv")


def test_a_csv_with_too_many_rows_is_refused(monkeypatch):
    monkeypatch.setattr(exhibit, "MAX_ROWS", 10)
    rows = "\n".join(f"{n},192.0.2.{n % 250 + 1},ISP,{HASH},2012-07-23T09:44:00Z" for n in range(1, 20))
    with pytest.raises(ExhibitError, match="more than 10 rows"):
        parse_exhibit_bytes(("doe,ip,isp,info_hash,observed_at\n" + rows).encode(), "exhibit.csv")


def test_european_dates_get_a_reason_on_every_row():
    data = ("doe;ip;isp;info_hash;observed_at\n"
            f"1;192.0.2.1;ISP;{HASH};23.07.2012 09:44\n"
            f"2;192.0.2.2;ISP;{HASH};23/07/2012 09:44\n"
            f"3;192.0.2.3;ISP;{HASH};09-08-2012\n").encode()
    load = parse_exhibit_bytes(data, "exhibit.csv")
    assert load.rows_loaded == 0 and [p.row_number for p in load.problems] == [2, 3, 4]
    assert "day-first date" in load.problems[0].reason and "2012-07-23T09:44:00" in load.problems[0].reason
    assert "2012-08-09T00:00:00" in load.problems[2].reason


def test_an_overlong_field_is_a_clear_error_naming_the_line():
    huge = "x" * 140_000
    data = f"doe,ip,isp,info_hash,observed_at\n1,192.0.2.1,\"{huge}\",{HASH},2012-07-23T09:44:00Z\n".encode()
    with pytest.raises(ExhibitError, match=r"line 2: a cell is longer than 131,072 characters"):
        parse_exhibit_bytes(data, "exhibit.csv")
    long = "y" * 5_000
    data = (f"doe,ip,isp,info_hash,observed_at\n1,192.0.2.1,{long},{HASH},2012-07-23T09:44:00Z\n"
            f"2,192.0.2.2,ISP,{HASH},2012-07-23T09:45:00Z\n").encode()
    load = parse_exhibit_bytes(data, "exhibit.csv")
    assert load.rows_loaded == 1 and load.problems[0].reason == "the cell has 5,000 characters; at most 1,000 are read"


def _upload(view, name: str, data: bytes) -> None:
    view.upload.value = ({"name": name, "type": "text/csv", "size": len(data), "content": memoryview(data),
                          "last_modified": dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)},)


def test_the_upload_view_lists_the_row_reasons_when_nothing_loads():
    from widgets.swarm_view import SwarmTimingExplorer

    view = SwarmTimingExplorer("ndill_doe29_doe38", chart=False)
    data = ("doe;ip;isp;info_hash;observed_at\n"
            f"1;192.0.2.1;ISP;{HASH};23.07.2012 09:44\n"
            f"2;192.0.2.2;ISP;{HASH};23/07/2012 09:44\n"
            f"3;192.0.2.3;ISP;{HASH};24.07.2012 10:00\n").encode()
    _upload(view, "exhibit.csv", data)
    banner = view.banner.value
    assert "0 of 3 rows loaded" in banner and banner.count("day-first date") == 3 and "row 4 (observed_at)" in banner


def test_the_upload_view_says_why_a_far_cell_workbook_is_refused():
    from widgets.swarm_view import SwarmTimingExplorer

    view = SwarmTimingExplorer("ndill_doe29_doe38", chart=False)
    _upload(view, "exhibit.xlsx", _xlsx(GOOD, far_cell="XFD1048576"))
    assert 'role="alert"' in view.banner.value and "XFD1048576" in view.banner.value
