"""An engine that plays back what a test queued: no model, no process, no waiting.

Tests of the window and its controller need replies, failures and crashes on cue,
not a 100 MB model (simonw/llm's ``MockModel.enqueue`` is the pattern).  A test queues
what the next requests answer (:meth:`ScriptedEngine.enqueue_reply`,
:meth:`enqueue_failure`, :meth:`enqueue_crash`), and the engine emits the same events
a real one would, with the request ids it handed out.  ``requests`` keeps every
request received, so a test can check what the app asked for (messages, settings,
policy, template).

By default events are emitted inline, before the request method returns, which makes
headless tests deterministic.  With ``threaded=True`` they come from a thread of their
own, as a real engine's do, with ``token_delay_s`` between token batches: that is
how a test sees streaming, Stop in the middle of a reply, and the window's coalescing.

A reply may think first: ``enqueue_reply("Paris.", reasoning=("Let me ", "think."))``
streams the reasoning pieces as reasoning batches (``thinking`` set), then the answer,
and ends with the reasoning in ``GenerationFinished``, so the window's thinking block
can be tested without a reasoning model.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.conversation.types import (
    ContextPolicy,
    FinishReason,
    GenerationStats,
    Message,
    ThinkingSettings,
)
from core.engine.protocol import (
    BUDGET_NOTE,
    ClearSnapshots,
    CountPrompt,
    EngineDied,
    EngineFailure,
    Event,
    Generate,
    GenerationFinished,
    InspectPrompt,
    LoadModel,
    LoadProgress,
    Mode,
    ModelLoaded,
    ModelUnloaded,
    PromptCount,
    PromptInspection,
    PromptToken,
    ReadAhead,
    ReadAheadDone,
    SetTemplate,
    SnapshotsCleared,
    TokenBatch,
    thinking_fields,
)
from core.engine.seam import EventCallback
from core.errors import EngineError, Problem
from core.output.types import Family, ToolCall
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer, offer_fields


@dataclass(frozen=True)
class ScriptedReply:
    """What the next ``generate`` streams: text pieces, then how it ends."""

    pieces: tuple[str, ...]
    reason: FinishReason = FinishReason.STOP
    stats: GenerationStats = field(default_factory=GenerationStats)
    #: Reasoning pieces, streamed before the answer.
    reasoning: tuple[str, ...] = ()
    #: The calls the reply asks for (as the engine's parser would find them).
    tool_calls: tuple[ToolCall, ...] = ()


@dataclass(frozen=True)
class ScriptedFailure:
    problem: Problem
    kind: str = "EngineError"
    #: Tokens streamed before the failure.
    pieces: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScriptedCrash:
    exit_code: int
    problem: Problem
    #: Tokens streamed before the engine died.
    pieces: tuple[str, ...] = ()


Script = ScriptedReply | ScriptedFailure | ScriptedCrash

def described(request: LoadModel, n_ctx: int = 2048,
              output_family: Family = Family.PLAIN) -> ModelLoaded:
    """What a scripted engine says it loaded for ``request``."""
    name = Path(request.model_path).stem
    return ModelLoaded(
        model_path=request.model_path, model_name=name, n_ctx=min(n_ctx, request.n_ctx),
        n_ctx_train=8192, n_gpu_layers=request.n_gpu_layers,
        mode=request.force_mode or "chat", template_source="model",
        template_label="the model's own", template_reason=Problem.of(
            "engine.scripted", "Replies come from a test script, not from a model."),
        template_family=None, template_text="{{ messages }}", template_sha256="0" * 64,
        model_template="{{ messages }}", bos_token="", eos_token="<|end|>",
        load_seconds=0.01, gpu_offload_supported=False, output_family=output_family,
        # A script can play any call: the scripted model takes tools as offered.
        tools_supported=request.force_mode != "completion")


def scripted_tokens(messages: Sequence[Message]) -> int:
    """The scripted engine's token count: a word a token, four for each message's frame."""
    return sum(len(str(m.get("content", "")).split()) + 4 for m in messages)


class ScriptedEngine:
    """An :class:`core.engine.seam.Engine` whose answers a test decides."""

    def __init__(self, on_event: EventCallback, *, threaded: bool = False,
                 token_delay_s: float = 0.0, tokens_per_piece: int = 1,
                 output_family: Family = Family.PLAIN) -> None:
        self._on_event = on_event
        #: The family a loaded model says it writes.
        self.output_family = output_family
        self.threaded = threaded
        self.token_delay_s = token_delay_s
        self.tokens_per_piece = tokens_per_piece
        self.requests: list[object] = []
        self.script: deque[Script] = deque()
        #: Failures the next ``load`` requests answer with (``None``: loads normally).
        self.load_script: deque[Problem | None] = deque()
        self._ids = 0
        self._loaded: ModelLoaded | None = None
        self._running: int | None = None
        self._cancelled: set[int] = set()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        #: Text and reasoning streamed so far, per reply (a cancelled reply ends with
        #: them).
        self._streamed: dict[int, str] = {}
        self._streamed_reasoning: dict[int, str] = {}
        self.closed = False

    # --- what the test queues --------------------------------------------------------

    def enqueue_reply(self, *pieces: str, reason: FinishReason = FinishReason.STOP,
                      stats: GenerationStats | None = None,
                      reasoning: Sequence[str] = ()) -> None:
        """The next reply: ``reasoning`` pieces (streamed first), then ``pieces``."""
        self.script.append(ScriptedReply(pieces, reason, stats or GenerationStats(
            prompt_tokens=20, completion_tokens=len(pieces) + len(reasoning), ttft_ms=5.0,
            tokens_per_s=100.0), tuple(reasoning)))

    def enqueue_failure(self, problem: Problem, *pieces: str, kind: str = "EngineError",
                        ) -> None:
        self.script.append(ScriptedFailure(problem, kind, pieces))

    def enqueue_crash(self, problem: Problem, *pieces: str, exit_code: int = -9) -> None:
        self.script.append(ScriptedCrash(exit_code, problem, pieces))

    def enqueue_load_failure(self, problem: Problem) -> None:
        self.load_script.append(problem)

    # --- the Engine seam -------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return None

    @property
    def running_request(self) -> int | None:
        return self._running

    @property
    def loaded(self) -> ModelLoaded | None:
        """What the scripted engine holds now (``None``: no model, or unloaded)."""
        return self._loaded

    def load(self, request: LoadModel) -> None:
        self.requests.append(request)
        problem = self.load_script.popleft() if self.load_script else None
        if problem is not None:
            self._loaded = None
            self._emit_all([EngineFailure(None, problem, "ModelFileError")])
            return
        self._loaded = described(request, output_family=self.output_family)
        self._emit_all([LoadProgress(0.5), LoadProgress(1.0), self._loaded])

    def unload(self) -> None:
        self._loaded = None
        self._emit_all([ModelUnloaded()])

    def forget_model(self) -> None:
        self._loaded = None

    def clear_snapshots(self) -> None:
        self.requests.append(ClearSnapshots())
        self._emit_all([SnapshotsCleared(0)])

    def generate(self, messages: Sequence[Message], sampling: SamplingParams,
                 reply_prefix: Sequence[int] = (),
                 context_policy: ContextPolicy = ContextPolicy.STOP, *,
                 thinking: ThinkingSettings | None = None,
                 output_family: Family | None = None,
                 budget_note: str = BUDGET_NOTE,
                 offer: ToolOffer | None = None) -> int:
        sampling = sampling.validated()
        self._need_model()
        request_id = self._next_id()
        self.requests.append(Generate(request_id, tuple(dict(m) for m in messages), sampling,
                                      tuple(reply_prefix), context_policy,
                                      output_family=output_family, budget_note=budget_note,
                                      **thinking_fields(thinking),
                                      **offer_fields(offer, replying=True)))
        script = self.script.popleft() if self.script else ScriptedReply(("Hello", "!"))
        with self._lock:
            self._running = request_id
        self._emit_all(self._reply_events(request_id, script), request_id)
        return request_id

    def inspect(self, messages: Sequence[Message], *,
                thinking: ThinkingSettings | None = None,
                output_family: Family | None = None,
                offer: ToolOffer | None = None) -> int:
        self._need_model()
        request_id = self._next_id()
        self.requests.append(InspectPrompt(request_id, tuple(dict(m) for m in messages),
                                           output_family=output_family,
                                           **thinking_fields(thinking),
                                           **offer_fields(offer, replying=False)))
        text = "".join(f"<|{m.get('role')}|>{m.get('content')}<|end|>" for m in messages)
        tokens = tuple(PromptToken(i, piece, False) for i, piece in enumerate(text.split()))
        assert self._loaded is not None
        self._emit_all([PromptInspection(request_id, text, tokens, self._loaded.n_ctx,
                                         "chat", "the model's own", self._loaded.template_reason,
                                         False)])
        return request_id

    def read_ahead(self, messages: Sequence[Message], sampling: SamplingParams,
                   context_policy: ContextPolicy = ContextPolicy.STOP, *,
                   thinking: ThinkingSettings | None = None,
                   offer: ToolOffer | None = None) -> int | None:
        if self._loaded is None or self._running is not None:
            return None
        request_id = self._next_id()
        self.requests.append(ReadAhead(request_id, tuple(dict(m) for m in messages), sampling,
                                       context_policy, **thinking_fields(thinking),
                                       **offer_fields(offer, replying=False)))
        words = scripted_tokens(messages)
        self._emit_all([ReadAheadDone(request_id, words, words, words)])
        return request_id

    def count(self, messages: Sequence[Message], sampling: SamplingParams,
              context_policy: ContextPolicy = ContextPolicy.STOP, *,
              thinking: ThinkingSettings | None = None,
              offer: ToolOffer | None = None) -> int | None:
        """A word a token, four tokens of template a message: what a test can predict."""
        if self._loaded is None or self._running is not None:
            return None
        request_id = self._next_id()
        self.requests.append(CountPrompt(request_id, tuple(dict(m) for m in messages),
                                         sampling, context_policy, **thinking_fields(thinking),
                                         **offer_fields(offer, replying=False)))
        n_ctx = self._loaded.n_ctx
        room = max(1, min(sampling.max_tokens, n_ctx // 4))
        self._emit_all([PromptCount(request_id, scripted_tokens(messages), n_ctx, room)])
        return request_id

    def set_template(self, override: str | None, force_mode: Mode | None) -> None:
        self._need_model()
        self.requests.append(SetTemplate(override, force_mode))
        assert self._loaded is not None
        self._loaded = replace(self._loaded, mode=force_mode or "chat",
                               template_source="override" if override else "model")
        self._emit_all([self._loaded])

    def cancel(self) -> None:
        with self._lock:
            if self._running is not None:
                self._cancelled.add(self._running)

    def close(self) -> None:
        self.closed = True
        for thread in self._threads:
            thread.join(5.0)

    # --- playing back ----------------------------------------------------------------

    def _need_model(self) -> None:
        if self._loaded is None:
            raise EngineError("engine.no_model", "No model is loaded. Pick a model first.")

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    def _reply_events(self, request_id: int, script: Script) -> list[Event]:
        n = self.tokens_per_piece
        reasoning = script.reasoning if isinstance(script, ScriptedReply) else ()
        events: list[Event] = [
            TokenBatch(request_id, "", tuple(range(n)), reasoning=piece, thinking=True,
                       reasoning_tokens=n)
            for piece in reasoning]
        events += [TokenBatch(request_id, piece, tuple(range(n))) for piece in script.pieces]
        text = "".join(script.pieces)
        if isinstance(script, ScriptedReply):
            events.append(GenerationFinished(
                request_id, script.reason, text, script.stats, reasoning="".join(reasoning),
                reasoning_tokens=n * len(reasoning),
                reasoning_ms=self.token_delay_s * 1000.0 * len(reasoning),
                tool_calls=script.tool_calls))
        elif isinstance(script, ScriptedFailure):
            events.append(EngineFailure(request_id, script.problem, script.kind))
        else:
            events.append(EngineDied(script.exit_code, script.problem, request_id))
        return events

    def _emit_all(self, events: list[Event], request_id: int | None = None) -> None:
        if not self.threaded:
            for event in events:
                self._deliver(event, request_id)
            return
        thread = threading.Thread(target=self._play, args=(events, request_id),
                                  name="prosa-scripted-engine", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _play(self, events: list[Event], request_id: int | None) -> None:
        for event in events:
            if isinstance(event, TokenBatch) and self.token_delay_s:
                time.sleep(self.token_delay_s)
            if not self._deliver(event, request_id):
                return

    def _deliver(self, event: Event, request_id: int | None) -> bool:
        """Emit one event; a cancelled reply ends at once, with what was streamed."""
        if request_id is not None and request_id in self._cancelled:
            streamed = self._streamed.get(request_id, "")
            reasoning = self._streamed_reasoning.get(request_id, "")
            with self._lock:
                self._cancelled.discard(request_id)
                self._running = None
            self._on_event(GenerationFinished(request_id, FinishReason.CANCELLED, streamed,
                                              reasoning=reasoning))
            return False
        if isinstance(event, TokenBatch):
            self._streamed[event.request_id] = \
                self._streamed.get(event.request_id, "") + event.text
            self._streamed_reasoning[event.request_id] = \
                self._streamed_reasoning.get(event.request_id, "") + event.reasoning
        if isinstance(event, GenerationFinished | EngineFailure | EngineDied):
            with self._lock:
                if self._running == request_id:
                    self._running = None
        self._on_event(event)
        return True
