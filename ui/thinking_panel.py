"""A conversation's thinking controls: whether the model thinks, how long it may, and
the switches its chat template declares.

* "Thinking": the template's own default, on, or off (``ThinkingMode``); the engine
  turns the choice into whatever the model's family understands (a template variable,
  a ``/no_think``-style token, a Harmony effort).
* "Budget": how many tokens the reasoning may take (0: no budget).  When it is reached
  the model is told to answer, so thinking can never eat the whole reply.
* One control per template switch (``core.templates.switches.Switch``:
  ``enable_thinking``, ``reasoning_effort``, ``thinking_budget`` ...): booleans as
  three-state check boxes, choices as lists, numbers as number boxes, each starting at
  "model default", which leaves the variable out so the template's own default
  applies.  The group is hidden when the model's template declares none.

The panel only says what the person chose (``changed``); the window stores it with the
conversation and the engine applies it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.output.types import ThinkingMode
from core.templates.switches import Switch

#: The budget's range and step, in tokens.
BUDGET_MAX = 262_144
BUDGET_STEP = 256
#: A number switch's range (its box's lowest value, one below, means "model default").
NUMBER_MAX = 1_000_000_000


def switch_label(name: str) -> str:
    """A variable's name as a label: ``enable_thinking`` → "Enable thinking"."""
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else name


def _shown(value: object) -> str:
    """A default as the person reads it."""
    if isinstance(value, bool):
        return (QCoreApplication.translate("ThinkingPanel", "on") if value
                else QCoreApplication.translate("ThinkingPanel", "off"))
    return QCoreApplication.translate("ThinkingPanel", "not set") if value is None else str(value)


