"""A seminar larger than one server: two course servers behind one proxy, one PostgreSQL.

Two Voila servers (``server/launch.py`` + ``server/voila.json``, each with its own base URL
``/a/`` and ``/b/``, as JupyterHub gives each server a prefix of its own) sit behind
configurable-http-proxy, JupyterHub's proxy, on 127.0.0.1, and share one PostgreSQL seminar
database (``COURSE_DB_URL``). The presenter and one attendee reach server A through the
proxy, a second attendee server B; both join with the same join code, both answer the poll,
and the presenter's page, on A, counts both answers. Both servers trust the proxy's
X-Forwarded-For (``--CourseVoila.trust_xheaders=True``), as deploy/README.md tells a
deployment behind a proxy to do.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import time
import urllib.request

import pytest
from sqlalchemy import create_engine, func, select, text  # noqa: F401

from browser_support import free_port, running_server, wait_until_rendered
from proxy_support import ensure_proxy
from test_seminar_browser import AGENDA, BANK, T, _context_page, _text_of

pytestmark = [pytest.mark.browser, pytest.mark.deploy]


def _fresh_database(server_url: str, name: str) -> str:
    """A new, empty database on the test PostgreSQL; its URL."""
    eng = create_engine(server_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


class _Proxy:
    def __init__(self):
        self.port, self.api_port = free_port(), free_port()
        self.token = secrets.token_hex(16)
        self.process = subprocess.Popen(
            [ensure_proxy(), "--ip", "127.0.0.1", "--port", str(self.port), "--api-ip", "127.0.0.1",
             "--api-port", str(self.api_port), "--log-level", "warn"],
            env={**os.environ, "CONFIGPROXY_AUTH_TOKEN": self.token},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 30
        while True:
            try:
                self._api("GET", "/api/routes")
                return
            except OSError:
                assert self.process.poll() is None, f"the proxy exited: {self.process.stderr.read().decode()[-2000:]}"
                assert time.monotonic() < deadline, "the proxy did not answer in 30 s"
                time.sleep(0.2)

    def _api(self, method: str, path: str, body: dict | None = None) -> bytes:
        req = urllib.request.Request(f"http://127.0.0.1:{self.api_port}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.read()

    def route(self, prefix: str, port: int) -> None:
        self._api("POST", f"/api/routes{prefix}", {"target": f"http://127.0.0.1:{port}"})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, postgres_server):
    tmp = tmp_path_factory.mktemp("two-servers")
    (tmp / "seminar.yaml").write_text(AGENDA)
    (tmp / "bank").mkdir()
    import yaml

    (tmp / "bank" / "demo.yaml").write_text(yaml.safe_dump(BANK))
    db_url = _fresh_database(postgres_server, "two_servers")
    env = {"COURSE_DB_URL": db_url, "COURSE_SEMINAR": str(tmp / "seminar.yaml"),
           "COURSE_SEMINAR_BANK": str(tmp / "bank")}
    proxy = _Proxy()
    try:
        with running_server(env=env, extra_args=["--Voila.base_url=/a/", "--CourseVoila.trust_xheaders=True"]) as a, \
                running_server(env=env, extra_args=["--Voila.base_url=/b/", "--CourseVoila.trust_xheaders=True"]) as b:
            proxy.route("/a", a.port)
            proxy.route("/b", b.port)
            yield proxy, a, b, db_url
    finally:
        proxy.stop()


def test_a_poll_answered_on_each_server_is_counted_once_for_the_seminar(browser, two_servers):
    proxy, a, b, db_url = two_servers
    dialogs: list[str] = []
    contexts, pages, sockets = [], [], []
    try:
        for prefix, name in [("/a", "presenter"), ("/a", "attendee"), ("/b", "attendee")]:
            context, page = _context_page(browser, dialogs)
            contexts.append(context)
            sockets.append([])
            page.on("websocket", lambda w, seen=sockets[-1]: seen.append(w.url))
            response = page.goto(f"{proxy.url}{prefix}/voila/render/seminar/{name}.ipynb", wait_until="commit", timeout=T)
            assert response is not None and response.status == 200, f"{prefix} {name}: HTTP {response and response.status}"
            pages.append(page)
        for page in pages:
            wait_until_rendered(page, timeout_s=150)
        presenter, on_a, on_b = pages

        presenter.fill(".seminar-presenter input", "Pat Presenter")
        presenter.click(".seminar-create")
        join_code = _text_of(presenter, ".seminar-join-code", r"^[A-Z0-9]{6}$").strip()
        for page, name in [(on_a, "Ann on A"), (on_b, "Ben on B")]:
            page.fill(".seminar-join-code input", join_code)  # a code made on A is known on B: one database
            page.fill(".seminar-name input", name)
            page.click(".seminar-join")
            assert name in _text_of(page, ".seminar-welcome", "You have joined")

        presenter.click(".seminar-open-poll")
        for page, choice in [(on_a, "B. N.D. Cal."), (on_b, "A. N.D. Ill.")]:
            _text_of(page, ".seminar-poll-prompt", "Which court severed")  # B's page learns of A's poll
            page.locator(".seminar-poll-choice label", has_text=choice).locator("input").check()
            page.click(".seminar-submit-answer")
            _text_of(page, ".seminar-poll-status", "is recorded")
        _text_of(presenter, ".seminar-poll-results", r"2 answers")
        counts = [int(x) for x in presenter.locator(".seminar-poll-results .seminar-count").all_inner_texts()]
        assert counts == [1, 1]
        assert dialogs == []
    finally:
        for context in contexts:
            context.close()

    # each page's kernel websocket went through the proxy to its own server's prefix ...
    ws = f"ws://127.0.0.1:{proxy.port}"
    assert [sorted({u.split("/api/kernels/")[0] for u in urls if "/api/kernels/" in u}) for urls in sockets] == [
        [f"{ws}/a"], [f"{ws}/a"], [f"{ws}/b"]], sockets
    # ... and both answers are in the one database, under one seminar
    from course import db
    from course.schema import seminar_answers, seminar_attendees

    with db.reading(db_url) as conn:
        assert conn.execute(select(func.count()).select_from(seminar_answers)).scalar_one() == 2
        assert conn.execute(select(func.count(func.distinct(seminar_attendees.c.session_id)))).scalar_one() == 1
