"""What an attendee or presenter did that cannot be done, in a sentence meant for them."""
from __future__ import annotations

class SeminarError(ValueError):
    """Something an attendee or presenter did cannot be done; the message says why, in a
    sentence meant for them (the views show it as it is)."""


class WrongCode(SeminarError):
    pass


class NotFound(SeminarError):
    pass
