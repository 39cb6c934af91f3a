"""Prosa's icons, by meaning, drawn from a maintained icon font and coloured by the theme.

Widgets ask for what an icon means (``Icon.NEW_CHAT``), never for a font glyph, so the
set can change in one place.  The glyphs are Material Design Icons (Apache 2.0) as
shipped by qtawesome (MIT), drawn as vectors at any size and in any colour: crisp on
high-DPI screens, and recoloured when the theme changes.

An icon takes its colour from the application palette when it is set, so a theme change
must set it again: :func:`set_icon` remembers (weakly) which buttons and actions show
which icon, and :func:`refresh` re-applies them all; ``ui.theme`` calls it after every
palette change.
"""

from __future__ import annotations

import weakref
from enum import StrEnum

from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QAbstractButton, QLabel


class Icon(StrEnum):
    """What an icon means, and the glyph that shows it (``mdi6`` names)."""

    APP_EXIT = "mdi6.exit-to-app"
    ABOUT = "mdi6.information-outline"
    ALERT = "mdi6.alert-circle-outline"
    BRANCH = "mdi6.source-branch"
    BUG = "mdi6.bug-outline"
    CANCEL = "mdi6.close"
    CHECK = "mdi6.check"
    CLOSE = "mdi6.close"
    CODE = "mdi6.code-braces"
    COPY = "mdi6.content-copy"
    DELETE = "mdi6.delete-outline"
    DOWNLOAD = "mdi6.download"
    EDIT = "mdi6.pencil-outline"
    EJECT = "mdi6.eject"
    ENGINE = "mdi6.chip"
    EXPORT = "mdi6.export-variant"
    FIND = "mdi6.magnify"
    FOLDER = "mdi6.folder-outline"
    FULL_SCREEN = "mdi6.fullscreen"
    HELP = "mdi6.help-circle-outline"
    HUB = "mdi6.cloud-download-outline"
    IMPORT = "mdi6.import"
    INSPECT = "mdi6.eye-outline"
    KEYBOARD = "mdi6.keyboard-outline"
    LESSON = "mdi6.school-outline"
    LIBRARY = "mdi6.book-open-variant"
    LINK = "mdi6.open-in-new"
    LOG = "mdi6.file-document-outline"
    MODEL = "mdi6.cube-outline"
    MORE = "mdi6.dots-horizontal"
    NEW_CHAT = "mdi6.message-plus-outline"
    NEXT = "mdi6.arrow-right"
    OFFLINE = "mdi6.wifi-off"
    OPEN = "mdi6.folder-open-outline"
    PAUSE = "mdi6.pause"
    PIN = "mdi6.pin-outline"
    PREFERENCES = "mdi6.cog-outline"
    PREVIOUS = "mdi6.arrow-left"
    PROBABILITIES = "mdi6.chart-bar"
    PROMPT = "mdi6.card-text-outline"
    REGENERATE = "mdi6.refresh"
    RESUME = "mdi6.play"
    SAMPLING = "mdi6.tune-variant"
    SEARCH_ALL = "mdi6.text-search"
    SEND = "mdi6.send"
    SIDE_PANELS = "mdi6.view-split-vertical"
    STAR = "mdi6.star-outline"
    STOP = "mdi6.stop-circle-outline"
    SYSTEM_PROMPT = "mdi6.account-outline"
    THEME = "mdi6.theme-light-dark"
    THINKING = "mdi6.head-lightbulb-outline"
    TIP = "mdi6.lightbulb-on-outline"
    UNLOAD = "mdi6.eject"
    UNPIN = "mdi6.pin-off-outline"
    ZOOM_IN = "mdi6.magnify-plus-outline"
    ZOOM_OUT = "mdi6.magnify-minus-outline"
    ZOOM_RESET = "mdi6.magnify"


def icon(which: Icon, colour: str | None = None) -> QIcon:
    """The icon in ``colour`` (``#rrggbb``; the palette's button text by default), with
    the palette's disabled text colour for the disabled state."""
    import qtawesome  # imported on first use: keeps it off the start-up path until then

    palette = QGuiApplication.palette()
    normal = colour or palette.color(QPalette.ColorRole.ButtonText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    made: QIcon = qtawesome.icon(which.value, color=normal, color_disabled=disabled)
    return made


#: What shows which icon: re-applied by :func:`refresh` after a palette change.
_SHOWN: weakref.WeakKeyDictionary[QAbstractButton | QAction, tuple[Icon, str | None]] = (
    weakref.WeakKeyDictionary())


def set_icon(target: QAbstractButton | QAction, which: Icon, colour: str | None = None) -> None:
    """Show ``which`` on a button or action, and keep it in the theme's colours."""
    target.setIcon(icon(which, colour))
    _SHOWN[target] = (which, colour)


def set_pixmap(label: QLabel, which: Icon, size: int = 16, colour: str | None = None) -> None:
    """Show ``which`` as a label's picture (a dialog's heading, an empty state)."""
    label.setPixmap(icon(which, colour).pixmap(size, size))


def refresh() -> None:
    """Draw every icon shown through :func:`set_icon` again in the current palette."""
    for target, (which, colour) in list(_SHOWN.items()):
        try:
            target.setIcon(icon(which, colour))
        except RuntimeError:  # the Qt object is gone; its wrapper is not yet
            _SHOWN.pop(target, None)
