"""The snapshot folder, within its disk cap, least recently used out first.

The index (key, tokens, size, last use) is read from the files' headers when the
engine loads a model, so it survives restarts; a file's modification time is its last
use, set again whenever it is read back.  A snapshot that another one extends (the
same conversation, one reply later) is deleted when the longer one is written: a
conversation keeps one file per branch, not one per turn.

Thread-safe: the engine thread looks snapshots up and reads them while the writer
thread adds new ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.engine.snapshots.file import (
    DamagedSnapshot,
    Tokens,
    read_header,
    read_state,
    write_snapshot,
)
from core.engine.snapshots.folder import SUFFIX, TEMP_SUFFIX, clear_folder
from core.engine.snapshots.prefix import longest, shared_prefix

_log = logging.getLogger(__name__)
#: A temporary file older than this was left by a crash (a live write takes seconds).
_STALE_TEMP_S = 3600.0


@dataclass
class DiskEntry:
    path: Path
    key: str
    tokens: Tokens
    size: int
    used: float


class SnapshotStore:
    def __init__(self, folder: Path, cap_bytes: int) -> None:
        self.folder = folder
        self.cap_bytes = cap_bytes
        self._lock = threading.Lock()
        self._entries: dict[Path, DiskEntry] = {}
        self._scan()

    # --- reading -----------------------------------------------------------------------

    def best(self, key: str, wanted: Tokens) -> tuple[DiskEntry, int] | None:
        """The snapshot under ``key`` sharing the most leading tokens with ``wanted``."""
        with self._lock:
            items = [(e, e.tokens) for e in self._entries.values() if e.key == key]
        return longest(items, wanted)

    def read(self, entry: DiskEntry) -> bytearray | None:
        """The entry's state, or ``None`` (logged, and the file deleted) when it is
        damaged or gone."""
        try:
            state = read_state(entry.path, entry.key, entry.tokens)
        except (OSError, DamagedSnapshot) as exc:
            _log.warning("discarding snapshot %s: %s", entry.path.name, exc)
            self._forget(entry.path, delete=not isinstance(exc, FileNotFoundError))
            return None
        now = time.time()
        entry.used = now
        with contextlib.suppress(OSError):
            os.utime(entry.path, (now, now))
        return state

    def discard(self, entry: DiskEntry) -> None:
        """llama.cpp refused the state: the file is of no use."""
        _log.warning("discarding snapshot %s: llama.cpp could not load it", entry.path.name)
        self._forget(entry.path, delete=True)

    @property
    def used_bytes(self) -> int:
        with self._lock:
            return sum(e.size for e in self._entries.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    # --- writing -----------------------------------------------------------------------

    def write(self, key: str, tokens: Tokens, state: bytes | bytearray) -> Path | None:
        """Keep ``state`` for ``tokens`` (atomically); return its path, or ``None`` when
        it was not written (bigger than the cap, or the disk refused: logged)."""
        expected = len(state) + len(tokens) * 4
        if expected > self.cap_bytes:
            return None
        name = hashlib.sha256(key.encode() + tokens.astype("<u4").tobytes()).hexdigest()[:40]
        path = self.folder / f"{name}{SUFFIX}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._make_room(expected)
            size = write_snapshot(path, key, tokens, state)
        except OSError as exc:
            _log.warning("could not write snapshot %s: %s", path.name, exc)
            return None
        with self._lock:
            subsumed = [e.path for e in self._entries.values() if e.key == key
                        and e.path != path and len(e.tokens) <= len(tokens)
                        and shared_prefix(e.tokens, tokens) == len(e.tokens)]
            self._entries[path] = DiskEntry(path, key, tokens, size, time.time())
        for old in subsumed:
            self._forget(old, delete=True)
        self._make_room(0)
        return path

    def clear(self) -> int:
        with self._lock:
            self._entries.clear()
        return clear_folder(self.folder)

    # --- internals ---------------------------------------------------------------------

    def _make_room(self, incoming: int) -> None:
        """Delete the least recently used until ``incoming`` more bytes fit the cap."""
        while True:
            with self._lock:
                total = sum(e.size for e in self._entries.values())
                if total + incoming <= self.cap_bytes or not self._entries:
                    return
                oldest = min(self._entries.values(), key=lambda e: e.used)
            self._forget(oldest.path, delete=True)

    def _forget(self, path: Path, delete: bool) -> None:
        with self._lock:
            self._entries.pop(path, None)
        if delete:
            with contextlib.suppress(OSError):
                path.unlink()

    def _scan(self) -> None:
        now = time.time()
        with contextlib.suppress(OSError), os.scandir(self.folder) as found:
            for item in found:
                path = Path(item.path)
                try:
                    if item.name.endswith(TEMP_SUFFIX):
                        if now - item.stat().st_mtime > _STALE_TEMP_S:
                            path.unlink()  # a write a crash cut short
                        continue
                    if not item.name.endswith(SUFFIX):
                        continue
                    header, tokens = read_header(path)
                    stat = item.stat()
                except DamagedSnapshot as exc:
                    _log.warning("discarding snapshot %s: %s", item.name, exc)
                    with contextlib.suppress(OSError):
                        path.unlink()
                    continue
                except OSError:
                    continue
                self._entries[path] = DiskEntry(path, header.key, np.array(tokens),
                                                stat.st_size, stat.st_mtime)
        self._make_room(0)
