"""The bounded, low-level half of reading a GGUF header: bytes in, checked values out.

The files come from anywhere: a half-finished download, a renamed video, a
hand-crafted attack.  So every count and length in the header is checked against the
bytes the file really has left *before* anything is read or allocated, the whole
header is capped, and the number of texts and nested arrays is budgeted, so that any
file costs a bounded amount of time and memory.  Any failure is a
:class:`~core.errors.ModelFileError` with a ``gguf.*`` code; which part of the header
was being read goes into its ``details`` (for a bug report), since the person can act
only on "truncated" or "corrupt".

This module knows the wire format only (magic, version, counts, typed metadata
values, tensor entries); :mod:`core.models.gguf` decides what they mean.  Format
reference: ``ggml/src/gguf.cpp`` in llama.cpp; the checks mirror the ones llama.cpp
makes when loading.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from typing import IO, Any, Final

from core.common.units import format_bytes
from core.errors import ModelFileError

GGUF_MAGIC: Final = b"GGUF"
SUPPORTED_VERSIONS: Final = (2, 3)

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
BUFFER_SIZE: Final = 1 << 20

TOKENS_KEY: Final = "tokenizer.ggml.tokens"
TOKEN_TYPE_KEY: Final = "tokenizer.ggml.token_type"
_SUMMARIZED_KEYS: Final = frozenset(
    {TOKENS_KEY, TOKEN_TYPE_KEY, "tokenizer.ggml.merges", "tokenizer.ggml.scores"}
)


# --- value types -------------------------------------------------------------------


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
_U32: Final = struct.Struct("<I")
_U64: Final = struct.Struct("<Q")


def shown(text: str, limit: int = 60) -> str:
    """Quote untrusted text for a message without letting it flood the message."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


# --- the reader --------------------------------------------------------------------


class Reader:
    """Sequential reader that refuses any read the file cannot satisfy.

    It tracks the position itself so each check is arithmetic, not a syscall,
    and so the header cap applies to skipped bytes as well as read ones.  ``what``
    names the part being read, for the details of an error.
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
                "gguf.truncated_header",
                "This GGUF file is truncated or corrupt: at byte {pos} its header needs "
                "{needed} bytes but only {remaining} remain.",
                details=f"reading {what}; file_size={self.file_size}",
                pos=self.pos, needed=n, remaining=self.remaining(),
            )
        if self.pos + n > MAX_HEADER_BYTES:
            raise ModelFileError(
                "gguf.header_too_big",
                "This GGUF file's header is larger than {limit}, which Prosa does not "
                "support (the file is probably corrupt).",
                details=f"{what} at byte {self.pos} needs {n} bytes",
                limit=format_bytes(MAX_HEADER_BYTES),
            )

    def read(self, n: int, what: str) -> bytes:
        self.require(n, what)
        data = self._f.read(n)
        if len(data) != n:
            raise ModelFileError(
                "gguf.shrank",
                "This GGUF file is truncated: it ended at byte {pos}, in the middle of its "
                "header.",
                details=f"reading {what}: the file shrank while it was being read",
                pos=self.pos,
            )
        self.pos += n
        return data

    def skip(self, n: int, what: str) -> None:
        self.require(n, what)
        self._f.seek(n, io.SEEK_CUR)
        self.pos += n

    def u32(self, what: str) -> int:
        return int(_U32.unpack(self.read(4, what))[0])

    def u64(self, what: str) -> int:
        return int(_U64.unpack(self.read(8, what))[0])

    def string_length(self, what: str) -> int:
        start = self.pos
        n = self.u64(f"the length of {what}")
        self.require(n, what)
        if n > MAX_STRING_BYTES:
            raise ModelFileError(
                "gguf.text_too_long",
                "This GGUF file is corrupt or unsupported: a text at byte {pos} is "
                "{length} bytes long, more than the {limit} limit.",
                details=what, pos=start, length=n, limit=format_bytes(MAX_STRING_BYTES),
            )
        return n

    def raw_string(self, what: str) -> bytes:
        return self.read(self.string_length(what), what)

    def skip_string(self, what: str) -> None:
        self.skip(self.string_length(what), what)


def _utf8(raw: bytes) -> str | UnicodeDecodeError:
    """Keys and tensor names must be valid UTF-8: they are identifiers, not prose."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc


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
    names = {_TYPE_STRING: "str", _TYPE_ARRAY: "array"}
    return names.get(value_type) or _SCALARS[value_type].name


def _min_size(value_type: int) -> int:
    """Fewest bytes one value of this type can take: bounds an array's count up front."""
    if value_type == _TYPE_STRING:
        return 8
    if value_type == _TYPE_ARRAY:
        return 4 + 8
    return _SCALARS[value_type].size


