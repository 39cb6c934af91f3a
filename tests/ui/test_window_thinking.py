"""A reasoning reply in the real window (scripted engine): the thinking streams live
and folds when the answer starts, the reply keeps it apart, Copy last reply gives the
answer only; the Thinking tab offers a Qwen3-style template's switch, and what it says
goes with every request and stays with the conversation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from core.engine.protocol import Generate, InspectPrompt
from core.engine.scripted import ScriptedEngine
from core.output.types import ThinkingMode
from tests import corpus

pytestmark = pytest.mark.gui
QWEN3 = "Qwen--Qwen3-0.6B.jinja"


def test_a_reply_thinks_live_then_folds_and_keeps_its_reasoning_apart(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    engine.enqueue_reply("Paris", " is the capital.",
                         reasoning=("The user asks ", "about France. ", "Easy."))
    window.send("What is the capital of France?")
    qtbot.waitUntil(window.send_button.isEnabled, timeout=5_000)
    reply = window.session.messages[-1]
    assert reply.content == "Paris is the capital."
    assert reply.reasoning == "The user asks about France. Easy."
    assert reply.reasoning_tokens and reply.reasoning_tokens >= 3
    assert window.chat.reasoning_updates > 0  # streamed live, apart from the answer
    assert not window.chat.reasoning_open(1)  # folded once the answer came
    text = window.chat.toPlainText()
    assert "Thought for" in text and "Paris is the capital." in text
    assert "The user asks" not in text
    assert window.chat.toggle_reasoning(1) and "The user asks" in window.chat.toPlainText()

    window.copy_last_reply()
    assert QGuiApplication.clipboard().text() == "Paris is the capital."
    stored = window.store.current_path(window.session.conversation_id)
    assert stored[-1].reasoning == "The user asks about France. Easy."


def test_the_thinking_tab_follows_the_template_and_goes_with_each_request(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    panel = window.thinking_panel
    gpt_oss = corpus.source("openai--gpt-oss-120b.jinja")
    window.show_thinking_switches(replace(window.loaded, template_text=gpt_oss))
    qtbot.waitUntil(lambda: "reasoning_effort" in panel.controls(), timeout=5_000)
    window.show_thinking_switches(replace(window.loaded, template_text=corpus.source(QWEN3)))
    # enable_thinking is the mode choice itself: no other switch is offered.
    qtbot.waitUntil(lambda: panel.controls() == {}, timeout=5_000)
    window.side.setCurrentWidget(panel)
    panel.mode_box.setCurrentIndex(panel.mode_box.findData(ThinkingMode.OFF))
    assert window.controller.thinking.mode is ThinkingMode.OFF
    engine.enqueue_reply("Hi.")
    window.send("Hello")
    qtbot.waitUntil(window.send_button.isEnabled, timeout=5_000)
    generate = [r for r in engine.requests if isinstance(r, Generate)][-1]
    assert generate.thinking is ThinkingMode.OFF
    window.inspect_draft()
    qtbot.waitUntil(lambda: any(isinstance(r, InspectPrompt) for r in engine.requests),
                    timeout=5_000)
    inspect = [r for r in engine.requests if isinstance(r, InspectPrompt)][-1]
    assert inspect.thinking is ThinkingMode.OFF

    first = window.session.conversation_id
    window.new_chat()
    panel.mode_box.setCurrentIndex(panel.mode_box.findData(ThinkingMode.ON))
    panel.budget_box.setValue(256)
    engine.enqueue_reply("Sure.")
    window.send("Think hard")
    qtbot.waitUntil(window.send_button.isEnabled, timeout=5_000)
    generate = [r for r in engine.requests if isinstance(r, Generate)][-1]
    assert (generate.thinking, generate.thinking_budget) == (ThinkingMode.ON, 256)
    window.open_conversation(first)
    assert panel.mode() is ThinkingMode.OFF and panel.budget() is None


def test_token_colours_cover_the_answer_and_keep_each_token_s_index(qtbot: QtBot) -> None:
    from core.conversation.types import TokenLogprob
    from ui.token_view import coloured_reply_html

    def token(i: int, piece: str, offset: int, reasoning: bool) -> TokenLogprob:
        return TokenLogprob(i, piece, 0.5, (), text_offset=offset, reasoning=reasoning)

    logprobs = [token(1, "Hmm", 0, True), token(2, " ok", 3, True),
                token(3, "Yes", 0, False), token(4, "!", 3, False)]
    html = coloured_reply_html("Yes!", logprobs, 7)
    assert 'href="prosa:token/7/2"' in html and 'href="prosa:token/7/3"' in html
    assert "prosa:token/7/0" not in html and "Hmm" not in html
    assert html.count("Yes") == 1 and ">!</a>" in html


def test_the_output_format_can_be_named_when_a_model_writes_another_family_s(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    from core.output.types import Family

    window, engine = scripted
    combo = window.engine_tab.family_combo
    assert combo.itemText(0) == "Automatic (plain)"  # what detection said for this model
    combo.setCurrentIndex(combo.findData(Family.QWEN_XML))
    combo.activated.emit(combo.currentIndex())
    engine.enqueue_reply("Hi.")
    window.send("Hello")
    qtbot.waitUntil(window.send_button.isEnabled, timeout=5_000)
    generate = [r for r in engine.requests if isinstance(r, Generate)][-1]
    assert generate.output_family is Family.QWEN_XML
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert window.controller.force_family is None
