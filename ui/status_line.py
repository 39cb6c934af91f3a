"""The status bar: the model and its template, load progress, speed and context.

It only draws :class:`core.chat.screen.Status`, which the controller keeps true: the
window never counts tokens or remembers speeds of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from core.chat.screen import Status
from core.engine.protocol import ModelLoaded
from core.errors import Problem
from core.templates.fallbacks import FAMILY_LABELS
from ui.error_texts import problem_text
from ui.format import decimal, number
from ui.theme import tint


class StatusLine(QObject):
    """The widgets of the window's status bar, and how a :class:`Status` looks there."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
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
            # Steady widths in the system font's size: numbers do not shift the bar.
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("0") * 11)
            bar.addPermanentWidget(label)

    def show(self, status: Status) -> None:
        if status.model is None:
            self.model_label.setText(self.tr("No model"))
        elif status.loading is not None:
            self.model_label.setText(self.tr("Loading %1…").replace("%1", status.model))
        elif status.engine_down:
            self.model_label.setText(self.tr("%1 (engine restarts with the next message)")
                                     .replace("%1", status.model))
        else:
            self.model_label.setText(status.model)
        self.progress.setVisible(status.loading is not None)
        self.progress.setValue(int((status.loading or 0) * 100))
        if status.streamed_tokens is not None:
            count = status.streamed_tokens
            self.speed_label.setText(self.tr("1 token…") if count == 1
                                     else self.tr("%1 tokens…").replace("%1", number(count)))
        elif status.tokens_per_s is not None:
            speed = decimal(status.tokens_per_s)
            self.speed_label.setText(self.tr("%1 tok/s").replace("%1", speed))
        else:
            self.speed_label.setText("")
        self.ttft_label.setText(
            self.tr("first token %1 ms").replace("%1", number(round(status.ttft_ms)))
            if status.ttft_ms is not None and status.streamed_tokens is None else "")
        self._show_context(status)

    def _show_context(self, status: Status) -> None:
        used, total = status.context_used, status.context_total
        if not total or used is None:
            self.context_label.setText("")
            self.context_label.setToolTip("")
            return
        if status.too_long and status.context_budget is not None:
            self.context_label.setText(self.tr("context %1 / %2: too long")
                                       .replace("%1", number(used)).replace("%2", number(total)))
            tint(self.context_label, "error")
            self.context_label.setToolTip(self.tr(
                "The conversation with your draft needs %1 tokens, but the model's context "
                "holds %2, %3 of them kept for the reply. Shorten the message, start a new "
                "chat, raise the context length, or let Prosa drop old messages (Engine "
                "tab).").replace("%1", number(used)).replace("%2", number(total))
                .replace("%3", number(total - status.context_budget)))
            return
        tint(self.context_label, None)
        self.context_label.setText(self.tr("context %1 / %2").replace("%1", number(used))
                                   .replace("%2", number(total)))
        tip = self.tr("Tokens this conversation would use with your draft, out of the "
                      "model's context.")
        if status.context_ready:
            tip = self.tr("Tokens this conversation would use with your draft, out of the "
                          "model's context. %1 of them are already read, so the reply will "
                          "start sooner.").replace("%1", number(status.context_ready))
        self.context_label.setToolTip(tip)

    def show_model(self, loaded: ModelLoaded | None) -> None:
        self.template_button.setVisible(loaded is not None)
        if loaded is None:
            self.model_label.setToolTip("")
            return
        # A server's model: the server that answers, not its reference.
        self.model_label.setToolTip(loaded.engine if loaded.remote else loaded.model_path)
        self.template_button.setText(self.template_text(loaded))
        self.template_button.setToolTip(reason_text(loaded))

    def template_text(self, loaded: ModelLoaded) -> str:
        if loaded.mode == "completion":
            return self.tr("Completion mode")
        labels = {
            "model": self.tr("Template: the model's own"),
            "model-variant": self.tr("Template: the model's tool-use variant"),
            "override": self.tr("Template: your override"),
            "server": self.tr("Template: the server's own"),
            "fallback": self.tr("Template: built-in %1").replace(
                "%1", FAMILY_LABELS.get(loaded.template_family or "", loaded.template_label)),
        }
        return labels.get(loaded.template_source, loaded.template_label)


def reason_text(loaded: ModelLoaded) -> str:
    """Why this template, in the user's language."""
    reason: object = loaded.template_reason
    return problem_text(reason) if isinstance(reason, Problem) else str(reason)
