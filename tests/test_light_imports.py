"""A lesson page's kernel imports neither pandas nor numpy until a computation needs them.

Every module the lessons' and exercise sets' code cells import (found by reading the
notebooks), and every module of the engine and the widgets, is imported in a fresh
interpreter; pandas and numpy must not be among the modules loaded. They are imported
inside the functions that use them (the bulk exhibit table, the swarm sweep, the exchange
model), which keeps a lesson kernel lighter and is the first step to pages that run where
neither is installed (the static site, deploy/static/).
"""
from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy")


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
