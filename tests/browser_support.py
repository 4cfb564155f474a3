"""Support for the browser tests: a real Voila server, Debian's Chromium, and page helpers.

The server is started by ``server/launch.py``, the same entry point and the same
``server/voila.json`` as ``bash run.sh serve``, on a free loopback port.
Fixtures built on this (``voila_server``, ``browser``, ``page``) are in ``conftest.py``.

Helpers for lesson tests::

    def test_gap_flips_ruling(page, voila_server):
        open_notebook(page, voila_server, "notebooks/01_joinder.ipynb")
        new = wait_for_text_change(page, ".course-ruling", lambda: page.fill("input[aria-label='Gap']", "48"))
        assert "sever" in new

Locally a missing Chromium or seed folder skips the test with the reason; with
``CI=true`` it fails instead (:func:`require`).
"""
from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

import pytest

REPO = Path(__file__).resolve().parent.parent
LAUNCHER = REPO / "server" / "launch.py"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Folders whose notebooks the server renders (see server/launch.py).
SERVED_FOLDERS = ("notebooks", "exercises", "seminar", "progress")
HOME = "notebooks/index.ipynb"
#: Seconds to wait for a page to render: the kernel runs every cell first.
PAGE_TIMEOUT_S = float(os.environ.get("COURSE_PAGE_TIMEOUT", "90"))


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require(ok: bool, reason: str) -> None:
    """Skip with ``reason`` when ``ok`` is false; under ``CI=true``, fail instead."""
    if ok:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def chromium_available() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def notebook_pages(root: Path = REPO) -> list[str]:
    """Every notebook the server renders, as paths relative to ``root``, home page first."""
    pages = []
    for folder in SERVED_FOLDERS:
        pages += sorted(p.relative_to(root).as_posix() for p in (root / folder).glob("*.ipynb"))
    return sorted(pages, key=lambda p: (p != HOME, p))


def render_path(notebook: str) -> str:
    """'notebooks/x.ipynb' -> '/voila/render/notebooks/x.ipynb'."""
    return "/voila/render/" + notebook.lstrip("/")


# --- the server ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(port: int, path: str = "/", timeout: float = 2.0) -> int | None:
    """HTTP status of GET ``path`` (redirects not followed), or None if nothing answers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


@dataclass
class VoilaServer:
    """A Voila server for the course on 127.0.0.1; use :func:`running_server`."""

    port: int
    process: subprocess.Popen
    log_path: Path
    connection_root: Path
    root_dir: Path = REPO
    extra_env: Mapping[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, notebook: str) -> str:
        return self.url + render_path(notebook)

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log (kernels write their stderr there too)."""
        return "\n".join(self.log().splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM (Voila shuts its kernels down), then SIGKILL what is left, kernels included."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # Kernels run in sessions of their own; any left are found by their connection files.
        for pid in _pids_mentioning(str(self.connection_root)):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.connection_root, ignore_errors=True)


def _pids_mentioning(text: str) -> list[int]:
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and int(proc.name) != os.getpid():
            pids.append(int(proc.name))
    return pids


#: The page limits of server/kernel_limits.py, raised for servers the tests and benchmarks
#: start: they open every page of the course from one browser (and one address) within a
#: minute, which a visitor may not. tests/test_kernel_limits.py starts its server with the
#: real limits (``env`` overrides these).
TEST_LIMITS = {
    "COURSE_RENDERS_PER_MINUTE": "1000",
    "COURSE_KERNELS_PER_CLIENT": "200",
    "COURSE_RENDERS_PER_MINUTE_PER_IP": "5000",
    "COURSE_KERNELS_PER_IP": "400",
    "COURSE_KERNELS_TOTAL": "400",
    "COURSE_NEW_CLIENTS_PER_MINUTE_PER_IP": "1000",
}


