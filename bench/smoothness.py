"""Smoothness of the real chat view under a fast stream, and with a long conversation.

A synthetic source stands in for the engine: a thread calls ``EngineBridge._on_event``
with ``TokenBatch`` events every 10 ms, as the engine client's reader thread does, so
the bridge's buffering and per-frame draining are the real ones.  A 1 ms timer on the
GUI thread records every gap between its ticks: a gap is time the event loop could not
run (a stall the user would see as a frozen window).

The view does large changes (a finished reply's Markdown, a long conversation opened)
over several event-loop turns: their stalls are watched until the view says the
document is complete (``ChatView.is_settled``), and that time is reported too.

    .venv/bin/python -m bench.smoothness [--tokens 20000] [--rate 2000]
    .venv/bin/python -m bench.smoothness --code-blocks 20   # only that row

The code-blocks row streams a reply of 20 fenced code blocks in as many languages
(highlighted with Pygments when it ends, each drawn as a framed block) with prose
between them, one with a line far wider than the view.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ui.paint_threads import paint_on_gui_thread

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from core.conversation.session import ChatMessage
from core.conversation.types import Role
from core.engine.protocol import TokenBatch
from ui.chat_view import ChatView
from ui.engine_bridge import EngineBridge

_BLOCKS = (
    "## Part {n}\n\nThe keeper climbed the **stairs** at dusk, counting each of the "
    "hundred and twelve steps, and lit the lamp with `matches` kept dry in a tin.\n\n",
    "```python\ndef beam_{n}(lamp: Lamp) -> float:\n    for step in range({n}):\n"
    "        lamp.turn(step * 0.5)\n    return lamp.brightness\n```\n\n",
    "| night | ships | weather |\n|---|---|---|\n| {n} | 3 | fog |\n| {m} | 1 | clear |\n\n",
    "- a list item about the tide, number {n}\n- another about *the gulls*\n\n",
)


#: Code in the languages replies use most, for the code-blocks row.
_CODE = (
    ("python", "def tide(height: float, hour: int) -> float:\n    \"\"\"Water at {n}.\"\"\"\n"
               "    for step in range(hour):\n        height += 0.5 * step  # rising\n"
               "    return round(height, 2)\n"),
    ("javascript", "export function beam(lamp, n = {n}) {{\n  const turns = [];\n"
                   "  for (let i = 0; i < n; i++) turns.push(lamp.turn(i * 0.5));\n"
                   "  return turns.filter(Boolean).length;\n}}\n"),
    ("bash", "#!/usr/bin/env bash\nset -euo pipefail\nfor night in $(seq 1 {n}); do\n"
             "  echo \"night $night\" >> log.txt\ndone\n"),
    ("rust", "fn keeper(steps: u32) -> Result<u32, String> {{\n    let total: u32 = "
             "(1..=steps).sum();\n    if total > {n} {{ Ok(total) }} else "
             "{{ Err(\"short\".into()) }}\n}}\n"),
    ("json", "{{\n  \"night\": {n},\n  \"ships\": [\"Aurora\", \"Gull\"],\n"
             "  \"weather\": {{\"fog\": true, \"wind\": 12.5}}\n}}\n"),
    ("sql", "SELECT night, COUNT(*) AS ships\nFROM passages\nWHERE night > {n}\n"
            "GROUP BY night\nORDER BY ships DESC;\n"),
    ("", "log line {n}: " + "the lamp turned, " * 30 + "and the ships passed.\n"),
)


def code_block_tokens(n_blocks: int = 20) -> list[str]:
    """Token-sized pieces of a reply of ``n_blocks`` fenced code blocks (in turn
    Python, JavaScript, Bash, Rust, JSON, SQL and an unlabelled log with a very long
    line) with a sentence of prose before each."""
    parts = []
    for n in range(n_blocks):
        language, code = _CODE[n % len(_CODE)]
        parts.append(f"Step {n}: the keeper writes it down as {language or 'a log'}.\n\n"
                     f"```{language}\n{code.format(n=n)}```\n\n")
    return re.findall(r"\s*\S{1,4}|\s+", "".join(parts))


def markdown_tokens(n_tokens: int) -> list[str]:
    """About token-sized pieces (a word or part of one, with its leading space) of a
    Markdown reply with headings, code blocks, tables and lists."""
    pieces: list[str] = []
    n = 0
    while len(pieces) < n_tokens:
        block = _BLOCKS[n % len(_BLOCKS)].format(n=n, m=n + 1)
        pieces.extend(re.findall(r"\s*\S{1,4}|\s+", block))
        n += 1
    return pieces[:n_tokens]


class GapMonitor:
    """Ticks every millisecond on the GUI thread and keeps the gaps between ticks."""

    def __init__(self) -> None:
        self.gaps_ms: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._last = 0

    def start(self) -> None:
        self.gaps_ms.clear()
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed()
        self.gaps_ms.append((now - self._last) / 1e6)
        self._last = now

    def worst(self) -> float:
        return max(self.gaps_ms, default=0.0)

    def p99(self) -> float:
        ordered = sorted(self.gaps_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0


@dataclass
class StreamResult:
    tokens: int
    seconds: float
    worst_ms: float
    p99_ms: float
    text_exact: bool
    updates: int
    #: The reply's end, replaced by its Markdown rendering: the worst stall meanwhile...
    finish_ms: float
    #: ...and the time until the rendering was complete.
    finish_total_ms: float


@dataclass
class HistoryResult:
    messages: int
    #: The ``show_messages`` call itself.
    open_ms: float
    #: The worst stall from the call until every message was in the document...
    open_worst_ms: float
    scroll_steps: int
    scroll_worst_ms: float
    #: ...and that time.
    open_total_ms: float = 0.0
    #: Whether the document then held all the messages.
    complete: bool = False


def _run_until(app: QApplication, done: threading.Event | Callable[[], bool] | None,
               seconds: float) -> None:
    """Spin a real event loop until ``done`` is set or true (or for ``seconds``)."""
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    check = QTimer()
    check.setInterval(5)

    def finished() -> bool:
        if done is None:
            return False
        return done.is_set() if isinstance(done, threading.Event) else done()

    def poll() -> None:
        if finished() or time.monotonic() >= deadline:
            loop.quit()

    check.timeout.connect(poll)
    check.start()
    loop.exec()
    check.stop()


def stream(n_tokens: int = 20_000, rate: float = 2000.0,
           pieces: list[str] | None = None) -> StreamResult:
    """Stream ``pieces`` (``n_tokens`` of mixed Markdown by default) into a fresh view at
    ``rate`` tokens a second, then finish the reply."""
    paint_on_gui_thread()  # as the app does (ui.paint_threads)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    view = ChatView()
    view.resize(900, 700)
    view.show()
    bridge = EngineBridge()
    bridge.tokens.connect(lambda _rid, text, *_: view.append_reply(text))
    if pieces is None:
        pieces = markdown_tokens(n_tokens)
    source = "".join(pieces)
    view.begin_reply(0)
    live_start = view.rendering.live_start or 0
    done = threading.Event()

    def produce() -> None:
        # 10 ms batches, as the engine sends them, on an absolute schedule.
        per_batch = max(1, int(rate / 100))
        started = time.perf_counter()
        for i in range(0, len(pieces), per_batch):
            due = started + (i / rate)
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            chunk = pieces[i:i + per_batch]
            bridge._on_event(TokenBatch(1, "".join(chunk), tuple(range(len(chunk)))))
        done.set()

    monitor = GapMonitor()
    monitor.start()
    producer = threading.Thread(target=produce, daemon=True)
    started = time.perf_counter()
    producer.start()
    _run_until(app, done, 600)
    _run_until(app, None, 0.2)  # the last frame's drain
    seconds = time.perf_counter() - started
    monitor.stop()
    worst, p99 = monitor.worst(), monitor.p99()
    cursor = QTextCursor(view.document())
    cursor.setPosition(live_start)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    shown = cursor.selectedText().replace("\u2029", "\n")
    exact = view.live_text == source and shown == source
    # The reply's end: replaced by its Markdown rendering, on the GUI thread, from the
    # event loop as the bridge's signal would; watched until the rendering is complete
    # and painted.
    monitor.start()
    finished: list[float] = []
    view.settled.connect(lambda: finished.append(time.perf_counter()))

    def finish() -> None:
        finished.append(time.perf_counter())
        view.finish_reply(ChatMessage(Role.ASSISTANT, source))
        if view.is_settled():  # rendered at once
            finished.append(time.perf_counter())

    QTimer.singleShot(0, finish)
    _run_until(app, lambda: len(finished) >= 2, 60)
    finish_total_ms = (finished[-1] - finished[0]) * 1000 if len(finished) >= 2 else 0.0
    _run_until(app, None, 0.1)  # its last paint
    monitor.stop()
    result = StreamResult(len(pieces), seconds, worst, p99, exact, view.live_updates,
                          monitor.worst(), finish_total_ms)
    view.close()
    bridge.engine.close()
    return result


def history(n_messages: int = 500, steps: int = 60) -> HistoryResult:
    paint_on_gui_thread()  # as the app does (ui.paint_threads)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    view = ChatView()
    view.resize(900, 700)
    view.show()
    messages = []
    for i in range(n_messages):
        if i % 2 == 0:
            messages.append(ChatMessage(Role.USER, f"Question {i}: what did the keeper see?"))
        else:
            body = "".join(_BLOCKS[j % len(_BLOCKS)].format(n=i, m=j) for j in range(4))
            messages.append(ChatMessage(Role.ASSISTANT, body))
    monitor = GapMonitor()
    monitor.start()
    took: list[float] = []
    began: list[float] = []
    ended: list[float] = []
    view.settled.connect(lambda: ended.append(time.perf_counter()))

    def open_all() -> None:
        began.append(time.perf_counter())
        view.show_messages(messages)
        took.append((time.perf_counter() - began[0]) * 1000)
        if view.is_settled():  # shown at once
            ended.append(time.perf_counter())

    # Opened from the event loop, as a click would; watched until every message is in
    # the document (and for the half second the old benchmark watched, at least).
    QTimer.singleShot(0, open_all)
    _run_until(app, lambda: bool(ended), 60)
    open_total = (ended[0] - began[0]) * 1000 if ended and began else 0.0
    _run_until(app, None, max(0.1, 0.5 - open_total / 1000))
    open_ms = took[0] if took else 0.0
    monitor.stop()
    open_worst = monitor.worst()
    complete = view.rendering.indices == list(range(n_messages)) and view.plain_text().count(
        "Question ") == n_messages // 2
    bar = view.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    monitor.start()
    step = max(1, bar.maximum() // steps)
    for i in range(steps):
        QTimer.singleShot(16 * i, lambda i=i: bar.setValue(i * step))
    _run_until(app, None, 16 * steps / 1000 + 0.2)
    monitor.stop()
    result = HistoryResult(n_messages, open_ms, open_worst, steps, monitor.worst(),
                           open_total, complete)
    view.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tokens", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=2000.0)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--code-blocks", type=int, default=0, metavar="N",
                        help="only stream a reply of N code blocks")
    args = parser.parse_args(argv)
    if args.code_blocks:
        c = stream(rate=args.rate, pieces=code_block_tokens(args.code_blocks))
        print(f"code blocks: {args.code_blocks} blocks, {c.tokens} tokens in {c.seconds:.1f} s, "
              f"worst gap {c.worst_ms:.1f} ms, p99 {c.p99_ms:.1f} ms, exact {c.text_exact}, "
              f"finish: worst gap {c.finish_ms:.1f} ms, rendered in {c.finish_total_ms:.0f} ms")
        return 0
    s = stream(args.tokens, args.rate)
    print(f"stream: {s.tokens} tokens in {s.seconds:.1f} s, worst gap {s.worst_ms:.1f} ms, "
          f"p99 {s.p99_ms:.1f} ms, exact {s.text_exact}, updates {s.updates}, "
          f"finish: worst gap {s.finish_ms:.1f} ms, rendered in {s.finish_total_ms:.0f} ms")
    h = history(args.messages)
    print(f"history: {h.messages} messages, open: call {h.open_ms:.0f} ms, worst gap "
          f"{h.open_worst_ms:.1f} ms, complete in {h.open_total_ms:.0f} ms ({h.complete}); "
          f"scroll worst gap {h.scroll_worst_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
