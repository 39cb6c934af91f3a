"""Offering to bring back the conversations of a history file set aside as damaged.

When the history file could not be opened, the store set it aside and started a new
one (``ConversationStore.set_aside``).  This offer reads the set-aside file page by
page (``core.conversation.recovery``), then says how many conversations it could
still read and asks whether to bring them back.  Both the reading and the writing
run on a worker thread (``ui.tasks``): a large damaged file takes seconds to read,
and the window stays usable meanwhile.  The writing goes through a connection of its
own (``core.conversation.inserting.bring_back_at``), as the store's connection
belongs to the GUI thread.

The question is a window-modal message box opened without a nested event loop
(``QMessageBox.open``), so results of other background tasks keep arriving while it
is shown.  Failures are not shown here: they go out as :attr:`RecoveryOffer.failed`
for the window to show the way it shows every problem.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

from core.conversation.inserting import bring_back_at
from core.conversation.recovery import Recovered, recover
from core.conversation.store import ConversationStore
from core.errors import Problem
from ui.format import number
from ui.icons import Icon, set_icon
from ui.tasks import Tasks

#: Task lanes: a second offer (a second damaged file) replaces the first one's results.
READ_LANE = "history-recovery"
WRITE_LANE = "history-bring-back"


class RecoveryOffer(QObject):
    """Reads ``damaged``, asks, and brings its conversations back into ``store``."""

    #: Conversations written into the history; the window reloads its sidebar.
    broughtBack = Signal(int)
    #: A :class:`core.errors.Problem` for the window to show (the file could not be
    #: read or the history could not be written).
    failed = Signal(object)
    #: The offer is over, whatever the outcome.
    finished = Signal()

    def __init__(self, parent: QWidget, store: ConversationStore, damaged: Path,
                 tasks: Tasks) -> None:
        super().__init__(parent)
        self._window = parent
        self._history = store.path
        self.damaged = damaged
        self._tasks = tasks
        #: What was read, once read.
        self.recovered: Recovered | None = None
        #: The question or the note shown; ``None`` while reading or once answered.
        self.box: QMessageBox | None = None
        self.bring_back_button: QPushButton | None = None
        self.not_now_button: QPushButton | None = None

    def start(self) -> None:
        """Read the damaged file in the background; the question follows."""
        damaged = self.damaged
        self._tasks.run(lambda: recover(damaged), self._on_read, self._on_failed,
                        lane=READ_LANE)

    # --- steps ----------------------------------------------------------------------

    def _on_read(self, recovered: Recovered) -> None:
        self.recovered = recovered
        if recovered.conversations:
            self._ask(recovered)
        else:
            self._note()

    def _ask(self, recovered: Recovered) -> None:
        box = self._new_box(QMessageBox.Icon.Question, self._question(recovered))
        box.setInformativeText(self.tr("The damaged file stays where it was kept: %1")
                               .replace("%1", str(self.damaged)))
        bring = box.addButton(self.tr("Bring back"), QMessageBox.ButtonRole.AcceptRole)
        bring.setToolTip(self.tr("Add the recovered conversations to the sidebar as new "
                                 "conversations"))
        set_icon(bring, Icon.IMPORT)
        later = box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        later.setToolTip(self.tr("Leave them in the damaged file, which stays on disk"))
        set_icon(later, Icon.CANCEL)
        box.setDefaultButton(bring)
        box.setEscapeButton(later)
        self.bring_back_button, self.not_now_button = bring, later
        box.buttonClicked.connect(self._on_answer)
        box.open()

    def _note(self) -> None:
        box = self._new_box(QMessageBox.Icon.Information, self.tr(
            "Prosa found no conversation it could still read in the damaged history "
            "file. The file stays where it was kept: %1").replace("%1", str(self.damaged)))
        ok = box.addButton(QMessageBox.StandardButton.Ok)
        ok.setToolTip(self.tr("Close this note"))
        box.buttonClicked.connect(self._on_noted)
        box.open()

    def _new_box(self, icon: QMessageBox.Icon, text: str) -> QMessageBox:
        box = QMessageBox(icon, self.tr("Recovered conversations"), text,
                          QMessageBox.StandardButton.NoButton, self._window)
        box.setObjectName("recoveryOffer")
        box.setAccessibleName(self.tr("Recovered conversations"))
        self.box = box
        return box

    def _question(self, recovered: Recovered) -> str:
        conversations = len(recovered.conversations)
        if conversations == 1:
            text = self.tr("Prosa recovered one conversation (%2) from the damaged "
                           "history file. Bring it back?")
        else:
            text = self.tr("Prosa recovered %1 conversations (%2) from the damaged "
                           "history file. Bring them back?")
        messages = (self.tr("one message") if recovered.messages == 1
                    else self.tr("%1 messages").replace("%1", number(recovered.messages)))
        return text.replace("%1", number(conversations)).replace("%2", messages)

    @Slot(QAbstractButton)
    def _on_answer(self, button: QAbstractButton) -> None:
        # By role, not identity: the signal may hand over a new Python wrapper.
        accepted = (self.box is not None and self.box.buttonRole(button)
                    == QMessageBox.ButtonRole.AcceptRole)
        self._close_box()
        recovered = self.recovered
        if not accepted or recovered is None:
            self.finished.emit()
            return
        history = self._history
        self._tasks.run(lambda: bring_back_at(history, recovered), self._on_written,
                        self._on_failed, lane=WRITE_LANE)

    @Slot(QAbstractButton)
    def _on_noted(self, _button: QAbstractButton) -> None:
        self._close_box()
        self.finished.emit()

    def _on_written(self, count: int) -> None:
        self.broughtBack.emit(count)
        self.finished.emit()

    def _on_failed(self, problem: Problem) -> None:
        self.failed.emit(problem)
        self.finished.emit()

    def _close_box(self) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = None
        self.bring_back_button = self.not_now_button = None


def offer_recovery(parent: QWidget, store: ConversationStore, damaged: Path,
                   tasks: Tasks) -> RecoveryOffer:
    """Start offering to bring back what ``damaged`` still holds; connect to the
    returned offer's signals (they fire later, on the GUI thread)."""
    offer = RecoveryOffer(parent, store, damaged, tasks)
    offer.start()
    return offer
