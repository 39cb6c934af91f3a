"""A reply that thinks, headless: reasoning streamed apart from the answer, saved as it
grows and at the end, shown again when the conversation reopens, exported, imported,
and passed back to the template on the next turn; the conversation's thinking
settings kept with it and sent with every request.  Scripted engine, real SQLite."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.conversation.types import MessageStatus, ThinkingSettings
from core.engine.protocol import BUDGET_NOTE, CountPrompt, Generate, InspectPrompt, ReadAhead
from core.output.types import ThinkingMode
from tests.chat.test_controller import GREEDY, Chat, make_chat

REASONING = ("The user asks ", "for a capital. ", "France: Paris.")


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    made = make_chat(tmp_path)
    made.controller.load_model(str(tmp_path / "smol.gguf"))
    made.pump()
    yield made
    made.engine.close()
    made.store.close()


def _ask(chat: Chat, text: str = "Capital of France?") -> None:
    chat.engine.enqueue_reply("Paris", " is the capital.", reasoning=REASONING)
    assert chat.controller.send(text, GREEDY)
    chat.pump()


def test_reasoning_streams_apart_from_the_answer_and_is_saved(chat: Chat) -> None:
    _ask(chat)
    screen = chat.screen
    assert screen.reasoning == list(REASONING)
    assert screen.reasoning_tokens == [1, 2, 3]  # the reply's reasoning tokens so far
    assert "".join(screen.text) == "Paris is the capital."
    # Reasoning is shown before any of the answer.
    kinds = [kind for kind, _ in screen.shown if kind in ("reasoning", "reply_finished")]
    assert kinds == ["reasoning"] * 3 + ["reply_finished"]
    finished = screen.calls("reply_finished")[0]
    assert finished.content == "Paris is the capital."
    assert finished.reasoning == "".join(REASONING) and finished.reasoning_tokens == 3
    stored = chat.store.current_path(chat.controller.session.conversation_id or 0)[-1]
    assert stored.content == "Paris is the capital."  # the answer alone
    assert stored.reasoning == "".join(REASONING) and stored.reasoning_tokens == 3


def test_reasoning_comes_back_with_the_conversation(chat: Chat) -> None:
    _ask(chat)
    conversation = chat.controller.session.conversation_id or 0
    chat.controller.new_chat()
    assert chat.controller.open_conversation(conversation)
    reply = chat.controller.session.messages[-1]
    assert reply.reasoning == "".join(REASONING) and reply.reasoning_tokens == 3
    assert reply.reasoning_seconds is not None


def test_reasoning_is_passed_back_to_the_template(chat: Chat) -> None:
    _ask(chat)
    chat.engine.enqueue_reply("Berlin.")
    chat.controller.send("And Germany?", GREEDY)
    chat.pump()
    request = [r for r in chat.engine.requests if isinstance(r, Generate)][-1]
    replies = [m for m in request.messages if m["role"] == "assistant"]
    assert replies == [{"role": "assistant", "content": "Paris is the capital.",
                        "reasoning_content": "".join(REASONING)}]
    assert all("reasoning_content" not in m for m in request.messages if m["role"] != "assistant")


def test_reasoning_is_saved_while_it_streams(chat: Chat) -> None:
    session = chat.controller.session
    session.add_user("Hi")
    reply = session.begin_reply(7)
    session.append(7, "", (), "Thinking hard", 2)
    session.save_partial()
    stored = chat.store.message(reply.id or 0)
    assert stored.reasoning == "Thinking hard" and stored.content == ""
    session.append(7, "Hello", (), "", 0)
    session.save_partial()
    stored = chat.store.message(reply.id or 0)
    assert (stored.reasoning, stored.content) == ("Thinking hard", "Hello")


def test_stop_while_thinking_keeps_the_reasoning(tmp_path: Path) -> None:
    chat = make_chat(tmp_path, threaded=True)
    chat.controller.load_model(str(tmp_path / "smol.gguf"))
    chat.pump(lambda: chat.screen.model is not None)
    chat.engine.enqueue_reply("never shown", reasoning=[f"step{i} " for i in range(200)])
    chat.controller.send("Think long.", GREEDY)
    chat.pump(lambda: len(chat.screen.reasoning) >= 3)
    chat.controller.stop()
    chat.pump(lambda: bool(chat.screen.calls("reply_finished")))
    reply = chat.screen.calls("reply_finished")[0]
    assert reply.status == MessageStatus.STOPPED and reply.content == ""
    assert reply.reasoning.startswith("step0 step1 step2")
    stored = chat.store.message(reply.id)
    assert stored.status == MessageStatus.STOPPED and stored.reasoning == reply.reasoning
    chat.engine.close()
    chat.store.close()


def test_a_reply_interrupted_while_thinking_is_kept_not_failed(chat: Chat) -> None:
    session = chat.controller.session
    session.add_user("Hi")
    session.begin_reply(9)
    session.append(9, "", (), "half a thought", 3)
    message = session.fail(9, None, interrupted=True)
    assert message is not None and message.status == MessageStatus.INTERRUPTED
    assert chat.store.message(message.id or 0).reasoning == "half a thought"


def test_exports_carry_the_reasoning_and_imports_read_it_back(chat: Chat) -> None:
    _ask(chat)
    conversation = chat.controller.session.conversation_id or 0
    data = chat.store.export_json(conversation)
    reply = data["messages"][-1]
    assert reply["reasoning_content"] == "".join(REASONING)
    assert reply["reasoning_tokens"] == 3 and reply["content"] == "Paris is the capital."
    assert data["messages"][0]["reasoning_content"] is None
    markdown = chat.store.export_markdown(conversation)
    assert "<details><summary>Thinking (3 tokens" in markdown
    assert "> The user asks for a capital. France: Paris." in markdown
    assert markdown.index("Thinking") < markdown.index("Paris is the capital.")
    copy = chat.store.import_json(json.loads(json.dumps(data)))
    again = chat.store.current_path(copy)[-1]
    assert again.reasoning == "".join(REASONING) and again.reasoning_tokens == 3
    assert again.content == "Paris is the capital."


def test_openai_style_messages_import_their_reasoning(chat: Chat) -> None:
    copy = chat.store.import_json([
        {"role": "user", "content": "2+2?"},
        {"role": "assistant", "content": "4", "reasoning_content": "Two and two."},
        {"role": "user", "content": "3+3?"},
        {"role": "assistant", "content": "6", "reasoning": "Three and three."}])
    path = chat.store.current_path(copy)
    assert [m.reasoning for m in path] == ["", "Two and two.", "", "Three and three."]


def test_thinking_settings_are_kept_and_sent_with_every_request(chat: Chat) -> None:
    chat.controller.set_thinking(ThinkingMode.ON, 32, {"reasoning_effort": "high"})
    wanted = ThinkingSettings(ThinkingMode.ON, 32, {"reasoning_effort": "high"})
    assert chat.controller.thinking == wanted
    chat.controller.budget_note = "\n\nHora de responder.\n"
    _ask(chat)
    generate = [r for r in chat.engine.requests if isinstance(r, Generate)][-1]
    assert (generate.thinking, generate.thinking_budget, dict(generate.template_options)) \
        == (ThinkingMode.ON, 32, {"reasoning_effort": "high"})
    assert generate.budget_note == "\n\nHora de responder.\n"
    chat.controller.inspect_draft("next")
    inspect = [r for r in chat.engine.requests if isinstance(r, InspectPrompt)][-1]
    assert (inspect.thinking, inspect.thinking_budget) == (ThinkingMode.ON, 32)
    chat.controller.settings = chat.controller.settings.__class__(read_ahead=True)
    chat.controller.prompt_changed("next one", GREEDY)
    for kind in (CountPrompt, ReadAhead):
        request = [r for r in chat.engine.requests if isinstance(r, kind)][-1]
        assert (request.thinking, dict(request.template_options)) == \
            (ThinkingMode.ON, {"reasoning_effort": "high"})
    conversation = chat.controller.session.conversation_id or 0
    assert chat.store.conversation(conversation).thinking == wanted
    chat.controller.new_chat()
    chat.controller.set_thinking(ThinkingMode.OFF, None, {})
    assert chat.controller.open_conversation(conversation)
    assert chat.controller.thinking == wanted  # each conversation keeps its own
    exported = chat.store.export_json(conversation)["conversation"]["thinking"]
    assert exported == {"mode": "on", "budget": 32, "options": {"reasoning_effort": "high"}}
    copy = chat.store.import_json(chat.store.export_json(conversation))
    assert chat.store.conversation(copy).thinking == wanted


def test_requests_default_to_the_models_own_thinking(chat: Chat) -> None:
    _ask(chat)
    generate = [r for r in chat.engine.requests if isinstance(r, Generate)][-1]
    assert generate.thinking == ThinkingMode.DEFAULT and generate.thinking_budget is None
    assert generate.budget_note == BUDGET_NOTE and generate.output_family is None


def test_template_options_that_cannot_be_saved_are_refused(chat: Chat) -> None:
    chat.controller.set_thinking(ThinkingMode.ON, None, {"effort": object()})
    assert chat.screen.calls("problem")[-1].code == "conversation.bad_thinking"
    assert chat.controller.thinking == ThinkingSettings()  # unchanged
    _ask(chat)  # and the conversation still starts
