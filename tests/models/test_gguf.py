"""Tests for core.models.gguf: real models, hand-built files, and hostile/corrupt files.

The hostile cases matter most: the reader's promise is that *any* file yields a
ModelInfo or a ModelFileError with a readable message, quickly and in bounded
memory, so each check is exercised by a file built to trip exactly that check.
"""

from __future__ import annotations

import json
import math
import os
import struct
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import ModelFileError
from core.models import gguf as gguf_info
from core.models import gguf_reader
from core.models.gguf import format_size_label, is_gguf_file, read_gguf_info

# --- a tiny GGUF writer ---------------------------------------------------------------

T_UINT8, T_INT8, T_UINT16, T_INT16, T_UINT32, T_INT32, T_FLOAT32, T_BOOL = range(8)
T_STRING, T_ARRAY, T_UINT64, T_INT64, T_FLOAT64 = range(8, 13)
GGML_F32, GGML_Q4_0 = 0, 2
_FMT = {
    T_UINT8: "B",
    T_INT8: "b",
    T_UINT16: "H",
    T_INT16: "h",
    T_UINT32: "I",
    T_INT32: "i",
    T_FLOAT32: "f",
    T_BOOL: "?",
    T_UINT64: "Q",
    T_INT64: "q",
    T_FLOAT64: "d",
}


def gstr(text: str | bytes) -> bytes:
    raw = text.encode() if isinstance(text, str) else text
    return struct.pack("<Q", len(raw)) + raw


def scalar(vtype: int, value: object) -> bytes:
    return struct.pack("<I", vtype) + struct.pack("<" + _FMT[vtype], value)


def string(text: str | bytes) -> bytes:
    return struct.pack("<I", T_STRING) + gstr(text)


def array_payload(elem_type: int, items: Sequence[Any]) -> bytes:
    """Array body (after the ARRAY type tag): element type, count, elements."""
    head = struct.pack("<IQ", elem_type, len(items))
    if elem_type == T_STRING:
        return head + b"".join(gstr(str(i)) for i in items)
    if elem_type == T_ARRAY:
        return head + b"".join(items)
    return head + b"".join(struct.pack("<" + _FMT[elem_type], i) for i in items)


def array(elem_type: int, items: Sequence[Any]) -> bytes:
    return struct.pack("<I", T_ARRAY) + array_payload(elem_type, items)


@dataclass
class Tensor:
    name: str | bytes
    dims: tuple[int, ...]
    ggml_type: int
    offset: int

    def encode(self) -> bytes:
        return (
            gstr(self.name)
            + struct.pack("<I", len(self.dims))
            + b"".join(struct.pack("<Q", d) for d in self.dims)
            + struct.pack("<I", self.ggml_type)
            + struct.pack("<Q", self.offset)
        )


def default_kvs() -> list[tuple[str | bytes, bytes]]:
    nested = [array_payload(T_UINT8, [1, 2]), array_payload(T_UINT8, [3])]
    return [
        ("general.architecture", string("llama")),
        ("general.name", string("Tiny Test")),
        ("general.file_type", scalar(T_UINT32, 2)),
        ("llama.context_length", scalar(T_UINT32, 4096)),
        ("llama.rope.freq_scale", scalar(T_FLOAT32, float("nan"))),
        ("llama.nested", array(T_ARRAY, nested)),
        ("tokenizer.ggml.tokens", array(T_STRING, ["<unk>", "<s>", "</s>", "<|eot|>", "a"])),
        ("tokenizer.ggml.token_type", array(T_INT32, [2, 3, 3, 3, 1])),
        ("tokenizer.ggml.bos_token_id", scalar(T_UINT32, 1)),
        ("tokenizer.ggml.eos_token_id", scalar(T_UINT32, 2)),
        ("tokenizer.ggml.eot_token_id", scalar(T_UINT32, 3)),
        ("tokenizer.ggml.add_bos_token", scalar(T_BOOL, True)),
        ("tokenizer.chat_template", string("{{ messages }}")),
        ("tokenizer.chat_template.tool_use", string("{{ tools }}")),
        ("general.weird", string(b"ok \xff text")),
    ]


def default_tensors() -> list[Tensor]:
    # F32 4x2 = 32 bytes at 0; Q4_0 64 elements = 2 blocks = 36 bytes at 32.
    return [Tensor("w", (4, 2), GGML_F32, 0), Tensor("q", (64,), GGML_Q4_0, 32)]


