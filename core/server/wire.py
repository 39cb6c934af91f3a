"""OpenAI's requests in, Prosa's jobs out: every field checked, each mistake a 400
that names its ``param``.

Messages become what chat templates read (``core.conversation.tool_turns``): a tool
call's ``function.arguments`` arrives as a JSON string and is kept as an object; a
tool result gets the name of the call it answers.  Sampling maps onto
:class:`SamplingParams` (llama.cpp's ``top_k``, ``min_p`` and ``repeat_penalty``
included); what a request leaves out takes the server's defaults, and ``max_tokens``
left out means "until the context is full", as OpenAI's API means it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.conversation.types import Message, ThinkingSettings
from core.engine.protocol import ModelLoaded
from core.errors import BadInput
from core.output.types import ThinkingMode
from core.sampling.params import MAX_LOGPROBS, RANGES, SamplingParams
from core.server.errors import ApiError
from core.server.jobs import Job
from core.tools.choice import OutputConstraint, ToolChoice, ToolChoiceMode, ToolOffer
from core.tools.spec import ToolSpec
from core.tools.structured import check_grammar, check_schema

_ROLES = {"system": "system", "developer": "system", "user": "user",
          "assistant": "assistant", "tool": "tool"}
_TEXT_PARTS = ("text", "input_text")
#: Sampling fields a request may set, as SamplingParams names them.
_NUMBERS = ("top_p", "top_k", "min_p", "typical_p", "repeat_penalty", "repeat_last_n",
            "presence_penalty", "frequency_penalty", "seed")
_EFFORTS = ("minimal", "low", "medium", "high")


@dataclass(frozen=True)
class Options:
    """How to answer (the job says what to generate)."""

    #: The model's name as the answer says it.
    model: str
    stream: bool = False
    include_usage: bool = False
    #: Alternatives per token to report; ``None``: no probabilities asked.
    logprobs: int | None = None
    #: /v1/completions: the prompt goes before the answer's text.
    echo: str = ""


@dataclass(frozen=True)
class ApiRequest:
    job: Job
    options: Options


def model_id(loaded: ModelLoaded) -> str:
    """The name ``/v1/models`` lists: the file's name without ``.gguf``."""
    return loaded.model_name


def check_model(name: object, loaded: ModelLoaded) -> str:
    """The loaded model answers to its id, its file name, or no name at all; any other
    name is a 404 (a client that names another model must not get this one unaware)."""
    served = model_id(loaded)
    if name is None or name == "":
        return served
    if not isinstance(name, str):
        raise ApiError(400, "'model' must be a string.", param="model")
    aliases = {served.lower(), Path(loaded.model_path).name.lower(),
               Path(loaded.model_path).stem.lower()}
    if name.strip().lower() not in aliases:
        raise ApiError(404, f"The model '{name}' is not served here; Prosa serves "
                            f"'{served}' (see /v1/models).", param="model",
                       code="model_not_found")
    return served


def chat_request(body: Mapping[str, Any], defaults: SamplingParams,
                 loaded: ModelLoaded) -> ApiRequest:
    model = check_model(body.get("model"), loaded)
    if loaded.mode == "completion":
        raise ApiError(400, "The model is in completion mode in Prosa (it continues raw "
                            "text): use /v1/completions, or give it a chat template.",
                       code="model_in_completion_mode")
    _single_choice(body)
    messages = read_messages(body.get("messages"))
    offer = _offer(body, loaded)
    sampling, logprobs = read_sampling(body, defaults, loaded)
    job = Job(messages, sampling, offer, _thinking(body))
    return ApiRequest(job, Options(model, _flag(body, "stream"), _include_usage(body),
                                   logprobs))


