"""Problems shown in the user's language, with their details behind a link and in the
log: a damaged model file refused by Prosa's own reader, and one that only llama.cpp
refuses (its own log lines must reach the details and the log file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from core import logs
from core.chat.screen import Topic
from core.paths import app_paths
from core.settings import load_settings
from ui.details_dialog import DetailsDialog, report
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def portuguese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from ui.app import install_translators

    monkeypatch.setenv("PROSA_LANG", "pt_BR")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app)
    assert translators, "the pt_BR translation did not load"
    yield
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())  # install_translators made pt_BR the default locale


@pytest.fixture
def window(qtbot: QtBot, portuguese: None, no_leftovers: None) -> Iterator[MainWindow]:
    paths = app_paths().ensure()
    log = logs.setup(paths, "prosa-problems")
    win = MainWindow(paths, load_settings(paths.settings_file))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded is not None, timeout=60_000)
    win.log_path = log  # type: ignore[attr-defined]
    yield win
    win.close()
    logs.close("prosa-problems")


def unknown_architecture(starter: Path, folder: Path) -> Path:
    """The starter model with its architecture renamed: a header Prosa accepts and
    llama.cpp refuses (with its own log lines saying why)."""
    data = bytearray(starter.read_bytes())
    key = b"general.architecture"
    at = data.index(key) + len(key) + 4 + 8  # the value's type (u32) and length (u64)
    assert data[at:at + 5] == b"llama"
    data[at:at + 5] = b"llamz"
    path = folder / "renamed-architecture.gguf"
    path.write_bytes(bytes(data))
    return path


def test_a_truncated_model_is_refused_in_portuguese_with_details(
        window: MainWindow, qtbot: QtBot, starter_model: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.gguf"
    truncated.write_bytes(starter_model.read_bytes()[:3_000_000])
    before = window.loaded
    window.load_model(str(truncated))
    qtbot.waitUntil(lambda: any("não conseguiu abrir" in t for t in window.problem_bar.texts()),
                    timeout=30_000)
    assert "incompleto" in " ".join(window.problem_bar.texts())
    label = window.problem_bar.findChild(QLabel, "problemText")
    assert label is not None and "Detalhes…" in label.text()
    assert window.loaded is before  # checked first: the working model was not unloaded
    dialog = DetailsDialog(window.problem_bar.problems()[Topic.MODEL], window)
    assert "gguf." in dialog.text.toPlainText()  # the code, for a bug report
    dialog.close()


def test_llama_cpps_own_lines_reach_the_details_and_the_log(
        window: MainWindow, qtbot: QtBot, starter_model: Path, tmp_path: Path) -> None:
    before = window.loaded
    assert before is not None
    window.load_model(str(unknown_architecture(starter_model, tmp_path)))
    qtbot.waitUntil(lambda: any("não pôde ser carregado" in t
                                for t in window.problem_bar.texts()), timeout=60_000)
    problem = window.problem_bar.problems()[Topic.MODEL]
    # llama.cpp refused it after the old model was unloaded: the old one comes back.
    qtbot.waitUntil(lambda: window.loaded is not None
                    and window.loaded.model_path == before.model_path, timeout=60_000)
    assert problem.cause is not None and problem.cause.code == "model.llama_refused"
    assert "llamz" in report(problem)  # llama.cpp's "unknown model architecture" line
    written = window.log_path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert "model.llama_refused" in written and "llamz" in written
