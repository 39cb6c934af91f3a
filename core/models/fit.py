"""Will this model file run on this machine? An estimate before a multi-gigabyte download.

llama.cpp needs the whole file in memory (RAM, or VRAM when every layer is offloaded),
plus the KV cache, which grows with the context length, plus working buffers. The
estimate errs on the generous side: a "fits" that then swaps or crashes costs far more
than a "tight" that turns out fine.
"""

from __future__ import annotations

import ctypes
import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from core.common.problems import filled
from core.common.units import format_bytes
from core.errors import Problem
from core.hub.files import QuantFile

#: Compute buffers and scratch space grow with the model: about a tenth of weights + cache.
OVERHEAD_FRACTION: Final = 0.10
#: What does not grow with the model: the engine process, ggml's graph, a GPU context.
FIXED_OVERHEAD: Final = 400 * 1024 * 1024
#: Under this share of the available memory a model "fits"; up to all of it, "tight".
COMFORTABLE_SHARE: Final = 0.80
#: Without the model's shape, KV-cache bytes per token ~= this x sqrt(file size in bytes).
#: Fitted on real GGUFs (Q4 unless noted; bytes per token, f16 cache):
#:   SmolLM2-135M  98 MB   23 KiB (rule: 24 KiB)
#:   Gemma-3-270M  253 MB  18 KiB (rule: 39 KiB)
#:   Llama-3.1-8B  4.9 GB  128 KiB (rule: 171 KiB)
#:   Qwen2.5-7B    4.7 GB  56 KiB (rule: 167 KiB)
#:   Llama-3-70B   42 GB   320 KiB (rule: 500 KiB)
#: Grouped-query attention keeps the cache well under the rule for modern models; old
#: models without it (Llama 2 7B: 512 KiB per token) exceed it, which is why the exact
#: shape from the header is used whenever it is known.
KV_PER_TOKEN_PER_SQRT_BYTE: Final = 2.5
_NVIDIA_SMI_TIMEOUT: Final = 2.0

Rating = Literal["fits", "tight", "too_big"]
Where = Literal["gpu", "ram"]


# --- the machine -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MachineMemory:
    """Bytes of memory; VRAM is None when no NVIDIA GPU (or no nvidia-smi) is found."""

    ram_total: int
    ram_available: int
    vram_total: int | None
    vram_free: int | None


def machine_memory() -> MachineMemory:
    """This machine's memory now. Apple's unified memory is reported as RAM only."""
    total, available = _ram()
    vram = nvidia_vram()
    return MachineMemory(
        ram_total=total,
        ram_available=available,
        vram_total=vram[0] if vram else None,
        vram_free=vram[1] if vram else None,
    )


def ram_total_available() -> tuple[int, int]:
    """The machine's RAM and how much of it is available, in bytes."""
    return _ram()


def _ram() -> tuple[int, int]:
    if sys.platform == "win32":
        return _windows_ram()
    if sys.platform == "darwin":
        mac = _macos_ram()
        if mac is not None:
            return mac
    linux = parse_meminfo(Path("/proc/meminfo"))
    if linux is not None:
        return linux
    return _sysconf_ram()


def parse_meminfo(path: Path) -> tuple[int, int] | None:
    """MemTotal and MemAvailable (which counts reclaimable cache, unlike MemFree)."""
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    values: dict[str, int] = {}
    for line in text.splitlines():
        match = re.match(r"(\w+):\s+(\d+)\s*kB", line)
        if match:
            values[match[1]] = int(match[2]) * 1024
    total = values.get("MemTotal")
    if not total:
        return None
    available = values.get("MemAvailable", values.get("MemFree", 0))
    return total, available


def _sysconf_ram() -> tuple[int, int]:
    page = os.sysconf("SC_PAGE_SIZE")
    total = os.sysconf("SC_PHYS_PAGES") * page
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * page
    except (ValueError, OSError):
        available = total
    return total, available


