"""Check boxes inside item views that show in a dark theme too.

Fusion outlines a check box with the palette's Window colour darkened, and fills it with
Base: in Prosa's dark palette both are near black, so an unticked box in a list or tree
(an MCP server turned off, a tool not chosen) did not show at all.  A dark view gets
the palette's Text colour as its Window colour, so the outline Fusion derives from it
(about 70 % of it) reads clearly on Base; Window is not otherwise drawn inside an item
view.  Kept right on theme changes (``ui.theme.follow_palette``).
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView

from ui.palette import is_dark
from ui.theme import follow_palette


def visible_checks(view: QAbstractItemView) -> None:
    """Keep ``view``'s check boxes visible in light and dark palettes."""

    def update() -> None:
        palette = QPalette(view.palette())
        application = QGuiApplication.palette()
        window = application.color(QPalette.ColorRole.Text if is_dark(application)
                                   else QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorRole.Window, window)
        view.setPalette(palette)

    follow_palette(view, update)
