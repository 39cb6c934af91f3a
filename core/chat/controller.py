"""The chat's rules, without Qt: what a user action does and what each engine event means.

The window used to hold these rules between its widgets (request ids, reading ahead,
replay seeds, reply records, which model to load and when not to).  Here they are one
plain class, driven by two kinds of calls on one thread (the GUI's): the user's
actions (:meth:`send`, :meth:`stop`, :meth:`open_conversation` ...) and the engine's
events (:meth:`handle`, and :meth:`on_tokens` for coalesced token batches).  What it
decides is shown through a :class:`core.chat.screen.Screen`.  Tests drive it headless
with ``core.engine.scripted.ScriptedEngine`` and a recording screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from core.chat.context_meter import ContextMeter
from core.chat.model_rules import ModelRules
from core.chat.prompt_rules import PromptRules
from core.chat.screen import Screen, Status, Topic
from core.chat.tool_loop import ToolHost
from core.chat.tool_rules import ToolRules
from core.conversation.session import ChatSession
from core.conversation.store import ConversationStore, ReplyRecord
from core.conversation.types import (
    Candidate,
    ContextPolicy,
    ThinkingSettings,
    TokenLogprob,
)
from core.engine.protocol import (
    BUDGET_NOTE,
    EngineDied,
    EngineFailure,
    Event,
    GenerationFinished,
    LoadProgress,
    Mode,
    ModelLoaded,
    ModelUnloaded,
    PromptCount,
    PromptInspection,
    ReadAheadDone,
    TokenBatch,
)
from core.engine.seam import Engine
from core.errors import Problem, ProsaError
from core.output.types import Family, ThinkingMode
from core.remote.refs import short_name
from core.sampling.params import SamplingParams
from core.settings import Settings
from core.templates.overrides import TemplateOverrides
from core.tools.choice import ToolChoice


class ChatController(PromptRules, ToolRules, ModelRules):
    """One window's conversation, model and engine, as rules."""

    def __init__(self, store: ConversationStore, engine: Engine, settings: Settings,
                 overrides: TemplateOverrides, screen: Screen,
                 save_settings: Callable[[Settings], None],
                 tool_host: ToolHost | None = None) -> None:
        self.store = store
        self.engine = engine
        self.settings = settings
        self.overrides = overrides
        self.screen = screen
        self._save_settings = save_settings
        self.session = ChatSession(store, system_prompt=settings.system_prompt)
        self.loaded: ModelLoaded | None = None
        #: The model asked for (loading, loaded, or to load again after a crash).
        self.model_path: str | None = None
        #: Chat or completion, as the user forced it (``None``: the model decides).
        self.force_mode: Mode | None = None
        #: The output format the user named (``None``: the one detected for the model).
        self.force_family: Family | None = None
        self.status = Status()
        self._inspect_id: int | None = None
        #: The model loaded before the one loading now (back to it if that one fails).
        self._previous: str | None = None
        self.meter = ContextMeter()
        #: The prompt's count when the reply being generated was asked for.
        self._reply_base: int | None = None
        self._read_ahead_id: int | None = None
        self._read_ahead_key: str | None = None
        #: What the engine writes into the reasoning when its budget is spent, in the
        #: user's language (the window sets it; see ``Generate.budget_note``).
        self.budget_note = BUDGET_NOTE
        self._setup_tools(tool_host)

    # --- the conversation ----------------------------------------------------------------

    def new_chat(self, policy: ContextPolicy = ContextPolicy.STOP) -> None:
        self._leave()
        # A new chat thinks as the one before it did, as it samples with its settings.
        self.session = ChatSession(self.store, system_prompt=self.settings.system_prompt,
                                   context_policy=policy, thinking=self.session.thinking)
        self.screen.show_conversation_selected(None)
        self.screen.show_conversation([])
        self.screen.show_busy(False)
        self.screen.clear_problems(Topic.CONVERSATION)
        self._show(replace(self.status, tokens_per_s=None, ttft_ms=None, streamed_tokens=None,
                           context_used=None, context_ready=None))

    def open_conversation(self, conversation_id: int, message_id: int = 0) -> bool:
        """Show a saved conversation (at ``message_id``'s branch); False if it failed."""
        self._leave()
        try:
            if message_id:
                self.store.select(message_id)
            self.session = ChatSession.open(self.store, conversation_id)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)
            return False
        self.screen.clear_problems(Topic.CONVERSATION)
        self.screen.show_conversation_selected(conversation_id)
        self.screen.show_conversation(self.session.messages)
        self.screen.show_busy(False)
        last = next((m for m in reversed(self.session.messages) if m.stats is not None), None)
        stats = last.stats if last is not None else None
        self._show(replace(self.status, tokens_per_s=stats.tokens_per_s if stats else None,
                           ttft_ms=stats.ttft_ms if stats else None, streamed_tokens=None,
                           context_used=None, context_ready=None))
        return True

    def conversation_deleted(self, conversation_id: int) -> None:
        if self.session.conversation_id == conversation_id:
            self.new_chat(ContextPolicy(self.session.context_policy))

    def set_system_prompt(self, text: str) -> None:
        """This conversation's system prompt (each chat keeps its own; new chats start
        with the default, which only :meth:`make_default_system_prompt` changes)."""
        try:
            self.session.set_system_prompt(text)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)

    def make_default_system_prompt(self, text: str) -> None:
        """New chats start with ``text`` from now on (and after a restart)."""
        self.settings = replace(self.settings, system_prompt=text)
        self._save_settings(self.settings)

    def set_context_policy(self, policy: ContextPolicy) -> None:
        try:
            self.session.set_context_policy(policy)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)

    @property
    def thinking(self) -> ThinkingSettings:
        """The conversation's thinking: mode, budget (tokens, ``None``: no limit) and
        template options; sent with every request."""
        return self.session.thinking

    def set_thinking(self, mode: ThinkingMode, budget: int | None,
                     options: Mapping[str, Any]) -> None:
        """Whether the model thinks, how long, and the template's other switches, for
        this conversation (kept with it, and the start of the next new chat's)."""
        if budget is not None and budget < 0:
            budget = None
        try:
            self.session.set_thinking(ThinkingSettings(ThinkingMode(mode), budget,
                                                       dict(options)))
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)

    def set_sampling(self, params: SamplingParams) -> None:
        """The panel's settings belong to the conversation shown; the latest ones are
        also the app's default for new conversations."""
        self.settings = replace(self.settings, sampling=params)
        if not params.problems():
            self.screen.clear_problems(Topic.SEND)  # "invalid settings" no longer holds
        if self.session.conversation_id is not None:
            try:
                self.store.update_settings(self.session.conversation_id, sampling=params)
            except ProsaError as exc:
                self.screen.show_problem(exc.problem, Topic.CONVERSATION)

    def send(self, text: str, params: SamplingParams) -> bool:
        """Save the user's message and ask for a reply; False when nothing was sent
        (the composer keeps the text)."""
        if self.session.streaming is not None or self.tools.busy:
            return False
        if self.model_path is None:
            self.screen.show_problem(Problem.of("chat.pick_model", "Pick a model first."),
                                     Topic.SEND)
            return False
        policy = ContextPolicy(self.session.context_policy)
        refusal = self.meter.refusal(self.session.request_messages(draft=text), params, policy,
                                     self.thinking, self.tool_offer())
        if refusal is not None:
            self.screen.show_problem(Problem.of(
                "chat.too_long", "This message does not fit: with the conversation it needs "
                "{tokens} tokens, but the model's context holds {n_ctx}, {room} of them kept "
                "for the reply. Shorten it, start a new chat, raise the context length, or "
                "let Prosa drop old messages (Engine tab).", tokens=refusal.tokens,
                n_ctx=refusal.n_ctx, room=refusal.reply_room), Topic.SEND)
            return False
        try:
            params.validated()
            message = self.session.add_user(text, params, self.model_path)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.SEND)
            return False
        self.screen.show_message_added(message, len(self.session.messages) - 1)
        self.screen.show_conversation_selected(self.session.conversation_id)
        self.tools.user_turn()
        self._start_reply(params)
        return True

    def stop(self) -> None:
        if self.session.streaming is not None:
            self.engine.cancel()
        elif self.tools.stop():
            self.screen.show_busy(False)

    def regenerate(self, index: int, params: SamplingParams) -> None:
        """Answer again: a new reply beside the old one (kept, reachable with ‹ ›)."""
        if self._busy_or_out_of_range(index):
            return
        self.session.prepare_regenerate(index)
        self.screen.show_conversation(self.session.messages)
        self._start_reply(params)

    def replay(self, index: int) -> None:
        """Run a reply again with exactly the settings and seed that produced it."""
        if self._busy_or_out_of_range(index):
            return
        record = self.session.messages[index].record
        if record is None or record.sampling is None:
            return
        try:
            params = SamplingParams.from_dict(record.sampling)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)
            return
        if record.seed is not None:
            params = replace(params, seed=record.seed)
        current = short_name(self.loaded.model_path) if self.loaded else ""
        if record.model_file and record.model_file != current:
            self.screen.show_notice(Problem.of(
                "chat.replay_other_model", "This reply was made by {made_by}; the model "
                "loaded now is {loaded}, so the replay may differ.",
                made_by=record.model_file, loaded=current))
        self.regenerate(index, params)

    def edit(self, index: int, text: str, params: SamplingParams) -> None:
        """A new branch from an edited message of the user's, answered anew."""
        if self._busy_or_out_of_range(index):
            return
        try:
            self.session.edit_user(index, text)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)
            return
        self.screen.show_conversation(self.session.messages)
        self._start_reply(params)

    def switch(self, index: int, step: int) -> None:
        """Show the previous or next branch at ``index``."""
        if self._busy_or_out_of_range(index):
            return
        try:
            self.session.switch(index, step)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)
            return
        self.screen.show_conversation(self.session.messages)

    def branch_from(self, index: int, token: int, alternative: int,
                    params: SamplingParams) -> None:
        """Regenerate a reply from one of its tokens on, with ``alternative`` there."""
        if self._busy_or_out_of_range(index):
            return
        try:
            prefix = self.session.token_prefix(index, token, alternative)
            self.session.prepare_regenerate(index)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)
            return
        self.screen.show_conversation(self.session.messages)
        self._start_reply(params, prefix)

    def keep_candidate(self, index: int, candidate: Candidate) -> None:
        try:
            self.session.keep_candidate(index, candidate)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)
            return
        self.screen.show_conversation(self.session.messages)

    def delete(self, index: int) -> None:
        """Delete the message at ``index`` and everything that follows from it (its
        replies and their branches); the conversation shows a sibling branch when
        there is one.  Not while a reply streams."""
        if self._busy_or_out_of_range(index):
            return
        message = self.session.messages[index]
        if message.id is None:
            return
        try:
            self.store.delete_branch(message.id)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.CONVERSATION)
            return
        self.session.reload()
        self.screen.show_conversation(self.session.messages)

    def _busy_or_out_of_range(self, index: int) -> bool:
        return self.session.streaming is not None or not 0 <= index < len(self.session.messages)

    def _start_reply(self, params: SamplingParams, reply_prefix: tuple[int, ...] = (),
                     choice: ToolChoice | None = None) -> None:
        """Ask the engine for a reply to the shown path, saved as it grows (``choice``:
        the tool choice of a turn after tools ran)."""
        self._reply_params = params
        try:
            request_id = self.engine.generate(
                self.session.request_messages(), params, reply_prefix,
                ContextPolicy(self.session.context_policy), thinking=self.thinking,
                output_family=self.force_family, budget_note=self.budget_note,
                offer=self.tool_offer(choice))
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.SEND)
            return
        self.forget_read_ahead()
        self.session.begin_reply(request_id, self._record(params))
        self.screen.show_reply_started(len(self.session.messages) - 1)
        self.screen.show_busy(True)
        self.screen.clear_problems(Topic.SEND)
        # While the reply streams, the counter is the prompt counted before sending
        # plus what the reply has used so far.
        self._reply_base = self.status.context_used
        self._show(replace(self.status, streamed_tokens=0, engine_down=False,
                           context_ready=None))

    def _record(self, params: SamplingParams) -> ReplyRecord:
        loaded = self.loaded
        return ReplyRecord(
            model_file=short_name(loaded.model_path if loaded else self.model_path or ""),
            engine=loaded.engine if loaded else "",
            template_source=loaded.template_source if loaded else "",
            template_sha256=loaded.template_sha256 if loaded else "",
            strategy=params.strategy, sampling=params.to_dict(),
            seed=params.seed if params.seed >= 0 else None,
            system_prompt=self.session.system_prompt)

    def _leave(self) -> None:
        """Stop a reply in progress and save what it has, before showing another chat."""
        streaming = self.session.streaming
        if streaming is not None:
            self.engine.cancel()
            self.session.fail(streaming.request_id, None, interrupted=True)
        self.session.save_partial()

    def close(self) -> None:
        """The window closes: stop and save; the engine is the caller's to close."""
        if self.session.streaming is not None:
            self.engine.cancel()
        self.session.save_partial()

    # --- engine events ---------------------------------------------------------------------

    def handle(self, event: Event) -> None:
        """An engine event, on the GUI thread (token batches may come coalesced through
        :meth:`on_tokens` instead)."""
        if isinstance(event, TokenBatch):
            self.on_tokens(event.request_id, event.text, len(event.token_ids),
                           event.logprobs or (), event.reasoning, event.reasoning_tokens)
        elif isinstance(event, LoadProgress):
            self._show(replace(self.status, loading=event.fraction))
        elif isinstance(event, ModelLoaded):
            self._loaded(event)
        elif isinstance(event, ModelUnloaded):
            self.loaded = None
            self.screen.show_model(None)
        elif isinstance(event, GenerationFinished):
            self._finished(event)
        elif isinstance(event, PromptInspection):
            if event.request_id == self._inspect_id:
                self._inspect_id = None
                self.screen.show_inspection(event)
        elif isinstance(event, PromptCount):
            if self.meter.answer(event) and self.loaded is not None:
                self._show_count(event)
        elif isinstance(event, ReadAheadDone):
            if event.request_id == self._read_ahead_id and not event.error and self.loaded:
                self._show(replace(self.status, context_ready=event.ready_tokens))
        elif isinstance(event, EngineFailure):
            self._failed(event)
        elif isinstance(event, EngineDied):
            self._died(event)

    def on_tokens(self, request_id: int, text: str, count: int,
                  logprobs: Sequence[TokenLogprob], reasoning: str = "",
                  reasoning_tokens: int = 0) -> None:
        """Token batches of the reply (coalesced): answer ``text`` and ``reasoning``
        (which comes first), ``count`` tokens of which ``reasoning_tokens`` reasoning.

        ``logprobs`` may be a ``LogprobBatch`` (arrays): the message keeps
        ``TokenLogprob`` objects, made here, on the GUI thread, a drain's worth at once."""
        steps = logprobs if isinstance(logprobs, tuple) else tuple(logprobs)
        message = self.session.append(request_id, text, steps, reasoning, reasoning_tokens)
        if message is not None:
            thought = bool(reasoning or reasoning_tokens)
            if thought:
                self.screen.show_reply_reasoning(reasoning, message.reasoning_tokens or 0)
            if text or not thought:
                self.screen.show_reply_text(text)
            streamed = (self.status.streamed_tokens or 0) + count
            used = None if self._reply_base is None else self._reply_base + streamed
            self._show(replace(self.status, streamed_tokens=streamed, context_used=used))

    def _finished(self, event: GenerationFinished) -> None:
        had_dropped = any(m.dropped for m in self.session.messages)
        message = self.session.finish(event)
        if message is None:
            return
        if event.dropped or had_dropped:
            # Earlier messages changed: mark (or unmark) those the model no longer saw.
            self.screen.show_conversation(self.session.messages)
            if event.dropped:
                self.screen.show_notice(Problem.of(
                    "chat.dropped", "{count} older messages were left out to fit the "
                    "context.", count=len(event.dropped)))
        else:
            self.screen.show_reply_finished(message)
        for note in event.notes:
            # What the engine could not do as asked (a setting a server ignores, a
            # malformed call kept as text): said once, in passing.
            self.screen.show_notice(note)
        calling = self.tools.wants(message, self.tools_state())
        if not calling:
            self.screen.show_busy(False)
        stats = event.stats
        self._show(replace(self.status, streamed_tokens=None, tokens_per_s=stats.tokens_per_s,
                         ttft_ms=stats.ttft_ms,
                         context_used=stats.prompt_tokens + stats.completion_tokens,
                         context_ready=None))
        if calling:
            self.tools.take(message, self.tools_state())

    def _failed(self, event: EngineFailure) -> None:
        if event.request_id is not None and event.request_id == self._inspect_id:
            self._inspect_id = None
            self.screen.show_problem(event.problem, Topic.TEMPLATE)
            return
        if event.request_id is not None:
            message = self.session.fail(event.request_id, event.problem, interrupted=False)
            if message is not None:
                self.screen.show_reply_finished(message)
                self.screen.show_busy(False)
                self._show(replace(self.status, streamed_tokens=None))
            else:
                self.screen.show_problem(event.problem, Topic.GENERAL)
            return
        # A failure outside a reply: the model could not be loaded.
        failed, self.model_path = self.model_path, None
        self.loaded = None
        self.engine.forget_model()
        previous, self._previous = self._previous, None
        if previous is not None and previous != failed:
            self.screen.show_problem(Problem.of(
                "chat.load_failed_kept", "The model could not be loaded: {cause} Prosa goes "
                "back to {previous}.", cause=event.problem, previous=short_name(previous)),
                Topic.MODEL)
            self.load_model(previous, fallback=True)
        else:
            self.screen.show_problem(Problem.of(
                "chat.load_failed", "The model could not be loaded: {cause}",
                cause=event.problem), Topic.MODEL)
            self.screen.show_model(None)
            self._show(replace(self.status, model=None, loading=None, context_total=0,
                               context_used=None, context_budget=None))
        if failed:
            self.settings = replace(self.settings, recent_models=tuple(
                p for p in self.settings.recent_models if p != failed))
            self._save_settings(self.settings)

    def _died(self, event: EngineDied) -> None:
        self.forget_read_ahead()
        message = self.session.fail(event.request_id, event.problem, interrupted=True)
        if message is not None:
            self.screen.show_reply_finished(message)
        else:
            self.screen.show_problem(event.problem, Topic.MODEL if event.during_load
                                     else Topic.GENERAL)
        self.screen.show_busy(False)
        if event.during_load and self.model_path:
            self.settings = replace(self.settings, crashed_model=self.model_path)
            self._save_settings(self.settings)
            self.engine.forget_model()
            self.model_path = None
            self.loaded = None
            self.screen.show_model(None)
            self._show(replace(self.status, model=None, loading=None, streamed_tokens=None,
                             context_total=0, context_used=None))
        else:
            self._show(replace(self.status, engine_down=self.loaded is not None,
                               streamed_tokens=None))

    def _show_count(self, count: PromptCount) -> None:
        self._show(replace(self.status, context_used=count.tokens, context_total=count.n_ctx,
                           context_budget=count.budget))

    def _show(self, status: Status) -> None:
        """Show the status bar's facts when they changed."""
        if status != self.status:
            self.status = status
            self.screen.show_status(status)
