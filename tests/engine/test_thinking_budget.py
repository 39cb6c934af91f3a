"""The thinking budget with the real SmolLM2: the engine closes the reasoning with the
family's own marker, evaluated into the KV cache as if generated, and the model
answers; ``max_tokens`` limits the answer only.

SmolLM2 is not a reasoning model, so its template is overridden with ChatML whose
generation prompt pre-fills ``<think>\\n`` (as Qwen3's and SmolLM3's do): the template
renders ``<think>``, so the model's family is Hermes, and the output starts inside
the reasoning.  The model never closes it by itself, which makes the budget the only
thing that can end it.

The proof that the marker went into the KV cache: after the reply, sequence 0 of the
engine's cache (``KVContext.cached``: the token ids llama.cpp evaluated there, in
position order) holds, right after the prompt, the 32 reasoning tokens, then the
note's and ``</think>``'s ids, then the answer's tokens, which were sampled from
logits computed after those ids.  The same ids stream in the token batches, with a
probability each, at exactly those positions.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.engine.llama.model import LoadedModel
from core.engine.protocol import (
    BUDGET_NOTE,
    Event,
    Generate,
    GenerationFinished,
    LoadModel,
    TokenBatch,
)
from core.output.types import Family
from core.sampling.params import SamplingParams

pytestmark = pytest.mark.model

#: ChatML (SmolLM2's own format) with a generation prompt that opens the reasoning.
THINKING_CHATML = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + "
    "message['content'] + '<|im_end|>\\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n<think>\\n' }}{% endif %}")
#: A question SmolLM2 answers at length (asked for a capital, it answers in seven
#: tokens and ends its turn inside the "reasoning": the budget is never reached).
QUESTION = ({"role": "user", "content": "Explain in detail how rain forms."},)
BUDGET = 32


@pytest.fixture(scope="module")
def thinker(starter_model: Path) -> Iterator[LoadedModel]:
    model = LoadedModel(LoadModel(str(starter_model), n_ctx=1024,
                                  template_override=THINKING_CHATML), lambda event: None)
    yield model
    model.close()


def _generate(model: LoadedModel, request: Generate,
              ) -> tuple[GenerationFinished, list[TokenBatch]]:
    events: list[Event] = []
    final = model.generate(request, events.append, lambda: False)
    return final, [e for e in events if isinstance(e, TokenBatch)]


def _close_ids(model: LoadedModel) -> list[int]:
    """What the engine writes at the budget: the note, then Hermes' closing marker."""
    return [*model._tokenize(BUDGET_NOTE, False), *model._tokenize("\n</think>\n\n", True)]


def test_the_template_makes_the_model_a_hermes_reasoner(thinker: LoadedModel) -> None:
    assert thinker.describe().output_family is Family.HERMES
    prompt = thinker.build_prompt(QUESTION)
    assert prompt.text.endswith("<|im_start|>assistant\n<think>\n")


def test_a_spent_budget_closes_the_reasoning_and_the_model_answers(
        thinker: LoadedModel) -> None:
    params = SamplingParams(strategy="greedy", max_tokens=48, logprobs=2)
    final, batches = _generate(thinker, Generate(1, QUESTION, params,
                                                 thinking_budget=BUDGET))
    ids = [t for b in batches for t in b.token_ids]
    close = _close_ids(thinker)
    # The model reasoned exactly BUDGET tokens; the engine's close follows at once.
    assert ids[BUDGET:BUDGET + len(close)] == close
    assert final.reasoning_tokens == BUDGET + len(close)
    assert sum(b.reasoning_tokens for b in batches) == final.reasoning_tokens
    # Reasoning and answer streamed apart, and add up to the final split.
    assert "".join(b.reasoning for b in batches) == final.reasoning
    assert "".join(b.text for b in batches) == final.text
    assert final.reasoning.rstrip().endswith("Time to answer.")
    assert "<think>" not in final.reasoning + final.text
    assert "</think>" not in final.reasoning + final.text
    # A non-empty answer, within max_tokens (which the reasoning did not use up).
    assert final.text.strip()
    answer_tokens = len(ids) - final.reasoning_tokens
    assert 0 < answer_tokens <= params.max_tokens
    assert final.stats.completion_tokens == len(ids)
    # The KV cache: right after the prompt, the reasoning, the engine's close (as
    # evaluated tokens, not text), then the answer computed after them.
    prompt = thinker.build_prompt(QUESTION).tokens
    cached = thinker._decoding.kv.cached
    assert cached[:len(prompt)] == prompt
    generated = cached[len(prompt):]
    assert generated[BUDGET:BUDGET + len(close)] == close
    assert generated == ids[:len(generated)] and len(generated) >= len(ids) - 1
    # Every token, forced ones included, has its probability at its own position.
    steps = [s for b in batches for s in b.logprobs or ()]
    assert [s.id for s in steps] == ids
    assert all(s.reasoning for s in steps[:BUDGET + len(close)])
    assert not any(s.reasoning for s in steps[BUDGET + len(close):])
    print(f"\nbudget {BUDGET}: reasoning {final.reasoning_tokens} tokens "
          f"({BUDGET} + {len(close)} closing ids {close}), answer {answer_tokens} tokens: "
          f"{final.text!r}")


def test_max_tokens_limits_the_answer_only(thinker: LoadedModel) -> None:
    for limit in (1, 8):
        params = SamplingParams(strategy="greedy", max_tokens=limit)
        final, batches = _generate(thinker, Generate(2, QUESTION, params,
                                                     thinking_budget=BUDGET))
        ids = [t for b in batches for t in b.token_ids]
        close = _close_ids(thinker)
        assert final.reasoning_tokens == BUDGET + len(close)
        assert len(ids) - final.reasoning_tokens <= limit
        assert final.text.strip()  # the reasoning did not eat the answer's tokens
        if final.reason == "length":
            assert len(ids) - final.reasoning_tokens == limit


def test_a_forced_family_reads_the_output_its_way(starter_model: Path) -> None:
    """SmolLM2's own template renders no marker (plain output); forcing Hermes with a
    prompt that does not open reasoning leaves the whole reply answer."""
    model = LoadedModel(LoadModel(str(starter_model), n_ctx=512), lambda event: None)
    try:
        assert model.describe().output_family is Family.PLAIN
        params = SamplingParams(strategy="greedy", max_tokens=12)
        plain, _ = _generate(model, Generate(3, QUESTION, params))
        forced, _ = _generate(model, Generate(4, QUESTION, params, thinking_budget=4,
                                              output_family=Family.HERMES))
        assert forced.text == plain.text and forced.reasoning == ""
        assert forced.reasoning_tokens == 0
    finally:
        model.close()


def test_stop_while_thinking_keeps_the_reasoning(thinker: LoadedModel) -> None:
    calls = [0]

    def cancelled() -> bool:
        calls[0] += 1
        return calls[0] > 6

    events: list[Event] = []
    final = thinker.generate(Generate(5, QUESTION, SamplingParams(strategy="greedy",
                                                                  max_tokens=32)),
                             events.append, cancelled)
    assert final.reason == "cancelled"
    assert final.reasoning and final.text == ""
    assert final.reasoning_tokens == final.stats.completion_tokens > 0
