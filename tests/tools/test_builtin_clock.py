"""The date-and-time tool: ISO 8601 and the weekday, in the local zone, an IANA zone
(any case), UTC or a fixed offset; an unknown zone is a clear error that names no
system file, and a path given as a zone is never opened."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from core.tools.builtin import clock
from core.tools.problems import ToolFailed

#: Thursday 29 February 2024, 12:00 UTC (a leap day: a weekday models often get wrong).
MOMENT = datetime(2024, 2, 29, 12, 0, 0, 123456, tzinfo=UTC)


def fixed(zone: tzinfo | None) -> datetime:
    return MOMENT.astimezone(zone) if zone is not None else MOMENT.astimezone()


def moment_of(text: str) -> datetime:
    return datetime.fromisoformat(text.split(" ", 1)[0])


@pytest.mark.parametrize(("zone", "expected"), [
    ("America/Sao_Paulo", "2024-02-29T09:00:00-03:00 (Thursday), America/Sao_Paulo (-03)"),
    ("Asia/Tokyo", "2024-02-29T21:00:00+09:00 (Thursday), Asia/Tokyo (JST)"),
    ("Pacific/Kiritimati", "2024-03-01T02:00:00+14:00 (Friday), Pacific/Kiritimati (+14)"),
    ("europe/lisbon", "2024-02-29T12:00:00+00:00 (Thursday), Europe/Lisbon (WET)"),
    ("Asia/Kathmandu", "2024-02-29T17:45:00+05:45 (Thursday), Asia/Kathmandu (+0545)"),
    ("UTC", "2024-02-29T12:00:00+00:00 (Thursday), UTC"),
    ("z", "2024-02-29T12:00:00+00:00 (Thursday), UTC"),
    ("UTC+5:30", "2024-02-29T17:30:00+05:30 (Thursday), UTC+05:30"),
    ("GMT-3", "2024-02-29T09:00:00-03:00 (Thursday), UTC-03:00"),
    ("+0200", "2024-02-29T14:00:00+02:00 (Thursday), UTC+02:00"),
])
def test_a_named_zone(zone: str, expected: str) -> None:
    assert clock.run({"timezone": zone}, now=fixed) == expected


def test_without_a_zone_the_local_time() -> None:
    text = clock.run({}, now=fixed)
    local = MOMENT.astimezone().replace(microsecond=0)
    assert text.startswith(f"{local.isoformat()} ({local.strftime('%A')}), the local time zone")
    assert clock.run({"timezone": "  "}, now=fixed) == text


def test_the_real_clock_in_a_zone() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    text = clock.run({"timezone": "Asia/Tokyo"})
    after = datetime.now(UTC)
    moment = moment_of(text)
    assert moment.utcoffset() == timedelta(hours=9)
    assert before <= moment <= after
    assert f"({moment.strftime('%A')})" in text
    assert moment == moment.astimezone(ZoneInfo("Asia/Tokyo"))


_OPENED: list[str] = []
_WATCHED: set[int] = set()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if threading.get_ident() in _WATCHED and event == "open":
        _OPENED.append(str(args[0]))


sys.addaudithook(_audit)


@contextmanager
def opened_files() -> Iterator[list[str]]:
    _OPENED.clear()
    _WATCHED.add(threading.get_ident())
    try:
        yield _OPENED
    finally:
        _WATCHED.discard(threading.get_ident())


@pytest.mark.parametrize("zone", [
    "Mars/Olympus_Mons", "../../etc/passwd", "/etc/passwd", "zone.tab", "tzdata.zi",
    "Europe/../../../etc/passwd", "posixrules/..", "UTC+15", "UTC+3:75", "x" * 5000,
    "Europe/Lisbon\x00", "Etc",
])
def test_an_unknown_zone_is_an_error_that_lists_no_files(zone: str) -> None:
    clock.find_zone("UTC")  # the zone list is read once, outside what is watched
    with opened_files() as opened, pytest.raises(ToolFailed) as caught:
        clock.run({"timezone": zone}, now=fixed)
    assert caught.value.code == "tools.clock_unknown_timezone"
    message = caught.value.message
    assert "zoneinfo" not in message and "/usr/" not in message
    assert len(message) < 300
    assert "Europe/Lisbon" in message  # an example of what works
    assert not any("passwd" in path or zone in path for path in opened)


def test_the_tool_is_named_and_takes_one_optional_argument() -> None:
    assert clock.SPEC.name == "current_datetime"
    assert set(clock.SPEC.parameters["properties"]) == {"timezone"}
    assert "required" not in clock.SPEC.parameters
