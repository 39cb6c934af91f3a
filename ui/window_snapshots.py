"""The conversations kept ready (KV snapshots) in the window: their disk use in the
Engine tab, kept current, and the Clear button.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  The
engine keeps the snapshots (``core.engine.snapshots``); the window only reads the
folder's size and empties it, off the GUI thread, and asks the engine to forget the
ones it holds in memory.  Sizes are read again a moment after each reply, when the
engine has written its snapshot.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QMainWindow

from core.chat.controller import ChatController
from core.engine.snapshots.folder import FolderUsage, clear_folder, folder_usage
from core.engine.snapshots.sizing import snapshot_policy
from core.paths import AppPaths
from core.settings import Settings
from ui.engine_bridge import EngineBridge
from ui.engine_tab import EngineTab
from ui.tasks import Tasks

#: Reading the folder's size: a newer reading replaces an older one.
USAGE_LANE = "snapshot-usage"
#: How long after a reply the size is read (the snapshot is written in the background).
AFTER_REPLY_MS = 1500


class WindowSnapshots(QMainWindow):
    """The Engine tab's snapshot row (see the module docstring)."""

    paths: AppPaths
    settings: Settings
    controller: ChatController
    bridge: EngineBridge
    engine_tab: EngineTab
    tasks: Tasks

    def setup_snapshots(self) -> None:
        self._usage_timer = QTimer(self)
        self._usage_timer.setSingleShot(True)
        self._usage_timer.setInterval(AFTER_REPLY_MS)
        self._usage_timer.timeout.connect(self.refresh_snapshot_usage)
        self.engine_tab.clear_snapshots_button.clicked.connect(self.clear_snapshots)
        self.bridge.finished.connect(lambda _finished: self._usage_timer.start())
        self.bridge.modelLoaded.connect(lambda _loaded: self.refresh_snapshot_usage())
        self.refresh_snapshot_usage()

    @Slot()
    def refresh_snapshot_usage(self) -> None:
        folder = self.paths.snapshots
        settings = self.settings

        def read() -> tuple[FolderUsage, int]:
            policy = snapshot_policy(folder, settings.snapshot_disk_mb,
                                     settings.snapshot_memory_mb)
            return folder_usage(folder), policy.disk_bytes

        self.tasks.run(read, lambda found: self.engine_tab.show_snapshot_usage(*found),
                       lane=USAGE_LANE)

    @Slot()
    def clear_snapshots(self) -> None:
        """Forget every conversation kept ready, in the engine and on disk."""
        self.engine_tab.clear_snapshots_button.setEnabled(False)
        self.controller.engine.clear_snapshots()
        folder = self.paths.snapshots
        self.tasks.run(lambda: clear_folder(folder),
                       lambda _freed: self.refresh_snapshot_usage())
