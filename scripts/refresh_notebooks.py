"""Run every course notebook and save it with fresh outputs, as nbval expects.

    .venv/bin/python scripts/refresh_notebooks.py [NOTEBOOK ...]

Outputs are kept (the cells marked ``# NBVAL_CHECK_OUTPUT`` are compared strictly by
nbval); the saved widget state is dropped, because a page served by Voila builds its
widgets afresh and the state (with plotly's JavaScript) would add megabytes per notebook.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "exercises", "seminar")


def refresh(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    print(f"refreshed {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted(
        p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    for p in paths:
        refresh(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
