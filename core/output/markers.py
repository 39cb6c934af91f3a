"""Helpers every family parser needs: where a marker may be starting at the end of
unfinished text, and JSON that is typed as the model wrote it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def held_back(text: str, markers: Iterable[str]) -> int:
    """The length of ``text`` that can be shown now: a tail that is the beginning of
    one of ``markers`` (``<thi`` of ``<think>``) is held back until the next text
    says whether it is one."""
    keep = len(text)
    for marker in markers:
        for size in range(min(len(marker) - 1, len(text)), 0, -1):
            if text.endswith(marker[:size]):
                keep = min(keep, len(text) - size)
                break
    return keep


def json_object(text: str) -> dict[str, Any] | None:
    """``text`` as a JSON object, or None (not JSON, or JSON that is not an object)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None
