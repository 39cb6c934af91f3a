"""One conversation as the window shows it, saved in the conversation store.

The window shows this state and feeds it engine events; the rules (what a reply that
was stopped or cut off by a crash looks like, which branch is shown, what history the
model sees) live here, without Qt.  Every change goes to SQLite at once, except the
text of a reply being generated, which is saved in small batches as it grows (so a
crash keeps it, marked interrupted at the next start).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from core.conversation import tool_turns
from core.conversation.records import ReplyRecord, StoredMessage
from core.conversation.rows import thinking_json, valid_policy
from core.conversation.store import ConversationStore
from core.conversation.types import (
    Candidate,
    ContextPolicy,
    GenerationStats,
    Message,
    MessageStatus,
    Role,
    ThinkingSettings,
    TokenLogprob,
)
from core.engine.protocol import GenerationFinished
from core.errors import BadInput, Problem
from core.output.types import ToolCall
from core.sampling.params import SamplingParams
from core.tools.runs import ToolRun
from core.tools.selection import ToolsState

MAX_MESSAGE_CHARS = 1_000_000
#: How often the growing reply is written to the database.
SAVE_INTERVAL_S = 0.5


@dataclass
class ChatMessage:
    #: A user message or a reply (the system prompt is the session's, not a message).
    role: Role
    content: str
    status: MessageStatus = MessageStatus.DONE
    request_id: int | None = None
    stats: GenerationStats | None = None
    #: What went wrong, for a reply that ended in an error or was interrupted by one
    #: (this run only: the status is what is saved).
    problem: Problem | None = None
    #: The message's id in the store.
    id: int | None = None
    #: Position among its alternatives (edits, regenerations): (index, count).
    siblings: tuple[int, int] = (0, 1)
    #: What produced a reply (model, template, settings, seed), when known.
    record: ReplyRecord | None = None
    #: Left out of the prompt because the conversation outgrew the context.
    dropped: bool = False
    #: Tokens of the message's own text, once counted by the engine.
    tokens: int | None = None
    #: Each generated token's probability and alternatives (this run only: not saved).
    logprobs: list[TokenLogprob] = field(default_factory=list)
    #: Beam search's n best replies, best first (this run only).
    candidates: tuple[Candidate, ...] = ()
    #: A reply's reasoning, kept apart from its answer ("": it did not think), with
    #: its tokens and time (``None``: not known).
    reasoning: str = ""
    reasoning_tokens: int | None = None
    reasoning_seconds: float | None = None
    #: The calls a reply asked for (a reply may hold text and calls).
    tool_calls: tuple[ToolCall, ...] = ()
    #: A ``Role.TOOL`` message: the call it answers, how it ran and what the model got.
    tool_run: ToolRun | None = None

    def __post_init__(self) -> None:
        # Plain strings ("user") still arrive from older callers; keep the enum.
        self.role = Role(self.role)
        self.status = MessageStatus(self.status)


@dataclass
class ChatSession:
    store: ConversationStore
    conversation_id: int | None = None
    system_prompt: str = ""
    messages: list[ChatMessage] = field(default_factory=list)
    #: What to do when the conversation outgrows the context (``core.conversation.context``).
    context_policy: ContextPolicy = ContextPolicy.STOP
    #: Whether the model thinks, its budget and template options (sent with every request).
    thinking: ThinkingSettings = field(default_factory=ThinkingSettings)
    #: The tools it offers, how, and the reply's shape (``core.tools.selection``).
    tools: ToolsState = field(default_factory=ToolsState)
    #: Per reply being generated, the answer and reasoning not saved yet.
    _unsaved: dict[int, tuple[str, str]] = field(default_factory=dict)
    _last_save: float = 0.0
    #: For each message of the last request, the indices of the shown messages in it.
    _request_map: list[list[int]] = field(default_factory=list)

    @classmethod
    def open(cls, store: ConversationStore, conversation_id: int) -> ChatSession:
        conversation = store.conversation(conversation_id)
        session = cls(store, conversation_id, conversation.system_prompt,
                      context_policy=conversation.context_policy,
                      thinking=conversation.thinking, tools=conversation.tools)
        session._load(store.current_path(conversation_id))
        return session

    # --- the shown path --------------------------------------------------------------

    def _load(self, path: list[StoredMessage]) -> None:
        self.messages = [self._view(m) for m in path if m.role != Role.SYSTEM]

    def _view(self, stored: StoredMessage) -> ChatMessage:
        index, count, _ = self.store.siblings(stored.id)
        stats = None
        if stored.stats is not None and stored.stats.completion_tokens is not None:
            stats = GenerationStats(
                prompt_tokens=stored.stats.prompt_tokens or 0,
                completion_tokens=stored.stats.completion_tokens or 0,
                ttft_ms=stored.stats.ttft_ms or 0.0,
                tokens_per_s=stored.stats.tokens_per_s or 0.0,
                seed=stored.record.seed if stored.record else None)
        return ChatMessage(stored.role, stored.content, stored.status, None, stats, None,
                           stored.id, (index, count), stored.record, tokens=stored.tokens,
                           reasoning=stored.reasoning,
                           reasoning_tokens=stored.reasoning_tokens,
                           reasoning_seconds=None if stored.reasoning_ms is None
                           else stored.reasoning_ms / 1000.0,
                           tool_calls=stored.tool_calls, tool_run=stored.tool_run)

    def reload(self) -> None:
        if self.conversation_id is not None:
            self._load(self.store.current_path(self.conversation_id))

    @property
    def streaming(self) -> ChatMessage | None:
        last = self.messages[-1] if self.messages else None
        # A tool message waiting or running is not a reply being generated.
        return last if last is not None and last.status == MessageStatus.STREAMING \
            and last.role != Role.TOOL else None

    def _parent_of_next(self) -> int | None:
        return self.messages[-1].id if self.messages else None

    def _ensure_conversation(self, sampling: SamplingParams | None, model_path: str) -> int:
        """The conversation is created with its first message, so an empty new chat
        leaves nothing behind in the sidebar."""
        if self.conversation_id is None:
            self.conversation_id = self.store.create_conversation(
                system_prompt=self.system_prompt, sampling=sampling, model_path=model_path,
                context_policy=self.context_policy, thinking=self.thinking)
            if self.tools != ToolsState():
                self.store.update_settings(self.conversation_id, tools=self.tools)
        return self.conversation_id

    def set_context_policy(self, policy: ContextPolicy) -> None:
        self.context_policy = valid_policy(policy)
        if self.conversation_id is not None:
            self.store.update_settings(self.conversation_id, context_policy=self.context_policy)

    def set_tools(self, tools: ToolsState) -> None:
        if self.conversation_id is not None:
            self.store.update_settings(self.conversation_id, tools=tools)
        self.tools = tools

    def set_thinking(self, thinking: ThinkingSettings) -> None:
        thinking_json(thinking)  # options that cannot be saved are refused now, not later
        if self.conversation_id is not None:
            self.store.update_settings(self.conversation_id, thinking=thinking)
        self.thinking = thinking

    def set_system_prompt(self, text: str) -> None:
        self.system_prompt = text
        if self.conversation_id is not None:
            self.store.update_settings(self.conversation_id, system_prompt=text)

    # --- writing -----------------------------------------------------------------------

    def add_user(self, text: str, sampling: SamplingParams | None = None,
                 model_path: str = "") -> ChatMessage:
        _check_text(text)
        if self.streaming is not None:
            raise _busy()
        conversation = self._ensure_conversation(sampling, model_path)
        message_id = self.store.add_message(conversation, self._parent_of_next(), Role.USER,
                                            text)
        message = ChatMessage(Role.USER, text, id=message_id,
                              siblings=self.store.siblings(message_id)[:2])
        self.messages.append(message)
        return message

    def edit_user(self, index: int, text: str) -> ChatMessage:
        """Edit a user message: a new branch from there (the original is kept)."""
        _check_text(text)
        original = self.messages[index]
        if original.role != Role.USER or original.id is None:
            raise BadInput("conversation.edit_not_yours", "Only your own messages can be edited.")
        if self.streaming is not None:
            raise _busy()
        new_id = self.store.edit(original.id, text)
        self._load(self.store.select(new_id))
        return self.messages[-1]

    def prepare_regenerate(self, index: int) -> None:
        """Cut the shown path before the reply at ``index``; the next reply becomes its
        sibling (the old one is kept and reachable with the switcher)."""
        message = self.messages[index]
        if message.role != Role.ASSISTANT:
            raise BadInput("conversation.regenerate_not_reply", "Only replies can be regenerated.")
        if self.streaming is not None:
            raise _busy()
        del self.messages[index:]

    def switch(self, index: int, step: int) -> None:
        """Show another alternative of the message at ``index`` (``step`` -1 or +1)."""
        message = self.messages[index]
        if message.id is None or self.streaming is not None:
            return
        position, count, ids = self.store.siblings(message.id)
        target = ids[(position + step) % count]
        self._load(self.store.select(target))

    def begin_reply(self, request_id: int, record: ReplyRecord | None = None) -> ChatMessage:
        assert self.conversation_id is not None, "a reply follows a user message"
        message_id = self.store.begin_reply(self.conversation_id, self._parent_of_next(),
                                            record)
        message = ChatMessage(Role.ASSISTANT, "", MessageStatus.STREAMING, request_id,
                              id=message_id, siblings=self.store.siblings(message_id)[:2],
                              record=record)
        self.messages.append(message)
        self._last_save = time.monotonic()
        return message

    def reply_for(self, request_id: int) -> ChatMessage | None:
        for message in reversed(self.messages):
            if message.request_id == request_id:
                return message
        return None

    def append(self, request_id: int, text: str,
               logprobs: tuple[TokenLogprob, ...] = (), reasoning: str = "",
               reasoning_tokens: int = 0) -> ChatMessage | None:
        """More of the reply being generated: answer ``text`` and ``reasoning`` (and
        how many of its tokens were reasoning)."""
        message = self.reply_for(request_id)
        if message is None or message.status != MessageStatus.STREAMING:
            return None
        message.content += text
        message.logprobs.extend(logprobs)
        if reasoning or reasoning_tokens:
            message.reasoning += reasoning
            message.reasoning_tokens = (message.reasoning_tokens or 0) + reasoning_tokens
        if message.id is not None:
            saved_text, saved_reasoning = self._unsaved.get(message.id, ("", ""))
            self._unsaved[message.id] = (saved_text + text, saved_reasoning + reasoning)
            if time.monotonic() - self._last_save >= SAVE_INTERVAL_S:
                self.save_partial()
        return message

    def save_partial(self) -> None:
        """Write the text generated since the last save (cheap: one UPDATE per reply)."""
        for message_id, (text, reasoning) in self._unsaved.items():
            self.store.append_reply(message_id, text, reasoning)
        self._unsaved.clear()
        self._last_save = time.monotonic()

    def finish(self, event: GenerationFinished) -> ChatMessage | None:
        message = self.reply_for(event.request_id)
        if message is None:
            return None
        # The worker's final text is authoritative (it never loses a held-back tail).
        message.content = event.text
        message.reasoning = event.reasoning
        message.reasoning_tokens = event.reasoning_tokens or None
        message.reasoning_seconds = event.reasoning_ms / 1000.0 if event.reasoning else None
        message.stats = event.stats
        message.candidates = event.candidates or ()
        self._apply_context(event)
        message.status = MessageStatus.after(event.reason)
        if message.id is not None:
            self._unsaved.pop(message.id, None)
            self.store.finish_reply(
                message.id, message.content, message.status, event.stats,
                reasoning=message.reasoning, reasoning_tokens=message.reasoning_tokens,
                reasoning_ms=event.reasoning_ms if event.reasoning else None)
            if event.tool_calls and message.status == MessageStatus.DONE:
                message.tool_calls = tool_turns.with_ids(event.tool_calls, message.id)
                self.store.set_tool_calls(message.id, message.tool_calls)
            message.siblings = self.store.siblings(message.id)[:2]
        return message

    def add_tool_result(self, run: ToolRun) -> ChatMessage:
        """A ``tool`` message after the last message (the reply that asked for the call,
        or the previous result), as the run stands (usually waiting for approval)."""
        assert self.conversation_id is not None, "a tool result follows a reply"
        message_id = self.store.add_tool_result(self.conversation_id, self._parent_of_next(),
                                                run)
        message = ChatMessage(Role.TOOL, run.result,
                              MessageStatus.DONE if run.finished else MessageStatus.STREAMING,
                              id=message_id, siblings=self.store.siblings(message_id)[:2],
                              tool_run=run)
        self.messages.append(message)
        return message

    def update_tool_result(self, message: ChatMessage, run: ToolRun) -> None:
        """A tool message's run as it goes on; saved at once (a result is never lost)."""
        message.tool_run = run
        message.content = run.result
        message.status = MessageStatus.DONE if run.finished else MessageStatus.STREAMING
        if message.id is not None:
            self.store.update_tool_result(message.id, run)

    def _apply_context(self, event: GenerationFinished) -> None:
        """Mark the messages the model no longer saw, and record token counts."""
        dropped = {i for r in event.dropped if r < len(self._request_map)
                   for i in self._request_map[r]}
        counts: dict[int, int | None] = {}
        for index, message in enumerate(self.messages):
            message.dropped = index in dropped
        for r, shown in enumerate(self._request_map):
            if len(shown) == 1 and r < len(event.message_tokens):
                message = self.messages[shown[0]]
                message.tokens = event.message_tokens[r]
                if message.id is not None:
                    counts[message.id] = event.message_tokens[r]
        if counts:
            self.store.set_tokens(counts)

    def keep_candidate(self, index: int, candidate: Candidate) -> ChatMessage:
        """Keep another of beam search's n best replies as the reply shown and saved."""
        message = self.messages[index]
        if message.role != Role.ASSISTANT or message.id is None:
            raise BadInput("conversation.candidates_not_reply", "Only replies have candidates.")
        message.content = candidate.text
        message.logprobs = list(candidate.logprobs or ())
        self.store.finish_reply(message.id, candidate.text, message.status, message.stats)
        return message

    def token_prefix(self, index: int, token: int, alternative: int) -> tuple[int, ...]:
        """The reply's token ids before ``token``, then ``alternative``: where a branch
        from a chosen alternative starts."""
        message = self.messages[index]
        ids = [t.id for t in message.logprobs]
        if not 0 <= token < len(ids):
            raise BadInput("conversation.token_unknown",
                           "That token is no longer known (probabilities are kept for "
                           "replies made since the app started).")
        return (*ids[:token], alternative)

    def fail(self, request_id: int | None, problem: Problem | None,
             interrupted: bool) -> ChatMessage | None:
        """End the streaming reply after a failure (``problem``) or when the user left
        it (``None``); keep what was shown."""
        message = self.reply_for(request_id) if request_id is not None else self.streaming
        if message is None or message.status != MessageStatus.STREAMING:
            return None
        # Reasoning alone is kept too: the user saw the model think.
        message.status = (MessageStatus.INTERRUPTED
                          if interrupted and (message.content or message.reasoning)
                          else MessageStatus.ERROR)
        message.problem = problem
        if message.id is not None:
            self._unsaved.pop(message.id, None)
            self.store.finish_reply(message.id, message.content, message.status,
                                    reasoning=message.reasoning,
                                    reasoning_tokens=message.reasoning_tokens)
        return message

    # --- what the model reads ------------------------------------------------------------

    def request_messages(self, upto: int | None = None, draft: str = "") -> list[Message]:
        """What the model sees: the system prompt, then every exchange with a usable
        reply.  Failed replies are left out; stopped and interrupted ones are kept as
        shown, since the user saw them and may refer to them.

        ``upto`` limits the history to the messages before that index (the prompt that
        produced the reply at that index); ``draft`` adds an unsent user message."""
        out: list[Message] = []
        shown: list[list[int]] = []
        if self.system_prompt.strip():
            out.append({"role": Role.SYSTEM.value, "content": self.system_prompt})
            shown.append([])
        for index, message in enumerate(self.messages[:upto]):
            if message.status == MessageStatus.ERROR or (
                    message.role == Role.ASSISTANT and not message.content
                    and not message.tool_calls):
                continue
            if message.status == MessageStatus.STREAMING:
                continue
            if message.role == Role.TOOL and (message.tool_run is None
                                               or not message.tool_run.finished):
                continue  # a call that never ran (the app closed while it waited)
            if message.tool_calls or message.role == Role.TOOL:
                # Never joined: each call and each result keeps its own turn and id.
                out.append(tool_turns.tool_turn(message.tool_run)
                           if message.tool_run is not None
                           else tool_turns.assistant_turn(message.content, message.tool_calls,
                                                          message.reasoning))
                shown.append([index])
                continue
            if _append(out, message.role, message.content, message.reasoning):
                shown[-1].append(index)
            else:
                shown.append([index])
        if draft.strip() and not _append(out, Role.USER, draft):
            shown.append([])
        if upto is None and not draft.strip():
            self._request_map = shown  # the request a reply is about to be made for
        return out

    def prompt_for(self, index: int) -> list[Message]:
        """The messages that produced message ``index``: for a reply, the history
        before it; for a user message, the history up to and including it."""
        message = self.messages[index]
        return self.request_messages(
            upto=index if message.role == Role.ASSISTANT else index + 1)


