"""A conversation written out: JSON for Prosa to read back, Markdown for people.

The JSON form is the whole tree with every reply record and the conversation's
settings, so ``core.conversation.importers`` turns it back into the same conversation
(tests check that a copy of a copy does not drift).  Enum values are written as their
strings, the same ones SQLite holds, so files exported before the enums existed still
import.  The Markdown form is the branch shown, with how each reply was made and why
it ended (a reply cut at the length limit and one cut by a full context say so
differently).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from core.conversation.records import Conversation, ReplyRecord, StoredMessage
from core.conversation.rows import stats_values
from core.conversation.types import MessageStatus, Role
from core.output.types import ToolCall
from core.tools.runs import ToolRun

EXPORT_FORMAT = "prosa.conversation"
EXPORT_VERSION = 1


def json_export(info: Conversation, messages: Sequence[tuple[StoredMessage, int]],
                exported_at: float) -> dict[str, Any]:
    """``messages``: every message of the tree with its selection mark (``selected_seq``),
    parents before children."""
    return {
        "format": EXPORT_FORMAT, "version": EXPORT_VERSION,
        "exported_at": exported_at,
        "conversation": {
            "title": info.title, "created_at": info.created_at,
            "updated_at": info.updated_at, "pinned": info.pinned,
            "system_prompt": info.system_prompt, "sampling": info.sampling,
            "model_path": info.model_path, "context_policy": info.context_policy.value,
            "thinking": info.thinking.to_dict(),
        },
        "messages": [{
            "id": message.id, "parent_id": message.parent_id, "role": message.role.value,
            "content": message.content, "status": message.status.value,
            # The name chat APIs and templates use for it (``null``: no reasoning).
            "reasoning_content": message.reasoning or None,
            "reasoning_tokens": message.reasoning_tokens,
            "reasoning_ms": message.reasoning_ms,
            # OpenAI's shape for a reply's calls, and the run behind a tool message.
            "tool_calls": [call.to_json() for call in message.tool_calls] or None,
            "tool_run": None if message.tool_run is None else message.tool_run.to_dict(),
            "created_at": message.created_at, "tokens": message.tokens,
            "selected": selected,
            "record": None if message.record is None else _record_dict(message.record),
            "stats": None if message.stats is None else stats_values(message.stats),
        } for message, selected in messages],
    }


def _record_dict(record: ReplyRecord) -> dict[str, Any]:
    return {"model_file": record.model_file, "model_sha256": record.model_sha256,
            "template_source": record.template_source,
            "template_sha256": record.template_sha256, "strategy": record.strategy,
            "sampling": record.sampling, "seed": record.seed,
            "system_prompt": record.system_prompt, "engine": record.engine}


# --- Markdown ------------------------------------------------------------------------

#: Why a reply ended, when it did not end by itself.
STATUS_NOTES: dict[MessageStatus, str] = {
    MessageStatus.STREAMING: "still being written when exported",
    MessageStatus.INTERRUPTED: "interrupted: Prosa closed or the engine stopped while writing",
    MessageStatus.STOPPED: "stopped by the user",
    MessageStatus.LENGTH: "cut off at the maximum reply length",
    MessageStatus.CONTEXT: "cut off because the model's context was full",
    MessageStatus.ERROR: "failed",
}


def markdown(info: Conversation, path: Sequence[StoredMessage]) -> str:
    """The branch shown, for people: roles, text, and how each reply was made."""
    lines = [f"# {info.title or 'Conversation'}", ""]
    facts = [f"Exported from Prosa; started {_when(info.created_at)}"]
    if info.model_path:
        facts.append(f"model `{Path(info.model_path).name}`")
    facts.append(f"context policy: {info.context_policy.value}")
    lines += ["*" + ", ".join(facts) + ".*", ""]
    # The system prompt is shown where it applied: the one the first reply was made with
    # at the top, and again before any reply made with another (a conversation's prompt
    # can change between replies).  Replies recorded before Prosa kept it show the
    # conversation's.
    shown: str | None = None
    if not any(m.role == Role.ASSISTANT for m in path) and info.system_prompt.strip():
        lines += ["## System prompt", "", info.system_prompt.strip(), ""]
    for message in path:
        prompt = _reply_prompt(message, info)
        if prompt is not None and prompt != shown:
            title = "System prompt" if shown is None else "System prompt from here on"
            lines += [f"## {title}", "", prompt.strip() or "*(none)*", ""]
            shown = prompt
        lines += [f"## {message.role.value.capitalize()}", ""]
        lines += _thinking(message)
        if message.role == Role.TOOL and message.tool_run is not None:
            lines += _tool_run(message.tool_run)
        elif message.tool_calls and not message.content.strip():
            lines += _tool_calls(message.tool_calls)
        else:
            lines += [message.content.rstrip() or "*(empty)*", ""]
            lines += _tool_calls(message.tool_calls)
        about = _reply_facts(message)
        if about:
            lines += ["> " + " · ".join(about), ""]
    return "\n".join(lines).rstrip() + "\n"


def _tool_calls(calls: Sequence[ToolCall]) -> list[str]:
    """A reply's calls as JSON blocks (what the model asked for, exactly)."""
    lines: list[str] = []
    for call in calls:
        lines += [f"Calls `{call.name}`:", "", "```json",
                  json.dumps(dict(call.arguments), ensure_ascii=False, indent=2), "```", ""]
    return lines


