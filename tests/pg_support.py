"""A throwaway PostgreSQL server for the tests: Debian's ``postgresql`` package (``run.sh``
installs it with apt-get when missing, as root), a fresh cluster in a temporary folder,
listening only on 127.0.0.1 at a free port, removed when the tests end.

As root the cluster runs as the ``postgres`` user (``initdb`` refuses root); otherwise as
the current user. Locally a missing PostgreSQL skips the PostgreSQL half of the store
tests; with ``CI=true`` it fails them.
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

INSTALL_HINT = "PostgreSQL is not installed (Debian: apt-get install -y postgresql; run.sh does this as root)"


def pg_bindir() -> Path | None:
    """The newest Debian PostgreSQL's bin folder (``/usr/lib/postgresql/<N>/bin``)."""
    found = []
    for d in Path("/usr/lib/postgresql").glob("*/bin"):
        if (d / "initdb").is_file() and (d / "pg_ctl").is_file():
            try:
                found.append((int(d.parent.name), d))
            except ValueError:
                continue
    return max(found)[1] if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresFailed(RuntimeError):
    pass


@contextmanager
def running_postgres() -> Iterator[str]:
    """Start a cluster; yield the URL of its ``postgres`` database; stop and delete it."""
    bindir = pg_bindir()
    if bindir is None:
        raise PostgresFailed(INSTALL_HINT)
    root = os.geteuid() == 0
    prefix: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="course-pg-"))
    if root:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresFailed("running as root, but there is no 'postgres' user to run PostgreSQL as") from None
        os.chown(tmp, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, log = tmp / "data", tmp / "server.log"
    port = _free_port()

    def run(*args: str) -> None:
        done = subprocess.run(prefix + list(args), capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            tail = (log.read_text(errors="replace")[-2000:] if log.exists() else "")
            raise PostgresFailed(f"{' '.join(args[:2])} failed: {done.stderr.strip() or done.stdout.strip()}\n{tail}")

    started = False
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C", "--no-sync")
        opts = (f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                "-c full_page_writes=off -c max_connections=300")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w", "-t", "60", "start")
        started = True
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)
