"""Small JSON files that survive crashes and bad edits.

Writes go to a temporary file that is renamed into place, so a crash mid-write keeps
the previous version.  A file that cannot be parsed is moved aside (never deleted)
and the caller gets ``None`` plus the name it was kept under, to tell the user.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path) -> tuple[Any | None, Path | None]:
    """``(data, None)``; ``(None, None)`` when missing; ``(None, kept_as)`` when damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError):
        return None, _set_aside(path)
    try:
        return json.loads(text), None
    except json.JSONDecodeError:
        return None, _set_aside(path)


def _set_aside(path: Path) -> Path:
    for n in range(1, 1000):
        aside = path.with_name(f"{path.name}.damaged-{n}")
        if not aside.exists():
            os.replace(path, aside)
            return aside
    raise OSError(f"too many damaged copies of {path}")
