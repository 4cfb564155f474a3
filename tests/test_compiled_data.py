"""Where PyYAML is missing (the static site's Pyodide has none), the course reads the JSON
copies that course.records.compile_json writes at build time, and gets the same records."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course import exercises, records

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def compiled(tmp_path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    written = records.compile_json(data)
    assert len(written) == len(list((REPO / "data").rglob("*.yaml")))
    return data


def _load_all(data: Path):
    quotes = records.load_quotes(data / "quotes")
    return (quotes, records.load_cases(data / "cases.yaml", quotes), records.load_lessons(data / "lessons.yaml"),
            exercises.load_bank(data / "exercises"))


def test_json_copies_give_the_same_records(compiled, monkeypatch):
    monkeypatch.setattr(records, "DATA_DIR", compiled)  # the exercise bank's own look-ups
    from_yaml = _load_all(compiled)
    monkeypatch.setattr(records, "_yaml", lambda: None)
    for path in compiled.rglob("*.yaml"):  # nothing may be read from YAML now
        path.write_text("{not: [valid yaml", encoding="utf-8")
    from_json = _load_all(compiled)
    quotes, cases, lessons, bank = from_json
    assert quotes == from_yaml[0] and cases == from_yaml[1] and lessons == from_yaml[2]
    assert repr(bank) == repr(from_yaml[3])


def test_without_yaml_or_json_the_message_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "_yaml", lambda: None)
    (tmp_path / "lessons.yaml").write_text("lessons: []\n", encoding="utf-8")
    with pytest.raises(records.DataError, match="PyYAML is not installed and there is no compiled lessons.json"):
        records.load_lessons(tmp_path / "lessons.yaml")
