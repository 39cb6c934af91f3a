"""Check boxes inside item views that show in a dark theme too.

Fusion outlines a check box with the palette's Window colour darkened, and fills it with
Base: in Prosa's dark palette both are near black, so an unticked box in a list or tree
(an MCP server turned off, a tool not chosen) did not show at all.  The view gets a
Window colour of its own, light enough that the outline Fusion derives from it shows
on Base; Window is not otherwise drawn inside an item view.  Kept right on theme
changes (``ui.theme.follow_palette``).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView

from ui.palette import is_dark
from ui.theme import follow_palette

#: The Window colour a dark view gets: Fusion darkens it by 140 % for the outline,
#: which then reads about 3:1 on the dark Base (WCAG's contrast for controls).
_DARK_OUTLINE_SOURCE = "#9a9ea6"


def visible_checks(view: QAbstractItemView) -> None:
    """Keep ``view``'s check boxes visible in light and dark palettes."""

    def update() -> None:
        palette = QPalette(view.palette())
        application = QGuiApplication.palette()
        window = QColor(_DARK_OUTLINE_SOURCE) if is_dark(application) \
            else application.color(QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorRole.Window, window)
        view.setPalette(palette)

    follow_palette(view, update)
