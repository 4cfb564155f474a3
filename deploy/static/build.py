"""Build the static site: every lesson and exercise set, run in the browser by JupyterLite's
Pyodide kernel, with every runtime file local (nothing fetched from a CDN at run time).

The pages open in JupyterLite's Notebook app, not in Voici: Voici 0.10.0 (the newest on PyPI)
bundles JupyterLite 0.7, whose Pyodide kernel runs Pyodide 0.29 in a classic web worker;
Pyodide 314 refuses classic workers, and pydantic-core has a Pyodide wheel on PyPI only for
314. deploy/static/README.md gives the details and what a newer Voici would change.

    python deploy/static/build.py [--output DIR]      (bash run.sh build-static does this)

Run it with the build tools' Python (deploy/static/requirements-build.txt; run.sh makes that
environment). Everything it downloads goes to deploy/static/_build/cache and is reused:

1. Pyodide's core (interpreter, standard library, lock file) from the npm package
   ``pyodide@PYODIDE_VERSION`` (``npm pack``);
2. the wheels a page needs, for Pyodide's platform, from PyPI (``pip download``,
   requirements-pyodide.txt), plus the kernel's own wheels that jupyterlite-pyodide-kernel ships;
3. the course itself as a wheel, with its data compiled to JSON (Pyodide has no PyYAML);

then ``jupyter lite build`` writes the site and a home page listing the lessons is added.

Pyodide's lock file names the whole Pyodide distribution, which npm does not carry; the site
gets a lock file that lists exactly the wheels it holds (with their sha256), so that every
package a kernel loads comes from the site. Each page's kernel preloads the course.
"""
from __future__ import annotations

import argparse
import email.parser
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BUILD = HERE / "_build"
CACHE = BUILD / "cache"
LITE = BUILD / "lite"
OUTPUT = HERE / "_output"

PYODIDE_VERSION = "314.0.7"
#: Pyodide 314's platform tag and Python (pyodide-lock.json's "info").
PLATFORM = "pyemscripten_2026_0_wasm32"
PYTHON = "3.14"
#: How Requires-Dist markers read inside Pyodide.
BROWSER_ENV = {"sys_platform": "emscripten", "platform_system": "Emscripten", "platform_machine": "wasm32",
               "python_version": PYTHON, "python_full_version": f"{PYTHON}.2", "implementation_name": "cpython",
               "platform_python_implementation": "CPython", "os_name": "posix", "extra": ""}
#: Downloaded with the rest but replaced by the kernel's own stand-ins (or not needed in a browser).
NOT_IN_BROWSER = {"widgetsnbextension", "jupyterlab-widgets", "ipykernel", "pexpect", "ptyprocess"}
#: What every page's kernel loads at start: the kernel's own packages and the course.
PRELOAD = ["micropip", "piplite", "pyodide-kernel", "ipykernel", "comm", "ipython", "jedi",
           "widgetsnbextension", "bittorrent-doe-course"]
#: The pages: lessons, exercise sets and the learner's own progress page. The seminar pages and
#: the instructor's class page need a shared server and are left out.
CONTENT = {"notebooks": "*.ipynb", "exercises": "*.ipynb", "progress": "my_progress.ipynb"}


def say(*a) -> None:
    print("build-static:", *a, file=sys.stderr, flush=True)


def run(cmd: list[str], **kw) -> None:
    say("$", " ".join(map(str, cmd)))
    subprocess.run(cmd, check=True, **kw)


# --- 1. Pyodide's core from npm -------------------------------------------------------------


def pyodide_core() -> Path:
    """The npm package's files, unpacked once into the cache."""
    unpacked = CACHE / f"pyodide-{PYODIDE_VERSION}"
    if (unpacked / "pyodide.mjs").is_file():
        return unpacked
    tgz = CACHE / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tgz.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        run(["npm", "pack", f"pyodide@{PYODIDE_VERSION}", "--silent", "--pack-destination", str(CACHE)])
    tmp = Path(tempfile.mkdtemp(dir=CACHE))
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    (tmp / "package").rename(unpacked)
    shutil.rmtree(tmp)
    return unpacked


