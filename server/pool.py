"""Pre-heated kernels started at a bounded rate, handed out first come first served, retried on
failure; and a kernel ceiling lifted from ~190 to thousands.

Voila's pool (``voila.voila_kernel_manager``) keeps, per notebook, a list of tasks, each starting a
kernel and running the notebook in it; a request takes the oldest task and the pool is refilled.
Two things make it fail a seminar:

* every missing kernel is started at once (the whole pool at start, and one refill per arrival),
  so a burst of N arrivals runs N notebook starts side by side on two cores and every attendee
  waits for the whole burst;
* a pre-heated kernel whose start or page failed is handed out all the same.

:class:`PoolMixin` keeps Voila's list (so the handler, culling and shutdown work as before) but
runs at most ``max_starting`` starts at a time, in the order the tasks were created. A request
takes the oldest task, so arrivals beyond the pool wait in arrival order for the next kernel
instead of all slowing together. A start is ready only when the notebook has run to the end
with nothing missing (``server/page_guard.py``'s notice absent); otherwise its kernel is shut down
and a fresh kernel (new ports) is started, up to ``start_attempts`` times; after that the reader
gets the page's notice if its last kernel still runs, or else an HTTP 503 with a sentence (no
kernel could start, or every one died running the page). A
seminar's pool (``server/seminar_prewarm.py``) shrinks by one with each arrival, down to its spare.

:class:`SocketLimitMixin`: every kernel connection uses four or five ZeroMQ sockets of the kernel
manager's one context, and libzmq allows 1,023 sockets a context by default (``ZMQError: Too many
open files`` near 170-190 kernels, whatever the process's file limit). The limit is raised before
the first socket, with the process's open-file limit raised to its hard limit.

:func:`install` puts both into Voila (``server/launch.py`` calls it before Voila builds its kernel
manager). Settings (``voila.json`` or the command line): ``CourseKernelManager.max_starting``,
``CourseKernelManager.start_attempts``.
"""
from __future__ import annotations

import asyncio
import importlib.util
import resource
import sys
from pathlib import Path

import zmq
from tornado.web import HTTPError
from traitlets import Float, Int
from traitlets.config import LoggingConfigurable

if "course_server_page_guard" not in sys.modules:  # this folder is not a package (see launch.py)
    _spec = importlib.util.spec_from_file_location("course_server_page_guard", Path(__file__).with_name("page_guard.py"))
    sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules[_spec.name])
page_guard = sys.modules["course_server_page_guard"]

#: ZeroMQ sockets allowed in the kernel manager's context (libzmq's default is 1,023).
MAX_SOCKETS = 32_768
BUSY = ("The course server could not start this page right now. Please reload it in a minute; "
        "nothing you entered has been lost.")


