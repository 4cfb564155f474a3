"""Bounds on what a visitor can make the course server do (issue #14, part 3).

A security review started 30 kernels in 14 s with 30 unauthenticated GETs of an exercise
page (+2 GB, each kept 20 minutes). Here every page render is counted against its client
and every kernel started for a page is recorded with its client:

* a **client** is the browser's signed cookie (``server/launch.py``). A request without a
  valid cookie gets one and is redirected, starting no kernel; an address may be given
  :attr:`Limits.new_clients_per_minute_per_ip` new cookies a minute, so a script that drops
  its cookie cannot be a new client for every page;
* a client may render :attr:`Limits.renders_per_minute` pages a minute and hold
  :attr:`Limits.kernels_per_client` live page kernels; one IP address (a class behind one
  router) :attr:`Limits.renders_per_minute_per_ip` and :attr:`Limits.kernels_per_ip`;
  the server :attr:`Limits.kernels_total`;
* kernels nobody is connected to are culled after about a minute (``MappingKernelManager``
  in ``server/voila.json``: ``cull_idle_timeout`` 60 s, checked every 15 s).

Past a limit the server answers 429 (or 503 when the server is full) with a page that says
why in words and when to try again. Each limit can be set by an environment variable
(``COURSE_KERNELS_PER_CLIENT`` and so on, see :meth:`Limits.from_env`).
"""
from __future__ import annotations

import contextvars
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, fields
from typing import Any, Callable

#: The client the current request counts against (set by the page handler, read where
#: Voila starts or hands out a kernel, in the same asyncio task).
CURRENT_CLIENT: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("course_client", default=None)


@dataclass(frozen=True)
class Limits:
    renders_per_minute: int = 12
    new_clients_per_minute_per_ip: int = 60
    kernels_per_client: int = 4
    renders_per_minute_per_ip: int = 240
    kernels_per_ip: int = 80
    kernels_total: int = 150

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Limits":
        env = dict(os.environ if env is None else env)
        values = {}
        for f in fields(cls):
            raw = env.get("COURSE_" + f.name.upper())
            if raw:
                values[f.name] = max(1, int(raw))
        return cls(**values)


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str
    retry_after_s: int


class Ledger:
    """Renders per client and IP in the last minute, and which client each page kernel is for."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self._renders: dict[str, deque[float]] = {}
        self._owner: dict[str, tuple[str, str]] = {}  # kernel id -> (client, ip)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._renders.setdefault(key, deque())
        while q and now - q[0] > 60:
            q.popleft()
        return q

    def admit(self, client: str, ip: str, live_kernels: set[str]) -> Refusal | None:
        """Whether a page render for ``client`` from ``ip`` may start a kernel now; counts it if so."""
        now = self.clock()
        lim = self.limits
        with self._lock:
            for kid in [k for k in self._owner if k not in live_kernels]:
                del self._owner[kid]
            mine = sum(1 for c, _ in self._owner.values() if c == client)
            from_ip = sum(1 for _, i in self._owner.values() if i == ip)
            if len(self._owner) >= lim.kernels_total:
                return Refusal(503, f"The course server is full right now ({len(self._owner)} pages are open). "
                                    "Please try again in a few minutes.", 120)
            if mine >= lim.kernels_per_client:
                return Refusal(429, f"You have {mine} course pages open in this browser, the most one browser may "
                                    "have. Close one of them (its tab), wait a minute, then reload this page.", 60)
            if from_ip >= lim.kernels_per_ip:
                return Refusal(429, f"{from_ip} course pages are open from your network, the most one network may "
                                    "have. Close pages you are not using, wait a minute, then reload.", 60)
            by_client, by_ip = self._recent("c:" + client, now), self._recent("i:" + ip, now)
            if len(by_client) >= lim.renders_per_minute:
                wait = int(60 - (now - by_client[0])) + 1
                return Refusal(429, f"This browser opened {len(by_client)} course pages in the last minute. "
                                    f"Please wait {wait} seconds, then reload this page.", wait)
            if len(by_ip) >= lim.renders_per_minute_per_ip:
                wait = int(60 - (now - by_ip[0])) + 1
                return Refusal(429, f"Your network opened {len(by_ip)} course pages in the last minute. "
                                    f"Please wait {wait} seconds, then reload this page.", wait)
            by_client.append(now)
            by_ip.append(now)
            return None

    def admit_new_client(self, ip: str) -> Refusal | None:
        """Whether a browser at ``ip`` may be given a new client cookie now; counts it if so."""
        now = self.clock()
        with self._lock:
            q = self._recent("n:" + ip, now)
            if len(q) >= self.limits.new_clients_per_minute_per_ip:
                wait = int(60 - (now - q[0])) + 1
                return Refusal(429, f"{len(q)} new browsers opened the course from your network in the last minute. "
                                    f"Please wait {wait} seconds, then reload this page.", wait)
            q.append(now)
            return None

    def record(self, kernel_id: str, who: tuple[str, str]) -> None:
        with self._lock:
            self._owner[kernel_id] = who

    def owned(self) -> dict[str, tuple[str, str]]:
        with self._lock:
            return dict(self._owner)


def watch_kernel_manager(km: Any, ledger: Ledger) -> None:
    """Record, for every kernel Voila starts or hands out while rendering a page, the client
    of that request (:data:`CURRENT_CLIENT`). Pre-heated kernels started for the pool belong
    to nobody until a page gets one; when it does, its idle clock restarts."""
    start = km.start_kernel

    async def start_kernel(*args: Any, **kwargs: Any) -> str:
        kernel_id = await _maybe_await(start(*args, **kwargs))
        who = CURRENT_CLIENT.get()
        if who is not None:
            ledger.record(kernel_id, who)
        return kernel_id

    km.start_kernel = start_kernel
    rendered = getattr(km, "get_rendered_notebook", None)
    if rendered is not None:
        async def get_rendered_notebook(*args: Any, **kwargs: Any):
            result = await rendered(*args, **kwargs)
            kernel_id = result[2]  # (render task, rendered cells, kernel id)
            who = CURRENT_CLIENT.get()
            if who is not None:
                ledger.record(kernel_id, who)
            _touch(km, kernel_id)
            return result

        km.get_rendered_notebook = get_rendered_notebook


def _touch(km: Any, kernel_id: str) -> None:
    """A pre-heated kernel may have been idle in the pool for longer than the cull timeout;
    handed to a page, it gets the full timeout for the browser to connect (else the culler
    could end it between the page's HTML and its websocket)."""
    import datetime as dt

    try:
        km.get_kernel(kernel_id).last_activity = dt.datetime.now(dt.timezone.utc)
    except KeyError:  # pragma: no cover - the kernel is already gone
        pass


async def _maybe_await(value: Any) -> Any:
    if hasattr(value, "__await__"):
        return await value
    return value


REFUSAL_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Please wait — BitTorrent Doe Cases</title>
<style>body{{font:18px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;color:#1a1a1a}}
p.why{{border-left:6px solid #D55E00;background:#fdf0e8;padding:.6em 1em}}</style></head>
<body><main><h1>Please wait a moment</h1><p class="why" role="alert">{message}</p>
<p><a href="">Reload this page</a></p></main></body></html>"""
