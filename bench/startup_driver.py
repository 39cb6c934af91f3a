"""Start-up timing from outside ``ui/app.py``: run the real ``run_gui`` in this process,
note when the main window is first shown and when the starter model is loaded, print
one JSON line and quit.

The parent passes its ``time.time()`` taken just before it spawned this process, so the
figures include the interpreter's start and every import.  An event filter on the
application sees the window's Show event; the window's own bridge signals
``modelLoaded``.  Memory (VmRSS) of this process and of the engine process is read at
that moment, which is also the GUI figure of the memory benchmark.

    python -m bench.startup_driver <parent time.time()>
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


def rss_mb(pid: int | str) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    origin = float(sys.argv[1])
    app = QApplication(sys.argv[:1])
    from ui.app import run_gui
    from ui.main_window import MainWindow

    marks: dict[str, float] = {}

    def loaded(window: MainWindow) -> None:
        marks["loaded_s"] = time.time() - origin
        marks["gui_rss_mb"] = rss_mb("self")
        pid = window.bridge.client.pid
        marks["engine_rss_mb"] = rss_mb(pid) if pid else 0.0
        print(json.dumps(marks), flush=True)
        window.close()
        QTimer.singleShot(0, app.quit)

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (event.type() == QEvent.Type.Show and isinstance(watched, MainWindow)
                    and "shown_s" not in marks):
                marks["shown_s"] = time.time() - origin
                watched.bridge.modelLoaded.connect(lambda _e: loaded(watched))
            return False

    watch = Watch()
    app.installEventFilter(watch)
    QTimer.singleShot(120_000, app.quit)  # never hang the suite
    run_gui(sys.argv[:1])
    return 0 if "loaded_s" in marks else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
