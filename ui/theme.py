"""Light and dark themes: the desktop's choice, or one the user forces.

Prosa draws with the Fusion style and a palette designed here for each scheme, whatever
the desktop: native styles (Windows' and macOS's) ignore parts of a palette, so a dark
palette there gives light buttons with light text, and a desktop's own palette is not
known to keep 4.5:1 contrast everywhere.  The two palettes here do, for text, inputs,
buttons, tooltips, links, highlighted text and placeholders (the accessibility test
computes it); text roles by meaning come from ``ui.palette.roles``.

"Follow the system" reads Qt's colour-scheme hint (``QStyleHints.colorScheme``) and
follows its changes while the app runs.  Where the platform says nothing (``Unknown``:
some desktops, offscreen tests) the palette the platform gave the app before the first
theme decides.  Forcing light or dark also sets the hint, where Qt can (6.8+), so what
Qt draws natively (title bars, file dialogs) follows.

Widgets that bake colours into text or stylesheets redraw on ``QEvent.PaletteChange``;
:func:`follow_palette` is the one-line way to do it, and icons are redrawn here through
``ui.icons.refresh``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from core.settings import ThemeChoice
from ui import icons
from ui.palette import contrast, is_dark, roles

__all__ = ["apply_theme", "contrast", "dark_palette", "follow_palette", "is_dark",
           "light_palette", "roles", "theme_choice", "tint"]

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

#: Each scheme's colours by palette role (active and inactive windows alike).
_LIGHT = {
    Role.Window: "#f3f3f3", Role.WindowText: "#1f1f1f",
    Role.Base: "#ffffff", Role.AlternateBase: "#f5f7fa", Role.Text: "#1f1f1f",
    Role.Button: "#f7f7f7", Role.ButtonText: "#1f1f1f", Role.BrightText: "#ffffff",
    Role.Light: "#ffffff", Role.Midlight: "#e8e8e8", Role.Mid: "#c6c6c6",
    Role.Dark: "#a0a0a0", Role.Shadow: "#767676",
    Role.Highlight: "#2a62c9", Role.HighlightedText: "#ffffff", Role.Accent: "#2a62c9",
    Role.Link: "#1d5bbf", Role.LinkVisited: "#6b3fb0",
    Role.ToolTipBase: "#fdfdf2", Role.ToolTipText: "#1f1f1f",
    Role.PlaceholderText: "#6b6b6b",
}
_DARK = {
    Role.Window: "#202226", Role.WindowText: "#e6e6e6",
    Role.Base: "#17191c", Role.AlternateBase: "#1e2125", Role.Text: "#e6e6e6",
    Role.Button: "#2c2f34", Role.ButtonText: "#e6e6e6", Role.BrightText: "#ffffff",
    Role.Light: "#3b3f46", Role.Midlight: "#33373d", Role.Mid: "#50545b",
    Role.Dark: "#111214", Role.Shadow: "#000000",
    Role.Highlight: "#3b6fd0", Role.HighlightedText: "#ffffff", Role.Accent: "#3b6fd0",
    Role.Link: "#8ab4f8", Role.LinkVisited: "#c3a6f5",
    Role.ToolTipBase: "#2c2f34", Role.ToolTipText: "#e6e6e6",
    Role.PlaceholderText: "#9a9da3",
}
#: Disabled controls: dimmed text (WCAG exempts it), the rest as when enabled.
_LIGHT_DISABLED = {Role.WindowText: "#8c8c8c", Role.Text: "#8c8c8c", Role.ButtonText: "#8c8c8c",
                   Role.Base: "#f3f3f3", Role.Highlight: "#b8b8b8",
                   Role.HighlightedText: "#f3f3f3", Role.PlaceholderText: "#a6a6a6"}
_DARK_DISABLED = {Role.WindowText: "#7a7e85", Role.Text: "#7a7e85", Role.ButtonText: "#7a7e85",
                  Role.Base: "#202226", Role.Highlight: "#3d4148",
                  Role.HighlightedText: "#8c9096", Role.PlaceholderText: "#5d6167"}


def _palette(colours: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(Group.All, role, QColor(colour))
    for role, colour in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """Prosa's light palette."""
    return _palette(_LIGHT, _LIGHT_DISABLED)


def dark_palette() -> QPalette:
    """Prosa's dark palette."""
    return _palette(_DARK, _DARK_DISABLED)


