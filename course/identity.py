"""Who is using a page: the learner (or instructor) a trusted server vouches for.

A learner never types who they are. The identity comes from one of:

* **JupyterHub**: the hub's user (``$JUPYTERHUB_USER`` in a learner's own server, set by
  the hub's spawner); hub users named in ``$COURSE_INSTRUCTORS`` (comma-separated) are
  instructors;
* **the course's own server** (``server/launch.py``): a learner opens, once per browser, a
  sign-in link their instructor made with ``course sign-in-links``; the server keeps the
  link's signed token in a cookie and passes the verified name and role to every page's
  kernel as ``$HTTP_X_COURSE_LEARNER`` and ``$HTTP_X_COURSE_ROLE`` (headers a browser sends
  under those names are discarded).

A token is ``base64url(JSON {name, role}) "." HMAC-SHA256`` with the server's secret
(``$COURSE_SECRET_FILE``, default ``~/.local/share/bittorrent-doe-course/sign-in.secret``,
made on first use, mode 0600). Replacing the secret file withdraws every link.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

LEARNER_ENV = "HTTP_X_COURSE_LEARNER"
ROLE_ENV = "HTTP_X_COURSE_ROLE"
HUB_USER_ENV = "JUPYTERHUB_USER"
INSTRUCTORS_ENV = "COURSE_INSTRUCTORS"
SECRET_ENV = "COURSE_SECRET_FILE"
DEFAULT_SECRET = Path.home() / ".local" / "share" / "bittorrent-doe-course" / "sign-in.secret"
ROLES = ("learner", "instructor")
TOKEN_ARG = "course_token"
MAX_NAME_CHARS = 80


class BadToken(ValueError):
    """A sign-in token that this server did not make (or that was altered)."""


@dataclass(frozen=True)
class Identity:
    name: str
    role: str  # "learner" or "instructor"
    source: str  # "hub" or "sign-in"

    @property
    def is_instructor(self) -> bool:
        return self.role == "instructor"


def current(env: Mapping[str, str] | None = None) -> Identity | None:
    """The identity the server vouches for in this kernel, or None (a personal, unshared server)."""
    env = os.environ if env is None else env
    name = " ".join(str(env.get(LEARNER_ENV, "")).split())[:MAX_NAME_CHARS]
    if name:
        role = env.get(ROLE_ENV, "learner")
        return Identity(name, role if role in ROLES else "learner", "sign-in")
    hub = str(env.get(HUB_USER_ENV, "")).strip()
    if hub:
        instructors = {u.strip() for u in str(env.get(INSTRUCTORS_ENV, "")).split(",") if u.strip()}
        return Identity(hub, "instructor" if hub in instructors else "learner", "hub")
    return None


def secret_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get(SECRET_ENV) or DEFAULT_SECRET).expanduser()


def load_secret(path: Path | None = None) -> bytes:
    """The server's signing secret, made (0600) on first use."""
    path = path or secret_path()
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    text = path.read_text().strip()
    if len(text) < 32:
        raise BadToken(f"the sign-in secret {path} is too short; delete it to make a new one")
    return text.encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(name: str, role: str = "learner", *, secret: bytes) -> str:
    name = " ".join(str(name).split())
    if not name or len(name) > MAX_NAME_CHARS:
        raise ValueError(f"a learner's name must have 1 to {MAX_NAME_CHARS} characters")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    payload = _b64(json.dumps({"n": name, "r": role}, ensure_ascii=False, separators=(",", ":")).encode())
    return f"{payload}.{hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()}"


def read_token(token: str, *, secret: bytes) -> Identity:
    """The identity in a token this server made; :class:`BadToken` otherwise."""
    payload, _, mac = str(token or "").partition(".")
    if not payload or not mac:
        raise BadToken("not a sign-in token")
    want = hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, want):
        raise BadToken("this sign-in link was not made by this course server (or it was changed)")
    try:
        data = json.loads(_unb64(payload))
        name, role = str(data["n"]), str(data["r"])
    except (ValueError, KeyError, TypeError):
        raise BadToken("not a sign-in token") from None
    if role not in ROLES or not name:
        raise BadToken("not a sign-in token")
    return Identity(name, role, "sign-in")


def sign_in_link(base_url: str, name: str, role: str = "learner", *, secret: bytes,
                 page: str = "notebooks/index.ipynb") -> str:
    from urllib.parse import quote

    return f"{base_url.rstrip('/')}/voila/render/{page}?{TOKEN_ARG}={quote(make_token(name, role, secret=secret))}"