@dataclass
class Gguf:
    kvs: list[tuple[str | bytes, bytes]] = field(default_factory=default_kvs)
    tensors: list[Tensor] = field(default_factory=default_tensors)
    version: int = 3
    magic: bytes = b"GGUF"
    alignment: int = 32
    data_size: int | None = None  # default: exactly what the tensors need
    kv_count: int | None = None
    tensor_count: int | None = None

    def header(self) -> bytes:
        kv_count = len(self.kvs) if self.kv_count is None else self.kv_count
        n_tensors = len(self.tensors) if self.tensor_count is None else self.tensor_count
        out = self.magic + struct.pack("<IQQ", self.version, n_tensors, kv_count)
        out += b"".join(gstr(k) + v for k, v in self.kvs)
        return out + b"".join(t.encode() for t in self.tensors)

    def build(self) -> bytes:
        head = self.header()
        head += b"\0" * (-len(head) % self.alignment)
        needed = 32 + 36 if self.data_size is None else self.data_size
        return head + bytes(range(256)) * (needed // 256) + bytes(needed % 256)


def write(tmp_path: Path, blob: bytes, name: str = "model.gguf") -> Path:
    path = tmp_path / name
    path.write_bytes(blob)
    return path


def read_error(path: Path) -> ModelFileError:
    """Read a file that must fail, and check it failed through a real check."""
    with pytest.raises(ModelFileError) as info:
        read_gguf_info(path)
    err = info.value
    assert err.code != "gguf.unexpected", err.details
    assert err.code.startswith(("gguf.", "model.")), err.code
    assert err.message.endswith(".")
    return err


def error_for(tmp_path: Path, blob: bytes) -> str:
    return read_error(write(tmp_path, blob)).message


def with_kv(key: str | bytes, value: bytes) -> Gguf:
    model = Gguf()
    model.kvs.append((key, value))
    return model


# --- the tiny valid file ------------------------------------------------------------------


def test_tiny_file_is_read(tmp_path: Path) -> None:
    info = read_gguf_info(write(tmp_path, Gguf().build()))
    assert info.version == 3
    assert info.architecture == "llama"
    assert info.name == "Tiny Test"
    assert info.context_length == 4096
    assert info.quantization == "Q4_0"
    assert info.chat_template == "{{ messages }}"
    assert info.chat_templates == {"tool_use": "{{ tools }}"}
    assert (info.bos_token, info.bos_token_id) == ("<s>", 1)
    assert (info.eos_token, info.eos_token_id) == ("</s>", 2)
    assert info.eot_token_id == 3
    assert info.add_bos_token is True
    assert info.vocab_size == 5
    assert info.parameter_count == 8 + 64
    assert info.size_label == "72"
    assert info.tensor_count == 2
    assert [(t.name, t.shape, t.ggml_type, t.offset, t.n_bytes) for t in info.tensors] == [
        ("w", (4, 2), "F32", 0, 32),
        ("q", (64,), "Q4_0", 32, 36),
    ]
    assert info.metadata["llama.nested"] == [[1, 2], [3]]
    assert info.metadata["tokenizer.ggml.tokens"] == "<array of 5 str>"
    assert info.metadata["tokenizer.ggml.token_type"] == "<array of 5 int32>"
    assert info.special_tokens == {"<s>", "</s>", "<|eot|>"}
    assert info.metadata["general.weird"] == "ok \ufffd text"
    assert math.isnan(info.metadata["llama.rope.freq_scale"])


def test_to_json_is_strict_json(tmp_path: Path) -> None:
    info = read_gguf_info(write(tmp_path, Gguf().build()))
    summary = info.to_json()
    text = json.dumps(summary, allow_nan=False)
    assert json.loads(text)["metadata"]["llama.rope.freq_scale"] == "nan"
    assert summary["has_chat_template"] is True
    assert summary["chat_template_names"] == ["tool_use"]
    assert summary["tensor_types"] == {
        "F32": {"count": 1, "bytes": 32},
        "Q4_0": {"count": 1, "bytes": 36},
    }
    assert "tensors" not in summary


def test_version_2_and_no_tensors_are_fine(tmp_path: Path) -> None:
    info = read_gguf_info(write(tmp_path, Gguf(version=2, tensors=[], data_size=0).build()))
    assert (info.version, info.tensor_count, info.parameter_count) == (2, 0, 0)


def test_quantization_falls_back_to_the_type_with_most_bytes(tmp_path: Path) -> None:
    model = Gguf()
    model.kvs = [kv for kv in model.kvs if kv[0] != "general.file_type"]
    assert read_gguf_info(write(tmp_path, model.build())).quantization == "Q4_0"


def test_general_size_label_wins(tmp_path: Path) -> None:
    model = with_kv("general.size_label", string("8x7B"))
    assert read_gguf_info(write(tmp_path, model.build())).size_label == "8x7B"


def test_custom_alignment(tmp_path: Path) -> None:
    model = with_kv("general.alignment", scalar(T_UINT32, 64))
    model.alignment = 64
    model.tensors[1].offset = 64
    model.data_size = 64 + 36
    assert read_gguf_info(write(tmp_path, model.build())).tensors[1].offset == 64


def test_extra_bytes_after_the_data_are_accepted(tmp_path: Path) -> None:
    assert read_gguf_info(write(tmp_path, Gguf(data_size=1000).build())).tensor_count == 2


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (0, "0"),
        (999, "999"),
        (1_500, "1.5K"),
        (134_515_008, "135M"),
        (268_098_176, "268M"),
        (1_000_000_000, "1B"),
        (7_241_732_096, "7.2B"),
        (9_960_000_000, "10B"),
        (70_553_706_496, "71B"),
    ],
)
def test_format_size_label(count: int, label: str) -> None:
    assert format_size_label(count) == label


