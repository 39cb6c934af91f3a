"""User-facing error types.

Every failure a person can act on is raised as a :class:`ProsaError` whose ``message``
is written for that person (what happened and what to do), while ``details`` keeps
the technical part for logs and the "Details" box.  The UI and the CLI show
``message``; neither ever shows a bare traceback for one of these.
"""

from __future__ import annotations


class ProsaError(Exception):
    """Base class: ``message`` is for the user, ``details`` for the log."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class BadInput(ProsaError):
    """The user asked for something invalid (a setting, a path, an argument)."""


class ModelFileError(ProsaError):
    """A model file is missing, unreadable, corrupt or not a GGUF model."""


class TemplateError(ProsaError):
    """A chat template failed to compile or render, or exceeded its limits."""


class EngineError(ProsaError):
    """The inference engine failed to load a model or to generate."""


class EngineCrashed(EngineError):
    """The engine process died (native crash, abort, out-of-memory kill).

    ``exit_code`` is the process exit status; negative values are signal numbers,
    as in :attr:`multiprocessing.Process.exitcode`.
    """

    def __init__(self, message: str, exit_code: int | None, details: str = "") -> None:
        super().__init__(message, details)
        self.exit_code = exit_code
