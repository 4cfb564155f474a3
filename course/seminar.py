"""The CLE seminar's engine under its first name: everything is in :mod:`course.classroom`
(modules by concern); ``from course import seminar`` keeps working for the views and tests."""
from __future__ import annotations

from .classroom import *  # noqa: F401,F403
from .classroom import __all__  # noqa: F401
