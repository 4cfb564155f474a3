"""The example exhibits, through the law-as-code tests, give the outcomes the sources reached."""
import json
import subprocess
import sys

import pytest

from course import exhibit_facts as ef
from course import geolocation as geo
from course import joinder, swarm
from course.cli import main
from course.ruling import Outcome

DEFAULT = swarm.SwarmAssumptions()  # one hour's stay, centred: an assumption, not a finding


def outcomes(name, assumptions=DEFAULT, **allegations):
    ex = ef.EXAMPLES[name]
    alleg = ex.allegations.model_copy(update=allegations)
    return {t: r.outcome for t, r in ef.joinder_rulings(ef.load_example(name), assumptions, alleg).items()}


def test_hard_drive_pattern_is_misjoined_under_nd_cal_and_nd_ill():
    got = outcomes("ndcal_hard_drive_pattern")
    assert got["joinder.ndcal_2012"] == Outcome.joinder_improper  # as N.D. Cal. held (Does 2-90 severed)
    assert got["joinder.ndill_2013"] == Outcome.joinder_improper
    assert got["joinder.rule21_discretion"] == Outcome.sever  # 90 Does: the manageability concerns


def test_doe_29_and_doe_38_are_misjoined_whatever_the_stay_short_of_seventeen_days():
    load = ef.load_example("ndill_doe29_doe38")
    assert swarm.gap_hours(load.observations, 29, 38) == pytest.approx(joinder.NDILL_DECIDED_GAP_HOURS)
    for hours in (1, 24, 24 * 7, 399):
        assert outcomes("ndill_doe29_doe38", swarm.SwarmAssumptions(session_hours=hours))["joinder.ndill_2013"] \
            == Outcome.joinder_improper


def test_tight_cluster_shows_where_nd_ills_bar_stops_applying():
    cluster = ef.load_example("tight_cluster")
    span = swarm.analyse(cluster.observations, DEFAULT).span_hours
    assert span < 6  # "a few hours"
    just_enough = swarm.SwarmAssumptions(session_hours=span + 0.01)
    # N.D. Ill. stated a bar: once the stay covers the span the bar no longer applies, which is never
    # "joinder proper" (the court did not say what suffices)
    assert outcomes("tight_cluster", just_enough)["joinder.ndill_2013"] == Outcome.not_precluded
    too_short = swarm.SwarmAssumptions(session_hours=span - 0.01)
    assert outcomes("tight_cluster", too_short)["joinder.ndill_2013"] == Outcome.joinder_improper
    # without the same-time allegation, closeness alone does not decide it under N.D. Ill.
    assert outcomes("tight_cluster", just_enough, same_time_alleged=False)["joinder.ndill_2013"] == Outcome.undetermined


def test_the_generous_placement_doubles_the_nd_ill_window():
    cluster = ef.load_example("tight_cluster")
    span = swarm.analyse(cluster.observations, DEFAULT).span_hours
    half = swarm.SwarmAssumptions(session_hours=span / 2 + 0.01, placement="could_have")
    assert outcomes("tight_cluster", half)["joinder.ndill_2013"] == Outcome.not_precluded


def test_geolocation_read_to_the_country_shows_no_residence_under_nd_cal():
    load = ef.load_example("ndcal_hard_drive_pattern")
    forum = geo.Forum("California", country=("US",), region=("California",), whole_region=True)
    v = ef.geolocation_view(load, forum, level="country")
    assert v.rulings["jurisdiction.geolocation_residence_ndcal_2012"].outcome == Outcome.residence_not_shown
    assert v.does_placed_in_forum == 0
    assert v.estimate.expected_in_forum_low <= v.estimate.expected_in_forum_high <= len(v.estimate.does)


def test_cli_exhibit_reports_counts_problems_overlaps_and_rulings(capsys):
    assert main(["exhibit", str(ef.EXHIBITS_DIR / "bad_rows.csv"), "--session-hours", "2", "--forum", "Illinois"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows_read"] == out["rows_loaded"] + out["rows_rejected"]
    assert out["problems"] and all(p["row"] >= 2 and p["reason"] for p in out["problems"])
    assert "in_forum" in out and "overlap" in out


def test_cli_exhibit_bad_input_exits_2_without_traceback():
    r = subprocess.run([sys.executable, "-m", "course.cli", "exhibit", "missing.csv", "--session-hours", "1"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "missing.csv" in r.stderr
