"""Conversations: grouped by date, pinned first, with search over every message."""

from __future__ import annotations

import html
import time
from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QColor, QFont, QMouseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.conversation.store import ConversationStore, ConversationSummary, SearchHit
from core.errors import ProsaError
from ui.error_texts import problem_text
from ui.format import number, short_date
from ui.icons import Icon, set_icon
from ui.palette import Marks, marks, roles
from ui.theme import follow_palette

_CONVERSATION = int(Qt.ItemDataRole.UserRole)
_MESSAGE = _CONVERSATION + 1


class Sidebar(QWidget):
    #: Open a conversation (id), optionally at a message (id, or 0).
    openRequested = Signal(int, int)
    newRequested = Signal()
    exportRequested = Signal(int, str)  # conversation id, "md" | "json"
    importRequested = Signal()
    #: A conversation was deleted (id): the window closes it if it is shown.
    deleted = Signal(int)

    def __init__(self, store: ConversationStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.store = store
        self.current: int | None = None
        self.search = QLineEdit()
        self.search.setObjectName("conversationSearch")
        self.search.setPlaceholderText(self.tr("Search all conversations"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(self.tr("Find words in the messages of every conversation"))
        self.search.setAccessibleName(self.tr("Search all conversations"))
        self.list = QListWidget()
        self.list.setObjectName("conversationList")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setToolTip(self.tr("Your conversations: click one to open it, right-click "
                                     "to rename, pin, export or delete it"))
        self.undo_label = QLabel()
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.setToolTip(self.tr("Bring back the conversation just deleted"))
        undo = QHBoxLayout()
        undo.addWidget(self.undo_label, 1)
        undo.addWidget(self.undo_button)
        self.undo_bar = QWidget()
        self.undo_bar.setLayout(undo)
        self.undo_bar.setVisible(False)
        self.new_button = QPushButton(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation"))
        set_icon(self.new_button, Icon.NEW_CHAT)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Add a conversation saved as JSON by Prosa "
                                              "or another chat app"))
        set_icon(self.import_button, Icon.IMPORT)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.undo_bar)
        self._deleted: int | None = None
        self._stopped = False
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.list.itemActivated.connect(self._open)
        self.list.itemClicked.connect(self._open)
        self.list.customContextMenuRequested.connect(self._menu)
        # A right click opens the row's menu without moving the highlight, which shows
        # the conversation on screen, not the one the menu is about.
        self.list.viewport().installEventFilter(self)
        self.undo_button.clicked.connect(self._undo)
        self.new_button.clicked.connect(self.newRequested)
        self.import_button.clicked.connect(self.importRequested)
        # Headers and search hits carry their colours: drawn again for a new theme.
        follow_palette(self.list, self.refresh)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.list.viewport() and isinstance(event, QMouseEvent)
                and event.type() in (QEvent.Type.MouseButtonPress,
                                     QEvent.Type.MouseButtonDblClick)
                and event.button() == Qt.MouseButton.RightButton):
            return True
        return super().eventFilter(watched, event)

    def stop(self) -> None:
        """The window is closing its store: a search typed just before must not run
        against a closed database."""
        self._search_timer.stop()
        self._stopped = True

    # --- contents -------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Show the conversations (or the search's hits), the one shown highlighted
        (none while a new chat is unsaved)."""
        if self._stopped:
            return
        query = self.search.text().strip()
        self.list.blockSignals(True)
        self.list.clear()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        try:
            if query:
                self._show_hits(self.store.search(query))
            else:
                self._show_conversations(self.store.list_conversations())
        except ProsaError as exc:
            self._header(problem_text(exc))

    def _header(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont()
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QColor(roles(self.list.palette()).muted))
        self.list.addItem(item)

    def _show_conversations(self, conversations: list[ConversationSummary]) -> None:
        group = None
        for summary in conversations:
            name = self.tr("Pinned") if summary.pinned else self._group(summary.updated_at)
            if name != group:
                self._header(name)
                group = name
            item = QListWidgetItem(summary.title or self.tr("New conversation"))
            item.setData(_CONVERSATION, summary.id)
            item.setData(_MESSAGE, 0)
            item.setToolTip(self.tr("%1 messages, last on %2")
                            .replace("%1", number(summary.message_count))
                            .replace("%2", short_date(summary.updated_at)))
            self.list.addItem(item)
            if summary.id == self.current:
                self.list.setCurrentItem(item)
        if not conversations:
            self._header(self.tr("No conversations yet"))

    def _group(self, updated_at: float) -> str:
        day = datetime.fromtimestamp(updated_at).date()
        today = date.today()
        if day == today:
            return self.tr("Today")
        if day == today - timedelta(days=1):
            return self.tr("Yesterday")
        if day > today - timedelta(days=7):
            return self.tr("Previous 7 days")
        if day > today - timedelta(days=30):
            return self.tr("Previous 30 days")
        return self.tr("Older")

    def _show_hits(self, hits: list[SearchHit]) -> None:
        if not hits:
            self._header(self.tr("Nothing found"))
            return
        self._header(self.tr("%1 matches").replace("%1", number(len(hits))))
        background = marks(self.list.palette())
        for hit in hits:
            label = QLabel(self._hit_html(hit, background))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 2, 4, 2)
            item = QListWidgetItem()
            item.setData(_CONVERSATION, hit.conversation_id)
            item.setData(_MESSAGE, hit.message_id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, "".join(t for t, _ in hit.parts()))
            item.setSizeHint(label.sizeHint())
            self.list.addItem(item)
            self.list.setItemWidget(item, label)

    @staticmethod
    def _hit_html(hit: SearchHit, mark: Marks) -> str:
        style = f"background:{mark.search_background};color:{mark.text_on_mark}"
        snippet = "".join(f"<b style='{style}'>{html.escape(text)}</b>" if marked
                          else html.escape(text) for text, marked in hit.parts())
        return f"<b>{html.escape(hit.title)}</b><br><span>{snippet}</span>"

    # --- actions ----------------------------------------------------------------------

    @Slot(QListWidgetItem)
    def _open(self, item: QListWidgetItem) -> None:
        conversation = item.data(_CONVERSATION)
        if conversation:
            self.current = int(conversation)
            self.openRequested.emit(int(conversation), int(item.data(_MESSAGE) or 0))

    @Slot(QPoint)
    def _menu(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        if item is None or not item.data(_CONVERSATION):
            return
        conversation = int(item.data(_CONVERSATION))
        pinned = any(c.pinned for c in self.store.list_conversations() if c.id == conversation)
        menu = QMenu(self)
        actions: list[tuple[QAction, object]] = [
            (menu.addAction(self.tr("Rename…")), lambda: self.rename(conversation)),
            (menu.addAction(self.tr("Unpin") if pinned else self.tr("Pin")),
             lambda: self._act(lambda: self.store.pin(conversation, not pinned))),
            (menu.addAction(self.tr("Export as Markdown…")),
             lambda: self.exportRequested.emit(conversation, "md")),
            (menu.addAction(self.tr("Export as JSON…")),
             lambda: self.exportRequested.emit(conversation, "json")),
            (menu.addAction(self.tr("Delete")), lambda: self.delete(conversation)),
        ]
        chosen = menu.exec(self.list.mapToGlobal(point))
        for action, handler in actions:
            if chosen is action:
                handler()  # type: ignore[operator]

    def rename(self, conversation: int) -> None:
        current = next((c.title for c in self.store.list_conversations()
                        if c.id == conversation), "")
        title, ok = QInputDialog.getText(self, self.tr("Rename conversation"),
                                         self.tr("Title:"), text=current)
        if ok:
            self._act(lambda: self.store.rename(conversation, title))

    def delete(self, conversation: int) -> None:
        """Delete at once, with Undo for a while (nothing is lost by a slip)."""
        self._act(lambda: self.store.delete(conversation))
        self._deleted = conversation
        self.undo_label.setText(self.tr("Conversation deleted."))
        self.undo_bar.setVisible(True)
        QTimer.singleShot(15_000, self._hide_undo)
        self._deleted_at = time.monotonic()
        self.deleted.emit(conversation)

    @Slot()
    def _hide_undo(self) -> None:
        if time.monotonic() - getattr(self, "_deleted_at", 0.0) >= 14.5:
            self.undo_bar.setVisible(False)

    @Slot()
    def _undo(self) -> None:
        if self._deleted is not None:
            deleted = self._deleted
            self._act(lambda: self.store.undo_delete(deleted))
            self._deleted = None
        self.undo_bar.setVisible(False)

    def _act(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except ProsaError as exc:
            self.undo_label.setText(problem_text(exc))
            self.undo_bar.setVisible(True)
        self.refresh()
