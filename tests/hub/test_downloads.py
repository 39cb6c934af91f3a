"""The download manager against a real HTTP server on loopback (tests/hub_server.py).

The big tests move the real 98 MB SmolLM2 file, because resuming, hashing and disk
space only show their problems at a realistic size; error handling uses the tiny
synthetic files.  Faults are injected by the server (dropped connections, flipped
bytes, error statuses, throttling), and its request log proves what went over the
wire: each byte fetched once, no request when offline, no token sent to the CDN.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from huggingface_hub import get_session

from core.common.units import format_bytes
from core.hub import disk, transfer
from core.hub.client import Hub
from core.hub.downloads import (
    DownloadError,
    DownloadEvent,
    DownloadManager,
    JobAdded,
    JobDone,
    JobProgress,
    JobSnapshot,
    JobState,
    JobStateChanged,
    RetryPolicy,
    dest_for,
    download_file,
)
from core.hub.errors import HubError, HubOffline
from tests.hub_server import (
    GATED_REPO,
    GOOD_TOKEN,
    NOGATE_TOKEN,
    PRIVATE_REPO,
    QUANTS_REPO,
    SMOLLM2_FILE,
    SMOLLM2_REPO,
    STARTER_TOKENS,
    FakeHub,
    Fault,
    starter_repos,
)

MB = 1_000_000
FAST = RetryPolicy(attempts=4, first_delay=0.01, max_delay=0.05, max_retry_after=5)
SMALL = "tiny-Q4_K_M.gguf"  # 33 kB, LFS (served by the CDN)


# --- fixtures and helpers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[FakeHub]:
    with FakeHub(starter_repos(), tokens=STARTER_TOKENS) as hub:
        yield hub


@pytest.fixture
def hub(server: FakeHub) -> Iterator[FakeHub]:
    server.clear_faults()
    server.clear_requests()
    yield server
    server.clear_faults()


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    return tmp_path / "models"


class Recorder:
    """Collects events from worker threads; tests wait on conditions over them."""

    def __init__(self) -> None:
        self.events: list[DownloadEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: DownloadEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[DownloadEvent], bool],
                 timeout: float = 20.0) -> DownloadEvent:
        deadline = time.monotonic() + timeout
        with self._cond:
            seen = 0
            while True:
                for event in self.events[seen:]:
                    if predicate(event):
                        return event
                seen = len(self.events)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no matching event in {self.events[-5:]}")
                self._cond.wait(left)

    def progress_at_least(self, job_id: int, n: int) -> JobProgress:
        event = self.wait_for(lambda e: isinstance(e, JobProgress) and e.job_id == job_id
                              and e.done >= n)
        assert isinstance(event, JobProgress)
        return event

    def state(self, job_id: int, state: JobState) -> JobStateChanged:
        event = self.wait_for(lambda e: isinstance(e, JobStateChanged) and e.job_id == job_id
                              and e.state is state)
        assert isinstance(event, JobStateChanged)
        return event

    def states(self, job_id: int) -> list[JobState]:
        with self._cond:
            return [e.state for e in self.events
                    if isinstance(e, JobStateChanged) and e.job_id == job_id]


Make = Callable[..., tuple[DownloadManager, Recorder]]


@pytest.fixture
def make(hub: FakeHub) -> Iterator[Make]:
    """Managers against the fake Hub, closed after the test; no worker may outlive them."""
    managers: list[DownloadManager] = []

    def factory(models: Path, token: str | None = None, offline: bool = False,
                retry: RetryPolicy = FAST, max_parallel: int = 1,
                ) -> tuple[DownloadManager, Recorder]:
        recorder = Recorder()
        manager = DownloadManager(models, hub.url, token, offline, max_parallel, recorder,
                                  retry=retry, timeout=10)
        managers.append(manager)
        return manager, recorder

    yield factory
    for manager in managers:
        manager.close()
    left = [t.name for t in threading.enumerate() if t.name.startswith("prosa-download-")]
    assert not left, f"download threads left running: {left}"


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def cdn_gets(hub: FakeHub) -> list[Any]:
    return [r for r in hub.requests if r.server == "cdn" and r.method == "GET"]


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith((".part", ".part.json"))]


def assert_installed(hub: FakeHub, models: Path, repo: str, name: str) -> Path:
    dest = dest_for(models, repo, name)
    assert dest.is_file()
    assert sha256_of(dest) == hub.file(repo, name).sha256
    assert not leftovers(models)
    return dest


@pytest.fixture(scope="module")
def smollm2_size(server: FakeHub) -> int:
    return server.file(SMOLLM2_REPO, SMOLLM2_FILE).size


# --- resuming and verification ---------------------------------------------------------------


def test_dropped_twice_resumes_and_fetches_each_byte_once(hub: FakeHub, models_dir: Path,
                                                           make: Make, smollm2_size: int) -> None:
    hub.add_fault(Fault("drop", SMOLLM2_FILE, times=2, after_bytes=20 * MB, method="GET"))
    manager, events = make(models_dir)
    job_id = manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    snapshot = manager.wait(job_id, 60)

    assert snapshot.state is JobState.DONE, snapshot.message
    assert hub.bytes_served(SMOLLM2_FILE) == smollm2_size
    assert [r.range for r in cdn_gets(hub)] == [None, "bytes=20000000-", "bytes=40000000-"]
    dest = assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)
    done = [e for e in events.events if isinstance(e, JobDone)]
    assert [d.path for d in done] == [dest] and snapshot.paths == (dest,)
    assert events.states(job_id) == [JobState.DOWNLOADING, JobState.VERIFYING, JobState.DONE]
    progress = [e for e in events.events if isinstance(e, JobProgress)]
    assert [p.done for p in progress] == sorted(p.done for p in progress)
    assert progress[-1].done == progress[-1].total == smollm2_size


def test_corrupted_byte_is_rejected_and_retry_succeeds(hub: FakeHub, models_dir: Path,
                                                       make: Make) -> None:
    other = models_dir / "someone__else" / "mine.gguf"
    other.parent.mkdir(parents=True)
    other.write_bytes(b"GGUF keep me")
    before = (other.read_bytes(), other.stat().st_mtime_ns)
    hub.add_fault(Fault("corrupt", SMOLLM2_FILE, offset=54_321_000, method="GET"))
    manager, _ = make(models_dir)
    job_id = manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])

    failed = manager.wait(job_id, 60)
    assert failed.state is JobState.FAILED and failed.reason == "damaged"
    assert failed.message.startswith(
        "The downloaded file is damaged (its SHA-256 does not match the Hub's)")
    dest = dest_for(models_dir, SMOLLM2_REPO, SMOLLM2_FILE)
    assert not dest.exists() and not leftovers(models_dir)
    assert (other.read_bytes(), other.stat().st_mtime_ns) == before

    manager.resume(job_id)  # the fault was used up: the retry gets good bytes
    assert manager.wait(job_id, 60).state is JobState.DONE
    assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)
    assert (other.read_bytes(), other.stat().st_mtime_ns) == before


def test_restart_after_close_resumes_from_the_exact_byte(hub: FakeHub, models_dir: Path,
                                                         make: Make, smollm2_size: int) -> None:
    hub.add_fault(Fault("slow", SMOLLM2_FILE, bytes_per_second=40 * MB, method="GET"))
    first, events = make(models_dir)
    job_id = first.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    events.progress_at_least(job_id, 8 * MB)
    first.close()  # as when the app quits mid-download
    part = dest_for(models_dir, SMOLLM2_REPO, SMOLLM2_FILE).with_name(SMOLLM2_FILE + ".part")
    kept = part.stat().st_size
    wait_until(lambda: len(cdn_gets(hub)) == 1)  # the server has noticed the closed socket
    # What the server had pushed into the socket but the client never read when it
    # closed: lost with the connection, and small.
    in_flight = hub.bytes_served(SMOLLM2_FILE) - kept
    assert 0 <= in_flight <= 4 * MB
    hub.clear_requests()

    second, _ = make(models_dir)
    restored = second.restore()
    assert [(s.repo_id, s.filenames, s.state, s.done, s.total) for s in restored] == [
        (SMOLLM2_REPO, (SMOLLM2_FILE,), JobState.PAUSED, kept, smollm2_size)]
    assert second.restore() == []  # already listed
    second.resume(restored[0].job_id)
    assert second.wait(restored[0].job_id, 60).state is JobState.DONE
    assert [r.range for r in cdn_gets(hub)] == [f"bytes={kept}-"]
    assert hub.bytes_served(SMOLLM2_FILE) == smollm2_size - kept
    assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)


def test_restart_after_a_failed_run_fetches_no_byte_twice(hub: FakeHub, models_dir: Path,
                                                         make: Make, smollm2_size: int) -> None:
    hub.add_fault(Fault("drop", SMOLLM2_FILE, after_bytes=30 * MB, method="GET"))
    first, _ = make(models_dir, retry=RetryPolicy(attempts=1))
    job_id = first.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    failed = first.wait(job_id, 60)
    assert failed.state is JobState.FAILED and failed.reason == "network"
    first.close()

    second, _ = make(models_dir)
    (restored,) = second.restore()
    assert restored.done == 30 * MB
    second.resume(restored.job_id)
    assert second.wait(restored.job_id, 60).state is JobState.DONE
    assert hub.bytes_served(SMOLLM2_FILE) == smollm2_size
    assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)


def test_without_writev_pieces_are_written_one_by_one(hub: FakeHub, models_dir: Path,
                                                     make: Make, monkeypatch: pytest.MonkeyPatch,
                                                     smollm2_size: int) -> None:
    # As on Windows, which has no writev; a drop in the middle of a batch keeps every
    # byte received, so the resumed request starts exactly where the data stopped.
    monkeypatch.delattr(os, "writev")
    hub.add_fault(Fault("drop", SMOLLM2_FILE, after_bytes=20 * MB + 12_345, method="GET"))
    manager, _ = make(models_dir)
    assert manager.wait(manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE]), 60).state \
        is JobState.DONE
    assert [r.range for r in cdn_gets(hub)] == [None, f"bytes={20 * MB + 12_345}-"]
    assert hub.bytes_served(SMOLLM2_FILE) == smollm2_size
    assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)


def test_server_that_ignores_range_is_restarted_from_zero(
        hub: FakeHub, models_dir: Path, make: Make, monkeypatch: pytest.MonkeyPatch,
        smollm2_size: int) -> None:

    class NoRange:
        """The server sees no Range header, so it answers 200 with the whole file."""

        def stream(self, method: str, url: str, *, headers: dict[str, str],
                   **kwargs: Any) -> Any:
            headers = {k: v for k, v in headers.items() if k.lower() != "range"}
            return get_session().stream(method, url, headers=headers, **kwargs)

    monkeypatch.setattr(transfer, "get_session", NoRange)
    hub.add_fault(Fault("drop", SMOLLM2_FILE, after_bytes=5 * MB, method="GET"))
    manager, _ = make(models_dir)
    job_id = manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    assert manager.wait(job_id, 60).state is JobState.DONE
    assert [r.status for r in cdn_gets(hub)] == [200, 200]
    assert hub.bytes_served(SMOLLM2_FILE) == 5 * MB + smollm2_size
    assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)


def test_unsatisfiable_range_starts_over(hub: FakeHub, models_dir: Path, make: Make) -> None:
    size = hub.file(QUANTS_REPO, SMALL).size
    hub.add_fault(Fault("drop", SMALL, after_bytes=10_000, method="GET"))
    manager, _ = make(models_dir, retry=RetryPolicy(attempts=1))
    job_id = manager.enqueue(QUANTS_REPO, [SMALL])
    assert manager.wait(job_id, 10).state is JobState.FAILED
    hub.add_fault(Fault("status", SMALL, status=416, method="GET"))
    manager.resume(job_id)
    assert manager.wait(job_id, 10).state is JobState.DONE
    assert [(r.range, r.status) for r in cdn_gets(hub)] == [
        (None, 200), ("bytes=10000-", 416), (None, 200)]
    assert hub.bytes_served(SMALL) == 10_000 + size
    assert_installed(hub, models_dir, QUANTS_REPO, SMALL)


def test_a_part_from_an_older_version_is_started_over(hub: FakeHub, models_dir: Path,
                                                       make: Make) -> None:
    size = hub.file(QUANTS_REPO, SMALL).size
    hub.add_fault(Fault("drop", SMALL, after_bytes=10_000, method="GET"))
    first, _ = make(models_dir, retry=RetryPolicy(attempts=1))
    assert first.wait(first.enqueue(QUANTS_REPO, [SMALL]), 10).state is JobState.FAILED
    first.close()
    sidecar = dest_for(models_dir, QUANTS_REPO, SMALL).with_name(SMALL + ".part.json")
    data = json.loads(sidecar.read_text())
    data["identity"]["sha256"] = data["sha256"] = "0" * 64  # the Hub's file has changed
    sidecar.write_text(json.dumps(data))
    hub.clear_requests()

    second, events = make(models_dir)
    (restored,) = second.restore()
    second.resume(restored.job_id)
    assert second.wait(restored.job_id, 10).state is JobState.DONE
    notice = events.wait_for(lambda e: isinstance(e, JobStateChanged) and e.reason == "changed")
    assert isinstance(notice, JobStateChanged)
    assert "changed on the Hub" in notice.message and "from the beginning" in notice.message
    assert [r.range for r in cdn_gets(hub)] == [None]
    assert hub.bytes_served(SMALL) == size
    assert_installed(hub, models_dir, QUANTS_REPO, SMALL)


def test_a_verified_file_is_not_fetched_again(hub: FakeHub, models_dir: Path,
                                              make: Make) -> None:
    manager, _ = make(models_dir)
    assert manager.wait(manager.enqueue(QUANTS_REPO, [SMALL]), 10).state is JobState.DONE
    cache = json.loads((dest_for(models_dir, QUANTS_REPO, SMALL).parent /
                        ".verified.json").read_text())
    assert cache[SMALL]["digest"] == hub.file(QUANTS_REPO, SMALL).sha256
    hub.clear_requests()
    again, _ = make(models_dir)
    snapshot = again.wait(again.enqueue(QUANTS_REPO, [SMALL]), 10)
    assert snapshot.state is JobState.DONE
    assert cdn_gets(hub) == []


def test_split_files_download_in_order_as_one_job(hub: FakeHub, models_dir: Path,
                                                  make: Make) -> None:
    names = ["tiny-Q8_0-00001-of-00002.gguf", "tiny-Q8_0-00002-of-00002.gguf"]
    manager, events = make(models_dir)
    job_id = manager.enqueue(QUANTS_REPO, names)
    snapshot = manager.wait(job_id, 10)
    assert snapshot.state is JobState.DONE
    paths = tuple(assert_installed(hub, models_dir, QUANTS_REPO, n) for n in names)
    assert snapshot.paths == paths and paths[0].parent == paths[1].parent
    added = [e for e in events.events if isinstance(e, JobAdded)]
    assert [(a.job_id, a.filenames) for a in added] == [(job_id, tuple(names))]
    sizes = [hub.file(QUANTS_REPO, n).size for n in names]
    last = [e for e in events.events if isinstance(e, JobProgress)][-1]
    assert last.done == last.total == sum(sizes)
    order = [hub.file(QUANTS_REPO, n).sha256 for n in names]
    assert [r.path.rsplit("/", 1)[1] for r in cdn_gets(hub)] == order
    (done,) = [e for e in events.events if isinstance(e, JobDone)]
    assert done.path == paths[0]


def test_progress_is_throttled_and_reports_speed_and_eta(hub: FakeHub, models_dir: Path,
                                                         make: Make) -> None:
    size = hub.file(QUANTS_REPO, SMALL).size
    rate = 40_000  # bytes/s: the 33 kB file takes about 0.8 s
    hub.add_fault(Fault("slow", SMALL, bytes_per_second=rate, method="GET"))
    manager, events = make(models_dir)
    start = time.monotonic()
    assert manager.wait(manager.enqueue(QUANTS_REPO, [SMALL]), 10).state is JobState.DONE
    elapsed = time.monotonic() - start
    progress = [e for e in events.events if isinstance(e, JobProgress)]
    assert 4 <= len(progress) <= elapsed * 10 + 3  # at most ~10 a second
    measured = [p for p in progress if p.speed > 0 and p.done < size]
    assert measured, progress
    assert all(0.5 * rate < p.speed < 2 * rate for p in measured)
    for p in measured:
        assert p.eta is not None
        assert p.eta == pytest.approx((size - p.done) / p.speed)
    assert progress[-1].done == progress[-1].total == size


# --- errors ---------------------------------------------------------------------------------


def failed(make: Make, models: Path, repo: str, name: str,
           token: str | None = None) -> JobSnapshot:
    manager, _ = make(models, token=token)
    snapshot = manager.wait(manager.enqueue(repo, [name]), 10)
    assert snapshot.state is JobState.FAILED
    return snapshot


def test_auth_gated_and_missing_have_distinct_messages(hub: FakeHub, models_dir: Path,
                                                       make: Make) -> None:
    private = failed(make, models_dir, PRIVATE_REPO, "private-Q8_0.gguf")
    assert private.reason == "auth" and "needs an access token" in private.message
    gated = failed(make, models_dir, GATED_REPO, SMOLLM2_FILE)
    assert gated.reason == "gated" and "accept its licence" in gated.message
    assert "add an access token" in gated.message
    not_accepted = failed(make, models_dir, GATED_REPO, SMOLLM2_FILE, token=NOGATE_TOKEN)
    assert not_accepted.reason == "gated" and f"{hub.url}/{GATED_REPO}" in not_accepted.message
    wrong_token = failed(make, models_dir, PRIVATE_REPO, "private-Q8_0.gguf", token="hf_nope")
    assert wrong_token.reason == "auth" and "token was not accepted" in wrong_token.message
    no_file = failed(make, models_dir, QUANTS_REPO, "missing.gguf")
    assert no_file.reason == "not_found" and "has no file named missing.gguf" in no_file.message
    no_repo = failed(make, models_dir, "prosa-test/nothing-here", "x.gguf", token=GOOD_TOKEN)
    assert no_repo.reason == "not_found"
    messages = [s.message for s in (private, gated, not_accepted, wrong_token, no_file, no_repo)]
    assert len(set(messages)) == len(messages)
    codes = [s.problem.code if s.problem else None
             for s in (private, gated, not_accepted, wrong_token, no_file, no_repo)]
    assert codes == ["hub.auth.private", "hub.gated.no_token", "hub.gated.not_granted",
                     "hub.auth.bad_token", "hub.not_found.file", "hub.not_found.repo"]
    assert cdn_gets(hub) == [] and not leftovers(models_dir)


@pytest.mark.parametrize(("repo", "name", "token"), [
    (PRIVATE_REPO, "private-Q8_0.gguf", None),
    (PRIVATE_REPO, "private-Q8_0.gguf", "hf_nope"),
    (GATED_REPO, SMOLLM2_FILE, None),
    (GATED_REPO, SMOLLM2_FILE, NOGATE_TOKEN),
])
def test_the_hub_client_and_downloads_say_the_same(hub: FakeHub, models_dir: Path, make: Make,
                                                   repo: str, name: str,
                                                   token: str | None) -> None:
    # One mapping from the Hub's answers to errors: the model card (the Hub tab) and a
    # download of the same repository fail with the same code and the same words.
    download = failed(make, models_dir, repo, name, token=token)
    with pytest.raises(HubError) as caught:
        Hub(hub.url, token=token).model_card(repo)
    assert download.problem is not None
    assert (download.problem.code, download.message) == (caught.value.code,
                                                         caught.value.message)
    assert download.reason == caught.value.reason in ("auth", "gated")


def test_token_opens_private_and_gated_repos_and_stays_off_the_cdn(
        hub: FakeHub, models_dir: Path, make: Make) -> None:
    manager, _ = make(models_dir, token=GOOD_TOKEN)
    private = manager.enqueue(PRIVATE_REPO, ["private-Q8_0.gguf"])
    gated = manager.enqueue(GATED_REPO, [SMOLLM2_FILE])
    assert manager.wait(private, 10).state is JobState.DONE
    assert manager.wait(gated, 60).state is JobState.DONE
    assert_installed(hub, models_dir, PRIVATE_REPO, "private-Q8_0.gguf")
    assert_installed(hub, models_dir, GATED_REPO, SMOLLM2_FILE)
    assert {r.token for r in hub.requests if r.server == "hub"} == {GOOD_TOKEN}
    assert {r.token for r in hub.requests if r.server == "cdn"} == {None}


def test_rate_limit_waits_for_retry_after(hub: FakeHub, models_dir: Path, make: Make) -> None:
    hub.add_fault(Fault("status", SMALL, status=429, retry_after=1, method="GET"))
    manager, _ = make(models_dir)
    start = time.monotonic()
    assert manager.wait(manager.enqueue(QUANTS_REPO, [SMALL]), 10).state is JobState.DONE
    assert time.monotonic() - start >= 1.0
    assert [r.status for r in cdn_gets(hub)] == [429, 200]
    assert_installed(hub, models_dir, QUANTS_REPO, SMALL)


def test_server_errors_are_retried_then_succeed(hub: FakeHub, models_dir: Path,
                                                make: Make) -> None:
    hub.add_fault(Fault("status", SMALL, status=500, times=2))  # the metadata HEAD
    hub.add_fault(Fault("status", "/cdn/", status=503, method="GET"))
    manager, _ = make(models_dir)
    assert manager.wait(manager.enqueue(QUANTS_REPO, [SMALL]), 10).state is JobState.DONE
    assert [r.status for r in hub.requests if r.method == "HEAD"] == [500, 500, 302]
    assert [r.status for r in cdn_gets(hub)] == [503, 200]
    assert_installed(hub, models_dir, QUANTS_REPO, SMALL)


def test_an_expired_download_url_is_fetched_again(hub: FakeHub, models_dir: Path,
                                                 make: Make) -> None:
    hub.add_fault(Fault("status", "/cdn/", status=403, method="GET"))  # a stale signed URL
    manager, _ = make(models_dir)
    assert manager.wait(manager.enqueue(QUANTS_REPO, [SMALL]), 10).state is JobState.DONE
    assert [(r.server, r.method, r.status) for r in hub.requests if r.method != "GET"
            or r.server == "cdn"] == [("hub", "HEAD", 302), ("cdn", "GET", 403),
                                      ("hub", "HEAD", 302), ("cdn", "GET", 200)]
    assert_installed(hub, models_dir, QUANTS_REPO, SMALL)


def test_errors_that_persist_fail_with_their_own_message(hub: FakeHub, models_dir: Path,
                                                         make: Make) -> None:
    hub.add_fault(Fault("status", SMALL, status=503, times=50))
    server_error = failed(make, models_dir, QUANTS_REPO, SMALL)
    assert server_error.reason == "server" and "HTTP 503" in server_error.message
    wait_until(lambda: len([r for r in hub.requests if r.method == "HEAD"]) == FAST.attempts)
    hub.clear_faults()
    hub.add_fault(Fault("status", SMALL, status=429, retry_after=0, times=50))
    limited = failed(make, models_dir, QUANTS_REPO, SMALL)
    assert limited.reason == "rate_limited" and "HTTP 429" in limited.message

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    manager = DownloadManager(models_dir, f"http://127.0.0.1:{port}", None, False,
                              retry=FAST, timeout=2)
    try:
        snapshot = manager.wait(manager.enqueue(QUANTS_REPO, [SMALL]), 10)
    finally:
        manager.close()
    assert snapshot.reason == "network" and snapshot.problem is not None
    assert snapshot.problem.code == "hub.network.refused"
    assert snapshot.message == f"Cannot reach http://127.0.0.1:{port}: the connection was refused."


def test_offline_refuses_without_any_request(hub: FakeHub, models_dir: Path,
                                             make: Make) -> None:
    manager, events = make(models_dir, offline=True)
    with pytest.raises(HubOffline, match=r"^Offline mode is on") as caught:
        manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    assert caught.value.reason == "offline"
    assert hub.requests == [] and events.events == [] and manager.jobs() == []


# --- pause, resume, cancel -------------------------------------------------------------------


def test_pause_and_resume_from_another_thread(hub: FakeHub, models_dir: Path,
                                              make: Make) -> None:
    hub.add_fault(Fault("slow", SMOLLM2_FILE, bytes_per_second=20 * MB, method="GET"))
    manager, events = make(models_dir)
    job_id = manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    events.progress_at_least(job_id, 3 * MB)
    start = time.monotonic()
    manager.pause(job_id)
    events.state(job_id, JobState.PAUSED)
    latency = time.monotonic() - start
    assert latency < 0.3, f"pause took {latency:.3f} s"
    part = dest_for(models_dir, SMOLLM2_REPO, SMOLLM2_FILE).with_name(SMOLLM2_FILE + ".part")
    kept = part.stat().st_size
    assert manager.job(job_id).done == kept
    time.sleep(0.2)
    assert part.stat().st_size == kept  # nothing is written while paused

    manager.resume(job_id)
    assert manager.wait(job_id, 60).state is JobState.DONE
    assert cdn_gets(hub)[-1].range == f"bytes={kept}-"
    assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)


def hashing_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.endswith("-hashing")]


def test_pausing_often_keeps_the_hash_in_step_with_the_file(hub: FakeHub, models_dir: Path,
                                                            make: Make) -> None:
    # Bytes are hashed on a helper thread: each pause must let it catch up and stop it,
    # or the hash state kept for Resume would miss bytes and verification would fail.
    hub.add_fault(Fault("slow", SMOLLM2_FILE, bytes_per_second=20 * MB, times=3,
                        method="GET"))
    manager, events = make(models_dir)
    job_id = manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    part = dest_for(models_dir, SMOLLM2_REPO, SMOLLM2_FILE).with_name(SMOLLM2_FILE + ".part")
    kept = [0]
    for pauses in (1, 2, 3):
        events.progress_at_least(job_id, kept[-1] + 2 * MB)
        manager.pause(job_id)
        wait_until(lambda n=pauses: events.states(job_id).count(JobState.PAUSED) == n)
        assert hashing_threads() == []
        kept.append(part.stat().st_size)
        assert manager.job(job_id).done == kept[-1] > kept[-2]
        manager.resume(job_id)

    assert manager.wait(job_id, 60).state is JobState.DONE
    assert [r.range for r in cdn_gets(hub)] == [None] + [f"bytes={k}-" for k in kept[1:]]
    assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)


class BreaksAfter:
    """A hasher that fails once it has seen ``limit`` bytes, as if memory ran out."""

    def __init__(self, hasher: Any, limit: int) -> None:
        self._hasher, self._left = hasher, limit

    def update(self, data: bytes, /) -> None:
        self._left -= len(data)
        if self._left < 0:
            raise MemoryError("test: hashing broke")
        self._hasher.update(data)

    def hexdigest(self) -> str:
        return str(self._hasher.hexdigest())

    def copy(self) -> Any:
        return self._hasher.copy()


def test_a_hashing_failure_stops_the_transfer_and_retry_hashes_the_part_again(
        hub: FakeHub, models_dir: Path, make: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    real_hasher = disk.FilePlan.new_hasher
    broken: list[BreaksAfter] = []

    def new_hasher(plan: Any) -> Any:
        hasher = real_hasher(plan)
        if broken:
            return hasher
        broken.append(BreaksAfter(hasher, 10 * MB))
        return broken[-1]

    monkeypatch.setattr(disk.FilePlan, "new_hasher", new_hasher)
    manager, _ = make(models_dir)
    job_id = manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    failed = manager.wait(job_id, 60)
    assert failed.state is JobState.FAILED and failed.reason == "internal"
    assert hashing_threads() == []
    part = dest_for(models_dir, SMOLLM2_REPO, SMOLLM2_FILE).with_name(SMOLLM2_FILE + ".part")
    kept = part.stat().st_size
    assert failed.done == kept
    assert 10 * MB < kept < 30 * MB  # stopped soon after, not at the end of the file

    manager.resume(job_id)  # the bytes on disk are hashed again, not the broken state
    assert manager.wait(job_id, 60).state is JobState.DONE
    assert cdn_gets(hub)[-1].range == f"bytes={kept}-"
    assert_installed(hub, models_dir, SMOLLM2_REPO, SMOLLM2_FILE)


def test_cancel_removes_only_that_jobs_part(hub: FakeHub, models_dir: Path,
                                            make: Make) -> None:
    hub.add_fault(Fault("slow", "/cdn/", bytes_per_second=20 * MB, times=2, method="GET"))
    manager, events = make(models_dir, token=GOOD_TOKEN)
    kept_job = manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    events.progress_at_least(kept_job, 2 * MB)
    manager.pause(kept_job)
    events.state(kept_job, JobState.PAUSED)
    doomed = manager.enqueue(GATED_REPO, [SMOLLM2_FILE])
    events.progress_at_least(doomed, 2 * MB)
    start = time.monotonic()
    manager.cancel(doomed)
    events.state(doomed, JobState.CANCELLED)
    assert time.monotonic() - start < 0.3
    gated_dest = dest_for(models_dir, GATED_REPO, SMOLLM2_FILE)
    assert not leftovers(gated_dest.parent) and not gated_dest.exists()
    kept_part = dest_for(models_dir, SMOLLM2_REPO, SMOLLM2_FILE).with_name(
        SMOLLM2_FILE + ".part")
    assert kept_part.stat().st_size == manager.job(kept_job).done > 0

    manager.cancel(kept_job)  # paused: no worker, cancelled at once
    assert manager.job(kept_job).state is JobState.CANCELLED
    assert not leftovers(models_dir)
    assert [j.state for j in manager.jobs()] == [JobState.CANCELLED, JobState.CANCELLED]


# --- disk space ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """A size-limited folder: a tmpfs mounted for the test (needs root on Linux)."""
    mounted: list[Path] = []

    def mount(megabytes: int) -> Path:
        if not sys.platform.startswith("linux") or os.geteuid() != 0:
            pytest.skip("a size-limited folder needs root on Linux (mount -t tmpfs)")
        target = tmp_path / f"disk{len(mounted)}"
        target.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(target)],
            capture_output=True, text=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"mounting a tmpfs is not permitted here: {result.stderr.strip()}")
        mounted.append(target)
        return target

    yield mount
    for target in mounted:
        if subprocess.run(["umount", str(target)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(target)], check=False)


def fill_disk(path: Path) -> None:
    block = b"\0" * (1 << 20)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, block)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


def test_disk_filling_up_keeps_the_part_and_resume_finishes(
        hub: FakeHub, make: Make, small_disk: Callable[[int], Path]) -> None:
    disk = small_disk(200)  # room for the 98 MB file plus the 64 MB margin
    models = disk / "models"
    other = models / "someone__else" / "mine.gguf"
    other.parent.mkdir(parents=True)
    other.write_bytes(os.urandom(MB))
    before = sha256_of(other)
    hub.add_fault(Fault("slow", SMOLLM2_FILE, bytes_per_second=50 * MB, method="GET"))
    manager, events = make(models)
    job_id = manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE])
    events.progress_at_least(job_id, 10 * MB)
    filler = disk / "filler.bin"  # another program fills the disk
    fill_disk(filler)

    snapshot = manager.wait(job_id, 60)
    dest = dest_for(models, SMOLLM2_REPO, SMOLLM2_FILE)
    part = dest.with_name(SMOLLM2_FILE + ".part")
    assert snapshot.state is JobState.FAILED and snapshot.reason == "disk_full"
    kept = part.stat().st_size
    assert kept == snapshot.done >= 10 * MB
    assert snapshot.message == (
        f"The disk filled up while downloading {SMOLLM2_FILE} to {dest.parent}. The "
        f"{format_bytes(kept)} downloaded so far are kept; free some space and press Resume.")
    assert not dest.exists() and sha256_of(other) == before

    filler.unlink()
    manager.resume(job_id)
    assert manager.wait(job_id, 60).state is JobState.DONE
    assert cdn_gets(hub)[-1].range == f"bytes={kept}-"
    assert_installed(hub, models, SMOLLM2_REPO, SMOLLM2_FILE)
    assert sha256_of(other) == before


def test_not_enough_space_fails_before_any_download(
        hub: FakeHub, make: Make, small_disk: Callable[[int], Path]) -> None:
    models = small_disk(40)
    keep = models / "notes.txt"
    keep.write_text("unrelated")
    manager, _ = make(models)
    start = time.monotonic()
    snapshot = manager.wait(manager.enqueue(SMOLLM2_REPO, [SMOLLM2_FILE]), 10)
    assert time.monotonic() - start < 2
    assert snapshot.state is JobState.FAILED and snapshot.reason == "no_space"
    folder = dest_for(models, SMOLLM2_REPO, SMOLLM2_FILE).parent
    free = shutil.disk_usage(models).free
    assert snapshot.message == (
        f"Not enough disk space: needs {format_bytes(98_362_432 + 64 * 1024 * 1024)}, "
        f"{format_bytes(free)} free on {folder}.")
    assert [r for r in hub.requests if r.server == "cdn"] == []
    assert keep.read_text() == "unrelated" and not leftovers(models)


# --- the CLI helper --------------------------------------------------------------------------


def test_download_file_returns_the_verified_path(hub: FakeHub, models_dir: Path) -> None:
    seen: list[JobProgress] = []
    path = download_file(models_dir, QUANTS_REPO, SMALL, hub.url, None, seen.append,
                         retry=FAST)
    assert path == assert_installed(hub, models_dir, QUANTS_REPO, SMALL)
    assert seen and seen[-1].done == seen[-1].total == path.stat().st_size
    with pytest.raises(DownloadError, match=r"has no file named nope\.gguf") as caught:
        download_file(models_dir, QUANTS_REPO, "nope.gguf", hub.url, None, retry=FAST)
    assert caught.value.reason == "not_found"
