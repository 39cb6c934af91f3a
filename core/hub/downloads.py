"""Download models from the Hugging Face Hub into Prosa's model folder.

Why not simply ``hf_hub_download``: it resumes a dropped transfer only at 10 MiB
boundaries, starts again from zero after the app restarts, and checks a finished file's
size but not its SHA-256.  For multi-gigabyte models on flaky links that wastes hours
and can put a damaged file in the library.  So the transfer itself is a thin ranged-GET
loop of our own, and everything around it comes from huggingface_hub: the URL
(``hf_hub_url``), the file's commit, etag, size and download location
(``get_hf_file_metadata``), the expected SHA-256 (``HfApi.model_info`` with
``files_metadata=True``), the auth headers (``build_hf_headers``) and the HTTP client
(``get_session()``, an httpx2 client).  ``endpoint=`` is passed on every call because
huggingface_hub reads ``HF_ENDPOINT`` only once, at import.

Proxies: the client keeps httpx's ``trust_env``, so ``HTTPS_PROXY``, ``HTTP_PROXY``,
``ALL_PROXY`` and ``NO_PROXY`` from the environment apply, as for any other tool.

Tokens: the token given to the manager is the only one sent.  A token saved by
``hf auth login`` is deliberately not picked up, so what Settings show is what is used.

Resume and verification
-----------------------
Each file is written to ``<dest>.part`` next to a sidecar ``<dest>.part.json`` that
records where the bytes come from (repo, revision, commit, file, size, SHA-256, etag).
The sidecar is written before the first byte, so a ``.part`` without one is never
trusted.  On resume, in this process or after a restart, the sidecar must match the
Hub's current metadata for the file; if the file changed, the download starts again and
says so.  The bytes already on disk are hashed once (or not at all when this process
still holds the hash state from before a pause), then the transfer continues with
``Range: bytes=<have>-`` and hashes bytes as they arrive, so there is never a second
full pass.  A dropped connection resumes from the exact byte; a server that ignores
Range (200 instead of 206) restarts hashing from zero and overwrites.  When the last
byte is in, size and SHA-256 are compared with the Hub's LFS metadata (or the git blob
id for small non-LFS files): on a mismatch the ``.part`` is deleted and the job fails
with a clear message (Retry starts over); on success the file is fsynced and renamed
into place atomically.  Only then is it in the library.

Threads: one worker thread per running job (at most ``max_parallel``).  While a response
body arrives, a helper thread hashes what the worker has written and asks the OS to
start writing it to disk (see ``_Appender``); it ends with the response.  Pause, cancel
and close set a flag the worker checks between network reads (64 KiB at most), so they
act within milliseconds on a live connection; a stalled one is bounded by the read
timeout.  Events go to ``on_event`` from whichever thread made the change, never while
the manager's lock is held, so the callback may call back into the manager.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import hashlib
import io
import logging
import os
import queue
import re
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Final, Protocol, TypeVar
from urllib.parse import urlsplit

import httpx2
from huggingface_hub import HfApi, get_hf_file_metadata, get_session, hf_hub_url
from huggingface_hub.errors import HfHubHTTPError, HFValidationError, OfflineModeIsEnabled
from huggingface_hub.hf_api import RepoSibling

# Public, documented names; the lazy facade only hides them from mypy's re-export check.
from huggingface_hub.utils import (  # type: ignore[attr-defined]
    build_hf_headers,
    validate_repo_id,
)

from core.common.jsonfile import read_json, write_json
from core.errors import DownloadError

log = logging.getLogger(__name__)

#: Kept free beyond the download itself: a disk filled to the last byte breaks other apps.
DISK_MARGIN: Final = 64 * 1024 * 1024
PART_SUFFIX: Final = ".part"
SIDECAR_SUFFIX: Final = ".part.json"
VERIFIED_CACHE: Final = ".verified.json"
PROGRESS_INTERVAL: Final = 0.1
SPEED_WINDOW: Final = 3.0
_HASH_BLOCK: Final = 1 << 20
#: Received bytes written with one call and hashed with one call (see ``_Appender``).
_BATCH_BYTES: Final = 1 << 20
#: Pieces per batch at most: a slow link delivers small pieces, and one writev call
#: takes at most 1024 (IOV_MAX on Linux).
_BATCH_PIECES: Final = 256
#: Batches waiting for the hashing thread: caps the memory used and how long a pause
#: waits for the hash to catch up (a few milliseconds).
_HASH_BACKLOG: Final = 4
#: How many received bytes the OS may hold in memory before it is asked to write them.
_WRITEBACK_EVERY: Final = 8 << 20
_SIDECAR_VERSION: Final = 1
_NO_SPACE_ERRNOS: Final = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_CONTENT_RANGE: Final = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", re.IGNORECASE)

_T = TypeVar("_T")


class JobState(enum.StrEnum):
    QUEUED = "queued"
    DOWNLOADING = "downloading"
    PAUSED = "paused"
    VERIFYING = "verifying"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


_RUNNING: Final = frozenset({JobState.DOWNLOADING, JobState.VERIFYING})
_RESUMABLE: Final = frozenset({JobState.PAUSED, JobState.FAILED})
_FINISHED: Final = frozenset({JobState.DONE, JobState.CANCELLED})


# --- events --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JobAdded:
    job_id: int
    repo_id: str
    filenames: tuple[str, ...]
    revision: str
    state: JobState


@dataclass(frozen=True, slots=True)
class JobProgress:
    """``speed`` is bytes/s over the last few seconds; ``eta`` is None until it is known."""

    job_id: int
    done: int
    total: int
    speed: float
    eta: float | None


@dataclass(frozen=True, slots=True)
class JobStateChanged:
    """``message`` says why a job failed, or notes something the user should know."""

    job_id: int
    state: JobState
    message: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class JobDone:
    job_id: int
    paths: tuple[Path, ...]

    @property
    def path(self) -> Path:
        """The file to load: for split models llama.cpp opens the first part."""
        return self.paths[0]


DownloadEvent = JobAdded | JobProgress | JobStateChanged | JobDone


@dataclass(frozen=True, slots=True)
class JobSnapshot:
    job_id: int
    repo_id: str
    filenames: tuple[str, ...]
    revision: str
    state: JobState
    done: int
    total: int | None
    message: str
    reason: str
    paths: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long to keep trying before telling the user; tests shrink the waits.

    ``attempts`` counts consecutive failures: a connection that delivered bytes before
    it dropped starts the count again, so a slow but progressing link never gives up.
    """

    attempts: int = 5
    first_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 300.0

    def delay(self, failures: int) -> float:
        return float(min(self.max_delay, self.first_delay * 2 ** max(0, failures - 1)))