def _macos_ram() -> tuple[int, int] | None:
    """hw.memsize for the total; free + inactive + speculative pages from vm_stat."""
    try:
        total = int(_run(["sysctl", "-n", "hw.memsize"]).strip())
        stats = _run(["vm_stat"])
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    page_match = re.search(r"page size of (\d+) bytes", stats)
    page = int(page_match[1]) if page_match else 4096
    pages = 0
    for name in ("Pages free", "Pages inactive", "Pages speculative"):
        found = re.search(rf"{name}:\s+(\d+)", stats)
        pages += int(found[1]) if found else 0
    return total, min(total, pages * page)


def _windows_ram() -> tuple[int, int]:
    class MemoryStatusEx(ctypes.Structure):
        _fields_ = [
            ("dwLength", ctypes.c_ulong),
            ("dwMemoryLoad", ctypes.c_ulong),
            ("ullTotalPhys", ctypes.c_ulonglong),
            ("ullAvailPhys", ctypes.c_ulonglong),
            ("ullTotalPageFile", ctypes.c_ulonglong),
            ("ullAvailPageFile", ctypes.c_ulonglong),
            ("ullTotalVirtual", ctypes.c_ulonglong),
            ("ullAvailVirtual", ctypes.c_ulonglong),
            ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
        ]

    status = MemoryStatusEx()
    status.dwLength = ctypes.sizeof(MemoryStatusEx)
    windll: Any = getattr(ctypes, "windll")  # noqa: B009 (absent from non-Windows stubs)
    if not windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
        raise OSError("GlobalMemoryStatusEx failed")
    return int(status.ullTotalPhys), int(status.ullAvailPhys)


def nvidia_vram() -> tuple[int, int] | None:
    """Total and free VRAM over all NVIDIA GPUs (llama.cpp splits layers across them)."""
    if shutil.which("nvidia-smi") is None:
        return None
    try:
        output = _run(
            [
                "nvidia-smi",
                "--query-gpu=memory.total,memory.free",
                "--format=csv,noheader,nounits",
            ]
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_nvidia_smi(output)


def parse_nvidia_smi(output: str) -> tuple[int, int] | None:
    """Sum the "total, free" lines (MiB) that nvidia-smi prints, one per GPU."""
    total = free = 0
    for line in output.splitlines():
        fields = [f.strip() for f in line.split(",")]
        if len(fields) != 2 or not all(f.isdigit() for f in fields):
            continue
        total += int(fields[0]) * 1024 * 1024
        free += int(fields[1]) * 1024 * 1024
    return (total, free) if total > 0 else None


def _run(command: list[str]) -> str:
    return subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=_NVIDIA_SMI_TIMEOUT
    ).stdout


# --- the model -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelShape:
    """What sizes the KV cache: layers, KV heads, and the width of one head."""

    n_layers: int
    n_kv_heads: int
    head_dim: int


def _positive_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, list | tuple):  # per-layer counts: the largest bounds them all
        numbers = [v for v in value if isinstance(v, int) and not isinstance(v, bool)]
        best = max(numbers, default=0)
        return best if best > 0 else None
    return None


def shape_from_metadata(metadata: Mapping[str, Any]) -> ModelShape | None:
    """The shape from a GGUF header's keys, or None when a key is missing or odd.

    Keys are ``{arch}.block_count``, ``{arch}.attention.head_count_kv`` (models without
    grouped-query attention leave it out: then every head has its own K and V), and the
    head width from ``key_length``/``value_length`` when present (their mean, so K and V
    of different widths still add up), else ``embedding_length / head_count``.
    """
    arch = metadata.get("general.architecture")
    if not isinstance(arch, str) or not arch:
        return None
    n_layers = _positive_int(metadata.get(f"{arch}.block_count"))
    n_heads = _positive_int(metadata.get(f"{arch}.attention.head_count"))
    n_kv = _positive_int(metadata.get(f"{arch}.attention.head_count_kv")) or n_heads
    key = _positive_int(metadata.get(f"{arch}.attention.key_length"))
    value = _positive_int(metadata.get(f"{arch}.attention.value_length"))
    if key and value:
        head_dim: int | None = (key + value + 1) // 2
    elif key or value:
        head_dim = key or value
    else:
        embedding = _positive_int(metadata.get(f"{arch}.embedding_length"))
        head_dim = embedding // n_heads if embedding and n_heads else None
    if not n_layers or not n_kv or not head_dim:
        return None
    return ModelShape(n_layers=n_layers, n_kv_heads=n_kv, head_dim=head_dim)


