"""Numbers, sizes, dates and durations as the user's locale writes them.

Core hands the window plain values (bytes, token counts, seconds, timestamps); this is
the one place that turns them into text, through ``QLocale()``: the default locale,
which ``ui.app.install_translators`` sets from the UI language.  So a Portuguese window
says "98,4 MB", "1.234 tokens" and "5 de dez.", an English one "98.4 MB", "1,234" and
"Dec 5", and no call site builds a number with Python's ``f"{x:,}"`` (always English).

The "C" locale (no language set at all, as on a bare server or under tests) formats
numbers without thousands separators; Prosa then speaks English, so it writes them as
English does.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

__all__ = ["decimal", "duration", "human_duration", "language", "locale", "number",
           "short_date", "size", "time_of_day"]

_SIZE_UNITS = ("kB", "MB", "GB", "TB")
#: Day and abbreviated month, per language: Qt has no "skeleton" that would say this
#: for every language, and its short date format is all digits ("05/12/2026").
_DAY_MONTH = {QLocale.Language.Portuguese: "d 'de' MMM", QLocale.Language.English: "MMM d"}
_DAY_MONTH_YEAR = {QLocale.Language.Portuguese: "d 'de' MMM 'de' yyyy",
                   QLocale.Language.English: "MMM d, yyyy"}
#: Other languages: the day before the month, as most of them write it.
_OTHER_DAY_MONTH, _OTHER_DAY_MONTH_YEAR = "d MMM", "d MMM yyyy"
_ENGLISH = QLocale("en_US")


def locale() -> QLocale:
    """The locale to write in: the default one, or English for the bare "C" locale."""
    current = QLocale()
    if current.language() == QLocale.Language.C:
        return _ENGLISH
    return current


def language() -> str:
    """The UI language as core names it (``"pt_BR"``, ``"en"``): the texts the model
    reads (default system prompts) are chosen by it."""
    return "pt_BR" if locale().language() == QLocale.Language.Portuguese else "en"


def number(value: int) -> str:
    """A whole number with the locale's thousands separators: ``1,234`` / ``1.234``."""
    return locale().toString(int(value))


def decimal(value: float, places: int = 1) -> str:
    """A number with ``places`` decimals and the locale's separators: ``98.4`` / ``98,4``."""
    return locale().toString(float(value), "f", places)


def size(n_bytes: float) -> str:
    """A file size in SI units (1 MB = 1,000,000 bytes, as the Hub and file managers
    count), one decimal from kB up, whole bytes below: ``98.4 MB`` / ``98,4 MB``."""
    value = float(n_bytes)
    if abs(value) < 1000:
        return f"{number(round(value))} B"
    for unit in _SIZE_UNITS:
        value /= 1000
        if abs(value) < 1000 or unit == _SIZE_UNITS[-1]:
            return f"{decimal(value, 1)} {unit}"
    raise AssertionError("unreachable")


def short_date(when: date | datetime | float, today: date | None = None) -> str:
    """A day as people say it: ``Dec 5`` / ``5 de dez.``, with the year when it is not
    this year's (``Dec 5, 2025`` / ``5 de dez. de 2025``).  ``when`` may be a Unix
    timestamp (local time)."""
    if isinstance(when, (int, float)):
        when = datetime.fromtimestamp(when)
    day = when.date() if isinstance(when, datetime) else when
    this_year = (today or date.today()).year
    current = locale()
    if day.year == this_year:
        pattern = _DAY_MONTH.get(current.language(), _OTHER_DAY_MONTH)
    else:
        pattern = _DAY_MONTH_YEAR.get(current.language(), _OTHER_DAY_MONTH_YEAR)
    return current.toString(QDate(day.year, day.month, day.day), pattern)


def time_of_day(when: datetime | float) -> str:
    """A clock time with seconds, 24 hours (a log's column, read side by side)."""
    if isinstance(when, (int, float)):
        when = datetime.fromtimestamp(when)
    return locale().toString(QTime(when.hour, when.minute, when.second), "HH:mm:ss")


def duration(seconds: float | None) -> str:
    """``45 s``, ``3 min 05 s``, ``2 h 07 min``; ``–`` when unknown (a download's
    remaining time before its speed is known)."""
    if seconds is None or seconds != seconds or seconds < 0:
        return "–"
    whole = int(seconds)
    if whole < 60:
        return f"{number(whole)} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{number(whole // 3600)} h {whole % 3600 // 60:02d} min"


#: The earlier name, kept for callers written before the other formatters came here.
human_duration = duration
