"""The model menu: starter models, recent models, remote servers' models, and "Open
GGUF file…".

Each remote server has a section of its own (``ui.remote.sections``), drawn from what
the window last listed; the window lists the servers again when the menu opens
(:attr:`ModelPicker.opening`), on a worker thread, and the sections change in place
when the listings arrive.  A remote model is chosen by its reference
(``core.remote.refs``), exactly as a file is by its path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFileDialog, QWidget

from core.models.library import BundledModel
from core.remote.refs import is_remote, parse_ref, short_name
from ui.remote.sections import PATH_ROLE, RemoteSection, add_section, ref_label

OPEN_FILE = "__open__"
REMOTE_SERVERS = "__remote__"


class ModelPicker(QComboBox):
    #: The user chose a model: a path or remote reference, or a BundledModel still to
    #: be prepared.
    chosen = Signal(object)
    #: The menu is about to open (the window lists remote servers again).
    opening = Signal()
    #: "Remote servers…" was chosen.
    remoteServersRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        # A remote model's label ("model @ server") is longer than a file's name.
        self.setMinimumContentsLength(40)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setToolTip(self.tr("The model that answers: on this computer, or on a server "
                                "you added in Remote servers"))
        self._current: str | None = None
        self._local: tuple[list[BundledModel], Path, list[str], list[str]] | None = None
        self._sections: tuple[RemoteSection, ...] = ()
        self.activated.connect(self._on_activated)

    def populate(self, bundled: list[BundledModel], models_dir: Path, recent: list[str],
                 current: str | None, library: list[str] | None = None) -> None:
        self._local = (bundled, models_dir, recent, library or [])
        self._current = current
        self._rebuild()

    def set_remote(self, sections: tuple[RemoteSection, ...]) -> None:
        """Show these servers' sections (the window's latest listings)."""
        self._sections = sections
        if self._local is not None:
            self._rebuild()
            if self.view().isVisible():
                super().showPopup()  # the open menu takes the new rows' size

    def label(self, path: str) -> str:
        """A model's name in the menu: a file's name, or ``model @ server``."""
        return ref_label(path, (s.server for s in self._sections)) or short_name(path)

    def _rebuild(self) -> None:
        assert self._local is not None
        bundled, models_dir, recent, library = self._local
        self.blockSignals(True)
        self.clear()
        seen: set[str] = set()
        for model in bundled:
            path = str(model.path_in(models_dir))
            seen.add(path)
            label = self.tr("%1 (built in)").replace("%1", Path(model.file_name).stem)
            self.addItem(label, model)
            self.setItemData(self.count() - 1, path, PATH_ROLE)
        servers = [s.server for s in self._sections]
        # A removed server's models are no longer offered (choosing one could only fail).
        recents = [p for p in recent if p not in seen
                   and (not is_remote(p) or ref_label(p, servers) is not None)]
        seen.update(recents)
        others = [p for p in library if p not in seen]
        for group in (recents, others):
            if not group:
                continue
            self.insertSeparator(self.count())
            for path in group:
                self.addItem(self.label(path), path)
                self.setItemData(self.count() - 1, path, PATH_ROLE)
                self.setItemData(self.count() - 1, self._tip(path), 3)  # tooltip
        for section in self._sections:
            self.insertSeparator(self.count())
            add_section(self, section)
        self.insertSeparator(self.count())
        self.addItem(self.tr("Open GGUF file…"), OPEN_FILE)
        self.addItem(self.tr("Remote servers…"), REMOTE_SERVERS)
        self.setItemData(self.count() - 1, self.tr(
            "Add a server that runs models (llama-server, vLLM, Ollama, LM Studio) and "
            "choose its models here"), 3)
        self.blockSignals(False)
        self.set_current(self._current)

    def _tip(self, path: str) -> str:
        """A recent model's tooltip: the file's full path, or the server's address."""
        ref = parse_ref(path)
        section = None if ref is None else next(
            (s for s in self._sections if s.server.id == ref.server_id), None)
        return path if section is None else section.server.base_url

    def set_current(self, path: str | None) -> None:
        self._current = path
        index = self.findData(path, PATH_ROLE) if path else -1
        if index < 0 and path:
            self.insertItem(0, self.label(path), path)
            self.setItemData(0, path, PATH_ROLE)
            index = 0
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0) if path else -1)
        self.blockSignals(False)

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        data = self.itemData(index)
        if data == OPEN_FILE:
            self.set_current(self._current)  # keep showing the loaded model meanwhile
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open a GGUF model"), str(Path.home()),
                self.tr("GGUF models (*.gguf);;All files (*)"))
            if path:
                self.chosen.emit(path)
            return
        if data == REMOTE_SERVERS:
            self.set_current(self._current)
            self.remoteServersRequested.emit()
            return
        if data is not None:
            self.chosen.emit(data)
