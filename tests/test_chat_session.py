from __future__ import annotations

import pytest

from core.chat_session import ChatSession
from core.engine.protocol import GenerationFinished, GenerationStats
from core.errors import BadInput


def test_history_sent_to_the_model() -> None:
    session = ChatSession(system_prompt="Be kind.")
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


def test_interrupted_reply_keeps_what_was_shown() -> None:
    session = ChatSession()
    session.add_user("Tell me a story")
    session.begin_reply(3)
    session.append(3, "Once upon")
    message = session.fail(3, "engine died", interrupted=True)
    assert message is not None and message.status == "interrupted"
    assert message.content == "Once upon"
    assert session.streaming is None


def test_late_tokens_of_an_ended_reply_are_ignored() -> None:
    session = ChatSession()
    session.add_user("x")
    session.begin_reply(1)
    session.finish(GenerationFinished(1, "cancelled", "a", GenerationStats()))
    assert session.append(1, "late") is None
    assert session.messages[-1].status == "stopped"


def test_empty_and_concurrent_messages_are_refused() -> None:
    session = ChatSession()
    with pytest.raises(BadInput):
        session.add_user("   \n")
    session.add_user("one")
    session.begin_reply(1)
    with pytest.raises(BadInput):
        session.add_user("two")


def test_turns_alternate_even_after_a_failed_reply() -> None:
    session = ChatSession()
    session.add_user("first")
    session.begin_reply(1)
    session.fail(1, "the model could not answer", interrupted=False)
    session.add_user("second")
    assert session.request_messages() == [{"role": "user", "content": "first\n\nsecond"}]
