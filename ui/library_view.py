"""The models on this computer: what they are, where they came from, and actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import ProsaError
from core.models.library import ForeignFolder, Library, LibraryEntry
from ui.error_texts import problem_text
from ui.format import number, size
from ui.palette import roles
from ui.tasks import Tasks
from ui.theme import follow_palette

#: A newer scan makes an older one stale: its (older) list is never shown over it.
SCAN_LANE = "library-scan"


class LibraryView(QWidget):
    #: The user asked to load this model (path).
    loadRequested = Signal(str)
    #: A scan finished (the entries), for the model menu and tests.
    scanned = Signal(object)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.library = library
        self.entries: list[LibraryEntry] = []
        self.tasks = Tasks(self, workers=1, name="prosa-library")
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("libraryTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Model"), self.tr("Architecture"), self.tr("Parameters"),
            self.tr("Quantization"), self.tr("Context"), self.tr("Size"),
            self.tr("Chat template"), self.tr("Source")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Models on this computer"))
        self.table.setToolTip(self.tr("Select a model to load, show or delete it; "
                                      "double-click loads it"))
        self.offer = QLabel()
        self.offer.setObjectName("foreignOffer")
        self.offer.setWordWrap(True)
        self.offer.setVisible(False)
        self.offer_button = QPushButton(self.tr("Add them"))
        self.offer_button.setToolTip(self.tr("Add these folders to the library; the files "
                                             "stay where they are"))
        self.offer_button.setVisible(False)
        self.status = QLabel()
        self.load_button = QPushButton(self.tr("Load"))
        self.reveal_button = QPushButton(self.tr("Show in folder"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.add_file_button = QPushButton(self.tr("Add file…"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.remove_button = QPushButton(self.tr("Remove from list"))
        for button, tip in (
            (self.load_button, self.tr("Load the selected model to chat with it")),
            (self.reveal_button, self.tr("Open the folder that holds the selected model")),
            (self.delete_button, self.tr("Delete the selected model's file from this "
                                         "computer")),
            (self.add_file_button, self.tr("Add a GGUF file from elsewhere; it is used where "
                                           "it is, never copied")),
            (self.add_folder_button, self.tr("Add a folder of GGUF files; they are used "
                                             "where they are, never copied")),
        ):
            button.setToolTip(tip)
        self.remove_button.setToolTip(self.tr("Forget a file or folder you added; the files "
                                              "themselves stay where they are."))
        offer_row = QHBoxLayout()
        offer_row.addWidget(self.offer, 1)
        offer_row.addWidget(self.offer_button)
        buttons = QHBoxLayout()
        for button in (self.load_button, self.reveal_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.add_file_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(offer_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._foreign: list[ForeignFolder] = []
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._load)
        self.load_button.clicked.connect(self._load)
        self.reveal_button.clicked.connect(self._reveal)
        self.delete_button.clicked.connect(self._delete)
        self.add_file_button.clicked.connect(self._add_file)
        self.add_folder_button.clicked.connect(self._add_folder)
        self.remove_button.clicked.connect(self._remove)
        self.offer_button.clicked.connect(self._add_foreign)
        self._update_buttons()
        # Unreadable files are written in the error colour: drawn again in a new theme's.
        follow_palette(self.table, self._fill)

    # --- scanning (worker thread) ----------------------------------------------------

    def refresh(self) -> None:
        self.status.setText(self.tr("Looking for models…"))
        library = self.library
        self.tasks.run(lambda: (library.scan(), library.foreign_folders()), self._on_scanned,
                       lambda problem: self.status.setText(problem_text(problem)),
                       lane=SCAN_LANE)

    def _on_scanned(self, result: tuple[list[LibraryEntry], list[ForeignFolder]]) -> None:
        entries, foreign = result
        self.entries = list(entries)
        self._foreign = list(foreign)
        self._fill()
        self.status.setText(self.tr("%1 models").replace("%1", number(len(self.entries))))
        if self._foreign:
            names = ", ".join(f"{f.app} ({f.gguf_count})" for f in self._foreign)
            self.offer.setText(self.tr("Models from other apps were found: %1. Add them to "
                                       "the library? They are used where they are, never "
                                       "copied.").replace("%1", names))
        self.offer.setVisible(bool(self._foreign))
        self.offer_button.setVisible(bool(self._foreign))
        self.scanned.emit(self.entries)

    def _fill(self) -> None:
        origins = {"bundled": self.tr("built in"), "downloaded": self.tr("downloaded"),
                   "added": self.tr("added (used in place)")}
        self.table.setRowCount(len(self.entries))
        error = roles(self.table.palette()).error
        for row, entry in enumerate(self.entries):
            info = entry.info
            note = problem_text(entry.note) if entry.note is not None else ""
            cells = [
                entry.name,
                # Without a readable header, the row says why, where it can be seen.
                info.architecture if info else note,
                info.size_label if info else "",
                (info.quantization or "") if info else "",
                number(info.context_length) if info and info.context_length else "",
                size(entry.size),
                (self.tr("yes") if info.chat_template else self.tr("no")) if info else "",
                origins[entry.origin],
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(note or str(entry.path))
                if note and info is None and entry.origin != "bundled":
                    item.setForeground(QColor(error))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        # A problem is written in the second column: capped, elided, whole in the tooltip.
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 260))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    # --- actions -------------------------------------------------------------------

    def selected(self) -> LibraryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def select_path(self, path: Path) -> None:
        for row, entry in enumerate(self.entries):
            if entry.path == path:
                self.table.selectRow(row)

    @Slot()
    def _update_buttons(self) -> None:
        entry = self.selected()
        usable = entry is not None and (entry.info is not None or entry.origin == "bundled")
        self.load_button.setEnabled(usable)
        self.reveal_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None and entry.deletable)
        self.remove_button.setEnabled(entry is not None and entry.origin == "added")

    @Slot()
    def _load(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if entry.info is None and entry.origin != "bundled":
            QMessageBox.warning(self, self.tr("Cannot load"),
                                problem_text(entry.note) if entry.note is not None else "")
            return
        self.loadRequested.emit(str(entry.path))

    @Slot()
    def _reveal(self) -> None:
        entry = self.selected()
        if entry is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(entry.path.parent)))

    @Slot()
    def _delete(self) -> None:
        entry = self.selected()
        if entry is None or not entry.deletable:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete model"),
            self.tr("Delete %1 (%2) from this computer? This cannot be undone.")
            .replace("%1", entry.path.name).replace("%2", size(entry.size)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._act(lambda: self.library.delete(entry))

    @Slot()
    def _add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a GGUF model"), str(Path.home()),
                                              self.tr("GGUF models (*.gguf)"))
        if path:
            self._act(lambda: self.library.add(path))

    @Slot()
    def _add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of models"),
                                                str(Path.home()))
        if path:
            self._act(lambda: self.library.add(path))

    @Slot()
    def _remove(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        target = next((Path(f) for f in self.library.added_folders
                       if Path(f) in entry.path.parents), entry.path)
        self._act(lambda: self.library.remove(target))

    @Slot()
    def _add_foreign(self) -> None:
        folders = [f.path for f in self._foreign]

        def add_all() -> None:
            for folder in folders:
                self.library.add(folder)

        self._act(add_all)

    def _act(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ProsaError as exc:
            QMessageBox.warning(self, self.tr("Models"), problem_text(exc))
        except OSError as exc:  # the system's own words (a file in use, no permission)
            QMessageBox.warning(self, self.tr("Models"), str(exc))
        self.refresh()

    def shutdown(self) -> None:
        self.tasks.shutdown()
