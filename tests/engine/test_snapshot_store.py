"""The snapshot folder without a model: the file format, damage, the disk cap, LRU
order, one file per conversation branch, and a disk that fills up mid-write."""

from __future__ import annotations

import errno
import logging
import os
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.engine.options import SnapshotPolicy
from core.engine.snapshots import file as snapshot_file
from core.engine.snapshots.file import MAGIC, read_header, read_state, write_snapshot
from core.engine.snapshots.folder import clear_folder, folder_usage
from core.engine.snapshots.key import SnapshotKey, model_fingerprint
from core.engine.snapshots.memory import MemoryEntry, MemoryTier
from core.engine.snapshots.prefix import as_tokens, shared_prefix
from core.engine.snapshots.sizing import DISK_CEILING, MB, snapshot_policy
from core.engine.snapshots.store import SnapshotStore

KEY = "k" * 32


def tokens(n: int, start: int = 1) -> np.ndarray[Any, np.dtype[np.uint32]]:
    return np.arange(start, start + n, dtype=np.uint32)


def state(n: int, fill: int = 7) -> bytearray:
    return bytearray([fill]) * n


def test_a_snapshot_reads_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.kvs"
    size = write_snapshot(path, KEY, tokens(100), state(5000))
    assert size == path.stat().st_size
    header, held = read_header(path)
    assert header.key == KEY and header.n_tokens == 100 and header.state_size == 5000
    assert np.array_equal(held, tokens(100))
    assert read_state(path, KEY, held) == state(5000)
    assert path.read_bytes().startswith(MAGIC)
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_file_is_discarded_with_a_log_line(
        tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture) -> None:
    store = SnapshotStore(tmp_path, 100 * MB)
    path = store.write(KEY, tokens(200), state(10_000))
    assert path is not None
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[:-100])
    elif damage == "flip":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "garbage":
        path.write_bytes(b"not a snapshot at all" * 10)
    else:
        path.write_bytes(b"")
    caplog.set_level(logging.WARNING)
    reopened = SnapshotStore(tmp_path, 100 * MB)  # as after a restart
    found = reopened.best(KEY, tokens(300))
    if found is not None:  # the header survived: the damage shows when it is read
        entry, shared = found
        assert shared == 200
        assert reopened.read(entry) is None
    assert "discarding snapshot" in caplog.text
    assert not path.exists()
    assert reopened.best(KEY, tokens(300)) is None


def test_the_cap_evicts_the_least_recently_used_first(tmp_path: Path) -> None:
    one = len(state(1000)) + 100 * 4
    store = SnapshotStore(tmp_path, 3 * one + 3 * 300)  # three files with their headers
    paths = []
    for i in range(3):
        path = store.write(KEY, tokens(100, start=1000 * i), state(1000))
        assert path is not None
        paths.append(path)
        time.sleep(0.01)
    first = store.best(KEY, tokens(100, start=0))
    assert first is not None
    assert store.read(first[0]) is not None  # the first is used again: now the newest
    store.write(KEY, tokens(100, start=5000), state(1000))
    assert paths[0].exists()
    assert not paths[1].exists()  # the least recently used went
    assert paths[2].exists()
    assert store.used_bytes <= store.cap_bytes
    # The order survives a restart: file times are the last use.
    again = SnapshotStore(tmp_path, store.cap_bytes)
    again.write(KEY, tokens(100, start=9000), state(1000))
    assert not paths[2].exists() and paths[0].exists()


def test_a_snapshot_bigger_than_the_cap_is_not_written(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, 1000)
    assert store.write(KEY, tokens(100), state(5000)) is None
    assert folder_usage(tmp_path).files == 0


def test_a_longer_snapshot_of_the_same_conversation_replaces_the_shorter(
        tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, 100 * MB)
    short = store.write(KEY, tokens(100), state(1000))
    other_branch = store.write(KEY, np.concatenate([tokens(50), tokens(60, 999)]), state(900))
    other_key = store.write("x" * 32, tokens(100), state(1000))
    longer = store.write(KEY, tokens(180), state(1800))
    assert short is not None and not short.exists()
    assert other_branch is not None and other_branch.exists()
    assert other_key is not None and other_key.exists()
    assert longer is not None and longer.exists()
    found = store.best(KEY, tokens(150))
    assert found is not None and found[1] == 150 and found[0].path == longer


def test_only_the_same_key_matches(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, 100 * MB)
    store.write(KEY, tokens(100), state(1000))
    assert store.best("other" * 6, tokens(100)) is None
    assert store.best(KEY, tokens(100, start=2)) is None  # no shared start


