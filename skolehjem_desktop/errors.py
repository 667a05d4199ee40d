"""Two kinds of error: what the user can act on, and bugs.

A :class:`UserError` carries a message already translated into the user's language;
the command line prints it as one line, the window shows it in a message box.
Anything else is a bug: logged with its traceback, and the user gets an apology.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user can act on: bad input, an unknown class, a foreign file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFoundError(UserError):
    """An id, class or pupil that does not exist."""


class ValidationError(UserError):
    """Input that breaks a rule; nothing was changed."""
