"""A CLE seminar end to end in a real browser: one presenter and three attendees, each in
its own browser context and its own Voila kernel, communicating through one temporary
database (COURSE_DB), as they would on a shared server.

The server is the course's own (``server/launch.py`` + ``server/voila.json``) with a
temporary COURSE_DB, a small agenda (COURSE_SEMINAR) and a one-question exercise bank
(COURSE_SEMINAR_BANK), so the test depends neither on the reader's database nor on the
lessons and exercises others are writing. If ``server/launch.py`` does not (yet) serve the
``seminar/`` folder, the two seminar notebooks are served from a temporary root's
``notebooks/`` folder instead (same server code, same configuration).
"""
from __future__ import annotations

import base64
import csv
import io
import re
import shutil
import time
import urllib.parse

import pytest
import yaml

from browser_support import REPO, keep_offline, page_problems, running_server, wait_until_rendered, PAGE_TIMEOUT_S

pytestmark = pytest.mark.browser

AGENDA = """
seminar:
  title: Browser test seminar
  credit: {minutes_per_credit: 60, increment: 0.25}
agenda:
  - {title: Part one, minutes: 30}
  - {title: Break, minutes: 10, credit: false}
  - {title: Part two, minutes: 45}
"""
BANK = {
    "set": {"id": "demo", "title": "Demo", "order": 1},
    "questions": [{
        "id": "demo.pick", "type": "single_choice", "prompt": "Which court severed Does 2-90?",
        "options": [{"text": "N.D. Ill.", "correct": False, "feedback": "no"},
                    {"text": "N.D. Cal.", "correct": True, "feedback": "yes"}],
        "explanation": "e", "quotes": ["x.y"],
    }],
}
PEOPLE = [("Ann Advocate", "ann@example.com", "CA-1001"), ("Ben Barrister", "", "NY-2002"), ("Cy Counsel", "", "")]
T = 60_000  # ms: generous, two cores run four kernels


def _served_folder() -> str | None:
    text = (REPO / "server" / "launch.py").read_text(encoding="utf-8")
    m = re.search(r"SERVED_FOLDERS\s*=\s*\(([^)]*)\)", text)
    return "seminar" if m and "seminar" in m.group(1) else None


@pytest.fixture(scope="module")
def seminar_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seminar")
    (tmp / "seminar.yaml").write_text(AGENDA)
    (tmp / "bank").mkdir()
    (tmp / "bank" / "demo.yaml").write_text(yaml.safe_dump(BANK))
    env = {"COURSE_DB": str(tmp / "course.sqlite"), "COURSE_DB_URL": "",
           "COURSE_SEMINAR": str(tmp / "seminar.yaml"), "COURSE_SEMINAR_BANK": str(tmp / "bank")}
    folder, root = _served_folder(), None
    if folder is None:
        root = tmp / "root"
        (root / "notebooks").mkdir(parents=True)
        for name in ("presenter.ipynb", "attendee.ipynb"):
            shutil.copy(REPO / "seminar" / name, root / "notebooks" / name)
        folder = "notebooks"
    with running_server(root, env) as server:
        yield server, folder, tmp / "course.sqlite"


def _context_page(browser, dialogs):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    keep_offline(page)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return context, page


def _text_of(page, selector: str, pattern: str) -> str:
    """Wait until ``selector``'s text matches ``pattern`` (a regex); return the text."""
    page.wait_for_function(
        "([sel, pat]) => { const e = document.querySelector(sel); return e && new RegExp(pat).test(e.innerText); }",
        arg=[selector, pattern], timeout=T)
    return page.locator(selector).first.inner_text()


def _decode(href: str) -> str:
    assert href.startswith("data:")
    meta, payload = href.split(",", 1)
    return base64.b64decode(payload).decode("utf-8") if ";base64" in meta else urllib.parse.unquote(payload)


