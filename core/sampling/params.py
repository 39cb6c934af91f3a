"""Decoding settings: how the next token is chosen, validated before the engine sees it.

Absurd values are rejected with a message that names the setting and its range, and
contradictory combinations with a message that says why they contradict, never
silently clamped or repaired: a person comparing settings must know what actually ran.

Three strategies:

- **greedy**: always the most likely token (after the repetition penalties).
- **sample**: a random draw among the likely tokens, shaped by temperature, top-k,
  typical-p, top-p and min-p (applied in that order, as llama.cpp does), reproducible
  with a fixed seed.
- **beam**: keeps the ``beam_width`` most likely partial replies and returns the most
  likely whole reply (and, with ``n_best``, the runners-up).

Temperature 0 has always meant greedy here, and still does: ``SamplingParams(
temperature=0)`` and stored settings from before strategies existed are greedy.  When a
strategy *is* given, temperature must agree with it (0 for greedy and beam search,
above 0 for sampling); a disagreement is reported by :meth:`SamplingParams.conflicts`,
not resolved by guessing which of the two the person meant.  Problems are coded
(``sampling.*``) with their numbers as fields, so the window says them in the user's
language and the CLI in English.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal, get_args

from core.errors import BadInput, Problem

Strategy = Literal["greedy", "sample", "beam"]
STRATEGIES: tuple[Strategy, ...] = get_args(Strategy)

#: Seed value meaning "pick a fresh random seed for every reply".
RANDOM_SEED = -1
MAX_SEED = 2**32 - 1
#: The widest beam search; the engine reserves one KV-cache sequence per beam.
MAX_BEAMS = 8
#: The most alternatives reported per token (as OpenAI's API allows).
MAX_LOGPROBS = 20
#: Temperature of sampling when none is given.
DEFAULT_TEMPERATURE = 0.7

#: Stands for "derive me" in the constructor: ``strategy`` from ``temperature`` or the
#: other way round (see :meth:`SamplingParams.__post_init__`).  Typed ``Any`` so the
#: fields keep their real types for every reader once built.
_DERIVED: Any = None


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    label: str


#: Accepted ranges, shared by validation, the sliders and the CLI help.
RANGES: dict[str, Range] = {
    "temperature": Range(0.0, 5.0, "temperature"),
    "top_k": Range(0, 1000, "top-k"),
    "top_p": Range(0.0, 1.0, "top-p"),
    "min_p": Range(0.0, 1.0, "min-p"),
    "typical_p": Range(0.0, 1.0, "typical-p"),
    "repeat_penalty": Range(0.5, 3.0, "repeat penalty"),
    "repeat_last_n": Range(0, 8192, "penalty window"),
    "presence_penalty": Range(-2.0, 2.0, "presence penalty"),
    "frequency_penalty": Range(-2.0, 2.0, "frequency penalty"),
    "max_tokens": Range(1, 131072, "max tokens"),
    "seed": Range(RANDOM_SEED, MAX_SEED, "seed"),
    "beam_width": Range(1, MAX_BEAMS, "beam width"),
    "length_penalty": Range(0.0, 3.0, "length penalty"),
    "n_best": Range(1, MAX_BEAMS, "n-best"),
    "logprobs": Range(0, MAX_LOGPROBS, "token probabilities"),
}

_WHOLE = ("top_k", "repeat_last_n", "max_tokens", "seed", "beam_width", "n_best", "logprobs")


@dataclass(frozen=True)
class Conflict:
    """Settings that are each valid but contradict each other.

    ``problem`` says why, as a ``sampling.conflict.*`` code with the numbers it quotes
    (the panel shows it in the user's language, the CLI in English).
    """

    problem: Problem
    #: The settings involved: a form keeps them in view so the conflict can be fixed.
    fields: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Which contradiction: the last part of the code (``n_best_without_beam``)."""
        return self.problem.code.rsplit(".", 1)[-1]

    @property
    def message(self) -> str:
        """In English, for the CLI and the log."""
        return self.problem.message


@dataclass(frozen=True)
class SamplingParams:
    """How the engine picks each next token (see the module docstring).

    ``top_k == 0``, ``top_p == 1``, ``min_p == 0`` and ``typical_p == 1`` turn those
    filters off; ``repeat_penalty == 1`` with zero presence and frequency penalties
    turns the penalties off.  The penalties look at the last ``repeat_last_n`` tokens
    of the reply (not the prompt, so words of the question are not discouraged) and
    apply to every strategy; the filters and the seed apply to sampling only.

    ``logprobs`` asks for each generated token's probability and that many most likely
    alternatives (0: none).  They are the model's own probabilities at that step, a
    softmax over the raw logits, before penalties, temperature and filters: what the
    model thought, not what the sampler was left with.
    """

    temperature: float = _DERIVED
    top_k: int = 40
    top_p: float = 0.95
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    max_tokens: int = 512
    seed: int = RANDOM_SEED
    stop: tuple[str, ...] = field(default_factory=tuple)
    strategy: Strategy = _DERIVED
    typical_p: float = 1.0
    repeat_last_n: int = 64
    presence_penalty: float = 0.0
    frequency_penalty: float = 0.0
    beam_width: int = 4
    #: GNMT's alpha: replies are ranked by log-probability / ((5 + length) / 6) ** alpha.
    #: 0 ranks by total log-probability (which favours short replies).
    length_penalty: float = 1.0
    n_best: int = 1
    logprobs: int = 5

    def __post_init__(self) -> None:
        # Old callers and stored settings say only ``temperature`` (0 meaning greedy);
        # new ones may say only ``strategy``.  Whichever is missing follows the other,
        # so neither kind of caller has to know about the other setting.
        strategy: Any = self.strategy
        temperature: Any = self.temperature
        if strategy is None:
            strategy = "greedy" if temperature == 0 else "sample"
        if temperature is None:
            temperature = DEFAULT_TEMPERATURE if strategy == "sample" else 0.0
        object.__setattr__(self, "strategy", strategy)
        object.__setattr__(self, "temperature", temperature)

    @property
    def is_greedy(self) -> bool:
        return self.strategy == "greedy"

    @property
    def penalties_active(self) -> bool:
        return (self.repeat_last_n > 0 and (self.repeat_penalty != 1.0
                                            or self.presence_penalty != 0.0
                                            or self.frequency_penalty != 0.0))

    def problems(self) -> list[Problem]:
        """Every invalid setting, or else every contradiction, as problems a user
        understands in their language (empty when valid); ``.message`` is English."""
        found = self._range_problems()
        if not found:
            found.extend(c.problem for c in self.conflicts())
        return found

    def _range_problems(self) -> list[Problem]:
        found: list[Problem] = []
        if self.strategy not in STRATEGIES:
            found.append(Problem.of(
                "sampling.strategy",
                "Invalid sampling settings: the strategy must be one of {choices}, not "
                "{value}.", choices=", ".join(STRATEGIES), value=repr(self.strategy)))
        for name, rng in RANGES.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                found.append(Problem.of(
                    "sampling.not_a_number",
                    "Invalid sampling settings: {setting} must be a number, not {value}.",
                    setting=rng.label, value=repr(value)[:40]))
            elif isinstance(value, float) and not math.isfinite(value):
                found.append(Problem.of(
                    "sampling.not_finite",
                    "Invalid sampling settings: {setting} must be a finite number, not "
                    "{value}.", setting=rng.label, value=repr(value)))
            elif name in _WHOLE and not float(value).is_integer():
                found.append(Problem.of(
                    "sampling.not_whole",
                    "Invalid sampling settings: {setting} must be a whole number, not "
                    "{value}.", setting=rng.label, value=repr(value)))
            elif not rng.low <= value <= rng.high:
                found.append(Problem.of(
                    "sampling.out_of_range",
                    "Invalid sampling settings: {setting} must be between {low} and {high}, "
                    "not {value}.",
                    setting=rng.label, low=_fmt(rng.low), high=_fmt(rng.high),
                    value=_fmt(value)))
        if not isinstance(self.stop, tuple) or not all(isinstance(s, str) for s in self.stop):
            found.append(Problem.of("sampling.stop_not_text",
                                    "Invalid sampling settings: stop strings must be text."))
        elif any(s == "" for s in self.stop):
            found.append(Problem.of("sampling.empty_stop",
                                    "Invalid sampling settings: a stop string cannot be empty."))
        return found

    def conflicts(self) -> list[Conflict]:
        """Settings that contradict each other (assumes each is in its range)."""
        found: list[Conflict] = []
        t = self.temperature
        if self.strategy == "sample" and t == 0:
            found.append(Conflict(Problem.of(
                "sampling.conflict.sample_without_temperature",
                "Sampling at temperature 0 would always take the most likely token: choose "
                "greedy decoding, or raise the temperature above 0."), ("temperature",)))
        elif self.strategy == "greedy" and t != 0:
            found.append(Conflict(Problem.of(
                "sampling.conflict.greedy_with_temperature",
                "Greedy decoding always takes the most likely token, so a temperature "
                "({temperature}) has no effect: set it to 0, or choose sampling.",
                temperature=_fmt(t)), ("temperature",)))
        elif self.strategy == "beam" and t != 0:
            found.append(Conflict(Problem.of(
                "sampling.conflict.beam_with_temperature",
                "Beam search keeps the most likely replies and draws nothing at random, so a "
                "temperature ({temperature}) has no effect: set it to 0, or choose sampling.",
                temperature=_fmt(t)), ("temperature",)))
        if self.strategy == "beam" and self.n_best > self.beam_width:
            found.append(Conflict(Problem.of(
                "sampling.conflict.n_best_over_beam_width",
                "N-best {n_best} asks for more replies than the {beam_width} beam(s) can "
                "hold: raise the beam width to at least {n_best}, or lower n-best.",
                n_best=self.n_best, beam_width=self.beam_width), ("n_best", "beam_width")))
        elif self.strategy != "beam" and self.n_best > 1:
            found.append(Conflict(Problem.of(
                "sampling.conflict.n_best_without_beam",
                "Only beam search returns several replies: n-best {n_best} needs beam "
                "search, or set it to 1.", n_best=self.n_best), ("n_best",)))
        if self.strategy == "sample" and self.top_k == 1 and self.typical_p < 1:
            found.append(Conflict(Problem.of(
                "sampling.conflict.typical_with_top_k_1",
                "Top-k 1 leaves only the most likely token, so typical-p has nothing to "
                "choose from: raise top-k, or set typical-p to 1."), ("top_k", "typical_p")))
        if self.repeat_last_n == 0 and (self.repeat_penalty != 1.0
                                        or self.presence_penalty != 0.0
                                        or self.frequency_penalty != 0.0):
            found.append(Conflict(Problem.of(
                "sampling.conflict.penalties_without_window",
                "The penalty window is 0 tokens, so the repeat, presence and frequency "
                "penalties have no effect: widen the window, or set the penalties to 1, 0 "
                "and 0."), ("repeat_last_n", "repeat_penalty", "presence_penalty",
                            "frequency_penalty")))
        return found

    def validated(self) -> SamplingParams:
        """Return self, or raise :class:`BadInput`: the first problem, every problem in
        its details."""
        found = self.problems()
        if found:
            first = found[0]
            raise BadInput(first.code, first.template,
                           details="; ".join(p.message for p in found), **first.fields)
        return self

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stop"] = list(self.stop)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SamplingParams:
        """Build from stored or user-given data; unknown keys are ignored, missing ones
        take their defaults (so settings saved by older versions load), then validated."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "stop" in values:
            stop = values["stop"]
            values["stop"] = tuple(stop) if isinstance(stop, list | tuple) else stop
        for name in _WHOLE:
            value = values.get(name)
            if isinstance(value, float) and value.is_integer():
                values[name] = int(value)
        # The constructor, not ``replace`` on a default instance: a dict without a
        # strategy must derive it from its temperature, not inherit "sample".
        return cls(**values).validated()

    def with_strategy(self, strategy: Strategy, temperature: float | None = None,
                      ) -> SamplingParams:
        """The same settings under another strategy, with a temperature that agrees with
        it: ``temperature`` for sampling (default :data:`DEFAULT_TEMPERATURE`), 0 for
        the others."""
        if strategy == "sample":
            t = temperature if temperature is not None else (
                self.temperature if self.temperature > 0 else DEFAULT_TEMPERATURE)
        else:
            t = 0.0
        return replace(self, strategy=strategy, temperature=t)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
