"""The real window with a scripted engine: ``open_scripted`` lives in
``tests/scripted_window.py`` (the API server's tests use it too)."""

from __future__ import annotations

from typing import Any

import pytest

from core.engine.scripted import ScriptedEngine
from tests.scripted_window import OpenWindow, open_scripted

__all__ = ["OpenWindow", "open_scripted"]


@pytest.fixture
def scripted(open_scripted: OpenWindow) -> tuple[Any, ScriptedEngine]:
    return open_scripted()