class _ValueReader:
    """Reads metadata values within global budgets for parsed and kept array elements."""

    def __init__(self, reader: Reader) -> None:
        self._r = reader
        self._elements_left = MAX_ARRAY_ELEMENTS
        self._kept_left = _MAX_KEPT_ELEMENTS

    def value_type(self, key: str) -> int:
        value_type = self._r.u32(f"the value type of {shown(key)}")
        if value_type not in _SCALARS and value_type not in (_TYPE_STRING, _TYPE_ARRAY):
            raise ModelFileError(
                "gguf.unknown_value_type",
                "This GGUF file is corrupt or too new: metadata {key} has unknown value "
                "type {value_type}.",
                key=shown(key), value_type=value_type,
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
        return s.unpack(self._r.read(s.size, f"the value of {shown(key)}"))[0]

    def _text(self, key: str) -> str:
        # Values are prose (templates, token texts): a bad byte should not cost the model.
        return self._r.raw_string(f"a text value of {shown(key)}").decode("utf-8", "replace")

    def array(self, key: str, depth: int, keep_limit: int) -> _Array:
        if depth > MAX_ARRAY_DEPTH:
            raise ModelFileError(
                "gguf.arrays_too_deep",
                "This GGUF file is corrupt or unsupported: metadata {key} nests arrays more "
                "than {most} levels deep.",
                key=shown(key), most=MAX_ARRAY_DEPTH,
            )
        elem_type = self.value_type(key)
        count = self._r.u64(f"the length of array {shown(key)}")
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
                "gguf.array_too_long",
                "This GGUF file is corrupt or truncated: array {key} claims {count} "
                "elements, more than the remaining {remaining} bytes can hold.",
                key=shown(key), count=count, remaining=remaining,
            )
        if elem_type in _SCALARS:
            return
        self._elements_left -= count
        if self._elements_left < 0:
            raise ModelFileError(
                "gguf.too_many_elements",
                "This GGUF file is corrupt or unsupported: its metadata arrays hold more "
                "than {most} texts and sub-arrays in total.",
                details=f"at array {shown(key)}", most=MAX_ARRAY_ELEMENTS,
            )

    def _elements(
        self, key: str, elem_type: int, count: int, depth: int, keep: bool, keep_limit: int
    ) -> list[Any] | None:
        if elem_type == _TYPE_STRING:
            return self._strings(key, count, keep)
        if elem_type == _TYPE_ARRAY:
            return self._nested(key, count, depth, keep, keep_limit)
        scalar = _SCALARS[elem_type]
        what = f"the elements of array {shown(key)}"
        if not keep:
            self._r.skip(count * scalar.size, what)
            return None
        data = self._r.read(count * scalar.size, what)
        return list(struct.unpack(f"<{count}{scalar.fmt}", data))

    def _strings(self, key: str, count: int, keep: bool) -> list[Any] | None:
        what = f"a text element of {shown(key)}"
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
class Header:
    version: int
    tensor_count: int
    kv_count: int


def read_header(r: Reader) -> Header:
    if r.file_size == 0:
        raise ModelFileError("gguf.empty", "This file is empty, so it is not a GGUF model.")
    if r.file_size < len(GGUF_MAGIC) or r.read(4, "the magic") != GGUF_MAGIC:
        raise ModelFileError("gguf.not_gguf",
                             "This file is not a GGUF model (it does not start with 'GGUF').")
    version = r.u32("the format version")
    _check_version(version)
    tensor_count = r.u64("the tensor count")
    kv_count = r.u64("the metadata count")
    _check_counts(r, tensor_count, kv_count)
    return Header(version, tensor_count, kv_count)


def _check_version(version: int) -> None:
    if version in SUPPORTED_VERSIONS:
        return
    if version == 1:
        raise ModelFileError(
            "gguf.version_1",
            "This model uses GGUF version 1, which is no longer supported; download a "
            "newer conversion of it.",
        )
    if version & 0xFFFF == 0 and (version >> 16) != 0:
        raise ModelFileError(
            "gguf.big_endian",
            "This GGUF file is big-endian, which Prosa does not support; download the "
            "little-endian version of the model.",
            details=f"version field read as {version:#x}",
        )
    raise ModelFileError(
        "gguf.version",
        "This GGUF file has format version {version}, but Prosa reads only versions "
        "{oldest} to {newest}.",
        version=version, oldest=SUPPORTED_VERSIONS[0], newest=SUPPORTED_VERSIONS[-1],
    )


# The smallest encodings: a key of one byte + type + one-byte value; an unnamed
# zero-dimensional tensor (name length, n_dims, type, offset).
_MIN_KV_BYTES: Final = 8 + 1 + 4 + 1
_MIN_TENSOR_INFO_BYTES: Final = 8 + 4 + 4 + 8


