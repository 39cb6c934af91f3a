"""Models: the library on this computer, the Hugging Face Hub, and downloads."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from core.library import Library
from core.paths import AppPaths
from core.settings import Settings
from ui.library_view import LibraryView


class ModelsDialog(QDialog):
    #: The Hub settings (endpoint, token, offline) changed: the new Settings.
    settingsChanged = Signal(object)

    LIBRARY, DISCOVER, DOWNLOADS = range(3)

    def __init__(self, library: Library, paths: AppPaths, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsDialog")
        self.setWindowTitle(self.tr("Models"))
        self.paths = paths
        self.settings = settings
        self.library_view = LibraryView(library)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.library_view, self.tr("On this computer"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(980, 620)
        self.library_view.refresh()

    def show_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def shutdown(self) -> None:
        self.library_view.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
