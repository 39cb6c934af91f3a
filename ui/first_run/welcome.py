"""The empty chat: a welcome, three example prompts, and what to do without a model.

An empty conversation is where every new user starts, so it should say what Prosa is
for and show it: three examples, each revealing something (a clear explanation, a
reply with code blocks, and the token view with the model's own probabilities).  The
examples are written in the user's language, because they are sent to the model.
With no model loaded the page offers the two ways to get one instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.icons import Icon, set_icon, set_pixmap


@dataclass(frozen=True)
class Example:
    """An example prompt: what the card says, what is sent, and whether the reply is
    best seen with token probabilities on."""

    icon: Icon
    title: str
    blurb: str
    prompt: str
    token_view: bool = False



def examples() -> list[Example]:
    """The three examples, in the user's language."""
    return [
        Example(
            Icon.TIP,
            QCoreApplication.translate("Welcome", "Explain an idea"),
            QCoreApplication.translate("Welcome", "A clear answer in plain words"),
            QCoreApplication.translate(
                "Welcome", "Explain how a language model chooses its next word, in three "
                "short paragraphs.")),
        Example(
            Icon.CODE,
            QCoreApplication.translate("Welcome", "Write some code"),
            QCoreApplication.translate(
                "Welcome", "Code blocks with highlighting and a Copy button"),
            QCoreApplication.translate(
                "Welcome", "Write a Python function that checks whether a word is a "
                "palindrome, with two examples of its use.")),
        Example(
            Icon.PROBABILITIES,
            QCoreApplication.translate("Welcome", "See the tokens"),
            QCoreApplication.translate(
                "Welcome", "Each word coloured by how sure the model was; click one to see "
                "the others it weighed"),
            QCoreApplication.translate(
                "Welcome", "Complete the sentence: The capital of Portugal is"),
            token_view=True),
    ]


class ExampleCard(QPushButton):
    """One example as a large, flat button: icon, title and a line of explanation."""

    def __init__(self, example: Example, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.example = example
        self.setObjectName("exampleCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Send: “%1”").replace("%1", example.prompt))
        self.setAccessibleName(example.title)
        self.setAccessibleDescription(example.prompt)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        picture = QLabel()
        set_pixmap(picture, example.icon, self.fontMetrics().height() * 2)
        title = QLabel(example.title)
        title.setWordWrap(True)
        font = title.font()
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        blurb = QLabel(example.blurb)
        blurb.setWordWrap(True)
        for label in (picture, title, blurb):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.addWidget(picture)
        layout.addWidget(title)
        layout.addWidget(blurb, 1)
        height = self.fontMetrics().height()
        layout.setContentsMargins(height, height, height, height)
        self.setMinimumHeight(height * 9)
        self.setStyleSheet(
            "#exampleCard { text-align: left; border: 1px solid palette(mid);"
            " border-radius: 10px; background: palette(base); }"
            " #exampleCard:hover { border-color: palette(highlight); }"
            " #exampleCard:focus { border: 2px solid palette(highlight); }")


class WelcomePage(QWidget):
    """Shown instead of the chat while the conversation is empty."""

    #: An example was chosen: the prompt, and whether to turn the token view on.
    exampleChosen = Signal(str, bool)
    #: With no model: the user wants to open a file, or to find models.
    openModelRequested = Signal()
    findModelsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.heading = QLabel()
        self.heading.setObjectName("welcomeHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("welcomeSubtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.cards = [ExampleCard(example) for example in examples()]
        for card in self.cards:
            card.clicked.connect(
                lambda _checked=False, e=card.example: self.exampleChosen.emit(
                    e.prompt, e.token_view))
        card_row = QHBoxLayout()
        card_row.setSpacing(self.fontMetrics().height())
        for card in self.cards:
            card_row.addWidget(card)
        self.card_box = QWidget()
        self.card_box.setLayout(card_row)
        self.open_button = QPushButton(self.tr("Open GGUF file…"))
        self.open_button.setObjectName("welcomeOpenModel")
        set_icon(self.open_button, Icon.OPEN)
        self.open_button.setToolTip(self.tr("Load a model file from this computer"))
        self.open_button.clicked.connect(self.openModelRequested)
        self.find_button = QPushButton(self.tr("Find models…"))
        self.find_button.setObjectName("welcomeFindModels")
        set_icon(self.find_button, Icon.HUB)
        self.find_button.setToolTip(self.tr("Models recommended for this computer, and "
                                            "search on the Hugging Face Hub"))
        self.find_button.clicked.connect(self.findModelsRequested)
        model_row = QHBoxLayout()
        model_row.addStretch(1)
        model_row.addWidget(self.open_button)
        model_row.addWidget(self.find_button)
        model_row.addStretch(1)
        self.model_box = QWidget()
        self.model_box.setLayout(model_row)
        self.hints = QLabel(self.tr("Ctrl+N a new chat  ·  Ctrl+K search every chat  ·  "
                                    "Ctrl+/ all shortcuts"))
        self.hints.setObjectName("welcomeHints")
        self.hints.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hints.setWordWrap(True)
        column = QFrame()
        column.setObjectName("welcomeColumn")
        column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 52)
        inner = QVBoxLayout(column)
        inner.addWidget(self.heading)
        inner.addWidget(self.subtitle)
        inner.addSpacing(self.fontMetrics().height())
        inner.addWidget(self.card_box)
        inner.addWidget(self.model_box)
        inner.addSpacing(self.fontMetrics().height())
        inner.addWidget(self.hints)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 20)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)
        self.show_model(None)

    def show_model(self, model_name: str | None, completion: bool = False) -> None:
        """Say what can be done now: chat with ``model_name``, or get a model first."""
        if model_name is None:
            self.heading.setText(self.tr("Welcome to Prosa"))
            self.subtitle.setText(self.tr("Chat with language models that run on your own "
                                          "computer. Load a model to begin."))
        elif completion:
            self.heading.setText(self.tr("%1 continues your text").replace("%1", model_name))
            self.subtitle.setText(self.tr("This is a base model: write the beginning of a "
                                          "text and it carries on. Everything stays on this "
                                          "computer."))
        else:
            self.heading.setText(self.tr("Chat with %1").replace("%1", model_name))
            self.subtitle.setText(self.tr("Privately, on this computer. Write a message "
                                          "below, or try one of these:"))
        self.card_box.setVisible(model_name is not None and not completion)
        self.model_box.setVisible(model_name is None)
