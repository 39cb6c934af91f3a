"""How often a streaming reply goes to the window: once per frame of the window.

The window draws a streaming reply at most 30 times a second, and at 15 when
llama.cpp's threads take every core (``ui.engine_bridge``): there each millisecond the
window spends is a millisecond taken from the model.  Every batch the engine sends also
costs both processes a wake-up (the pipe's write, the window's reader thread, its GUI
thread), so the engine sends one batch per frame, not more: on a 2-core machine a batch
every 25 ms cost SmolLM2 about 1.5 % of its decode speed against one per frame
(docs/benchmarks.md).

A batch leaves with the token that comes nearest the end of its period (the next
token is expected one step later), a little more often than the window's slowest
frame, so that each of its frames still gets one.
"""

from __future__ import annotations

from core.system import available_cores, default_threads

#: The window's frame when it has a core of its own: smooth to the eye.
FRAME_S = 1 / 30
#: Its frame when llama.cpp's threads take every core: the slowest that still looks
#: smooth.
SHARED_FRAME_S = 1 / 15
#: How often batches leave then: a little more often than that frame.
SHARED_PERIOD_S = 1 / 16


def cores_to_spare(n_threads: int | None) -> bool:
    """More cores than llama.cpp's threads (``None``: the default count): the window
    does not slow the model down."""
    return available_cores() > (n_threads or default_threads())


def batch_period(n_threads: int | None) -> float:
    """How often a reply decoded with ``n_threads`` threads goes to the window."""
    return FRAME_S if cores_to_spare(n_threads) else SHARED_PERIOD_S


def batch_due(since_last: float, step: float, period: float) -> bool:
    """Whether a batch leaves now, ``since_last`` seconds after the last one, with
    tokens ``step`` seconds apart: this token is nearer the end of the ``period`` than
    the next one would be."""
    return since_last + step / 2 >= period
