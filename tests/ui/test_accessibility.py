"""Accessibility: text contrast of at least 4.5:1 in both themes, computed from the
palettes, and every control of the real window and its dialogs explained by a tooltip
or an accessible name and reachable by keyboard; no colour or pixel font size written
into a widget."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from core.engine.protocol import PromptInspection, PromptToken
from core.errors import Problem
from core.settings import ThemeChoice
from tests.ui.conftest import OpenWindow
from ui.palette import MIN_CONTRAST, Roles, contrast, marks, roles
from ui.theme import apply_theme, dark_palette, light_palette

pytestmark = pytest.mark.gui

Role = QPalette.ColorRole
UI = Path(__file__).resolve().parents[2] / "ui"

# --- contrast ----------------------------------------------------------------------

#: Text drawn on a background, by palette role: every pair a widget draws text with.
TEXT_PAIRS = [
    (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.WindowText, Role.Window), (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight), (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base), (Role.Link, Role.Base), (Role.Link, Role.Window),
    (Role.LinkVisited, Role.Base), (Role.BrightText, Role.Highlight),
]
THEMES = {"light": light_palette, "dark": dark_palette}


@pytest.mark.parametrize("theme", THEMES)
def test_palette_text_reaches_aa_contrast(qapp: QApplication, theme: str) -> None:
    palette = THEMES[theme]()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, ground in TEXT_PAIRS:
            ratio = contrast(palette.color(group, text), palette.color(group, ground))
            assert ratio >= MIN_CONTRAST, (theme, group, text, ground, round(ratio, 2))


@pytest.mark.parametrize("theme", THEMES)
def test_every_role_reaches_aa_contrast_on_base_and_window(qapp: QApplication,
                                                           theme: str) -> None:
    palette = THEMES[theme]()
    colours = roles(palette)
    for field in fields(Roles):
        for ground in (Role.Base, Role.Window):
            ratio = contrast(getattr(colours, field.name), palette.color(ground))
            assert ratio >= MIN_CONTRAST, (theme, field.name, ground, round(ratio, 2))


@pytest.mark.parametrize("theme", THEMES)
def test_marks_on_their_own_background_reach_aa_contrast(qapp: QApplication,
                                                         theme: str) -> None:
    drawn = marks(THEMES[theme]())
    assert drawn.dark == (theme == "dark")
    for text, ground in drawn.pairs():
        assert contrast(text, ground) >= MIN_CONTRAST, (theme, text, ground)


@pytest.mark.parametrize("base, text, window", [
    ("#202020", "#e0e0e0", "#2b2b2b"),  # a desktop's dark palette
    ("#ffffff", "#000000", "#efefef"),  # Qt's default light palette
    ("#fdf6e3", "#586e75", "#eee8d5"),  # a low-contrast "solarized" light theme
])
def test_roles_stay_readable_on_a_desktops_own_palette(qapp: QApplication, base: str,
                                                       text: str, window: str) -> None:
    palette = QPalette()
    for role, colour in ((Role.Base, base), (Role.Text, text), (Role.Window, window),
                         (Role.WindowText, text)):
        palette.setColor(role, colour)
    colours = roles(palette)
    for field in fields(Roles):
        for ground in (base, window):
            assert contrast(getattr(colours, field.name), ground) >= MIN_CONTRAST, field.name


def test_contrast_is_wcags() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # WCAG's own
    assert contrast("#ffffff", "#767676") == contrast("#767676", "#ffffff")


# --- no baked colours or pixel fonts in widgets --------------------------------------

_HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-zA-Z_])")
_PIXEL_FONT = re.compile(r"setPixelSize\(|font-size\s*:\s*\d+(\.\d+)?px|setPointSize\(\s*\d")
#: The two modules whose job is to name colours.
_COLOUR_MODULES = {"palette.py", "theme.py"}


def _strings(path: Path) -> Iterator[tuple[int, str]]:
    source = path.read_text("utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
            yield token.start[0], token.string


def test_no_widget_names_a_colour_or_a_pixel_font_size() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name in _COLOUR_MODULES and path.parent == UI:
            continue
        for line, text in _strings(path):
            if _HEX.search(text):
                found.append(f"{path.relative_to(UI)}:{line}: {text[:60]}")
        for number, line_text in enumerate(path.read_text("utf-8").splitlines(), 1):
            if _PIXEL_FONT.search(line_text):
                found.append(f"{path.relative_to(UI)}:{number}: {line_text.strip()[:60]}")
    assert not found, "\n".join(found)


# --- controls: explained and reachable -----------------------------------------------

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSlider,
            QAbstractSpinBox)

#: Controls in files others are changing now, failing the checks below, by
#: ``_name``: each is fixed there, and its entry removed.
ALLOWED: dict[str, str] = {}


def _part_of_another_control(widget: QWidget) -> bool:
    """Pieces Qt builds inside a control (a spin box's line edit, a line edit's clear
    button, a tab bar's scroll arrows, a scroll area's bars): the control speaks for them."""
    if isinstance(widget, QScrollBar) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit | QTabBar)


def _name(widget: QWidget) -> str:
    """Where a control is: its named ancestors, its class, and its name or text."""
    names = []
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() and not parent.objectName().startswith("qt_"):
            names.append(parent.objectName())
        parent = parent.parentWidget()
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    own = widget.objectName() or repr(text)
    return "/".join([*reversed(names[:2]), f"{type(widget).__name__}[{own}]"])


def _visible_controls(top: QWidget) -> list[tuple[str, QWidget]]:
    """Every visible control of ``top`` and its name, each tab of its tab widgets in
    turn."""
    seen: dict[int, tuple[str, QWidget]] = {}

    def collect() -> None:
        for widget in top.findChildren(QWidget):
            if (isinstance(widget, CONTROLS) and widget.isVisible()
                    and not _part_of_another_control(widget)):
                seen.setdefault(id(widget), (_name(widget), widget))

    collect()
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            collect()
        tabs.setCurrentIndex(current)
    return list(seen.values())


def _failures(top: QWidget) -> list[str]:
    failures = []
    for name, widget in _visible_controls(top):
        problems = []
        if not widget.toolTip().strip() and not widget.accessibleName().strip():
            problems.append("no tooltip or accessible name")
        if (isinstance(widget, QAbstractButton) and not widget.text().strip()
                and not widget.accessibleName().strip()):
            problems.append("icon-only without an accessible name")
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            problems.append("not reachable by keyboard")
        if problems and name not in ALLOWED:
            failures.append(f"{name}: {', '.join(problems)}")
    return failures


def _check(top: QWidget) -> None:
    assert _visible_controls(top), "nothing to check: the walk found no control"
    failures = _failures(top)
    assert not failures, "\n".join(failures)


def test_the_check_finds_unexplained_unreachable_and_nameless_controls(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QToolButton, QVBoxLayout

    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    bare = QPushButton("Bare")
    icon_only = QToolButton()
    icon_only.setToolTip("Close")
    unreachable = QPushButton("Mouse only")
    unreachable.setToolTip("Only a mouse gets here")
    unreachable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    fine = QLineEdit()
    fine.setAccessibleName("Search")
    for widget in (bare, icon_only, unreachable, fine):
        layout.addWidget(widget)
    top.show()
    assert sorted(_failures(top)) == [
        "QPushButton['Bare']: no tooltip or accessible name",
        "QPushButton['Mouse only']: not reachable by keyboard",
        "QToolButton['']: icon-only without an accessible name",
    ]


@pytest.fixture(params=["light", "dark"])
def themed(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    apply_theme(qapp, ThemeChoice(request.param))
    yield request.param
    apply_theme(qapp, ThemeChoice.SYSTEM)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _inspection() -> PromptInspection:
    tokens = tuple(PromptToken(i, piece, piece.startswith("<|"))
                   for i, piece in enumerate(["<|im_start|>", "user\nHi", "<|im_end|>"]))
    return PromptInspection(1, "".join(t.piece for t in tokens), tokens, 4096, "chat",
                            "ChatML", Problem.of("test.reason", "The model's own."), True)


def test_the_window_and_its_dialogs_explain_every_control(qtbot: QtBot,
                                                          open_scripted: OpenWindow,
                                                          themed: str) -> None:
    from ui.about_dialog import AboutDialog
    from ui.details_dialog import DetailsDialog
    from ui.prompt_inspector import PromptInspector
    from ui.template_editor import TemplateEditor

    window, _engine = open_scripted()
    window.sidebar.undo_bar.setVisible(True)  # shown after a deletion
    window.show_problem(Problem.of("test.failed", "It failed.", details="trace"))
    _check(window)

    loaded = window.loaded
    assert loaded is not None
    dialogs: list[QDialog] = [
        PromptInspector(_inspection(), window),
        TemplateEditor(loaded, None, window),
        AboutDialog(window.paths, None, window),
        DetailsDialog(Problem.of("test.failed", "It failed.", details="trace"), window),
    ]
    models: Any = window.show_models()
    assert models is not None
    models.library_view.offer_button.setVisible(True)  # shown when other apps' models exist
    row = models.downloads_view._row(7, "someone/model", ("model.gguf",))
    row.set_state(row.state)
    dialogs.append(models)
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        _check(dialog)
        dialog.close()


def test_the_template_editor_tabs_in_reading_order(qtbot: QtBot,
                                                   open_scripted: OpenWindow) -> None:
    from ui.template_editor import TemplateEditor

    window, _engine = open_scripted()
    assert window.loaded is not None
    editor = TemplateEditor(window.loaded, None, window)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    order = []
    widget: QWidget | None = editor.editor
    for _ in range(40):
        assert widget is not None
        if (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and isinstance(widget, CONTROLS)):
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is editor.editor:
            break
    assert order[:4] == [editor.editor, editor.preview, editor.reset_button,
                         editor.save_button]
    # Tab leaves the editors: a keyboard user is never stuck in one.
    assert editor.editor.tabChangesFocus()
    assert window.system_prompt.editor.tabChangesFocus()
    editor.close()


def test_keyboard_focus_is_drawn_in_both_themes(qtbot: QtBot, themed: str) -> None:
    """Tabbing onto a control changes how it looks (Fusion's focus ring, in the
    theme's highlight)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QCheckBox, QPushButton, QSlider, QVBoxLayout

    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    start = QPushButton("Start")
    controls: list[QWidget] = [QPushButton("Button"), QCheckBox("Check"), QLineEdit("Field"),
                               QComboBox(), QSlider(Qt.Orientation.Horizontal)]
    for widget in (start, *controls):
        layout.addWidget(widget)
    with qtbot.waitActive(top):
        top.show()
        top.activateWindow()
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    unfocused = [widget.grab().toImage() for widget in controls]
    for widget, before in zip(controls, unfocused, strict=True):
        QTest.keyClick(QApplication.focusWidget() or top, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget
        assert widget.grab().toImage() != before, type(widget).__name__
