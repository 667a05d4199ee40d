"""Checking the rows of a class list: names, birth dates, classes, guardians; pupils twice.

Each row is turned into a :class:`~.model.ParsedRow` by :class:`RowChecker`, which
collects every problem with the row's line and the column as headed in the file.
The field limits and the e-mail and phone rules are the domain's
(:mod:`skolehjem_desktop.domain.limits`, :mod:`skolehjem_desktop.domain.rules`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Final

from skolehjem_desktop.domain.limits import (
    CLASS_NAME_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PHONE_MAX,
)
from skolehjem_desktop.domain.rules import is_email, is_phone
from skolehjem_desktop.i18n import _
from skolehjem_desktop.services.class_import.headers import (
    Columns,
    Field,
    GuardianPart,
    name_column,
)
from skolehjem_desktop.services.class_import.model import (
    MIN_BIRTH_DATE,
    Cell,
    ImportProblem,
    ParsedGuardian,
    ParsedRow,
    cell_text,
    clean_text,
    cpr_message,
    looks_like_cpr,
)

# ---------------------------------------------------------------------------------------
# Dates


_DMY: Final = re.compile(
    r"(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
)
_YMD: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


class BadValue(ValueError):
    """A cell that cannot be used; ``message`` is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_date(value: Cell) -> dt.date | None:
    """A birth date from a cell: a real date, or text in one of the accepted formats.

    Raises :class:`ValueError` (with a translated ``message``) for anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    if isinstance(value, str) and looks_like_cpr(text):
        raise BadValue(cpr_message())
    if isinstance(value, str):
        match = _DMY.fullmatch(text)
        if match is not None:
            day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        else:
            match = _YMD.fullmatch(text)
            if match is not None:
                year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        if match is not None:
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise BadValue(_("The date {date} does not exist.").format(date=text)) from None
    raise BadValue(
        _("{value} is not a date. Write dates as dd-mm-yyyy, for example 24-12-2015.").format(
            value=text
        )
    )


# ---------------------------------------------------------------------------------------
# Rows


def split_full_name(text: str) -> tuple[str, str]:
    """``"Anne Marie Hansen"`` -> ``("Anne Marie", "Hansen")``; ``"Hansen, Anne"`` too."""
    if text.count(",") == 1:
        last, first = (part.strip() for part in text.split(","))
        if first and last:
            return first, last
    first, _sep, last = text.rpartition(" ")
    return (first, last) if first else (last, "")


class RowChecker:
    """Turns the cells of one row into a :class:`ParsedRow`, collecting its problems."""

    def __init__(self, cols: Columns, today: dt.date) -> None:
        self.cols = cols
        self.today = today
        self.problems: list[ImportProblem] = []
        self.identities: list[ParsedRow] = []

    def cell(self, cells: Sequence[Cell], index: int | None) -> Cell:
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def text(self, cells: Sequence[Cell], index: int | None) -> str:
        return cell_text(self.cell(cells, index))

    def problem(self, line: int, index: int | None, message: str) -> None:
        column = self.cols.header(index) if index is not None else None
        self.problems.append(ImportProblem(line, column, message))

    def checked_text(
        self,
        line: int,
        cells: Sequence[Cell],
        index: int | None,
        limit: int,
        *,
        required: str | None = None,
        dashed_cpr_only: bool = False,
    ) -> str | None:
        """The cell's text, or None after recording a problem with it."""
        value = self.text(cells, index)
        if not value:
            if required is not None:
                self.problem(line, index, required)
                return None
            return value
        if looks_like_cpr(value, dashed_only=dashed_cpr_only):
            self.problem(line, index, cpr_message())
            return None
        if len(value) > limit:
            self.problem(
                line,
                index,
                _("The text is {length} characters long; at most {limit} fit.").format(
                    length=len(value), limit=limit
                ),
            )
            return None
        return value

    def names(self, line: int, cells: Sequence[Cell]) -> tuple[str, str] | None:
        fields = self.cols.fields
        if Field.FIRST_NAME in fields and Field.LAST_NAME in fields:
            first = self.checked_text(
                line,
                cells,
                fields[Field.FIRST_NAME],
                NAME_MAX,
                required=_("The first name is empty."),
            )
            last = self.checked_text(
                line,
                cells,
                fields[Field.LAST_NAME],
                NAME_MAX,
                required=_("The last name is empty."),
            )
            if first is None or last is None:
                return None
            return first, last
        index = fields[Field.NAME]
        full = self.checked_text(
            line, cells, index, 2 * NAME_MAX + 1, required=_("The name is empty.")
        )
        if full is None:
            return None
        first, last = split_full_name(full)
        if not first or not last:
            self.problem(
                line,
                index,
                _("Write both the first and the last name: {name}").format(name=full),
            )
            return None
        if len(first) > NAME_MAX or len(last) > NAME_MAX:
            self.problem(
                line,
                index,
                _("A name is longer than {limit} characters.").format(limit=NAME_MAX),
            )
            return None
        return first, last

    def birth_date(self, line: int, cells: Sequence[Cell]) -> dt.date | None:
        index = self.cols.fields.get(Field.BIRTH_DATE)
        try:
            value = parse_date(self.cell(cells, index))
        except BadValue as exc:
            self.problem(line, index, exc.message)
            return None
        if value is None:
            return None
        shown = value.strftime("%d-%m-%Y")
        if value > self.today:
            self.problem(
                line, index, _("The birth date {date} is in the future.").format(date=shown)
            )
            return None
        if value < MIN_BIRTH_DATE:
            self.problem(
                line,
                index,
                _("The birth date {date} is before {earliest}; that cannot be a pupil's.").format(
                    date=shown, earliest=MIN_BIRTH_DATE.strftime("%d-%m-%Y")
                ),
            )
            return None
        return value

    def guardians(self, line: int, cells: Sequence[Cell]) -> list[ParsedGuardian]:
        found: list[ParsedGuardian] = []
        seen: dict[str, int] = {}
        for k, parts in sorted(self.cols.guardians.items()):
            name_index = parts.get(GuardianPart.NAME)
            email_index = parts.get(GuardianPart.EMAIL)
            phone_index = parts.get(GuardianPart.PHONE)
            name = self.checked_text(line, cells, name_index, NAME_MAX)
            email = self.checked_text(line, cells, email_index, EMAIL_MAX)
            phone = self.checked_text(line, cells, phone_index, PHONE_MAX, dashed_cpr_only=True)
            if name is None or email is None or phone is None:
                continue
            if email and not is_email(email):
                self.problem(
                    line,
                    email_index,
                    _("{value} is not an e-mail address.").format(value=email),
                )
            if phone and not is_phone(phone):
                self.problem(
                    line,
                    phone_index,
                    _("{value} is not a phone number.").format(value=phone),
                )
            if not name:
                if email or phone:
                    self.problem(
                        line,
                        name_index,
                        _("Guardian {k} has an e-mail address or phone number but no name.").format(
                            k=k
                        ),
                    )
                continue
            key = clean_text(name).casefold()
            if key in seen:
                self.problem(
                    line,
                    name_index,
                    _("Guardian {k} is the same person as guardian {other}.").format(
                        k=k, other=seen[key]
                    ),
                )
                continue
            seen[key] = k
            found.append(ParsedGuardian(k - 1, name, email or None, phone or None))
        return found

    def row(self, line: int, cells: Sequence[Cell]) -> ParsedRow | None:
        """The checked row, or None when it has problems. A row with good names and
        birth date goes into ``identities`` even so, to find pupils listed twice."""
        before = len(self.problems)
        names = self.names(line, cells)
        before_date = len(self.problems)
        birth = self.birth_date(line, cells)
        if names is not None and len(self.problems) == before_date:
            self.identities.append(ParsedRow(line, names[0], names[1], birth, None))
        class_name = self.checked_text(
            line, cells, self.cols.fields.get(Field.CLASS), CLASS_NAME_MAX
        )
        guardians = self.guardians(line, cells)
        if names is None or class_name is None or len(self.problems) > before:
            return None
        first, last = names
        return ParsedRow(
            line=line,
            first_name=first,
            last_name=last,
            birth_date=birth,
            class_name=class_name or None,
            guardians=tuple(guardians),
        )


def same_pupil(a: ParsedRow, b: ParsedRow) -> bool:
    """Same name key, and the same birth date unless one of them has none."""
    return a.name_key == b.name_key and (
        a.birth_date is None or b.birth_date is None or a.birth_date == b.birth_date
    )


def duplicates(rows: Iterable[ParsedRow], cols: Columns) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    by_name: dict[str, list[ParsedRow]] = {}
    column = name_column(cols)
    for row in rows:
        earlier = by_name.setdefault(row.name_key, [])
        twin = next((other for other in earlier if same_pupil(other, row)), None)
        if twin is not None:
            problems.append(
                ImportProblem(
                    row.line,
                    column,
                    _("{name} is in the list twice (also on line {other}).").format(
                        name=row.full_name, other=twin.line
                    ),
                )
            )
        earlier.append(row)
    return problems
