"""End to end with the bundled SmolLM2, the real engine process, the real calculator and
SQLite: tool choice "required" makes the model call the calculator with arguments that
match its schema, the result is kept as a tool message, and the model's next turn reads
it through the template (the prompt inspector shows it, token by token).

SmolLM2's own template has no tools, so the conversation uses Prosa's built-in
"chatml-tools" template (Hermes-style calls), as a user would choose it in the
template editor."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from core.chat.controller import ChatController
from core.conversation.store import ConversationStore
from core.conversation.types import Role
from core.engine.client import EngineClient
from core.engine.protocol import Event, PromptInspection
from core.sampling.params import SamplingParams
from core.settings import Settings
from core.templates.fallbacks import fallback_source
from core.templates.overrides import TemplateOverrides
from core.tools.builtin import calculator
from core.tools.choice import ToolChoice, ToolChoiceMode
from core.tools.host import LocalToolHost
from core.tools.runs import RunStatus, ToolRun
from core.tools.selection import ToolsState
from tests.chat.test_controller import Recorder

pytestmark = [pytest.mark.model, pytest.mark.timeout(240)]


class Delivery:
    """A finished tool run, handed back on the test's thread (as the window's tasks do)."""

    def __init__(self, done: Callable[[ToolRun], None], run: ToolRun) -> None:
        self.done, self.run = done, run


def test_required_calculator_call_runs_and_the_next_turn_reads_it(
        starter_model: Path, tmp_path: Path) -> None:
    inbox: queue.Queue[Event | Delivery] = queue.Queue()

    def background(work: Callable[[], ToolRun], done: Callable[[ToolRun], None]) -> None:
        threading.Thread(target=lambda: inbox.put(Delivery(done, work())), daemon=True).start()

    overrides = TemplateOverrides(tmp_path / "overrides.json")
    overrides.set(str(starter_model), fallback_source("chatml-tools"))
    engine = EngineClient(inbox.put)
    screen = Recorder()
    store = ConversationStore(tmp_path / "conversations.db")
    controller = ChatController(store, engine, Settings(read_ahead=False), overrides, screen,
                                lambda _: None, LocalToolHost(background))

    def pump(until: Callable[[], bool], timeout: float = 180.0) -> None:
        import time
        deadline = time.monotonic() + timeout
        while not until():
            assert time.monotonic() < deadline, "the expected events did not arrive"
            try:
                item: Any = inbox.get(timeout=0.05)
            except queue.Empty:
                continue
            if isinstance(item, Delivery):
                item.done(item.run)
            else:
                controller.handle(item)

    try:
        controller.load_model(str(starter_model))
        pump(lambda: controller.loaded is not None)
        assert controller.loaded is not None and controller.loaded.template_source == "override"
        controller.set_tools(ToolsState(enabled=True, builtin=frozenset({calculator.NAME}),
                                        choice=ToolChoice(ToolChoiceMode.REQUIRED)))
        params = SamplingParams(strategy="greedy", max_tokens=48)
        assert controller.send("What is 17 times 23?", params)
        messages = controller.session.messages
        pump(lambda: len(messages) >= 4 and controller.session.streaming is None
             and not controller.tools.busy)
        user, reply, result, answer = messages[:4]
        assert (user.role, reply.role, result.role, answer.role) == (
            Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT)
        (call,) = reply.tool_calls
        assert call.name == calculator.NAME
        jsonschema.validate(dict(call.arguments), dict(calculator.SPEC.parameters))
        run = result.tool_run
        assert run is not None and run.status is RunStatus.DONE, run
        assert run.result and run.call_id == call.id
        # Everything is in SQLite, and the model's next turn read the result: the prompt
        # that made the answer holds it inside the template's tool-response turn.
        stored = store.current_path(controller.session.conversation_id or 0)
        assert [m.role for m in stored[:4]] == [Role.USER, Role.ASSISTANT, Role.TOOL,
                                              Role.ASSISTANT]
        controller.inspect_message(3)
        pump(lambda: any(kind == "inspection" for kind, _ in screen.shown))
        inspection = next(value for kind, value in screen.shown if kind == "inspection")
        assert isinstance(inspection, PromptInspection)
        assert f"<tool_response>\n{run.result}\n</tool_response>" in inspection.text
        assert '<tool_call>\n{"name": "calculator"' in inspection.text
        assert "".join(t.piece for t in inspection.tokens).endswith("assistant\n")
    finally:
        engine.close()
        store.close()
