"""What to do when a conversation outgrows the model's context.

The model reads a fixed number of tokens.  When the conversation (plus room for the
reply) is longer, something must give, and the user chooses what, per conversation:

- ``stop``: refuse, and say so; nothing is dropped silently.
- ``drop_oldest``: keep the system prompt, drop the oldest turns.
- ``drop_middle``: keep the system prompt and the first exchange (which often sets
  the task), drop the turns after it, oldest first.

The last user message is never dropped.  The caller learns which messages were left
out, so the view can mark them as no longer seen by the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.conversation.types import ContextPolicy, Message, Role
from core.errors import EngineError

POLICIES: tuple[ContextPolicy, ...] = tuple(ContextPolicy)


@dataclass(frozen=True)
class Fitted:
    messages: list[Message]
    #: Indices (into the given messages) of those left out.
    dropped: tuple[int, ...]
    tokens: int


def reply_room(n_ctx: int, max_tokens: int) -> int:
    """Tokens kept free for the reply: what was asked for, at most a quarter of the
    context (a 4,000-token reply request must not empty a 4,096-token context)."""
    return max(1, min(max_tokens, n_ctx // 4))


def fit(messages: Sequence[Message], policy: ContextPolicy, budget: int,
        count: Callable[[list[Message]], int], room: int = 0) -> Fitted:
    """Drop turns by ``policy`` until ``count(kept) <= budget``.

    ``count`` renders and tokenizes a message list (the engine's own rule), so what
    fits here fits the model exactly.  ``room`` is what the context keeps for the reply
    beyond ``budget``: a refusal says both, since "holds 1,536" of a 2,048-token
    context reads as a mistake unless the reply's share is named.
    """
    kept = list(range(len(messages)))
    tokens = count([messages[i] for i in kept])
    if tokens <= budget:
        return Fitted(list(messages), (), tokens)
    if policy == ContextPolicy.STOP:
        raise EngineError(
            "conversation.context_full",
            "The conversation needs {tokens:,} tokens, but the model's context holds "
            "{n_ctx:,}, {room:,} of them kept for the reply. Start a new chat, raise the "
            "context length, or let Prosa drop old messages (Engine tab, “When the "
            "conversation is too long”).", tokens=tokens, n_ctx=budget + room, room=room)
    removable = _removable(messages, policy)
    while tokens > budget and removable:
        # Drop a whole exchange at a time, so roles keep alternating.
        drop = [removable.pop(0)]
        if removable and messages[drop[0]]["role"] == Role.USER \
                and messages[removable[0]]["role"] == Role.ASSISTANT:
            drop.append(removable.pop(0))
        kept = [i for i in kept if i not in drop]
        tokens = count([messages[i] for i in kept])
    if tokens > budget and policy == ContextPolicy.DROP_MIDDLE:
        raise EngineError(
            "conversation.still_too_long.drop_middle",
            "Even with older messages left out, the conversation needs {tokens:,} tokens "
            "and the context holds {budget:,}: the system prompt, the first exchange and "
            "the last message alone are too long. Shorten the message, choose another "
            "policy, or raise the context length.", tokens=tokens, budget=budget)
    if tokens > budget:
        raise EngineError(
            "conversation.still_too_long.drop_oldest",
            "Even with older messages left out, the conversation needs {tokens:,} tokens "
            "and the context holds {budget:,}: the system prompt and the last message "
            "alone are too long. Shorten the message, choose another policy, or raise the "
            "context length.", tokens=tokens, budget=budget)
    dropped = tuple(i for i in range(len(messages)) if i not in kept)
    return Fitted([messages[i] for i in kept], dropped, tokens)


def _removable(messages: Sequence[Message], policy: ContextPolicy) -> list[int]:
    """Indices that may be dropped, in the order to drop them."""
    turns = [i for i, m in enumerate(messages) if m.get("role") != Role.SYSTEM]
    if turns and messages[turns[-1]].get("role") == Role.USER:
        turns = turns[:-1]  # the question being asked stays
    if policy == ContextPolicy.DROP_MIDDLE:
        first_user = next((i for i in turns if messages[i].get("role") == Role.USER), None)
        if first_user is not None:
            protected = {first_user}
            after = [i for i in turns if i > first_user]
            if after and messages[after[0]].get("role") == Role.ASSISTANT:
                protected.add(after[0])
            turns = [i for i in turns if i not in protected]
    return turns
