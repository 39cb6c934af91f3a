"""The two calls Prosa makes to an OpenAI-compatible server, over ``httpx2``.

``GET {base}/models`` lists what it serves; ``POST {base}/chat/completions`` streams a
reply as server-sent events.  HTTP statuses and transport failures become the coded
errors of ``core.remote.errors``; a stream's events are read with a bound on their
size, and an event that is not JSON ends the reply as a bad reply, with what arrived
kept by the caller.  The key goes in an ``Authorization`` header to this server only:
redirects are not followed, so a server cannot send it elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx2

from core.remote import errors
from core.remote.servers import RemoteServer

#: Seconds to connect, and to wait for each piece of a reply (a big model on a busy
#: server may read a long prompt for minutes before its first token).
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 300.0
#: The longest server-sent event accepted (a hostile server cannot fill memory).
MAX_EVENT_CHARS = 4 << 20
#: The largest model list read.
MAX_LIST_BYTES = 8 << 20


@dataclass(frozen=True)
class RemoteModel:
    """A model a server lists, with its context length when the server says it
    (vLLM's ``max_model_len``, llama-server's ``meta.n_ctx_train``)."""

    id: str
    n_ctx: int | None = None
    owned_by: str = ""


def headers(api_key: str | None) -> dict[str, str]:
    found = {"Accept": "application/json"}
    if api_key:
        found["Authorization"] = f"Bearer {api_key}"
    return found


def new_client(read_timeout_s: float = READ_TIMEOUT_S) -> httpx2.AsyncClient:
    timeout = httpx2.Timeout(read_timeout_s, connect=CONNECT_TIMEOUT_S)
    return httpx2.AsyncClient(timeout=timeout, follow_redirects=False, trust_env=False)


def _failure(server: RemoteServer, exc: Exception, read_timeout_s: float) -> errors.RemoteError:
    if isinstance(exc, httpx2.TimeoutException) and not isinstance(exc, httpx2.ConnectTimeout):
        return errors.timed_out(server.name, read_timeout_s)
    reason = str(exc) or type(exc).__name__
    return errors.unreachable(server.name, server.base_url, errors.server_message(reason))


async def _raise_for(server: RemoteServer, response: httpx2.Response, *,
                     model: str | None) -> None:
    if response.status_code < 400:
        return
    body = await response.aread()
    message = errors.server_message(body[:65536])
    status = response.status_code
    if status in (401, 403):
        raise errors.unauthorized(server.name, status, message)
    if status == 404 and model is not None:
        raise errors.model_not_found(server.name, model)
    if status == 429:
        raise errors.rate_limited(server.name,
                                  errors.retry_after(response.headers.get("retry-after")),
                                  message)
    if status in (408, 504):
        raise errors.timed_out(server.name, READ_TIMEOUT_S)
    raise errors.server_error(server.name, status, message)


async def list_models(client: httpx2.AsyncClient, server: RemoteServer,
                      api_key: str | None) -> list[RemoteModel]:
    url = f"{server.base_url}/models"
    try:
        async with client.stream("GET", url, headers=headers(api_key)) as response:
            await _raise_for(server, response, model=None)
            body = bytearray()
            async for piece in response.aiter_bytes():
                body += piece
                if len(body) > MAX_LIST_BYTES:
                    raise errors.bad_reply(server.name, "the model list is too long")
    except errors.RemoteError:
        raise
    except httpx2.HTTPError as exc:
        raise _failure(server, exc, READ_TIMEOUT_S) from exc
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise errors.bad_reply(server.name, "the model list is not JSON") from exc
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        # Ollama's native list, when the address is its root rather than /v1.
        entries = data.get("models") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise errors.bad_reply(server.name, "the model list has no data")
    found = [_model(entry) for entry in entries]
    return [model for model in found if model is not None]


def _model(entry: Any) -> RemoteModel | None:
    if not isinstance(entry, dict):
        return None
    name = entry.get("id") or entry.get("name") or entry.get("model")
    if not isinstance(name, str) or not name.strip():
        return None
    n_ctx = entry.get("max_model_len")
    meta = entry.get("meta")
    if not isinstance(n_ctx, int) and isinstance(meta, dict):
        n_ctx = meta.get("n_ctx") or meta.get("n_ctx_train")
    owner = entry.get("owned_by")
    return RemoteModel(name.strip(), n_ctx if isinstance(n_ctx, int) and n_ctx > 0 else None,
                       owner if isinstance(owner, str) else "")


async def stream_chat(client: httpx2.AsyncClient, server: RemoteServer,
                      api_key: str | None, body: dict[str, Any],
                      read_timeout_s: float = READ_TIMEOUT_S) -> AsyncIterator[Any]:
    """Each event's JSON, until ``[DONE]`` or the end of the stream.  A reply that is
    not a stream (a server that ignored ``stream``) is given as one event."""
    url = f"{server.base_url}/chat/completions"
    model = body.get("model")
    try:
        async with client.stream("POST", url, json=body,
                                 headers=headers(api_key)) as response:
            await _raise_for(server, response, model=model if isinstance(model, str) else "")
            kind = response.headers.get("content-type", "")
            if "text/event-stream" not in kind:
                whole = await response.aread()
                try:
                    yield json.loads(whole)
                except ValueError as exc:
                    raise errors.bad_reply(server.name, "the reply is not JSON") from exc
                return
            async for data in _events(server, response):
                if data == "[DONE]":
                    return
                try:
                    yield json.loads(data)
                except ValueError as exc:
                    raise errors.bad_reply(server.name, "an event is not JSON") from exc
    except errors.RemoteError:
        raise
    except httpx2.HTTPError as exc:
        raise _failure(server, exc, read_timeout_s) from exc


async def _events(server: RemoteServer, response: httpx2.Response) -> AsyncIterator[str]:
    """The ``data`` of each server-sent event (lines joined, comments skipped)."""
    data: list[str] = []
    size = 0
    async for line in response.aiter_lines():
        if not line:
            if data:
                yield "\n".join(data)
                data, size = [], 0
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        if name != "data":
            continue
        value = value[1:] if value.startswith(" ") else value
        size += len(value)
        if size > MAX_EVENT_CHARS:
            raise errors.bad_reply(server.name, "an event is too long")
        data.append(value)
    if data:
        yield "\n".join(data)
