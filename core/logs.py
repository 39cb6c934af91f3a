"""The log file: what went wrong, with the details a bug report needs.

Each process writes its own rotating file in the platform's log folder (``prosa.log``
for the window, ``engine.log`` for the engine process): two processes appending to one
rotating file would corrupt it when it rotates.  Problems the user is shown are logged
with their code, English text and technical details (a failed load brings llama.cpp's
own lines), and uncaught exceptions of every thread are logged with their traceback,
so nothing that went wrong is only in a console nobody reads.
"""

from __future__ import annotations

import logging
import logging.handlers
import threading
from pathlib import Path
from types import TracebackType

from core.errors import Problem
from core.paths import AppPaths

#: About 1 MB per file, three old files kept: a bug report's worth, never a full disk.
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s [%(processName)s %(threadName)s] %(name)s: %(message)s"

log = logging.getLogger("prosa")
_installed: dict[str, Path] = {}
_handlers: dict[str, logging.Handler] = {}


def setup(paths: AppPaths, name: str = "prosa") -> Path:
    """Log to ``<logs>/<name>.log`` from now on (once per process; later calls return
    the same file) and log every thread's uncaught exceptions."""
    if name in _installed:
        return _installed[name]
    paths.logs.mkdir(parents=True, exist_ok=True)
    path = paths.logs / f"{name}.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                   backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _hook_threads()
    _installed[name] = path
    _handlers[name] = handler
    return path


def close(name: str = "prosa") -> None:
    """Stop logging to ``name``'s file (tests, and a clean exit)."""
    handler = _handlers.pop(name, None)
    _installed.pop(name, None)
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()


def log_file(name: str = "prosa") -> Path | None:
    return _installed.get(name)


def log_problem(problem: Problem, level: int = logging.WARNING) -> None:
    """A problem shown to the user, with its details and its causes'."""
    codes = [problem.code]
    cause = problem.cause
    while cause is not None:
        codes.append(cause.code)
        cause = cause.cause
    details = problem.all_details
    log.log(level, "%s: %s%s", " < ".join(codes), problem.message,
            "\n" + details if details else "")


def log_exception(kind: type[BaseException], value: BaseException,
                  tb: TracebackType | None, where: str = "") -> None:
    log.error("uncaught exception%s", f" in {where}" if where else "",
              exc_info=(kind, value, tb))


_threads_hooked = False


def _hook_threads() -> None:
    global _threads_hooked
    if _threads_hooked:
        return
    _threads_hooked = True
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            name = args.thread.name if args.thread is not None else "a thread"
            log_exception(args.exc_type, args.exc_value, args.exc_traceback, name)
        previous(args)

    threading.excepthook = hook
