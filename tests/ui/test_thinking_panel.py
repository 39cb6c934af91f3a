"""The thinking controls: mode, budget and the template's switches, as the person sets
them with mouse or keyboard, and as the window shows a conversation's choices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from core.output.types import ThinkingMode
from core.templates.switches import Switch
from ui.thinking_panel import ThinkingPanel, switch_label

pytestmark = pytest.mark.gui

QWEN3 = [Switch("enable_thinking", True, (True, False))]
GPT_OSS = [Switch("reasoning_effort", "medium", ("low", "medium", "high"))]
SEED_OSS = [Switch("thinking_budget", None, ())]


def make_panel(qtbot: QtBot) -> tuple[ThinkingPanel, list[tuple[object, object, object]]]:
    panel = ThinkingPanel()
    qtbot.addWidget(panel)
    panel.show()
    seen: list[tuple[object, object, object]] = []
    panel.changed.connect(lambda mode, budget, options: seen.append((mode, budget, options)))
    return panel, seen


def test_mode_and_budget_say_what_was_chosen(qtbot: QtBot) -> None:
    panel, seen = make_panel(qtbot)
    assert panel.mode() == ThinkingMode.DEFAULT and panel.budget() is None
    assert panel.budget_box.text() == "No budget"
    assert not panel.switches_box.isVisible()  # no template switches yet
    panel.mode_box.setCurrentIndex(panel.mode_box.findData(ThinkingMode.ON))
    assert seen[-1] == (ThinkingMode.ON, None, {})
    panel.budget_box.setValue(512)
    assert seen[-1] == (ThinkingMode.ON, 512, {})
    # Off: a budget means nothing, and its box says so by being disabled.
    panel.mode_box.setCurrentIndex(panel.mode_box.findData(ThinkingMode.OFF))
    assert seen[-1][0] == ThinkingMode.OFF and not panel.budget_box.isEnabled()


def test_a_boolean_switch_is_a_three_state_box_starting_at_the_default(
        qtbot: QtBot) -> None:
    panel, seen = make_panel(qtbot)
    panel.set_switches(QWEN3)
    assert panel.switches_box.isVisible()
    check = panel.controls()["enable_thinking"]
    assert isinstance(check, QCheckBox) and check.isTristate()
    assert check.text() == "Enable thinking"
    assert check.checkState() == Qt.CheckState.PartiallyChecked
    assert "enable_thinking" in check.toolTip() and "(on)" in check.toolTip()
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)  # partially -> checked
    assert seen[-1] == (ThinkingMode.DEFAULT, None, {"enable_thinking": True})
    check.setCheckState(Qt.CheckState.Unchecked)
    assert seen[-1][2] == {"enable_thinking": False}
    check.setCheckState(Qt.CheckState.PartiallyChecked)
    assert seen[-1][2] == {}


def test_a_choice_switch_is_a_list_with_the_default_first(qtbot: QtBot) -> None:
    panel, seen = make_panel(qtbot)
    panel.set_switches(GPT_OSS)
    combo = panel.controls()["reasoning_effort"]
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Model default (medium)", "low", "medium", "high"]
    combo.setCurrentIndex(3)
    assert seen[-1] == (ThinkingMode.DEFAULT, None, {"reasoning_effort": "high"})
    combo.setCurrentIndex(0)
    assert seen[-1][2] == {}


def test_a_number_switch_is_a_box_whose_lowest_value_is_the_default(qtbot: QtBot) -> None:
    panel, seen = make_panel(qtbot)
    panel.set_switches(SEED_OSS)
    box = panel.controls()["thinking_budget"]
    assert isinstance(box, QSpinBox) and box.text() == "Model default (not set)"
    box.setValue(512)
    assert seen[-1] == (ThinkingMode.DEFAULT, None, {"thinking_budget": 512})
    box.setValue(-1)
    assert seen[-1][2] == {}
    panel.set_values(ThinkingMode.ON, None, {"thinking_budget": 0})
    assert box.value() == 0 and panel.options() == {"thinking_budget": 0}


def test_set_values_shows_a_conversation_without_echoing_it(qtbot: QtBot) -> None:
    panel, seen = make_panel(qtbot)
    panel.set_switches([*QWEN3, *GPT_OSS])
    panel.set_values(ThinkingMode.OFF, 1024,
                     {"enable_thinking": False, "reasoning_effort": "low", "gone": 1})
    assert seen == []
    assert panel.mode() == ThinkingMode.OFF and panel.budget() == 1024
    assert not panel.budget_box.isEnabled()
    check, combo = panel.controls()["enable_thinking"], panel.controls()["reasoning_effort"]
    assert isinstance(check, QCheckBox) and isinstance(combo, QComboBox)
    assert check.checkState() == Qt.CheckState.Unchecked
    assert combo.currentData() == "low"
    # Only switches the model has are reported; another model's are kept for it.
    assert panel.options() == {"enable_thinking": False, "reasoning_effort": "low"}
    panel.set_switches(QWEN3)
    assert set(panel.controls()) == {"enable_thinking"}
    panel.set_switches([])
    assert not panel.switches_box.isVisible() and panel.controls() == {}
    panel.set_switches(GPT_OSS)
    combo = panel.controls()["reasoning_effort"]
    assert isinstance(combo, QComboBox) and combo.currentData() == "low"
    assert seen == []


def test_every_control_is_explained_named_and_reachable_by_tab(qtbot: QtBot) -> None:
    panel, _ = make_panel(qtbot)
    panel.set_switches([*QWEN3, *GPT_OSS, *SEED_OSS])
    controls: list[QWidget] = [panel.mode_box, panel.budget_box, *panel.controls().values()]
    for control in controls:
        assert control.toolTip() and control.accessibleName(), control.objectName()
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.objectName()
    # Tab goes through them in the order shown.
    chain: list[QWidget] = []
    widget = panel.mode_box.nextInFocusChain()
    while widget is not None and widget is not panel.mode_box and len(chain) < 50:
        if widget in controls:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == controls[1:]


def test_the_panel_draws_in_a_dark_palette(qtbot: QtBot) -> None:
    panel, _ = make_panel(qtbot)
    panel.set_switches([*QWEN3, *GPT_OSS])
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"),
                         (QPalette.ColorRole.WindowText, "#e0e0e0"),
                         (QPalette.ColorRole.Base, "#1b1b1b"),
                         (QPalette.ColorRole.Text, "#e0e0e0")):
        palette.setColor(role, QColor(colour))
    panel.setPalette(palette)
    image = panel.grab().toImage()
    assert not image.isNull()
    assert image.pixelColor(2, image.height() - 2).lightness() < 80


def test_switch_labels_read_as_words() -> None:
    assert switch_label("enable_thinking") == "Enable thinking"
    assert switch_label("reasoning-effort") == "Reasoning effort"
    assert switch_label("thinking") == "Thinking"