# --- 2. wheels for the browser --------------------------------------------------------------


def browser_wheels() -> Path:
    dest = CACHE / "wheels"
    dest.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "--only-binary=:all:",
         "--platform", PLATFORM, "--platform", "any", "--python-version", PYTHON, "--implementation", "cp",
         "--abi", f"cp{PYTHON.replace('.', '')}", "--abi", "none", "-d", str(dest),
         "-r", str(HERE / "requirements-pyodide.txt")])
    return dest


def kernel_wheels() -> list[Path]:
    """The wheels jupyterlite-pyodide-kernel ships (its kernel, piplite and stand-ins)."""
    import jupyterlite_pyodide_kernel

    pypi = Path(sys.prefix, "share", "jupyter", "labextensions", "@jupyterlite", "pyodide-kernel-extension",
                "static", "pypi")
    wheels = sorted(pypi.glob("*.whl"))
    if not wheels:
        raise SystemExit(f"jupyterlite-pyodide-kernel {jupyterlite_pyodide_kernel.__version__}: no wheels in {pypi}")
    # widgetsnbextension comes as 3.6.999 and 4.0.999 stand-ins; ipywidgets 8 wants 4.
    return [w for w in wheels if not w.name.startswith("widgetsnbextension-3")]


def course_wheel() -> Path:
    """The course as a wheel, its data/ with a JSON copy of every YAML file."""
    dest = CACHE / "course"
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(REPO / name, src / name)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for name in ("course", "widgets", "data"):
            shutil.copytree(REPO / name, src / name, ignore=ignore)
        sys.path.insert(0, str(src))
        try:
            from course.records import compile_json

            written = compile_json(src / "data")
        finally:
            sys.path.remove(str(src))
        say(f"compiled {len(written)} data files to JSON")
        run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "-q", "--no-deps",
             "-w", str(dest), str(src)])
    (wheel,) = dest.glob("*.whl")
    return wheel


def _metadata(wheel: Path) -> tuple[email.message.Message, list[str]]:
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(z.read(meta).decode("utf-8")), names


def _imports(names: list[str]) -> list[str]:
    tops = set()
    for n in names:
        first = n.split("/", 1)[0]
        if first.endswith((".dist-info", ".data")):
            continue
        if "/" in n or n.endswith(".py"):
            tops.add(first.removesuffix(".py"))
    return sorted(t for t in tops if t.isidentifier())


