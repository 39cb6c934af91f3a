"""A stdio server's stderr, into Prosa's log instead of the terminal.

Servers write their own logs and tracebacks to stderr; a user who starts Prosa from a
menu never sees a terminal, so each line goes to the log file under the logger
``core.tools.mcp.stderr`` with the server's name.  The last lines are also kept, so a
server that crashed can say why in the problem's details.

The SDK takes a file to hand to the child as its stderr, so this is a pipe with a
thread reading it: the thread ends when every process holding the write end has exited.
"""

from __future__ import annotations

import collections
import logging
import os
import threading
from typing import TextIO, cast

log = logging.getLogger(__name__)

#: Lines kept for a crash's details: a traceback's worth.
TAIL_LINES = 40
#: The longest piece of a line logged at once.
MAX_LINE = 4000


class StderrPipe:
    """One server process's stderr: ``writer`` goes to the SDK (the child's stderr),
    the reading thread logs each line."""

    def __init__(self, server: str) -> None:
        self.server = server
        read_fd, write_fd = os.pipe()
        self.writer = cast(TextIO, os.fdopen(write_fd, "w", encoding="utf-8"))
        self._reader = os.fdopen(read_fd, "rb")
        self._tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, name=f"mcp-stderr {server}",
                                        daemon=True)
        self._thread.start()

    def close_writer(self) -> None:
        """Our copy of the write end: once the child has its own, closing ours lets the
        thread see the end when the child exits."""
        if not self.writer.closed:
            self.writer.close()

    @property
    def alive(self) -> bool:
        """Still reading: a process holds the write end."""
        return self._thread.is_alive()

    def tail(self) -> str:
        with self._lock:
            return "\n".join(self._tail)

    def join(self, timeout: float) -> None:
        self.close_writer()
        self._thread.join(timeout)

    def _read(self) -> None:
        with self._reader:
            # A bounded read: a server printing megabytes on one line is logged in
            # pieces, never held whole.
            while raw := self._reader.readline(MAX_LINE):
                line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                with self._lock:
                    self._tail.append(line)
                log.info("[%s] %s", self.server, line)