def lift_socket_limit(context: zmq.Context, log=None) -> int:
    """Raise the open-file soft limit to the hard limit and the context's socket limit to match.
    Returns the socket limit set. Must run before the context's first socket."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    limit = min(MAX_SOCKETS, context.get(zmq.SOCKET_LIMIT), soft if soft != resource.RLIM_INFINITY else MAX_SOCKETS)
    context.set(zmq.MAX_SOCKETS, limit)
    if log:
        log.info("ZeroMQ sockets allowed: %d (open files allowed: %s)", context.get(zmq.MAX_SOCKETS), soft)
    return limit


class SocketLimitMixin:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        lift_socket_limit(self.context, self.log)


class PoolMixin(LoggingConfigurable):
    """Bounded, ordered, checked pool starts (see the module doc); mixed into Voila's manager."""

    max_starting = Int(2, config=True, help="Kernels started (and their notebook run) at the same time.")
    start_attempts = Int(3, config=True, help="Fresh kernels tried before a page is given up.")
    render_timeout = Float(180.0, config=True, help="Seconds a pre-heated kernel may take to run its notebook.")

    _slots: asyncio.Semaphore | None = None

    def _start_slots(self) -> asyncio.Semaphore:
        if self._slots is None:
            self._slots = asyncio.Semaphore(max(1, self.max_starting))
        return self._slots

    async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs):
        if kernel_id is not None:  # Voila's restart of a known kernel
            return await super()._initialize(notebook_path, kernel_id, **kwargs)
        async with self._start_slots():  # FIFO: tasks reach this in the order they were made
            last_error: Exception | None = None
            for attempt in range(1, self.start_attempts + 1):
                try:
                    content = await super()._initialize(notebook_path, None, **kwargs)
                except Exception as e:
                    self.log.warning("%s: kernel start %d failed: %s", notebook_path, attempt, e)
                    last_error = e
                    continue
                task = content["task"]
                await asyncio.wait({task}, timeout=self.render_timeout)  # the notebook has run, or failed
                if not task.done():
                    task.cancel()
                    last_error = TimeoutError(f"the notebook did not finish within {self.render_timeout:.0f} s")
                    self.log.warning("%s: pre-heated kernel %s: %s (attempt %d of %d)", notebook_path,
                                     content["kernel_id"], last_error, attempt, self.start_attempts)
                    await self._discard(content["kernel_id"])
                    continue
                error = task.exception()
                if error is None and not page_guard.incomplete("".join(task.result()[0])):
                    return content
                self.log.warning("%s: pre-heated kernel %s did not finish the page (attempt %d of %d)%s; "
                                 "starting a fresh kernel", notebook_path, content["kernel_id"], attempt,
                                 self.start_attempts, f": {error}" if error else "")
                if attempt == self.start_attempts and error is None and await self._alive(content["kernel_id"]):
                    return content  # its page ends with the notice: said, not hidden
                last_error = error or RuntimeError("the page did not finish")
                await self._discard(content["kernel_id"])
            raise RuntimeError(f"no kernel could be started for {notebook_path}: {last_error}")

    async def _alive(self, kernel_id: str) -> bool:
        """Whether the kernel still runs: a dead one is taken out of the map by the restarter
        (``KernelRestarter.restart_limit`` 0), and a page handed out with it would answer 404."""
        try:
            return bool(await self.get_kernel(kernel_id).is_alive())
        except KeyError:
            return False

    async def _discard(self, kernel_id: str) -> None:
        try:
            await self.shutdown_kernel(kernel_id, now=True)
        except Exception as e:  # already gone
            self.log.debug("shutting down a failed kernel: %s", e)

    def get_pool_size(self, notebook_name: str) -> int:
        """Never 0 for a notebook that has a pool: the handler then takes the pool's way, where a
        reader waits in line for the next kernel (Voila's own way starts a kernel for each reader
        at once, unbounded, when the pool is momentarily empty)."""
        size = super().get_pool_size(notebook_name)
        default = self.kernel_pools_config.get("default", {})
        configured = self.kernel_pools_config.get(notebook_name, default).get("pool_size", default.get("pool_size", 1))
        return max(size, 1) if configured > 0 else size

    async def get_rendered_notebook(self, notebook_name: str, extra_kernel_env_variables: dict = {}, **kwargs):
        pool = self._pools.get(notebook_name, [])
        pool[:] = [t for t in pool if not (t.done() and (t.cancelled() or t.exception() is not None))]
        config = self.kernel_pools_config.get(notebook_name, {})
        if "seminar_spare" in config:  # one arrival fewer still expected (server/seminar_prewarm.py)
            config["pool_size"] = max(config["seminar_spare"], config["pool_size"] - 1)
        if not pool:
            self.fill_if_needed(delay=0, notebook_name=notebook_name,
                                extra_kernel_env_variables=extra_kernel_env_variables, **kwargs)
        try:
            return await super().get_rendered_notebook(notebook_name, extra_kernel_env_variables, **kwargs)
        except Exception as e:
            self.log.error("%s: no kernel for a reader: %s", notebook_name, e)
            self.fill_if_needed(notebook_name=notebook_name, extra_kernel_env_variables=extra_kernel_env_variables, **kwargs)
            raise HTTPError(503, BUSY) from None


def course_manager_factory(voila_factory):
    """Wrap ``voila.app.voila_kernel_manager_factory`` so Voila builds the course's manager."""

    def factory(base_class, preheat_kernel, default_pool_size, page_config_hook=None):
        cls = voila_factory(base_class, preheat_kernel, default_pool_size, page_config_hook=page_config_hook)
        mixins = (SocketLimitMixin, PoolMixin) if preheat_kernel else (SocketLimitMixin,)
        return type("CourseKernelManager", (*mixins, cls), {})

    factory.course = True
    return factory


def install() -> None:
    """Before Voila's ``init_settings``: the course's kernel manager and the page guard."""
    import voila.app

    page_guard.install()
    if not getattr(voila.app.voila_kernel_manager_factory, "course", False):
        voila.app.voila_kernel_manager_factory = course_manager_factory(voila.app.voila_kernel_manager_factory)
