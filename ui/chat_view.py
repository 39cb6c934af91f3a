"""The conversation, as a read-only rich-text document.

One ``QTextDocument`` holds every message.  The live reply is only ever appended to at
the end (a cheap insert, whatever the document's length); when it finishes it is
replaced by its Markdown rendering.

This widget is the view's public face (its signals, and what the window calls); the
work is in two modules beside it:

* ``ui.chat_format``: how a message looks (name line, action links, body, note);
* ``ui.chat_rendering``: large changes (a long conversation opened, a long reply's
  Markdown) made a slice per event-loop turn, so the window never freezes for long;
* ``ui.rich``: code blocks, tables, quotes and links in replies, a reply's reasoning
  (``ui.rich.thinking``: live while the model thinks, then folded to one line), tool
  calls as cards (``ui.rich.tool_card``: updated in place as a call waits for approval,
  runs and ends), and the bar of actions over the hovered message.

Links in replies open only after a confirmation (``ui.rich.links``); images in replies
are never fetched (``loadResource``): model output opens nothing on its own.

``is_settled`` says when the document is complete; ``plain_text`` completes it first.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from core.conversation.session import ChatMessage
from core.errors import Problem, ProsaError
from core.tools.choice import OutputConstraint
from core.tools.runs import RunStatus, ToolRun
from ui.chat_format import MessageFormat
from ui.chat_rendering import KEEP, IncrementalRendering, at_bottom, end_cursor, scroll_if
from ui.error_texts import problem_text
from ui.live_append import append_at_end
from ui.palette import roles
from ui.rich import code_blocks, reply, thinking, tool_card
from ui.rich.fences import code_blocks as fenced_blocks
from ui.rich.hover import HoverActions
from ui.rich.links import open_link
from ui.rich.thinking import LiveThinking, Thought
from ui.steady_scroll_bar import SteadyScrollBar

#: The chat zoom's range: steps of one point from the application font's size.
ZOOM_MIN, ZOOM_MAX = -5, 10


class ChatView(QTextBrowser):
    #: The user asked to see the prompt behind the message at this index.
    inspectRequested = Signal(int)
    #: A message action was chosen: action ("edit", "regenerate", "replay", "prev",
    #: "next", "nbest", "delete") and the message's index.  "copy" is done here.
    actionRequested = Signal(str, int)
    #: A token of a coloured reply was clicked: message index, token index.
    tokenClicked = Signal(int, int)
    #: The work left for later event-loop turns (older messages, a reply's rendering)
    #: is done: the document is complete.
    settled = Signal()
    #: The user asked for the technical details of a problem shown (a Problem).
    detailsRequested = Signal(object)
    #: The user answered a tool call waiting for approval: its call id, whether it may
    #: run, and whether later calls of the same tool may run without asking.
    toolApproval = Signal(str, bool, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        # The scroll range grows with every streamed line: repaint the bar only when
        # its handle moves (see ui.steady_scroll_bar).
        self.setVerticalScrollBar(SteadyScrollBar(Qt.Orientation.Vertical, self))
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.setReadOnly(True)
        self._chat_placeholder()
        self.document().setDocumentMargin(14)
        self.message_format = MessageFormat(roles(self.palette()), self.palette())
        self._zoom = 0
        #: The actions over the message under the mouse.
        self.hover_actions = HoverActions(self.viewport())
        self.hover_actions.triggered.connect(self._on_action)
        self.viewport().setMouseTracking(True)
        #: Problems shown with a "Details" link, by the number in the link (shared with
        #: the tool cards).
        self.problems: list[Problem] = self.message_format.problems
        #: The calls answered and not shown as answered yet (a second click on a link
        #: of a card still waiting does nothing).
        self._answered: set[str] = set()
        #: The document's messages, and the work on it left for later turns.
        self.rendering = IncrementalRendering(self, self.message_format)
        self.rendering.settled.connect(self.settled)
        #: Text appended to the live reply so far (what the user sees streaming in).
        self.live_text = ""
        #: Number of times the live reply grew (for tests of batched streaming).
        self.live_updates = 0
        #: The live reply's reasoning while it streams (None: it has none).
        self.live_thinking: LiveThinking | None = None
        #: Number of times the live reasoning grew.
        self.reasoning_updates = 0
        # The header's seconds go on while the model thinks between two batches.
        self._thinking_clock = QTimer(self)
        self._thinking_clock.setInterval(1000)
        self._thinking_clock.timeout.connect(self._tick_thinking)

    @property
    def show_probabilities(self) -> bool:
        """Colour replies by how likely each token was (click a token: alternatives)."""
        return self.message_format.show_probabilities

    @show_probabilities.setter
    def show_probabilities(self, on: bool) -> None:
        self.message_format.show_probabilities = on

    @property
    def turn_chars(self) -> int:
        """About how many characters of content one event-loop turn lays out."""
        return self.rendering.turn_chars

    @turn_chars.setter
    def turn_chars(self, chars: int) -> None:
        self.rendering.turn_chars = chars

    # --- public API ------------------------------------------------------------------

    def add_message(self, message: ChatMessage, index: int) -> None:
        self.rendering.settle_below()
        bottom = at_bottom(self)
        cursor = end_cursor(self.document())
        start = self.message_format.header(cursor, message.role, index, message)
        self.rendering.message_added(start, index)
        self.message_format.content(cursor, message, index)
        scroll_if(self, bottom)

    def show_message(self, message: ChatMessage, index: int) -> None:
        """A stored message, with its note (stopped, interrupted) when it has one."""
        self.add_message(message, index)
        self.message_format.add_note(end_cursor(self.document()), message)

    def begin_reply(self, index: int) -> None:
        self.rendering.settle_below()
        bottom = at_bottom(self)
        cursor = end_cursor(self.document())
        self.rendering.message_added(
            self.message_format.header(cursor, "assistant", index), index)
        self.rendering.live_start = cursor.position()
        self.live_text = ""
        self._drop_thinking()
        scroll_if(self, bottom)

    def append_reasoning(self, text: str, tokens: int) -> None:
        """More of the live reply's reasoning: ``text``, and the reply's reasoning
        ``tokens`` so far (the count the header shows).

        The first piece opens a "Thinking… 12 s, 340 tokens" block where the answer
        will start; it streams at the end of that block (a click on its header folds
        or opens it) until the answer starts, when it folds to one line."""
        if self.rendering.live_start is None or (not text and not tokens):
            return
        bottom = at_bottom(self)
        live = self.live_thinking
        if live is None:
            if self.live_text:
                return  # reasoning after the answer began: the finished message has it
            live = self.live_thinking = LiveThinking(
                self.document(), self.rendering.live_start, self.rendering.indices[-1],
                self.message_format.colours)
            self._thinking_clock.start()
        delta = live.add(text, tokens)
        if not live.thinking:
            self.rendering.live_start += delta
        self.reasoning_updates += 1
        scroll_if(self, bottom)

    def _answer_starts(self) -> None:
        """The model answers after thinking: the reasoning folds and the answer gets a
        block of its own below it."""
        live = self.live_thinking
        if live is None or not live.thinking:
            return
        self._thinking_clock.stop()
        live.answer_started()
        cursor = end_cursor(self.document())
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self.rendering.live_start = cursor.position()

    def _drop_thinking(self) -> None:
        self._thinking_clock.stop()
        self.live_thinking = None

    def _tick_thinking(self) -> None:
        if self.live_thinking is not None and self.live_thinking.thinking:
            self.live_thinking.refresh()

    def toggle_reasoning(self, index: int) -> bool:
        """Fold or open the reasoning of message ``index`` (live or finished): only
        that section is written again.  Whether the message shows reasoning."""
        live, rendering = self.live_thinking, self.rendering
        if live is not None and live.index == index and rendering.live_start is not None:
            delta = live.toggle()
            if not live.thinking:
                rendering.live_start += delta
            return True
        return rendering.toggle_thought(index)

    def reasoning_open(self, index: int) -> bool:
        """Whether message ``index`` shows its reasoning unfolded."""
        live = self.live_thinking
        if live is not None and live.index == index and self.rendering.live_start is not None:
            return live.opened
        shown = self.message_format.thoughts.get(index)
        return shown is not None and shown[0] in self.message_format.opened

    def append_reply(self, text: str) -> None:
        if self.rendering.live_start is None or not text:
            return
        self._answer_starts()
        # Only the lines the new text can change are painted again (ui.live_append).
        append_at_end(self, text, QTextCharFormat(), at_bottom(self))
        if "\n" in text and ("`" in self.live_text[-200:] or "~" in self.live_text[-200:]):
            # A code block opening: its lexer is made ready while it streams in.
            code_blocks.warm_up(self.live_text[-200:] + text)
        self.live_text += text
        self.live_updates += 1

    def finish_reply(self, message: ChatMessage) -> None:
        """Replace the streamed text by its final rendering, with a note if it ended
        early.  What was shown is kept even when the engine died mid-reply.

        A long Markdown reply is rendered over the next event-loop turns (the header's
        actions and the note at once): see ``IncrementalRendering.begin_rendering``."""
        rendering = self.rendering
        if rendering.live_start is None or not rendering.starts:
            return
        self._keep_thought(message, rendering.indices[-1])
        if (message.role == "assistant" and not (self.show_probabilities and message.logprobs)
                and rendering.indices[-1] not in self.message_format.structured
                and self.message_format.cost(message) > self.turn_chars * 4 // 3):
            rendering.begin_rendering(message)
            return
        bottom = at_bottom(self)
        # Redraw the whole message: its header gains the actions (regenerate, the
        # branch switcher) that make sense only once the reply is complete.
        start, index = rendering.starts.pop(), rendering.indices.pop()
        cursor = QTextCursor(self.document())
        # One edit block: removal and Markdown are laid out once, not after each insert
        # (a 20,000-token reply froze the window for 120 ms otherwise).
        cursor.beginEditBlock()
        try:
            cursor.setPosition(max(0, start - 1) if start > 0 else 0)
            above = cursor.blockFormat()
            cursor.movePosition(QTextCursor.MoveOperation.End, KEEP)
            cursor.removeSelectedText()
            if tool_card.is_gap(above):  # the block kept takes the last one's format
                cursor.setBlockFormat(above)
            rendering.live_start = None
            self.show_message(message, index)
        finally:
            cursor.endEditBlock()
        scroll_if(self, bottom)

    def _keep_thought(self, message: ChatMessage, index: int) -> None:
        """The live reasoning ends with the reply: its measured seconds and tokens
        complete a message that lacks them, and it stays open if it was shown open
        (folded otherwise, as finished replies are)."""
        live = self.live_thinking
        if live is None:
            return
        was_open = live.opened
        self._answer_starts()
        self._drop_thinking()
        fold_key = thinking.key(message, index)
        self.message_format.measured[fold_key] = Thought(live.text, live.tokens,
                                                         live.seconds())
        if was_open:
            self.message_format.opened.add(fold_key)

    def _chat_placeholder(self) -> None:
        self.setPlaceholderText(self.tr("Say hello: the model runs on this computer, "
                                        "and nothing you type leaves it."))

    def set_completion(self, on: bool) -> None:
        """Completion mode (a base model): the conversation reads as one text that the
        model continues, its parts named as such rather than as two speakers."""
        self.message_format.completion = on
        if on:
            self.setPlaceholderText(self.tr("Write the beginning of a text below: the model "
                                            "continues it. Everything here is one document."))
        else:
            self._chat_placeholder()

    def show_error(self, text: str, details_href: str = "") -> None:
        """A line of its own at the end, in the error colour; ``text`` is already in
        the user's language (``ui.error_texts.problem_text`` for a problem)."""
        self.rendering.complete_below()
        bottom = at_bottom(self)
        self.message_format.error(end_cursor(self.document()), text, details_href)
        scroll_if(self, bottom)

    def show_problem(self, problem: Problem | ProsaError) -> None:
        """An error from ``core`` as a line of its own, in the user's language, with a
        "Details" link when it has technical details."""
        if isinstance(problem, ProsaError):
            problem = problem.problem
        href = ""
        if problem.all_details:
            self.problems.append(problem)
            href = f"prosa:details/{len(self.problems) - 1}"
        self.show_error(problem_text(problem), href)

    def show_messages(self, messages: list[ChatMessage],
                      structured: Mapping[int, OutputConstraint] | None = None) -> None:
        """Show a conversation, scrolled to the bottom: its last messages at once (a
        screenful or more), the older ones above them over the next event-loop turns
        (``is_settled`` then turns true).  Showing another conversation, or the same
        again, drops what was left of this one.

        ``structured``: the replies made under an output constraint, by index (shown
        as formatted JSON, with whether they match the schema); none when None."""
        self._drop_thinking()
        self.message_format.structured = dict(structured or {})
        self.rendering.show(messages)
        # Inside the edit block the scroll range was not updated yet: scroll once, now.
        scroll_if(self, True)

    def update_tool_run(self, index: int, run: ToolRun) -> bool:
        """Message ``index`` (a tool call) is now ``run``: its card alone is drawn again
        (waiting, running, done ...).  Whether it is a tool call of the conversation
        shown."""
        if run.status is RunStatus.WAITING:
            self._answered.discard(run.call_id)  # asked again: the links work again
        bottom = at_bottom(self)
        updated = self.rendering.update_card(index, run)
        scroll_if(self, bottom)
        return updated

    def tool_run(self, index: int) -> ToolRun | None:
        """The tool call card ``index`` shows (None: not a tool call shown)."""
        shown = self.message_format.cards.get(index)
        return shown[1] if shown is not None else None

    def mark_structured(self, index: int, constraint: OutputConstraint | None) -> None:
        """The reply at ``index`` is (or is not, None) made under ``constraint``: it is
        shown as formatted JSON with whether it matches the schema.  Call it before the
        reply is drawn: after ``begin_reply``, before ``finish_reply`` (a conversation
        opened passes its replies' constraints to ``show_messages``)."""
        if constraint is None:
            self.message_format.structured.pop(index, None)
        else:
            self.message_format.structured[index] = constraint

    def scroll_to_message(self, index: int) -> None:
        """Show the start of message ``index``, even one ``show_messages`` has not
        inserted yet (the conversation is then shown again from it)."""
        self.rendering.reveal(index)
        if index in self.rendering.indices:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.rendering.starts[self.rendering.indices.index(index)])
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def plain_text(self) -> str:
        """The whole conversation's text (completing the document first)."""
        self.settle()
        return self.document().toPlainText()

    def is_settled(self) -> bool:
        """Whether the document is complete: no messages, nor a rendering, left for
        later event-loop turns."""
        return self.rendering.is_settled()

    def settle(self) -> None:
        """Do at once whatever was left for later event-loop turns."""
        self.rendering.settle()

    def message_at(self, position: int) -> int | None:
        """The session index of the message shown at a document position."""
        slot = bisect.bisect_right(self.rendering.starts, position) - 1
        return self.rendering.indices[slot] if slot >= 0 else None

    # --- copying, zoom ------------------------------------------------------------------

    def message_text(self, index: int) -> str | None:
        """A message's text as written (a reply's Markdown source), None if not shown."""
        shown = self.message_format.texts.get(index)
        return shown[1] if shown is not None else None

    def copy_message(self, index: int) -> bool:
        """Put a message's text on the clipboard; whether it was shown."""
        text = self.message_text(index)
        if text is None:
            return False
        QGuiApplication.clipboard().setText(text)
        return True

    def copy_code(self, index: int, number: int) -> bool:
        """Put code block ``number`` of message ``index`` on the clipboard: exactly its
        code, without fences or highlighting (a structured reply's one block: its
        formatted JSON)."""
        structured = self.message_format.structured_texts.get(index)
        if structured is not None:
            if number != 0:
                return False
            QGuiApplication.clipboard().setText(structured)
            return True
        text = self.message_text(index)
        blocks = fenced_blocks(text) if text is not None else []
        if not 0 <= number < len(blocks):
            return False
        QGuiApplication.clipboard().setText(blocks[number].text)
        return True

    def last_reply_text(self) -> str | None:
        """The text of the last complete reply shown (for Edit → Copy last reply)."""
        replies = [index for index, (role, _) in self.message_format.texts.items()
                   if role == "assistant"]
        return self.message_format.texts[max(replies)][1] if replies else None

    def copy_selection_or_last(self) -> bool:
        """Copy the selection, or the last reply when nothing is selected; whether
        anything was copied."""
        if self.textCursor().hasSelection():
            self.copy()
            return True
        text = self.last_reply_text()
        if text is None:
            return False
        QGuiApplication.clipboard().setText(text)
        return True

    def zoom(self) -> int:
        """The chat font's size, in points from the application font's."""
        return self._zoom

    def set_zoom(self, step: int) -> None:
        """The chat font at the application font's size plus ``step`` points (kept
        within ``ZOOM_MIN``..``ZOOM_MAX``); what was on screen stays there."""
        step = max(ZOOM_MIN, min(ZOOM_MAX, step))
        self._zoom = step
        font = QApplication.font()
        base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(max(1.0, base + step))
        bottom = at_bottom(self)
        top = self.cursorForPosition(QPoint(0, 0)).position()
        self.setFont(font)
        self.document().setDefaultFont(font)
        if bottom:
            scroll_if(self, True)
        else:
            block = self.document().findBlock(top)
            rect = self.document().documentLayout().blockBoundingRect(block)
            self.verticalScrollBar().setValue(round(rect.top()))

    # --- events ----------------------------------------------------------------------

    def _on_action(self, action: str, index: int) -> None:
        """An action of a message (hover bar, context menu or link)."""
        if action == "copy":
            self.copy_message(index)
        elif action == "inspect":
            self.inspectRequested.emit(index)
        else:
            self.actionRequested.emit(action, index)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "prosa" and url.path().startswith("details/"):
            number = url.path().partition("/")[2]
            if number.isdigit() and int(number) < len(self.problems):
                self.detailsRequested.emit(self.problems[int(number)])
            return
        if url.scheme() == "prosa" and url.path().startswith("token/"):
            _, message, token = url.path().split("/")
            self.tokenClicked.emit(int(message), int(token))
            return
        if url.scheme() == "prosa" and url.path().startswith("reasoning/"):
            number = url.path().partition("/")[2]
            if number.isdigit():
                self.toggle_reasoning(int(number))
            return
        if url.scheme() == "prosa" and url.path().startswith("copy-code/"):
            _, message, number = url.path().split("/")
            if message.isdigit() and number.isdigit():
                self.copy_code(int(message), int(number))
            return
        if url.scheme() == "prosa":
            action, _, index = url.path().partition("/")
            if index.isdigit() and action in tool_card.ACTIONS:
                self._on_tool_link(action, int(index))
            elif index.isdigit():
                self._on_action(action, int(index))
            return
        # A link in a reply: model output, opened only once the user agrees.
        open_link(self, url)

    def _on_tool_link(self, action: str, index: int) -> None:
        """A card's link: fold or open it, or answer the call waiting."""
        if action == tool_card.FOLD:
            self.rendering.toggle_card(index)
            return
        run = self.tool_run(index)
        if run is None or run.status is not RunStatus.WAITING or run.call_id in self._answered:
            return
        self._answered.add(run.call_id)
        self.toolApproval.emit(run.call_id, action != tool_card.DENY,
                               action == tool_card.ALWAYS)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # Images in replies would be read from disk (or any address) as the reply
        # shows: model output must not make the app open anything.
        if kind == QTextDocument.ResourceType.ImageResource.value:
            if QUrl(name).toString() == thinking.ICON_URL:  # the view's own icons
                return thinking.icon_image(self.message_format.colours.muted,
                                           self.devicePixelRatioF())
            if QUrl(name).toString() == tool_card.ICON_URL:
                return tool_card.icon_image(self.message_format.colours.assistant,
                                            self.devicePixelRatioF())
            return None
        return super().loadResource(kind, name)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self._hover(event.position().toPoint())

    def _hover(self, point: QPoint) -> None:
        """Show the actions of the message under ``point`` (viewport coordinates)."""
        index = self.message_at(self.cursorForPosition(point).position())
        shown = self.message_format.texts.get(index) if index is not None else None
        if index is None or shown is None:
            self.hover_actions.show_for(None, "", QPoint())
            return
        start = self.rendering.starts[self.rendering.indices.index(index)]
        block = self.document().findBlock(start)
        rect = self.document().documentLayout().blockBoundingRect(block)
        top = round(rect.top()) - self.verticalScrollBar().value()
        self.hover_actions.show_for(index, shown[0], QPoint(self.viewport().width() - 8, top))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        index = self.message_at(self.cursorForPosition(event.pos()).position())
        if index is not None:
            menu.addSeparator()
            if index in self.message_format.texts:
                copy = menu.addAction(self.tr("Copy this message"))
                copy.triggered.connect(lambda: self.copy_message(index))
            action = menu.addAction(self.tr("Inspect the prompt of this message…"))
            action.triggered.connect(lambda: self.inspectRequested.emit(index))
            if index in self.message_format.texts:
                delete = menu.addAction(self.tr("Delete this message…"))
                delete.triggered.connect(lambda: self.actionRequested.emit("delete", index))
        menu.exec(event.globalPos())

    def changeEvent(self, event: QEvent) -> None:
        # Messages written from now on take the new palette's colours; code blocks,
        # tables and quotes already shown are drawn again in them (light or dark code).
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "message_format"):
            palette = self.palette()
            self.message_format.colours = roles(palette)
            self.message_format.palette = palette
            code_blocks.rehighlight(self.document(), palette)
            reply.style(self.document(), palette)
            self.document().addResource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(thinking.ICON_URL),
                thinking.icon_image(self.message_format.colours.muted,
                                    self.devicePixelRatioF()))
            self.document().addResource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(tool_card.ICON_URL),
                tool_card.icon_image(self.message_format.colours.assistant,
                                     self.devicePixelRatioF()))
            self.rendering.redraw_cards()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Let Esc reach the window (Stop) even when the conversation has focus.
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)
