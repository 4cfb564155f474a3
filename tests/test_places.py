"""Place names are ISO 3166 codes (course/places.py, via pycountry): a spelling of a country
or state does not move an in-forum estimate, and a name that is not found is a row warning."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from course import exhibit_facts as ef
from course import geolocation as geo
from course import places
from course.exhibit import read_exhibit
from course.exhibit_report import report

TIGHT = Path(__file__).resolve().parent.parent / "data" / "exhibits" / "tight_cluster.csv"


@pytest.mark.parametrize("name", ["US", "us", "USA", "840", "United States", "united states of america",
                                  "  United  States ", "U.S.A"])
def test_every_spelling_of_the_united_states_is_us(name):
    assert places.country_code(name) == "US"


@pytest.mark.parametrize("name, code", [("Deutschland", None), ("Germany", "DE"), ("DEU", "DE"),
                                        ("UK", "GB"), ("Russia", "RU"), ("Côte d'Ivoire", "CI"),
                                        ("Cote d'Ivoire", "CI"), ("Narnia", None), ("", None), (None, None)])
def test_country_codes_and_unknown_names(name, code):
    assert places.country_code(name) == code


@pytest.mark.parametrize("name", ["Illinois", "illinois", "IL", "il", "US-IL"])
def test_every_spelling_of_illinois_is_us_il(name):
    for country in ("US", "USA", "United States"):
        assert places.region_code(name, country) == "US-IL"


def test_every_us_state_by_name_and_by_code():
    import pycountry

    for s in pycountry.subdivisions.get(country_code="US"):
        assert places.region_code(s.name, "US") == s.code
        assert places.region_code(s.code.split("-")[1], "USA") == s.code


def test_a_region_is_looked_up_in_its_own_country():
    assert places.region_code("IL", "DE") is None  # no German subdivision has the code IL
    assert places.region_code("Bavaria", "US") is None
    assert places.region_code("Illinois", None) is None
    assert places.region_code("Illinois", "Narnia") is None


def _estimate(path: Path, forum: str = "Illinois") -> tuple[float, float]:
    out = report(str(path), 4, forum)["in_forum"]
    return out["expected_in_forum_low"], out["expected_in_forum_high"]


def _rewrite(tmp_path: Path, old: str, new: str) -> Path:
    text = TIGHT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"tight_{new or 'blank'}.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_tight_cluster_estimate_is_six_to_twelve():
    assert _estimate(TIGHT) == (6.0, 12.0)


@pytest.mark.parametrize("old, new", [(",Illinois,", ",IL,"), (",Illinois,", ",US-IL,"), (",Illinois,", ",illinois,"),
                                      (",US,", ",USA,"), (",US,", ",United States,")])
def test_spelling_does_not_move_the_estimate(tmp_path, old, new):
    """Before ISO 3166 codes, IL gave 0.0-6.0 and USA 0.0-0.6 for the same exhibit, silently."""
    path = _rewrite(tmp_path, old, new)
    assert _estimate(path) == (6.0, 12.0)
    assert not read_exhibit(path).warnings


@pytest.mark.parametrize("forum", ["Illinois", "IL", "illinois", "US-IL"])
def test_the_forum_may_be_spelled_any_way(forum):
    assert _estimate(TIGHT, forum) == (6.0, 12.0)


def test_exhibit_stores_codes():
    load = read_exhibit(TIGHT)
    assert set(load.observations["country"]) == {"US"}
    assert set(load.observations["region"]) == {"US-IL"}


def test_unknown_names_load_with_a_warning_each(tmp_path):
    lines = TIGHT.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",US,Illinois,", ",Narnia,Illinois,")  # row 2
    lines[2] = lines[2].replace(",Illinois,", ",Ilinois,")  # row 3: a typo
    lines[3] = lines[3].replace(",US,Illinois,", ",,Illinois,")  # row 4: no country
    path = tmp_path / "odd.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load = read_exhibit(path)
    assert load.rows_loaded == 12 and not load.problems
    got = {(w.row_number, w.column) for w in load.warnings}
    assert got == {(2, "country"), (2, "region"), (3, "region"), (4, "region")}
    by_row = {(w.row_number, w.column): str(w) for w in load.warnings}
    assert "'Narnia' is not an ISO 3166 country" in by_row[(2, "country")]
    assert "'Ilinois' is not an ISO 3166-2 subdivision of US" in by_row[(3, "region")]
    assert "without a country" in by_row[(4, "region")]
    assert "4 warnings" in load.summary()
    # kept as written, and reported by the command's JSON
    assert list(load.observations["country"][:2]) == ["Narnia", "US"]
    assert list(load.observations["region"][:4]) == ["Illinois", "Ilinois", "Illinois", "US-IL"]
    assert {(w["row"]) for w in report(str(path), 4, "Illinois")["warnings"]} == {2, 3, 4}
    # the typo'd row is not placed in Illinois, so fewer Does are certain than before
    assert _estimate(path)[0] < 6.0


def test_forum_keeps_codes_and_compares_any_spelling():
    a = geo.Forum("Illinois", country=("US", "United States"), region=("Illinois", "IL"), whole_region=True)
    b = geo.Forum("Illinois", country="USA", region="us-il", whole_region=True)
    assert a.country == b.country == ("US",)
    assert a.region == b.region == ("US-IL",)
    assert a.has_region("IL") and a.has_region("Illinois", "United States") and not a.has_region("Indiana")
    claim = geo.GeoClaim(1, country="United States of America", region="IL")
    assert geo.doe_in_forum(claim, a).p_in_forum_low == geo.doe_in_forum(geo.GeoClaim(1, "US", "Illinois"), b).p_in_forum_low > 0


def test_geolocation_view_places_does_by_code(tmp_path):
    forum = geo.Forum("Illinois", country=("US",), region=("Illinois",), whole_region=True)
    for path in (TIGHT, _rewrite(tmp_path, ",Illinois,", ",IL,")):
        view = ef.geolocation_view(read_exhibit(path), forum, level="region")
        assert view.does_placed_in_forum == 12


def test_the_swarm_explorer_shows_place_warnings_for_an_upload():
    from widgets.swarm_view import SwarmTimingExplorer

    text = TIGHT.read_text(encoding="utf-8").replace(",US,Illinois,Aurora,", ",US,Ilinois,Aurora,", 1)
    e = SwarmTimingExplorer("tight_cluster", chart=False)
    assert "Place names to check" not in e.banner.value
    e.upload.value = ({"name": "typo.csv", "content": memoryview(text.encode("utf-8")), "size": len(text),
                       "type": "text/csv", "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},)
    assert "Place names to check" in e.banner.value
    assert "Ilinois" in e.banner.value and "row 2 (region)" in e.banner.value
