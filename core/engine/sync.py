"""A blocking facade over an engine (the local :class:`EngineClient` unless another
factory is given: the CLI's remote engines) for scripts, the CLI and tests."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from core.conversation.types import ContextPolicy, Message, ThinkingSettings
from core.engine.client import EngineClient
from core.engine.protocol import (
    BUDGET_NOTE,
    EngineDied,
    EngineFailure,
    Event,
    GenerationFinished,
    LoadModel,
    LoadProgress,
    Mode,
    ModelLoaded,
    PromptCount,
    PromptInspection,
    ReadAheadDone,
    TokenBatch,
)
from core.engine.seam import Engine, EngineFactory
from core.errors import EngineCrashed, EngineError, ModelFileError, TemplateError
from core.output.types import Family
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer

_KINDS: dict[str, type[EngineError] | type[ModelFileError] | type[TemplateError]] = {
    "ModelFileError": ModelFileError,
    "TemplateError": TemplateError,
}


class SyncEngine:
    def __init__(self, factory: EngineFactory = EngineClient) -> None:
        self.events: queue.Queue[Event] = queue.Queue()
        self.client: Engine = factory(self.events.put)
        self.loaded: ModelLoaded | None = None

    def load(self, request: LoadModel, timeout: float = 300.0,
             on_progress: Callable[[float], None] | None = None) -> ModelLoaded:
        self.client.load(request)
        while True:
            event = self._next(timeout)
            if isinstance(event, ModelLoaded):
                self.loaded = event
                return event
            if isinstance(event, LoadProgress) and on_progress is not None:
                on_progress(event.fraction)
            self._raise_if_failed(event)

    def stream(self, messages: Sequence[Message], sampling: SamplingParams,
               timeout: float = 300.0, context_policy: ContextPolicy = ContextPolicy.STOP,
               *, thinking: ThinkingSettings | None = None,
               output_family: Family | None = None, budget_note: str = BUDGET_NOTE,
               offer: ToolOffer | None = None, reply_prefix: Sequence[int] = (),
               ) -> Iterator[TokenBatch | GenerationFinished]:
        """Yield token batches, then the final event, of one reply (continuing
        ``reply_prefix``, tokens the reply starts with, when given)."""
        request_id = self.client.generate(messages, sampling, reply_prefix,
                                          context_policy=context_policy,
                                          thinking=thinking, output_family=output_family,
                                          budget_note=budget_note, offer=offer)
        while True:
            event = self._next(timeout)
            if isinstance(event, TokenBatch) and event.request_id == request_id:
                yield event
            elif isinstance(event, GenerationFinished) and event.request_id == request_id:
                yield event
                return
            elif isinstance(event, ModelLoaded):
                self.loaded = event
            else:
                self._raise_if_failed(event)

    def generate(self, messages: Sequence[Message], sampling: SamplingParams,
                 timeout: float = 300.0,
                 context_policy: ContextPolicy = ContextPolicy.STOP, *,
                 thinking: ThinkingSettings | None = None,
                 output_family: Family | None = None,
                 budget_note: str = BUDGET_NOTE,
                 offer: ToolOffer | None = None) -> GenerationFinished:
        for event in self.stream(messages, sampling, timeout, context_policy,
                                 thinking=thinking, output_family=output_family,
                                 budget_note=budget_note, offer=offer):
            if isinstance(event, GenerationFinished):
                return event
        raise EngineError("engine.no_result", "The reply ended without a result.")

    def inspect(self, messages: Sequence[Message], timeout: float = 60.0, *,
                thinking: ThinkingSettings | None = None,
                output_family: Family | None = None,
                offer: ToolOffer | None = None) -> PromptInspection:
        request_id = self.client.inspect(messages, thinking=thinking,
                                         output_family=output_family, offer=offer)
        return self._wait_for(request_id, timeout)

    def set_template(self, override: str | None, force_mode: Mode | None = None,
                     timeout: float = 60.0) -> ModelLoaded:
        self.client.set_template(override, force_mode)
        while True:
            event = self._next(timeout)
            if isinstance(event, ModelLoaded):
                self.loaded = event
                return event
            self._raise_if_failed(event)

    def read_ahead(self, messages: Sequence[Message], sampling: SamplingParams,
                   context_policy: ContextPolicy = ContextPolicy.STOP, timeout: float = 300.0,
                   ) -> ReadAheadDone | None:
        """Read the settled part of this prompt ahead and wait until it is done; ``None``
        when the engine would not take it (busy, or no model loaded)."""
        request_id = self.client.read_ahead(messages, sampling, context_policy)
        if request_id is None:
            return None
        while True:
            event = self._next(timeout)
            if isinstance(event, ReadAheadDone) and event.request_id == request_id:
                return event
            if isinstance(event, ModelLoaded):
                self.loaded = event
            self._raise_if_failed(event)

    def count(self, messages: Sequence[Message], sampling: SamplingParams,
              context_policy: ContextPolicy = ContextPolicy.STOP, timeout: float = 60.0, *,
              offer: ToolOffer | None = None) -> PromptCount:
        """How many tokens ``messages`` make as a prompt, and how many of them
        ``context_policy`` leaves out: the context meter's count, waited for."""
        request_id = self.client.count(messages, sampling, context_policy, offer=offer)
        if request_id is None:
            raise EngineError("engine.count_unavailable", "The engine cannot count the "
                              "prompt's tokens now: it is loading, busy, or (a server) "
                              "counts none before a reply.")
        while True:
            event = self._next(timeout)
            if isinstance(event, PromptCount) and event.request_id == request_id:
                return event
            if isinstance(event, ModelLoaded):
                self.loaded = event
            self._raise_if_failed(event)

    def _wait_for(self, request_id: int, timeout: float) -> PromptInspection:
        while True:
            event = self._next(timeout)
            if isinstance(event, PromptInspection) and event.request_id == request_id:
                return event
            if isinstance(event, ModelLoaded):
                self.loaded = event
            self._raise_if_failed(event)

    def _next(self, timeout: float) -> Event:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise EngineError("engine.timeout", "The engine did not answer within {seconds} s.",
                              seconds=round(timeout)) from None

    @staticmethod
    def _raise_if_failed(event: Event) -> None:
        if isinstance(event, EngineFailure):
            raise _KINDS.get(event.kind, EngineError).from_problem(event.problem)
        if isinstance(event, EngineDied):
            problem = event.problem
            raise EngineCrashed(problem.code, problem.template, exit_code=event.exit_code,
                                details=problem.details, **problem.fields)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> SyncEngine:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
