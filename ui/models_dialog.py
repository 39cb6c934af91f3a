"""Models: the library on this computer, the Hugging Face Hub, and downloads."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from core.hub.downloads import DownloadEvent, DownloadManager
from core.models.library import Library
from core.settings import Settings
from ui.downloads_view import DownloadsView
from ui.hub_view import HubView
from ui.library_view import LibraryView
from ui.tasks import Relay


class ModelsDialog(QDialog):
    #: The Hub settings (endpoint, token, offline) changed: the new Settings.
    settingsChanged = Signal(object)

    LIBRARY, HUB, DOWNLOADS = range(3)

    def __init__(self, library: Library, settings: Settings, manager: DownloadManager,
                 events: Relay[DownloadEvent], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsDialog")
        self.setWindowTitle(self.tr("Models"))
        self.library_view = LibraryView(library)
        self.hub_view = HubView(settings, manager)
        self.downloads_view = DownloadsView(manager, events)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.library_view, self.tr("On this computer"))
        self.tabs.addTab(self.hub_view, self.tr("Hugging Face Hub"))
        self.tabs.addTab(self.downloads_view, self.tr("Downloads"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(
            self.tr("Close this window; downloads go on"))
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(1040, 680)
        self.hub_view.settingsChanged.connect(self.settingsChanged)
        self.hub_view.downloadQueued.connect(self._on_queued)
        self.downloads_view.finished.connect(self._on_finished)
        self.library_view.refresh()

    def show_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    @Slot(int)
    def _on_queued(self, job_id: int) -> None:
        self.tabs.setCurrentIndex(self.DOWNLOADS)

    @Slot(str)
    def _on_finished(self, path: str) -> None:
        self.library_view.refresh()

    def shutdown(self) -> None:
        self.library_view.shutdown()
        self.hub_view.shutdown()
