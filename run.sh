#!/usr/bin/env bash
# The course's one entry point.
#
#   bash run.sh serve [voila options]   serve the course on http://127.0.0.1:8866/ (home page)
#   bash run.sh test  [pytest options]  run every test: unit, notebooks (nbval), browser
#   bash run.sh bench [--quick]         benchmark the course against a floor (bench/run.py)
#   bash run.sh build-static [--output DIR]  build the static site (deploy/static/_output by default)
#   bash run.sh serve-static [PORT]     serve the built site on http://127.0.0.1:8000/ (any static server will do)
#   bash run.sh bench --load [options]  seminar load test, protocol-level attendees (bench/load.py)
#
# Both create .venv (Python >= 3.11) on first use and reinstall the course into it
# (pip install -e ".[test]") only when pyproject.toml has changed since the last install.
# Voila's settings are in server/voila.json, read by server/launch.py, which both the
# `serve` command and the browser tests use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
STAMP="$VENV/.course-install-stamp"
CHROMIUM="${COURSE_CHROMIUM:-/usr/bin/chromium}"

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }
is_ci() { case "${CI:-}" in true | TRUE | True | 1 | yes) return 0 ;; *) return 1 ;; esac; }
is_root() { [ "$(id -u)" = 0 ]; }
new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }

find_python() {
  local cand
  for cand in python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1 && new_enough "$(command -v "$cand")"; then
      command -v "$cand"
      return 0
    fi
  done
  return 1
}

make_venv() {
  local base
  base="$(find_python)" || die "Python 3.11 or newer is needed; found $(python3 --version 2>&1 || echo 'no python3'). On Debian: apt-get install -y python3 python3-venv"
  say "Creating .venv with $base ($("$base" --version 2>&1))"
  if ! "$base" -m venv "$VENV"; then
    # Debian's Python needs python3-venv for ensurepip.
    if is_root && command -v apt-get >/dev/null 2>&1; then
      say "Installing python3-venv (apt-get) ..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
      "$base" -m venv "$VENV" || die "could not create .venv"
    else
      die "could not create .venv. On Debian install venv support first: sudo apt-get install -y python3-venv"
    fi
  fi
}

ensure_venv() {
  if [ ! -x "$PY" ] || ! "$PY" -c 'import sys' >/dev/null 2>&1; then
    make_venv
  fi
  new_enough "$PY" || die ".venv has $("$PY" --version 2>&1); the course needs Python >= 3.11. Remove .venv and rerun."
  # Reinstall when pyproject.toml, the venv's Python or the repository's place changes.
  local want
  want="$({ echo "$ROOT"; "$PY" --version 2>&1; cat pyproject.toml; } | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
    say "Installing the course and its packages into .venv (pip install -e \".[test]\") ..."
    "$PY" -m pip install --disable-pip-version-check --quiet --progress-bar off -e ".[test]" \
      || die "pip install failed (see above)"
    echo "$want" >"$STAMP"
  fi
  # Kernels must run on this venv's Python: its kernel spec comes first on JUPYTER_PATH
  # (server/launch.py does the same for Voila).
  if [ ! -f "$VENV/share/jupyter/kernels/python3/kernel.json" ]; then
    "$PY" -m ipykernel install --sys-prefix --name python3 >/dev/null
  fi
  export JUPYTER_PATH="$VENV/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
}

ensure_chromium() {
  [ -x "$CHROMIUM" ] && return 0
  if is_root && command -v apt-get >/dev/null 2>&1; then
    say "Installing Chromium for the browser tests (apt-get install -y chromium) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    [ -x "$CHROMIUM" ] || die "Chromium was installed but $CHROMIUM is missing"
  else
    say "The browser tests need Debian's Chromium at $CHROMIUM. Install it with:"
    say "  sudo apt-get update && sudo apt-get install -y chromium"
    exit 1
  fi
}

# The store tests run on SQLite and on a real PostgreSQL: tests/pg_support.py starts a
# throwaway cluster from Debian's package (as the postgres user when run as root).
have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }

