"""Read what a GGUF model file says about itself, without trusting it.

Prosa shows a model's name, size, quantization and chat template before (and
without) handing the file to llama.cpp, and the files come from anywhere: a
half-finished download, a renamed video, a hand-crafted attack.  So every count
and length in the header is checked against the bytes the file really has left
*before* anything is read or allocated, the whole header is capped, and any
failure becomes a :class:`~core.errors.ModelFileError` with a sentence the user
can act on.  Only the header is read; tensor data (gigabytes) is never touched,
its extent is computed so that a truncated download is caught here rather than
as an obscure loader failure later.

Format reference: ``ggml/src/gguf.cpp`` and ``gguf-py/gguf/constants.py`` in
llama.cpp; the checks mirror the ones llama.cpp makes when loading.
"""

from __future__ import annotations

import io
import math
import os
import stat
import struct
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

from core.errors import ModelFileError

GGUF_MAGIC: Final = b"GGUF"
SUPPORTED_VERSIONS: Final = (2, 3)
DEFAULT_ALIGNMENT: Final = 32

# Limits that no real model comes near but that keep a hostile file from costing
# more than a bounded amount of time and memory.
MAX_HEADER_BYTES: Final = 256 * 1024 * 1024
MAX_STRING_BYTES: Final = 64 * 1024 * 1024
MAX_ARRAY_DEPTH: Final = 2
MAX_KV_COUNT: Final = 1 << 16
MAX_TENSOR_COUNT: Final = 1 << 18
MAX_TENSOR_DIMS: Final = 4
# Strings and nested arrays are parsed one element at a time (numbers in bulk), so
# their total count bounds the time a header can cost: about half a second per million.
MAX_ARRAY_ELEMENTS: Final = 1 << 22
_MAX_KEPT_ELEMENTS: Final = 1 << 22  # held in memory at once, over the whole header
_MAX_INLINE_ARRAY: Final = 4096  # longer arrays are summarized in ``metadata``
_MAX_KEPT_TOKENS: Final = 1 << 21  # the vocabulary is kept (up to this) to name bos/eos
_MAX_ALIGNMENT: Final = 1 << 30
_INT64_MAX: Final = (1 << 63) - 1
_BUFFER_SIZE: Final = 1 << 20

_TOKENS_KEY: Final = "tokenizer.ggml.tokens"
_TOKEN_TYPE_KEY: Final = "tokenizer.ggml.token_type"
# llama_token_type in llama.cpp: the kinds of token a chat template's markers are.
_TOKEN_TYPE_CONTROL: Final = 3
_TOKEN_TYPE_USER_DEFINED: Final = 4
MAX_SPECIAL_TOKENS: Final = 4096
_SUMMARIZED_KEYS: Final = frozenset(
    {
        _TOKENS_KEY,
        _TOKEN_TYPE_KEY,
        "tokenizer.ggml.merges",
        "tokenizer.ggml.scores",
    }
)
_CHAT_TEMPLATE_KEY: Final = "tokenizer.chat_template"

_UNEXPECTED_MESSAGE: Final = (
    "Prosa could not read this model file because of an unexpected problem."
)


# --- type tables -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Scalar:
    """A fixed-size GGUF value type: ``fmt`` is its :mod:`struct` code."""

    name: str
    fmt: str
    size: int


_TYPE_STRING: Final = 8
_TYPE_ARRAY: Final = 9
_SCALARS: Final[dict[int, _Scalar]] = {
    0: _Scalar("uint8", "B", 1),
    1: _Scalar("int8", "b", 1),
    2: _Scalar("uint16", "H", 2),
    3: _Scalar("int16", "h", 2),
    4: _Scalar("uint32", "I", 4),
    5: _Scalar("int32", "i", 4),
    6: _Scalar("float32", "f", 4),
    7: _Scalar("bool", "?", 1),
    10: _Scalar("uint64", "Q", 8),
    11: _Scalar("int64", "q", 8),
    12: _Scalar("float64", "d", 8),
}
_SCALAR_STRUCTS: Final = {t: struct.Struct("<" + s.fmt) for t, s in _SCALARS.items()}


@dataclass(frozen=True, slots=True)
class _GgmlType:
    """Storage of one ggml tensor type: ``block_size`` elements take ``type_size`` bytes."""

    name: str
    block_size: int
    type_size: int