class ThinkingPanel(QWidget):
    #: The person changed something: mode (ThinkingMode), budget (int tokens, or None
    #: for no budget) and the switches set away from the model's default ({name: value}).
    changed = Signal(object, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingPanel")
        #: The switch values given or chosen, by name, kept for switches not shown now.
        self._options: dict[str, object] = {}
        self._switches: list[Switch] = []
        self._checks: dict[str, QCheckBox] = {}
        self._combos: dict[str, QComboBox] = {}
        self._numbers: dict[str, QSpinBox | QDoubleSpinBox] = {}

        self.mode_box = QComboBox()
        self.mode_box.setObjectName("thinkingMode")
        for mode, text in ((ThinkingMode.DEFAULT, self.tr("Model default")),
                           (ThinkingMode.ON, self.tr("On")),
                           (ThinkingMode.OFF, self.tr("Off"))):
            self.mode_box.addItem(text, mode)
        self.mode_box.setToolTip(self.tr(
            "Whether the model reasons before it answers. Model default leaves it to the "
            "chat template; On and Off switch it for every model that can think."))
        self.mode_box.setAccessibleName(self.tr("Thinking"))

        self.budget_box = QSpinBox()
        self.budget_box.setObjectName("thinkingBudget")
        self.budget_box.setRange(0, BUDGET_MAX)
        self.budget_box.setSingleStep(BUDGET_STEP)
        self.budget_box.setSpecialValueText(self.tr("No budget"))
        self.budget_box.setSuffix(self.tr(" tokens"))
        self.budget_box.setToolTip(self.tr(
            "The most tokens the model may think for (0: no budget). When it is reached, "
            "the thinking is closed and the model is told to answer, so a reply is never "
            "empty because thinking used up the maximum reply length."))
        self.budget_box.setAccessibleName(self.tr("Thinking budget in tokens"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Thinking:"), self.mode_box)
        form.addRow(self.tr("&Budget:"), self.budget_box)

        self.switches_box = QGroupBox(self.tr("Template switches"))
        self.switches_box.setObjectName("templateSwitches")
        self.switches_box.setToolTip(self.tr(
            "Variables the model's chat template reads. Each starts at the model's "
            "default; set one to override it for this conversation."))
        self._switch_form = QFormLayout(self.switches_box)
        self._switch_form.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.switches_box.hide()

        intro = QLabel(self.tr("Whether and how long the model reasons before it answers, "
                               "for this conversation. Models that cannot think ignore "
                               "it."))
        intro.setObjectName("thinkingIntro")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.switches_box)
        layout.addStretch(1)

        self.mode_box.currentIndexChanged.connect(self._on_change)
        self.budget_box.valueChanged.connect(self._on_change)
        self._sync_budget()

    # --- what the window calls --------------------------------------------------------

    def set_switches(self, switches: Sequence[Switch]) -> None:
        """The switches of the model's template: one control each, set to the value
        given for it (``set_values``) or to "model default"; none hides the group."""
        for widget in self.controls().values():
            self._switch_form.removeRow(widget)
        self._checks.clear()
        self._combos.clear()
        self._numbers.clear()
        self._switches = list(switches)
        for switch in self._switches:
            if switch.is_boolean:
                self._add_boolean(switch)
            elif switch.choices:
                self._add_choice(switch)
            else:
                self._add_number(switch)
        self.switches_box.setVisible(bool(self._switches))
        self._show_options()

    def set_values(self, mode: ThinkingMode, budget: int | None,
                   options: Mapping[str, object]) -> None:
        """Show a conversation's choices (``changed`` is not emitted)."""
        self._options = dict(options)
        self.blockSignals(True)
        try:
            index = self.mode_box.findData(ThinkingMode(mode))
            self.mode_box.setCurrentIndex(max(0, index))
            self.budget_box.setValue(budget or 0)
            self._show_options()
        finally:
            self.blockSignals(False)
        self._sync_budget()

    def mode(self) -> ThinkingMode:
        return ThinkingMode(self.mode_box.currentData())

    def budget(self) -> int | None:
        """The budget in tokens, None for none."""
        return self.budget_box.value() or None

    def options(self) -> dict[str, object]:
        """The switches shown that are set away from the model's default."""
        shown = self.controls()
        return {name: value for name, value in self._options.items() if name in shown}

    def controls(self) -> dict[str, QWidget]:
        """The control of each switch shown, by name."""
        return {**self._checks, **self._combos, **self._numbers}

    # --- building ---------------------------------------------------------------------

    def _add_boolean(self, switch: Switch) -> None:
        check = QCheckBox(switch_label(switch.name))
        check.setObjectName(f"switch_{switch.name}")
        check.setTristate(True)
        check.setCheckState(Qt.CheckState.PartiallyChecked)
        check.setToolTip(self.tr(
            "The template's variable %1. Filled: the model's default (%2); checked: on; "
            "empty: off.").replace("%1", switch.name).replace("%2", _shown(switch.default)))
        check.setAccessibleName(switch_label(switch.name))
        check.checkStateChanged.connect(lambda _state, name=switch.name: self._on_switch(name))
        self._checks[switch.name] = check
        self._switch_form.addRow(check)

    def _add_choice(self, switch: Switch) -> None:
        combo = QComboBox()
        combo.setObjectName(f"switch_{switch.name}")
        combo.addItem(self.tr("Model default (%1)").replace("%1", _shown(switch.default)),
                      None)
        for choice in switch.choices:
            combo.addItem(str(choice), choice)
        combo.setToolTip(self.tr("The template's variable %1; model default leaves it to "
                                 "the template.").replace("%1", switch.name))
        combo.setAccessibleName(switch_label(switch.name))
        combo.currentIndexChanged.connect(lambda _i, name=switch.name: self._on_switch(name))
        self._combos[switch.name] = combo
        self._switch_form.addRow(switch_label(switch.name) + ":", combo)

    def _add_number(self, switch: Switch) -> None:
        box: QSpinBox | QDoubleSpinBox
        if isinstance(switch.default, float):
            box = QDoubleSpinBox()
            box.setDecimals(2)
        else:
            box = QSpinBox()
        # One below the lowest number: "model default", shown as such.
        box.setRange(-1, NUMBER_MAX)
        box.setObjectName(f"switch_{switch.name}")
        box.setSpecialValueText(self.tr("Model default (%1)")
                                .replace("%1", _shown(switch.default)))
        box.setValue(-1)
        box.setToolTip(self.tr("The template's variable %1; its lowest value, model "
                               "default, leaves it to the template.")
                       .replace("%1", switch.name))
        box.setAccessibleName(switch_label(switch.name))
        box.valueChanged.connect(lambda _v, name=switch.name: self._on_switch(name))
        self._numbers[switch.name] = box
        self._switch_form.addRow(switch_label(switch.name) + ":", box)

    def _show_options(self) -> None:
        """Set each switch's control to the value kept for it (or "model default")."""
        for name, check in self._checks.items():
            value = self._options.get(name)
            state = (Qt.CheckState.PartiallyChecked if not isinstance(value, bool)
                     else Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            check.blockSignals(True)
            check.setCheckState(state)
            check.blockSignals(False)
        for name, combo in self._combos.items():
            found = combo.findData(self._options[name]) if name in self._options else 0
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, found))
            combo.blockSignals(False)
        for name, box in self._numbers.items():
            value = self._options.get(name)
            number = (value if isinstance(value, (int, float))
                      and not isinstance(value, bool) and value >= 0 else -1)
            box.blockSignals(True)
            if isinstance(box, QSpinBox):
                box.setValue(int(number))
            else:
                box.setValue(float(number))
            box.blockSignals(False)

    # --- changes ------------------------------------------------------------------------

    def _on_switch(self, name: str) -> None:
        if name in self._checks:
            state = self._checks[name].checkState()
            if state == Qt.CheckState.PartiallyChecked:
                self._options.pop(name, None)
            else:
                self._options[name] = state == Qt.CheckState.Checked
        elif name in self._combos:
            value = self._combos[name].currentData()
            if value is None:
                self._options.pop(name, None)
            else:
                self._options[name] = value
        else:
            number = self._numbers[name].value()
            if number < 0:
                self._options.pop(name, None)
            else:
                self._options[name] = number
        self._on_change()

    def _sync_budget(self) -> None:
        """A budget means nothing when thinking is off."""
        self.budget_box.setEnabled(self.mode() != ThinkingMode.OFF)

    def _on_change(self, *_: object) -> None:
        self._sync_budget()
        self.changed.emit(self.mode(), self.budget(), self.options())
