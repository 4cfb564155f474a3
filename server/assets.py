"""Browser code the course's pages load by URL, installed into the course's page template.

The swarm timeline is drawn by plotly.js. Plotly's own ``FigureWidget`` sends its 5 MB browser
bundle through the kernel's websocket to every page that shows a chart, and keeps a copy in every
kernel. The course instead serves ``plotly.min.js`` (shipped inside the plotly Python package) as a
static file of the ``course`` template, at ``voila/templates/course/static/plotly.min.js?v=VERSION``:
the browser fetches it once, caches it, and compiles it off the main thread; kernels never hold it.

``server/launch.py`` installs it on every start (a no-op when it is up to date); a JupyterHub image
or TLJH setup runs ``python server/assets.py`` once (see ``deploy/``).
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATIC = HERE / "share" / "jupyter" / "voila" / "templates" / "course" / "static"
PLOTLY_JS = "plotly.min.js"


def plotly_js_source() -> Path:
    """``plotly.min.js`` inside the installed plotly package (found without importing plotly)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the plotly package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / PLOTLY_JS
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the plotly package")
    return path


def plotly_version() -> str:
    return importlib.metadata.version("plotly")


def install(dest: Path = STATIC) -> Path:
    """Copy ``plotly.min.js`` into ``dest`` unless an identical copy is there; return its path."""
    src = plotly_js_source()
    target = dest / PLOTLY_JS
    if target.is_file() and target.stat().st_size == src.stat().st_size and target.read_bytes() == src.read_bytes():
        return target
    dest.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    shutil.copyfile(src, tmp)
    tmp.replace(target)
    return target


def main() -> int:
    try:
        path = install()
    except OSError as e:
        print(f"assets: could not install {PLOTLY_JS}: {e}", file=sys.stderr)
        return 1
    print(f"assets: {path} (plotly {plotly_version()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
