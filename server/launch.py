"""Start Voila for the course, with the settings in ``server/voila.json``.

``bash run.sh serve`` and the browser tests both start the server through this file,
so the audience and the tests see the same configuration:

* directory mode, rooted at the repository; only ``notebooks/*.ipynb``, ``seminar/*.ipynb`` and
  ``exercises/*.ipynb`` render, at ``/voila/render/notebooks/NAME.ipynb`` and
  ``/voila/render/exercises/NAME.ipynb``;
* ``/`` (and Voila's file tree, ``/voila/tree``) redirect to the home page,
  ``notebooks/index.ipynb``; the contents API that lists the repository is not served;
* settings are read from ``server/voila.json`` only (never from ``~/.jupyter`` or the
  working directory); command-line options still override them;
* lessons start fast: with ``VoilaConfiguration.preheat_kernel`` (on in ``voila.json``) each
  notebook in ``notebooks/`` (the home page and the lessons) keeps ``default_pool_size``
  kernels that have already run it; exercises and seminar pages, which depend on who opens
  them, always get a fresh kernel. Idle kernels are culled (``MappingKernelManager.cull_*``);
* the swarm chart's browser code (``plotly.min.js``) is installed into the template's static
  folder on start (``server/assets.py``) and served from there, cached by the browser;
* the ``course`` page template (``server/share/jupyter/voila/templates/course``) gives
  every page the course's title; this folder and the virtualenv's kernel spec come first
  on ``JUPYTER_PATH``, so kernels run on this Python, with the course installed.

Usage: ``python server/launch.py [voila options]``, e.g. ``--port=8870 --no-browser``.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The home page, relative to the repository.
HOME = "notebooks/index.ipynb"
#: Folders whose notebooks are served; a notebook elsewhere is not rendered.
SERVED_FOLDERS = ("notebooks", "exercises", "seminar", "progress")
#: The folder whose notebooks get pre-heated kernels when ``preheat_kernel`` is on.
PREHEATED_FOLDER = "notebooks"


def kernel_pools(root_dir: str | Path, pool_size: int) -> dict:
    """Voila's ``kernel_pools_config``: ``pool_size`` pre-heated kernels for each notebook in
    ``PREHEATED_FOLDER``, none for any other notebook (Voila would otherwise pre-heat every
    ``*.ipynb`` under the root, virtualenv included)."""
    pools: dict = {"default": {"pool_size": 0}}
    for nb in sorted((Path(root_dir) / PREHEATED_FOLDER).glob("*.ipynb")):
        pools[f"{PREHEATED_FOLDER}/{nb.name}"] = {"pool_size": max(int(pool_size), 0)}
    return pools


def _jupyter_path() -> str:
    first = [str(HERE / "share" / "jupyter"), str(Path(sys.prefix) / "share" / "jupyter")]
    rest = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p not in first]
    return os.pathsep.join(first + rest)


sys.path.insert(0, str(HERE))
import kernel_limits as limits  # noqa: E402  (server/kernel_limits.py)

from course import identity  # noqa: E402

# Before Voila is imported: template and kernel-spec lookups read JUPYTER_PATH.
os.environ["JUPYTER_PATH"] = _jupyter_path()

import html as _html  # noqa: E402

from jupyter_server.utils import url_path_join  # noqa: E402
from tornado.web import RedirectHandler  # noqa: E402
from traitlets import Bool, default  # noqa: E402
from voila.app import Voila  # noqa: E402
from voila.tornado.contentshandler import VoilaContentsHandler  # noqa: E402
from voila.tornado.handler import TornadoVoilaHandler  # noqa: E402
from voila.tornado.treehandler import TornadoVoilaTreeHandler  # noqa: E402


#: The browser's id: a random token in a cookie signed with this server's secret, passed to
#: the page's kernel as this request header (``VoilaConfiguration.http_header_envs`` in
#: voila.json turns it into ``$HTTP_X_COURSE_CLIENT``; widgets/seminar_view.py reads it for
#: the seminar's per-client limits). Whatever the browser sends in this header is replaced.
CLIENT_HEADER = "X-Course-Client"
CLIENT_COOKIE = "course_client"
#: The signed-in learner (course/identity.py): the sign-in link's token, kept in a cookie, and
#: the verified name and role passed to the page's kernel as these headers (voila.json:
#: http_header_envs -> $HTTP_X_COURSE_LEARNER, $HTTP_X_COURSE_ROLE).
LEARNER_COOKIE = "course_learner"
LEARNER_HEADER = "X-Course-Learner"
ROLE_HEADER = "X-Course-Role"
#: With COURSE_SIGN_IN=required, these folders' pages need a signed-in learner.
IDENTITY_FOLDERS = ("exercises", "seminar", "progress")
SIGN_IN_ENV = "COURSE_SIGN_IN"

#: Added to the URL when the server sends a new cookie, so a browser that refuses cookies is
#: told so instead of being redirected forever.
COOKIE_RETRY_ARG = "course_cookie"
_CLIENT_SECRET = secrets.token_bytes(32)


def _sign(token: str) -> str:
    return hmac.new(_CLIENT_SECRET, token.encode(), hashlib.sha256).hexdigest()[:32]


def client_from_cookie(value: str | None) -> str | None:
    """The browser id in a cookie this server signed, or None (no cookie, or a forged one)."""
    token, _, mac = (value or "").partition(".")
    if token and mac and hmac.compare_digest(mac, _sign(token)):
        return token
    return None


class CourseVoilaHandler(TornadoVoilaHandler):
    """Voila's page handler, which also sets the ``_xsrf`` cookie and names the browser.

    A Voila page shuts its kernel down when the reader leaves (a ``beforeunload`` beacon to
    ``/voila/api/shutdown/<kernel>``, signed with the ``_xsrf`` cookie). Voila's own page never
    sets that cookie, so the server refuses the beacon (403) and every visitor's kernel lives on
    until idle culling. Reading ``xsrf_token`` sets the cookie before the page is streamed.
    """

    async def get(self, path=None):
        hub_user = None
        if self.settings.get("course_hub_mode"):
            # a JupyterHub service: the hub's user, after the hub's OAuth login
            hub_user = self.get_current_user()  # HubOAuthenticated's: the hub's user model, or None
            if not hub_user:
                return self.redirect(self.get_login_url())
        self.xsrf_token  # noqa: B018 - read for its side effect: the Set-Cookie header
        ip = self.request.remote_ip or "unknown"
        ledger = self.settings.get("course_ledger")
        client = client_from_cookie(self.get_cookie(CLIENT_COOKIE))
        if client is None:
            # A browser without the cookie gets one and comes back (no kernel is started for
            # this request); new cookies per address are rate-limited, so a script that drops
            # cookies cannot make itself a new client for every page.
            if self.get_argument(COOKIE_RETRY_ARG, None) is not None:
                return self._refuse(limits.Refusal(
                    400, "This course needs cookies to tell your browser's pages apart. Allow cookies for this "
                         "site, then reload the page.", 0))
            refusal = ledger.admit_new_client(ip) if ledger is not None else None
            if refusal is not None:
                return self._refuse(refusal)
            client = secrets.token_hex(16)
            self.set_cookie(CLIENT_COOKIE, f"{client}.{_sign(client)}", httponly=True, samesite="Lax")
            sep = "&" if "?" in self.request.uri else "?"
            return self.redirect(f"{self.request.uri}{sep}{COOKIE_RETRY_ARG}=1")
        if self.get_argument(COOKIE_RETRY_ARG, None) is not None:
            # back with the cookie: the page's own address again, without the marker
            query = urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(self.request.query)
                                            if k != COOKIE_RETRY_ARG])
            return self.redirect(self.request.path + (f"?{query}" if query else ""))
        self.request.headers[CLIENT_HEADER] = client
        # who the learner is: only ever what this server verified (a browser's own headers are dropped)
        for header in (LEARNER_HEADER, ROLE_HEADER):
            if header in self.request.headers:
                del self.request.headers[header]
        token = self.get_argument(identity.TOKEN_ARG, None)
        if token is not None:
            try:
                identity.read_token(token, secret=self.settings["course_secret"])
            except identity.BadToken as e:
                return self._refuse(limits.Refusal(403, f"{e}. Ask your instructor for your sign-in link.", 0))
            self.set_cookie(LEARNER_COOKIE, token, httponly=True, samesite="Lax", expires_days=180)
            query = urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(self.request.query)
                                            if k != identity.TOKEN_ARG])
            return self.redirect(self.request.path + (f"?{query}" if query else ""))
        who = None
        if hub_user:
            instructors = {u.strip() for u in os.environ.get(identity.INSTRUCTORS_ENV, "").split(",") if u.strip()}
            name = str(hub_user.get("name", ""))
            who = identity.Identity(name, "instructor" if name in instructors else "learner", "hub")
        elif self.get_cookie(LEARNER_COOKIE):
            try:
                who = identity.read_token(self.get_cookie(LEARNER_COOKIE), secret=self.settings["course_secret"])
            except identity.BadToken:
                self.clear_cookie(LEARNER_COOKIE)
        if who is not None:
            self.request.headers[LEARNER_HEADER] = who.name
            self.request.headers[ROLE_HEADER] = who.role
        elif self.settings.get("course_sign_in_required") and self._needs_identity(path):
            return self._refuse(limits.Refusal(
                403, "Sign in first: open the sign-in link your instructor gave you (once in this browser).", 0))
        if ledger is not None:
            refusal = ledger.admit(client, ip, set(self.kernel_manager.list_kernel_ids()))
            if refusal is not None:
                return self._refuse(refusal)
            limits.CURRENT_CLIENT.set((client, ip))
        return await super().get(path)

    @staticmethod
    def _needs_identity(path: str | None) -> bool:
        """Pages that keep records under the learner's name (exercises, seminar, progress)."""
        return bool(path) and path.split("/", 1)[0] in IDENTITY_FOLDERS

    def write_error(self, status_code: int, **kwargs) -> None:
        """The pool's "no kernel for this page now" (server/pool.py) as a sentence, not a bare 503."""
        error = kwargs.get("exc_info", (None, None, None))[1]
        busy = server_module("pool").BUSY
        if status_code == 503 and getattr(error, "log_message", None) == busy and not self._headers_written:
            self.set_header("Retry-After", "60")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            return self.finish(limits.REFUSAL_PAGE.format(message=_html.escape(busy)))
        return super().write_error(status_code, **kwargs)

    def _refuse(self, refusal) -> None:
        self.log.warning("course: refused a page from %s: %s", self.request.remote_ip, refusal.message)
        self.set_status(refusal.status)
        if refusal.retry_after_s:
            self.set_header("Retry-After", str(refusal.retry_after_s))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(limits.REFUSAL_PAGE.format(message=_html.escape(refusal.message)))


