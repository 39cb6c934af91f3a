"""Writing a response's bytes to the ``.part`` and hashing them, without slowing the
transfer down.

The worker thread receives; this module writes what it received in batches with one
``writev`` call each and hands each written batch to a helper thread that hashes it
and asks the OS to start writing it to disk.  Measured on loopback against curl, each
of these choices moved Prosa closer to curl's speed (the numbers are in the class
docstrings below and in benchmarks.md): nothing here may add work per piece received.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import queue
import threading
from pathlib import Path
from typing import Final

from core.hub.disk import io_error
from core.hub.jobs import Cursor, Hasher

log = logging.getLogger(__name__)

#: Received bytes written with one call and hashed with one call (see ``Appender``).
BATCH_BYTES: Final = 1 << 20
#: Pieces per batch at most: a slow link delivers small pieces, and one writev call
#: takes at most 1024 (IOV_MAX on Linux).
BATCH_PIECES: Final = 256
#: Batches waiting for the hashing thread: caps the memory used and how long a pause
#: waits for the hash to catch up (a few milliseconds).
HASH_BACKLOG: Final = 4
#: How many received bytes the OS may hold in memory before it is asked to write them.
WRITEBACK_EVERY: Final = 8 << 20


class Appender:
    """Appends one response's pieces to the ``.part`` in batches and hashes them.

    Why batches: the worker gives up the GIL at every system call and may then wait to
    get it back from the hashing thread, so one ``writev`` per 1 MiB instead of one
    ``write`` per 64 KiB piece left it more time to receive (loopback, against curl:
    0.83 of its speed writing each piece, 0.90 writing batches).

    ``cursor.have`` counts the bytes in the file.  A batch is handed to the hashing
    thread only once it is written, and leaving the ``with`` block writes what was
    received (unless writing is what failed), then waits until every batch is hashed,
    so afterwards the hasher covers exactly the bytes in the file, whatever ended the
    transfer: a drop or a pause keeps every byte received.  A failed write cuts the
    file back to the end of the last batch written, so file and hash stay in step.
    """

    def __init__(self, out: io.FileIO, cursor: Cursor, part: Path, base: int,
                 name: str) -> None:
        self._out = out
        self._cursor = cursor
        self._part = part
        self._base = base
        self._batch: list[bytes] = []
        self._pending = 0
        self._write_failed = False
        self._hashing = HashThread(cursor.hasher, out.fileno(), cursor.have, name)

    def __enter__(self) -> Appender:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        try:
            if not self._write_failed:
                self._flush()
        finally:
            self._hashing.close()
        if exc_type is None:  # else the exception on its way out says what went wrong
            self._hashing.check()

    @property
    def pending(self) -> int:
        """Bytes received but not yet written."""
        return self._pending

    def add(self, piece: bytes) -> None:
        """Take the next piece of the body; it is written once the batch is full."""
        self._batch.append(piece)
        self._pending += len(piece)
        if self._pending >= BATCH_BYTES or len(self._batch) >= BATCH_PIECES:
            self._hashing.check()
            self._flush()

    def _flush(self) -> None:
        if not self._batch:
            return
        batch, size = self._batch, self._pending
        self._batch, self._pending = [], 0
        have = self._cursor.have
        try:
            write_pieces(self._out, batch)
        except OSError as exc:
            self._write_failed = True
            cut_back(self._out, self._part, have)
            raise io_error(exc, self._part, self._base + have) from exc
        self._cursor.have = have + size
        self._hashing.put(batch)


class HashThread:
    """Hashes written batches on a helper thread and starts their write-back.

    Why a thread: SHA-256 takes some 0.5 ms per MB, about half the time receiving and
    writing the bytes take, and hashlib releases the GIL while it hashes, so each batch
    is hashed on another core while the worker receives and writes the next one.  With
    the hash in the worker, a loopback download ran at half of curl's speed.  Each batch
    is joined and hashed in one call: per 64 KiB piece, the hasher took the GIL back 16
    times as often and the worker waited for it (0.77 of curl's speed against 0.84).

    Why write-back: left alone, the OS keeps every written byte in memory until the
    final fsync, which then writes the whole file at once while the user waits (40 ms
    per 100 MB on a fast SSD, much longer for a large model on a slow disk).  Asking
    for write-back every few MB spreads that over the transfer.

    Should hashing fail, ``check`` raises (the appender calls it for each batch), so
    the transfer stops instead of finishing with a useless hash; the thread keeps
    taking batches until ``close``, so the worker never blocks on a full queue.
    """

    def __init__(self, hasher: Hasher | None, fd: int, offset: int, name: str) -> None:
        self._hasher = hasher
        self._fd = fd
        self._end = self._flushed = offset
        self._batches: queue.Queue[list[bytes] | None] = queue.Queue(HASH_BACKLOG)
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def put(self, batch: list[bytes]) -> None:
        """Hash a batch that is already written at the end of the file."""
        self._batches.put(batch)

    def check(self) -> None:
        if self._error is not None:
            raise RuntimeError("hashing the download failed") from self._error

    def close(self) -> None:
        """Wait until every batch put is hashed, and end the thread."""
        self._batches.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (batch := self._batches.get()) is not None:
            if self._error is not None:
                continue
            try:
                self._finish(batch)
            except Exception as exc:
                self._error = exc

    def _finish(self, batch: list[bytes]) -> None:
        data = b"".join(batch)
        if self._hasher is not None:
            self._hasher.update(data)
        self._end += len(data)
        if self._end - self._flushed >= WRITEBACK_EVERY:
            start_writeback(self._fd, self._flushed, self._end - self._flushed)
            self._flushed = self._end


def write_pieces(out: io.FileIO, pieces: list[bytes]) -> None:
    """Write the pieces at the file's position: one ``writev`` call where there is one."""
    views = [memoryview(piece) for piece in pieces]
    writev = getattr(os, "writev", None)
    first = 0
    while first < len(views):
        if writev is not None:
            written = writev(out.fileno(), views[first:])
        else:  # Windows
            written = out.write(views[first]) or 0
        while first < len(views) and written >= len(views[first]):
            written -= len(views[first])
            first += 1
        if written:
            views[first] = views[first][written:]


def cut_back(out: io.FileIO, part: Path, have: int) -> None:
    """After a failed write: drop what the failed call may have written."""
    try:
        out.truncate(have)
        out.seek(have)
    except OSError:
        log.warning("could not cut %s back to %d bytes", part, have, exc_info=True)


def start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the OS to start writing a range of the file to disk, without waiting.

    On Linux ``POSIX_FADV_DONTNEED`` starts write-back of the range's dirty pages; it
    drops only pages that are already clean, normally none in a range just written, so
    the file stays cached for loading.  Systems without the call, or that ignore it,
    simply have more to do at the final fsync.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with contextlib.suppress(OSError):  # advice only
        advise(fd, offset, length, os.POSIX_FADV_DONTNEED)
