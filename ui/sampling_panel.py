"""Sliders with numeric read-outs for the sampling settings.

Each row is a slider and a spin box that mirror each other; the spin box is the source
of truth (sliders only have integer steps).  Tooltips explain what a setting does to
the choice of the next token, in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QWidget,
)

from core.sampling import RANGES, SamplingParams


@dataclass(frozen=True)
class _Row:
    name: str
    decimals: int
    step: float
    #: Slider range when it differs from the accepted range (seed: the slider is useless
    #: over 2**32 values, so only the spin box is shown).
    slider_max: float | None = None
    slider: bool = True


_ROWS = (
    _Row("temperature", 2, 0.05, slider_max=2.0),
    _Row("top_k", 0, 1, slider_max=200),
    _Row("top_p", 2, 0.01),
    _Row("min_p", 2, 0.01),
    _Row("repeat_penalty", 2, 0.01, slider_max=2.0),
    _Row("max_tokens", 0, 16, slider_max=8192),
    _Row("seed", 0, 1, slider=False),
)


class SamplingPanel(QWidget):
    changed = Signal(object)  # SamplingParams

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplingPanel")
        self._params = SamplingParams()
        self._spins: dict[str, QDoubleSpinBox | QSpinBox] = {}
        self._sliders: dict[str, QSlider] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels = self._labels()
        tips = self._tooltips()
        for row in _ROWS:
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
            spin.setMinimumWidth(96)
            spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
            spin.setKeyboardTracking(False)
            spin.setToolTip(tips[row.name])
            if row.name == "seed":
                spin.setSpecialValueText(self.tr("random"))
            self._spins[row.name] = spin
            line = QHBoxLayout()
            if row.slider:
                slider = QSlider(Qt.Orientation.Horizontal)
                slider.setObjectName(f"slider_{row.name}")
                top = row.slider_max if row.slider_max is not None else rng.high
                slider.setRange(0, round((top - rng.low) / row.step))
                slider.setToolTip(tips[row.name])
                self._sliders[row.name] = slider
                line.addWidget(slider, 1)
                slider.valueChanged.connect(self._on_slider)
            line.addWidget(spin)
            spin.valueChanged.connect(self._on_spin)
            label = QLabel(labels[row.name])
            label.setToolTip(tips[row.name])
            form.addRow(label, line)
        self._hint = QLabel()
        self._hint.setWordWrap(True)
        self._hint.setObjectName("samplingHint")
        form.addRow(self._hint)
        self.set_params(self._params)

    def _labels(self) -> dict[str, str]:
        return {
            "temperature": self.tr("Temperature"),
            "top_k": self.tr("Top-k"),
            "top_p": self.tr("Top-p"),
            "min_p": self.tr("Min-p"),
            "repeat_penalty": self.tr("Repeat penalty"),
            "max_tokens": self.tr("Max tokens"),
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
            "repeat_penalty": self.tr(
                "Makes tokens that appeared recently less likely, against loops. 1 means "
                "no penalty."),
            "max_tokens": self.tr("The longest reply, in tokens (pieces of words)."),
            "seed": self.tr(
                "The starting point of the random draw. The same seed, settings and prompt "
                "give the same reply; 'random' picks a new seed every time."),
        }

    # --- state -------------------------------------------------------------------

    def params(self) -> SamplingParams:
        return self._params

    def set_params(self, params: SamplingParams) -> None:
        self._params = params
        for name, spin in self._spins.items():
            spin.blockSignals(True)
            spin.setValue(getattr(params, name))
            spin.blockSignals(False)
            self._sync_slider(name)
        self._update_hint()

    def _sync_slider(self, name: str) -> None:
        slider = self._sliders.get(name)
        if slider is None:
            return
        row = next(r for r in _ROWS if r.name == name)
        slider.blockSignals(True)
        slider.setValue(round((self._spins[name].value() - RANGES[name].low) / row.step))
        slider.blockSignals(False)

    @Slot(int)
    def _on_slider(self, value: int) -> None:
        slider = self.sender()
        name = next(n for n, s in self._sliders.items() if s is slider)
        row = next(r for r in _ROWS if r.name == name)
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
        self._sync_slider(name)
        value: float = self._spins[name].value()
        if isinstance(self._spins[name], QSpinBox):
            value = int(value)
        changes: dict[str, Any] = {name: value}
        self._params = replace(self._params, **changes)
        self._update_hint()
        self.changed.emit(self._params)

    def _update_hint(self) -> None:
        p = self._params
        if p.is_greedy:
            text = self.tr("Greedy: always the most likely token. Top-k, top-p, min-p and the "
                           "seed have no effect at temperature 0.")
        elif p.top_k == 1:
            text = self.tr("Top-k 1 keeps only the most likely token: the reply is greedy "
                           "whatever the temperature.")
        else:
            text = self.tr("Sampling: each token is drawn at random from the likely ones.")
        self._hint.setText(text)
