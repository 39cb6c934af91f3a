"""The offer to bring back a damaged history's conversations, with real widgets: it
reads off the GUI thread, says how many it found, and on "Bring back" writes them
into the open history and says so with ``broughtBack``."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from core.conversation.store import ConversationStore
from core.conversation.types import Role
from tests.conversation.test_store import Clock, reply
from ui.recovery_offer import RecoveryOffer, offer_recovery
from ui.tasks import Tasks


def damaged_history(path: Path, conversations: int) -> None:
    """A history of ``conversations`` chats whose header was then overwritten."""
    with ConversationStore(path, clock=Clock()) as store:
        for n in range(conversations):
            c = store.create_conversation(title=f"Chat {n}")
            u = store.add_message(c, None, Role.USER, f"question {n} " * 100)
            reply(store, c, u, f"answer {n} " * 200)
    with path.open("r+b") as handle:
        handle.write(random.Random(3).randbytes(4096))


@pytest.fixture
def window(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def tasks(window: QWidget) -> Iterator[Tasks]:
    pool = Tasks(window)
    yield pool
    pool.shutdown()


def shown(offer: RecoveryOffer) -> QMessageBox | None:
    return offer.box


def opened(tmp_path: Path, conversations: int) -> ConversationStore:
    path = tmp_path / "conversations.db"
    damaged_history(path, conversations)
    store = ConversationStore(path)
    assert store.set_aside is not None  # the damaged file was set aside at opening
    return store


def test_bring_back_writes_them_and_says_how_many(qtbot: Any, window: QWidget,
                                                  tasks: Tasks, tmp_path: Path) -> None:
    store = opened(tmp_path, 3)
    assert store.list_conversations() == []
    assert store.set_aside is not None
    offer = offer_recovery(window, store, store.set_aside, tasks)
    qtbot.waitUntil(lambda: offer.box is not None and offer.box.isVisible(), timeout=10_000)
    assert offer.box is not None and offer.bring_back_button is not None
    assert offer.box.text() == ("Prosa recovered 3 conversations (6 messages) from the "
                                "damaged history file. Bring them back?")
    assert str(store.set_aside) in offer.box.informativeText()
    assert offer.bring_back_button.toolTip() and offer.not_now_button is not None
    assert offer.not_now_button.toolTip()
    assert offer.box.defaultButton() is offer.bring_back_button
    received: list[int] = []
    offer.broughtBack.connect(received.append)
    with qtbot.waitSignals([offer.broughtBack, offer.finished], order="strict",
                           timeout=10_000):
        qtbot.mouseClick(offer.bring_back_button, Qt.MouseButton.LeftButton)
    assert received == [3]
    assert shown(offer) is None  # the question is gone once answered
    # the window's own store (GUI thread) sees them at once
    assert sorted(s.title for s in store.list_conversations()) == ["Chat 0", "Chat 1",
                                                                   "Chat 2"]
    store.close()


def test_not_now_leaves_the_history_as_it_is(qtbot: Any, window: QWidget, tasks: Tasks,
                                             tmp_path: Path) -> None:
    store = opened(tmp_path, 1)
    assert store.set_aside is not None
    offer = offer_recovery(window, store, store.set_aside, tasks)
    qtbot.waitUntil(lambda: offer.box is not None and offer.box.isVisible(), timeout=10_000)
    assert offer.box is not None
    assert offer.box.text() == ("Prosa recovered one conversation (2 messages) from the "
                                "damaged history file. Bring it back?")
    received: list[int] = []
    offer.broughtBack.connect(received.append)
    with qtbot.waitSignal(offer.finished, timeout=5_000):
        qtbot.keyClick(offer.box, Qt.Key.Key_Escape)  # Esc means "Not now"
    assert received == [] and store.list_conversations() == []
    store.close()


def test_nothing_readable_is_a_calm_note(qtbot: Any, window: QWidget, tasks: Tasks,
                                         tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "conversations.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(random.Random(1).randbytes(50_000))
    offer = RecoveryOffer(window, store, junk, tasks)
    failures: list[Any] = []
    offer.failed.connect(failures.append)
    offer.start()
    qtbot.waitUntil(lambda: offer.box is not None and offer.box.isVisible(), timeout=10_000)
    assert offer.box is not None
    assert offer.box.icon() == QMessageBox.Icon.Information
    assert "no conversation" in offer.box.text() and str(junk) in offer.box.text()
    assert offer.bring_back_button is None
    ok = offer.box.button(QMessageBox.StandardButton.Ok)
    assert ok.toolTip()
    with qtbot.waitSignal(offer.finished, timeout=5_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert failures == [] and store.list_conversations() == []
    store.close()


def test_an_unreadable_file_is_a_problem_for_the_window(qtbot: Any, window: QWidget,
                                                        tasks: Tasks, tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "conversations.db")
    offer = RecoveryOffer(window, store, tmp_path / "gone.db", tasks)
    with qtbot.waitSignal(offer.failed, timeout=10_000) as failed:
        offer.start()
    assert failed.args is not None
    assert failed.args[0].code == "conversation.recovery.unreadable"
    assert offer.box is None
    store.close()