def completion_request(body: Mapping[str, Any], defaults: SamplingParams,
                       loaded: ModelLoaded) -> ApiRequest:
    """/v1/completions continues raw text: only a model in completion mode reads its
    prompt as it is (a chat model's prompt is always built by its template)."""
    model = check_model(body.get("model"), loaded)
    if loaded.mode != "completion":
        raise ApiError(400, "The model is in chat mode in Prosa, and its prompt is always "
                            "built by its chat template: use /v1/chat/completions, or "
                            "switch the model to completion mode in Prosa (Engine tab, "
                            "Mode).", code="model_in_chat_mode")
    _single_choice(body)
    prompt = body.get("prompt", "")
    if isinstance(prompt, list) and len(prompt) == 1 and isinstance(prompt[0], str):
        prompt = prompt[0]
    if not isinstance(prompt, str):
        raise ApiError(400, "'prompt' must be a string (token arrays and several prompts "
                            "at once are not supported).", param="prompt")
    if body.get("suffix"):
        raise ApiError(400, "'suffix' (filling in the middle) is not supported.",
                       param="suffix")
    sampling, logprobs = read_sampling(body, defaults, loaded, legacy_logprobs=True)
    job = Job(({"role": "user", "content": prompt},), sampling)
    echo = prompt if _flag(body, "echo") else ""
    return ApiRequest(job, Options(model, _flag(body, "stream"), _include_usage(body),
                                   logprobs, echo))


# --- messages ----------------------------------------------------------------------------


def read_messages(value: object) -> tuple[Message, ...]:
    if not isinstance(value, list) or not value:
        raise ApiError(400, "'messages' must be a non-empty array.", param="messages")
    messages: list[Message] = []
    names: dict[str, str] = {}  # call id -> function name
    for i, item in enumerate(value):
        param = f"messages[{i}]"
        if not isinstance(item, dict):
            raise ApiError(400, f"{param} must be an object.", param=param)
        role = item.get("role")
        if role not in _ROLES:
            raise ApiError(400, f"{param}.role must be one of {', '.join(_ROLES)}.",
                           param=f"{param}.role")
        message: Message = {"role": _ROLES[role],
                            "content": _content(item.get("content"), f"{param}.content")}
        if isinstance(item.get("name"), str) and role in ("system", "user", "developer"):
            message["name"] = item["name"]
        if role == "assistant":
            calls = item.get("tool_calls")
            if calls:
                if not isinstance(calls, list):
                    raise ApiError(400, f"{param}.tool_calls must be an array.",
                                   param=f"{param}.tool_calls")
                message["tool_calls"] = [_call(c, f"{param}.tool_calls[{j}]")
                                         for j, c in enumerate(calls)]
                names.update((c["id"], c["function"]["name"])
                             for c in message["tool_calls"])
            reasoning = item.get("reasoning_content")
            if isinstance(reasoning, str) and reasoning:
                message["reasoning_content"] = reasoning
        if role == "tool":
            call_id = item.get("tool_call_id")
            if not isinstance(call_id, str):
                raise ApiError(400, f"{param}.tool_call_id must be a string.",
                               param=f"{param}.tool_call_id")
            message["tool_call_id"] = call_id
            name = item.get("name")
            message["name"] = name if isinstance(name, str) else names.get(call_id, "")
        messages.append(message)
    return tuple(messages)


def _content(value: object, param: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        texts: list[str] = []
        for j, part in enumerate(value):
            kind = part.get("type") if isinstance(part, dict) else None
            if kind not in _TEXT_PARTS or not isinstance(part.get("text"), str):
                raise ApiError(400, f"{param}[{j}] is not a text part: Prosa's models "
                                    "read text only.", param=f"{param}[{j}]")
            texts.append(part["text"])
        return "".join(texts)
    raise ApiError(400, f"{param} must be a string or an array of text parts.", param=param)


def _call(value: object, param: str) -> dict[str, Any]:
    function = value.get("function") if isinstance(value, dict) else None
    name = function.get("name") if isinstance(function, dict) else None
    if not isinstance(function, dict) or not isinstance(name, str) or not name:
        raise ApiError(400, f"{param} must be {{'type': 'function', 'function': "
                            "{'name': ..., 'arguments': ...}}.", param=param)
    arguments = function.get("arguments", "{}")
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments or "{}")
        except json.JSONDecodeError as exc:
            raise ApiError(400, f"{param}.function.arguments is not valid JSON: {exc.msg}.",
                           param=f"{param}.function.arguments") from None
    if not isinstance(arguments, dict):
        raise ApiError(400, f"{param}.function.arguments must be a JSON object.",
                       param=f"{param}.function.arguments")
    call_id = value.get("id") if isinstance(value, dict) else None
    return {"id": call_id if isinstance(call_id, str) else "", "type": "function",
            "function": {"name": name, "arguments": arguments}}