ensure_postgres() {
  have_postgres && return 0
  if is_root && command -v apt-get >/dev/null 2>&1; then
    say "Installing PostgreSQL for the store tests (apt-get install -y postgresql) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    have_postgres || die "PostgreSQL was installed but no /usr/lib/postgresql/*/bin/initdb was found"
  elif is_ci; then
    die "CI=true but PostgreSQL is missing and cannot be installed (not root): apt-get install -y postgresql"
  else
    say "PostgreSQL is not installed: the PostgreSQL half of the store tests will be skipped."
    say "  Install it with: sudo apt-get update && sudo apt-get install -y postgresql"
  fi
}

# PDF certificates embed DejaVu Sans (course/classroom/certificates.py).
ensure_fonts() {
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] && return 0
  if is_root && command -v apt-get >/dev/null 2>&1; then
    say "Installing the DejaVu fonts for PDF certificates (apt-get install -y fonts-dejavu-core) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core
  else
    say "PDF certificates need the DejaVu fonts: sudo apt-get install -y fonts-dejavu-core"
  fi
}

cmd_serve() {
  ensure_venv
  ensure_fonts
  local arg custom_port=""
  for arg in "$@"; do
    case "$arg" in --port* | --Voila.port*) custom_port=1 ;; esac
  done
  if [ -z "$custom_port" ] && "$PY" -c 'import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(("127.0.0.1", 8866)) != 0)'; then
    die "port 8866 is already in use (is the course already running? open http://127.0.0.1:8866/). Or choose another: bash run.sh serve --port=8870"
  fi
  say "Serving the course at http://127.0.0.1:8866/ (the home page); Ctrl-C stops it."
  exec "$PY" server/launch.py "$@"
}

cmd_test() {
  ensure_venv
  ensure_chromium
  ensure_postgres
  ensure_fonts
  ensure_npm soft
  if is_ci; then
    "$PY" -c 'import sys
from course.sources import SeedsMissing, seeds_dir
try:
    seeds_dir()
except SeedsMissing as e:
    sys.exit(str(e))' || die "CI=true but the source documents (../shared/seeds) are missing; the source checks must run in CI"
  fi
  # Default targets: tests/ plus every notebook (nbval), unless paths were given.
  local arg given_path="" paths=()
  for arg in "$@"; do
    case "$arg" in -*) ;; *) if [ -e "${arg%%::*}" ]; then given_path=1; fi ;; esac
  done
  if [ -z "$given_path" ]; then
    paths=(tests)
    for arg in notebooks exercises; do
      if [ -d "$arg" ]; then paths+=("$arg"); fi
    done
  fi
  "$PY" -m pytest ${paths[@]+"${paths[@]}"} --nbval-lax --nbval-kernel-name=python3 --nbval-sanitize-with tests/nbval_sanitize.cfg "$@"
}

STATIC_VENV="$ROOT/deploy/static/_build/venv"
STATIC_STAMP="$STATIC_VENV/.tools-stamp"

# npm brings Pyodide's core (the npm package pyodide) for the static build. `ensure_npm soft`
# only says what is missing where it cannot install it (the static site's test then skips).
ensure_npm() {
  command -v npm >/dev/null 2>&1 && return 0
  if is_root && command -v apt-get >/dev/null 2>&1; then
    say "Installing npm (apt-get install -y npm) for Pyodide's npm package ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm
  elif [ "${1:-}" = soft ]; then
    say "npm is missing, so the static site's test will skip: sudo apt-get install -y npm"
  else
    die "the static build needs npm: sudo apt-get install -y npm"
  fi
}

# The build tools live in their own environment: JupyterLite's build pins versions the
# course's own environment need not share.
ensure_static_tools() {
  ensure_npm
  local base want
  if [ ! -x "$STATIC_VENV/bin/python" ]; then
    base="$(find_python)" || die "Python 3.11 or newer is needed for the static build"
    "$base" -m venv "$STATIC_VENV" || die "could not create $STATIC_VENV"
  fi
  want="$(sha256sum deploy/static/requirements-build.txt | cut -d' ' -f1)"
  if [ ! -f "$STATIC_STAMP" ] || [ "$(cat "$STATIC_STAMP")" != "$want" ]; then
    say "Installing the static build's tools (deploy/static/requirements-build.txt) ..."
    "$STATIC_VENV/bin/python" -m pip install --disable-pip-version-check --quiet --progress-bar off \
      -r deploy/static/requirements-build.txt || die "pip install of the static build's tools failed"
    echo "$want" >"$STATIC_STAMP"
  fi
}

cmd_build_static() {
  ensure_static_tools
  "$STATIC_VENV/bin/python" deploy/static/build.py "$@"
}

cmd_serve_static() {
  local port="${1:-8000}"
  [ -f deploy/static/_output/index.html ] || die "no site yet: bash run.sh build-static"
  say "Serving the static site at http://127.0.0.1:$port/ (Ctrl-C stops it)."
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory deploy/static/_output
}

cmd_bench() {
  ensure_venv
  if [ "${1:-}" = "--load" ]; then
    shift
    exec "$PY" bench/load.py "$@" # seminar attendees without browsers (no Chromium needed)
  fi
  ensure_chromium
  "$PY" bench/run.py "$@"
}

case "${1:-}" in
  serve) shift; cmd_serve "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  build-static) shift; cmd_build_static "$@" ;;
  serve-static) shift; cmd_serve_static "$@" ;;
  *)
    say "usage: bash run.sh serve [voila options]   serve the course on http://127.0.0.1:8866/"
    say "       bash run.sh test  [pytest options]  run every test"
    say "       bash run.sh bench [--quick]         benchmark the course (table + bench/results/course.json)"
    say "       bash run.sh build-static [--output DIR]  build the static site (deploy/static/_output)"
    say "       bash run.sh serve-static [PORT]     serve the built site on http://127.0.0.1:8000/"
    say "       bash run.sh bench --load [options]  seminar load test without browsers (bench/load.py --help)"
    exit 2
    ;;
esac
