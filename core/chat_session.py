"""One conversation held in memory: what was said, what is being generated, and what
goes to the engine.

The window shows this state and feeds it engine events; the rules (what a reply that
was stopped or cut off by a crash looks like, what history the model sees) live here,
without Qt, so they are tested without a display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from core.engine.protocol import GenerationFinished, GenerationStats, Message
from core.errors import BadInput

Status = Literal["done", "streaming", "stopped", "length", "interrupted", "error"]
MAX_MESSAGE_CHARS = 1_000_000


@dataclass
class ChatMessage:
    role: Literal["user", "assistant"]
    content: str
    status: Status = "done"
    request_id: int | None = None
    stats: GenerationStats | None = None
    #: Why a reply ended abnormally, in words for the user.
    note: str = ""


@dataclass
class ChatSession:
    system_prompt: str = ""
    messages: list[ChatMessage] = field(default_factory=list)

    @property
    def streaming(self) -> ChatMessage | None:
        last = self.messages[-1] if self.messages else None
        return last if last is not None and last.status == "streaming" else None

    def add_user(self, text: str) -> ChatMessage:
        if not text.strip():
            raise BadInput("Type a message first.")
        if len(text) > MAX_MESSAGE_CHARS:
            raise BadInput(f"That message is too long ({len(text):,} characters; "
                           f"the limit is {MAX_MESSAGE_CHARS:,}).")
        if self.streaming is not None:
            raise BadInput("Wait for the reply to finish, or stop it first.")
        message = ChatMessage("user", text)
        self.messages.append(message)
        return message

    def request_messages(self, upto: int | None = None, draft: str = "") -> list[Message]:
        """What the model sees: the system prompt, then every exchange with a usable
        reply.  Failed replies are left out; stopped and interrupted ones are kept as
        shown, since the user saw them and may refer to them.

        ``upto`` limits the history to the messages before that index (the prompt that
        produced the reply at that index); ``draft`` adds an unsent user message."""
        out: list[Message] = []
        if self.system_prompt.strip():
            out.append({"role": "system", "content": self.system_prompt})
        for message in self.messages[:upto]:
            if message.status == "error" or (message.role == "assistant" and not message.content):
                continue
            if message.status == "streaming":
                continue
            _append(out, message.role, message.content)
        if draft.strip():
            _append(out, "user", draft)
        return out

    def prompt_for(self, index: int) -> list[Message]:
        """The messages that produced message ``index``: for a reply, the history
        before it; for a user message, the history up to and including it."""
        message = self.messages[index]
        return self.request_messages(upto=index if message.role == "assistant" else index + 1)

    def begin_reply(self, request_id: int) -> ChatMessage:
        message = ChatMessage("assistant", "", "streaming", request_id)
        self.messages.append(message)
        return message

    def reply_for(self, request_id: int) -> ChatMessage | None:
        for message in reversed(self.messages):
            if message.request_id == request_id:
                return message
        return None

    def append(self, request_id: int, text: str) -> ChatMessage | None:
        message = self.reply_for(request_id)
        if message is None or message.status != "streaming":
            return None
        message.content += text
        return message

    def finish(self, event: GenerationFinished) -> ChatMessage | None:
        message = self.reply_for(event.request_id)
        if message is None:
            return None
        # The worker's final text is authoritative (it never loses a held-back tail).
        message.content = event.text
        message.stats = event.stats
        if event.reason == "cancelled":
            message.status, message.note = "stopped", "Stopped."
        elif event.reason == "length":
            message.status, message.note = "length", "Reached the maximum reply length."
        elif event.reason == "context":
            message.status, message.note = "length", "The model's context is full."
        else:
            message.status = "done"
        return message

    def fail(self, request_id: int | None, note: str, interrupted: bool) -> ChatMessage | None:
        """End the streaming reply after an engine failure; keep what was shown."""
        message = self.reply_for(request_id) if request_id is not None else self.streaming
        if message is None or message.status != "streaming":
            return None
        message.status = "interrupted" if interrupted and message.content else "error"
        message.note = note
        return message

    def clear(self) -> None:
        self.messages.clear()


def _append(out: list[Message], role: str, content: str) -> None:
    """Add a turn, joining it to the previous one of the same role.

    Two user turns in a row happen when a reply failed and was left out; many chat
    templates (Gemma, Mistral, Llama 2) refuse a conversation whose roles do not
    alternate, so the two are sent as one user turn.
    """
    if out and out[-1]["role"] == role and role != "system":
        out[-1] = {"role": role, "content": f"{out[-1]['content']}\n\n{content}"}
    else:
        out.append({"role": role, "content": content})
