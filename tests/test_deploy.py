"""The deployment files in ``deploy/``: Zero to JupyterHub values and image, the TLJH snippet,
and a real JupyterHub on loopback that serves the course to two users.

The hub test (marked ``deploy``) starts ``deploy/local/jupyterhub_config.py`` on free
127.0.0.1 ports, logs in as alice and bob through the hub's login form, follows the
redirects to each user's own server and checks that the course home page answers 200 with
the course's title; with Chromium it also checks that the page renders every lesson title.
It needs ``jupyterhub`` (in the test extra) and configurable-http-proxy (npm): when that is
not on PATH, the test installs it with npm into ``.venv/lib/course-node`` once (about 5 s).
Locally it skips with the reason when either cannot be had; with ``CI=true`` that fails.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from proxy_support import ensure_proxy
from browser_support import (
    CHROMIUM,
    chromium_available,
    free_port,
    in_ci,
    keep_offline,
    page_problems,
    require,
    wait_until_rendered,
)

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
HOME_PAGE = "/voila/render/notebooks/index.ipynb"
USERS = ("alice", "bob")
PASSWORD = "course-password-for-tests"
#: Seconds for the hub to answer, and for a user's server to start and render the home page.
HUB_TIMEOUT_S = 60
SPAWN_TIMEOUT_S = 180


def values() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))


def to_bytes(quantity: str | int | float) -> float:
    """Kubernetes/Z2JH memory quantity ("400M", "1G", "512Mi") -> bytes."""
    m = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]i?)?\s*", str(quantity))
    assert m, f"not a memory quantity: {quantity!r}"
    unit = m.group(2) or ""
    scale = {"": 1, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}[unit]
    return float(m.group(1)) * scale


# --- Zero to JupyterHub values -------------------------------------------------------------


def test_z2jh_values_have_the_sections_the_chart_reads():
    v = values()
    for key in ("hub", "proxy", "singleuser", "cull"):
        assert isinstance(v.get(key), dict), f"values.yaml needs a {key}: section"
    # Only keys of the chart's schema at the top level (a typo would be rejected by helm).
    known = {"hub", "proxy", "singleuser", "cull", "scheduling", "prePuller", "ingress", "debug", "global", "custom",
             "imagePullSecret", "imagePullSecrets", "rbac", "fullnameOverride", "nameOverride", "enabled"}
    assert set(v) <= known, f"unknown top-level keys: {sorted(set(v) - known)}"


def test_z2jh_singleuser_opens_the_course_in_voila():
    su = values()["singleuser"]
    assert su["defaultUrl"] == HOME_PAGE
    assert su["notebookDir"] == "/srv/course"
    assert su["image"]["name"] and str(su["image"]["tag"])
    assert su["cmd"] == "jupyterhub-singleuser"


def test_z2jh_resources_are_set_and_consistent():
    su = values()["singleuser"]
    mem, cpu = su["memory"], su["cpu"]
    guarantee, limit = to_bytes(mem["guarantee"]), to_bytes(mem["limit"])
    # deploy/README.md: single-user server ~150 MB + a lesson kernel up to ~190 MB.
    assert guarantee >= 340e6, "the guarantee must hold the server and one lesson kernel"
    assert limit >= guarantee
    assert 0 < float(cpu["guarantee"]) <= float(cpu["limit"])


def test_z2jh_culls_idle_servers():
    cull = values()["cull"]
    assert cull["enabled"] is True
    assert 600 <= int(cull["timeout"]) <= 4 * 3600
    assert int(cull["every"]) < int(cull["timeout"])


def test_z2jh_database_url_comes_from_a_secret():
    su = values()["singleuser"]
    ref = su["extraEnv"]["COURSE_DB_URL"]["valueFrom"]["secretKeyRef"]
    assert ref["name"] and ref["key"]
    text = (DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8")
    assert not re.search(r"postgres(ql)?://[^\s'\"]*:[^\s'\"@]+@", text.split("\nhub:")[1]), "no password in values.yaml"
    # The chart blocks egress to private IPs: the course must be let through to PostgreSQL.
    ports = [p["port"] for rule in su["networkPolicy"]["egress"] for p in rule["ports"]]
    assert 5432 in ports


def test_z2jh_hub_password_comes_from_a_secret():
    hub = values()["hub"]
    assert hub["extraEnv"]["COURSE_HUB_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"]
    for snippet in hub["extraConfig"].values():
        compile(snippet, "extraConfig", "exec")


def test_dockerfile_copies_what_exists_and_installs_postgres():
    text = (DEPLOY / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    for src in re.findall(r"^COPY\s+(?:--\S+\s+)*(.+?)\s+\S+\s*$", text, re.M):
        for part in src.split():
            if part != ".":
                assert (REPO / part).exists(), f"the Dockerfile copies {part}, which is missing"
    assert '".[postgres]"' in text and "jupyterhub==" in text
    assert "JUPYTER_CONFIG_PATH=/srv/course/server" in text


def test_postgres_extra_declares_psycopg():
    import tomllib

    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(r.replace(" ", "").startswith("psycopg[binary]") for r in extras["postgres"])


def test_server_config_is_json_with_voila_and_kernel_culling():
    import json

    cfg = json.loads((DEPLOY / "jupyter" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert cfg["ServerApp"]["jpserver_extensions"]["voila"] is True
    assert cfg["ServerApp"]["terminals_enabled"] is False
    assert 0 < cfg["MappingKernelManager"]["cull_idle_timeout"] <= 60
    assert cfg["ServerApp"]["jpserver_extensions"]["course.lockdown"] is True
    assert "execute_request" not in cfg["MappingKernelManager"]["allowed_message_types"]


def test_tljh_snippet_sets_the_course_home_page():
    from traitlets.config import Config

    c = Config()
    path = DEPLOY / "tljh" / "jupyterhub_config.d" / "course.py"
    env = {"COURSE_DIR": "/srv/course"}
    with _env(env):
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), {"c": c, "get_config": lambda: c})
    assert c.Spawner.default_url == HOME_PAGE
    assert c.Spawner.notebook_dir == "/srv/course"
    env = c.Spawner.environment.get_value({})  # the snippet adds to TLJH's environment
    assert env["JUPYTER_CONFIG_PATH"].startswith("/srv/course/server")


@contextlib.contextmanager
def _env(extra: dict):
    old = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# --- a real JupyterHub on loopback ------------------------------------------------------------

def _pids_of(marker: str) -> list[int]:
    """Processes whose command line or environment mentions ``marker`` (the hub's state folder)."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        if int(proc.name) == os.getpid():
            continue
        try:
            blob = (proc / "cmdline").read_bytes() + b"\0" + (proc / "environ").read_bytes()
        except OSError:
            continue
        if marker.encode() in blob:
            pids.append(int(proc.name))
    return pids


@pytest.fixture
def local_hub():
    with _running_hub({}) as hub:
        yield hub


@pytest.fixture
def shared_hub():
    with _running_hub({"COURSE_HUB_MODE": "shared", "COURSE_HUB_SERVICE_PORT": str(free_port()),
                       "COURSE_INSTRUCTORS": "bob"}) as hub:
        yield hub


@contextlib.contextmanager
def _running_hub(extra_env: dict):
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        require(False, "jupyterhub is not installed (pip install -e '.[test]')")
    proxy = ensure_proxy()
    state = Path(tempfile.mkdtemp(prefix="course-hub-"))
    port = free_port()
    env = {
        **os.environ,
        "COURSE_HUB_STATE": str(state),
        "COURSE_HUB_PORT": str(port),
        "COURSE_HUB_API_PORT": str(free_port()),
        "COURSE_HUB_PROXY_API_PORT": str(free_port()),
        "COURSE_HUB_PASSWORD": PASSWORD,
        "COURSE_HUB_USERS": ",".join(USERS),
        "CONFIGURABLE_HTTP_PROXY": proxy,
        "PATH": os.pathsep.join([str(Path(proxy).parent), os.environ.get("PATH", "")]),
        **extra_env,
    }
    env.pop("COURSE_DB_URL", None)
    log_path = state / "hub.log"
    log = open(log_path, "wb")
    hub = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(DEPLOY / "local" / "jupyterhub_config.py")],
        cwd=state, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"

    def log_tail() -> str:
        return log_path.read_text(errors="replace")[-4000:]

    try:
        import requests

        deadline = time.monotonic() + HUB_TIMEOUT_S
        while True:
            assert hub.poll() is None, f"the hub exited ({hub.returncode}):\n{log_tail()}"
            try:
                if requests.get(url + "/hub/login", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, f"the hub did not answer in {HUB_TIMEOUT_S}s:\n{log_tail()}"
            time.sleep(0.5)
        yield url, log_tail
    finally:
        # SIGTERM: the hub stops the users' servers (cleanup_servers) and its proxy.
        if hub.poll() is None:
            os.killpg(hub.pid, signal.SIGTERM)
            try:
                hub.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(hub.pid, signal.SIGKILL)
                hub.wait(timeout=10)
        log.close()
        deadline = time.monotonic() + 15
        while _pids_of(str(state)) and time.monotonic() < deadline:
            time.sleep(0.5)
        left = _pids_of(str(state))
        for pid in left:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(state, ignore_errors=True)
        assert not left, f"processes left after the hub stopped: {left}"


def login(url: str, user: str, password: str = PASSWORD):
    """Log in through the hub's form and follow redirects until the user's server answers.
    Returns the requests session and the final response."""
    import requests

    s = requests.Session()
    form = s.get(url + "/hub/login", timeout=30)
    m = re.search(r'name="_xsrf" value="([^"]+)"', form.text)
    assert m, "the hub's login form has no _xsrf field"
    r = s.post(url + "/hub/login?next=", data={"username": user, "password": password, "_xsrf": m.group(1)}, timeout=60)
    assert r.status_code == 200, f"login as {user}: HTTP {r.status_code}"
    # The hub answers with its spawn-pending page while the server starts; ask again for the
    # user's URL (the hub redirects it to the default URL) until the course home page answers.
    home = f"{url}/user/{user}{HOME_PAGE}"
    deadline = time.monotonic() + SPAWN_TIMEOUT_S
    while not (r.url == home and r.status_code == 200) and time.monotonic() < deadline:
        time.sleep(1)
        r = s.get(url + f"/user/{user}/", timeout=SPAWN_TIMEOUT_S)
    return s, r


#: Open a second websocket to the page's kernel and ask it to run code that prints the
#: environment's database URL; collect the types of the messages that come back for 6 s.
EXECUTE_JS = """async ({path}) => {
  const seen = [];
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + path + '?session_id=reviewer');
  await new Promise(r => { ws.onopen = () => { seen.push('opened'); r(); }; ws.onerror = () => r(); });
  ws.onmessage = ev => { try { const m = JSON.parse(ev.data); if (m.parent_header && m.parent_header.msg_id === 'x1')
    seen.push(m.header.msg_type); } catch (e) { seen.push('binary'); } };
  ws.send(JSON.stringify({header: {msg_id: 'x1', username: 'reviewer', session: 'reviewer', msg_type: 'execute_request',
    version: '5.3', date: new Date().toISOString()}, parent_header: {}, metadata: {}, channel: 'shell', buffers: [],
    content: {code: "import os; print(os.environ.get('COURSE_DB_URL', 'none'))", silent: false, store_history: false,
              user_expressions: {}, allow_stdin: false, stop_on_error: true}}));
  await new Promise(r => setTimeout(r, 6000));
  ws.close();
  return seen;
}"""


def lesson_titles() -> list[str]:
    data = yaml.safe_load((REPO / "data" / "lessons.yaml").read_text(encoding="utf-8"))
    return [lesson["title"] for lesson in data["lessons"]]


@pytest.mark.deploy
def test_local_hub_serves_the_course_to_two_users(local_hub, request):
    url, log_tail = local_hub
    sessions = {}
    for user in USERS:
        s, r = login(url, user)
        assert r.url == f"{url}/user/{user}{HOME_PAGE}", (
            f"{user} landed on {r.url} (HTTP {r.status_code}), not the course home page, in {SPAWN_TIMEOUT_S}s\n{log_tail()}"
        )
        assert r.status_code == 200
        assert "BitTorrent Doe Cases" in r.text, f"{user}: the course's page template is missing"
        assert "course-home" in r.text, f"{user}: the home page's content is missing"
        assert "Traceback" not in r.text
        sessions[user] = s

    # As a learner, the security review's reproductions on the learner's own server: the answer
    # keys through /files, the contents API, a kernel of one's own, Jupyter's other pages.
    alice = sessions["alice"]
    xsrf = next((c.value for c in alice.cookies if c.name == "_xsrf" and "/user/alice" in (c.path or "")), "")
    for method, path in [("GET", "files/data/exercises/orientation.yaml"), ("GET", "api/contents/data/exercises"),
                         ("GET", "api/kernels"), ("POST", "api/kernels"), ("GET", "api/sessions"),
                         ("GET", "lab"), ("GET", "tree"), ("GET", "api/kernelspecs"), ("GET", "terminals/1")]:
        r = alice.request(method, f"{url}/user/alice/{path}", headers={"X-XSRFToken": xsrf}, timeout=30)
        assert r.status_code == 403, f"alice: {method} {path}: HTTP {r.status_code}"
        assert "answer" not in r.text.lower() and "single_choice" not in r.text

    # One user cannot open another's server.
    other = sessions["alice"].get(f"{url}/user/bob{HOME_PAGE}", timeout=60)
    assert other.status_code == 403, f"alice opened bob's server: HTTP {other.status_code}"
    # A wrong password does not log in.
    s = __import__("requests").Session()
    x = re.search(r'name="_xsrf" value="([^"]+)"', s.get(url + "/hub/login", timeout=30).text).group(1)
    bad = s.post(url + "/hub/login?next=", data={"username": "bob", "password": "not-the-password", "_xsrf": x}, timeout=30)
    assert "/hub/login" in bad.url and "/user/bob" not in bad.url

    # In a browser, each user's home page renders the lesson list (the widgets run in the kernel).
    if not chromium_available():
        if in_ci():
            pytest.fail(f"Debian's Chromium is not installed at {CHROMIUM}", pytrace=False)
        return
    # the session's browser (tests/conftest.py): one Playwright per test process
    browser = request.getfixturevalue("browser")
    for user in USERS:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        keep_offline(page)
        page.goto(url + "/hub/login", timeout=60_000)
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", PASSWORD)
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(f"**/user/{user}{HOME_PAGE}", timeout=SPAWN_TIMEOUT_S * 1000)
        wait_until_rendered(page)
        text = " ".join(page.inner_text("body").split())
        missing = [t for t in lesson_titles() if " ".join(t.split()) not in text]
        assert not missing, f"{user}'s home page lacks lessons {missing}:\n{text[:1500]}"
        assert not page_problems(page), page_problems(page)
        # Leaving the page shuts its kernel down (Voila's unload beacon passes the hub's XSRF check).
        kernel_id = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        assert kernel_id and _pids_of(f"kernel-{kernel_id}.json"), f"{user}: no kernel {kernel_id} running"
        # the review's execute: code sent down the page's own websocket is not run
        replies = page.evaluate(EXECUTE_JS, {"path": f"/user/{user}/api/kernels/{kernel_id}/channels"})
        assert "opened" in replies and "execute_reply" not in replies and "stream" not in replies, replies
        page.close(run_before_unload=True)
        deadline = time.monotonic() + 20
        while _pids_of(f"kernel-{kernel_id}.json") and time.monotonic() < deadline:
            time.sleep(0.25)
        assert not _pids_of(f"kernel-{kernel_id}.json"), f"{user}: the kernel outlived the page:\n{log_tail()}"
        context.close()


COURSE = "/services/course/voila/render/"


@pytest.mark.deploy
def test_shared_mode_one_course_server_knows_each_learner_and_alone_holds_the_database(shared_hub, request):
    """Shared mode: no learner server, the hub user is the learner, the database URL is in the
    course service's process only."""
    import requests

    url, log_tail = shared_hub
    # not logged in: the course server sends the browser to the hub's login
    r = requests.get(url + COURSE + "exercises/00_orientation.ipynb", timeout=60, allow_redirects=True)
    assert "/hub/login" in r.url, f"{r.url} {r.status_code} {r.text[:300]}\n{log_tail()[-2500:]}"
    browser = request.getfixturevalue("browser")
    for user in USERS:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        keep_offline(page)
        page.goto(url + "/hub/login", timeout=60_000)
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", PASSWORD)
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(f"**{COURSE}notebooks/index.ipynb", timeout=SPAWN_TIMEOUT_S * 1000)
        page.goto(url + COURSE + "exercises/00_orientation.ipynb", timeout=SPAWN_TIMEOUT_S * 1000)
        wait_until_rendered(page)
        field = page.get_by_label("Signed in as:")
        assert field.input_value() == user and field.is_disabled(), log_tail()
        # a header naming someone else changes nothing
        page.set_extra_http_headers({"X-Course-Learner": "mallory"})
        page.goto(url + COURSE + "progress/my_progress.ipynb", timeout=SPAWN_TIMEOUT_S * 1000)
        wait_until_rendered(page)
        assert f"Signed in as {user}." in page.inner_text(".course-progress-who")
        page.goto(url + COURSE + "progress/class_progress.ipynb", timeout=SPAWN_TIMEOUT_S * 1000)
        wait_until_rendered(page)
        text = page.inner_text("body")
        assert ("This page is for instructors" in text) == (user != "bob"), text[:500]
        # the course server serves pages only: no files, no contents API
        for path in ("/services/course/voila/files/data/exercises/orientation.yaml",
                     "/services/course/files/data/exercises/orientation.yaml",
                     "/services/course/api/contents/data/exercises", "/services/course/api/kernels"):
            status = page.request.get(url + path).status
            assert status in (403, 404), f"{user}: {path}: HTTP {status}"
        context.close()
    # no learner has a server of their own; the database settings are in the course service only
    learner_servers = [pid for pid in _pids_of("jupyterhub-singleuser")]
    assert not learner_servers, "a learner server was started in shared mode"
    course_procs = [pid for pid in _pids_of("--Voila.base_url=/services/course/")]
    assert course_procs, "the course service is not running"
    environ = Path(f"/proc/{course_procs[0]}/environ").read_bytes()
    assert b"COURSE_DB=" in environ
