"""A lesson page needs neither pandas nor numpy.

Every module the lessons' and exercise sets' code cells import (found by reading the
notebooks), and every module of the engine and the widgets, is imported in a fresh
interpreter; pandas and numpy must not be among the modules loaded. Then every lesson,
exercise and progress notebook's code cells run in a fresh interpreter where pandas and
numpy cannot be imported at all (a meta-path finder refuses them), and the explorers are
operated once (the swarm explorer's shift and add controls change its ruling; an exhibit is
uploaded). Only the bulk exhibit table (``ExhibitLoad.observations``,
:func:`course.swarm.presence`), the command line and the benchmarks use pandas. This keeps a
lesson kernel light, and lets the pages run where neither is installed (the static site,
deploy/static/).
"""
from __future__ import annotations

import ast
import json
import pkgutil
import textwrap
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy")


PAGE_FOLDERS = ("notebooks", "exercises", "progress")


def page_notebooks() -> list[Path]:
    return [p for folder in PAGE_FOLDERS for p in sorted((REPO / folder).glob("*.ipynb"))]


def notebook_imports() -> list[str]:
    found: set[str] = set()
    for folder in ("notebooks", "exercises"):
        for path in sorted((REPO / folder).glob("*.ipynb")):
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                if cell["cell_type"] != "code":
                    continue
                for node in ast.walk(ast.parse("".join(cell["source"]))):
                    if isinstance(node, ast.ImportFrom) and node.module:
                        found.add(node.module)
                        for alias in node.names:  # `from widgets import lesson` imports widgets.lesson
                            found.add(f"{node.module}.{alias.name}")
                    elif isinstance(node, ast.Import):
                        found.update(a.name for a in node.names)
    return sorted(found)


def package_modules() -> list[str]:
    out = []
    for pkg in ("course", "widgets"):
        for m in pkgutil.iter_modules([str(REPO / pkg)]):
            if m.name != "__main__":
                out.append(f"{pkg}.{m.name}")
    return out


def heavy_after_importing(modules: list[str]) -> dict[str, list[str]]:
    """For each module, imported alone in a fresh interpreter: which heavy packages it loaded."""
    code = f"""
import importlib, json, sys
out = {{}}
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except ImportError:
        pass  # `from widgets import lesson` also lists 'widgets.lesson'; a name like 'course.x' may be an attribute
    out[name] = [h for h in {HEAVY!r} if h in sys.modules]
    if out[name]:
        break
print(json.dumps(out))
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


def test_the_notebooks_import_the_course_modules():
    mods = notebook_imports()
    assert "widgets.lesson" in mods and "widgets.swarm_view" in mods and "widgets.exercise_view" in mods


@pytest.mark.parametrize("what", ["notebooks", "packages"])
def test_no_pandas_or_numpy_at_import(what):
    modules = notebook_imports() if what == "notebooks" else package_modules()
    found = heavy_after_importing(modules)
    loaded = {m: h for m, h in found.items() if h}
    assert not loaded, f"importing these loads pandas/numpy: {loaded}"
    assert len(found) == len(modules)


def test_the_check_can_fail():
    """The same check sees pandas when a module does import it."""
    assert "pandas" in heavy_after_importing(["course.records", "pandas"])["pandas"]


# --- the pages run with pandas and numpy unimportable ------------------------------------

#: Put first in a fresh interpreter: pandas and numpy cannot be imported; every ERROR log
#: record (an explorer logs an exception it shows as a friendly note) is kept.
BLOCKED_PRELUDE = f"""
import json, logging, sys
sys.path.insert(0, {str(REPO)!r})
HEAVY = {HEAVY!r}

class NoHeavy:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in HEAVY:
            raise ImportError(name + " is made unimportable for this check")
        return None

sys.meta_path.insert(0, NoHeavy())
logged = []

class Keep(logging.Handler):
    def emit(self, record):
        logged.append(self.format(record))

logging.getLogger().addHandler(Keep(logging.ERROR))
"""

RUN_NOTEBOOKS = """
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()
failed = {}
for path in sys.argv[1:]:
    cells = json.load(open(path, encoding="utf-8"))["cells"]
    for i, cell in enumerate(c for c in cells if c["cell_type"] == "code"):
        result = shell.run_cell("".join(cell["source"]), silent=True)
        if not result.success:
            failed[f"{path} code cell {i + 1}"] = repr(result.error_in_exec or result.error_before_exec)
    if logged:
        failed[f"{path} (logged)"] = logged[:]
        logged.clear()
