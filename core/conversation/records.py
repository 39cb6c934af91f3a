"""What the conversation store hands out: conversations, messages and the record of
how each reply was made, as frozen dataclasses.

They are plain data with enum-typed fields (:class:`Role`, :class:`MessageStatus`,
:class:`ContextPolicy`), so the window, the exports and the tests never see a raw
SQLite row or a string to compare against.  The text rules every stored string follows
(titles, text SQLite can hold) live here too, since the store, the importers and the
exports all apply them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from core.conversation.types import ContextPolicy, MessageStatus, Role, ThinkingSettings
from core.output.types import ToolCall
from core.tools.runs import ToolRun
from core.tools.selection import ToolsState

#: Titles made from the first user message are cut to about this many characters.
TITLE_CHARS = 60
MAX_TITLE_CHARS = 200
#: Search snippets mark matched words with these (control characters never typed by
#: a person), so the view can escape the text and then style the marked parts.
MARK_START = "\x02"
MARK_END = "\x03"


@dataclass(frozen=True)
class ReplyRecord:
    """What produced a reply, so two replies can be compared or one reproduced.

    Empty strings mean "not known"; ``sampling`` is :meth:`SamplingParams.to_dict`.
    """

    model_file: str = ""
    model_sha256: str = ""
    template_source: str = ""
    template_sha256: str = ""
    strategy: str = ""
    sampling: dict[str, Any] | None = None
    seed: int | None = None
    #: The system prompt the reply was generated with ("" for none; ``None``: not
    #: recorded, a reply made before Prosa kept it).
    system_prompt: str | None = None
    #: Who computed it: "llama.cpp" (this computer), or a remote server's name and
    #: address ("" for replies made before Prosa recorded it).
    engine: str = ""


@dataclass(frozen=True)
class ReplyStats:
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    ttft_ms: float | None = None
    tokens_per_s: float | None = None


@dataclass(frozen=True)
class StoredMessage:
    id: int
    conversation_id: int
    parent_id: int | None
    role: Role
    content: str
    status: MessageStatus
    created_at: float
    #: The message's token count, filled by the caller (``None``: not counted yet).
    tokens: int | None = None
    #: ``None`` for messages that were not generated here (user text, imports).
    record: ReplyRecord | None = None
    stats: ReplyStats | None = None
    #: A reply's reasoning ("" when it did not think), its tokens and time (``None``:
    #: not known).
    reasoning: str = ""
    reasoning_tokens: int | None = None
    reasoning_ms: float | None = None
    #: The calls a reply asked for, and a ``tool`` message's run (``core.tools``).
    tool_calls: tuple[ToolCall, ...] = ()
    tool_run: ToolRun | None = None


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created_at: float
    updated_at: float
    pinned: bool
    deleted_at: float | None
    system_prompt: str
    sampling: dict[str, Any] | None
    model_path: str
    context_policy: ContextPolicy
    thinking: ThinkingSettings = field(default_factory=ThinkingSettings)
    #: The tools it offers, how, and its reply's shape.
    tools: ToolsState = field(default_factory=ToolsState)


@dataclass(frozen=True)
class ConversationSummary:
    """One sidebar row.  ``title`` is "" until the first user message names it."""

    id: int
    title: str
    updated_at: float
    pinned: bool
    message_count: int
    deleted_at: float | None = None


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    message_id: int
    title: str
    #: Text around the match, matched words between :data:`MARK_START` and :data:`MARK_END`.
    snippet: str
    #: FTS5 bm25 rank: lower is a better match.
    rank: float

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as ``(text, highlighted)`` pieces, for views that style them."""
        out: list[tuple[str, bool]] = []
        for i, chunk in enumerate(re.split(f"[{MARK_START}{MARK_END}]", self.snippet)):
            if chunk:
                out.append((chunk, i % 2 == 1))
        return out


# --- text rules ----------------------------------------------------------------------


def storable_text(value: str) -> str:
    """Text SQLite can store: a lone surrogate (broken pasted text) becomes '?'."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def one_line(title: str) -> str:
    """A title as shown: storable, on one line, runs of spaces made one."""
    return " ".join(storable_text(title).split())


def default_title(text: str, limit: int = TITLE_CHARS) -> str:
    """The first non-blank line, cut at a word boundary near ``limit`` characters."""
    line = next((" ".join(part.split()) for part in text.splitlines() if part.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[:limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
