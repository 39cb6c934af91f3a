"""Which models a Hub repository offers, read from its file names alone.

A repository of GGUF files holds one file per quantization ("Q4_K_M", "IQ2_XXS",
"F16"), sometimes split into parts, beside files that are no model to chat with
(vision projectors, importance matrices).  The names say all of it, so a person can
choose a quantization before anything is downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Final

from core.common.gguf_names import split_info


@dataclass(frozen=True)
class QuantFile:
    """One downloadable model: a single file, or every part of a split set in order."""

    quant: str
    files: tuple[str, ...]
    size: int
    sha256: tuple[str | None, ...]
    bits_per_weight: float | None


# Average bits per weight over a whole model, from llama.cpp's quantize tables for 7-8B
# models (embeddings and output layers keep more bits, so this is above the tensor
# type's own size). Used to rank quality and to explain sizes, never to compute them.
BITS_PER_WEIGHT: Final[Mapping[str, float]] = {
    "F32": 32.0,
    "F16": 16.0,
    "BF16": 16.0,
    "Q8_K_XL": 9.0,
    "Q8_0": 8.5,
    "Q6_K_XL": 6.8,
    "Q6_K_L": 6.8,
    "Q6_K": 6.56,
    "Q5_1": 6.0,
    "Q5_K_L": 5.9,
    "Q5_K_XL": 5.9,
    "Q5_K_M": 5.69,
    "Q5_K": 5.69,
    "Q5_K_S": 5.54,
    "Q5_0": 5.5,
    "Q4_K_L": 5.1,
    "Q4_K_XL": 5.0,
    "Q4_1": 5.0,
    "Q4_K_M": 4.85,
    "Q4_K": 4.85,
    "Q4_K_S": 4.58,
    "Q4_0": 4.55,
    "Q4_0_4_4": 4.55,
    "Q4_0_4_8": 4.55,
    "Q4_0_8_8": 4.55,
    "IQ4_NL": 4.5,
    "IQ4_XS": 4.25,
    "MXFP4": 4.25,
    "MXFP4_MOE": 4.25,
    "Q3_K_XL": 4.3,
    "Q3_K_L": 4.27,
    "Q3_K_M": 3.91,
    "Q3_K": 3.91,
    "IQ3_M": 3.66,
    "Q3_K_S": 3.5,
    "IQ3_S": 3.44,
    "IQ3_XS": 3.3,
    "IQ3_XXS": 3.06,
    "Q2_K_XL": 3.2,
    "Q2_K_L": 3.2,
    "Q2_K": 2.96,
    "Q2_K_S": 2.7,
    "IQ2_M": 2.7,
    "IQ2_S": 2.5,
    "IQ2_XS": 2.31,
    "IQ2_XXS": 2.06,
    "TQ2_0": 2.06,
    "IQ1_M": 1.75,
    "TQ1_0": 1.69,
    "IQ1_S": 1.56,
}

#: Every quantization name parse_quant can answer (besides "unknown").
QUANT_NAMES: Final = frozenset(BITS_PER_WEIGHT) | {"Q1_0", "Q2_0"}
_ALIASES: Final[Mapping[str, str]] = {"FP16": "F16", "FP32": "F32"}
# Longest first, so that Q4_K_M wins over Q4_K and Q4_0_4_4 over Q4_0 at one position.
_QUANT_RE: Final = re.compile(
    r"(?<![A-Za-z0-9])("
    + "|".join(sorted((*QUANT_NAMES, *_ALIASES), key=lambda n: (-len(n), n)))
    + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def parse_quant(filename: str) -> str:
    """The quantization a file's name announces ("Q4_K_M", "IQ2_XXS", "F16"), or "unknown".

    Names put the quantization last ("Llama-3.2-3B-Instruct-Q4_K_M.gguf"), so the last
    match in the file name wins; when the name has none, the folders are tried
    ("Q8_0/model-00001-of-00002.gguf"), nearest first.
    """
    path = PurePosixPath(filename.replace("\\", "/"))
    for part in (path.name, *reversed(path.parent.parts)):
        split = split_info(part)
        stem = split[0] if split else re.sub(r"\.gguf$", "", part, flags=re.I)
        matches = _QUANT_RE.findall(stem)
        if matches:
            found = matches[-1].upper()
            return _ALIASES.get(found, found)
    return "unknown"


def is_auxiliary(filename: str) -> bool:
    """Files that are not a model to chat with: vision projectors and importance matrices.

    :func:`quant_files` leaves them out: an mmproj file only adds image input to a model loaded
    beside it, and an imatrix only guides quantization.
    """
    name = PurePosixPath(filename).name.lower()
    return "mmproj" in name or "imatrix" in name


def quant_files(entries: Iterable[tuple[str, int, str | None]]) -> list[QuantFile]:
    """Group ``(path, size, sha256)`` entries into downloadable models, smallest first.

    Each model is one GGUF file or one complete split set; a set with a part missing
    cannot be loaded, so it is left out, as are files :func:`is_auxiliary` names.
    Files are not merged by quantization: a repository can hold two different models
    at the same quantization (a base and an instruct variant, say).
    """
    singles: list[QuantFile] = []
    sets: dict[tuple[str, int], dict[int, tuple[str, int, str | None]]] = {}
    for path, size, sha256 in entries:
        if not path.lower().endswith(".gguf") or is_auxiliary(path):
            continue
        split = split_info(path)
        if split is None:
            quant = parse_quant(path)
            singles.append(QuantFile(quant, (path,), size, (sha256,), BITS_PER_WEIGHT.get(quant)))
            continue
        base, index, count = split
        sets.setdefault((base, count), {})[index] = (path, size, sha256)
    for (_base, count), parts in sets.items():
        if sorted(parts) != list(range(1, count + 1)):
            continue
        ordered = [parts[i] for i in range(1, count + 1)]
        quant = parse_quant(ordered[0][0])
        singles.append(
            QuantFile(
                quant,
                tuple(p for p, _, _ in ordered),
                sum(s for _, s, _ in ordered),
                tuple(h for _, _, h in ordered),
                BITS_PER_WEIGHT.get(quant),
            )
        )
    return sorted(singles, key=lambda q: (q.size, q.files))


__all__ = [
    "BITS_PER_WEIGHT",
    "QUANT_NAMES",
    "QuantFile",
    "is_auxiliary",
    "parse_quant",
    "quant_files",
    "split_info",
]
