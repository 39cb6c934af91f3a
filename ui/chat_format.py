"""How one message looks in the chat view: its name line, action links, body and note.

Messages are written with ``QTextCursor`` calls rather than built as an HTML string:
an insert at a cursor lays out only what it adds, while ``insertHtml`` of a whole
message would parse and lay out far more (the chat view appends to documents of
thousands of messages, a slice per event-loop turn; see ``ui.chat_rendering``).
Replies are Markdown, rendered by ``ui.rich.reply`` (Qt's Markdown, plus code blocks
drawn as blocks, tables and quotes styled, links made safe) into a scratch document
inserted as one fragment; the user's own text is shown as typed, and a reply coloured
by token probability is the one piece of HTML (``ui.token_view.coloured_reply_html``).
A tool call is a card (``ui.rich.tool_card``); a reply that only called tools says
which, rather than showing an empty body; a reply made under an output constraint is
shown as formatted JSON with whether it matches the schema (``core.tools.structured``).

The texts are translated in the ``ChatView`` context, where they were before this
module was split out of the view, so existing translations keep applying.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)

from core.conversation.session import ChatMessage
from core.conversation.types import MessageStatus, Role
from core.errors import Problem
from core.tools.choice import OutputConstraint
from core.tools.runs import ToolRun
from core.tools.structured import read_reply
from ui.error_texts import problem_text
from ui.format import number
from ui.palette import Roles, marks, roles
from ui.rich import code_blocks, thinking, tool_card
from ui.rich.reply import ReplyWriter, render
from ui.rich.reply import cost as reply_cost
from ui.rich.thinking import Thought
from ui.token_view import coloured_reply_html

#: Why a reply ended early, by its status; a problem, when the reply has one, says
#: more and is shown instead (interrupted or failed replies).
_NOTES: dict[str, str] = {
    MessageStatus.STOPPED: str(QT_TRANSLATE_NOOP("ChatView", "Stopped.")),
    MessageStatus.LENGTH: str(QT_TRANSLATE_NOOP(
        "ChatView", "Reached the maximum reply length.")),
    MessageStatus.CONTEXT: str(QT_TRANSLATE_NOOP("ChatView", "The model's context is full.")),
    MessageStatus.INTERRUPTED: str(QT_TRANSLATE_NOOP(
        "ChatView", "Interrupted: the app or the engine stopped mid-reply.")),
    MessageStatus.ERROR: str(QT_TRANSLATE_NOOP("ChatView", "The reply failed.")),
}
_FAILED = (MessageStatus.ERROR, MessageStatus.INTERRUPTED)


def top_margin() -> QTextBlockFormat:
    """The block format that separates a message from the one above it."""
    block = QTextBlockFormat()
    block.setTopMargin(14)
    return block


def note_text(message: ChatMessage) -> str:
    """Why a reply ended early, in the user's language ("" for a complete one)."""
    if message.status in _FAILED and message.problem is not None:
        return problem_text(message.problem)
    note = _NOTES.get(message.status)
    return QCoreApplication.translate("ChatView", note) if note else ""


