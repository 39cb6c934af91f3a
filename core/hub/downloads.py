"""Download models from the Hugging Face Hub into Prosa's model folder.

Why not simply ``hf_hub_download``: it resumes a dropped transfer only at 10 MiB
boundaries, starts again from zero after the app restarts, and checks a finished file's
size but not its SHA-256.  For multi-gigabyte models on flaky links that wastes hours
and can put a damaged file in the library.  So the transfer itself is a thin ranged-GET
loop of our own, and everything around it comes from huggingface_hub.

This module is the downloads' public face (the window and the CLI import from here);
the work is done by one module per job:

* ``core.hub.queue``: :class:`DownloadManager`, the queue of jobs, their states and
  events, pause, resume, cancel, restore after a restart, the worker threads;
* ``core.hub.transfer``: one job on its worker: the file's metadata, the ranged GETs,
  retries and the checks of each response;
* ``core.hub.disk``: the ``.part`` and its sidecar, space checks, verification and
  putting the file in place; ``core.hub.appender`` writes and hashes the bytes as they
  arrive;
* ``core.hub.jobs``: the states, events and snapshots the window sees;
* ``core.hub.errors``: what a failure means (shared with search), and its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.hub.disk import dest_for
from core.hub.errors import DownloadError
from core.hub.jobs import (
    DEFAULT_RETRY,
    DownloadEvent,
    JobAdded,
    JobDone,
    JobProgress,
    JobSnapshot,
    JobState,
    JobStateChanged,
    RetryPolicy,
)
from core.hub.queue import DownloadManager


def download_file(models_dir: Path, repo_id: str, filename: str, endpoint: str,
                  token: str | None,
                  on_progress: Callable[[JobProgress], None] | None = None, *,
                  revision: str = "main", retry: RetryPolicy = DEFAULT_RETRY) -> Path:
    """Download one file (resuming any ``.part`` left before) and return its verified path.

    A failed job raises :class:`DownloadError` with the code and message the app shows
    (a request refused before the job starts raises its own ``HubError``).  Ctrl-C
    stops the transfer and keeps the partial file for the next call.
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
    if snapshot.state is JobState.DONE:
        return snapshot.paths[0]
    if snapshot.problem is not None:
        raise DownloadError.from_problem(snapshot.problem)
    raise DownloadError("download.unfinished", "The download of {file} did not finish.",
                        file=filename)


__all__ = [
    "DownloadError",
    "DownloadEvent",
    "DownloadManager",
    "JobAdded",
    "JobDone",
    "JobProgress",
    "JobSnapshot",
    "JobState",
    "JobStateChanged",
    "RetryPolicy",
    "dest_for",
    "download_file",
]
