"""The main window: wiring between the widgets, the chat controller and the engine.

What a user action means lives in ``core.chat.controller.ChatController``; this class
builds the widgets, hands their signals to the controller, shows what the controller
asks for (it implements ``core.chat.screen.Screen``), and keeps what is the window's
own: dialogs and the prompt timer.  The model menu, the library and files dropped on
the window are in ``ui.window_models``; exporting and importing conversations in
``ui.window_files``; a message's actions (edit, branch, alternatives, candidates,
delete) in ``ui.window_messages``; what the model reads (inspector, template editor,
counting, reading ahead) in ``ui.window_prompt``; the Thinking tab in
``ui.window_thinking``; remote servers and their models in ``ui.window_remote``;
where the user left off in ``ui.window_state``; the menus in ``ui.desktop.menus``
and their commands in ``ui.desktop.window_commands``; the title, notifications, files
handed over by a second start, the welcome page, the tour and the offer to recover a
damaged history in ``ui.desktop.window_integration``.  Slow work (scanning the
library, checking a model file, preparing a bundled model) runs through
``ui.tasks.Tasks``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.chat.controller import ChatController
from core.chat.resume import load_resume
from core.chat.screen import Status, Topic
from core.conversation.session import ChatMessage
from core.conversation.store import ConversationStore
from core.conversation.system_prompts import SystemPromptLibrary
from core.engine.client import EngineClient
from core.engine.protocol import LoadProgress, ModelLoaded, PromptInspection
from core.engine.router import EngineRouter
from core.engine.seam import EngineFactory
from core.errors import Problem
from core.hub.downloads import DownloadEvent, DownloadManager
from core.logs import log_problem
from core.models.library import BundledModel, Library
from core.paths import AppPaths
from core.remote.config import RemoteConfig
from core.remote.registry import RemoteRegistry
from core.remote.secrets import KeyStore
from core.settings import Settings, save_settings
from core.templates.overrides import TemplateOverrides
from ui.chat_view import ChatView
from ui.composer import Composer
from ui.desktop.menus import WindowMenus
from ui.desktop.notifier import Notifier
from ui.desktop.preferences import PreferencesDialog
from ui.desktop.shortcuts import ShortcutsDialog
from ui.desktop.window_commands import WindowCommands
from ui.desktop.window_integration import WindowIntegration
from ui.details_dialog import DetailsDialog
from ui.engine_bridge import EngineBridge
from ui.engine_tab import EngineTab
from ui.error_texts import problem_text
from ui.find_bar import FindBar
from ui.first_run.tour import Tour
from ui.first_run.welcome import WelcomePage
from ui.format import language, number
from ui.icons import Icon, set_icon
from ui.model_picker import ModelPicker
from ui.models_dialog import ModelsDialog
from ui.problem_bar import ProblemBar
from ui.prompt_inspector import PromptInspector
from ui.recovery_offer import RecoveryOffer
from ui.sampling_panel import SamplingPanel
from ui.sidebar import Sidebar
from ui.status_line import StatusLine, reason_text
from ui.system_prompt import SystemPromptPanel
from ui.tasks import Relay, Tasks
from ui.template_editor import TemplateEditor
from ui.thinking_panel import ThinkingPanel
from ui.token_view import AlternativesPopup
from ui.window_files import WindowFiles
from ui.window_learn import WindowLearn
from ui.window_messages import WindowMessages
from ui.window_models import WindowModels
from ui.window_prompt import WindowPrompt
from ui.window_remote import WindowRemote
from ui.window_server import WindowServer
from ui.window_snapshots import WindowSnapshots
from ui.window_state import WindowState
from ui.window_thinking import WindowThinking
from ui.window_tools import WindowTools

#: Quiet time after the last keystroke before the engine counts the draft and reads it
#: ahead: in the pauses of typing, not on every key.
PROMPT_DELAY_MS = 300


class MainWindow(WindowModels, WindowFiles, WindowMessages, WindowPrompt, WindowState,
                 WindowThinking, WindowSnapshots, WindowTools, WindowRemote, WindowServer,
                 WindowLearn, WindowCommands, WindowIntegration, WindowMenus):
    def __init__(self, paths: AppPaths, settings: Settings, autoload: bool = True,
                 open_path: str | None = None,
                 engine_factory: EngineFactory = EngineClient) -> None:
        super().__init__()
        #: A model file given on the command line: loaded instead of the last one.
        self._open_path = open_path
        self.setObjectName("mainWindow")
        self.setWindowTitle("Prosa")
        self.paths = paths
        self.store = ConversationStore(paths.data / "conversations.db")
        self.overrides = TemplateOverrides(paths.config / "template_overrides.json")
        self.tasks = Tasks(self, workers=1)
        #: Remote servers (their list and keys): a model may be one of theirs.
        self.remotes = RemoteRegistry(RemoteConfig.open(paths), KeyStore(),
                                      offline=lambda: self.settings.offline)
        # This computer's engine serves the API server's requests too, behind the user's
        # own replies (ui.window_server).
        self.bridge = EngineBridge(self, lambda on_event: EngineRouter(
            on_event, self.remotes.resolve, self.gated(engine_factory)))
        self.setup_learn(engine_factory)
        self.controller = ChatController(self.store, self.bridge.engine, settings,
                                         self.overrides, self, self._save_settings,
                                         self.make_tool_host())
        self.controller.snapshot_folder = paths.snapshots
        # What the engine writes into a reasoning that reached its budget, in the
        # user's language (the model reads it; it asks for the answer).
        self.controller.budget_note = "\n\n" + self.tr("Time to answer.") + "\n"
        self._prompt_timer = QTimer(self)
        self._prompt_timer.setSingleShot(True)
        self._prompt_timer.setInterval(PROMPT_DELAY_MS)
        self.alternatives_popup: AlternativesPopup | None = None
        self.inspector: PromptInspector | None = None
        self.template_editor: TemplateEditor | None = None
        self.prompts = SystemPromptLibrary(paths.system_prompts_file, language=language())
        self.library = Library(paths.models, paths.config / "library.json")
        self.library_paths: list[str] = []
        self.bundled: list[BundledModel] = []
        self.models_dialog: ModelsDialog | None = None
        self.preferences_dialog: PreferencesDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.tour: Tour | None = None
        self.recovery_offer: RecoveryOffer | None = None
        self._reply_started_at: float | None = None
        self.download_events: Relay[DownloadEvent] = Relay(self)
        self.downloads = DownloadManager(paths.models, settings.hub_endpoint, settings.hub_token,
                                         settings.offline, on_event=self.download_events.push)
        # Unfinished downloads of an earlier run come back paused (no network needed).
        self.downloads.restore()
        self.download_events.arrived.connect(self._on_download_event)
        self.download_events.arrived.connect(self.notify_download)
        self.setAcceptDrops(True)
        self._build(settings)
        self._connect()
        self._restore_geometry()
        self._refresh_models()
        for notice in (settings.notice, self.prompts.notice, self.store.notice):
            if notice is not None:
                self.show_problem(notice)
        if self.store.set_aside is not None:
            QTimer.singleShot(0, self.offer_recovery)
        self._resume_path = paths.config / "resume.json"
        self._resume(load_resume(self._resume_path))
        self.show_page()
        self._enable_conversation_actions()
        self.update_title()
        if autoload:
            QTimer.singleShot(0, self.load_initial_model)
            # Downloaded and added models join the menu once their headers are read.
            QTimer.singleShot(200, self._scan_library)

    # --- what the controller holds ------------------------------------------------------

    @property
    def loaded(self) -> ModelLoaded | None:
        return self.controller.loaded

    # --- layout ----------------------------------------------------------------------

    def _build(self, settings: Settings) -> None:
        self._build_menus()
        toolbar = self._build_toolbar()
        self.model_picker = ModelPicker()
        toolbar.addWidget(self.model_picker)
        toolbar.addAction(self.probabilities_action)
        toolbar.addAction(self.models_action)
        for action in (self.probabilities_action, self.models_action):
            button = toolbar.widgetForAction(action)
            if button is not None:  # Qt gives toolbar buttons no focus: Tab reaches them
                button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.chat = ChatView()
        self.composer = Composer()
        self.chat.set_zoom(settings.chat_zoom)
        self.welcome = WelcomePage()
        self.chat_stack = QStackedWidget()
        self.chat_stack.setObjectName("chatStack")
        # In a scroll area: the welcome never makes the window wider than the chat would.
        self.welcome_page = QScrollArea()
        self.welcome_page.setObjectName("welcomeScroll")
        self.welcome_page.setWidget(self.welcome)
        self.welcome_page.setWidgetResizable(True)
        self.welcome_page.setFrameShape(QFrame.Shape.NoFrame)
        self.chat_stack.addWidget(self.welcome_page)
        self.chat_stack.addWidget(self.chat)
        self.find_bar = FindBar(self.chat)
        self.find_bar.hide()
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.send_button.setToolTip(self.tr("Send the message (Enter)"))
        set_icon(self.send_button, Icon.SEND)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))
        self.stop_button.setEnabled(False)
        set_icon(self.stop_button, Icon.STOP)
        self.inspect_button = QPushButton(self.tr("Inspect…"))
        self.inspect_button.setObjectName("inspectButton")
        set_icon(self.inspect_button, Icon.INSPECT)
        self.inspect_button.setToolTip(self.tr("Show the exact prompt and tokens the model "
                                               "would read if you sent this message"))
        buttons = QVBoxLayout()
        for button in (self.send_button, self.stop_button, self.inspect_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        composer_row = QHBoxLayout()
        composer_row.addWidget(self.composer, 1)
        composer_row.addLayout(buttons)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addWidget(self.chat_stack, 1)
        left_layout.addWidget(self.find_bar)
        self.problem_bar = ProblemBar()
        left_layout.addWidget(self.problem_bar)
        left_layout.addLayout(composer_row)

        self.system_prompt = SystemPromptPanel(self.prompts)
        self.system_prompt.set_text(self.session.system_prompt)
        self.sampling = SamplingPanel()
        self.sampling.set_params(settings.sampling)
        self.engine_tab = EngineTab(settings)
        self.side = QTabWidget()
        self.side.setObjectName("sidePanel")
        self.side.addTab(self.system_prompt, self.tr("System prompt"))
        self.side.addTab(self.sampling, self.tr("Sampling"))
        # Scrolls on a short screen instead of making the window taller than it.
        self.engine_page = QScrollArea()
        self.engine_page.setObjectName("enginePage")
        self.engine_page.setWidget(self.engine_tab)
        self.engine_page.setWidgetResizable(True)
        self.engine_page.setFrameShape(QFrame.Shape.NoFrame)
        self.side.addTab(self.engine_page, self.tr("Engine"))
        self.thinking_panel = ThinkingPanel()
        self.side.addTab(self.thinking_panel, self.tr("Thinking"))
        # No scroll arrows hiding a tab: all four stay in sight, their names shortened
        # only when the panel is made narrower than they need.
        self.side.tabBar().setUsesScrollButtons(False)
        self.side.tabBar().setElideMode(Qt.TextElideMode.ElideRight)

        self.sidebar = Sidebar(self.store)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for widget, stretch in ((self.sidebar, 1), (left, 3), (self.side, 1)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([210, 580, 450])
        self.setCentralWidget(self.splitter)
        self.status_line = StatusLine(self.statusBar())
        self.sidebar_action.setChecked(True)
        self.side_panel_action.setChecked(True)
        self.theme_actions[settings.theme].setChecked(True)
        self.notifier = Notifier(self)
        self.notifier.enabled = settings.notifications
        self.resize(1100, 720)

    def _connect(self) -> None:
        c = self.controller
        self.composer.submitted.connect(self.send)
        self.send_button.clicked.connect(self.composer.submit)
        self.stop_button.clicked.connect(self.stop)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.escape)
        self.welcome.exampleChosen.connect(self.try_example)
        self.welcome.openModelRequested.connect(self.choose_model_file)
        self.welcome.findModelsRequested.connect(lambda: self.show_models(ModelsDialog.HUB))
        self.model_picker.chosen.connect(self._on_model_chosen)
        self.system_prompt.changed.connect(self._on_system_prompt)
        self.system_prompt.defaultRequested.connect(self._make_default_system_prompt)
        self.sampling.changed.connect(c.set_sampling)
        self.thinking_panel.changed.connect(self._on_thinking_changed)
        self.engine_tab.reload_button.clicked.connect(self._reload_model)
        self.engine_tab.mode_combo.activated.connect(lambda _i: c.set_mode(self.engine_tab.mode()))
        self.engine_tab.family_combo.activated.connect(self._on_family)
        self.engine_tab.policy_combo.activated.connect(self._on_policy)
        self.engine_tab.edit_template_button.clicked.connect(self.edit_template)
        self.engine_tab.read_ahead_check.toggled.connect(self._on_read_ahead_toggled)
        self.setup_snapshots()
        self.setup_tools()
        self.setup_remote()
        self.setup_server()
        self.template_button.clicked.connect(self.edit_template)
        self.inspect_button.clicked.connect(self.inspect_draft)
        self.chat.inspectRequested.connect(c.inspect_message)
        self.chat.actionRequested.connect(self._on_message_action)
        self.chat.tokenClicked.connect(self.show_alternatives)
        self.chat.detailsRequested.connect(self.show_details)
        self.problem_bar.detailsRequested.connect(self.show_details)
        self.probabilities_action.toggled.connect(self.set_show_probabilities)
        self.sidebar.openRequested.connect(self.open_conversation)
        self.sidebar.newRequested.connect(self.new_chat)
        self.sidebar.deleted.connect(c.conversation_deleted)
        self.sidebar.exportRequested.connect(self.export_conversation)
        self.sidebar.importRequested.connect(self.import_conversation)
        self.composer.textChanged.connect(self.schedule_prompt_update)
        self._prompt_timer.timeout.connect(self.prompt_changed)
        self.bridge.tokens.connect(c.on_tokens)
        self.bridge.loadProgress.connect(lambda fraction: c.handle(LoadProgress(fraction)))
        for signal in (self.bridge.modelLoaded, self.bridge.finished, self.bridge.inspected,
                       self.bridge.readAhead, self.bridge.counted, self.bridge.failed,
                       self.bridge.died):
            signal.connect(c.handle)

    # --- Screen: what the controller shows ------------------------------------------------

    def show_conversation(self, messages: Sequence[ChatMessage]) -> None:
        self.chat.show_messages(list(messages))
        self.show_tools_state()
        self.show_page()
        self.schedule_prompt_update()  # another branch or chat: count it again

    def show_message_added(self, message: ChatMessage, index: int) -> None:
        self.chat.add_message(message, index)
        self.show_page()

    def show_reply_started(self, index: int) -> None:
        self.chat.begin_reply(index)
        constraint = self.controller.session.tools.constraint
        if constraint is not None:
            self.chat.mark_structured(index, constraint)
        self.note_reply_started()
        self.sidebar.refresh()
        self.update_title()

    def show_reply_text(self, text: str) -> None:
        self.chat.append_reply(text)

    def show_reply_reasoning(self, text: str, tokens: int) -> None:
        self.chat.append_reasoning(text, tokens)

    def show_reply_finished(self, message: ChatMessage) -> None:
        self.chat.finish_reply(message)
        if message.problem is not None:
            log_problem(message.problem)
        self.notify_reply_finished(message)
        self.schedule_prompt_update()

    def show_problem(self, problem: Problem, topic: Topic = Topic.GENERAL) -> None:
        log_problem(problem)
        self.problem_bar.show_problem(problem, topic)

    def clear_problems(self, topic: Topic) -> None:
        self.problem_bar.clear(topic)

    @Slot(object)
    def show_details(self, problem: object) -> None:
        assert isinstance(problem, Problem)
        dialog = DetailsDialog(problem, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_notice(self, problem: Problem) -> None:
        self.statusBar().showMessage(problem_text(problem), 10_000)

    def show_busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    def show_status(self, status: Status) -> None:
        self.status_line.show(status)

    def show_model(self, loaded: ModelLoaded | None) -> None:
        self.status_line.show_model(loaded)
        self.show_welcome_model(loaded)
        self.show_thinking_switches(loaded)
        self.engine_tab.show_detected(None if loaded is None else loaded.output_family)
        self.show_tools_support(loaded)
        self.update_title()
        self._refresh_models()
        settings = self.settings
        self.engine_tab.mark_loaded(None if loaded is None else settings)
        if loaded is None:
            self.show_remote_model(None)
            return
        template = self.status_line.template_text(loaded)
        self.engine_tab.model_info.setText(
            self.tr("File: %1\nContext: %2 tokens (trained for %3)\n%4\n%5")
            .replace("%1", loaded.model_path).replace("%2", number(loaded.n_ctx))
            .replace("%3", number(loaded.n_ctx_train) if loaded.n_ctx_train else "?")
            .replace("%4", template)
            .replace("%5", reason_text(loaded)))
        self.show_remote_model(loaded)  # a server's model: its facts, not a file's
        completion = loaded.mode == "completion"
        if completion != self.chat.message_format.completion:
            self.chat.set_completion(completion)
            self.chat.show_messages(self.session.messages)
        self.send_button.setText(self.tr("Continue") if completion else self.tr("Send"))
        self.system_prompt.setEnabled(not completion)
        self.composer.setPlaceholderText(
            self.tr("Write the beginning of a text; the model continues it") if completion
            else self.tr("Message the model (Enter to send, Shift+Enter for a new line)"))
        self.schedule_prompt_update()

    def show_inspection(self, inspection: PromptInspection) -> None:
        template = self.status_line.template_text(self.loaded) if self.loaded else ""
        self.inspector = PromptInspector(inspection, self, remote=self.remote_loaded(),
                                         record=self.inspected_record(), template=template)
        self.inspector.show()

    def show_tool_run(self, message: ChatMessage, index: int) -> None:
        if message.tool_run is not None:
            self.chat.update_tool_run(index, message.tool_run)

    def show_conversation_selected(self, conversation_id: int | None) -> None:
        self.sidebar.current = conversation_id
        self.sidebar.refresh()
        self._enable_conversation_actions()
        self.update_title()

    # --- conversation ----------------------------------------------------------------

    @Slot(str)
    def send(self, text: str) -> None:
        if self.controller.send(text, self.sampling.params()):
            self.composer.clear()  # the message is saved: the composer can let go of it

    @Slot()
    def stop(self) -> None:
        self.controller.stop()

    @Slot()
    def escape(self) -> None:
        """Esc ends what is in front: the tour, the find bar, else the reply."""
        if self.tour is not None and self.tour.running:
            self.tour.skip()
        elif self.find_bar.isVisible():
            self.find_bar.close()
        else:
            self.stop()

    @Slot()
    def find_in_conversation(self) -> None:
        self.chat_stack.setCurrentWidget(self.chat)
        self.find_bar.open()

    @Slot()
    def new_chat(self) -> None:
        self.controller.new_chat(self.engine_tab.policy())
        self.system_prompt.set_text(self.session.system_prompt)
        self.show_thinking()
        self.composer.setFocus()
        self.schedule_prompt_update()

    @Slot(int, int)
    def open_conversation(self, conversation_id: int, message_id: int = 0) -> None:
        if not self.controller.open_conversation(conversation_id, message_id):
            return
        self.system_prompt.set_text(self.session.system_prompt)
        self.engine_tab.show_policy(self.session.context_policy)
        self._show_sampling(conversation_id)
        self.show_thinking()
        ids = [m.id for m in self.session.messages]
        if message_id in ids:
            self.chat.scroll_to_message(ids.index(message_id))
            # Opened from a search: select the first word searched for in that message.
            for word in self.sidebar.search.text().split():
                if self.chat.find(word.strip('"*')):
                    break
        self.schedule_prompt_update()

    @Slot(str)
    def _on_system_prompt(self, text: str) -> None:
        self.controller.set_system_prompt(text)
        self.schedule_prompt_update()

    @Slot(str)
    def _make_default_system_prompt(self, text: str) -> None:
        self.controller.make_default_system_prompt(text)
        self.statusBar().showMessage(self.tr("New chats will start with this system prompt."),
                                     8000)

    # --- persistence -----------------------------------------------------------------

    def _save_settings(self, settings: Settings) -> None:
        try:
            save_settings(self.paths.settings_file, settings)
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Could not save settings: %1")
                                         .replace("%1", exc.strerror or str(exc)), 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.models_dialog is not None:
            self.models_dialog.shutdown()
            self.models_dialog.close()
        self.tasks.shutdown()
        self.close_learn()
        self.close_tools()
        self.close_server()
        self.downloads.close()
        self.controller.close()
        self._save_resume()
        self._save_geometry()
        self._save_settings(self.settings)
        self.notifier.close()
        self.bridge.shutdown()
        self.sidebar.stop()
        self.store.close()
        super().closeEvent(event)
