"""`pip install .` (not editable) gives a working course: the wheel carries data/, the
``course`` command works from any folder, and the notebooks' code runs against the
installed package.

The wheel is built once (pip's own build, with its cache) and installed with ``--no-deps``
into a fresh virtual environment whose only other packages are this test environment's,
reached through a ``.pth`` file (so nothing is downloaded twice). The commands then run
from a temporary folder, away from the checkout, so that nothing can fall back on it.
"""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(args, cwd, **kw):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COURSE_LESSONS")}
    env.update(kw.pop("env", {}))
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q",
              "-w", str(out), str(REPO)], cwd=out)
    assert r.returncode == 0, r.stderr[-3000:]
    (whl,) = out.glob("bittorrent_doe_course-*.whl")
    return whl


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed (not editable); returns its bin/ folder."""
    venv = tmp_path_factory.mktemp("venv")
    r = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv)
    assert r.returncode == 0, r.stderr
    py = venv / "bin" / "python"
    purelib = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=venv)
    # The dependencies come from this environment (after the venv's own site-packages).
    Path(purelib.stdout.strip(), "_course_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    r = _run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index",
              "--disable-pip-version-check", "-q", str(wheel)], cwd=venv)
    assert r.returncode == 0, r.stderr[-3000:]
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working folder that is not the checkout and holds no notebooks."""
    return tmp_path


def test_wheel_carries_the_data_folder(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"course/data/{p.relative_to(REPO / 'data').as_posix()}"
                for p in (REPO / "data").rglob("*") if p.suffix in (".yaml", ".csv", ".md")}
    assert expected and expected <= names, sorted(expected - names)
    assert "course/paths.py" in names and "widgets/lesson.py" in names


def test_wheel_carries_every_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(REPO).as_posix() for pkg in ("course", "widgets") for p in (REPO / pkg).rglob("*.py")
               if "__pycache__" not in p.parts}
    missing = sorted(modules - names)
    assert not missing, f"not in the wheel (add their packages to [tool.setuptools] packages): {missing}"


def test_installed_course_reads_its_own_data(installed, elsewhere):
    r = _run([str(installed / "python"), "-c",
              "import course, course.paths as p, course.joinder; print(p.data_dir()); print(course.__file__)"],
             cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    data, module = r.stdout.split()
    assert Path(data) == Path(module).parent / "data"
    assert not Path(module).is_relative_to(REPO), "the test must use the installed copy"


def test_version(installed, elsewhere):
    from course import __version__

    for args in ([str(installed / "course"), "--version"], [str(installed / "python"), "-m", "course", "--version"]):
        r = _run(args, cwd=elsewhere)
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() == f"course {__version__}"


def test_decide_list(installed, elsewhere):
    r = _run([str(installed / "course"), "decide", "--list"], cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    ids = [t["id"] for t in json.loads(r.stdout)]
    assert "joinder.ndill_2013" in ids


def test_decide_list_into_a_closed_pipe_ends_quietly(installed, elsewhere):
    """`course decide --list | head -1`: the reader goes away early; no traceback, status 0."""
    reader, writer = os.pipe()
    fcntl.fcntl(writer, 1031, 4096)  # F_SETPIPE_SZ: a small pipe, so the writer blocks early
    proc = subprocess.Popen([str(installed / "course"), "decide", "--list"], cwd=elsewhere, stdout=writer,
                            stderr=subprocess.PIPE, text=True)
    os.close(writer)
    with os.fdopen(reader, "rb") as fh:
        assert fh.read(10)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode == 0, err


def test_check(installed, elsewhere, seeds_dir):
    r = _run([str(installed / "course"), "check"], cwd=elsewhere, env={"COURSE_SEEDS": str(seeds_dir)})
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr
    assert r.stdout.strip().endswith("0 problems")


def test_check_from_a_copy_of_the_repository_checks_its_notebooks(installed, tmp_path, seeds_dir):
    """Run from a folder with the course's notebooks (a server's copy), the check reads them too."""
    import shutil

    for folder in ("notebooks", "exercises", "course"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    here = _run([str(installed / "course"), "check"], cwd=tmp_path, env={"COURSE_SEEDS": str(seeds_dir)})
    bare = tmp_path / "bare"
    bare.mkdir()
    away = _run([str(installed / "course"), "check"], cwd=bare, env={"COURSE_SEEDS": str(seeds_dir)})
    assert here.returncode == 0 and away.returncode == 0, here.stderr + away.stderr
    count = lambda out: int(out.strip().splitlines()[-1].split()[0])
    assert count(here.stdout) > count(away.stdout)


def test_notebooks_run_against_the_installed_package(installed, elsewhere):
    """Every lesson's and exercise set's code cells run with the installed course (no checkout)."""
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "exercises").glob("*.ipynb"))
    script = """
import json, sys
import course
assert "site-packages" in course.__file__, course.__file__
for path in sys.argv[1:]:
    cells = [c for c in json.load(open(path, encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    scope = {}
    for i, cell in enumerate(cells, start=1):
        try:
            exec("".join(cell["source"]), scope)
        except Exception as e:
            sys.exit(f"{path} code cell {i}: {type(e).__name__}: {e}")
print(len(sys.argv) - 1)
"""
    r = _run([str(installed / "python"), "-c", script, *map(str, notebooks)], cwd=elsewhere)
    assert r.returncode == 0, r.stderr[-3000:]
    assert int(r.stdout.split()[-1]) == len(notebooks) > 10
