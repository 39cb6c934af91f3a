"""The log of what the API server answered: one row a request, newest first.

It reads the service's :class:`core.server.log.RequestLog` (a copy of the entries,
taken in a lock) when the log changes, which the service passes on at most five
times a second: a load of requests never floods the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.server.log import LogEntry
from ui.format import number, time_of_day
from ui.icons import Icon, set_icon
from ui.server.service import ServerService


class ServerLogDialog(QDialog):
    def __init__(self, service: ServerService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverLogDialog")
        self.setWindowTitle(self.tr("API server: log of requests"))
        self.service = service
        self.summary = QLabel()
        self.summary.setObjectName("serverLogSummary")
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("serverLogTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("Client"), self.tr("Request"), self.tr("Model"),
            self.tr("Status"), self.tr("Tokens"), self.tr("Duration")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("serverLogClear")
        set_icon(self.clear_button, Icon.DELETE)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.clicked.connect(service.requests.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        service.logChanged.connect(self.refresh)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 70,
                    self.fontMetrics().height() * 28)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        entries = self.service.requests.entries()
        self.summary.setText(self.tr("%1 requests answered since Prosa started, %2 being "
                                     "answered now.")
                             .replace("%1", number(self.service.requests.served))
                             .replace("%2", number(self.service.requests.active)))
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(reversed(entries)):
            for column, text in enumerate(self._cells(entry)):
                item = QTableWidgetItem(text)
                if column in (4, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if entry.error:
                    item.setToolTip(entry.error)
                self.table.setItem(row, column, item)

    def _cells(self, entry: LogEntry) -> list[str]:
        when = time_of_day(entry.time)
        request = f"{entry.method} {entry.route}"
        if entry.stream:
            request += " " + self.tr("(streamed)")
        tokens = f"{number(entry.prompt_tokens)} + {number(entry.completion_tokens)}" \
            if entry.prompt_tokens or entry.completion_tokens else ""
        return [when, entry.client, request, entry.model, str(entry.status), tokens,
                self.tr("%1 ms").replace("%1", number(round(entry.ms)))]
