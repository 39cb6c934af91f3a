"""Messages between the app and the engine process.

Small frozen dataclasses, pickled over a multiprocessing pipe.  Requests flow to the
worker; events flow back.  Every event that belongs to a generation carries the
``request_id`` of the request that started it, so late events of a cancelled reply
can never be mistaken for the next one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from core.conversation.types import (
    Candidate,
    ContextPolicy,
    FinishReason,
    GenerationStats,
    Message,
    ThinkingSettings,
    TokenLogprob,
)
from core.engine.backend_info import BackendInfo
from core.engine.options import FlashAttention, KVCacheType, SnapshotPolicy
from core.errors import Problem
from core.output.types import Family, ThinkingMode, ToolCall
from core.sampling.params import SamplingParams
from core.tools.choice import OutputConstraint, ToolChoice

#: What the engine writes, in the reply, when the reasoning reaches its budget (before
#: the family's closing marker): the window passes it in the user's language.
BUDGET_NOTE = "\n\nTime to answer.\n"
#: How a reply made by the local llama.cpp engine records its engine.
LOCAL_ENGINE = "llama.cpp"

# --- requests ------------------------------------------------------------------------


Mode = Literal["chat", "completion"]


@dataclass(frozen=True)
class LoadModel:
    model_path: str
    n_ctx: int = 4096
    n_gpu_layers: int = 0
    n_threads: int | None = None
    #: A template source to use instead of the model's own (the user's override).
    template_override: str | None = None
    #: The user's choice between chat and completion; ``None`` decides from the model.
    force_mode: Mode | None = None
    #: How attention is computed and the KV cache stored (``core.engine.options``).
    flash_attention: FlashAttention = FlashAttention.OFF
    kv_cache_type: KVCacheType = KVCacheType.F16
    #: Where conversations' KV snapshots are kept (none by default: tests and tools
    #: that load a model leave nothing behind unless they ask).
    snapshots: SnapshotPolicy = field(default_factory=SnapshotPolicy)


@dataclass(frozen=True)
class SetTemplate:
    """Change the template or mode of the loaded model without reloading its weights."""

    template_override: str | None = None
    force_mode: Mode | None = None


@dataclass(frozen=True)
class Generate:
    request_id: int
    messages: tuple[Message, ...]
    sampling: SamplingParams
    #: Token ids the reply must start with, as if the model had chosen them: a branch
    #: from a chosen alternative (the reply's tokens up to it, then the alternative).
    #: They are streamed back first, with their probabilities, and count as reply
    #: tokens (``max_tokens`` included).
    reply_prefix: tuple[int, ...] = ()
    #: What to do when the conversation outgrows the context (``core.conversation.context``).
    context_policy: ContextPolicy = ContextPolicy.STOP
    #: Whether the model should think: its template's switch (``core.templates.switches``).
    thinking: ThinkingMode = ThinkingMode.DEFAULT
    #: Reasoning tokens at most; then the engine closes the reasoning itself (with
    #: ``budget_note`` and the family's closing marker) and the model answers.
    #: ``None``: no limit.  Reasoning never counts against ``max_tokens``.
    thinking_budget: int | None = None
    #: Extra template variables chosen per conversation (``reasoning_effort`` ...).
    template_options: Mapping[str, Any] = field(default_factory=dict)
    #: The output family to parse the reply with; ``None``: the model's own
    #: (``ModelLoaded.output_family``).
    output_family: Family | None = None
    #: The sentence written into the reasoning when its budget is spent.
    budget_note: str = BUDGET_NOTE
    #: Tools offered to the model (OpenAI's function format), rendered by the template.
    tools: tuple[Mapping[str, Any], ...] = ()
    #: Whether the model may, must or must not call them (``core.tools.choice``).
    tool_choice: ToolChoice = field(default_factory=ToolChoice)
    #: The reply's required shape (a JSON schema or a GBNF grammar), or none.
    constraint: OutputConstraint | None = None


@dataclass(frozen=True)
class InspectPrompt:
    """Ask for the exact prompt and tokens a ``Generate`` with these messages would use."""

    request_id: int
    messages: tuple[Message, ...]
    #: As in :class:`Generate`: the prompt is rendered with the same switches.
    thinking: ThinkingMode = ThinkingMode.DEFAULT
    thinking_budget: int | None = None
    template_options: Mapping[str, Any] = field(default_factory=dict)
    output_family: Family | None = None
    #: Tools offered to the model (OpenAI's function format), rendered by the template.
    tools: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class ReadAhead:
    """Evaluate, into the KV cache, the part of the prompt these messages would make that
    is already settled: the history and the draft the user is still typing.

    The reply to the finished message then evaluates only what changed since (the last
    words and the template's closing tokens), however long the conversation.  Any
    request that arrives meanwhile ends it between two small batches: reading ahead
    never delays a real request by more than one batch.  Failures are reported in
    :class:`ReadAheadDone`, never as errors: nobody asked for this.
    """

    request_id: int
    messages: tuple[Message, ...]
    sampling: SamplingParams
    context_policy: ContextPolicy = ContextPolicy.STOP
    #: As in :class:`Generate`: the prompt is rendered with the same switches.
    thinking: ThinkingMode = ThinkingMode.DEFAULT
    thinking_budget: int | None = None
    template_options: Mapping[str, Any] = field(default_factory=dict)
    #: Tools offered to the model (OpenAI's function format), rendered by the template.
    tools: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class CountPrompt:
    """How many tokens these messages make as a prompt, and whether they fit: the
    context counter, kept true while the user types, switches branch or edits."""

    request_id: int
    messages: tuple[Message, ...]
    sampling: SamplingParams
    context_policy: ContextPolicy = ContextPolicy.STOP
    #: As in :class:`Generate`: the prompt is rendered with the same switches.
    thinking: ThinkingMode = ThinkingMode.DEFAULT
    thinking_budget: int | None = None
    template_options: Mapping[str, Any] = field(default_factory=dict)
    #: Tools offered to the model (OpenAI's function format), rendered by the template.
    tools: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class UnloadModel:
    pass


@dataclass(frozen=True)
class ClearSnapshots:
    """Forget every KV snapshot, in memory and on disk: ``SnapshotsCleared``."""


@dataclass(frozen=True)
class Shutdown:
    pass


Request = (LoadModel | SetTemplate | Generate | InspectPrompt | ReadAhead | CountPrompt
           | UnloadModel | ClearSnapshots
           | Shutdown)


def thinking_fields(settings: ThinkingSettings | None) -> dict[str, Any]:
    """A conversation's thinking settings as the fields every prompt request has (a
    template may read the budget too: Seed-OSS's ``thinking_budget``)."""
    settings = settings or ThinkingSettings()
    return {"thinking": settings.mode, "thinking_budget": settings.budget,
            "template_options": dict(settings.options)}


# --- events --------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadProgress:
    fraction: float


@dataclass(frozen=True)
class ModelLoaded:
    model_path: str
    model_name: str
    n_ctx: int
    n_ctx_train: int
    n_gpu_layers: int
    #: "chat" or "completion" (a base model continues the user's text).
    mode: Mode
    #: Where the chat template came from: "override", "model", "model-variant",
    #: "fallback" or "completion".
    template_source: str
    #: Short description of the template for the UI, and why it was chosen (a problem:
    #: a ``template.reason.*`` code the window says in the user's language).
    template_label: str
    template_reason: Problem
    #: The built-in family ("gemma", "chatml" ...) when ``template_source`` is "fallback".
    template_family: str | None
    #: The template text in use ("" in completion mode) and its hash.
    template_text: str
    template_sha256: str
    #: The model's own template, if it has one (for "reset" in the editor).
    model_template: str | None
    #: The text of the BOS and EOS tokens, as templates receive them.
    bos_token: str
    eos_token: str
    load_seconds: float
    #: Offloading actually achieved, as llama.cpp reports it (0 on a CPU-only build).
    gpu_offload_supported: bool
    #: The llama.cpp build and backends in use (CPU variant, GPUs), for About.
    backend: BackendInfo | None = None
    #: CPU threads the model runs with (0: not known).
    n_threads: int = 0
    #: The output family the model writes (how its reasoning and tool calls are marked),
    #: from its template and special tokens.
    output_family: Family = Family.PLAIN
    #: The template in use shows tools to the model (``core.templates.tool_support``);
    #: False in completion mode.
    tools_supported: bool = False
    #: Who computes the replies, as each reply records it: :data:`LOCAL_ENGINE`, or a
    #: remote server's name and address (``core.remote``).
    engine: str = LOCAL_ENGINE
    #: A remote server answers and formats the prompt with its own template: Prosa has
    #: no template, tokens or context counts of its own for this model.
    remote: bool = False


@dataclass(frozen=True)
class ModelUnloaded:
    pass


@dataclass(frozen=True)
class SnapshotsCleared:
    """The answer to :class:`ClearSnapshots`: how much disk it gave back."""

    freed_bytes: int = 0


@dataclass(frozen=True)
class PromptToken:
    id: int
    #: The token's text as the model sees it (special tokens spelled out).
    piece: str
    #: A control token (``<|im_start|>``): drawn highlighted.
    special: bool


@dataclass(frozen=True)
class PromptInspection:
    request_id: int
    text: str
    tokens: tuple[PromptToken, ...]
    n_ctx: int
    mode: Mode
    template_label: str
    template_reason: Problem
    #: True when message text contained special-token text and was tokenized as
    #: plain text, so it could not forge a turn.
    defused: bool


@dataclass(frozen=True)
class TokenBatch:
    """Tokens produced since the previous batch (coalesced: one batch a frame of the
    window, ``core.engine.pacing``).

    ``text`` is the answer's new text and ``reasoning`` the reasoning's, as the output
    family's parser splits them (markers never appear in either); ``token_ids`` are
    every token generated, reasoning, markers and answer alike.
    """

    request_id: int
    text: str
    token_ids: tuple[int, ...]
    #: One per token id, when ``SamplingParams.logprobs`` > 0; ``None`` otherwise.
    #: Greedy decoding and sampling send a ``LogprobBatch`` (arrays that make
    #: ``TokenLogprob`` objects when read: ``core.engine.logprob_batch``), beam
    #: search a tuple.
    logprobs: Sequence[TokenLogprob] | None = None
    #: New reasoning text.
    reasoning: str = ""
    #: The model is reasoning at the end of this batch.
    thinking: bool = False
    #: Of ``token_ids``, how many were generated while the model was reasoning.
    reasoning_tokens: int = 0


@dataclass(frozen=True)
class GenerationFinished:
    request_id: int
    reason: FinishReason
    text: str
    stats: GenerationStats = field(default_factory=GenerationStats)
    #: Beam search only: the best replies, best first (``n_best`` of them, fewer when
    #: fewer finished); the first is the reply in ``text``, except when cancelled: then
    #: ``text`` is what was streamed (the start every beam shared) and the candidates
    #: are the beams as they stood.  ``None`` for greedy decoding and sampling.
    candidates: tuple[Candidate, ...] | None = None
    #: Indices of the request's messages left out to fit the context (its policy).
    dropped: tuple[int, ...] = ()
    #: Tokens of each request message's own text (without the template around it).
    message_tokens: tuple[int, ...] = ()
    #: The reply's reasoning ("" when none); ``text`` is then the answer alone.
    reasoning: str = ""
    #: Tokens generated while reasoning (the closing marker written at the budget
    #: included), and how long that took.
    reasoning_tokens: int = 0
    reasoning_ms: float = 0.0
    #: Tool calls the model asked for (none unless the request offered tools).
    tool_calls: tuple[ToolCall, ...] = ()
    #: What the output parser found off (a malformed call given back as text ...).
    notes: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class ReadAheadDone:
    """What a :class:`ReadAhead` left in the KV cache."""

    request_id: int
    #: Tokens of the whole prompt the messages make now (what sending them would use).
    prompt_tokens: int = 0
    #: Tokens of that prompt now in the KV cache, ready for the reply.
    ready_tokens: int = 0
    #: Tokens this request evaluated (the rest were cached already).
    evaluated: int = 0
    #: A newer request arrived first and ended it early (what it did is kept).
    interrupted: bool = False
    #: Why nothing could be read ahead (a template error, a prompt too long ...).
    error: str = ""


@dataclass(frozen=True)
class PromptCount:
    """The answer to :class:`CountPrompt`."""

    request_id: int
    #: Tokens of the whole prompt, before any message is left out.
    tokens: int
    #: The model's context, and how much of it is kept free for the reply.
    n_ctx: int
    reply_room: int
    #: Messages the conversation's policy would leave out to fit (0 with "stop").
    dropped: int = 0

    @property
    def budget(self) -> int:
        """Tokens the prompt may use: the context less the room for the reply."""
        return self.n_ctx - self.reply_room

    @property
    def fits(self) -> bool:
        return self.tokens <= self.budget


@dataclass(frozen=True)
class EngineFailure:
    """A request failed; ``request_id`` is ``None`` for failures outside a generation."""

    request_id: int | None
    problem: Problem
    #: The class name of the core error ("ModelFileError", "TemplateError", ...).
    kind: str = "EngineError"


@dataclass(frozen=True)
class EngineDied:
    """Made by the client, not the worker: the engine process ended unexpectedly.

    ``exit_code`` follows :attr:`multiprocessing.Process.exitcode` (negative: killed by
    that signal).  ``request_id`` is the generation that was running, if any.
    """

    exit_code: int | None
    problem: Problem
    request_id: int | None = None
    during_load: bool = False


Event = (LoadProgress | ModelLoaded | ModelUnloaded | SnapshotsCleared | TokenBatch
         | GenerationFinished
         | PromptCount
         | PromptInspection | ReadAheadDone | EngineFailure | EngineDied)
