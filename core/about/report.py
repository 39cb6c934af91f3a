"""A problem report: Prosa's logs and a description of this computer in one file.

"Report a problem" should not ask a user to find hidden folders and copy files by hand.
This writes one ``.zip`` they can attach to a message: the app's and the engine's logs
(rotated copies included), and ``about.json`` with the version, the build, the system,
the processor's features and the llama.cpp backend in use.  It holds no conversations,
no settings file (it may hold a Hub access token) and no model: only what the logs
already say, which the user can read in the archive before sending it.
"""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from core.about.version import build_info, runtime
from core.errors import ProsaError
from core.paths import AppPaths
from core.system import available_cores, cpu_info

#: Log files larger than this keep only their end in the report (the recent part is
#: what explains a problem, and mail servers refuse big attachments).
MAX_LOG_BYTES = 4 * 1024 * 1024


class ReportError(ProsaError):
    """The report could not be written."""


def report_name(clock: float | None = None) -> str:
    """A file name for a report made now: ``prosa-report-20261205-1730.zip``."""
    stamp = time.strftime("%Y%m%d-%H%M", time.localtime(clock))
    return f"prosa-report-{stamp}.zip"


def about(extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What the report says about this Prosa and this computer."""
    cpu = cpu_info()
    data: dict[str, Any] = {
        "build": asdict(build_info()),
        "runtime": asdict(runtime()),
        "cpu": {"name": cpu.name, "architecture": cpu.architecture,
                "features": list(cpu.features), "cores": available_cores()},
        "written_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    data.update(extra or {})
    return data


def write_report(paths: AppPaths, dest: Path, extra: Mapping[str, Any] | None = None) -> Path:
    """Write the report to ``dest`` (a ``.zip``) and return it; ``extra`` adds facts the
    window knows (the backend in use, the model's name).  Written to a temporary name
    first, so a full disk never leaves half a report under the chosen name."""
    partial = dest.with_name(dest.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("about.json", json.dumps(about(extra), indent=2, default=str))
            for log in sorted(paths.logs.glob("*.log*")):
                if log.is_file():
                    archive.writestr(f"logs/{log.name}", _tail(log))
        partial.replace(dest)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ReportError("app.report_failed", "The report could not be written to "
                          "{path}: {reason}", details=repr(exc), path=str(dest),
                          reason=exc.strerror or str(exc)) from exc
    return dest


def _tail(log: Path) -> bytes:
    size = log.stat().st_size
    with log.open("rb") as file:
        if size > MAX_LOG_BYTES:
            file.seek(size - MAX_LOG_BYTES)
            return b"[... earlier lines left out ...]\n" + file.read()
        return file.read()
