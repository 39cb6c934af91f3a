"""Records to SQLite rows and back, and the checks on every value the store writes.

What goes in is checked before any SQL runs (a wrong role, policy or token count is
:class:`BadInput`, the caller's mistake); what comes out becomes enum members, and a
value this version of Prosa does not know (a file changed by another program) is a
:class:`ConversationStoreError` that names it, never a string passed on unchecked.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from core.conversation.records import (
    MAX_TITLE_CHARS,
    Conversation,
    ReplyRecord,
    ReplyStats,
    StoredMessage,
    one_line,
    storable_text,
)
from core.conversation.types import ContextPolicy, MessageStatus, Role, ThinkingSettings
from core.errors import BadInput, ConversationStoreError
from core.output.types import ToolCall
from core.sampling.params import SamplingParams
from core.tools.runs import ToolRun
from core.tools.selection import ToolsState

Sampling = SamplingParams | Mapping[str, Any] | None

MESSAGE_COLUMNS = (
    "id", "conversation_id", "parent_id", "role", "content", "status", "created_at",
    "tokens", "model_file", "model_sha256", "template_source", "template_sha256",
    "strategy", "sampling_json", "seed", "prompt_tokens", "completion_tokens", "ttft_ms",
    "tokens_per_s", "selected_seq", "system_prompt", "reasoning", "reasoning_tokens",
    "reasoning_ms", "tool_calls_json", "tool_run_json", "engine",
)
RECORD_COLUMNS = ("model_file", "model_sha256", "template_source", "template_sha256",
                  "strategy", "sampling_json", "seed", "system_prompt", "engine")
STATS_COLUMNS = ("prompt_tokens", "completion_tokens", "ttft_ms", "tokens_per_s")


def columns(alias: str) -> str:
    """The message columns for a SELECT, as ``alias.name, ...``."""
    return ", ".join(f"{alias}.{name}" for name in MESSAGE_COLUMNS)


# --- rows to records -----------------------------------------------------------------


def to_message(row: sqlite3.Row) -> StoredMessage:
    record = None
    if any(row[name] is not None for name in RECORD_COLUMNS):
        record = ReplyRecord(
            model_file=row["model_file"] or "", model_sha256=row["model_sha256"] or "",
            template_source=row["template_source"] or "",
            template_sha256=row["template_sha256"] or "", strategy=row["strategy"] or "",
            sampling=loads(row["sampling_json"]), seed=row["seed"],
            system_prompt=row["system_prompt"], engine=row["engine"] or "")
    stats = None
    if any(row[name] is not None for name in STATS_COLUMNS):
        stats = ReplyStats(*(row[name] for name in STATS_COLUMNS))
    return StoredMessage(
        id=row["id"], conversation_id=row["conversation_id"], parent_id=row["parent_id"],
        role=_stored_role(row["role"]), content=row["content"],
        status=_stored_status(row["status"]), created_at=row["created_at"],
        tokens=row["tokens"], record=record, stats=stats, reasoning=row["reasoning"] or "",
        reasoning_tokens=row["reasoning_tokens"], reasoning_ms=row["reasoning_ms"],
        tool_calls=tool_calls_from_json(row["tool_calls_json"]),
        tool_run=tool_run_from_json(row["tool_run_json"]))


def to_conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"], title=row["title"], created_at=row["created_at"],
        updated_at=row["updated_at"], pinned=bool(row["pinned"]),
        deleted_at=row["deleted_at"], system_prompt=row["system_prompt"],
        sampling=loads(row["sampling_json"]), model_path=row["model_path"],
        context_policy=_stored_policy(row["context_policy"]),
        thinking=ThinkingSettings.from_dict(loads(row["thinking_json"])),
        tools=ToolsState.from_dict(loads(row["tools_json"])))


def _stored_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise ConversationStoreError(
            "conversation.stored.unknown_role",
            "A saved message has the role “{value}”, which Prosa does not know; another "
            "program may have changed the saved conversations.", value=str(value)) from None


def _stored_status(value: str) -> MessageStatus:
    try:
        return MessageStatus(value)
    except ValueError:
        raise ConversationStoreError(
            "conversation.stored.unknown_status",
            "A saved message has the status “{value}”, which Prosa does not know; another "
            "program may have changed the saved conversations.", value=str(value)) from None


def _stored_policy(value: str) -> ContextPolicy:
    try:
        return ContextPolicy(value)
    except ValueError:
        raise ConversationStoreError(
            "conversation.stored.unknown_policy",
            "A saved conversation has the context policy “{value}”, which Prosa does not "
            "know; another program may have changed the saved conversations.",
            value=str(value)) from None


def loads(text: str | None) -> dict[str, Any] | None:
    """Stored JSON settings; a value that cannot be read is treated as unknown."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def tool_calls_from_json(text: str | None) -> tuple[ToolCall, ...]:
    """A reply's stored calls; entries that cannot be read are left out (a file edited
    by hand must not stop a conversation from opening)."""
    if not text:
        return ()
    try:
        items = json.loads(text)
    except ValueError:
        return ()
    calls = []
    for item in items if isinstance(items, list) else ():
        if isinstance(item, Mapping) and isinstance(item.get("name"), str):
            arguments = item.get("arguments")
            call_id = item.get("id")
            calls.append(ToolCall(item["name"],
                                  dict(arguments) if isinstance(arguments, Mapping) else {},
                                  call_id if isinstance(call_id, str) else None))
    return tuple(calls)


