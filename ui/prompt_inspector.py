"""What the model actually reads: the exact prompt, its tokens, and their count.

The prompt tab shows the text with special tokens highlighted; the tokens tab shows
the same text cut into tokens with alternating colours, so sub-word boundaries are
visible ("interest" + "ing"), and a table of ids and pieces.

A remote server formats the prompt with its own template, out of Prosa's sight: the
inspector then says so and shows the request Prosa sends (its JSON body), with no
token count or table it could only guess.  Inspecting a reply's prompt also shows
what made that reply: its engine, model, template and seed (``ReplyRecord``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.conversation.records import ReplyRecord
from core.engine.protocol import PromptInspection, PromptToken
from core.errors import Problem
from core.learn.catalog import LessonId
from ui.error_texts import problem_text
from ui.format import number
from ui.learn.help_button import LessonButton, beside
from ui.palette import LIGHT_MARKS, TOKEN_BACKGROUNDS, Marks, marks
from ui.theme import follow_palette, tint


def special_style(mark: Marks) -> str:
    """How a special token looks in the prompt: bold, on its own background."""
    return (f"background:{mark.special_background};color:{mark.special_text};"
            "font-weight:bold;")


#: A special token's style in the light theme.
SPECIAL_STYLE = special_style(LIGHT_MARKS)
#: Token backgrounds (light theme), alternating so a token's end is visible.
ALTERNATE = TOKEN_BACKGROUNDS

AnyIndex = QModelIndex | QPersistentModelIndex


def reason_text(reason: str | Problem) -> str:
    """Why the template was chosen, in the user's language once ``core`` says it as a
    problem (a code and its fields) rather than in English."""
    return reason if isinstance(reason, str) else problem_text(reason)


def visible_whitespace(piece: str) -> str:
    """Spaces and line breaks drawn, so a token of one space is not an empty cell."""
    return piece.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥")


def prompt_html(tokens: tuple[PromptToken, ...], mark: Marks = LIGHT_MARKS) -> str:
    parts = []
    special = special_style(mark)
    for token in tokens:
        text = html.escape(token.piece)
        parts.append(f'<span style="{special}">{text}</span>' if token.special else text)
    return _pre("".join(parts))


def tokens_html(tokens: tuple[PromptToken, ...], mark: Marks = LIGHT_MARKS) -> str:
    parts = []
    special = special_style(mark)
    backgrounds = mark.token_backgrounds
    for i, token in enumerate(tokens):
        style = special if token.special else (f"background:{backgrounds[i % 2]};"
                                               f"color:{mark.text_on_mark};")
        parts.append(f'<span style="{style}">{html.escape(token.piece)}</span>')
    return _pre("".join(parts))


def _pre(body: str) -> str:
    return f'<pre style="white-space:pre-wrap;">{body}</pre>'


class TokenTable(QAbstractTableModel):
    def __init__(self, tokens: tuple[PromptToken, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tokens = tokens
        self._marks = LIGHT_MARKS
        self._headers = (self.tr("#"), self.tr("Id"), self.tr("Piece"))

    def set_marks(self, mark: Marks) -> None:
        """Draw the rows in ``mark``'s colours (a theme change)."""
        self._marks = mark
        if self._tokens:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._tokens) - 1, 2))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tokens)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        token = self._tokens[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(index.row()), str(token.id), visible_whitespace(token.piece))[
                index.column()]
        mark = self._marks
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(mark.special_background if token.special
                          else mark.token_backgrounds[index.row() % 2])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(mark.special_text if token.special else mark.text_on_mark)
        if role == Qt.ItemDataRole.FontRole and token.special:
            font = QFont()
            font.setBold(True)
            return font
        return None


def record_text(record: ReplyRecord) -> str:
    """What made a reply, in the user's language (two lines)."""
    translate = QCoreApplication.translate
    unknown = translate("PromptInspector", "not recorded")
    templates = {
        "model": translate("PromptInspector", "the model's own"),
        "model-variant": translate("PromptInspector", "the model's tool-use variant"),
        "override": translate("PromptInspector", "your override"),
        "fallback": translate("PromptInspector", "built-in"),
        "server": translate("PromptInspector", "the server's own"),
    }
    template = templates.get(record.template_source, record.template_source) or unknown
    seed = str(record.seed) if record.seed is not None else unknown
    made_by = translate("PromptInspector", "This reply was made by: %1")
    facts = translate("PromptInspector", "Model: %1 · template: %2 · seed: %3")
    return (made_by.replace("%1", record.engine or unknown) + "\n"
            + facts.replace("%1", record.model_file or unknown).replace("%2", template)
            .replace("%3", seed))


