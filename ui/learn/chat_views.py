"""Views the chat lessons share: a conversation with role badges, the exact prompt with
the template's markers apart from the messages' words, tokens as chips with their ids,
and a bar of the context a conversation fills.

Each view keeps what it shows and draws it again when the palette changes
(:func:`ui.theme.follow_palette`): the colours are the prompt inspector's marks
(:func:`ui.palette.marks`), chosen for contrast in the light and the dark theme alike.
Texts a learner reads go through ``self.tr`` of the view that shows them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from core.conversation.types import Message, Role
from core.learn.templates_lesson import TextRun
from ui.format import number
from ui.palette import Marks, marks, roles
from ui.prompt_inspector import special_style
from ui.theme import follow_palette


def mono_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def badge_colours(role: str, mark: Marks) -> tuple[str, str]:
    """A role's badge: (background, text), readable in both themes."""
    if role == Role.SYSTEM:
        return mark.special_background, mark.special_text
    if role == Role.USER:
        return mark.token_backgrounds[0], mark.text_on_mark
    if role == Role.ASSISTANT:
        return mark.token_backgrounds[1], mark.text_on_mark
    return mark.search_background, mark.text_on_mark


class RichView(QLabel):
    """A selectable, wrapping rich-text label that renders itself again on a theme
    change (subclasses say what in :meth:`html_for`)."""

    def __init__(self, parent: QWidget | None = None, *, mono: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if mono:
            self.setFont(mono_font())
        follow_palette(self, self.refresh)

    def refresh(self) -> None:
        self.setText(self.html_for(marks(self.palette())))

    def html_for(self, mark: Marks) -> str:
        return ""


class MessageList(RichView):
    """A conversation as messages: each with its role's badge, optionally its token
    count, and struck through and dimmed when the model no longer reads it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.messages: tuple[Message, ...] = ()
        self.counts: tuple[int, ...] = ()
        self.dropped: frozenset[int] = frozenset()
        self.explain = False
        self.numbered = False
        super().__init__(parent)
        self.setObjectName("lessonMessages")

    def show_messages(self, messages: Sequence[Message], *, counts: Sequence[int] = (),
                      dropped: Sequence[int] = (), explain: bool = False,
                      numbered: bool = False) -> None:
        """``counts``: tokens per message; ``dropped``: indices left out; ``explain``:
        a line under each role's first badge saying what the role is for;
        ``numbered``: each message's index before it (0: the first)."""
        self.messages, self.counts = tuple(messages), tuple(counts)
        self.dropped, self.explain = frozenset(dropped), explain
        self.numbered = numbered
        self.refresh()

    def role_name(self, role: str) -> str:
        names = {Role.SYSTEM: self.tr("system"), Role.USER: self.tr("user"),
                 Role.ASSISTANT: self.tr("assistant"), Role.TOOL: self.tr("tool")}
        return names.get(Role(role), role) if role in set(Role) else role

    def role_meaning(self, role: str) -> str:
        meanings = {
            Role.SYSTEM: self.tr("the instructions: who the assistant is and how it "
                                 "answers; the user does not see them in the chat"),
            Role.USER: self.tr("what the person types"),
            Role.ASSISTANT: self.tr("what the model wrote (earlier replies are read "
                                    "again with every new message)"),
            Role.TOOL: self.tr("a tool's result, given back to the model"),
        }
        return meanings.get(Role(role), "") if role in set(Role) else ""

    def html_for(self, mark: Marks) -> str:
        muted = roles(self.palette()).muted
        rows = []
        explained: set[str] = set()
        for index, message in enumerate(self.messages):
            role = str(message.get("role", ""))
            background, text = badge_colours(role, mark)
            badge = (f'<span style="background:{background};color:{text};'
                     f'font-weight:bold;">&nbsp;{html.escape(self.role_name(role))}&nbsp;</span>')
            content = html.escape(str(message.get("content", "")))
            if index in self.dropped:
                content = f'<s style="color:{muted};">{content}</s>'
            extra = ""
            if index < len(self.counts):
                count = self.counts[index]
                label = (self.tr("1 token") if count == 1
                         else self.tr("%1 tokens").replace("%1", number(count)))
                extra = f' <span style="color:{muted};">· {label}</span>'
            if index in self.dropped:
                extra += f' <span style="color:{muted};">· {self.tr("left out")}</span>'
            line = f"{badge} {content}{extra}"
            if self.numbered:
                line = f'<span style="color:{muted};">{index}</span> {line}'

            if self.explain and role not in explained:
                explained.add(role)
                line += (f'<br><span style="color:{muted};font-size:small;">'
                         f'{html.escape(self.role_meaning(role))}</span>')
            rows.append(f'<p style="margin:2px 0 6px 0;">{line}</p>')
        return "".join(rows)


class PromptView(RichView):
    """The exact text the model reads: the template's scaffolding marked (its line
    breaks drawn as ↵), the messages' words as they are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.runs: tuple[TextRun, ...] = ()
        self.highlight: tuple[int, int] | None = None
        super().__init__(parent, mono=True)
        self.setObjectName("lessonPrompt")

    def show_runs(self, runs: Sequence[TextRun]) -> None:
        self.runs, self.highlight = tuple(runs), None
        self.refresh()

    def show_text(self, text: str, highlight: tuple[int, int] | None = None) -> None:
        """Plain text, with the span ``highlight`` marked (the tools in a prompt)."""
        self.runs, self.highlight = (TextRun(text, False),), highlight
        self.refresh()

    @property
    def plain_text(self) -> str:
        return "".join(run.text for run in self.runs)

    def html_for(self, mark: Marks) -> str:
        special = special_style(mark)
        parts = []
        if self.highlight is not None:
            text = self.plain_text
            start, end = self.highlight
            style = f"background:{mark.search_background};color:{mark.text_on_mark};"
            parts = [html.escape(text[:start]),
                     f'<span style="{style}">{html.escape(text[start:end])}</span>',
                     html.escape(text[end:])]
        else:
            for run in self.runs:
                text = html.escape(run.text)
                if run.template:
                    text = text.replace("\n", "↵\n")
                    parts.append(f'<span style="{special}">{text}</span>')
                else:
                    parts.append(text)
        body = "".join(parts).replace("\n", "<br>")
        return f'<div style="white-space:pre-wrap;">{body}</div>'


class ContextBar(QWidget):
    """The context as a bar: one block per message the model reads (its tokens and its
    share of the template, coloured by role), the room kept for the reply hatched at
    the end, and a line where the prompt's budget ends.  What does not fit runs past
    the line, underlined in the error colour.  Messages left out are not drawn: the
    model does not read them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonContextBar")
        self.setMinimumHeight(30)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.blocks: tuple[tuple[str, int], ...] = ()
        self.n_ctx = 1
        self.budget = 1
        self.total = 0
        self.scale = 1

    def sizeHint(self) -> QSize:
        return QSize(400, 30)

    def show_fill(self, messages: Sequence[Message], sizes: Sequence[int], total: int,
                  budget: int, n_ctx: int, dropped: Sequence[int] = (),
                  scale: int = 0) -> None:
        """``sizes``: each message's own tokens; ``total``: the prompt's tokens once
        ``dropped`` are left out (the template around the messages is the difference,
        shared among them); ``scale``: the tokens the bar's width stands for (at least
        the context)."""
        kept = [i for i in range(min(len(messages), len(sizes))) if i not in set(dropped)]
        overhead = max(0, total - sum(sizes[i] for i in kept)) / max(1, len(kept))
        self.blocks = tuple((str(messages[i].get("role", "")), round(sizes[i] + overhead))
                            for i in kept)
        self.total, self.budget, self.n_ctx = total, budget, max(1, n_ctx)
        self.scale = max(self.n_ctx, total, scale)
        self.setToolTip(self.tr("%1 of %2 tokens").replace("%1", number(total))
                        .replace("%2", number(n_ctx)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        mark = marks(self.palette())
        colours = roles(self.palette())
        height = self.height() - 2
        unit = (self.width() - 2) / self.scale
        frame = self.palette().color(self.foregroundRole())
        painter.setPen(QPen(frame, 1))
        painter.setBrush(self.palette().base())
        painter.drawRect(QRectF(1, 1, unit * self.n_ctx, height))
        room = QRectF(1 + unit * self.budget, 1, unit * (self.n_ctx - self.budget), height)
        painter.fillRect(room, QBrush(QColor(colours.muted), Qt.BrushStyle.BDiagPattern))
        x = 1.0
        for role, size in self.blocks:
            width = unit * size
            painter.fillRect(QRectF(x, 4, max(1.0, width - 1), height - 6),
                             QColor(badge_colours(role, mark)[0]))
            x += width
        if self.total > self.budget:
            over = QRectF(1 + unit * self.budget, height - 3,
                          unit * (self.total - self.budget), 4)
            painter.fillRect(over, QColor(colours.error))
        painter.setPen(QPen(frame, 2))
        line = round(1 + unit * self.budget)
        painter.drawLine(line, 0, line, self.height())
        painter.end()
