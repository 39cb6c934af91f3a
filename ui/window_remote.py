"""Remote engines in the window: the servers' models in the model menu, the Remote
servers page of Preferences, and what changes while a server's model answers.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  The
engine itself is the window's :class:`core.engine.router.EngineRouter`: choosing a
remote model loads its reference (``core.remote.refs``) like a file's path.  Here:

- servers are listed off the GUI thread (``ui.remote.lister``) when the model menu
  opens and when the list of servers changes; the menu shows each server's section
  as it stands and never waits;
- while a remote model is loaded, the Engine tab says which of its settings apply to
  this computer's models only, and its model facts name the server, not a file;
- the prompt inspector shows the request a reply was asked with and, for a reply,
  which engine and model made it (``ReplyRecord``);
- a server that was edited while its model is loaded is loaded again, so the new
  address or key is used from the next message.
"""

from __future__ import annotations

import math
import time
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow, QPushButton

from core.chat.controller import ChatController
from core.chat.screen import Topic
from core.conversation.records import ReplyRecord
from core.conversation.types import Role
from core.engine.protocol import PromptInspection
from core.engine.router import EngineRouter
from core.errors import Problem
from core.remote.refs import parse_ref
from core.remote.registry import RemoteRegistry
from ui.chat_view import ChatView
from ui.desktop.preferences import PreferencesDialog
from ui.engine_bridge import EngineBridge
from ui.engine_tab import EngineTab
from ui.format import number
from ui.model_picker import ModelPicker
from ui.prompt_inspector import PromptInspector
from ui.remote.lister import ModelLister
from ui.remote.sections import RemoteSection
from ui.remote.servers_page import RemoteServersPage

if TYPE_CHECKING:
    from core.conversation.session import ChatSession
    from core.engine.protocol import ModelLoaded

#: Seconds a server's listing is trusted before opening the menu lists it again.
RELIST_S = 30.0


