"""Decoding settings: strategies, contradictions explained in words, old settings."""

from __future__ import annotations

import json

import pytest

from core.errors import BadInput
from core.sampling.params import DEFAULT_TEMPERATURE, SamplingParams


def test_temperature_zero_still_means_greedy() -> None:
    assert SamplingParams(temperature=0.0).strategy == "greedy"
    assert SamplingParams(temperature=0.8).strategy == "sample"
    assert SamplingParams().strategy == "sample"
    assert SamplingParams().temperature == DEFAULT_TEMPERATURE


def test_a_strategy_alone_brings_an_agreeing_temperature() -> None:
    assert SamplingParams(strategy="greedy").temperature == 0.0
    assert SamplingParams(strategy="beam").temperature == 0.0
    assert SamplingParams(strategy="sample").temperature == DEFAULT_TEMPERATURE
    for strategy in ("greedy", "sample", "beam"):
        assert SamplingParams(strategy=strategy).problems() == []


@pytest.mark.parametrize(("params", "key", "words"), [
    (SamplingParams(strategy="sample", temperature=0.0), "sample_without_temperature",
     "Sampling at temperature 0"),
    (SamplingParams(strategy="beam", temperature=0.8), "beam_with_temperature",
     "Beam search"),
    (SamplingParams(strategy="greedy", temperature=0.5), "greedy_with_temperature",
     "Greedy decoding"),
    (SamplingParams(strategy="beam", beam_width=1, n_best=3), "n_best_over_beam_width",
     "N-best 3 asks for more replies than the 1 beam"),
    (SamplingParams(strategy="sample", n_best=2), "n_best_without_beam",
     "Only beam search returns several replies"),
    (SamplingParams(top_k=1, typical_p=0.5), "typical_with_top_k_1", "typical-p"),
    (SamplingParams(repeat_last_n=0, repeat_penalty=1.3), "penalties_without_window",
     "penalty window is 0 tokens"),
])
def test_contradictions_are_explained_not_fixed(params: SamplingParams, key: str,
                                                words: str) -> None:
    conflicts = params.conflicts()
    assert [c.key for c in conflicts] == [key]
    assert words in conflicts[0].message
    assert conflicts[0].fields  # which settings to show so it can be fixed
    # Coded, so the panel says it in the user's language.
    assert conflicts[0].problem.code == f"sampling.conflict.{key}"
    assert params.problems() == [conflicts[0].problem]
    with pytest.raises(BadInput) as caught:
        params.validated()
    assert words in caught.value.message
    assert caught.value.code == f"sampling.conflict.{key}"
    # Stored as it is, it loads as it is: refused again, not repaired.
    with pytest.raises(BadInput):
        SamplingParams.from_dict(json.loads(json.dumps(params.to_dict())))


def test_neutral_settings_of_another_strategy_are_no_contradiction() -> None:
    # Beam search ignores top-k, top-p, min-p and the seed: their defaults are fine.
    assert SamplingParams(strategy="beam", beam_width=3, n_best=3, seed=5).problems() == []
    assert SamplingParams(top_k=1).problems() == []  # greedy in effect, but valid
    assert SamplingParams(repeat_last_n=0, repeat_penalty=1.0).problems() == []


def test_new_ranges_are_checked_with_their_names() -> None:
    cases = {
        "typical-p": SamplingParams(typical_p=1.5),
        "presence penalty": SamplingParams(presence_penalty=3.0),
        "frequency penalty": SamplingParams(frequency_penalty=-2.5),
        "penalty window": SamplingParams(repeat_last_n=-1),
        "beam width": SamplingParams(strategy="beam", beam_width=9),
        "length penalty": SamplingParams(length_penalty=-1.0),
        "token probabilities": SamplingParams(logprobs=21),
        "strategy": SamplingParams(strategy="nucleus"),  # type: ignore[arg-type]
    }
    for label, params in cases.items():
        assert any(label in p.message for p in params.problems()), label
        assert all(p.code.startswith("sampling.") for p in params.problems())


def test_validated_names_the_first_problem_and_details_them_all() -> None:
    params = SamplingParams(top_k=-1, min_p=2.0)
    with pytest.raises(BadInput) as caught:
        params.validated()
    assert caught.value.code == "sampling.out_of_range"
    assert caught.value.params == {"setting": "top-k", "low": "0", "high": "1000",
                                   "value": "-1"}
    assert caught.value.message == (
        "Invalid sampling settings: top-k must be between 0 and 1000, not -1.")
    assert "min-p must be between 0 and 1, not 2" in caught.value.details


def test_settings_saved_before_strategies_load() -> None:
    old_greedy = {"temperature": 0, "top_k": 40, "top_p": 0.95, "min_p": 0.05,
                  "repeat_penalty": 1.1, "max_tokens": 512, "seed": -1, "stop": []}
    params = SamplingParams.from_dict(old_greedy)
    assert params.strategy == "greedy" and params.problems() == []
    old_sampled = dict(old_greedy, temperature=0.9, seed=7.0)
    params = SamplingParams.from_dict(old_sampled)
    assert params.strategy == "sample" and params.temperature == 0.9 and params.seed == 7
    assert params.logprobs == 5 and params.beam_width == 4 and params.n_best == 1


def test_round_trip_keeps_every_new_setting() -> None:
    params = SamplingParams(strategy="beam", beam_width=6, n_best=3, length_penalty=0.6,
                            repeat_last_n=128, presence_penalty=0.3,
                            frequency_penalty=-0.2, logprobs=0, stop=("###",))
    again = SamplingParams.from_dict(json.loads(json.dumps(params.to_dict())))
    assert again == params


def test_with_strategy_keeps_the_rest_and_agrees_on_temperature() -> None:
    params = SamplingParams(temperature=1.2, top_k=7, max_tokens=99)
    beam = params.with_strategy("beam")
    assert (beam.strategy, beam.temperature, beam.top_k, beam.max_tokens) == \
        ("beam", 0.0, 7, 99)
    back = beam.with_strategy("sample", 1.2)
    assert back == params
    assert beam.with_strategy("sample").temperature == DEFAULT_TEMPERATURE
