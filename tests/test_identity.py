"""Identity (issue #14, part 1): a learner is who the hub or the course server says, never
what they type; a learner reads only their own records; the class page is an instructor's.

The finding: "Identity is a typed learner ID: typing a classmate's ID exports their record
and writes attempts under their name."
"""
from __future__ import annotations

import pytest

from course import identity, progress

SECRET = b"0123456789abcdef0123456789abcdef"


def test_a_token_names_its_learner_and_a_changed_token_is_refused():
    token = identity.make_token("Ana Lima", secret=SECRET)
    assert identity.read_token(token, secret=SECRET) == identity.Identity("Ana Lima", "learner", "sign-in")
    payload, mac = token.split(".")
    forged = identity.make_token("Ben Okafor", secret=b"another-secret-another-secret-xx").split(".")[0] + "." + mac
    for bad in (forged, payload + "." + "0" * 64, "", "garbage", payload):
        with pytest.raises(identity.BadToken):
            identity.read_token(bad, secret=SECRET)
    teacher = identity.make_token("Prof. Ray", "instructor", secret=SECRET)
    assert identity.read_token(teacher, secret=SECRET).is_instructor


def test_the_identity_comes_from_the_server_or_the_hub_only():
    assert identity.current({}) is None
    assert identity.current({identity.LEARNER_ENV: "Ana", identity.ROLE_ENV: "instructor"}).is_instructor
    assert identity.current({identity.LEARNER_ENV: "Ana", identity.ROLE_ENV: "root"}).role == "learner"
    hub = identity.current({identity.HUB_USER_ENV: "alice", identity.INSTRUCTORS_ENV: "carol, dave"})
    assert hub == identity.Identity("alice", "learner", "hub")
    assert identity.current({identity.HUB_USER_ENV: "carol", identity.INSTRUCTORS_ENV: "carol,dave"}).is_instructor


def test_the_secret_is_made_once_and_private(tmp_path):
    path = tmp_path / "s" / "sign-in.secret"
    first = identity.load_secret(path)
    assert identity.load_secret(path) == first and len(first) == 64
    assert (path.stat().st_mode & 0o777) == 0o600


def test_sign_in_links_from_the_command_line(tmp_path, monkeypatch, capsys):
    from course.cli import main

    monkeypatch.setenv(identity.SECRET_ENV, str(tmp_path / "secret"))
    assert main(["sign-in-links", "--base-url", "http://course.example:8866", "Ana Lima", "Ben"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["Ana Lima", "Ben"]
    assert lines[0].split("\t")[1].startswith("http://course.example:8866/voila/render/notebooks/index.ipynb?course_token=")


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DB_URL", f"sqlite:///{tmp_path / 'course.sqlite'}")
    for name in (identity.LEARNER_ENV, identity.ROLE_ENV, identity.HUB_USER_ENV, identity.INSTRUCTORS_ENV):
        monkeypatch.delenv(name, raising=False)
    progress.record_attempt("ben", "orientation", "orientation.four_peers", 4, True, 1.0)
    progress.record_attempt("ana", "orientation", "orientation.four_peers", 5, False, 0.0)
    return monkeypatch


def _find(root, cls):
    found = []

    def walk(x):
        if cls in getattr(x, "_dom_classes", ()):
            found.append(x)
        for c in getattr(x, "children", ()):
            walk(c)

    walk(root)
    return found


def test_a_signed_in_learner_cannot_type_a_classmates_id(store):
    """The review's reproduction: type a classmate's ID, export, answer. Now the ID is fixed."""
    store.setenv(identity.LEARNER_ENV, "ana")
    from widgets.exercise_view import ExerciseSetView, _SESSION

    view = ExerciseSetView("orientation")
    assert view.learner.disabled and view.learner.value == "ana" and view.learner.description == "Signed in as:"
    view.learner.value = "ben"  # a value forced from the browser's side changes nothing
    assert _SESSION["learner"] == "ana"
    view._on_export()
    assert "Exercise record: ana" in __import__("base64").b64decode(
        view.export_out.value.split("base64,")[1].split('"')[0]).decode()


def test_my_progress_lists_every_set_for_the_signed_in_learner_only(store):
    store.setenv(identity.LEARNER_ENV, "ana")
    from widgets.progress_view import MyProgressView

    view = MyProgressView()
    table = _find(view.widget, "course-progress-summary")[0].value
    assert "Signed in as <strong>ana</strong>" in view.widget.children[2].value
    assert "1 of" in table and "not started" in table  # the orientation set, and the sets not begun
    view.export()
    links = _find(view.widget, "course-progress-downloads")[0].value
    assert "course-progress-html" in links and "course-progress-csv" in links
    import base64

    csv_text = base64.b64decode(links.split("course-progress-csv")[1].split("base64,")[1].split('"')[0]).decode()
    rows = csv_text.split("\r\n")
    assert len(rows) == 3 and rows[1].endswith(",orientation,orientation.four_peers,5,not right,0")  # ana's, not ben's


def test_the_class_page_is_for_instructors_only(store):
    from widgets.progress_view import ClassProgressView

    store.setenv(identity.LEARNER_ENV, "ana")
    refused = ClassProgressView()
    shown = "".join(getattr(c, "value", "") for c in refused.widget.children)
    assert "This page is for instructors" in shown and "ben" not in shown
    store.setenv(identity.ROLE_ENV, "instructor")
    view = ClassProgressView()
    table = _find(view.widget, "course-class-table")[0].value
    assert ">ana<" in table and ">ben<" in table and "2 learners" in table


@pytest.mark.browser
def test_sign_in_once_per_browser_and_headers_cannot_claim_a_name(browser, tmp_path):
    from browser_support import keep_offline, running_server, wait_until_rendered

    secret_file = tmp_path / "sign-in.secret"
    secret = identity.load_secret(secret_file)
    env = {"COURSE_SECRET_FILE": str(secret_file), "COURSE_SIGN_IN": "required",
           "COURSE_DB_URL": f"sqlite:///{tmp_path / 'course.sqlite'}"}
    with running_server(env=env) as server:
        page_url = server.page_url("exercises/00_orientation.ipynb")
        # no sign-in: refused in words, even when the browser claims a name in a header
        stranger = browser.new_context()
        page = stranger.new_page()
        keep_offline(page)
        page.set_extra_http_headers({"X-Course-Learner": "ben", "X-Course-Role": "instructor"})
        response = page.goto(page_url)
        assert response.status == 403 and "Sign in first" in page.inner_text("body")
        stranger.close()
        # the sign-in link, once: then every page knows the learner, whatever the headers say
        ana = browser.new_context()
        page = ana.new_page()
        keep_offline(page)
        page.set_extra_http_headers({"X-Course-Learner": "ben"})
        link = identity.sign_in_link(server.url, "ana", secret=secret, page="exercises/00_orientation.ipynb")
        page.goto(link)
        assert "course_token" not in page.url
        wait_until_rendered(page)
        field = page.get_by_label("Signed in as:")
        assert field.input_value() == "ana" and field.is_disabled()
        page.goto(server.page_url("progress/my_progress.ipynb"))
        wait_until_rendered(page)
        assert "Signed in as ana." in page.inner_text(".course-progress-who")
        # a forged token is refused
        bad = link.split("course_token=")[0] + "course_token=" + identity.make_token("ben", secret=b"x" * 64)
        assert page.goto(bad).status == 403
        ana.close()
