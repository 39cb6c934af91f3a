"""The window's models: the model menu, the library, the Models dialog, files opened
or dropped from outside, and which model loads at start.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin): the
rules about models live in the controller; this is the window's side of them
(dialogs, the menu, checking a file off the GUI thread before it is loaded).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow

from core.chat.controller import ChatController
from core.chat.screen import Topic
from core.errors import Problem, ProsaError
from core.hub.downloads import DownloadEvent, DownloadManager, JobDone
from core.models.gguf import read_gguf_info
from core.models.library import BundledModel, Library, LibraryEntry, assemble, bundled_models
from core.paths import AppPaths
from core.remote.refs import is_remote
from core.settings import Settings
from ui.about_dialog import AboutDialog
from ui.engine_tab import EngineTab
from ui.model_picker import ModelPicker
from ui.models_dialog import ModelsDialog
from ui.tasks import Relay, Tasks


class WindowModels(QMainWindow):
    """The model-related half of the main window (see the module docstring)."""

    paths: AppPaths
    tasks: Tasks
    controller: ChatController
    library: Library
    library_paths: list[str]
    bundled: list[BundledModel]
    models_dialog: ModelsDialog | None
    downloads: DownloadManager
    download_events: Relay[DownloadEvent]
    model_picker: ModelPicker
    engine_tab: EngineTab
    _open_path: str | None

    @property
    def settings(self) -> Settings:
        return self.controller.settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self.controller.settings = value

    def show_problem(self, problem: Problem, topic: Topic = Topic.GENERAL) -> None:
        raise NotImplementedError

    def _save_settings(self, settings: Settings) -> None:
        raise NotImplementedError

    if TYPE_CHECKING:  # ui.window_files's, later in the window's bases
        def import_conversation(self, path: str = "") -> None: ...

    # --- models ----------------------------------------------------------------------

    def _refresh_models(self) -> None:
        self.bundled = bundled_models()
        self.model_picker.populate(self.bundled, self.paths.models,
                                   list(self.settings.recent_models), self.controller.model_path,
                                   self.library_paths)

    @Slot()
    def _scan_library(self) -> None:
        self.tasks.run(self.library.scan, self._on_library_scanned, lane="library")

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
        loaded = self.controller.loaded
        dialog = AboutDialog(self.paths, loaded.backend if loaded else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot(str)
    def _load_from_library(self, path: str, quiet: bool = False) -> None:
        bundled = next((m for m in self.bundled
                        if str(m.path_in(self.paths.models)) == path), None)
        self._choose_model(bundled if bundled is not None else path, quiet)

    @Slot(object)
    def _on_download_event(self, event: object) -> None:
        if isinstance(event, JobDone):
            self._scan_library()

    @Slot(object)
    def _on_hub_settings(self, settings: object) -> None:
        assert isinstance(settings, Settings)
        self.settings = replace(self.settings, hub_endpoint=settings.hub_endpoint,
                                hub_token=settings.hub_token, offline=settings.offline)
        self._save_settings(self.settings)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Models (files or folders) join the library and the first one loads; a
        conversation saved as JSON is imported and opened."""
        paths = _dropped_files(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        for conversation in (p for p in paths if p.lower().endswith(".json")):
            self.import_conversation(conversation)
        models = [p for p in paths if not p.lower().endswith(".json")]
        if models:
            self.add_and_load(models)

    def add_and_load(self, paths: list[str]) -> None:
        """Add dropped files or folders to the library (in place) and load the first
        model file."""
        for path in paths:
            try:
                self.library.add(path)
            except ProsaError as exc:
                self.show_problem(exc.problem, Topic.MODEL)
        first = next((p for p in paths if p.lower().endswith(".gguf")), None)
        if first is not None:
            self.load_model(first)
        if self.models_dialog is not None:
            self.models_dialog.library_view.refresh()

    def open_model_file(self, path: str) -> None:
        """A model file given from outside: the command line, a double-click on a
        ``.gguf``, the file menu."""
        self.load_model(path, add=True, at_start=self.controller.loaded is None)

    @Slot()
    def load_initial_model(self) -> None:
        """The model given on the command line, else the controller's choice."""
        if self._open_path:
            path, self._open_path = self._open_path, None
            self.open_model_file(path)
            return
        starter = self.bundled[0] if self.bundled else None
        chosen = self.controller.initial_model(
            str(starter.path_in(self.paths.models)) if starter else None)
        if chosen is not None:
            # Not the user's choice: what was said about the model so far stays shown.
            self._load_from_library(chosen, quiet=True)

    @Slot(object)
    def _on_model_chosen(self, choice: object) -> None:
        self._choose_model(choice, quiet=False)

    def _choose_model(self, choice: object, quiet: bool) -> None:
        if isinstance(choice, BundledModel) and not choice.is_ready(self.paths.models):
            self.statusBar().showMessage(self.tr("Preparing %1…").replace("%1", choice.file_name))
            self.tasks.run(lambda: str(assemble(choice, self.paths.models)),
                           lambda path: self.load_model(path, quiet=quiet),
                           lambda problem: self.show_problem(problem, Topic.MODEL),
                           lane="prepare")
        elif isinstance(choice, BundledModel):
            self.load_model(str(choice.path_in(self.paths.models)), quiet=quiet)
        elif isinstance(choice, str):
            self.load_model(choice, quiet=quiet)

    def load_model(self, path: str, *, add: bool = False, at_start: bool = False,
                   quiet: bool = False) -> None:
        """Load a model file once its header is checked, off the GUI thread: a missing
        or damaged file is refused with a clear message and the model in use stays
        loaded (``add``: also add it to the library; ``at_start``: with nothing
        loaded yet, the usual model loads instead; ``quiet``: not the user's choice,
        so messages about models stay)."""

        def checked(_info: object) -> None:
            if add:
                with suppress(ProsaError):  # used in place even if the list is not saved
                    self.library.add(path)
            self.model_picker.set_current(path)
            self.controller.force_mode = self.engine_tab.mode()
            self.controller.load_model(path, fallback=quiet)

        def refused(problem: Problem) -> None:
            self.controller.refuse_model(path, problem)
            self.model_picker.set_current(self.controller.model_path)
            if at_start and self.controller.loaded is None \
                    and self.controller.model_path is None:
                self.load_initial_model()

        if is_remote(path):
            # A server's model: no file to check; the server answers for it at load.
            self.model_picker.set_current(path)
            self.controller.load_model(path, fallback=quiet)
            return
        self.tasks.run(lambda: read_gguf_info(path), checked, refused, lane="load")

    @Slot()
    def _reload_model(self) -> None:
        self.settings = self.engine_tab.load_settings(self.settings)
        self.controller.reload_model()



def _dropped_files(mime: QMimeData) -> list[str]:
    """Local .gguf files, folders and conversation files (.json) among dropped URLs."""
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.lower().endswith((".gguf", ".json")) or Path(p).is_dir()]
