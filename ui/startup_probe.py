"""Start-up timing of the real app, source or installed: ``PROSA_STARTUP_PROBE``.

When that variable holds the launcher's ``time.time()`` taken just before it started
the app, the app notes when its main window is first shown and when the model is
loaded, prints one JSON line (seconds since that moment, and the memory of the window
and engine processes), and quits.  The benchmark suite starts ``python main.py`` and the
frozen ``prosa`` binary this way, so both are measured by one method, from outside,
including the interpreter's start and every import (or the bootloader's unpacking).
"""

from __future__ import annotations

import json
import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

ENV = "PROSA_STARTUP_PROBE"


def rss_mb(pid: int | str) -> float:
    """Resident memory of a process, from /proc (Linux; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class StartupProbe(QObject):
    def __init__(self, app: QApplication, origin: float) -> None:
        super().__init__(app)
        self.app = app
        self.origin = origin
        self.marks: dict[str, float] = {}
        app.installEventFilter(self)
        QTimer.singleShot(120_000, app.quit)  # never hang a benchmark

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QMainWindow)
                and "shown_s" not in self.marks and hasattr(watched, "bridge")):
            self.marks["shown_s"] = time.time() - self.origin
            window = watched
            watched.bridge.modelLoaded.connect(lambda _event: self._loaded(window))
        return False

    def _loaded(self, window: QMainWindow) -> None:
        if "loaded_s" in self.marks:
            return
        self.marks["loaded_s"] = time.time() - self.origin
        self.marks["gui_rss_mb"] = rss_mb("self")
        pid = window.bridge.engine.pid  # type: ignore[attr-defined]
        self.marks["engine_rss_mb"] = rss_mb(pid) if pid else 0.0
        print(json.dumps(self.marks), flush=True)
        window.close()
        QTimer.singleShot(0, self.app.quit)


def install_if_asked(app: QApplication) -> StartupProbe | None:
    value = os.environ.get(ENV)
    if not value:
        return None
    try:
        return StartupProbe(app, float(value))
    except ValueError:
        return None
