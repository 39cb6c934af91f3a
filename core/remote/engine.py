"""A remote OpenAI-compatible server as an :class:`~core.engine.seam.Engine`.

The window, the CLI and the tool loop talk to it exactly as to the local llama.cpp
process: requests return an id at once, and load results, token batches, the end of a
reply and failures arrive as ``core.engine.protocol`` events through the callback.
The HTTP work runs on an event loop of its own (:class:`~core.common.loop_thread.
LoopThread`); Stop cancels the reply's task, which closes its stream at once.

What differs, the engine says in its events rather than hiding: the server formats the
prompt with its own template (``ModelLoaded.remote``; an inspection shows the request
Prosa sends instead of a prompt and tokens), token ids are unknown (each streamed chunk
counts as a token, id -1), and settings the server cannot take are named in the
reply's notes.  A reply that breaks off (the server died, the stream was cut, an event
was garbage) keeps what arrived: the tokens already sent, then an ``EngineFailure``
for the request, which the conversation stores as a reply ended by an error.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace

import httpx2

from core.common.loop_thread import LoopThread
from core.conversation.types import (
    ContextPolicy,
    FinishReason,
    GenerationStats,
    Message,
    ThinkingSettings,
)
from core.engine.protocol import (
    BUDGET_NOTE,
    EngineFailure,
    Event,
    GenerationFinished,
    LoadModel,
    LoadProgress,
    Mode,
    ModelLoaded,
    ModelUnloaded,
    PromptInspection,
    TokenBatch,
)
from core.errors import EngineError, Problem, ProsaError
from core.output.types import Family
from core.remote import api, errors
from core.remote.servers import RemoteTarget
from core.remote.stream import ReplyAssembly
from core.remote.wire import ChatRequest, chat_request
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer

log = logging.getLogger(__name__)

EventCallback = Callable[[Event], None]
#: How often streamed text is handed on (as the local engine does).
BATCH_S = 0.025
#: The id of a streamed token: a remote server sends text, not ids.
UNKNOWN_TOKEN = -1

SERVER_TEMPLATE = Problem.of(
    "template.reason.server", "The server formats the prompt with its own chat template. "
    "Prosa shows the request it sends; the exact prompt and its tokens stay on the server.")
IGNORED = Problem.of("remote.ignored_settings", "The server “{server}” was not sent these "
                                                "settings, which it cannot use: {settings}.")
EXTRAS_REFUSED = Problem.of(
    "remote.extras_refused", "The server “{server}” refused llama.cpp's own settings "
    "(top-k, min-p, typical-p, the repeat penalty); replies use the rest.")
#: ``finish_reason`` values that mean the model ended the reply itself.
_STOPPED = {"stop", "tool_calls", "function_call", "eos", "end_turn"}


@dataclass
class _Reply:
    request_id: int
    task: asyncio.Task[None] | None = None
    assembly: ReplyAssembly = field(default_factory=ReplyAssembly)
    cancelled: bool = False


class RemoteEngine:
    """One remote model at a time, on one server (see the module docstring)."""

    def __init__(self, on_event: EventCallback, *,
                 read_timeout_s: float = api.READ_TIMEOUT_S) -> None:
        self._on_event = on_event
        self._read_timeout_s = read_timeout_s
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop: LoopThread | None = None
        self._client: httpx2.AsyncClient | None = None
        self._target: RemoteTarget | None = None
        self._model_path = ""
        self._n_ctx = 0
        self._extras_refused = False
        self._reply: _Reply | None = None
        self._load_task: Future[None] | None = None

    # --- the seam ------------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return None

    @property
    def running_request(self) -> int | None:
        reply = self._reply
        return reply.request_id if reply is not None else None

    @property
    def target(self) -> RemoteTarget | None:
        return self._target

    def load(self, request: LoadModel) -> None:
        """A file path is not a remote model (the router sends those to llama.cpp)."""
        self._emit(EngineFailure(None, Problem.of(
            "remote.not_remote", "{path} is not a remote model.", path=request.model_path)))

    def load_target(self, target: RemoteTarget, model_path: str) -> None:
        """Connect to ``target``'s server and check it serves the model: ``ModelLoaded``
        or ``EngineFailure``.  ``model_path`` is how the app names it (``core.remote.
        refs``)."""
        self.load_resolved(lambda: target, model_path)

    def load_resolved(self, resolve: Callable[[], RemoteTarget], model_path: str) -> None:
        """As :meth:`load_target`, with the target found by ``resolve`` off the caller's
        thread: it reads the key from the system keyring, which may wait on the
        desktop's keyring service (never on the GUI thread)."""
        self.cancel()
        with self._lock:
            self._target = None
            self._model_path = model_path
            self._extras_refused = False
            loop = self._ensure_loop()
        self._emit(LoadProgress(0.0))
        self._load_task = loop.submit(self._resolve_and_load(resolve, model_path))

    async def _resolve_and_load(self, resolve: Callable[[], RemoteTarget],
                                model_path: str) -> None:
        try:
            target = await asyncio.to_thread(resolve)
            target = replace(target, server=target.server.validated())
        except ProsaError as exc:
            self._emit(EngineFailure(None, exc.problem, type(exc).__name__))
            return
        await self._load(target, model_path)

    def unload(self) -> None:
        self.cancel()
        with self._lock:
            self._target = None
        self._emit(ModelUnloaded())

    def forget_model(self) -> None:
        with self._lock:
            self._target = None

    def clear_snapshots(self) -> None:
        """A server keeps its own cache; Prosa keeps none for it."""

    def generate(self, messages: Sequence[Message], sampling: SamplingParams,
                 reply_prefix: Sequence[int] = (),
                 context_policy: ContextPolicy = ContextPolicy.STOP, *,
                 thinking: ThinkingSettings | None = None,
                 output_family: Family | None = None,
                 budget_note: str = BUDGET_NOTE,
                 offer: ToolOffer | None = None) -> int:
        sampling = sampling.validated()
        target = self._require()
        request = chat_request(target.model, messages, sampling, thinking=thinking,
                               offer=offer)
        with self._lock:
            request_id = next(self._ids)
            reply = _Reply(request_id)
            self._reply = reply
            loop = self._ensure_loop()
        loop.call(self._start, reply, target, request)
        return request_id

    def inspect(self, messages: Sequence[Message], *,
                thinking: ThinkingSettings | None = None,
                output_family: Family | None = None,
                offer: ToolOffer | None = None) -> int:
        """The request Prosa would send, in place of a prompt: the server renders it."""
        target = self._require()
        request = chat_request(target.model, messages, SamplingParams(), thinking=thinking,
                               offer=offer)
        body = {k: v for k, v in request.body.items()
                if k not in ("stream", "stream_options", "max_tokens", "temperature",
                             "top_p", "top_k", "min_p", "repeat_penalty", "repeat_last_n")}
        request_id = next(self._ids)
        inspection = PromptInspection(
            request_id, json.dumps(body, ensure_ascii=False, indent=2), (), self._n_ctx,
            "chat", target.label, SERVER_TEMPLATE, False)
        with self._lock:
            loop = self._ensure_loop()
        # From the engine's thread, as every answer: the caller learns the id first.
        loop.call(self._emit, inspection)
        return request_id

    def read_ahead(self, messages: Sequence[Message], sampling: SamplingParams,
                   context_policy: ContextPolicy = ContextPolicy.STOP, *,
                   thinking: ThinkingSettings | None = None,
                   offer: ToolOffer | None = None) -> int | None:
        return None  # the server's cache is its own

    def count(self, messages: Sequence[Message], sampling: SamplingParams,
              context_policy: ContextPolicy = ContextPolicy.STOP, *,
              thinking: ThinkingSettings | None = None,
              offer: ToolOffer | None = None) -> int | None:
        return None  # tokens are counted by the server, after the reply

    def set_template(self, override: str | None, force_mode: Mode | None) -> None:
        """The server's template is the server's: nothing to change here (the window
        says so where a template is edited)."""
        log.info("a template change for a remote model was ignored")

    def cancel(self) -> None:
        with self._lock:
            reply, loop = self._reply, self._loop
        if reply is not None and loop is not None:
            reply.cancelled = True
            task = reply.task
            if task is not None:
                loop.call(task.cancel)

    def close(self) -> None:
        with self._lock:
            loop, self._loop = self._loop, None
            client, self._client = self._client, None
            self._reply = None
        if loop is None:
            return
        if client is not None:
            try:
                loop.submit(client.aclose()).result(5)
            except Exception:  # closing never fails the caller
                log.debug("closing the HTTP client failed", exc_info=True)
        loop.close()

    # --- on the loop ---------------------------------------------------------------------

    def _ensure_loop(self) -> LoopThread:
        """With the lock held."""
        if self._loop is None:
            self._loop = LoopThread("remote-engine")
        return self._loop

    def _http(self) -> httpx2.AsyncClient:
        if self._client is None:
            self._client = api.new_client(self._read_timeout_s)
        return self._client

    def _require(self) -> RemoteTarget:
        target = self._target
        if target is None:
            raise EngineError("engine.no_model", "No model is loaded. Pick a model first.")
        return target

    def _emit(self, event: Event) -> None:
        try:
            self._on_event(event)
        except Exception:  # a listener's bug must not kill the loop
            log.exception("an engine event's listener failed")

    async def _load(self, target: RemoteTarget, model_path: str) -> None:
        started = time.perf_counter()
        try:
            models = await api.list_models(self._http(), target.server, target.api_key)
        except ProsaError as exc:
            self._emit(EngineFailure(None, exc.problem, type(exc).__name__))
            return
        except Exception as exc:  # a hostile reply is a clear message
            log.exception("listing a server's models failed")
            self._emit(EngineFailure(None, errors.bad_reply(target.server.name,
                                                            type(exc).__name__).problem))
            return
        if not models:
            self._emit(EngineFailure(None, errors.no_models(target.server.name).problem))
            return
        listed = {model.id: model for model in models}
        if target.model not in listed:
            self._emit(EngineFailure(None, errors.model_not_found(
                target.server.name, target.model).problem, "RemoteError"))
            return
        n_ctx = listed[target.model].n_ctx or 0
        with self._lock:
            if self._model_path != model_path:
                return  # another load came after this one
            self._target, self._n_ctx = target, n_ctx
        engine = f"{target.server.name} ({target.server.base_url})"
        self._emit(ModelLoaded(
            model_path=model_path, model_name=target.label, n_ctx=n_ctx, n_ctx_train=n_ctx,
            n_gpu_layers=0, mode="chat", template_source="server",
            template_label=engine, template_reason=SERVER_TEMPLATE, template_family=None,
            template_text="", template_sha256=hashlib.sha256(
                engine.encode()).hexdigest(), model_template=None, bos_token="",
            eos_token="", load_seconds=time.perf_counter() - started,
            gpu_offload_supported=False, output_family=Family.PLAIN,
            tools_supported=True, engine=engine, remote=True))

    def _start(self, reply: _Reply, target: RemoteTarget, request: ChatRequest) -> None:
        if reply.cancelled:
            self._finish(reply, FinishReason.CANCELLED, GenerationStats(), ())
            return
        reply.task = asyncio.get_running_loop().create_task(
            self._run(reply, target, request))

    async def _run(self, reply: _Reply, target: RemoteTarget, request: ChatRequest) -> None:
        notes: list[Problem] = []
        if request.ignored:
            notes.append(Problem.of(IGNORED.code, IGNORED.template, server=target.server.name,
                                    settings=", ".join(request.ignored)))
        if self._extras_refused:
            request = request.without_extras()
        clock = _Clock()
        try:
            try:
                await self._stream(reply, target, request, clock)
            except errors.RemoteError as exc:
                if not (exc.code == "remote.server_error" and exc.problem.fields.get(
                        "status") == 400 and request.extras and not reply.assembly.chunks):
                    raise
                # A strict server refused llama.cpp's fields: ask again without them.
                self._extras_refused = True
                notes.append(Problem.of(EXTRAS_REFUSED.code, EXTRAS_REFUSED.template,
                                        server=target.server.name))
                await self._stream(reply, target, request.without_extras(), clock)
        except asyncio.CancelledError:
            clock.flush(self, reply)
            self._finish(reply, FinishReason.CANCELLED, clock.stats(reply.assembly),
                         tuple(notes), clock.reasoning_ms)
            return
        except ProsaError as exc:
            clock.flush(self, reply)
            self._fail(reply, exc.problem)
            return
        except Exception as exc:  # never a traceback for a bad server
            log.exception("a remote reply failed")
            clock.flush(self, reply)
            self._fail(reply, errors.bad_reply(target.server.name, type(exc).__name__).problem)
            return
        clock.flush(self, reply)
        assembly = reply.assembly
        if assembly.finish_reason is None:
            self._fail(reply, errors.truncated(target.server.name).problem)
            return
        reason = FinishReason.STOP if assembly.finish_reason in _STOPPED else (
            FinishReason.LENGTH if assembly.finish_reason == "length" else FinishReason.STOP)
        self._finish(reply, reason, clock.stats(assembly), tuple(notes), clock.reasoning_ms)

    async def _stream(self, reply: _Reply, target: RemoteTarget, request: ChatRequest,
                      clock: _Clock) -> None:
        clock.sent = time.perf_counter()
        async for data in api.stream_chat(self._http(), target.server, target.api_key,
                                          request.body, self._read_timeout_s):
            try:
                delta = reply.assembly.feed(data)
            except ValueError as exc:
                raise errors.bad_reply(target.server.name, str(exc)) from exc
            if delta.token:
                clock.token(delta.text, delta.reasoning)
                if clock.due():
                    clock.flush(self, reply)

    def _finish(self, reply: _Reply, reason: FinishReason, stats: GenerationStats,
                notes: tuple[Problem, ...], reasoning_ms: float = 0.0) -> None:
        assembly = reply.assembly
        calls, call_notes, spilled = assembly.tool_calls()
        with self._lock:
            if self._reply is reply:
                self._reply = None
        self._emit(GenerationFinished(
            reply.request_id, reason, assembly.text + spilled, stats,
            reasoning=assembly.reasoning, reasoning_tokens=assembly.reasoning_chunks,
            reasoning_ms=reasoning_ms, tool_calls=calls, notes=notes + call_notes))

    def _fail(self, reply: _Reply, problem: Problem) -> None:
        with self._lock:
            if self._reply is reply:
                self._reply = None
        self._emit(EngineFailure(reply.request_id, problem, "RemoteError"))


