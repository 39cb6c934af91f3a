"""Which model is loaded, when, and what happens when loading fails.

A part of :class:`core.chat.controller.ChatController` kept in its own module: the
last model used loads at start unless it crashed the engine while loading; a file the
user picks is checked before anything is unloaded (by the window, off the GUI
thread) and, should llama.cpp refuse it all the same, the model loaded before comes
back; a model's template and mode are the user's to change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from core.chat.context_meter import ContextMeter
from core.chat.screen import Screen, Status, Topic
from core.conversation.session import ChatSession
from core.engine.protocol import LoadModel, Mode, ModelLoaded
from core.engine.seam import Engine
from core.engine.snapshots.sizing import snapshot_policy
from core.errors import Problem, ProsaError
from core.remote.refs import is_remote, short_name
from core.settings import Settings
from core.templates.overrides import TemplateOverrides


def load_request(settings: Settings, path: str, template_override: str | None,
                 force_mode: Mode | None, snapshot_folder: Path | None) -> LoadModel:
    """Everything the engine needs to load ``path`` as the settings say (snapshots
    kept in ``snapshot_folder``; none when it is ``None``)."""
    from core.engine.options import SnapshotPolicy

    policy = SnapshotPolicy() if snapshot_folder is None else snapshot_policy(
        snapshot_folder, settings.snapshot_disk_mb, settings.snapshot_memory_mb)
    return LoadModel(
        model_path=path, n_ctx=settings.n_ctx, n_gpu_layers=settings.n_gpu_layers,
        n_threads=settings.n_threads, template_override=template_override,
        force_mode=force_mode, flash_attention=settings.flash_attention,
        kv_cache_type=settings.kv_cache_type, snapshots=policy)


class ModelRules:
    """The model half of the controller (see the module docstring)."""

    #: Where conversations' KV snapshots are kept (the window sets the cache folder's
    #: ``kv``; ``None``: none are kept).
    snapshot_folder: Path | None = None

    engine: Engine
    settings: Settings
    overrides: TemplateOverrides
    screen: Screen
    session: ChatSession
    loaded: ModelLoaded | None
    model_path: str | None
    force_mode: Mode | None
    status: Status
    meter: ContextMeter
    _previous: str | None
    _save_settings: Callable[[Settings], None]

    def _show(self, status: Status) -> None:
        raise NotImplementedError

    def forget_read_ahead(self) -> None:
        raise NotImplementedError

    # --- models ------------------------------------------------------------------------

    def load_model(self, path: str, *, fallback: bool = False) -> None:
        """Load ``path`` with the engine settings (its header was checked already).

        Should llama.cpp refuse it, the model loaded before comes back (``fallback``
        marks that second load): the user is never left without the model that worked.
        """
        if self.session.streaming is not None:
            self.engine.cancel()
        if not fallback:
            self.screen.clear_problems(Topic.MODEL)  # a new attempt
            self._previous = self.loaded.model_path if self.loaded else None
        self.model_path = path
        self.loaded = None
        self.meter.forget()
        self._show(replace(self.status, model=short_name(path), loading=0.0, engine_down=False,
                         streamed_tokens=None))
        self.engine.load(load_request(self.settings, path, self.overrides.get(path),
                                      self.force_mode, self.snapshot_folder))

    def initial_model(self, starter: str | None) -> str | None:
        """The model to load at start: the last one used, unless it crashed the engine
        while loading last time (said once), else the starter model."""
        last = self.settings.last_model
        if last and last == self.settings.crashed_model:
            self.screen.show_problem(Problem.of(
                "chat.crashed_last_time", "The model {name} crashed the engine last time, "
                "so it was not loaded automatically.", name=Path(last).name), Topic.MODEL)
        elif last and (is_remote(last) or Path(last).is_file()):
            return last
        if starter is None:
            self.screen.show_problem(Problem.of(
                "chat.no_model", "No model found. Choose \u201cOpen GGUF file\u2026\u201d in the "
                "model menu."), Topic.MODEL)
        return starter

    def refuse_model(self, path: str, problem: Problem) -> None:
        """A model file that failed its check: say why; the current model stays."""
        self.screen.show_problem(Problem.of(
            "chat.cannot_open", "Prosa could not open {path}: {cause}", path=path,
            cause=problem), Topic.MODEL)

    def reload_model(self) -> None:
        """Load the model again (new engine settings); after Unload, the last one."""
        path = (self.loaded.model_path if self.loaded else self.model_path
                ) or self.settings.last_model
        if path:
            self.load_model(path)

    def unload_model(self) -> None:
        """Free the model's memory (the user asked); it stays the one to load next time,
        and choosing it again loads it."""
        if self.model_path is None and self.loaded is None:
            return
        if self.session.streaming is not None:
            self.engine.cancel()
        self.engine.unload()
        self.model_path = None
        self.loaded = None
        self.meter.forget()
        self.forget_read_ahead()
        self._show(replace(self.status, model=None, loading=None, streamed_tokens=None,
                           context_total=0, context_used=None, context_budget=None,
                           context_ready=None))
        self.screen.show_model(None)

    def set_mode(self, mode: Mode | None) -> None:
        self.force_mode = mode
        if self.model_path is not None:
            self.engine.set_template(self.overrides.get(self.model_path), mode)

    def set_template(self, source: str | None) -> None:
        """Keep ``source`` as this model's template (``None``: its own again)."""
        if self.loaded is None:
            return
        path = self.loaded.model_path
        try:
            if source is None:
                self.overrides.clear(path)
            else:
                self.overrides.set(path, source)
        except ProsaError as exc:
            self.screen.show_problem(exc.problem, Topic.TEMPLATE)
            return
        self.engine.set_template(self.overrides.get(path), self.force_mode)

    def _loaded(self, event: ModelLoaded) -> None:
        self.loaded = event
        self.model_path = event.model_path
        crashed = None if self.settings.crashed_model == event.model_path \
            else self.settings.crashed_model
        self.settings = replace(self.settings.with_recent(event.model_path),
                                crashed_model=crashed)
        self._save_settings(self.settings)
        self.forget_read_ahead()
        self.screen.show_model(event)
        self._show(replace(self.status, model=event.model_name, loading=None, engine_down=False,
                           context_total=event.n_ctx, context_used=None, context_budget=None,
                           context_ready=None))

