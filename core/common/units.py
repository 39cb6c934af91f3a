"""Sizes as people read them: the one formatter for bytes, in SI units.

Files and downloads are measured in SI units (1 MB = 1,000,000 bytes), as the Hugging
Face Hub, browsers and file managers show them, so a size here matches the one on the
model's page.  Memory sizes in GiB are the one exception, and say so.

This one writes English ("98.4 MB"): the command line's, logs' and core's messages.
The window writes sizes in the user's locale ("98,4 MB") with ``ui.format.size``.
"""

from __future__ import annotations


def format_bytes(size: float) -> str:
    """``98.4 MB``: one decimal from kB up, whole bytes below."""
    if abs(size) < 1000:
        return f"{size:.0f} B"
    for unit in ("kB", "MB", "GB", "TB"):
        size /= 1000
        if abs(size) < 1000 or unit == "TB":
            return f"{size:.1f} {unit}"
    raise AssertionError("unreachable")
