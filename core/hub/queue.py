"""The download queue: jobs, their states and events, pause, resume, cancel, and the
worker threads that run them.

Threads: one worker thread per running job (at most ``max_parallel``), which runs
``core.hub.transfer``.  Pause, cancel and close set a flag the worker checks between
network reads (64 KiB at most), so they act within milliseconds on a live
connection; a stalled one is bounded by the read timeout.  Events go to ``on_event``
from whichever thread made the change, never while the manager's lock is held, so
the callback may call back into the manager.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from huggingface_hub.errors import HFValidationError

# Public, documented names; the lazy facade only hides them from mypy's re-export check.
from huggingface_hub.utils import validate_repo_id  # type: ignore[attr-defined]

from core.errors import Problem, ProsaError
from core.hub import disk
from core.hub.errors import DownloadError, HubOffline, bad_repo_name, offline
from core.hub.jobs import (
    DEFAULT_RETRY,
    FINISHED,
    RESUMABLE,
    RUNNING,
    DownloadEvent,
    Job,
    JobAdded,
    JobDone,
    JobSnapshot,
    JobState,
    JobStateChanged,
    RetryPolicy,
    Stop,
)
from core.hub.transfer import Connection, Transfer

log = logging.getLogger(__name__)


class DownloadManager:
    """A queue of Hub downloads run by worker threads; the UI watches ``on_event``."""

    def __init__(self, models_dir: Path, endpoint: str, token: str | None, offline: bool,
                 max_parallel: int = 1,
                 on_event: Callable[[DownloadEvent], None] = lambda event: None, *,
                 retry: RetryPolicy = DEFAULT_RETRY, timeout: float = 30.0) -> None:
        self._models_dir = models_dir
        self._conn = Connection(endpoint.rstrip("/"), token, offline, retry, timeout)
        self._max_parallel = max(1, max_parallel)
        self._on_event = on_event
        self._lock = threading.Lock()
        self._jobs: dict[int, Job] = {}
        self._next_id = 1
        self._closed = False

    # --- public API ---------------------------------------------------------------

    @property
    def models_dir(self) -> Path:
        return self._models_dir

    @property
    def offline(self) -> bool:
        """Whether no request may be sent (the user's offline switch)."""
        return self._conn.offline

    def set_endpoint(self, endpoint: str) -> None:
        """Used by jobs started from now on; a job's sidecar keeps the URL it began with."""
        self._conn.endpoint = endpoint.rstrip("/")

    def set_token(self, token: str | None) -> None:
        """Used from the next request on (Retry after adding a token works)."""
        self._conn.token = token

    def set_offline(self, offline: bool) -> None:
        """Turning offline mode on pauses running downloads; nothing is sent after."""
        self._conn.offline = offline
        if offline:
            with self._lock:
                ids = [j.job_id for j in self._jobs.values()
                       if j.state in RUNNING or j.state is JobState.QUEUED]
            for job_id in ids:
                self.pause(job_id)

    def enqueue(self, repo_id: str, filenames: Sequence[str], revision: str = "main") -> int:
        """Queue one job (split parts in order); returns its id.  Makes no request."""
        if isinstance(filenames, str):
            filenames = [filenames]
        if self._conn.offline:
            raise offline(HubOffline)
        try:
            validate_repo_id(repo_id)
        except HFValidationError as exc:
            raise bad_repo_name(repo_id, str(exc)) from exc
        if not filenames:
            raise DownloadError("download.bad_input.no_files", "No file to download was given.")
        names = tuple(filenames)
        dests = tuple(disk.dest_for(self._models_dir, repo_id, name) for name in names)
        with self._lock:
            if self._closed:
                raise RuntimeError("DownloadManager is closed")
            for job in self._jobs.values():
                if job.state in FINISHED or not set(job.dests) & set(dests):
                    continue
                if job.repo_id == repo_id and job.filenames == names:
                    return job.job_id
                raise DownloadError("download.duplicate",
                                    "{file} is already being downloaded in another job.",
                                    file=dests[0].name)
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
        if self._conn.offline:
            raise offline(HubOffline)
        with self._lock:
            job = self._jobs[job_id]
            if job.state in RUNNING and job.stop == "pause":
                job.stop = None  # the worker has not stopped yet: it simply carries on
                job.wake.clear()
                return
            if job.state not in RESUMABLE:
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
                settled = job.state not in RUNNING and job.state is not JobState.QUEUED
                if idle and (settled or self._closed):
                    return job.snapshot()
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError(f"download job {job_id} still running")
            # A job's thread is made under the lock but started after it (its "started"
            # event goes out first): one not started yet cannot be joined.
            if thread is not None and thread.ident is not None:
                thread.join(0.05 if left is None else min(0.05, left))
            else:
                time.sleep(0.01)

    def restore(self) -> list[JobSnapshot]:
        """List unfinished downloads from a previous run (``.part`` + sidecar) as paused.

        No request is made: the sidecar says what each ``.part`` is; Resume checks it
        against the Hub before continuing.
        """
        groups = disk.unfinished(self._models_dir)
        added: list[Job] = []
        with self._lock:
            taken = {d for j in self._jobs.values() if j.state not in FINISHED for d in j.dests}
            for (repo_id, revision, names), _parts in groups.items():
                dests = tuple(disk.dest_for(self._models_dir, repo_id, n) for n in names)
                if taken & set(dests):
                    continue
                job = self._add(repo_id, names, revision, dests, JobState.PAUSED)
                job.done, job.total = disk.restored_progress(dests)
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
             dests: tuple[Path, ...], state: JobState) -> Job:
        job = Job(self._next_id, repo_id, names, revision, dests, state=state)
        self._jobs[job.job_id] = job
        self._next_id += 1
        return job

    def _schedule(self) -> None:
        started: list[tuple[Job, JobStateChanged]] = []
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
            if job.state in FINISHED:
                return
            if job.state in RUNNING:  # the worker stops at its next check
                if job.stop != "cancel":
                    job.stop = why
                job.wake.set()
                return
            if why == "pause":
                if job.state is JobState.QUEUED:
                    self._set_state(job, JobState.PAUSED)
                    events.append(JobStateChanged(job_id, JobState.PAUSED))
            else:
                disk.delete_parts(job)
                self._set_state(job, JobState.CANCELLED)
                events.append(JobStateChanged(job_id, JobState.CANCELLED))
        for event in events:
            self._emit(event)

    def _set_state(self, job: Job, state: JobState, problem: Problem | None = None) -> None:
        job.state, job.problem = state, problem

    def _set_state_locked(self, job: Job, state: JobState, problem: Problem | None) -> None:
        with self._lock:
            self._set_state(job, state, problem)

    def _emit(self, event: DownloadEvent) -> None:
        try:
            self._on_event(event)
        except Exception:
            log.exception("download event handler failed on %r", event)

    # --- one job, on its worker thread --------------------------------------------

    def _run(self, job: Job) -> None:
        final: list[DownloadEvent] = []
        try:
            paths = Transfer(job, self._conn, self._emit, self._set_state_locked).run()
        except Stop as stop:
            with self._lock:
                if job.stop is None and stop.why == "pause":
                    # Resumed while this worker was already stopping: run again.
                    self._set_state(job, JobState.QUEUED)
                elif (job.stop or stop.why) == "cancel":
                    disk.delete_parts(job)
                    self._set_state(job, JobState.CANCELLED)
                else:
                    self._set_state(job, JobState.PAUSED)
                final.append(JobStateChanged(job.job_id, job.state))
        except ProsaError as exc:
            log.info("download %s failed: %s (%s)", job.job_id, exc.message, exc.details)
            with self._lock:
                if job.stop == "cancel":
                    disk.delete_parts(job)
                    self._set_state(job, JobState.CANCELLED)
                else:
                    self._set_state(job, JobState.FAILED, exc.problem)
                final.append(JobStateChanged(job.job_id, job.state, job.problem))
        except Exception:
            log.exception("download %s failed unexpectedly", job.job_id)
            with self._lock:
                self._set_state(job, JobState.FAILED, Problem.of(
                    "download.internal", "The download stopped because of an unexpected "
                    "problem; press Retry to continue from where it stopped.",
                    details=traceback.format_exc()))
                final.append(JobStateChanged(job.job_id, job.state, job.problem))
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
