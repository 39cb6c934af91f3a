"""The colours of the chat view and its dialogs, by role, in one place.

Widgets name what a colour means (an error, a muted aside, the user's name), never a
hex value, so a theme changes this module (and ``ui.theme``) only.  Two kinds of colour
live here:

* :class:`Roles`: text drawn on the window's own background.  They follow the
  application palette: each role starts from a hue designed for a light or a dark
  background, and is then darkened or lightened, hue kept, until it reaches the WCAG
  contrast of :data:`MIN_CONTRAST` against both the palette's Base (text fields, the
  chat) and Window (dialogs, panels) colours.  Any palette, Prosa's own themes or a
  desktop's, therefore gets readable roles; the accessibility test computes it.
* :class:`Marks`: marks that bring their own background (special tokens, token
  boundaries, a template's failing line, a search hit).  Their contrast is between the
  two colours of a pair, whatever the palette; a dark palette gets dark pairs with light
  text, so a light patch does not glare in a dark window.

The module-level constants are the light marks, kept for code that predates themes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QGuiApplication, QPalette

#: WCAG 2.x level AA for normal text: the least contrast any role keeps.
MIN_CONTRAST = 4.5

# --- contrast ---------------------------------------------------------------------


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str | QColor) -> float:
    """WCAG 2.x relative luminance: 0 for black, 1 for white."""
    c = QColor(colour)
    return 0.2126 * _linear(c.red()) + 0.7152 * _linear(c.green()) + 0.0722 * _linear(c.blue())


def contrast(fg: str | QColor, bg: str | QColor) -> float:
    """WCAG 2.x contrast ratio between two colours, from 1 (none) to 21 (black on white)."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def readable(colour: str | QColor, backgrounds: Iterable[str | QColor],
             minimum: float = MIN_CONTRAST) -> str:
    """``colour`` (``#rrggbb``), made darker on light backgrounds or lighter on dark
    ones, hue and saturation kept, until it reaches ``minimum`` against each of them.

    Black or white is the last resort, so the loop always ends; on backgrounds too
    close to mid-grey for any colour to reach ``minimum`` it returns the better of them.
    """
    grounds = [QColor(b) for b in backgrounds]
    lighten = sum(luminance(g) for g in grounds) / len(grounds) < 0.18
    if min(contrast(colour, g) for g in grounds) >= minimum:
        return QColor(colour).name()
    start = QColor(colour)
    hue, saturation, lightness = start.hslHue(), start.hslSaturation(), start.lightness()
    while True:
        candidate = QColor.fromHsl(max(hue, 0), saturation, lightness)
        if min(contrast(candidate, g) for g in grounds) >= minimum:
            return candidate.name()
        if lightness in (0, 255):
            return candidate.name()
        lightness = min(255, lightness + 3) if lighten else max(0, lightness - 3)


def _blend(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * share),
                  round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


# --- text on the window's background ----------------------------------------------

#: Accent hues as designed for a light background (error and warning already read at
#: 4.5:1 on white and on a light grey window; the others are darkened as needed).
_LIGHT_HUES = {"error": "#b3261e", "warning": "#8a4b00", "user": "#2d6cdf",
               "assistant": "#1b8a5a", "link": "#5a7fb5"}
#: The same meanings as designed for a dark background: lighter, softer tones.
_DARK_HUES = {"error": "#f2b8b5", "warning": "#f5b971", "user": "#8ab4f8",
              "assistant": "#7dd3a0", "link": "#9dbbe6"}
#: How far ``muted`` starts from the text colour towards the base.
_MUTED_SHARE = 0.478


@dataclass(frozen=True)
class Roles:
    """Colours (``#rrggbb``) of text on the window's background, by what they mean."""

    error: str  # failures: a reply's error note, an error line
    warning: str  # cautions that are not failures
    muted: str  # asides: notes, counts, inactive links, explanations
    user: str  # the user's name above their messages
    assistant: str  # the assistant's name above replies
    link: str  # action links (edit, regenerate, prompt, ...)


def roles(palette: QPalette | None = None) -> Roles:
    """The roles for ``palette`` (the application's when None), each readable on its
    Base and Window colours."""
    if palette is None:
        palette = QGuiApplication.palette()
    return _roles(palette.color(QPalette.ColorRole.Text).name(),
                  palette.color(QPalette.ColorRole.Base).name(),
                  palette.color(QPalette.ColorRole.Window).name())