def start_server(
    root_dir: Path | None = None, env: Mapping[str, str] | None = None, *, timeout: float = 90.0, attempts: int = 3,
    extra_args: Sequence[str] = (),
) -> VoilaServer:
    """Start ``server/launch.py`` on a free loopback port and wait until it answers
    (``extra_args``: more options for it, e.g. ``--pool_size=2``)."""
    last_log = ""
    for _ in range(attempts):
        port = free_port()
        connection_root = Path(tempfile.mkdtemp(prefix="course-voila-"))
        log_path = connection_root / "voila.log"
        cmd = [
            sys.executable,
            str(LAUNCHER),
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            "--no-browser",
            f"--Voila.connection_dir_root={connection_root}",
        ]
        if root_dir is not None:
            cmd.append(f"--Voila.root_dir={root_dir}")
        cmd += list(extra_args)
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                cmd,
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, killed as one
                env={**os.environ, **TEST_LIMITS, "COURSE_SECRET_FILE": str(connection_root / "sign-in.secret"),
                     **(env or {})},
            )
        server = VoilaServer(port, process, log_path, connection_root, root_dir or REPO, dict(env or {}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            if _status(port) is not None:
                return server
            time.sleep(0.2)
        last_log = server.log()
        server.stop()
        if "could not be started" not in last_log and "already in use" not in last_log:
            break  # not a port race: do not retry
    raise RuntimeError(f"the Voila server did not start; its log:\n{last_log[-4000:]}")


@contextlib.contextmanager
def running_server(root_dir: Path | None = None, env: Mapping[str, str] | None = None,
                   extra_args: Sequence[str] = ()) -> Iterator[VoilaServer]:
    server = start_server(root_dir, env, extra_args=extra_args)
    try:
        yield server
    finally:
        server.stop()


# --- the browser and pages --------------------------------------------------------------


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def keep_offline(page) -> None:
    """Answer only loopback requests; the course must render without the internet."""

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)


_READY_JS = """() => {
  const cells = document.querySelector('#rendered_cells');
  return !document.querySelector('#loading')
    && cells !== null && getComputedStyle(cells).display !== 'none'
    && document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]').length === 0;
}"""

_QUIET_JS = """(quietMs) => new Promise(resolve => {
  let timer = setTimeout(done, quietMs);
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quietMs); });
  function done() { observer.disconnect(); resolve(true); }
  observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
})"""


def wait_until_rendered(page, *, timeout_s: float = PAGE_TIMEOUT_S, quiet_ms: int = 800) -> None:
    """Wait for Voila to finish: cells executed, spinner gone, every output (widgets
    included) rendered, and then the page quiet (no DOM change) for ``quiet_ms``."""
    page.wait_for_function(_READY_JS, timeout=timeout_s * 1000)
    page.evaluate(_QUIET_JS, quiet_ms)


#: Text a reader must never see: tracebacks, exception and warning class names, and
#: Voila's and ipywidgets' own failure notices.
FORBIDDEN = [
    re.compile(r"Traceback"),
    re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Warning)\b"),
    re.compile(r"\bException\b"),
    re.compile(r"There was an error when executing cell"),
    re.compile(r"Error displaying widget"),
    re.compile(r"Failed to (?:load|render) (?:model|widget)", re.I),
]


def page_problems(page) -> list[str]:
    """What is wrong with a rendered page, as sentences (empty if nothing)."""
    problems = []
    text = page.inner_text("body")
    for pattern in FORBIDDEN:
        for m in pattern.finditer(text):
            start = max(0, m.start() - 80)
            problems.append(f"page shows {m.group(0)!r}: …{text[start:m.end() + 80]!r}…")
            break
    errors = page.locator('[data-course-ready="error"]')
    if errors.count():
        problems.append(f"a course widget failed: {errors.first.inner_text()!r}")
    return problems


def open_notebook(page, server: VoilaServer, notebook: str) -> None:
    """Open a notebook's page, check it answered 200, and wait until it has rendered."""
    response = page.goto(server.page_url(notebook), wait_until="commit", timeout=PAGE_TIMEOUT_S * 1000)
    assert response is not None and response.status == 200, (
        f"{notebook}: HTTP {response.status if response else 'no response'}"
    )
    try:
        wait_until_rendered(page)
    except Exception as e:  # a timeout: say what the page shows
        body = page.inner_text("body")[:2000] if page.locator("body").count() else ""
        raise AssertionError(
            f"{notebook} did not finish rendering in {PAGE_TIMEOUT_S:.0f}s ({e.__class__.__name__}).\n"
            f"Page text:\n{body}\nServer log (end):\n{server.log()[-3000:]}"
        ) from None


def wait_for_text_change(page, selector: str, action: Callable[[], object], *, timeout_s: float = 20.0) -> str:
    """Run ``action`` (operate a control) and wait until the text of ``selector`` changes.

    Returns the new text. Fails if it has not changed within ``timeout_s``: use it to
    check that moving a slider or ticking a box changes a displayed ruling.
    """
    locator = page.locator(selector).first
    locator.wait_for(state="attached", timeout=timeout_s * 1000)
    before = locator.inner_text()
    action()
    page.wait_for_function(
        """([sel, before]) => { const e = document.querySelector(sel); return e !== null && e.innerText !== before; }""",
        arg=[selector, before],
        timeout=timeout_s * 1000,
    )
    return locator.inner_text()