# --- tools, choice and shape ---------------------------------------------------------


def _offer(body: Mapping[str, Any], loaded: ModelLoaded) -> ToolOffer | None:
    tools = _tools(body.get("tools"))
    choice = _tool_choice(body.get("tool_choice"), tools)
    constraint = _constraint(body)
    if tools and choice.mode is not ToolChoiceMode.NONE and not loaded.tools_supported:
        raise ApiError(400, "The model's chat template in Prosa does not show tools to "
                            "the model: choose a template with tools (the built-in "
                            "chatml-tools, for one) or send the request without them.",
                       param="tools", code="tools_unsupported")
    if not tools and constraint is None:
        return None
    if not loaded.tools_supported:
        tools = ()
    return ToolOffer(tools, choice, constraint)


def _tools(value: object) -> tuple[dict[str, Any], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ApiError(400, "'tools' must be an array.", param="tools")
    specs: list[dict[str, Any]] = []
    for i, item in enumerate(value):
        try:
            specs.append(ToolSpec.from_openai(item if isinstance(item, dict) else {})
                         .to_openai())
        except ValueError as exc:
            raise ApiError(400, f"tools[{i}]: {exc}.", param=f"tools[{i}]") from None
    return tuple(specs)


def _tool_choice(value: object, tools: tuple[dict[str, Any], ...]) -> ToolChoice:
    names = [t["function"]["name"] for t in tools]
    if value is None:
        return ToolChoice()
    if isinstance(value, str) and value in ("auto", "none", "required"):
        choice = ToolChoice.parse(value)
    elif isinstance(value, dict) and isinstance(value.get("function"), dict) \
            and isinstance(value["function"].get("name"), str):
        choice = ToolChoice(ToolChoiceMode.NAMED, value["function"]["name"])
        if choice.name not in names:
            raise ApiError(400, f"tool_choice names '{choice.name}', which is not among "
                                "the tools.", param="tool_choice")
    else:
        raise ApiError(400, "'tool_choice' must be 'auto', 'none', 'required' or "
                            "{'type': 'function', 'function': {'name': ...}}.",
                       param="tool_choice")
    if choice.forces_call and not tools:
        raise ApiError(400, "tool_choice asks for a call, but no tools were given.",
                       param="tool_choice")
    return choice


def _constraint(body: Mapping[str, Any]) -> OutputConstraint | None:
    shape = body.get("response_format")
    grammar = body.get("grammar")  # llama.cpp's own field
    constraint: OutputConstraint | None = None
    if shape is not None:
        kind = shape.get("type") if isinstance(shape, dict) else None
        if kind == "json_object":
            constraint = OutputConstraint(json_schema={"type": "object"})
        elif kind == "json_schema":
            spec = shape.get("json_schema")
            schema = spec.get("schema", {"type": "object"}) if isinstance(spec, dict) else None
            if not isinstance(schema, dict):
                raise ApiError(400, "response_format.json_schema.schema must be a JSON "
                                    "schema object.", param="response_format")
            try:
                check_schema(schema)
            except BadInput as exc:
                raise ApiError(400, exc.message, param="response_format") from None
            constraint = OutputConstraint(json_schema=schema)
        elif kind != "text":
            raise ApiError(400, "response_format.type must be 'text', 'json_object' or "
                                "'json_schema'.", param="response_format")
    if grammar is not None:
        if constraint is not None or not isinstance(grammar, str):
            raise ApiError(400, "'grammar' must be a string, and not given with a "
                                "response_format.", param="grammar")
        try:
            constraint = OutputConstraint(grammar=check_grammar(grammar))
        except BadInput as exc:
            raise ApiError(400, exc.message, param="grammar") from None
    return constraint


def _thinking(body: Mapping[str, Any]) -> ThinkingSettings | None:
    """llama.cpp's ``chat_template_kwargs`` (``enable_thinking`` switches thinking
    through the template's own switch) and OpenAI's ``reasoning_effort``."""
    kwargs = body.get("chat_template_kwargs")
    effort = body.get("reasoning_effort")
    if kwargs is None and effort is None:
        return None
    if kwargs is not None and not isinstance(kwargs, dict):
        raise ApiError(400, "'chat_template_kwargs' must be an object.",
                       param="chat_template_kwargs")
    options = dict(kwargs or {})
    enable = options.pop("enable_thinking", None)
    mode = ThinkingMode.DEFAULT if not isinstance(enable, bool) else (
        ThinkingMode.ON if enable else ThinkingMode.OFF)
    if effort is not None:
        if effort not in _EFFORTS:
            raise ApiError(400, f"'reasoning_effort' must be one of {', '.join(_EFFORTS)}.",
                           param="reasoning_effort")
        options["reasoning_effort"] = effort
    return ThinkingSettings(mode, None, options)


# --- sampling ------------------------------------------------------------------------------


def read_sampling(body: Mapping[str, Any], defaults: SamplingParams, loaded: ModelLoaded,
                  *, legacy_logprobs: bool = False) -> tuple[SamplingParams, int | None]:
    """The request's sampling over the defaults, and the alternatives to report."""
    base = replace(defaults, logprobs=0, n_best=1)
    if base.strategy == "beam":  # one reply is answered: beam search's runners-up are not
        base = base.with_strategy("greedy")
    values = base.to_dict()
    values["max_tokens"] = min(loaded.n_ctx, int(RANGES["max_tokens"].high))
    temperature = _number(body, "temperature")
    if temperature is not None:
        values["strategy"] = "greedy" if temperature == 0 else "sample"
        values["temperature"] = temperature
    for name in _NUMBERS:
        value = _number(body, name)
        if value is not None:
            values[name] = value
    for name in ("max_tokens", "max_completion_tokens", "n_predict"):
        value = _number(body, name)
        if value is not None and value >= 0:  # llama.cpp's -1: no limit
            values["max_tokens"] = value
    stop = body.get("stop")
    if isinstance(stop, str):
        values["stop"] = [stop]
    elif isinstance(stop, list) and all(isinstance(s, str) for s in stop):
        values["stop"] = [s for s in stop if s]
    elif stop is not None:
        raise ApiError(400, "'stop' must be a string or an array of strings.", param="stop")
    logprobs = _logprobs(body, legacy_logprobs)
    values["logprobs"] = max(1, logprobs) if logprobs is not None else 0
    if body.get("logit_bias"):
        raise ApiError(400, "'logit_bias' is not supported.", param="logit_bias")
    try:
        return SamplingParams.from_dict(values), logprobs
    except BadInput as exc:
        label = exc.params.get("setting")
        param = next((n for n, r in RANGES.items() if r.label == label), None)
        raise ApiError(400, exc.message, param=param) from None


def _logprobs(body: Mapping[str, Any], legacy: bool) -> int | None:
    value = body.get("logprobs")
    if legacy:  # /v1/completions: logprobs is how many alternatives
        top = _number(body, "logprobs")
        return None if top is None else _top(int(top), "logprobs")
    if value is None or value is False:
        return None
    if value is not True:
        raise ApiError(400, "'logprobs' must be true or false.", param="logprobs")
    top = _number(body, "top_logprobs")
    return _top(int(top or 0), "top_logprobs")


def _top(value: int, param: str) -> int:
    if not 0 <= value <= MAX_LOGPROBS:
        raise ApiError(400, f"'{param}' must be between 0 and {MAX_LOGPROBS}.", param=param)
    return value


def _number(body: Mapping[str, Any], name: str) -> float | int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ApiError(400, f"'{name}' must be a number.", param=name)
    return value


def _flag(body: Mapping[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ApiError(400, f"'{name}' must be true or false.", param=name)
    return value


def _include_usage(body: Mapping[str, Any]) -> bool:
    options = body.get("stream_options")
    if options is None:
        return False
    if not isinstance(options, dict):
        raise ApiError(400, "'stream_options' must be an object.", param="stream_options")
    return bool(options.get("include_usage"))


def _single_choice(body: Mapping[str, Any]) -> None:
    for name in ("n", "best_of"):
        value = body.get(name)
        if value is not None and value != 1:
            raise ApiError(400, f"'{name}' must be 1: Prosa answers one choice per "
                                "request.", param=name)
