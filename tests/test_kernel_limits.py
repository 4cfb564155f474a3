"""Bounded kernels and renders (issue #14, part 3; server/kernel_limits.py).

The finding: 30 unauthenticated GETs of an exercise page started 30 kernels in 14 s
(+2 GB), each kept 20 minutes. Now a client holds at most a few page kernels, renders are
rate-limited, the server has a total, and a kernel nobody connects to is culled in about a
minute. The ledger is tested directly (with a fake clock), then against a real server.
"""
from __future__ import annotations

import dataclasses
import http.cookiejar
import time
import urllib.error
import urllib.request

import nbformat
import pytest

from browser_support import REPO, running_server

import sys

sys.path.insert(0, str(REPO / "server"))
import kernel_limits as kl  # noqa: E402  (server/kernel_limits.py)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_a_client_is_limited_in_kernels_and_in_renders_per_minute():
    clock = Clock()
    ledger = kl.Ledger(kl.Limits(renders_per_minute=5, kernels_per_client=2, kernels_total=100), clock)
    live: set[str] = set()
    for n in range(2):
        assert ledger.admit("browser-a", "10.0.0.1", live) is None
        ledger.record(f"k{n}", ("browser-a", "10.0.0.1"))
        live.add(f"k{n}")
    refusal = ledger.admit("browser-a", "10.0.0.1", live)
    assert refusal.status == 429 and "2 course pages open" in refusal.message
    assert ledger.admit("browser-b", "10.0.0.1", live) is None  # another browser in the same room
    live.discard("k0")  # a kernel ended (culled, or its tab closed): room for one more
    assert ledger.admit("browser-a", "10.0.0.1", live) is None
    ledger.record("k2", ("browser-a", "10.0.0.1"))
    live.add("k2")
    for n in range(3):  # renders that started no kernel still count
        live.discard(f"k{n}")
        ledger.admit("browser-a", "10.0.0.1", live)
    refusal = ledger.admit("browser-a", "10.0.0.1", set())
    assert refusal.status == 429 and "in the last minute" in refusal.message and refusal.retry_after_s <= 61
    clock.t += 61
    assert ledger.admit("browser-a", "10.0.0.1", set()) is None


def test_the_server_total_and_the_per_address_limit():
    ledger = kl.Ledger(kl.Limits(kernels_total=3, kernels_per_ip=2), Clock())
    live = set()
    for n, ip in enumerate(["10.0.0.1", "10.0.0.1", "10.0.0.2"]):
        assert ledger.admit(f"b{n}", ip, live) is None
        ledger.record(f"k{n}", (f"b{n}", ip))
        live.add(f"k{n}")
    assert ledger.admit("b9", "10.0.0.3", live).status == 503
    live.discard("k2")
    refusal = ledger.admit("b9", "10.0.0.1", live)
    assert refusal.status == 429 and "from your network" in refusal.message


def test_limits_can_be_set_by_environment():
    lim = kl.Limits.from_env({"COURSE_KERNELS_PER_CLIENT": "7", "COURSE_KERNELS_TOTAL": "0"})
    assert lim.kernels_per_client == 7 and lim.kernels_total == 1 and lim.renders_per_minute == 12


def test_new_cookies_per_address_are_rate_limited():
    clock = Clock()
    ledger = kl.Ledger(kl.Limits(new_clients_per_minute_per_ip=3), clock)
    assert [ledger.admit_new_client("10.0.0.9") for _ in range(3)] == [None] * 3
    refusal = ledger.admit_new_client("10.0.0.9")
    assert refusal.status == 429 and "new browsers" in refusal.message
    assert ledger.admit_new_client("10.0.0.10") is None
    clock.t += 61
    assert ledger.admit_new_client("10.0.0.9") is None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _kernels(server) -> int:
    import psutil

    def is_kernel(p) -> bool:
        try:
            return "ipykernel" in " ".join(p.cmdline())
        except (psutil.ZombieProcess, psutil.NoSuchProcess, psutil.AccessDenied):
            return False  # a kernel that has just ended is not running

    return sum(1 for p in psutil.Process(server.process.pid).children(recursive=True) if is_kernel(p))


@pytest.mark.browser
def test_thirty_gets_start_at_most_the_clients_share_and_idle_kernels_are_culled(tmp_path):
    (tmp_path / "exercises").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print('hello')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "exercises" / "page.ipynb")
    real = {f"COURSE_{f.name.upper()}": str(getattr(kl.Limits(), f.name)) for f in dataclasses.fields(kl.Limits)}
    with running_server(tmp_path, real) as server:
        url = server.page_url("exercises/page.ipynb")
        statuses = []
        started = time.monotonic()
        # without a cookie: a redirect that sets one, and no kernel
        plain = urllib.request.build_opener(_NoRedirect)
        try:
            plain.open(url, timeout=60)
        except urllib.error.HTTPError as e:
            assert e.code == 302 and any("course_client=" in c for c in e.headers.get_all("Set-Cookie"))
        assert _kernels(server) == 0
        # the review's loop, by a client that keeps its cookie: 30 GETs
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        for _ in range(30):
            try:
                with opener.open(url, timeout=120) as r:
                    r.read()
                    statuses.append(r.status)
            except urllib.error.HTTPError as e:
                body = e.read().decode()
                assert e.code == 429 and "Please wait" in body and "Traceback" not in body
                assert e.headers["Retry-After"]
                statuses.append(e.code)
        assert statuses.count(200) == kl.Limits().kernels_per_client  # 4 kernels, then "close a page"
        assert _kernels(server) == kl.Limits().kernels_per_client
        # a second browser (its own cookie) has its own share
        other = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with other.open(url, timeout=120) as r:
            assert r.status == 200
        # a client that refuses cookies is told so, and starts nothing
        try:
            plain.open(url + "?course_cookie=1", timeout=60)
        except urllib.error.HTTPError as e:
            assert e.code == 400 and "Allow cookies" in e.read().decode()
        # nobody opened the pages' websockets: the culler ends them within about a minute
        deadline = time.monotonic() + 180
        while _kernels(server) and time.monotonic() < deadline:
            time.sleep(2)
        print(f"\n{statuses.count(200)} of 30 GETs from one browser started a kernel; all culled "
              f"{time.monotonic() - started:.0f} s after the first")
        assert _kernels(server) == 0
