"""The lessons, in the order a learner meets them, and where each one's "try it
yourself" leads in the app.

The names and texts a learner reads live in ``ui/learn/`` (they are translated); here
are only the stable identities the window, the "?" buttons and the tests share.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from core.conversation.types import Message
from core.sampling.params import SamplingParams


class LessonId(enum.StrEnum):
    """One lesson; the value is stable (settings and tests name lessons by it)."""

    TOKENS = "tokens"
    NEXT_TOKEN = "next-token"
    DECODING = "decoding"
    TEMPLATES = "templates"
    BASE_INSTRUCT = "base-instruct"
    CONTEXT = "context"
    TOOLS = "tools"


#: The order of the Learn panel's list: each lesson builds on the ones before it.
LESSONS: tuple[LessonId, ...] = tuple(LessonId)


class TryTarget(enum.StrEnum):
    """The real part of the app a lesson's "try it yourself" opens."""

    #: The composer holds the text and the prompt inspector shows its tokens.
    PROMPT_INSPECTOR = "prompt-inspector"
    #: The composer holds the text, with token probabilities shown in the reply.
    PROBABILITIES = "probabilities"
    #: The Sampling tab, with the lesson's decoding settings applied.
    SAMPLING = "sampling"
    #: The template editor of the loaded model.
    TEMPLATE_EDITOR = "template-editor"
    #: The models dialog, on the library (where a base model can be chosen).
    MODELS = "models"
    #: The Engine tab, where the context size is set.
    CONTEXT = "context"
    #: The Tools tab, with the lesson's built-in tool turned on.
    TOOLS = "tools"


@dataclass(frozen=True)
class TryIt:
    """What "try it yourself" opens, pre-filled with what the lesson used."""

    target: TryTarget
    #: Text for the composer (not sent: the user sends it).
    draft: str = ""
    #: Decoding settings to apply (``None``: the user's stay as they are).
    sampling: SamplingParams | None = None
    #: A conversation to start from (``()``: the current one stays).
    messages: tuple[Message, ...] = ()
    #: Built-in tools to turn on, by name.
    tools: tuple[str, ...] = field(default_factory=tuple)
