"""What this computer is: cores, threads for decoding, processor name and features.

Read from the operating system (``/proc/cpuinfo`` on Linux, ``sysctl`` on macOS, the
Win32 feature query on Windows), never by running the instructions, so asking is safe
on any CPU and costs a millisecond.  The About panel shows these beside the llama.cpp
CPU variant chosen for them (``core.engine.llama.backends``).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: The features that decide which llama.cpp CPU variant can run, in the order people
#: know them (oldest first), with the names Linux uses in ``/proc/cpuinfo``.
FEATURES = ("sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "avx_vnni", "avx512f",
            "avx512_vbmi", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_int8",
            "neon", "asimd", "sve", "sme")
#: Windows' IsProcessorFeaturePresent numbers for the features it can tell.
_WINDOWS_FEATURES = {"sse4_2": 38, "avx": 39, "avx2": 40, "avx512f": 41, "neon": 19}


@dataclass(frozen=True)
class CpuInfo:
    name: str
    architecture: str
    #: Features from :data:`FEATURES` this CPU has (empty when the OS cannot say).
    features: tuple[str, ...]


def cpu_info() -> CpuInfo:
    architecture = platform.machine() or "?"
    try:
        if sys.platform.startswith("linux"):
            text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
            name, flags = _linux(text)
        elif sys.platform == "darwin":
            name, flags = _macos()
        elif sys.platform == "win32":
            name, flags = platform.processor(), _windows()
        else:
            name, flags = platform.processor(), set()
    except (OSError, subprocess.SubprocessError):
        name, flags = platform.processor(), set()
    return CpuInfo(name or platform.processor() or architecture, architecture,
                   tuple(f for f in FEATURES if f in flags))


def _linux(text: str) -> tuple[str, set[str]]:
    name, flags = "", set[str]()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key == "model name" and not name:
            name = value.strip()
        elif key in ("flags", "features") and not flags:  # "features" on ARM
            flags = set(value.split())
        if name and flags:
            break
    if "sse4_2" not in flags and "sse4.2" in flags:
        flags.add("sse4_2")
    return name, flags


def _macos() -> tuple[str, set[str]]:
    def sysctl(key: str) -> str:
        done = subprocess.run(["sysctl", "-n", key], capture_output=True, text=True,
                              timeout=5, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    name = sysctl("machdep.cpu.brand_string")
    words = f"{sysctl('machdep.cpu.features')} {sysctl('machdep.cpu.leaf7_features')}"
    flags = {w.lower().replace(".", "_") for w in words.split()}
    if platform.machine() == "arm64":
        flags |= {"neon", "asimd"}
    renames = {"avx1_0": "avx", "avx512vnni": "avx512_vnni", "avx512vbmi": "avx512_vbmi"}
    return name, {renames.get(f, f) for f in flags}


def _windows() -> set[str]:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return {name for name, number in _WINDOWS_FEATURES.items()
            if kernel32.IsProcessorFeaturePresent(number)}


def available_cores() -> int:
    """The cores this process may run on."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def default_threads() -> int:
    """Threads for decoding: all cores on small machines, half (about the physical
    cores) on larger ones, where hyper-threads slow llama.cpp down."""
    cores = available_cores()
    return cores if cores <= 4 else max(4, cores // 2)
