"""How the engine computes and keeps attention: flash attention, the KV cache's number
format, and the KV snapshots kept per conversation.

Plain values with no llama.cpp in them, so the window, the settings and the CLI name
them without loading the engine; ``core.engine.llama`` turns them into llama.cpp's
parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FlashAttention(StrEnum):
    """llama.cpp's fused attention: less memory for long contexts and usually faster,
    with logits that differ from the plain path in the last bits."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"


class KVCacheType(StrEnum):
    """The number format of the KV cache (keys and values alike).

    ``f16`` is exact; ``q8_0`` halves the cache's memory for a barely measurable change
    in the logits; ``q4_0`` quarters it and changes them more.  Quantized values need
    flash attention (llama.cpp computes attention over them only in its fused path).
    """

    F16 = "f16"
    Q8_0 = "q8_0"
    Q4_0 = "q4_0"

    @property
    def quantized(self) -> bool:
        return self is not KVCacheType.F16


@dataclass(frozen=True)
class SnapshotPolicy:
    """Where and how much of the KV cache is kept per conversation
    (``core.engine.snapshots``).  An empty ``folder`` keeps no snapshots at all."""

    folder: str = ""
    #: Disk the snapshots may use; the least recently used go first beyond it.
    disk_bytes: int = 0
    #: Snapshots also kept in memory, to switch conversations without reading a file.
    memory_bytes: int = 0

    @property
    def enabled(self) -> bool:
        return bool(self.folder) and self.disk_bytes + self.memory_bytes > 0
