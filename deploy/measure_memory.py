"""Measure the memory of the course's Voila server and of one lesson kernel.

Starts the course with ``bash run.sh serve`` on a free loopback port with kernel
pre-heating off (so every kernel belongs to a page this script opened, as in the
per-user JupyterHub setup, where Voila runs as a server extension and does not pre-heat),
opens each notebook in ``notebooks/`` in Debian's Chromium (Playwright), waits until it has
rendered, and reads the RSS, PSS and USS of the server and of the page's kernel, and the CPU
time the kernel used to start and run the page, with psutil.
Prints a table and, with ``--json FILE``, writes the numbers.

    .venv/bin/python deploy/measure_memory.py [--json FILE] [--notebooks index.ipynb 03_malibu_ndill.ipynb]

The numbers behind the capacity estimate in deploy/README.md came from this script.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY_JS = """() => {
  const cells = document.querySelector('#rendered_cells');
  return !document.querySelector('#loading')
    && cells !== null && getComputedStyle(cells).display !== 'none'
    && document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]').length === 0;
}"""
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mem(proc: psutil.Process) -> dict[str, float]:
    info = proc.memory_full_info()
    cpu = proc.cpu_times()
    return {"rss_mb": info.rss / MB, "pss_mb": getattr(info, "pss", 0) / MB, "uss_mb": info.uss / MB,
            "cpu_s": cpu.user + cpu.system}


def kernels(server: psutil.Process) -> list[psutil.Process]:
    return [p for p in server.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


def wait_http(port: int, timeout: float) -> None:
    """Wait until the server answers ``/`` (a redirect, not followed: fetching a notebook
    would start a kernel)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/")
            conn.getresponse()
            return
        except OSError:
            time.sleep(0.3)
        finally:
            conn.close()
    raise TimeoutError(f"port {port} did not answer in {timeout:.0f}s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", type=Path, help="write the measurements here")
    ap.add_argument("--notebooks", nargs="*", help="file names in notebooks/ (default: all)")
    ap.add_argument("--settle", type=float, default=3.0, help="seconds to wait after rendering before measuring")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    names = args.notebooks or sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    port = free_port()
    conn_dir = tempfile.mkdtemp(prefix="course-mem-")
    log = open(Path(conn_dir) / "voila.log", "wb")
    proc = subprocess.Popen(
        ["bash", "run.sh", "serve", f"--port={port}", "--no-browser",
         "--VoilaConfiguration.preheat_kernel=False", f"--Voila.connection_dir_root={conn_dir}"],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    results: dict = {"notebooks": {}}
    try:
        wait_http(port, 120)
        server = psutil.Process(proc.pid)  # run.sh execs server/launch.py
        results["server_idle"] = mem(server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in names:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                t0 = time.monotonic()
                page.goto(f"http://127.0.0.1:{port}/voila/render/notebooks/{name}", wait_until="commit")
                page.wait_for_function(READY_JS, timeout=120_000)
                render_s = time.monotonic() - t0
                time.sleep(args.settle)
                ks = kernels(server)
                row = {"render_s": render_s, "kernels": len(ks), "server": mem(server)}
                if ks:  # the page's kernel is the newest
                    newest = max(ks, key=lambda k: k.create_time())
                    row["kernel"] = mem(newest)
                results["notebooks"][name] = row
                k = row.get("kernel", {})
                print(f"{name:32s} render {render_s:5.1f}s  kernel RSS {k.get('rss_mb', 0):6.1f} MB "
                      f"PSS {k.get('pss_mb', 0):6.1f} USS {k.get('uss_mb', 0):6.1f} CPU {k.get('cpu_s', 0):4.1f}s  "
                      f"server RSS {row['server']['rss_mb']:6.1f} MB  kernels alive {len(ks)}", flush=True)
                page.close(run_before_unload=True)  # Voila shuts the page's kernel down on unload
                deadline = time.monotonic() + 15
                while kernels(server) and time.monotonic() < deadline:
                    time.sleep(0.5)
            browser.close()
        results["server_after"] = mem(server)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()

    rss = [r["kernel"]["rss_mb"] for r in results["notebooks"].values() if "kernel" in r]
    uss = [r["kernel"]["uss_mb"] for r in results["notebooks"].values() if "kernel" in r]
    if rss:
        results["kernel_rss_mb"] = {"min": min(rss), "median": statistics.median(rss), "max": max(rss)}
        results["kernel_uss_mb"] = {"min": min(uss), "median": statistics.median(uss), "max": max(uss)}
        cpu = [r["kernel"]["cpu_s"] for r in results["notebooks"].values() if "kernel" in r]
        results["kernel_cpu_s"] = {"min": min(cpu), "median": statistics.median(cpu), "max": max(cpu)}
        print(f"lesson kernel RSS: min {min(rss):.0f}, median {statistics.median(rss):.0f}, max {max(rss):.0f} MB; "
              f"USS median {statistics.median(uss):.0f} MB; CPU to start and render: median {statistics.median(cpu):.1f} s, "
              f"max {max(cpu):.1f} s")
    print(f"server RSS idle {results['server_idle']['rss_mb']:.0f} MB, after {results['server_after']['rss_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
