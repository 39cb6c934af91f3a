"""The real window with a scripted engine (the ``open_scripted`` fixture, for every
test folder): widgets, bridge and controller for real, the
engine's answers on cue (``core.engine.scripted``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from core.engine.scripted import ScriptedEngine
from core.engine.seam import EventCallback
from core.paths import app_paths
from core.settings import Settings, load_settings, save_settings

#: Opens a window (a fresh start: settings read from disk, as at launch; ``settings``
#: are saved first when given) and returns it with its scripted engine, whose tokens
#: come ``delay`` seconds apart.
OpenWindow = Callable[..., tuple[Any, ScriptedEngine]]


@pytest.fixture
def open_scripted(qtbot: Any, no_leftovers: None, tmp_path: Path,
                  starter_model: Path) -> Iterator[OpenWindow]:
    from ui.main_window import MainWindow

    windows: list[Any] = []
    # A real GGUF header (the window checks a file before loading it); the scripted
    # engine then plays the model.
    model = tmp_path / "scripted-model.gguf"
    model.symlink_to(starter_model)

    def open_window(settings: Settings | None = None,
                    delay: float = 0.005) -> tuple[Any, ScriptedEngine]:
        engines: list[ScriptedEngine] = []

        def factory(on_event: EventCallback) -> ScriptedEngine:
            engine = ScriptedEngine(on_event, threaded=True, token_delay_s=delay)
            engines.append(engine)
            return engine

        paths = app_paths().ensure()
        if settings is not None:
            save_settings(paths.settings_file, settings)
        window = MainWindow(paths, load_settings(paths.settings_file), autoload=False,
                            engine_factory=factory)
        qtbot.addWidget(window)
        window.show()
        window.load_model(str(model))
        qtbot.waitUntil(lambda: window.loaded is not None, timeout=5_000)
        windows.append(window)
        return window, engines[0]

    yield open_window
    for window in windows:
        if window.isVisible():
            window.close()
