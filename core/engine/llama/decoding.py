"""Greedy decoding and sampling: our own loop over llama.cpp's low-level API.

The high-level ``Llama.generate`` hid the logits (no probabilities without keeping every
position's logits) and re-detokenized for stop strings; this loop evaluates one token
at a time on sequence 0 of :class:`KVContext`, samples with llama.cpp's sampler chain,
and reads each step's logits in place when probabilities are wanted.  Stop is checked
between tokens.

Reasoning (see ``core.engine.llama.split``): ``max_tokens`` limits the answer only, and
the thinking budget limits the reasoning.  When the model has reasoned ``budget``
tokens, the engine writes the budget note and the family's closing marker itself,
evaluating those tokens into the KV cache exactly as if the model had chosen them
(they are part of the reply's text and token ids, with their probabilities), and the
model goes on to its answer.  The note comes before the marker, inside the reasoning:
the model reads "time to answer" as its own last thought, and the reasoning shown says
why it ended.  So a reply is never empty because thinking used up its tokens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from core.conversation.types import FinishReason, GenerationStats
from core.engine.llama.kv import ContextFull, KVContext, Logits
from core.engine.llama.logprobs import step_numbers
from core.engine.llama.native import step_probs
from core.engine.llama.pieces import Pieces
from core.engine.llama.reply import ReplyStream, Step, Written
from core.engine.llama.sampler import SamplerChain
from core.engine.llama.split import Thinking
from core.engine.pacing import FRAME_S
from core.engine.protocol import Event, GenerationFinished
from core.errors import Problem
from core.sampling.params import SamplingParams

if TYPE_CHECKING:
    from core.engine.llama.guide import Guide


@dataclass(frozen=True)
class Job:
    """One reply to produce, as the worker prepared it."""

    request_id: int
    params: SamplingParams
    seed: int
    prompt: tuple[int, ...]
    #: Tokens the reply must start with (a branch from a chosen alternative).
    prefix: tuple[int, ...]
    started: float
    emit: Callable[[Event], None]
    cancelled: Callable[[], bool]
    #: How the reply's reasoning is read and limited (``None``: all answer).
    thinking: Thinking | None = None
    #: The grammar the reply follows (``core.engine.llama.guide``); ``None``: free,
    #: the sampler's fast path exactly as without grammars.
    guide: Guide | None = None
    #: Tool choice "none": a call the model writes anyway is given back as text.
    calls_ignored: bool = False


@dataclass(frozen=True)
class Model:
    """What a decoding loop needs of the loaded model."""

    kv: KVContext
    pieces: Pieces
    is_end: Callable[[int], bool]
    #: How often the reply goes to the window (``core.engine.pacing.batch_period``).
    batch_period: float = FRAME_S


def prefill(job: Job, model: Model, on_forced: Callable[[int, Logits], None]) -> int:
    """Evaluate the prompt and forced prefix after the cached part; return how many
    tokens came from the cache.

    With a forced prefix, the logits before each of its tokens are needed (for their
    probabilities and for beam scores), so reuse stops at the prompt's end.
    ``on_forced(i, row)`` gets the logits that chose ``job.prefix[i]``.
    """
    tokens = job.prompt + job.prefix
    keep_at_most = len(job.prompt) - 1 if job.prefix else None
    kept = model.kv.prepare(tokens, keep_at_most)
    first_forced = len(job.prompt) - 1 - kept

    def on_logits(index: int, row: Logits) -> None:
        forced = index - first_forced
        if 0 <= forced < len(job.prefix):
            on_forced(forced, row)

    model.kv.feed(tokens[kept:], max(first_forced, 0) if job.prefix else len(tokens),
                  on_logits)
    return kept


def stats(job: Job, kept: int, count: int, first_at: float | None,
          last_at: float | None) -> GenerationStats:
    total = len(job.prompt) + len(job.prefix)
    ttft = ((first_at or time.monotonic()) - job.started) * 1000.0
    decode_s = (last_at - first_at) if first_at is not None and last_at is not None else 0.0
    return GenerationStats(
        prompt_tokens=len(job.prompt),
        completion_tokens=count,
        prompt_tokens_evaluated=total - kept,
        ttft_ms=ttft,
        tokens_per_s=(count - 1) / decode_s if count > 1 and decode_s > 0 else 0.0,
        seed=job.seed,
    )


def ending(job: Job, reply: ReplyStream, reason: FinishReason, text: str,
             result: GenerationStats) -> GenerationFinished:
    """The end of a reply, its reasoning and calls as the parser split them."""
    parsed = reply.parsed
    if parsed is None:
        return GenerationFinished(job.request_id, reason, text, result)
    calls, notes = parsed.tool_calls, parsed.notes
    if calls and job.calls_ignored:
        text, calls = reply.raw_answer.strip(), ()
        notes = (*notes, Problem.of(
            "engine.tool_call_ignored", "The model wrote a tool call although tools were "
            "not to be called in this reply; it was not run, and its text is kept."))
    return GenerationFinished(
        job.request_id, reason, text, result, reasoning=parsed.reasoning_content or "",
        reasoning_tokens=reply.reasoning_count, reasoning_ms=reply.reasoning_ms,
        tool_calls=calls, notes=notes)


def run_sampling(job: Job, model: Model) -> GenerationFinished:
    """Greedy decoding or sampling, streamed token by token."""
    params = job.params
    top_n = params.logprobs
    kv, pieces = model.kv, model.pieces
    thinking = job.thinking
    # With the compiled helper, a step's probabilities go straight into the batch's
    # columns: one call a token (``core.engine.llama.native.StepColumns``).
    helper = step_probs() if top_n else None
    columns = helper.columns(top_n) if helper is not None else None
    reply = ReplyStream(job.request_id, job.emit, pieces, params.stop, top_n > 0, thinking,
                        model.batch_period, columns)
    if job.cancelled():
        reply.finish(cancelled=True)
        return ending(job, reply, FinishReason.CANCELLED, "", stats(job, 0, 0, None, None))
    budget = thinking.budget if thinking is not None and thinking.close_tokens else None
    closed = False  # the engine closed the reasoning (once per reply)
    guide = job.guide
    with SamplerChain(params, job.seed, kv.n_vocab) as chain:

        def force(token: int, row: Logits, reasoning: bool = False) -> None:
            """Take ``token`` as if the model had chosen it after ``row``."""
            step = step_numbers(row, token, top_n, spend=True) if top_n else None
            if guide is not None:
                guide.forced(token)
            chain.accept(token)
            reply.add(token, step, reasoning)
            if guide is not None:
                guide.observe(token, reply.thinking)

        def on_forced(i: int, row: Logits) -> None:
            force(job.prefix[i], row)

        kept = prefill(job, model, on_forced)
        reason: FinishReason = FinishReason.LENGTH
        # The step's logits, read in place: for the sampler and the probabilities.
        row: Logits = kv.logits(-1)
        while reply.answer_count < params.max_tokens:
            if job.cancelled():
                reason = FinishReason.CANCELLED
                break
            if budget is not None and not closed and reply.thinking \
                    and reply.reasoning_count >= budget:
                assert thinking is not None
                closed = True
                try:
                    for token in thinking.close_tokens:
                        force(token, row, reasoning=True)  # all of it: the marker's tail too
                        row = kv.push(token)
                except ContextFull:
                    reason = FinishReason.CONTEXT
                    break
                reply.tick()
                continue
            # What choosing found on the way: the highest logit, and token ids that
            # hold the most likely ones (the probabilities need not search for them).
            top: float | None = None
            among: npt.NDArray[np.int64] | None = None
            step: Step | None = None
            if guide is not None and guide.ready():
                token = guide.choose(chain, row)
            elif columns is not None and chain.argmax_only and (token := columns.write(row)) >= 0:
                # The probabilities' one pass found the most likely token: greedy's (the
                # lower id first among ties, as the argmax).
                step = Written.STEP
                chain.accept(token)
            else:
                token = chain.sample(kv.ctx, -1, row)
                top = chain.top
                among = chain.holding(top_n)
            if model.is_end(token):
                if step is Written.STEP and columns is not None:
                    columns.discard_last()  # the end is not shown, nor its probabilities
                reason = FinishReason.STOP
                break
            if top_n and step is None:
                if columns is not None and columns.write(row, token) >= 0:
                    step = Written.STEP
                else:  # numpy's: the row's last use before the next token, so spent
                    step = step_numbers(row, token, top_n, top, spend=True, among=among)
            if guide is not None:
                guide.took(token)
            reply.add(token, step)
            if guide is not None:
                guide.observe(token, reply.thinking)
            if reply.stopped:
                reason = FinishReason.STOP
                break
            if reply.answer_count >= params.max_tokens:
                break
            if len(kv.cached) + 1 >= kv.n_ctx:
                reason = FinishReason.CONTEXT
                break
            reply.tick()
            try:
                row = kv.push(token)
            except ContextFull:
                reason = FinishReason.CONTEXT
                break
    text = reply.finish(cancelled=reason == FinishReason.CANCELLED,
                        cut=reason != FinishReason.STOP)
    return ending(job, reply, reason, text,
                    stats(job, kept, reply.count, reply.first_at, reply.last_at))
