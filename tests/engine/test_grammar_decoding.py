"""Replies made under a JSON schema or a grammar, with the real SmolLM2.

Sampled at temperature 1 on twenty seeds, every reply to a schema with nested
objects, enums, bounded arrays, bounded integers and numbers, and required keys
validates with jsonschema (a 135M model left free writes JSON that does not).  An
invalid grammar fails the request with llama.cpp's reason and leaves the engine
working; probabilities reported are the model's own, not the grammar's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from core.engine.llama.model import LoadedModel
from core.engine.protocol import Event, Generate, GenerationFinished, LoadModel, TokenBatch
from core.errors import EngineError
from core.sampling.params import SamplingParams
from core.tools.choice import OutputConstraint

pytestmark = pytest.mark.model

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 12},
        "age": {"type": "integer", "minimum": 18, "maximum": 99},
        "height_m": {"type": "number", "minimum": 0.5, "maximum": 2.5},
        "role": {"enum": ["admin", "editor", "viewer"]},
        "tags": {"type": "array", "items": {"enum": ["red", "green", "blue"]},
                 "minItems": 1, "maxItems": 3},
        "address": {
            "type": "object",
            "properties": {"city": {"type": "string", "maxLength": 12},
                           "zip": {"type": "integer", "minimum": 10000,
                                   "maximum": 99999}},
            "required": ["city", "zip"],
        },
        "scores": {"type": "array", "items": {"type": "integer", "minimum": -5,
                                              "maximum": 5},
                   "minItems": 2, "maxItems": 3},
    },
    "required": ["name", "age", "height_m", "role", "tags", "address", "scores"],
}
ASK = ({"role": "user", "content": "Describe a new user of our website as JSON."},)


@pytest.fixture(scope="module")
def model(starter_model: Path) -> Iterator[LoadedModel]:
    loaded = LoadedModel(LoadModel(str(starter_model), n_ctx=2048), lambda event: None)
    yield loaded
    loaded.close()


def generate(model: LoadedModel, request: Generate,
             events: list[Event] | None = None) -> GenerationFinished:
    sink = events if events is not None else []
    return model.generate(request, sink.append, lambda: False)


def sampled(seed: int, max_tokens: int = 200, **extra: Any) -> SamplingParams:
    return SamplingParams(temperature=1.0, seed=seed, max_tokens=max_tokens, **extra)


def test_every_reply_to_the_schema_validates_on_twenty_seeds(model: LoadedModel) -> None:
    constraint = OutputConstraint(json_schema=SCHEMA)
    replies = set()
    for seed in range(20):
        reply = generate(model, Generate(seed, ASK, sampled(seed), constraint=constraint))
        assert reply.reason == "stop", (seed, reply.text)
        jsonschema.validate(json.loads(reply.text), SCHEMA)
        replies.add(reply.text)
    assert len(replies) >= 15  # sampled, not one reply forced twenty times


def test_left_free_the_model_does_not_write_such_json(model: LoadedModel) -> None:
    """The control: the same requests without the constraint rarely validate."""
    valid = 0
    for seed in range(2):
        reply = generate(model, Generate(seed, ASK, sampled(seed, 64)))
        try:
            jsonschema.validate(json.loads(reply.text), SCHEMA)
        except (ValueError, jsonschema.ValidationError):
            continue
        valid += 1
    assert valid == 0


def test_a_grammar_shapes_the_reply_and_the_turn_ends_with_it(model: LoadedModel) -> None:
    grammar = 'root ::= ("yes" | "no") ", because " [a-z ]{3,40} "."'
    for seed in range(3):
        reply = generate(model, Generate(seed, ({"role": "user", "content": "Is the sky "
                                                 "blue?"},), sampled(seed),
                                         constraint=OutputConstraint(grammar=grammar)))
        assert reply.reason == "stop"
        head, _, rest = reply.text.partition(", because ")
        assert head in ("yes", "no") and rest.endswith(".") and 3 <= len(rest) - 1 <= 40


def test_a_grammar_may_name_tokens(model: LoadedModel) -> None:
    """Token references are matched against the whole vocabulary (no index)."""
    (space_paris,) = model._tokenize(" Paris", special=False)
    grammar = f'root ::= "The capital is" <[{space_paris}]> "."'
    reply = generate(model, Generate(1, ASK, sampled(1),
                                     constraint=OutputConstraint(grammar=grammar)))
    assert reply.text == "The capital is Paris."


def test_probabilities_are_the_models_own(model: LoadedModel) -> None:
    """A token the grammar forces is reported with the probability the model gave it,
    not 1: the grammar changes the choice, never the numbers."""
    events: list[Event] = []
    reply = generate(model, Generate(3, ASK, sampled(3, logprobs=3),
                                     constraint=OutputConstraint(json_schema=SCHEMA)),
                     events)
    steps = [step for e in events if isinstance(e, TokenBatch) and e.logprobs
             for step in e.logprobs]
    assert len(steps) == reply.stats.completion_tokens
    key = next(s for s in steps if s.piece == "age" or s.piece == '"age')
    assert key.prob < 0.9  # forced by the schema, not the model's certainty
    assert all(sum(a.prob for a in s.alternatives) <= 1.0001 for s in steps)


@pytest.mark.parametrize(("grammar", "reason"), [
    ("root ::= answer", "Undefined rule identifier 'answer'"),
    ('root ::= "a"{5,3}', "maximum below its minimum"),
    ('root ::= root "x" | "y"', "left recursion"),
])
def test_an_invalid_grammar_fails_clearly_and_the_engine_goes_on(model: LoadedModel,
                                                                 grammar: str,
                                                                 reason: str) -> None:
    with pytest.raises(EngineError) as caught:
        generate(model, Generate(1, ASK, sampled(1),
                                 constraint=OutputConstraint(grammar=grammar)))
    assert caught.value.code == "engine.grammar_invalid"
    assert reason in caught.value.message
    after = generate(model, Generate(2, ASK, sampled(2, 8)))
    assert after.stats.completion_tokens == 8


def test_a_grammar_that_allows_nothing_stops_with_a_reason(model: LoadedModel) -> None:
    with pytest.raises(EngineError) as caught:
        generate(model, Generate(1, ASK, sampled(1),
                                 constraint=OutputConstraint(grammar="root ::= [z-a]")))
    assert caught.value.code == "engine.grammar_stuck"


def test_a_schema_the_grammar_cannot_enforce_is_refused_by_name(model: LoadedModel) -> None:
    schema = {"type": "array", "items": {"type": "integer"}, "uniqueItems": True}
    with pytest.raises(EngineError) as caught:
        generate(model, Generate(1, ASK, sampled(1),
                                 constraint=OutputConstraint(json_schema=schema)))
    assert caught.value.code == "engine.schema_unsupported"
    assert caught.value.problem.fields["feature"] == "uniqueItems"


def test_beam_search_refuses_a_constraint(model: LoadedModel) -> None:
    beams = SamplingParams(strategy="beam", temperature=0.0, beam_width=2, max_tokens=8)
    with pytest.raises(EngineError) as caught:
        generate(model, Generate(1, ASK, beams,
                                 constraint=OutputConstraint(json_schema=SCHEMA)))
    assert caught.value.code == "engine.constraint_with_beams"


def test_a_branch_that_breaks_the_grammar_is_refused(model: LoadedModel) -> None:
    prefix = tuple(model._tokenize("Hello", special=False))
    with pytest.raises(EngineError) as caught:
        generate(model, Generate(1, ASK, sampled(1), reply_prefix=prefix,
                                 constraint=OutputConstraint(json_schema=SCHEMA)))
    assert caught.value.code == "engine.grammar_refused"
    ok = tuple(model._tokenize('{"name": "Zed', special=False))
    reply = generate(model, Generate(1, ASK, sampled(1), reply_prefix=ok,
                                     constraint=OutputConstraint(json_schema=SCHEMA)))
    assert json.loads(reply.text)["name"].startswith("Zed")
