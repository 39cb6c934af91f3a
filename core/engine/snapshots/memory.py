"""Snapshots kept in RAM, least recently used out first: switching back and forth
between conversations reads no file at all."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from core.engine.snapshots.file import Tokens
from core.engine.snapshots.prefix import longest, shared_prefix


@dataclass(frozen=True)
class MemoryEntry:
    key: str
    tokens: Tokens
    state: bytearray

    @property
    def size(self) -> int:
        return len(self.state) + self.tokens.nbytes


class MemoryTier:
    def __init__(self, cap_bytes: int) -> None:
        self.cap_bytes = cap_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[int, MemoryEntry] = OrderedDict()

    def best(self, key: str, wanted: Tokens) -> tuple[MemoryEntry, int] | None:
        with self._lock:
            items = [(e, e.tokens) for e in self._entries.values() if e.key == key]
        found = longest(items, wanted)
        if found is not None:
            with self._lock:
                if id(found[0]) in self._entries:
                    self._entries.move_to_end(id(found[0]))
        return found

    def put(self, entry: MemoryEntry) -> None:
        if entry.size > self.cap_bytes:
            return
        with self._lock:
            for old_id, old in list(self._entries.items()):
                if (old.key == entry.key and len(old.tokens) <= len(entry.tokens)
                        and shared_prefix(old.tokens, entry.tokens) == len(old.tokens)):
                    del self._entries[old_id]
            self._entries[id(entry)] = entry
            while sum(e.size for e in self._entries.values()) > self.cap_bytes:
                self._entries.popitem(last=False)

    def discard(self, entry: MemoryEntry) -> None:
        with self._lock:
            self._entries.pop(id(entry), None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    @property
    def used_bytes(self) -> int:
        with self._lock:
            return sum(e.size for e in self._entries.values())
