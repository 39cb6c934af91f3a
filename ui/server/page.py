"""The API server's page of Preferences: on or off, where it listens, its key.

The page edits what the dialog's Apply or OK will apply (``ui.window_server`` reads
:meth:`ServerPage.chosen`); the key is the service's, read and renewed off the GUI
thread, and copied from here.  An address other than loopback is said to open the
model to the network, next to the field.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QGuiApplication, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from core.server.config import LOOPBACK, is_loopback, valid_host
from core.settings import Settings
from ui.error_texts import problem_text
from ui.icons import Icon, set_icon
from ui.server.service import ServerService, ServerState
from ui.theme import tint


class ServerPage(QWidget):
    #: The user asked for the log of requests.
    logRequested = Signal()

    def __init__(self, settings: Settings, service: ServerService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverPage")
        self.settings = settings
        self.service = service
        intro = QLabel(self.tr(
            "Other programs on this computer can use the model loaded in Prosa through an "
            "OpenAI-compatible API (the openai package, editors, scripts): give them the "
            "address below as their base URL. Their requests wait while Prosa answers "
            "you."))
        intro.setWordWrap(True)
        self.enabled = QCheckBox(self.tr("Serve the loaded model to other programs"))
        self.enabled.setObjectName("serverEnabled")
        self.enabled.setChecked(settings.server_enabled)
        self.host = QLineEdit(settings.server_host)
        self.host.setObjectName("serverHost")
        self.host.setPlaceholderText(LOOPBACK)
        self.host.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[A-Za-z0-9.:\-\[\]]{0,253}"), self.host))
        self.host.setToolTip(self.tr("127.0.0.1 lets only this computer in; 0.0.0.0 lets "
                                     "in every computer that can reach this one"))
        self.host_warning = QLabel(self.tr(
            "Anyone who can reach this address on your network can use the model: require "
            "a key."))
        self.host_warning.setObjectName("serverHostWarning")
        self.host_warning.setWordWrap(True)
        tint(self.host_warning, "warning")
        self.port = QSpinBox()
        self.port.setObjectName("serverPort")
        self.port.setRange(1, 65535)
        self.port.setValue(settings.server_port)
        self.require_key = QCheckBox(self.tr("Require an API key"))
        self.require_key.setObjectName("serverRequireKey")
        self.require_key.setChecked(settings.server_require_key)
        self.require_key.setToolTip(self.tr("Programs must send the key as "
                                            "'Authorization: Bearer <key>'"))
        self.key = QLineEdit()
        self.key.setObjectName("serverKey")
        self.key.setReadOnly(True)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("made when the server starts"))
        self.key.setAccessibleName(self.tr("API key"))
        self.copy_key = QPushButton(self.tr("Copy"))
        self.copy_key.setObjectName("serverCopyKey")
        set_icon(self.copy_key, Icon.COPY)
        self.copy_key.setToolTip(self.tr("Copy the key to the clipboard"))
        self.new_key = QPushButton(self.tr("New key"))
        self.new_key.setObjectName("serverNewKey")
        set_icon(self.new_key, Icon.REGENERATE)
        self.new_key.setToolTip(self.tr("Make a new random key; programs with the old one "
                                        "are refused from now on"))
        key_row = QHBoxLayout()
        key_row.setContentsMargins(0, 0, 0, 0)
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.copy_key)
        key_row.addWidget(self.new_key)
        key_holder = QWidget()
        key_holder.setLayout(key_row)
        self.key_note = QLabel()
        self.key_note.setObjectName("serverKeyNote")
        self.key_note.setWordWrap(True)
        tint(self.key_note, "muted")
        self.status = QLabel()
        self.status.setObjectName("serverStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(self.status.textInteractionFlags()
                                            | self.status.textInteractionFlags().
                                            TextSelectableByMouse)
        self.log_button = QPushButton(self.tr("Log of requests…"))
        self.log_button.setObjectName("serverLogButton")
        set_icon(self.log_button, Icon.LOG)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.enabled)
        form.addRow(self.tr("Address"), self.host)
        form.addRow("", self.host_warning)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.require_key)
        form.addRow(self.tr("Key"), key_holder)
        form.addRow("", self.key_note)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.log_button)
        self.host.textChanged.connect(self._show_warning)
        self.require_key.toggled.connect(self._show_key)
        self.copy_key.clicked.connect(self._copy)
        self.new_key.clicked.connect(lambda: service.renew_key(self.chosen(settings)))
        self.log_button.clicked.connect(self.logRequested.emit)
        service.changed.connect(self.show_state)
        self.show_state(service.state)
        self._show_warning()
        self._show_key()
        if settings.server_require_key:
            service.fetch_key()

    def chosen(self, settings: Settings) -> Settings:
        """``settings`` with the page's server fields (an address that is not one keeps
        the one before)."""
        host = self.host.text().strip() or LOOPBACK
        return replace(settings, server_enabled=self.enabled.isChecked(),
                       server_host=host if valid_host(host) else settings.server_host,
                       server_port=self.port.value(),
                       server_require_key=self.require_key.isChecked())

    def show_state(self, state: object) -> None:
        assert isinstance(state, ServerState)
        if state.key is not None:
            self.key.setText(state.key)
        self.key_note.setText(
            self.tr("Kept in the system keyring.") if state.key_kept else self.tr(
                "This computer has no system keyring: the key is kept only until Prosa "
                "closes, and a new one is made at the next start."))
        self.copy_key.setEnabled(bool(self.key.text()))
        if state.running:
            text = self.tr("Serving at %1").replace("%1", state.url)
            if state.problem is not None:
                text += "\n" + problem_text(state.problem)
            tint(self.status, None)
        elif state.problem is not None:
            text = self.tr("Not serving: %1").replace("%1", problem_text(state.problem))
            tint(self.status, "error")
        else:
            text = self.tr("Off")
            tint(self.status, None)
        self.status.setText(text)

    def _show_warning(self) -> None:
        host = self.host.text().strip()
        self.host_warning.setVisible(bool(host) and not is_loopback(host))

    def _show_key(self) -> None:
        on = self.require_key.isChecked()
        for widget in (self.key, self.new_key, self.key_note):
            widget.setEnabled(on)
        self.copy_key.setEnabled(on and bool(self.key.text()))

    def _copy(self) -> None:
        if self.key.text():
            QGuiApplication.clipboard().setText(self.key.text())
