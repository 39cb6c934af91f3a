"""Lesson 2, predicting the next token and where a reply ends: the ten most likely first
tokens of a reply as bars, the whole greedy reply as chips shaded by probability, and
the step at which the model chose its end token (``core.learn.next_token``)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from core.conversation.types import FinishReason, TokenAlternative
from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.engine import LessonSetup
from core.learn.next_token import NextTokenResult, run_next_token, sample_prompt
from ui.format import language, number
from ui.learn.page import LessonCall, LessonPage
from ui.learn.prob_bars import Bar, ProbabilityBars, percent
from ui.learn.token_chips import Chip, TokenChips, shown_piece


class NextTokenPage(LessonPage):
    """Predicting the next token (see the module docstring)."""

    lesson = LessonId.NEXT_TOKEN

    def title(self) -> str:
        return self.tr("Predicting the next token, and where a reply ends")

    def intro(self) -> str:
        return self.tr(
            "A model does one thing, again and again: given all the text so far, it gives "
            "<b>every token</b> of its vocabulary a <b>probability</b> of coming next. One "
            "token is picked, added to the text, and the model is asked again. A reply "
            "ends when the model picks its <b>end token</b>, or when it reaches the most "
            "tokens it may write. Here the pick is always the most likely token "
            "(<i>greedy</i> decoding).")

    def build(self, body: QVBoxLayout) -> None:
        body.addWidget(QLabel(self.tr("Your question:")))
        self.prompt = QLineEdit(sample_prompt(language()))
        self.prompt.setObjectName("nextTokenPrompt")
        self.prompt.setAccessibleName(self.tr("Question for the model"))
        self.prompt.returnPressed.connect(self.run)
        body.addWidget(self.prompt)

        body.addWidget(self.heading(self.tr("The first token of the reply")))
        body.addWidget(self.note(self.tr(
            "The ten tokens the model found most likely to start its reply, of all the "
            "tokens it knows. The rest share what is left.")))
        self.first_bars = ProbabilityBars()
        self.first_bars.setObjectName("nextTokenFirst")
        body.addWidget(self.first_bars)

        body.addWidget(self.heading(self.tr("The whole reply, token by token")))
        body.addWidget(self.note(self.tr(
            "Each token is shaded by how likely the model found it when it chose it: "
            "green when it was sure, red when it hesitated. Hold the pointer over a "
            "token to see what else it weighed. The last chip is the end token.")))
        self.reply_chips = TokenChips()
        self.reply_chips.setObjectName("nextTokenReply")
        body.addWidget(self.reply_chips)

        body.addWidget(self.heading(self.tr("Where the reply ends")))
        self.ending = QLabel()
        self.ending.setObjectName("nextTokenEnding")
        self.ending.setWordWrap(True)
        body.addWidget(self.ending)
        self.end_bars = ProbabilityBars()
        self.end_bars.setObjectName("nextTokenEnd")
        body.addWidget(self.end_bars)

    def call(self) -> LessonCall:
        prompt = self.prompt.text()

        def work(setup: LessonSetup) -> NextTokenResult:
            return run_next_token(setup, prompt)
        return work

    def show_result(self, result: Any) -> None:
        assert isinstance(result, NextTokenResult)
        chosen = result.steps[0].chosen.id if result.steps else None
        self.first_bars.set_bars([self._bar(c, chosen, result) for c in result.first])
        chips = [Chip(s.chosen.piece, percent(s.chosen.prob),
                      self._alternatives(s.chosen, s.candidates), prob=s.chosen.prob)
                 for s in result.steps]
        end = result.end_choice
        if end is not None:
            chips.append(Chip(end.piece, percent(end.prob),
                              self._alternatives(end, result.end_step), special=True))
        self.reply_chips.set_chips(chips)
        self.ending.setText(self._ending(result))
        self.end_bars.set_bars([self._bar(c, end.id if end else None, result)
                                for c in result.end_step])

    def _bar(self, choice: TokenAlternative, chosen: int | None, result: NextTokenResult) -> Bar:
        end = result.end_choice
        if choice.piece == result.eos_token or (end is not None and choice.id == end.id):
            note = self.tr("end token")
        else:
            note = self.tr("chosen") if choice.id == chosen else ""
        return Bar(choice.piece, choice.prob, highlight=choice.id == chosen, note=note)

    def _alternatives(self, chosen: TokenAlternative,
                      candidates: tuple[TokenAlternative, ...]) -> str:
        lines = [self.tr("“%1”: %2 likely. The model also weighed:")
                 .replace("%1", shown_piece(chosen.piece)).replace("%2", percent(chosen.prob))]
        lines += [f"{shown_piece(c.piece)}  {percent(c.prob)}"
                  for c in candidates if c.id != chosen.id][:5]
        return "\n".join(lines)

    def _ending(self, result: NextTokenResult) -> str:
        last = shown_piece(result.steps[-1].chosen.piece) if result.steps else ""
        end = result.end_choice
        if result.reason == FinishReason.STOP and end is not None:
            return self.tr(
                "After “%1”, the most likely next token was <b>%2</b>, the model's end "
                "token, at %3. Picking it ends the reply: the finish reason is "
                "<i>stop</i>, the model chose to end. The end token is never shown in a "
                "reply; the chat template uses it to close the assistant's turn. Below, "
                "the candidates at that step.")\
                .replace("%1", _escape(last)).replace("%2", _escape(end.piece))\
                .replace("%3", percent(end.prob))
        eos = result.eos_prob
        if result.reason == FinishReason.LENGTH:
            text = self.tr(
                "The reply reached this lesson's limit of %1 tokens and was cut: the "
                "finish reason is <i>length</i>, the model did not choose to end.")\
                .replace("%1", number(result.max_tokens))
        else:
            text = self.tr("The reply ended for another reason: %1.")\
                .replace("%1", _escape(result.reason.value))
        if eos is not None:
            text += " " + self.tr("At the next step, its end token %1 had %2.")\
                .replace("%1", _escape(result.eos_token)).replace("%2", percent(eos))
        return text

    def try_it(self) -> TryIt:
        return TryIt(TryTarget.PROBABILITIES, draft=self.prompt.text())


def _escape(text: str) -> str:
    """Text for rich text: ``<|im_end|>`` shown as itself (quotes need no escape in a
    label, and Qt would show ``&#x27;`` as written)."""
    return html.escape(text, quote=False)
