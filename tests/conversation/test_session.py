from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.conversation.session import ChatSession
from core.conversation.store import ConversationStore
from core.conversation.types import (
    ContextPolicy,
    FinishReason,
    GenerationStats,
    MessageStatus,
    Role,
)
from core.engine.protocol import GenerationFinished
from core.errors import BadInput, Problem


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(tmp_path / "conversations.db") as opened:
        yield opened


def _reply(session: ChatSession, request_id: int, text: str) -> None:
    session.begin_reply(request_id)
    session.append(request_id, text[:2])
    session.finish(GenerationFinished(request_id, FinishReason.STOP, text, GenerationStats()))


def test_history_sent_to_the_model(store: ConversationStore) -> None:
    session = ChatSession(store, system_prompt="Be kind.")
    session.add_user("Hi")
    session.begin_reply(1)
    session.append(1, "Hel")
    session.append(1, "lo")
    assert session.request_messages() == [{"role": "system", "content": "Be kind."},
                                          {"role": "user", "content": "Hi"}]
    session.finish(GenerationFinished(1, FinishReason.STOP, "Hello!", GenerationStats()))
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
        (Role.USER, "Hi", MessageStatus.DONE), (Role.ASSISTANT, "Hello!", MessageStatus.DONE)]
    assert all(type(m.role) is Role and type(m.status) is MessageStatus
               for m in again.messages)
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
    died = Problem.of("test.died", "The engine crashed ({signal}).", signal="SIGSEGV")
    message = session.fail(3, died, interrupted=True)
    assert message is not None and message.status == MessageStatus.INTERRUPTED
    assert message.problem == died
    assert message.content == "Once upon"
    assert session.streaming is None
    assert message.id is not None and store.message(message.id).content == "Once upon"


def test_late_tokens_of_an_ended_reply_are_ignored(store: ConversationStore) -> None:
    session = ChatSession(store)
    session.add_user("x")
    session.begin_reply(1)
    session.finish(GenerationFinished(1, FinishReason.CANCELLED, "a", GenerationStats()))
    assert session.append(1, "late") is None
    assert session.messages[-1].status == MessageStatus.STOPPED


def test_empty_and_concurrent_messages_are_refused(store: ConversationStore) -> None:
    session = ChatSession(store)
    with pytest.raises(BadInput) as caught:
        session.add_user("   \n")
    assert caught.value.code == "conversation.empty_message"
    assert session.conversation_id is None  # nothing saved for an empty chat
    with pytest.raises(BadInput, match="too long") as caught:
        session.add_user("x" * 1_000_001)
    assert caught.value.code == "conversation.message_too_long"
    assert "1,000,001 characters" in caught.value.message
    session.add_user("one")
    session.begin_reply(1)
    with pytest.raises(BadInput) as caught:
        session.add_user("two")
    assert caught.value.code == "conversation.busy"


def test_turns_alternate_even_after_a_failed_reply(store: ConversationStore) -> None:
    session = ChatSession(store)
    session.add_user("first")
    session.begin_reply(1)
    session.fail(1, Problem.of("test.failed", "The model could not answer."),
                 interrupted=False)
    session.add_user("second")
    assert session.request_messages() == [{"role": "user", "content": "first\n\nsecond"}]


def test_a_reply_cut_by_a_full_context_is_kept_as_such(store: ConversationStore) -> None:
    session = ChatSession(store)
    session.add_user("Go on forever")
    session.begin_reply(1)
    session.append(1, "and on")
    message = session.finish(GenerationFinished(1, FinishReason.CONTEXT, "and on and on",
                                                GenerationStats()))
    assert message is not None and message.status == MessageStatus.CONTEXT
    assert session.conversation_id is not None
    again = ChatSession.open(store, session.conversation_id)
    assert again.messages[-1].status is MessageStatus.CONTEXT
    assert again.messages[-1].content == "and on and on"
    assert session.request_messages()[-1] == {"role": "assistant", "content": "and on and on"}


def test_the_context_policy_is_an_enum_saved_with_the_conversation(
        store: ConversationStore) -> None:
    session = ChatSession(store)
    session.set_context_policy(ContextPolicy.DROP_MIDDLE)
    session.add_user("Hi")
    assert session.conversation_id is not None
    assert store.conversation(session.conversation_id).context_policy \
        is ContextPolicy.DROP_MIDDLE
    session.set_context_policy("drop_oldest")  # type: ignore[arg-type]  # a combo's data
    assert session.context_policy is ContextPolicy.DROP_OLDEST
    assert ChatSession.open(store, session.conversation_id).context_policy \
        is ContextPolicy.DROP_OLDEST
    with pytest.raises(BadInput) as caught:
        session.set_context_policy("forget")  # type: ignore[arg-type]
    assert caught.value.code == "conversation.unknown_policy"
    assert session.context_policy is ContextPolicy.DROP_OLDEST
