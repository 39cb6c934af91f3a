"""One download job on its worker thread: ask the Hub what each file is, then fetch
it with ranged GETs, retrying what can be retried.

The metadata comes from huggingface_hub: the URL (``hf_hub_url``), the file's commit,
etag, size and download location (``get_hf_file_metadata``), the expected SHA-256
(``HfApi.model_info`` with ``files_metadata=True``), the auth headers
(``build_hf_headers``) and the HTTP client (``get_session()``, an httpx2 client).
``endpoint=`` is passed on every call because huggingface_hub reads ``HF_ENDPOINT``
only once, at import.

The transfer itself is a thin loop of our own: ``Range: bytes=<have>-`` continues
from the exact byte after a drop, a pause or a restart of the app; a server that
ignores Range (200 instead of 206) restarts hashing from zero and overwrites; a
signed download URL that has expired is asked for again.  Every HTTP failure becomes
an error through ``core.hub.errors``, the mapping search uses too, and its reason
says whether to retry: the network, the Hub's server errors and rate limits are
retried with growing waits (``Retry-After`` honoured), the rest fail at once.

Proxies: the client keeps httpx's ``trust_env``, so ``HTTPS_PROXY``, ``HTTP_PROXY``,
``ALL_PROXY`` and ``NO_PROXY`` from the environment apply, as for any other tool.
Tokens: the token given to the manager is the only one sent, and only to the Hub,
never to a CDN; a token saved by ``hf auth login`` is deliberately not picked up, so
what Settings show is what is used.
"""

from __future__ import annotations

import io
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, TypeVar
from urllib.parse import urlsplit

import httpx2
from huggingface_hub import HfApi, get_hf_file_metadata, get_session, hf_hub_url
from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled
from huggingface_hub.hf_api import RepoSibling

# Public, documented names; the lazy facade only hides them from mypy's re-export check.
from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

from core.errors import Problem, ProsaError
from core.hub import disk
from core.hub.appender import Appender
from core.hub.disk import FilePlan, io_error
from core.hub.errors import (
    Asked,
    DownloadError,
    HubOffline,
    HubRateLimited,
    HubServerError,
    file_not_found,
    from_exception,
    from_status,
    offline,
    reason_of,
)
from core.hub.jobs import (
    Cursor,
    DownloadEvent,
    Job,
    JobProgress,
    JobState,
    JobStateChanged,
    RetryPolicy,
    Stop,
)

log = logging.getLogger(__name__)

PROGRESS_INTERVAL: Final = 0.1
_CONTENT_RANGE: Final = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", re.IGNORECASE)
#: Failures worth trying again by themselves; the others need the user (a token, a name).
_RETRIED: Final = frozenset({"network", "server", "rate_limited"})

_T = TypeVar("_T")
Infos = dict[str, tuple[str | None, dict[str, RepoSibling]]]


@dataclass
class Connection:
    """How to reach the Hub: the manager changes it, each request reads it anew (so
    Retry after adding a token works)."""

    endpoint: str
    token: str | None
    offline: bool
    retry: RetryPolicy
    timeout: float

    def token_arg(self) -> str | bool:
        return self.token or False


class Restart(Exception):
    """The file changed on the Hub mid-download: resolve it again and start over."""


@dataclass
class _Failure:
    error: ProsaError
    retry: bool
    wait: float | None = None
    #: False for a deliberate restart: it must not use up the attempts.
    counts: bool = True
    #: The signed download URL was refused: ask the Hub for a fresh one first.
    refresh: bool = False


