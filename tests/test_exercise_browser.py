"""The exercise pages in a real browser: answering by keyboard, and no answer key sent
to the browser (page, widget state over the websocket, or any file Voila serves)."""
from __future__ import annotations

import html
import http.client
import json
import tempfile
from pathlib import Path

import pytest

from browser_support import REPO, open_notebook, page_problems, running_server

from course import exercises as ex

pytestmark = pytest.mark.browser

EXERCISE_PAGES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "exercises").glob("*.ipynb"))


@pytest.fixture(scope="module")
def exercise_server():
    """The course server (same launcher and settings), with a throwaway progress database."""
    with tempfile.TemporaryDirectory(prefix="course-ex-db-") as tmp:
        with running_server(env={"COURSE_DB": str(Path(tmp) / "course.sqlite"), "COURSE_DB_URL": ""}) as server:
            yield server


def _set_id(notebook: str) -> str:
    nb = json.loads((REPO / notebook).read_text(encoding="utf-8"))
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return code.split('exercise_set("', 1)[1].split('"', 1)[0]


def _keys(set_id: str) -> list[str]:
    """Distinctive pieces of the set's answer key, in the forms they could travel in."""
    s = ex.get_set(set_id)
    out: set[str] = set()
    for q in s.questions:
        public = json.dumps(ex.public(q), ensure_ascii=False)
        for k in ex.key_strings(q):
            k = " ".join(k.split())
            if len(k) < 20 or k in public:
                continue
            out.update({k, html.escape(k), json.dumps(k)[1:-1], json.dumps(k, ensure_ascii=False)[1:-1]})
    return sorted(out)


def _get(server, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read().decode("utf-8", errors="replace")
    finally:
        conn.close()


def test_answer_by_keyboard_and_see_feedback(page, exercise_server):
    open_notebook(page, exercise_server, "exercises/00_orientation.ipynb")
    assert page_problems(page) == []
    assert page.locator(".course-ex-feedback").count() == 0  # no feedback before an answer
    learner = page.get_by_label("Learner ID:")
    learner.focus()
    page.keyboard.type("keyboard-tester")
    page.keyboard.press("Tab")
    card = page.locator(".course-ex-card").filter(has=page.locator('[data-question-id="orientation.four_peers"]'))
    number = card.locator("input").first
    number.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    page.keyboard.press("Tab")  # to "Check answer"
    focused = page.evaluate("() => document.activeElement && document.activeElement.innerText")
    assert "Check answer" in (focused or "")
    page.keyboard.press("Enter")
    feedback = page.locator('.course-ex-feedback[data-question-id="orientation.four_peers"]')
    feedback.wait_for(timeout=30_000)
    text = feedback.inner_text()
    assert "Correct" in text and "n.4" in text  # words, and the quote's pinpoint
    note = page.locator(".course-ex-card .course-ex-note", has_text="Saved for").or_(
        page.locator(".course-ex-card .course-ex-note", has_text="saved"))
    note.first.wait_for(timeout=10_000)
    assert "Saved for keyboard-tester." in note.first.inner_text(), note.first.inner_text()
    assert page_problems(page) == []


@pytest.mark.parametrize("notebook", EXERCISE_PAGES)
def test_no_answer_key_reaches_the_browser(page, exercise_server, notebook):
    set_id = _set_id(notebook)
    keys = _keys(set_id)
    assert keys, f"{set_id}: no key strings to look for"
    frames: list[str] = []

    def on_ws(ws):
        def keep(payload):
            frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", errors="replace"))

        ws.on("framereceived", keep)
        ws.on("framesent", keep)

    page.on("websocket", on_ws)
    open_notebook(page, exercise_server, notebook)
    assert page_problems(page) == []
    seen = {"page HTML": page.evaluate("() => document.documentElement.outerHTML"), "websocket": "\n".join(frames)}
    assert frames, "no websocket traffic was captured"
    for path in [
        f"/voila/files/data/exercises/{set_id}.yaml",
        f"/voila/files/{notebook}",
        f"/files/data/exercises/{set_id}.yaml",
        f"/files/{notebook}",
        f"/api/contents/data/exercises/{set_id}.yaml",
        f"/api/contents/{notebook}",
        "/api/contents/data/exercises",
        "/voila/tree",
        "/voila/tree/data/exercises",
        f"/voila/render/data/exercises/{set_id}.yaml",
        f"/voila/static/../data/exercises/{set_id}.yaml",
        f"/voila/files/exercises/../data/exercises/{set_id}.yaml",
    ]:
        status, body = _get(exercise_server, path)
        seen[f"GET {path} ({status})"] = body
    # a positive control: the public text of the last question did reach the browser
    last = ex.get_set(set_id).questions[-1]
    words = " ".join(last.prompt.split())[:40]
    assert any(f in seen["page HTML"] + seen["websocket"] for f in (words, html.escape(words), json.dumps(words)[1:-1])), (
        f"{notebook}: the page never showed {words!r}; is this the right page?")
    for where, text in seen.items():
        leaked = [k for k in keys if k in text]
        assert not leaked, f"{notebook}: {where} contains answer-key text: {leaked[0][:120]!r}"