# --- small helpers ---------------------------------------------------------------


class _Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...
    def copy(self) -> _Hasher: ...


def dest_for(models_dir: Path, repo_id: str, filename: str) -> Path:
    """Where a Hub file lands: one folder per repo, split parts side by side."""
    _check_filename(filename)
    return models_dir / repo_id.replace("/", "__") / Path(*PurePosixPath(filename).parts)


def _check_filename(filename: str) -> None:
    # Names come from the user or a search result; none may escape the repo's folder.
    parts = PurePosixPath(filename).parts
    if not parts or filename.startswith("/") or "\\" in filename or \
            any(p in ("", ".", "..") for p in parts):
        raise DownloadError(f"{filename!r} is not a valid file name in a Hub repository.",
                            reason="bad_input")


def _part(dest: Path) -> Path:
    return dest.with_name(dest.name + PART_SUFFIX)


def _sidecar(dest: Path) -> Path:
    return dest.with_name(dest.name + SIDECAR_SUFFIX)


def _human(n: float) -> str:
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    return f"{n / 1e6:.0f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def _mb(n: int) -> str:
    return f"{n / 1e6:.0f}"


class _RateMeter:
    """Speed over the last few seconds: steady enough to read, quick to follow changes."""

    def __init__(self) -> None:
        self._samples: deque[tuple[float, int]] = deque()

    def reset(self) -> None:
        self._samples.clear()

    def add(self, now: float, transferred: int) -> float:
        samples = self._samples
        samples.append((now, transferred))
        while len(samples) > 2 and now - samples[1][0] >= SPEED_WINDOW:
            samples.popleft()
        t0, b0 = samples[0]
        return (transferred - b0) / (now - t0) if now - t0 >= 0.2 else 0.0


class _Appender:
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

    def __init__(self, out: io.FileIO, cursor: _Cursor, part: Path, base: int,
                 name: str) -> None:
        self._out = out
        self._cursor = cursor
        self._part = part
        self._base = base
        self._batch: list[bytes] = []
        self._pending = 0
        self._write_failed = False
        self._hashing = _HashThread(cursor.hasher, out.fileno(), cursor.have, name)

    def __enter__(self) -> _Appender:
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
        if self._pending >= _BATCH_BYTES or len(self._batch) >= _BATCH_PIECES:
            self._hashing.check()
            self._flush()

    def _flush(self) -> None:
        if not self._batch:
            return
        batch, size = self._batch, self._pending
        self._batch, self._pending = [], 0
        have = self._cursor.have
        try:
            _write_pieces(self._out, batch)
        except OSError as exc:
            self._write_failed = True
            _cut_back(self._out, self._part, have)
            raise _io_error(exc, self._part, self._base + have) from exc
        self._cursor.have = have + size
        self._hashing.put(batch)


class _HashThread:
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

    def __init__(self, hasher: _Hasher | None, fd: int, offset: int, name: str) -> None:
        self._hasher = hasher
        self._fd = fd
        self._end = self._flushed = offset
        self._batches: queue.Queue[list[bytes] | None] = queue.Queue(_HASH_BACKLOG)
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
        if self._end - self._flushed >= _WRITEBACK_EVERY:
            _start_writeback(self._fd, self._flushed, self._end - self._flushed)
            self._flushed = self._end


