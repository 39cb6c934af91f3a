"""Lesson 6, context length: a conversation too long for a small context, under each
policy the app offers (``core.learn.context_lesson``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from core.conversation.types import ContextPolicy
from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.context_lesson import ContextResult, PolicyOutcome, run_context
from core.learn.engine import LessonSetup
from ui.error_texts import problem_text
from ui.format import number
from ui.learn.chat_views import ContextBar, MessageList
from ui.learn.page import LessonCall, LessonPage
from ui.theme import tint


class ContextPage(LessonPage):
    lesson = LessonId.CONTEXT

    def title(self) -> str:
        return self.tr("Context length: what falls out")

    def intro(self) -> str:
        return self.tr(
            "A model reads at most a fixed number of tokens at once: its <b>context</b>. "
            "Everything it knows about your chat must fit in it, the system prompt, "
            "every earlier message and room for its reply. A long conversation does "
            "not fit, and something must give. Here the chat's model is loaded with a "
            "small context on purpose, and a conversation whose first message tells the "
            "model your name is sent with each of Prosa's policies for this case.")

    def build(self, body: QVBoxLayout) -> None:
        self.fill_line = QLabel()
        self.fill_line.setObjectName("lessonFill")
        self.fill_line.setWordWrap(True)
        body.addWidget(self.fill_line)
        self.bar = ContextBar()
        body.addWidget(self.bar)
        self.legend = QLabel(self.tr(
            "Each block is a message the model reads (its words and the template around "
            "them); the line is where the prompt must end, the hatched part after it is "
            "kept for the reply. Below the bar: each message and its tokens."))
        self.legend.setWordWrap(True)
        tint(self.legend, "muted")
        body.addWidget(self.legend)
        self.messages = MessageList()
        body.addWidget(self.messages)
        self.policies = QGridLayout()
        self.policies.setColumnStretch(1, 1)
        self.policy_rows: dict[ContextPolicy, tuple[QLabel, ContextBar, QLabel]] = {}
        for row, policy in enumerate(ContextPolicy):
            name = QLabel(f"<b>{self.policy_name(policy)}</b>")
            name.setWordWrap(True)
            bar = ContextBar()
            outcome = QLabel()
            outcome.setObjectName(f"lessonPolicy-{policy.value}")
            outcome.setWordWrap(True)
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.HLine)
            self.policies.addWidget(frame, 3 * row, 0, 1, 2)
            self.policies.addWidget(name, 3 * row + 1, 0)
            self.policies.addWidget(bar, 3 * row + 1, 1)
            self.policies.addWidget(outcome, 3 * row + 2, 0, 1, 2)
            self.policy_rows[policy] = (name, bar, outcome)
        body.addLayout(self.policies)

    def policy_name(self, policy: ContextPolicy) -> str:
        # The Engine tab's names for the same choices.
        return {ContextPolicy.STOP: self.tr("Stop and say so"),
                ContextPolicy.DROP_OLDEST: self.tr("Drop the oldest messages"),
                ContextPolicy.DROP_MIDDLE: self.tr("Keep the first exchange, drop the "
                                                   "middle")}[policy]

    def call(self) -> LessonCall:
        def work(setup: LessonSetup) -> ContextResult:
            return run_context(setup)
        return work

    def show_result(self, result: Any) -> None:
        assert isinstance(result, ContextResult)
        self.fill_line.setText(self.tr(
            "%1 with a context of %2 tokens, %3 of them kept for the reply: the prompt "
            "may use %4. This conversation needs %5 tokens.")
            .replace("%1", result.model_name).replace("%2", number(result.n_ctx))
            .replace("%3", number(result.reply_room)).replace("%4", number(result.budget))
            .replace("%5", number(result.total_tokens)))
        self.bar.show_fill(result.messages, result.message_tokens, result.total_tokens,
                           result.budget, result.n_ctx, scale=result.total_tokens)
        scale = max(result.total_tokens, result.n_ctx)
        self.messages.show_messages(result.messages, counts=result.message_tokens,
                                    numbered=True)
        for outcome in result.outcomes:
            _, bar, label = self.policy_rows[outcome.policy]
            bar.show_fill(result.messages, result.message_tokens,
                          outcome.prompt_tokens or result.total_tokens, result.budget,
                          result.n_ctx, outcome.dropped, scale)
            label.setText(self._outcome_text(result, outcome))

    def _outcome_text(self, result: ContextResult, outcome: PolicyOutcome) -> str:
        if outcome.refused is not None:
            return self.tr("Nothing is sent: Prosa says so instead. “%1”").replace(
                "%1", problem_text(outcome.refused))
        if not outcome.dropped:
            return self.tr("Nothing left out: the conversation fits. The model answered: "
                           "“%1”").replace("%1", outcome.reply)
        numbers = ", ".join(number(i) for i in outcome.dropped)
        kept_system = 0 not in outcome.dropped and \
            result.messages[0].get("role") == "system"
        parts = [self.tr("Left out: messages %1; the model read %2 tokens.").replace("%1", numbers)
                 .replace("%2", number(outcome.prompt_tokens))]
        if kept_system:
            parts.append(self.tr("The system prompt and your last message stay."))
        if 1 in outcome.dropped:
            parts.append(self.tr("The message with your name is gone: the model never "
                                 "read it."))
        else:
            parts.append(self.tr("The message with your name is still read (whether a "
                                 "small model uses it is another matter)."))
        parts.append(self.tr("The model answered: “%1”").replace("%1", outcome.reply))
        return " ".join(parts)

    def try_it(self) -> TryIt:
        return TryIt(TryTarget.CONTEXT)
