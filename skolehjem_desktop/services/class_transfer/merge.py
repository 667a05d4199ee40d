"""The decision for one record of a colleague's class file: what happens to it here.

Pure: it sees versions only. ``mine`` is the version here (None: not here), ``theirs``
the version in the file, ``received`` the version of theirs this laptop last took in at
an exchange, ``base`` the version of ours the colleague had last taken in (both: what
the two had in common), ``buried`` the version this laptop deleted (None: not deleted).
"""

from __future__ import annotations

from enum import Enum


class Action(Enum):
    INSERT = "insert"  # new to this laptop
    SAME = "same"  # the same here already
    KEEP = "keep"  # only changed here (or not at all): ours stays
    TAKE = "take"  # only the colleague changed it: theirs replaces ours
    BOTH = "both"  # both changed it: ours stays, theirs waits for a choice
    STAY_DELETED = "stay_deleted"  # deleted here, not changed there since
    REVIVE = "revive"  # deleted here, but the colleague changed it: back, to choose


class Burial(Enum):
    DELETE = "delete"  # the colleague deleted it and it was not changed here
    KEEP = "keep"  # the colleague deleted it, but it was changed here: kept, to choose
    GONE = "gone"  # not here at all


def decide(
    *,
    mine: str | None,
    theirs: str,
    same_content: bool,
    received: str | None,
    base: str | None,
    buried: str | None,
) -> Action:
    if mine is None:
        if theirs in (buried, received):
            return Action.STAY_DELETED  # deleted here, or seen and set aside before
        if buried is None:
            return Action.INSERT
        return Action.REVIVE
    if theirs == mine or same_content:
        return Action.SAME
    if theirs == received:
        return Action.KEEP
    if mine in (base, received):
        return Action.TAKE
    return Action.BOTH


def decide_burial(*, mine: str | None, buried: str | None, received: str | None) -> Burial:
    """A tombstone in the file: the colleague deleted the version ``buried``."""
    if mine is None:
        return Burial.GONE
    if mine in (buried, received):
        return Burial.DELETE
    return Burial.KEEP
