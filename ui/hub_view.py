"""Find GGUF models on the Hugging Face Hub, see which quantization fits this
computer, read the model card, and download.

The tab opens on models recommended for this computer (``core.hub.recommended``), as
LM Studio opens on its staff picks, so a person who knows no model name is not met by
an empty table.  The list is rated at once from curated sizes; a refresh from the Hub
runs off the GUI thread and makes it exact.  A search replaces the list; clearing the
search brings it back.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.errors import Problem, ProsaError
from core.hub.client import BITS_PER_WEIGHT, Hub, QuantFile, RepoSummary
from core.hub.downloads import DownloadManager
from core.hub.recommended import CURATED, HubState, Refresh, rank, refresh
from core.models.fit import QUANT_HELP, Fit, MachineMemory, estimate_fit, machine_memory, recommend
from core.settings import Settings
from ui.error_texts import problem_text
from ui.format import number, short_date, size
from ui.hub_recommended import (
    RecommendedTable,
    rating_colour,
    rating_text,
    read_only,
    resize_to_headers,
)
from ui.icons import Icon, set_icon
from ui.tasks import Tasks
from ui.theme import tint

#: Context length the fit estimate assumes (the app's default).
FIT_CONTEXT = 4096
#: One lane per kind of answer: a newer request makes the older answer stale, so a
#: slow old search (or the files of a repository left behind) never replaces a newer one.
SEARCH_LANE = "hub-search"
FILES_LANE = "hub-files"
CARD_LANE = "hub-card"
RECOMMENDED_LANE = "hub-recommended"
#: Pause after the last key before a search starts as you type: long enough not to
#: ask the Hub for every letter, short enough to feel live.
TYPING_PAUSE_MS = 600


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
        self.token.setToolTip(self.tr("A Hugging Face access token, for gated and private "
                                      "models; kept in Prosa's settings."))
        self.offline = QCheckBox(self.tr("Offline: never use the network"))
        self.offline.setObjectName("hubOffline")
        self.offline.setChecked(settings.offline)
        self.offline.setToolTip(self.tr("Never connect: no search, no download, and "
                                        "approximate sizes in the recommended list."))
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
    """The Hub tab: recommended models first, a search on demand, then one
    repository's files (rated for this computer), its card, and Download."""

    #: New Hub settings (endpoint, token, offline), to be saved by the window.
    settingsChanged = Signal(object)
    #: A download was queued (job id).
    downloadQueued = Signal(int)

    RECOMMENDED_PAGE, RESULTS_PAGE = range(2)

    def __init__(self, settings: Settings, manager: DownloadManager,
                 parent: QWidget | None = None, *, memory: MachineMemory | None = None) -> None:
        """``memory`` fixes the machine the list is rated for (tests); by default it is
        measured off the GUI thread (nvidia-smi may take a second)."""
        super().__init__(parent)
        self.setObjectName("hubView")
        self.settings = settings
        self.manager = manager
        self.memory: MachineMemory | None = memory
        self.results: list[RepoSummary] = []
        self.files: list[QuantFile] = []
        self.fits: list[Fit] = []
        self.repo_id: str | None = None
        #: What the last refresh learnt (None until one has finished).
        self.refreshed: Refresh | None = None
        self._refreshing = False
        self._refresh_wanted = False
        self._closed = False
        self._stop = threading.Event()
        # Three workers: a refresh holds one for a second or two while a search and a
        # repository's files and card go on beside it.
        self.tasks = Tasks(self, workers=3, name="prosa-hub")
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)

        self.query = QLineEdit()
        self.query.setObjectName("hubQuery")
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(self.tr("Search GGUF models, e.g. “qwen 7b instruct”"))
        self.query.setToolTip(self.tr("Search the Hub's GGUF models by name; clear the box to "
                                      "see the models recommended for this computer again."))
        self.sort = QComboBox()
        self.sort.setObjectName("hubSort")
        self.sort.addItem(self.tr("Most downloaded"), "downloads")
        self.sort.addItem(self.tr("Most liked"), "likes")
        self.sort.addItem(self.tr("Recently updated"), "recent")
        self.sort.setToolTip(self.tr("The order of the search results."))
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setObjectName("hubSearch")
        self.search_button.setToolTip(self.tr("Search the Hub now (Enter)."))
        set_icon(self.search_button, Icon.FIND)
        self.settings_button = QPushButton(self.tr("Settings…"))
        self.settings_button.setObjectName("hubSettings")
        self.settings_button.setToolTip(self.tr("The Hub's address, your access token, and "
                                                "offline mode."))
        set_icon(self.settings_button, Icon.PREFERENCES)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.sort)
        top.addWidget(self.search_button)
        top.addWidget(self.settings_button)

        self.list_title = QLabel()
        self.list_title.setObjectName("hubListTitle")
        title_font = self.list_title.font()
        title_font.setBold(True)
        self.list_title.setFont(title_font)
        self.hub_note = QLabel()
        self.hub_note.setObjectName("hubNote")
        self.hub_note.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(self.list_title)
        heading.addWidget(self.hub_note, 1)

        self.recommended_table = RecommendedTable()
        self.results_table = self._table([
            self.tr("Model"), self.tr("Author"), self.tr("Parameters"), self.tr("Downloads"),
            self.tr("Likes"), self.tr("Updated"), self.tr("Licence"), self.tr("Access")])
        self.results_table.setObjectName("hubResults")
        self.results_table.setToolTip(self.tr("Select a repository to see its files."))
        self.lists = QStackedWidget()
        self.lists.addWidget(self.recommended_table)
        self.lists.addWidget(self.results_table)
        self.files_table = self._table([self.tr("Quantization"), self.tr("Size"),
                                        self.tr("Fits this computer?"), self.tr("Files")],
                                       stretch=3)
        self.files_table.setObjectName("hubFiles")
        self.files_table.setToolTip(self.tr("The repository's files, one row per "
                                            "quantization; ★ marks the one to choose."))
        self.card = QTextBrowser()
        self.card.setObjectName("hubCard")
        self.card.setOpenExternalLinks(True)
        self.card.setToolTip(self.tr("The model card: what the publisher says about it."))
        self.recommendation = QLabel()
        self.recommendation.setObjectName("hubRecommendation")
        self.recommendation.setWordWrap(True)
        self.help_button = QPushButton(self.tr("What is quantization?"))
        self.help_button.setToolTip(self.tr("What the names Q4_K_M, Q8_0… mean, and which "
                                            "to choose."))
        set_icon(self.help_button, Icon.HELP)
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.setObjectName("hubDownload")
        self.download_button.setToolTip(self.tr("Download the selected file into the models "
                                                "folder."))
        set_icon(self.download_button, Icon.DOWNLOAD)
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
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(heading)
        upper_layout.addWidget(self.lists, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([340, 260])  # the list is what the tab opens on: it gets the room
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self.query.returnPressed.connect(self.search)
        self.query.textEdited.connect(self._on_typed)
        self.query.textChanged.connect(self._on_text_changed)
        self._typing.timeout.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.sort.activated.connect(self.search)
        self.settings_button.clicked.connect(self._edit_settings)
        self.recommended_table.itemSelectionChanged.connect(self._on_recommended_selected)
        self.results_table.itemSelectionChanged.connect(self._on_repo_selected)
        self.files_table.itemSelectionChanged.connect(self._on_file_selected)
        self.help_button.clicked.connect(self._help)
        self.download_button.clicked.connect(self.download)
        self.show_recommended()
        if memory is None:
            self.tasks.run(machine_memory, self._on_memory)
        else:
            self._render_recommended()

    def _table(self, headers: list[str], stretch: int = 0) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        read_only(table)
        resize_to_headers(table, stretch)
        return table

    def hub(self) -> Hub:
        return Hub(self.settings.hub_endpoint, self.settings.hub_token, self.settings.offline)

    def _gpu(self, memory: MachineMemory) -> bool:
        return memory.vram_total is not None and self.settings.n_gpu_layers != 0

    def _on_memory(self, memory: MachineMemory) -> None:
        self.memory = memory
        self._render_recommended()

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        tint(self.status, "error" if error else None)

    # --- the recommended list -------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The Hub is asked only once the tab is seen, and only from the event loop, so
        a search started at once (a test, a quick person) goes first."""
        super().showEvent(event)
        if self.refreshed is None and not self._refreshing:
            QTimer.singleShot(0, self.refresh_recommended)

    @Slot()
    def refresh_recommended(self) -> None:
        """Ask the Hub for the curated repositories' real files, off the GUI thread.

        Skipped while search results are shown (the list is not in view; it is asked
        for when it comes back) and while a refresh is already running.
        """
        if self._refreshing or self._closed:
            return
        if self.lists.currentIndex() != self.RECOMMENDED_PAGE:
            self._refresh_wanted = True
            return
        self._refresh_wanted = False
        self._stop.clear()
        hub, stop = self.hub(), self._stop
        if hub.offline:
            self._on_refreshed(Refresh(offline=True))
            return
        self._refreshing = True
        self._update_note()
        self.tasks.run(lambda: refresh(hub, CURATED, stop=stop), self._on_refreshed,
                       self._on_refresh_failed, lane=RECOMMENDED_LANE)

    def _on_refreshed(self, result: Refresh) -> None:
        self._refreshing = False
        known = dict(self.refreshed.files) if self.refreshed is not None else {}
        known.update(result.files)
        self.refreshed = replace(result, files=known)
        self._render_recommended()

    def _on_refresh_failed(self, problem: Problem) -> None:
        self._refreshing = False
        self.refreshed = Refresh(stopped=problem)
        self._render_recommended()

    def _update_note(self) -> None:
        """One discreet line beside the title: checking, offline, unreachable, or none."""
        note, tip = "", ""
        state = self.refreshed.state if self.refreshed is not None else None
        if self.settings.offline or state is HubState.OFFLINE:
            note = self.tr("Offline: sizes are approximate; connect to see the exact files.")
        elif self._refreshing:
            note = self.tr("Checking the Hub…")
        elif state is HubState.UNREACHABLE and self.refreshed is not None:
            note = self.tr("The Hub cannot be reached: sizes are approximate; connect to see "
                           "the exact files.")
            tip = problem_text(self.refreshed.stopped) if self.refreshed.stopped else ""
        self.hub_note.setText(note)
        self.hub_note.setToolTip(tip)
        tint(self.hub_note, "muted")

    def _render_recommended(self) -> None:
        """Rate and show the curated list for this machine (once its memory is known)."""
        self._update_note()
        if self.memory is None:
            return
        exact = self.refreshed.files if self.refreshed is not None else None
        self.recommended_table.show_picks(
            rank(CURATED, self.memory, self._gpu(self.memory), FIT_CONTEXT, exact))

    def changeEvent(self, event: QEvent) -> None:
        """A theme change: the colours by meaning follow the new palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.recommended_table.recolour()
            for row, fit in enumerate(self.fits):
                cell = self.files_table.item(row, 2)
                if cell is not None:
                    cell.setForeground(rating_colour(fit.rating, self.palette()))
            self._update_note()

    @Slot()
    def show_recommended(self) -> None:
        """Back to the recommended list (the tab's first page)."""
        self.lists.setCurrentIndex(self.RECOMMENDED_PAGE)
        self.list_title.setText(self.tr("Recommended for this computer"))
        self._update_note()
        if self._refresh_wanted or (self.refreshed is not None
                                    and self.refreshed.state is HubState.CANCELLED):
            self.refresh_recommended()

    @Slot()
    def _on_recommended_selected(self) -> None:
        chosen = self.recommended_table.selected()
        if chosen is None:
            return
        repo_id = chosen.model.repo_id
        self.repo_id = repo_id
        known = self.refreshed.files.get(repo_id) if self.refreshed is not None else None
        if known:
            self._on_files(list(known))
        elif self.settings.offline:
            # Offline the curated file is all there is to show: its size is approximate.
            quant = chosen.model.quant
            self._on_files([QuantFile(quant, (chosen.model.file,), chosen.model.approx_size,
                                      (None,), BITS_PER_WEIGHT.get(quant))])
        else:
            self._load_files(repo_id)
        if self.settings.offline:
            self.card.setPlainText(self.tr("Offline: the model card is not available."))
        else:
            self._load_card(repo_id)

    # --- search ------------------------------------------------------------------------

    @Slot(str)
    def _on_typed(self, text: str) -> None:
        """Search as the person types (offline, Enter still says why nothing comes)."""
        if text.strip() and not self.settings.offline:
            self._typing.start()

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._typing.stop()
            self.show_recommended()

    @Slot()
    def search(self) -> None:
        self._typing.stop()
        text = self.query.text().strip()
        hub, sort = self.hub(), self.sort.currentData()
        self.lists.setCurrentIndex(self.RESULTS_PAGE)
        self.list_title.setText(self.tr("Search results"))
        self.hub_note.clear()
        self._show_status(self.tr("Searching…"))
        self.tasks.run(lambda: hub.search(text, sort=sort), self._on_results, self._on_error,
                       lane=SEARCH_LANE)

    def _on_results(self, results: list[RepoSummary]) -> None:
        self.results = results
        self.results_table.setRowCount(len(results))
        for row, repo in enumerate(results):
            updated = short_date(repo.last_modified) if repo.last_modified else ""
            access = self.tr("gated") if repo.gated else self.tr("open")
            cells = [repo.repo_id, repo.author or "", repo.size_label or "",
                     number(repo.downloads), number(repo.likes), updated,
                     repo.license or "", access]
            for column, text in enumerate(cells):
                self.results_table.setItem(row, column, QTableWidgetItem(text))
        self._show_status(self.tr("%1 models found.").replace("%1", number(len(results)))
                          if results else self.tr("No GGUF models match."))

    def _on_error(self, problem: Problem) -> None:
        self._show_status(problem_text(problem), error=True)

    # --- one repository ------------------------------------------------------------------

    @Slot()
    def _on_repo_selected(self) -> None:
        rows = self.results_table.selectionModel().selectedRows()
        if not rows:
            return
        repo = self.results[rows[0].row()]
        self.repo_id = repo.repo_id
        self._load_files(repo.repo_id)
        self._load_card(repo.repo_id)

    def _load_files(self, repo_id: str) -> None:
        self._show_status(self.tr("Loading the files of %1…").replace("%1", repo_id))
        hub = self.hub()
        self.tasks.run(lambda: hub.files(repo_id), self._on_files, self._on_error,
                       lane=FILES_LANE)

    def _load_card(self, repo_id: str) -> None:
        hub = self.hub()
        self.tasks.run(lambda: hub.model_card(repo_id), self.card.setMarkdown,
                       lambda problem: self.card.setPlainText(problem_text(problem)),
                       lane=CARD_LANE)

    def _on_files(self, files: list[QuantFile]) -> None:
        self.files = files
        memory = self.memory or machine_memory()
        gpu = self._gpu(memory)
        self.fits = [estimate_fit(f.size, None, FIT_CONTEXT, memory, gpu) for f in self.files]
        best = recommend(self.files, self.fits)
        self.files_table.setRowCount(len(self.files))
        for row, (file, fit) in enumerate(zip(self.files, self.fits, strict=True)):
            quant = file.quant + (" ★" if row == best else "")
            parts = (file.files[0] if len(file.files) == 1 else
                     self.tr("%1 parts").replace("%1", number(len(file.files))))
            cells = [quant, size(file.size), rating_text(fit.rating), parts]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(problem_text(fit.advice))
                if column == 2:
                    item.setForeground(rating_colour(fit.rating, self.palette()))
                self.files_table.setItem(row, column, item)
        if best is not None:
            self.files_table.selectRow(best)
            self.recommendation.setText(
                self.tr("Recommended: %1 (%2), the best quality that fits this computer "
                        "comfortably with a %3-token context.")
                .replace("%1", self.files[best].quant)
                .replace("%2", size(self.files[best].size))
                .replace("%3", number(FIT_CONTEXT)))
        else:
            self.recommendation.setText(self.tr("No file of this model fits this computer "
                                                "comfortably."))
        self._show_status(self.tr("%1 files.").replace("%1", number(len(self.files))))

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
        changed = (endpoint, token, offline) != (self.settings.hub_endpoint,
                                                 self.settings.hub_token, self.settings.offline)
        self.settings = replace(self.settings, hub_endpoint=endpoint, hub_token=token,
                                offline=offline)
        self.manager.set_endpoint(endpoint)
        self.manager.set_token(token)
        self.manager.set_offline(offline)
        self.settingsChanged.emit(self.settings)
        if changed and self.isVisible():
            # Another Hub, or back online: what was learnt may no longer hold.
            if not offline:
                self.refreshed = None
            self.refresh_recommended()
        else:
            self._update_note()

    @Slot()
    def _help(self) -> None:
        QMessageBox.information(self, self.tr("What is quantization?"), QUANT_HELP)

    def shutdown(self) -> None:
        """Stop a refresh between requests, then wait for what is in flight."""
        self._closed = True
        self._stop.set()
        self._typing.stop()
        self.tasks.shutdown()
