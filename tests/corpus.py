"""The chat-template corpus beside the project (``../shared/chat-templates``, or
``PROSA_CHAT_TEMPLATES``): real templates with their INDEX.json.  A checkout without
it skips the tests that read it, instead of failing to collect them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(os.environ.get("PROSA_CHAT_TEMPLATES")
              or Path(__file__).resolve().parents[2] / "shared" / "chat-templates")
MISSING = f"chat template corpus not found at {CORPUS} (set PROSA_CHAT_TEMPLATES)"


def _load_index() -> dict[str, dict[str, Any]]:
    path = CORPUS / "INDEX.json"
    if not path.is_file():
        return {}
    index: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return index


#: The corpus's index by file name ({} without the corpus).
INDEX = _load_index()
#: The corpus's template files, sorted ([] without the corpus).
FILES = sorted(p.name for p in CORPUS.glob("*.jinja"))


def require() -> None:
    """Skip the calling test when the corpus is not there."""
    if not INDEX:
        pytest.skip(MISSING)


def source(name: str) -> str:
    """A template's text (the test is skipped without the corpus)."""
    require()
    return (CORPUS / name).read_text(encoding="utf-8")
