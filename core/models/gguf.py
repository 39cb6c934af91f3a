"""What a GGUF model file says about itself: name, size, quantization, chat template.

Prosa shows a model's name, size, quantization and chat template before (and
without) handing the file to llama.cpp, and the files come from anywhere.  The
bytes are read by :mod:`core.models.gguf_reader`, which checks every count and length
against what the file really holds and caps the whole header; this module turns what
it read into a :class:`ModelInfo`.  Only the header is read; tensor data (gigabytes)
is never touched, but its extent is computed so that a truncated download is caught
here rather than as an obscure loader failure later.  Any failure becomes a
:class:`~core.errors.ModelFileError` with a code the user can be told about in their
language.

Format reference: ``ggml/src/gguf.cpp`` and ``gguf-py/gguf/constants.py`` in
llama.cpp; the checks mirror the ones llama.cpp makes when loading.
"""

from __future__ import annotations

import math
import os
import stat
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

from core.errors import ModelFileError
from core.models.gguf_reader import (
    BUFFER_SIZE,
    GGUF_MAGIC,
    Header,
    Metadata,
    RawTensor,
    Reader,
    read_header,
    read_metadata,
    read_tensor_infos,
    shown,
)
from core.models.gguf_types import FILE_TYPES, GGML_TYPES, GgmlType

__all__ = [
    "FILE_TYPES", "GGML_TYPES", "MAX_SPECIAL_TOKENS", "ModelInfo", "TensorInfo",
    "format_size_label", "is_gguf_file", "json_safe", "read_gguf_info",
]

DEFAULT_ALIGNMENT: Final = 32
_MAX_ALIGNMENT: Final = 1 << 30
_INT64_MAX: Final = (1 << 63) - 1

# llama_token_type in llama.cpp: the kinds of token a chat template's markers are.
_TOKEN_TYPE_CONTROL: Final = 3
_TOKEN_TYPE_USER_DEFINED: Final = 4
MAX_SPECIAL_TOKENS: Final = 4096
_CHAT_TEMPLATE_KEY: Final = "tokenizer.chat_template"


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
            "gguf.out_of_memory",
            "There was not enough memory to read this model file's header.",
            details=repr(exc),
        ) from exc
    except OSError as exc:
        raise _os_error(path, exc) from exc
    except Exception as exc:
        raise ModelFileError(
            "gguf.unexpected",
            "Prosa could not read this model file because of an unexpected problem.",
            details=traceback.format_exc(),
        ) from exc


def _os_error(path: str | os.PathLike[str], exc: OSError) -> ModelFileError:
    """Turn an OS failure into advice about the path, which is what the user can fix."""
    where = os.fsdecode(path) if isinstance(path, str | os.PathLike) else repr(path)
    details = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, FileNotFoundError):
        return ModelFileError("model.missing", "The model file {path} does not exist.",
                              details=details, path=where)
    if isinstance(exc, IsADirectoryError):
        return ModelFileError("model.is_folder", "{path} is a folder, not a model file.",
                              details=details, path=where)
    if isinstance(exc, PermissionError):
        return ModelFileError(
            "model.not_allowed",
            "Prosa is not allowed to read {path}; check the file's permissions.",
            details=details, path=where,
        )
    return ModelFileError("model.unreadable", "The model file {path} could not be read ({reason}).",
                          details=details, path=where, reason=exc.strerror or str(exc))


def _read_path(path: Path) -> ModelInfo:
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise ModelFileError("model.is_folder", "{path} is a folder, not a model file.",
                             path=str(path))
    if not stat.S_ISREG(mode):
        # Opening a FIFO or device could block forever or read without end.
        raise ModelFileError(
            "model.not_a_file", "{path} is not a regular file, so it cannot be a model file.",
            path=str(path),
        )
    with open(path, "rb", buffering=BUFFER_SIZE) as f:
        file_size = os.fstat(f.fileno()).st_size
        return _parse(path, f, file_size)


