"""The API's routes: models, chat completions and text completions, each answered whole
or streamed as server-sent events.

A job's events come from the engine's thread into this request's asyncio queue.  A
streamed answer begins only once the first event is in, so a request that fails
before any token (refused, an invalid template, a prompt too long) gets its real HTTP
status rather than a 200 with an error inside.  A client that goes away, while its job
waits or while it runs, cancels it: a watcher listens for the disconnect the whole
time (``JobStream``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive

from core.conversation.types import TokenLogprob
from core.engine.protocol import GenerationFinished, ModelLoaded, TokenBatch
from core.server import replies
from core.server.config import ServerConfig
from core.server.errors import ApiError, job_error
from core.server.gate import NO_MODEL, EngineGate
from core.server.guard import note
from core.server.jobs import Job, JobEvent, JobFailed
from core.server.limits import read_json
from core.server.wire import ApiRequest, Options, chat_request, completion_request, model_id

#: What a client that went away is logged as (nginx's "client closed request").
CLIENT_GONE = 499
_GONE = object()
_SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class JobStream:
    """One job's events, awaited on the event loop; the client's disconnect cancels it."""

    def __init__(self, gate: EngineGate, job: Job, receive: Receive) -> None:
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[JobEvent | object] = asyncio.Queue()
        self.done = False
        self.ticket = gate.submit(job, self._put)
        self._watcher = asyncio.ensure_future(self._watch(receive))

    def _put(self, event: JobEvent) -> None:  # the engine's thread
        with contextlib.suppress(RuntimeError):  # the loop is closed: the server stopped
            self._loop.call_soon_threadsafe(self._queue.put_nowait, event)

    async def _watch(self, receive: Receive) -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
        self.close()
        self._queue.put_nowait(_GONE)

    async def next(self) -> JobEvent | None:
        """The next event; ``None``: the client went away (the job is cancelled)."""
        event = await self._queue.get()
        if event is _GONE:
            return None
        assert isinstance(event, TokenBatch | GenerationFinished | JobFailed)
        if isinstance(event, GenerationFinished | JobFailed):
            self.done = True
        return event

    def close(self) -> None:
        """Cancel the job unless it ended, and stop listening."""
        if not self.done:
            self.done = True
            self.ticket.cancel()
        if self._watcher is not asyncio.current_task():
            self._watcher.cancel()


class Answer:
    """How one kind of answer is written (chat or text), whole or as chunks."""

    def __init__(self, chat: bool, options: Options) -> None:
        self.chat = chat
        self.options = options
        self.stamp = replies.Stamp(options.model, "chatcmpl" if chat else "cmpl")
        self.top = options.logprobs or 0

    def whole(self, finished: GenerationFinished,
              steps: list[TokenLogprob] | None) -> dict[str, Any]:
        if self.chat:
            return replies.chat_response(self.stamp, finished, steps, self.top)
        return replies.text_response(self.stamp, finished, self.options.echo, steps, self.top)

    def opening(self) -> list[dict[str, Any]]:
        if self.chat:
            return [replies.chat_chunk(self.stamp, {"role": "assistant", "content": ""})]
        return [replies.text_chunk(self.stamp, self.options.echo)] if self.options.echo else []

    def deltas(self, batch: TokenBatch) -> list[dict[str, Any]]:
        if self.chat:
            return replies.chat_deltas(self.stamp, batch, self.options.logprobs)
        if not batch.text:
            return []
        steps = None if self.options.logprobs is None or batch.logprobs is None \
            else replies.legacy_logprobs(batch.logprobs, self.top, len(self.options.echo))
        return [replies.text_chunk(self.stamp, batch.text, logprobs=steps)]

    def ending(self, finished: GenerationFinished) -> list[dict[str, Any]]:
        if self.chat:
            return replies.chat_ending(self.stamp, finished, self.options.include_usage)
        chunks = [replies.text_chunk(self.stamp, "", replies.finish_reason(finished))]
        if self.options.include_usage:
            chunks.append({"id": self.stamp.id, "object": "text_completion",
                           "created": self.stamp.created, "model": self.stamp.model,
                           "choices": [], "usage": replies.usage(finished)})
        return chunks


class Routes:
    def __init__(self, gate: EngineGate, config: ServerConfig) -> None:
        self.gate = gate
        self.config = config

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def models(self, request: Request) -> Response:
        loaded = self.gate.loaded
        return JSONResponse({"object": "list",
                             "data": [] if loaded is None else [model_card(loaded)]})

    async def model(self, request: Request) -> Response:
        loaded = self.gate.loaded
        name = request.path_params["name"]
        if loaded is None or name != model_id(loaded):
            raise ApiError(404, f"The model '{name}' is not served here.", param="model",
                           code="model_not_found")
        return JSONResponse(model_card(loaded))

    async def chat(self, request: Request) -> Response:
        return await self._serve(request, chat_request, chat=True)

    async def completions(self, request: Request) -> Response:
        return await self._serve(request, completion_request, chat=False)

    async def _serve(self, request: Request,
                     read: Callable[..., ApiRequest], *, chat: bool) -> Response:
        body = await read_json(request)
        state = self.gate.state()
        if state.changing:
            raise ApiError(503, "A model is loading in Prosa; try again once it has "
                                "loaded.", code="model_loading", headers={"Retry-After": "2"})
        if state.loaded is None:
            raise ApiError(503, NO_MODEL, code="model_not_loaded")
        api = read(body, self.config.defaults, state.loaded)
        note(request.scope, model=api.options.model, stream=api.options.stream)
        answer = Answer(chat, api.options)
        stream = JobStream(self.gate, api.job, request.receive)
        try:
            first = await stream.next()
        except BaseException:
            stream.close()
            raise
        if first is None or isinstance(first, JobFailed):
            stream.close()
            return self._ended(request, first)
        if api.options.stream:
            return StreamingResponse(self._chunks(request, stream, answer, first),
                                     media_type="text/event-stream", headers=_SSE_HEADERS)
        try:
            return await self._whole(request, stream, answer, first)
        finally:
            stream.close()

    @staticmethod
    def _ended(request: Request, event: JobFailed | None) -> Response:
        """No reply: the client left (nobody reads this), or the job failed."""
        if event is None:
            note(request.scope, status=CLIENT_GONE, error="The client went away.")
            return Response(status_code=CLIENT_GONE)
        raise job_error(event)

    async def _whole(self, request: Request, stream: JobStream, answer: Answer,
                     event: JobEvent) -> Response:
        steps: list[TokenLogprob] | None = [] if answer.options.logprobs is not None else None
        while True:
            if isinstance(event, TokenBatch):
                if steps is not None and event.logprobs:
                    steps.extend(event.logprobs)
            elif isinstance(event, GenerationFinished):
                _note_usage(request, event)
                return JSONResponse(answer.whole(event, steps))
            next_event = await stream.next()
            if next_event is None or isinstance(next_event, JobFailed):
                return self._ended(request, next_event)
            event = next_event

    async def _chunks(self, request: Request, stream: JobStream, answer: Answer,
                      first: JobEvent) -> AsyncIterator[bytes]:
        try:
            for chunk in answer.opening():
                yield replies.sse(chunk)
            event: JobEvent | None = first
            while event is not None:
                if isinstance(event, TokenBatch):
                    for chunk in answer.deltas(event):
                        yield replies.sse(chunk)
                elif isinstance(event, GenerationFinished):
                    _note_usage(request, event)
                    for chunk in answer.ending(event):
                        yield replies.sse(chunk)
                    yield replies.sse("[DONE]")
                    return
                else:  # failed mid-stream: the status is sent already, so say it here
                    error = job_error(event)
                    note(request.scope, status=error.status, error=error.message)
                    yield replies.sse(error.body())
                    return
                event = await stream.next()
            note(request.scope, status=CLIENT_GONE, error="The client went away.")
        except asyncio.CancelledError:  # Starlette heard the disconnect first
            note(request.scope, status=CLIENT_GONE, error="The client went away.")
            raise
        finally:
            stream.close()


def _note_usage(request: Request, finished: GenerationFinished) -> None:
    note(request.scope, usage=(finished.stats.prompt_tokens,
                               finished.stats.completion_tokens))


def model_card(loaded: ModelLoaded) -> dict[str, Any]:
    created = 0
    with contextlib.suppress(OSError):
        created = int(os.stat(loaded.model_path).st_mtime)
    return {"id": model_id(loaded), "object": "model", "created": created,
            "owned_by": "prosa",
            "meta": {"file": os.path.basename(loaded.model_path), "n_ctx": loaded.n_ctx,
                     "n_ctx_train": loaded.n_ctx_train, "mode": loaded.mode,
                     "tools": loaded.tools_supported,
                     "template": loaded.template_label}}