@lru_cache(maxsize=16)
def _roles(text_name: str, base_name: str, window_name: str) -> Roles:
    # Cached: finding readable shades takes about a millisecond, and views ask for
    # roles whenever they draw; palettes change only with the theme.
    text, base = QColor(text_name), QColor(base_name)
    grounds = (base, QColor(window_name))
    hues = _DARK_HUES if base.lightness() < text.lightness() else _LIGHT_HUES
    shown = {name: readable(hue, grounds) for name, hue in hues.items()}
    muted = readable(_blend(text, base, _MUTED_SHARE), grounds)
    return Roles(error=shown["error"], warning=shown["warning"], muted=muted,
                 user=shown["user"], assistant=shown["assistant"], link=shown["link"])


# --- marks on their own background ------------------------------------------------

#: Special tokens (``<|im_start|>``) in the prompt inspector: background and text.
SPECIAL_BACKGROUND = "#fde2b8"
SPECIAL_TEXT = "#8a4b00"
#: Alternating backgrounds that show where one token ends and the next begins.
TOKEN_BACKGROUNDS = ("#dbe9ff", "#fff1c9")
#: Text on any of these light marks (and on probability shading).
TEXT_ON_MARK = "#1f1f1f"
#: The template editor's line where rendering failed.
ERROR_LINE_BACKGROUND = "#fbd3cf"
#: A search hit's words in the list of conversations.
SEARCH_BACKGROUND = "#fff1a8"


@dataclass(frozen=True)
class Marks:
    """Pairs of background and text colour (``#rrggbb``) for marks drawn on their own
    background; every background here reads :attr:`text_on_mark` (and the special
    background :attr:`special_text`) at :data:`MIN_CONTRAST` or more."""

    special_background: str
    special_text: str
    token_backgrounds: tuple[str, str]
    text_on_mark: str
    error_line_background: str
    search_background: str
    dark: bool

    def probability(self, prob: float) -> str:
        """Shading for a token of probability ``prob``, under :attr:`text_on_mark`."""
        return probability_colour(prob, dark=self.dark)

    def pairs(self) -> list[tuple[str, str]]:
        """Every (text, background) pair these marks draw (for the contrast test)."""
        grounds = [*self.token_backgrounds, self.error_line_background,
                   self.search_background, self.special_background]
        shading = [self.probability(p / 20) for p in range(21)]
        return ([(self.special_text, self.special_background)]
                + [(self.text_on_mark, g) for g in grounds + shading])


LIGHT_MARKS = Marks(special_background=SPECIAL_BACKGROUND, special_text=SPECIAL_TEXT,
                    token_backgrounds=TOKEN_BACKGROUNDS, text_on_mark=TEXT_ON_MARK,
                    error_line_background=ERROR_LINE_BACKGROUND,
                    search_background=SEARCH_BACKGROUND, dark=False)
DARK_MARKS = Marks(special_background="#5a3a10", special_text="#ffd59e",
                   token_backgrounds=("#1e3a5f", "#40305e"), text_on_mark="#f2f2f2",
                   error_line_background="#5e2420", search_background="#6b5a12", dark=True)


def marks(palette: QPalette | None = None) -> Marks:
    """The marks for ``palette`` (the application's when None)."""
    return DARK_MARKS if is_dark(palette or QGuiApplication.palette()) else LIGHT_MARKS


def probability_colour(prob: float, dark: bool = False) -> str:
    """Shading for a token: green for tokens the model was sure of, through yellow, to
    red for surprises: light under :data:`TEXT_ON_MARK`, or, when ``dark``, deep tones
    under the dark marks' light text."""
    prob = min(1.0, max(0.0, prob))
    if dark:
        if prob >= 0.5:
            mix = (prob - 0.5) * 2  # yellow -> green
            r, g, b = int(0x5a - 0x3a * mix), int(0x4a + 0x0a * mix), int(0x17 + 0x18 * mix)
        else:
            mix = prob * 2  # red -> yellow
            r, g, b = int(0x6a - 0x10 * mix), int(0x26 + 0x24 * mix), int(0x26 - 0x0f * mix)
        return f"#{r:02x}{g:02x}{b:02x}"
    if prob >= 0.5:
        mix = (prob - 0.5) * 2  # yellow -> green
        r, g, b = int(255 - 120 * mix), int(236 - 20 * mix), int(160 - 10 * mix)
    else:
        mix = prob * 2  # red -> yellow
        r, g, b = 255, int(190 + 46 * mix), int(190 - 30 * mix)
    return f"#{r:02x}{g:02x}{b:02x}"