# --- tensors -------------------------------------------------------------------------


def _alignment(metadata: dict[str, Any]) -> int:
    alignment = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
    if (
        not isinstance(alignment, int)
        or isinstance(alignment, bool)
        or not 0 < alignment <= _MAX_ALIGNMENT
        or alignment & (alignment - 1)
    ):
        raise ModelFileError(
            "gguf.bad_alignment",
            "This GGUF file is corrupt: its general.alignment {alignment} is not a power "
            "of two.",
            alignment=repr(alignment)[:60],
        )
    return alignment


def _ggml_type(tensor: RawTensor) -> GgmlType:
    found = GGML_TYPES.get(tensor.ggml_type)
    if found is None:
        raise ModelFileError(
            "gguf.unknown_tensor_type",
            "This GGUF file uses tensor type {type_id} for {name}, which Prosa does not "
            "know (the file is corrupt or needs a newer Prosa).",
            type_id=tensor.ggml_type, name=shown(tensor.name),
        )
    return found


def _tensor_bytes(tensor: RawTensor, kind: GgmlType) -> int:
    """Bytes of tensor data, rejecting shapes llama.cpp would reject."""
    n_elements = 1
    for dim in tensor.shape:
        n_elements *= dim
        if dim > _INT64_MAX or n_elements > _INT64_MAX:
            raise ModelFileError(
                "gguf.impossible_shape",
                "This GGUF file is corrupt: tensor {name} has an impossible shape {shape}.",
                name=shown(tensor.name), shape=str(list(tensor.shape)),
            )
    row = tensor.shape[0] if tensor.shape else 1
    if row % kind.block_size:
        raise ModelFileError(
            "gguf.bad_row",
            "This GGUF file is corrupt: tensor {name} of type {type} has rows of {row} "
            "elements, not a multiple of its block size {block}.",
            name=shown(tensor.name), type=kind.name, row=row, block=kind.block_size,
        )
    return n_elements // kind.block_size * kind.type_size


def _finish_tensors(
    raw: list[RawTensor], alignment: int, data_start: int, file_size: int
) -> tuple[TensorInfo, ...]:
    tensors = tuple(_finish_tensor(t, alignment) for t in raw)
    data_end = data_start + max((t.offset + t.n_bytes for t in tensors), default=0)
    if data_end > file_size:
        raise ModelFileError(
            "gguf.truncated_data",
            "This GGUF file is truncated: tensor data ends at byte {end} but the file has "
            "only {size} bytes.",
            details=f"data section starts at byte {data_start}; download the model again",
            end=data_end, size=file_size,
        )
    return tensors


def _finish_tensor(tensor: RawTensor, alignment: int) -> TensorInfo:
    kind = _ggml_type(tensor)
    n_bytes = _tensor_bytes(tensor, kind)
    if tensor.offset % alignment:
        raise ModelFileError(
            "gguf.misaligned",
            "This GGUF file is corrupt: tensor {name} starts at offset {offset}, which is "
            "not a multiple of the alignment {alignment}.",
            name=shown(tensor.name), offset=tensor.offset, alignment=alignment,
        )
    return TensorInfo(tensor.name, tensor.shape, kind.name, tensor.offset, n_bytes)


# --- interpretation --------------------------------------------------------------------


def _parse(path: Path, f: IO[bytes], file_size: int) -> ModelInfo:
    r = Reader(f, file_size)
    header = read_header(r)
    meta = read_metadata(r, header.kv_count)
    alignment = _alignment(meta.values)
    raw_tensors = read_tensor_infos(r, header.tensor_count)
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
            "gguf.no_architecture",
            "This GGUF file does not say which model architecture it is "
            "(general.architecture is missing).",
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
    path: Path, file_size: int, header: Header, meta: Metadata, tensors: tuple[TensorInfo, ...]
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