def test_a_seminar_end_to_end(browser, seminar_server):
    server, folder, db_path = seminar_server
    started = time.monotonic()
    dialogs: list[str] = []
    contexts = []
    try:
        pages = []
        for name in ["presenter"] + ["attendee"] * 3:
            context, page = _context_page(browser, dialogs)
            contexts.append(context)
            page.goto(server.page_url(f"{folder}/{name}.ipynb"), wait_until="commit", timeout=T)
            pages.append(page)
        for page in pages:  # the four kernels start in parallel
            wait_until_rendered(page, timeout_s=max(PAGE_TIMEOUT_S, 150))
        presenter, attendees = pages[0], pages[1:]

        # the presenter creates the seminar
        presenter.fill(".seminar-presenter input", "Pat Presenter")
        presenter.click(".seminar-create")
        join_code = _text_of(presenter, ".seminar-join-code", r"^[A-Z0-9]{6}$").strip()
        assert "presenter key" in presenter.inner_text(".seminar-info").lower()

        # three attendees join; a wrong join code first gets a clear message
        first = attendees[0]
        first.fill(".seminar-join-code input", "ZZZZZZ")
        first.fill(".seminar-name input", PEOPLE[0][0])
        first.click(".seminar-join")
        assert "No seminar has the join code" in _text_of(first, ".course-error", "join code")
        for page, (name, email, bar) in zip(attendees, PEOPLE):
            page.fill(".seminar-join-code input", join_code.lower())
            page.fill(".seminar-name input", name)
            page.fill(".seminar-email input", email)
            page.fill(".seminar-bar-number input", bar)
            page.click(".seminar-join")
        for page, (name, _, _) in zip(attendees, PEOPLE):
            assert name in _text_of(page, ".seminar-welcome", "You have joined")

        # the presenter reveals the first code; a wrong code is refused clearly; all enter the right one
        presenter.click(".seminar-reveal-0")
        code = _text_of(presenter, ".seminar-code", r"^[A-Z0-9]{4}-[A-Z0-9]{4}$").strip()
        first.fill(".seminar-code-input input", "AAAA-BBBB")
        first.click(".seminar-submit-code")
        assert "is not the code shown now" in _text_of(first, ".seminar-code-status", "not the code shown now")
        for page in attendees:
            page.fill(".seminar-code-input input", code.lower().replace("-", " "))
            page.click(".seminar-submit-code")
        for page in attendees:
            assert "1. Part one" in _text_of(page, ".seminar-code-status", "is recorded")
        # a second code, which the third attendee misses
        presenter.click(".seminar-reveal-2")
        presenter.wait_for_selector('.seminar-code[data-checkpoint="2"]', timeout=T)
        code2 = presenter.inner_text(".seminar-code").strip()
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code2) and code2 != code
        for page in attendees[:2]:
            page.fill(".seminar-code-input input", code2)
            page.click(".seminar-submit-code")
            _text_of(page, ".seminar-code-status", "3. Part two")

        # a poll: the attendees' pages show it by themselves (background refresh)
        presenter.click(".seminar-open-poll")
        choices = ["B. N.D. Cal.", "B. N.D. Cal.", "A. N.D. Ill."]
        for page, choice in zip(attendees, choices):
            _text_of(page, ".seminar-poll-prompt", "Which court severed")
            page.locator(".seminar-poll-choice label", has_text=choice).locator("input").check()
            page.click(".seminar-submit-answer")
        for page in attendees:
            _text_of(page, ".seminar-poll-status", "is recorded")
        results = _text_of(presenter, ".seminar-poll-results", r"3 answers")
        counts = [int(x) for x in presenter.locator(".seminar-poll-results .seminar-count").all_inner_texts()]
        assert counts == [1, 2]
        for name, _, _ in PEOPLE:
            assert name not in results and name.split()[0] not in results

        # a question with markup: the presenter sees it as text
        attack = "<script>alert(1)</script>"
        attendees[2].fill(".seminar-question-input textarea", attack)
        attendees[2].click(".seminar-ask")
        _text_of(attendees[2], ".seminar-ask-status", "was sent")
        shown = _text_of(presenter, ".seminar-questions-list", re.escape(attack))
        assert attack in shown
        assert presenter.locator(".seminar-questions-list script").count() == 0

        # the seminar ends; the records are downloaded (data: links) and checked
        presenter.click(".seminar-end")
        _text_of(presenter, ".seminar-info", "has ended")
        presenter.click(".seminar-export")
        presenter.wait_for_selector(".seminar-csv-link", timeout=T)
        table = _decode(presenter.get_attribute(".seminar-csv-link", "href"))
        rows = {r["name"]: r for r in csv.DictReader(io.StringIO(table))}
        assert set(rows) == {p[0] for p in PEOPLE}
        ann, ben, cy = (rows[p[0]] for p in PEOPLE)
        assert ann["email"] == "ann@example.com" and ann["bar_number"] == "CA-1001" and ben["bar_number"] == "NY-2002"
        assert ann["credit_hours_awarded"] == "1.25" and ben["credit_hours_awarded"] == "1.25"
        assert ann["codes_missed"] == "" and "1. Part one" in ann["codes_confirmed"] and "3. Part two" in ann["codes_confirmed"]
        assert ann["wrong_code_entries"] == "1" and ben["wrong_code_entries"] == "0"
        assert cy["credit_hours_awarded"] == "0" and cy["codes_missed"] == "3. Part two"
        assert all(r["time_in"].endswith("Z") and r["time_out"].endswith("Z") for r in rows.values())

        links = presenter.locator(".seminar-certificate-link")
        assert links.count() == 3
        certs = {links.nth(i).inner_text(): _decode(links.nth(i).get_attribute("href")) for i in range(3)}
        full = certs["Certificate: Ann Advocate"]
        assert "Certificate of Attendance" in full and "Browser test seminar" in full
        assert 'data-status="full"' in full and "1.25 hours" in full and "CA-1001" in full
        assert "Pat Presenter" in full and "Provisional" not in full
        partial = certs["Certificate: Cy Counsel"]
        assert 'data-status="partial"' in partial and "Codes missed at: 3. Part two" in partial

        # each browser was told apart by the server's signed cookie (the per-client limits)
        import sqlite3

        con = sqlite3.connect(db_path)
        clients = [r[0] for r in con.execute("SELECT client FROM seminar_attendees")]
        con.close()
        assert len(set(clients)) == 3 and all(c and not c.startswith("kernel-") for c in clients), clients

        # nothing was executed, and no page shows a traceback
        assert dialogs == []
        for page in pages:
            assert page_problems(page) == [], page_problems(page)
    finally:
        for context in contexts:
            context.close()
        elapsed = time.monotonic() - started
        print(f"\nseminar browser test: {elapsed:.1f} s")
