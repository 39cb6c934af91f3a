"""The Engine tab: how the model is loaded (context, GPU, threads, flash attention, the
KV cache's format), the mode, what a conversation does when it outgrows the context,
reading ahead, and the conversations kept ready on disk (KV snapshots)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from core.conversation.types import ContextPolicy
from core.engine.options import FlashAttention, KVCacheType
from core.engine.protocol import Mode
from core.engine.snapshots.folder import FolderUsage
from core.learn.catalog import LessonId
from core.output.types import Family
from core.settings import SNAPSHOT_MB_RANGE, Settings
from ui.format import number, size
from ui.learn.help_button import beside

#: The snapshot cap's spin box shows "Automatic" at this value (``None`` in settings).
_AUTOMATIC = -1


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
        self.flash_combo = QComboBox()
        self.flash_combo.setObjectName("flashAttention")
        self.flash_combo.addItem(self.tr("Automatic"), FlashAttention.AUTO)
        self.flash_combo.addItem(self.tr("On"), FlashAttention.ON)
        self.flash_combo.addItem(self.tr("Off (exact)"), FlashAttention.OFF)
        self.flash_combo.setCurrentIndex(self.flash_combo.findData(settings.flash_attention))
        self.flash_combo.setToolTip(self.tr(
            "Flash attention computes attention in one fused step: less memory for long "
            "conversations and often faster. Its probabilities differ from the plain way "
            "in the last digits, so a greedy reply can take another word where two were "
            "almost tied. Automatic lets llama.cpp decide for this model and device."))
        self.kv_combo = QComboBox()
        self.kv_combo.setObjectName("kvCacheType")
        self.kv_combo.addItem(self.tr("f16 (exact)"), KVCacheType.F16)
        self.kv_combo.addItem(self.tr("q8_0 (half the memory)"), KVCacheType.Q8_0)
        self.kv_combo.addItem(self.tr("q4_0 (a quarter of the memory)"), KVCacheType.Q4_0)
        self.kv_combo.setCurrentIndex(self.kv_combo.findData(settings.kv_cache_type))
        self.kv_combo.setToolTip(self.tr(
            "How the model's memory of the conversation (the KV cache) is stored. Smaller "
            "formats fit longer conversations in the same memory and change the "
            "probabilities a little (q4_0 more than q8_0). They need flash attention."))
        self.snapshot_spin = QSpinBox()
        self.snapshot_spin.setObjectName("snapshotDisk")
        self.snapshot_spin.setRange(_AUTOMATIC, SNAPSHOT_MB_RANGE[1])
        self.snapshot_spin.setSingleStep(256)
        self.snapshot_spin.setSuffix(self.tr(" MB"))
        self.snapshot_spin.setSpecialValueText(self.tr("Automatic"))
        self.snapshot_spin.setValue(_AUTOMATIC if settings.snapshot_disk_mb is None
                                    else settings.snapshot_disk_mb)
        self.snapshot_spin.setToolTip(self.tr(
            "Conversations are kept ready on disk, so reopening one, even after a restart, "
            "answers as fast as if it had never been left. Beyond this space the least "
            "recently used go first. 0 keeps none; Automatic uses a tenth of the free "
            "space, up to 8 GB."))
        self.snapshot_usage = QLabel()
        self.snapshot_usage.setObjectName("snapshotUsage")
        self.snapshot_usage.setWordWrap(True)
        self.clear_snapshots_button = QPushButton(self.tr("Clear"))
        self.clear_snapshots_button.setObjectName("clearSnapshots")
        self.clear_snapshots_button.setToolTip(self.tr(
            "Delete the conversations kept ready. Nothing of the conversations themselves "
            "is lost: their next reply reads them again from the start."))
        snapshot_row = QWidget()
        row = QHBoxLayout(snapshot_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.snapshot_usage, 1)
        row.addWidget(self.clear_snapshots_button)
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
        for combo in (self.mode_combo, self.family_combo, self.policy_combo,
                      self.flash_combo, self.kv_combo):
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
        #: What the loaded model was loaded with (see :meth:`values`).
        self._loaded_with: tuple[Any, ...] | None = None
        for spin in (self.ctx_spin, self.gpu_spin, self.threads_spin, self.snapshot_spin):
            spin.valueChanged.connect(self._show_reload_hint)
        for combo in (self.flash_combo, self.kv_combo):
            combo.currentIndexChanged.connect(self._show_reload_hint)
        self.model_info = QLabel()
        self.model_info.setObjectName("modelInfo")
        self.model_info.setWordWrap(True)
        self.model_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Context length"), beside(
            self.ctx_spin, LessonId.CONTEXT, self.tr("Lesson: context length, and what falls out")))
        form.addRow(self.tr("GPU layers"), self.gpu_spin)
        form.addRow(self.tr("CPU threads"), self.threads_spin)
        form.addRow(self.tr("Flash attention"), self.flash_combo)
        form.addRow(self.tr("KV cache"), self.kv_combo)
        form.addRow(self.tr("Conversations kept ready on disk"), self.snapshot_spin)
        form.addRow(snapshot_row)
        form.addRow(self.tr("Mode"), beside(
            self.mode_combo, LessonId.BASE_INSTRUCT, self.tr("Lesson: base and instruct models")))
        form.addRow(self.tr("Output format"), self.family_combo)
        form.addRow(self.tr("When the conversation is too long"), self.policy_combo)
        form.addRow(self.read_ahead_check)
        form.addRow(self.edit_template_button)
        form.addRow(self.reload_hint)
        form.addRow(self.reload_button)
        form.addRow(self.model_info)

    def values(self) -> tuple[Any, ...]:
        """What loading a model takes from this tab, comparable with what it had."""
        return self._values(self.load_settings(Settings()))

    @staticmethod
    def _values(settings: Settings) -> tuple[Any, ...]:
        return (settings.n_ctx, settings.n_gpu_layers, settings.n_threads or 0,
                settings.flash_attention, settings.kv_cache_type, settings.snapshot_disk_mb)

    def mark_loaded(self, settings: Settings | None) -> None:
        """The model was loaded with ``settings`` (``None``: no model): the hint shows
        when the fields say something else."""
        self._loaded_with = None if settings is None else self._values(settings)
        self._show_reload_hint()

    def show_snapshot_usage(self, usage: FolderUsage, cap_bytes: int) -> None:
        """What the kept conversations take on disk, against their cap."""
        if cap_bytes <= 0:
            text = self.tr("Off: no conversation is kept ready.")
        else:
            text = self.tr("In use: %1 of %2 (conversations kept: %3)")
            text = text.replace("%1", size(usage.bytes)).replace(
                "%2", size(cap_bytes)).replace("%3", number(usage.files))
        self.snapshot_usage.setText(text)
        self.clear_snapshots_button.setEnabled(usage.files > 0)

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
        disk = self.snapshot_spin.value()
        return replace(settings, n_ctx=self.ctx_spin.value(), n_gpu_layers=self.gpu_spin.value(),
                       n_threads=self.threads_spin.value() or None,
                       flash_attention=FlashAttention(self.flash_combo.currentData()),
                       kv_cache_type=KVCacheType(self.kv_combo.currentData()),
                       snapshot_disk_mb=None if disk == _AUTOMATIC else disk)
