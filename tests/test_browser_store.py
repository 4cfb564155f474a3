"""The progress store as it runs in a browser (the static site, course/browser.py), here on
CPython with the browser's paths moved into a temporary folder: the working copy is SQLite,
the snapshot a JSON file on "the drive". A reload is a new process: engines gone, working
copy gone, only the drive left. The real browser is tested in tests/test_static_site.py."""
from __future__ import annotations

import json

import pytest

from course import browser, db, progress


@pytest.fixture
def in_a_browser(tmp_path, monkeypatch):
    drive = tmp_path / "drive"
    drive.mkdir()
    monkeypatch.setattr(browser, "in_browser", lambda: True)
    monkeypatch.setattr(browser, "DRIVE", drive)
    monkeypatch.setattr(browser, "WORKING", tmp_path / "memory" / "course.sqlite")
    monkeypatch.setenv("COURSE_DB", str(tmp_path / "server.sqlite"))  # not used in a browser
    db.dispose_all()
    yield drive
    db.dispose_all()


def reload_page(tmp_path) -> None:
    """What a page reload leaves: the drive, and nothing of the kernel's memory."""
    db.dispose_all()
    for f in (tmp_path / "memory").glob("*"):
        f.unlink()


def test_off_the_browser_the_store_is_the_configured_one(tmp_path, monkeypatch):
    assert browser.in_browser() is False  # CPython on a server
    monkeypatch.setenv("COURSE_DB", str(tmp_path / "x.sqlite"))
    monkeypatch.delenv("COURSE_DB_URL", raising=False)
    assert db.url() == f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert db._mirrored(None) is False


def test_in_the_browser_the_store_is_the_mirrored_memory_copy(in_a_browser):
    assert db.url() == browser.url() and db._mirrored(None)
    assert browser.persistent()


def test_the_learner_is_told_where_answers_are_kept(in_a_browser, monkeypatch):
    assert "across reloads" in browser.where_kept()
    in_a_browser.rmdir()
    assert "export them before you leave" in browser.where_kept()
    monkeypatch.setattr(browser, "in_browser", lambda: False)
    assert browser.where_kept() is None


def test_attempts_survive_a_reload(in_a_browser, tmp_path):
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 4, True, 1.0)
    snapshot = json.loads((in_a_browser / browser.SNAPSHOT_NAME).read_text(encoding="utf-8"))
    assert [r["question_id"] for r in snapshot["tables"]["exercise_attempts"]] == ["orientation.four_peers"]
    reload_page(tmp_path)
    assert not list((tmp_path / "memory").glob("*"))
    rows = progress.attempts("ana")
    assert [(r.question_id, r.answer, r.correct) for r in rows] == [("orientation.four_peers", 4, True)]
    progress.record_attempt("ana", "orientation", "orientation.hash_shows", 2, False, 0.0)
    reload_page(tmp_path)
    assert progress.summary("ana")["orientation"].attempts == 2
    assert "orientation.hash_shows" in progress.export_csv("ana")


def test_another_pages_writes_are_read_before_each_use(in_a_browser, tmp_path):
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 4, True, 1.0)
    path = in_a_browser / browser.SNAPSHOT_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    other = dict(data["tables"]["exercise_attempts"][0], question_id="orientation.hash_shows",
                 created_at="2030-01-01T00:00:00.000000+00:00")
    data["tables"]["exercise_attempts"].append(other)  # another tab saved one more
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [r.question_id for r in progress.attempts("ana")] == ["orientation.four_peers", "orientation.hash_shows"]
    progress.record_attempt("ana", "orientation", "orientation.who_decides", [1], False, 0.0)  # keeps both
    reload_page(tmp_path)
    assert len(progress.attempts("ana")) == 3


def test_a_snapshot_from_another_version_loads_by_column_name(in_a_browser):
    row = {"learner": "ana", "set_id": "orientation", "question_id": "orientation.four_peers", "answer": "4",
           "correct": 1, "score": 1.0, "created_at": "2026-01-01T00:00:00.000000+00:00", "retired_column": "x"}
    (in_a_browser / browser.SNAPSHOT_NAME).write_text(
        json.dumps({"format": 1, "tables": {"exercise_attempts": [row], "a_table_no_longer_kept": [{"a": 1}]}}),
        encoding="utf-8")
    assert [r.answer for r in progress.attempts("ana")] == [4]


def test_an_unreadable_snapshot_leaves_the_working_copy(in_a_browser):
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 4, True, 1.0)
    (in_a_browser / browser.SNAPSHOT_NAME).write_text("{not json", encoding="utf-8")
    assert len(progress.attempts("ana")) == 1
    progress.record_attempt("ana", "orientation", "orientation.hash_shows", 2, False, 0.0)
    data = json.loads((in_a_browser / browser.SNAPSHOT_NAME).read_text(encoding="utf-8"))
    assert len(data["tables"]["exercise_attempts"]) == 2


def test_a_shorter_snapshot_is_written_over_a_longer_one_without_truncating(in_a_browser):
    path = in_a_browser / browser.SNAPSHOT_NAME
    path.write_text(json.dumps({"format": 1, "tables": {"exercise_attempts": []}, "padding": "x" * 5000}),
                    encoding="utf-8")
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 4, True, 1.0)
    text = path.read_text(encoding="utf-8")
    assert len(text) >= 5000 and text.rstrip(" ").endswith("}")
    assert len(json.loads(text)["tables"]["exercise_attempts"]) == 1


def test_without_a_drive_the_store_works_for_the_page_only(in_a_browser, tmp_path):
    in_a_browser.rmdir()
    assert not browser.persistent()
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 4, True, 1.0)
    assert len(progress.attempts("ana")) == 1
    assert not in_a_browser.exists()
    reload_page(tmp_path)
    assert progress.attempts("ana") == []
