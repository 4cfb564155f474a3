"""A learner's Jupyter server that serves Voila pages and nothing else (issue #14, part 2).

The class deployment (``deploy/jupyter/jupyter_server_config.json``, used by ``deploy/local``,
``deploy/tljh`` and ``deploy/z2jh``) starts a Jupyter server per learner with Voila as an
extension. Jupyter's own REST API stayed reachable: ``GET /files/data/exercises/...`` gave
the answer keys, and ``POST /api/kernels`` plus an ``execute_request`` ran any code, which
could read ``COURSE_DB_URL`` and its password. This server extension answers 403 to every
path of the learner's server except what a Voila page needs:

* ``voila/...`` (the pages, their static files, Voila's own small API);
* ``api/kernels/<id>/channels`` (the page kernel's websocket) and ``GET api/kernels/<id>``;
* ``static/...``, and what JupyterHub itself calls (``api`` and ``api/status`` for the
  server's health, ``oauth_callback``, ``logout``).

The config also limits the websocket to widget messages (``MappingKernelManager
.allowed_message_types``), so a page's kernel runs only the page's own notebook.
"""
from __future__ import annotations

import re
from typing import Any

ALLOWED = (
    r"",  # the server's root redirects to the course home page
    r"voila(/.*)?",
    r"api/kernels/[0-9a-f-]+/channels",
    r"api/kernels/[0-9a-f-]+",
    r"static/.*",
    r"api",
    r"api/status",
    r"oauth_callback.*",
    r"logout",
)
MESSAGE = "This course server serves its pages only."


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "course.lockdown"}]


def blocked(base: str, path: str, method: str) -> bool:
    """Whether the learner's server refuses this request."""
    if not path.startswith(base):
        return False
    rel = path[len(base):].rstrip("/")
    if re.fullmatch(r"api/kernels/[0-9a-f-]+", rel) and method != "GET":
        return True  # no interrupting, restarting or deleting kernels by hand
    return _ALLOWED.fullmatch(rel) is None


_ALLOWED = re.compile("|".join(f"(?:{p})" for p in ALLOWED))


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from tornado.routing import AnyMatches, Router, Rule
    from tornado.web import RequestHandler

    base = serverapp.base_url
    web_app = serverapp.web_app

    class Locked(RequestHandler):
        def prepare(self) -> None:
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(MESSAGE)

    class Gate(Router):
        """Takes only the requests the learner may not make; the rest go on to Jupyter's handlers."""

        def find_handler(self, request, **kwargs):
            if blocked(base, request.path, request.method):
                return web_app.get_handler_delegate(request, Locked)
            return None

    web_app.default_router.rules.insert(0, Rule(AnyMatches(), Gate()))
    serverapp.log.info("course.lockdown: only Voila pages are served under %s", base)