def kv_cache_bytes(shape: ModelShape, n_ctx: int, bytes_per_value: int = 2) -> int:
    """K and V for every layer and position: 2 x layers x context x KV heads x head width."""
    return 2 * shape.n_layers * n_ctx * shape.n_kv_heads * shape.head_dim * bytes_per_value


def estimated_kv_cache_bytes(file_size: int, n_ctx: int) -> int:
    """The KV cache guessed from the file size alone (see KV_PER_TOKEN_PER_SQRT_BYTE)."""
    per_token = KV_PER_TOKEN_PER_SQRT_BYTE * math.sqrt(max(file_size, 0))
    return math.ceil(per_token * n_ctx)


# --- the verdict -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """A rating with the numbers behind it and one sentence that says what to do."""

    rating: Rating
    needed: int
    available: int
    where: Where
    #: The sentence, as a problem (a ``fit.*`` code and the sizes) the window shows in
    #: the user's language.
    advice: Problem



#: The sentence for each rating and memory; the sizes are filled in as text.
_ADVICE: Final[dict[tuple[Rating, Where], Problem]] = {
    ("fits", "ram"): Problem.of(
        "fit.fits.ram",
        "Needs about {needed} and {available} of memory (RAM) is free, so it fits "
        "comfortably."),
    ("fits", "gpu"): Problem.of(
        "fit.fits.gpu",
        "Needs about {needed} and {available} of graphics memory (VRAM) is free, so it fits "
        "comfortably."),
    ("tight", "ram"): Problem.of(
        "fit.tight.ram",
        "Needs about {needed} of the {available} of memory (RAM) that is free: it should "
        "run, but close other programs or pick a smaller file."),
    ("tight", "gpu"): Problem.of(
        "fit.tight.gpu",
        "Needs about {needed} of the {available} of graphics memory (VRAM) that is free: it "
        "should run, but close other programs or pick a smaller file."),
    ("too_big", "ram"): Problem.of(
        "fit.too_big.ram",
        "Needs about {needed} but only {available} of memory (RAM) is free: pick a smaller "
        "file or a shorter context."),
    ("too_big", "gpu"): Problem.of(
        "fit.too_big.gpu",
        "Needs about {needed} but only {available} of graphics memory (VRAM) is free: pick a "
        "smaller file or a shorter context."),
}


def estimate_fit(
    file_size: int, shape: ModelShape | None, n_ctx: int, memory: MachineMemory, gpu: bool
) -> Fit:
    """Rate a file against free memory: needed = (file + KV cache) x 1.1 + fixed overhead.

    With ``gpu`` and known free VRAM the model is rated against VRAM (all layers
    offloaded); otherwise against available RAM. Sizes in the sentence are in SI units
    (``core.common.units``), as the Hub shows file sizes.
    """
    kv = kv_cache_bytes(shape, n_ctx) if shape else estimated_kv_cache_bytes(file_size, n_ctx)
    needed = math.ceil((file_size + kv) * (1 + OVERHEAD_FRACTION)) + FIXED_OVERHEAD
    where: Where = "gpu" if gpu and memory.vram_free is not None else "ram"
    free = memory.vram_free if where == "gpu" else memory.ram_available
    available = max(free or 0, 0)
    rating: Rating
    if needed <= COMFORTABLE_SHARE * available:
        rating = "fits"
    elif needed <= available:
        rating = "tight"
    else:
        rating = "too_big"
    advice = filled(_ADVICE[rating, where], needed=format_bytes(needed),
                    available=format_bytes(available))
    return Fit(rating, needed, available, where, advice)


