"""The engine process: serves requests one at a time and turns them into events.

Runs in a child process started with the ``spawn`` context, so a native crash in
llama.cpp (segfault, abort, out-of-memory kill) ends this process only; the window and
every saved conversation live on in the parent, which starts a fresh worker.  The
model itself is ``core.engine.llama.model.LoadedModel``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized

from core.engine.llama.model import LoadedModel
from core.engine.protocol import (
    ClearSnapshots,
    CountPrompt,
    EngineFailure,
    Event,
    Generate,
    InspectPrompt,
    LoadModel,
    ModelUnloaded,
    ReadAhead,
    ReadAheadDone,
    Request,
    SetTemplate,
    Shutdown,
    SnapshotsCleared,
    UnloadModel,
)
from core.errors import EngineError, Problem, ProsaError


def _cancel_check(cancel_through: Synchronized[int], request: Generate) -> Callable[[], bool]:
    """Stop is out of band: the parent raises a shared counter; no message queues.

    Read without its lock, as the decoding loop does once a token: an aligned 64-bit
    integer is read whole, and a Stop seen one token late costs nothing."""
    request_id = request.request_id
    counter = cancel_through.get_obj()
    return lambda: counter.value >= request_id


def _read_ahead(model: LoadedModel, request: ReadAhead,
                interrupted: Callable[[], bool]) -> ReadAheadDone:
    try:
        return model.read_ahead(request, interrupted)
    except Exception as exc:  # reading ahead is a favour: it never reports an error
        return ReadAheadDone(request.request_id, error=f"{type(exc).__name__}: {exc}")


#: Reading ahead that evaluated this many tokens (an old conversation opened) is saved.
_READ_AHEAD_WORTH_SAVING = 256


def _save_snapshot(model: LoadedModel, waiting: Callable[[], bool]) -> bool:
    """Save the conversation in the cache unless a request waits; ``True`` once done
    (or failed: a snapshot is a favour, never retried in a loop)."""
    try:
        return model.save_snapshot(waiting) or not waiting()
    except Exception:  # a snapshot is a favour too: the reply was already sent
        logging.getLogger(__name__).exception("saving a snapshot failed")
        return True


def worker_main(requests: Connection, events: Connection, cancel_through: Synchronized[int],
                ) -> None:
    """Entry point of the engine process: serve requests until shutdown or parent exit."""
    from core import logs
    from core.engine.llama import log as llama_log
    from core.paths import app_paths

    logs.setup(app_paths(), "engine")
    llama_log.capture()
    model: LoadedModel | None = None
    #: A reply (or a long read-ahead) left a conversation in the cache that is not
    #: saved yet: it is, at the first moment no request waits (the window often asks
    #: for a count right after a reply; that goes first).
    snapshot_due = False

    def emit(event: Event) -> None:
        events.send(event)

    while True:
        if snapshot_due and model is not None and not requests.poll():
            snapshot_due = not _save_snapshot(model, requests.poll)
        try:
            request: Request = requests.recv()
        except (EOFError, OSError):
            break  # the parent is gone: nothing left to serve
        if isinstance(request, Shutdown):
            break
        request_id = request.request_id \
            if isinstance(request, Generate | InspectPrompt | CountPrompt) else None
        if isinstance(request, ReadAhead):
            done = (_read_ahead(model, request, requests.poll) if model is not None
                    else ReadAheadDone(request.request_id, error="No model is loaded."))
            emit(done)
            snapshot_due = snapshot_due or (
                done.evaluated >= _READ_AHEAD_WORTH_SAVING and not done.interrupted)
            continue
        try:
            if isinstance(request, LoadModel):
                if model is not None:
                    model.close()
                    model = None
                snapshot_due = False
                model = LoadedModel(request, emit)
                emit(model.describe())
            elif isinstance(request, SetTemplate):
                if model is None:
                    raise EngineError("engine.no_model", "No model is loaded. Pick a model first.")
                model.apply_template(request.template_override, request.force_mode)
                emit(model.describe())
            elif isinstance(request, CountPrompt):
                if model is None:
                    raise EngineError("engine.no_model", "No model is loaded. Pick a model first.")
                emit(model.count(request))
            elif isinstance(request, InspectPrompt):
                if model is None:
                    raise EngineError("engine.no_model", "No model is loaded. Pick a model first.")
                emit(model.inspect(request))
            elif isinstance(request, UnloadModel):
                if model is not None:
                    model.close()
                    model = None
                emit(ModelUnloaded())
            elif isinstance(request, ClearSnapshots):
                emit(SnapshotsCleared(model.clear_snapshots() if model is not None else 0))
            elif isinstance(request, Generate):
                if model is None:
                    raise EngineError("engine.no_model", "No model is loaded. Pick a model first.")
                emit(model.generate(request, emit, _cancel_check(cancel_through, request)))
                snapshot_due = True
        except ProsaError as exc:
            emit(EngineFailure(request_id, exc.problem, type(exc).__name__))
        except Exception as exc:  # a bug or an unexpected library error: report, keep serving
            logging.getLogger(__name__).exception("request %r failed", type(request).__name__)
            emit(EngineFailure(request_id, Problem.of(
                "engine.failed", "The engine failed: {error}", details=traceback.format_exc(),
                error=f"{type(exc).__name__}: {exc}")))
    if model is not None:
        model.close()
