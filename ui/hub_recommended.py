"""The Hub tab's first page: curated models rated for this computer, as a table.

Kept apart from ``ui.hub_view`` (which searches, lists files and downloads) because it
only draws :class:`core.hub.recommended.Pick` rows: what a model is good for, its
download size (marked approximate until the Hub confirmed it), whether it fits, and
its licence.  The fit words and colours are shared with the files table, so a
rating reads the same wherever it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from core.hub.recommended import Pick, Purpose
from core.models.fit import Rating
from ui.error_texts import problem_text
from ui.format import size
from ui.palette import roles

#: The column that says whether a model fits (coloured by its rating).
FIT_COLUMN = 3


def rating_text(rating: Rating) -> str:
    """"fits", "tight", "too big" in the user's language (the files table's words)."""
    return {
        "fits": QCoreApplication.translate("HubView", "fits"),
        "tight": QCoreApplication.translate("HubView", "tight"),
        "too_big": QCoreApplication.translate("HubView", "too big"),
    }[rating]


def rating_colour(rating: Rating, palette: QPalette) -> QColor:
    """Green for fits, amber for tight, red for too big: the palette's roles, so they
    stay readable in a dark theme."""
    shown = roles(palette)
    return QColor({"fits": shown.assistant, "tight": shown.warning,
                   "too_big": shown.error}[rating])


def resize_to_headers(table: QTableWidget, stretch: int) -> None:
    """Every column as wide as its header and contents, so no header is ever cut (the
    files table's "Fits this computer?" read "ts this computer"); ``stretch`` takes the
    room left."""
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def read_only(table: QTableWidget) -> None:
    """Whole rows, one at a time, never edited: a list to choose from."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)


class RecommendedTable(QTableWidget):
    """The curated picks, in the order :func:`core.hub.recommended.rank` gave."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("hubRecommended")
        self.setHorizontalHeaderLabels([
            self.tr("Model"), self.tr("Good for"), self.tr("Download size"),
            self.tr("Fits this computer?"), self.tr("Licence")])
        self.setToolTip(self.tr("Well-known models, rated for this computer's memory: those "
                                "that fit come first. Select one to see its files."))
        read_only(self)
        resize_to_headers(self, stretch=0)
        self.picks: list[Pick] = []

    def purpose_text(self, purpose: Purpose) -> str:
        return {
            Purpose.TRY: self.tr("Trying the app out"),
            Purpose.LIGHT_CHAT: self.tr("Chat on a modest computer"),
            Purpose.CHAT: self.tr("Chat and writing"),
            Purpose.CODE: self.tr("Programming"),
            Purpose.REASONING: self.tr("Reasoning and maths"),
            Purpose.MULTILINGUAL: self.tr("Many languages"),
        }[purpose]

    def show_picks(self, picks: list[Pick]) -> None:
        """Draw ``picks``, keeping the selected model selected (without a new
        selection signal: a refresh must not reload what the person is reading)."""
        selected = self.selected()
        self.picks = list(picks)
        self.blockSignals(True)
        self.setRowCount(len(self.picks))
        for row, item in enumerate(self.picks):
            self._draw(row, item)
            if selected is not None and item.model.repo_id == selected.model.repo_id:
                self.selectRow(row)
        self.blockSignals(False)

    def _draw(self, row: int, item: Pick) -> None:
        shown = size(item.size)
        cells = [item.model.name, self.purpose_text(item.model.purpose),
                 shown if item.exact else self.tr("about %1").replace("%1", shown),
                 rating_text(item.fit.rating), item.model.license]
        tip = "\n".join([
            self.tr("%1: %2 parameters, %3 file").replace("%1", item.model.repo_id)
            .replace("%2", item.model.size_label).replace("%3", item.quant),
            problem_text(item.fit.advice)])
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(tip)
            if column == FIT_COLUMN:
                cell.setForeground(rating_colour(item.fit.rating, self.palette()))
            self.setItem(row, column, cell)

    def selected(self) -> Pick | None:
        rows = self.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.picks):
            return None
        return self.picks[rows[0].row()]

    def recolour(self) -> None:
        """The fit column again, in the palette's colours (after a theme change)."""
        for row, item in enumerate(self.picks):
            cell = self.item(row, FIT_COLUMN)
            if cell is not None:
                cell.setForeground(rating_colour(item.fit.rating, self.palette()))
