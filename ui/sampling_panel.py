"""The decoding settings: a strategy, its sliders, presets, and what does not add up.

Each row is a slider and a spin box that mirror each other; the spin box is the source
of truth (sliders only have integer steps).  Tooltips explain what a setting does to
the choice of the next token, in plain words.  Only the rows of the chosen strategy are
shown, plus any row involved in a contradiction, so the explanation can be acted on.

Temperature 0 has always meant greedy here, so the panel keeps the two in step: moving
the temperature to 0 while sampling selects Greedy, raising it from Greedy selects
Sampling (the choice visibly changes; nothing is altered behind the person's back).
Other contradictions are explained in a label, never silently corrected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.errors import BadInput
from core.learn.catalog import LessonId
from core.sampling.params import RANGES, STRATEGIES, SamplingParams, Strategy
from core.sampling.presets import Preset, PresetLibrary
from ui.error_texts import problem_text
from ui.format import language
from ui.learn.help_button import beside
from ui.theme import tint


@dataclass(frozen=True)
class _Row:
    name: str
    decimals: int
    step: float
    #: Slider range when it differs from the accepted range (seed: the slider is useless
    #: over 2**32 values, so only the spin box is shown).
    slider_max: float | None = None
    slider: bool = True
    #: The strategies the setting means something to.
    strategies: tuple[Strategy, ...] = STRATEGIES


_SAMPLE: tuple[Strategy, ...] = ("sample",)
_BEAM: tuple[Strategy, ...] = ("beam",)

_ROWS = (
    # Greedy shows the temperature too, at 0: raising it is how one starts sampling.
    _Row("temperature", 2, 0.05, slider_max=2.0, strategies=("greedy", "sample")),
    _Row("top_k", 0, 1, slider_max=200, strategies=_SAMPLE),
    _Row("top_p", 2, 0.01, strategies=_SAMPLE),
    _Row("min_p", 2, 0.01, strategies=_SAMPLE),
    _Row("typical_p", 2, 0.01, strategies=_SAMPLE),
    _Row("beam_width", 0, 1, strategies=_BEAM),
    _Row("length_penalty", 2, 0.05, strategies=_BEAM),
    _Row("n_best", 0, 1, strategies=_BEAM),
    _Row("repeat_penalty", 2, 0.01, slider_max=2.0),
    _Row("repeat_last_n", 0, 8, slider_max=1024),
    _Row("presence_penalty", 2, 0.05),
    _Row("frequency_penalty", 2, 0.05),
    _Row("max_tokens", 0, 16, slider_max=8192),
    _Row("logprobs", 0, 1),
    _Row("seed", 0, 1, slider=False, strategies=_SAMPLE),
)
_BY_NAME = {row.name: row for row in _ROWS}


class SamplingPanel(QWidget):
    changed = Signal(object)  # SamplingParams

    def __init__(self, parent: QWidget | None = None, *,
                 presets: PresetLibrary | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplingPanel")
        self._params = SamplingParams()
        #: The temperature to return to when Sampling is chosen again.
        self._sample_temperature = self._params.temperature
        self._presets = presets if presets is not None else PresetLibrary()
        self._spins: dict[str, QDoubleSpinBox | QSpinBox] = {}
        self._sliders: dict[str, QSlider] = {}
        self._lines: dict[str, QHBoxLayout] = {}
        # Scrolls rather than growing: fifteen rows must not set the window's minimum
        # height.
        scroll = QScrollArea()
        scroll.setObjectName("samplingScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        form = QFormLayout(content)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form = form
        self._build_presets_row(form)
        self._build_strategy_row(form)
        labels = self._labels()
        tips = self._tooltips()
        for row in _ROWS:
            self._build_row(form, row, labels[row.name], tips[row.name])
        self._hint = QLabel()
        self._hint.setWordWrap(True)
        self._hint.setObjectName("samplingHint")
        form.addRow(self._hint)
        self._problems = QLabel()
        self._problems.setWordWrap(True)
        self._problems.setObjectName("samplingProblems")
        tint(self._problems, "error")
        form.addRow(self._problems)
        self.set_params(self._params)

    # --- building --------------------------------------------------------------------

    def _build_presets_row(self, form: QFormLayout) -> None:
        self.preset_picker = QComboBox()
        self.preset_picker.setObjectName("presetPicker")
        self.preset_picker.setToolTip(self.tr(
            "Ready-made decoding settings, and the ones you saved. Choosing one changes "
            "how tokens are chosen, not the reply length, seed or stop strings."))
        self.save_preset_button = QPushButton(self.tr("Save as…"))
        self.rename_preset_button = QPushButton(self.tr("Rename…"))
        self.delete_preset_button = QPushButton(self.tr("Delete"))
        self.export_preset_button = QPushButton(self.tr("Export…"))
        self.import_preset_button = QPushButton(self.tr("Import…"))
        for button, tip in (
            (self.save_preset_button, self.tr("Save these settings as a preset, to pick "
                                              "them again later")),
            (self.rename_preset_button, self.tr("Rename the preset you saved")),
            (self.delete_preset_button, self.tr("Delete the preset you saved; the current "
                                                "settings stay")),
            (self.export_preset_button, self.tr("Save the preset to a file, to share it")),
            (self.import_preset_button, self.tr("Add a preset from a file")),
        ):
            button.setToolTip(tip)
        # Two rows of buttons: one row of five made the side panel too wide to show the
        # numeric fields on a laptop screen.
        buttons = QGridLayout()
        for index, (button, slot) in enumerate((
            (self.save_preset_button, self._on_save_preset),
            (self.rename_preset_button, self._on_rename_preset),
            (self.delete_preset_button, self._on_delete_preset),
            (self.export_preset_button, self._on_export_preset),
            (self.import_preset_button, self._on_import_preset),
        )):
            buttons.addWidget(button, index // 3, index % 3)
            button.clicked.connect(slot)
        form.addRow(QLabel(self.tr("Preset")), self.preset_picker)
        form.addRow(buttons)
        notice = self._presets.notice
        self._preset_notice = QLabel(problem_text(notice) if notice is not None else "")
        self._preset_notice.setObjectName("presetNotice")
        self._preset_notice.setWordWrap(True)
        self._preset_notice.setVisible(notice is not None)
        form.addRow(self._preset_notice)
        self.preset_picker.activated.connect(self._on_pick_preset)
        self._fill_presets()

    def _build_strategy_row(self, form: QFormLayout) -> None:
        self._strategy_group = QButtonGroup(self)
        line = QVBoxLayout()
        names = {"greedy": self.tr("Greedy"), "sample": self.tr("Sampling"),
                 "beam": self.tr("Beam search")}
        tips = {
            "greedy": self.tr("Always the most likely next token. The same prompt gives the "
                              "same reply; it can be flat or repetitive."),
            "sample": self.tr("Each next token is drawn at random among the likely ones, "
                              "shaped by the settings below. Varied and natural; a fixed "
                              "seed repeats a reply."),
            "beam": self.tr("Follows several candidate replies at once and returns the "
                            "likeliest whole reply, not just the likeliest next token. "
                            "Slower; the text appears once all candidates agree on it."),
        }
        self._strategy_buttons: dict[Strategy, QRadioButton] = {}
        for strategy in STRATEGIES:
            button = QRadioButton(names[strategy])
            button.setObjectName(f"strategy_{strategy}")
            button.setToolTip(tips[strategy])
            self._strategy_group.addButton(button)
            self._strategy_buttons[strategy] = button
            line.addWidget(button)
            button.toggled.connect(self._on_strategy_toggled)
        form.addRow(beside(QLabel(self.tr("Strategy")), LessonId.DECODING,
                           self.tr("Lesson: decoding strategies side by side")), line)

    def _build_row(self, form: QFormLayout, row: _Row, label_text: str, tip: str) -> None:
        rng = RANGES[row.name]
        spin: QDoubleSpinBox | QSpinBox
        if row.decimals:
            spin = QDoubleSpinBox()
            spin.setDecimals(row.decimals)
            spin.setSingleStep(row.step)
            spin.setRange(rng.low, rng.high)
        else:
            spin = QSpinBox()
            spin.setSingleStep(int(row.step))
            # QSpinBox is a C int; the seed's top (2**32 - 1) does not fit.
            spin.setRange(int(rng.low), min(int(rng.high), 2**31 - 1))
        spin.setObjectName(f"spin_{row.name}")
        # Room for "0.00" and the arrows in the system font's size, whatever it is.
        spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0") * 12)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        spin.setKeyboardTracking(False)
        spin.setToolTip(tip)
        if row.name == "seed":
            spin.setSpecialValueText(self.tr("random"))
        elif row.name == "logprobs":
            spin.setSpecialValueText(self.tr("off"))
        self._spins[row.name] = spin
        line = QHBoxLayout()
        if row.slider:
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"slider_{row.name}")
            top = row.slider_max if row.slider_max is not None else rng.high
            slider.setRange(0, round((top - rng.low) / row.step))
            slider.setToolTip(tip)
            self._sliders[row.name] = slider
            line.addWidget(slider, 1)
            slider.valueChanged.connect(self._on_slider)
        line.addWidget(spin)
        spin.valueChanged.connect(self._on_spin)
        label = QLabel(label_text)
        label.setToolTip(tip)
        form.addRow(label, line)
        self._lines[row.name] = line

    def _labels(self) -> dict[str, str]:
        return {
            "temperature": self.tr("Temperature"),
            "top_k": self.tr("Top-k"),
            "top_p": self.tr("Top-p"),
            "min_p": self.tr("Min-p"),
            "typical_p": self.tr("Typical-p"),
            "beam_width": self.tr("Beam width"),
            "length_penalty": self.tr("Length penalty"),
            "n_best": self.tr("N-best"),
            "repeat_penalty": self.tr("Repeat penalty"),
            "repeat_last_n": self.tr("Penalty window"),
            "presence_penalty": self.tr("Presence penalty"),
            "frequency_penalty": self.tr("Frequency penalty"),
            "max_tokens": self.tr("Max tokens"),
            "logprobs": self.tr("Probabilities"),
            "seed": self.tr("Seed"),
        }

    def _tooltips(self) -> dict[str, str]:
        return {
            "temperature": self.tr(
                "How adventurous the choice of each next token is. 0 always takes the most "
                "likely token (greedy: the same prompt gives the same reply); higher values "
                "flatten the odds so less likely words get picked more often."),
            "top_k": self.tr(
                "Only the k most likely next tokens stay in the draw. 1 is greedy; 0 turns "
                "this filter off."),
            "top_p": self.tr(
                "Keep the smallest set of likely tokens whose probabilities add up to p "
                "(nucleus sampling). 1 turns this filter off."),
            "min_p": self.tr(
                "Drop tokens less likely than this fraction of the most likely token's "
                "probability. 0 turns this filter off."),
            "typical_p": self.tr(
                "Keep the tokens about as surprising as the model usually is at this "
                "point, dropping both the too obvious and the far-fetched ones. 1 turns "
                "this filter off."),
            "beam_width": self.tr(
                "How many candidate replies beam search follows at each step. More finds "
                "likelier replies but is slower; 1 is the same as greedy."),
            "length_penalty": self.tr(
                "How beam search compares replies of different lengths. 0 ranks by total "
                "probability, which favours short replies; higher values favour longer "
                "ones."),
            "n_best": self.tr(
                "How many of the best beam-search replies to return, best first, to "
                "compare. At most the beam width."),
            "repeat_penalty": self.tr(
                "Makes tokens that appeared in the penalty window less likely, against "
                "loops. 1 means no penalty."),
            "repeat_last_n": self.tr(
                "How many of the reply's latest tokens the repeat, presence and frequency "
                "penalties look at. 0 turns the penalties off."),
            "presence_penalty": self.tr(
                "Lowers every token that already appeared in the window by the same "
                "amount, however often it appeared: a nudge toward new words. 0 means "
                "none; below 0 favours repeating."),
            "frequency_penalty": self.tr(
                "Lowers a token by this much for each time it appeared in the window: the "
                "more it was used, the less likely it is again. 0 means none."),
            "max_tokens": self.tr("The longest reply, in tokens (pieces of words)."),
            "logprobs": self.tr(
                "Also report how likely the model found each token, with this many most "
                "likely alternatives, to see its choices in the chat. 'off' reports none."),
            "seed": self.tr(
                "The starting point of the random draw. The same seed, settings and prompt "
                "give the same reply; 'random' picks a new seed every time."),
        }

    # --- state -------------------------------------------------------------------

    def params(self) -> SamplingParams:
        return self._params

    def set_params(self, params: SamplingParams) -> None:
        self._params = params
        if params.strategy == "sample" and params.temperature > 0:
            self._sample_temperature = params.temperature
        for strategy, button in self._strategy_buttons.items():
            button.blockSignals(True)
            button.setChecked(strategy == params.strategy)
            button.blockSignals(False)
        for name, spin in self._spins.items():
            spin.blockSignals(True)
            spin.setValue(getattr(params, name))
            spin.blockSignals(False)
            self._sync_slider(name)
        self._refresh()

    def _commit(self, params: SamplingParams) -> None:
        """Take settings the person made, show them, and tell the window."""
        self.set_params(params)
        self.changed.emit(self._params)

    def _refresh(self) -> None:
        conflicts = self._params.conflicts()
        involved = {name for c in conflicts for name in c.fields}
        for row in _ROWS:
            shown = self._params.strategy in row.strategies or row.name in involved
            self._form.setRowVisible(self._lines[row.name], shown)
        self._problems.setText("\n".join("⚠ " + problem_text(c.problem) for c in conflicts))
        self._problems.setVisible(bool(conflicts))
        self._update_hint()
        self._select_matching_preset()

    def _sync_slider(self, name: str) -> None:
        slider = self._sliders.get(name)
        if slider is None:
            return
        row = _BY_NAME[name]
        slider.blockSignals(True)
        slider.setValue(round((self._spins[name].value() - RANGES[name].low) / row.step))
        slider.blockSignals(False)

    @Slot(int)
    def _on_slider(self, value: int) -> None:
        slider = self.sender()
        name = next(n for n, s in self._sliders.items() if s is slider)
        row = _BY_NAME[name]
        spin = self._spins[name]
        target = RANGES[name].low + value * row.step
        if isinstance(spin, QSpinBox):
            spin.setValue(round(target))
        else:
            spin.setValue(target)

    @Slot()
    def _on_spin(self) -> None:
        spin = self.sender()
        name = next(n for n, s in self._spins.items() if s is spin)
        value: float = self._spins[name].value()
        if isinstance(self._spins[name], QSpinBox):
            value = int(value)
        changes: dict[str, Any] = {name: value}
        if name == "temperature":
            # Temperature 0 is greedy, and always was: keep the choice in step.
            if value == 0 and self._params.strategy == "sample":
                changes["strategy"] = "greedy"
            elif value > 0 and self._params.strategy == "greedy":
                changes["strategy"] = "sample"
        self._commit(replace(self._params, **changes))

    @Slot(bool)
    def _on_strategy_toggled(self, checked: bool) -> None:
        if not checked:
            return
        strategy = next(s for s, b in self._strategy_buttons.items() if b.isChecked())
        if strategy != self._params.strategy:
            self._commit(self._params.with_strategy(strategy, self._sample_temperature))

    def _update_hint(self) -> None:
        p = self._params
        if p.strategy == "greedy":
            text = self.tr("Greedy: always the most likely token, so the same prompt gives "
                           "the same reply. Raise the temperature to sample instead.")
        elif p.strategy == "beam":
            text = self.tr("Beam search: follows the %1 likeliest partial replies and "
                           "returns the likeliest whole one. Text appears as soon as every "
                           "candidate agrees on it.").replace("%1", str(p.beam_width))
        elif p.top_k == 1:
            text = self.tr("Top-k 1 keeps only the most likely token: the reply is greedy "
                           "whatever the temperature.")
        else:
            text = self.tr("Sampling: each token is drawn at random from the likely ones.")
        self._hint.setText(text)

    # --- presets -------------------------------------------------------------------

    def _fill_presets(self, select: str | None = None) -> None:
        picker = self.preset_picker
        picker.blockSignals(True)
        picker.clear()
        picker.addItem(self.tr("(custom)"), None)
        for preset in self._presets.presets:
            picker.addItem(self._preset_label(preset), preset.name)
        picker.blockSignals(False)
        if select is not None:
            picker.setCurrentIndex(max(0, picker.findData(select)))
            self._update_preset_buttons()
        else:
            self._select_matching_preset()

    def _preset_label(self, preset: Preset) -> str:
        # A built-in preset's names in each language are core's (they are reserved
        # there too); what the picker stores is its stable name.
        return preset.label(language())

    def _select_matching_preset(self) -> None:
        picker = self.preset_picker
        current = picker.currentData()
        chosen = self._presets.get(current) if current else None
        if chosen is None or not chosen.matches(self._params):
            match = self._presets.matching(self._params)
            picker.blockSignals(True)
            picker.setCurrentIndex(max(0, picker.findData(match.name)) if match else 0)
            picker.blockSignals(False)
        self._update_preset_buttons()

    def _current_preset(self) -> Preset | None:
        name = self.preset_picker.currentData()
        return self._presets.get(name) if name else None

    def _update_preset_buttons(self) -> None:
        preset = self._current_preset()
        saved = preset is not None and not preset.builtin
        self.rename_preset_button.setEnabled(saved)
        self.delete_preset_button.setEnabled(saved)
        self.export_preset_button.setEnabled(preset is not None)

    @Slot(int)
    def _on_pick_preset(self, index: int) -> None:
        name = self.preset_picker.itemData(index)
        preset = self._presets.get(name) if name else None
        if preset is not None:
            self._commit(preset.apply(self._params))
            self.preset_picker.setCurrentIndex(max(0, self.preset_picker.findData(name)))
        self._update_preset_buttons()

    @Slot()
    def _on_save_preset(self) -> None:
        current = self._current_preset()
        suggested = current.name if current is not None and not current.builtin else ""
        name = self._ask_name(self.tr("Save preset"), self.tr("Name:"), suggested)
        if name is None:
            return
        existing = self._presets.get(name)
        if existing is not None and not existing.builtin and not self._confirm(
                self.tr("Replace preset"),
                self.tr("A preset named “%1” exists. Replace it?").replace("%1",
                                                                            existing.name)):
            return
        self._act(lambda: self._fill_presets(self._presets.save(name, self._params).name))

    @Slot()
    def _on_rename_preset(self) -> None:
        preset = self._current_preset()
        if preset is None or preset.builtin:
            return
        new = self._ask_name(self.tr("Rename preset"), self.tr("New name:"), preset.name)
        if new is not None:
            self._act(lambda: self._fill_presets(self._presets.rename(preset.name, new).name))

    @Slot()
    def _on_delete_preset(self) -> None:
        preset = self._current_preset()
        if preset is None or preset.builtin:
            return
        if self._confirm(self.tr("Delete preset"),
                         self.tr("Delete the preset “%1”? The current settings stay.")
                         .replace("%1", preset.name)):
            self._act(lambda: self._delete_preset(preset.name))

    def _delete_preset(self, name: str) -> None:
        self._presets.delete(name)
        self._fill_presets()

    @Slot()
    def _on_export_preset(self) -> None:
        preset = self._current_preset()
        if preset is None:
            return
        path = self._ask_save_path(f"{self._preset_label(preset)}.json")
        if path is not None:
            self._act(lambda: self._presets.export(preset.name, path))

    @Slot()
    def _on_import_preset(self) -> None:
        path = self._ask_open_path()
        if path is not None:
            self._act(lambda: self._import_preset(path))

    def _import_preset(self, path: Path) -> None:
        preset = self._presets.import_file(path)
        self._fill_presets(preset.name)
        self._commit(preset.apply(self._params))

    def _act(self, action: Callable[[], object]) -> None:
        try:
            action()
        except BadInput as exc:
            QMessageBox.warning(self, self.tr("Presets"), problem_text(exc))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Presets"),
                                self.tr("Could not save the presets: %1")
                                .replace("%1", str(exc)))

    # --- dialogs (small methods, so tests can answer them) --------------------------

    def _ask_name(self, title: str, label: str, suggested: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal,
                                        suggested)
        return name if ok else None

    def _confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def _ask_save_path(self, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export preset"), suggested,
                                              self.tr("Presets (*.json)"))
        return Path(path) if path else None

    def _ask_open_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import preset"), "",
                                              self.tr("Presets (*.json)"))
        return Path(path) if path else None
