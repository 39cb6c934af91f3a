"""A small two-column table of names and values (an MCP server's environment variables
or HTTP headers), with the values of secrets masked.

A header like ``Authorization: Bearer …`` or a variable like ``GITHUB_TOKEN`` holds a
credential: shown on screen it ends up in screenshots and screen shares.  Its value is
drawn as dots and edited in a password field; what is kept is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: Names whose values are secrets (case-insensitive, anywhere in the name).
SECRET_NAME = re.compile(r"authorization|token|secret|passw|api[-_]?key|cookie|credential"
                         r"|private[-_]?key", re.IGNORECASE)
MASK = "•" * 10

Index = QModelIndex | QPersistentModelIndex


def looks_secret(name: str) -> bool:
    """Whether a variable or header of this name holds a secret."""
    return bool(SECRET_NAME.search(name))


class _MaskingDelegate(QStyledItemDelegate):
    """Values of secret rows drawn as dots and edited as a password."""

    def _secret(self, index: Index) -> bool:
        if index.column() != 1:
            return False
        name = index.model().index(index.row(), 0).data(Qt.ItemDataRole.DisplayRole)
        return isinstance(name, str) and looks_secret(name)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if self._secret(index) and option.text:
            option.text = MASK

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if self._secret(index) and isinstance(editor, QLineEdit):
            editor.setEchoMode(QLineEdit.EchoMode.Password)
        return editor


class PairsTable(QWidget):
    """Rows of name and value, with Add and Remove; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, name_title: str, value_title: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([name_title, value_title])
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().resizeSection(0, 160)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setItemDelegate(_MaskingDelegate(self.table))
        # Room for four rows (it scrolls beyond): a form holds two of these tables.
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + self.table.verticalHeader().defaultSectionSize() * 4
                                  + 2 * self.table.frameWidth())
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add a row"))
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the chosen rows"))
        self.remove_button.clicked.connect(self._remove)
        self.remove_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.table.selectedItems())))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_pairs(self, pairs: Mapping[str, str]) -> None:
        """Show ``pairs`` (no ``changed``)."""
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for name, value in pairs.items():
                self._append(name, value)
        finally:
            self.table.blockSignals(False)
        self.remove_button.setEnabled(False)

    def rows(self) -> list[tuple[str, str]]:
        """Every row as written (names stripped), empty rows left out."""
        found = []
        for row in range(self.table.rowCount()):
            name, value = (self._text(row, column) for column in (0, 1))
            if name.strip() or value:
                found.append((name.strip(), value))
        return found

    def pairs(self) -> dict[str, str]:
        """The rows that have a name."""
        return {name: value for name, value in self.rows() if name}

    def shown_value(self, row: int) -> str:
        """The value as drawn on screen (dots for a secret)."""
        delegate = self.table.itemDelegate()
        option = QStyleOptionViewItem()
        index = self.table.model().index(row, 1)
        assert isinstance(delegate, _MaskingDelegate)
        delegate.initStyleOption(option, index)
        return str(option.text)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _append(self, name: str, value: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        return row

    def _add(self) -> None:
        self.table.blockSignals(True)
        try:
            row = self._append("", "")
        finally:
            self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)
        self.changed.emit()

    def _remove(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()
