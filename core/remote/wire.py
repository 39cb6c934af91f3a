"""A Prosa request as the body of an OpenAI-compatible ``/chat/completions`` call.

Messages keep only what the API defines (role, content, name, tool calls, the call a
result answers); a call's arguments travel as a JSON string, as the API wants.  The
sampling settings the API defines are sent as such; llama.cpp's own (top-k, min-p,
typical-p and the repeat penalty) go as the extra fields llama-server, llama-cpp-
python and vLLM read (:data:`EXTRA_FIELDS`), so a server that refuses unknown fields
can be asked again without them.  What no server does (beam search, n-best) is not
sent and is named in :attr:`ChatRequest.ignored`, for the reply's notes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.conversation.types import Message, ThinkingSettings
from core.output.types import ThinkingMode
from core.sampling.params import SamplingParams
from core.tools.choice import ToolChoiceMode, ToolOffer

#: Sampling fields outside the OpenAI API, that llama.cpp's servers and vLLM accept.
EXTRA_FIELDS = ("top_k", "min_p", "typical_p", "repeat_penalty", "repeat_last_n",
                "grammar", "chat_template_kwargs")
#: A message's keys that the API defines.
_MESSAGE_KEYS = ("role", "content", "name", "tool_call_id")


@dataclass(frozen=True)
class ChatRequest:
    """The JSON body, and the settings of the request that were not sent."""

    body: dict[str, Any]
    #: Names of the settings left out (``"beam search"`` ...), for the reply's notes.
    ignored: tuple[str, ...] = ()

    def without_extras(self) -> ChatRequest:
        """The same request with only the API's own fields (a server refused the rest)."""
        body = {k: v for k, v in self.body.items() if k not in EXTRA_FIELDS}
        return ChatRequest(body, self.ignored)

    @property
    def extras(self) -> tuple[str, ...]:
        return tuple(k for k in EXTRA_FIELDS if k in self.body)


def wire_message(message: Mapping[str, Any]) -> dict[str, Any]:
    turn = {k: message[k] for k in _MESSAGE_KEYS if k in message}
    turn.setdefault("content", "")
    calls = message.get("tool_calls")
    if calls:
        turn["tool_calls"] = [_wire_call(call) for call in calls]
    return turn


def _wire_call(call: Mapping[str, Any]) -> dict[str, Any]:
    function = dict(call.get("function") or {})
    arguments = function.get("arguments", {})
    if not isinstance(arguments, str):
        function["arguments"] = json.dumps(arguments, ensure_ascii=False)
    return {"id": call.get("id") or "", "type": "function", "function": function}


def chat_request(model: str, messages: Sequence[Message], sampling: SamplingParams, *,
                 thinking: ThinkingSettings | None = None,
                 offer: ToolOffer | None = None, stream: bool = True) -> ChatRequest:
    body: dict[str, Any] = {"model": model,
                            "messages": [wire_message(m) for m in messages],
                            "max_tokens": sampling.max_tokens}
    if stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    ignored: list[str] = []
    if sampling.strategy == "sample":
        body.update(temperature=sampling.temperature, top_p=sampling.top_p,
                    top_k=sampling.top_k, min_p=sampling.min_p)
        if sampling.typical_p < 1:
            body["typical_p"] = sampling.typical_p
        if sampling.seed >= 0:
            body["seed"] = sampling.seed
    else:
        # Greedy (and beam search, which no OpenAI-compatible server offers): the
        # most likely token every time.
        body.update(temperature=0.0, top_k=1)
        if sampling.strategy == "beam":
            ignored.append("beam search")
    if sampling.repeat_penalty != 1.0:
        body["repeat_penalty"] = sampling.repeat_penalty
        body["repeat_last_n"] = sampling.repeat_last_n
    if sampling.presence_penalty:
        body["presence_penalty"] = sampling.presence_penalty
    if sampling.frequency_penalty:
        body["frequency_penalty"] = sampling.frequency_penalty
    if sampling.stop:
        body["stop"] = list(sampling.stop)
    _add_thinking(body, thinking)
    _add_offer(body, offer)
    return ChatRequest(body, tuple(ignored))


def _add_thinking(body: dict[str, Any], thinking: ThinkingSettings | None) -> None:
    if thinking is None:
        return
    kwargs: dict[str, Any] = {}
    if thinking.mode is not ThinkingMode.DEFAULT:
        kwargs["enable_thinking"] = thinking.mode is ThinkingMode.ON
    effort = thinking.options.get("reasoning_effort")
    if isinstance(effort, str):
        body["reasoning_effort"] = effort
    kwargs.update({k: v for k, v in thinking.options.items() if k != "reasoning_effort"})
    if kwargs:
        body["chat_template_kwargs"] = kwargs


def _add_offer(body: dict[str, Any], offer: ToolOffer | None) -> None:
    if offer is None:
        return
    if offer.tools:
        body["tools"] = [dict(tool) for tool in offer.tools]
        choice = offer.choice
        if choice.mode is ToolChoiceMode.NAMED and choice.name:
            body["tool_choice"] = {"type": "function", "function": {"name": choice.name}}
        else:
            body["tool_choice"] = choice.mode.value
    constraint = offer.constraint
    if constraint is not None and constraint.json_schema is not None:
        body["response_format"] = {"type": "json_schema", "json_schema": {
            "name": "reply", "schema": dict(constraint.json_schema), "strict": True}}
    elif constraint is not None and constraint.grammar is not None:
        body["grammar"] = constraint.grammar
