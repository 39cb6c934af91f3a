"""A download job as the rest of Prosa sees it: its states, its events, its snapshot;
and the small pieces of state a worker keeps for it across pauses.

Events are frozen dataclasses because they cross threads: a worker makes them and
the window shows them (``ui.downloads_view``).  Why a job failed, or what the user
should know while it runs, travels as a :class:`~core.errors.Problem`, so the window
shows it in the user's language and ``reason`` (see ``core.hub.errors``) says what
to offer next.
"""

from __future__ import annotations

import enum
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol

from core.errors import Problem
from core.hub.errors import reason_of

#: Seconds of samples behind a speed: steady enough to read, quick to follow changes.
SPEED_WINDOW: Final = 3.0


class JobState(enum.StrEnum):
    QUEUED = "queued"
    DOWNLOADING = "downloading"
    PAUSED = "paused"
    VERIFYING = "verifying"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


RUNNING: Final = frozenset({JobState.DOWNLOADING, JobState.VERIFYING})
RESUMABLE: Final = frozenset({JobState.PAUSED, JobState.FAILED})
FINISHED: Final = frozenset({JobState.DONE, JobState.CANCELLED})


def _message(problem: Problem | None) -> str:
    return problem.message if problem is not None else ""


def _reason(problem: Problem | None) -> str:
    return reason_of(problem.code) if problem is not None else ""


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
    """``problem`` says why a job failed, or notes something the user should know."""

    job_id: int
    state: JobState
    problem: Problem | None = None

    @property
    def message(self) -> str:
        """In English, for the CLI and the log."""
        return _message(self.problem)

    @property
    def reason(self) -> str:
        return _reason(self.problem)


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
    problem: Problem | None
    paths: tuple[Path, ...]

    @property
    def message(self) -> str:
        """In English, for the CLI and the log."""
        return _message(self.problem)

    @property
    def reason(self) -> str:
        return _reason(self.problem)


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


DEFAULT_RETRY: Final = RetryPolicy()


# --- what a worker keeps for a job ----------------------------------------------


class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...
    def copy(self) -> Hasher: ...


@dataclass(eq=False)
class Cursor:
    """How far a ``.part`` is written and hashed; the two always move together."""

    have: int
    hasher: Hasher | None


class RateMeter:
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


class Stop(Exception):
    """Raised in a worker when pause, cancel or close was asked for."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


@dataclass(eq=False)
class Job:
    """One job's mutable state; the manager's lock guards ``state``, ``problem``,
    ``stop`` and ``thread``, and only the job's worker writes the progress fields."""

    job_id: int
    repo_id: str
    filenames: tuple[str, ...]
    revision: str
    dests: tuple[Path, ...]
    state: JobState = JobState.QUEUED
    problem: Problem | None = None
    done: int = 0
    total: int | None = None
    stop: str | None = None
    wake: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    #: Hash state of each ``.part`` kept across pauses, so Resume needs no re-hash.
    cursors: dict[str, Cursor] = field(default_factory=dict)
    meter: RateMeter = field(default_factory=RateMeter)
    transferred: int = 0
    last_progress: float = 0.0

    def check_stop(self) -> None:
        why = self.stop
        if why is not None:
            raise Stop(why)

    def snapshot(self) -> JobSnapshot:
        return JobSnapshot(self.job_id, self.repo_id, self.filenames, self.revision,
                           self.state, self.done, self.total, self.problem, self.dests)
