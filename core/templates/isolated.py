"""Chat template rendering in a child process, so a runaway render can be killed.

The template editor previews templates that a person is typing or pasted from
anywhere, on every keystroke.  The sandbox (:mod:`core.templates.sandbox`) stops every
resource bomb it knows of, but those checks run between Jinja operations: a single
builtin that never returns (comparing two exponentially shared nested lists, say)
passes no checkpoint, and a thread cannot be interrupted from outside.  A process
can.  So the preview renders in a persistent spawned child: a render that overruns is
answered with a :class:`~core.errors.TemplateError` at once, the child is killed, and
the next render starts a fresh one.

On Linux the child also caps its own address space (``RLIMIT_AS``, 2 GiB by default),
so a memory bomb ends in a ``MemoryError`` inside the child (reported as "ran out of
memory") or, at worst, in the child's death, instead of the whole machine swapping.

Replies come back as JSON, never pickle: the child runs hostile code, so the parent
treats whatever it sends as untrusted data (an error is rebuilt only from a
``template.*`` code and plain values).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import signal
import sys
import threading
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from types import TracebackType
from typing import Any

from core.errors import CODE, Problem, TemplateError
from core.templates.template import DEFAULT_LIMITS, ChatTemplate, RenderLimits

__all__ = ["DEFAULT_MEMORY_LIMIT", "IsolatedRenderer"]

#: Address-space cap of the child: far above what any real template needs (the output
#: itself is capped at a few million characters), far below what hurts a desktop.
DEFAULT_MEMORY_LIMIT = 2 * 1024**3

# A fresh child imports Python, Jinja and this package; generous, because a busy
# machine can be slow to start a process, and this wait is not the template's fault.
_START_TIMEOUT_S = 30.0
# How long close() lets the child exit on its own before killing it.
_EXIT_GRACE_S = 1.0
# Error texts from the child are cut to this length: they are shown to a person, and
# a hostile template could otherwise make them arbitrarily long.
_MAX_ERROR_CHARS = 20_000
_READY = "ready"
# Sentinel request that asks the child to exit.
_SHUTDOWN = None


# ---------------------------------------------------------------------------
# The child.


def _limit_memory(limit_bytes: int | None) -> None:
    """Caps the child's address space where the OS supports it (Linux honours
    RLIMIT_AS; macOS ignores it, and Windows has no ``resource`` module)."""
    if limit_bytes is None or not sys.platform.startswith("linux"):
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    # Only ever tighten: a stricter limit set by the user or the system stays.
    for current in (soft, hard):
        if current != resource.RLIM_INFINITY:
            limit_bytes = min(limit_bytes, current)
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))


def _reply(conn: Connection, *fields: str) -> None:
    conn.send_bytes(json.dumps(list(fields)).encode("ascii"))


def _render_one(
    request: tuple[str, Sequence[Mapping[str, Any]], dict[str, Any]], limits: RenderLimits
) -> list[str]:
    source, messages, kwargs = request
    try:
        return ["ok", ChatTemplate(source, limits=limits).render(messages, **kwargs)]
    except TemplateError as exc:
        return _error(exc.problem)
    except MemoryError:
        return _error(Problem.of("template.out_of_memory", "The chat template ran out of memory.",
                                 "MemoryError"))
    except Exception as exc:  # bad arguments from the caller, not the template
        details = f"{type(exc).__name__}: {exc}"[:_MAX_ERROR_CHARS]
        return _error(Problem.of("template.render_failed",
                                 "The chat template could not be rendered: {error}", details,
                                 error=details))


def _error(problem: Problem) -> list[str]:
    """An error reply: the problem's code, English template, fields (JSON) and details."""
    fields = {name: value[:_MAX_ERROR_CHARS] if isinstance(value, str) else value
              for name, value in problem.params}
    return ["error", problem.code, problem.template[:_MAX_ERROR_CHARS], json.dumps(fields),
            problem.details[:_MAX_ERROR_CHARS]]


def _error_from(reply: list[str]) -> TemplateError | None:
    """The child's error, rebuilt from untrusted fields: a template code, plain values.

    The code is what the window translates; a reply that does not look like one of
    ours is treated as a broken child (None)."""
    _, code, template, fields_json, details = reply
    try:
        fields = json.loads(fields_json)
    except ValueError:
        return None
    if not (CODE.match(code) and code.startswith("template.") and isinstance(fields, dict)
            and all(isinstance(v, str | int | float | bool | None) for v in fields.values())):
        return None
    return TemplateError(code, template, details=details, **fields)


def serve_renders(conn: Connection, limits: RenderLimits, memory_limit: int | None) -> None:
    """The child's main loop (module level, so that ``spawn`` can import it).

    Answers one request at a time until the parent sends the shutdown sentinel or
    closes its end of the pipe.
    """
    # The parent owns this process's lifetime: Ctrl+C in a terminal reaches the whole
    # process group, and the child should not print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_limit)
    _reply(conn, _READY)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is _SHUTDOWN:
            return
        _reply(conn, *_render_one(request, limits))


# ---------------------------------------------------------------------------
# The parent's handle.


def _exit_reason(exit_code: int | None) -> str:
    if exit_code is None:
        return "it stopped answering"
    if exit_code < 0:
        try:
            return f"it was stopped by {signal.Signals(-exit_code).name}"
        except ValueError:
            return f"it was stopped by signal {-exit_code}"
    return f"it exited with status {exit_code}"


