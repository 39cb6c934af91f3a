"""The calls of a reply, from the model's request to the answer that reads the results.

When a reply ends with tool calls, each call becomes a ``tool`` message of the
conversation (saved at once, shown as a card) and is run, one after the other:

* a built-in tool the user turned on runs at once (turning it on was the consent);
* an MCP tool waits for the user ("allow once", "always for this tool", "deny")
  unless the user trusted it before;
* arguments are checked against the tool's schema by the host before anything runs
  (an invalid call goes back to the model as an error result, never to the tool);
* calls past the conversation's limit per reply are not run: the model is told so,
  and its next turn may not call tools (the loop is bounded).

When every call of the reply has its result, the model is asked again with the
results in the prompt.  A forced tool choice ("required", a named tool) applies to the
first turn only: the turn that reads the results may answer in words (or the loop
would never end).  Stopping while calls wait denies them and asks nothing more.

The host (the window, or a test) runs tools off this thread and calls back on it;
this module only decides, in the controller's thread, like the rest of ``core.chat``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from core.conversation.session import ChatMessage, ChatSession
from core.conversation.types import MessageStatus, Role
from core.tools.choice import ToolChoice, ToolChoiceMode, ToolOffer
from core.tools.runs import Approval, RunStatus, ToolRun
from core.tools.selection import ToolsState
from core.tools.spec import ToolSource, ToolSpec
from core.tools.toolbox import denied_run, limit_run, stopped_run


class ToolHost(Protocol):
    """What the loop needs from whoever owns the tools (built-ins, MCP servers)."""

    def specs(self, state: ToolsState) -> tuple[ToolSpec, ...]:
        """The tools ``state`` turns on that are available now."""

    def execute(self, run: ToolRun, state: ToolsState,
                done: Callable[[ToolRun], None]) -> None:
        """Check the arguments and run the call off the caller's thread; ``done`` gets
        the finished run on the caller's thread (never raises: failures are runs)."""

    def trusted(self, run: ToolRun) -> bool:
        """Whether the user said "always" for this tool (of this server)."""

    def trust(self, run: ToolRun) -> None:
        """Remember "always for this tool"."""


class ToolView(Protocol):
    """How the loop shows what it does (the controller's screen)."""

    def show_message_added(self, message: ChatMessage, index: int) -> None: ...

    def show_tool_run(self, message: ChatMessage, index: int) -> None: ...


@dataclass
class _Pending:
    message: ChatMessage
    index: int