def _with_vocab(tokens: list[str], types: bytes | None) -> Gguf:
    model = Gguf()
    model.kvs = [kv for kv in model.kvs if not str(kv[0]).startswith("tokenizer.ggml.")]
    model.kvs.append(("tokenizer.ggml.tokens", array(T_STRING, tokens)))
    if types is not None:
        model.kvs.append(("tokenizer.ggml.token_type", types))
    return model


def test_special_tokens_are_control_and_user_defined(tmp_path: Path) -> None:
    tokens = ["a", "<|im_start|>", "<tool>", "b", "<unk>", "<|im_end|>"]
    model = _with_vocab(tokens, array(T_INT32, [1, 3, 4, 1, 2, 3]))
    info = read_gguf_info(write(tmp_path, model.build()))
    assert info.special_tokens == {"<|im_start|>", "<tool>", "<|im_end|>"}


def test_special_tokens_without_token_types(tmp_path: Path) -> None:
    info = read_gguf_info(write(tmp_path, _with_vocab(["a", "<s>"], None).build()))
    assert info.special_tokens == frozenset()


def test_special_tokens_tolerate_an_odd_type_table(tmp_path: Path) -> None:
    # Strings where numbers belong, and a table shorter than the vocabulary.
    model = _with_vocab(["<a>", "<b>", "<c>"], array(T_STRING, ["3", "4"]))
    assert read_gguf_info(write(tmp_path, model.build())).special_tokens == frozenset()
    model = _with_vocab(["<a>", "<b>", "<c>"], array(T_UINT8, [3]))
    assert read_gguf_info(write(tmp_path, model.build())).special_tokens == {"<a>"}


def test_special_tokens_are_capped_control_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gguf_info, "MAX_SPECIAL_TOKENS", 3)
    tokens = ["<u1>", "<u2>", "<u3>", "<c1>", "<c2>", "<u4>"]
    model = _with_vocab(tokens, array(T_INT32, [4, 4, 4, 3, 3, 4]))
    info = read_gguf_info(write(tmp_path, model.build()))
    assert info.special_tokens == {"<c1>", "<c2>", "<u1>"}


# --- header and format errors ----------------------------------------------------------------


def test_wrong_magic(tmp_path: Path) -> None:
    message = error_for(tmp_path, Gguf(magic=b"GGML").build())
    assert message == "This file is not a GGUF model (it does not start with 'GGUF')."


def test_empty_and_tiny_files(tmp_path: Path) -> None:
    assert "empty" in error_for(tmp_path, b"")
    assert "not a GGUF model" in error_for(tmp_path, b"GG")


def test_version_1_is_rejected(tmp_path: Path) -> None:
    assert "version 1" in error_for(tmp_path, Gguf(version=1).build())


def test_future_and_big_endian_versions(tmp_path: Path) -> None:
    assert "version 4" in error_for(tmp_path, Gguf(version=4).build())
    assert "big-endian" in error_for(tmp_path, Gguf(version=3 << 24).build())


