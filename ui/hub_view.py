"""Find GGUF models on the Hugging Face Hub, see which quantization fits this
computer, read the model card, and download."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.common.units import format_bytes
from core.errors import Problem, ProsaError
from core.hub.client import Hub, QuantFile, RepoSummary
from core.hub.downloads import DownloadManager
from core.models.fit import QUANT_HELP, Fit, MachineMemory, estimate_fit, machine_memory, recommend
from core.settings import Settings
from ui.error_texts import problem_text
from ui.tasks import Tasks

#: Context length the fit estimate assumes (the app's default).
FIT_CONTEXT = 4096
#: One lane per kind of answer: a newer request makes the older answer stale, so a
#: slow old search (or the files of a repository left behind) never replaces a newer one.
SEARCH_LANE = "hub-search"
FILES_LANE = "hub-files"
CARD_LANE = "hub-card"


class HubSettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hub settings"))
        self.endpoint = QLineEdit(settings.hub_endpoint)
        self.endpoint.setObjectName("hubEndpoint")
        self.endpoint.setToolTip(self.tr("The Hugging Face Hub, or a mirror of it."))
        self.token = QLineEdit(settings.hub_token or "")
        self.token.setObjectName("hubToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("hf_… (only for gated and private models)"))
        self.offline = QCheckBox(self.tr("Offline: never use the network"))
        self.offline.setObjectName("hubOffline")
        self.offline.setChecked(settings.offline)
        proxy = QLabel(self.tr("Connections use the system proxy from the HTTPS_PROXY and "
                               "NO_PROXY environment variables."))
        proxy.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Hub address"), self.endpoint)
        form.addRow(self.tr("Access token"), self.token)
        form.addRow(self.offline)
        form.addRow(proxy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class HubView(QWidget):
    #: New Hub settings (endpoint, token, offline), to be saved by the window.
    settingsChanged = Signal(object)
    #: A download was queued (job id).
    downloadQueued = Signal(int)

    def __init__(self, settings: Settings, manager: DownloadManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hubView")
        self.settings = settings
        self.manager = manager
        self.memory: MachineMemory | None = None
        self.results: list[RepoSummary] = []
        self.files: list[QuantFile] = []
        self.fits: list[Fit] = []
        self.repo_id: str | None = None
        self.tasks = Tasks(self, workers=2, name="prosa-hub")

        self.query = QLineEdit()
        self.query.setObjectName("hubQuery")
        self.query.setPlaceholderText(self.tr("Search GGUF models, e.g. “qwen 7b instruct”"))
        self.sort = QComboBox()
        self.sort.setObjectName("hubSort")
        self.sort.addItem(self.tr("Most downloaded"), "downloads")
        self.sort.addItem(self.tr("Most liked"), "likes")
        self.sort.addItem(self.tr("Recently updated"), "recent")
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setObjectName("hubSearch")
        self.settings_button = QPushButton(self.tr("Settings…"))
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.sort)
        top.addWidget(self.search_button)
        top.addWidget(self.settings_button)

        self.results_table = self._table([
            self.tr("Model"), self.tr("Author"), self.tr("Parameters"), self.tr("Downloads"),
            self.tr("Likes"), self.tr("Updated"), self.tr("Licence"), self.tr("Access")])
        self.results_table.setObjectName("hubResults")
        self.files_table = self._table([self.tr("Quantization"), self.tr("Size"),
                                        self.tr("Fits this computer?"), self.tr("Files")])
        self.files_table.setObjectName("hubFiles")
        self.card = QTextBrowser()
        self.card.setObjectName("hubCard")
        self.card.setOpenExternalLinks(True)
        self.recommendation = QLabel()
        self.recommendation.setObjectName("hubRecommendation")
        self.recommendation.setWordWrap(True)
        self.help_button = QPushButton(self.tr("What is quantization?"))
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.setObjectName("hubDownload")
        self.download_button.setEnabled(False)
        self.status = QLabel()
        self.status.setObjectName("hubStatus")
        self.status.setWordWrap(True)

        files_box = QWidget()
        files_layout = QVBoxLayout(files_box)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(self.files_table, 1)
        files_layout.addWidget(self.recommendation)
        actions = QHBoxLayout()
        actions.addWidget(self.help_button)
        actions.addStretch(1)
        actions.addWidget(self.download_button)
        files_layout.addLayout(actions)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(files_box)
        lower.addWidget(self.card)
        lower.setSizes([560, 400])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.results_table)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self.query.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.sort.activated.connect(self.search)
        self.settings_button.clicked.connect(self._edit_settings)
        self.results_table.itemSelectionChanged.connect(self._on_repo_selected)
        self.files_table.itemSelectionChanged.connect(self._on_file_selected)
        self.help_button.clicked.connect(self._help)
        self.download_button.clicked.connect(self.download)
        self.tasks.run(machine_memory, self._on_memory)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def hub(self) -> Hub:
        return Hub(self.settings.hub_endpoint, self.settings.hub_token, self.settings.offline)

    def _on_memory(self, memory: MachineMemory) -> None:
        self.memory = memory

    # --- search ------------------------------------------------------------------------

    @Slot()
    def search(self) -> None:
        text = self.query.text().strip()
        hub, sort = self.hub(), self.sort.currentData()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Searching…"))
        self.tasks.run(lambda: hub.search(text, sort=sort), self._on_results, self._on_error,
                       lane=SEARCH_LANE)

    def _on_results(self, results: list[RepoSummary]) -> None:
        self.results = results
        self.results_table.setRowCount(len(results))
        for row, repo in enumerate(results):
            updated = repo.last_modified.date().isoformat() if repo.last_modified else ""
            access = self.tr("gated") if repo.gated else self.tr("open")
            cells = [repo.repo_id, repo.author or "", repo.size_label or "",
                     f"{repo.downloads:,}", f"{repo.likes:,}", updated,
                     repo.license or "", access]
            for column, text in enumerate(cells):
                self.results_table.setItem(row, column, QTableWidgetItem(text))
        self.results_table.resizeColumnsToContents()
        self.results_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.status.setText(self.tr("%1 models found.").replace("%1", str(len(results)))
                            if results else self.tr("No GGUF models match."))

    def _on_error(self, problem: Problem) -> None:
        self.status.setText(problem_text(problem))
        self.status.setStyleSheet("color:#b3261e;")

    # --- one repository ------------------------------------------------------------------

    @Slot()
    def _on_repo_selected(self) -> None:
        rows = self.results_table.selectionModel().selectedRows()
        if not rows:
            return
        repo = self.results[rows[0].row()]
        self.repo_id = repo.repo_id
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Loading the files of %1…").replace("%1", repo.repo_id))
        hub = self.hub()
        repo_id = repo.repo_id
        self.tasks.run(lambda: hub.files(repo_id), self._on_files, self._on_error,
                       lane=FILES_LANE)
        self.tasks.run(lambda: hub.model_card(repo_id), self.card.setMarkdown,
                       lambda problem: self.card.setPlainText(problem_text(problem)),
                       lane=CARD_LANE)

    def _on_files(self, files: list[QuantFile]) -> None:
        self.files = files
        memory = self.memory or machine_memory()
        gpu = memory.vram_total is not None and self.settings.n_gpu_layers != 0
        self.fits = [estimate_fit(f.size, None, FIT_CONTEXT, memory, gpu) for f in self.files]
        best = recommend(self.files, self.fits)
        colours = {"fits": "#1b8a5a", "tight": "#a86b00", "too_big": "#b3261e"}
        labels = {"fits": self.tr("fits"), "tight": self.tr("tight"),
                  "too_big": self.tr("too big")}
        self.files_table.setRowCount(len(self.files))
        for row, (file, fit) in enumerate(zip(self.files, self.fits, strict=True)):
            quant = file.quant + (" ★" if row == best else "")
            parts = (file.files[0] if len(file.files) == 1 else
                     self.tr("%1 parts").replace("%1", str(len(file.files))))
            cells = [quant, format_bytes(file.size), labels[fit.rating], parts]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(problem_text(fit.advice))
                if column == 2:
                    item.setForeground(QColor(colours[fit.rating]))
                self.files_table.setItem(row, column, item)
        self.files_table.resizeColumnsToContents()
        self.files_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch)
        if best is not None:
            self.files_table.selectRow(best)
            self.recommendation.setText(
                self.tr("Recommended: %1 (%2), the best quality that fits this computer "
                        "comfortably with a %3-token context.")
                .replace("%1", self.files[best].quant)
                .replace("%2", format_bytes(self.files[best].size))
                .replace("%3", f"{FIT_CONTEXT:,}"))
        else:
            self.recommendation.setText(self.tr("No file of this model fits this computer "
                                                "comfortably."))
        self.status.setText(self.tr("%1 files.").replace("%1", str(len(self.files))))

    @Slot()
    def _on_file_selected(self) -> None:
        self.download_button.setEnabled(bool(self.files_table.selectionModel().selectedRows()))

    def selected_file(self) -> QuantFile | None:
        rows = self.files_table.selectionModel().selectedRows()
        return self.files[rows[0].row()] if rows else None

    @Slot()
    def download(self) -> None:
        file = self.selected_file()
        if file is None or self.repo_id is None:
            return
        try:
            job_id = self.manager.enqueue(self.repo_id, list(file.files))
        except ProsaError as exc:
            QMessageBox.warning(self, self.tr("Download"), problem_text(exc))
            return
        self.downloadQueued.emit(job_id)

    # --- settings and help -------------------------------------------------------------

    @Slot()
    def _edit_settings(self) -> None:
        dialog = HubSettingsDialog(self.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        endpoint = dialog.endpoint.text().strip().rstrip("/")
        if not endpoint.startswith(("http://", "https://")):
            QMessageBox.warning(self, self.tr("Hub settings"),
                                self.tr("The Hub address must start with http:// or https://."))
            return
        self.apply_settings(endpoint, dialog.token.text().strip() or None,
                            dialog.offline.isChecked())

    def apply_settings(self, endpoint: str, token: str | None, offline: bool) -> None:
        self.settings = replace(self.settings, hub_endpoint=endpoint, hub_token=token,
                                offline=offline)
        self.manager.set_endpoint(endpoint)
        self.manager.set_token(token)
        self.manager.set_offline(offline)
        self.settingsChanged.emit(self.settings)

    @Slot()
    def _help(self) -> None:
        QMessageBox.information(self, self.tr("What is quantization?"), QUANT_HELP)

    def shutdown(self) -> None:
        self.tasks.shutdown()
