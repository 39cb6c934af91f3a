"""The colours of the chat view and its dialogs, by role, in one place.

Widgets name what a colour means (an error, a muted aside, the user's name), never a
hex value, so a later theme changes this module only.  Two kinds of colour live here:

* :class:`Roles`: text drawn on the window's own background.  They follow the
  application palette: ``muted`` is a blend of its text and base colours, and the
  accent hues are lightened when the palette is dark, so they stay readable there.
  With the default light palette they are exactly the colours Prosa always used.
* Marks that bring their own light background (special tokens, token boundaries,
  probability shading, a template's failing line): fixed pairs of background and
  text colour, because their contrast is between the two, whatever the palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

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


def probability_colour(prob: float) -> str:
    """Shading for a token: green for tokens the model was sure of, through yellow, to
    red for surprises (always light, under :data:`TEXT_ON_MARK`)."""
    prob = min(1.0, max(0.0, prob))
    if prob >= 0.5:
        mix = (prob - 0.5) * 2  # yellow -> green
        r, g, b = int(255 - 120 * mix), int(236 - 20 * mix), int(160 - 10 * mix)
    else:
        mix = prob * 2  # red -> yellow
        r, g, b = 255, int(190 + 46 * mix), int(190 - 30 * mix)
    return f"#{r:02x}{g:02x}{b:02x}"


# --- text on the window's background ----------------------------------------------

#: Accent hues as designed for a light background.
_ERROR = "#b3261e"
_WARNING = "#8a4b00"
_USER = "#2d6cdf"
_ASSISTANT = "#1b8a5a"
_LINK = "#5a7fb5"
#: How far ``muted`` goes from the text colour towards the base (#7a7a7a on white).
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


def _blend(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * share),
                  round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def roles(palette: QPalette | None = None) -> Roles:
    """The roles for ``palette`` (the application's when None)."""
    if palette is None:
        palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    dark = base.lightness() < text.lightness()

    def accent(colour: str) -> str:
        return QColor(colour).lighter(170).name() if dark else colour

    return Roles(error=accent(_ERROR), warning=accent(_WARNING),
                 muted=_blend(text, base, _MUTED_SHARE).name(), user=accent(_USER),
                 assistant=accent(_ASSISTANT), link=accent(_LINK))