class _Clock:
    """Streamed text waiting to be handed on, and the reply's timings."""

    def __init__(self) -> None:
        self.sent = time.perf_counter()
        self.first: float | None = None
        self.last = 0.0
        #: When the answer's first text came (the reasoning ended).
        self.answered: float | None = None
        self._text = ""
        self._reasoning = ""
        self._tokens = 0
        self._reasoning_tokens = 0
        self._thinking = False
        self._flushed = 0.0

    def token(self, text: str, reasoning: str) -> None:
        now = time.perf_counter()
        if self.first is None:
            self.first = now
            self._flushed = 0.0  # the first token goes at once
        self.last = now
        if text and self.answered is None:
            self.answered = now
        self._text += text
        self._reasoning += reasoning
        self._tokens += 1
        self._reasoning_tokens += bool(reasoning and not text)
        self._thinking = bool(reasoning) and not text

    @property
    def reasoning_ms(self) -> float:
        if self.first is None or (self.answered is not None and self.answered == self.first):
            return 0.0
        return ((self.answered or self.last) - self.first) * 1000

    def due(self) -> bool:
        return time.perf_counter() - self._flushed >= BATCH_S

    def flush(self, engine: RemoteEngine, reply: _Reply) -> None:
        if not self._tokens:
            return
        engine._emit(TokenBatch(reply.request_id, self._text,
                                (UNKNOWN_TOKEN,) * self._tokens, None, self._reasoning,
                                self._thinking, self._reasoning_tokens))
        self._text = self._reasoning = ""
        self._tokens = self._reasoning_tokens = 0
        self._flushed = time.perf_counter()

    def stats(self, assembly: ReplyAssembly) -> GenerationStats:
        ttft = (self.first - self.sent) * 1000 if self.first is not None else 0.0
        tokens = assembly.tokens
        span = self.last - self.first if self.first is not None else 0.0
        speed = (tokens - 1) / span if tokens > 1 and span > 0 else 0.0
        prompt = assembly.prompt_tokens or 0
        return GenerationStats(prompt_tokens=prompt, completion_tokens=tokens,
                               prompt_tokens_evaluated=prompt, ttft_ms=ttft,
                               tokens_per_s=speed)
