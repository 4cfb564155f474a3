"""A JupyterHub on this machine that serves the course to several users (loopback only).

For trying the multi-user setup without Kubernetes, and for ``tests/test_deploy.py``:

    .venv/bin/pip install -e ".[test]"              # jupyterhub is in the test extra
    npm install -g configurable-http-proxy          # the hub's proxy (Node.js)
    .venv/bin/jupyterhub -f deploy/local/jupyterhub_config.py

then open http://127.0.0.1:8000/ and log in as ``alice`` or ``bob`` with the password
``course-password`` (``COURSE_HUB_PASSWORD`` to change it; 8 characters or more). Each user gets a single-user Jupyter
server of their own (``SimpleLocalProcessSpawner``: a process of the same Unix user, with a
home folder of its own under the state folder, so progress databases stay apart), with Voila
as a server extension; the hub opens it on the course home page,
``/user/NAME/voila/render/notebooks/index.ipynb``.

This is the same arrangement as the Kubernetes (``deploy/z2jh``) and TLJH (``deploy/tljh``)
setups: Voila's page settings come from ``server/voila.json`` (on ``JUPYTER_CONFIG_PATH``),
the course template from ``server/share/jupyter`` (on ``JUPYTER_PATH``), and the single-user
server's settings (Voila only, no terminals, kernel culling) from
``deploy/jupyter/jupyter_server_config.json``.

Environment variables (all optional):

    COURSE_HUB_PORT            public port (default 8000), on 127.0.0.1
    COURSE_HUB_API_PORT        the hub's own API port (default 8081)
    COURSE_HUB_PROXY_API_PORT  the proxy's API port (default 8001)
    COURSE_HUB_STATE           folder for the hub database, cookie secret and users' homes
                               (default ~/.local/state/bittorrent-doe-course-hub)
    COURSE_HUB_PASSWORD        the shared password (default "course-password")
    COURSE_HUB_USERS           comma-separated user names (default "alice,bob")
    CONFIGURABLE_HTTP_PROXY    path of the configurable-http-proxy command (default: on PATH)
    COURSE_HUB_MODE            "per-user" (default): a locked-down Jupyter server per learner;
                               "shared": one course server for the class, a hub service at
                               /services/course/, behind the hub's login (see below)
    COURSE_HUB_SERVICE_PORT    the shared course server's port (default 8890), on 127.0.0.1
    COURSE_INSTRUCTORS         hub users who see the class page (comma-separated)

Shared mode is the class deployment in which learners hold no credentials: learners get no
server of their own; the course server (server/launch.py) runs once, as a service the hub
starts, and is the only process with COURSE_DB_URL. It authenticates each request with the
hub (OAuth) and gives every page the hub user's name, so records are kept under the hub's
user and cannot be typed. Learners reach only its Voila pages; their kernels run its code only.

A shared password (SharedPasswordAuthenticator) is for a machine only you can reach: never
expose this hub beyond 127.0.0.1. For a class, use deploy/z2jh or deploy/tljh.
"""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - defined by JupyterHub when it loads this file

REPO = Path(__file__).resolve().parents[2]
STATE = Path(
    os.environ.get("COURSE_HUB_STATE")
    or Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "bittorrent-doe-course-hub"
)
STATE.mkdir(parents=True, exist_ok=True)
(STATE / "home").mkdir(exist_ok=True)
USERS = {u.strip() for u in os.environ.get("COURSE_HUB_USERS", "alice,bob").split(",") if u.strip()}
HOME_PAGE = "/voila/render/notebooks/index.ipynb"

# --- network: everything on loopback ---------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{int(os.environ.get('COURSE_HUB_PORT', '8000'))}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("COURSE_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(os.environ.get('COURSE_HUB_PROXY_API_PORT', '8001'))}"
if os.environ.get("CONFIGURABLE_HTTP_PROXY"):
    c.ConfigurableHTTPProxy.command = [os.environ["CONFIGURABLE_HTTP_PROXY"]]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.should_start = True

# --- the hub's own state -----------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the users' servers
c.JupyterHub.cleanup_proxy = True

# --- who may log in ---------------------------------------------------------------------
# One password for every learner (at least 8 characters); no admin can log in.
c.JupyterHub.authenticator_class = "shared-password"  # SharedPasswordAuthenticator, JupyterHub >= 5.3
c.SharedPasswordAuthenticator.user_password = os.environ.get("COURSE_HUB_PASSWORD", "course-password")
c.Authenticator.allowed_users = USERS

# --- each user's server: Jupyter Server + Voila, opening on the course home page --------
c.JupyterHub.spawner_class = "simple"  # jupyterhub.spawner.SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.ip = "127.0.0.1"
# The single-user server runs on the hub's Python, where the course and Voila are installed.
c.Spawner.cmd = [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = str(REPO)
c.Spawner.default_url = HOME_PAGE
if hasattr(os, "geteuid") and os.geteuid() == 0:
    # Jupyter Server refuses to run as root without this (containers and CI run as root).
    c.Spawner.args = ["--ServerApp.allow_root=True"]
c.Spawner.environment = {
    # Voila reads voila.json from the Jupyter config path; the server reads
    # deploy/jupyter/jupyter_server_config.json.
    "JUPYTER_CONFIG_PATH": os.pathsep.join([str(REPO / "server"), str(REPO / "deploy" / "jupyter")]),
    # The course's page template, then this Python's kernel spec.
    "JUPYTER_PATH": os.pathsep.join([str(REPO / "server" / "share" / "jupyter"), str(Path(sys.prefix) / "share" / "jupyter")]),
}
# The progress database: each user's own SQLite file under their home folder by default
# (course/db.py); export COURSE_DB_URL=postgresql://... before starting the hub for one
# shared PostgreSQL database instead.
if os.environ.get("COURSE_DB_URL"):
    c.Spawner.environment["COURSE_DB_URL"] = os.environ["COURSE_DB_URL"]
# --- shared mode: one course server for the class, a service of the hub -----------------
MODE = os.environ.get("COURSE_HUB_MODE", "per-user")
if MODE not in ("per-user", "shared"):
    raise ValueError(f"COURSE_HUB_MODE must be per-user or shared, not {MODE!r}")
if MODE == "shared":
    SERVICE_PORT = int(os.environ.get("COURSE_HUB_SERVICE_PORT", "8890"))
    service_env = {
        "COURSE_DB": str(STATE / "course.sqlite"),  # or the PostgreSQL URL below: here only
        "COURSE_SECRET_FILE": str(STATE / "sign-in.secret"),
        "COURSE_INSTRUCTORS": os.environ.get("COURSE_INSTRUCTORS", ""),
        "PATH": os.environ.get("PATH", ""),
    }
    if os.environ.get("COURSE_DB_URL"):
        service_env["COURSE_DB_URL"] = os.environ["COURSE_DB_URL"]
        c.Spawner.environment.pop("COURSE_DB_URL", None)  # never in a learner's process
    c.JupyterHub.services = [{
        "name": "course",
        "url": f"http://127.0.0.1:{SERVICE_PORT}",
        "command": [sys.executable, str(REPO / "server" / "launch.py"), f"--port={SERVICE_PORT}", "--no-browser",
                    "--Voila.ip=127.0.0.1", "--Voila.base_url=/services/course/"],
        "environment": service_env,
        "oauth_no_confirm": True,
        "display": True,
    }]
    # every user may use the course service; after login the hub opens the course home page
    c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "access:services!service=course"]}]
    c.JupyterHub.default_url = "/services/course/voila/render/notebooks/index.ipynb"

c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