def _check_text(text: str) -> None:
    if not text.strip():
        raise BadInput("conversation.empty_message", "Type a message first.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise BadInput("conversation.message_too_long",
                       "That message is too long ({length:,} characters; the limit is "
                       "{limit:,}).", length=len(text), limit=MAX_MESSAGE_CHARS)


def _busy() -> BadInput:
    return BadInput("conversation.busy", "Wait for the reply to finish, or stop it first.")


def _append(out: list[Message], role: Role, content: str, reasoning: str = "") -> bool:
    """Add a turn, joining it to the previous one of the same role (returns True then).

    Two user turns in a row happen when a reply failed and was left out; many chat
    templates (Gemma, Mistral, Llama 2) refuse a conversation whose roles do not
    alternate, so the two are sent as one user turn.  A reply's reasoning goes with
    it as ``reasoning_content`` (the template also finds it as ``thinking`` and
    ``reasoning``): templates decide whether to keep it.
    """
    if out and out[-1]["role"] == role and role != Role.SYSTEM:
        joined: Message = {**out[-1], "content": f"{out[-1]['content']}\n\n{content}"}
        if reasoning:
            earlier = joined.get("reasoning_content")
            joined["reasoning_content"] = f"{earlier}\n\n{reasoning}" if earlier else reasoning
        out[-1] = joined
        return True
    turn: Message = {"role": role.value, "content": content}
    if reasoning:
        turn["reasoning_content"] = reasoning
    out.append(turn)
    return False
