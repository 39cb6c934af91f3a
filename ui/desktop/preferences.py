"""The Preferences dialog: what is app-wide, in one place.

Per-conversation choices (system prompt, sampling, context policy) stay in the side
panel beside the chat, where their effect is seen; this dialog gathers what belongs to
the app: language and theme, notifications, the Hub (address, token, offline), the
folders Prosa keeps things in, and the engine's defaults.  It edits a copy of the
settings and hands the result back (:meth:`PreferencesDialog.chosen`); the window
applies it, so cancelling changes nothing.  Values are checked with the settings' own
rules before the dialog closes, and a wrong one is named next to its field.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.about.version import folders
from core.paths import AppPaths
from core.settings import CTX_RANGE, SNAPSHOT_MB_RANGE, LanguageChoice, Settings, ThemeChoice
from ui.error_texts import problem_text
from ui.icons import Icon, set_icon
from ui.remote.servers_page import page_for


class PreferencesDialog(QDialog):
    """App-wide preferences; :attr:`applied` carries the new settings (Apply or OK)."""

    #: The settings as the dialog says (emitted on Apply and on OK).
    applied = Signal(object)

    def __init__(self, settings: Settings, paths: AppPaths, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings
        self.paths = paths
        self.tabs = QTabWidget()
        self.tabs.setObjectName("preferencesTabs")
        self.tabs.addTab(self._general_page(), self.tr("General"))
        self.tabs.addTab(self._hub_page(), self.tr("Hugging Face Hub"))
        self.tabs.addTab(self._folders_page(), self.tr("Folders"))
        self.tabs.addTab(self._engine_page(), self.tr("Engine"))
        remote = page_for(parent)  # the window's remote servers (ui.remote)
        if remote is not None:
            self.tabs.addTab(remote, self.tr("Remote servers"))
        self.problem = QLabel()
        self.problem.setObjectName("preferencesProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Apply
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self._apply)
        for which, tip in ((QDialogButtonBox.StandardButton.Ok,
                            self.tr("Use these preferences and close")),
                           (QDialogButtonBox.StandardButton.Apply,
                            self.tr("Use these preferences and keep this window open")),
                           (QDialogButtonBox.StandardButton.Cancel,
                            self.tr("Close without changing anything"))):
            buttons.button(which).setToolTip(tip)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 44,
                    self.sizeHint().height())

    def fit_tabs(self) -> None:
        """Wide enough for every tab's name: pages join after the dialog is built (the
        remote servers', the API server's); called as it shows, and by whoever adds a
        page to it later."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        needed = (self.tabs.tabBar().sizeHint().width() + margins.left() + margins.right()
                  + self.fontMetrics().horizontalAdvance("M") * 2)
        if self.width() < needed:
            self.resize(needed, self.height())

    def showEvent(self, event: QShowEvent) -> None:
        self.fit_tabs()
        super().showEvent(event)

    # --- pages -------------------------------------------------------------------------

    def _general_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for choice, text in ((LanguageChoice.SYSTEM, self.tr("The system's language")),
                             (LanguageChoice.ENGLISH, "English"),
                             (LanguageChoice.PORTUGUESE_BR, "Português (Brasil)")):
            self.language.addItem(text, choice)
        self.language.setCurrentIndex(self.language.findData(self.settings.language))
        self.language.setToolTip(self.tr("The language of Prosa's window; used from the "
                                         "next start"))
        self.language_note = QLabel(self.tr("Prosa speaks the new language from its next "
                                            "start."))
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_note.setVisible(
                self.language.currentData() != self.settings.language))
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for theme, text in ((ThemeChoice.SYSTEM, self.tr("Follow the system")),
                            (ThemeChoice.LIGHT, self.tr("Light")),
                            (ThemeChoice.DARK, self.tr("Dark"))):
            self.theme.addItem(text, theme)
        self.theme.setCurrentIndex(self.theme.findData(self.settings.theme))
        self.theme.setToolTip(self.tr("Light or dark colours, or whatever the desktop uses"))
        self.notifications = QCheckBox(self.tr("Tell me when a download or a long reply "
                                               "ends while Prosa is in the background"))
        self.notifications.setObjectName("notifications")
        self.notifications.setChecked(self.settings.notifications)
        self.notifications.setToolTip(self.tr("A desktop notification, through the system "
                                              "tray where there is one"))
        self.tour = QCheckBox(self.tr("Show the tour of the settings panel again"))
        self.tour.setObjectName("showTourAgain")
        self.tour.setToolTip(self.tr("The short tour returns the next time Prosa starts"))
        self.tour.setChecked(not self.settings.tour_done)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.notifications)
        form.addRow(self.tour)
        return page

    def _hub_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.hub_endpoint = QLineEdit(self.settings.hub_endpoint)
        self.hub_endpoint.setObjectName("hubEndpoint")
        self.hub_endpoint.setToolTip(self.tr("The Hugging Face Hub, or a mirror of it"))
        self.hub_token = QLineEdit(self.settings.hub_token or "")
        self.hub_token.setObjectName("hubToken")
        self.hub_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.hub_token.setPlaceholderText(self.tr("hf_… (only for gated and private models)"))
        self.hub_token.setToolTip(self.tr("An access token from your Hugging Face account; "
                                          "kept in the settings file, readable by you only"))
        self.offline = QCheckBox(self.tr("Offline: never use the network"))
        self.offline.setObjectName("offline")
        self.offline.setChecked(self.settings.offline)
        self.offline.setToolTip(self.tr("Prosa makes no network request at all; the Hub "
                                        "shows its recommendations without searching"))
        proxy = QLabel(self.tr("Connections use the system proxy from the HTTPS_PROXY and "
                               "NO_PROXY environment variables."))
        proxy.setWordWrap(True)
        form.addRow(self.tr("Hub address"), self.hub_endpoint)
        form.addRow(self.tr("Access token"), self.hub_token)
        form.addRow(self.offline)
        form.addRow(proxy)
        return page

    def _folders_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        names = {"data": self.tr("Conversations and data"), "config": self.tr("Settings"),
                 "cache": self.tr("Cache"), "logs": self.tr("Logs")}
        for key, folder in folders(self.paths).items():
            if key in names:
                form.addRow(names[key], self._folder_row(folder))
        self.models_dir = QLineEdit(self.settings.models_dir or "")
        self.models_dir.setObjectName("modelsDir")
        self.models_dir.setPlaceholderText(str(self.paths.models))
        self.models_dir.setToolTip(self.tr("Where downloaded models are kept; empty for the "
                                           "data folder's own. Used from the next start."))
        choose = QToolButton()
        choose.setObjectName("chooseModelsDir")
        set_icon(choose, Icon.OPEN)
        choose.setToolTip(self.tr("Choose the models folder"))
        choose.setAccessibleName(self.tr("Choose the models folder"))
        choose.clicked.connect(self._choose_models_dir)
        row = QHBoxLayout()
        row.addWidget(self.models_dir, 1)
        row.addWidget(choose)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Models"), holder)
        return page

    def _folder_row(self, folder: Path) -> QWidget:
        field = QLineEdit(str(folder))
        field.setReadOnly(True)
        field.setToolTip(str(folder))
        field.setAccessibleName(str(folder))
        button = QPushButton(self.tr("Open"))
        set_icon(button, Icon.FOLDER)
        button.setToolTip(self.tr("Show this folder in the file manager"))
        button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        row.addWidget(button)
        holder = QWidget()
        holder.setLayout(row)
        return holder

    def _engine_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.n_ctx = QSpinBox()
        self.n_ctx.setObjectName("defaultContext")
        self.n_ctx.setRange(*CTX_RANGE)
        self.n_ctx.setSingleStep(1024)
        self.n_ctx.setValue(self.settings.n_ctx)
        self.n_ctx.setToolTip(self.tr("How many tokens a model can see at once; more uses "
                                      "more memory"))
        self.gpu_layers = QSpinBox()
        self.gpu_layers.setObjectName("defaultGpuLayers")
        self.gpu_layers.setRange(-1, 1000)
        self.gpu_layers.setSpecialValueText(self.tr("all"))
        self.gpu_layers.setValue(self.settings.n_gpu_layers)
        self.gpu_layers.setToolTip(self.tr("Layers to run on the GPU (needs a GPU build of "
                                           "llama.cpp); 0 runs on the CPU only"))
        self.threads = QSpinBox()
        self.threads.setObjectName("defaultThreads")
        self.threads.setRange(0, 1024)
        self.threads.setSpecialValueText(self.tr("automatic"))
        self.threads.setValue(self.settings.n_threads or 0)
        self.threads.setToolTip(self.tr("Processor threads for the model; automatic uses "
                                        "the physical cores"))
        self.read_ahead = QCheckBox(self.tr("Read ahead while I type"))
        self.read_ahead.setObjectName("defaultReadAhead")
        self.read_ahead.setChecked(self.settings.read_ahead)
        self.read_ahead.setToolTip(self.tr("The model reads the conversation and your draft "
                                           "while you type, so replies start sooner"))
        self.snapshot_memory = QSpinBox()
        self.snapshot_memory.setObjectName("snapshotMemory")
        self.snapshot_memory.setRange(-1, SNAPSHOT_MB_RANGE[1])
        self.snapshot_memory.setSingleStep(128)
        self.snapshot_memory.setSuffix(self.tr(" MB"))
        self.snapshot_memory.setSpecialValueText(self.tr("Automatic"))
        memory = self.settings.snapshot_memory_mb
        self.snapshot_memory.setValue(-1 if memory is None else memory)
        self.snapshot_memory.setToolTip(self.tr(
            "Memory for the conversations switched between most recently, so going back to "
            "one reads no file. 0 keeps them on disk only; Automatic uses a thirty-second "
            "of the memory, up to 512 MB."))
        note = QLabel(self.tr("A loaded model keeps its settings until it is loaded again."))
        note.setWordWrap(True)
        form.addRow(self.tr("Context length"), self.n_ctx)
        form.addRow(self.tr("GPU layers"), self.gpu_layers)
        form.addRow(self.tr("CPU threads"), self.threads)
        form.addRow(self.read_ahead)
        form.addRow(self.tr("Conversations kept ready in memory"), self.snapshot_memory)
        form.addRow(note)
        return page

    # --- result --------------------------------------------------------------------------

    def _choose_models_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Models folder"), self.models_dir.text() or str(self.paths.models))
        if folder:
            self.models_dir.setText(folder)

    def chosen(self) -> Settings:
        """The settings as the dialog says now (not yet checked)."""
        token = self.hub_token.text().strip()
        return replace(
            self.settings,
            language=LanguageChoice(self.language.currentData()),
            theme=ThemeChoice(self.theme.currentData()),
            notifications=self.notifications.isChecked(),
            tour_done=not self.tour.isChecked(),
            hub_endpoint=self.hub_endpoint.text().strip().rstrip("/"),
            hub_token=token or None,
            offline=self.offline.isChecked(),
            models_dir=self.models_dir.text().strip() or None,
            n_ctx=self.n_ctx.value(),
            n_gpu_layers=self.gpu_layers.value(),
            n_threads=self.threads.value() or None,
            read_ahead=self.read_ahead.isChecked(),
            snapshot_memory_mb=None if self.snapshot_memory.value() < 0
            else self.snapshot_memory.value())

    def _apply(self) -> bool:
        settings = self.chosen()
        problems = settings.problems()
        if problems:
            self.problem.setText(problem_text(problems[0]))
            self.problem.setVisible(True)
            return False
        self.problem.setVisible(False)
        self.settings = settings
        self.applied.emit(settings)
        return True

    def accept(self) -> None:
        if self._apply():
            super().accept()
