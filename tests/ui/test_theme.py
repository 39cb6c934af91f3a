"""Light and dark themes: forced or following the desktop, icons and baked colours
redrawn, every text role readable (the contrast numbers are in test_accessibility)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from core.chat.screen import Status, Topic
from core.errors import Problem
from core.settings import ThemeChoice
from ui.icons import Icon, set_icon
from ui.palette import contrast, is_dark, roles
from ui.problem_bar import ProblemBar
from ui.status_line import StatusLine
from ui.theme import apply_theme, dark_palette, light_palette, theme_choice, tint

pytestmark = pytest.mark.gui

Role = QPalette.ColorRole


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, given back with the palette and style it had."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield qapp
    apply_theme(qapp, ThemeChoice.SYSTEM)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _window_lightness(app: QApplication) -> int:
    return app.palette().color(Role.Window).lightness()


def test_light_and_dark_are_forced_whatever_the_desktop(app: QApplication) -> None:
    apply_theme(app, ThemeChoice.DARK)
    assert is_dark(app.palette()) and _window_lightness(app) < 64
    assert app.palette().color(Role.Base).lightness() < 64
    assert app.style().name().lower() == "fusion"  # native styles ignore palettes
    assert theme_choice(app) is ThemeChoice.DARK
    apply_theme(app, ThemeChoice.LIGHT)
    assert not is_dark(app.palette()) and _window_lightness(app) > 200
    assert theme_choice(app) is ThemeChoice.LIGHT


def test_dark_is_dark_everywhere(app: QApplication) -> None:
    """Inputs, buttons, tooltips, selections and disabled controls: none left light."""
    palette = dark_palette()
    for role in (Role.Window, Role.Base, Role.AlternateBase, Role.Button, Role.ToolTipBase):
        assert palette.color(role).lightness() < 64, role
    for role in (Role.Window, Role.Base, Role.Button):
        assert palette.color(QPalette.ColorGroup.Disabled, role).lightness() < 64, role
    for role in (Role.Text, Role.WindowText, Role.ButtonText, Role.ToolTipText,
                 Role.PlaceholderText, Role.Link):
        assert palette.color(role).lightness() > 128, role
    assert palette.color(Role.Highlight).lightness() < palette.color(
        Role.HighlightedText).lightness()
    light = light_palette()
    for role in (Role.Window, Role.Base, Role.Button, Role.ToolTipBase):
        assert light.color(role).lightness() > 200, role


def test_system_follows_the_desktops_colour_scheme(app: QApplication) -> None:
    """The offscreen platform reports no scheme and ignores requests for one, so the
    hint's change is sent here as a desktop would send it."""
    hints = app.styleHints()
    apply_theme(app, ThemeChoice.SYSTEM)
    if hints.colorScheme() == Qt.ColorScheme.Unknown:
        # Nothing said: the platform's own palette decides (light offscreen).
        assert not is_dark(app.palette())
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark(app.palette())
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not is_dark(app.palette())
    # A forced choice does not follow the desktop.
    apply_theme(app, ThemeChoice.LIGHT)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark(app.palette())
    apply_theme(app, ThemeChoice.SYSTEM)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark(app.palette())


def _ink(button: QPushButton) -> float:
    """The average lightness of the icon's drawn pixels."""
    image = button.icon().pixmap(24, 24).toImage()
    values = [QColor.fromRgba(image.pixel(x, y)) for x in range(24) for y in range(24)]
    drawn = [c.lightness() for c in values if c.alpha() > 200]
    assert drawn
    return sum(drawn) / len(drawn)


def test_icons_are_redrawn_in_the_themes_colours(app: QApplication, qtbot: QtBot) -> None:
    apply_theme(app, ThemeChoice.LIGHT)
    button = QPushButton()
    qtbot.addWidget(button)
    set_icon(button, Icon.COPY)
    on_light = _ink(button)
    apply_theme(app, ThemeChoice.DARK)
    on_dark = _ink(button)
    assert on_light < 80 < 180 < on_dark


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_roles_are_readable_in_the_applied_theme(app: QApplication,
                                                 choice: ThemeChoice) -> None:
    apply_theme(app, choice)
    palette = app.palette()
    colours = roles()
    for name in ("error", "warning", "muted", "user", "assistant", "link"):
        for ground in (Role.Base, Role.Window):
            assert contrast(getattr(colours, name), palette.color(ground)) >= 4.5, name


