"""Lesson 4, chat templates and roles: one short conversation seen three ways.

A chat model never sees "messages": it reads one long text, written by the model's
chat template, in which markers (``<|im_start|>user`` ...) say who speaks.  The lesson
asks the engine for exactly that text and its tokens (``SyncEngine.inspect``, the
prompt inspector's own request), and splits the text into the template's scaffolding
and the messages' own words (``core.templates.segments``, the rule the engine uses to
keep message text from forging markers), so the page can colour each apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.conversation.types import Message, Role
from core.engine.protocol import Mode, PromptToken
from core.learn import samples
from core.learn.engine import LessonSetup
from core.templates.segments import split_prompt

#: The conversation after the system prompt: a question, an answer, a follow-up.
_TURNS: tuple[tuple[Role, dict[str, str]], ...] = (
    (Role.USER, {"en": "Hi! What is a token?",
                 "pt_BR": "Oi! O que é um token?"}),
    (Role.ASSISTANT, {"en": "A token is a small piece of text the model reads: a word, "
                            "part of a word or a punctuation mark.",
                      "pt_BR": "Um token é um pedacinho de texto que o modelo lê: uma "
                               "palavra, parte de uma palavra ou um sinal de pontuação."}),
    (Role.USER, {"en": "Can you give me an example?",
                 "pt_BR": "Pode me dar um exemplo?"}),
)


def sample_conversation(system_prompt: str, language: str) -> tuple[Message, ...]:
    """The lesson's conversation: the user's system prompt, then the sample turns."""
    return samples.sample_conversation(system_prompt, language, _TURNS)


@dataclass(frozen=True)
class TextRun:
    """A run of the prompt text: the template's scaffolding, or a message's words."""

    text: str
    template: bool


@dataclass(frozen=True)
class TemplatesResult:
    messages: tuple[Message, ...]
    #: The exact text the model reads (the inspector's), and the same cut into runs.
    text: str
    runs: tuple[TextRun, ...]
    tokens: tuple[PromptToken, ...]
    #: Which template wrote it, and where it came from ("model", "fallback" ...).
    template_label: str
    template_source: str
    #: The built-in family ("chatml", "gemma" ...) when the source is "fallback".
    template_family: str | None
    #: "completion": the chat's model is a base model, read without a template.
    mode: Mode
    model_name: str

    @property
    def special_count(self) -> int:
        return sum(1 for token in self.tokens if token.special)


def run_templates(setup: LessonSetup,
                  messages: tuple[Message, ...] | None = None) -> TemplatesResult:
    """The conversation (the sample one unless given) as the chat's model reads it,
    with the chat's template and mode (the user's override and choice included)."""
    if messages is None:
        messages = sample_conversation(setup.system_prompt, setup.language)
    with setup.engine.using(setup.model, force_mode=setup.model.force_mode,
                            template_override=setup.model.template_override) as sync:
        inspection = sync.inspect(messages)
        loaded = sync.loaded
    assert loaded is not None
    runs = tuple(TextRun(segment.text, segment.trusted)
                 for segment in split_prompt(inspection.text, messages,
                                             template_source=loaded.template_text or None))
    return TemplatesResult(messages, inspection.text, runs, inspection.tokens,
                           inspection.template_label, loaded.template_source,
                           loaded.template_family, inspection.mode, loaded.model_name)
