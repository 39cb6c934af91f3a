"""Beam search: the most likely whole reply, not the most likely next token.

Every step evaluates one token per live beam, all in one llama.cpp batch, each beam on
its own KV-cache sequence (1 to ``beam_width``; sequence 0 keeps the prompt for the
next turn and is only ever read).  A beam that branches gets a copy of its parent's
sequence (``llama_memory_seq_cp``: the cache is unified, so cells are shared, not
copied); a pruned beam's sequence is dropped (``llama_memory_seq_rm``).

Scoring: each beam's log-probability is the sum of log-softmax over its steps' logits,
after the repetition penalties (the same penalties greedy decoding applies, with the
same arithmetic, so a width of 1 *is* greedy decoding).  Finished replies are ranked by
``logprob / ((5 + length) / 6) ** length_penalty`` (GNMT); 0 ranks by total
log-probability.  A beam ends with the end-of-turn token (counted in its
log-probability), a stop string, ``max_tokens`` or the context's end.  Like Hugging
Face's ``early_stopping=True``, the search ends once ``beam_width`` replies have
finished.

Streaming: the part of the reply that every live beam and every finished candidate
share is certain, and is streamed as soon as it is; the rest of the winner arrives
when the search ends.  The text streamed is therefore always a prefix of the result.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from core.conversation.types import Candidate, FinishReason, TokenLogprob
from core.engine.llama.decoding import Job, Model, ending, prefill, stats
from core.engine.llama.kv import ContextFull, Logits, common_prefix
from core.engine.llama.logprobs import describe_step, log_normalizer, top_tokens
from core.engine.llama.reply import ReplyStream, ReplyText, StepInfo
from core.engine.protocol import GenerationFinished
from core.errors import EngineError
from core.sampling.params import SamplingParams


@dataclass(frozen=True)
class Hypothesis:
    tokens: tuple[int, ...]
    logprob: float
    #: Per token, the raw probability and alternatives (when asked for).
    steps: tuple[StepInfo | None, ...]
    #: The KV sequence holding the prompt and ``tokens`` (live beams only).
    seq: int = -1
    reason: FinishReason = FinishReason.STOP


def length_norm(length: int, alpha: float) -> float:
    """GNMT's length penalty: ``((5 + length) / 6) ** alpha``."""
    return float(((5.0 + length) / 6.0) ** alpha)


def penalized(row: Logits, window: Sequence[int], params: SamplingParams) -> Logits:
    """The logits after repeat, frequency and presence penalties, with llama.cpp's
    arithmetic (float32, ``<= 0`` multiplied, ``> 0`` divided)."""
    if not params.penalties_active or not window:
        return row
    ids, counts = np.unique(np.asarray(window, dtype=np.int64), return_counts=True)
    out = row.copy()
    values = out[ids]
    repeat = np.float32(params.repeat_penalty)
    values = np.where(values <= 0, values * repeat, values / repeat).astype(np.float32)
    values -= (counts.astype(np.float32) * np.float32(params.frequency_penalty)
               + np.float32(params.presence_penalty))
    out[ids] = values
    return out