def lock_entry(wheel: Path) -> tuple[dict, list[str]]:
    meta, names = _metadata(wheel)
    depends = []
    for line in meta.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or Marker(str(req.marker)).evaluate(BROWSER_ENV):
            depends.append(canonicalize_name(req.name))
    name = canonicalize_name(meta["Name"])
    return {
        "name": name,
        "version": meta["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": _imports(names),
        "depends": sorted(set(depends)),
        "unvendored_tests": False,
    }, names


def site_lock(core: Path, wheels: list[Path]) -> dict:
    """A pyodide-lock.json that lists exactly these wheels; unmet dependencies are reported."""
    info = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    packages: dict[str, dict] = {}
    for w in wheels:
        entry, _ = lock_entry(w)
        if entry["name"] in packages:
            raise SystemExit(f"two wheels of {entry['name']}: {packages[entry['name']]['file_name']}, {w.name}")
        packages[entry["name"]] = entry
    for entry in packages.values():
        missing = [d for d in entry["depends"] if d not in packages]
        if missing:
            say(f"{entry['name']}: not in the browser build, left out of its dependencies: {', '.join(missing)}")
        entry["depends"] = [d for d in entry["depends"] if d in packages]
    return {"info": info, "packages": dict(sorted(packages.items()))}


# --- 3. the site ----------------------------------------------------------------------------


def lite_dir(core: Path, wheels: list[Path]) -> Path:
    shutil.rmtree(LITE, ignore_errors=True)
    pyodide = LITE / "static" / "pyodide"  # the PyodideAddon's well-known place: copied, and used
    pyodide.mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "package.json"):
        shutil.copy2(core / name, pyodide / name)
    lock = site_lock(core, wheels)
    kept = {e["file_name"] for e in lock["packages"].values()}
    for w in wheels:
        if w.name in kept:
            shutil.copy2(w, pyodide / w.name)
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    missing = [p for p in PRELOAD if p not in lock["packages"]]
    if missing:
        raise SystemExit(f"the kernel needs {', '.join(missing)}, which the build does not have")

    content = LITE / "content"
    for folder, pattern in CONTENT.items():
        (content / folder).mkdir(parents=True)
        for nb in sorted((REPO / folder).glob(pattern)):
            shutil.copy2(nb, content / folder / nb.name)
    settings = {
        "disablePyPIFallback": True,
        "pipliteUrls": [],
        "loadPyodideOptions": {"packages": PRELOAD},
    }
    (LITE / "jupyter-lite.json").write_text(json.dumps({
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": settings},
        },
    }, indent=1), encoding="utf-8")
    (LITE / "jupyter_lite_config.json").write_text(json.dumps({
        "LiteBuildConfig": {"contents": ["content"], "apps": ["notebooks", "tree"], "no_sourcemaps": True},
    }, indent=1), encoding="utf-8")
    return LITE


def page_href(notebook: str) -> str:
    """Where the site opens a notebook (JupyterLite's Notebook app), from the site's root; the
    course's own links are ``course.lessons.site_href`` (tests/test_lessons.py holds them equal)."""
    return f"notebooks/index.html?path={notebook}"


def write_home(output: Path) -> None:
    """The site's home page: the lessons in order and the exercise sets, from the course's data."""
    import jinja2
    import yaml

    lessons = yaml.safe_load((REPO / "data" / "lessons.yaml").read_text(encoding="utf-8"))["lessons"]
    exercises = []
    for nb in sorted((REPO / "exercises").glob("*.ipynb")):
        sets = [yaml.safe_load(p.read_text(encoding="utf-8"))["set"] for p in (REPO / "data" / "exercises").glob("*.yaml")]
        title = next((s["title"] for s in sets if nb.stem.split("_", 1)[1] in (s["id"], s["id"].replace("_", ""))),
                     nb.stem.replace("_", " "))
        exercises.append({"href": page_href(f"exercises/{nb.name}"), "title": f"Exercises: {title}"})
    for l in lessons:
        l["href"] = page_href(f"notebooks/{l['notebook']}")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True)
    size = sum(p.stat().st_size for p in (output / "static" / "pyodide").iterdir())
    page = env.get_template("home.html.j2").render(lessons=lessons, exercises=exercises, megabytes=size / 1e6,
                                                   progress_href=page_href("progress/my_progress.ipynb"))
    (output / "index.html").write_text(page, encoding="utf-8")


def build(output: Path) -> Path:
    core = pyodide_core()
    downloaded = [w for w in sorted(browser_wheels().glob("*.whl"))
                  if canonicalize_name(w.name.split("-")[0]) not in NOT_IN_BROWSER]
    wheels = downloaded + kernel_wheels() + [course_wheel()]
    lite = lite_dir(core, wheels)
    shutil.rmtree(output, ignore_errors=True)
    jupyter = Path(sys.executable).with_name("jupyter")
    run([str(jupyter), "lite", "build", "--lite-dir", str(lite), "--output-dir", str(output)], cwd=lite)
    write_home(output)
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    say(f"built {output} ({size / 1e6:.1f} MB)")
    return output


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write the site (default {OUTPUT})")
    args = p.parse_args(argv)
    build(args.output.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