class _Stop(Exception):
    """Raised in a worker when pause, cancel or close was asked for."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


@dataclass
class _Failure:
    error: DownloadError
    retry: bool
    wait: float | None = None
    #: False for a deliberate restart: it must not use up the attempts.
    counts: bool = True


@dataclass
class _FilePlan:
    """What the Hub says about one file right now, and where it goes here."""

    filename: str
    dest: Path
    url: str
    location: str
    commit: str | None
    etag: str | None
    size: int
    sha256: str | None
    blob_id: str | None

    @property
    def part(self) -> Path:
        return _part(self.dest)

    @property
    def sidecar(self) -> Path:
        return _sidecar(self.dest)

    def identity(self) -> dict[str, Any]:
        """What must be equal for bytes on disk to belong to this file version."""
        if self.sha256:
            return {"size": self.size, "sha256": self.sha256}
        if self.blob_id:
            return {"size": self.size, "blob_id": self.blob_id}
        return {"size": self.size, "etag": self.etag}

    def new_hasher(self) -> _Hasher | None:
        if self.sha256:
            return hashlib.sha256()
        if self.blob_id:
            # Small non-LFS files: the git blob id is sha1("blob <size>\\0" + content).
            hasher = hashlib.sha1(usedforsecurity=False)
            hasher.update(b"blob %d\0" % self.size)
            return hasher
        return None

    def expected_digest(self) -> str | None:
        return self.sha256 or self.blob_id


@dataclass(eq=False)
class _Cursor:
    """How far a ``.part`` is written and hashed; the two always move together."""

    have: int
    hasher: _Hasher | None


@dataclass(eq=False)
class _Job:
    job_id: int
    repo_id: str
    filenames: tuple[str, ...]
    revision: str
    dests: tuple[Path, ...]
    state: JobState = JobState.QUEUED
    message: str = ""
    reason: str = ""
    done: int = 0
    total: int | None = None
    stop: str | None = None
    wake: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    #: Hash state of each ``.part`` kept across pauses, so Resume needs no re-hash.
    cursors: dict[str, _Cursor] = field(default_factory=dict)
    meter: _RateMeter = field(default_factory=_RateMeter)
    transferred: int = 0
    last_progress: float = 0.0

    def snapshot(self) -> JobSnapshot:
        return JobSnapshot(self.job_id, self.repo_id, self.filenames, self.revision,
                           self.state, self.done, self.total, self.message, self.reason,
                           self.dests)


# --- the manager -------------------------------------------------------------------


class DownloadManager:
    """A queue of Hub downloads run by worker threads; the UI watches ``on_event``."""

    def __init__(self, models_dir: Path, endpoint: str, token: str | None, offline: bool,
                 max_parallel: int = 1,
                 on_event: Callable[[DownloadEvent], None] = lambda event: None, *,
                 retry: RetryPolicy = RetryPolicy(), timeout: float = 30.0) -> None:
        self._models_dir = models_dir
        self._endpoint = endpoint.rstrip("/")
        self._token = token
        self._offline = offline
        self._max_parallel = max(1, max_parallel)
        self._on_event = on_event
        self._retry = retry
        self._timeout_s = timeout
        self._timeout = httpx2.Timeout(timeout, connect=min(timeout, 15.0))
        self._lock = threading.Lock()
        self._jobs: dict[int, _Job] = {}
        self._next_id = 1
        self._closed = False

    # --- public API ---------------------------------------------------------------

    @property
    def models_dir(self) -> Path:
        return self._models_dir

    def set_endpoint(self, endpoint: str) -> None:
        """Used by jobs started from now on; a job's sidecar keeps the URL it began with."""
        self._endpoint = endpoint.rstrip("/")

    def set_token(self, token: str | None) -> None:
        """Used from the next request on (Retry after adding a token works)."""
        self._token = token

    def set_offline(self, offline: bool) -> None:
        """Turning offline mode on pauses running downloads; nothing is sent after."""
        self._offline = offline
        if offline:
            with self._lock:
                ids = [j.job_id for j in self._jobs.values()
                       if j.state in _RUNNING or j.state is JobState.QUEUED]
            for job_id in ids:
                self.pause(job_id)

    def enqueue(self, repo_id: str, filenames: Sequence[str], revision: str = "main") -> int:
        """Queue one job (split parts in order); returns its id.  Makes no request."""
        if isinstance(filenames, str):
            filenames = [filenames]
        if self._offline:
            raise self._offline_error()
        try:
            validate_repo_id(repo_id)
        except HFValidationError as exc:
            raise DownloadError(f"{repo_id!r} is not a Hub repository name (owner/name).",
                                details=str(exc), reason="bad_input") from exc
        if not filenames:
            raise DownloadError("No file to download was given.", reason="bad_input")
        names = tuple(filenames)
        dests = tuple(dest_for(self._models_dir, repo_id, name) for name in names)
        with self._lock:
            if self._closed:
                raise RuntimeError("DownloadManager is closed")
            for job in self._jobs.values():
                if job.state in _FINISHED or not set(job.dests) & set(dests):
                    continue
                if job.repo_id == repo_id and job.filenames == names:
                    return job.job_id
                raise DownloadError(
                    f"{dests[0].name} is already being downloaded in another job.",
                    reason="duplicate")
            job = self._add(repo_id, names, revision, dests, JobState.QUEUED)
        self._emit(JobAdded(job.job_id, repo_id, names, revision, JobState.QUEUED))
        self._schedule()
        return job.job_id

    def pause(self, job_id: int) -> None:
        """Stop soon, keeping the ``.part`` files and the hash state for Resume."""
        self._request_stop(job_id, "pause")

    def cancel(self, job_id: int) -> None:
        """Stop soon and delete this job's ``.part`` files (finished parts stay)."""
        self._request_stop(job_id, "cancel")

    def resume(self, job_id: int) -> None:
        """Queue a paused or failed job again; it continues from the exact byte."""
        if self._offline:
            raise self._offline_error()
        with self._lock:
            job = self._jobs[job_id]
            if job.state in _RUNNING and job.stop == "pause":
                job.stop = None  # the worker has not stopped yet: it simply carries on
                job.wake.clear()
                return
            if job.state not in _RESUMABLE:
                return
            self._set_state(job, JobState.QUEUED)
            event = JobStateChanged(job_id, JobState.QUEUED)
        self._emit(event)
        self._schedule()

    def jobs(self) -> list[JobSnapshot]:
        with self._lock:
            return [job.snapshot() for job in self._jobs.values()]

    def job(self, job_id: int) -> JobSnapshot:
        with self._lock:
            return self._jobs[job_id].snapshot()

    def wait(self, job_id: int, timeout: float | None = None) -> JobSnapshot:
        """Block until the job is no longer queued or running (for the CLI and tests)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._lock:
                job = self._jobs[job_id]
                thread = job.thread
                idle = thread is None or not thread.is_alive()
                settled = job.state not in _RUNNING and job.state is not JobState.QUEUED
                if idle and (settled or self._closed):
                    return job.snapshot()
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError(f"download job {job_id} still running")
            if thread is not None:
                thread.join(0.05 if left is None else min(0.05, left))
            else:
                time.sleep(0.01)

    def restore(self) -> list[JobSnapshot]:
        """List unfinished downloads from a previous run (``.part`` + sidecar) as paused.

        No request is made: the sidecar says what each ``.part`` is; Resume checks it
        against the Hub before continuing.
        """
        groups: dict[tuple[str, str, tuple[str, ...]], list[Path]] = {}
        if self._models_dir.is_dir():
            for sidecar in sorted(self._models_dir.rglob("*" + SIDECAR_SUFFIX)):
                data, _ = read_json(sidecar)
                key = _restorable(data)
                if key is None:
                    continue
                dest = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)])
                if not _part(dest).exists():
                    if dest.exists():  # finished but the sidecar outlived a crash
                        sidecar.unlink(missing_ok=True)
                    continue
                assert isinstance(data, dict)
                if dest_for(self._models_dir, key[0], str(data["filename"])) != dest:
                    continue  # moved by hand: it no longer says where it belongs
                groups.setdefault(key, []).append(dest)
        added: list[_Job] = []
        with self._lock:
            taken = {d for j in self._jobs.values() if j.state not in _FINISHED for d in j.dests}
            for (repo_id, revision, names), _parts in groups.items():
                dests = tuple(dest_for(self._models_dir, repo_id, n) for n in names)
                if taken & set(dests):
                    continue
                job = self._add(repo_id, names, revision, dests, JobState.PAUSED)
                job.done, job.total = _restored_progress(dests)
                added.append(job)
        for job in added:
            self._emit(JobAdded(job.job_id, job.repo_id, job.filenames, job.revision,
                                JobState.PAUSED))
        return [job.snapshot() for job in added]

    def close(self, timeout: float = 10.0) -> None:
        """Stop the workers; partial files stay for ``restore()`` in the next run."""
        with self._lock:
            self._closed = True
            running = [j for j in self._jobs.values() if j.thread is not None]
            for job in running:
                job.stop = "close"
                job.wake.set()
        deadline = time.monotonic() + timeout
        for job in running:
            if job.thread is not None:
                job.thread.join(max(0.0, deadline - time.monotonic()))

    # --- scheduling -----------------------------------------------------------------

    def _add(self, repo_id: str, names: tuple[str, ...], revision: str,
             dests: tuple[Path, ...], state: JobState) -> _Job:
        job = _Job(self._next_id, repo_id, names, revision, dests, state=state)
        self._jobs[job.job_id] = job
        self._next_id += 1
        return job

    def _schedule(self) -> None:
        started: list[tuple[_Job, JobStateChanged]] = []
        with self._lock:
            if self._closed:
                return
            running = sum(1 for j in self._jobs.values() if j.thread is not None)
            for job in self._jobs.values():
                if running >= self._max_parallel:
                    break
                if job.state is JobState.QUEUED and job.thread is None:
                    job.stop = None
                    job.wake.clear()
                    job.message = job.reason = ""
                    self._set_state(job, JobState.DOWNLOADING)
                    job.thread = threading.Thread(target=self._run, args=(job,), daemon=True,
                                                  name=f"prosa-download-{job.job_id}")
                    running += 1
                    started.append((job, JobStateChanged(job.job_id, JobState.DOWNLOADING)))
        for job, event in started:
            self._emit(event)
            assert job.thread is not None
            job.thread.start()

    def _request_stop(self, job_id: int, why: str) -> None:
        events: list[DownloadEvent] = []
        with self._lock:
            job = self._jobs[job_id]
            if job.state in _FINISHED:
                return
            if job.state in _RUNNING:  # the worker stops at its next check
                if job.stop != "cancel":
                    job.stop = why
                job.wake.set()
                return
            if why == "pause":
                if job.state is JobState.QUEUED:
                    self._set_state(job, JobState.PAUSED)
                    events.append(JobStateChanged(job_id, JobState.PAUSED))
            else:
                self._delete_parts(job)
                self._set_state(job, JobState.CANCELLED)
                events.append(JobStateChanged(job_id, JobState.CANCELLED))
        for event in events:
            self._emit(event)

    def _set_state(self, job: _Job, state: JobState, message: str = "",
                   reason: str = "") -> None:
        job.state, job.message, job.reason = state, message, reason

    def _delete_parts(self, job: _Job) -> None:
        job.cursors.clear()
        for dest in job.dests:
            for path in (_part(dest), _sidecar(dest)):
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    log.warning("could not delete %s", path, exc_info=True)

    def _emit(self, event: DownloadEvent) -> None:
        try:
            self._on_event(event)
        except Exception:
            log.exception("download event handler failed on %r", event)

    def _offline_error(self) -> DownloadError:
        return DownloadError(
            "Offline mode is on, so Prosa does not connect to the Hub. Turn offline mode off "
            "in Settings to download models.", reason="offline")

    # --- one job, on its worker thread --------------------------------------------

    def _run(self, job: _Job) -> None:
        final: list[DownloadEvent] = []
        try:
            paths = self._download_job(job)
        except _Stop as stop:
            with self._lock:
                if job.stop is None and stop.why == "pause":
                    # Resumed while this worker was already stopping: run again.
                    self._set_state(job, JobState.QUEUED)
                elif (job.stop or stop.why) == "cancel":
                    self._delete_parts(job)
                    self._set_state(job, JobState.CANCELLED)
                else:
                    self._set_state(job, JobState.PAUSED)
                final.append(JobStateChanged(job.job_id, job.state))
        except DownloadError as exc:
            log.info("download %s failed: %s (%s)", job.job_id, exc.message, exc.details)
            with self._lock:
                if job.stop == "cancel":
                    self._delete_parts(job)
                    self._set_state(job, JobState.CANCELLED)
                else:
                    self._set_state(job, JobState.FAILED, exc.message, exc.reason)
                final.append(JobStateChanged(job.job_id, job.state, job.message, job.reason))
        except Exception:
            log.exception("download %s failed unexpectedly", job.job_id)
            with self._lock:
                self._set_state(job, JobState.FAILED,
                                "The download stopped because of an unexpected problem; "
                                "press Retry to continue from where it stopped.", "internal")
                final.append(JobStateChanged(job.job_id, job.state, job.message, job.reason))
        else:
            with self._lock:
                self._set_state(job, JobState.DONE)
            final += [JobStateChanged(job.job_id, JobState.DONE), JobDone(job.job_id, paths)]
        for event in final:
            self._emit(event)
        with self._lock:
            job.thread = None
            job.stop = None
        self._schedule()

    def _download_job(self, job: _Job) -> tuple[Path, ...]:
        if self._offline:
            raise self._offline_error()
        infos: dict[str, tuple[str | None, dict[str, RepoSibling]]] = {}
        plans = [self._resolve(job, name, dest, infos)
                 for name, dest in zip(job.filenames, job.dests, strict=True)]
        job.total = sum(p.size for p in plans)
        pending = [p for p in plans if not self._already_verified(job, p)]
        done_before = job.total - sum(p.size for p in pending)
        self._check_disk_space(pending)
        job.done = done_before + sum(_size_or_zero(p.part) for p in pending)
        job.meter.reset()
        job.transferred = 0
        self._progress(job, force=True)
        base = done_before
        for plan in pending:
            self._transfer(job, plan, base)
            base += plan.size
            job.done = base
        self._progress(job, force=True)
        return job.dests

    # --- metadata -----------------------------------------------------------------

    def _token_arg(self) -> str | bool:
        return self._token or False

    def _resolve(self, job: _Job, filename: str, dest: Path,
                 infos: dict[str, tuple[str | None, dict[str, RepoSibling]]]) -> _FilePlan:
        url = hf_hub_url(job.repo_id, filename, revision=job.revision, endpoint=self._endpoint)
        meta = self._with_retries(job, filename, lambda: get_hf_file_metadata(
            url, token=self._token_arg(), timeout=self._timeout_s, endpoint=self._endpoint))
        key = meta.commit_hash or job.revision
        if key not in infos:
            api = HfApi(endpoint=self._endpoint, token=self._token_arg())
            info = self._with_retries(job, filename, lambda: api.model_info(
                job.repo_id, revision=key, files_metadata=True, timeout=self._timeout_s))
            infos[key] = (info.sha, {s.rfilename: s for s in info.siblings or []})
        info_sha, siblings = infos[key]
        sibling = siblings.get(filename)
        if sibling is None:
            raise DownloadError(
                f"{job.repo_id} has no file named {filename} at revision {job.revision}. "
                "Check the file name.", reason="not_found")
        lfs = sibling.lfs
        size = lfs.size if lfs is not None else sibling.size
        if size is None:
            size = meta.size
        if size is None or (meta.size is not None and meta.size != size):
            raise DownloadError(
                f"The Hub gave inconsistent information about {filename}; try again later.",
                details=f"model_info size={size}, file metadata size={meta.size}",
                reason="server")
        return _FilePlan(
            filename=filename, dest=dest, url=url, location=meta.location,
            commit=meta.commit_hash or info_sha, etag=meta.etag, size=size,
            sha256=lfs.sha256.lower() if lfs is not None else None,
            blob_id=sibling.blob_id if lfs is None else None)

    def _refresh_location(self, job: _Job, plan: _FilePlan) -> _FilePlan:
        """Signed download URLs expire: ask the Hub for a fresh one for the same file."""
        meta = self._with_retries(job, plan.filename, lambda: get_hf_file_metadata(
            plan.url, token=self._token_arg(), timeout=self._timeout_s, endpoint=self._endpoint))
        if meta.size is not None and meta.size != plan.size:
            raise _Restart(f"{plan.filename} changed on the Hub during the download.")
        return replace(plan, location=meta.location)

    def _with_retries(self, job: _Job, filename: str, action: Callable[[], _T]) -> _T:
        failures = 0
        while True:
            self._check_stop(job)
            try:
                return action()
            except (HfHubHTTPError, httpx2.TransportError, OfflineModeIsEnabled) as exc:
                failure = self._classify(exc, job, filename)
                failures += 1
                if not failure.retry or failures >= self._retry.attempts:
                    raise failure.error from exc
                self._sleep(job, failure.wait, failures)

    def _classify(self, exc: Exception, job: _Job, filename: str) -> _Failure:
        if isinstance(exc, OfflineModeIsEnabled):
            return _Failure(DownloadError(
                "Downloads are blocked because HF_HUB_OFFLINE is set in the environment. "
                "Unset it and restart Prosa to download models.", str(exc), "offline"), False)
        if isinstance(exc, HfHubHTTPError):
            response = exc.response
            return self._status_failure(response.status_code, response.headers, job, filename,
                                        str(exc))
        host = urlsplit(self._endpoint).netloc or self._endpoint
        return _Failure(DownloadError(
            f"Cannot reach {host}: {type(exc).__name__} ({exc or 'no details'}). Check the "
            "internet connection (and the proxy settings, if you use one), then press Retry.",
            repr(exc), "network"), True)

    def _status_failure(self, status: int, headers: httpx2.Headers, job: _Job, filename: str,
                        details: str = "") -> _Failure:
        repo, page = job.repo_id, f"{self._endpoint}/{job.repo_id}"
        code = headers.get("X-Error-Code", "")
        details = details or f"HTTP {status} {headers.get('X-Error-Message', '')}"
        if status == 429:
            retry_after = headers.get("Retry-After", "").strip()
            wait = float(retry_after) if retry_after.isdigit() else None
            if wait is not None:
                wait = min(wait, self._retry.max_retry_after)
            return _Failure(DownloadError(
                "The Hub is limiting how many requests Prosa may make right now (HTTP 429). "
                "Wait a few minutes, then press Retry.", details, "rate_limited"), True, wait)
        if status == 408 or status >= 500:
            return _Failure(DownloadError(
                f"The Hub had a server error (HTTP {status}) several times in a row. "
                "This is usually temporary: try again in a few minutes.", details, "server"),
                True)
        if code == "GatedRepo" or status == 403:
            account = "the account your token belongs to" if self._token else "your account"
            return _Failure(DownloadError(
                f"{repo} is a gated model: open {page}, accept its licence with {account}, "
                "then " + ("press Retry (approval can take a while)." if self._token else
                           "add an access token from that account in Settings and press Retry."),
                details, "gated"), False)
        if status == 401:
            message = (
                f"Your access token was not accepted for {repo}. Check that it is correct "
                "and has read access, then press Retry." if self._token else
                f"{repo} needs an access token: it is private (or does not exist). Add a "
                "Hugging Face access token in Settings, then press Retry.")
            return _Failure(DownloadError(message, details, "auth"), False)
        if status in (404, 410):
            if code == "RevisionNotFound":
                message = f"{repo} has no branch, tag or commit named {job.revision!r}."
            elif code == "EntryNotFound":
                message = f"{repo} has no file named {filename} (revision {job.revision})."
            else:
                message = (f"Not found on the Hub: {repo} / {filename}. Check the repository "
                           "and file names.")
            return _Failure(DownloadError(message, details, "not_found"), False)
        return _Failure(DownloadError(
            f"The Hub refused to send {filename} (HTTP {status}).", details, "http"), False)

    def _sleep(self, job: _Job, wait: float | None, failures: int) -> None:
        delay = wait if wait is not None else self._retry.delay(failures)
        if job.wake.wait(delay):
            self._check_stop(job)

    def _check_stop(self, job: _Job) -> None:
        why = job.stop
        if why is not None:
            raise _Stop(why)

    # --- local state ----------------------------------------------------------------

    def _already_verified(self, job: _Job, plan: _FilePlan) -> bool:
        """A finished copy of this exact version is not fetched again (hashed at most once)."""
        expected = plan.expected_digest()
        try:
            stat = plan.dest.stat()
        except OSError:
            return False
        if stat.st_size != plan.size or expected is None:
            return False
        cache_file = plan.dest.parent / VERIFIED_CACHE
        data, _ = read_json(cache_file)
        cache: dict[str, Any] = data if isinstance(data, dict) else {}
        entry = cache.get(plan.filename)
        if isinstance(entry, dict) and entry.get("size") == stat.st_size \
                and entry.get("mtime_ns") == stat.st_mtime_ns:
            return bool(entry.get("digest") == expected)
        hasher = plan.new_hasher()
        assert hasher is not None
        try:
            with plan.dest.open("rb") as handle:
                while block := handle.read(_HASH_BLOCK):
                    self._check_stop(job)
                    hasher.update(block)
        except OSError:
            return False
        if hasher.hexdigest() != expected:
            return False  # another version: download the new one, replace on success
        _remember_verified(plan.dest, plan.filename, expected)
        return True

    def _check_disk_space(self, plans: list[_FilePlan]) -> None:
        if not plans:
            return
        folder = plans[0].dest.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            free = shutil.disk_usage(folder).free
        except OSError as exc:
            raise _io_error(exc, folder, 0) from exc
        remaining = sum(max(0, p.size - _size_or_zero(p.part)) for p in plans)
        needed = remaining + DISK_MARGIN
        if free < needed:
            raise DownloadError(
                f"Not enough disk space: needs {_human(needed)}, {_human(free)} free on "
                f"{folder}.", details=f"remaining={remaining} margin={DISK_MARGIN} free={free}",
                reason="no_space")

    # --- the transfer ---------------------------------------------------------------

    def _transfer(self, job: _Job, plan: _FilePlan, base: int) -> None:
        for _ in range(3):
            try:
                self._transfer_once(job, plan, base)
                return
            except _Restart:
                old_size = plan.size
                plan = self._resolve(job, plan.filename, plan.dest, {})
                job.total = (job.total or 0) + plan.size - old_size
        raise DownloadError(f"{plan.filename} keeps changing on the Hub; try again later.",
                            reason="changed")

    def _transfer_once(self, job: _Job, plan: _FilePlan, base: int) -> None:
        cursor = self._prepare_part(job, plan)
        try:
            out = open(plan.part, "r+b", buffering=0)  # noqa: SIM115 - closed below
        except OSError as exc:
            raise _io_error(exc, plan.part, base) from exc
        try:
            try:
                self._fetch(job, plan, base, out, cursor)
            except (_Stop, _Restart, DownloadError):
                raise
            except Exception:
                # The hash state is unknown: the next attempt hashes the .part again.
                job.cursors.pop(plan.filename, None)
                raise
            with self._lock:
                self._set_state(job, JobState.VERIFYING)
            self._emit(JobStateChanged(job.job_id, JobState.VERIFYING))
            try:
                os.fsync(out.fileno())
            except OSError as exc:
                raise _io_error(exc, plan.part, base + cursor.have) from exc
        finally:
            out.close()
        job.cursors.pop(plan.filename, None)
        digest = cursor.hasher.hexdigest() if cursor.hasher is not None else None
        if cursor.have != plan.size or digest != plan.expected_digest():
            plan.part.unlink(missing_ok=True)
            plan.sidecar.unlink(missing_ok=True)
            what = "SHA-256" if plan.sha256 else ("git hash" if plan.blob_id else "size")
            raise DownloadError(
                f"The downloaded file is damaged (its {what} does not match the Hub's), so it "
                f"was deleted. Press Retry to download {plan.filename} again.",
                details=f"expected size={plan.size} digest={plan.expected_digest()}; "
                        f"got size={cursor.have} digest={digest}", reason="damaged")
        self._install(plan)
        if plan.dest != job.dests[-1]:
            with self._lock:
                self._set_state(job, JobState.DOWNLOADING)
            self._emit(JobStateChanged(job.job_id, JobState.DOWNLOADING))

    def _prepare_part(self, job: _Job, plan: _FilePlan) -> _Cursor:
        """Trust a ``.part`` only if its sidecar describes the file the Hub has now."""
        data, _ = read_json(plan.sidecar)
        part_exists = plan.part.exists()
        matches = isinstance(data, dict) and data.get("repo_id") == job.repo_id and \
            data.get("filename") == plan.filename and data.get("identity") == plan.identity()
        try:
            plan.dest.parent.mkdir(parents=True, exist_ok=True)
            write_json(plan.sidecar, {
                "version": _SIDECAR_VERSION, "repo_id": job.repo_id, "revision": job.revision,
                "commit": plan.commit, "filename": plan.filename, "job_files": job.filenames,
                "url": plan.url, "size": plan.size, "sha256": plan.sha256,
                "blob_id": plan.blob_id, "etag": plan.etag, "identity": plan.identity()})
            if not matches or not part_exists:
                if part_exists and isinstance(data, dict):
                    self._restart_notice(job, f"{plan.filename} changed on the Hub since this "
                                              "download began.")
                job.cursors.pop(plan.filename, None)
                with open(plan.part, "wb"):
                    pass
            have = plan.part.stat().st_size
            if have > plan.size:
                os.truncate(plan.part, 0)
                have = 0
        except OSError as exc:
            raise _io_error(exc, plan.part, job.done) from exc
        kept = job.cursors.get(plan.filename)
        if kept is not None and kept.have == have:
            return kept
        cursor = _Cursor(0, plan.new_hasher())
        if have:
            self._hash_existing(job, plan.part, have, cursor)
        job.cursors[plan.filename] = cursor
        return cursor

    def _hash_existing(self, job: _Job, part: Path, have: int, cursor: _Cursor) -> None:
        # Hashed once per process: the cursor then follows every byte written.
        if cursor.hasher is None:
            cursor.have = have
            return
        try:
            with part.open("rb") as handle:
                while cursor.have < have:
                    self._check_stop(job)
                    block = handle.read(min(_HASH_BLOCK, have - cursor.have))
                    if not block:
                        raise OSError(errno.EIO, "the partial file shrank while being read")
                    cursor.hasher.update(block)
                    cursor.have += len(block)
        except OSError as exc:
            raise _io_error(exc, part, have) from exc

    def _restart_notice(self, job: _Job, reason: str) -> None:
        message = f"{reason} Starting it again from the beginning."
        with self._lock:
            job.message = message
        self._emit(JobStateChanged(job.job_id, JobState.DOWNLOADING, message, "changed"))

    def _fetch(self, job: _Job, plan: _FilePlan, base: int, out: io.FileIO,
               cursor: _Cursor) -> None:
        """The ranged-GET loop: returns when the whole file is on disk (or raises)."""
        failures = 0
        refreshed = False
        out.seek(cursor.have)
        while cursor.have < plan.size:
            self._check_stop(job)
            before = cursor.have
            headers = self._headers_for(plan.location)
            if cursor.have:
                headers["Range"] = f"bytes={cursor.have}-"
            try:
                with get_session().stream("GET", plan.location, headers=headers,
                                          timeout=self._timeout, follow_redirects=True) as response:
                    failure = self._check_response(job, plan, base, out, cursor, response,
                                                   can_refresh=not refreshed)
                    if failure is None:
                        self._stream(job, plan, base, out, cursor, response)
            except httpx2.TransportError as exc:
                failure = self._classify(exc, job, plan.filename)
            if failure is not None and failure.error.reason == "refresh":
                refreshed = True  # a signed download URL may have expired: get a fresh one
                plan.location = self._refresh_location(job, plan).location
                continue
            if cursor.have > before:
                failures = 0
            if cursor.have >= plan.size:
                break
            if failure is None:  # the body ended early without an error: same as a drop
                failure = _Failure(DownloadError(
                    f"The connection kept closing before {plan.filename} was complete. "
                    "Press Retry to continue from where it stopped.", reason="network"), True)
            failures += int(failure.counts)
            if not failure.retry or failures >= self._retry.attempts:
                raise failure.error
            if cursor.have == before:
                self._sleep(job, failure.wait, failures)

    def _check_response(self, job: _Job, plan: _FilePlan, base: int, out: io.FileIO,
                        cursor: _Cursor, response: httpx2.Response,
                        can_refresh: bool) -> _Failure | None:
        """None when the body is the continuation we want (after rewinding if need be)."""
        status = response.status_code
        start = _range_start(response.headers)
        if status == 206 and start == cursor.have:
            return None
        if status == 200 or (status == 206 and start == 0):
            if cursor.have:
                log.info("%s ignored the Range header: starting over", plan.filename)
                self._rewind(out, plan, base, cursor)
            return None
        if status == 416:
            log.info("range %d- not satisfiable for %s: starting over", cursor.have,
                     plan.filename)
            restart = cursor.have > 0
            self._rewind(out, plan, base, cursor)
            return _Failure(DownloadError(
                f"The server would not send {plan.filename} (HTTP 416, range not "
                "satisfiable), not even from the beginning; try again later.", reason="http"),
                True, 0.0, counts=not restart)
        if status == 206:
            return _Failure(DownloadError(
                f"The server sent the wrong part of {plan.filename}; try again later.",
                f"asked from {cursor.have}, got Content-Range "
                f"{response.headers.get('Content-Range')}", "http"), True)
        if status in (401, 403, 404, 410) and plan.location != plan.url and can_refresh:
            return _Failure(DownloadError("download URL refused", f"HTTP {status}", "refresh"),
                            False)
        return self._status_failure(status, response.headers, job, plan.filename)

    def _stream(self, job: _Job, plan: _FilePlan, base: int, out: io.FileIO,
                cursor: _Cursor, response: httpx2.Response) -> None:
        # The appender keeps file and hash in step (see _Appender); progress counts bytes
        # received, then what is in the file once the appender is done.
        try:
            with _Appender(out, cursor, plan.part, base,
                           f"prosa-download-{job.job_id}-hashing") as appender:
                for piece in response.iter_raw():
                    if job.stop is not None:
                        raise _Stop(job.stop)
                    had = cursor.have + appender.pending
                    if had + len(piece) > plan.size:
                        raise DownloadError(
                            f"The server sent more data than {plan.filename} has; press "
                            "Retry.", f"size={plan.size}, had {had}, got {len(piece)} more",
                            "damaged")
                    appender.add(piece)
                    job.done = base + had + len(piece)
                    job.transferred += len(piece)
                    self._progress(job)
        finally:
            job.done = base + cursor.have

    def _rewind(self, out: io.FileIO, plan: _FilePlan, base: int, cursor: _Cursor) -> None:
        try:
            out.truncate(0)
            out.seek(0)
        except OSError as exc:
            raise _io_error(exc, plan.part, base) from exc
        cursor.have, cursor.hasher = 0, plan.new_hasher()

    def _headers_for(self, location: str) -> dict[str, str]:
        # The token goes only to the Hub itself, never to a CDN or storage host.
        same_origin = _origin(location) == _origin(self._endpoint)
        headers = build_hf_headers(token=self._token_arg() if same_origin else False)
        headers["Accept-Encoding"] = "identity"
        return headers

    def _install(self, plan: _FilePlan) -> None:
        try:
            os.replace(plan.part, plan.dest)
        except OSError as exc:
            raise DownloadError(
                f"Could not put {plan.dest.name} in place ({exc.strerror or exc}). If the "
                "model is loaded, unload it, then press Retry.", repr(exc), "io") from exc
        _fsync_dir(plan.dest.parent)
        plan.sidecar.unlink(missing_ok=True)
        digest = plan.expected_digest()
        if digest is not None:
            _remember_verified(plan.dest, plan.filename, digest)

    def _progress(self, job: _Job, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - job.last_progress < PROGRESS_INTERVAL:
            return
        job.last_progress = now
        total = job.total or 0
        speed = job.meter.add(now, job.transferred)
        eta = (total - job.done) / speed if speed > 0 else None
        self._emit(JobProgress(job.job_id, job.done, total, speed, eta))


class _Restart(Exception):
    """The file changed on the Hub mid-download: resolve it again and start over."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- module helpers -----------------------------------------------------------------


