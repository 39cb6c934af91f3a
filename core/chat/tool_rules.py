"""The controller's part for tools: what each request offers, the conversation's
tools settings, and the user's answers to waiting calls (``core.chat.tool_loop`` runs
the calls themselves).

A mixin of :class:`core.chat.controller.ChatController`, kept apart so the
controller's module stays about replies in general.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from core.chat.screen import Topic
from core.chat.tool_loop import ToolHost, ToolLoop
from core.conversation.session import ChatSession
from core.errors import ProsaError
from core.sampling.params import SamplingParams
from core.tools.choice import ToolChoice, ToolOffer
from core.tools.runs import Approval
from core.tools.selection import ToolsState

if TYPE_CHECKING:
    from core.chat.screen import Screen
    from core.engine.protocol import ModelLoaded


class ToolRules:
    if TYPE_CHECKING:
        session: ChatSession
        screen: Screen
        loaded: ModelLoaded | None

        def _start_reply(self, params: SamplingParams, reply_prefix: tuple[int, ...] = (),
                         choice: ToolChoice | None = None) -> None: ...

    tools: ToolLoop
    #: The settings the reply being made was asked with (a turn after tools reuses them).
    _reply_params: SamplingParams | None = None

    def _setup_tools(self, host: ToolHost | None) -> None:
        self.tools = ToolLoop(lambda: self.session, host, self.screen, self._after_tools)

    def tool_offer(self, choice: ToolChoice | None = None) -> ToolOffer | None:
        """What the next request offers (``choice`` replaces the conversation's).

        Tools go only to a model whose template shows them (the Tools tab says so
        otherwise): offering them anyway would refuse every message."""
        offer = self.tools.offer(self.tools_state())
        if offer is not None and choice is not None:
            offer = ToolOffer(offer.tools, choice, offer.constraint)
        return offer

    def tools_state(self) -> ToolsState:
        """The conversation's tools as they apply to the loaded model: off when its
        template cannot show tools (a call it writes anyway is then not run)."""
        state = self.session.tools
        if self.loaded is not None and not self.loaded.tools_supported:
            return replace(state, enabled=False)
        return state

    def set_tools(self, state: ToolsState) -> None:
        """The conversation's tools, tool choice and reply shape (kept with it)."""
        try:
            self.session.set_tools(state)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)

    def approve_tool(self, call_id: str, approval: Approval) -> None:
        """The user answered a call waiting on its card."""
        self.tools.approve(call_id, approval)

    def _after_tools(self, choice: ToolChoice) -> None:
        """Every call of the reply has its result: the model reads them and goes on."""
        if self._reply_params is not None:
            self._start_reply(self._reply_params, choice=choice)