def hub_mode() -> bool:
    """Whether this server runs as a JupyterHub service (the hub sets these for a managed
    service): one Voila server for the whole class, behind the hub's login, holding the
    database URL itself, so learners' processes never have it (deploy/local, shared mode)."""
    return bool(os.environ.get("JUPYTERHUB_API_TOKEN") and os.environ.get("JUPYTERHUB_SERVICE_PREFIX"))


def hub_page_handler():
    """The page handler behind the hub's OAuth login (the learner is the hub's user)."""
    from jupyterhub.services.auth import HubOAuthenticated

    class HubCourseVoilaHandler(HubOAuthenticated, CourseVoilaHandler):
        pass

    return HubCourseVoilaHandler


class CourseVoila(Voila):
    """Voila in directory mode that lands on the course home page."""

    name = "voila"  # the config file is still voila.json

    trust_xheaders = Bool(False, config=True, help=(
        "Behind a proxy (JupyterHub's configurable-http-proxy, nginx, a load balancer) that is the only "
        "way in: take each visitor's address from X-Forwarded-For / X-Real-Ip, so the per-address kernel "
        "limits count visitors, not the proxy. Off by default: without such a proxy a visitor could "
        "claim any address."))

    @default("config_file_paths")
    def _config_file_paths_default(self):
        return [str(HERE)]

    @default("root_dir")
    def _default_root_dir(self):
        return str(ROOT)

    def init_settings(self):
        # Voila creates its kernel manager here; give it the course's pools unless the
        # configuration names pools itself.
        km_config = self.config.VoilaKernelManager
        if self.voila_configuration.preheat_kernel and "kernel_pools_config" not in km_config:
            km_config.kernel_pools_config = kernel_pools(self.root_dir, self.voila_configuration.default_pool_size)
            # A seminar's lesson gets as many kernels as attendees expected (server/seminar_prewarm.py).
            km_config.kernel_pools_config = server_module("seminar_prewarm").sized_for_seminar(
                km_config.kernel_pools_config, self.config, self.log)
        server_module("pool").install()  # bounded, ordered, retried pool starts; no page left hanging
        settings = super().init_settings()
        ledger = limits.Ledger(seminar_limits(limits.Limits.from_env(), self.config))
        limits.watch_kernel_manager(self.kernel_manager, ledger)
        settings["course_ledger"] = ledger
        settings["course_secret"] = identity.load_secret()
        settings["course_sign_in_required"] = os.environ.get(SIGN_IN_ENV, "").lower() == "required"
        settings["course_hub_mode"] = hub_mode()
        if settings["course_hub_mode"] and not settings.get("cookie_secret"):
            settings["cookie_secret"] = secrets.token_bytes(32)  # the hub OAuth state cookie is signed
        return settings

    def listen(self):
        if self.trust_xheaders:  # tornado reads the forwarded address only when told to
            import functools

            self.app.listen = functools.partial(self.app.listen, xheaders=True)
        super().listen()

    def init_handlers(self):
        home = url_path_join(self.base_url, "voila/render", HOME)
        served = "|".join(SERVED_FOLDERS)
        handlers = [
            (self.server_url, RedirectHandler, {"url": home, "permanent": False}),
            (url_path_join(self.server_url, r"/voila/tree(?:/.*)?"), RedirectHandler, {"url": home, "permanent": False}),
        ]
        for handler in super().init_handlers():
            cls = handler[1]
            if cls in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                continue
            if cls is TornadoVoilaHandler:
                pattern = url_path_join(self.server_url, rf"/voila/render/((?:{served})/[^/]+\.ipynb)")
                handler = (pattern, hub_page_handler() if hub_mode() else CourseVoilaHandler, *handler[2:])
            handlers.append(handler)
        if hub_mode():
            from jupyterhub.services.auth import HubOAuthCallbackHandler

            handlers.insert(0, (url_path_join(self.server_url, "oauth_callback"), HubOAuthCallbackHandler))
        return handlers