def tool_calls_json(calls: Sequence[ToolCall]) -> str | None:
    return json.dumps([call.to_json() for call in calls], ensure_ascii=False) if calls \
        else None


def tool_run_from_json(text: str | None) -> ToolRun | None:
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return ToolRun.from_dict(data) if isinstance(data, Mapping) else None


def tool_run_json(run: ToolRun) -> str:
    return json.dumps(run.to_dict(), ensure_ascii=False)


# --- records to rows and plain data --------------------------------------------------


def record_values(record: ReplyRecord) -> dict[str, Any]:
    """The message columns that hold a reply record."""
    return {
        "model_file": storable_text(record.model_file),
        "model_sha256": storable_text(record.model_sha256),
        "template_source": storable_text(record.template_source),
        "template_sha256": storable_text(record.template_sha256),
        "strategy": storable_text(record.strategy),
        "sampling_json": sampling_json(record.sampling), "seed": record.seed,
        "system_prompt": None if record.system_prompt is None
        else storable_text(record.system_prompt),
        "engine": storable_text(record.engine) or None,
    }


def stats_values(stats: ReplyStats) -> dict[str, Any]:
    """The message columns that hold a reply's numbers (also their JSON export keys)."""
    return dict(zip(STATS_COLUMNS, (stats.prompt_tokens, stats.completion_tokens,
                                    stats.ttft_ms, stats.tokens_per_s), strict=True))


def tools_json(tools: ToolsState) -> str | None:
    """A conversation's tools as stored (``None``: the defaults, no tools)."""
    return None if tools == ToolsState() else json.dumps(tools.to_dict(), ensure_ascii=False)


def thinking_json(thinking: ThinkingSettings | None) -> str | None:
    """A conversation's thinking settings as stored (``None``: the defaults)."""
    if thinking is None or thinking == ThinkingSettings():
        return None
    try:
        return json.dumps(thinking.to_dict(), ensure_ascii=False, sort_keys=True,
                          allow_nan=False)
    except (TypeError, ValueError) as error:
        raise BadInput("conversation.bad_thinking",
                       "The thinking settings could not be saved: template options must "
                       "be plain numbers, text and true or false.",
                       details=str(error)) from error


def sampling_json(sampling: Sampling) -> str | None:
    if sampling is None:
        return None
    data = sampling.to_dict() if isinstance(sampling, SamplingParams) else dict(sampling)
    try:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise BadInput("conversation.bad_sampling",
                       "The sampling settings could not be saved: they must be plain "
                       "numbers and text.", details=str(error)) from error


# --- checks on what is written -------------------------------------------------------


def valid_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise BadInput("conversation.unknown_role",
                       "Unknown message role “{value}”; expected one of {allowed}.",
                       value=str(value), allowed=", ".join(Role)) from None


def valid_status(value: str) -> MessageStatus:
    try:
        return MessageStatus(value)
    except ValueError:
        raise BadInput("conversation.unknown_status",
                       "Unknown message status “{value}”; expected one of {allowed}.",
                       value=str(value), allowed=", ".join(MessageStatus)) from None


def valid_policy(value: str) -> ContextPolicy:
    try:
        return ContextPolicy(value)
    except ValueError:
        raise BadInput("conversation.unknown_policy",
                       "Unknown context policy “{value}”; expected one of {allowed}.",
                       value=str(value), allowed=", ".join(ContextPolicy)) from None


def valid_tokens(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                              or value < 0):
        raise BadInput("conversation.bad_token_count",
                       "A token count must be a whole number of at least 0, not {value}.",
                       value=repr(value))
    return value


def valid_title(title: str) -> str:
    title = one_line(title)
    if len(title) > MAX_TITLE_CHARS:
        raise BadInput("conversation.title_too_long",
                       "That title is too long ({length} characters; the limit is {limit}).",
                       length=len(title), limit=MAX_TITLE_CHARS)
    return title
