"""llama.cpp's compute backends: which CPU variant runs here, and which GPUs.

Prosa's llama.cpp is built with ``GGML_BACKEND_DL`` and ``GGML_CPU_ALL_VARIANTS``: the
CPU code is compiled once per instruction-set level (``x64``, ``haswell``, ``icelake``,
``zen4``...), each in a module ``libggml-cpu-<variant>.so`` beside ``libllama``, and the
best one for the processor is chosen when the engine starts.  One package then runs at
full speed on an AVX2-only laptop and on an AVX-512 server, and never executes an
instruction the processor lacks.

The Python bindings never call ``ggml_backend_load_all``, so this module loads the
backends itself, through ctypes, before the first model.  It also does the choosing
rather than leaving it to ggml: ggml would pick ``sapphirerapids`` on a CPU with AMX,
and ggml's AMX kernels crash there (llama.cpp issue #20824, reproduced on an Intel Xeon
with AMX while building this).  The variants that use AMX are skipped unless
``PROSA_CPU_VARIANT`` names one; that variable forces any variant the CPU can run.

A build without ``GGML_BACKEND_DL`` (a developer's custom ``CMAKE_ARGS``) has its
backends linked in: nothing is loaded then, and the report says so.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
import threading
from pathlib import Path

from core.engine.backend_info import AMX_VARIANTS, BackendInfo, Device

#: Forces a CPU variant by name (tests, and users whose CPU misreports a feature).
VARIANT_ENV = "PROSA_CPU_VARIANT"
#: GPU and accelerator backends ggml can load as modules, in ggml's own order.
GPU_BACKENDS = ("blas", "zendnn", "cann", "cuda", "hip", "metal", "rpc", "sycl", "vulkan",
                "virtgpu", "opencl", "hexagon", "musa", "openvino")

_DEVICE_TYPES = {0: "cpu", 1: "gpu", 2: "igpu", 3: "accel"}


_lock = threading.Lock()
_info: BackendInfo | None = None


def library_dir() -> Path:
    """Where llama-cpp-python keeps its shared libraries (as it finds them itself)."""
    import llama_cpp.llama_cpp as low

    return Path(low._base_path)


def ensure_backends() -> BackendInfo:
    """Load llama.cpp's backends once per process (before the first model) and say
    which ones are in use.  Safe to call from any thread, any number of times."""
    global _info
    with _lock:
        if _info is None:
            _info = _load(library_dir())
        return _info


def _suffix() -> str:
    return ".dll" if sys.platform == "win32" else ".so"


def _prefix() -> str:
    return "" if sys.platform == "win32" else "lib"


def cpu_variant_files(folder: Path) -> dict[str, Path]:
    """The CPU variant modules in a llama.cpp library folder, by variant name."""
    pattern = re.compile(rf"^{_prefix()}ggml-cpu-(?P<name>[a-z0-9_]+){re.escape(_suffix())}$")
    found: dict[str, Path] = {}
    if folder.is_dir():
        for path in folder.iterdir():
            match = pattern.match(path.name)
            if match:
                found[match["name"]] = path
    return dict(sorted(found.items()))


def variant_score(path: Path) -> int:
    """ggml's own score for a variant on this CPU (0: it cannot run here).

    Loading a variant to ask is what ggml does too: the score function is compiled
    without the variant's instruction set, so asking never runs an unsupported
    instruction."""
    handle = ctypes.CDLL(str(path), mode=getattr(os, "RTLD_LOCAL", 0))
    try:
        score = getattr(handle, "ggml_backend_score", None)
        if score is None:
            return 0
        score.restype = ctypes.c_int
        score.argtypes = []
        return int(score())
    finally:
        _close(handle)


def _close(handle: ctypes.CDLL) -> None:
    import _ctypes

    close = getattr(_ctypes, "dlclose", None) or getattr(_ctypes, "FreeLibrary", None)
    if close is not None:
        close(handle._handle)


def choose_variant(scores: dict[str, int], forced: str | None = None,
                   ) -> tuple[str | None, tuple[str, ...]]:
    """The variant to load and the runnable ones avoided because of AMX.

    ``forced`` wins when the CPU can run it; otherwise the highest score among the
    variants not avoided."""
    runnable = {name: score for name, score in scores.items() if score > 0}
    if forced and forced in runnable:
        return forced, ()
    avoided = tuple(sorted(name for name in runnable if name in AMX_VARIANTS))
    allowed = {name: score for name, score in runnable.items() if name not in AMX_VARIANTS}
    if not allowed:
        return None, avoided
    return max(allowed, key=lambda name: (allowed[name], name)), avoided


def loaded_library(folder: Path, stem: str) -> Path:
    """The file of library ``stem`` that this process already has loaded.

    Wheels cannot hold symbolic links, so ``libggml.so``, ``libggml.so.0`` and
    ``libggml.so.0.25.3`` are three copies of one library, and ``libllama`` loads the
    one its dependency names (``libggml.so.0``).  Opening another copy would load a
    second ggml with a registry of its own, and backends loaded there would never
    reach llama.cpp: so the copy in use is looked up in the process's memory map."""
    pattern = re.compile(rf"^lib{re.escape(stem)}\.so(\.\d+)*$")
    maps = Path("/proc/self/maps")
    if maps.is_file():
        with maps.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                path = line.rstrip("\n").split(maxsplit=5)[-1]
                if path.startswith("/") and pattern.match(Path(path).name):
                    return Path(path)
    for name in (f"lib{stem}.0.dylib", f"lib{stem}.dylib", f"{stem}.dll", f"lib{stem}.so.0",
                 f"lib{stem}.so"):
        if (folder / name).is_file():
            return folder / name
    return folder / f"{_prefix()}{stem}{_suffix()}"


