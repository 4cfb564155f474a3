"""Exhibit A import: good rows load, every bad row is reported with its spreadsheet row number."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from openpyxl import Workbook

from course.exhibit import (
    ExhibitError,
    ExhibitLoad,
    is_documentation_ip,
    parse_exhibit_bytes,
    read_exhibit,
)

EXHIBITS = Path(__file__).resolve().parent.parent / "data" / "exhibits"
HASH = "8342201A3C44277E7753BBCB2EFDA014EBEF84A4"
HEADER = "doe,ip,isp,info_hash,observed_at"


def load(text: str, name: str = "t.csv") -> ExhibitLoad:
    return parse_exhibit_bytes(text.encode("utf-8"), name)


# --- the shipped examples --------------------------------------------------------------


@pytest.mark.parametrize("name", ["ndcal_hard_drive_pattern.csv", "ndill_doe29_doe38.csv", "tight_cluster.csv"])
def test_example_exhibits_load_cleanly_and_say_they_are_illustrative(name):
    ex = read_exhibit(EXHIBITS / name)
    assert ex.problems == ()
    assert ex.rows_loaded == ex.rows_read > 0
    assert ex.all_documentation_ips
    assert ex.is_illustrative
    assert len(ex.info_hashes) == 1
    assert "illustrative" in (EXHIBITS / "README.md").read_text(encoding="utf-8").lower()


def test_ndcal_pattern_is_90_does_at_different_times_within_63_days_before_the_complaint():
    ex = read_exhibit(EXHIBITS / "ndcal_hard_drive_pattern.csv")
    obs = ex.observations
    assert sorted(obs["doe"]) == list(range(1, 91))
    times = obs["observed_at"].sort_values()
    assert times.is_unique
    assert times.iloc[-1] - times.iloc[0] <= pd.Timedelta(days=63)
    assert times.iloc[-1] < pd.Timestamp("2011-08-03", tz="UTC")  # complaint filed (seed 001)
    gaps = times.diff().dropna()
    assert gaps.min() >= pd.Timedelta(hours=1)  # "hours ... apart"
    assert gaps.max() >= pd.Timedelta(days=7)  # "... or weeks apart"
    assert "synthetic" in ex.illustrative_notes[0]


def test_ndill_exhibit_has_the_two_does_at_the_seed_times_in_chicago_time():
    obs = read_exhibit(EXHIBITS / "ndill_doe29_doe38.csv").observations.set_index("doe")
    assert obs.loc[29, "observed_at"] == pd.Timestamp("2012-07-23 14:44", tz="UTC")  # 9:44 a.m. CDT
    assert obs.loc[38, "observed_at"] == pd.Timestamp("2012-08-09 06:32", tz="UTC")  # 1:32 a.m. CDT
    assert set(obs["utc_offset_minutes"]) == {-300}
    assert set(obs["info_hash"]) == {HASH}
    assert obs.loc[38, "observed_at"] - obs.loc[29, "observed_at"] == pd.Timedelta(days=16, hours=15, minutes=48)


def test_tight_cluster_is_twelve_does_within_a_few_hours():
    obs = read_exhibit(EXHIBITS / "tight_cluster.csv").observations
    assert len(obs) == 12
    assert obs["observed_at"].max() - obs["observed_at"].min() < pd.Timedelta(hours=6)


def test_bad_rows_are_each_reported_with_their_spreadsheet_row_and_column():
    ex = read_exhibit(EXHIBITS / "bad_rows.csv")
    assert sorted(ex.observations["doe"]) == [1, 10]
    assert list(ex.observations["row_number"]) == [2, 11]
    found = {(p.row_number, p.column) for p in ex.problems}
    assert found == {
        (3, "observed_at"),  # naive time
        (4, "observed_at"),  # not ISO 8601
        (5, "ip"),
        (6, "info_hash"),
        (7, "isp"),
        (8, "doe"),  # duplicate
        (9, "doe"),  # Doe 0
        (10, "accuracy_km"),
    }
    assert ex.rows_read == 10 and ex.rows_rejected == 8 and ex.rows_loaded == 2
    naive = next(p for p in ex.problems if p.row_number == 3)
    assert "no time zone" in naive.reason
    dup = next(p for p in ex.problems if p.row_number == 8)
    assert "first on row 2" in dup.reason
    assert all(h == h.upper() for h in ex.observations["info_hash"])  # row 11 was lower case


# --- columns and formats ---------------------------------------------------------------


def test_missing_required_column_is_an_error_that_names_it():
    with pytest.raises(ExhibitError, match="observed_at"):
        load("doe,ip,isp,info_hash\n1,192.0.2.1,X," + HASH + "\n")
    with pytest.raises(ExhibitError, match="isp, info_hash"):
        load("doe,ip,observed_at\n")


def test_empty_and_non_utf8_files_are_errors():
    with pytest.raises(ExhibitError, match="empty"):
        load("")
    with pytest.raises(ExhibitError, match="UTF-8"):
        parse_exhibit_bytes(b"doe,ip\n\xff\xfe\x00", "x.csv")


def test_headers_are_case_insensitive_and_accept_aliases_and_a_bom():
    text = "\ufeffDoe,IP Address,ISP,Hash,Timestamp\n7,192.0.2.7,X," + HASH.lower() + ",2012-07-23T09:44:00Z\n"
    ex = load(text)
    assert ex.problems == ()
    row = ex.observations.iloc[0]
    assert (row["doe"], row["ip"], row["info_hash"]) == (7, "192.0.2.7", HASH)


def test_semicolon_separated_files_load():
    ex = load("doe;ip;isp;info_hash;observed_at\n1;192.0.2.1;X;" + HASH + ";2012-07-23T09:44:00+02:00\n")
    assert ex.rows_loaded == 1
    assert ex.observations["observed_at"].iloc[0] == pd.Timestamp("2012-07-23 07:44", tz="UTC")


def test_row_numbers_count_blank_rows_as_a_spreadsheet_does():
    text = f"{HEADER}\n1,192.0.2.1,X,{HASH},2012-07-23T09:44:00Z\n\n,,,,\n2,bad-ip,X,{HASH},2012-07-23T09:45:00Z\n"
    ex = load(text)
    assert ex.rows_read == 2
    assert [(p.row_number, p.column) for p in ex.problems] == [(5, "ip")]


def test_a_row_with_more_cells_than_the_header_is_reported():
    ex = load(f"{HEADER}\n1,192.0.2.1,X,{HASH},2012-07-23T09:44:00Z,extra\n")
    assert ex.rows_loaded == 0
    assert "cells" in ex.problems[0].reason


def test_several_faults_in_one_row_are_all_reported_but_the_row_counts_once():
    ex = load(f"{HEADER}\n0,999.1.1.1,,ABC,yesterday\n")
    assert {p.column for p in ex.problems} == {"doe", "ip", "isp", "info_hash", "observed_at"}
    assert ex.rows_rejected == 1


def test_a_hash_with_a_space_gets_a_hint():
    ex = load(f"{HEADER}\n38,192.0.2.38,X,8342201A3C44277E7753 BBCB2EFDA014EBEF84A4,2012-08-09T01:32:00-05:00\n")
    assert "remove it" in ex.problems[0].reason


def test_date_without_time_is_refused():
    ex = load(f"{HEADER}\n1,192.0.2.1,X,{HASH},2012-07-23\n")
    assert "without a time" in ex.problems[0].reason


def test_ipv6_is_normalised_and_documentation_ranges_are_recognised():
    ex = load(f"{HEADER}\n1,2001:0DB8:0000::0001,X,{HASH},2012-07-23T09:44:00Z\n")
    assert ex.observations["ip"].iloc[0] == "2001:db8::1"
    assert ex.all_documentation_ips
    mixed = load(f"{HEADER}\n1,192.0.2.1,X,{HASH},2012-07-23T09:44:00Z\n2,10.1.2.3,X,{HASH},2012-07-23T09:45:00Z\n")
    assert mixed.rows_loaded == 2 and not mixed.all_documentation_ips
    assert not load(HEADER + "\n").all_documentation_ips  # nothing loaded
    assert is_documentation_ip("203.0.113.255") and not is_documentation_ip("203.0.114.1")
    assert not is_documentation_ip("not an ip")


def test_read_exhibit_accepts_paths_binary_and_text_files():
    path = EXHIBITS / "ndill_doe29_doe38.csv"
    a = read_exhibit(path)
    b = read_exhibit(io.BytesIO(path.read_bytes()), filename="upload.csv")
    with path.open(encoding="utf-8") as f:
        c = read_exhibit(f)
    for ex in (b, c):
        pd.testing.assert_frame_equal(a.observations, ex.observations)
    assert (a.filename, b.filename, c.filename) == ("ndill_doe29_doe38.csv", "upload.csv", "ndill_doe29_doe38.csv")


def test_empty_exhibit_has_the_usual_columns_and_types():
    obs = load(HEADER + "\n").observations
    assert obs.empty
    assert str(obs["observed_at"].dtype) == "datetime64[ns, UTC]"
    assert list(obs.columns)[:6] == ["row_number", "doe", "ip", "isp", "info_hash", "observed_at"]


# --- Excel -----------------------------------------------------------------------------


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xlsx_loads_text_times_and_refuses_excel_date_cells_which_have_no_zone():
    data = _xlsx([
        ["Doe", "IP", "ISP", "Info_Hash", "Observed_At", "accuracy_km"],
        [29, "198.51.100.29", "X", HASH, "2012-07-23T09:44:00-05:00", 25],
        [],
        [38, "203.0.113.38", "X", HASH, dt.datetime(2012, 8, 9, 1, 32), None],
        [40.0, "203.0.113.40", "X", HASH, "2012-08-09T01:40:00-05:00", None],
    ])
    for ex in (parse_exhibit_bytes(data, "exhibit.xlsx"), parse_exhibit_bytes(data, None)):
        assert list(ex.observations["doe"]) == [29, 40]
        assert list(ex.observations["row_number"]) == [2, 5]
        assert ex.observations["accuracy_km"].iloc[0] == 25.0
        assert [(p.row_number, p.column) for p in ex.problems] == [(4, "observed_at")]
        assert "no time zone" in ex.problems[0].reason


def test_a_file_named_xlsx_that_is_not_a_workbook_is_an_error():
    with pytest.raises(ExhibitError, match="xlsx"):
        parse_exhibit_bytes(b"doe,ip\n", "fake.xlsx")


# --- properties ------------------------------------------------------------------------

good_cell = {
    "doe": None,  # filled in per row
    "ip": st.sampled_from(["192.0.2.1", "2001:db8::5", "198.51.100.77"]),
    "isp": st.sampled_from(["Example Cable", "Sample DSL"]),
    "info_hash": st.sampled_from([HASH, HASH.lower()]),
    "observed_at": st.sampled_from(["2012-07-23T09:44:00-05:00", "2012-08-09T01:32:00Z", "2012-08-09 01:32:00+09:30"]),
}
bad_cell = {
    "ip": st.sampled_from(["192.0.2.256", "", "example.com"]),
    "isp": st.just(""),
    "info_hash": st.sampled_from(["", HASH[:-1], "Z" * 40]),
    "observed_at": st.sampled_from(["2012-07-23T09:44:00", "", "23/07/2012 09:44"]),
}


@st.composite
def exhibit_rows(draw):
    n = draw(st.integers(0, 12))
    rows, expect_good = [], []
    for i in range(n):
        doe = draw(st.integers(1, 8))
        cells = {k: draw(v) for k, v in good_cell.items() if v is not None}
        spoil = draw(st.lists(st.sampled_from(sorted(bad_cell)), max_size=2, unique=True))
        for k in spoil:
            cells[k] = draw(bad_cell[k])
        rows.append((doe, cells))
        expect_good.append(not spoil)
    return rows, expect_good


@settings(max_examples=60, deadline=None)
@given(exhibit_rows())
def test_every_row_is_either_loaded_or_reported(data):
    rows, expect_good = data
    lines = [HEADER] + [f"{d},{c['ip']},{c['isp']},{c['info_hash']},{c['observed_at']}" for d, c in rows]
    ex = load("\n".join(lines) + "\n")
    assert ex.rows_read == len(rows)
    assert ex.rows_loaded + ex.rows_rejected == ex.rows_read
    assert set(ex.observations["row_number"]).isdisjoint({p.row_number for p in ex.problems})
    # the first well-formed row of each Doe loads; later ones are duplicates
    seen: set[int] = set()
    expected_loaded = []
    for i, ((doe, _), good) in enumerate(zip(rows, expect_good), start=2):
        if good and doe not in seen:
            seen.add(doe)
            expected_loaded.append((i, doe))
    assert list(zip(ex.observations["row_number"], ex.observations["doe"])) == expected_loaded
    assert ex.observations["doe"].is_unique


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1)),
    st.integers(-12 * 60, 14 * 60),
)
def test_times_are_stored_in_utc_with_the_offset_kept(local, offset_minutes):
    local = local.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(minutes=offset_minutes)))
    ex = load(f"{HEADER}\n1,192.0.2.1,X,{HASH},{local.isoformat()}\n")
    row = ex.observations.iloc[0]
    assert row["observed_at"] == pd.Timestamp(local).tz_convert("UTC")
    assert row["utc_offset_minutes"] == offset_minutes
