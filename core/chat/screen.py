"""What the chat controller asks a window to show, and the status it keeps for it.

The controller (``core.chat.controller``) decides; a :class:`Screen` only shows.  The
window implements it with Qt widgets; tests implement it with a recorder.  The status
bar's facts are one value, :class:`Status`, computed by the controller from what
happened (a model loading, a reply streaming, the engine gone), so the window never
keeps a stale "131 tokens…" of its own.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from core.conversation.session import ChatMessage
from core.engine.protocol import ModelLoaded, PromptInspection
from core.errors import Problem


class Topic(enum.StrEnum):
    """What a problem is about, so it can be cleared when that is resolved (a model
    that loads clears the failed load's message) instead of staying on screen."""

    MODEL = "model"  # loading or opening a model
    SEND = "send"  # sending a message (settings, a prompt that does not fit)
    CONVERSATION = "conversation"  # opening, editing or switching a conversation
    TEMPLATE = "template"  # the chat template, inspecting a prompt
    FILES = "files"  # importing, exporting
    GENERAL = "general"


@dataclass(frozen=True)
class Status:
    """The status bar: the model and what the engine is doing, the last reply's speed,
    and the context used.  ``None`` means "nothing to show"."""

    #: The model loaded, or being loaded (its file name), or ``None``.
    model: str | None = None
    #: The model is loading: how far (0..1).
    loading: float | None = None
    #: The engine process died; it starts again with the next message.
    engine_down: bool = False
    #: Tokens of the reply being generated, while it streams.
    streamed_tokens: int | None = None
    #: The last finished reply in this conversation.
    tokens_per_s: float | None = None
    ttft_ms: float | None = None
    #: Tokens the conversation (with the draft) uses, of the model's context.
    context_used: int | None = None
    context_total: int = 0
    #: Of the context, what the prompt may use: the rest is kept for the reply.
    context_budget: int | None = None
    #: Of the tokens used, already in the engine's cache (read ahead).
    context_ready: int | None = None

    @property
    def too_long(self) -> bool:
        """The conversation with the draft does not fit with room for the reply."""
        return (self.context_used is not None and self.context_budget is not None
                and self.context_used > self.context_budget)


class Screen(Protocol):
    """The window, as the controller sees it."""

    def show_conversation(self, messages: Sequence[ChatMessage]) -> None:
        """Show these messages, replacing what is shown."""

    def show_message_added(self, message: ChatMessage, index: int) -> None:
        """A message was appended at ``index``."""

    def show_reply_started(self, index: int) -> None:
        """A reply begins at ``index``; text follows with :meth:`show_reply_text`."""

    def show_reply_text(self, text: str) -> None:
        """More text of the reply being generated."""

    def show_reply_reasoning(self, text: str, tokens: int) -> None:
        """More reasoning of the reply being generated (it comes before the answer's
        text); ``tokens``: the reply's reasoning tokens so far."""

    def show_reply_finished(self, message: ChatMessage) -> None:
        """The reply ended (completely, stopped, cut, or with its problem)."""

    def show_problem(self, problem: Problem, topic: Topic) -> None:
        """Something went wrong outside a reply: shown once, where the user looks,
        until :meth:`clear_problems` says its topic is resolved."""

    def clear_problems(self, topic: Topic) -> None:
        """What went wrong about ``topic`` is resolved: stop showing it."""

    def show_notice(self, problem: Problem) -> None:
        """Something worth a passing mention (the status bar)."""

    def show_busy(self, busy: bool) -> None:
        """A reply is being generated (Send off, Stop on) or not."""

    def show_status(self, status: Status) -> None:
        """The status bar's facts changed."""

    def show_model(self, loaded: ModelLoaded | None) -> None:
        """The model in use changed (``None``: no model)."""

    def show_inspection(self, inspection: PromptInspection) -> None:
        """The exact prompt asked for with ``inspect_*`` arrived."""

    def show_conversation_selected(self, conversation_id: int | None) -> None:
        """The conversation shown is this one (``None``: a new, unsaved chat)."""

    def show_tool_run(self, message: ChatMessage, index: int) -> None:
        """The tool message at ``index`` changed (waiting for the user, running,
        finished): redraw its card."""
