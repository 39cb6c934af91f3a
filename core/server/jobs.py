"""What an API request asks of the engine, and how it can end: plain values that cross
from the server's event loop to the engine's threads and back.

A :class:`Job` is one reply to generate for a client.  Everything that happens to it
arrives at its sink as a :class:`JobEvent`: the engine's own ``TokenBatch`` and
``GenerationFinished`` events, or a :class:`JobFailed` that says why there will be no
(more of the) reply, in words the HTTP layer maps to a status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from core.conversation.types import ContextPolicy, Message, ThinkingSettings
from core.engine.protocol import GenerationFinished, ModelLoaded, TokenBatch
from core.errors import Problem
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer


@dataclass(frozen=True)
class Job:
    """One reply for a client: the messages as chat templates read them (tool calls'
    arguments as objects), the sampling, and what is offered to the model."""

    messages: tuple[Message, ...]
    sampling: SamplingParams
    offer: ToolOffer | None = None
    thinking: ThinkingSettings | None = None
    #: A client's conversation is its own: too long is an error, never trimmed unseen.
    context_policy: ContextPolicy = ContextPolicy.STOP


class Refusal(StrEnum):
    """Why a job ends without its reply (each maps to one HTTP status)."""

    #: No model is loaded (503).
    NO_MODEL = "no_model"
    #: The user is loading or unloading a model (503): the job would answer with
    #: another model than the one it was sent to.
    MODEL_CHANGING = "model_changing"
    #: Too many jobs wait already (429).
    BUSY = "busy"
    #: The server is stopping (503).
    STOPPING = "stopping"
    #: The engine process ended in the middle of the job (503; it restarts by itself).
    ENGINE_STOPPED = "engine_stopped"
    #: The engine refused or failed the request (``problem`` says why).
    FAILED = "failed"


@dataclass(frozen=True)
class JobFailed:
    reason: Refusal
    #: In English: the API speaks English, like the command line.
    message: str
    #: The engine's problem, for :attr:`Refusal.FAILED` and :attr:`Refusal.ENGINE_STOPPED`.
    problem: Problem | None = None
    #: The class name of the engine's error ("TemplateError", "BadInput" ...).
    kind: str = ""


JobEvent = TokenBatch | GenerationFinished | JobFailed
#: Called from the engine's threads (or the submitting thread, for a refusal at once):
#: it must not block.
JobSink = Callable[[JobEvent], None]


@dataclass(frozen=True)
class GateState:
    """What the gate is doing, at one moment (the window's indicator, tests)."""

    loaded: ModelLoaded | None
    #: A load or unload is under way.
    changing: bool
    #: A job's reply is being generated.
    job_running: bool
    #: Jobs waiting for their turn.
    queued: int
    #: The user's own reply is being generated, or waits for the running job to end.
    user_generating: bool
