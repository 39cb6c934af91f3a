"""The Starlette application: routes, and every error in OpenAI's shape.

Starlette alone (no FastAPI): seven routes do not need a framework's validation
layer, and ``core.server.wire`` checks every field with messages a client can act on.
Routes answer with and without the ``/v1`` prefix, as llama.cpp's server does, for
clients configured with a bare address.
"""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from core.server.config import ServerConfig
from core.server.errors import ApiError
from core.server.gate import EngineGate
from core.server.guard import Front, note
from core.server.log import RequestLog
from core.server.routes import CLIENT_GONE, Routes

log = logging.getLogger(__name__)


def build_app(gate: EngineGate, config: ServerConfig, requests: RequestLog) -> ASGIApp:
    routes = Routes(gate, config)
    table = [Route("/health", routes.health, methods=["GET"])]
    for prefix in ("/v1", ""):
        table += [
            Route(f"{prefix}/models", routes.models, methods=["GET"]),
            Route(prefix + "/models/{name:path}", routes.model, methods=["GET"]),
            Route(f"{prefix}/chat/completions", routes.chat, methods=["POST"]),
            Route(f"{prefix}/completions", routes.completions, methods=["POST"]),
        ]
    app = Starlette(routes=table, exception_handlers={
        ApiError: _api_error, HTTPException: _http_error,
        ClientDisconnect: _client_gone, Exception: _unexpected})
    return Front(app, config, requests)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    note(request.scope, error=exc.message)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own: an unknown route (404) or method (405)."""
    assert isinstance(exc, HTTPException)
    method, path = request.method, request.url.path
    if exc.status_code == 404:
        error = ApiError(404, f"There is no route {method} {path}: this server answers "
                              "/v1/models, /v1/chat/completions and /v1/completions.",
                         code="unknown_route")
    elif exc.status_code == 405:
        error = ApiError(405, f"{path} does not take {method}.", code="method_not_allowed",
                         headers=dict(exc.headers or {}))
    else:
        error = ApiError(exc.status_code, str(exc.detail))
    return await _api_error(request, error)


async def _client_gone(request: Request, exc: Exception) -> Response:
    note(request.scope, status=CLIENT_GONE, error="The client went away.")
    return Response(status_code=CLIENT_GONE)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("the API server failed on %s %s", request.method, request.url.path,
              exc_info=exc)
    return await _api_error(request, ApiError(
        500, "The server failed; the details are in Prosa's log.", code="internal_error"))
