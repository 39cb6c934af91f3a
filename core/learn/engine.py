"""The engine the lessons run on: the app's own engine code, in a process of its own.

A lesson must show what the model really does, so it runs on the same engine as the
chat (the local llama.cpp process, the same model file and engine settings).  It runs
in a second process rather than in the chat's: a lesson then never waits behind a
reply, never evicts the conversation's KV cache, and never changes the chat's template
or mode.  The model's weights are memory-mapped, so the operating system shares them
between the two processes; what the second one costs is its own KV cache, which is
why lessons ask for a small context unless they need more.

Lessons call it from a worker thread, never the GUI thread; every call holds one lock,
so two lessons started one after the other take turns instead of mixing their events.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from core.engine.client import EngineClient
from core.engine.options import SnapshotPolicy
from core.engine.protocol import LoadModel, Mode, ModelLoaded
from core.engine.seam import EngineFactory
from core.engine.sync import SyncEngine
from core.sampling.params import SamplingParams

#: The context lessons ask for: enough for every lesson's prompt and reply, small
#: enough that the second process's KV cache stays a few tens of MB.
LESSON_CTX = 2048


class LessonEngine:
    """One engine process for the lessons, started at the first lesson and kept until
    the Learn panel is closed.  Loads a model only when a lesson needs another one (or
    other settings), so going from lesson to lesson costs no load."""

    def __init__(self, factory: EngineFactory = EngineClient) -> None:
        self._factory = factory
        self._lock = threading.RLock()
        self._engine: SyncEngine | None = None
        self._request: LoadModel | None = None

    @contextmanager
    def using(self, request: LoadModel, *, n_ctx: int = LESSON_CTX,
              force_mode: Mode | None = None,
              template_override: str | None = None) -> Iterator[SyncEngine]:
        """The engine with ``request``'s model and engine settings loaded (its context
        set to ``n_ctx``, no KV snapshots kept; the template and the mode are the
        request's, the chat's, unless given), held for this lesson alone until the
        ``with`` block ends."""
        wanted = replace(request, n_ctx=n_ctx, snapshots=SnapshotPolicy())
        if force_mode is not None:
            wanted = replace(wanted, force_mode=force_mode)
        if template_override is not None:
            wanted = replace(wanted, template_override=template_override)
        with self._lock:
            engine = self._engine
            if engine is None:
                engine = self._engine = SyncEngine(self._factory)
            if self._request != wanted or engine.loaded is None:
                self._request = None
                engine.load(wanted)
                self._request = wanted
            yield engine

    @property
    def loaded(self) -> ModelLoaded | None:
        """The model the last lesson ran on."""
        engine = self._engine
        return engine.loaded if engine is not None else None

    def cancel(self) -> None:
        """Stop the reply a lesson is waiting for (it ends as cancelled)."""
        engine = self._engine
        if engine is not None:
            engine.client.cancel()

    def close(self) -> None:
        """End the lessons' process (the Learn panel closed, or the app quits)."""
        self.cancel()
        with self._lock:
            if self._engine is not None:
                self._engine.close()
            self._engine = None
            self._request = None


@dataclass(frozen=True)
class LessonSetup:
    """What a lesson runs with: the lessons' engine, the model and engine settings the
    chat uses now, and the user's decoding settings and system prompt (taken on the GUI
    thread when the lesson starts, so a lesson never reads the window's state from its
    worker thread)."""

    engine: LessonEngine
    #: The chat's local model and engine settings (the starter model when the chat
    #: has none, or a remote one).
    model: LoadModel
    sampling: SamplingParams
    system_prompt: str
    #: The UI language ("en", "pt_BR"): the language a lesson's sample text is in.
    language: str = "en"