class PromptInspector(QDialog):
    def __init__(self, inspection: PromptInspection, parent: QWidget | None = None, *,
                 remote: bool = False, record: ReplyRecord | None = None,
                 template: str = "") -> None:
        """``template``: which template made the prompt, in the user's language (the
        status bar's words); the inspection's own label is the engine's English."""
        super().__init__(parent)
        self.setObjectName("promptInspector")
        self.setWindowTitle(self.tr("Prompt inspector"))
        self.inspection = inspection
        #: A remote server formats the prompt: the request is shown instead.
        self.remote = remote
        count = len(inspection.tokens)
        layout = QVBoxLayout(self)
        if remote:
            mode = self.tr("Formatted by the server: %1").replace(
                "%1", inspection.template_label)
        elif inspection.mode == "chat":
            mode = template or self.tr("Chat template: %1").replace(
                "%1", inspection.template_label)
        else:
            mode = self.tr("Completion mode: the text is continued as written.")
        self.template_label = QLabel(mode)
        self.template_label.setObjectName("inspectorTemplate")
        why = reason_text(inspection.template_reason)
        self.template_label.setToolTip(why)
        self.template_label.setWordWrap(True)
        layout.addWidget(beside(self.template_label, LessonId.TEMPLATES,
                                self.tr("Lesson: chat templates and roles")))
        if remote:
            why = self.tr("The server formats this conversation with its own chat "
                          "template; this is the request Prosa sends. The exact prompt "
                          "and its tokens stay on the server.")
        reason = QLabel(why)
        reason.setObjectName("inspectorReason")
        reason.setWordWrap(True)
        tint(reason, "warning" if remote else "muted")
        layout.addWidget(reason)
        self.record_label = QLabel(record_text(record) if record is not None else "")
        self.record_label.setObjectName("inspectorRecord")
        self.record_label.setWordWrap(True)
        self.record_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_label.setVisible(record is not None)
        layout.addWidget(self.record_label)
        self.count_label = QLabel(self.tr("%1 tokens of a %2-token context")
                                  .replace("%1", number(count))
                                  .replace("%2", number(inspection.n_ctx)))
        self.count_label.setObjectName("inspectorCount")
        meter = QProgressBar()
        meter.setRange(0, max(1, inspection.n_ctx))
        meter.setValue(min(count, inspection.n_ctx))
        meter.setTextVisible(False)
        meter.setMaximumHeight(8)
        if not remote:  # the server counts its own tokens, after the reply
            layout.addWidget(self.count_label)
            layout.addWidget(meter)
        if inspection.defused:
            warning = QLabel(self.tr("A message contains text that looks like special tokens. "
                                     "It was read as plain text, so it cannot act as a "
                                     "turn marker."))
            warning.setWordWrap(True)
            tint(warning, "warning")
            layout.addWidget(warning)

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.prompt_view = QTextBrowser()
        self.prompt_view.setObjectName("inspectorPrompt")
        self.prompt_view.setFont(mono)
        self.prompt_view.setAccessibleName(self.tr("The prompt as the model reads it"))
        self.tokens_view = QTextBrowser()
        self.tokens_view.setObjectName("inspectorTokens")
        self.tokens_view.setFont(mono)
        self.tokens_view.setAccessibleName(self.tr("The prompt cut into tokens"))
        self.table = QTableView()
        self.table.setObjectName("inspectorTable")
        self.token_table = TokenTable(inspection.tokens, self.table)
        self.table.setModel(self.token_table)
        self.table.setAccessibleName(self.tr("Token ids"))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setFont(mono)
        self.tabs = QTabWidget()
        if remote:
            self.prompt_view.setAccessibleName(self.tr("The request Prosa sends"))
            self.tabs.addTab(self.prompt_view, self.tr("Request"))
        else:
            self.tabs.addTab(self.prompt_view, self.tr("Prompt"))
            self.tabs.addTab(self.tokens_view, self.tr("Tokens"))
            self.tabs.addTab(self.table, self.tr("Token ids"))
        self.tabs.setCornerWidget(LessonButton(LessonId.TOKENS,
                                               self.tr("Lesson: what a token is")))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(
            self.tr("Close the inspector"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)
        # The marks carry their colours: drawn again in a new theme's.
        follow_palette(self, self._show_marks)

    def _show_marks(self) -> None:
        if self.remote:
            self.prompt_view.setPlainText(self.inspection.text)
            return
        mark = marks(self.palette())
        self.prompt_view.setHtml(prompt_html(self.inspection.tokens, mark))
        self.tokens_view.setHtml(tokens_html(self.inspection.tokens, mark))
        self.token_table.set_marks(mark)

    def plain_prompt(self) -> str:
        return self.inspection.text
