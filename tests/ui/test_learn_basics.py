"""Lessons 1-3 in the real Learn dialog on the real starter model: each page shows the
engine's real output (token ids equal to the tokenizer's, the end token where the
reply stopped, five strategies' replies, greedy's the same as beam search of width
1 writes), "Run again" changes only what draws at random, and "Try it
yourself" carries what the lesson used."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import llama_cpp
import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.decoding import FIRST_SEED, Way, settings
from core.learn.engine import LessonSetup
from core.learn.replies import conversation, reply
from core.settings import ThemeChoice
from tests.ui.learn_dialog import TIMEOUT_MS, run_lesson
from ui.learn.decoding_page import DecodingPage
from ui.learn.dialog import LearnDialog
from ui.learn.next_token_page import NextTokenPage
from ui.learn.token_chips import shown_piece
from ui.learn.tokens_page import TokensPage
from ui.palette import DARK_MARKS, LIGHT_MARKS
from ui.theme import apply_theme, theme_choice

pytestmark = [pytest.mark.gui, pytest.mark.model]


def test_tokens_chips_are_the_tokenizers(dialog: LearnDialog, qtbot: Any,
                                         starter_model: Path, tries: list[TryIt]) -> None:
    page = run_lesson(qtbot, dialog, LessonId.TOKENS)
    assert isinstance(page, TokensPage)
    tokenizer = llama_cpp.Llama(model_path=str(starter_model), vocab_only=True, verbose=False)
    text = "Olá!  A ação de\n    print('🙂')"
    page.editor.setPlainText(text)
    with qtbot.waitSignal(page.ran, timeout=TIMEOUT_MS):
        page.run_button.click()
    ids = tokenizer.tokenize(text.encode(), add_bos=False, special=False)
    assert [t.id for t in page.result.cut.tokens] == ids
    # What the chips show: the piece with white space drawn, the id under it.
    assert len(page.chips.chips) == len(ids) == len(page.chips.rects())
    for chip, token_id in zip(page.chips.chips, ids, strict=True):
        assert chip.caption == str(token_id) and not chip.special
        assert f"{shown_piece(chip.piece)} {token_id}" in page.chips.accessibleDescription()
        assert " " not in shown_piece(chip.piece)
    # Every chip is drawn inside the widget, none on top of another.
    rects = page.chips.rects()
    assert all(page.chips.rect().contains(r) for r in rects)
    assert not any(a.intersects(b) for a, b in itertools.pairwise(rects))
    assert any("↵" in shown_piece(c.piece) for c in page.chips.chips)
    counts = page.counts.text()
    assert f"<b>{len(text)}</b> characters" in counts and f"<b>{len(ids)}</b> tokens" in counts
    # The two languages' counts, Portuguese the longer for SmolLM2's English tokenizer.
    english, portuguese = (int(cells[2].text().split()[0]) for cells in page.language_rows)
    assert portuguese > english > 0
    assert str(portuguese) in page.lesson_point.text()

    page.try_button.click()
    assert tries[-1] == TryIt(TryTarget.PROMPT_INSPECTOR, draft=text)


def test_chips_follow_the_theme(dialog: LearnDialog, qtbot: Any) -> None:
    page = run_lesson(qtbot, dialog, LessonId.TOKENS)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = theme_choice(app)
    try:
        for choice, shades in ((ThemeChoice.DARK, DARK_MARKS), (ThemeChoice.LIGHT, LIGHT_MARKS)):
            apply_theme(app, choice)
            qtbot.waitUntil(lambda shades=shades: page.chips.colours()[0]
                            == (shades.token_backgrounds[0], shades.text_on_mark))
            assert page.chips.colours()[1] == (shades.token_backgrounds[1],
                                               shades.text_on_mark)
    finally:
        apply_theme(app, before)


def test_next_token_shows_the_candidates_and_the_end(dialog: LearnDialog, qtbot: Any,
                                                     tries: list[TryIt]) -> None:
    page = run_lesson(qtbot, dialog, LessonId.NEXT_TOKEN)
    assert isinstance(page, NextTokenPage)
    result = page.result
    assert page.prompt.text() == "What is the capital of France?"
    bars = page.first_bars.bars
    assert len(bars) == 10 and len(page.first_bars.rows) == 10
    assert bars[0].piece == result.steps[0].chosen.piece and bars[0].note == "chosen"
    assert [b.prob for b in bars] == sorted((b.prob for b in bars), reverse=True)
    # The reply's chips, then its end token, on top at the step where it stopped.
    chips = page.reply_chips.chips
    assert "".join(c.piece for c in chips[:-1]) == result.text
    assert chips[-1].special and chips[-1].piece == "<|im_end|>"
    assert page.end_bars.bars[0].piece == "<|im_end|>"
    assert page.end_bars.bars[0].note == "end token"
    assert "stop" in page.ending.text() and "&lt;|im_end|&gt;" in page.ending.text()
    assert all(c.tooltip for c in chips)

    page.prompt.setText("Name a colour.")
    page.try_button.click()
    assert tries[-1] == TryIt(TryTarget.PROBABILITIES, draft="Name a colour.")


def test_decoding_shows_five_strategies_and_run_again_redraws(
        dialog: LearnDialog, qtbot: Any, tries: list[TryIt], lesson_setup: LessonSetup) -> None:
    page = run_lesson(qtbot, dialog, LessonId.DECODING)
    assert isinstance(page, DecodingPage)
    first = page.result
    assert first.seed == FIRST_SEED and str(FIRST_SEED) in page.seed_line.text()
    texts = {way: card.reply.text() for way, card in page.cards.items()}
    for way, card in page.cards.items():
        row = first.row(way)
        assert row.tokens and row.logprob <= 0
        assert card.numbers.text().startswith(f"{row.count} tokens")
        assert "log-probability -" in card.numbers.text()
        assert ("seed" in card.numbers.text()) == (row.sampling.strategy == "sample")
        # The card shows the reply's own text, white space and split characters whole.
        shown = QTextDocument()
        shown.setHtml(card.reply.text())
        assert shown.toPlainText().replace("\u2028", "\n") == row.text
    assert first.row(Way.HOT).text != first.row(Way.GREEDY).text
    # Greedy's card is what beam search of width 1 writes on the same prompt.
    messages = conversation(lesson_setup.system_prompt, page.prompt.text())
    with lesson_setup.engine.using(lesson_setup.model) as sync:
        narrow = reply(sync, messages, replace(settings(Way.BEAM, FIRST_SEED), beam_width=1))
    assert narrow.text == first.row(Way.GREEDY).text

    # Try it yourself: the first card by default, then the one picked.
    page.try_button.click()
    assert tries[-1].target == TryTarget.SAMPLING
    assert tries[-1].sampling is not None and tries[-1].sampling.strategy == "greedy"
    page.cards[Way.TOP_K].choice.click()
    page.try_button.click()
    chosen = tries[-1].sampling
    assert chosen is not None
    assert (chosen.strategy, chosen.top_k, chosen.temperature, chosen.seed) == (
        "sample", 5, 1.0, FIRST_SEED)

    with qtbot.waitSignal(page.ran, timeout=TIMEOUT_MS):
        page.run_button.click()
    again = page.result
    assert again.seed != FIRST_SEED and str(again.seed) in page.seed_line.text()
    assert again.row(Way.GREEDY).text == first.row(Way.GREEDY).text
    assert again.row(Way.BEAM).text == first.row(Way.BEAM).text
    assert page.cards[Way.GREEDY].reply.text() == texts[Way.GREEDY]
    assert again.row(Way.HOT).text != first.row(Way.HOT).text
    assert page.cards[Way.HOT].reply.text() != texts[Way.HOT]