def seminar_limits(base: "limits.Limits", config) -> "limits.Limits":
    """A seminar expects its audience: raise the total and per-address kernel caps to the expected
    attendance (a CLE room shares one public address), keeping the caps for everyone else."""
    import dataclasses

    expected = server_module("seminar_prewarm").SeminarPool(config=config).attendance
    if expected <= 0:
        return base
    room = expected + 10
    return dataclasses.replace(base, kernels_total=max(base.kernels_total, room),
                               kernels_per_ip=max(base.kernels_per_ip, room),
                               renders_per_minute_per_ip=max(base.renders_per_minute_per_ip, 2 * room),
                               new_clients_per_minute_per_ip=max(base.new_clients_per_minute_per_ip, room))


def server_module(name: str):
    """A module of this folder (``server/NAME.py``; the folder is not a package)."""
    import importlib.util

    if f"course_server_{name}" not in sys.modules:
        spec = importlib.util.spec_from_file_location(f"course_server_{name}", HERE / f"{name}.py")
        sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[f"course_server_{name}"]


def install_assets() -> None:
    """Put the browser code the pages load by URL (``plotly.min.js``) in the course template."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("course_server_assets", HERE / "assets.py")
    assets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(assets)
    try:
        assets.install()
    except OSError as e:  # the pages still work; the swarm chart says it could not load
        print(f"launch: could not install plotly.min.js for the charts: {e}", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    install_assets()
    CourseVoila.launch_instance(argv)


if __name__ == "__main__":
    main()
