"""Conversations to import, read and checked before anything is written.

Two shapes are accepted: Prosa's own export (``core.conversation.export``: a tree with
records and settings) and OpenAI-style message lists (a list, or ``{"messages": [...]}``
with an optional ``title``), which become one path.  The file comes from anywhere, so
every value is checked for its type and range (SQLite integers are 64-bit, JSON's are
not), references between messages must stay inside the file, and the tree may have
no cycles; anything else is :class:`BadInput` that says which message and which key,
so :func:`parse_import` either returns something the store can write in one
transaction or refuses the whole file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.conversation.export import EXPORT_FORMAT, EXPORT_VERSION
from core.conversation.records import (
    MAX_TITLE_CHARS,
    ReplyRecord,
    ReplyStats,
    one_line,
    storable_text,
)
from core.conversation.types import ContextPolicy, MessageStatus, Role, ThinkingSettings
from core.errors import BadInput
from core.output.types import ToolCall
from core.tools.runs import RunStatus, ToolRun

#: SQLite stores integers in 64 bits; JSON numbers have no limit.
_INT_LIMIT = 2**63


@dataclass(frozen=True)
class ImportedConversation:
    title: str = ""
    created_at: float | None = None
    pinned: bool = False
    system_prompt: str = ""
    sampling: dict[str, Any] | None = None
    model_path: str = ""
    context_policy: ContextPolicy = ContextPolicy.STOP
    #: When it was last active; ``None`` (imports): now, so an import shows at the top.
    #: A recovered conversation keeps its own, to sit where it was in time.
    updated_at: float | None = None
    thinking: ThinkingSettings | None = None


@dataclass(frozen=True)
class ImportedMessage:
    #: The message's id in the file (new ids are given when it is written).
    source_id: int
    parent: int | None
    role: Role
    content: str
    status: MessageStatus
    created_at: float | None
    tokens: int | None
    selected: int
    record: ReplyRecord | None
    stats: ReplyStats | None
    #: A reply's reasoning, its tokens and time.
    reasoning: str = ""
    reasoning_tokens: int | None = None
    reasoning_ms: float | None = None
    #: A reply's tool calls, and a ``tool`` message's run.
    tool_calls: tuple[ToolCall, ...] = ()
    tool_run: ToolRun | None = None


@dataclass(frozen=True)
class Imported:
    conversation: ImportedConversation
    #: Parents always before their children.
    messages: list[ImportedMessage]


def parse_import(data: Any) -> Imported:
    """A conversation from JSON data (already parsed); raises :class:`BadInput`."""
    if isinstance(data, list):
        return _parse_openai(data, {})
    if not isinstance(data, dict):
        raise BadInput("conversation.import.not_a_conversation",
                       "A conversation to import must be a JSON object or a list of "
                       "messages.")
    if "format" in data:
        if data["format"] != EXPORT_FORMAT:
            raise BadInput("conversation.import.other_format",
                           "This file is not a Prosa conversation (its format is "
                           "“{format}”).", format=_shown(data["format"]))
        return _parse_prosa(data)
    if "messages" in data:
        messages = data["messages"]
        if not isinstance(messages, list):
            raise BadInput("conversation.import.messages_not_list",
                           "“messages” must be a list of messages.")
        return _parse_openai(messages, data)
    raise BadInput("conversation.import.nothing",
                   "Nothing to import: expected a Prosa conversation export, a list of "
                   "messages, or an object with “messages”.")


# --- OpenAI-style message lists ------------------------------------------------------


def _parse_openai(items: list[Any], data: Mapping[str, Any]) -> Imported:
    if not items:
        raise BadInput("conversation.import.no_messages", "There are no messages to import.")
    title = _setting(data, "title", str, "")
    system_parts: list[str] = []
    messages: list[ImportedMessage] = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise BadInput("conversation.import.not_a_message",
                           "Message {number} must be an object with “role” and “content”.",
                           number=number)
        if "role" not in item:
            raise _missing(number, "role")
        role = _role("system" if item["role"] == "developer" else item["role"], number)
        calls = _tool_calls(item.get("tool_calls")) if role == Role.ASSISTANT else ()
        # A reply that only calls tools has no content (``null`` in OpenAI's format).
        content = "" if calls and item.get("content") is None \
            else _openai_content(item.get("content"), number)
        if role == Role.SYSTEM and not messages:
            system_parts.append(content)
            continue
        messages.append(ImportedMessage(
            source_id=number, parent=messages[-1].source_id if messages else None,
            role=role, content=content, status=MessageStatus.DONE, created_at=None,
            tokens=None, selected=number, record=None, stats=None,
            reasoning=_openai_reasoning(item, number), tool_calls=calls,
            tool_run=_openai_tool_run(item, content, messages) if role == Role.TOOL
            else None))
    head = ImportedConversation(title=_title(title), system_prompt="\n\n".join(system_parts))
    return Imported(head, messages)


def _openai_tool_run(item: Mapping[str, Any], content: str,
                     before: list[ImportedMessage]) -> ToolRun:
    """A ``tool`` message of a chat API's list: its result, and the call it answers
    (found by ``tool_call_id`` among the earlier replies' calls, when it is there)."""
    call_id = item.get("tool_call_id")
    call_id = call_id if isinstance(call_id, str) else ""
    asked = next((call for message in reversed(before) for call in message.tool_calls
                  if call_id and call.id == call_id), None)
    name = item.get("name")
    return ToolRun(call_id=call_id,
                   name=name if isinstance(name, str) else asked.name if asked else "",
                   arguments=dict(asked.arguments) if asked else {},
                   status=RunStatus.DONE, result=content)


def _openai_reasoning(item: Mapping[str, Any], number: int) -> str:
    """A message's reasoning, under the names chat APIs give it (DeepSeek's and vLLM's
    ``reasoning_content``, OpenRouter's ``reasoning``)."""
    for key in ("reasoning_content", "reasoning"):
        value = item.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise _wrong_type(_Place(number), key, str)
            return storable_text(value)
    return ""


def _openai_content(content: Any, number: int) -> str:
    if isinstance(content, str):
        return storable_text(content)
    if isinstance(content, list):
        texts = []
        for part in content:
            if isinstance(part, dict) and part.get("type") == "text" \
                    and isinstance(part.get("text"), str):
                texts.append(part["text"])
            else:
                raise BadInput("conversation.import.not_text_part",
                               "Message {number} contains a part that is not text; Prosa "
                               "imports text only.", number=number)
        return storable_text("\n".join(texts))
    if content is None:
        raise _missing(number, "content")
    raise _wrong_type(_Place(number), "content", str)


# --- Prosa's own export --------------------------------------------------------------


def _parse_prosa(data: Mapping[str, Any]) -> Imported:
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BadInput("conversation.import.no_version",
                       "This Prosa conversation file has no valid “version”.")
    if version > EXPORT_VERSION:
        raise BadInput("conversation.import.newer",
                       "This conversation was exported by a newer Prosa (format version "
                       "{version}); update Prosa to import it.", version=version)
    head = data.get("conversation")
    if not isinstance(head, dict):
        raise BadInput("conversation.import.no_settings",
                       "This Prosa conversation file has no “conversation” settings.")
    policy = _setting(head, "context_policy", str, ContextPolicy.STOP.value)
    if policy not in tuple(ContextPolicy):
        raise BadInput("conversation.import.unknown_policy",
                       "Unknown context policy “{policy}” in the conversation settings.",
                       policy=policy)
    conversation = ImportedConversation(
        title=_title(_setting(head, "title", str, "")),
        created_at=_number(head, "created_at", _Place(None)),
        pinned=_setting(head, "pinned", bool, False),
        system_prompt=storable_text(_setting(head, "system_prompt", str, "")),
        sampling=_optional_dict(head, "sampling", _Place(None)),
        model_path=storable_text(_setting(head, "model_path", str, "")),
        context_policy=ContextPolicy(policy),
        thinking=ThinkingSettings.from_dict(_optional_dict(head, "thinking", _Place(None))),
    )
    items = data.get("messages")
    if not isinstance(items, list):
        raise BadInput("conversation.import.no_messages_list",
                       "This Prosa conversation file has no “messages” list.")
    parsed = [_prosa_message(item, number) for number, item in enumerate(items, 1)]
    return Imported(conversation, _parents_first(parsed))


def _prosa_message(item: Any, number: int) -> ImportedMessage:
    if not isinstance(item, dict):
        raise BadInput("conversation.import.message_not_object",
                       "Message {number} must be an object.", number=number)
    here = _Place(number)
    source_id = _field(item, "id", int, here)
    parent = _field(item, "parent_id", int, here, None, optional=True)
    role = _role(_field(item, "role", str, here), number)
    status_text = _field(item, "status", str, here, MessageStatus.DONE.value)
    if status_text not in tuple(MessageStatus):
        raise BadInput("conversation.import.unknown_status",
                       "Message {number} has the status “{status}”; expected one of "
                       "{allowed}.", number=number, status=status_text,
                       allowed=", ".join(MessageStatus))
    status = MessageStatus(status_text)
    if status == MessageStatus.STREAMING:
        status = MessageStatus.INTERRUPTED  # nothing is writing it any more
    tokens = _field(item, "tokens", int, here, None, optional=True)
    if tokens is not None and tokens < 0:
        raise BadInput("conversation.import.negative_tokens",
                       "Message {number} has a negative token count.", number=number)
    selected = _field(item, "selected", int, here, number)
    record = None
    raw_record = _optional_dict(item, "record", here)
    if raw_record is not None:
        at = _Place(number, "record")
        record = ReplyRecord(
            model_file=_field(raw_record, "model_file", str, at, ""),
            model_sha256=_field(raw_record, "model_sha256", str, at, ""),
            template_source=_field(raw_record, "template_source", str, at, ""),
            template_sha256=_field(raw_record, "template_sha256", str, at, ""),
            strategy=_field(raw_record, "strategy", str, at, ""),
            sampling=_optional_dict(raw_record, "sampling", at),
            seed=_field(raw_record, "seed", int, at, None, optional=True),
            system_prompt=_field(raw_record, "system_prompt", str, at, None, optional=True),
            engine=_field(raw_record, "engine", str, at, ""))
    stats = None
    raw_stats = _optional_dict(item, "stats", here)
    if raw_stats is not None:
        at = _Place(number, "stats")
        stats = ReplyStats(
            prompt_tokens=_field(raw_stats, "prompt_tokens", int, at, None, optional=True),
            completion_tokens=_field(raw_stats, "completion_tokens", int, at, None,
                                     optional=True),
            ttft_ms=_number(raw_stats, "ttft_ms", at),
            tokens_per_s=_number(raw_stats, "tokens_per_s", at))
    reasoning_tokens = _field(item, "reasoning_tokens", int, here, None, optional=True)
    if reasoning_tokens is not None and reasoning_tokens < 0:
        raise BadInput("conversation.import.negative_tokens",
                       "Message {number} has a negative token count.", number=number)
    return ImportedMessage(
        source_id=source_id, parent=parent, role=role,
        content=storable_text(_field(item, "content", str, here)), status=status,
        created_at=_number(item, "created_at", here), tokens=tokens, selected=selected,
        record=record, stats=stats,
        reasoning=storable_text(_field(item, "reasoning_content", str, here, "",
                                       optional=True)),
        reasoning_tokens=reasoning_tokens, reasoning_ms=_number(item, "reasoning_ms", here),
        tool_calls=_tool_calls(item.get("tool_calls")),
        tool_run=ToolRun.from_dict(item["tool_run"])
        if isinstance(item.get("tool_run"), Mapping) else None)


def _tool_calls(value: Any) -> tuple[ToolCall, ...]:
    """A reply's calls in Prosa's export shape or OpenAI's (``function.arguments`` a
    JSON string); what cannot be read is left out, never guessed."""
    calls: list[ToolCall] = []
    for item in value if isinstance(value, list) else ():
        if not isinstance(item, Mapping):
            continue
        function = item.get("function", item)
        name = function.get("name") if isinstance(function, Mapping) else None
        if not isinstance(name, str):
            continue
        arguments = function.get("arguments", {})
        if isinstance(arguments, str):
            try:
                arguments = json.loads(arguments)
            except ValueError:
                continue
        call_id = item.get("id")
        calls.append(ToolCall(name, dict(arguments) if isinstance(arguments, Mapping) else {},
                              call_id if isinstance(call_id, str) else None))
    return tuple(calls)


def _parents_first(messages: list[ImportedMessage]) -> list[ImportedMessage]:
    """The messages in file order, except that a parent always comes before its
    children; rejects references to missing messages, duplicate ids and cycles."""
    by_id: dict[int, ImportedMessage] = {}
    for message in messages:
        if message.source_id in by_id:
            raise BadInput("conversation.import.duplicate_id",
                           "Two messages share the id {id}.", id=message.source_id)
        by_id[message.source_id] = message
    placed: set[int] = set()
    ordered: list[ImportedMessage] = []
    for message in messages:
        chain: list[ImportedMessage] = []
        in_chain: set[int] = set()
        current: ImportedMessage | None = message
        while current is not None and current.source_id not in placed:
            if current.source_id in in_chain:
                raise BadInput("conversation.import.loop",
                               "The messages' parents form a loop, so this is not a "
                               "conversation tree.")
            chain.append(current)
            in_chain.add(current.source_id)
            if current.parent is None:
                current = None
            elif current.parent not in by_id:
                raise BadInput("conversation.import.missing_parent",
                               "Message {id} answers message {parent}, which is not in "
                               "the file.", id=current.source_id, parent=current.parent)
            else:
                current = by_id[current.parent]
        for item in reversed(chain):
            placed.add(item.source_id)
            ordered.append(item)
    return ordered


# --- values --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Place:
    """Where a value sits: the conversation's settings (``message`` None) or message
    number ``message`` (from 1), directly or inside its ``part`` ("record", "stats")."""

    message: int | None
    part: str = ""

    def key(self, key: str) -> str:
        return f"{self.part}.{key}" if self.part else key


_MISSING = object()


def _setting(data: Mapping[str, Any], key: str, kind: type, default: Any) -> Any:
    """A conversation setting (every one has a default)."""
    return _field(data, key, kind, _Place(None), default)


def _field(data: Mapping[str, Any], key: str, kind: type, place: _Place,
           default: Any = _MISSING, *, optional: bool = False) -> Any:
    value: Any = data.get(key, _MISSING)
    if value is _MISSING or (value is None and optional):
        if default is _MISSING:
            assert place.message is not None, "every conversation setting has a default"
            raise _missing(place.message, place.key(key))
        return default
    # (a flag, not the condition itself: mypy would narrow ``value`` to ``object``)
    wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
    if wrong:
        raise _wrong_type(place, key, kind)
    if kind is int and not -_INT_LIMIT <= value < _INT_LIMIT:
        raise _too_large(place, key)
    return value


def _number(data: Mapping[str, Any], key: str, place: _Place) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong_type(place, key, float)
    if isinstance(value, int) and not -_INT_LIMIT <= value < _INT_LIMIT:
        raise _too_large(place, key)
    if not math.isfinite(value):
        raise _not_finite(place, key)
    return value


def _optional_dict(data: Mapping[str, Any], key: str, place: _Place) -> dict[str, Any] | None:
    value = data.get(key)
    if value is not None and not isinstance(value, dict):
        raise _wrong_type(place, key, dict)
    return value


def _role(value: Any, number: int) -> Role:
    if value not in tuple(Role):
        raise BadInput("conversation.import.unknown_role",
                       "Message {number} has the role “{role}”; Prosa keeps only system, "
                       "user, assistant and tool messages.", number=number, role=_shown(value))
    return Role(value)


def _title(title: str) -> str:
    return one_line(title)[:MAX_TITLE_CHARS]


def _missing(number: int, key: str) -> BadInput:
    return BadInput("conversation.import.field_missing", "Message {number} has no “{key}”.",
                    number=number, key=key)


def _wrong_type(place: _Place, key: str, kind: type) -> BadInput:
    if place.message is None:
        if kind is str:
            return BadInput("conversation.import.setting_not_text",
                            "The conversation's “{key}” must be text.", key=key)
        if kind is bool:
            return BadInput("conversation.import.setting_not_boolean",
                            "The conversation's “{key}” must be true or false.", key=key)
        if kind is dict:
            return BadInput("conversation.import.setting_not_object",
                            "The conversation's “{key}” must be an object.", key=key)
        return BadInput("conversation.import.setting_not_number",
                        "The conversation's “{key}” must be a number.", key=key)
    number, shown = place.message, place.key(key)
    if kind is str:
        return BadInput("conversation.import.field_not_text",
                        "Message {number}: “{key}” must be text.", number=number, key=shown)
    if kind is int:
        return BadInput("conversation.import.field_not_whole_number",
                        "Message {number}: “{key}” must be a whole number.",
                        number=number, key=shown)
    if kind is dict:
        return BadInput("conversation.import.field_not_object",
                        "Message {number}: “{key}” must be an object.",
                        number=number, key=shown)
    return BadInput("conversation.import.field_not_number",
                    "Message {number}: “{key}” must be a number.", number=number, key=shown)


def _too_large(place: _Place, key: str) -> BadInput:
    if place.message is None:
        return BadInput("conversation.import.setting_too_large",
                        "The conversation's “{key}” is too large a number.", key=key)
    return BadInput("conversation.import.field_too_large",
                    "Message {number}: “{key}” is too large a number.",
                    number=place.message, key=place.key(key))


def _not_finite(place: _Place, key: str) -> BadInput:
    if place.message is None:
        return BadInput("conversation.import.setting_not_finite",
                        "The conversation's “{key}” must be a finite number.", key=key)
    return BadInput("conversation.import.field_not_finite",
                    "Message {number}: “{key}” must be a finite number.",
                    number=place.message, key=place.key(key))


def _shown(value: Any) -> str:
    """A value from the file, short, to quote in a message."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"
