"""The one seam between the app and whatever computes replies.

The window (through its controller) and the CLI talk to an :class:`Engine`: a local
llama.cpp process today (``core.engine.client.EngineClient``), a scripted engine in
tests (``core.engine.scripted.ScriptedEngine``), and remote OpenAI-compatible servers
next.  The seam is shaped for a network engine as much as for a local one: requests
return at once with an id, and everything that happens later (load progress, tokens,
the end of a reply, a failure, the engine going away) arrives as an event from
``core.engine.protocol`` through the callback given at construction, from any thread.
Cancelling is a request like the others and never waits for the reply it stops.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from core.conversation.types import ContextPolicy, Message, ThinkingSettings
from core.engine.protocol import BUDGET_NOTE, Event, LoadModel, Mode
from core.output.types import Family
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer

EventCallback = Callable[[Event], None]


class Engine(Protocol):
    """What the app needs from an engine.  Results arrive as events, not returns."""

    @property
    def pid(self) -> int | None:
        """The engine's local process, when it has one (memory figures)."""

    @property
    def running_request(self) -> int | None:
        """The reply being generated, if any."""

    def load(self, request: LoadModel) -> None:
        """Load a model, replacing the loaded one: ``ModelLoaded`` or ``EngineFailure``."""

    def unload(self) -> None:
        """Free the model: ``ModelUnloaded``."""

    def forget_model(self) -> None:
        """Do not load the last model again by itself (it crashed the engine)."""

    def clear_snapshots(self) -> None:
        """Forget the KV snapshots the engine keeps (``SnapshotsCleared`` when it held
        any); the window empties the folder itself, engine or not."""

    def generate(self, messages: Sequence[Message], sampling: SamplingParams,
                 reply_prefix: Sequence[int] = (),
                 context_policy: ContextPolicy = ContextPolicy.STOP, *,
                 thinking: ThinkingSettings | None = None,
                 output_family: Family | None = None,
                 budget_note: str = BUDGET_NOTE,
                 offer: ToolOffer | None = None) -> int:
        """Start a reply; returns its request id.  ``TokenBatch`` events, then
        ``GenerationFinished`` (or ``EngineFailure`` / ``EngineDied``).  ``thinking``:
        the conversation's thinking mode, budget and template options; ``output_family``
        forces how the output is read (``None``: the model's family); ``budget_note``
        is what the engine writes when the budget is spent (in the user's language);
        ``offer``: the tools offered, the tool choice and the reply's shape."""

    def inspect(self, messages: Sequence[Message], *,
                thinking: ThinkingSettings | None = None,
                output_family: Family | None = None,
                offer: ToolOffer | None = None) -> int:
        """The exact prompt and tokens of these messages: ``PromptInspection``."""

    def read_ahead(self, messages: Sequence[Message], sampling: SamplingParams,
                   context_policy: ContextPolicy = ContextPolicy.STOP, *,
                   thinking: ThinkingSettings | None = None,
                   offer: ToolOffer | None = None) -> int | None:
        """Prepare for a reply to these messages while the user types
        (``ReadAheadDone``); ``None`` when the engine would not take it now."""

    def count(self, messages: Sequence[Message], sampling: SamplingParams,
              context_policy: ContextPolicy = ContextPolicy.STOP, *,
              thinking: ThinkingSettings | None = None,
              offer: ToolOffer | None = None) -> int | None:
        """How many tokens these messages make, and whether they fit (``PromptCount``);
        ``None`` when the engine would not take it now."""

    def set_template(self, override: str | None, force_mode: Mode | None) -> None:
        """Use another chat template or mode for the loaded model: ``ModelLoaded``."""

    def cancel(self) -> None:
        """Stop the running reply at once; it ends with ``GenerationFinished``."""

    def close(self) -> None:
        """Shut the engine down; no event follows."""


EngineFactory = Callable[[EventCallback], Engine]
