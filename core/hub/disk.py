"""A download's files on disk: where they go, the ``.part`` and its sidecar, the
checks before and after, and putting a verified file in place.

Each file is written to ``<dest>.part`` next to a sidecar ``<dest>.part.json`` that
records where the bytes come from (repo, revision, commit, file, size, SHA-256, etag).
The sidecar is written before the first byte, so a ``.part`` without one is never
trusted.  On resume, in this process or after a restart, the sidecar must match the
Hub's current metadata for the file; if the file changed, the download starts again
and says so.  The bytes already on disk are hashed once (or not at all when this
process still holds the hash state from before a pause).  When the last byte is in,
size and SHA-256 are compared with the Hub's LFS metadata (or the git blob id for
small non-LFS files): on a mismatch the ``.part`` is deleted and the job fails with a
clear message (Retry starts over); on success the file is fsynced and renamed into
place atomically.  Only then is it in the library.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Final

from huggingface_hub.errors import HFValidationError

# Public, documented names; the lazy facade only hides them from mypy's re-export check.
from huggingface_hub.utils import validate_repo_id  # type: ignore[attr-defined]

from core.common.jsonfile import read_json, write_json
from core.common.units import format_bytes
from core.errors import ProsaError
from core.hub.errors import DownloadError
from core.hub.jobs import Cursor, Hasher, Job

log = logging.getLogger(__name__)

#: Kept free beyond the download itself: a disk filled to the last byte breaks other apps.
DISK_MARGIN: Final = 64 * 1024 * 1024
PART_SUFFIX: Final = ".part"
SIDECAR_SUFFIX: Final = ".part.json"
VERIFIED_CACHE: Final = ".verified.json"
HASH_BLOCK: Final = 1 << 20
SIDECAR_VERSION: Final = 1
_NO_SPACE_ERRNOS: Final = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def dest_for(models_dir: Path, repo_id: str, filename: str) -> Path:
    """Where a Hub file lands: one folder per repo, split parts side by side."""
    check_filename(filename)
    return models_dir / repo_id.replace("/", "__") / Path(*PurePosixPath(filename).parts)


def check_filename(filename: str) -> None:
    # Names come from the user or a search result; none may escape the repo's folder.
    parts = PurePosixPath(filename).parts
    if not parts or filename.startswith("/") or "\\" in filename or \
            any(p in ("", ".", "..") for p in parts):
        raise DownloadError("download.bad_input.file_name",
                            "“{file}” is not a valid file name in a Hub repository.",
                            file=filename)


def part_path(dest: Path) -> Path:
    return dest.with_name(dest.name + PART_SUFFIX)


def sidecar_path(dest: Path) -> Path:
    return dest.with_name(dest.name + SIDECAR_SUFFIX)


@dataclass
class FilePlan:
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
        return part_path(self.dest)

    @property
    def sidecar(self) -> Path:
        return sidecar_path(self.dest)

    def identity(self) -> dict[str, Any]:
        """What must be equal for bytes on disk to belong to this file version."""
        if self.sha256:
            return {"size": self.size, "sha256": self.sha256}
        if self.blob_id:
            return {"size": self.size, "blob_id": self.blob_id}
        return {"size": self.size, "etag": self.etag}

    def new_hasher(self) -> Hasher | None:
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


def io_error(exc: OSError, path: Path, kept: int) -> DownloadError:
    if exc.errno in _NO_SPACE_ERRNOS:
        return DownloadError(
            "download.disk_full",
            "The disk filled up while downloading {file} to {folder}. The {kept} downloaded "
            "so far are kept; free some space and press Resume.", details=repr(exc),
            file=path.name.removesuffix(PART_SUFFIX), folder=str(path.parent),
            kept=format_bytes(kept))
    return DownloadError("download.io.write", "Could not write {path}: {error}.",
                         details=repr(exc), path=str(path), error=exc.strerror or str(exc))


def size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- before the transfer -----------------------------------------------------------


def already_verified(job: Job, plan: FilePlan) -> bool:
    """A finished copy of this exact version is not fetched again (hashed at most once)."""
    expected = plan.expected_digest()
    try:
        stat = plan.dest.stat()
    except OSError:
        return False
    if stat.st_size != plan.size or expected is None:
        return False
    data, _ = read_json(plan.dest.parent / VERIFIED_CACHE)
    cache: dict[str, Any] = data if isinstance(data, dict) else {}
    entry = cache.get(plan.filename)
    if isinstance(entry, dict) and entry.get("size") == stat.st_size \
            and entry.get("mtime_ns") == stat.st_mtime_ns:
        return bool(entry.get("digest") == expected)
    hasher = plan.new_hasher()
    assert hasher is not None
    try:
        with plan.dest.open("rb") as handle:
            while block := handle.read(HASH_BLOCK):
                job.check_stop()
                hasher.update(block)
    except OSError:
        return False
    if hasher.hexdigest() != expected:
        return False  # another version: download the new one, replace on success
    remember_verified(plan.dest, plan.filename, expected)
    return True


def check_disk_space(plans: list[FilePlan]) -> None:
    if not plans:
        return
    folder = plans[0].dest.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise io_error(exc, folder, 0) from exc
    remaining = sum(max(0, p.size - size_or_zero(p.part)) for p in plans)
    needed = remaining + DISK_MARGIN
    if free < needed:
        raise DownloadError(
            "download.no_space", "Not enough disk space: needs {needed}, {free} free on "
            "{folder}.", details=f"remaining={remaining} margin={DISK_MARGIN} free={free}",
            needed=format_bytes(needed), free=format_bytes(free), folder=str(folder))


def prepare_part(job: Job, plan: FilePlan) -> tuple[Cursor, bool]:
    """Trust a ``.part`` only if its sidecar describes the file the Hub has now.

    Returns where writing continues, and whether a ``.part`` of another version of
    the file was thrown away (the user is told the download starts again).
    """
    data, _ = read_json(plan.sidecar)
    part_exists = plan.part.exists()
    matches = isinstance(data, dict) and data.get("repo_id") == job.repo_id and \
        data.get("filename") == plan.filename and data.get("identity") == plan.identity()
    restarted = False
    try:
        plan.dest.parent.mkdir(parents=True, exist_ok=True)
        write_json(plan.sidecar, {
            "version": SIDECAR_VERSION, "repo_id": job.repo_id, "revision": job.revision,
            "commit": plan.commit, "filename": plan.filename, "job_files": job.filenames,
            "url": plan.url, "size": plan.size, "sha256": plan.sha256,
            "blob_id": plan.blob_id, "etag": plan.etag, "identity": plan.identity()})
        if not matches or not part_exists:
            restarted = part_exists and isinstance(data, dict)
            job.cursors.pop(plan.filename, None)
            with open(plan.part, "wb"):
                pass
        have = plan.part.stat().st_size
        if have > plan.size:
            os.truncate(plan.part, 0)
            have = 0
    except OSError as exc:
        raise io_error(exc, plan.part, job.done) from exc
    kept = job.cursors.get(plan.filename)
    if kept is not None and kept.have == have:
        return kept, restarted
    cursor = Cursor(0, plan.new_hasher())
    if have:
        _hash_existing(job, plan.part, have, cursor)
    job.cursors[plan.filename] = cursor
    return cursor, restarted


def _hash_existing(job: Job, part: Path, have: int, cursor: Cursor) -> None:
    # Hashed once per process: the cursor then follows every byte written.
    if cursor.hasher is None:
        cursor.have = have
        return
    try:
        with part.open("rb") as handle:
            while cursor.have < have:
                job.check_stop()
                block = handle.read(min(HASH_BLOCK, have - cursor.have))
                if not block:
                    raise OSError(errno.EIO, "the partial file shrank while being read")
                cursor.hasher.update(block)
                cursor.have += len(block)
    except OSError as exc:
        raise io_error(exc, part, have) from exc


# --- after the transfer ----------------------------------------------------------------


def check_complete(plan: FilePlan, cursor: Cursor) -> None:
    """Size and digest as the Hub has them, or the ``.part`` goes and the job fails."""
    digest = cursor.hasher.hexdigest() if cursor.hasher is not None else None
    if cursor.have == plan.size and digest == plan.expected_digest():
        return
    plan.part.unlink(missing_ok=True)
    plan.sidecar.unlink(missing_ok=True)
    details = (f"expected size={plan.size} digest={plan.expected_digest()}; "
               f"got size={cursor.have} digest={digest}")
    if plan.sha256:
        raise DownloadError("download.damaged.sha256",
                            "The downloaded file is damaged (its SHA-256 does not match the "
                            "Hub's), so it was deleted. Press Retry to download {file} again.",
                            details=details, file=plan.filename)
    if plan.blob_id:
        raise DownloadError("download.damaged.git_hash",
                            "The downloaded file is damaged (its git hash does not match the "
                            "Hub's), so it was deleted. Press Retry to download {file} again.",
                            details=details, file=plan.filename)
    raise DownloadError("download.damaged.size",
                        "The downloaded file is damaged (its size does not match the Hub's), "
                        "so it was deleted. Press Retry to download {file} again.",
                        details=details, file=plan.filename)


def install(plan: FilePlan) -> None:
    try:
        os.replace(plan.part, plan.dest)
    except OSError as exc:
        raise DownloadError(
            "download.io.install", "Could not put {file} in place ({error}). If the model is "
            "loaded, unload it, then press Retry.", details=repr(exc), file=plan.dest.name,
            error=exc.strerror or str(exc)) from exc
    _fsync_dir(plan.dest.parent)
    plan.sidecar.unlink(missing_ok=True)
    digest = plan.expected_digest()
    if digest is not None:
        remember_verified(plan.dest, plan.filename, digest)


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


def remember_verified(dest: Path, filename: str, digest: str) -> None:
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


def delete_parts(job: Job) -> None:
    """A cancelled job's ``.part`` files and sidecars (finished files stay)."""
    job.cursors.clear()
    for dest in job.dests:
        for path in (part_path(dest), sidecar_path(dest)):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                log.warning("could not delete %s", path, exc_info=True)