class ToolLoop:
    def __init__(self, session: Callable[[], ChatSession], host: ToolHost | None,
                 view: ToolView, resume: Callable[[ToolChoice], None]) -> None:
        self._session = session
        self.host = host
        self._view = view
        #: Ask the model again, with this tool choice (the results are in the prompt).
        self._resume = resume
        self._queue: list[_Pending] = []
        self._running: _Pending | None = None
        self._state = ToolsState()
        #: The choice for the next turn (``None``: the conversation's own).
        self._next_choice: ToolChoice | None = None

    # --- what the model is offered ---------------------------------------------------

    def offer(self, state: ToolsState) -> ToolOffer | None:
        """The tools, choice and shape of the next reply (``None``: plain chat)."""
        tools: tuple[ToolSpec, ...] = ()
        if state.active and self.host is not None:
            tools = self.host.specs(state)
        if not tools and state.constraint is None:
            return None
        choice = self._next_choice or state.choice
        if not tools:
            choice = ToolChoice(ToolChoiceMode.NONE)
        return ToolOffer(tuple(spec.to_openai() for spec in tools), choice,
                         state.constraint)

    def user_turn(self) -> None:
        """A new message from the user: the conversation's own choice applies again."""
        self._next_choice = None

    @property
    def busy(self) -> bool:
        """Calls are waiting or running: the conversation is not ready for a message."""
        return self._running is not None or bool(self._queue)

    # --- a reply that called tools -----------------------------------------------------

    def wants(self, reply: ChatMessage, state: ToolsState) -> bool:
        """Whether :meth:`take` would run calls for this reply (it called tools, ended
        by itself, and tools are on)."""
        return bool(reply.tool_calls) and reply.status == MessageStatus.DONE \
            and state.active and self.host is not None

    def take(self, reply: ChatMessage, state: ToolsState) -> bool:
        """Start the calls of a reply that just ended; False when there are none to run
        (no tools offered, the reply did not end by itself, or it called nothing)."""
        if not self.wants(reply, state) or self.host is None:
            return False
        session = self._session()
        self._state = state
        made = _calls_since_user(session.messages[:-1])
        specs = {spec.name: spec for spec in self.host.specs(state)}
        for call in reply.tool_calls:
            made += 1
            spec = specs.get(call.name)
            run = ToolRun(call.id or "", call.name, dict(call.arguments),
                          spec.source if spec else ToolSource.BUILTIN,
                          spec.server if spec else "")
            if made > state.max_calls:
                run = limit_run(run, state.max_calls)
            message = session.add_tool_result(run)
            index = len(session.messages) - 1
            self._view.show_message_added(message, index)
            if not run.finished:
                self._queue.append(_Pending(message, index))
        self._next_choice = ToolChoice(ToolChoiceMode.NONE) if made >= state.max_calls \
            else _after_call(state.choice)
        self._advance()
        return True

    def approve(self, call_id: str, approval: Approval) -> None:
        """The user's answer to the waiting call ``call_id`` (others are ignored)."""
        pending = self._running
        if pending is None or pending.message.tool_run is None \
                or pending.message.tool_run.call_id != call_id \
                or pending.message.tool_run.status != RunStatus.WAITING:
            return
        run = pending.message.tool_run
        if not approval.allowed:
            self._finish(pending, denied_run(run))
            return
        if approval.always and self.host is not None:
            self.host.trust(run)
        self._run(pending, run)

    def stop(self) -> bool:
        """Stop: deny every call not yet run; nothing more is asked.  True when there
        were calls to stop."""
        if not self.busy:
            return False
        waiting = ([self._running] if self._running is not None else []) + self._queue
        self._queue.clear()
        self._running = None
        self._next_choice = None
        for pending in waiting:
            run = pending.message.tool_run
            if run is not None and not run.finished:
                self._store(pending, stopped_run(run))
        return True

    # --- one call after the other --------------------------------------------------------

    def _advance(self) -> None:
        if self._running is not None:
            return
        if not self._queue:
            self._resume(self._next_choice or self._state.choice)
            return
        pending = self._queue.pop(0)
        self._running = pending
        run = pending.message.tool_run
        assert run is not None
        needs_consent = run.source is ToolSource.MCP and self.host is not None \
            and not self.host.trusted(run)
        if needs_consent:
            self._view.show_tool_run(pending.message, pending.index)  # waiting: the card asks
        else:
            self._run(pending, run)

    def _run(self, pending: _Pending, run: ToolRun) -> None:
        assert self.host is not None
        self._store(pending, run.with_status(RunStatus.RUNNING))

        def done(finished: ToolRun) -> None:
            if self._running is pending:  # not stopped meanwhile
                self._finish(pending, finished)

        self.host.execute(run, self._state, done)

    def _finish(self, pending: _Pending, run: ToolRun) -> None:
        self._store(pending, run)
        self._running = None
        self._advance()

    def _store(self, pending: _Pending, run: ToolRun) -> None:
        self._session().update_tool_result(pending.message, run)
        self._view.show_tool_run(pending.message, pending.index)


def _calls_since_user(messages: Sequence[ChatMessage]) -> int:
    """Tool calls already made since the user's last message (the reply's budget)."""
    made = 0
    for message in reversed(messages):
        if message.role == Role.USER:
            break
        made += len(message.tool_calls)
    return made


def _after_call(choice: ToolChoice) -> ToolChoice:
    """A forced choice is for the first turn: the next one may answer in words."""
    return replace(choice, mode=ToolChoiceMode.AUTO, name=None) if choice.forces_call \
        else choice

