"""Opening the conversations' SQLite file so that it lasts: checked, migrated, and
set aside (never deleted) when damaged.

Durability rules:

- one transaction per change (:func:`transaction`: ``BEGIN IMMEDIATE``, so a second
  writer waits instead of failing half-way), WAL journal, ``synchronous=NORMAL``: a
  killed app loses nothing that was committed; a power cut may lose the last commits
  but never corrupts;
- a reply is written while it grows; one still marked 'streaming' at open was cut off
  by a crash and becomes 'interrupted', keeping its text;
- the schema only changes through the migrations in ``core.conversation.schema``, each
  recorded in ``migrations``, with a consistent copy of the file made before an
  existing file is migrated;
- a damaged file (or one that is not SQLite) is renamed aside with its companions, and
  the caller gets a :class:`Problem` saying where it was kept, to tell the user.

Every SQLite or OS error the user can act on (a full disk, a locked or read-only file)
becomes a :class:`ConversationStoreError` with its own code (:func:`translated`);
errors that mean a bug here pass through unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from core.conversation.schema import MIGRATIONS
from core.conversation.types import MessageStatus
from core.errors import ConversationStoreError, Problem

BUSY_TIMEOUT_MS = 5000
#: Files SQLite keeps beside a database; a damaged database is set aside with them.
COMPANIONS = ("-wal", "-shm", "-journal")


class Opened(NamedTuple):
    """An open history file, and what happened on the way."""

    db: sqlite3.Connection
    #: What the user should be told (a damaged file set aside); ``None``: nothing.
    notice: Problem | None
    #: Where a damaged file was moved this time (its companions beside it, same name
    #: plus ``-wal``...): what ``core.conversation.recovery`` reads conversations back
    #: from.  ``None`` when the file was sound.
    set_aside: Path | None


def open_database(path: Path, clock: Callable[[], float]) -> Opened:
    """The file at ``path``, created or migrated to the current schema; with a notice
    for the user when a damaged file had to be set aside first."""
    with translated(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    notice = None
    aside = None
    damaged = _damage_read_only(path)
    db = _connect(path)
    if damaged is None:  # a read-only look was not enough (a crashed rollback journal)
        damaged = _damage(db, path)
    if damaged:
        db.close()
        aside = _set_aside(path, clock)
        kept = str(aside)
        if damaged == _NOT_SQLITE:
            notice = Problem.of(
                "conversation.set_aside.not_sqlite",
                "The saved conversations could not be read (the file is not an SQLite "
                "database), so a new, empty history was started; the old file was kept "
                "as {kept}.", kept=kept)
        else:
            notice = Problem.of(
                "conversation.set_aside.damaged",
                "The saved conversations could not be read (the file is damaged), so a "
                "new, empty history was started; the old file was kept as {kept}.",
                kept=kept)
        db = _connect(path)
    try:
        with translated(path):
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            _migrate(db, path, clock)
            with transaction(db):
                db.execute("UPDATE messages SET status = ? WHERE status = ?",
                           (MessageStatus.INTERRUPTED.value, MessageStatus.STREAMING.value))
    except BaseException:
        db.close()
        raise
    return Opened(db, notice, aside)


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front: a second writer waits (busy_timeout)
    # instead of failing when it tries to upgrade a read lock half-way through.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    """SQLite and OS errors inside become :class:`ConversationStoreError` about ``path``."""
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise  # a bug here, not something the user can fix
    except (sqlite3.Error, OSError) as error:
        raise store_error(path, error) from error


def store_error(path: Path, error: sqlite3.Error | OSError) -> ConversationStoreError:
    """What the user is told about an error with the file at ``path``."""
    details = f"{type(error).__name__}: {error}"
    name = _name(error) if isinstance(error, sqlite3.Error) else ""
    if name == "SQLITE_FULL" or getattr(error, "errno", None) == errno.ENOSPC:
        return ConversationStoreError(
            "conversation.disk_full",
            "The disk holding {folder} is full, so the conversation could not be saved; "
            "free some space and try again.", details=details, folder=str(path.parent))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return ConversationStoreError(
            "conversation.locked",
            "The saved conversations ({path}) are locked by another program, perhaps a "
            "second Prosa; close it and try again.", details=details, path=str(path))
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) \
            or isinstance(error, PermissionError):
        return ConversationStoreError(
            "conversation.not_writable",
            "Prosa cannot write its saved conversations at {path}; check that the folder "
            "exists and that you may write to it.", details=details, path=str(path))
    if name.startswith("SQLITE_CORRUPT"):
        return ConversationStoreError(
            "conversation.damaged",
            "The saved conversations ({path}) are damaged; restart Prosa to set the file "
            "aside and start a new one.", details=details, path=str(path))
    return ConversationStoreError(
        "conversation.io",
        "Prosa could not read or write its saved conversations at {path}.",
        details=details, path=str(path))


# --- opening -------------------------------------------------------------------------

_NOT_SQLITE = "not an SQLite database"
_DAMAGED = "the file is damaged"


def _connect(path: Path) -> sqlite3.Connection:
    with translated(path):
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return db


def _damage_read_only(path: Path) -> str | None:
    """Check the file without changing it: a read-write connection to a damaged file
    may delete or checkpoint its -wal on close, and that is evidence to keep.

    "" when sound or missing, a reason when damaged, ``None`` when only a read-write
    connection can tell."""
    try:
        if path.stat().st_size == 0:
            return ""
    except FileNotFoundError:
        return ""
    except OSError as error:
        raise store_error(path, error) from error
    uri = path.absolute().as_uri() + "?mode=ro"
    with translated(path):
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return _damage(db, path)
    except ConversationStoreError as error:
        if isinstance(error.__cause__, sqlite3.Error) \
                and _name(error.__cause__).startswith("SQLITE_READONLY"):
            return None
        raise
    finally:
        db.close()


def _damage(db: sqlite3.Connection, path: Path) -> str:
    """Why the file cannot be used ("" when it is sound).  Only corruption counts: a
    locked or unreadable file is an error to report, not a reason to move it."""
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        if _name(error).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return _NOT_SQLITE if _name(error) == "SQLITE_NOTADB" else _DAMAGED
        raise store_error(path, error) from error
    if [tuple(row) for row in rows] != [("ok",)]:
        return _DAMAGED
    return ""


def _set_aside(path: Path, clock: Callable[[], float]) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
    for n in range(1, 1000):
        suffix = f".damaged-{stamp}" + (f"-{n}" if n > 1 else "")
        aside = path.with_name(path.name + suffix)
        companions = [Path(f"{aside}{ext}") for ext in COMPANIONS]
        if not aside.exists() and not any(p.exists() for p in companions):
            break
    else:  # pragma: no cover - a thousand damaged files in one second
        raise ConversationStoreError("conversation.too_many_damaged",
                                     "Too many damaged copies next to {path}.",
                                     path=str(path))
    with translated(path):
        os.replace(path, aside)
        for ext in COMPANIONS:
            extra = Path(f"{path}{ext}")
            if extra.exists():
                os.replace(extra, Path(f"{aside}{ext}"))
    return aside


def _migrate(db: sqlite3.Connection, path: Path, clock: Callable[[], float]) -> None:
    db.execute("""CREATE TABLE IF NOT EXISTS migrations (
                      version INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE,
                      applied_at REAL NOT NULL)""")
    applied = [row["name"] for row in db.execute("SELECT name FROM migrations ORDER BY version")]
    known = [fn.__name__ for fn in MIGRATIONS]
    if applied != known[:len(applied)]:
        raise ConversationStoreError(
            "conversation.newer",
            "The saved conversations ({path}) were written by a newer version of Prosa; "
            "update Prosa to open them.",
            details=f"applied migrations {applied}, known {known}", path=str(path))
    if len(applied) == len(known):
        return
    if applied:
        _backup(db, path, len(applied))
    # Foreign keys are off while the schema changes, as SQLite's procedure for rebuilding
    # a table asks (dropping the old table must not cascade into the copy); each
    # migration checks them before it commits.
    db.execute("PRAGMA foreign_keys=OFF")
    try:
        for version, migration in enumerate(MIGRATIONS[len(applied):], len(applied) + 1):
            with transaction(db):
                migration(db)
                broken = db.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise sqlite3.IntegrityError(
                        f"{migration.__name__} left {len(broken)} broken references")
                db.execute("INSERT INTO migrations (version, name, applied_at) "
                           "VALUES (?, ?, ?)", (version, migration.__name__, clock()))
    finally:
        db.execute("PRAGMA foreign_keys=ON")


def _backup(db: sqlite3.Connection, path: Path, version: int) -> None:
    """A consistent copy of the file as it was, before its schema changes."""
    target = path.with_name(f"{path.name}.backup-v{version}")
    partial = target.with_name(target.name + ".partial")
    copy = sqlite3.connect(partial)
    try:
        db.backup(copy)
        copy.close()
        os.replace(partial, target)
    except BaseException:
        copy.close()
        partial.unlink(missing_ok=True)
        raise


def _name(error: sqlite3.Error) -> str:
    return str(getattr(error, "sqlite_errorname", "") or "")