def test_every_truncation_of_a_small_file_is_a_model_file_error(tmp_path: Path) -> None:
    blob = Gguf().build()
    path = tmp_path / "cut.gguf"
    for size in range(len(blob)):
        path.write_bytes(blob[:size])
        read_error(path)
    path.write_bytes(blob)
    assert read_gguf_info(path).tensor_count == 2


def test_huge_string_length(tmp_path: Path) -> None:
    blob = Gguf(kvs=[(b"", b"")]).header()
    blob = blob[:24] + struct.pack("<Q", 2**63) + b"x" * 100
    assert "truncated or corrupt" in error_for(tmp_path, blob)


def test_string_longer_than_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gguf_reader, "MAX_STRING_BYTES", 8)
    err = read_error(write(tmp_path, Gguf().build()))
    assert "a text at byte 24 is 20 bytes long, more than the 8 B limit" in err.message
    assert err.details == "metadata key 0"  # which text: for the bug report


def test_header_larger_than_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gguf_reader, "MAX_HEADER_BYTES", 100)
    assert "header is larger" in error_for(tmp_path, Gguf().build())


def test_huge_array_count(tmp_path: Path) -> None:
    value = struct.pack("<IIQ", T_ARRAY, T_UINT64, 2**61) + b"\0" * 64
    assert "claims 2305843009213693952 elements" in error_for(tmp_path, with_kv("a", value).build())


def test_huge_array_of_empty_strings(tmp_path: Path) -> None:
    value = struct.pack("<IIQ", T_ARRAY, T_STRING, 10**12)
    assert "claims 1000000000000 elements" in error_for(tmp_path, with_kv("a", value).build())


def test_array_element_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The default file has 2 sub-arrays and 5 token texts; numbers are not counted.
    monkeypatch.setattr(gguf_reader, "MAX_ARRAY_ELEMENTS", 7)
    assert read_gguf_info(write(tmp_path, Gguf().build())).vocab_size == 5
    monkeypatch.setattr(gguf_reader, "MAX_ARRAY_ELEMENTS", 6)
    assert "more than 6 texts and sub-arrays in total" in error_for(tmp_path, Gguf().build())


def test_huge_kv_count(tmp_path: Path) -> None:
    message = error_for(tmp_path, Gguf(kv_count=2**64 - 1).build())
    assert "claims 18446744073709551615 metadata entries" in message


def test_huge_tensor_count(tmp_path: Path) -> None:
    assert "claims 1099511627776 tensors" in error_for(tmp_path, Gguf(tensor_count=2**40).build())


def test_unknown_value_type(tmp_path: Path) -> None:
    model = with_kv("x.odd", struct.pack("<I", 13) + b"\0" * 16)
    assert "unknown value type 13" in error_for(tmp_path, model.build())


def test_unknown_array_element_type(tmp_path: Path) -> None:
    model = with_kv("x.odd", struct.pack("<IIQ", T_ARRAY, 99, 1) + b"\0" * 16)
    assert "unknown value type 99" in error_for(tmp_path, model.build())


def test_nested_arrays_too_deep(tmp_path: Path) -> None:
    innermost = array_payload(T_UINT8, [1])
    middle = array_payload(T_ARRAY, [innermost])
    model = with_kv("x.deep", array(T_ARRAY, [middle]))
    assert "more than 2 levels deep" in error_for(tmp_path, model.build())


def test_invalid_utf8_key(tmp_path: Path) -> None:
    message = error_for(tmp_path, with_kv(b"bad\xffkey", scalar(T_UINT8, 1)).build())
    assert "metadata key 15" in message
    assert "not valid UTF-8" in message


def test_empty_key(tmp_path: Path) -> None:
    assert "is empty" in error_for(tmp_path, with_kv("", scalar(T_UINT8, 1)).build())


def test_duplicate_key(tmp_path: Path) -> None:
    model = with_kv("general.name", string("again"))
    assert "'general.name' repeats" in error_for(tmp_path, model.build())


def test_missing_architecture(tmp_path: Path) -> None:
    model = Gguf()
    model.kvs = model.kvs[1:]
    assert "general.architecture is missing" in error_for(tmp_path, model.build())


def test_bad_alignment(tmp_path: Path) -> None:
    model = with_kv("general.alignment", scalar(T_UINT32, 48))
    assert "not a power of two" in error_for(tmp_path, model.build())


