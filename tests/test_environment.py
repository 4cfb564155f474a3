"""environment.yml (for conda users) lists the same packages as pyproject.toml: its runtime
packages from conda-forge, every extra, and the course itself, installed from the checkout."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

REPO = Path(__file__).resolve().parent.parent


def normalise(name: str) -> str:
    """PEP 503: case and runs of -, _ and . do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


#: environment.yml's pip line that installs the course itself (not editable).
THE_COURSE = "."


def pip_packages(requirements: list[str]) -> dict[str, SpecifierSet]:
    out: dict[str, SpecifierSet] = {}
    for line in requirements:
        if line == THE_COURSE:
            continue
        req = Requirement(line)
        name = normalise(req.name)
        assert name not in out, f"{req.name} is listed twice"
        out[name] = req.specifier
    return out


def conda_packages(env: dict) -> tuple[dict[str, SpecifierSet], dict[str, SpecifierSet], str | None]:
    """environment.yml's conda packages (other than python and pip), its pip packages
    (other than the course) and its python version."""
    packages: dict[str, SpecifierSet] = {}
    from_pip: dict[str, SpecifierSet] = {}
    python = None
    for dep in env.get("dependencies", []):
        if isinstance(dep, dict):
            from_pip.update(pip_packages(dep.get("pip", [])))
            continue
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", str(dep))
        assert m, f"cannot read the conda dependency {dep!r}"
        name, spec = normalise(m.group(1)), m.group(2)
        if name == "python":
            python = spec.lstrip("=")
        elif name != "pip":
            # conda's "=2.2" means "2.2.*"
            spec = f"=={spec.lstrip('=')}.*" if re.fullmatch(r"=?[0-9][0-9.]*", spec) else spec
            assert name not in packages, f"{name} is listed twice"
            packages[name] = SpecifierSet(spec)
    return packages, from_pip, python


def every_requirement() -> dict[str, SpecifierSet]:
    """The runtime packages and every extra's; a package in two extras must be pinned alike."""
    project = pyproject()["project"]
    out = pip_packages(project["dependencies"])
    for name, extra in project.get("optional-dependencies", {}).items():
        for pkg, spec in pip_packages(extra).items():
            assert out.get(pkg, spec) == spec, f"{pkg} is pinned {out[pkg]} and, in [{name}], {spec}"
            out[pkg] = spec
    return out


def test_same_packages_and_versions():
    wanted = every_requirement()
    conda, from_pip, _ = conda_packages(environment())
    both = sorted(set(conda) & set(from_pip))
    assert not both, f"listed for conda and for pip: {both}"
    listed = {**conda, **from_pip}
    missing = sorted(set(wanted) - set(listed))
    extra = sorted(set(listed) - set(wanted))
    assert not missing, f"in pyproject.toml but not environment.yml: {missing}"
    assert not extra, f"in environment.yml but not pyproject.toml: {extra}"
    differ = {n: (str(wanted[n]), str(listed[n])) for n in wanted if wanted[n] != listed[n]}
    assert not differ, f"versions differ (pyproject, environment.yml): {differ}"


def test_runtime_packages_come_from_conda_forge():
    runtime = pip_packages(pyproject()["project"]["dependencies"])
    _, from_pip, _ = conda_packages(environment())
    assert not sorted(set(runtime) & set(from_pip)), "runtime packages must be conda-forge packages"


def test_environment_installs_the_course_not_editable():
    pip_lines = [line for dep in environment()["dependencies"] if isinstance(dep, dict) for line in dep.get("pip", [])]
    assert THE_COURSE in pip_lines
    assert not any(line.startswith(("-e", "--editable")) for line in pip_lines)


def test_test_and_author_tools_are_extras_not_runtime():
    runtime = pip_packages(pyproject()["project"]["dependencies"])
    for tool in ("nbval", "jupyterlab", "pytest", "playwright"):
        assert tool not in runtime, f"{tool} is not needed to run the course; it belongs in an extra"


def test_python_version_agrees_with_requires_python():
    _, _, python = conda_packages(environment())
    assert python, "environment.yml must pin python"
    requires = SpecifierSet(pyproject()["project"]["requires-python"])
    assert python in requires, f"python={python} does not satisfy requires-python {requires}"
    assert python.startswith("3.11")


def test_conda_forge_and_a_name():
    env = environment()
    assert env.get("name")
    assert env.get("channels") == ["conda-forge"]


def test_voila_waits_for_cell_output_under_load_and_skips_plotlys_extension():
    """Under load (a seminar's kernels starting at once) a cell's output can arrive seconds after
    its reply; Voila's default 4 s wait then drops it and the page lacks its widgets. Both the
    standalone server and the JupyterHub setup wait longer. The course draws its charts itself, so
    the jupyterlab-plotly extension (a 4.8 MB chunk on every page) is not loaded."""
    import json

    standalone = json.loads((REPO / "server" / "voila.json").read_text(encoding="utf-8"))
    hub = json.loads((REPO / "deploy" / "jupyter" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    for cfg in (standalone, hub):
        assert cfg["VoilaExecutor"]["iopub_timeout"] >= 30
    assert "jupyterlab-plotly" in standalone["VoilaConfiguration"]["extension_denylist"]
