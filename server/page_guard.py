"""No page hangs and no page is served as if it were whole when it is not.

Voila (0.5) has three ways of leaving a reader with a page that is wrong without saying so:

* a kernel that fails to start (its ports taken, ``Kernel didn't respond in 60 seconds`` under
  CPU starvation) raises inside the page's template; Voila's ``put_html`` task dies with it and the
  request never finishes: half a page and a spinner forever;
* a cell whose output arrives after ``VoilaExecutor.iopub_timeout`` is drawn without it
  (nbclient logs "Timeout waiting for IOPub output" and goes on), so a lesson can arrive without
  its swarm explorer;
* a kernel that dies while the page runs gives every later cell a server error.

:func:`install` makes each of these end the page with :data:`NOTICE`, a plain sentence asking the
reader to reload (``class="course-page-incomplete"``, which ``server/pool.py`` and
``bench/load.py`` look for). With ``VoilaExecutor.raise_on_iopub_timeout`` (``voila.json``) a late
output stops the page at that cell instead of being dropped. ``server/pool.py`` retries a
pre-heated kernel whose page ended this way on a fresh kernel (fresh ports) before anyone sees it.
"""
from __future__ import annotations

import logging

#: The mark of an unfinished page (also in bench/load.py).
MARK = "course-page-incomplete"
NOTICE = (
    f'<div class="{MARK}" role="alert" style="margin:2em auto;max-width:40em;padding:1em 1.5em;'
    'border:2px solid #b35806;border-radius:6px;background:#fff;color:#222;font:16px/1.5 sans-serif">'
    "<strong>This page did not finish loading.</strong> The course server was too busy to prepare it "
    "in time, so parts of it are missing. Please reload the page in a moment; nothing you entered "
    "has been lost.</div>"
)
#: Ends a page cut short by a failure: shows the notice where the spinner was.
_END = ('<script>(function(){var l=document.getElementById("loading");if(l){l.remove();}'
        'var c=document.getElementById("rendered_cells");if(c){c.style.display="";}})();</script>'
        "</div></div>" + NOTICE + "</body></html>")

log = logging.getLogger("course.page_guard")


class PageIncomplete(TimeoutError):
    """The page's kernel could not finish it. A ``TimeoutError`` so that Voila's cell loop shows
    the cell (now carrying :data:`NOTICE`) and stops there."""


def notice_output() -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/html": NOTICE, "text/plain": "This page did not finish loading. Please reload the page."}}


def incomplete(html: str) -> bool:
    return MARK in html


def install() -> None:
    """Patch Voila's executor and renderer (idempotent)."""
    from nbclient.exceptions import DeadKernelError
    from voila.execute import VoilaExecutor
    from voila.notebook_renderer import NotebookRenderer

    if getattr(VoilaExecutor, "_course_guarded", False):
        return

    def show_code_cell_timeout(self, cell):
        cell["outputs"] = [notice_output()]

    run_cell = VoilaExecutor.execute_cell

    async def execute_cell(self, cell, resources, cell_index, store_history=True):
        try:
            return await run_cell(self, cell, resources, cell_index, store_history)
        except DeadKernelError:
            log.warning("the kernel died while running cell %s; the page says it did not finish", cell_index)
            cell["outputs"] = [notice_output()]
            raise PageIncomplete("kernel died") from None

    generate = NotebookRenderer.generate_content_generator

    def generate_content_generator(self, kernel_id=None, kernel_future=None):
        return _ended_with_notice(generate(self, kernel_id, kernel_future), self)

    VoilaExecutor.show_code_cell_timeout = show_code_cell_timeout
    VoilaExecutor.execute_cell = execute_cell
    NotebookRenderer.generate_content_generator = generate_content_generator
    VoilaExecutor._course_guarded = True


async def _ended_with_notice(snippets, renderer):
    """Voila's page snippets; if producing them fails, end the page with the notice instead."""
    try:
        async for item in snippets:
            yield item
    except Exception as e:  # kernel start failed, kernel died: never a page that hangs
        log.warning("page %s could not be finished (%s: %s); it ends with a notice",
                    getattr(renderer, "notebook_path", "?"), e.__class__.__name__, str(e)[:200])
        yield _END, None
