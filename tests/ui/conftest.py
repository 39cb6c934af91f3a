"""The real window with a scripted engine: ``open_scripted`` lives in
``tests/scripted_window.py`` (the API server's tests use it too)."""

from __future__ import annotations

from typing import Any

import pytest

from core.engine.scripted import ScriptedEngine
from tests.scripted_window import OpenWindow, open_scripted
from tests.ui.learn_dialog import dialog, tries

__all__ = ["OpenWindow", "dialog", "open_scripted", "tries"]


@pytest.fixture
def scripted(open_scripted: OpenWindow) -> tuple[Any, ScriptedEngine]:
    return open_scripted()