def _tool_run(run: ToolRun) -> list[str]:
    """A tool message: which tool, with what, how it went, and the result as the model
    read it (fenced, so a result's own Markdown stays text)."""
    where = f"MCP server `{run.server}`" if run.server else "built-in"
    lines = [f"`{run.name}` ({where}), {run.status.value}, {run.elapsed_ms:.0f} ms", "",
             "```json", json.dumps(dict(run.arguments), ensure_ascii=False, indent=2), "```",
             ""]
    fence = "`" * max(3, _longest_backtick_run(run.result) + 1)
    return [*lines, fence, run.result.rstrip("\n"), fence, ""]


def _longest_backtick_run(text: str) -> int:
    return max((len(m) for m in re.findall(r"`+", text)), default=0)


def _thinking(message: StoredMessage) -> list[str]:
    """A reply's reasoning, folded (``<details>``, which Markdown viewers show closed)
    and quoted (so it reads as apart from the answer where it is not folded)."""
    reasoning = message.reasoning.strip("\n")
    if not reasoning:
        return []
    about = []
    if message.reasoning_tokens:
        about.append(f"{message.reasoning_tokens} tokens")
    if message.reasoning_ms:
        about.append(f"{message.reasoning_ms / 1000:.1f} s")
    title = "Thinking" + (f" ({', '.join(about)})" if about else "")
    quoted = [f"> {line}".rstrip() for line in reasoning.splitlines()]
    return [f"<details><summary>{title}</summary>", "", *quoted, "", "</details>", ""]


def _reply_prompt(message: StoredMessage, info: Conversation) -> str | None:
    """The system prompt a reply was made with (``None`` for the user's messages)."""
    if message.role != Role.ASSISTANT:
        return None
    if message.record is not None and message.record.system_prompt is not None:
        return message.record.system_prompt
    return info.system_prompt


def _reply_facts(message: StoredMessage) -> list[str]:
    facts: list[str] = []
    if message.status in STATUS_NOTES:
        facts.append(STATUS_NOTES[message.status])
    record = message.record
    if record is not None:
        if record.model_file:
            facts.append(f"model `{record.model_file}`"
                         + (f" (sha256 {record.model_sha256[:12]})" if record.model_sha256
                            else ""))
        if record.engine:
            facts.append(f"engine: {record.engine}")
        if record.template_source:
            facts.append(f"template: {record.template_source}"
                         + (f" ({record.template_sha256[:12]})" if record.template_sha256
                            else ""))
        if record.strategy:
            facts.append(f"strategy: {record.strategy}")
        if record.sampling:
            facts.append(", ".join(f"{k} {_fmt(v)}" for k, v in record.sampling.items()
                                   if v not in ([], None)))
        if record.seed is not None:
            facts.append(f"seed {record.seed}")
    stats = message.stats
    if stats is not None:
        numbers = []
        if stats.prompt_tokens is not None:
            numbers.append(f"{stats.prompt_tokens} prompt tokens")
        if stats.completion_tokens is not None:
            numbers.append(f"{stats.completion_tokens} reply tokens")
        if stats.tokens_per_s:
            numbers.append(f"{stats.tokens_per_s:.1f} tokens/s")
        if stats.ttft_ms:
            numbers.append(f"first token after {stats.ttft_ms:.0f} ms")
        if numbers:
            facts.append(", ".join(numbers))
    return facts


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _when(timestamp: float) -> str:
    try:
        return datetime.fromtimestamp(timestamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except (OverflowError, OSError, ValueError):  # an imported file's odd date
        return "at an unknown time"
