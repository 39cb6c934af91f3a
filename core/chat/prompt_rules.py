"""The prompt half of the controller: inspecting a prompt, and keeping the context
count and the read-ahead true while the user types.

A part of :class:`core.chat.controller.ChatController` kept in its own module (a
mixin): what the model would read changes with every keystroke, a branch, a system
prompt or another conversation; these rules ask the engine to count it, to read it
ahead, or to show it exactly, and never while a reply streams.
"""

from __future__ import annotations

import json
from contextlib import suppress
from typing import TYPE_CHECKING

from core.chat.context_meter import ContextMeter
from core.chat.screen import Screen, Topic
from core.conversation.session import ChatSession
from core.conversation.types import ContextPolicy, Message, ThinkingSettings
from core.engine.protocol import ModelLoaded, PromptCount
from core.engine.seam import Engine
from core.errors import ProsaError
from core.output.types import Family
from core.sampling.params import SamplingParams
from core.settings import Settings
from core.tools.choice import ToolChoice, ToolOffer


class PromptRules:
    """See the module docstring."""

    engine: Engine
    settings: Settings
    screen: Screen
    session: ChatSession
    loaded: ModelLoaded | None
    meter: ContextMeter
    force_family: Family | None
    _inspect_id: int | None
    _read_ahead_id: int | None
    _read_ahead_key: str | None

    def inspect_draft(self, draft: str) -> None:
        self._inspect(self.session.request_messages(draft=draft))

    def inspect_message(self, index: int) -> None:
        self._inspect(self.session.prompt_for(index))

    def _inspect(self, messages: list[Message]) -> None:
        try:
            self._inspect_id = self.engine.inspect(messages, thinking=self.thinking,
                                                   output_family=self.force_family,
                                                   offer=self.tool_offer())
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.TEMPLATE)

    def prompt_changed(self, draft: str, params: SamplingParams) -> None:
        """What the model would read changed (typing, a branch, a system prompt, another
        conversation): count it again, and read it ahead when that is on."""
        if self.loaded is None or self.session.streaming is not None:
            return
        messages = self.session.request_messages(upto=len(self.session.messages), draft=draft)
        with suppress(ProsaError):  # invalid settings: the panel and sending say why
            known = self.meter.ask(self.engine, messages, params.validated(),
                                   ContextPolicy(self.session.context_policy), self.thinking,
                                   self.tool_offer())
            if known is not None:
                self._show_count(known)
        self.read_ahead(draft, params)

    def read_ahead(self, draft: str, params: SamplingParams) -> None:
        """Let the idle engine evaluate the conversation and the draft as they stand, so
        the reply to the message being typed starts at once (see ``ReadAhead``)."""
        if not self.settings.read_ahead or self.loaded is None \
                or self.session.streaming is not None:
            return
        try:
            params.validated()
        except ProsaError:
            return  # the sampling panel explains the settings; sending will too
        messages = self.session.request_messages(upto=len(self.session.messages), draft=draft)
        key = json.dumps([messages, self.session.context_policy, params.max_tokens,
                          self.thinking.to_dict()], sort_keys=True, default=str)
        if key == self._read_ahead_key:
            return
        request_id = self.engine.read_ahead(messages, params,
                                            ContextPolicy(self.session.context_policy),
                                            thinking=self.thinking, offer=self.tool_offer())
        if request_id is not None:
            self._read_ahead_id, self._read_ahead_key = request_id, key

    def forget_read_ahead(self) -> None:
        """The engine's cache changed (a reply, another model): read again next time."""
        self._read_ahead_key = None
        self._read_ahead_id = None

    if TYPE_CHECKING:  # the controller's and ToolRules' own (a mixin's stubs go last)
        @property
        def thinking(self) -> ThinkingSettings: ...

        def tool_offer(self, choice: ToolChoice | None = None) -> ToolOffer | None: ...

        def _show_count(self, count: PromptCount) -> None: ...
