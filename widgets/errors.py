"""Show a failing widget callback to the reader as one short, friendly sentence.

A reader of the course never sees a traceback. Wrap every callback::

    box = ErrorBox()

    @friendly_errors(box)
    def on_change(change):
        ruling.value = render(decide(...))

or, around a block of code::

    with showing_errors(box):
        ...

On an exception the box shows a short message (the exception is logged in full to the
``course.widgets`` logger, which Voila's server log shows) and the callback returns
``None``; the next successful call clears the box. Errors that carry a message meant
for readers (bad input that pydantic rejects, a malformed data file, missing source
documents) show that message; anything else shows a general apology.
"""
from __future__ import annotations

import contextlib
import functools
import html
import logging
from typing import Any, Callable, Iterator, TypeVar

import ipywidgets as w

log = logging.getLogger("course.widgets")

F = TypeVar("F", bound=Callable[..., Any])

#: What a reader sees when nothing more specific can be said.
GENERIC_MESSAGE = "Sorry, this part of the page could not be updated. Try another value, or reload the page."
MAX_CHARS = 240


def _reader_errors() -> tuple[type[BaseException], ...]:
    """Exception types whose message is written for readers."""
    kinds: list[type[BaseException]] = []
    try:
        from pydantic import ValidationError

        kinds.append(ValidationError)
    except ImportError:  # pragma: no cover - pydantic is a dependency
        pass
    try:
        from course.records import DataError

        kinds.append(DataError)
    except ImportError:  # pragma: no cover
        pass
    try:
        from course.sources import SeedsMissing

        kinds.append(SeedsMissing)
    except ImportError:  # pragma: no cover
        pass
    kinds.append(UserFacingError)
    return tuple(kinds)


class UserFacingError(Exception):
    """Raise this with a sentence for the reader ("Choose at least one Doe.")."""


def friendly_message(exc: BaseException) -> str:
    """One short sentence for the reader; never a traceback or an exception's class name."""
    try:
        from pydantic import ValidationError
    except ImportError:  # pragma: no cover
        ValidationError = ()  # type: ignore[assignment]
    if isinstance(exc, ValidationError):  # type: ignore[arg-type]
        errors = exc.errors()
        if errors:
            first = errors[0]
            field = " ".join(str(p) for p in first.get("loc", ()) if str(p)).replace("_", " ")
            msg = first.get("msg", "")
            text = f"That value cannot be used for {field}: {msg}." if field else f"That value cannot be used: {msg}."
        else:  # pragma: no cover
            text = "That value cannot be used."
    elif isinstance(exc, _reader_errors()):
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else GENERIC_MESSAGE
    else:
        text = GENERIC_MESSAGE
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rstrip() + "…"
    return text


class ErrorBox(w.HTML):
    """Where a view shows its friendly error message; empty (and so invisible) otherwise."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(value="", **kwargs)
        self.add_class("course-error")

    @property
    def message(self) -> str:
        return getattr(self, "_message", "")

    def show(self, message: str) -> None:
        self._message = message
        self.value = (
            '<div role="alert" class="course-error-message" '
            'style="border-left:4px solid #b3261e;background:#fdecea;color:#5f2120;'
            'padding:0.5em 0.8em;margin:0.4em 0;">'
            f"{html.escape(message)}</div>"
        )

    def clear(self) -> None:
        self._message = ""
        self.value = ""


Target = ErrorBox | w.HTML | w.Output | Callable[[str], Any] | None


def _show(target: Target, message: str) -> None:
    if target is None:
        return
    if isinstance(target, ErrorBox):
        target.show(message)
    elif isinstance(target, w.Output):
        target.clear_output()
        target.append_display_data(w.HTML(f'<div role="alert">{html.escape(message)}</div>'))
    elif isinstance(target, w.HTML):
        target.value = f'<div role="alert" class="course-error-message">{html.escape(message)}</div>'
    else:
        target(message)


def _clear(target: Target) -> None:
    if isinstance(target, ErrorBox):
        target.clear()


def report(exc: BaseException, target: Target = None, *, where: str = "a widget callback") -> str:
    """Log ``exc`` with its traceback and show the reader its friendly message."""
    log.error("error in %s", where, exc_info=(type(exc), exc, exc.__traceback__))
    message = friendly_message(exc)
    try:
        _show(target, message)
    except Exception:  # showing the message must never raise in its turn
        log.exception("could not show the error message")
    return message


@contextlib.contextmanager
def showing_errors(target: Target = None, *, where: str = "a widget callback") -> Iterator[None]:
    """Run a block; an exception in it is shown as a friendly message and does not propagate."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the point is to catch everything
        report(exc, target, where=where)
    else:
        _clear(target)


def friendly_errors(target: Target = None) -> Callable[[F], F]:
    """Decorate a widget callback: exceptions become a friendly message in ``target``.

    ``target`` is an :class:`ErrorBox` (cleared again after a successful call), an
    ``ipywidgets.HTML`` or ``Output``, a function taking the message, or None (log only).
    The callback returns None when it fails.
    """

    def decorate(fn: F) -> F:
        where = getattr(fn, "__qualname__", repr(fn))

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                result = fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001
                report(exc, target, where=where)
                return None
            _clear(target)
            return result

        return wrapper  # type: ignore[return-value]

    return decorate
