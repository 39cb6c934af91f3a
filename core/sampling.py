"""Sampling settings: what decides the next token, validated before the engine sees it.

Absurd values are rejected with a message that names the setting and its range,
never silently clamped: a person comparing settings must know what actually ran.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from core.errors import BadInput

#: Seed value meaning "pick a fresh random seed for every reply".
RANDOM_SEED = -1
MAX_SEED = 2**32 - 1


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
    "repeat_penalty": Range(0.5, 3.0, "repeat penalty"),
    "max_tokens": Range(1, 131072, "max tokens"),
    "seed": Range(RANDOM_SEED, MAX_SEED, "seed"),
}


@dataclass(frozen=True)
class SamplingParams:
    """How the engine picks each next token.

    ``temperature == 0`` means greedy decoding: always the most likely token, so the
    same prompt gives the same reply.  ``top_k == 0`` disables top-k.
    """

    temperature: float = 0.7
    top_k: int = 40
    top_p: float = 0.95
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    max_tokens: int = 512
    seed: int = RANDOM_SEED
    stop: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_greedy(self) -> bool:
        return self.temperature == 0.0

    def problems(self) -> list[str]:
        """Every invalid setting, in words a user understands (empty when valid)."""
        found: list[str] = []
        for name, rng in RANGES.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                found.append(f"{rng.label} must be a number, not {value!r}")
                continue
            if isinstance(value, float) and not math.isfinite(value):
                found.append(f"{rng.label} must be a finite number, not {value!r}")
                continue
            if name in ("top_k", "max_tokens", "seed") and not float(value).is_integer():
                found.append(f"{rng.label} must be a whole number, not {value!r}")
                continue
            if not rng.low <= value <= rng.high:
                found.append(f"{rng.label} must be between {_fmt(rng.low)} and "
                             f"{_fmt(rng.high)}, not {_fmt(value)}")
        if not isinstance(self.stop, tuple) or not all(isinstance(s, str) for s in self.stop):
            found.append("stop strings must be text")
        elif any(s == "" for s in self.stop):
            found.append("a stop string cannot be empty")
        return found

    def validated(self) -> SamplingParams:
        """Return self, or raise :class:`BadInput` listing every problem."""
        found = self.problems()
        if found:
            raise BadInput("Invalid sampling settings: " + "; ".join(found) + ".")
        return self

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stop"] = list(self.stop)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SamplingParams:
        """Build from stored or user-given data; unknown keys are ignored, then validated."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "stop" in values:
            stop = values["stop"]
            values["stop"] = tuple(stop) if isinstance(stop, list | tuple) else stop
        for name in ("top_k", "max_tokens", "seed"):
            value = values.get(name)
            if isinstance(value, float) and value.is_integer():
                values[name] = int(value)
        return replace(cls(), **values).validated()


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
