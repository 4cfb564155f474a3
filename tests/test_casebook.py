"""Every case in data/rule_cases/*.yaml: the outcome, its basis and each named element's status and
basis, as a lawyer wrote them down. ``course test`` runs the same cases."""
from __future__ import annotations

import pytest

from course import casebook, registry
from course.records import DataError
from course.ruling import Basis

CASES = [(path.name, cf.test, case) for path, cf in casebook.all_files().items() for case in cf.cases]


@pytest.mark.parametrize("file,test_id,case", CASES, ids=[f"{t}: {c.name}" for _, t, c in CASES])
def test_case(file, test_id, case):
    _, problems = casebook.run_case(test_id, case)
    assert not problems, f"{file}: {case.name}: " + "; ".join(problems)


def test_every_registered_test_has_a_case_file_with_its_source_facts():
    by_test = {cf.test: cf for cf in casebook.all_files().values()}
    missing = sorted(set(registry.load_all()) - set(by_test))
    assert not missing, f"no data/rule_cases file for: {missing}"
    for test_id, cf in by_test.items():
        assert any(c.source_facts for c in cf.cases), f"{test_id}: no case on the court's own facts"


def test_a_malformed_case_names_file_case_and_field(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("test: joinder.ndill_2013\ncases:\n  - name: broken one\n    expect: {outcome: maybe, basis: held}\n")
    with pytest.raises(DataError) as e:
        casebook.load(bad)
    assert "x.yaml" in str(e.value) and "broken one" in str(e.value) and "expect.outcome" in str(e.value)


def test_a_wrong_expectation_fails():
    cf = casebook.load(casebook.CASES_DIR / "joinder.ndill_2013.yaml")
    case = cf.cases[0]
    wrong = case.model_copy(update={"expect": case.expect.model_copy(update={"basis": Basis.applied})})
    _, problems = casebook.run_case(cf.test, wrong)
    assert problems and "basis" in problems[0]


def test_course_test_command_runs_every_case(capsys):
    from course.cli import main

    assert main(["test"]) == 0
    out = capsys.readouterr().out.strip().splitlines()[-1]
    assert out == f"{len(CASES)} cases run, 0 failed"
    assert main(["test", "joinder.ndill_2013"]) == 0
