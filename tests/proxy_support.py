"""configurable-http-proxy, JupyterHub's own proxy (npm), for the tests that put course
servers behind a proxy: the hub test (tests/test_deploy.py) and two course servers sharing one
seminar (tests/test_two_servers.py). When it is not on PATH it is installed with npm into
``.venv/lib/course-node`` once (about 5 s)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from browser_support import require

NODE_PREFIX = Path(sys.prefix) / "lib" / "course-node"


def find_proxy() -> str | None:
    """configurable-http-proxy: $CONFIGURABLE_HTTP_PROXY, on PATH, or installed by this test."""
    for cand in (os.environ.get("CONFIGURABLE_HTTP_PROXY"), shutil.which("configurable-http-proxy"),
                 str(NODE_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy")):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return cand
    return None


def ensure_proxy() -> str:
    found = find_proxy()
    if found:
        return found
    npm = shutil.which("npm")
    require(npm is not None and shutil.which("node") is not None,
            "configurable-http-proxy is not installed and Node.js/npm are missing to install it "
            "(apt-get install -y nodejs npm, then npm install -g configurable-http-proxy)")
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund",
                           "configurable-http-proxy@5"], capture_output=True, text=True, timeout=180)
    found = find_proxy()
    require(found is not None, f"npm could not install configurable-http-proxy:\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")
    return found
