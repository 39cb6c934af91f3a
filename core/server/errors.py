"""Every failure as OpenAI's error shape: ``{"error": {"message", "type", "param",
"code"}}`` with the right HTTP status, so a client's own error classes apply
(``openai.AuthenticationError`` for 401 ...).  The API speaks English, like the
command line; nothing here carries a traceback.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from core.errors import Problem
from core.server.jobs import JobFailed, Refusal

#: OpenAI's ``type`` for each status (503 as llama.cpp's server says it).
TYPES = {400: "invalid_request_error", 401: "authentication_error",
         403: "permission_error", 404: "not_found_error", 405: "invalid_request_error",
         413: "invalid_request_error", 415: "invalid_request_error",
         429: "rate_limit_error", 500: "server_error", 503: "unavailable_error"}

#: The engine's problems that a request caused (its messages, settings, tools or
#: schema): 400, not 500.
_CLIENT_CODES = ("conversation.", "template.", "structured.", "sampling.",
                 "engine.constraint_", "engine.grammar_invalid", "engine.grammar_refused",
                 "engine.no_tools", "engine.schema_unsupported", "engine.too_many_beams",
                 "engine.tool_choice_unsupported", "engine.tools_unsupported",
                 "engine.unknown_tool", "engine.unknown_token")
_CLIENT_KINDS = ("BadInput", "TemplateError")


class ApiError(Exception):
    """A request that ends in an error response (raised anywhere in a route)."""

    def __init__(self, status: int, message: str, *, param: str | None = None,
                 code: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.message, param=self.param, code=self.code)

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def error_body(status: int, message: str, *, param: str | None = None,
               code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": TYPES.get(status, "server_error"),
                      "param": param, "code": code}}


def job_error(failure: JobFailed) -> ApiError:
    """Why a job got no reply, as the status a client acts on."""
    reason = failure.reason
    if reason is Refusal.BUSY:
        return ApiError(429, failure.message, code="queue_full", headers={"Retry-After": "1"})
    if reason is Refusal.FAILED:
        return problem_error(failure.problem, failure.kind, failure.message)
    code = {Refusal.NO_MODEL: "model_not_loaded", Refusal.MODEL_CHANGING: "model_loading",
            Refusal.STOPPING: "server_stopping",
            Refusal.ENGINE_STOPPED: "engine_stopped"}.get(reason)
    return ApiError(503, failure.message, code=code, headers={"Retry-After": "2"})


def problem_error(problem: Problem | None, kind: str, message: str) -> ApiError:
    """The engine's own problem: the request's fault (400) or the server's (500)."""
    code = problem.code if problem is not None else ""
    if code.startswith("conversation."):
        return ApiError(400, message, param="messages", code="context_length_exceeded")
    if kind in _CLIENT_KINDS or code.startswith(_CLIENT_CODES):
        return ApiError(400, message, code=code.replace(".", "_") or None)
    return ApiError(500, message, code="engine_error")