# --- after a restart ------------------------------------------------------------------


def unfinished(models_dir: Path) -> dict[tuple[str, str, tuple[str, ...]], list[Path]]:
    """The unfinished downloads a previous run left: ``(repo, revision, files)`` to the
    destinations that have a ``.part``, read from the sidecars alone (no request)."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[Path]] = {}
    if not models_dir.is_dir():
        return groups
    for sidecar in sorted(models_dir.rglob("*" + SIDECAR_SUFFIX)):
        data, _ = read_json(sidecar)
        key = _restorable(data)
        if key is None:
            continue
        dest = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)])
        if not part_path(dest).exists():
            if dest.exists():  # finished but the sidecar outlived a crash
                sidecar.unlink(missing_ok=True)
            continue
        assert isinstance(data, dict)
        if dest_for(models_dir, key[0], str(data["filename"])) != dest:
            continue  # moved by hand: it no longer says where it belongs
        groups.setdefault(key, []).append(dest)
    return groups


def _restorable(data: object) -> tuple[str, str, tuple[str, ...]] | None:
    if not isinstance(data, dict) or data.get("version") != SIDECAR_VERSION:
        return None
    repo_id, revision, files = data.get("repo_id"), data.get("revision"), data.get("job_files")
    if not isinstance(repo_id, str) or not isinstance(revision, str) or \
            not isinstance(files, list) or not all(isinstance(f, str) for f in files) or \
            not isinstance(data.get("filename"), str):
        return None
    try:
        validate_repo_id(repo_id)
        for name in files:
            check_filename(name)
    except (HFValidationError, ProsaError):
        return None
    return repo_id, revision, tuple(files)


def restored_progress(dests: tuple[Path, ...]) -> tuple[int, int | None]:
    done, total, known = 0, 0, True
    for dest in dests:
        data, _ = read_json(sidecar_path(dest))
        part = size_or_zero(part_path(dest))
        if isinstance(data, dict) and isinstance(data.get("size"), int):
            total += data["size"]
            done += part
        elif dest.exists():
            size = size_or_zero(dest)
            done += size
            total += size
        else:
            known = False
    return done, (total if known else None)
