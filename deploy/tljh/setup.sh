#!/usr/bin/env bash
# Set up the course on a server running The Littlest JupyterHub (TLJH).
#
# First install TLJH on a fresh Ubuntu/Debian server (as root; see https://tljh.jupyter.org):
#   curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --admin ADMIN_NAME
# then, from a clone of this repository on that server:
#   sudo bash deploy/tljh/setup.sh [COURSE_DIR]        (default /srv/course)
#
# Optional: a shared PostgreSQL database for progress and seminar records:
#   sudo install -D -m 0600 /dev/stdin /etc/course/db_url <<< 'postgresql://course:PASS@localhost/course'
# (without it every learner keeps progress in SQLite in their home folder, which on TLJH persists).
#
# Sizes come from deploy/README.md ("Capacity"): single-user server ~150 MB, lesson kernel up to
# ~190 MB; 1 GiB per learner lets one keep the home page and two lessons open.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COURSE_DIR="${1:-/srv/course}"
TLJH_PIP=/opt/tljh/user/bin/pip
[ "$(id -u)" = 0 ] || { echo "run as root (sudo)" >&2; exit 1; }
[ -x "$TLJH_PIP" ] || { echo "TLJH is not installed here (/opt/tljh/user missing)" >&2; exit 1; }

# 1. The course, readable by every learner, installed into TLJH's user environment.
if [ "$REPO" != "$COURSE_DIR" ]; then
  mkdir -p "$COURSE_DIR"
  cp -a "$REPO"/. "$COURSE_DIR"/
  rm -rf "$COURSE_DIR/.venv" "$COURSE_DIR/.git"
fi
chmod -R a+rX "$COURSE_DIR"
"$TLJH_PIP" install --quiet "$COURSE_DIR[postgres]"   # not editable: data/ ships inside the package
# The swarm chart's plotly.js, served from the course template's static folder.
/opt/tljh/user/bin/python "$COURSE_DIR/server/assets.py"

# 2. The hub opens each learner's server on the course home page, in Voila.
install -D -m 0644 "$COURSE_DIR/deploy/tljh/jupyterhub_config.d/course.py" \
  /opt/tljh/config/jupyterhub_config.d/course.py
mkdir -p /etc/systemd/system/jupyterhub.service.d
printf '[Service]\nEnvironment=COURSE_DIR=%s\n' "$COURSE_DIR" >/etc/systemd/system/jupyterhub.service.d/course.conf
systemctl daemon-reload

# 3. Per-learner limits (systemd cgroups) and the idle culler.
tljh-config set limits.memory 1G
tljh-config set limits.cpu 1
tljh-config set services.cull.enabled true
tljh-config set services.cull.timeout 3600
tljh-config set services.cull.every 300
tljh-config set services.cull.max_age 28800
tljh-config reload hub
echo "Done: learners now land on /user/NAME/voila/render/notebooks/index.ipynb"
