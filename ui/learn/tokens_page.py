"""Lesson 1, what a token is: the learner's own text cut into the model's tokens (chips
with their ids), the counts, and the same sentence in English and Portuguese to show
that a tokenizer favours the language it learned from (``core.learn.tokens``)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.engine import LessonSetup
from core.learn.tokens import Cut, TokensResult, run_tokens, sample_text
from ui.format import decimal, language, number
from ui.learn.page import LessonCall, LessonPage
from ui.learn.token_chips import Chip, TokenChips
from ui.theme import tint


class TokensPage(LessonPage):
    """What a token is (see the module docstring)."""

    lesson = LessonId.TOKENS

    def title(self) -> str:
        return self.tr("What a token is")

    def intro(self) -> str:
        return self.tr(
            "A language model never sees letters or words. Its <b>tokenizer</b> cuts text "
            "into <b>tokens</b>: common words stay whole, rarer ones are cut into pieces, "
            "and most pieces carry the space in front of them. Each token is a number, "
            "its <b>id</b> in the model's vocabulary: the model reads and writes these "
            "numbers only. Below, your text is cut by the model you chat with, exactly as "
            "it reads it, with no chat template around it.")

    def build(self, body: QVBoxLayout) -> None:
        body.addWidget(QLabel(self.tr("Your text:")))
        row = QHBoxLayout()
        self.editor = QPlainTextEdit(sample_text(language()))
        self.editor.setObjectName("tokensText")
        self.editor.setAccessibleName(self.tr("Text to cut into tokens"))
        self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * 4 + 12)
        row.addWidget(self.editor, 1)
        cut = QPushButton(self.tr("Cut into tokens"))
        cut.setObjectName("tokensCut")
        cut.setToolTip(self.tr("Cut the text above into the model's tokens"))
        cut.clicked.connect(self.run)
        row.addWidget(cut)
        body.addLayout(row)

        self.counts = QLabel()
        self.counts.setObjectName("tokensCounts")
        self.counts.setWordWrap(True)
        body.addWidget(self.counts)
        self.chips = TokenChips()
        self.chips.setObjectName("tokensChips")
        body.addWidget(self.chips)
        self.legend = QLabel()
        self.legend.setObjectName("tokensLegend")
        self.legend.setWordWrap(True)
        tint(self.legend, "muted")
        body.addWidget(self.legend)

        heading = QLabel(self.tr("<b>The same sentence in two languages</b>"))
        body.addWidget(heading)
        self.languages = QGridLayout()
        self.languages.setColumnStretch(1, 1)
        body.addLayout(self.languages)
        self.language_rows: list[tuple[QLabel, QLabel, QLabel]] = []
        for row_number in range(2):
            cells = (QLabel(), QLabel(), QLabel())
            cells[1].setWordWrap(True)
            for column, cell in enumerate(cells):
                self.languages.addWidget(cell, row_number, column)
            self.language_rows.append(cells)
        self.lesson_point = QLabel()
        self.lesson_point.setObjectName("tokensPoint")
        self.lesson_point.setWordWrap(True)
        body.addWidget(self.lesson_point)

    def text(self) -> str:
        return self.editor.toPlainText()

    def call(self) -> LessonCall:
        text = self.text()

        def work(setup: LessonSetup) -> TokensResult:
            return run_tokens(setup, text)
        return work

    def show_result(self, result: Any) -> None:
        assert isinstance(result, TokensResult)
        cut = result.cut
        self.counts.setText(self.tr(
            "<b>%1</b> characters, <b>%2</b> tokens: <b>%3</b> characters per token.")
            .replace("%1", number(cut.characters))
            .replace("%2", number(len(cut.text_tokens)))
            .replace("%3", decimal(cut.chars_per_token)))
        self.chips.set_chips([self._chip(t.piece, t.id, t.special) for t in cut.tokens])
        legend = self.tr("Each chip is one token, its id under it; the colours alternate so "
                         "you can see where one token ends and the next begins. A space is "
                         "drawn as ·, a line break as ↵.")
        if cut.added:
            legend += " " + self.tr(
                "The first chip, %1, is not from your text: it is the model's start "
                "token, which the engine puts in front of every text for this model. It "
                "is not counted above.").replace("%1", html.escape(cut.added[0].piece, quote=False))
        else:
            legend += " " + self.tr(
                "This model adds no start token in front of a text, so every chip is a "
                "piece of your text.")
        self.legend.setText(legend)
        self._show_languages(result)

    def _chip(self, piece: str, token_id: int, special: bool) -> Chip:
        tip = (self.tr("A special token: %1 (id %2)") if special
               else self.tr("Token %2: “%1”"))
        # An id names a token: written as a plain number, never with separators.
        return Chip(piece, str(token_id),
                    tip.replace("%1", piece).replace("%2", str(token_id)), special)

    def _show_languages(self, result: TokensResult) -> None:
        names = {"en": self.tr("English"), "pt_BR": self.tr("Portuguese")}
        counts: dict[str, Cut] = dict(result.samples)
        for cells, (code, cut) in zip(self.language_rows, result.samples, strict=False):
            cells[0].setText(f"<b>{names.get(code, code)}</b>")
            cells[1].setText(html.escape(cut.text, quote=False))
            cells[2].setText(self.tr("%1 tokens (%2 characters per token)")
                             .replace("%1", number(len(cut.text_tokens)))
                             .replace("%2", decimal(cut.chars_per_token)))
        english, portuguese = counts.get("en"), counts.get("pt_BR")
        if english is None or portuguese is None:
            return
        if len(portuguese.text_tokens) > len(english.text_tokens):
            point = self.tr(
                "The same sentence takes %1 tokens in Portuguese and %2 in English. A "
                "tokenizer learns its pieces from the text it was trained on, most often "
                "mainly English, so English words are often one token each, while "
                "Portuguese words, accents above all, are cut into more and smaller "
                "pieces. More tokens means a slower reply and less room in the model's "
                "context.")
        else:
            point = self.tr(
                "The same sentence takes %1 tokens in Portuguese and %2 in English: this "
                "model's tokenizer learned its pieces from many languages, so Portuguese "
                "costs it no more than English. A tokenizer trained mostly on English cuts "
                "Portuguese into more and smaller pieces.")
        self.lesson_point.setText(point.replace("%1", number(len(portuguese.text_tokens)))
                                  .replace("%2", number(len(english.text_tokens))))

    def try_it(self) -> TryIt:
        return TryIt(TryTarget.PROMPT_INSPECTOR, draft=self.text())
