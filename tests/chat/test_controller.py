"""The chat's rules, headless: the controller with a scripted engine, a real SQLite store
and a screen that records what it was asked to show.  No Qt, no model."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from core.chat.controller import ChatController
from core.chat.screen import Status, Topic
from core.chat.tool_loop import ToolHost
from core.conversation.session import ChatMessage
from core.conversation.store import ConversationStore
from core.conversation.types import FinishReason, GenerationStats, MessageStatus
from core.engine.protocol import (
    CountPrompt,
    Event,
    Generate,
    ModelLoaded,
    PromptInspection,
    ReadAhead,
)
from core.engine.scripted import ScriptedEngine, scripted_tokens
from core.errors import Problem
from core.sampling.params import SamplingParams
from core.settings import Settings
from core.templates.overrides import TemplateOverrides

GREEDY = SamplingParams(temperature=0.0, max_tokens=64)
CRASH = Problem.of("engine.died.killed", "The engine process was killed ({signal}).",
                   signal="SIGKILL")


@dataclass
class Recorder:
    """A Screen that keeps everything it was asked to show."""

    shown: list[tuple[str, Any]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    #: The reply's reasoning as shown, and its token counts as they grew.
    reasoning: list[str] = field(default_factory=list)
    reasoning_tokens: list[int] = field(default_factory=list)
    status: Status = field(default_factory=Status)
    busy: bool = False
    model: ModelLoaded | None = None
    selected: int | None = None
    #: What the screen shows outside replies now, by topic.
    problems: dict[Topic, Problem] = field(default_factory=dict)

    def calls(self, kind: str) -> list[Any]:
        return [value for name, value in self.shown if name == kind]

    def show_conversation(self, messages: Sequence[ChatMessage]) -> None:
        self.shown.append(("conversation", list(messages)))

    def show_message_added(self, message: ChatMessage, index: int) -> None:
        self.shown.append(("added", (message.role, message.content, index)))

    def show_reply_started(self, index: int) -> None:
        self.text.clear()
        self.reasoning.clear()
        self.reasoning_tokens.clear()
        self.shown.append(("reply_started", index))

    def show_reply_text(self, text: str) -> None:
        self.text.append(text)

    def show_reply_reasoning(self, text: str, tokens: int) -> None:
        self.reasoning.append(text)
        self.reasoning_tokens.append(tokens)
        self.shown.append(("reasoning", text))

    def show_reply_finished(self, message: ChatMessage) -> None:
        self.shown.append(("reply_finished", message))

    def show_problem(self, problem: Problem, topic: Topic) -> None:
        self.shown.append(("problem", problem))
        self.problems[topic] = problem

    def clear_problems(self, topic: Topic) -> None:
        self.problems.pop(topic, None)

    def show_notice(self, problem: Problem) -> None:
        self.shown.append(("notice", problem))

    def show_busy(self, busy: bool) -> None:
        self.busy = busy

    def show_status(self, status: Status) -> None:
        self.status = status

    def show_model(self, loaded: ModelLoaded | None) -> None:
        self.model = loaded

    def show_inspection(self, inspection: PromptInspection) -> None:
        self.shown.append(("inspection", inspection))

    def show_conversation_selected(self, conversation_id: int | None) -> None:
        self.selected = conversation_id

    def show_tool_run(self, message: ChatMessage, index: int) -> None:
        assert message.tool_run is not None
        self.shown.append(("tool_run", (index, message.tool_run.status)))


@dataclass
class Chat:
    controller: ChatController
    engine: ScriptedEngine
    screen: Recorder
    store: ConversationStore
    saved: list[Settings]
    events: queue.Queue[Event]

    def pump(self, until: Any = None, timeout: float = 5.0) -> None:
        """Hand the engine's events to the controller on this thread, as the window's
        bridge does; until ``until()`` holds (or the queue is empty)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.controller.handle(self.events.get(timeout=0.01))
            except queue.Empty:
                if until is None or until():
                    return
            if time.monotonic() > deadline:
                raise AssertionError("the expected events did not arrive")


def make_chat(tmp_path: Path, threaded: bool = False, settings: Settings | None = None,
              tool_host: ToolHost | None = None) -> Chat:
    events: queue.Queue[Event] = queue.Queue()
    engine = ScriptedEngine(events.put, threaded=threaded, token_delay_s=0.02)
    screen = Recorder()
    store = ConversationStore(tmp_path / "conversations.db")
    saved: list[Settings] = []
    controller = ChatController(store, engine, settings or Settings(),
                                TemplateOverrides(tmp_path / "overrides.json"), screen,
                                saved.append, tool_host)
    return Chat(controller, engine, screen, store, saved, events)


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    made = make_chat(tmp_path)
    made.controller.load_model(str(tmp_path / "smol.gguf"))
    made.pump()
    yield made
    made.engine.close()
    made.store.close()


def test_loading_a_model_shows_it_and_remembers_it(chat: Chat, tmp_path: Path) -> None:
    assert chat.screen.model is not None and chat.screen.model.model_name == "smol"
    assert chat.screen.status.model == "smol" and chat.screen.status.loading is None
    assert chat.screen.status.context_total == 2048
    assert chat.saved[-1].last_model == str(tmp_path / "smol.gguf")


