"""Decoding in the real window: presets drive the next reply's recorded settings, token
probabilities colour the reply, choosing an alternative token makes a branch, and beam
search offers its n best."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.token_view import AlternativesPopup, NBestDialog

pytestmark = pytest.mark.gui


def _pick_preset(win: MainWindow, name: str) -> None:
    picker = win.sampling.preset_picker
    index = picker.findData(name)
    picker.setCurrentIndex(index)
    picker.activated.emit(index)


def _wait_reply(qtbot: QtBot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: win.session.streaming is None and win.session.messages
                    and win.session.messages[-1].role == "assistant", timeout=60_000)


def test_a_preset_sets_the_sliders_and_the_next_reply_records_it(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    _pick_preset(window, "Creative")
    creative = window.sampling.params()
    assert creative.strategy == "sample" and creative.temperature == pytest.approx(1.1)
    assert window.sampling._spins["temperature"].value() == pytest.approx(1.1)
    _pick_preset(window, "Precise")
    precise = window.sampling.params()
    assert precise.strategy == "greedy" and window.sampling._spins["temperature"].value() == 0
    window.sampling._spins["max_tokens"].setValue(8)
    window.send("Hello")
    _wait_reply(qtbot, window)
    record = window.session.messages[-1].record
    assert record is not None and record.strategy == "greedy"
    assert record.sampling is not None and record.sampling["max_tokens"] == 8
    message_id = window.session.messages[-1].id
    assert message_id is not None
    stored = window.store.message(message_id).record
    assert stored is not None and stored.strategy == "greedy"


def test_choosing_an_alternative_token_creates_a_branch(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    _pick_preset(window, "Precise")
    window.sampling._spins["max_tokens"].setValue(12)
    window.probabilities_action.setChecked(True)
    window.send("Name a colour.")
    _wait_reply(qtbot, window)
    original = window.session.messages[1]
    assert original.stats is not None
    assert len(original.logprobs) == original.stats.completion_tokens >= 3
    assert "fde" not in window.chat.toHtml()  # coloured spans, not special tokens
    assert "prosa:token/1/0" in window.chat.toHtml()
    window.chat.tokenClicked.emit(1, 2)
    popup = window.alternatives_popup
    assert isinstance(popup, AlternativesPopup)
    alternative = next(iter(popup.buttons))
    popup.buttons[alternative].click()
    _wait_reply(qtbot, window)
    branch = window.session.messages[1]
    assert branch.siblings == (1, 2)
    assert branch.logprobs[2].id == alternative
    assert [t.id for t in branch.logprobs[:2]] == [t.id for t in original.logprobs[:2]]
    window.chat.actionRequested.emit("prev", 1)
    assert window.session.messages[1].content == original.content


def test_beam_search_offers_its_n_best(qtbot: QtBot, window: MainWindow,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    params = window.sampling.params().with_strategy("beam")
    from dataclasses import replace

    window.sampling.set_params(replace(params, beam_width=3, n_best=3, max_tokens=10))
    window.send("Name a fruit.")
    _wait_reply(qtbot, window)
    reply = window.session.messages[1]
    assert len(reply.candidates) == 3
    assert "3 candidates" in window.chat.plain_text()
    scores = [c.normalized_score for c in reply.candidates]
    assert scores == sorted(scores, reverse=True)
    chosen = reply.candidates[2]

    def keep_third(dialog: NBestDialog) -> int:
        dialog.list.setCurrentRow(2)
        return 1

    monkeypatch.setattr(NBestDialog, "exec", keep_third)
    window.chat.actionRequested.emit("nbest", 1)
    assert window.session.messages[1].content == chosen.text
    assert reply.id is not None and window.store.message(reply.id).content == chosen.text
