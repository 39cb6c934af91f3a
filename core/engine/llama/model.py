"""One model in the engine process: llama.cpp's ``Llama`` with its chat template,
tokenization rules and our generation loop.

Only the engine process imports this module (it loads llama.cpp's native library);
``core.engine.worker`` hands it requests.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from core.conversation.context import Fitted, fit, reply_room
from core.conversation.types import ContextPolicy, Message
from core.engine import thinking as switches
from core.engine.llama.backends import ensure_backends
from core.engine.llama.loading import load_llama
from core.engine.protocol import (
    CountPrompt,
    Event,
    Generate,
    GenerationFinished,
    InspectPrompt,
    LoadModel,
    Mode,
    ModelLoaded,
    PromptCount,
    PromptInspection,
    PromptToken,
    ReadAhead,
    ReadAheadDone,
)
from core.errors import EngineError, ProsaError, TemplateError
from core.models.gguf import ModelInfo, read_gguf_info
from core.output.detect import detect_family
from core.output.families import parser_for
from core.output.types import Context, Family, ThinkingMode
from core.sampling.params import MAX_SEED, SamplingParams
from core.system import default_threads
from core.templates.choice import (
    TOOL_USE_VARIANT,
    TemplateChoice,
    after_compile_error,
    choose_template,
)
from core.templates.template import ChatTemplate
from core.templates.tokens import ForgeMemo, tokenize_prompt, with_bos
from core.templates.tool_support import supports_tools

if TYPE_CHECKING:
    from core.engine.llama.decoding import Model
    from core.engine.llama.guide import Guide
    from core.engine.llama.resume import Resumer
    from core.engine.llama.split import Thinking
    from core.engine.llama.token_index import TokenIndex

Emit = Callable[[Event], None]

#: Tokens read ahead per batch: small enough that a request arriving meanwhile waits at
#: most a fraction of a second, large enough to keep llama.cpp's batches efficient.
READ_AHEAD_CHUNK = 32
#: Characters of the prompt's end a parser reads to tell whether it opens reasoning.
_PROMPT_TAIL = 256
#: Text put after the draft to find where the settled part of the prompt ends: the
#: tokens before the first difference stay whatever the user types next.
_PROBE = " qzx"


@dataclass(frozen=True)
class Prompt:
    text: str
    tokens: list[int]
    #: Message text held special-token text and was tokenized as plain text.
    defused: bool


class LoadedModel:
    """One model in memory, with its chat template and tokenization rules."""

    def __init__(self, request: LoadModel, emit: Emit) -> None:
        import llama_cpp

        self._llama_cpp = llama_cpp
        started = time.monotonic()
        info = read_gguf_info(request.model_path)  # rejects hostile files before llama.cpp
        self.info = info
        n_ctx = request.n_ctx
        if info.context_length:
            n_ctx = min(n_ctx, info.context_length)
        self.llm = load_llama(request, n_ctx, emit)
        self.vocab = self.llm._model.vocab
        self.n_ctx = self.llm.n_ctx()
        self.bos_id = self.llm.token_bos()
        self.eos_id = self.llm.token_eos()
        self.bos_text = self._token_text(self.bos_id)
        self.eos_text = self._token_text(self.eos_id)
        self.add_bos = bool(llama_cpp.llama_vocab_get_add_bos(self.vocab))
        self._forged = ForgeMemo(self._tokenize)
        self.request = request
        self.load_seconds = time.monotonic() - started
        self.apply_template(request.template_override, request.force_mode)
        # Imported here: the GUI process imports this module to name the entry point
        # and needs neither numpy nor llama.cpp.
        from core.engine.llama.decoding import Model
        from core.engine.llama.kv import KVContext
        from core.engine.llama.pieces import Pieces
        from core.engine.pacing import batch_period

        self._decoding: Model = Model(KVContext(self.llm), Pieces(self.vocab), self._is_end,
                                      batch_period(request.n_threads))
        #: The vocabulary indexed for grammars, built on the first constrained reply.
        self._token_index: TokenIndex | None = None
        self._resumer: Resumer | None = None
        if request.snapshots.folder and request.snapshots.disk_bytes <= 0:
            from pathlib import Path

            from core.engine.snapshots.folder import clear_folder

            clear_folder(Path(request.snapshots.folder))  # "0 keeps none": none are left
        if request.snapshots.enabled:
            from core.engine.llama.resume import Resumer
            from core.engine.snapshots.key import model_fingerprint

            self._fingerprint = model_fingerprint(request.model_path)
            self._resumer = Resumer(self._decoding.kv, request.snapshots, self._snapshot_key())

    def _snapshot_key(self) -> str:
        """What a snapshot of this model, as loaded now, must have been taken under
        (``core.engine.snapshots.key``)."""
        from core.engine.snapshots.key import SnapshotKey

        request = self.request
        backend = ensure_backends()
        return SnapshotKey(
            model=self._fingerprint, n_ctx=self.n_ctx,
            kv_cache_type=request.kv_cache_type.value,
            flash_attention=request.flash_attention.value,
            n_gpu_layers=request.n_gpu_layers,
            template_sha256=(self.template.sha256 if self.template is not None
                             else "completion"),
            llama_version=str(getattr(self._llama_cpp, "__version__", "")),
            cpu_variant=(backend.cpu_variant or "") if backend is not None else "",
        ).digest

    def _is_end(self, token: int) -> bool:
        return bool(self._llama_cpp.llama_vocab_is_eog(self.vocab, token))

    def apply_template(self, override: str | None, force_mode: Mode | None) -> None:
        """Choose the template (or completion mode) as the user and the model say.

        A template that does not compile is not fatal: the model still loads, with
        the built-in template for its family, and the reason says what was wrong
        (the compile error is its cause).
        """
        choice = choose_template(self.info, override=override, force_mode=force_mode)
        try:
            template = ChatTemplate(choice.source) if choice.source is not None else None
        except TemplateError as exc:
            choice = after_compile_error(self.info, exc.problem)
            template = ChatTemplate(choice.source) if choice.source is not None else None
        self.choice = choice
        self.template = template
        #: The model's own ``tool_use`` variant, used whenever a request offers tools
        #: (Command R, Hermes 2 Pro ...); ``None`` when the chosen template is the
        #: user's, a built-in one, or the variant itself.
        self.tools_template = _tool_use_template(self.info, choice)
        info = self.info
        #: How the model marks reasoning and tool calls: what its template renders.
        self.family = Family.PLAIN if template is None else detect_family(
            choice.source, info.special_tokens, info.architecture,
            info.name or os.path.basename(self.request.model_path))
        resumer: Resumer | None = getattr(self, "_resumer", None)
        if resumer is not None:
            resumer.set_key(self._snapshot_key())

    def describe(self) -> ModelLoaded:
        choice = self.choice
        return ModelLoaded(
            model_path=self.request.model_path,
            # The file name, not general.name: it is what people downloaded and see on
            # disk, while general.name is often a training-run label.
            model_name=os.path.splitext(os.path.basename(self.request.model_path))[0],
            n_ctx=self.n_ctx,
            n_ctx_train=self.info.context_length or 0,
            n_gpu_layers=self.request.n_gpu_layers,
            mode=choice.mode,
            template_source=choice.origin,
            template_label=choice.label,
            template_reason=choice.reason,
            template_family=choice.family,
            template_text=choice.source or "",
            template_sha256=self.template.sha256 if self.template is not None else "",
            model_template=self.info.chat_template,
            bos_token=self.bos_text,
            eos_token=self.eos_text,
            load_seconds=self.load_seconds,
            gpu_offload_supported=bool(self._llama_cpp.llama_supports_gpu_offload()),
            backend=ensure_backends(),
            n_threads=self.request.n_threads or default_threads(),
            output_family=self.family,
            tools_supported=self.template is not None and supports_tools(
                (self.tools_template or self.template).source),
        )

    def _token_text(self, token: int) -> str:
        if token < 0:
            return ""
        raw = self._llama_cpp.llama_vocab_get_text(self.vocab, token)
        return raw.decode("utf-8", errors="replace") if raw else ""

    def _tokenize(self, text: str, special: bool) -> list[int]:
        return list(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=special))

    def build_prompt(self, messages: tuple[Message, ...],
                     switched: switches.Switches | None = None) -> Prompt:
        """The exact text and token ids the model will read for these messages
        (see ``core.templates.tokens``), with the conversation's thinking switches.  In
        completion mode the conversation's text is the prompt, all of it plain text."""
        defused = False
        if self.template is None:
            text = "".join(str(m.get("content", "")) for m in messages
                           if m.get("role") != "system")
            tokens = self._tokenize(text, special=False)
        else:
            template = self._template_for(switched)
            messages, variables = switches.render_inputs(
                template.source, switched or switches.Switches(), messages, self.family)
            text = template.render(
                list(messages), add_generation_prompt=True,
                bos_token=self.bos_text, eos_token=self.eos_text, **variables,
            )
            tokens, defused = tokenize_prompt(self._tokenize, text, messages,
                                              template.source, self._forged)
        return Prompt(text, with_bos(tokens, self.bos_id, self.add_bos), defused)

    def _template_for(self, switched: switches.Switches | None) -> ChatTemplate:
        """The template a prompt is rendered with: the ``tool_use`` variant when the
        request offers tools and the model has one, else the chosen template."""
        assert self.template is not None
        if switched is not None and switched.tools and self.tools_template is not None:
            return self.tools_template
        return self.template

    def inspect(self, request: InspectPrompt) -> PromptInspection:
        prompt = self.build_prompt(request.messages, switches.of(request))
        # Control tokens only: user-defined ones include Gemma's runs of spaces and
        # line breaks, which are ordinary text to a reader.
        special_mask = self._llama_cpp.LLAMA_TOKEN_ATTR_CONTROL
        tokens = tuple(
            PromptToken(
                token,
                self.llm.detokenize([token], special=True).decode("utf-8", errors="replace"),
                bool(self._llama_cpp.llama_vocab_get_attr(self.vocab, token) & special_mask),
            )
            for token in prompt.tokens
        )
        described = self.describe()
        return PromptInspection(request.request_id, prompt.text, tokens, self.n_ctx,
                                described.mode, described.template_label,
                                described.template_reason, prompt.defused)

    def generate(self, request: Generate, emit: Emit, cancelled: Callable[[], bool],
                 ) -> GenerationFinished:
        """One reply, streamed: greedy decoding and sampling in ``core.engine.llama.decoding``,
        beam search in ``core.engine.llama.beam``; both keep the KV cache's reusable prefix."""
        started = time.monotonic()
        sampling = request.sampling.validated()
        seed = sampling.seed if sampling.seed >= 0 else secrets.randbelow(MAX_SEED)
        fitted, prompt = self._fit(request, sampling)
        tokens = prompt.tokens
        n_vocab = self._decoding.kv.n_vocab
        if any(not 0 <= t < n_vocab for t in request.reply_prefix):
            raise EngineError("engine.unknown_token",
                              "The reply to continue holds a token the model does not have.")
        from core.engine.llama.beam import run_beam
        from core.engine.llama.decoding import Job, run_sampling

        thinking = self._thinking(request, prompt.text)
        guide, calls_ignored = self._constrain(request, sampling, thinking)
        resumed = self._resumer.resume(tokens) if self._resumer is not None else 0
        job = Job(request.request_id, sampling, seed, tuple(tokens),
                  tuple(request.reply_prefix), started, emit, cancelled, thinking,
                  guide, calls_ignored)
        try:
            finished = (run_beam(job, self._decoding) if sampling.strategy == "beam"
                        else run_sampling(job, self._decoding))
        finally:
            if guide is not None:
                guide.close()
        counts = tuple(len(self._tokenize(str(m.get("content", "")), False))
                       for m in request.messages)
        stats = finished.stats
        if resumed:
            cached = stats.prompt_tokens - stats.prompt_tokens_evaluated
            stats = replace(stats, resumed_tokens=min(resumed, cached))
        return replace(finished, dropped=fitted.dropped, message_tokens=counts, stats=stats)

    def _constrain(self, request: Generate, sampling: SamplingParams,
                   thinking: Thinking | None) -> tuple[Guide | None, bool]:
        """The grammar this reply follows, from its constraint and tool choice (see
        ``core.engine.llama.grammar``), and whether calls it writes are ignored."""
        from core.engine.llama.grammar import plan_reply
        from core.engine.llama.grammar_sampler import compile_grammar
        from core.engine.llama.guide import Guide

        tools = tuple(request.tools)
        source = (self.tools_template or self.template).source \
            if self.template is not None else ""
        if tools and not (source and supports_tools(source)):
            raise EngineError("engine.tools_unsupported",
                              "This model's chat template does not show tools to the "
                              "model. Choose a template with tools (such as the built-in "
                              "ChatML with tools) to let it call them.")
        starts = thinking is not None and thinking.context.starts_in_reasoning
        plan = plan_reply(
            family=request.output_family or self.family, tools=tools,
            choice=request.tool_choice, constraint=request.constraint,
            template_source=source, starts_in_reasoning=starts,
            thinking=ThinkingMode(request.thinking), token_id=self._control_token)
        if plan is None or not plan.constrains:
            return None, plan is not None and plan.calls_ignored
        if sampling.strategy == "beam":
            if plan.grammar:
                raise EngineError("engine.constraint_with_beams",
                                  "Beam search cannot follow a schema, a grammar or a "
                                  "required tool call; choose greedy decoding or sampling.")
            return None, False  # a call a beam writes is read as written
        end = self.eos_id if self._is_end(self.eos_id) else -1

        def compile_text(text: str, root: str) -> Any:
            return compile_grammar(self.vocab, text, end, root)

        # Compiled once now, so that a grammar llama.cpp refuses fails the request
        # before any token, not after the model's reasoning.
        compile_text(plan.grammar or (plan.lazy.lazy("") if plan.lazy else ""), "root").close()
        if self._token_index is None and not plan.names_tokens:
            from core.engine.llama.token_index import build_index

            self._token_index = build_index(self.vocab, self._decoding.pieces.spelled,
                                            self._is_end)
        guide = Guide(plan, compile_text, self._token_index, self._decoding.pieces.spelled,
                      starts)
        return guide, plan.calls_ignored

    def _control_token(self, text: str) -> int | None:
        """The id of the control token spelled ``text``, if the vocabulary has one."""
        ids = self._tokenize(text, special=True)
        mask = (self._llama_cpp.LLAMA_TOKEN_ATTR_CONTROL
                | self._llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED)
        if len(ids) == 1 and self._llama_cpp.llama_vocab_get_attr(self.vocab, ids[0]) & mask:
            return ids[0]
        return None

    def save_snapshot(self, waiting: Callable[[], bool]) -> bool:
        """Save the conversation the cache holds unless a request is waiting (it may
        extend the same conversation; one that replaces it saves it first)."""
        if self._resumer is None or waiting():
            return False
        return self._resumer.save()

    def clear_snapshots(self) -> int:
        return self._resumer.clear() if self._resumer is not None else 0

    @property
    def resumer(self) -> Resumer | None:
        return self._resumer

    def _thinking(self, request: Generate, prompt_text: str) -> Thinking | None:
        """How this reply's reasoning is read and limited (``None``: a model whose
        output is all answer, read exactly as before output families existed)."""
        from core.engine.llama.split import Thinking

        family = request.output_family or self.family
        if self.template is None or family is Family.PLAIN:
            return None
        parser = parser_for(family)
        close = parser.reasoning_close()
        budget = request.thinking_budget
        close_tokens: tuple[int, ...] = ()
        if close and budget is not None:
            close_tokens = (*self._tokenize(request.budget_note, special=False),
                            *self._tokenize(close, special=True))
        starts = parser.opens_reasoning(prompt_text[-_PROMPT_TAIL:])
        return Thinking(parser, Context(starts_in_reasoning=starts, tools=request.tools),
                        spelled=True,
                        budget=None if budget is None else max(budget, 0),
                        close_tokens=close_tokens)

    def _fit(self, request: Generate, sampling: SamplingParams) -> tuple[Fitted, Prompt]:
        return self._fit_messages(request.messages, request.context_policy, sampling,
                                  len(request.reply_prefix), switches.of(request))

    def _fit_messages(self, messages: tuple[Message, ...], context_policy: ContextPolicy,
                      sampling: SamplingParams, prefix_tokens: int,
                      switched: switches.Switches,
                      ) -> tuple[Fitted, Prompt]:
        """The prompt, after the conversation's context policy made it fit (with room
        for the reply)."""
        try:
            policy = ContextPolicy(context_policy)
        except ValueError:  # a request from an older client: the safe policy
            policy = ContextPolicy.STOP
        budget = self.n_ctx - reply_room(self.n_ctx, sampling.max_tokens) - prefix_tokens
        last: list[Prompt] = []

        def count(kept: list[Message]) -> int:
            last[:] = [self.build_prompt(tuple(kept), switched)]
            return len(last[0].tokens)

        fitted = fit(messages, policy, budget, count, room=self.n_ctx - budget)
        return fitted, last[0]

    def count(self, request: CountPrompt) -> PromptCount:
        """The prompt's tokens, whole, and what the conversation's policy would drop
        to fit (see :class:`CountPrompt`)."""
        sampling = request.sampling.validated()
        room = reply_room(self.n_ctx, sampling.max_tokens)
        switched = switches.of(request)
        tokens = len(self.build_prompt(request.messages, switched).tokens)
        dropped = 0
        if tokens > self.n_ctx - room and request.context_policy != ContextPolicy.STOP:
            fitted, _ = self._fit_messages(request.messages, request.context_policy,
                                           sampling, 0, switched)
            dropped = len(fitted.dropped)
        return PromptCount(request.request_id, tokens, self.n_ctx, room, dropped)

    def read_ahead(self, request: ReadAhead, interrupted: Callable[[], bool]) -> ReadAheadDone:
        """Evaluate the settled part of the prompt these messages make (see
        :class:`ReadAhead`).

        The settled part ends where the prompt changes if the last message goes on:
        the prompt is built twice, once as it is and once with a probe after the last
        message, and their common tokens are read.  That holds for any template and
        tokenizer, and what is read is exactly what the reply's prompt will start with.
        """
        from core.engine.llama.kv import common_prefix

        if interrupted():  # a newer request is waiting: this draft is already stale
            return ReadAheadDone(request.request_id, interrupted=True)
        try:
            sampling = request.sampling.validated()
            switched = switches.of(request)
            fitted, prompt = self._fit_messages(request.messages, request.context_policy,
                                                sampling, 0, switched)
            tokens = prompt.tokens
            probed = [dict(m) for m in fitted.messages]
            last = probed[-1].get("content") if probed else None
            if isinstance(last, str):
                probed[-1]["content"] = last + _PROBE
                settled = common_prefix(
                    tokens, self.build_prompt(tuple(probed), switched).tokens)
            else:  # content parts: no text to probe; leave the closing token out
                settled = len(tokens) - 1
        except ProsaError as exc:
            return ReadAheadDone(request.request_id, error=exc.message)
        kv = self._decoding.kv
        if self._resumer is not None and settled > 0:
            self._resumer.resume(tokens[:settled + 1])
        kept = kv.prepare(tokens[:settled], leave_last=False)
        evaluated = kv.warm(tokens[kept:settled], READ_AHEAD_CHUNK, interrupted)
        return ReadAheadDone(request.request_id, len(tokens), kept + evaluated, evaluated,
                             interrupted=kept + evaluated < settled)

    def close(self) -> None:
        if self._resumer is not None:
            self._resumer.close()
        self._decoding.kv.close()
        self.llm.close()


def _tool_use_template(info: ModelInfo, choice: TemplateChoice) -> ChatTemplate | None:
    """The model file's ``tool_use`` variant, compiled, when its own chat template was
    chosen; a variant that does not compile is left unused (the chosen one stays)."""
    variant = info.chat_templates.get(TOOL_USE_VARIANT)
    if choice.origin != "model" or variant is None or not variant.strip():
        return None
    try:
        return ChatTemplate(variant)
    except TemplateError:
        return None