class MessageFormat:
    """Writes messages at a cursor, in the view's colours and current options."""

    def __init__(self, colours: Roles | None = None, palette: QPalette | None = None) -> None:
        self.colours = colours or roles(palette)
        #: The palette code blocks, tables and quotes are drawn for.
        self.palette = QPalette(palette) if palette is not None else QGuiApplication.palette()
        #: Each message shown, by index: its role and text (to copy it, or its code).
        self.texts: dict[int, tuple[str, str]] = {}
        #: Colour replies by how likely each token was (click a token: alternatives).
        self.show_probabilities = False
        #: Completion mode: a document the model continues, not a dialogue.
        self.completion = False
        #: The reasoning of each message shown, by index, with its fold state's key.
        self.thoughts: dict[int, tuple[Hashable, Thought]] = {}
        #: The messages whose reasoning is open (``thinking.key``); folded by default.
        #: Kept across conversations shown, so a re-render keeps what the user opened.
        self.opened: set[Hashable] = set()
        #: Seconds and tokens the view measured while a reply thought, for a message
        #: that does not carry them.
        self.measured: dict[Hashable, Thought] = {}
        #: Problems shown with a "Details" link, by the number in the link (the view's
        #: error lines and the tool cards share it).
        self.problems: list[Problem] = []
        #: The tool call of each card shown, by message index, with its fold state's key
        #: (in :attr:`opened` when the card shows everything).
        self.cards: dict[int, tuple[Hashable, ToolRun]] = {}
        #: The replies made under an output constraint, by index: shown as formatted
        #: JSON with a verdict (``structured_body``).
        self.structured: dict[int, OutputConstraint] = {}
        #: A structured reply's formatted JSON, as its Copy link copies it.
        self.structured_texts: dict[int, str] = {}

    def forget(self) -> None:
        """The document was cleared: no message is shown any more."""
        self.texts.clear()
        self.thoughts.clear()
        self.cards.clear()
        self.structured_texts.clear()

    def details_href(self, problem: Problem) -> str:
        """The link to ``problem``'s technical details ("" when it has none)."""
        if not problem.all_details:
            return ""
        if problem not in self.problems:
            self.problems.append(problem)
        return f"prosa:details/{self.problems.index(problem)}"

    def card_writer(self) -> tool_card.CardWriter:
        """Writes tool cards in the current colours."""
        return tool_card.CardWriter(self.colours, self.palette, self.details_href)

    def thought(self, message: ChatMessage, index: int) -> Thought | None:
        """The message's reasoning, completed by what the view measured live."""
        found = thinking.of(message)
        measured = self.measured.get(thinking.key(message, index))
        if measured is None:
            return found
        if found is None:  # a reply finished without its reasoning: what streamed
            return measured if measured.text.strip() else None
        return Thought(found.text,
                       measured.tokens if found.tokens is None else found.tokens,
                       measured.seconds if found.seconds is None else found.seconds)

    def header(self, cursor: QTextCursor, role: str, index: int,
               message: ChatMessage | None = None, first: bool | None = None) -> int:
        """The name line of a message; returns where the message starts.  ``first``
        says whether it opens the document (asked of the cursor's document if None)."""
        if not (cursor.document().isEmpty() if first is None else first):
            cursor.insertBlock(top_margin())
        start = cursor.position()
        self.title(cursor, role, index, message)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        return start

    def title(self, cursor: QTextCursor, role: str, index: int,
              message: ChatMessage | None) -> None:
        """The name line and, for a reply that reasoned, its reasoning (folded unless
        the user opened it)."""
        self.label(cursor, role, index, message)
        if role == Role.TOOL:
            return
        found = self.thought(message, index) if message is not None else None
        if found is None:
            self.thoughts.pop(index, None)
            return
        fold_key = thinking.key(message, index)
        self.thoughts[index] = (fold_key, found)
        thinking.write(cursor, found, index, fold_key in self.opened, self.colours)

    def label(self, cursor: QTextCursor, role: str, index: int,
              message: ChatMessage | None) -> None:
        """The name, and the actions when the message is complete (``message`` given);
        a tool call's name line names the tool and where it runs."""
        if role == Role.TOOL and message is not None and message.tool_run is not None:
            self.card_writer().title(cursor, message.tool_run)
            return
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        user = role == "user"
        fmt.setForeground(QColor(self.colours.user if user else self.colours.assistant))
        if role == Role.TOOL:  # a tool message without its run (an import)
            label = QCoreApplication.translate("ChatView", "Tool")
        elif self.completion:  # parts of one text, not two speakers
            label = (QCoreApplication.translate("ChatView", "Your text") if user
                     else QCoreApplication.translate("ChatView", "Continued by the model"))
        else:
            label = (QCoreApplication.translate("ChatView", "You") if user
                     else QCoreApplication.translate("ChatView", "Assistant"))
        cursor.insertText(label, fmt)
        if message is not None:
            self.actions(cursor, message, index)

    def actions(self, cursor: QTextCursor, message: ChatMessage, index: int) -> None:
        """Small links after the name: the branch switcher and what can be done.  Each
        is a ``prosa:ACTION/INDEX`` anchor; plain asides (counts) have no action."""
        links: list[tuple[str, str]] = []
        position, count = message.siblings
        if count > 1:
            links += [("prev", "‹"), ("", f"{position + 1}/{count}"), ("next", "›")]
        if message.role == "user":
            links.append(("edit", QCoreApplication.translate("ChatView", "edit")))
        elif message.status != "streaming":
            links.append(("regenerate", QCoreApplication.translate("ChatView", "regenerate")))
            if message.record is not None and message.record.sampling is not None:
                links.append(("replay", QCoreApplication.translate("ChatView", "replay")))
        links.append(("inspect", QCoreApplication.translate("ChatView", "prompt")))
        if len(message.candidates) > 1:
            links.append(("nbest", QCoreApplication.translate("ChatView", "%1 candidates")
                          .replace("%1", number(len(message.candidates)))))
        if message.tokens is not None:
            links.append(("", QCoreApplication.translate("ChatView", "%1 tokens")
                          .replace("%1", number(message.tokens))))
        if message.dropped:
            links.append(("", QCoreApplication.translate(
                "ChatView", "(no longer seen by the model)")))
        for action, text in links:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(self.colours.muted))
            if action:
                fmt.setAnchor(True)
                fmt.setAnchorHref(f"prosa:{action}/{index}")
                fmt.setFontUnderline(False)
                fmt.setForeground(QColor(self.colours.link))
            cursor.insertText("   ", QTextCharFormat())
            cursor.insertText(text, fmt)

    def note(self, cursor: QTextCursor, text: str, colour: str,
             block_char: QTextCharFormat | None = None) -> None:
        """An italic line after a message; ``block_char`` is its block's character
        format (a rendering in slices must end as the whole would)."""
        if block_char is None:
            cursor.insertBlock(QTextBlockFormat())
        else:
            cursor.insertBlock(QTextBlockFormat(), block_char)
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        fmt.setForeground(QColor(colour))
        cursor.insertText(text, fmt)

    def note_colour(self, message: ChatMessage) -> str:
        return self.colours.error if message.status in _FAILED else self.colours.muted

    def add_note(self, cursor: QTextCursor, message: ChatMessage,
                 block_char: QTextCharFormat | None = None) -> None:
        """The message's note (stopped, interrupted...) when it has one."""
        text = note_text(message)
        if text:
            self.note(cursor, text, self.note_colour(message), block_char)

    def error(self, cursor: QTextCursor, text: str, details_href: str = "") -> None:
        """An error line of its own, not part of any message; with a "Details" link
        when the problem has technical details (``details_href``)."""
        if not cursor.document().isEmpty():
            cursor.insertBlock(QTextBlockFormat())
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(self.colours.error))
        cursor.insertText("⚠ " + text, fmt)
        if details_href:
            link = QTextCharFormat()
            link.setAnchor(True)
            link.setAnchorHref(details_href)
            link.setForeground(QColor(self.colours.link))
            cursor.insertText("  ", fmt)
            cursor.insertText(QCoreApplication.translate("ChatView", "Details…"), link)

    def content(self, cursor: QTextCursor, message: ChatMessage, index: int) -> None:
        """The body: a reply as Markdown (or token-coloured, or as formatted JSON when
        made under a constraint), a tool call as its card, the user's text as is."""
        self.texts[index] = (str(message.role), message.content)
        if message.role == Role.TOOL and message.tool_run is not None:
            self.card(cursor, message, index)
        elif message.role == "assistant" and self.show_probabilities and message.logprobs:
            cursor.insertHtml(coloured_reply_html(message.content, message.logprobs, index,
                                                  marks(self.palette)))
        elif message.role == "assistant" and index in self.structured:
            self.structured_body(cursor, message, index)
        elif message.role == "assistant" and not message.content and message.tool_calls:
            self.calls_line(cursor, message)
        elif message.role == "assistant":
            cursor.insertFragment(QTextDocumentFragment(self.rendered(message, index)))
        else:
            cursor.insertText(message.content, QTextCharFormat())

    def card(self, cursor: QTextCursor, message: ChatMessage, index: int) -> None:
        """A tool call's card (the name line is written: ``label``)."""
        run = message.tool_run
        assert run is not None
        fold_key = ("tool", thinking.key(message, index))
        self.cards[index] = (fold_key, run)
        self.texts[index] = (str(message.role), run.result)
        self.card_writer().card(cursor, run, index, fold_key in self.opened)

    def calls_line(self, cursor: QTextCursor, message: ChatMessage) -> None:
        """A reply that only called tools: which ones (their cards follow), instead of
        an empty body."""
        names = ", ".join(dict.fromkeys(tool_card.short_name(call.name)
                                        for call in message.tool_calls))
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        fmt.setForeground(QColor(self.colours.muted))
        cursor.insertText(QCoreApplication.translate("ChatView", "Called %1")
                          .replace("%1", names), fmt)

    def structured_body(self, cursor: QTextCursor, message: ChatMessage, index: int) -> None:
        """A reply made under a constraint: formatted JSON in a code block, and whether
        it matches the schema."""
        constraint = self.structured[index]
        reply = read_reply(message.content, constraint.json_schema)
        if reply.is_json:
            self.structured_texts[index] = reply.text
            code_blocks.write(cursor, reply.text, "json", code_blocks.copy_href(index, 0),
                              self.palette)
        else:
            cursor.insertText(message.content, code_blocks.monospace())
            if message.status != MessageStatus.DONE:
                return  # stopped or cut off: the note says why, not a verdict
        if reply.validates is None:
            return  # a grammar: no schema to judge it by
        fmt = QTextCharFormat()
        if reply.validates:
            fmt.setForeground(QColor(self.colours.assistant))
            words = "✓ " + QCoreApplication.translate("ChatView", "Valid against the schema")
        else:
            fmt.setForeground(QColor(self.colours.error))
            words = "✗ " + (QCoreApplication.translate(
                "ChatView", "Does not match the schema: %1") if reply.is_json else
                QCoreApplication.translate("ChatView", "Not JSON: %1")
            ).replace("%1", reply.reason)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor.insertText(words, fmt)

    def rendered(self, message: ChatMessage, index: int) -> QTextDocument:
        """A reply's Markdown rendering, as a scratch document to insert."""
        self.texts[index] = (str(message.role), message.content)
        return render(message.content, index, self.palette)

    def writer(self, message: ChatMessage, index: int) -> ReplyWriter:
        """A reply's Markdown rendering, to write over several event-loop turns."""
        self.texts[index] = (str(message.role), message.content)
        return ReplyWriter(message.content, index, self.palette)

    def write(self, document: QTextDocument, message: ChatMessage, index: int) -> int:
        """A stored message, with its note, written at the end of ``document`` (the
        view's, or a scratch one for messages to insert above); returns where it
        starts."""
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        start = self.header(cursor, message.role, index, message, document.isEmpty())
        self.content(cursor, message, index)
        text = note_text(message)
        if text:
            cursor = QTextCursor(document)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            self.note(cursor, text, self.note_colour(message))
        return start

    def cost(self, message: ChatMessage) -> int:
        """About how much laying the message out costs, in characters."""
        if message.role == Role.TOOL and message.tool_run is not None:
            run = message.tool_run
            return 400 + min(len(run.result), tool_card.FOLDED_CHARS) \
                + min(len(tool_card.arguments_text(run.arguments)), tool_card.FOLDED_CHARS)
        size = (reply_cost(message.content) if message.role == "assistant"
                else len(message.content)) + 80
        found = thinking.of(message) if message.role == "assistant" else None
        if found is not None:
            opened = thinking.key(message, -1) in self.opened
            size += 60 + (len(found.text) if opened else 0)
        return size * 4 if self.show_probabilities and message.logprobs else size
