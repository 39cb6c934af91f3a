"""llama.cpp's names for the parts of a split model: ``name-00001-of-00003.gguf``.

``llama-gguf-split`` writes a model too large for one file as numbered parts, and
llama.cpp loads the set from its first part.  The Hub client groups a repository's
parts into one download, and the library lists a set once, by its first part: both
read the name here, so the two can never disagree on what a split set is.
"""

from __future__ import annotations

import re
from typing import Final

#: ``base``, ``index`` and ``count`` of a part; five digits each, as llama.cpp writes.
SPLIT_NAME: Final = re.compile(
    r"^(?P<base>.+)-(?P<index>\d{5})-of-(?P<count>\d{5})\.gguf$", re.IGNORECASE)


def split_info(filename: str) -> tuple[str, int, int] | None:
    """``(base, index, count)`` for a split part ("x-00001-of-00003.gguf"), else None.

    A name whose index is 0 or above its count is no part of a set llama.cpp wrote.
    """
    match = SPLIT_NAME.match(filename)
    if match is None:
        return None
    index, count = int(match["index"]), int(match["count"])
    if not 1 <= index <= count:
        return None
    return match["base"], index, count


def split_part_names(base: str, count: int) -> tuple[str, ...]:
    """Every part's name of a set, in order (what llama.cpp looks for beside part 1)."""
    return tuple(f"{base}-{index:05d}-of-{count:05d}.gguf" for index in range(1, count + 1))