def test_unknown_tensor_type(tmp_path: Path) -> None:
    model = Gguf()
    model.tensors[0].ggml_type = 31  # removed Q4_0_4_4
    assert "tensor type 31 for 'w'" in error_for(tmp_path, model.build())


def test_too_many_dimensions(tmp_path: Path) -> None:
    model = Gguf()
    model.tensors[0].dims = (1, 1, 1, 1, 8)
    assert "5 dimensions" in error_for(tmp_path, model.build())


def test_absurd_dimensions(tmp_path: Path) -> None:
    model = Gguf()
    model.tensors[0].dims = (2**32, 2**32)
    assert "impossible shape" in error_for(tmp_path, model.build())
    model.tensors[0].dims = (2**64 - 1,)
    assert "impossible shape" in error_for(tmp_path, model.build())


def test_row_not_a_multiple_of_the_block(tmp_path: Path) -> None:
    model = Gguf()
    model.tensors[1].dims = (48,)
    assert "not a multiple of its block size 32" in error_for(tmp_path, model.build())


def test_unaligned_offset(tmp_path: Path) -> None:
    model = Gguf()
    model.tensors[1].offset = 33
    assert "not a multiple of the alignment 32" in error_for(tmp_path, model.build())


def test_duplicate_tensor_name(tmp_path: Path) -> None:
    model = Gguf()
    model.tensors[1].name = "w"
    assert "tensor name 'w' repeats" in error_for(tmp_path, model.build())


def test_tensor_data_past_end_of_file(tmp_path: Path) -> None:
    blob = Gguf().build()
    message = error_for(tmp_path, blob[:-1])
    assert message == (
        f"This GGUF file is truncated: tensor data ends at byte {len(blob)} "
        f"but the file has only {len(blob) - 1} bytes."
    )


def test_offset_far_past_end_of_file(tmp_path: Path) -> None:
    model = Gguf()
    model.tensors[1].offset = 2**63
    assert "is truncated: tensor data ends at byte" in error_for(tmp_path, model.build())


# --- paths ---------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    assert "does not exist" in read_error(tmp_path / "nope.gguf").message
    assert not is_gguf_file(tmp_path / "nope.gguf")


