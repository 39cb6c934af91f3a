"""The Models dialog with the real window: search the (local) Hub, download with a
progress bar, load the downloaded model and chat; the library; drag and drop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from core.hub.client import Hub, RepoSummary, SearchSort
from core.hub.downloads import DownloadManager
from core.paths import app_paths
from core.settings import Settings, save_settings
from tests.hub_server import SMOLLM2_FILE, SMOLLM2_REPO, FakeHub, Fault, starter_repos
from ui.hub_view import HubView
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def hub() -> Iterator[FakeHub]:
    with FakeHub(starter_repos()) as server:
        yield server


@pytest.fixture
def window(qtbot: QtBot, hub: FakeHub, no_leftovers: None) -> Iterator[MainWindow]:
    paths = app_paths().ensure()
    settings = Settings(hub_endpoint=hub.url)
    save_settings(paths.settings_file, settings)
    win = MainWindow(paths, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded is not None, timeout=60_000)
    yield win
    win.close()


def test_search_download_load_and_chat(qtbot: QtBot, window: MainWindow, hub: FakeHub) -> None:
    dialog = window.show_models(1)
    view = dialog.hub_view
    qtbot.keyClicks(view.query, "smollm2")
    qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.results_table.rowCount() > 0, timeout=20_000)
    ids = [view.results_table.item(r, 0).text() for r in range(view.results_table.rowCount())]
    assert SMOLLM2_REPO in ids
    view.results_table.selectRow(ids.index(SMOLLM2_REPO))
    qtbot.waitUntil(lambda: view.files_table.rowCount() > 0, timeout=20_000)
    assert view.files_table.item(0, 0).text().startswith("Q4_1")
    assert view.files_table.item(0, 2).text() in ("fits", "tight", "too big")
    assert "Recommended" in view.recommendation.text()
    qtbot.waitUntil(lambda: "SmolLM2" in view.card.toPlainText(), timeout=20_000)
    # Slow the transfer so the progress bar is seen moving.
    hub.add_fault(Fault("slow", match=SMOLLM2_FILE, bytes_per_second=40_000_000))
    view.files_table.selectRow(0)
    qtbot.mouseClick(view.download_button, Qt.MouseButton.LeftButton)
    downloads = dialog.downloads_view
    assert dialog.tabs.currentIndex() == dialog.DOWNLOADS
    qtbot.waitUntil(lambda: len(downloads.rows) == 1, timeout=10_000)
    row = next(iter(downloads.rows.values()))
    seen: list[int] = []
    qtbot.waitUntil(lambda: seen.append(row.bar.value()) or row.load_button.isVisible(),
                    timeout=60_000)
    assert any(0 < v < 1000 for v in seen), "the bar never showed a partial value"
    assert row.bar.value() == 1000
    assert "verified" in row.detail.text()
    qtbot.mouseClick(row.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.loaded is not None
                    and SMOLLM2_REPO.replace("/", "__") in window.loaded.model_path,
                    timeout=60_000)
    window.sampling._spins["temperature"].setValue(0)
    window.sampling._spins["max_tokens"].setValue(30)
    window.send("What is the capital of France?")
    qtbot.waitUntil(lambda: window.session.streaming is None, timeout=60_000)
    assert "Paris" in window.session.messages[-1].content
    # The downloaded model is in the library, deletable.
    library = dialog.library_view
    qtbot.waitUntil(lambda: any(e.origin == "downloaded" for e in library.entries),
                    timeout=20_000)
    dialog.close()


def test_hub_errors_and_offline_show_in_the_dialog(qtbot: QtBot, window: MainWindow,
                                                   hub: FakeHub) -> None:
    dialog = window.show_models(1)
    view = dialog.hub_view
    hub.add_fault(Fault("status", match="/api/models", status=503, times=1))
    view.query.setText("smollm2")
    view.search()
    qtbot.waitUntil(lambda: ("Hub" in view.status.text() and "503" in view.status.text())
                    or "server" in view.status.text().lower(), timeout=20_000)
    requests_before = len(hub.requests)
    view.apply_settings(hub.url, None, offline=True)
    assert window.settings.offline
    view.search()
    qtbot.waitUntil(lambda: "Offline" in view.status.text(), timeout=10_000)
    assert len(hub.requests) == requests_before
    dialog.close()


def test_a_slow_older_search_never_replaces_a_newer_one(
        qtbot: QtBot, hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_leftovers: None) -> None:
    # The bug this guards against: results were shown in the order the searches
    # finished, so a slow first search overwrote the answer to the second one.
    newer = [r.repo_id for r in Hub(hub.url).search("qwen2.5")]
    older = [r.repo_id for r in Hub(hub.url).search("smollm2")]
    assert newer and older and not set(newer) & set(older)
    finished: list[str] = []
    real_search = Hub.search

    def search(self: Hub, text: str, sort: SearchSort = "downloads",
               limit: int = 30) -> list[RepoSummary]:
        try:
            return list(real_search(self, text, sort, limit))
        finally:
            finished.append(text)

    monkeypatch.setattr(Hub, "search", search)
    manager = DownloadManager(tmp_path / "models", hub.url, None, False)
    view = HubView(Settings(hub_endpoint=hub.url), manager)
    qtbot.addWidget(view)
    try:
        hub.add_fault(Fault("delay", match="/api/models", seconds=1.5))
        view.query.setText("smollm2")
        view.search()
        # The first search reached the server and is the one held back.
        qtbot.waitUntil(lambda: not hub.pending_faults(), timeout=10_000)
        view.query.setText("qwen2.5")
        view.search()
        qtbot.waitUntil(lambda: finished == ["qwen2.5", "smollm2"], timeout=20_000)
        qtbot.wait(300)  # room for the older answer to arrive, were it delivered
        table = view.results_table
        assert [table.item(r, 0).text() for r in range(table.rowCount())] == newer
        assert [r.repo_id for r in view.results] == newer
        assert view.status.text() == f"{len(newer)} models found."
    finally:
        view.shutdown()
        manager.close()


def test_dropping_a_model_adds_it_in_place_and_loads_it(qtbot: QtBot, window: MainWindow,
                                                        starter_model: Path,
                                                        tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    dropped = folder / "my-model.gguf"
    dropped.symlink_to(starter_model)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.loaded is not None
                    and window.loaded.model_path == str(dropped), timeout=60_000)
    assert window.library.added_files == (str(dropped.resolve()),)
    assert dropped.is_symlink()  # used in place, never copied


def test_a_truncated_model_in_an_added_folder_is_flagged(qtbot: QtBot, window: MainWindow,
                                                         starter_model: Path,
                                                         tmp_path: Path) -> None:
    folder = tmp_path / "models-here"
    folder.mkdir()
    with starter_model.open("rb") as src:
        (folder / "cut.gguf").write_bytes(src.read(3_000_000))
    window.library.add(folder)
    dialog = window.show_models(0)
    view = dialog.library_view
    view.refresh()
    qtbot.waitUntil(lambda: any(e.path.name == "cut.gguf" for e in view.entries),
                    timeout=20_000)
    entry = next(e for e in view.entries if e.path.name == "cut.gguf")
    assert entry.info is None and entry.note is not None and "truncated" in entry.note.message
    view.select_path(entry.path)
    row = view.table.selectionModel().selectedRows()[0].row()
    assert view.table.item(row, 1).text() == entry.note.message  # shown where it is seen
    assert not view.load_button.isEnabled()
    dialog.close()
