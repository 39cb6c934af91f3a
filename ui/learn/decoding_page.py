"""Lesson 3, decoding strategies side by side: one prompt, five replies (greedy, two
temperatures, top-k, beam search), each a card with its settings in words, the reply
shaded by probability, its length, total log-probability and seed, and why it differs
(``core.learn.decoding``).  The learner picks a card for "try it yourself"."""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from core.conversation.types import FinishReason
from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.decoding import (
    FIRST_SEED,
    MAX_TOKENS,
    DecodingResult,
    Row,
    Way,
    new_seed,
    run_decoding,
    sample_prompt,
    settings,
)
from core.learn.engine import LessonSetup
from core.sampling.params import SamplingParams
from ui.format import decimal, language, number
from ui.learn.page import LessonCall, LessonPage
from ui.palette import Marks, marks
from ui.theme import follow_palette, tint


class _Card(QFrame):
    """One strategy: a radio button with its name, what it does, the reply, numbers."""

    def __init__(self, title: str, how: str, why: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        self.choice = QRadioButton(title)
        font = self.choice.font()
        font.setBold(True)
        self.choice.setFont(font)
        layout.addWidget(self.choice)
        self.how = QLabel(how)
        self.how.setWordWrap(True)
        tint(self.how, "muted")
        layout.addWidget(self.how)
        self.reply = QLabel()
        self.reply.setWordWrap(True)
        self.reply.setObjectName("decodingReply")
        layout.addWidget(self.reply)
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        self.numbers.setObjectName("decodingNumbers")
        layout.addWidget(self.numbers)
        self.why = QLabel(why)
        self.why.setWordWrap(True)
        tint(self.why, "muted")
        layout.addWidget(self.why)
        self.row: Row | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click anywhere on the card picks it, not only on its radio button."""
        self.choice.setChecked(True)
        super().mousePressEvent(event)


class DecodingPage(LessonPage):
    """Decoding strategies side by side (see the module docstring)."""

    lesson = LessonId.DECODING

    def title(self) -> str:
        return self.tr("Decoding strategies side by side")

    def intro(self) -> str:
        return self.tr(
            "For a given text, the model's probabilities for the next token are fixed; "
            "a <b>decoding strategy</b> decides how the next token is picked from them. "
            "Here one prompt is answered five times, each time one setting changed. Each "
            "reply's <b>log-probability</b> is the sum of the natural logarithms of its "
            "tokens' probabilities: 0 would mean the model was certain of every token, "
            "and the more negative it is, the more surprising the reply was to the model. "
            "Sampled replies draw tokens at random, and a <b>seed</b> fixes the draw.")

    def build(self, body: QVBoxLayout) -> None:
        body.addWidget(QLabel(self.tr("Your prompt:")))
        self.prompt = QLineEdit(sample_prompt(language()))
        self.prompt.setObjectName("decodingPrompt")
        self.prompt.setAccessibleName(self.tr("Prompt for the model"))
        self.prompt.returnPressed.connect(self.run)
        body.addWidget(self.prompt)
        self.seed_line = QLabel()
        self.seed_line.setObjectName("decodingSeed")
        self.seed_line.setWordWrap(True)
        body.addWidget(self.seed_line)
        shading = QLabel(self.tr(
            "Each reply's tokens are shaded by the model's own probability for them: "
            "green when it found the token likely, red when it found it surprising."))
        shading.setWordWrap(True)
        tint(shading, "muted")
        body.addWidget(shading)

        self.seed = FIRST_SEED
        self._next_seed = FIRST_SEED
        self.group = QButtonGroup(self)
        self.cards: dict[Way, _Card] = {}
        for number_, way in enumerate(Way):
            card = _Card(*self._words(way))
            card.setObjectName(f"decoding-{way.value}")
            self.group.addButton(card.choice, number_)
            self.cards[way] = card
            body.addWidget(card)
        self.cards[Way.GREEDY].choice.setChecked(True)
        body.addWidget(QLabel(self.tr(
            "Pick a card and press “Try it yourself” to chat with its settings.")))
        follow_palette(self, self._shade_replies)

    def _words(self, way: Way) -> tuple[str, str, str]:
        """The card's title, its settings in words, and why its reply differs."""
        match way:
            case Way.GREEDY:
                return (self.tr("Greedy"),
                        self.tr("Always the most likely token. No randomness."),
                        self.tr("The safest choice at each step is not always the best "
                                "reply: greedy can get stuck repeating itself, and "
                                "the same prompt always gives the same reply."))
            case Way.WARM:
                return (self.tr("Sampling, temperature 0.7"),
                        self.tr("A random draw, after dividing the model's scores by 0.7."),
                        self.tr("A temperature below 1 sharpens the probabilities: likely "
                                "tokens get likelier, so the reply varies a little but "
                                "stays sensible."))
            case Way.HOT:
                return (self.tr("Sampling, temperature 1.5"),
                        self.tr("A random draw, after dividing the model's scores by 1.5."),
                        self.tr("A temperature above 1 flattens the probabilities: unlikely "
                                "tokens get a real chance, and one odd token leads to "
                                "another. Its log-probability is usually far lower."))
            case Way.TOP_K:
                return (self.tr("Top-k sampling, k = 5"),
                        self.tr("A random draw among the 5 most likely tokens only "
                                "(temperature 1)."),
                        self.tr("Cutting off the long tail of unlikely tokens keeps "
                                "the variety of sampling without its worst surprises."))
            case Way.BEAM:
                return (self.tr("Beam search, width 4"),
                        self.tr("Keeps the 4 most likely partial replies at every step "
                                "and returns the most likely whole one."),
                        self.tr("A token that looks worse now may lead to a better whole "
                                "reply: beam search often finds a likelier whole reply "
                                "than greedy. No randomness either."))

    def call(self) -> LessonCall:
        prompt = self.prompt.text()
        seed = self._next_seed
        # A later run draws a new seed: the sampled rows change, greedy and beam stay.
        self._next_seed = new_seed()

        def work(setup: LessonSetup) -> DecodingResult:
            return run_decoding(setup, prompt, seed)
        return work

    def show_result(self, result: Any) -> None:
        assert isinstance(result, DecodingResult)
        self.seed = result.seed
        self.seed_line.setText(self.tr(
            "Seed: <b>%1</b> for every sampled reply. “Run again” draws a new seed: the "
            "sampled replies change, greedy and beam search stay the same.")
            .replace("%1", str(result.seed)))
        for row in result.rows:
            card = self.cards[row.way]
            card.row = row
            card.numbers.setText(self._numbers(row))
        self._shade_replies()

    def _numbers(self, row: Row) -> str:
        parts = [self.tr("%1 tokens").replace("%1", number(row.count)),
                 self.tr("log-probability %1").replace("%1", decimal(row.logprob, 2))]
        if row.sampling.strategy == "sample":
            parts.append(self.tr("seed %1").replace("%1", str(row.sampling.seed)))
        if row.score is not None:
            parts.append(self.tr("search score %1").replace("%1", decimal(row.score, 2)))
        if row.reason == FinishReason.LENGTH:
            parts.append(self.tr("cut at %1 tokens").replace("%1", number(MAX_TOKENS)))
        return " · ".join(parts)

    def _shade_replies(self) -> None:
        shades = marks(self.palette())
        for card in self.cards.values():
            row = card.row
            if row is None:
                continue
            card.reply.setText(shaded_reply(row, shades))

    def chosen(self) -> Way:
        """The card picked for "try it yourself"."""
        return list(Way)[max(0, self.group.checkedId())]

    def try_it(self) -> TryIt:
        card = self.cards[self.chosen()]
        params = card.row.sampling if card.row is not None else settings(self.chosen(),
                                                                          self.seed)
        # The lesson's short replies and single probability are its own; the chat
        # gets the usual length and alternatives with the strategy's settings.
        usual = SamplingParams()
        return TryIt(TryTarget.SAMPLING,
                     sampling=replace(params, max_tokens=usual.max_tokens,
                                      logprobs=usual.logprobs))


def shaded_reply(row: Row, shades: Marks) -> str:
    """The reply as rich text, each token's text on its probability's shade.  The text
    is cut at the tokens' offsets rather than drawn from their pieces, so a character
    split over two tokens (an emoji, an accent) is whole, on the shade of the token
    that completes it; text no token covers is left plain."""
    text = row.text
    offsets = [t.text_offset for t in row.tokens] + [len(text)]
    spans, covered = [], 0
    for n, token in enumerate(row.tokens):
        start, end = max(offsets[n], covered), min(offsets[n + 1], len(text))
        if end <= start:
            continue
        piece = html.escape(text[start:end], quote=False)
        spans.append(f'<span style="background:{shades.probability(token.prob)};'
                     f'color:{shades.text_on_mark};">{piece}</span>')
        covered = end
    if covered < len(text):
        spans.append(html.escape(text[covered:], quote=False))
    # White space kept as the model wrote it (a leading space, a line break).
    return f'<span style="white-space:pre-wrap;">{"".join(spans)}</span>'

