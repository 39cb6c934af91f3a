"""The keyboard-shortcuts dialog: every shortcut, read from the menus themselves.

The list is built from the window's actions when the dialog opens, so it can never
disagree with what the keys do (a shortcut added to a menu appears here by itself);
only the keys that belong to a widget rather than a menu (Enter in the composer, Esc
to stop) are listed by hand, in :func:`widget_keys`.  A filter field finds a command
by name or by key.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ui.desktop.menus import strip_mnemonic
from ui.icons import Icon, icon


@dataclass(frozen=True)
class Shortcut:
    """One command and its keys, as the user reads them."""

    group: str
    command: str
    keys: str



def typed(sequence: QKeySequence) -> bool:
    """Whether a user types this sequence on a common keyboard: standard keys also
    bind dedicated keys (a Copy key, F16 on some Unix keyboards) nobody needs listed."""
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    if not text:
        return False
    if "+" in text:
        return True
    return text == "Esc" or (text[0] == "F" and text[1:].isdigit() and int(text[1:]) <= 12)


def menu_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """The shortcuts of the window's menus, in menu order (submenus included)."""
    found: list[Shortcut] = []

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, group)
            elif not action.isSeparator() and action.shortcuts():
                keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                 for k in action.shortcuts() if typed(k))
                if keys:
                    found.append(Shortcut(group, strip_mnemonic(action.text()), keys))

    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu, strip_mnemonic(action.text()))
    return found


def widget_keys() -> list[Shortcut]:
    """Keys that belong to a widget, not to a menu command."""
    chat = QCoreApplication.translate("ShortcutsDialog", "Chatting")
    return [
        Shortcut(chat, QCoreApplication.translate("ShortcutsDialog", "Send the message"),
                 QCoreApplication.translate("ShortcutsDialog", "Enter")),
        Shortcut(chat, QCoreApplication.translate("ShortcutsDialog", "New line in the message"),
                 QCoreApplication.translate("ShortcutsDialog", "Shift+Enter")),
        Shortcut(chat, QCoreApplication.translate(
            "ShortcutsDialog", "Stop the reply, skip the tour, close Find"),
                 QCoreApplication.translate("ShortcutsDialog", "Esc")),
        Shortcut(chat, QCoreApplication.translate("ShortcutsDialog", "Next match in Find"),
                 QCoreApplication.translate("ShortcutsDialog", "Enter")),
        Shortcut(chat, QCoreApplication.translate("ShortcutsDialog", "Previous match in Find"),
                 QCoreApplication.translate("ShortcutsDialog", "Shift+Enter")),
        Shortcut(chat, QCoreApplication.translate("ShortcutsDialog", "Move between controls"),
                 QCoreApplication.translate("ShortcutsDialog", "Tab, Shift+Tab")),
    ]


class ShortcutsDialog(QDialog):
    """Every shortcut, grouped by menu, with a filter."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setWindowIcon(icon(Icon.KEYBOARD))
        self.filter = QLineEdit()
        self.filter.setObjectName("shortcutFilter")
        self.filter.setPlaceholderText(self.tr("Find a command or a key"))
        self.filter.setToolTip(self.tr("Show only the commands whose name or keys contain "
                                       "this text"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setToolTip(self.tr("Every shortcut, grouped by menu"))
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.shortcuts = menu_shortcuts(window) + widget_keys()
        self._fill()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setToolTip(self.tr("Close this list"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        width = self.fontMetrics().horizontalAdvance("M") * 56
        self.resize(width, width * 5 // 4)

    def _fill(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in self.shortcuts:
            group = groups.get(shortcut.group)
            if group is None:
                group = QTreeWidgetItem(self.tree, [shortcut.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[shortcut.group] = group
            QTreeWidgetItem(group, [shortcut.command, shortcut.keys])
        self.tree.expandAll()

    def _groups(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        """Each group (a menu) with its commands."""
        found: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is not None:
                items = [group.child(j) for j in range(group.childCount())]
                found.append((group, [item for item in items if item is not None]))
        return found

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for group, items in self._groups():
            shown = 0
            for item in items:
                match = not needle or needle in item.text(0).lower() \
                    or needle in item.text(1).lower()
                item.setHidden(not match)
                shown += match
            group.setHidden(shown == 0)

    def visible_commands(self) -> list[str]:
        """The commands the filter leaves shown (for tests and accessibility checks)."""
        return [item.text(0) for group, items in self._groups() if not group.isHidden()
                for item in items if not item.isHidden()]

