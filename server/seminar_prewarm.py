"""A seminar's pool: kernels pre-heated for the lesson the seminar is on, as many as are expected.

A seminar's lessons are known in advance (``data/seminar.yaml``, or the file ``COURSE_SEMINAR``
names). Before the start, the presenter serves the course with the expected attendance::

    bash run.sh serve --SeminarPool.attendance=100                 # the agenda's first lesson
    bash run.sh serve --SeminarPool.attendance=100 --SeminarPool.lesson=3

and the server pre-heats ``attendance`` kernels for that lesson's notebook only (every other
notebook keeps ``default_pool_size``, one by default), started ``CourseKernelManager.max_starting``
at a time (``server/pool.py``), so arrivals up to the attendance take a kernel that has already run
the lesson, and later arrivals queue in arrival order. The pool is sized to the attendance, not
kept at it: each arrival lowers the number still expected, so a kernel taken is not replaced until
fewer than ``SeminarPool.spare`` (2) are left, and then only up to that (``server/pool.py``); a
kernel for each attendee and no idle pool of the same size beside them. A lesson kernel holds about
120 MB: the pool is capped at ``SeminarPool.max_kernels`` (default 200).
"""
from __future__ import annotations

from traitlets import Int
from traitlets.config import Configurable


class SeminarPool(Configurable):
    attendance = Int(0, config=True, help="Expected attendance: kernels pre-heated for the seminar's lesson (0: no seminar pool).")
    lesson = Int(-1, config=True, help="Lesson number (data/lessons.yaml) the seminar starts on; -1: the agenda's first lesson.")
    max_kernels = Int(200, config=True, help="Upper bound of the seminar pool (memory: ~120 MB a lesson kernel).")
    spare = Int(2, config=True, help="Kernels kept ready for the lesson once the expected attendees have arrived.")


def seminar_lesson_notebook(lesson: int = -1) -> str:
    """The notebook (``notebooks/NAME.ipynb``) of ``lesson``, or of the agenda's first lesson."""
    from course import lessons
    from course.seminar import load_agenda

    if lesson < 0:
        firsts = [i.lesson for i in load_agenda().items if i.lesson is not None]
        if not firsts:
            raise ValueError("the seminar agenda has no lesson; give --SeminarPool.lesson=N")
        lesson = firsts[0]
    by_number = {lsn.number: lsn.notebook for lsn in lessons.load()}
    if lesson not in by_number:
        raise ValueError(f"--SeminarPool.lesson={lesson}: no such lesson in data/lessons.yaml "
                         f"(lessons: {', '.join(map(str, sorted(by_number)))})")
    return f"notebooks/{by_number[lesson]}"


def sized_for_seminar(pools: dict, config, log=None) -> dict:
    """``pools`` (Voila's ``kernel_pools_config``) with the seminar lesson's pool set to the expected
    attendance, if one is configured (``SeminarPool``)."""
    seminar = SeminarPool(config=config)
    if seminar.attendance <= 0:
        return pools
    notebook = seminar_lesson_notebook(seminar.lesson)
    size = min(seminar.attendance, seminar.max_kernels)
    if log:
        log.info("Seminar pool: %d pre-heated kernels for %s (expected attendance %d)", size, notebook, seminar.attendance)
    return {**pools, notebook: {**pools.get(notebook, {}), "pool_size": size, "seminar_spare": max(seminar.spare, 0)}}