def _write_pieces(out: io.FileIO, pieces: list[bytes]) -> None:
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


def _cut_back(out: io.FileIO, part: Path, have: int) -> None:
    """After a failed write: drop what the failed call may have written."""
    try:
        out.truncate(have)
        out.seek(have)
    except OSError:
        log.warning("could not cut %s back to %d bytes", part, have, exc_info=True)


def _start_writeback(fd: int, offset: int, length: int) -> None:
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


def _io_error(exc: OSError, path: Path, kept: int) -> DownloadError:
    if exc.errno in _NO_SPACE_ERRNOS:
        return DownloadError(
            f"The disk filled up while downloading {path.name.removesuffix(PART_SUFFIX)} to "
            f"{path.parent}. The {_mb(kept)} MB downloaded so far are kept; free some space "
            "and press Resume.", repr(exc), "disk_full")
    return DownloadError(f"Could not write {path}: {exc.strerror or exc}.", repr(exc), "io")


def _range_start(headers: httpx2.Headers) -> int | None:
    match = _CONTENT_RANGE.match(headers.get("Content-Range", ""))
    return int(match.group(1)) if match else None


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remember_verified(dest: Path, filename: str, digest: str) -> None:
    """Cache the digest keyed by size and mtime, so a later check needs no re-hash."""
    cache_file = dest.parent / VERIFIED_CACHE
    try:
        stat = dest.stat()
        data, _ = read_json(cache_file)
        cache: dict[str, Any] = data if isinstance(data, dict) else {}
        cache[filename] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "digest": digest}
        write_json(cache_file, cache)
    except OSError:
        log.warning("could not update %s", cache_file, exc_info=True)  # a cache only


