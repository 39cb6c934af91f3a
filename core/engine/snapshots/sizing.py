"""The default sizes of the snapshot caps, from the machine.

Disk: a tenth of the free space where the snapshots live, between 512 MiB and 8 GiB
(a 20-turn conversation with a small model takes about 100 MB; with an 8B model in
q8_0 several hundred).  Memory: a thirty-second of the RAM, at most 512 MB, so
snapshots never compete with the model for memory.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from core.engine.options import SnapshotPolicy
from core.models.fit import ram_total_available

MB = 1_000_000  # decimal, as sizes are shown (core.common.units)
DISK_FLOOR = 512 * MB
DISK_CEILING = 8 << 30
MEMORY_CEILING = 512 * MB


def default_disk_bytes(folder: Path) -> int:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return DISK_FLOOR
    return max(min(free // 10, DISK_CEILING), min(DISK_FLOOR, free // 2))


def default_memory_bytes() -> int:
    total, _available = ram_total_available()
    return int(min(total // 32, MEMORY_CEILING))


def snapshot_policy(folder: Path, disk_mb: int | None, memory_mb: int | None,
                    ) -> SnapshotPolicy:
    """The policy the settings ask for: ``None`` sizes a cap to the machine, 0 turns
    that tier off."""
    disk = default_disk_bytes(folder) if disk_mb is None else disk_mb * MB
    memory = default_memory_bytes() if memory_mb is None else memory_mb * MB
    return SnapshotPolicy(str(folder), disk, memory)
