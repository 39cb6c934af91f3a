"""One remote server's settings: its name, its address and its API key, and a test
that lists the models it serves with exactly what is typed.

OK stays disabled while the entry cannot be saved (no name, a name another server
has, an address that is not http or https), with the reason under the form, so a
broken server is never saved.  OK saves the server to the list
(``core.remote.config``) and its key to the system keyring (``core.remote.secrets``),
never to a settings file; an empty key field forgets the key.

The key is masked unless the user asks to see it.  Where no system keyring exists the
form says the key lasts only until Prosa closes.  A plain ``http://`` address outside
this computer's network gets a warning: the key and the conversations would travel
unencrypted.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.common.named_store import name_key
from core.errors import BadInput, Problem
from core.remote.api import RemoteModel
from core.remote.registry import RemoteRegistry
from core.remote.servers import RemoteServer, new_id
from ui.dialog_buttons import ok_cancel
from ui.error_texts import problem_text
from ui.remote.address import sends_in_clear
from ui.remote.lister import ModelLister
from ui.theme import tint

#: The lister's key for the editor's test.
TEST_KEY = "editor-test"


def key_note(remembers: bool) -> str:
    """Where the key is kept, in the user's language (shared with the servers page)."""
    if remembers:
        return QCoreApplication.translate(
            "ServerEditor", "The key is kept in the system keyring, never in Prosa's files, "
            "and is sent only to this server.")
    return QCoreApplication.translate(
        "ServerEditor", "No system keyring was found: the key is kept only until Prosa "
        "closes, and never written to a file. You will be asked for it again.")


