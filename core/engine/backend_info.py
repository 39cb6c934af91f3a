"""What computes the replies: the llama.cpp build, its CPU variant and its devices.

Plain data, made in the engine process by ``core.engine.llama.backends`` and sent to
the window in ``ModelLoaded`` (the About panel shows it); kept apart so the window's
process never imports the module that loads llama.cpp's backends.
"""

from __future__ import annotations

from dataclasses import dataclass

#: CPU variants compiled with AMX, which Prosa avoids: ggml's AMX kernels crash on some
#: processors (llama.cpp #20824; SIGILL on the machine this was built on).
AMX_VARIANTS = frozenset({"sapphirerapids"})


@dataclass(frozen=True)
class Device:
    """One device ggml can compute on."""

    name: str
    description: str
    kind: str  # "cpu", "gpu", "igpu" or "accel"
    memory_total: int  # bytes; 0 when the backend does not say


@dataclass(frozen=True)
class BackendInfo:
    """What the engine computes with, for the About panel and the self-test."""

    #: Backends are modules chosen at run time (``GGML_BACKEND_DL``).
    dynamic: bool
    #: The CPU variant in use (``None`` when the CPU backend is linked in).
    cpu_variant: str | None
    #: Every CPU variant this build has, and those this CPU could run.
    cpu_variants: tuple[str, ...]
    cpu_supported: tuple[str, ...]
    #: Variants this CPU could run but Prosa avoids (AMX, see the module docstring).
    cpu_avoided: tuple[str, ...]
    devices: tuple[Device, ...]
    ggml_version: str
    bindings_version: str
    #: llama.cpp's own summary of the features it uses (``llama_print_system_info``).
    system_info: str

    @property
    def gpus(self) -> tuple[Device, ...]:
        return tuple(d for d in self.devices if d.kind != "cpu")

    def to_json(self) -> dict[str, object]:
        return {
            "dynamic": self.dynamic, "cpu_variant": self.cpu_variant,
            "cpu_variants": list(self.cpu_variants), "cpu_supported": list(self.cpu_supported),
            "cpu_avoided": list(self.cpu_avoided),
            "devices": [{"name": d.name, "description": d.description, "kind": d.kind,
                         "memory_total": d.memory_total} for d in self.devices],
            "ggml_version": self.ggml_version, "bindings_version": self.bindings_version,
            "system_info": self.system_info,
        }