class WindowRemote(QMainWindow):
    """The remote-engine side of the main window (see the module docstring)."""

    remotes: RemoteRegistry
    controller: ChatController
    bridge: EngineBridge
    model_picker: ModelPicker
    engine_tab: EngineTab
    chat: ChatView
    inspect_button: QPushButton
    inspect_action: QAction
    preferences_dialog: PreferencesDialog | None
    inspector: PromptInspector | None

    def setup_remote(self) -> None:
        """Wire the model menu, the recent models and the inspector (once, at build)."""
        self.remote_lister = ModelLister()
        self.remote_lister.listed.connect(self._on_remote_listed)
        #: Each server's section as last listed, by server id.
        self._remote_found: dict[str, RemoteSection] = {}
        self._remote_listed_at: dict[str, float] = {}
        #: The message whose prompt the inspector was asked for (None: the draft's).
        self._inspected: int | None = None
        self.model_picker.opening.connect(self.refresh_remote_models)
        self.model_picker.remoteServersRequested.connect(self.show_remote_servers)
        self.chat.inspectRequested.connect(self._note_inspected)
        self.inspect_button.clicked.connect(self._forget_inspected)
        self.inspect_action.triggered.connect(self._forget_inspected)
        self.remote_note = QLabel(self.tr(
            "A server's model is loaded: the server decides its own context length and "
            "hardware. The context, GPU, thread, flash attention, KV cache, snapshot and "
            "read-ahead settings below apply to models on this computer only."))
        self.remote_note.setObjectName("remoteEngineNote")
        self.remote_note.setWordWrap(True)
        self.remote_note.setVisible(False)
        form = self.engine_tab.layout()
        if isinstance(form, QFormLayout):
            form.insertRow(0, self.remote_note)
        self._show_remote_sections()
        for problem in self.remotes.config.problems:
            self.show_problem(problem, Topic.MODEL)

    # --- the model menu ------------------------------------------------------------------

    @Slot()
    def refresh_remote_models(self, force: bool = False) -> None:
        """List the servers again (those listed in the last :data:`RELIST_S` seconds
        only when ``force``), each on a thread of its own."""
        now = time.monotonic()
        remotes = self.remotes
        for server in remotes.config.servers:
            if not force and (self.remote_lister.busy(server.id) or now - self._remote_listed_at
                              .get(server.id, -math.inf) < RELIST_S):
                continue
            found = self._remote_found.get(server.id)
            self._remote_found[server.id] = RemoteSection(
                server, found.models if found else (), found.problem if found else None,
                listing=True)
            self.remote_lister.run(server.id, partial(remotes.list_models, server))
        self._show_remote_sections()

    @Slot(str, object)
    def _on_remote_listed(self, server_id: str, outcome: object) -> None:
        server = self.remotes.config.get(server_id)
        if server is None:
            return  # removed meanwhile
        self._remote_listed_at[server_id] = time.monotonic()
        if isinstance(outcome, Problem):
            self._remote_found[server_id] = RemoteSection(server, problem=outcome)
        else:
            models = tuple(m.id for m in outcome) if isinstance(outcome, list) else ()
            self._remote_found[server_id] = RemoteSection(server, models)
        self._show_remote_sections()

    def _show_remote_sections(self) -> None:
        sections = []
        for server in self.remotes.config.servers:
            found = self._remote_found.get(server.id)
            sections.append(RemoteSection(server) if found is None else RemoteSection(
                server, found.models, found.problem, found.listing))
        self.model_picker.set_remote(tuple(sections))

    # --- the servers -----------------------------------------------------------------------

    @Slot()
    def show_remote_servers(self) -> RemoteServersPage | None:
        """Preferences, open on the Remote servers page."""
        self.show_preferences()
        dialog = self.preferences_dialog
        page = dialog.findChild(RemoteServersPage) if dialog is not None else None
        if dialog is not None and page is not None:
            dialog.fit_tabs()  # pages added after it opened (the API server's) in sight
            dialog.tabs.setCurrentWidget(page)
        return page

    @Slot()
    def remote_servers_changed(self) -> None:
        """A server was added, changed or removed: list them all again, and load the
        model in use again when its server's address or key changed."""
        kept = {s.id for s in self.remotes.config.servers}
        for server_id in list(self._remote_found):
            if server_id not in kept:
                self.remote_lister.forget(server_id)
                del self._remote_found[server_id]
        self._remote_listed_at.clear()
        self.refresh_remote_models(force=True)
        loaded = self.controller.loaded
        ref = parse_ref(loaded.model_path) if loaded is not None and loaded.remote else None
        engine = self.bridge.engine
        target = engine.remote.target if isinstance(engine, EngineRouter) else None
        server = self.remotes.config.get(ref.server_id) if ref is not None else None
        if loaded is None or target is None or server is None \
                or self.session.streaming is not None:
            return
        if (server, self.remotes.keys.get(server.id)) != (target.server, target.api_key):
            self.load_model(loaded.model_path)

    # --- while a remote model is loaded ---------------------------------------------------

    def show_remote_model(self, loaded: ModelLoaded | None) -> None:
        """The Engine tab's note and model facts for a server's model (called by the
        window's ``show_model`` after it wrote a local model's facts)."""
        remote = loaded is not None and loaded.remote
        self.remote_note.setVisible(remote)
        if loaded is None or not remote:
            return
        ref = parse_ref(loaded.model_path)
        server = self.remotes.config.get(ref.server_id) if ref is not None else None
        context = (self.tr("%1 tokens, as the server says").replace("%1", number(loaded.n_ctx))
                   if loaded.n_ctx > 0 else self.tr("not told by the server"))
        self.engine_tab.model_info.setText(
            self.tr("Server: %1\nModel: %2\nContext: %3\nTemplate: the server's own; "
                    "Prosa sends the conversation and the server formats it.")
            .replace("%1", loaded.engine if server is None
                     else f"{server.name} ({server.base_url})")
            .replace("%2", ref.model if ref is not None else loaded.model_name)
            .replace("%3", context))

    def remote_loaded(self) -> bool:
        loaded = self.controller.loaded
        return loaded is not None and loaded.remote

    @Slot(int)
    def _note_inspected(self, index: int) -> None:
        self._inspected = index

    @Slot()
    def _forget_inspected(self) -> None:
        self._inspected = None

    def inspected_record(self) -> ReplyRecord | None:
        """The record of the reply whose prompt is being inspected (taken once); ``None``
        for the draft or a message of the user's."""
        index, self._inspected = self._inspected, None
        messages = self.session.messages
        if index is None or not 0 <= index < len(messages):
            return None
        message = messages[index]
        return message.record if message.role == Role.ASSISTANT else None

    if TYPE_CHECKING:  # the window's own and its other parts' (last: lupdate reads the name)
        @property
        def session(self) -> ChatSession: ...

        def show_problem(self, problem: Problem, topic: Topic = Topic.GENERAL) -> None: ...

        def show_inspection(self, inspection: PromptInspection) -> None: ...

        def show_preferences(self) -> None: ...

        def load_model(self, path: str, *, add: bool = False, at_start: bool = False,
                       quiet: bool = False) -> None: ...