class _FullDisk:
    """A file that takes ``room`` bytes and then fails as a full disk does."""

    def __init__(self, real: Any, room: int) -> None:
        self._real = real
        self._room = room

    def write(self, data: bytes | bytearray) -> int:
        if len(data) > self._room:
            self._real.write(bytes(data[:self._room]))
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return int(self._real.write(data))

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def test_a_full_disk_leaves_no_file_and_keeps_the_old_snapshots(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    store = SnapshotStore(tmp_path, 100 * MB)
    kept = store.write(KEY, tokens(100, start=500), state(1000))
    real_open = open

    def full_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, mode, *args, **kwargs)
        return _FullDisk(handle, 3000) if "w" in mode else handle

    monkeypatch.setattr(snapshot_file, "open", full_open, raising=False)
    caplog.set_level(logging.WARNING)
    assert store.write(KEY, tokens(100), state(10_000)) is None
    assert "could not write snapshot" in caplog.text
    assert kept is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == [kept.name]
    assert store.best(KEY, tokens(100)) is None
    monkeypatch.undo()
    assert store.write(KEY, tokens(100), state(10_000)) is not None  # room again


def test_leftovers_of_a_crash_are_cleaned_at_start(tmp_path: Path) -> None:
    stale = tmp_path / "abc.kvs.tmp"
    stale.write_bytes(b"half a snapshot")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    live = tmp_path / "def.kvs.tmp"
    live.write_bytes(b"being written now")
    mine = tmp_path / "notes.txt"
    mine.write_text("not ours")
    SnapshotStore(tmp_path, 100 * MB)
    assert not stale.exists()
    assert live.exists()  # another write may be under way
    assert mine.exists()


def test_usage_and_clearing_touch_only_snapshots(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, 100 * MB)
    store.write(KEY, tokens(100), state(1000))
    store.write(KEY, tokens(100, start=300), state(2000))
    (tmp_path / "notes.txt").write_text("keep me")
    usage = folder_usage(tmp_path)
    assert usage.files == 2 and usage.bytes == store.used_bytes
    assert clear_folder(tmp_path) == usage.bytes
    assert folder_usage(tmp_path).files == 0
    assert (tmp_path / "notes.txt").exists()
    assert folder_usage(tmp_path / "missing") == folder_usage(tmp_path / "missing2")


def test_memory_tier_keeps_recent_ones_within_its_cap() -> None:
    tier = MemoryTier(cap_bytes=3 * (1000 + 400))
    entries = [MemoryEntry(KEY, tokens(100, start=1000 * i), state(1000)) for i in range(3)]
    for entry in entries:
        tier.put(entry)
    assert tier.best(KEY, tokens(100, start=0)) is not None  # the first, used again
    tier.put(MemoryEntry(KEY, tokens(100, start=7000), state(1000)))
    assert tier.best(KEY, tokens(100, start=1000)) is None  # the least recently used
    assert tier.best(KEY, tokens(100, start=2000)) is not None
    assert tier.used_bytes <= tier.cap_bytes
    tier.put(MemoryEntry(KEY, tokens(150, start=2000), state(1000)))  # extends one
    found = tier.best(KEY, tokens(150, start=2000))
    assert found is not None and found[1] == 150
    tier.put(MemoryEntry(KEY, tokens(10), state(10_000)))  # bigger than the cap
    assert tier.best(KEY, tokens(10)) is None
    tier.clear()
    assert tier.used_bytes == 0


def test_the_key_changes_with_everything_that_makes_a_snapshot_valid(
        tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(bytes(range(256)) * 40_000)
    base = SnapshotKey(model_fingerprint(str(model)), 4096, "f16", "off", 0, "t", "0.3", "zen4")
    fields: dict[str, Any] = {"n_ctx": 8192, "kv_cache_type": "q8_0", "flash_attention": "on",
              "n_gpu_layers": -1, "template_sha256": "u", "llama_version": "0.4",
              "cpu_variant": "haswell"}
    from dataclasses import replace
    digests = {replace(base, **{name: value}).digest for name, value in fields.items()}
    assert len(digests | {base.digest}) == len(fields) + 1
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 1  # a weight in the middle changed under the same header
    model.write_bytes(bytes(data))
    assert model_fingerprint(str(model)) != base.model


def test_shared_prefix() -> None:
    assert shared_prefix(as_tokens([1, 2, 3]), as_tokens([1, 2, 4])) == 2
    assert shared_prefix(as_tokens([1, 2]), as_tokens([1, 2, 3])) == 2
    assert shared_prefix(as_tokens([]), as_tokens([1])) == 0
    assert shared_prefix(as_tokens([5]), as_tokens([1])) == 0


def test_default_caps_follow_the_machine(tmp_path: Path) -> None:
    auto = snapshot_policy(tmp_path / "kv", None, None)
    assert 0 < auto.disk_bytes <= DISK_CEILING and 0 < auto.memory_bytes <= 1 << 30
    assert auto.enabled
    off = snapshot_policy(tmp_path / "kv", 0, 0)
    assert not off.enabled
    assert snapshot_policy(tmp_path, 300, 20).disk_bytes == 300 * MB
    assert not SnapshotPolicy().enabled
