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

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The home page, relative to the repository.
HOME = "notebooks/index.ipynb"
#: Folders whose notebooks are served; a notebook elsewhere is not rendered.
SERVED_FOLDERS = ("notebooks", "exercises", "seminar")
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


# Before Voila is imported: template and kernel-spec lookups read JUPYTER_PATH.
os.environ["JUPYTER_PATH"] = _jupyter_path()

from jupyter_server.utils import url_path_join  # noqa: E402
from tornado.web import RedirectHandler  # noqa: E402
from traitlets import default  # noqa: E402
from voila.app import Voila  # noqa: E402
from voila.tornado.contentshandler import VoilaContentsHandler  # noqa: E402
from voila.tornado.handler import TornadoVoilaHandler  # noqa: E402
from voila.tornado.treehandler import TornadoVoilaTreeHandler  # noqa: E402


class CourseVoilaHandler(TornadoVoilaHandler):
    """Voila's page handler, which also sets the ``_xsrf`` cookie.

    A Voila page shuts its kernel down when the reader leaves (a ``beforeunload`` beacon to
    ``/voila/api/shutdown/<kernel>``, signed with the ``_xsrf`` cookie). Voila's own page never
    sets that cookie, so the server refuses the beacon (403) and every visitor's kernel lives on
    until idle culling. Reading ``xsrf_token`` sets the cookie before the page is streamed.
    """

    async def get(self, path=None):
        self.xsrf_token  # noqa: B018 - read for its side effect: the Set-Cookie header
        return await super().get(path)


class CourseVoila(Voila):
    """Voila in directory mode that lands on the course home page."""

    name = "voila"  # the config file is still voila.json

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
        return super().init_settings()

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
                handler = (pattern, CourseVoilaHandler, *handler[2:])
            handlers.append(handler)
        return handlers


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
