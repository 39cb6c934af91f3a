"""The Engine tab's new rows: flash attention, the KV cache's format, and the
conversations kept ready on disk (their usage and Clear), with a scripted engine: what
reaches the engine is checked on the requests it records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.engine.options import FlashAttention, KVCacheType
from core.engine.protocol import ClearSnapshots, LoadModel
from core.engine.scripted import ScriptedEngine
from core.engine.snapshots.folder import folder_usage
from core.engine.snapshots.sizing import MB
from core.engine.snapshots.store import SnapshotStore

pytestmark = pytest.mark.gui


def test_engine_switches_reach_the_engine_after_a_reload(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    tab = window.engine_tab
    first = [r for r in engine.requests if isinstance(r, LoadModel)][-1]
    assert first.flash_attention is FlashAttention.OFF
    assert first.kv_cache_type is KVCacheType.F16
    assert first.snapshots.folder == str(window.paths.snapshots)
    assert first.snapshots.disk_bytes > 0  # automatic: sized to the machine
    assert tab.reload_hint.isHidden()
    tab.flash_combo.setCurrentIndex(tab.flash_combo.findData(FlashAttention.ON))
    assert not tab.reload_hint.isHidden()
    tab.kv_combo.setCurrentIndex(tab.kv_combo.findData(KVCacheType.Q8_0))
    tab.snapshot_spin.setValue(300)
    qtbot.mouseClick(tab.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.loaded is not None and len(
        [r for r in engine.requests if isinstance(r, LoadModel)]) == 2, timeout=5_000)
    again = [r for r in engine.requests if isinstance(r, LoadModel)][-1]
    assert again.flash_attention is FlashAttention.ON
    assert again.kv_cache_type is KVCacheType.Q8_0
    assert again.snapshots.disk_bytes == 300 * MB
    qtbot.waitUntil(lambda: tab.reload_hint.isHidden(), timeout=5_000)
    assert window.settings.kv_cache_type is KVCacheType.Q8_0  # kept for the next start
    tab.snapshot_spin.setValue(0)
    qtbot.mouseClick(tab.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Off" in tab.snapshot_usage.text(), timeout=5_000)


def test_the_tab_shows_the_disk_used_and_clear_empties_it(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    tab = window.engine_tab
    folder: Path = window.paths.snapshots
    store = SnapshotStore(folder, 100 * MB)
    for start in (1, 5000):
        store.write("k" * 32, np.arange(start, start + 500, dtype=np.uint32),
                    bytearray(2_000_000))
    (folder / "notes.txt").write_text("the user's own file")
    window.refresh_snapshot_usage()
    qtbot.waitUntil(lambda: "kept: 2)" in tab.snapshot_usage.text(), timeout=5_000)
    assert "4.0 MB" in tab.snapshot_usage.text()
    assert tab.clear_snapshots_button.isEnabled()
    qtbot.mouseClick(tab.clear_snapshots_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "kept: 0)" in tab.snapshot_usage.text(), timeout=5_000)
    assert folder_usage(folder).files == 0
    assert (folder / "notes.txt").exists()
    assert any(isinstance(r, ClearSnapshots) for r in engine.requests)
    assert not tab.clear_snapshots_button.isEnabled()


@pytest.mark.model
def test_the_app_resumes_a_conversation_after_a_restart(
        qtbot: QtBot, no_leftovers: None) -> None:
    """With the real engine: a reply leaves a snapshot in the app's cache folder, and
    the next start answers the next message with the history read back from it."""
    from core.paths import app_paths
    from core.settings import load_settings
    from ui.main_window import MainWindow

    def opened() -> MainWindow:
        paths = app_paths().ensure()
        win = MainWindow(paths, load_settings(paths.settings_file))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: win.loaded is not None, timeout=60_000)
        win.sampling._spins["temperature"].setValue(0)
        win.sampling._spins["max_tokens"].setValue(8)
        return win

    def send(win: MainWindow, text: str, count: int) -> None:
        win.composer.setPlainText(text)
        qtbot.mouseClick(win.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(win.session.messages) == count
                        and win.session.streaming is None, timeout=60_000)

    window = opened()
    send(window, "Tell me about lighthouses. " * 20, 2)
    folder: Path = window.paths.snapshots
    qtbot.waitUntil(lambda: folder_usage(folder).files == 1, timeout=30_000)
    conversation = window.session.conversation_id
    assert conversation is not None
    window.close()  # the app closes; the engine saves and stops
    window = opened()
    if window.session.conversation_id != conversation:
        window.open_conversation(conversation)
    send(window, "And about harbours?", 4)
    stats = window.session.messages[-1].stats
    window.close()
    # Everything before the new message came back from the snapshot: the history and
    # the reply (only the new message and the template's tokens around it are read).
    assert stats is not None and stats.resumed_tokens > 150
    assert stats.prompt_tokens_evaluated == stats.prompt_tokens - stats.resumed_tokens
    assert stats.prompt_tokens_evaluated < 30
