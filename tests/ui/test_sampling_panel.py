"""The sampling panel, offscreen: strategies, presets, and contradictions explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.sampling.params import SamplingParams
from core.sampling.presets import PresetLibrary
from ui.sampling_panel import SamplingPanel

pytestmark = pytest.mark.gui

SAMPLING_ONLY = ("top_k", "top_p", "min_p", "typical_p")
BEAM_ONLY = ("beam_width", "length_penalty", "n_best")


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path) -> SamplingPanel:
    widget = SamplingPanel(presets=PresetLibrary(tmp_path / "presets.json"))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _shown(panel: SamplingPanel, name: str) -> bool:
    return panel._spins[name].isVisibleTo(panel)


def _choose_preset(panel: SamplingPanel, name: str) -> None:
    index = panel.preset_picker.findData(name)
    panel.preset_picker.setCurrentIndex(index)
    panel.preset_picker.activated.emit(index)


def test_choosing_a_preset_moves_the_sliders_and_the_params(qtbot: QtBot,
                                                            panel: SamplingPanel) -> None:
    assert panel.preset_picker.currentData() == "Balanced"  # the defaults
    panel._spins["max_tokens"].setValue(300)
    with qtbot.waitSignal(panel.changed) as signal:
        _choose_preset(panel, "Creative")
    params = panel.params()
    assert signal.args == [params]
    assert params.temperature == pytest.approx(1.1) and params.top_k == 0
    assert panel._sliders["temperature"].value() == 22  # 22 steps of 0.05
    assert panel._spins["presence_penalty"].value() == pytest.approx(0.2)
    assert params.max_tokens == 300  # a preset leaves the reply's length alone
    _choose_preset(panel, "Precise")
    assert panel.params().strategy == "greedy"
    assert panel._strategy_buttons["greedy"].isChecked()
    assert panel._strategy_buttons["greedy"].objectName() == "strategy_greedy"
    # Editing a setting makes the choice custom.
    panel._spins["repeat_penalty"].setValue(1.3)
    assert panel.preset_picker.currentData() is None


def test_beam_search_shows_its_settings_and_hides_the_sampling_ones(
        panel: SamplingPanel) -> None:
    assert all(_shown(panel, n) for n in SAMPLING_ONLY)
    assert not any(_shown(panel, n) for n in BEAM_ONLY)
    panel._strategy_buttons["beam"].click()
    params = panel.params()
    assert params.strategy == "beam" and params.temperature == 0 and params.problems() == []
    assert all(_shown(panel, n) for n in BEAM_ONLY)
    assert panel._sliders["beam_width"].isVisibleTo(panel)
    assert not any(_shown(panel, n) for n in (*SAMPLING_ONLY, "temperature", "seed"))
    assert "Beam search" in panel._hint.text()
    # Back to sampling: the temperature it had comes back.
    panel._spins["beam_width"].setValue(6)
    panel._strategy_buttons["sample"].click()
    assert panel.params().temperature == pytest.approx(0.7)
    assert panel.params().beam_width == 6


def test_an_invalid_combination_is_explained_not_fixed(panel: SamplingPanel) -> None:
    assert not panel._problems.isVisibleTo(panel)
    panel._strategy_buttons["beam"].click()
    panel._spins["beam_width"].setValue(1)
    panel._spins["n_best"].setValue(3)
    assert panel._problems.isVisibleTo(panel)
    assert "N-best 3" in panel._problems.text() and "1 beam" in panel._problems.text()
    assert panel.params().n_best == 3 and panel.params().beam_width == 1  # kept as set
    panel._strategy_buttons["sample"].click()
    # n-best now contradicts sampling: its row stays in view so it can be fixed.
    assert _shown(panel, "n_best")
    assert "Only beam search" in panel._problems.text()
    panel._spins["n_best"].setValue(1)
    assert not panel._problems.isVisibleTo(panel) and not _shown(panel, "n_best")


def test_settings_made_elsewhere_are_shown_with_their_contradiction(
        panel: SamplingPanel) -> None:
    panel.set_params(SamplingParams(strategy="beam", temperature=0.8))
    assert _shown(panel, "temperature")
    assert "no effect" in panel._problems.text()
    panel.set_params(SamplingParams(top_k=1, typical_p=0.5))
    assert "typical-p" in panel._problems.text()
    assert "Top-k 1" in panel._hint.text()


def test_temperature_zero_is_greedy_and_raising_it_samples(panel: SamplingPanel) -> None:
    panel._spins["temperature"].setValue(0)
    assert panel.params().strategy == "greedy" and panel.params().problems() == []
    assert panel._strategy_buttons["greedy"].isChecked()
    assert not _shown(panel, "top_k") and _shown(panel, "temperature")
    panel._spins["temperature"].setValue(0.4)
    assert panel.params().strategy == "sample"
    assert panel._strategy_buttons["sample"].isChecked()


def test_presets_are_saved_renamed_exported_imported_and_deleted(
        panel: SamplingPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Long beams", "Deep beams"])
    monkeypatch.setattr(panel, "_ask_name", lambda *args: next(answers))
    monkeypatch.setattr(panel, "_confirm", lambda *args: True)
    exported = tmp_path / "deep.json"
    monkeypatch.setattr(panel, "_ask_save_path", lambda suggested: exported)
    monkeypatch.setattr(panel, "_ask_open_path", lambda: exported)
    assert not panel.rename_preset_button.isEnabled()  # a built-in is selected
    panel._strategy_buttons["beam"].click()
    panel._spins["beam_width"].setValue(6)
    panel.save_preset_button.click()
    assert panel.preset_picker.currentData() == "Long beams"
    assert panel.rename_preset_button.isEnabled() and panel.delete_preset_button.isEnabled()
    panel.rename_preset_button.click()
    assert panel.preset_picker.currentData() == "Deep beams"
    panel.export_preset_button.click()
    assert exported.is_file()
    _choose_preset(panel, "Balanced")
    assert panel.params().strategy == "sample"
    panel.import_preset_button.click()
    assert panel.preset_picker.currentData() == "Deep beams (2)"
    assert panel.params().strategy == "beam" and panel.params().beam_width == 6
    panel.delete_preset_button.click()
    names = [panel.preset_picker.itemData(i) for i in range(panel.preset_picker.count())]
    assert names == [None, "Precise", "Balanced", "Creative", "Deep beams"]
    assert panel.preset_picker.currentData() == "Deep beams"  # the same settings remain
