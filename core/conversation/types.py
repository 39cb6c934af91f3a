"""The conversation's vocabulary, shared by the store, the engine and the window.

Meaning travels as these types, never as text: why a reply ended is a
:class:`FinishReason` (the engine's word) and then a :class:`MessageStatus` (what the
conversation keeps), so "cut off by the reply limit" and "the context is full" are two
values, not two sentences to tell apart.  The enums are ``StrEnum``: their values are
what SQLite, JSON exports and the wire between processes hold, unchanged from before
they were enums.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.output.types import ThinkingMode

Message = dict[str, Any]
"""A chat message as chat templates expect it: ``{"role": ..., "content": ...}``."""


class Role(enum.StrEnum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"
    #: A tool's result, given back to the model (``core.tools.runs.ToolRun``).
    TOOL = "tool"


class FinishReason(enum.StrEnum):
    """Why the engine ended a reply."""

    STOP = "stop"  # the end-of-turn token or a stop string
    LENGTH = "length"  # the reply reached max tokens
    CONTEXT = "context"  # the model's context is full
    CANCELLED = "cancelled"  # the user pressed Stop
    ERROR = "error"


class MessageStatus(enum.StrEnum):
    """What a stored message is: complete, growing, or ended early (and why)."""

    DONE = "done"
    STREAMING = "streaming"
    STOPPED = "stopped"  # the user stopped it
    LENGTH = "length"  # cut at max tokens
    CONTEXT = "context"  # cut because the context was full
    INTERRUPTED = "interrupted"  # the app or the engine stopped mid-reply
    ERROR = "error"

    @classmethod
    def after(cls, reason: FinishReason) -> MessageStatus:
        """The status a reply gets from the reason it ended."""
        return {FinishReason.STOP: cls.DONE, FinishReason.LENGTH: cls.LENGTH,
                FinishReason.CONTEXT: cls.CONTEXT, FinishReason.CANCELLED: cls.STOPPED,
                FinishReason.ERROR: cls.ERROR}[reason]


class ContextPolicy(enum.StrEnum):
    """What a conversation does when it outgrows the model's context."""

    STOP = "stop"  # stop and say so
    DROP_OLDEST = "drop_oldest"
    DROP_MIDDLE = "drop_middle"  # keep the first exchange, drop the middle


@dataclass(frozen=True)
class TokenAlternative:
    """One of the most likely tokens at a step."""

    id: int
    #: The token's own text (spelled alone: a piece of a multi-byte character shows
    #: as U+FFFD).
    piece: str
    #: The model's probability for it at that step: softmax over that step's raw
    #: logits, before penalties, temperature and filters.
    prob: float


@dataclass(frozen=True)
class TokenLogprob:
    """A generated token, how likely the model found it, and what else it considered."""

    id: int
    piece: str
    #: As :attr:`TokenAlternative.prob` (the raw distribution, not the sampler's).
    prob: float
    #: The most likely tokens at that step, most likely first (the chosen one among them
    #: when it is that likely); as many as ``SamplingParams.logprobs`` asked for.
    alternatives: tuple[TokenAlternative, ...]
    #: Where this token's text starts in the reply, in characters.  A token ends where
    #: the next one starts; one that completes no character (the first bytes of a
    #: multi-byte character) spans nothing.  With an output family that splits the
    #: reply, the offset is into the part the token belongs to: the reasoning's text
    #: when :attr:`reasoning`, the answer's otherwise (markers span nothing).
    text_offset: int
    #: Generated while the model was reasoning (the markers around reasoning included).
    reasoning: bool = False


@dataclass(frozen=True)
class GenerationStats:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    #: Prompt tokens actually evaluated (the rest came from the KV cache).
    prompt_tokens_evaluated: int = 0
    #: Of the prompt tokens not evaluated, those read back from a saved KV snapshot
    #: (a conversation reopened, or the app restarted) rather than still in the cache.
    resumed_tokens: int = 0
    ttft_ms: float = 0.0
    tokens_per_s: float = 0.0
    seed: int | None = None


@dataclass(frozen=True)
class Candidate:
    """One finished reply of a beam search."""

    text: str
    token_ids: tuple[int, ...]
    #: Total natural-log probability of the reply's tokens (and of the end-of-turn
    #: token when it ended by itself) under the distribution the search ranked with:
    #: the model's own, after the repetition penalties (exactly the model's when they
    #: are off).
    logprob: float
    #: What the search ranked by: ``logprob / ((5 + length) / 6) ** length_penalty``.
    normalized_score: float
    #: Why this reply ended ("stop": end of turn or a stop string; "length"; "context";
    #: "cancelled").
    reason: FinishReason = FinishReason.STOP
    #: One per token id, when ``SamplingParams.logprobs`` > 0.
    logprobs: tuple[TokenLogprob, ...] | None = None


@dataclass(frozen=True)
class ThinkingSettings:
    """A conversation's thinking: whether the model should think, how many reasoning
    tokens it may use (``None``: no limit), and the template options chosen for it
    (``reasoning_effort`` ...).  Sent with every request and kept with the
    conversation, like its sampling settings."""

    mode: ThinkingMode = ThinkingMode.DEFAULT
    budget: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"mode": self.mode.value, "budget": self.budget, "options": dict(self.options)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ThinkingSettings:
        """Settings as stored; what cannot be read falls back to the default (a file
        changed by hand must not stop a conversation from opening)."""
        if not data:
            return cls()
        try:
            mode = ThinkingMode(data.get("mode", ThinkingMode.DEFAULT.value))
        except ValueError:
            mode = ThinkingMode.DEFAULT
        budget = data.get("budget")
        if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
            budget = None
        options = data.get("options")
        return cls(mode, budget, dict(options) if isinstance(options, Mapping) else {})
