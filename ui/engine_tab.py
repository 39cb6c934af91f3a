"""The Engine tab: how the model is loaded (context, GPU, threads), the mode, what a
conversation does when it outgrows the context, and reading ahead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from core.conversation.types import ContextPolicy
from core.engine.protocol import Mode
from core.output.types import Family
from core.settings import Settings


class EngineTab(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        # Labels above their fields: the side panel stays narrow whatever the language.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.ctx_spin = QSpinBox()
        self.ctx_spin.setObjectName("contextLength")
        self.ctx_spin.setRange(256, 1_048_576)
        self.ctx_spin.setSingleStep(1024)
        self.ctx_spin.setValue(settings.n_ctx)
        self.ctx_spin.setToolTip(self.tr("How many tokens the model can see at once: the "
                                         "conversation so far plus the reply. More uses "
                                         "more memory."))
        self.gpu_spin = QSpinBox()
        self.gpu_spin.setObjectName("gpuLayers")
        self.gpu_spin.setRange(-1, 1000)
        self.gpu_spin.setSpecialValueText(self.tr("all"))
        self.gpu_spin.setValue(settings.n_gpu_layers)
        self.gpu_spin.setToolTip(self.tr("Layers to run on the GPU (needs a GPU build of "
                                         "llama.cpp). 0 runs on the CPU only."))
        self.threads_spin = QSpinBox()
        self.threads_spin.setObjectName("threads")
        self.threads_spin.setRange(0, 256)
        self.threads_spin.setSpecialValueText(self.tr("automatic"))
        self.threads_spin.setValue(settings.n_threads or 0)
        self.threads_spin.setToolTip(self.tr("Processor threads that compute the reply. "
                                             "'automatic' lets llama.cpp choose."))
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("modeCombo")
        self.mode_combo.addItem(self.tr("Automatic"), None)
        self.mode_combo.addItem(self.tr("Chat"), "chat")
        self.mode_combo.addItem(self.tr("Completion"), "completion")
        self.mode_combo.setToolTip(self.tr(
            "Chat formats the conversation with a chat template (instruction-tuned models). "
            "Completion gives your text to the model as it is, and the model continues it "
            "(base models). Automatic decides from the model."))
        self.family_combo = QComboBox()
        self.family_combo.setObjectName("outputFamily")
        self.family_combo.addItem(self.tr("Automatic"), None)
        for family in Family:
            self.family_combo.addItem(family.value, family)
        self.family_combo.setToolTip(self.tr(
            "How the model marks its reasoning and tool calls. Automatic reads it from the "
            "model's chat template and tokens; choose one when a model writes another "
            "family's format."))
        self.policy_combo = QComboBox()
        self.policy_combo.setObjectName("contextPolicy")
        self.policy_combo.addItem(self.tr("Stop and say so"), ContextPolicy.STOP)
        self.policy_combo.addItem(self.tr("Drop the oldest messages"), ContextPolicy.DROP_OLDEST)
        self.policy_combo.addItem(self.tr("Keep the first exchange, drop the middle"),
                                  ContextPolicy.DROP_MIDDLE)
        self.policy_combo.setToolTip(self.tr(
            "What this conversation does when it no longer fits the model's context. "
            "The system prompt and your last message are always kept; messages left out "
            "are marked in the conversation."))
        for combo in (self.mode_combo, self.family_combo, self.policy_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.read_ahead_check = QCheckBox(self.tr("Read ahead while I type"))
        self.read_ahead_check.setObjectName("readAhead")
        self.read_ahead_check.setChecked(settings.read_ahead)
        self.read_ahead_check.setToolTip(self.tr(
            "While you type, the model already reads the conversation and your draft, so "
            "its reply starts sooner, however long the conversation. It uses the processor "
            "while you type."))
        self.edit_template_button = QPushButton(self.tr("Edit chat template…"))
        self.edit_template_button.setObjectName("editTemplateButton")
        self.edit_template_button.setToolTip(self.tr(
            "Change how this model's conversations are turned into the text it reads"))
        self.reload_button = QPushButton(self.tr("Reload model with these settings"))
        self.reload_button.setToolTip(self.tr("Load the model again with the context, GPU "
                                              "and thread settings above"))
        self.reload_hint = QLabel(self.tr("These settings take effect when the model is "
                                          "loaded again."))
        self.reload_hint.setObjectName("reloadHint")
        self.reload_hint.setWordWrap(True)
        self.reload_hint.setVisible(False)
        #: What the loaded model was loaded with: (context, GPU layers, threads).
        self._loaded_with: tuple[int, int, int] | None = None
        for spin in (self.ctx_spin, self.gpu_spin, self.threads_spin):
            spin.valueChanged.connect(self._show_reload_hint)
        self.model_info = QLabel()
        self.model_info.setObjectName("modelInfo")
        self.model_info.setWordWrap(True)
        self.model_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Context length"), self.ctx_spin)
        form.addRow(self.tr("GPU layers"), self.gpu_spin)
        form.addRow(self.tr("CPU threads"), self.threads_spin)
        form.addRow(self.tr("Mode"), self.mode_combo)
        form.addRow(self.tr("Output format"), self.family_combo)
        form.addRow(self.tr("When the conversation is too long"), self.policy_combo)
        form.addRow(self.read_ahead_check)
        form.addRow(self.edit_template_button)
        form.addRow(self.reload_hint)
        form.addRow(self.reload_button)
        form.addRow(self.model_info)

    def values(self) -> tuple[int, int, int]:
        return (self.ctx_spin.value(), self.gpu_spin.value(), self.threads_spin.value())

    def mark_loaded(self, values: tuple[int, int, int] | None) -> None:
        """The model was loaded with ``values`` (``None``: no model): the hint shows
        when the fields say something else."""
        self._loaded_with = values
        self._show_reload_hint()

    def _show_reload_hint(self) -> None:
        changed = self._loaded_with is not None and self.values() != self._loaded_with
        self.reload_hint.setVisible(changed)
        self.reload_button.setDefault(changed)

    def mode(self) -> Mode | None:
        data = self.mode_combo.currentData()
        return data if data in ("chat", "completion") else None

    def family(self) -> Family | None:
        """The output format chosen (``None``: the one detected)."""
        data = self.family_combo.currentData()  # Qt gives the enum back as its string
        return Family(data) if data else None

    def show_detected(self, family: Family | None) -> None:
        """Say which format Automatic means for the model loaded."""
        self.family_combo.setItemText(0, self.tr("Automatic (%1)").replace(
            "%1", family.value) if family is not None else self.tr("Automatic"))

    def policy(self) -> ContextPolicy:
        return ContextPolicy(self.policy_combo.currentData() or ContextPolicy.STOP)

    def show_policy(self, policy: str) -> None:
        self.policy_combo.setCurrentIndex(max(0, self.policy_combo.findData(policy)))

    def load_settings(self, settings: Settings) -> Settings:
        """``settings`` with what this tab says about loading a model."""
        from dataclasses import replace

        return replace(settings, n_ctx=self.ctx_spin.value(), n_gpu_layers=self.gpu_spin.value(),
                       n_threads=self.threads_spin.value() or None)
