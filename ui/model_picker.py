"""The model menu: starter models, recent files, and "Open GGUF file…"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFileDialog, QWidget

from core.models.library import BundledModel

OPEN_FILE = "__open__"


class ModelPicker(QComboBox):
    #: The user chose a model: a path, or a BundledModel still to be prepared.
    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setToolTip(self.tr("The model that answers. Models run on this computer."))
        self._current: str | None = None
        self.activated.connect(self._on_activated)

    def populate(self, bundled: list[BundledModel], models_dir: Path, recent: list[str],
                 current: str | None, library: list[str] | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        seen: set[str] = set()
        for model in bundled:
            path = str(model.path_in(models_dir))
            seen.add(path)
            label = self.tr("%1 (built in)").replace("%1", Path(model.file_name).stem)
            self.addItem(label, model)
            self.setItemData(self.count() - 1, path, 257)  # Qt.UserRole + 1: path
        recents = [p for p in recent if p not in seen]
        seen.update(recents)
        others = [p for p in (library or []) if p not in seen]
        for group in (recents, others):
            if not group:
                continue
            self.insertSeparator(self.count())
            for path in group:
                self.addItem(Path(path).name, path)
                self.setItemData(self.count() - 1, path, 257)
                self.setItemData(self.count() - 1, path, 3)  # tooltip: the full path
        self.insertSeparator(self.count())
        self.addItem(self.tr("Open GGUF file…"), OPEN_FILE)
        self.blockSignals(False)
        self.set_current(current)

    def set_current(self, path: str | None) -> None:
        self._current = path
        index = self.findData(path, 257) if path else -1
        if index < 0 and path:
            self.insertItem(0, Path(path).name, path)
            self.setItemData(0, path, 257)
            index = 0
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0) if path else -1)
        self.blockSignals(False)

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
        if data is not None:
            self.chosen.emit(data)