class _Search:
    def __init__(self, job: Job, model: Model) -> None:
        self.job = job
        self.model = model
        self.params = job.params
        self.width = job.params.beam_width
        self.top_n = job.params.logprobs
        self.stops = tuple(s for s in job.params.stop if s)
        self._stop_bytes = max((len(s.encode("utf-8")) for s in self.stops), default=0)

    # --- scoring ---------------------------------------------------------------------

    def _window(self, tokens: Sequence[int]) -> Sequence[int]:
        n = self.params.repeat_last_n
        return tokens[-n:] if n > 0 else ()

    def _scores(self, row: Logits, tokens: Sequence[int]) -> tuple[Logits, float]:
        """Penalized logits and their log-normaliser: ``lp(t) = out[t] - log_z``."""
        out = penalized(row, self._window(tokens), self.params)
        return out, log_normalizer(out)

    def _step_info(self, row: Logits, token: int) -> StepInfo | None:
        if not self.top_n:
            return None
        return describe_step(row, token, self.top_n, self.model.pieces.shown)

    def _hits_stop(self, tokens: Sequence[int]) -> bool:
        """A stop string ends the text of ``tokens`` (only the tail can hold a new one)."""
        if not self.stops or not tokens:
            return False
        raw = self.model.pieces.raw
        # The newest token, and enough bytes before it for a stop string that began
        # earlier (plus a character's worth, which may decode as U+FFFD when cut).
        before = b""
        for token in reversed(tokens[:-1]):
            if len(before) >= self._stop_bytes + 4:
                break
            before = raw(token) + before
        text = (before + raw(tokens[-1])).decode("utf-8", errors="replace")
        return any(s in text for s in self.stops)

    # --- the search ------------------------------------------------------------------

    def run(self) -> GenerationFinished:
        job, kv = self.job, self.model.kv
        # The thinking budget does not apply to beams (each would need its own
        # closing); reasoning is still split from the answer, and max_tokens counts
        # every token, as it always did for beams.
        reply = ReplyStream(job.request_id, job.emit, self.model.pieces, self.params.stop,
                            self.top_n > 0, job.thinking, self.model.batch_period)
        if job.cancelled():
            reply.finish(cancelled=True)
            return replace(ending(job, reply, FinishReason.CANCELLED, "",
                                    stats(job, 0, 0, None, None)), candidates=())
        root_logprob = 0.0
        root_steps: list[StepInfo | None] = []

        def on_forced(i: int, row: Logits) -> None:
            nonlocal root_logprob
            token = job.prefix[i]
            scores, log_z = self._scores(row, job.prefix[:i])
            root_logprob += float(scores[token]) - log_z
            root_steps.append(self._step_info(row, token))

        kept = prefill(job, self.model, on_forced)
        first_at = time.monotonic()  # the search starts
        live = [Hypothesis(job.prefix, root_logprob, tuple(root_steps), seq=0)]
        rows: list[Logits] = [kv.logits(-1)]
        finished: list[Hypothesis] = []
        end_reason: FinishReason | None = None  # why live beams were cut short
        if len(job.prefix) >= self.params.max_tokens:
            finished.append(Hypothesis(job.prefix, root_logprob, tuple(root_steps),
                                       reason=FinishReason.LENGTH))
            live = []
        try:
            while live:
                if job.cancelled():
                    end_reason = FinishReason.CANCELLED
                    break
                pairs = self._expand(live, rows, finished)
                live = [child for child, _parent in pairs]
                if len(finished) >= self.width:
                    live = []  # early stopping: the unfinished beams are dropped
                    break
                self._commit(reply, [*live, *finished])
                if not live:
                    break
                try:
                    live, rows = self._advance(pairs)
                except ContextFull:
                    end_reason = FinishReason.CONTEXT
                    break
        finally:
            for seq in range(1, kv.n_seq_max):
                kv.drop(seq)
        if end_reason is not None:
            finished.extend(Hypothesis(h.tokens, h.logprob, h.steps, reason=end_reason)
                            for h in live)
        return self._finish(reply, finished, end_reason, kept, first_at)

    def _expand(self, live: list[Hypothesis], rows: list[Logits],
                finished: list[Hypothesis]) -> list[tuple[Hypothesis, Hypothesis]]:
        """One step: the ``width`` best continuations of all beams, as (child, parent).

        Continuations that end a reply go to ``finished`` instead.
        """
        width, is_end = self.width, self.model.is_end
        candidates: list[tuple[float, int, int, int]] = []
        for b, (beam, row) in enumerate(zip(live, rows, strict=True)):
            scores, log_z = self._scores(row, beam.tokens)
            for rank, token in enumerate(top_tokens(scores, 2 * width)):
                candidates.append((beam.logprob + float(scores[token]) - log_z, b, rank, token))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        chosen: list[tuple[float, int, int]] = []
        for position, (score, b, _rank, token) in enumerate(candidates):
            if is_end(token):
                if position < width:  # an end among the best `width` finishes a reply
                    beam = live[b]
                    finished.append(Hypothesis(beam.tokens, score, beam.steps))
                continue
            chosen.append((score, b, token))
            if len(chosen) == width:
                break
        if len(finished) >= width:
            return []
        pairs: list[tuple[Hypothesis, Hypothesis]] = []
        limit = self.params.max_tokens
        for score, b, token in chosen:
            parent = live[b]
            tokens = (*parent.tokens, token)
            child = Hypothesis(tokens, score, (*parent.steps, self._step_info(rows[b], token)))
            if self._hits_stop(tokens):
                finished.append(_ended(child, FinishReason.STOP))
            elif len(tokens) >= limit:
                finished.append(_ended(child, FinishReason.LENGTH))
            elif len(self.job.prompt) + len(tokens) >= self.model.kv.n_ctx:
                finished.append(_ended(child, FinishReason.CONTEXT))
            else:
                pairs.append((child, parent))
        return pairs

    def _advance(self, pairs: list[tuple[Hypothesis, Hypothesis]],
                 ) -> tuple[list[Hypothesis], list[Logits]]:
        """Give each new beam a KV sequence holding its parent's tokens, then evaluate
        every beam's newest token in one batch."""
        kv = self.model.kv
        taken: set[int] = set()
        seqs: list[int] = []
        for _child, parent in pairs:
            if parent.seq != 0 and parent.seq not in taken:
                taken.add(parent.seq)  # the first child continues its parent's sequence
                seqs.append(parent.seq)
            else:
                seqs.append(-1)
        free = [s for s in range(1, self.width + 1) if s not in taken]
        for i, (_child, parent) in enumerate(pairs):
            if seqs[i] < 0:
                # Never a sequence another child continues, so no source is overwritten.
                seqs[i] = free.pop(0)
                kv.fork(parent.seq, seqs[i])
        for seq in free:
            kv.drop(seq)  # beams that had no children
        base = len(self.job.prompt)
        live = [Hypothesis(child.tokens, child.logprob, child.steps, seq=seq)
                for (child, _parent), seq in zip(pairs, seqs, strict=True)]
        items = [(b.tokens[-1], base + len(b.tokens) - 1, b.seq) for b in live]
        return live, kv.step(items)

    def _commit(self, reply: ReplyStream, hypotheses: list[Hypothesis]) -> None:
        """Stream the tokens that every possible result starts with."""
        if not hypotheses:
            return
        first = hypotheses[0]
        common = len(first.tokens)
        for other in hypotheses[1:]:
            common = min(common, common_prefix(first.tokens, other.tokens))
        for i in range(reply.count, common):
            reply.add(first.tokens[i], first.steps[i])
        reply.tick()

    def _finish(self, reply: ReplyStream, finished: list[Hypothesis],
                end_reason: FinishReason | None, kept: int, first_at: float,
                ) -> GenerationFinished:
        alpha = self.params.length_penalty
        ranked = sorted(finished, key=lambda h: -h.logprob / length_norm(len(h.tokens), alpha))
        candidates = tuple(self._candidate(h, alpha) for h in ranked[:self.params.n_best])
        if end_reason == FinishReason.CANCELLED or not ranked:
            reason = (FinishReason.CANCELLED if end_reason == FinishReason.CANCELLED
                      else FinishReason.STOP)
            text = reply.finish(cancelled=True, cut=reason != FinishReason.STOP)
            count = reply.count
        else:
            best = ranked[0]
            for i in range(reply.count, len(best.tokens)):
                reply.add(best.tokens[i], best.steps[i])
            reason = best.reason
            text = reply.finish(cancelled=False, cut=reason != FinishReason.STOP)
            count = len(best.tokens)
        done = time.monotonic()
        # Speed over the whole search; time to first token is when text first showed.
        shown_at = reply.first_at if reply.first_at is not None else done
        result = replace(stats(self.job, kept, count, first_at, done),
                         ttft_ms=(shown_at - self.job.started) * 1000.0)
        return replace(ending(self.job, reply, reason, text, result), candidates=candidates)

    def _candidate(self, h: Hypothesis, alpha: float) -> Candidate:
        text = ReplyText(self.model.pieces, self.params.stop)
        offsets = []
        for token in h.tokens:
            offsets.append(text.chars)
            text.add(token)
        text.close()
        logprobs: tuple[TokenLogprob, ...] | None = None
        if self.top_n:
            logprobs = tuple(
                TokenLogprob(token, self.model.pieces.shown(token), step[0], step[1], offset)
                for token, step, offset in zip(h.tokens, h.steps, offsets, strict=True)
                if step is not None)
        return Candidate(text.text, h.tokens, h.logprob,
                         h.logprob / length_norm(len(h.tokens), alpha), h.reason, logprobs)


def _ended(h: Hypothesis, reason: FinishReason) -> Hypothesis:
    return Hypothesis(h.tokens, h.logprob, h.steps, reason=reason)




def run_beam(job: Job, model: Model) -> GenerationFinished:
    """Beam search for ``job`` (its params say ``strategy="beam"``)."""
    if job.params.beam_width + 1 > model.kv.n_seq_max:
        raise EngineError("engine.too_many_beams", "This model was loaded for at most {most} "
                          "beams; beam width {width} needs more.",
                          most=model.kv.n_seq_max - 1, width=job.params.beam_width)
    return _Search(job, model).run()