class ServerEditor(QDialog):
    """Add a server (``server`` None) or change one; :attr:`server` after OK."""

    def __init__(self, remotes: RemoteRegistry, server: RemoteServer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remoteServerEditor")
        self._remotes = remotes
        self._id = server.id if server is not None else new_id()
        #: The server as saved by OK.
        self.server: RemoteServer | None = None
        self.setWindowTitle(self.tr("Remote server") if server is None
                            else self.tr("Remote server: %1").replace("%1", server.name))
        self.lister = ModelLister()
        self.lister.listed.connect(self._tested)

        self.name = QLineEdit(server.name if server is not None else "")
        self.name.setObjectName("remoteName")
        self.name.setPlaceholderText(self.tr("for example: Lab box"))
        self.name.setToolTip(self.tr("How the model menu and the replies name this server"))
        self.url = QLineEdit(server.base_url if server is not None else "")
        self.url.setObjectName("remoteUrl")
        self.url.setPlaceholderText("http://192.168.1.20:8080/v1")
        self.url.setToolTip(self.tr("The address of the server's OpenAI-compatible API"))
        url_hint = QLabel(self.tr(
            "The API's base address, such as http://host:8080/v1 (llama-server, vLLM, "
            "LM Studio) or http://host:11434/v1 (Ollama). /v1 is added when the address "
            "has no path."))
        url_hint.setObjectName("remoteUrlHint")
        url_hint.setWordWrap(True)
        tint(url_hint, "muted")
        self.clear_warning = QLabel(self.tr(
            "⚠ This address is not encrypted (http) and leaves your network: the API key "
            "and your conversations can be read on the way. Use https:// if the server "
            "offers it."))
        self.clear_warning.setObjectName("remoteClearWarning")
        self.clear_warning.setWordWrap(True)
        tint(self.clear_warning, "warning")

        saved_key = remotes.keys.get(server.id) if server is not None else None
        self.key = QLineEdit(saved_key or "")
        self.key.setObjectName("remoteKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("none (for servers without a key)"))
        self.key.setToolTip(self.tr("The API key the server asks for, if any"))
        self.key.setAccessibleName(self.tr("API key"))
        self.show_key = QToolButton()
        self.show_key.setObjectName("remoteShowKey")
        self.show_key.setCheckable(True)
        self.show_key.setText(self.tr("Show"))
        self.show_key.setToolTip(self.tr("Show or hide the key"))
        self.show_key.toggled.connect(self._show_key)
        key_row = QHBoxLayout()
        key_row.setContentsMargins(0, 0, 0, 0)
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        self.key_note = QLabel(key_note(remotes.keys.remembers))
        self.key_note.setObjectName("remoteKeyNote")
        self.key_note.setWordWrap(True)
        tint(self.key_note, "muted" if remotes.keys.remembers else "warning")

        self.test_button = QPushButton(self.tr("Test and list models"))
        self.test_button.setObjectName("remoteTest")
        self.test_button.setToolTip(self.tr("Reach the server now with this address and "
                                            "key, and list the models it serves"))
        self.test_button.clicked.connect(self.test)
        self.test_status = QLabel()
        self.test_status.setObjectName("remoteTestStatus")
        self.test_status.setWordWrap(True)
        self.test_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_list = QListWidget()
        self.model_list.setObjectName("remoteModelList")
        self.model_list.setAccessibleName(self.tr("Models of this server"))
        self.model_list.setFixedHeight(self.fontMetrics().height() * 7)
        self.model_list.setVisible(False)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_status, 1)

        self.problem = QLabel()
        self.problem.setObjectName("remoteProblem")
        self.problem.setWordWrap(True)
        tint(self.problem, "error")
        self.buttons, self.ok_button = ok_cancel(self, self.tr("Save this server"))

        # A grid rather than a form: the notes under a field wrap to the field's width
        # and take exactly their lines (a form centres them in a taller row).
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        rows: list[tuple[str, QWidget | QHBoxLayout]] = [
            (self.tr("Name"), self.name), (self.tr("Address"), self.url), ("", url_hint),
            ("", self.clear_warning), (self.tr("API key"), key_row), ("", self.key_note)]
        for row, (text, field) in enumerate(rows):
            if text:
                label = QLabel(text)
                label.setBuddy(field if isinstance(field, QWidget) else self.key)
                form.addWidget(label, row, 0)
            if isinstance(field, QWidget):
                form.addWidget(field, row, 1)
            else:
                form.addLayout(field, row, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addLayout(test_row)
        layout.addWidget(self.model_list)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        # Wide enough for the notes to wrap in a few lines; tall enough for them at
        # that width (a form's wrapped labels are measured once its width is known).
        width = self.fontMetrics().horizontalAdvance("M") * 46
        for field in (self.name, self.url, self.key):
            field.textChanged.connect(self._validate)
        self._validate()
        self.resize(width, layout.totalHeightForWidth(width))

    def _fit_height(self) -> None:
        """Grow to what the layout needs at this width (the model list appeared): a
        dialog's minimum size does not count wrapped lines."""
        layout = self.layout()
        assert layout is not None
        needed = layout.totalHeightForWidth(self.width())
        if self.height() < needed:
            self.resize(self.width(), needed)

    # --- the entry -----------------------------------------------------------------------

    def entry(self) -> RemoteServer | Problem:
        """The server as typed, checked; or why it cannot be saved."""
        try:
            server = RemoteServer(self.name.text(), self.url.text(), self._id).validated()
        except BadInput as exc:
            return exc.problem
        taken = next((s for s in self._remotes.config.servers if s.id != server.id
                      and name_key(s.name) == name_key(server.name)), None)
        if taken is not None:
            return Problem.of("remote.exists", "A server named “{name}” already exists.",
                              name=taken.name)
        return server

    @Slot()
    def _validate(self) -> None:
        checked = self.entry()
        if isinstance(checked, Problem):
            self.ok_button.setEnabled(False)
            self.problem.setText(problem_text(checked))
            self.clear_warning.setVisible(False)
            return
        self.ok_button.setEnabled(True)
        self.problem.setText("")
        self.clear_warning.setVisible(sends_in_clear(checked.base_url))

    @Slot(bool)
    def _show_key(self, shown: bool) -> None:
        self.key.setEchoMode(QLineEdit.EchoMode.Normal if shown
                             else QLineEdit.EchoMode.Password)
        self.show_key.setText(self.tr("Hide") if shown else self.tr("Show"))

    # --- the test ------------------------------------------------------------------------

    def is_testing(self) -> bool:
        return self.lister.busy(TEST_KEY)

    @Slot()
    def test(self) -> None:
        """List the server's models with the address and key as typed."""
        checked = self.entry()
        self.model_list.clear()
        self.model_list.setVisible(False)
        if not isinstance(checked, RemoteServer):
            tint(self.test_status, "error")
            self.test_status.setText(problem_text(checked))
            return
        key = self.key.text().strip() or None
        remotes = self._remotes
        tint(self.test_status, "muted")
        self.test_status.setText(self.tr("Connecting to %1…").replace("%1", checked.host))
        self.test_button.setEnabled(False)
        self.lister.run(TEST_KEY, lambda: remotes.list_models(checked, key,
                                                              use_saved_key=False))

    @Slot(str, object)
    def _tested(self, _key: str, outcome: object) -> None:
        self.test_button.setEnabled(True)
        if isinstance(outcome, Problem):
            tint(self.test_status, "error")
            self.test_status.setText(problem_text(outcome))
            return
        assert isinstance(outcome, list)
        models = [m.id for m in outcome if isinstance(m, RemoteModel)]
        tint(self.test_status, None)
        if not models:
            self.test_status.setText(self.tr("The server answered but lists no models."))
            return
        self.test_status.setText(self.tr("The server answered: 1 model") if len(models) == 1
                                 else self.tr("The server answered: %1 models")
                                 .replace("%1", str(len(models))))
        self.model_list.addItems(models)
        self.model_list.setVisible(True)
        self._fit_height()

    # --- closing -------------------------------------------------------------------------

    def accept(self) -> None:
        checked = self.entry()
        if not isinstance(checked, RemoteServer):
            self.problem.setText(problem_text(checked))
            return
        try:
            server = self._remotes.config.put(checked)
        except BadInput as exc:  # another window saved the same name meanwhile
            self.problem.setText(problem_text(exc.problem))
            return
        self._remotes.keys.set(server.id, self.key.text().strip() or None)
        self.server = server
        super().accept()

    def done(self, result: int) -> None:
        self.lister.close()  # a test still running reports to no one
        super().done(result)
