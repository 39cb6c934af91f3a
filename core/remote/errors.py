"""What can go wrong with a remote server, as coded problems the window translates.

Every failure the user must act on differently has its own code: a server that cannot
be reached (address, network), a refused key, a model the server does not have, too
many requests (with the wait the server asked for), a timeout, a server error, and a
reply that could not be read or ended before it was finished.  Text that comes from the
server (an error message) is untrusted: it is shortened, stripped of control
characters, and shown as a field of the sentence, never as the sentence.
"""

from __future__ import annotations

import json
import re

from core.errors import EngineError

#: The longest piece of a server's own error message that is shown.
MESSAGE_LIMIT = 300
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class RemoteError(EngineError):
    """Anything a remote server or the way to it did wrong."""


def server_message(body: bytes | str) -> str:
    """The error message of a server's reply, as safe, short text.

    OpenAI's shape (``{"error": {"message": ...}}``), FastAPI's (``{"detail": ...}``)
    and plain text are understood."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            text = error["message"]
        elif isinstance(error, str):
            text = error
        elif isinstance(data.get("detail"), str):
            text = data["detail"]
        elif isinstance(data.get("message"), str):
            text = data["message"]
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT - 1] + "…"


def unreachable(server: str, address: str, reason: str) -> RemoteError:
    return RemoteError("remote.unreachable", "The server “{server}” at {address} could "
                       "not be reached: {reason}. Check the address and that the server "
                       "is running.", server=server, address=address, reason=reason)


def unauthorized(server: str, status: int, message: str) -> RemoteError:
    return RemoteError("remote.unauthorized", "The server “{server}” refused the API key "
                       "(HTTP {status}): check the key it was given.",
                       details=message, server=server, status=status)


def model_not_found(server: str, model: str) -> RemoteError:
    return RemoteError("remote.model_not_found", "The server “{server}” has no model "
                       "named “{model}”. Pick one of the models it lists.",
                       server=server, model=model)


def rate_limited(server: str, seconds: float | None, message: str) -> RemoteError:
    if seconds is None:
        return RemoteError("remote.rate_limited", "The server “{server}” has too many "
                           "requests now. Try again in a moment.",
                           details=message, server=server)
    return RemoteError("remote.rate_limited_wait", "The server “{server}” has too many "
                       "requests now. Try again in {seconds} seconds.",
                       details=message, server=server, seconds=max(1, round(seconds)))


def timed_out(server: str, seconds: float) -> RemoteError:
    return RemoteError("remote.timeout", "The server “{server}” did not answer within "
                       "{seconds:g} seconds.", server=server, seconds=seconds)


def server_error(server: str, status: int, message: str) -> RemoteError:
    return RemoteError("remote.server_error", "The server “{server}” answered with an "
                       "error (HTTP {status}): {message}",
                       server=server, status=status, message=message or "-")


def bad_reply(server: str, reason: str) -> RemoteError:
    return RemoteError("remote.bad_reply", "The server “{server}” sent a reply Prosa "
                       "could not read ({reason}).", server=server, reason=reason)


def truncated(server: str) -> RemoteError:
    return RemoteError("remote.truncated", "The server “{server}” ended the reply before "
                       "it was finished; what arrived is kept.", server=server)


def no_models(server: str) -> RemoteError:
    return RemoteError("remote.no_models", "The server “{server}” lists no models.",
                       server=server)


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number of seconds; an HTTP date is not
    worth a wait we cannot show simply, so it reads as unknown)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if 0 <= seconds < 86_400 else None