def test_a_reply_streams_finishes_and_is_saved(chat: Chat) -> None:
    chat.engine.enqueue_reply("The sky ", "is blue.", stats=GenerationStats(
        prompt_tokens=30, completion_tokens=4, ttft_ms=12.0, tokens_per_s=80.0))
    assert chat.controller.send("Why is the sky blue?", GREEDY)
    chat.pump()
    assert chat.screen.calls("added") == [("user", "Why is the sky blue?", 0)]
    assert chat.screen.calls("reply_started") == [1]
    assert "".join(chat.screen.text) == "The sky is blue."
    finished = chat.screen.calls("reply_finished")[0]
    assert finished.status == MessageStatus.DONE and finished.content == "The sky is blue."
    assert not chat.screen.busy
    assert chat.screen.status.tokens_per_s == 80.0 and chat.screen.status.context_used == 34
    assert chat.screen.status.streamed_tokens is None  # no stale "4 tokens…"
    stored = chat.store.current_path(chat.controller.session.conversation_id or 0)
    assert [(m.role, m.content, m.status) for m in stored] == [
        ("user", "Why is the sky blue?", "done"), ("assistant", "The sky is blue.", "done")]
    request = next(r for r in chat.engine.requests if isinstance(r, Generate))
    assert request.messages[-1] == {"role": "user", "content": "Why is the sky blue?"}
    assert request.sampling.temperature == 0.0
    assert chat.screen.selected == chat.controller.session.conversation_id


def test_each_finish_reason_becomes_its_own_status(chat: Chat) -> None:
    for reason, status in ((FinishReason.LENGTH, MessageStatus.LENGTH),
                           (FinishReason.CONTEXT, MessageStatus.CONTEXT)):
        chat.engine.enqueue_reply("cut", reason=reason)
        chat.controller.send("Go on.", GREEDY)
        chat.pump()
        assert chat.screen.calls("reply_finished")[-1].status == status


def test_stop_ends_the_reply_and_keeps_what_was_streamed(tmp_path: Path) -> None:
    chat = make_chat(tmp_path, threaded=True)
    chat.controller.load_model(str(tmp_path / "smol.gguf"))
    chat.pump(lambda: chat.screen.model is not None)
    chat.engine.enqueue_reply(*[f"word{i} " for i in range(200)])
    chat.controller.send("Tell me a long story.", GREEDY)
    chat.pump(lambda: len(chat.screen.text) >= 3)
    assert chat.screen.busy and (chat.screen.status.streamed_tokens or 0) >= 3
    chat.controller.stop()
    chat.pump(lambda: bool(chat.screen.calls("reply_finished")))
    reply = chat.screen.calls("reply_finished")[0]
    assert reply.status == MessageStatus.STOPPED
    assert reply.content.startswith("word0 word1 word2") and len(reply.content) < 1000
    assert not chat.screen.busy
    chat.engine.close()
    chat.store.close()


def test_an_engine_error_ends_the_reply_once_with_its_problem(chat: Chat) -> None:
    problem = Problem.of("engine.failed", "The engine failed: {error}", error="boom")
    chat.engine.enqueue_failure(problem, "Half ")
    chat.controller.send("Hello", GREEDY)
    chat.pump()
    reply = chat.screen.calls("reply_finished")[0]
    assert reply.status == MessageStatus.ERROR and reply.problem == problem
    assert chat.screen.calls("problem") == []  # shown with the reply, not twice
    assert not chat.screen.busy and chat.screen.status.streamed_tokens is None


def test_a_crash_keeps_the_partial_reply_and_the_next_message_works(chat: Chat) -> None:
    chat.engine.enqueue_crash(CRASH, "Once upon ")
    chat.controller.send("A story?", GREEDY)
    chat.pump()
    reply = chat.screen.calls("reply_finished")[0]
    assert reply.status == MessageStatus.INTERRUPTED and reply.content == "Once upon "
    assert reply.problem == CRASH
    assert chat.screen.status.engine_down and chat.screen.status.streamed_tokens is None
    chat.engine.enqueue_reply("Again.")
    assert chat.controller.send("Try again?", GREEDY)
    chat.pump()
    assert chat.screen.calls("reply_finished")[-1].content == "Again."
    assert not chat.screen.status.engine_down


def test_a_model_that_fails_to_load_is_forgotten(tmp_path: Path) -> None:
    settings = Settings(recent_models=(str(tmp_path / "bad.gguf"), "other.gguf"))
    chat = make_chat(tmp_path, settings=settings)
    failure = Problem.of("gguf.truncated", "This GGUF file is truncated.")
    chat.engine.enqueue_load_failure(failure)
    chat.controller.load_model(str(tmp_path / "bad.gguf"))
    chat.pump()
    shown = chat.screen.calls("problem")[0]
    assert shown.code == "chat.load_failed" and shown.cause == failure
    assert shown.message == "The model could not be loaded: This GGUF file is truncated."
    assert chat.screen.model is None and chat.screen.status.model is None
    assert chat.saved[-1].recent_models == ("other.gguf",)
    assert not chat.controller.send("Hello?", GREEDY)
    assert chat.screen.calls("problem")[-1].code == "chat.pick_model"


