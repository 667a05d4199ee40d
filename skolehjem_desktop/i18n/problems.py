"""What a broken rule of :mod:`skolehjem_desktop.domain.rules` is called, in the user's language."""

from __future__ import annotations

from skolehjem_desktop.domain.rules import Invalid, Problem
from skolehjem_desktop.i18n import N_, _

_MESSAGES: dict[Problem, str] = {
    Problem.NOT_UNICODE: N_("{field} holds characters that cannot be stored."),
    Problem.CONTROL_CHARACTER: N_("{field} holds a control character that is not allowed."),
    Problem.REQUIRED: N_("{field} must be filled in."),
    Problem.TOO_LONG: N_("{field} is too long: {length} characters, at most {limit}."),
    Problem.NOT_EMAIL: N_("{value} is not an e-mail address."),
    Problem.NOT_PHONE: N_("{value} is not a phone number."),
    Problem.PASSPHRASE_SHORT: N_("The passphrase must have at least {n} characters."),
    Problem.PASSPHRASE_SPACE: N_("The passphrase must not begin or end with a space."),
    Problem.PASSPHRASE_CONTROL: N_("The passphrase must not hold control characters."),
}


def describe(error: Invalid, field: str = "") -> str:
    """The message for ``error``; ``field`` names the field where the message has a place."""
    return _(_MESSAGES[error.problem]).format(field=field, **error.facts)
