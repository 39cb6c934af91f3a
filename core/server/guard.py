"""The front door: who may ask, and a line in the log for every request.

Three checks come before any route:

- The API key, when one is set: ``Authorization: Bearer <key>``, compared in constant
  time (``hmac.compare_digest``), so timing says nothing about how much of a guess
  was right.
- Web pages: a browser sends ``Origin`` with every cross-site request, and a page
  the user happens to visit must not use their model.  A request whose ``Origin`` is
  not the server's own address is refused (403); programs send no ``Origin``.
- DNS rebinding: a page can point its own name at 127.0.0.1 and then call the server
  as if same-origin.  On a loopback address the ``Host`` header must name loopback.

Everything, refused or served, ends as a :class:`LogEntry` (what the route noted in
the request's scope: the model, the tokens, the error's message).
"""

from __future__ import annotations

import hmac
import logging
import time
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.server.config import ServerConfig, is_loopback
from core.server.errors import ApiError
from core.server.log import LogEntry, RequestLog

log = logging.getLogger(__name__)

#: Answered without a key: it tells nothing but "up".
OPEN_PATHS = ("/health",)
#: What a route notes about its request, in the scope (``note``).
NOTES = "prosa"


def note(scope: Scope, **values: Any) -> None:
    scope.setdefault(NOTES, {}).update(values)


class Front:
    """ASGI middleware around the whole app (see the module docstring)."""

    def __init__(self, app: ASGIApp, config: ServerConfig, requests: RequestLog) -> None:
        self.app = app
        self.config = config
        self.requests = requests
        self._key = config.api_key.encode() if config.api_key else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        arrived = time.time()
        started = self.requests.begin()
        status = 0

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            refusal = self.refusal(scope)
            if refusal is not None:
                note(scope, error=refusal.message)
                await refusal.response()(scope, receive, sending)
            else:
                await self.app(scope, receive, sending)
        except Exception:
            log.exception("the API server failed on %s %s", scope.get("method"),
                          scope.get("path"))
            if not status:
                error = ApiError(500, "The server failed; the details are in Prosa's log.")
                note(scope, error=error.message)
                await error.response()(scope, receive, sending)
        finally:
            notes = scope.get(NOTES, {})
            client = scope.get("client") or ("?", 0)
            usage = notes.get("usage", (0, 0))
            self.requests.end(LogEntry(
                arrived, f"{client[0]}:{client[1]}", scope.get("method", ""),
                scope.get("path", ""), notes.get("model", ""),
                notes.get("status", status), usage[0], usage[1],
                error=notes.get("error", ""), stream=notes.get("stream", False)), started)

    def refusal(self, scope: Scope) -> ApiError | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        # No Host at all (HTTP/1.0) is no browser: browsers always send one.
        if self.config.loopback and host and not is_loopback(_hostname(host)):
            return ApiError(403, f"This server answers on its loopback address only, not "
                                 f"as '{host}'.", code="forbidden_host")
        origin = headers.get("origin")
        if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
            return ApiError(403, "Requests from web pages are refused: call the server "
                                 "from a program.", code="forbidden_origin")
        if self._key is None or scope.get("path") in OPEN_PATHS:
            return None
        authorization = headers.get("authorization", "")
        scheme, _, given = authorization.partition(" ")
        if not authorization:
            return ApiError(401, "This server needs an API key: send it as "
                                 "'Authorization: Bearer <key>'.", code="missing_api_key",
                            headers={"WWW-Authenticate": "Bearer"})
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                                  self._key):
            return ApiError(401, "Incorrect API key.", code="invalid_api_key",
                            headers={"WWW-Authenticate": "Bearer"})
        return None


def _hostname(host: str) -> str:
    """The name in a ``Host`` header, without its port (``[::1]:8765`` -> ``::1``)."""
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
