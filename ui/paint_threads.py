"""Qt paints on the GUI thread alone, without handing work to its image thread pool.

Qt's raster engine splits a large fill or blend (one that spans more than about 96
lines: the chat's background, a scroll bar's gradient) and a smooth image scale across a
thread pool of its own, and waits for the pool to finish.  With a core to spare that is
a little faster.  While a reply streams on a machine where llama.cpp's threads take
every core, it is the opposite: each paint wakes pool threads that must push one of
llama.cpp's threads off its core, and the window waits for them.  Measured on a 2-core
machine with SmolLM2 streaming (docs/benchmarks.md): with the pool, the window's threads
were switched in 680-1,040 times a second (the pool's own 370-550) and llama.cpp's
second thread waited for its core 1.0-1.2 % of the time; without it, about 50 times a
second and 0.5 %, and a streamed update cost the window 20-23 % less CPU.

Qt reads ``QT_NO_GUI_THREADPOOL`` once, when a paint first asks for its pool: it must be
set before the application paints anything.  Qt turns the pool off whatever the
variable's value, so a value already there is left as it is.
"""

from __future__ import annotations

import os

#: The variable that turns Qt's image thread pool off (any value).
VARIABLE = "QT_NO_GUI_THREADPOOL"


def paint_on_gui_thread() -> None:
    """Turn Qt's image thread pool off for this process (call it before the first
    ``QApplication``)."""
    os.environ.setdefault(VARIABLE, "1")
