"""The snapshot folder as the window sees it: how much it holds, and emptying it.

Kept free of numpy and llama.cpp so the window can show the usage and clear the folder
even with no model loaded.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

#: Snapshot files end with this; files being written end with ``.tmp`` until renamed.
SUFFIX = ".kvs"
TEMP_SUFFIX = ".tmp"

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FolderUsage:
    bytes: int = 0
    files: int = 0


def folder_usage(folder: Path) -> FolderUsage:
    """What the snapshots in ``folder`` take on disk (0 when it does not exist)."""
    total = count = 0
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(SUFFIX):
                with contextlib.suppress(OSError):
                    total += entry.stat().st_size
                    count += 1
    return FolderUsage(total, count)


def clear_folder(folder: Path) -> int:
    """Delete every snapshot (and half-written one) in ``folder``; return bytes freed.

    Only Prosa's own files go: anything else the user put there stays.
    """
    freed = 0
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith((SUFFIX, SUFFIX + TEMP_SUFFIX)):
                try:
                    size = entry.stat().st_size
                    os.unlink(entry.path)
                    freed += size
                except OSError as exc:
                    _log.warning("could not delete snapshot %s: %s", entry.path, exc)
    return freed