class IsolatedRenderer:
    """Renders chat templates in a separate (spawned) process; a render that overruns
    is killed and the process replaced.

    The child is started on the first render and reused, so a preview costs a pipe
    round trip, not a process start.  Thread-safe: renders run one at a time.
    ``close()`` stops the child (no process is left behind); a later render starts a
    new one.  ``limits`` are the child's in-process limits; keep their ``timeout_s``
    below ``timeout_s`` so that ordinary runaways end with the in-process message and
    the child survives.
    """

    def __init__(
        self,
        timeout_s: float = 3.0,
        *,
        limits: RenderLimits = DEFAULT_LIMITS,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    ) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive: {timeout_s!r}")
        self.timeout_s = timeout_s
        self.limits = limits
        self.memory_limit = memory_limit
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process: SpawnProcess | None = None
        self._conn: Connection | None = None
        # Longest reply the child can legitimately send: the output cap, each char
        # JSON-escaped as a surrogate pair (12 bytes), plus room for the framing.
        self._max_reply_bytes = 12 * limits.max_output_chars + 4 * _MAX_ERROR_CHARS + 1024

    @property
    def pid(self) -> int | None:
        """The child's process id, or None when none is running (for diagnostics)."""
        process = self._process
        try:
            return process.pid if process is not None and process.is_alive() else None
        except ValueError:  # closed by a concurrent restart
            return None

    def render(
        self,
        source: str,
        messages: Sequence[Mapping[str, Any]],
        *,
        add_generation_prompt: bool = True,
        bos_token: str = "",
        eos_token: str = "",
        tools: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> str:
        """Renders like :meth:`ChatTemplate.render`, in the child.

        Raises :class:`TemplateError` for compile and render errors (the child's
        message, line numbers included), for a render that overruns ``timeout_s``
        and for a child that dies while rendering.
        """
        kwargs: dict[str, Any] = {
            **extra,
            "add_generation_prompt": add_generation_prompt,
            "bos_token": bos_token,
            "eos_token": eos_token,
            "tools": tools,
        }
        # Plain containers, so the request pickles whatever Mapping types came in.
        request = (source, [dict(message) for message in messages], kwargs)
        with self._lock:
            # A child that died between renders is replaced here, silently.
            conn = self._connection()
            try:
                conn.send(request)
            except (OSError, ValueError) as exc:  # it died in the instant since
                raise self._crashed() from exc
            return self._await_reply(conn)

    def close(self) -> None:
        """Stops the child, killing it if it does not exit within a second."""
        with self._lock:
            self._stop(kill=False)

    def __enter__(self) -> IsolatedRenderer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- internals -------------------------------------------------------------------

    def _connection(self) -> Connection:
        """The pipe to a live child, starting one (and waiting until it is ready)."""
        if self._process is not None and self._conn is not None and self._process.is_alive():
            return self._conn
        self._stop(kill=True)
        parent_end, child_end = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=serve_renders,
            args=(child_end, self.limits, self.memory_limit),
            name="prosa-template-renderer",
            daemon=True,
        )
        process.start()
        # Close our copy of the child's end, so the child's death reads as EOF here.
        child_end.close()
        self._process, self._conn = process, parent_end
        if not parent_end.poll(_START_TIMEOUT_S) or self._read(parent_end) != [_READY]:
            exit_code = self._stop(kill=True)
            raise TemplateError(
                "template.renderer_not_started", "The template renderer could not be started.",
                details=f"renderer process did not report ready ({_exit_reason(exit_code)})",
            )
        return parent_end

    def _await_reply(self, conn: Connection) -> str:
        if not conn.poll(self.timeout_s):
            self._stop(kill=True)
            raise TemplateError(
                "template.render_timeout",
                "The chat template took longer than {seconds:g} s, so it was stopped. It may "
                "be broken or hostile; try another template.",
                details=f"renderer process killed after {self.timeout_s:g} s",
                seconds=self.timeout_s,
            )
        reply = self._read(conn)
        if reply is not None and reply[0] == "ok" and len(reply) == 2:
            return reply[1]
        error = _error_from(reply) if reply is not None and reply[0] == "error" \
            and len(reply) == 5 else None
        if error is not None:
            raise error
        raise self._crashed()

    def _crashed(self) -> TemplateError:
        """Reaps a child that died (or sent nonsense, which only a broken child does)."""
        if self._process is not None:
            # Its pipe closes a moment before it exits: wait, so its own exit status
            # (a segfault, say), not our SIGKILL, is what gets reported.
            self._process.join(_EXIT_GRACE_S)
        exit_code = self._stop(kill=True)
        return TemplateError(
            "template.renderer_crashed",
            "The chat template crashed the renderer, so it was stopped and will be "
            "restarted. It may be broken or hostile (often it used up all memory); try "
            "another template.",
            details=f"renderer process died: {_exit_reason(exit_code)}",
        )

    def _read(self, conn: Connection) -> list[str] | None:
        """The child's next reply, or None when it died or sent something malformed."""
        try:
            raw = conn.recv_bytes(self._max_reply_bytes)
            reply = json.loads(raw)
        except (EOFError, OSError, ValueError):
            return None
        if not reply or not isinstance(reply, list) or not all(isinstance(f, str) for f in reply):
            return None
        return reply

    def _stop(self, *, kill: bool) -> int | None:
        """Ends the child (politely unless kill) and reaps it; returns its exit code."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is None:
            return None
        if not kill and conn is not None and process.is_alive():
            with contextlib.suppress(OSError, ValueError):  # already gone: joined below
                conn.send(_SHUTDOWN)
            process.join(_EXIT_GRACE_S)
        if process.is_alive():
            process.kill()
        process.join()
        if conn is not None:
            conn.close()
        exit_code = process.exitcode
        process.close()
        return exit_code
