"""Reading conversations back from a damaged history file, page by page.

A history file SQLite cannot open is set aside (``core.conversation.database``) and a
new one started.  :func:`recover` then reads the set-aside file through
``core.conversation.pages``, which decodes every table leaf page that still parses
(and the newest committed pages of its ``-wal``) without trusting the header, the
schema page or the b-tree above the leaves.  Prosa's rows are recognised by their
shape: the schema (``core.conversation.schema``) gives the conversations and the
messages tables a column count and a type for each column that no other table in the
file shares (the search index's blocks, the migrations, SQLite's own tables).  Rows
written before a migration added columns are shorter; the missing columns take their
defaults, as SQLite itself would give them.

What comes back, and what does not:

- the same row found twice (a page SQLite freed keeps its old rows until reused)
  counts once: the copy on a live b-tree page wins, then the finished over the
  streaming one, then the most recently selected or updated, then the longer text;
- rows on freed pages that have no newer copy come back too, as with SQLite's own
  recovery, so a branch deleted shortly before the damage may return;
- a conversation whose row was lost but whose messages survive comes back untitled
  (the store names it after its first user message) with default settings;
- a conversation the user had deleted (in the trash) is not brought back, nor one
  with no surviving message: there is nothing in it to read;
- a message whose parent was lost is attached to the newest surviving message of its
  conversation written before it (ids only grow, so that message existed when it was
  written, and no cycle can form), or becomes a root when there is none.  Nothing is
  dropped for a missing parent: its text is what the user wants back;
- a reply still marked streaming was cut off, and comes back interrupted.

Nothing is invented: every message has the text that was found, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from core.conversation.importers import Imported, ImportedConversation, ImportedMessage
from core.conversation.pages import Cell, ScanStats, Value, scan
from core.conversation.records import MAX_TITLE_CHARS, ReplyRecord, ReplyStats, one_line
from core.conversation.rows import loads, tool_calls_from_json, tool_run_from_json
from core.conversation.types import ContextPolicy, MessageStatus, Role, ThinkingSettings
from core.errors import ConversationStoreError

#: Columns of a messages row: as version 1 wrote it, up to the current schema.
MESSAGE_COLUMNS = range(18, 28)
#: Columns of a conversations row, likewise.
CONVERSATION_COLUMNS = range(9, 13)

#: What SQLite gives the message columns added after version 1 (selected_seq, tokens,
#: system_prompt, reasoning, reasoning_tokens, reasoning_ms, tool_calls_json,
#: tool_run_json, engine) in rows written before they existed.
_ADDED_DEFAULTS: tuple[Value, ...] = (0, None, None, "", None, None, None, None, None)

R = TypeVar("R")


@dataclass(frozen=True)
class RecoveryCounts:
    """How the reading went, for the offer to the user and for the log."""

    page_size: int | None = None
    #: Pages of the file (and of its WAL beyond the file's end).
    pages: int = 0
    #: Pages whose newest version was read from the ``-wal`` file.
    wal_pages: int = 0
    #: Conversations seen: rows, or messages that name them.
    conversations_found: int = 0
    #: Of those, not brought back: in the trash, or without a surviving message.
    conversations_left_out: int = 0
    #: Distinct message rows found.
    messages_found: int = 0
    #: Messages whose parent was lost, attached as the module docstring says.
    reattached: int = 0
    #: Cells on table pages that could not be decoded (overwritten, cut, or hostile).
    cells_skipped: int = 0


@dataclass(frozen=True)
class Recovered:
    """Conversations read back from a damaged file, ready for
    :meth:`ConversationStore.bring_back`, oldest first."""

    conversations: tuple[Imported, ...] = ()
    counts: RecoveryCounts = field(default_factory=RecoveryCounts)

    @property
    def messages(self) -> int:
        return sum(len(c.messages) for c in self.conversations)


def recover(damaged: Path) -> Recovered:
    """Every conversation that can still be read from the SQLite file ``damaged``
    (and its ``-wal`` beside it).  Never fails on what the file holds; only a file
    that cannot be read at all is a :class:`ConversationStoreError`."""
    stats = ScanStats()
    conversations: dict[int, tuple[Cell, _Head]] = {}
    messages: dict[int, tuple[Cell, _Message]] = {}
    try:
        for cell in scan(damaged, stats):
            if len(cell.values) in MESSAGE_COLUMNS:
                _keep(messages, cell, _message(cell), _message_rank)
            elif len(cell.values) in CONVERSATION_COLUMNS:
                _keep(conversations, cell, _head(cell.values), _head_rank)
    except OSError as error:
        raise ConversationStoreError(
            "conversation.recovery.unreadable",
            "Prosa could not read the damaged history file {path}, so nothing could be "
            "recovered from it.", details=f"{type(error).__name__}: {error}",
            path=str(damaged)) from error
    return _rebuild({k: v[1] for k, v in conversations.items()},
                    [found for _, found in messages.values()], stats)


# --- rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    title: str
    created_at: float
    updated_at: float
    pinned: bool
    deleted_at: float | None
    system_prompt: str
    sampling_json: str | None
    model_path: str
    context_policy: ContextPolicy
    thinking_json: str | None = None


@dataclass(frozen=True)
class _Message:
    id: int
    conversation_id: int
    parent_id: int | None
    item: ImportedMessage


def _keep(found: dict[int, tuple[Cell, R]], cell: Cell, row: R | None,
          rank: Callable[[Cell, R], tuple[float, ...]]) -> None:
    """Keep ``row`` unless a better copy of the same rowid was kept already."""
    if row is None or cell.rowid <= 0:
        return
    old = found.get(cell.rowid)
    if old is None or rank(cell, row) > rank(*old):
        found[cell.rowid] = (cell, row)


def _message_rank(cell: Cell, row: _Message) -> tuple[float, ...]:
    return (cell.linked, row.item.status != MessageStatus.INTERRUPTED, row.item.selected,
            len(row.item.content))


def _head_rank(cell: Cell, row: _Head) -> tuple[float, ...]:
    return cell.linked, row.updated_at


def _head(values: tuple[Value, ...]) -> _Head | None:
    """A conversations row (``None`` when the values do not have its shape)."""
    v = (*values, *(ContextPolicy.STOP.value, None, None)[len(values) - 9:])
    title, created, updated, pinned, deleted, prompt, sampling, model, policy, thinks = v[1:11]
    tools = v[11]  # the conversation's tools: not brought back (files it named included)
    if v[0] is not None or not (_is_text(title) and _is_text(prompt) and _is_text(model)
                                and _is_number(created) and _is_number(updated)
                                and isinstance(pinned, int) and _is_optional_number(deleted)
                                and _is_optional_text(sampling) and _is_text(policy)
                                and _is_optional_text(thinks) and _is_optional_text(tools)):
        return None
    if policy not in tuple(ContextPolicy):
        return None
    assert isinstance(title, str) and isinstance(prompt, str) and isinstance(model, str)
    assert isinstance(created, int | float) and isinstance(updated, int | float)
    assert deleted is None or isinstance(deleted, int | float)
    assert sampling is None or isinstance(sampling, str)
    assert thinks is None or isinstance(thinks, str)
    return _Head(one_line(title)[:MAX_TITLE_CHARS], float(created), float(updated),
                 bool(pinned), None if deleted is None else float(deleted), prompt,
                 sampling, model, ContextPolicy(str(policy)), thinks)


def _message(cell: Cell) -> _Message | None:
    """A messages row (``None`` when the values do not have its shape)."""
    v = (*cell.values, *_ADDED_DEFAULTS[len(cell.values) - 18:])
    (key, conversation, parent, role, content, status, created, *texts) = v[:13]
    seed, prompt_tokens, completion_tokens, ttft, speed, selected, tokens, prompt = v[13:21]
    reasoning, reasoning_tokens, reasoning_ms, calls_json, run_json, engine = v[21:]
    shaped = (key is None and isinstance(conversation, int) and conversation > 0
              and (parent is None or isinstance(parent, int))
              and role in tuple(Role) and _is_text(content) and status in tuple(MessageStatus)
              and _is_number(created) and all(_is_optional_text(t) for t in texts)
              and all(n is None or isinstance(n, int)
                      for n in (seed, prompt_tokens, completion_tokens, tokens))
              and _is_optional_number(ttft) and _is_optional_number(speed)
              and isinstance(selected, int) and _is_optional_text(prompt)
              and _is_text(reasoning) and (reasoning_tokens is None
                                           or isinstance(reasoning_tokens, int))
              and _is_optional_number(reasoning_ms) and _is_optional_text(calls_json)
              and _is_optional_text(run_json) and _is_optional_text(engine))
    if not shaped:
        return None
    assert isinstance(conversation, int) and isinstance(content, str)
    assert isinstance(created, int | float) and isinstance(selected, int)
    model_file, model_sha, template, template_sha, strategy, sampling = (
        t if isinstance(t, str) else None for t in texts)
    record = None
    if any(x is not None for x in (*texts, seed, prompt)):
        record = ReplyRecord(
            model_file=model_file or "", model_sha256=model_sha or "",
            template_source=template or "", template_sha256=template_sha or "",
            strategy=strategy or "", sampling=loads(sampling), seed=_int(seed),
            system_prompt=prompt if isinstance(prompt, str) else None,
            engine=engine if isinstance(engine, str) else "")
    stats = None
    if any(x is not None for x in (prompt_tokens, completion_tokens, ttft, speed)):
        stats = ReplyStats(_int(prompt_tokens), _int(completion_tokens), _float(ttft),
                           _float(speed))
    found = MessageStatus(str(status))
    count = _int(tokens)
    item = ImportedMessage(
        source_id=cell.rowid, parent=_int(parent), role=Role(str(role)), content=content,
        status=MessageStatus.INTERRUPTED if found == MessageStatus.STREAMING else found,
        created_at=float(created), tokens=count if count is not None and count >= 0 else None,
        selected=selected, record=record, stats=stats, reasoning=str(reasoning),
        reasoning_tokens=_int(reasoning_tokens), reasoning_ms=_float(reasoning_ms),
        tool_calls=tool_calls_from_json(calls_json if isinstance(calls_json, str) else None),
        tool_run=tool_run_from_json(run_json if isinstance(run_json, str) else None))
    return _Message(cell.rowid, conversation, item.parent, item)


def _is_text(value: Value) -> bool:
    return isinstance(value, str)


def _is_optional_text(value: Value) -> bool:
    return value is None or isinstance(value, str)


def _is_number(value: Value) -> bool:
    # A REAL column may hold a whole number as an integer on disk.
    return isinstance(value, int | float)


def _is_optional_number(value: Value) -> bool:
    return value is None or _is_number(value)


def _int(value: Value) -> int | None:
    return value if isinstance(value, int) else None


def _float(value: Value) -> float | None:
    return float(value) if isinstance(value, int | float) else None


# --- conversations -------------------------------------------------------------------


def _rebuild(heads: dict[int, _Head], messages: Iterable[_Message],
             stats: ScanStats) -> Recovered:
    by_conversation: dict[int, list[_Message]] = {}
    for message in messages:
        by_conversation.setdefault(message.conversation_id, []).append(message)
    found = sorted(set(heads) | set(by_conversation))
    out: list[Imported] = []
    reattached = 0
    for conversation_id in found:
        head = heads.get(conversation_id)
        rows = sorted(by_conversation.get(conversation_id, []), key=lambda m: m.id)
        if (head is not None and head.deleted_at is not None) or not rows:
            continue
        items, moved = _tree(rows)
        reattached += moved
        out.append(Imported(_conversation(head, items), items))
    counts = RecoveryCounts(
        page_size=stats.page_size, pages=stats.pages, wal_pages=stats.wal_pages,
        conversations_found=len(found), conversations_left_out=len(found) - len(out),
        messages_found=sum(len(rows) for rows in by_conversation.values()),
        reattached=reattached, cells_skipped=stats.skipped)
    return Recovered(tuple(out), counts)


def _tree(rows: list[_Message]) -> tuple[list[ImportedMessage], int]:
    """The messages, parents first, each under a parent that is among them; and how
    many had to be attached elsewhere because theirs was lost."""
    kept: set[int] = set()
    items: list[ImportedMessage] = []
    newest: int | None = None
    moved = 0
    for row in rows:  # by id: a parent is always older than its children
        item = row.item
        if row.parent_id is not None and row.parent_id not in kept:
            item = replace(item, parent=newest)
            moved += 1
        items.append(item)
        kept.add(row.id)
        newest = row.id
    return items, moved


def _conversation(head: _Head | None, items: list[ImportedMessage]) -> ImportedConversation:
    if head is None:  # the row was lost: named by the store after its first user message
        times = [m.created_at for m in items if m.created_at is not None]
        return ImportedConversation(created_at=min(times, default=None),
                                    updated_at=max(times, default=None))
    return ImportedConversation(
        title=head.title, created_at=head.created_at, pinned=head.pinned,
        system_prompt=head.system_prompt, sampling=loads(head.sampling_json),
        model_path=head.model_path, context_policy=head.context_policy,
        updated_at=head.updated_at, thinking=ThinkingSettings.from_dict(
            loads(head.thinking_json)))
