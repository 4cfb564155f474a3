"""widgets/errors.py: a failing callback shows a short friendly message, never a traceback."""
from __future__ import annotations

import logging

import ipywidgets as w
import pytest
from pydantic import BaseModel, Field, ValidationError

from course.records import DataError
from course.sources import SeedsMissing
from widgets.errors import (
    GENERIC_MESSAGE,
    MAX_CHARS,
    ErrorBox,
    UserFacingError,
    friendly_errors,
    friendly_message,
    showing_errors,
)


class Facts(BaseModel):
    gap_hours: int = Field(ge=0)


def validation_error() -> ValidationError:
    with pytest.raises(ValidationError) as info:
        Facts(gap_hours=-1)
    return info.value


def test_decorated_callback_shows_message_logs_and_returns_none(caplog):
    box = ErrorBox()

    @friendly_errors(box)
    def on_click(_):
        return {}["missing"]

    with caplog.at_level(logging.ERROR, logger="course.widgets"):
        assert on_click(None) is None
    assert box.message == GENERIC_MESSAGE
    assert 'role="alert"' in box.value
    assert "KeyError" not in box.value and "Traceback" not in box.value
    record = caplog.records[-1]
    assert record.name == "course.widgets" and "on_click" in record.getMessage()
    assert record.exc_info and record.exc_info[0] is KeyError  # the full story is in the log


def test_success_clears_the_box_and_returns_the_result():
    box = ErrorBox()
    fail = {"now": True}

    @friendly_errors(box)
    def update(x):
        if fail["now"]:
            raise RuntimeError("boom")
        return x * 2

    update(1)
    assert box.message
    fail["now"] = False
    assert update(21) == 42
    assert box.message == "" and box.value == ""


def test_wraps_keeps_the_callback_name():
    @friendly_errors()
    def on_change(change):
        """Doc."""

    assert on_change.__name__ == "on_change" and on_change.__doc__ == "Doc."


def test_context_manager_swallows_and_shows():
    box = ErrorBox()
    with showing_errors(box):
        raise UserFacingError("Choose at least one Doe.")
    assert box.message == "Choose at least one Doe."
    with showing_errors(box):
        pass
    assert box.message == ""


def test_validation_errors_name_the_field():
    msg = friendly_message(validation_error())
    assert msg.startswith("That value cannot be used for gap hours:")
    assert "ValidationError" not in msg and "pydantic" not in msg


@pytest.mark.parametrize(
    "exc, expected",
    [
        (DataError("data/cases.yaml: record 'x': field 'court': required"), "data/cases.yaml: record 'x': field 'court': required"),
        (SeedsMissing("The source documents were not found."), "The source documents were not found."),
        (UserFacingError("first line\nsecond line"), "first line"),
        (ZeroDivisionError("division by zero"), GENERIC_MESSAGE),
        (KeyError("secret internals"), GENERIC_MESSAGE),
    ],
)
def test_messages(exc, expected):
    assert friendly_message(exc) == expected


def test_long_messages_are_cut_short():
    msg = friendly_message(UserFacingError("word " * 200))
    assert len(msg) <= MAX_CHARS and msg.endswith("…")


def test_message_is_escaped_in_html():
    box = ErrorBox()
    box.show("<b>bold</b> & more")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in box.value


def test_other_targets():
    html = w.HTML()
    with showing_errors(html):
        raise UserFacingError("Pick a court.")
    assert "Pick a court." in html.value

    out = w.Output()
    with showing_errors(out):
        raise UserFacingError("Pick a date.")
    assert len(out.outputs) == 1

    seen = []
    with showing_errors(seen.append):
        raise UserFacingError("Pick a swarm.")
    assert seen == ["Pick a swarm."]

    with showing_errors(None):  # log only
        raise RuntimeError("x")


def test_a_broken_target_does_not_raise(caplog):
    def broken(_message):
        raise RuntimeError("cannot show")

    with showing_errors(broken):
        raise UserFacingError("x")
    assert any("could not show" in r.getMessage() for r in caplog.records)


def test_keyboard_interrupt_is_not_swallowed():
    with pytest.raises(KeyboardInterrupt):
        with showing_errors(ErrorBox()):
            raise KeyboardInterrupt
