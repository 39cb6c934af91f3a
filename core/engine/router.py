"""The window's one engine, local or remote by the model chosen.

The app names every model by a string: a file's path, or a remote model's reference
(``core.remote.refs``).  :class:`EngineRouter` is an :class:`~core.engine.seam.Engine`
that sends a load to the local llama.cpp process or to a remote server by that name,
and every later request to whichever holds the model.  Events of the other engine are
dropped (a local model unloading as a remote one loads must not reach the window).
Switching to a remote model frees the local one's memory; the local process stays,
idle, ready for the next local model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.conversation.types import ContextPolicy, Message, ThinkingSettings
from core.engine.client import EngineClient
from core.engine.protocol import (
    BUDGET_NOTE,
    Event,
    LoadModel,
    Mode,
)
from core.engine.seam import Engine, EngineFactory, EventCallback
from core.output.types import Family
from core.remote.engine import RemoteEngine
from core.remote.refs import RemoteRef, parse_ref
from core.remote.servers import RemoteTarget
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer

#: What turns a reference into a server, a model and its key (or raises ProsaError).
Resolver = Callable[[RemoteRef], RemoteTarget]


class EngineRouter:
    def __init__(self, on_event: EventCallback, resolve: Resolver,
                 local_factory: EngineFactory = EngineClient) -> None:
        self._on_event = on_event
        self._resolve = resolve
        self.local: Engine = local_factory(lambda event: self._relay(event, remote=False))
        self.remote = RemoteEngine(lambda event: self._relay(event, remote=True))
        self._remote_active = False

    def _relay(self, event: Event, *, remote: bool) -> None:
        if remote == self._remote_active:
            self._on_event(event)

    @property
    def active(self) -> Engine:
        return self.remote if self._remote_active else self.local

    @property
    def is_remote(self) -> bool:
        return self._remote_active

    # --- the seam ------------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return self.local.pid if not self._remote_active else None

    @property
    def running_request(self) -> int | None:
        return self.active.running_request

    def load(self, request: LoadModel) -> None:
        ref = parse_ref(request.model_path)
        if ref is None:
            if self._remote_active:
                self.remote.unload()
            self._remote_active = False
            self.local.load(request)
            return
        if not self._remote_active:
            self.local.cancel()
            self.local.unload()  # its ModelUnloaded is dropped: the remote one is active
        self._remote_active = True
        # Resolved on the remote engine's side: the key comes from the system keyring.
        self.remote.load_resolved(lambda: self._resolve(ref), request.model_path)

    def unload(self) -> None:
        self.active.unload()

    def forget_model(self) -> None:
        self.active.forget_model()

    def clear_snapshots(self) -> None:
        self.local.clear_snapshots()

    def generate(self, messages: Sequence[Message], sampling: SamplingParams,
                 reply_prefix: Sequence[int] = (),
                 context_policy: ContextPolicy = ContextPolicy.STOP, *,
                 thinking: ThinkingSettings | None = None,
                 output_family: Family | None = None,
                 budget_note: str = BUDGET_NOTE,
                 offer: ToolOffer | None = None) -> int:
        return self.active.generate(messages, sampling, reply_prefix, context_policy,
                                    thinking=thinking, output_family=output_family,
                                    budget_note=budget_note, offer=offer)

    def inspect(self, messages: Sequence[Message], *,
                thinking: ThinkingSettings | None = None,
                output_family: Family | None = None,
                offer: ToolOffer | None = None) -> int:
        return self.active.inspect(messages, thinking=thinking, output_family=output_family,
                                   offer=offer)

    def read_ahead(self, messages: Sequence[Message], sampling: SamplingParams,
                   context_policy: ContextPolicy = ContextPolicy.STOP, *,
                   thinking: ThinkingSettings | None = None,
                   offer: ToolOffer | None = None) -> int | None:
        return self.active.read_ahead(messages, sampling, context_policy, thinking=thinking,
                                      offer=offer)

    def count(self, messages: Sequence[Message], sampling: SamplingParams,
              context_policy: ContextPolicy = ContextPolicy.STOP, *,
              thinking: ThinkingSettings | None = None,
              offer: ToolOffer | None = None) -> int | None:
        return self.active.count(messages, sampling, context_policy, thinking=thinking,
                                 offer=offer)

    def set_template(self, override: str | None, force_mode: Mode | None) -> None:
        self.active.set_template(override, force_mode)

    def cancel(self) -> None:
        self.active.cancel()

    def close(self) -> None:
        self.remote.close()
        self.local.close()
