"""The course's kernel pool (server/pool.py, server/page_guard.py, server/seminar_prewarm.py).

* a seminar's lesson gets as many pre-heated kernels as attendees expected, every other page keeps
  its usual pool;
* the kernel manager's ZeroMQ context allows far more than libzmq's 1,023 sockets;
* a pre-heated kernel whose page did not finish is replaced by a fresh kernel before anyone sees
  it, and a page that cannot be finished at all ends with a sentence, never a spinner forever.
"""
from __future__ import annotations

import importlib.util
import json
import sys
import time
import urllib.error
import urllib.request

import pytest
import zmq
from traitlets.config import Config

from browser_support import REPO, running_server

PAGE_END = "window.voila_finish()"


def _server_module(name: str):
    spec = importlib.util.spec_from_file_location(f"course_server_{name}", REPO / "server" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_the_seminar_lesson_gets_a_pool_sized_to_the_attendance():
    prewarm = _server_module("seminar_prewarm")
    pools = {"default": {"pool_size": 0}, "notebooks/index.ipynb": {"pool_size": 1},
             "notebooks/03_malibu_ndill.ipynb": {"pool_size": 1}}
    c = Config()
    c.SeminarPool.attendance = 100
    c.SeminarPool.lesson = 3
    sized = prewarm.sized_for_seminar(pools, c)
    assert sized["notebooks/03_malibu_ndill.ipynb"] == {"pool_size": 100, "seminar_spare": 2}
    assert sized["notebooks/index.ipynb"] == {"pool_size": 1} and sized["default"] == {"pool_size": 0}
    assert prewarm.sized_for_seminar(pools, Config()) == pools  # no attendance given: no seminar pool
    c.SeminarPool.attendance = 10_000
    assert prewarm.sized_for_seminar(pools, c)["notebooks/03_malibu_ndill.ipynb"]["pool_size"] == 200  # capped
    # Without a lesson, the agenda's first lesson (data/seminar.yaml starts with lesson 0).
    assert prewarm.seminar_lesson_notebook() == "notebooks/00_orientation.ipynb"
    c.SeminarPool.lesson = 42
    with pytest.raises(ValueError, match="no such lesson"):
        prewarm.sized_for_seminar(pools, c)


def test_the_kernel_managers_context_holds_more_than_1023_sockets():
    pool = _server_module("pool")
    ctx = zmq.Context()
    try:
        limit = pool.lift_socket_limit(ctx)
        assert ctx.get(zmq.MAX_SOCKETS) == limit > 1023
        sockets = [ctx.socket(zmq.PAIR) for _ in range(1100)]  # the 1,024th would fail by default
        for s in sockets:
            s.close(linger=0)
    finally:
        ctx.term()


def _notebook(path, source: str) -> None:
    path.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source},
                  {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                   "source": "print('the whole page ran')"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")


def _get(url: str) -> str:
    """GET a page as a browser does: the course gives a new browser its cookie and sends it back."""
    import http.cookiejar

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(url, timeout=240) as r:
        assert r.status == 200
        return r.read().decode("utf-8")


def test_a_failed_pre_heated_kernel_is_replaced_and_a_hopeless_page_says_so(tmp_path):
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    flag = tmp_path / "died-once"
    # Its kernel dies the first time it runs the page (as a kernel given a taken port, or starved).
    _notebook(root / "notebooks" / "flaky.ipynb",
              "import os, pathlib\nflag = pathlib.Path(os.environ['COURSE_TEST_FLAG'])\n"
              "if not flag.exists():\n    flag.touch()\n    os._exit(1)")
    _notebook(root / "notebooks" / "hopeless.ipynb", "import os\nos._exit(1)")
    with running_server(root, env={"COURSE_TEST_FLAG": str(flag)}, extra_args=[
            "--pool_size=1", "--CourseKernelManager.start_attempts=2",
            "--CourseKernelManager.max_starting=1"]) as server:
        deadline = time.monotonic() + 240  # both pools ready (a request before that gets a fresh kernel)
        while time.monotonic() < deadline and server.log().count("is filled with 1 kernel(s)") < 2:
            time.sleep(0.5)
        flaky = _get(server.page_url("notebooks/flaky.ipynb"))
        with pytest.raises(urllib.error.HTTPError) as refused:  # the request ends, with a sentence
            _get(server.page_url("notebooks/hopeless.ipynb"))
        hopeless = refused.value.read().decode("utf-8")
        log = server.log()
    assert flag.exists()  # the first kernel did die
    assert "flaky.ipynb: pre-heated kernel" in log and "attempt 1 of 2" in log
    assert "the whole page ran" in flaky and PAGE_END in flaky and "course-page-incomplete" not in flaky
    # every kernel of the hopeless page died running it: none is handed out (it would answer 404)
    assert refused.value.code == 503 and "could not start this page right now" in hopeless
    assert "Kernel does not exist" not in log and "the whole page ran" not in hopeless


def test_a_seminar_pool_is_taken_down_to_its_spare_not_refilled_to_the_attendance(tmp_path):
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    _notebook(root / "notebooks" / "00_orientation.ipynb", "x = 1")  # stands in for lesson 0
    with running_server(root, extra_args=[
            "--pool_size=0", "--SeminarPool.attendance=3", "--SeminarPool.lesson=0", "--SeminarPool.spare=1",
            "--CourseKernelManager.max_starting=1", "--VoilaKernelManager.fill_delay=0"]) as server:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and "is filled with 3 kernel(s)" not in server.log():
            time.sleep(0.5)
        assert server.log().count("Kernel started") == 3  # pre-heated before anyone came
        for _ in range(3):  # the three expected attendees
            assert "the whole page ran" in _get(server.page_url("notebooks/00_orientation.ipynb"))
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and server.log().count("Kernel started") < 4:
            time.sleep(0.5)
        time.sleep(3)  # had the pool been refilled to 3, two more would be starting by now
        log = server.log()
    assert log.count("Using pre-heated kernel") == 3  # every attendee got a pre-heated kernel
    assert log.count("Kernel started") == 4  # 3 for the attendees + 1 spare, not 3 more


def test_arrivals_beyond_the_pool_are_served_first_come_first_served(tmp_path):
    import concurrent.futures

    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    _notebook(root / "notebooks" / "slow.ipynb", "import time\ntime.sleep(1.5)")  # a notebook that takes a while
    with running_server(root, extra_args=["--pool_size=1", "--CourseKernelManager.max_starting=1",
                                          "--VoilaKernelManager.fill_delay=0"]) as server:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and "is filled with 1 kernel(s)" not in server.log():
            time.sleep(0.5)
        served: list[int] = []

        def attendee(i: int) -> None:
            time.sleep(0.4 * i)  # they arrive in this order
            assert "the whole page ran" in _get(server.page_url("notebooks/slow.ipynb"))
            served.append(i)

        with concurrent.futures.ThreadPoolExecutor(4) as ex:
            for f in [ex.submit(attendee, i) for i in range(4)]:
                f.result()
        log = server.log()
    assert served == [0, 1, 2, 3]  # each waited for the kernel started for it, in turn
    assert log.count("Using pre-heated kernel") == 4  # the queue went through the pool, none around it