def test_tinted_text_keeps_its_meaning_across_themes(app: QApplication, qtbot: QtBot) -> None:
    apply_theme(app, ThemeChoice.LIGHT)
    parent = QWidget()
    qtbot.addWidget(parent)
    label = QLabel("Failed", parent)
    tint(label, "error")
    parent.show()
    ink = label.palette().color(Role.WindowText)
    assert ink.name() == roles().error
    apply_theme(app, ThemeChoice.DARK)
    qtbot.waitUntil(lambda: label.palette().color(Role.WindowText).name() == roles().error)
    assert label.palette().color(Role.WindowText) != ink
    tint(label, None)
    apply_theme(app, ThemeChoice.LIGHT)
    qtbot.waitUntil(lambda: label.palette().color(Role.WindowText)
                    == app.palette().color(Role.WindowText))


def test_problems_are_written_again_in_a_new_themes_colours(app: QApplication,
                                                           qtbot: QtBot) -> None:
    apply_theme(app, ThemeChoice.LIGHT)
    bar = ProblemBar()
    qtbot.addWidget(bar)
    bar.show_problem(Problem.of("test.failed", "It failed.", details="trace"), Topic.MODEL)
    label = bar.findChild(QLabel, "problemText")
    assert label is not None and roles().error in label.text()
    apply_theme(app, ThemeChoice.DARK)
    qtbot.waitUntil(lambda: roles().error in label.text() and roles().link in label.text())
    close = bar.findChild(QWidget, "dismissProblem")
    assert close is not None and close.accessibleName()


def test_the_status_bars_warning_follows_the_theme(app: QApplication, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMainWindow

    apply_theme(app, ThemeChoice.LIGHT)
    window = QMainWindow()
    qtbot.addWidget(window)
    line = StatusLine(window.statusBar())
    window.show()
    line.show(Status(model="m", context_used=900, context_total=1000, context_budget=800))
    label = line.context_label
    assert label.palette().color(Role.WindowText).name() == roles().error
    apply_theme(app, ThemeChoice.DARK)
    qtbot.waitUntil(lambda: label.palette().color(Role.WindowText).name() == roles().error)
    line.show(Status(model="m", context_used=100, context_total=1000))
    assert label.palette().color(Role.WindowText) == app.palette().color(Role.WindowText)


def test_the_conversation_list_is_drawn_again_in_a_new_theme(app: QApplication, qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    from core.conversation.store import ConversationStore
    from ui.sidebar import Sidebar

    apply_theme(app, ThemeChoice.LIGHT)
    store = ConversationStore(tmp_path / "conversations.db")
    sidebar = Sidebar(store)
    qtbot.addWidget(sidebar)
    sidebar.show()
    header = sidebar.list.item(0)  # "No conversations yet"
    assert header.foreground().color().name() == roles().muted
    apply_theme(app, ThemeChoice.DARK)
    qtbot.waitUntil(lambda: sidebar.list.item(0).foreground().color().name() == roles().muted)
    sidebar.hide()
    store.close()
    # Hidden (its window closed, its store given back): drawn again only when shown.
    apply_theme(app, ThemeChoice.LIGHT)


def test_an_unticked_check_box_shows_in_the_dark_theme(app: QApplication,
                                                      qtbot: QtBot) -> None:
    """Fusion outlines a check box with its Window colour darkened: in the dark palette
    that was near black on near black, so an unticked box did not show."""
    from PySide6.QtWidgets import QCheckBox

    apply_theme(app, ThemeChoice.DARK)
    box = QCheckBox("Unit conversion")
    qtbot.addWidget(box)
    box.ensurePolished()  # class palettes apply when a widget is polished (shown)
    outline = box.palette().color(Role.Window)
    base = app.palette().color(Role.Base)
    assert outline == app.palette().color(Role.Text)
    assert contrast(outline.darker(140), base) >= 3.0
    apply_theme(app, ThemeChoice.LIGHT)
    light = QCheckBox()
    qtbot.addWidget(light)
    light.ensurePolished()
    assert light.palette().color(Role.Window) == app.palette().color(Role.Window)
