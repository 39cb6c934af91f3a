"""Instant resume: the conversation's KV state saved after a reply and read back when
the conversation (or the app) comes back, so only what is new is evaluated.

When a request arrives, the longest saved prefix of its prompt (in memory first, then
on disk) is loaded into sequence 0 if it is longer than what the cache already holds;
``KVContext.prepare`` then keeps that prefix and evaluates the rest as usual.  A
snapshot that fails to load is discarded and the prompt evaluated normally: a miss
costs time, never a wrong answer.

Saving has two halves.  Taking the state out of llama.cpp (a memory copy, tens of
milliseconds for thousands of tokens) runs on the engine thread, only when no request
waits: after a reply, and before a request that would overwrite an unsaved
conversation.  Writing the file runs on a thread of its own, so no reply ever waits
for the disk.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from core.engine.llama.kv import KVContext
from core.engine.options import SnapshotPolicy
from core.engine.snapshots.file import Tokens
from core.engine.snapshots.memory import MemoryEntry, MemoryTier
from core.engine.snapshots.prefix import as_tokens, shared_prefix
from core.engine.snapshots.store import DiskEntry, SnapshotStore

_log = logging.getLogger(__name__)

#: Shorter conversations are re-read faster than any snapshot is found and loaded.
MIN_TOKENS = 64
#: A snapshot is loaded only when it saves at least this many tokens of evaluation.
MIN_GAIN = 32
#: Snapshots waiting for the disk at most; an older one waiting is dropped for a newer.
_MAX_PENDING = 2


class Writer:
    """Writes snapshots to the store on a thread of its own, in order."""

    def __init__(self, store: SnapshotStore) -> None:
        self._store = store
        self._pending: list[tuple[str, Tokens, bytearray]] = []
        self._busy = False
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="prosa-snapshot-writer",
                                        daemon=True)
        self._thread.start()

    def put(self, key: str, tokens: Tokens, state: bytearray) -> None:
        with self._cond:
            # One that this one extends is not worth writing any more.
            self._pending = [p for p in self._pending if not (
                p[0] == key and shared_prefix(p[1], tokens) == len(p[1]))]
            self._pending.append((key, tokens, state))
            del self._pending[:-_MAX_PENDING]
            self._cond.notify()

    def flush(self, timeout: float) -> bool:
        """Wait until every pending snapshot is written; ``False`` on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def drop_pending(self) -> None:
        with self._cond:
            self._pending.clear()

    def close(self, timeout: float) -> None:
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if self._closed and not self._pending:
                    return
                key, tokens, state = self._pending.pop(0)
                self._busy = True
            try:
                self._store.write(key, tokens, state)
            except Exception:  # never let the writer die: the next snapshot may work
                _log.exception("writing a snapshot failed")
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()


class Resumer:
    """Saves and restores sequence 0 of one loaded model under its current key."""

    def __init__(self, kv: KVContext, policy: SnapshotPolicy, key: str) -> None:
        self._kv = kv
        self.key = key
        self._memory = MemoryTier(policy.memory_bytes)
        self._store = (SnapshotStore(Path(policy.folder), policy.disk_bytes)
                       if policy.disk_bytes > 0 else None)
        self._writer = Writer(self._store) if self._store is not None else None
        #: The tokens whose state is saved and still matches the cache (``None``:
        #: what the cache holds is not saved).
        self._saved: Tokens | None = None

    @property
    def dirty(self) -> bool:
        """The cache holds a conversation worth keeping that no snapshot has."""
        cached = self._kv.cached
        if len(cached) < MIN_TOKENS:
            return False
        saved = self._saved
        return saved is None or len(saved) != len(cached) or shared_prefix(
            saved, as_tokens(cached)) != len(cached)

    def set_key(self, key: str) -> None:
        """The template changed: what the cache holds is saved under the old key."""
        if key != self.key:
            self.save()
            self.key = key
            self._saved = None

    def resume(self, tokens: Sequence[int]) -> int:
        """Load the saved state that best starts ``tokens`` if it beats the cache;
        return how many of ``tokens`` it restored (0: the cache was kept)."""
        wanted = as_tokens(tokens[:-1])  # the last token is always evaluated
        have = shared_prefix(as_tokens(self._kv.cached[:len(wanted)]), wanted)
        best = self._best(wanted)
        if best is None or best[1] - have < MIN_GAIN:
            return 0
        entry, shared = best
        if self.dirty and shared_prefix(as_tokens(self._kv.cached), wanted) < len(
                self._kv.cached):
            self.save()  # the conversation about to be overwritten
        state = entry.state if isinstance(entry, MemoryEntry) else self._read(entry)
        if state is None:
            return 0
        if not self._kv.load_state(state, entry.tokens.tolist()):
            _log.warning("llama.cpp refused a snapshot of %d tokens", len(entry.tokens))
            self._discard(entry)
            self._saved = None
            return 0
        self._saved = entry.tokens
        if isinstance(entry, DiskEntry):  # read from disk: keep it close for next time
            self._memory.put(MemoryEntry(self.key, entry.tokens, state))
        return shared

    def save(self) -> bool:
        """Save what the cache holds, if it is worth it and not saved yet."""
        if not self.dirty:
            return False
        started = time.monotonic()
        tokens = as_tokens(self._kv.cached)
        state = self._kv.save_state()
        self._saved = tokens
        if not state:
            return False
        self._memory.put(MemoryEntry(self.key, tokens, state))
        if self._writer is not None:
            self._writer.put(self.key, tokens, state)
        _log.debug("snapshot of %d tokens (%d bytes) taken in %.1f ms", len(tokens),
                   len(state), (time.monotonic() - started) * 1000)
        return True

    def clear(self) -> int:
        """Forget every snapshot; return the disk freed."""
        self._memory.clear()
        self._saved = None
        if self._writer is not None:
            self._writer.drop_pending()
            self._writer.flush(30.0)
        return self._store.clear() if self._store is not None else 0

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait for the files being written (tests and benchmarks)."""
        return self._writer.flush(timeout) if self._writer is not None else True

    def close(self, timeout: float = 4.0) -> None:
        """Save what is unsaved and finish writing, within ``timeout`` (the app is
        closing: a snapshot cut short is discarded when next read, never loaded)."""
        try:
            self.save()
        except Exception:
            _log.exception("saving the last snapshot failed")
        if self._writer is not None:
            self._writer.close(timeout)

    # --- internals ---------------------------------------------------------------------

    def _best(self, wanted: Tokens) -> tuple[MemoryEntry | DiskEntry, int] | None:
        found: tuple[MemoryEntry | DiskEntry, int] | None = self._memory.best(self.key, wanted)
        if self._store is not None:
            on_disk = self._store.best(self.key, wanted)
            if on_disk is not None and (found is None or on_disk[1] > found[1]):
                found = on_disk
        return found

    def _read(self, entry: DiskEntry) -> bytearray | None:
        assert self._store is not None
        return self._store.read(entry)

    def _discard(self, entry: MemoryEntry | DiskEntry) -> None:
        if isinstance(entry, MemoryEntry):
            self._memory.discard(entry)
        elif self._store is not None:
            self._store.discard(entry)
