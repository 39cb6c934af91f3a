"""The main window: conversation, composer, side panels, model menu and status bar.

The window wires widgets to the chat session (``core.conversation.session``) and the engine
bridge; decisions about the conversation live in the session, not here.
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QMimeData, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QCursor,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from core.conversation.session import ChatSession
from core.conversation.store import ConversationStore, ReplyRecord
from core.conversation.system_prompts import SystemPromptLibrary
from core.conversation.types import Message
from core.engine.protocol import (
    EngineDied,
    EngineFailure,
    GenerationFinished,
    LoadModel,
    ModelLoaded,
    PromptInspection,
    ReadAheadDone,
)
from core.errors import ProsaError
from core.hub.downloads import DownloadManager, JobDone
from core.models.gguf import read_gguf_info
from core.models.library import BundledModel, Library, LibraryEntry, assemble, bundled_models
from core.paths import AppPaths
from core.sampling.params import SamplingParams
from core.settings import Settings, save_settings
from core.templates.fallbacks import FAMILY_LABELS
from core.templates.overrides import TemplateOverrides
from ui.about_dialog import AboutDialog
from ui.chat_view import ChatView
from ui.composer import Composer
from ui.downloads_view import DownloadEvents
from ui.engine_bridge import EngineBridge
from ui.error_texts import problem_text
from ui.model_picker import ModelPicker
from ui.models_dialog import ModelsDialog
from ui.prompt_inspector import PromptInspector
from ui.sampling_panel import SamplingPanel
from ui.sidebar import Sidebar
from ui.system_prompt import SystemPromptPanel
from ui.template_editor import TemplateEditor
from ui.token_view import AlternativesPopup, NBestDialog
from ui.workers import Background

#: Quiet time after the last keystroke before the engine reads the draft ahead: it
#: reads in the pauses of typing, not on every key.
READ_AHEAD_DELAY_MS = 300


class MainWindow(QMainWindow):
    #: A bundled split model was assembled (path) or failed (message), off the GUI thread.
    _prepared = Signal(str, str)

    def __init__(self, paths: AppPaths, settings: Settings, autoload: bool = True,
                 open_path: str | None = None) -> None:
        super().__init__()
        #: A model file given on the command line: loaded instead of the last one.
        self._open_path = open_path
        self.setObjectName("mainWindow")
        self.setWindowTitle("Prosa")
        self.paths = paths
        self.settings = settings
        self.store = ConversationStore(paths.data / "conversations.db")
        self.session = ChatSession(self.store, system_prompt=settings.system_prompt)
        self.loaded: ModelLoaded | None = None
        self._loading_path: str | None = None
        self._reply_tokens = 0
        self._inspect_id: int | None = None
        #: The last read-ahead request, and what it was for (to not send it twice).
        self._read_ahead_id: int | None = None
        self._read_ahead_key: str | None = None
        self._read_ahead_timer = QTimer(self)
        self._read_ahead_timer.setSingleShot(True)
        self._read_ahead_timer.setInterval(READ_AHEAD_DELAY_MS)
        self.alternatives_popup: AlternativesPopup | None = None
        self.inspector: PromptInspector | None = None
        self.template_editor: TemplateEditor | None = None
        self.overrides = TemplateOverrides(paths.config / "template_overrides.json")
        self.bridge = EngineBridge(self)
        self.prompts = SystemPromptLibrary(paths.system_prompts_file)
        self.library = Library(paths.models, paths.config / "library.json")
        self.library_paths: list[str] = []
        self.models_dialog: ModelsDialog | None = None
        self.download_events = DownloadEvents(self)
        self.downloads = DownloadManager(paths.models, settings.hub_endpoint, settings.hub_token,
                                         settings.offline, on_event=self.download_events.push)
        # Unfinished downloads of an earlier run come back paused (no network needed).
        self.downloads.restore()
        self.download_events.arrived.connect(self._on_download_event)
        self.setAcceptDrops(True)
        self._build()
        self._connect()
        self._restore_geometry()
        self._refresh_models()
        for notice in (settings.notice, self.prompts.notice, self.store.notice):
            if notice:
                self.chat.show_error(notice)
        self._background = Background(self, workers=1)
        if autoload:
            QTimer.singleShot(0, self.load_initial_model)
            # Downloaded and added models join the menu once their headers are read.
            QTimer.singleShot(200, self._scan_library)

    # --- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.new_chat_action = QAction(self.tr("New chat"), self)
        self.new_chat_action.setShortcut(QKeySequence.StandardKey.New)
        toolbar.addAction(self.new_chat_action)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr("Model:") + " "))
        self.model_picker = ModelPicker()
        toolbar.addWidget(self.model_picker)
        self.probabilities_action = QAction(self.tr("Token probabilities"), self)
        self.probabilities_action.setCheckable(True)
        self.probabilities_action.setToolTip(self.tr(
            "Colour replies by how likely the model found each token (green: sure, red: "
            "surprising); click a token to see the alternatives it weighed"))
        toolbar.addAction(self.probabilities_action)
        self.models_action = QAction(self.tr("Models…"), self)
        self.models_action.setToolTip(self.tr("Your models, and new ones from the Hugging "
                                              "Face Hub"))
        toolbar.addAction(self.models_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.about_action = QAction(self.tr("&About Prosa"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

        self.chat = ChatView()
        self.composer = Composer()
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))
        self.stop_button.setEnabled(False)
        self.inspect_button = QPushButton(self.tr("Inspect…"))
        self.inspect_button.setObjectName("inspectButton")
        self.inspect_button.setToolTip(self.tr("Show the exact prompt and tokens the model "
                                               "would read if you sent this message"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.inspect_button)
        buttons.addStretch(1)
        composer_row = QHBoxLayout()
        composer_row.addWidget(self.composer, 1)
        composer_row.addLayout(buttons)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addWidget(self.chat, 1)
        left_layout.addLayout(composer_row)

        self.system_prompt = SystemPromptPanel(self.prompts)
        self.system_prompt.set_text(self.session.system_prompt)
        self.sampling = SamplingPanel()
        self.sampling.set_params(self.settings.sampling)
        self.side = QTabWidget()
        self.side.setObjectName("sidePanel")
        self.side.addTab(self.system_prompt, self.tr("System prompt"))
        self.side.addTab(self.sampling, self.tr("Sampling"))
        self.side.addTab(self._engine_tab(), self.tr("Engine"))

        self.sidebar = Sidebar(self.store)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([220, 620, 400])
        self.setCentralWidget(self.splitter)

        bar = self.statusBar()
        self.model_label = QLabel(self.tr("No model"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.speed_label = QLabel()
        self.ttft_label = QLabel()
        self.context_label = QLabel()
        self.template_button = QPushButton()
        self.template_button.setObjectName("templateButton")
        self.template_button.setFlat(True)
        self.template_button.setToolTip(self.tr("The chat template in use; click to edit it"))
        self.template_button.setVisible(False)
        bar.addWidget(self.model_label, 1)
        bar.addPermanentWidget(self.template_button)
        bar.addPermanentWidget(self.progress)
        for label in (self.speed_label, self.ttft_label, self.context_label):
            label.setMinimumWidth(90)
            bar.addPermanentWidget(label)
        self.resize(1100, 720)

    def _engine_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        # Labels above their fields: the side panel stays narrow whatever the language.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.ctx_spin = QSpinBox()
        self.ctx_spin.setObjectName("contextLength")
        self.ctx_spin.setRange(256, 1_048_576)
        self.ctx_spin.setSingleStep(1024)
        self.ctx_spin.setValue(self.settings.n_ctx)
        self.ctx_spin.setToolTip(self.tr("How many tokens the model can see at once: the "
                                         "conversation so far plus the reply. More uses "
                                         "more memory."))
        self.gpu_spin = QSpinBox()
        self.gpu_spin.setObjectName("gpuLayers")
        self.gpu_spin.setRange(-1, 1000)
        self.gpu_spin.setSpecialValueText(self.tr("all"))
        self.gpu_spin.setValue(self.settings.n_gpu_layers)
        self.gpu_spin.setToolTip(self.tr("Layers to run on the GPU (needs a GPU build of "
                                         "llama.cpp). 0 runs on the CPU only."))
        self.threads_spin = QSpinBox()
        self.threads_spin.setObjectName("threads")
        self.threads_spin.setRange(0, 256)
        self.threads_spin.setSpecialValueText(self.tr("automatic"))
        self.threads_spin.setValue(self.settings.n_threads or 0)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("modeCombo")
        self.mode_combo.addItem(self.tr("Automatic"), None)
        self.mode_combo.addItem(self.tr("Chat"), "chat")
        self.mode_combo.addItem(self.tr("Completion"), "completion")
        self.mode_combo.setToolTip(self.tr(
            "Chat formats the conversation with a chat template (instruction-tuned models). "
            "Completion gives your text to the model as it is, and the model continues it "
            "(base models). Automatic decides from the model."))
        self.policy_combo = QComboBox()
        self.policy_combo.setObjectName("contextPolicy")
        self.policy_combo.addItem(self.tr("Stop and say so"), "stop")
        self.policy_combo.addItem(self.tr("Drop the oldest messages"), "drop_oldest")
        self.policy_combo.addItem(self.tr("Keep the first exchange, drop the middle"),
                                  "drop_middle")
        for combo in (self.mode_combo, self.policy_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.read_ahead_check = QCheckBox(self.tr("Read ahead while I type"))
        self.read_ahead_check.setObjectName("readAhead")
        self.read_ahead_check.setChecked(self.settings.read_ahead)
        self.read_ahead_check.setToolTip(self.tr(
            "While you type, the model already reads the conversation and your draft, so "
            "its reply starts sooner, however long the conversation. It uses the processor "
            "while you type."))
        self.policy_combo.setToolTip(self.tr(
            "What this conversation does when it no longer fits the model's context. "
            "The system prompt and your last message are always kept; messages left out "
            "are marked in the conversation."))
        self.edit_template_button = QPushButton(self.tr("Edit chat template…"))
        self.edit_template_button.setObjectName("editTemplateButton")
        self.reload_button = QPushButton(self.tr("Reload model with these settings"))
        self.model_info = QLabel()
        self.model_info.setObjectName("modelInfo")
        self.model_info.setWordWrap(True)
        self.model_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Context length"), self.ctx_spin)
        form.addRow(self.tr("GPU layers"), self.gpu_spin)
        form.addRow(self.tr("CPU threads"), self.threads_spin)
        form.addRow(self.tr("Mode"), self.mode_combo)
        form.addRow(self.tr("When the conversation is too long"), self.policy_combo)
        form.addRow(self.read_ahead_check)
        form.addRow(self.edit_template_button)
        form.addRow(self.reload_button)
        form.addRow(self.model_info)
        return tab

    def _connect(self) -> None:
        self.composer.submitted.connect(self.send)
        self.send_button.clicked.connect(self.composer.submit)
        self.stop_button.clicked.connect(self.stop)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.stop)
        self.new_chat_action.triggered.connect(self.new_chat)
        self.models_action.triggered.connect(self.show_models)
        self.about_action.triggered.connect(self.show_about)
        self.model_picker.chosen.connect(self._on_model_chosen)
        self.system_prompt.changed.connect(self._on_system_prompt)
        self.sampling.changed.connect(self._on_sampling)
        self.reload_button.clicked.connect(self._reload_model)
        self.inspect_button.clicked.connect(self.inspect_draft)
        self.chat.inspectRequested.connect(self.inspect_message)
        self.chat.actionRequested.connect(self._on_message_action)
        self.chat.tokenClicked.connect(self.show_alternatives)
        self.probabilities_action.toggled.connect(self.set_show_probabilities)
        self.sidebar.openRequested.connect(self.open_conversation)
        self.sidebar.newRequested.connect(self.new_chat)
        self.sidebar.deleted.connect(self._on_conversation_deleted)
        self.sidebar.exportRequested.connect(self.export_conversation)
        self.sidebar.importRequested.connect(self.import_conversation)
        self.mode_combo.activated.connect(self._on_mode)
        self.policy_combo.activated.connect(self._on_policy)
        self.template_button.clicked.connect(self.edit_template)
        self.edit_template_button.clicked.connect(self.edit_template)
        self.bridge.inspected.connect(self._on_inspected)
        self.bridge.readAhead.connect(self._on_read_ahead)
        self.composer.textChanged.connect(self.schedule_read_ahead)
        self._read_ahead_timer.timeout.connect(self.read_ahead)
        self.read_ahead_check.toggled.connect(self._on_read_ahead_toggled)
        self.bridge.loadProgress.connect(self._on_load_progress)
        self.bridge.modelLoaded.connect(self._on_loaded)
        self.bridge.tokens.connect(self._on_tokens)
        self.bridge.finished.connect(self._on_finished)
        self.bridge.failed.connect(self._on_failed)
        self.bridge.died.connect(self._on_died)
        self._prepared.connect(self._on_prepared)

    # --- models ----------------------------------------------------------------------

    def _refresh_models(self) -> None:
        self.bundled = bundled_models()
        self.model_picker.populate(self.bundled, self.paths.models,
                                   list(self.settings.recent_models), self._loading_path,
                                   self.library_paths)

    @Slot()
    def _scan_library(self) -> None:
        self._background.run(self.library.scan, self._on_library_scanned)

    @Slot(object)
    def _on_library_scanned(self, entries: object) -> None:
        assert isinstance(entries, list)
        self.library_paths = [str(e.path) for e in entries
                              if isinstance(e, LibraryEntry) and e.info is not None
                              and e.origin != "bundled"]
        self._refresh_models()

    @Slot()
    def show_models(self, tab: int = 0) -> ModelsDialog:
        if self.models_dialog is None:
            self.models_dialog = ModelsDialog(self.library, self.settings, self.downloads,
                                              self.download_events, self)
            self.models_dialog.library_view.loadRequested.connect(self._load_from_library)
            self.models_dialog.library_view.scanned.connect(self._on_library_scanned)
            self.models_dialog.downloads_view.loadRequested.connect(self._load_from_library)
            self.models_dialog.settingsChanged.connect(self._on_hub_settings)
        self.models_dialog.show_tab(tab)
        self.models_dialog.show()
        self.models_dialog.raise_()
        return self.models_dialog

    @Slot()
    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.paths, self.loaded.backend if self.loaded else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot(str)
    def _load_from_library(self, path: str) -> None:
        bundled = next((m for m in self.bundled
                        if str(m.path_in(self.paths.models)) == path), None)
        self._on_model_chosen(bundled if bundled is not None else path)

    @Slot(object)
    def _on_download_event(self, event: object) -> None:
        if isinstance(event, JobDone):
            self._scan_library()

    @Slot(object)
    def _on_hub_settings(self, settings: object) -> None:
        assert isinstance(settings, Settings)
        self.settings = replace(self.settings, hub_endpoint=settings.hub_endpoint,
                                hub_token=settings.hub_token, offline=settings.offline)
        self._save_settings()

    # --- drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_models(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_models(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        self.add_and_load(paths)

    def add_and_load(self, paths: list[str]) -> None:
        """Add dropped files or folders to the library (in place) and load the first
        model file."""
        for path in paths:
            try:
                self.library.add(path)
            except (ProsaError, OSError) as exc:
                self.chat.show_error(str(exc))
        first = next((p for p in paths if p.lower().endswith(".gguf")), None)
        if first is not None:
            self.load_model(first)
        if self.models_dialog is not None:
            self.models_dialog.library_view.refresh()

    def open_model_file(self, path: str) -> None:
        """Load a model file given from outside (the command line, a double-click on a
        ``.gguf``).  Its header is checked off the GUI thread first, so a missing or
        damaged file gets a clear message and the usual model loads instead."""
        self._background.run(lambda: read_gguf_info(path),
                             lambda _info: self.add_and_load([path]),
                             lambda message: self._on_open_failed(path, message))

    def _on_open_failed(self, path: str, message: str) -> None:
        self.chat.show_error(self.tr("Prosa could not open %1: %2")
                             .replace("%1", path).replace("%2", message))
        if self.loaded is None and self._loading_path is None:
            self.load_initial_model()

    @Slot()
    def load_initial_model(self) -> None:
        """Load the model given on the command line, else the last model used, else the
        starter model; never one that crashed."""
        if self._open_path:
            path, self._open_path = self._open_path, None
            self.open_model_file(path)
            return
        last = self.settings.last_model
        if last and last != self.settings.crashed_model and Path(last).is_file():
            self.load_model(last)
        elif self.bundled:
            self._on_model_chosen(self.bundled[0])
        else:
            self.chat.show_error(self.tr("No model found. Choose “Open GGUF file…” in the "
                                         "model menu."))
        if self.settings.crashed_model and last == self.settings.crashed_model:
            self.chat.show_error(self.tr("The model %1 crashed the engine last time, so it "
                                         "was not loaded automatically.")
                                 .replace("%1", Path(last).name))

    @Slot(object)
    def _on_model_chosen(self, choice: object) -> None:
        if isinstance(choice, BundledModel) and not choice.is_ready(self.paths.models):
            self._show_loading(choice.file_name, self.tr("Preparing %1…"))
            threading.Thread(target=self._prepare, args=(choice,), daemon=True,
                             name="prosa-prepare-model").start()
        elif isinstance(choice, BundledModel):
            self.load_model(str(choice.path_in(self.paths.models)))
        elif isinstance(choice, str):
            self.load_model(choice)

    def _prepare(self, model: BundledModel) -> None:
        try:
            self._prepared.emit(str(assemble(model, self.paths.models)), "")
        except ProsaError as exc:
            self._prepared.emit("", exc.message)

    @Slot(str, str)
    def _on_prepared(self, path: str, error: str) -> None:
        if error:
            self.progress.setVisible(False)
            self.chat.show_error(error)
        else:
            self.load_model(path)

    def load_model(self, path: str) -> None:
        if self.session.streaming is not None:
            self.bridge.cancel()
        self._loading_path = path
        self.loaded = None
        self._show_loading(Path(path).name, self.tr("Loading %1…"))
        self.model_picker.set_current(path)
        self.bridge.load(LoadModel(
            model_path=path, n_ctx=self.ctx_spin.value(), n_gpu_layers=self.gpu_spin.value(),
            n_threads=self.threads_spin.value() or None,
            template_override=self._override_for(path),
            force_mode=self.mode_combo.currentData()))

    def _show_loading(self, name: str, template: str) -> None:
        self.model_label.setText(template.replace("%1", name))
        self.progress.setValue(0)
        self.progress.setVisible(True)

    @Slot()
    def _reload_model(self) -> None:
        self.settings = replace(self.settings, n_ctx=self.ctx_spin.value(),
                                n_gpu_layers=self.gpu_spin.value(),
                                n_threads=self.threads_spin.value() or None)
        path = self.loaded.model_path if self.loaded else self._loading_path
        if path:
            self.load_model(path)

    @Slot(float)
    def _on_load_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))

    @Slot(object)
    def _on_loaded(self, event: ModelLoaded) -> None:
        self.loaded = event
        self.progress.setVisible(False)
        self.model_label.setText(event.model_name)
        self.model_label.setToolTip(event.model_path)
        template = self._template_text(event)
        self.template_button.setText(template)
        self.template_button.setToolTip(event.template_reason)
        self.template_button.setVisible(True)
        self.model_info.setText(
            self.tr("File: %1\nContext: %2 tokens (trained for %3)\n%4\n%5")
            .replace("%1", event.model_path).replace("%2", str(event.n_ctx))
            .replace("%3", str(event.n_ctx_train or "?")).replace("%4", template)
            .replace("%5", event.template_reason))
        completion = event.mode == "completion"
        self.system_prompt.setEnabled(not completion)
        self.composer.setPlaceholderText(
            self.tr("Write the beginning of a text; the model continues it") if completion
            else self.tr("Message the model (Enter to send, Shift+Enter for a new line)"))
        self.settings = replace(self.settings.with_recent(event.model_path), crashed_model=None
                                if self.settings.crashed_model == event.model_path
                                else self.settings.crashed_model)
        self._save_settings()
        self._refresh_models()
        self._update_context(0)
        self._forget_read_ahead()
        self.schedule_read_ahead()

    # --- prompt inspector and templates --------------------------------------------

    @Slot()
    def inspect_draft(self) -> None:
        """The prompt the model would read if the composer's text were sent now."""
        self._inspect(self.session.request_messages(draft=self.composer.toPlainText()))

    @Slot(int)
    def inspect_message(self, index: int) -> None:
        self._inspect(self.session.prompt_for(index))

    def _inspect(self, messages: list[Message]) -> None:
        try:
            self._inspect_id = self.bridge.inspect(messages)
        except ProsaError as exc:
            self.chat.show_error(exc.message)

    @Slot(object)
    def _on_inspected(self, event: PromptInspection) -> None:
        if event.request_id != self._inspect_id:
            return
        self._inspect_id = None
        self.inspector = PromptInspector(event, self)
        self.inspector.show()

    @Slot(int)
    def _on_mode(self, index: int) -> None:
        mode = self.mode_combo.itemData(index)
        if self._loading_path is None:
            return
        self.bridge.set_template(self._override_for(self._loading_path), mode)

    @Slot(int)
    def _on_policy(self, index: int) -> None:
        try:
            self.session.set_context_policy(self.policy_combo.itemData(index))
        except ProsaError as exc:
            self.chat.show_error(exc.message)
        self.schedule_read_ahead()

    def _show_sampling(self, conversation_id: int) -> None:
        """Show the settings this conversation was last used with."""
        stored = self.store.conversation(conversation_id).sampling
        if stored:
            # Settings from a newer or damaged file: keep what the panel shows.
            with contextlib.suppress(ProsaError):
                self.sampling.set_params(SamplingParams.from_dict(stored))

    def _show_policy(self) -> None:
        self.policy_combo.setCurrentIndex(
            max(0, self.policy_combo.findData(self.session.context_policy)))

    def _override_for(self, path: str) -> str | None:
        return self.overrides.get(path)

    @Slot()
    def edit_template(self) -> None:
        if self.loaded is None:
            self.chat.show_error(self.tr("Load a model first."))
            return
        editor = TemplateEditor(self.loaded, self.overrides.get(self.loaded.model_path), self)
        editor.saved.connect(self._on_template_saved)
        self.template_editor = editor
        editor.show()

    @Slot(object)
    def _on_template_saved(self, source: object) -> None:
        if self.loaded is None:
            return
        path = self.loaded.model_path
        try:
            if isinstance(source, str):
                self.overrides.set(path, source)
            else:
                self.overrides.clear(path)
        except (ProsaError, OSError) as exc:
            self.chat.show_error(str(exc))
            return
        self.bridge.set_template(self.overrides.get(path), self.mode_combo.currentData())

    # --- reading ahead ---------------------------------------------------------------

    @Slot()
    def schedule_read_ahead(self) -> None:
        """Read ahead once typing pauses (the timer restarts with every keystroke)."""
        if self.settings.read_ahead:
            self._read_ahead_timer.start()

    @Slot()
    def read_ahead(self) -> None:
        """Let the idle engine evaluate the conversation and the draft as they stand, so
        the reply to the message being typed starts at once (see ``ReadAhead``)."""
        self._read_ahead_timer.stop()
        if not self.settings.read_ahead or self.loaded is None \
                or self.session.streaming is not None:
            return
        params = self.sampling.params()
        try:
            params.validated()
        except ProsaError:
            return  # the panel already explains the settings; sending will too
        draft = self.composer.toPlainText()
        messages = self.session.request_messages(upto=len(self.session.messages), draft=draft)
        key = json.dumps([messages, self.session.context_policy, params.max_tokens],
                         sort_keys=True, default=str)
        if key == self._read_ahead_key:
            return
        request_id = self.bridge.read_ahead(messages, params, self.session.context_policy)
        if request_id is not None:
            self._read_ahead_id, self._read_ahead_key = request_id, key

    def _forget_read_ahead(self) -> None:
        """The engine's cache changed (a reply, another model): read again next time."""
        self._read_ahead_key = None
        self._read_ahead_id = None

    @Slot(object)
    def _on_read_ahead(self, event: ReadAheadDone) -> None:
        if event.request_id != self._read_ahead_id or event.error or self.loaded is None:
            return
        self._update_context(event.prompt_tokens)
        self.context_label.setToolTip(self.tr(
            "Tokens this conversation would use with your draft, out of the model's "
            "context. %1 of them are already read, so the reply will start sooner.")
            .replace("%1", str(event.ready_tokens)))

    @Slot(bool)
    def _on_read_ahead_toggled(self, on: bool) -> None:
        self.settings = replace(self.settings, read_ahead=on)
        self._forget_read_ahead()
        if on:
            self.schedule_read_ahead()

    # --- conversation ----------------------------------------------------------------

    @Slot(str)
    def send(self, text: str) -> None:
        if self.session.streaming is not None:
            return
        if self._loading_path is None:
            self.chat.show_error(self.tr("Pick a model first."))
            return
        params = self.sampling.params()
        try:
            params.validated()
            message = self.session.add_user(text, params, self._loading_path)
        except ProsaError as exc:
            self.chat.show_error(exc.message)
            return
        # The message is saved: the composer can let go of it.
        self.composer.clear()
        self.chat.add_message(message, len(self.session.messages) - 1)
        self.sidebar.current = self.session.conversation_id
        self._start_reply(params)

    def _start_reply(self, params: SamplingParams, reply_prefix: tuple[int, ...] = ()) -> None:
        """Ask the engine for a reply to the shown path, saved as it grows."""
        try:
            request_id = self.bridge.generate(self.session.request_messages(), params,
                                              reply_prefix, self.session.context_policy)
        except ProsaError as exc:
            self.chat.show_error(exc.message)
            return
        self._forget_read_ahead()
        self.session.begin_reply(request_id, self._record(params))
        self.chat.begin_reply(len(self.session.messages) - 1)
        self._reply_tokens = 0
        self._set_busy(True)
        self.sidebar.refresh()

    def _record(self, params: SamplingParams) -> ReplyRecord:
        loaded = self.loaded
        return ReplyRecord(
            model_file=Path(loaded.model_path if loaded else self._loading_path or "").name,
            template_source=loaded.template_source if loaded else "",
            template_sha256=loaded.template_sha256 if loaded else "",
            strategy=params.strategy,
            sampling=params.to_dict(),
            seed=params.seed if params.seed >= 0 else None)

    # --- history: branches, conversations, export -----------------------------------

    @Slot(str, int)
    def _on_message_action(self, action: str, index: int) -> None:
        if self.session.streaming is not None or index >= len(self.session.messages):
            return
        try:
            if action in ("prev", "next"):
                self.session.switch(index, -1 if action == "prev" else 1)
                self.chat.show_messages(self.session.messages)
                self.chat.scroll_to_message(index)
            elif action == "edit":
                self.edit_message(index)
            elif action == "regenerate":
                self.regenerate(index)
            elif action == "replay":
                self.replay(index)
            elif action == "nbest":
                self.show_candidates(index)
        except ProsaError as exc:
            self.chat.show_error(exc.message)

    def edit_message(self, index: int, text: str | None = None) -> None:
        """Edit a message of yours: a new branch from there, answered anew."""
        if text is None:
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("Edit message"),
                self.tr("Your message (the original stays, as another branch):"),
                self.session.messages[index].content)
            if not ok:
                return
        self.session.edit_user(index, text)
        self.chat.show_messages(self.session.messages)
        self._start_reply(self.sampling.params())

    @Slot(bool)
    def set_show_probabilities(self, on: bool) -> None:
        self.chat.show_probabilities = on
        self.chat.show_messages(self.session.messages)

    @Slot(int, int)
    def show_alternatives(self, index: int, token: int) -> None:
        message = self.session.messages[index] if index < len(self.session.messages) else None
        if message is None or not 0 <= token < len(message.logprobs):
            return
        popup = AlternativesPopup(message.logprobs[token], self)
        popup.chosen.connect(lambda alt: self.branch_from(index, token, alt))
        self.alternatives_popup = popup
        popup.show_at(QCursor.pos())

    def branch_from(self, index: int, token: int, alternative: int) -> None:
        """Regenerate the reply from one of its tokens on, with another token there: a
        new branch beside the original."""
        if self.session.streaming is not None:
            return
        try:
            prefix = self.session.token_prefix(index, token, alternative)
            self.session.prepare_regenerate(index)
        except ProsaError as exc:
            self.chat.show_error(exc.message)
            return
        self.chat.show_messages(self.session.messages)
        self._start_reply(self.sampling.params(), prefix)

    def show_candidates(self, index: int) -> None:
        message = self.session.messages[index]
        dialog = NBestDialog(message.candidates, message.content, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selected() is not None:
            chosen = dialog.selected()
            assert chosen is not None
            self.session.keep_candidate(index, chosen)
            self.chat.show_messages(self.session.messages)

    def regenerate(self, index: int, params: SamplingParams | None = None) -> None:
        """Answer again: a new reply beside the old one (kept, reachable with ‹ ›)."""
        self.session.prepare_regenerate(index)
        self.chat.show_messages(self.session.messages)
        self._start_reply(params or self.sampling.params())

    def replay(self, index: int) -> None:
        """Run a reply again with exactly the settings and seed that produced it."""
        record = self.session.messages[index].record
        if record is None or record.sampling is None:
            return
        params = SamplingParams.from_dict(record.sampling)
        seed = record.seed if record.seed is not None else params.seed
        params = replace(params, seed=seed if seed is not None else params.seed)
        current = Path(self.loaded.model_path).name if self.loaded else ""
        if record.model_file and record.model_file != current:
            self.chat.show_error(self.tr("This reply was made by %1; the model loaded now is "
                                         "%2, so the replay may differ.")
                                 .replace("%1", record.model_file).replace("%2", current))
        self.regenerate(index, params)

    def _leave_conversation(self) -> None:
        """Stop a reply in progress and save what it has, before showing another chat."""
        streaming = self.session.streaming
        if streaming is not None:
            self.bridge.cancel()
            self.session.fail(streaming.request_id, None, interrupted=True)
        self.session.save_partial()

    @Slot(int, int)
    def open_conversation(self, conversation_id: int, message_id: int = 0) -> None:
        self._leave_conversation()
        try:
            if message_id:
                self.store.select(message_id)
            self.session = ChatSession.open(self.store, conversation_id)
        except ProsaError as exc:
            self.chat.show_error(exc.message)
            return
        self.sidebar.current = conversation_id
        self.system_prompt.set_text(self.session.system_prompt)
        self._show_policy()
        self._show_sampling(conversation_id)
        self.chat.show_messages(self.session.messages)
        self._set_busy(False)
        ids = [m.id for m in self.session.messages]
        if message_id in ids:
            self.chat.scroll_to_message(ids.index(message_id))
        self.schedule_read_ahead()

    @Slot(int)
    def _on_conversation_deleted(self, conversation_id: int) -> None:
        if self.session.conversation_id == conversation_id:
            self.new_chat()

    @Slot(int, str)
    def export_conversation(self, conversation_id: int, kind: str) -> None:
        title = self.store.conversation(conversation_id).title or "conversation"
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in title)[:60]
        suffix, pattern = ((".md", self.tr("Markdown (*.md)")) if kind == "md"
                           else (".json", self.tr("JSON (*.json)")))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export conversation"),
                                              str(Path.home() / (safe + suffix)), pattern)
        if not path:
            return
        try:
            if kind == "md":
                text = self.store.export_markdown(conversation_id)
            else:
                text = json.dumps(self.store.export_json(conversation_id), ensure_ascii=False,
                                  indent=2)
            Path(path).write_text(text, encoding="utf-8")
        except (ProsaError, OSError) as exc:
            self.chat.show_error(self.tr("Could not export: %1").replace("%1", str(exc)))

    @Slot()
    def import_conversation(self, path: str = "") -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import a conversation"), str(Path.home()),
                self.tr("JSON (*.json);;All files (*)"))
        if not path:
            return
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            conversation_id = self.store.import_json(data)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.chat.show_error(self.tr("Could not read %1: %2").replace("%1", Path(path).name)
                                 .replace("%2", str(exc)))
            return
        except ProsaError as exc:
            self.chat.show_error(exc.message)
            return
        self.sidebar.refresh()
        self.open_conversation(conversation_id)

    @Slot()
    def stop(self) -> None:
        if self.session.streaming is not None:
            self.bridge.cancel()

    @Slot()
    def new_chat(self) -> None:
        self._leave_conversation()
        self.session = ChatSession(self.store, system_prompt=self.settings.system_prompt,
                                   context_policy=self.policy_combo.currentData() or "stop")
        self.system_prompt.set_text(self.session.system_prompt)
        self.sidebar.current = None
        self.sidebar.refresh()
        self.chat.show_messages([])
        self._set_busy(False)
        self._update_context(0)
        self.composer.setFocus()
        self.schedule_read_ahead()

    def _set_busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    @Slot(int, str, int, object)
    def _on_tokens(self, request_id: int, text: str, count: int, logprobs: object) -> None:
        assert isinstance(logprobs, tuple)
        if self.session.append(request_id, text, logprobs) is not None:
            self.chat.append_reply(text)
            self._reply_tokens += count
            self.speed_label.setText(self.tr("%1 tokens…").replace("%1", str(self._reply_tokens)))

    @Slot(object)
    def _on_finished(self, event: GenerationFinished) -> None:
        had_dropped = any(m.dropped for m in self.session.messages)
        message = self.session.finish(event)
        if message is None:
            return
        if event.dropped or had_dropped:
            # Earlier messages changed: mark (or unmark) those the model no longer saw.
            self.chat.show_messages(self.session.messages)
            if event.dropped:
                self.statusBar().showMessage(self.tr(
                    "%1 older messages were left out to fit the context.")
                    .replace("%1", str(len(event.dropped))), 10_000)
        else:
            self.chat.finish_reply(message)
        self._set_busy(False)
        stats = event.stats
        self.speed_label.setText(self.tr("%1 tok/s").replace("%1", f"{stats.tokens_per_s:.1f}"))
        self.ttft_label.setText(self.tr("first token %1 ms").replace("%1", f"{stats.ttft_ms:.0f}"))
        self._update_context(stats.prompt_tokens + stats.completion_tokens)
        self.schedule_read_ahead()

    @Slot(object)
    def _on_failed(self, event: EngineFailure) -> None:
        if event.request_id is not None and event.request_id == self._inspect_id:
            self._inspect_id = None
            self.chat.show_error(self.tr("The prompt could not be built: %1")
                                 .replace("%1", problem_text(event.problem)))
            return
        if event.request_id is not None:
            message = self.session.fail(event.request_id, event.problem, interrupted=False)
            if message is not None:
                self.chat.finish_reply(message)
                self._set_busy(False)
            else:
                self.chat.show_error(problem_text(event.problem))
            return
        # A failure outside a reply: the model could not be loaded.
        self.progress.setVisible(False)
        self.model_label.setText(self.tr("No model"))
        self.loaded = None
        self.chat.show_error(self.tr("The model could not be loaded: %1")
                             .replace("%1", problem_text(event.problem)))
        failed = self._loading_path
        self.bridge.client.forget_model()
        self._loading_path = None
        if failed:
            self.settings = replace(
                self.settings, recent_models=tuple(p for p in self.settings.recent_models
                                                   if p != failed))
        self._refresh_models()

    @Slot(object)
    def _on_died(self, event: EngineDied) -> None:
        self._forget_read_ahead()
        message = self.session.fail(event.request_id, event.problem, interrupted=True)
        if message is not None:
            self.chat.finish_reply(message)
        else:
            self.chat.show_error(problem_text(event.problem))
        self._set_busy(False)
        if event.during_load and self._loading_path:
            self.settings = replace(self.settings, crashed_model=self._loading_path)
            self._save_settings()
            self.bridge.client.forget_model()
            self.progress.setVisible(False)
            self.model_label.setText(self.tr("No model"))
            self._loading_path = None
        elif self.loaded is not None:
            self.model_label.setText(self.tr("%1 (engine restarts with the next message)")
                                     .replace("%1", self.loaded.model_name))

    def _template_text(self, event: ModelLoaded) -> str:
        if event.mode == "completion":
            return self.tr("Completion mode")
        labels = {
            "model": self.tr("Template: the model's own"),
            "model-variant": self.tr("Template: the model's tool-use variant"),
            "override": self.tr("Template: your override"),
            "fallback": self.tr("Template: built-in %1").replace(
                "%1", FAMILY_LABELS.get(event.template_family or "", event.template_label)),
        }
        return labels.get(event.template_source, event.template_label)

    def _update_context(self, used: int) -> None:
        self.context_label.setToolTip("")
        total = self.loaded.n_ctx if self.loaded else 0
        self.context_label.setText(self.tr("context %1 / %2").replace("%1", str(used))
                                   .replace("%2", str(total)) if total else "")

    @Slot(str)
    def _on_system_prompt(self, text: str) -> None:
        try:
            self.session.set_system_prompt(text)
        except ProsaError as exc:
            self.chat.show_error(exc.message)
        self.settings = replace(self.settings, system_prompt=text)
        self.schedule_read_ahead()

    @Slot(object)
    def _on_sampling(self, params: SamplingParams) -> None:
        """The panel's settings belong to the conversation shown; the latest ones are
        also the app's default for new conversations."""
        self.settings = replace(self.settings, sampling=params)
        if self.session.conversation_id is not None:
            try:
                self.store.update_settings(self.session.conversation_id, sampling=params)
            except ProsaError as exc:
                self.chat.show_error(exc.message)

    # --- persistence -----------------------------------------------------------------

    def _qsettings(self) -> QSettings:
        return QSettings(str(self.paths.config / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        store = self._qsettings()
        geometry = store.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = store.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _save_settings(self) -> None:
        try:
            save_settings(self.paths.settings_file, self.settings)
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Could not save settings: %1")
                                         .replace("%1", str(exc)), 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.models_dialog is not None:
            self.models_dialog.shutdown()
            self.models_dialog.close()
        self._background.shutdown()
        self.downloads.close()
        if self.session.streaming is not None:
            self.bridge.cancel()
        self.session.save_partial()
        store = self._qsettings()
        store.setValue("geometry", self.saveGeometry())
        store.setValue("splitter", self.splitter.saveState())
        store.sync()
        self._save_settings()
        self.bridge.shutdown()
        self.store.close()
        super().closeEvent(event)


def _dropped_models(mime: QMimeData) -> list[str]:
    """Local .gguf files and folders among dropped URLs."""
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.lower().endswith(".gguf") or Path(p).is_dir()]
