"""Preferences → Remote servers: the servers Prosa may chat through, with Add, Edit and
Remove.

Changes are saved as they are made (the list to ``remote_servers.json``, keys to the
keyring), not when Preferences closes: a server added and tested here is in the model
menu at once, and Cancel on Preferences does not take back a key already stored.
Removing a server forgets its key too.

The page is built by the Preferences dialog for a window that has remote servers
(:class:`RemoteServersHost`), which it tells when the list changed so the model menu
lists them again.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.remote.registry import RemoteRegistry
from core.remote.servers import RemoteServer
from ui.remote.server_editor import ServerEditor, key_note
from ui.theme import tint


@runtime_checkable
class RemoteServersHost(Protocol):
    """What the page needs from the window: the registry, and someone to tell."""

    remotes: RemoteRegistry

    def remote_servers_changed(self) -> None: ...


def page_for(parent: object) -> RemoteServersPage | None:
    """The page for the window ``parent``; ``None`` when it has no remote servers (a
    Preferences dialog made on its own, in a test)."""
    if not isinstance(parent, RemoteServersHost):
        return None
    page = RemoteServersPage(parent.remotes)
    page.changed.connect(parent.remote_servers_changed)
    return page


class RemoteServersPage(QWidget):
    #: A server was added, changed or removed (already saved).
    changed = Signal()

    def __init__(self, remotes: RemoteRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remoteServersPage")
        self._remotes = remotes
        #: The editor open now, if any (window-modal, so one at a time).
        self.editor: ServerEditor | None = None
        intro = QLabel(self.tr(
            "Chat with models that run on another machine, through an OpenAI-compatible "
            "server: llama.cpp's llama-server, vLLM, Ollama, LM Studio. Add the server "
            "here, then choose its models in the model menu."))
        intro.setWordWrap(True)
        self.server_list = QTreeWidget()
        self.server_list.setObjectName("remoteServerList")
        self.server_list.setAccessibleName(self.tr("Remote servers"))
        self.server_list.setHeaderLabels([self.tr("Name"), self.tr("Address")])
        self.server_list.setRootIsDecorated(False)
        self.server_list.setUniformRowHeights(True)
        header = self.server_list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.server_list.itemSelectionChanged.connect(self._enable)
        self.server_list.itemDoubleClicked.connect(lambda _item, _col: self.edit())
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setObjectName("remoteAdd")
        self.add_button.setToolTip(self.tr("Add a server"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("remoteEdit")
        self.edit_button.setToolTip(self.tr("Change the chosen server's name, address or key"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("remoteRemove")
        self.remove_button.setToolTip(self.tr("Remove the chosen server and forget its key"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.key_note = QLabel(key_note(remotes.keys.remembers))
        self.key_note.setObjectName("remoteKeysNote")
        self.key_note.setWordWrap(True)
        tint(self.key_note, "muted" if remotes.keys.remembers else "warning")
        saved = QLabel(self.tr("Changes here are saved at once."))
        saved.setWordWrap(True)
        tint(saved, "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.server_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.key_note)
        layout.addWidget(saved)
        self._show_servers()

    # --- the list ------------------------------------------------------------------------

    def _show_servers(self, select: str | None = None) -> None:
        self.server_list.clear()
        for server in self._remotes.config.servers:
            item = QTreeWidgetItem([server.name, server.base_url])
            item.setData(0, Qt.ItemDataRole.UserRole, server.id)
            item.setToolTip(1, server.base_url)
            self.server_list.addTopLevelItem(item)
            if server.id == select:
                self.server_list.setCurrentItem(item)
        self._enable()

    def selected(self) -> RemoteServer | None:
        item = self.server_list.currentItem()
        if item is None or not item.isSelected():
            return None
        return self._remotes.config.get(str(item.data(0, Qt.ItemDataRole.UserRole)))

    @Slot()
    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # --- actions -------------------------------------------------------------------------

    @Slot()
    def add(self) -> ServerEditor:
        return self._open_editor(None)

    @Slot()
    def edit(self) -> ServerEditor | None:
        server = self.selected()
        return None if server is None else self._open_editor(server)

    def _open_editor(self, server: RemoteServer | None) -> ServerEditor:
        editor = ServerEditor(self._remotes, server, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._saved(editor))
        editor.finished.connect(lambda _result: self._closed(editor))
        self.editor = editor
        editor.open()
        return editor

    def _saved(self, editor: ServerEditor) -> None:
        if editor.server is not None:
            self._show_servers(select=editor.server.id)
            self.changed.emit()

    def _closed(self, editor: ServerEditor) -> None:
        if self.editor is editor:
            self.editor = None

    @Slot()
    def remove(self) -> None:
        server = self.selected()
        if server is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove server"), self.tr(
            "Remove the server “%1” and forget its API key? Conversations with its models "
            "are kept.").replace("%1", server.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("remoteRemoveQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self._remotes.config.remove(server.id)
        self._remotes.keys.delete(server.id)
        self._show_servers()
        self.changed.emit()
