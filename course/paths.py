"""Where the course's files are, in a source checkout and in an installed wheel.

``data/`` stays at the top of the repository (every fact lives there once). The wheel
carries a copy of it inside the package, as ``course/data`` (pyproject.toml maps the
folder as package data), and :func:`data_dir` reads it with :mod:`importlib.resources`.
In a checkout, or an editable install, there is no ``course/data``, and the repository's
own ``data/`` is used.

The notebooks, the exercise notebooks and the seminar notebooks are not in the wheel:
they are pages a server (Voila, or the static build) renders, and :func:`project_root`
finds them when there is a checkout to find.
"""
from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

#: The package's own folder.
PACKAGE_DIR = Path(__file__).resolve().parent
#: The folder above the package: the repository in a checkout, ``site-packages`` when installed.
CHECKOUT = PACKAGE_DIR.parent
#: The notebook folders of a checkout, relative to its root.
NOTEBOOK_FOLDERS = ("notebooks", "exercises", "seminar")


class DataMissing(FileNotFoundError):
    """Neither the installed package nor a checkout holds the course's data."""


@functools.lru_cache(maxsize=None)
def data_dir() -> Path:
    """The course's data folder: ``course/data`` in an installed wheel, else the checkout's ``data/``."""
    packaged = resources.files("course") / "data"
    if packaged.is_dir() and (packaged / "cases.yaml").is_file():
        return Path(str(packaged))
    beside = CHECKOUT / "data"
    if (beside / "cases.yaml").is_file():
        return beside
    raise DataMissing(
        f"the course's data was not found: neither {packaged} (an installed wheel) nor {beside} "
        "(a source checkout) holds cases.yaml; reinstall the course with `pip install .`"
    )


def is_installed() -> bool:
    """True when the data comes from the installed package rather than a checkout."""
    return data_dir().parent == PACKAGE_DIR


def project_root() -> Path | None:
    """A folder holding the course's notebooks: the checkout beside the package, else the
    current folder if it holds ``notebooks/`` (a server's copy of the repository with the
    course installed from it), else None.
    """
    candidates = [CHECKOUT, Path(os.getcwd())]
    for c in candidates:
        if (c / "notebooks").is_dir() and (c / "course").is_dir():
            return c
    return None
