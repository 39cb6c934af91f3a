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


class DownloadError(ProsaError):
    """A model download could not start or finish.

    ``reason`` is a short stable code (``"offline"``, ``"auth"``, ``"gated"``,
    ``"not_found"``, ``"rate_limited"``, ``"server"``, ``"network"``, ``"no_space"``,
    ``"disk_full"``, ``"damaged"``, ``"io"``...) so the UI can offer the right next step
    (a token field for ``"auth"``, the Hub page for ``"gated"``) without parsing text.
    """

    def __init__(self, message: str, details: str = "", reason: str = "") -> None:
        super().__init__(message, details)
        self.reason = reason


class HubError(ProsaError):
    """A request to the Hugging Face Hub failed.

    ``status`` is the HTTP status when the Hub answered (None when it could not be
    reached at all), so callers can tell "try again later" from "fix the token"
    without parsing the message.
    """

    def __init__(self, message: str, status: int | None = None, details: str = "") -> None:
        super().__init__(message, details)
        self.status = status


class HubOffline(HubError):
    """Offline mode is on: no request was made."""


class HubUnreachable(HubError):
    """The Hub could not be reached: no connection, DNS failure, timeout, cut transfer."""


class HubAuthRequired(HubError):
    """The repository is private (or hidden) or the access token was refused."""


class HubGated(HubError):
    """The repository is gated and this token has not been granted access."""


class HubNotFound(HubError):
    """No such repository, revision or file (or the name is not a valid repository id)."""


class HubRateLimited(HubError):
    """The Hub answered 429: too many requests; ``retry_after`` is in seconds when known."""

    def __init__(
        self,
        message: str,
        status: int | None = 429,
        details: str = "",
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message, status, details)
        self.retry_after = retry_after


class HubServerError(HubError):
    """The Hub failed on its side (5xx) or sent an answer Prosa could not read."""


class ConversationStoreError(ProsaError):
    """The saved conversations could not be read or written: a full disk, a folder
    Prosa may not write to, a file locked by another program, or a file made by a
    newer Prosa.  (A damaged file is not an error: it is set aside and replaced.)"""
