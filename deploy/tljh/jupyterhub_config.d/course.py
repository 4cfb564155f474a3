"""The Littlest JupyterHub: open every learner's server on the course, in Voila.

deploy/tljh/setup.sh copies this file to /opt/tljh/config/jupyterhub_config.d/course.py;
TLJH loads it after its own configuration (then run `sudo tljh-config reload`).
The course is installed in TLJH's user environment (/opt/tljh/user) at COURSE_DIR.
"""
import os

c = get_config()  # noqa: F821 - defined by JupyterHub when it loads this file

COURSE_DIR = os.environ.get("COURSE_DIR", "/srv/course")

c.Spawner.default_url = "/voila/render/notebooks/index.ipynb"
c.Spawner.notebook_dir = COURSE_DIR
c.Spawner.environment.update({
    # Voila reads the course's voila.json; the server reads jupyter_server_config.json
    # (Voila only, no terminals, idle kernels culled after 20 minutes).
    "JUPYTER_CONFIG_PATH": os.pathsep.join([f"{COURSE_DIR}/server", f"{COURSE_DIR}/deploy/jupyter"]),
    "JUPYTER_PATH": f"{COURSE_DIR}/server/share/jupyter",
})
# One PostgreSQL database for the class, if /etc/course/db_url exists. The hub (root) reads it
# and passes it to each learner's server in its environment, where a learner can see it: give
# that database role rights on the course's tables only.
_db_url_file = "/etc/course/db_url"
if os.path.exists(_db_url_file):
    with open(_db_url_file, encoding="utf-8") as f:
        c.Spawner.environment.update({"COURSE_DB_URL": f.read().strip()})
