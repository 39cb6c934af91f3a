"""Decoding strategies with the real SmolLM2: greedy, sampling, beam search, and the
token probabilities they report, checked against an independent computation.

The reference is a plain ``llama_cpp.Llama`` in this process.  llama.cpp's CPU kernels
give slightly different logits for a token evaluated alone and in a batch (up to ~0.08
nats on some steps with this model), so the reference evaluates the way the engine
did: one token at a time for generated tokens, one batch for a forced prefix.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.conversation.types import TokenLogprob
from core.engine.llama.backends import ensure_backends
from core.engine.llama.model import LoadedModel
from core.engine.protocol import (
    EngineDied,
    Event,
    Generate,
    GenerationFinished,
    LoadModel,
    TokenBatch,
)
from core.engine.sync import SyncEngine
from core.sampling.params import SamplingParams

pytestmark = pytest.mark.model

QUESTION = [{"role": "user", "content": "What is the capital of France?"}]
LONG = [{"role": "user", "content": "Write a very long story about a dragon, in detail."}]
PROMPTS = [
    "Write a long story about a lighthouse keeper.",
    "Explain in detail how rain forms.",
    "Describe a busy market in the morning.",
    "Write an essay about the history of bread.",
    "Tell me everything about the moon.",
]


def _run(engine: SyncEngine, messages: list[dict[str, str]], params: SamplingParams,
         ) -> tuple[GenerationFinished, list[int], list[TokenLogprob]]:
    ids: list[int] = []
    steps: list[TokenLogprob] = []
    text = ""
    final: GenerationFinished | None = None
    for event in engine.stream(messages, params):
        if isinstance(event, TokenBatch):
            ids.extend(event.token_ids)
            text += event.text
            if event.logprobs is not None:
                steps.extend(event.logprobs)
        else:
            final = event
    assert final is not None
    assert text == final.text  # what streamed is what is kept
    return final, ids, steps


def _total_logprob(steps: list[TokenLogprob]) -> float:
    return sum(math.log(s.prob) for s in steps)


@pytest.fixture(scope="module")
def reference(starter_model: Path) -> Iterator[Any]:
    import llama_cpp

    ensure_backends()
    model = llama_cpp.Llama(model_path=str(starter_model), n_ctx=1024, logits_all=True,
                            verbose=False)
    yield model
    model.close()


def _softmax(logits: Any) -> Any:
    row = np.asarray(logits, dtype=np.float64)
    probs = np.exp(row - row.max())
    return probs / probs.sum()


def _stepwise(reference: Any, prompt: list[int], tokens: list[int]) -> list[Any]:
    """The distribution before each of ``tokens``: the prompt in one batch, then one
    token at a time, as the engine generates."""
    reference.reset()
    reference.eval(prompt)
    rows = [_softmax(reference.scores[len(prompt) - 1])]
    for i, token in enumerate(tokens[:-1]):
        reference.eval([token])
        rows.append(_softmax(reference.scores[len(prompt) + i]))
    return rows


def _batched(reference: Any, prompt: list[int], tokens: list[int]) -> list[Any]:
    """The distribution before each of ``tokens``, all evaluated in one batch."""
    reference.reset()
    reference.eval(prompt + tokens[:-1])
    return [_softmax(reference.scores[len(prompt) - 1 + i]) for i in range(len(tokens))]


# --- strategies --------------------------------------------------------------------


def test_greedy_equals_sampling_with_top_k_1(engine: SyncEngine) -> None:
    greedy, greedy_ids, _ = _run(engine, LONG, SamplingParams(strategy="greedy",
                                                              max_tokens=40))
    top1, top1_ids, _ = _run(engine, LONG, SamplingParams(strategy="sample", temperature=1.3,
                                                          top_k=1, max_tokens=40, seed=9))
    assert top1_ids == greedy_ids and top1.text == greedy.text


def test_a_seed_reproduces_a_sampled_reply_and_another_changes_it(engine: SyncEngine) -> None:
    def sample(seed: int) -> list[int]:
        params = SamplingParams(strategy="sample", temperature=1.0, top_k=0, top_p=1.0,
                                min_p=0.0, typical_p=0.95, presence_penalty=0.2,
                                frequency_penalty=0.1, max_tokens=30, seed=seed)
        result, ids, _ = _run(engine, LONG, params)
        assert result.stats.seed == seed
        return ids

    assert sample(11) == sample(11)
    assert sample(11) != sample(12)


@pytest.mark.parametrize("messages", [QUESTION, LONG])
def test_beam_width_1_is_greedy(engine: SyncEngine, messages: list[dict[str, str]]) -> None:
    greedy, greedy_ids, _ = _run(engine, messages, SamplingParams(strategy="greedy",
                                                                  max_tokens=48))
    beam, _, _ = _run(engine, messages, SamplingParams(strategy="beam", beam_width=1,
                                                       max_tokens=48))
    assert beam.candidates is not None
    assert beam.text == greedy.text and beam.reason == greedy.reason
    assert list(beam.candidates[0].token_ids) == greedy_ids


def test_a_wider_beam_finds_a_reply_at_least_as_likely_as_greedy(engine: SyncEngine,
                                                                 reference: Any) -> None:
    """Beam search scores with batched logits; both replies are rescored here the way
    greedy decoding scored its own (token by token), so like is compared with like."""
    plain: dict[str, Any] = {"repeat_penalty": 1.0, "max_tokens": 12}
    for text in PROMPTS:
        messages = [{"role": "user", "content": text}]
        prompt = [t.id for t in engine.inspect(messages).tokens]
        _, greedy_ids, steps = _run(engine, messages,
                                    SamplingParams(strategy="greedy", logprobs=1, **plain))
        rows = _stepwise(reference, prompt, greedy_ids)
        greedy_total = sum(math.log(r[t]) for r, t in zip(rows, greedy_ids, strict=True))
        # The engine's reported probabilities give the same total.
        assert _total_logprob(steps) == pytest.approx(greedy_total, abs=1e-3)
        wide, _, _ = _run(engine, messages, SamplingParams(
            strategy="beam", beam_width=4, length_penalty=0.0, logprobs=0, **plain))
        assert wide.candidates is not None
        best = list(wide.candidates[0].token_ids)
        rows = _stepwise(reference, prompt, best)
        wide_total = sum(math.log(r[t]) for r, t in zip(rows, best, strict=True))
        assert wide_total >= greedy_total - 1e-9, text


def test_n_best_replies_are_distinct_and_ranked(engine: SyncEngine) -> None:
    result, ids, steps = _run(engine, LONG, SamplingParams(
        strategy="beam", beam_width=4, n_best=3, max_tokens=24, logprobs=2))
    candidates = result.candidates
    assert candidates is not None and len(candidates) == 3
    scores = [c.normalized_score for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert len({c.token_ids for c in candidates}) == 3
    best = candidates[0]
    assert best.text == result.text and list(best.token_ids) == ids
    assert best.logprobs is not None and [s.id for s in best.logprobs] == ids
    assert [s.id for s in steps] == ids  # the streamed reply carries probabilities too
    for c in candidates:
        assert c.normalized_score == pytest.approx(c.logprob / ((5 + len(c.token_ids)) / 6))


def test_beam_search_honours_stop_strings(engine: SyncEngine) -> None:
    free = engine.generate(LONG, SamplingParams(strategy="beam", beam_width=2, n_best=2,
                                                max_tokens=40))
    words = free.text.split()
    stop = words[len(words) // 2]
    stopped = engine.generate(LONG, SamplingParams(strategy="beam", beam_width=2, n_best=2,
                                                   max_tokens=40, stop=(stop,)))
    assert stopped.candidates is not None
    assert stop not in stopped.text
    assert all(stop not in c.text for c in stopped.candidates)
    assert stopped.reason == "stop"


def test_beam_search_stops_when_asked_and_the_cache_still_serves(engine: SyncEngine) -> None:
    from core.engine.client import STOP_GRACE_S

    # Uncancelled, this search runs for seconds (hundreds of steps).
    request_id = engine.client.generate(LONG, SamplingParams(strategy="beam", beam_width=4,
                                                             max_tokens=2000))
    time.sleep(0.5)
    stopped_at = time.monotonic()
    engine.client.cancel()
    final: GenerationFinished | None = None
    while final is None:
        event = engine.events.get(timeout=60)
        assert not isinstance(event, EngineDied), event.problem.message  # stopped, not killed
        if isinstance(event, GenerationFinished) and event.request_id == request_id:
            final = event
    assert final.reason == "cancelled"
    assert time.monotonic() - stopped_at < STOP_GRACE_S
    assert final.candidates  # the beams as they stood
    # A follow-up after beam search reuses the prompt in the cache.
    first = engine.generate(QUESTION, SamplingParams(strategy="beam", beam_width=3,
                                                     max_tokens=32))
    follow = [*QUESTION, {"role": "assistant", "content": first.text},
              {"role": "user", "content": "And of Spain?"}]
    second = engine.generate(follow, SamplingParams(strategy="greedy", max_tokens=24))
    assert second.stats.prompt_tokens_evaluated < second.stats.prompt_tokens / 2


# --- token probabilities -----------------------------------------------------------


def test_reported_probabilities_match_an_independent_softmax(engine: SyncEngine,
                                                             reference: Any) -> None:
    messages = [{"role": "user", "content": "Name three colours of the rainbow."}]
    prompt = [t.id for t in engine.inspect(messages).tokens]
    _, ids, steps = _run(engine, messages, SamplingParams(strategy="greedy", max_tokens=6,
                                                          logprobs=5))
    assert len(steps) == len(ids) == 6
    for step, probs in zip(steps, _stepwise(reference, prompt, ids), strict=True):
        top5 = np.argsort(-probs)[:5]
        assert [a.id for a in step.alternatives] == top5.tolist()
        for alternative, token in zip(step.alternatives, top5, strict=True):
            assert alternative.prob == pytest.approx(probs[token], abs=1e-3)
        assert step.prob == pytest.approx(probs[step.id], abs=1e-3)


def _sampled_steps(engine: SyncEngine, **filters: Any) -> list[TokenLogprob]:
    settings: dict[str, Any] = {"top_k": 0, "top_p": 1.0, "min_p": 0.0, **filters}
    params = SamplingParams(strategy="sample", temperature=1.5, repeat_penalty=1.0,
                            max_tokens=60, seed=5, logprobs=20, **settings)
    _, ids, steps = _run(engine, LONG, params)
    assert [s.id for s in steps] == ids and len(ids) >= 20
    return steps


def test_filters_exclude_what_they_should(engine: SyncEngine) -> None:
    unfiltered = _sampled_steps(engine)
    # Without filters, a hot draw does leave the top 3: the checks below have teeth.
    assert any(s.id not in [a.id for a in s.alternatives[:3]] for s in unfiltered)
    for step in _sampled_steps(engine, top_k=3):
        assert step.id in [a.id for a in step.alternatives[:3]]
    for step in _sampled_steps(engine, top_p=0.5):
        more_likely = sum(a.prob for a in step.alternatives if a.prob > step.prob)
        assert more_likely < 0.5 + 1e-4  # the nucleus holds it
    for step in _sampled_steps(engine, min_p=0.3):
        assert step.prob >= 0.3 * step.alternatives[0].prob - 1e-6


def test_probabilities_are_off_when_not_asked_for(engine: SyncEngine) -> None:
    events = list(engine.stream(QUESTION, SamplingParams(strategy="greedy", max_tokens=8,
                                                         logprobs=0)))
    assert all(e.logprobs is None for e in events if isinstance(e, TokenBatch))


def test_token_offsets_locate_each_token_in_the_reply(engine: SyncEngine) -> None:
    result, _, steps = _run(engine, LONG, SamplingParams(strategy="greedy", max_tokens=40))
    offsets = [s.text_offset for s in steps]
    assert offsets == sorted(offsets) and offsets[0] == 0
    ends = [*offsets[1:], len(result.text)]
    assert "".join(result.text[a:b] for a, b in zip(offsets, ends, strict=True)) == \
        result.text
    for step, start, end in zip(steps, offsets, ends, strict=True):
        if "\ufffd" not in step.piece:
            assert result.text[start:end] == step.piece


# --- branching from an alternative (in this process) ---------------------------------


@pytest.fixture(scope="module")
def local_model(starter_model: Path) -> Iterator[LoadedModel]:
    model = LoadedModel(LoadModel(str(starter_model), n_ctx=1024), lambda event: None)
    yield model
    model.close()


def _local(model: LoadedModel, params: SamplingParams, prefix: tuple[int, ...] = (),
           ) -> tuple[GenerationFinished, list[TokenLogprob]]:
    events: list[Event] = []
    final = model.generate(Generate(1, tuple(LONG), params, reply_prefix=prefix),
                           events.append, lambda: False)
    steps = [s for e in events if isinstance(e, TokenBatch) for s in e.logprobs or ()]
    return final, steps


def test_a_reply_can_branch_from_a_chosen_alternative(local_model: LoadedModel,
                                                      reference: Any) -> None:
    params = SamplingParams(strategy="greedy", max_tokens=16, logprobs=3)
    first, steps = _local(local_model, params)
    at = 3
    alternative = next(a for a in steps[at].alternatives if a.id != steps[at].id)
    prefix = (*(s.id for s in steps[:at]), alternative.id)
    branch, branch_steps = _local(local_model, params, prefix)
    assert tuple(s.id for s in branch_steps[:at + 1]) == prefix
    # The forced tokens are evaluated in one batch, and reported as such.
    prompt = local_model.build_prompt(tuple(LONG)).tokens
    for step, probs in zip(branch_steps, _batched(reference, prompt, list(prefix)),
                           strict=False):
        assert step.prob == pytest.approx(probs[step.id], abs=1e-3)
    assert branch.text.startswith(first.text[:steps[at].text_offset] + alternative.piece)
    assert branch.stats.completion_tokens == 16  # the forced tokens count toward the limit
    beam, _ = _local(local_model, SamplingParams(strategy="beam", beam_width=3, n_best=3,
                                                 max_tokens=12), prefix)
    assert beam.candidates is not None
    assert all(c.token_ids[:at + 1] == prefix for c in beam.candidates)


def test_greedy_with_probabilities_chooses_in_their_one_pass(
        local_model: LoadedModel, monkeypatch: pytest.MonkeyPatch) -> None:
    """With probabilities shown, greedy decoding without penalties takes the first of
    the compiled helper's top tokens and makes no choice of its own, and the helper
    writes the step into the batch's columns; the reply and every number are those of
    the sampler's choice followed by ``step_numbers`` and the Python columns.  With a
    repetition penalty, the sampler chooses as before."""
    from core.engine.llama import decoding
    from core.engine.llama.sampler import SamplerChain

    params = SamplingParams(strategy="greedy", repeat_penalty=1.0, max_tokens=40, logprobs=5)
    _local(local_model, params)  # the prompt cached: both runs below evaluate alike
    choices: list[int] = []
    choose = SamplerChain._choose

    def counted(chain: SamplerChain, row: Any) -> int:
        choices.append(1)
        return choose(chain, row)

    monkeypatch.setattr(SamplerChain, "_choose", counted)
    _local(local_model, replace(params, repeat_penalty=1.1, max_tokens=5))
    assert len(choices) == 5  # penalties may reorder the top: the chain chooses
    choices.clear()
    one_pass, one_steps = _local(local_model, params)
    assert choices == []
    # Without the columns: the sampler chooses, step_numbers computes the numbers in
    # Python from the same helper's answer, and the batch's arrays are built in Python.
    monkeypatch.setattr(decoding, "step_probs", lambda: None)
    two_passes, two_steps = _local(local_model, params)
    assert len(choices) >= 39  # the sampler's own choice did run this time
    assert one_pass.text == two_passes.text and len(one_steps) == 40
    assert one_steps == two_steps  # every id, piece, offset and probability, bit for bit


def test_a_stop_string_across_a_long_token_ends_a_beam() -> None:
    """The stop check looks at the newest token and enough text before it, however long
    the newest token is."""
    from core.engine.llama.beam import _Search
    from core.engine.llama.decoding import Job, Model

    pieces = {1: b"Hello Us", 2: b"er: and then a very long piece of text", 3: b"\xc3", 4: b"\xa9"}

    class Pieces:
        def raw(self, token: int) -> bytes:
            return pieces[token]

    def search(stop: str) -> _Search:
        job = Job(1, SamplingParams(strategy="beam", stop=(stop,)), 0, (), (), 0.0,
                  lambda event: None, lambda: False)
        return _Search(job, Model(None, Pieces(), lambda token: False))  # type: ignore[arg-type]

    assert search("User:")._hits_stop([1, 2])
    assert not search("User:")._hits_stop([1])
    assert search("é")._hits_stop([3, 4]) and not search("é")._hits_stop([3])


# --- the sampler's shortcut ----------------------------------------------------------

SHORTCUT_SETTINGS = [
    SamplingParams(temperature=0.0, repeat_penalty=1.0),
    SamplingParams(temperature=0.0, repeat_penalty=1.8, repeat_last_n=16),
    SamplingParams(temperature=0.0, repeat_penalty=1.0, presence_penalty=1.5,
                   frequency_penalty=0.7, repeat_last_n=64),
    SamplingParams(temperature=0.8, top_k=40, repeat_penalty=1.0),
    SamplingParams(temperature=1.3, top_k=5, top_p=0.9, min_p=0.0, repeat_penalty=1.5),
    SamplingParams(temperature=1.0, top_k=200, typical_p=0.8, top_p=1.0, min_p=0.02,
                   repeat_penalty=1.2, frequency_penalty=0.3, repeat_last_n=8),
    SamplingParams(temperature=0.7, top_k=1, repeat_penalty=1.3),
]


@pytest.mark.parametrize("params", SHORTCUT_SETTINGS,
                         ids=lambda p: f"{p.strategy}-k{p.top_k}-rp{p.repeat_penalty}")
def test_the_sampler_shortcut_chooses_what_the_whole_vocabulary_would(
        local_model: LoadedModel, params: SamplingParams) -> None:
    """Step by step on the model's own logits, the chain run on the candidates that can
    win chooses the same token as the chain run on every token, seed and all."""
    from core.engine.llama.logprobs import best_among, top_tokens
    from core.engine.llama.sampler import SamplerChain

    kv = local_model._decoding.kv
    prompt = local_model.build_prompt(tuple(LONG)).tokens
    kv.prepare(prompt)
    kv.feed(prompt[len(kv.cached):], len(prompt), lambda i, row: None)
    row = kv.logits(-1)
    params = params.validated()
    with SamplerChain(params, 1234, kv.n_vocab) as short, \
            SamplerChain(params, 1234, kv.n_vocab) as whole:
        for _ in range(60):
            chosen = short.sample(kv.ctx, -1, row)
            assert chosen == whole.sample(kv.ctx, -1)
            # The best logit found on the way spares the probabilities a pass, and the
            # candidates the chain ran on hold the alternatives they show.
            assert short.top == float(row.max()) and whole.top is None
            among = short.holding(5)
            if among is not None:
                assert best_among(row, among, 5) == top_tokens(row, 5)
            row = kv.push(chosen)
