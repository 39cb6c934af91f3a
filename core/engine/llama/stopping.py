"""Stop strings in a token stream.

The reply streams to the screen as it is generated, so text that might be the start of
a stop string is held back until it is clear either way; otherwise "User:" would flash
on screen and then vanish when the stop string completes.
"""

from __future__ import annotations

from collections.abc import Sequence


class StopMatcher:
    def __init__(self, stops: Sequence[str]) -> None:
        self._stops = tuple(s for s in stops if s)
        self._held = ""
        self.stopped = False

    def feed(self, text: str) -> str:
        """Take new reply text; return what is safe to show now."""
        if self.stopped:
            return ""
        buffer = self._held + text
        if not self._stops:
            self._held = ""
            return buffer
        cut = _earliest_stop(buffer, self._stops)
        # A longer stop string may begin before a complete shorter one and still be
        # completing ("e:a" while ":" is already there): wait until that is decided.
        partial = len(buffer) - _longest_partial_suffix(buffer, self._stops)
        if cut is not None and partial >= cut:
            self.stopped = True
            self._held = ""
            return buffer[:cut]
        self._held = buffer[partial:]
        return buffer[:partial]

    def flush(self) -> str:
        """The held-back text, once the stream ended (cut at a stop string it holds)."""
        held, self._held = self._held, ""
        if self.stopped:
            return ""
        cut = _earliest_stop(held, self._stops)
        if cut is not None:
            self.stopped = True
            return held[:cut]
        return held


def _earliest_stop(buffer: str, stops: Sequence[str]) -> int | None:
    positions = [i for i in (buffer.find(s) for s in stops) if i >= 0]
    return min(positions) if positions else None


def _longest_partial_suffix(buffer: str, stops: Sequence[str]) -> int:
    """Length of the longest tail of ``buffer`` that starts some stop string."""
    best = 0
    for stop in stops:
        for size in range(min(len(stop) - 1, len(buffer)), best, -1):
            if stop.startswith(buffer[-size:]):
                best = size
                break
    return best
