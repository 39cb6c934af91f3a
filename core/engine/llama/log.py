"""llama.cpp's log, kept instead of printed.

llama.cpp explains load failures only in its log ("invalid magic", "failed to allocate
buffer"), while the Python exception says just "Failed to load model".  The worker
keeps the last lines so an error can carry the real reason in its details.
"""

from __future__ import annotations

import collections
import ctypes
import sys
from typing import Any

import llama_cpp

_ERROR = 3
_lines: collections.deque[str] = collections.deque(maxlen=80)


@llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
def _on_log(level: int, text: bytes, user_data: Any) -> None:
    line = text.decode("utf-8", errors="replace")
    _lines.append(line)
    if level == _ERROR:
        sys.stderr.write(line)


def capture() -> None:
    """Route llama.cpp's log here (call once per process, before loading a model)."""
    llama_cpp.llama_log_set(_on_log, ctypes.c_void_p(0))


def recent(n: int = 20) -> str:
    return "".join(list(_lines)[-n:]).strip()


def clear() -> None:
    _lines.clear()