# --- the pick --------------------------------------------------------------------------------

#: Quality stops improving in any way people notice above 8-bit (Q8_0 is near-lossless),
#: while size and time per token keep doubling: F16 and F32 rank the same as Q8_0.
_QUALITY_CAP: Final = 8.5
_MIN_NOMINAL_BITS: Final = 3


def _nominal_bits(quant: str) -> int | None:
    """The bit class a quant's name gives: Q4_K_M -> 4, IQ2_XS -> 2, BF16 -> 16."""
    match = re.search(r"(\d+)", quant)
    return int(match[1]) if match else None


def recommend(files: Sequence[QuantFile], fits: Sequence[Fit]) -> int | None:
    """Index of the file to suggest, or None when nothing fits.

    In order of preference:

    1. a file that fits comfortably, at 3 bits or more: the best quality among them
       (so Q4_K_M or better whenever one fits; quality counts only up to Q8_0, and
       between equals the smaller file wins);
    2. a tight file at 3 bits or more: the smallest, which leaves the most room;
    3. below 3 bits (IQ2, Q2_K...: noticeably worse), the same two steps;
    4. files whose quantization the name does not tell, the same way, last.
    """
    if len(files) != len(fits):
        raise ValueError("files and fits must be the same length")

    def quality(i: int) -> float:
        bits = files[i].bits_per_weight
        return min(bits, _QUALITY_CAP) if bits is not None else 0.0

    def group(i: int) -> int:
        if files[i].bits_per_weight is None:
            return 2
        nominal = _nominal_bits(files[i].quant)
        return 0 if nominal is not None and nominal >= _MIN_NOMINAL_BITS else 1

    for wanted in range(3):
        members = [i for i in range(len(files)) if group(i) == wanted]
        comfortable = [i for i in members if fits[i].rating == "fits"]
        if comfortable:
            return max(comfortable, key=lambda i: (quality(i), -files[i].size, -i))
        tight = [i for i in members if fits[i].rating == "tight"]
        if tight:
            return min(tight, key=lambda i: (files[i].size, i))
    return None


QUANT_HELP: Final = """\
What quantization trades

A model is billions of numbers ("weights"). Quantization stores each one in fewer bits,
so the file is smaller, loads faster and generates faster, at some cost in quality.
The name of a file tells how many bits:

- F16, BF16 (16 bits) and F32 (32) are the original, unquantized weights. They are
  large and slow, and rarely better than Q8_0 in practice.
- Q8_0 uses about 8.5 bits per weight: practically indistinguishable from the original.
- Q6_K, Q5_K_M and Q4_K_M use about 6.6, 5.7 and 4.8 bits. Q4_K_M is the usual good
  default: about a third of the original size, with a small loss most people never notice.
- Q3_K_M, IQ3_XS and friends (3 to 4 bits) still work, with visibly more mistakes.
- Below 3 bits (Q2_K, IQ2_XS, IQ1_S) models get noticeably worse: use one only when
  nothing larger fits.

The letters: "K" quants (Q4_K_M) mix precisions, spending more bits on the weights that
matter most; the last letter is the size of the mix (S small, M medium, L large). "IQ"
quants (IQ4_XS, IQ2_M) use a smarter code that keeps more quality at very low bit counts,
at some cost in speed on older CPUs. Q4_0, Q4_1, Q5_0 and Q8_0 are the older, simpler
formats.

Rule of thumb: pick the largest file that fits comfortably in memory, up to Q8_0; Q4_K_M
is a good default; a bigger model at Q4 usually beats a smaller one at Q8; avoid anything
below Q3 unless nothing else fits. The context length also takes memory (the KV cache),
so a long context needs room beyond the file itself.
"""
