"""Sample text for the chat lessons (templates, base/instruct, context, tools), in the
user's language.

The model reads these texts, so they are data, not translations of the window: a
Portuguese learner sees the model read (and answer) Portuguese.  Every language a
lesson can run in has each text; an unknown language falls back to English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.conversation.types import Message, Role


def in_language(language: str, texts: Mapping[str, str]) -> str:
    """``texts`` in ``language`` ("pt_BR", or "pt" alone), English otherwise."""
    if language in texts:
        return texts[language]
    if language.split("_")[0] == "pt" and "pt_BR" in texts:
        return texts["pt_BR"]
    return texts["en"]


#: A conversation's turns, each in every language a lesson speaks.
Turns = Sequence[tuple[Role, Mapping[str, str]]]


def sample_conversation(system_prompt: str, language: str,
                        turns: Turns) -> tuple[Message, ...]:
    """A lesson's conversation: the user's system prompt (as the chat would send it),
    then ``turns`` in ``language``."""
    messages: list[Message] = []
    if system_prompt.strip():
        messages.append({"role": Role.SYSTEM.value, "content": system_prompt})
    messages.extend({"role": role.value, "content": in_language(language, texts)}
                    for role, texts in turns)
    return tuple(messages)
