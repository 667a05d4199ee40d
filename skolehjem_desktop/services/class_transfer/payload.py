"""What a class file holds, inside its sealed envelope: one JSON document.

::

    {"format": 1, "program_version": "0.1.0", "exported_at": "2026-12-04T09:15:00Z",
     "school": "Skovbakkeskolen",
     "sender": {"uid": "…", "name": "Mette Kjær", "initials": "MK"},
     "class": {"uid": "…", "name": "5.A", "school_year": 2026},
     "include_private": false, "pupils": 24,
     "tables": {"student": [{"uid": "…", "version": "…", "changed_at": "…",
                             "changed_by": "…", "base": "…", "data": {…}}, …], …},
     "tombstones": [{"uid": "…", "table": "agreement", "version": "…"}, …]}

``base`` is the version of the receiver's record that the sender had last received
(what the two had in common), or null. ``data`` holds a record's columns, the records it
names as their uids (:mod:`.records`). A tombstone is a deleted record: its uid, table and
last version, nothing it held.

:func:`check` reads such a document back and refuses anything this program would not
have written, before a row is touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from skolehjem_desktop.store.stamps import STAMP_LENGTH, UID_LENGTH, VERSION_LENGTH

FORMAT: Final = 1
UID_RE: Final = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class BadPayload(ValueError):
    """The document in a class file is not one this program wrote."""


def _str(value: object, limit: int, *, empty: bool = False, null: bool = False) -> str | None:
    if value is None and null:
        return None
    if not isinstance(value, str) or len(value) > limit or (not value and not empty):
        raise BadPayload(repr(value)[:40])
    return value


def _uid(value: object, *, null: bool = False) -> str | None:
    if value is None and null:
        return None
    if not isinstance(value, str) or len(value) != UID_LENGTH or not UID_RE.match(value):
        raise BadPayload(repr(value)[:40])
    return value


def _record(item: object) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise BadPayload("record")
    data = item.get("data")
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise BadPayload("data")
    return {
        "uid": _uid(item.get("uid")),
        "version": _str(item.get("version"), VERSION_LENGTH),
        "changed_at": _str(item.get("changed_at"), STAMP_LENGTH, null=True),
        "changed_by": _uid(item.get("changed_by"), null=True),
        "base": _str(item.get("base"), VERSION_LENGTH, null=True),
        "data": data,
    }


def _tombstone(item: object, tables: frozenset[str]) -> dict[str, Any]:
    if not isinstance(item, dict) or item.get("table") not in tables:
        raise BadPayload("tombstone")
    return {
        "uid": _uid(item.get("uid")),
        "table": item["table"],
        "version": _str(item.get("version"), VERSION_LENGTH, null=True),
    }


def check(document: object, tables: frozenset[str]) -> dict[str, Any]:
    """The document, checked; :class:`BadPayload` for anything out of place."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadPayload("format")
    klass = document.get("class")
    sender = document.get("sender")
    records = document.get("tables")
    stones = document.get("tombstones")
    if not isinstance(klass, dict) or not isinstance(sender, dict):
        raise BadPayload("class")
    if not isinstance(records, dict) or not isinstance(stones, list):
        raise BadPayload("tables")
    year = klass.get("school_year")
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
        raise BadPayload("school_year")
    checked: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for name, items in records.items():
        if name not in tables or not isinstance(items, list):
            raise BadPayload(f"table {name!r}"[:40])
        checked[name] = [_record(item) for item in items]
        for record in checked[name]:
            if record["uid"] in seen:
                raise BadPayload("uid twice")
            seen.add(record["uid"])
    pupils = document.get("pupils")
    if isinstance(pupils, bool) or not isinstance(pupils, int) or pupils < 0:
        raise BadPayload("pupils")
    return {
        "format": FORMAT,
        "program_version": _str(document.get("program_version"), 32),
        "exported_at": _str(document.get("exported_at"), STAMP_LENGTH),
        "school": _str(document.get("school"), 200, empty=True),
        "sender": {
            "uid": _uid(sender.get("uid"), null=True),
            "name": _str(sender.get("name"), 200, empty=True),
            "initials": _str(sender.get("initials"), 16, empty=True),
        },
        "class": {
            "uid": _uid(klass.get("uid")),
            "name": _str(klass.get("name"), 64),
            "school_year": year,
        },
        "include_private": document.get("include_private") is True,
        "pupils": pupils,
        "tables": checked,
        "tombstones": [_tombstone(item, tables) for item in stones],
    }


def record_count(document: Mapping[str, Any]) -> int:
    return sum(len(items) for items in document["tables"].values())