class _Keeper(QObject):
    """Remembers the choice and the platform's palette, and follows the desktop's
    colour scheme while the choice is "follow the system"."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("prosaTheme")
        self.app = app
        self.choice = ThemeChoice.SYSTEM
        self.platform_dark = is_dark(app.palette())
        app.styleHints().colorSchemeChanged.connect(self.on_scheme_changed)

    def on_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.choice == ThemeChoice.SYSTEM:
            self.show(self._dark_for(scheme))

    def _dark_for(self, scheme: Qt.ColorScheme) -> bool:
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
        return self.platform_dark

    def apply(self, choice: ThemeChoice) -> None:
        self.choice = ThemeChoice(choice)
        hints = self.app.styleHints()
        if self.choice == ThemeChoice.SYSTEM:
            if hasattr(hints, "unsetColorScheme"):
                hints.unsetColorScheme()
            self.show(self._dark_for(hints.colorScheme()))
            return
        dark = self.choice == ThemeChoice.DARK
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        self.show(dark)

    def show(self, dark: bool) -> None:
        if self.app.style().name().lower() != "fusion":
            self.app.setStyle("Fusion")
        palette = dark_palette() if dark else light_palette()
        self.app.setPalette(palette)
        # PySide6 takes the class name as str (its stubs say bytes, which it refuses).
        self.app.setPalette(_check_box_palette(palette, dark),
                            "QCheckBox")  # type: ignore[arg-type]
        icons.refresh()


def _check_box_palette(palette: QPalette, dark: bool) -> QPalette:
    """Check boxes that show when unticked: Fusion outlines the box with the Window
    colour darkened, which in the dark palette is near black on a near-black Base.  A
    check box draws no Window background of its own, so giving it the Text colour as
    its Window makes only the outline readable (about 70 % of the text's lightness)."""
    palette = QPalette(palette)
    if dark:
        palette.setColor(QPalette.ColorRole.Window,
                         palette.color(QPalette.ColorRole.Text))
    return palette


def _keeper(app: QApplication) -> _Keeper:
    found = app.findChild(_Keeper, "prosaTheme")
    return found if isinstance(found, _Keeper) else _Keeper(app)


def apply_theme(app: QApplication, choice: ThemeChoice) -> None:
    """Show ``choice``: the desktop's scheme (followed while the app runs), or light or
    dark whatever the desktop says.  Icons are redrawn; widgets get a PaletteChange."""
    _keeper(app).apply(choice)


def theme_choice(app: QApplication) -> ThemeChoice:
    """The choice last applied (``SYSTEM`` before any)."""
    found = app.findChild(_Keeper, "prosaTheme")
    return found.choice if isinstance(found, _Keeper) else ThemeChoice.SYSTEM


class _PaletteWatch(QObject):
    """Runs an update on a palette change; for a hidden widget, when it is next shown
    (a closed window's widgets may hold resources already given back)."""

    def __init__(self, widget: QWidget, update: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._update = update
        self._busy = False
        self._pending = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.PaletteChange and not self._busy:
            if self._widget.isVisible():
                self._run()
            else:
                self._pending = True
        elif kind == QEvent.Type.Show and self._pending:
            self._run()
        return False

    def _run(self) -> None:
        # The update may set the widget's own palette, which sends another
        # PaletteChange: one pass is enough.
        self._pending = False
        self._busy = True
        try:
            self._update()
        finally:
            self._busy = False


def follow_palette(widget: QWidget, update: Callable[[], None]) -> None:
    """Call ``update`` now and whenever ``widget``'s palette changes (a theme change),
    for colours baked into rich text, item data or stylesheets; a hidden widget is
    updated when it is shown again."""
    _PaletteWatch(widget, update)
    update()


def tint(widget: QWidget, role: str | None) -> None:
    """Draw ``widget``'s text in a :class:`ui.palette.Roles` colour (``"error"``,
    ``"muted"``, ...), kept right across theme changes; None returns to the palette's
    own text colour."""
    watch = widget.findChild(_Tint)
    if watch is None:
        if role is None:
            return  # never tinted: already the palette's text colour
        watch = _Tint(widget)
    elif watch.role == role:
        return  # already so, and kept so on theme changes: cheap for per-token updates
    watch.role = role
    watch.refresh()


class _Tint(QObject):
    """Keeps a widget's text colour on a role: on every PaletteChange the colour is
    computed again from the parent's palette (the widget's own has it baked in).  The
    widget's palette is Prosa's to set: returning to None clears it."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.role: str | None = None
        self._busy = False
        widget.installEventFilter(self)

    def refresh(self) -> None:
        if self.role is None:
            self._set(QPalette())  # nothing of its own: the parent's palette again
            return
        palette = QPalette(self.widget.palette())
        parent = self.widget.parentWidget()
        source = parent.palette() if parent is not None else QGuiApplication.palette()
        for text_role in (Role.WindowText, Role.Text):
            colour = QColor(getattr(roles(source), self.role))
            for group in (Group.Active, Group.Inactive):
                palette.setColor(group, text_role, colour)
        self._set(palette)

    def _set(self, palette: QPalette) -> None:
        self._busy = True
        try:
            self.widget.setPalette(palette)
        finally:
            self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and not self._busy:
            self.refresh()
        return False
