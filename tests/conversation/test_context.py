"""Context policies, with a counter that makes the arithmetic obvious."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.conversation.context import fit, reply_room
from core.conversation.types import ContextPolicy, Message
from core.errors import EngineError


def conversation(turns: int) -> list[Message]:
    out: list[Message] = [{"role": "system", "content": "sys"}]
    for i in range(turns):
        out.append({"role": "user", "content": f"u{i}"})
        out.append({"role": "assistant", "content": f"a{i}"})
    out.append({"role": "user", "content": "last"})
    return out


def count(messages: list[Message]) -> int:
    return 10 * len(messages)  # every message 10 tokens


def test_everything_fits_nothing_dropped() -> None:
    messages = conversation(2)
    fitted = fit(messages, ContextPolicy.STOP, 1000, count)
    assert fitted.dropped == () and fitted.messages == messages


def test_stop_refuses_and_says_what_to_do() -> None:
    with pytest.raises(EngineError, match="drop old messages") as caught:
        fit(conversation(5), ContextPolicy.STOP, 50, count, room=14)
    assert caught.value.code == "conversation.context_full"
    assert caught.value.params == {"tokens": 120, "n_ctx": 64, "room": 14}
    # The context and the reply's share are both named (not "holds 50" of a 64 context).
    assert "needs 120 tokens" in caught.value.message
    assert "holds 64, 14 of them kept for the reply" in caught.value.message


def test_drop_oldest_keeps_system_and_the_question() -> None:
    messages = conversation(5)  # 12 messages, 120 tokens
    fitted = fit(messages, ContextPolicy.DROP_OLDEST, 60, count)
    assert fitted.messages[0]["content"] == "sys"
    assert fitted.messages[-1]["content"] == "last"
    assert [m["content"] for m in fitted.messages] == ["sys", "u3", "a3", "u4", "a4", "last"]
    assert fitted.dropped == (1, 2, 3, 4, 5, 6)


def test_drop_middle_keeps_the_first_exchange() -> None:
    fitted = fit(conversation(5), ContextPolicy.DROP_MIDDLE, 60, count)
    assert [m["content"] for m in fitted.messages] == ["sys", "u0", "a0", "u4", "a4", "last"]


def test_a_last_message_too_long_for_any_policy_is_refused() -> None:
    with pytest.raises(EngineError, match="last message alone are too long") as caught:
        fit(conversation(3), ContextPolicy.DROP_OLDEST, 15, count)
    assert caught.value.code == "conversation.still_too_long.drop_oldest"
    with pytest.raises(EngineError, match="first exchange and the last message") as caught:
        fit(conversation(3), ContextPolicy.DROP_MIDDLE, 35, count)
    assert caught.value.code == "conversation.still_too_long.drop_middle"


def test_reply_room_is_capped_at_a_quarter() -> None:
    assert reply_room(4096, 4000) == 1024 and reply_room(4096, 200) == 200


@given(st.integers(0, 12), st.integers(20, 400),
       st.sampled_from([ContextPolicy.DROP_OLDEST, ContextPolicy.DROP_MIDDLE]))
def test_fitted_prompt_fits_and_roles_alternate(turns: int, budget: int,
                                                policy: ContextPolicy) -> None:
    messages = conversation(turns)
    try:
        fitted = fit(messages, policy, budget, count)
    except EngineError:
        minimal = 2 if policy == ContextPolicy.DROP_OLDEST or turns == 0 else 4
        assert 10 * minimal > budget
        return
    assert fitted.tokens <= budget
    roles = [m["role"] for m in fitted.messages if m["role"] != "system"]
    assert all(a != b for a, b in itertools.pairwise(roles))
    assert fitted.messages[-1]["content"] == "last"