"""

OPERATE_WIDGETS = """
import datetime as dt
from pathlib import Path
from course.ruling import Outcome
from widgets.explorer import FRIENDLY
from widgets.exchange_view import ExchangeExplorer
from widgets.geo_view import GeolocationExplorer
from widgets.swarm_view import SwarmTimingExplorer
from widgets.workbench import CaseWorkbench

def upload(name):
    data = (Path(sys.path[0]) / "data" / "exhibits" / name).read_bytes()
    return ({"name": name, "type": "text/csv", "size": len(data), "content": memoryview(data),
             "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},)

seen = {}
tid = "joinder.ndill_2013"
e = SwarmTimingExplorer("ndill_doe29_doe38")
seen["at first"] = e.rulings[tid].outcome.value
e.doe.value = 38
e.shift.value = -399.5  # 0.3 hours after Doe 29: inside a one-hour stay
seen["Doe 38 moved"] = e.rulings[tid].outcome.value
e.shift.value = 0
e.add_at.value = 0.5
e.add.click()
seen["Doe added"] = (len(e.base.rows), e.rulings[tid].outcome.value, "3 Does" in e.summary.value)
e._on_shown({"event": "shown"})  # the browser has shown it: the chart is drawn
seen["chart bars"] = len(e.fig.figure["data"][0]["y"])
e.upload.value = upload("tight_cluster.csv")
seen["uploaded"] = "12 Does" in e.summary.value
g = GeolocationExplorer()
g.level.value = "city"
g.level.value = "country"
seen["geolocation at country level"] = g.view.does_placed_in_forum
x = ExchangeExplorer(overlap_minutes=2)
before = x.estimate.probability_direct_exchange
x.overlap.value = 60
seen["exchange rises with overlap"] = x.estimate.probability_direct_exchange > before
w = CaseWorkbench()
w._upload.value = upload("tight_cluster.csv")
seen["workbench exhibit"] = "12 Does" in w._exhibit_note.value
friendly = [v.value for v in (e.summary, e.banner, g.result) if FRIENDLY in v.value]
if friendly or logged:
    failed["operating the explorers"] = friendly + logged
print(json.dumps({"failed": failed, "seen": seen, "heavy": [h for h in HEAVY if h in sys.modules]}))
"""


def run_pages_without_heavy(notebooks: list[Path]) -> dict:
    code = BLOCKED_PRELUDE + RUN_NOTEBOOKS + OPERATE_WIDGETS
    r = subprocess.run([sys.executable, "-c", code, *map(str, notebooks)], cwd=REPO, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_every_page_runs_and_operates_with_pandas_and_numpy_unimportable():
    notebooks = page_notebooks()
    assert {p.parent.name for p in notebooks} == set(PAGE_FOLDERS) and len(notebooks) >= 15
    found = run_pages_without_heavy(notebooks)
    assert not found["failed"], json.dumps(found["failed"], indent=1)[:6000]
    assert found["heavy"] == []
    seen = found["seen"]
    assert seen["at first"] == "joinder_improper"
    assert seen["Doe 38 moved"] != "joinder_improper"  # the shift control changed the ruling
    assert seen["Doe added"] == [3, "joinder_improper", True]
    assert seen["chart bars"] == 3
    assert seen["uploaded"] and seen["workbench exhibit"] and seen["exchange rises with overlap"]
    assert seen["geolocation at country level"] == 0


def test_the_page_run_sees_a_cell_that_needs_pandas(tmp_path):
    """The same run fails a cell that imports pandas, and one whose explorer logs an error."""
    nb = {"cells": [{"cell_type": "code", "source": ["import pandas"], "metadata": {}, "outputs": [],
                     "execution_count": None},
                    {"cell_type": "code", "source": textwrap.dedent("""\
                        import logging
                        logging.getLogger("widgets").error("an explorer's update failed")
                        """), "metadata": {}, "outputs": [], "execution_count": None}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "needs_pandas.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    failed = run_pages_without_heavy([path])["failed"]
    assert "made unimportable" in failed[f"{path} code cell 1"]
    assert "an explorer's update failed" in failed[f"{path} (logged)"][0]
