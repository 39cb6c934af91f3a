"""Numbers, sizes, dates and durations follow the default locale, which the window
sets from its language: "98,4 MB" and "5 de dez." in Portuguese, "98.4 MB" and
"Dec 5" in English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from ui import format as fmt

TODAY = date(2026, 12, 6)


@pytest.fixture
def in_locale() -> Iterator[object]:
    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(QLocale.c())


def test_portuguese(in_locale: object) -> None:
    in_locale("pt_BR")  # type: ignore[operator]
    assert fmt.size(98_400_000) == "98,4 MB"
    assert fmt.size(1_234_567_890) == "1,2 GB"
    assert fmt.size(999) == "999 B"
    assert fmt.number(1234) == "1.234"
    assert fmt.number(4_096) == "4.096"
    assert fmt.decimal(12.345) == "12,3"
    assert fmt.short_date(date(2026, 12, 5), today=TODAY) == "5 de dez."
    assert fmt.short_date(date(2025, 3, 1), today=TODAY) == "1 de mar. de 2025"
    assert fmt.duration(3725) == "1 h 02 min"
    assert fmt.time_of_day(datetime(2026, 12, 5, 14, 5, 9)) == "14:05:09"
    assert fmt.language() == "pt_BR"


def test_english(in_locale: object) -> None:
    in_locale("en_US")  # type: ignore[operator]
    assert fmt.size(98_400_000) == "98.4 MB"
    assert fmt.size(1_234_567_890_000_000) == "1,234.6 TB"
    assert fmt.number(1234) == "1,234"
    assert fmt.decimal(12.345, 2) == "12.35"
    assert fmt.short_date(date(2026, 12, 5), today=TODAY) == "Dec 5"
    assert fmt.short_date(datetime(2025, 3, 1, 23, 59), today=TODAY) == "Mar 1, 2025"
    assert fmt.duration(65) == "1 min 05 s"
    assert fmt.duration(None) == "–"
    assert fmt.language() == "en"


def test_the_bare_c_locale_writes_english() -> None:
    """No language at all (a bare server, the tests): numbers still get separators."""
    QLocale.setDefault(QLocale.c())
    assert fmt.number(1234) == "1,234"
    assert fmt.size(98_400_000) == "98.4 MB"
    assert fmt.language() == "en"


def test_the_window_language_becomes_the_default_locale(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.app import install_translators

    monkeypatch.setenv("PROSA_LANG", "pt_BR")
    translators = install_translators(qapp)
    try:
        assert len(translators) == 2, "Prosa's and Qt's own pt_BR translations"
        assert QLocale().name() == "pt_BR"
        assert fmt.size(98_400_000) == "98,4 MB"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale.c())