def test_a_model_that_crashed_while_loading_is_not_loaded_again(tmp_path: Path) -> None:
    model = tmp_path / "crashy.gguf"
    model.write_bytes(b"GGUF")
    chat = make_chat(tmp_path)
    chat.controller.model_path = str(model)
    from core.engine.protocol import EngineDied

    chat.controller.handle(EngineDied(-11, CRASH, None, during_load=True))
    assert chat.saved[-1].crashed_model == str(model)
    again = make_chat(tmp_path / "again", settings=replace(
        chat.saved[-1], last_model=str(model)))
    assert again.controller.initial_model("starter.gguf") == "starter.gguf"
    assert again.screen.calls("problem")[0].code == "chat.crashed_last_time"


def test_replay_uses_the_recorded_settings_and_seed(chat: Chat) -> None:
    chat.engine.enqueue_reply("One.")
    chat.controller.send("Pick a number.", SamplingParams(temperature=0.9, seed=1234))
    chat.pump()
    chat.engine.enqueue_reply("One again.")
    chat.controller.replay(1)
    chat.pump()
    generates = [r for r in chat.engine.requests if isinstance(r, Generate)]
    assert generates[-1].sampling.seed == 1234 and generates[-1].sampling.temperature == 0.9
    assert chat.controller.session.messages[1].siblings == (1, 2)


def test_reading_ahead_is_asked_once_per_draft_and_shows_the_context(chat: Chat) -> None:
    chat.controller.prompt_changed("Hello there", GREEDY)
    chat.controller.prompt_changed("Hello there", GREEDY)  # same draft: not asked again
    chat.pump()
    asked = [r for r in chat.engine.requests if isinstance(r, ReadAhead)]
    assert len(asked) == 1 and asked[0].messages[-1]["content"] == "Hello there"
    counted = [r for r in chat.engine.requests if isinstance(r, CountPrompt)]
    assert len(counted) == 1
    # The counter is the engine's count of what the model would read: the system prompt
    # and the draft (a word a token and four a message, for the scripted engine).
    expected = scripted_tokens(list(counted[0].messages))
    assert chat.screen.status.context_used == expected
    assert chat.screen.status.context_ready == expected


def test_opening_a_conversation_shows_it_and_its_last_speed(chat: Chat) -> None:
    chat.engine.enqueue_reply("Fine.", stats=GenerationStats(completion_tokens=1,
                                                             tokens_per_s=42.0))
    chat.controller.send("How are you?", GREEDY)
    chat.pump()
    first = chat.controller.session.conversation_id
    chat.controller.new_chat()
    assert chat.screen.status.tokens_per_s is None and chat.screen.selected is None
    assert first is not None and chat.controller.open_conversation(first)
    assert chat.screen.calls("conversation")[-1][1].content == "Fine."
    assert chat.screen.status.tokens_per_s == 42.0 and chat.screen.selected == first


def test_inspecting_the_draft_shows_the_prompt(chat: Chat) -> None:
    chat.controller.inspect_draft("What is a token?")
    chat.pump()
    inspection = chat.screen.calls("inspection")[0]
    assert "What is a token?" in inspection.text


def test_unloading_frees_the_model_and_keeps_it_for_next_time(chat: Chat, tmp_path: Path
                                                              ) -> None:
    chat.controller.unload_model()
    assert chat.engine.loaded is None and chat.controller.loaded is None
    assert chat.screen.model is None and chat.screen.status.model is None
    assert chat.saved[-1].last_model == str(tmp_path / "smol.gguf")
    assert not chat.controller.send("Anyone there?", GREEDY)  # asks for a model first
    chat.controller.load_model(str(tmp_path / "smol.gguf"))
    chat.pump()
    assert chat.screen.model is not None


def test_deleting_a_message_takes_what_followed_and_keeps_a_sibling(chat: Chat) -> None:
    chat.engine.enqueue_reply("One.")
    chat.controller.send("First", GREEDY)
    chat.pump()
    chat.engine.enqueue_reply("Two.")
    chat.controller.send("Second", GREEDY)
    chat.pump()
    chat.engine.enqueue_reply("Two again.")
    chat.controller.regenerate(3, GREEDY)
    chat.pump()
    session = chat.controller.session
    assert session.messages[3].content == "Two again." and session.messages[3].siblings[1] == 2
    chat.controller.delete(3)  # the regenerated reply: the first one is shown again
    assert [m.content for m in session.messages] == ["First", "One.", "Second", "Two."]
    chat.controller.delete(2)  # a question goes with its reply
    assert [m.content for m in session.messages] == ["First", "One."]
    stored = chat.store.current_path(session.conversation_id or 0)
    assert [m.content for m in stored] == ["First", "One."]
    assert chat.screen.calls("conversation")[-1] == session.messages
