from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.conversation.session import ChatSession
from core.conversation.store import ConversationStore
from core.conversation.types import GenerationStats
from core.engine.protocol import GenerationFinished
from core.errors import BadInput


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(tmp_path / "conversations.db") as opened:
        yield opened


def _reply(session: ChatSession, request_id: int, text: str) -> None:
    session.begin_reply(request_id)
    session.append(request_id, text[:2])
    session.finish(GenerationFinished(request_id, "stop", text, GenerationStats()))


def test_history_sent_to_the_model(store: ConversationStore) -> None:
    session = ChatSession(store, system_prompt="Be kind.")
    session.add_user("Hi")
    session.begin_reply(1)
    session.append(1, "Hel")
    session.append(1, "lo")
    assert session.request_messages() == [{"role": "system", "content": "Be kind."},
                                          {"role": "user", "content": "Hi"}]
    session.finish(GenerationFinished(1, "stop", "Hello!", GenerationStats()))
    session.add_user("Again")
    assert [m["role"] for m in session.request_messages()] == ["system", "user", "assistant",
                                                               "user"]


def test_everything_is_saved_and_reopens_exactly(store: ConversationStore) -> None:
    session = ChatSession(store, system_prompt="Be kind.")
    session.add_user("Hi")
    _reply(session, 1, "Hello!")
    assert session.conversation_id is not None
    again = ChatSession.open(store, session.conversation_id)
    assert [(m.role, m.content, m.status) for m in again.messages] == [
        ("user", "Hi", "done"), ("assistant", "Hello!", "done")]
    assert again.system_prompt == "Be kind."


def test_edit_regenerate_and_switch_keep_every_branch(store: ConversationStore) -> None:
    session = ChatSession(store)
    session.add_user("Name a colour")
    _reply(session, 1, "Red")
    session.prepare_regenerate(1)
    _reply(session, 2, "Blue")
    assert session.messages[1].content == "Blue" and session.messages[1].siblings == (1, 2)
    session.switch(1, -1)
    assert session.messages[1].content == "Red"
    session.edit_user(0, "Name a fruit")
    assert [m.content for m in session.messages] == ["Name a fruit"]
    assert session.messages[0].siblings == (1, 2)
    _reply(session, 3, "Apple")
    session.switch(0, -1)
    assert [m.content for m in session.messages] == ["Name a colour", "Red"]
    assert session.conversation_id is not None
    reopened = ChatSession.open(store, session.conversation_id)
    assert [m.content for m in reopened.messages] == ["Name a colour", "Red"]


def test_interrupted_reply_keeps_what_was_shown(store: ConversationStore) -> None:
    session = ChatSession(store)
    session.add_user("Tell me a story")
    session.begin_reply(3)
    session.append(3, "Once upon")
    message = session.fail(3, "engine died", interrupted=True)
    assert message is not None and message.status == "interrupted"
    assert message.content == "Once upon"
    assert session.streaming is None
    assert message.id is not None and store.message(message.id).content == "Once upon"


def test_late_tokens_of_an_ended_reply_are_ignored(store: ConversationStore) -> None:
    session = ChatSession(store)
    session.add_user("x")
    session.begin_reply(1)
    session.finish(GenerationFinished(1, "cancelled", "a", GenerationStats()))
    assert session.append(1, "late") is None
    assert session.messages[-1].status == "stopped"


def test_empty_and_concurrent_messages_are_refused(store: ConversationStore) -> None:
    session = ChatSession(store)
    with pytest.raises(BadInput):
        session.add_user("   \n")
    assert session.conversation_id is None  # nothing saved for an empty chat
    session.add_user("one")
    session.begin_reply(1)
    with pytest.raises(BadInput):
        session.add_user("two")


def test_turns_alternate_even_after_a_failed_reply(store: ConversationStore) -> None:
    session = ChatSession(store)
    session.add_user("first")
    session.begin_reply(1)
    session.fail(1, "the model could not answer", interrupted=False)
    session.add_user("second")
    assert session.request_messages() == [{"role": "user", "content": "first\n\nsecond"}]
