"""How much a request may send, enforced on the bytes as they arrive (a client can lie
in ``Content-Length``, or send none and stream a body in chunks)."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request

from core.server.errors import ApiError

#: The largest body read: a long conversation is a few hundred kilobytes.
MAX_BODY_BYTES = 1 << 20
#: A body over the limit is read on and thrown away up to this much, so a client still
#: sending it reads the 413 instead of a connection reset; past it, the connection is
#: simply closed.
DRAIN_BYTES = 16 << 20


def too_large() -> ApiError:
    return ApiError(413, f"The request body is larger than {MAX_BODY_BYTES // 1024} KiB.",
                    code="request_too_large")


async def read_json(request: Request) -> dict[str, Any]:
    """The body as a JSON object, or a 400/413 that says what is wrong with it."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise ApiError(400, "The Content-Length header is not a number.") from None
        if size > DRAIN_BYTES:
            raise too_large()
    chunks: list[bytes] = []
    size = 0
    over = False
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            over = True
            chunks.clear()
            if size > DRAIN_BYTES:
                break
        elif chunk:
            chunks.append(chunk)
    if over:
        raise too_large()
    try:
        data = json.loads(b"".join(chunks))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"The body is not valid JSON: {exc}.") from None
    except RecursionError:
        raise ApiError(400, "The body's JSON is nested too deeply.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "The body must be a JSON object.")
    return data
