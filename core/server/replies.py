"""Prosa's replies out, as OpenAI's API writes them: a whole ``chat.completion`` or
``text_completion``, or their streamed chunks.

The engine already split each reply into reasoning, answer and tool calls as it
streamed (``core.output``): reasoning goes out as ``reasoning_content`` (the field
llama.cpp's server, vLLM and DeepSeek use), tool calls once the reply has ended
(the engine hands them over whole), with their arguments as a JSON string.
"""

from __future__ import annotations

import json
import math
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.conversation.types import FinishReason, TokenLogprob
from core.engine.protocol import GenerationFinished, TokenBatch
from core.output.types import ToolCall

#: log(0) as JSON can say it (it has no -Infinity).
_LOG_ZERO = -9999.0


@dataclass
class Stamp:
    """What every object of one answer shares."""

    model: str
    prefix: str = "chatcmpl"
    id: str = field(default="")
    created: int = field(default_factory=lambda: int(time.time()))

    def __post_init__(self) -> None:
        self.id = self.id or f"{self.prefix}-{secrets.token_hex(12)}"


def finish_reason(finished: GenerationFinished) -> str:
    if finished.tool_calls:
        return "tool_calls"
    return "length" if finished.reason in (FinishReason.LENGTH, FinishReason.CONTEXT) \
        else "stop"


def usage(finished: GenerationFinished) -> dict[str, Any]:
    stats = finished.stats
    return {"prompt_tokens": stats.prompt_tokens, "completion_tokens": stats.completion_tokens,
            "total_tokens": stats.prompt_tokens + stats.completion_tokens,
            "prompt_tokens_details": {"cached_tokens": max(
                0, stats.prompt_tokens - stats.prompt_tokens_evaluated)},
            "completion_tokens_details": {"reasoning_tokens": finished.reasoning_tokens}}


def tool_calls(calls: Sequence[ToolCall], *, indexed: bool = False) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, call in enumerate(calls):
        item: dict[str, Any] = {
            "id": call.id or f"call_{secrets.token_hex(8)}", "type": "function",
            "function": {"name": call.name,
                         "arguments": json.dumps(dict(call.arguments), ensure_ascii=False)}}
        out.append({"index": n, **item} if indexed else item)
    return out


def logprob(prob: float) -> float:
    return math.log(prob) if prob > 0 else _LOG_ZERO


def logprob_content(steps: Sequence[TokenLogprob], top: int) -> list[dict[str, Any]]:
    """The answer's tokens as OpenAI's ``logprobs.content`` (reasoning left out)."""
    return [{"token": s.piece, "logprob": logprob(s.prob), "bytes": list(s.piece.encode()),
             "top_logprobs": [{"token": a.piece, "logprob": logprob(a.prob),
                               "bytes": list(a.piece.encode())}
                              for a in s.alternatives[:top]]}
            for s in steps if not s.reasoning]


# --- chat ------------------------------------------------------------------------------


def chat_response(stamp: Stamp, finished: GenerationFinished,
                  steps: Sequence[TokenLogprob] | None, top: int) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant",
                               "content": finished.text if finished.text or not
                               finished.tool_calls else None}
    if finished.reasoning:
        message["reasoning_content"] = finished.reasoning
    if finished.tool_calls:
        message["tool_calls"] = tool_calls(finished.tool_calls)
    return {"id": stamp.id, "object": "chat.completion", "created": stamp.created,
            "model": stamp.model,
            "choices": [{"index": 0, "message": message,
                         "logprobs": None if steps is None
                         else {"content": logprob_content(steps, top)},
                         "finish_reason": finish_reason(finished)}],
            "usage": usage(finished)}


def chat_chunk(stamp: Stamp, delta: dict[str, Any], finish: str | None = None,
               logprobs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": stamp.id, "object": "chat.completion.chunk", "created": stamp.created,
            "model": stamp.model,
            "choices": [{"index": 0, "delta": delta,
                         "logprobs": None if logprobs is None else {"content": logprobs},
                         "finish_reason": finish}]}


def chat_deltas(stamp: Stamp, batch: TokenBatch, top: int | None) -> list[dict[str, Any]]:
    """A batch of tokens as chunks: its reasoning, then its answer text."""
    chunks: list[dict[str, Any]] = []
    if batch.reasoning:
        chunks.append(chat_chunk(stamp, {"reasoning_content": batch.reasoning}))
    if batch.text:
        steps = None if top is None or batch.logprobs is None \
            else logprob_content(batch.logprobs, top)
        chunks.append(chat_chunk(stamp, {"content": batch.text}, logprobs=steps))
    return chunks


def chat_ending(stamp: Stamp, finished: GenerationFinished,
                include_usage: bool) -> list[dict[str, Any]]:
    """The last chunks: the calls (whole), the finish reason, then the usage if asked."""
    chunks: list[dict[str, Any]] = []
    if finished.tool_calls:
        chunks.append(chat_chunk(stamp, {"tool_calls": tool_calls(finished.tool_calls,
                                                                  indexed=True)}))
    chunks.append(chat_chunk(stamp, {}, finish_reason(finished)))
    if include_usage:
        chunks.append({"id": stamp.id, "object": "chat.completion.chunk",
                       "created": stamp.created, "model": stamp.model, "choices": [],
                       "usage": usage(finished)})
    return chunks


# --- text completions ----------------------------------------------------------------------


def legacy_logprobs(steps: Sequence[TokenLogprob], top: int, offset: int = 0
                    ) -> dict[str, Any]:
    """``/v1/completions``' older shape: parallel lists, alternatives as dictionaries."""
    kept = [s for s in steps if not s.reasoning]
    return {"tokens": [s.piece for s in kept],
            "token_logprobs": [logprob(s.prob) for s in kept],
            "top_logprobs": [{a.piece: logprob(a.prob) for a in s.alternatives[:top]}
                             for s in kept],
            "text_offset": [offset + s.text_offset for s in kept]}


def text_response(stamp: Stamp, finished: GenerationFinished, echo: str,
                  steps: Sequence[TokenLogprob] | None, top: int) -> dict[str, Any]:
    return {"id": stamp.id, "object": "text_completion", "created": stamp.created,
            "model": stamp.model,
            "choices": [{"index": 0, "text": echo + finished.text,
                         "logprobs": None if steps is None
                         else legacy_logprobs(steps, top, len(echo)),
                         "finish_reason": finish_reason(finished)}],
            "usage": usage(finished)}


def text_chunk(stamp: Stamp, text: str, finish: str | None = None,
               logprobs: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"id": stamp.id, "object": "text_completion", "created": stamp.created,
            "model": stamp.model,
            "choices": [{"index": 0, "text": text, "logprobs": logprobs,
                         "finish_reason": finish}]}


def sse(data: dict[str, Any] | str) -> bytes:
    """One server-sent event."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"data: {text}\n\n".encode()
