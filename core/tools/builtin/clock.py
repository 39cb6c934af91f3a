"""The date-and-time tool: a model has no clock, and its training data ends years ago.

It answers with the current moment in ISO 8601 and the weekday (models often get the
weekday of a date wrong), in the computer's own time zone or in one the model names.
Time zones are IANA names (``Europe/Lisbon``) looked up in the set ``zoneinfo``
knows, matched without regard to case; a fixed offset (``UTC+3``, ``UTC-03:30``) works
too.  The name never becomes a path: a name outside that set is refused before
``zoneinfo`` opens anything, and the refusal lists no system files.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Any

from core.tools.problems import ToolFailed
from core.tools.spec import ToolSource, ToolSpec

NAME = "current_datetime"
TITLE = "Date and time"
SUMMARY = "Tells the model the current date, time and weekday, here or in another time zone."

#: ``UTC+3``, ``GMT-03:30``, ``+05:45``.
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
#: The characters of IANA names (used only when the system lists no zones at all).
_IANA = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$")
_UTC_NAMES = {"utc", "z", "gmt", "zulu"}

SPEC = ToolSpec(
    NAME,
    "Returns the current date and time (ISO 8601) and the day of the week. Without "
    "a time zone it gives the user's local time.",
    {"type": "object",
     "properties": {"timezone": {
         "type": "string",
         "description": "An IANA time zone such as Europe/Lisbon, America/New_York or "
                        "UTC; leave it out for the user's local time."}},
     "additionalProperties": False},
    ToolSource.BUILTIN)


def run(arguments: Mapping[str, Any],
        now: Callable[[tzinfo | None], datetime] = datetime.now) -> str:
    """The current moment as text (validated arguments).  ``now`` is
    :meth:`datetime.now`'s signature, for a test that needs a fixed moment."""
    name = arguments.get("timezone")
    if name is None or not str(name).strip():
        moment = now(None).astimezone()
        label = f"the local time zone ({moment.tzname()})"
    else:
        zone, zone_name = find_zone(str(name))
        moment = now(zone)
        label = f"{zone_name} ({moment.tzname()})" if moment.tzname() != zone_name \
            else zone_name
    moment = moment.replace(microsecond=0)
    return f"{moment.isoformat()} ({moment.strftime('%A')}), {label}"


def find_zone(name: str) -> tuple[tzinfo, str]:
    """(the zone, its canonical name) for an IANA name in any case, ``UTC``, or a
    fixed offset; raises :class:`ToolFailed` for anything else."""
    text = name.strip()
    if text.lower() in _UTC_NAMES:
        return UTC, "UTC"
    offset = _OFFSET.match(text)
    if offset:
        sign, hours, minutes = offset.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta <= timedelta(hours=14) and int(minutes or 0) < 60:
            zone = timezone(-delta if sign == "-" else delta)
            return zone, str(zone)
    known = _known_zones()
    key = known.get(text.lower()) if known else (text if _IANA.match(text) else None)
    if key is not None:
        try:
            return zoneinfo.ZoneInfo(key), key
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise ToolFailed(
        "tools.clock_unknown_timezone",
        'Unknown time zone "{timezone}". Give an IANA name such as Europe/Lisbon, '
        "America/Sao_Paulo or UTC, or leave it out for the local time.",
        timezone=text[:80])


@cache
def _known_zones() -> dict[str, str]:
    """Lower-case name -> IANA name, of every zone the system (or ``tzdata``) has:
    read once (about 80 ms)."""
    return {zone.lower(): zone for zone in zoneinfo.available_timezones()}
