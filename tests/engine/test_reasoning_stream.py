"""A reply split into reasoning and answer as it streams (no model: token ids stand
for pieces of text), with the Hermes parser: what each batch carries, how tokens are
counted, where their offsets point, and the final split."""

from __future__ import annotations

from typing import Any

from core.conversation.types import TokenLogprob
from core.engine.llama.reply import ReplyStream
from core.engine.llama.split import Thinking
from core.engine.protocol import Event, TokenBatch
from core.output.families import parser_for
from core.output.types import Context, Family

PIECES = ["<think>", "\n", "Let", " me", " think", ".", "\n</", "think", ">\n\n", "Par",
          "is", "."]


class FakePieces:
    """Token ``i`` is ``PIECES[i]``."""

    def raw(self, token: int) -> bytes:
        return PIECES[token].encode()

    spelled = raw

    def shown(self, token: int) -> str:
        return PIECES[token]


def _stream(starts: bool, tokens: list[int], cut: bool = False,
            ) -> tuple[ReplyStream, list[TokenBatch], str]:
    events: list[Event] = []
    thinking = Thinking(parser_for(Family.HERMES), Context(starts_in_reasoning=starts))
    fake: Any = FakePieces()
    reply = ReplyStream(1, events.append, fake, (), True, thinking)
    for token in tokens:
        reply.add(token, (0.5, ()))
        reply.flush()
    text = reply.finish(cancelled=False, cut=cut)
    return reply, [e for e in events if isinstance(e, TokenBatch)], text


def test_reasoning_and_answer_stream_apart() -> None:
    reply, batches, text = _stream(False, list(range(len(PIECES))))
    assert text == "Paris."
    assert reply.parsed is not None and reply.parsed.reasoning_content == "Let me think."
    assert "".join(b.reasoning for b in batches).strip("\n") == "Let me think."
    assert "".join(b.text for b in batches) == "Paris."
    # <think> ... >\n\n: nine tokens while reasoning, three of answer.
    assert reply.reasoning_count == 9 and reply.answer_count == 3
    assert sum(b.reasoning_tokens for b in batches) == 9
    assert [b.thinking for b in batches][:8] == [True] * 8 and not batches[-1].thinking


def test_offsets_point_into_the_part_each_token_belongs_to() -> None:
    _, batches, text = _stream(False, list(range(len(PIECES))))
    steps: list[TokenLogprob] = [s for b in batches for s in b.logprobs or ()]
    assert [s.reasoning for s in steps] == [True] * 9 + [False] * 3
    answer = [s for s in steps if not s.reasoning]
    ends = [*(s.text_offset for s in answer[1:]), len(text)]
    assert [text[s.text_offset:end] for s, end in zip(answer, ends, strict=True)] == \
        ["Par", "is", "."]
    reasoning = [s.text_offset for s in steps if s.reasoning]
    assert reasoning == sorted(reasoning)


def test_a_prompt_that_opens_reasoning_starts_the_reply_inside_it() -> None:
    reply, batches, text = _stream(True, list(range(2, len(PIECES))))
    assert text == "Paris." and reply.reasoning_count == 7
    assert batches[0].thinking and batches[0].reasoning_tokens == 1


def test_a_reply_cut_while_thinking_is_all_reasoning() -> None:
    reply, _, text = _stream(True, [2, 3, 4], cut=True)
    assert text == "" and reply.parsed is not None
    assert reply.parsed.reasoning_content == "Let me think"
    assert reply.reasoning_count == 3 and reply.answer_count == 0
