"""The ggml tensor types and llama.cpp's file types, by the ids GGUF files use.

Tensor types give each tensor's size in bytes (so a truncated file is caught from its
header alone); file types are the quantization names people know from file names
(``Q4_K_M``).  Both tables follow llama.cpp and grow with it: an id missing here makes
a file unreadable (tensor types) or its quantization guessed from its tensors (file
types), never misread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class GgmlType:
    """Storage of one ggml tensor type: ``block_size`` elements take ``type_size`` bytes."""

    name: str
    block_size: int
    type_size: int


_QK_K: Final = 256
# From GGML_QUANT_SIZES in gguf-py/gguf/constants.py (ids from enum ggml_type in ggml.h).
GGML_TYPES: Final[dict[int, GgmlType]] = {
    0: GgmlType("F32", 1, 4),
    1: GgmlType("F16", 1, 2),
    2: GgmlType("Q4_0", 32, 2 + 16),
    3: GgmlType("Q4_1", 32, 2 + 2 + 16),
    6: GgmlType("Q5_0", 32, 2 + 4 + 16),
    7: GgmlType("Q5_1", 32, 2 + 2 + 4 + 16),
    8: GgmlType("Q8_0", 32, 2 + 32),
    9: GgmlType("Q8_1", 32, 2 + 2 + 32),
    10: GgmlType("Q2_K", _QK_K, 2 + 2 + _QK_K // 16 + _QK_K // 4),
    11: GgmlType("Q3_K", _QK_K, 2 + _QK_K // 4 + _QK_K // 8 + 12),
    12: GgmlType("Q4_K", _QK_K, 2 + 2 + _QK_K // 2 + 12),
    13: GgmlType("Q5_K", _QK_K, 2 + 2 + _QK_K // 2 + _QK_K // 8 + 12),
    14: GgmlType("Q6_K", _QK_K, 2 + _QK_K // 2 + _QK_K // 4 + _QK_K // 16),
    15: GgmlType("Q8_K", _QK_K, 4 + _QK_K + _QK_K // 8),
    16: GgmlType("IQ2_XXS", _QK_K, 2 + _QK_K // 4),
    17: GgmlType("IQ2_XS", _QK_K, 2 + _QK_K // 4 + _QK_K // 32),
    18: GgmlType("IQ3_XXS", _QK_K, 2 + _QK_K // 4 + _QK_K // 8),
    19: GgmlType("IQ1_S", _QK_K, 2 + _QK_K // 8 + _QK_K // 16),
    20: GgmlType("IQ4_NL", 32, 2 + 16),
    21: GgmlType("IQ3_S", _QK_K, 2 + _QK_K // 4 + _QK_K // 8 + _QK_K // 32 + 4),
    22: GgmlType("IQ2_S", _QK_K, 2 + _QK_K // 4 + _QK_K // 16),
    23: GgmlType("IQ4_XS", _QK_K, 2 + 2 + _QK_K // 2 + _QK_K // 64),
    24: GgmlType("I8", 1, 1),
    25: GgmlType("I16", 1, 2),
    26: GgmlType("I32", 1, 4),
    27: GgmlType("I64", 1, 8),
    28: GgmlType("F64", 1, 8),
    29: GgmlType("IQ1_M", _QK_K, _QK_K // 8 + _QK_K // 16 + _QK_K // 32),
    30: GgmlType("BF16", 1, 2),
    34: GgmlType("TQ1_0", _QK_K, 2 + 4 * 13),
    35: GgmlType("TQ2_0", _QK_K, 2 + 64),
    39: GgmlType("MXFP4", 32, 1 + 16),
    40: GgmlType("NVFP4", 64, 4 + 32),
    41: GgmlType("Q1_0", 128, 2 + 16),
    42: GgmlType("Q2_0", 64, 2 + 16),
}

# LLAMA_FTYPE_* ids (``general.file_type``) -> the names users know from file names.
FILE_TYPES: Final[dict[int, str]] = {
    0: "F32",
    1: "F16",
    2: "Q4_0",
    3: "Q4_1",
    7: "Q8_0",
    8: "Q5_0",
    9: "Q5_1",
    10: "Q2_K",
    11: "Q3_K_S",
    12: "Q3_K_M",
    13: "Q3_K_L",
    14: "Q4_K_S",
    15: "Q4_K_M",
    16: "Q5_K_S",
    17: "Q5_K_M",
    18: "Q6_K",
    19: "IQ2_XXS",
    20: "IQ2_XS",
    21: "Q2_K_S",
    22: "IQ3_XS",
    23: "IQ3_XXS",
    24: "IQ1_S",
    25: "IQ4_NL",
    26: "IQ3_S",
    27: "IQ3_M",
    28: "IQ2_S",
    29: "IQ2_M",
    30: "IQ4_XS",
    31: "IQ1_M",
    32: "BF16",
    36: "TQ1_0",
    37: "TQ2_0",
    38: "MXFP4_MOE",
    39: "NVFP4",
    40: "Q1_0",
    41: "Q2_0",
}
