"""Qt's image thread pool stays off in the app (ui.paint_threads).

Qt reads its switch once per process, so each case runs in a fresh Python: it paints a
scroll bar as tall as the chat's (a Fusion gradient over 600 lines, which Qt splits
across its pool) and lists the process's threads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.paint_threads import VARIABLE

ROOT = Path(__file__).resolve().parents[2]

PAINT = """
import json, os, sys
sys.path.insert(0, {root!r})
if {call}:
    from ui.paint_threads import paint_on_gui_thread
    paint_on_gui_thread()
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollBar
app = QApplication([])
bar = QScrollBar(Qt.Orientation.Vertical)
bar.resize(16, 600)
bar.setRange(0, 1000)
bar.grab()
threads = [open(f"/proc/self/task/{{t}}/comm").read().strip()
           for t in os.listdir("/proc/self/task")]
print(json.dumps({{"threads": threads, "variable": os.environ.get({variable!r})}}))
"""


def _paint(call: bool, **env: str) -> dict[str, object]:
    environment = {k: v for k, v in os.environ.items() if k != VARIABLE}
    environment.update(QT_QPA_PLATFORM="offscreen", QT_STYLE_OVERRIDE="Fusion", **env)
    done = subprocess.run(
        [sys.executable, "-c", PAINT.format(root=str(ROOT), call=call, variable=VARIABLE)],
        env=environment, capture_output=True, text=True, timeout=120, check=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _pooled(result: dict[str, object]) -> list[str]:
    threads = result["threads"]
    assert isinstance(threads, list)
    return [name for name in threads if "pooled" in name]


def test_without_the_switch_qt_paints_a_tall_scroll_bar_on_its_pool() -> None:
    """What the switch prevents (if Qt stops doing this, the module's reason is gone)."""
    assert _pooled(_paint(call=False))


def test_the_app_paints_on_the_gui_thread_alone() -> None:
    result = _paint(call=True)
    assert _pooled(result) == []
    assert result["variable"] == "1"


def test_a_value_the_user_set_is_kept() -> None:
    result = _paint(call=True, **{VARIABLE: "yes"})
    assert result["variable"] == "yes"
    assert _pooled(result) == []


def test_the_window_turns_the_pool_off_before_its_application_starts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``run_gui`` sets the switch first; here it stops at the hand-off to a Prosa
    already running (nothing of a window is made)."""
    import ui.app

    monkeypatch.delenv(VARIABLE, raising=False)
    monkeypatch.setattr(ui.app, "install_translators", lambda *_args, **_kw: [])
    monkeypatch.setattr(ui.app, "hand_off", lambda *_args: True)
    assert ui.app.run_gui(["prosa"]) == 0
    assert os.environ[VARIABLE] == "1"