def _restorable(data: object) -> tuple[str, str, tuple[str, ...]] | None:
    if not isinstance(data, dict) or data.get("version") != _SIDECAR_VERSION:
        return None
    repo_id, revision, files = data.get("repo_id"), data.get("revision"), data.get("job_files")
    if not isinstance(repo_id, str) or not isinstance(revision, str) or \
            not isinstance(files, list) or not all(isinstance(f, str) for f in files) or \
            not isinstance(data.get("filename"), str):
        return None
    try:
        validate_repo_id(repo_id)
        for name in files:
            _check_filename(name)
    except (HFValidationError, DownloadError):
        return None
    return repo_id, revision, tuple(files)


def _restored_progress(dests: tuple[Path, ...]) -> tuple[int, int | None]:
    done, total, known = 0, 0, True
    for dest in dests:
        data, _ = read_json(_sidecar(dest))
        part = _size_or_zero(_part(dest))
        if isinstance(data, dict) and isinstance(data.get("size"), int):
            total += data["size"]
            done += part
        elif dest.exists():
            size = _size_or_zero(dest)
            done += size
            total += size
        else:
            known = False
    return done, (total if known else None)


# --- the CLI's synchronous helper ---------------------------------------------------


def download_file(models_dir: Path, repo_id: str, filename: str, endpoint: str,
                  token: str | None,
                  on_progress: Callable[[JobProgress], None] | None = None, *,
                  revision: str = "main", retry: RetryPolicy = RetryPolicy()) -> Path:
    """Download one file (resuming any ``.part`` left before) and return its verified path.

    Raises :class:`DownloadError` with the same messages the app shows.  Ctrl-C stops
    the transfer and keeps the partial file for the next call.
    """

    def on_event(event: DownloadEvent) -> None:
        if on_progress is not None and isinstance(event, JobProgress):
            on_progress(event)

    manager = DownloadManager(models_dir, endpoint, token, offline=False, on_event=on_event,
                              retry=retry)
    try:
        job_id = manager.enqueue(repo_id, [filename], revision)
        snapshot = manager.wait(job_id)
    finally:
        manager.close()
    if snapshot.state is not JobState.DONE:
        raise DownloadError(snapshot.message or f"The download of {filename} did not finish.",
                            reason=snapshot.reason)
    return snapshot.paths[0]