def test_directory_path(tmp_path: Path) -> None:
    assert "is a folder" in read_error(tmp_path).message
    assert not is_gguf_file(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.gguf"
    os.mkfifo(fifo)
    assert "not a regular file" in read_error(fifo).message
    assert not is_gguf_file(fifo)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, Gguf().build())
    path.chmod(0)
    try:
        assert "not allowed to read" in read_error(path).message
        assert not is_gguf_file(path)
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PermissionError(13, "Permission denied"), "not allowed to read"),
        (OSError(5, "Input/output error"), "could not be read (Input/output error)"),
    ],
)
def test_os_errors_become_model_file_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, expected: str
) -> None:
    path = write(tmp_path, Gguf().build())

    def failing_open(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(gguf_info, "open", failing_open, raising=False)
    message = read_error(path).message
    assert expected in message
    assert str(path) in message


def test_a_bug_still_surfaces_as_model_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_parse(*args: object) -> None:
        raise IndexError("bug")

    monkeypatch.setattr(gguf_info, "_parse", broken_parse)
    with pytest.raises(ModelFileError) as info:
        read_gguf_info(write(tmp_path, Gguf().build()))
    assert info.value.code == "gguf.unexpected"
    assert info.value.message == (
        "Prosa could not read this model file because of an unexpected problem.")
    assert "IndexError: bug" in info.value.details


def test_is_gguf_file(tmp_path: Path) -> None:
    assert is_gguf_file(write(tmp_path, Gguf().build()))
    assert is_gguf_file(str(write(tmp_path, b"GGUF", "short.gguf")))
    assert not is_gguf_file(write(tmp_path, b"GGML....", "old.bin"))
    assert not is_gguf_file(write(tmp_path, b"", "empty.gguf"))


# --- fuzzing -------------------------------------------------------------------------------

_VALID = Gguf().build()
_FUZZ_SETTINGS = settings(
    max_examples=200,
    deadline=2000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _read_any(path: Path, blob: bytes) -> None:
    path.write_bytes(blob)
    try:
        read_gguf_info(path)
    except ModelFileError as err:
        assert err.code != "gguf.unexpected", err.details


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "fuzz.gguf"


@_FUZZ_SETTINGS
@given(
    st.lists(
        st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_random_byte_mutations(fuzz_file: Path, edits: list[tuple[int, int]]) -> None:
    blob = bytearray(_VALID)
    for index, value in edits:
        blob[index] = value
    _read_any(fuzz_file, bytes(blob))


@_FUZZ_SETTINGS
@given(st.integers(4, 200), st.binary(max_size=300))
def test_random_bytes_after_a_valid_prefix(fuzz_file: Path, cut: int, tail: bytes) -> None:
    _read_any(fuzz_file, _VALID[:cut] + tail)


# --- real models -----------------------------------------------------------------------------


def _assert_data_ends_at_eof(info: gguf_info.ModelInfo) -> None:
    """The data section must end at the file's end: checks the ggml size table."""
    end = max(t.offset + t.n_bytes for t in info.tensors)
    header = info.file_size - end
    assert 0 < header < 16 * 1024 * 1024
    assert header % 32 == 0


def test_smollm2(starter_model: Path) -> None:
    info = read_gguf_info(starter_model)
    assert info.version == 3
    assert info.architecture == "llama"
    assert info.name == "Smollm2 135M 8k Lc100K Mix1 Ep2"
    assert info.context_length == 8192
    assert info.quantization == "Q4_1"
    assert info.chat_template is not None
    assert info.chat_template.startswith("{% for message in messages %}")
    assert info.chat_templates == {}
    assert (info.bos_token, info.bos_token_id) == ("<|im_start|>", 1)
    assert (info.eos_token, info.eos_token_id) == ("<|im_end|>", 2)
    assert info.eot_token_id is None
    assert info.add_bos_token is False
    assert info.vocab_size == 49152
    assert info.parameter_count == 134_515_008
    assert info.size_label == "135M"
    assert info.tensor_count == len(info.tensors) == 272
    assert info.metadata["tokenizer.ggml.tokens"] == "<array of 49152 str>"
    assert info.metadata["tokenizer.ggml.merges"] == "<array of 48900 str>"
    _assert_data_ends_at_eof(info)
    summary = json.loads(json.dumps(info.to_json(), allow_nan=False))
    assert summary["metadata"]["tokenizer.chat_template"] == info.chat_template
    assert summary["eos_token"] == "<|im_end|>"
    assert {"<|im_start|>", "<|im_end|>", "<|endoftext|>"} <= info.special_tokens
    assert "hello" not in info.special_tokens
    assert info.metadata["general.finetune"] == "8k-lc100k-mix1-ep2"
    assert info.metadata["general.basename"] == "smollm2"


def test_truncated_smollm2_copy(starter_model: Path, tmp_path: Path) -> None:
    size = 10 * 1024 * 1024
    with starter_model.open("rb") as src:
        copy = write(tmp_path, src.read(size))
    full = starter_model.stat().st_size
    assert read_error(copy).message == (
        f"This GGUF file is truncated: tensor data ends at byte {full} "
        f"but the file has only {size} bytes."
    )


def test_smollm2_header_cut_short(starter_model: Path, tmp_path: Path) -> None:
    with starter_model.open("rb") as src:
        copy = write(tmp_path, src.read(500_000))
    assert "truncated or corrupt" in read_error(copy).message


def test_gemma3(gemma_model: Path) -> None:
    info = read_gguf_info(gemma_model)
    assert info.architecture == "gemma3"
    assert info.name == "Gemma 3 270m"
    assert info.context_length == 32768
    assert info.quantization == "Q4_K_M"
    assert info.chat_template is None  # this conversion ships without one
    assert (info.bos_token, info.bos_token_id) == ("<bos>", 2)
    assert (info.eos_token, info.eos_token_id) == ("<eos>", 1)
    assert info.eot_token_id is None
    assert info.add_bos_token is True
    assert info.vocab_size == 262144
    assert info.parameter_count == 268_098_176
    assert info.size_label == "270M"
    assert info.tensor_count == 236
    assert {t.ggml_type for t in info.tensors} == {"F32", "Q8_0", "Q5_0", "Q4_K", "Q6_K"}
    _assert_data_ends_at_eof(info)
    assert is_gguf_file(gemma_model)
    assert {"<start_of_turn>", "<end_of_turn>", "<bos>", "<eos>"} <= info.special_tokens
    assert len(info.special_tokens) == gguf_info.MAX_SPECIAL_TOKENS  # thousands of <unusedN>
    assert "general.finetune" not in info.metadata  # a base model
    assert info.metadata["general.basename"] == "gemma-3"