def _ggml(folder: Path) -> ctypes.CDLL:
    lib = ctypes.CDLL(str(loaded_library(folder, "ggml")))
    lib.ggml_backend_load.restype = ctypes.c_void_p
    lib.ggml_backend_load.argtypes = [ctypes.c_char_p]
    lib.ggml_backend_reg_count.restype = ctypes.c_size_t
    lib.ggml_backend_dev_count.restype = ctypes.c_size_t
    lib.ggml_backend_dev_get.restype = ctypes.c_void_p
    lib.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
    for name in ("ggml_backend_dev_name", "ggml_backend_dev_description"):
        getattr(lib, name).restype = ctypes.c_char_p
        getattr(lib, name).argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_type.restype = ctypes.c_int
    lib.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_memory.restype = None
    lib.ggml_backend_dev_memory.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t),
                                            ctypes.POINTER(ctypes.c_size_t)]
    return lib


def _load(folder: Path) -> BackendInfo:
    import llama_cpp

    from core.engine.llama import log as llama_log

    llama_log.capture()  # ggml reports each backend it loads: kept in the log, not printed
    ggml = _ggml(folder)
    variants = cpu_variant_files(folder)
    dynamic = ggml.ggml_backend_reg_count() == 0
    chosen: str | None = None
    supported: tuple[str, ...] = ()
    avoided: tuple[str, ...] = ()
    if dynamic:
        for name in GPU_BACKENDS:
            path = folder / f"{_prefix()}ggml-{name}{_suffix()}"
            if path.is_file():
                ggml.ggml_backend_load(str(path).encode())  # NULL when no device/driver
        scores = {name: variant_score(path) for name, path in variants.items()}
        supported = tuple(name for name, score in scores.items() if score > 0)
        chosen, avoided = choose_variant(scores, os.environ.get(VARIANT_ENV) or None)
        if chosen is not None:
            ggml.ggml_backend_load(str(variants[chosen]).encode())
        else:
            plain = folder / f"{_prefix()}ggml-cpu{_suffix()}"
            if plain.is_file():
                ggml.ggml_backend_load(str(plain).encode())
    devices = tuple(_device(ggml, i) for i in range(ggml.ggml_backend_dev_count()))
    version = _text(ggml, "ggml_version")
    info = llama_cpp.llama_print_system_info()
    return BackendInfo(
        dynamic=dynamic, cpu_variant=chosen, cpu_variants=tuple(variants),
        cpu_supported=supported, cpu_avoided=avoided, devices=devices,
        ggml_version=version, bindings_version=str(getattr(llama_cpp, "__version__", "?")),
        system_info=info.decode("utf-8", "replace").strip() if info else "")


def _device(ggml: ctypes.CDLL, index: int) -> Device:
    device = ggml.ggml_backend_dev_get(index)
    free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
    ggml.ggml_backend_dev_memory(device, ctypes.byref(free), ctypes.byref(total))
    name = ggml.ggml_backend_dev_name(device) or b"?"
    description = ggml.ggml_backend_dev_description(device) or b""
    return Device(name.decode("utf-8", "replace"), description.decode("utf-8", "replace"),
                  _DEVICE_TYPES.get(ggml.ggml_backend_dev_type(device), "accel"),
                  int(total.value))


def _text(lib: ctypes.CDLL, name: str) -> str:
    function = getattr(lib, name, None)
    if function is None:
        return ""
    function.restype = ctypes.c_char_p
    value = function()
    return value.decode("utf-8", "replace") if value else ""