_QK_K: Final = 256
# From GGML_QUANT_SIZES in gguf-py/gguf/constants.py (ids from enum ggml_type in ggml.h).
GGML_TYPES: Final[dict[int, _GgmlType]] = {
    0: _GgmlType("F32", 1, 4),
    1: _GgmlType("F16", 1, 2),
    2: _GgmlType("Q4_0", 32, 2 + 16),
    3: _GgmlType("Q4_1", 32, 2 + 2 + 16),
    6: _GgmlType("Q5_0", 32, 2 + 4 + 16),
    7: _GgmlType("Q5_1", 32, 2 + 2 + 4 + 16),
    8: _GgmlType("Q8_0", 32, 2 + 32),
    9: _GgmlType("Q8_1", 32, 2 + 2 + 32),
    10: _GgmlType("Q2_K", _QK_K, 2 + 2 + _QK_K // 16 + _QK_K // 4),
    11: _GgmlType("Q3_K", _QK_K, 2 + _QK_K // 4 + _QK_K // 8 + 12),
    12: _GgmlType("Q4_K", _QK_K, 2 + 2 + _QK_K // 2 + 12),
    13: _GgmlType("Q5_K", _QK_K, 2 + 2 + _QK_K // 2 + _QK_K // 8 + 12),
    14: _GgmlType("Q6_K", _QK_K, 2 + _QK_K // 2 + _QK_K // 4 + _QK_K // 16),
    15: _GgmlType("Q8_K", _QK_K, 4 + _QK_K + _QK_K // 8),
    16: _GgmlType("IQ2_XXS", _QK_K, 2 + _QK_K // 4),
    17: _GgmlType("IQ2_XS", _QK_K, 2 + _QK_K // 4 + _QK_K // 32),
    18: _GgmlType("IQ3_XXS", _QK_K, 2 + _QK_K // 4 + _QK_K // 8),
    19: _GgmlType("IQ1_S", _QK_K, 2 + _QK_K // 8 + _QK_K // 16),
    20: _GgmlType("IQ4_NL", 32, 2 + 16),
    21: _GgmlType("IQ3_S", _QK_K, 2 + _QK_K // 4 + _QK_K // 8 + _QK_K // 32 + 4),
    22: _GgmlType("IQ2_S", _QK_K, 2 + _QK_K // 4 + _QK_K // 16),
    23: _GgmlType("IQ4_XS", _QK_K, 2 + 2 + _QK_K // 2 + _QK_K // 64),
    24: _GgmlType("I8", 1, 1),
    25: _GgmlType("I16", 1, 2),
    26: _GgmlType("I32", 1, 4),
    27: _GgmlType("I64", 1, 8),
    28: _GgmlType("F64", 1, 8),
    29: _GgmlType("IQ1_M", _QK_K, _QK_K // 8 + _QK_K // 16 + _QK_K // 32),
    30: _GgmlType("BF16", 1, 2),
    34: _GgmlType("TQ1_0", _QK_K, 2 + 4 * 13),
    35: _GgmlType("TQ2_0", _QK_K, 2 + 64),
    39: _GgmlType("MXFP4", 32, 1 + 16),
    40: _GgmlType("NVFP4", 64, 4 + 32),
    41: _GgmlType("Q1_0", 128, 2 + 16),
    42: _GgmlType("Q2_0", 64, 2 + 16),
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


# --- public results ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TensorInfo:
    """One tensor's header entry; ``shape`` is in ggml order (innermost dimension first)."""

    name: str
    shape: tuple[int, ...]
    ggml_type: str
    offset: int  # relative to the start of the data section
    n_bytes: int

    @property
    def n_elements(self) -> int:
        return math.prod(self.shape)


@dataclass(frozen=True)
class ModelInfo:
    """What the header of a GGUF file says, already validated against the file's size."""

    path: Path
    file_size: int
    version: int
    tensor_count: int
    metadata: dict[str, Any] = field(hash=False)
    architecture: str
    name: str | None
    context_length: int | None
    parameter_count: int
    size_label: str
    quantization: str | None
    chat_template: str | None
    chat_templates: dict[str, str] = field(hash=False)
    #: Texts of CONTROL and USER_DEFINED tokens (at most MAX_SPECIAL_TOKENS): the
    #: turn markers a model was trained with, which identify its chat format when the
    #: file has no template.
    special_tokens: frozenset[str] = field(hash=False)
    bos_token: str | None
    eos_token: str | None
    bos_token_id: int | None
    eos_token_id: int | None
    eot_token_id: int | None
    add_bos_token: bool | None
    vocab_size: int | None
    tensors: tuple[TensorInfo, ...]

    def to_json(self) -> dict[str, Any]:
        """A summary ``json.dumps(..., allow_nan=False)`` accepts, for ``main.py inspect``."""
        return {
            "path": str(self.path),
            "file_size": self.file_size,
            "version": self.version,
            "architecture": self.architecture,
            "name": self.name,
            "size_label": self.size_label,
            "parameter_count": self.parameter_count,
            "quantization": self.quantization,
            "context_length": self.context_length,
            "vocab_size": self.vocab_size,
            "has_chat_template": self.chat_template is not None,
            "chat_template_names": sorted(self.chat_templates),
            "bos_token": self.bos_token,
            "bos_token_id": self.bos_token_id,
            "eos_token": self.eos_token,
            "eos_token_id": self.eos_token_id,
            "eot_token_id": self.eot_token_id,
            "add_bos_token": self.add_bos_token,
            "tensor_count": self.tensor_count,
            "tensor_types": _tensor_type_summary(self.tensors),
            "metadata": json_safe(self.metadata),
        }


def json_safe(value: Any) -> Any:
    """Make metadata serializable: NaN/inf become strings, bytes become hex, tuples lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, bytes | bytearray):
        return bytes(value).hex()
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return str(value)


def _tensor_type_summary(tensors: tuple[TensorInfo, ...]) -> dict[str, dict[str, int]]:
    summary: dict[str, dict[str, int]] = {}
    for tensor in tensors:
        entry = summary.setdefault(tensor.ggml_type, {"count": 0, "bytes": 0})
        entry["count"] += 1
        entry["bytes"] += tensor.n_bytes
    return summary


# --- entry points --------------------------------------------------------------


def is_gguf_file(path: str | os.PathLike[str]) -> bool:
    """Cheap test for file pickers: a regular file that starts with the GGUF magic."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as f:
            return f.read(len(GGUF_MAGIC)) == GGUF_MAGIC
    except Exception:
        return False


def read_gguf_info(path: str | os.PathLike[str]) -> ModelInfo:
    """Read and validate a GGUF header; any problem becomes a :class:`ModelFileError`.

    Callers (UI, CLI, model manager) rely on this being the *only* exception type,
    so the last handler turns even a bug here into a ModelFileError with the
    traceback in ``details`` instead of crashing the app.
    """
    try:
        return _read_path(Path(path))
    except ModelFileError:
        raise
    except MemoryError as exc:
        raise ModelFileError(
            "There was not enough memory to read this model file's header.", repr(exc)
        ) from exc
    except OSError as exc:
        raise _os_error(path, exc) from exc
    except Exception as exc:
        raise ModelFileError(_UNEXPECTED_MESSAGE, traceback.format_exc()) from exc


def _os_error(path: str | os.PathLike[str], exc: OSError) -> ModelFileError:
    """Turn an OS failure into advice about the path, which is what the user can fix."""
    shown = os.fsdecode(path) if isinstance(path, str | os.PathLike) else repr(path)
    details = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, FileNotFoundError):
        return ModelFileError(f"The model file {shown} does not exist.", details)
    if isinstance(exc, IsADirectoryError):
        return ModelFileError(f"{shown} is a folder, not a model file.", details)
    if isinstance(exc, PermissionError):
        return ModelFileError(
            f"Prosa is not allowed to read {shown}; check the file's permissions.", details
        )
    reason = exc.strerror or str(exc)
    return ModelFileError(f"The model file {shown} could not be read ({reason}).", details)


def _read_path(path: Path) -> ModelInfo:
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise ModelFileError(f"{path} is a folder, not a model file.")
    if not stat.S_ISREG(mode):
        # Opening a FIFO or device could block forever or read without end.
        raise ModelFileError(f"{path} is not a regular file, so it cannot be a model file.")
    with open(path, "rb", buffering=_BUFFER_SIZE) as f:
        file_size = os.fstat(f.fileno()).st_size
        return _parse(path, f, file_size)


# --- low-level reading ---------------------------------------------------------


def _shown(text: str, limit: int = 60) -> str:
    """Quote untrusted text for a message without letting it flood the message."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _mib(n: int) -> str:
    mib = 1024 * 1024
    return f"{n // mib} MiB" if n % mib == 0 else f"{n} bytes"


_U32: Final = struct.Struct("<I")
_U64: Final = struct.Struct("<Q")


class _Reader:
    """Sequential reader that refuses any read the file cannot satisfy.

    It tracks the position itself so each check is arithmetic, not a syscall,
    and so the header cap applies to skipped bytes as well as read ones.
    """

    def __init__(self, f: IO[bytes], file_size: int) -> None:
        self._f = f
        self.file_size = file_size
        self.pos = 0

    def remaining(self) -> int:
        return self.file_size - self.pos

    def require(self, n: int, what: str) -> None:
        if n > self.remaining():
            raise ModelFileError(
                f"This GGUF file is truncated or corrupt: {what} at byte {self.pos} needs "
                f"{n} bytes but only {self.remaining()} remain.",
                f"file_size={self.file_size}",
            )
        if self.pos + n > MAX_HEADER_BYTES:
            raise ModelFileError(
                f"This GGUF file's header is larger than {_mib(MAX_HEADER_BYTES)}, "
                "which Prosa does not support (the file is probably corrupt).",
                f"{what} at byte {self.pos} needs {n} bytes",
            )

    def read(self, n: int, what: str) -> bytes:
        self.require(n, what)
        data = self._f.read(n)
        if len(data) != n:
            raise ModelFileError(
                f"This GGUF file is truncated: it ended while reading {what} at byte {self.pos}.",
                "the file shrank while it was being read",
            )
        self.pos += n
        return data

    def skip(self, n: int, what: str) -> None:
        self.require(n, what)
        self._f.seek(n, io.SEEK_CUR)
        self.pos += n

    def u32(self, what: str) -> int:
        value: int = _U32.unpack(self.read(4, what))[0]
        return value

    def u64(self, what: str) -> int:
        value: int = _U64.unpack(self.read(8, what))[0]
        return value

    def string_length(self, what: str) -> int:
        start = self.pos
        n = self.u64(f"the length of {what}")
        self.require(n, what)
        if n > MAX_STRING_BYTES:
            raise ModelFileError(
                f"This GGUF file is corrupt or unsupported: {what} at byte {start} is {n} bytes "
                f"long, more than the {_mib(MAX_STRING_BYTES)} limit.",
            )
        return n

    def raw_string(self, what: str) -> bytes:
        return self.read(self.string_length(what), what)

    def skip_string(self, what: str) -> None:
        self.skip(self.string_length(what), what)


def _strict_text(raw: bytes, what: str, pos: int) -> str:
    """Keys and tensor names must be valid UTF-8: they are identifiers, not prose."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelFileError(
            f"This GGUF file is corrupt: {what} at byte {pos} is not valid UTF-8.", str(exc)
        ) from exc


# --- metadata values -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Array:
    """A parsed array: ``values`` is None when it was skipped rather than kept."""

    elem_name: str
    count: int
    values: list[Any] | None

    def summary(self) -> str:
        return f"<array of {self.count} {self.elem_name}>"


def _elem_name(value_type: int) -> str:
    if value_type == _TYPE_STRING:
        return "str"
    if value_type == _TYPE_ARRAY:
        return "array"
    return _SCALARS[value_type].name


def _min_size(value_type: int) -> int:
    """Fewest bytes one value of this type can take: bounds an array's count up front."""
    if value_type == _TYPE_STRING:
        return 8
    if value_type == _TYPE_ARRAY:
        return 4 + 8
    return _SCALARS[value_type].size


class _ValueReader:
    """Reads metadata values within global budgets for parsed and kept array elements."""

    def __init__(self, reader: _Reader) -> None:
        self._r = reader
        self._elements_left = MAX_ARRAY_ELEMENTS
        self._kept_left = _MAX_KEPT_ELEMENTS

    def value_type(self, key: str) -> int:
        value_type = self._r.u32(f"the value type of {_shown(key)}")
        if value_type not in _SCALARS and value_type not in (_TYPE_STRING, _TYPE_ARRAY):
            raise ModelFileError(
                f"This GGUF file is corrupt or too new: metadata {_shown(key)} has unknown "
                f"value type {value_type}.",
            )
        return value_type

    def value(self, value_type: int, key: str, keep_limit: int) -> Any:
        if value_type == _TYPE_STRING:
            return self._text(key)
        if value_type == _TYPE_ARRAY:
            return self.array(key, depth=1, keep_limit=keep_limit)
        return self._scalar(value_type, key)

    def _scalar(self, value_type: int, key: str) -> Any:
        s = _SCALAR_STRUCTS[value_type]
        return s.unpack(self._r.read(s.size, f"the value of {_shown(key)}"))[0]

    def _text(self, key: str) -> str:
        # Values are prose (templates, token texts): a bad byte should not cost the model.
        return self._r.raw_string(f"a text value of {_shown(key)}").decode("utf-8", "replace")

    def array(self, key: str, depth: int, keep_limit: int) -> _Array:
        if depth > MAX_ARRAY_DEPTH:
            raise ModelFileError(
                f"This GGUF file is corrupt or unsupported: metadata {_shown(key)} nests arrays "
                f"more than {MAX_ARRAY_DEPTH} levels deep.",
            )
        elem_type = self.value_type(key)
        count = self._r.u64(f"the length of array {_shown(key)}")
        self._check_count(key, elem_type, count)
        keep = count <= keep_limit and count <= self._kept_left
        if keep:
            self._kept_left -= count
        values = self._elements(key, elem_type, count, depth, keep, keep_limit)
        return _Array(_elem_name(elem_type), count, values)

    def _check_count(self, key: str, elem_type: int, count: int) -> None:
        remaining = self._r.remaining()
        if count * _min_size(elem_type) > remaining:
            raise ModelFileError(
                f"This GGUF file is corrupt or truncated: array {_shown(key)} claims {count} "
                f"elements, more than the remaining {remaining} bytes can hold.",
            )
        if elem_type in _SCALARS:
            return
        self._elements_left -= count
        if self._elements_left < 0:
            raise ModelFileError(
                f"This GGUF file is corrupt or unsupported: its metadata arrays hold more than "
                f"{MAX_ARRAY_ELEMENTS} texts and sub-arrays in total.",
                f"at array {_shown(key)}",
            )

    def _elements(
        self, key: str, elem_type: int, count: int, depth: int, keep: bool, keep_limit: int
    ) -> list[Any] | None:
        if elem_type == _TYPE_STRING:
            return self._strings(key, count, keep)
        if elem_type == _TYPE_ARRAY:
            return self._nested(key, count, depth, keep, keep_limit)
        scalar = _SCALARS[elem_type]
        what = f"the elements of array {_shown(key)}"
        if not keep:
            self._r.skip(count * scalar.size, what)
            return None
        data = self._r.read(count * scalar.size, what)
        return list(struct.unpack(f"<{count}{scalar.fmt}", data))

    def _strings(self, key: str, count: int, keep: bool) -> list[Any] | None:
        what = f"a text element of {_shown(key)}"
        if not keep:
            for _ in range(count):
                self._r.skip_string(what)
            return None
        return [self._r.raw_string(what).decode("utf-8", "replace") for _ in range(count)]

    def _nested(
        self, key: str, count: int, depth: int, keep: bool, keep_limit: int
    ) -> list[Any] | None:
        values: list[Any] = []
        for _ in range(count):
            inner = self.array(key, depth + 1, keep_limit if keep else 0)
            values.append(inner.values if inner.values is not None else inner.summary())
        return values if keep else None


# --- header sections ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Header:
    version: int
    tensor_count: int
    kv_count: int


def _read_header(r: _Reader) -> _Header:
    if r.file_size == 0:
        raise ModelFileError("This file is empty, so it is not a GGUF model.")
    if r.file_size < len(GGUF_MAGIC) or r.read(4, "the magic") != GGUF_MAGIC:
        raise ModelFileError("This file is not a GGUF model (it does not start with 'GGUF').")
    version = r.u32("the format version")
    _check_version(version)
    tensor_count = r.u64("the tensor count")
    kv_count = r.u64("the metadata count")
    _check_counts(r, tensor_count, kv_count)
    return _Header(version, tensor_count, kv_count)


def _check_version(version: int) -> None:
    if version in SUPPORTED_VERSIONS:
        return
    if version == 1:
        raise ModelFileError(
            "This model uses GGUF version 1, which is no longer supported; "
            "download a newer conversion of it."
        )
    if version & 0xFFFF == 0 and (version >> 16) != 0:
        raise ModelFileError(
            "This GGUF file is big-endian, which Prosa does not support; "
            "download the little-endian version of the model.",
            f"version field read as {version:#x}",
        )
    raise ModelFileError(
        f"This GGUF file has format version {version}, but Prosa reads only versions "
        f"{SUPPORTED_VERSIONS[0]} to {SUPPORTED_VERSIONS[-1]}."
    )


# The smallest encodings: a key of one byte + type + one-byte value; an unnamed
# zero-dimensional tensor (name length, n_dims, type, offset).
_MIN_KV_BYTES: Final = 8 + 1 + 4 + 1
_MIN_TENSOR_INFO_BYTES: Final = 8 + 4 + 4 + 8


def _check_counts(r: _Reader, tensor_count: int, kv_count: int) -> None:
    """Reject counts the file cannot hold before any loop trusts them."""
    remaining = r.remaining()
    if kv_count > MAX_KV_COUNT or kv_count * _MIN_KV_BYTES > remaining:
        raise ModelFileError(
            f"This GGUF file is corrupt or truncated: it claims {kv_count} metadata entries, "
            f"more than its remaining {remaining} bytes can hold.",
            f"limit {MAX_KV_COUNT}",
        )
    if (
        tensor_count > MAX_TENSOR_COUNT
        or kv_count * _MIN_KV_BYTES + tensor_count * _MIN_TENSOR_INFO_BYTES > remaining
    ):
        raise ModelFileError(
            f"This GGUF file is corrupt or truncated: it claims {tensor_count} tensors, "
            f"more than its remaining {remaining} bytes can hold.",
            f"limit {MAX_TENSOR_COUNT}",
        )


def _keep_limit(key: str) -> int:
    """How many array elements to keep for ``key``: the vocabulary and token types are
    kept for lookups (bos/eos names, special tokens)."""
    if key in (_TOKENS_KEY, _TOKEN_TYPE_KEY):
        return _MAX_KEPT_TOKENS
    if key in _SUMMARIZED_KEYS:
        return 0
    return _MAX_INLINE_ARRAY


@dataclass(slots=True)
class _Metadata:
    values: dict[str, Any] = field(default_factory=dict)
    tokens: list[str] | None = None
    token_count: int | None = None
    token_types: list[Any] | None = None


def _read_metadata(r: _Reader, kv_count: int) -> _Metadata:
    result = _Metadata()
    values = _ValueReader(r)
    for index in range(kv_count):
        key = _read_key(r, index, result.values)
        value = values.value(values.value_type(key), key, _keep_limit(key))
        if isinstance(value, _Array):
            if key == _TOKENS_KEY:
                result.tokens = value.values
                result.token_count = value.count
            elif key == _TOKEN_TYPE_KEY:
                result.token_types = value.values
            keep = value.values is not None and key not in _SUMMARIZED_KEYS
            value = value.values if keep else value.summary()
        result.values[key] = value
    return result


def _read_key(r: _Reader, index: int, seen: dict[str, Any]) -> str:
    pos = r.pos
    key = _strict_text(r.raw_string(f"metadata key {index}"), f"metadata key {index}", pos)
    if not key:
        raise ModelFileError(f"This GGUF file is corrupt: metadata key {index} is empty.")
    if key in seen:
        raise ModelFileError(f"This GGUF file is corrupt: the metadata key {_shown(key)} repeats.")
    return key


def _alignment(metadata: dict[str, Any]) -> int:
    alignment = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
    if (
        not isinstance(alignment, int)
        or isinstance(alignment, bool)
        or not 0 < alignment <= _MAX_ALIGNMENT
        or alignment & (alignment - 1)
    ):
        raise ModelFileError(
            f"This GGUF file is corrupt: its general.alignment {alignment!r} is not a power of two."
        )
    return alignment


@dataclass(frozen=True, slots=True)
class _RawTensor:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int


def _read_tensor_infos(r: _Reader, count: int) -> list[_RawTensor]:
    tensors: list[_RawTensor] = []
    seen: set[str] = set()
    for index in range(count):
        tensor = _read_tensor_info(r, index)
        if tensor.name in seen:
            raise ModelFileError(
                f"This GGUF file is corrupt: the tensor name {_shown(tensor.name)} repeats."
            )
        seen.add(tensor.name)
        tensors.append(tensor)
    return tensors


def _read_tensor_info(r: _Reader, index: int) -> _RawTensor:
    pos = r.pos
    what = f"the name of tensor {index}"
    name = _strict_text(r.raw_string(what), what, pos)
    n_dims = r.u32(f"the dimension count of tensor {_shown(name)}")
    if n_dims > MAX_TENSOR_DIMS:
        raise ModelFileError(
            f"This GGUF file is corrupt: tensor {_shown(name)} has {n_dims} dimensions "
            f"(at most {MAX_TENSOR_DIMS} are allowed)."
        )
    dims_data = r.read(8 * n_dims, f"the shape of tensor {_shown(name)}")
    shape: tuple[int, ...] = struct.unpack(f"<{n_dims}Q", dims_data)
    ggml_type = r.u32(f"the type of tensor {_shown(name)}")
    offset = r.u64(f"the data offset of tensor {_shown(name)}")
    return _RawTensor(name, shape, ggml_type, offset)


def _ggml_type(tensor: _RawTensor) -> _GgmlType:
    found = GGML_TYPES.get(tensor.ggml_type)
    if found is None:
        raise ModelFileError(
            f"This GGUF file uses tensor type {tensor.ggml_type} for {_shown(tensor.name)}, "
            "which Prosa does not know (the file is corrupt or needs a newer Prosa)."
        )
    return found


def _tensor_bytes(tensor: _RawTensor, kind: _GgmlType) -> int:
    """Bytes of tensor data, rejecting shapes llama.cpp would reject."""
    n_elements = 1
    for dim in tensor.shape:
        n_elements *= dim
        if dim > _INT64_MAX or n_elements > _INT64_MAX:
            raise ModelFileError(
                f"This GGUF file is corrupt: tensor {_shown(tensor.name)} has an impossible "
                f"shape {list(tensor.shape)}."
            )
    row = tensor.shape[0] if tensor.shape else 1
    if row % kind.block_size:
        raise ModelFileError(
            f"This GGUF file is corrupt: tensor {_shown(tensor.name)} of type {kind.name} has "
            f"rows of {row} elements, not a multiple of its block size {kind.block_size}."
        )
    return n_elements // kind.block_size * kind.type_size


def _finish_tensors(
    raw: list[_RawTensor], alignment: int, data_start: int, file_size: int
) -> tuple[TensorInfo, ...]:
    tensors = tuple(_finish_tensor(t, alignment) for t in raw)
    data_end = data_start + max((t.offset + t.n_bytes for t in tensors), default=0)
    if data_end > file_size:
        raise ModelFileError(
            f"This GGUF file is truncated: tensor data ends at byte {data_end} but the file "
            f"has only {file_size} bytes.",
            f"data section starts at byte {data_start}; download the model again",
        )
    return tensors


def _finish_tensor(tensor: _RawTensor, alignment: int) -> TensorInfo:
    kind = _ggml_type(tensor)
    n_bytes = _tensor_bytes(tensor, kind)
    if tensor.offset % alignment:
        raise ModelFileError(
            f"This GGUF file is corrupt: tensor {_shown(tensor.name)} starts at offset "
            f"{tensor.offset}, which is not a multiple of the alignment {alignment}."
        )
    return TensorInfo(tensor.name, tensor.shape, kind.name, tensor.offset, n_bytes)


# --- interpretation --------------------------------------------------------------------


def _parse(path: Path, f: IO[bytes], file_size: int) -> ModelInfo:
    r = _Reader(f, file_size)
    header = _read_header(r)
    meta = _read_metadata(r, header.kv_count)
    alignment = _alignment(meta.values)
    raw_tensors = _read_tensor_infos(r, header.tensor_count)
    data_start = -(-r.pos // alignment) * alignment if raw_tensors else r.pos
    tensors = _finish_tensors(raw_tensors, alignment, data_start, file_size)
    return _interpret(path, file_size, header, meta, tensors)


def _get_str(metadata: dict[str, Any], key: str) -> str | None:
    value = metadata.get(key)
    return value if isinstance(value, str) else None


def _get_int(metadata: dict[str, Any], key: str) -> int | None:
    value = metadata.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _get_bool(metadata: dict[str, Any], key: str) -> bool | None:
    value = metadata.get(key)
    return value if isinstance(value, bool) else None


def _architecture(metadata: dict[str, Any]) -> str:
    architecture = _get_str(metadata, "general.architecture")
    if not architecture:
        raise ModelFileError(
            "This GGUF file does not say which model architecture it is "
            "(general.architecture is missing)."
        )
    return architecture


def _token_text(tokens: list[str] | None, token_id: int | None) -> str | None:
    if tokens is None or token_id is None or not 0 <= token_id < len(tokens):
        return None
    return tokens[token_id]


def _special_tokens(tokens: list[Any] | None, types: list[Any] | None) -> frozenset[str]:
    """Control tokens first, then user-defined ones, in id order up to the cap: turn
    markers are control tokens with low ids, while some vocabularies hold thousands of
    user-defined fillers (``<unused123>``, HTML tags) that must not crowd them out."""
    if not tokens or not types:
        return frozenset()
    control: list[str] = []
    user_defined: list[str] = []
    for text, kind in zip(tokens, types, strict=False):
        if not isinstance(text, str) or type(kind) is not int:
            continue  # a corrupt table: keep what is readable
        if kind == _TOKEN_TYPE_CONTROL and len(control) < MAX_SPECIAL_TOKENS:
            control.append(text)
        elif kind == _TOKEN_TYPE_USER_DEFINED and len(user_defined) < MAX_SPECIAL_TOKENS:
            user_defined.append(text)
    return frozenset((control + user_defined)[:MAX_SPECIAL_TOKENS])


def _named_templates(metadata: dict[str, Any]) -> dict[str, str]:
    prefix = _CHAT_TEMPLATE_KEY + "."
    return {
        key[len(prefix) :]: value
        for key, value in metadata.items()
        if key.startswith(prefix) and len(key) > len(prefix) and isinstance(value, str)
    }


def format_size_label(parameter_count: int) -> str:
    """Parameter count the way model names write it: 135M, 7.2B, 70B."""
    for unit, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if parameter_count >= unit:
            value = parameter_count / unit
            text = f"{value:.1f}" if value < 9.95 else f"{value:.0f}"
            return text.removesuffix(".0") + suffix
    return str(parameter_count)


def _quantization(metadata: dict[str, Any], tensors: tuple[TensorInfo, ...]) -> str | None:
    """The file type the converter recorded, else the tensor type holding the most bytes."""
    file_type = _get_int(metadata, "general.file_type")
    if file_type is not None and file_type in FILE_TYPES:
        return FILE_TYPES[file_type]
    by_bytes: Counter[str] = Counter()
    for tensor in tensors:
        by_bytes[tensor.ggml_type] += tensor.n_bytes
    if not by_bytes:
        return None
    return max(sorted(by_bytes), key=lambda name: by_bytes[name])


def _interpret(
    path: Path, file_size: int, header: _Header, meta: _Metadata, tensors: tuple[TensorInfo, ...]
) -> ModelInfo:
    values = meta.values
    architecture = _architecture(values)
    parameter_count = sum(t.n_elements for t in tensors)
    bos_id = _get_int(values, "tokenizer.ggml.bos_token_id")
    eos_id = _get_int(values, "tokenizer.ggml.eos_token_id")
    vocab_size = _get_int(values, f"{architecture}.vocab_size")
    return ModelInfo(
        path=path,
        file_size=file_size,
        version=header.version,
        tensor_count=header.tensor_count,
        metadata=values,
        architecture=architecture,
        name=_get_str(values, "general.name"),
        context_length=_get_int(values, f"{architecture}.context_length"),
        parameter_count=parameter_count,
        size_label=_get_str(values, "general.size_label") or format_size_label(parameter_count),
        quantization=_quantization(values, tensors),
        chat_template=_get_str(values, _CHAT_TEMPLATE_KEY),
        chat_templates=_named_templates(values),
        special_tokens=_special_tokens(meta.tokens, meta.token_types),
        bos_token=_token_text(meta.tokens, bos_id),
        eos_token=_token_text(meta.tokens, eos_id),
        bos_token_id=bos_id,
        eos_token_id=eos_id,
        eot_token_id=_get_int(values, "tokenizer.ggml.eot_token_id"),
        add_bos_token=_get_bool(values, "tokenizer.ggml.add_bos_token"),
        vocab_size=vocab_size if vocab_size is not None else meta.token_count,
        tensors=tensors,
    )
