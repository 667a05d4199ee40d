"""What the class file dialogs share: labels, a passphrase field, read-only tables."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
)

from skolehjem_desktop.file_names import CLASS_FILE_SUFFIX
from skolehjem_desktop.i18n import _
from skolehjem_desktop.ui.common.table_model import set_bold

ERROR_STYLE = "color: #b00020;"


def class_file_filters() -> str:
    """The file dialogs' filters: class files first, then every file."""
    return (
        _("Skolehjem class files (*{suffix})").format(suffix=CLASS_FILE_SUFFIX)
        + ";;"
        + _("All files (*)")
    )


def wrapped_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def heading_label(text: str) -> QLabel:
    label = wrapped_label(text)
    set_bold(label)
    return label


def error_label() -> QLabel:
    label = wrapped_label("")
    label.setObjectName("error")
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName(name)
    field.setMinimumWidth(280)
    return field


def cell(text: str, *, number: bool = False, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    if len(text) > 40:
        item.setToolTip(text)
    return item


def fill(table: QTableWidget, rows: Sequence[Sequence[QTableWidgetItem]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, item in enumerate(row):
            table.setItem(r, c, item)


SLACK = 16  # a little room beyond the contents: a cell's focus frame must not cut its text


def fit_columns(table: QTableWidget, stretch: int) -> None:
    """Every column as wide as its contents and a little more; ``stretch`` takes the rest."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.columnCount()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        wanted = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        header.resizeSection(column, wanted + SLACK)