class Transfer:
    """Runs one job to its end on the calling (worker) thread, or raises.

    ``set_state`` changes the job's state under the manager's lock; ``emit`` sends
    an event, never while that lock is held.
    """

    def __init__(self, job: Job, conn: Connection, emit: Callable[[DownloadEvent], None],
                 set_state: Callable[[Job, JobState, Problem | None], None]) -> None:
        self.job = job
        self.conn = conn
        self._emit = emit
        self._set_state = set_state
        self._timeout = httpx2.Timeout(conn.timeout, connect=min(conn.timeout, 15.0))

    def run(self) -> tuple[Path, ...]:
        """Every file of the job downloaded, verified and in place."""
        job = self.job
        if self.conn.offline:
            raise offline(HubOffline)
        infos: Infos = {}
        plans = [self._resolve(name, dest, infos)
                 for name, dest in zip(job.filenames, job.dests, strict=True)]
        job.total = sum(p.size for p in plans)
        pending = [p for p in plans if not disk.already_verified(job, p)]
        done_before = job.total - sum(p.size for p in pending)
        disk.check_disk_space(pending)
        job.done = done_before + sum(disk.size_or_zero(p.part) for p in pending)
        job.meter.reset()
        job.transferred = 0
        self._progress(force=True)
        base = done_before
        for plan in pending:
            self._transfer(plan, base)
            base += plan.size
            job.done = base
        self._progress(force=True)
        return job.dests

    # --- metadata -----------------------------------------------------------------

    def _asked(self, filename: str) -> Asked:
        return Asked(self.conn.endpoint, self.job.repo_id, filename, self.job.revision,
                     bool(self.conn.token))

    def _resolve(self, filename: str, dest: Path, infos: Infos) -> FilePlan:
        job, conn = self.job, self.conn
        url = hf_hub_url(job.repo_id, filename, revision=job.revision, endpoint=conn.endpoint)
        meta = self._with_retries(filename, lambda: get_hf_file_metadata(
            url, token=conn.token_arg(), timeout=conn.timeout, endpoint=conn.endpoint))
        key = meta.commit_hash or job.revision
        if key not in infos:
            api = HfApi(endpoint=conn.endpoint, token=conn.token_arg())
            info = self._with_retries(filename, lambda: api.model_info(
                job.repo_id, revision=key, files_metadata=True, timeout=conn.timeout))
            infos[key] = (info.sha, {s.rfilename: s for s in info.siblings or []})
        info_sha, siblings = infos[key]
        sibling = siblings.get(filename)
        if sibling is None:
            raise file_not_found(self._asked(filename))
        lfs = sibling.lfs
        size = lfs.size if lfs is not None else sibling.size
        if size is None:
            size = meta.size
        if size is None or (meta.size is not None and meta.size != size):
            raise HubServerError(
                "hub.server.inconsistent",
                "The Hub gave inconsistent information about {file}; try again later.",
                details=f"model_info size={size}, file metadata size={meta.size}",
                file=filename)
        return FilePlan(
            filename=filename, dest=dest, url=url, location=meta.location,
            commit=meta.commit_hash or info_sha, etag=meta.etag, size=size,
            sha256=lfs.sha256.lower() if lfs is not None else None,
            blob_id=sibling.blob_id if lfs is None else None)

    def _refresh_location(self, plan: FilePlan) -> FilePlan:
        """Signed download URLs expire: ask the Hub for a fresh one for the same file."""
        conn = self.conn
        meta = self._with_retries(plan.filename, lambda: get_hf_file_metadata(
            plan.url, token=conn.token_arg(), timeout=conn.timeout, endpoint=conn.endpoint))
        if meta.size is not None and meta.size != plan.size:
            raise Restart
        return replace(plan, location=meta.location)

    def _with_retries(self, filename: str, action: Callable[[], _T]) -> _T:
        failures = 0
        while True:
            self.job.check_stop()
            try:
                return action()
            except (HfHubHTTPError, httpx2.TransportError, OfflineModeIsEnabled) as exc:
                failure = self._failure(from_exception(exc, self._asked(filename)))
                failures += 1
                if not failure.retry or failures >= self.conn.retry.attempts:
                    raise failure.error from exc
                self._sleep(failure.wait, failures)

    def _failure(self, error: ProsaError) -> _Failure:
        wait = None
        if isinstance(error, HubRateLimited) and error.retry_after is not None:
            wait = min(float(error.retry_after), self.conn.retry.max_retry_after)
        return _Failure(error, reason_of(error.code) in _RETRIED, wait)

    def _sleep(self, wait: float | None, failures: int) -> None:
        delay = wait if wait is not None else self.conn.retry.delay(failures)
        if self.job.wake.wait(delay):
            self.job.check_stop()

    # --- the transfer ---------------------------------------------------------------

    def _transfer(self, plan: FilePlan, base: int) -> None:
        for _ in range(3):
            try:
                self._transfer_once(plan, base)
                return
            except Restart:
                old_size = plan.size
                plan = self._resolve(plan.filename, plan.dest, {})
                self.job.total = (self.job.total or 0) + plan.size - old_size
        raise DownloadError("download.changed.keeps_changing",
                            "{file} keeps changing on the Hub; try again later.",
                            file=plan.filename)

    def _transfer_once(self, plan: FilePlan, base: int) -> None:
        job = self.job
        cursor, restarted = disk.prepare_part(job, plan)
        if restarted:
            notice = Problem.of("download.changed.restarted",
                                "{file} changed on the Hub since this download began. "
                                "Starting it again from the beginning.", file=plan.filename)
            self._set_state(job, JobState.DOWNLOADING, notice)
            self._emit(JobStateChanged(job.job_id, JobState.DOWNLOADING, notice))
        try:
            out = open(plan.part, "r+b", buffering=0)  # noqa: SIM115 - closed below
        except OSError as exc:
            raise io_error(exc, plan.part, base) from exc
        try:
            try:
                self._fetch(plan, base, out, cursor)
            except (Stop, Restart, ProsaError):
                raise
            except Exception:
                # The hash state is unknown: the next attempt hashes the .part again.
                job.cursors.pop(plan.filename, None)
                raise
            self._set_state(job, JobState.VERIFYING, None)
            self._emit(JobStateChanged(job.job_id, JobState.VERIFYING))
            try:
                os.fsync(out.fileno())
            except OSError as exc:
                raise io_error(exc, plan.part, base + cursor.have) from exc
        finally:
            out.close()
        job.cursors.pop(plan.filename, None)
        disk.check_complete(plan, cursor)
        disk.install(plan)
        if plan.dest != job.dests[-1]:
            self._set_state(job, JobState.DOWNLOADING, None)
            self._emit(JobStateChanged(job.job_id, JobState.DOWNLOADING))

    def _fetch(self, plan: FilePlan, base: int, out: io.FileIO, cursor: Cursor) -> None:
        """The ranged-GET loop: returns when the whole file is on disk (or raises)."""
        job = self.job
        failures = 0
        refreshed = False
        out.seek(cursor.have)
        while cursor.have < plan.size:
            job.check_stop()
            before = cursor.have
            headers = self._headers_for(plan.location)
            if cursor.have:
                headers["Range"] = f"bytes={cursor.have}-"
            try:
                with get_session().stream("GET", plan.location, headers=headers,
                                          timeout=self._timeout, follow_redirects=True) as response:
                    failure = self._check_response(plan, base, out, cursor, response,
                                                   can_refresh=not refreshed)
                    if failure is None:
                        self._stream(plan, base, out, cursor, response)
            except httpx2.TransportError as exc:
                failure = self._failure(from_exception(exc, self._asked(plan.filename)))
            if failure is not None and failure.refresh:
                refreshed = True  # a signed download URL may have expired: get a fresh one
                plan.location = self._refresh_location(plan).location
                continue
            if cursor.have > before:
                failures = 0
            if cursor.have >= plan.size:
                break
            if failure is None:  # the body ended early without an error: same as a drop
                failure = _Failure(DownloadError(
                    "download.network.incomplete",
                    "The connection kept closing before {file} was complete. Press Retry to "
                    "continue from where it stopped.", file=plan.filename), True)
            failures += int(failure.counts)
            if not failure.retry or failures >= self.conn.retry.attempts:
                raise failure.error
            if cursor.have == before:
                self._sleep(failure.wait, failures)

    def _check_response(self, plan: FilePlan, base: int, out: io.FileIO, cursor: Cursor,
                        response: httpx2.Response, can_refresh: bool) -> _Failure | None:
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
                "download.http.range",
                "The server would not send {file} (HTTP 416, range not satisfiable), not "
                "even from the beginning; try again later.", file=plan.filename),
                True, 0.0, counts=not restart)
        if status == 206:
            return _Failure(DownloadError(
                "download.http.wrong_part", "The server sent the wrong part of {file}; try "
                "again later.", details=f"asked from {cursor.have}, got Content-Range "
                f"{response.headers.get('Content-Range')}", file=plan.filename), True)
        error = from_status(status, response.headers, self._asked(plan.filename))
        if status in (401, 403, 404, 410) and plan.location != plan.url and can_refresh:
            return _Failure(error, False, refresh=True)
        return self._failure(error)

    def _stream(self, plan: FilePlan, base: int, out: io.FileIO, cursor: Cursor,
                response: httpx2.Response) -> None:
        # The appender keeps file and hash in step (see Appender); progress counts bytes
        # received, then what is in the file once the appender is done.
        job = self.job
        try:
            with Appender(out, cursor, plan.part, base,
                          f"prosa-download-{job.job_id}-hashing") as appender:
                for piece in response.iter_raw():
                    if job.stop is not None:
                        raise Stop(job.stop)
                    had = cursor.have + appender.pending
                    if had + len(piece) > plan.size:
                        raise DownloadError(
                            "download.damaged.too_long",
                            "The server sent more data than {file} has; press Retry.",
                            details=f"size={plan.size}, had {had}, got {len(piece)} more",
                            file=plan.filename)
                    appender.add(piece)
                    job.done = base + had + len(piece)
                    job.transferred += len(piece)
                    self._progress()
        finally:
            job.done = base + cursor.have

    def _rewind(self, out: io.FileIO, plan: FilePlan, base: int, cursor: Cursor) -> None:
        try:
            out.truncate(0)
            out.seek(0)
        except OSError as exc:
            raise io_error(exc, plan.part, base) from exc
        cursor.have, cursor.hasher = 0, plan.new_hasher()

    def _headers_for(self, location: str) -> dict[str, str]:
        # The token goes only to the Hub itself, never to a CDN or storage host.
        same_origin = _origin(location) == _origin(self.conn.endpoint)
        headers = build_hf_headers(token=self.conn.token_arg() if same_origin else False)
        headers["Accept-Encoding"] = "identity"
        return headers

    def _progress(self, force: bool = False) -> None:
        job = self.job
        now = time.monotonic()
        if not force and now - job.last_progress < PROGRESS_INTERVAL:
            return
        job.last_progress = now
        total = job.total or 0
        speed = job.meter.add(now, job.transferred)
        eta = (total - job.done) / speed if speed > 0 else None
        self._emit(JobProgress(job.job_id, job.done, total, speed, eta))


def _range_start(headers: httpx2.Headers) -> int | None:
    match = _CONTENT_RANGE.match(headers.get("Content-Range", ""))
    return int(match.group(1)) if match else None


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()