def _check_counts(r: Reader, tensor_count: int, kv_count: int) -> None:
    """Reject counts the file cannot hold before any loop trusts them."""
    remaining = r.remaining()
    if kv_count > MAX_KV_COUNT or kv_count * _MIN_KV_BYTES > remaining:
        raise ModelFileError(
            "gguf.too_many_entries",
            "This GGUF file is corrupt or truncated: it claims {count} metadata entries, "
            "more than its remaining {remaining} bytes can hold.",
            details=f"limit {MAX_KV_COUNT}", count=kv_count, remaining=remaining,
        )
    if (
        tensor_count > MAX_TENSOR_COUNT
        or kv_count * _MIN_KV_BYTES + tensor_count * _MIN_TENSOR_INFO_BYTES > remaining
    ):
        raise ModelFileError(
            "gguf.too_many_tensors",
            "This GGUF file is corrupt or truncated: it claims {count} tensors, more than "
            "its remaining {remaining} bytes can hold.",
            details=f"limit {MAX_TENSOR_COUNT}", count=tensor_count, remaining=remaining,
        )


def _keep_limit(key: str) -> int:
    """How many array elements to keep for ``key``: the vocabulary and token types are
    kept for lookups (bos/eos names, special tokens)."""
    if key in (TOKENS_KEY, TOKEN_TYPE_KEY):
        return _MAX_KEPT_TOKENS
    if key in _SUMMARIZED_KEYS:
        return 0
    return _MAX_INLINE_ARRAY


@dataclass(slots=True)
class Metadata:
    """The metadata section: values by key (long arrays summarized), and the
    vocabulary and token types kept aside for lookups."""

    values: dict[str, Any] = field(default_factory=dict)
    tokens: list[str] | None = None
    token_count: int | None = None
    token_types: list[Any] | None = None


def read_metadata(r: Reader, kv_count: int) -> Metadata:
    result = Metadata()
    values = _ValueReader(r)
    for index in range(kv_count):
        key = _read_key(r, index, result.values)
        value = values.value(values.value_type(key), key, _keep_limit(key))
        if isinstance(value, _Array):
            if key == TOKENS_KEY:
                result.tokens = value.values
                result.token_count = value.count
            elif key == TOKEN_TYPE_KEY:
                result.token_types = value.values
            keep = value.values is not None and key not in _SUMMARIZED_KEYS
            value = value.values if keep else value.summary()
        result.values[key] = value
    return result


def _read_key(r: Reader, index: int, seen: dict[str, Any]) -> str:
    pos = r.pos
    key = _utf8(r.raw_string(f"metadata key {index}"))
    if isinstance(key, UnicodeDecodeError):
        raise ModelFileError(
            "gguf.key_not_utf8",
            "This GGUF file is corrupt: metadata key {index} at byte {pos} is not valid "
            "UTF-8.",
            details=str(key), index=index, pos=pos,
        ) from key
    if not key:
        raise ModelFileError("gguf.empty_key",
                             "This GGUF file is corrupt: metadata key {index} is empty.",
                             index=index)
    if key in seen:
        raise ModelFileError("gguf.repeated_key",
                             "This GGUF file is corrupt: the metadata key {key} repeats.",
                             key=shown(key))
    return key


@dataclass(frozen=True, slots=True)
class RawTensor:
    """A tensor entry as written: its type is still a number, its size unknown."""

    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int


def read_tensor_infos(r: Reader, count: int) -> list[RawTensor]:
    tensors: list[RawTensor] = []
    seen: set[str] = set()
    for index in range(count):
        tensor = _read_tensor_info(r, index)
        if tensor.name in seen:
            raise ModelFileError(
                "gguf.repeated_tensor",
                "This GGUF file is corrupt: the tensor name {name} repeats.",
                name=shown(tensor.name),
            )
        seen.add(tensor.name)
        tensors.append(tensor)
    return tensors


def _read_tensor_info(r: Reader, index: int) -> RawTensor:
    pos = r.pos
    name = _utf8(r.raw_string(f"the name of tensor {index}"))
    if isinstance(name, UnicodeDecodeError):
        raise ModelFileError(
            "gguf.tensor_name_not_utf8",
            "This GGUF file is corrupt: the name of tensor {index} at byte {pos} is not "
            "valid UTF-8.",
            details=str(name), index=index, pos=pos,
        ) from name
    n_dims = r.u32(f"the dimension count of tensor {shown(name)}")
    if n_dims > MAX_TENSOR_DIMS:
        raise ModelFileError(
            "gguf.too_many_dimensions",
            "This GGUF file is corrupt: tensor {name} has {dims} dimensions (at most "
            "{most} are allowed).",
            name=shown(name), dims=n_dims, most=MAX_TENSOR_DIMS,
        )
    dims_data = r.read(8 * n_dims, f"the shape of tensor {shown(name)}")
    shape: tuple[int, ...] = struct.unpack(f"<{n_dims}Q", dims_data)
    ggml_type = r.u32(f"the type of tensor {shown(name)}")
    offset = r.u64(f"the data offset of tensor {shown(name)}")
    return RawTensor(name, shape, ggml_type, offset)
