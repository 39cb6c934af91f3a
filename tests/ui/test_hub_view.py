"""The Hub tab with real widgets and the local Hub: it opens on the models recommended
for this computer, says when it is offline, lets a search replace the list and a
cleared search bring it back, and never cuts a column header."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from core.hub.downloads import DownloadManager
from core.hub.recommended import CURATED
from core.models.fit import MachineMemory
from core.settings import Settings
from tests.hub_server import FakeHub, Fault, recommended_repos, starter_repos
from ui.hub_view import HubView
from ui.palette import roles

pytestmark = pytest.mark.gui

GB = 1_000_000_000
EIGHT_GB = MachineMemory(ram_total=16 * GB, ram_available=8 * GB, vram_total=None,
                         vram_free=None)
#: Two curated repositories the local Hub serves (beside the starter ones).
SERVED = [CURATED[0].repo_id, CURATED[4].repo_id]
#: Builds a view rated for EIGHT_GB, shut down with its download manager after the test.
MakeView = Callable[[Settings], HubView]
QM = Path(__file__).resolve().parents[2] / "resources" / "translations" / "prosa_pt_BR.qm"


@pytest.fixture(scope="module")
def hub() -> Iterator[FakeHub]:
    with FakeHub(starter_repos() + recommended_repos(SERVED)) as server:
        yield server


@pytest.fixture
def make_view(qtbot: QtBot, tmp_path: Path, hub: FakeHub,
              no_leftovers: None) -> Iterator[MakeView]:
    made: list[tuple[HubView, DownloadManager]] = []

    def make(settings: Settings) -> HubView:
        manager = DownloadManager(tmp_path / "models", settings.hub_endpoint, None,
                                  settings.offline)
        view = HubView(settings, manager, memory=EIGHT_GB)
        qtbot.addWidget(view)
        view.resize(1000, 640)
        made.append((view, manager))
        return view

    yield make
    for view, manager in made:
        view.shutdown()
        manager.close()
    hub.drop_connections()


def names(table: QTableWidget, column: int = 0) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_opens_on_the_recommended_list_made_exact_by_the_hub(
        qtbot: QtBot, hub: FakeHub, make_view: MakeView) -> None:
    view = make_view(Settings(hub_endpoint=hub.url))
    table = view.recommended_table
    # Rated at once, before the Hub is asked: what fits first, with approximate sizes.
    assert view.lists.currentWidget() is table
    assert view.list_title.text() == "Recommended for this computer"
    assert table.rowCount() == len(CURATED)
    fits = names(table, 3)
    assert fits[0] == "fits" and fits[-1] == "too big"
    assert fits == sorted(fits, key=["fits", "tight", "too big"].index)
    assert all(size.startswith("about ") for size in names(table, 2))
    last = table.picks[-1]
    assert last.fit.rating == "too_big" and "Needs about" in table.item(
        table.rowCount() - 1, 0).toolTip()
    assert table.item(0, 3).foreground().color().name() == roles(view.palette()).assistant
    hub.clear_requests()
    # The first answer held back a moment, so "checking" is seen however fast the rest.
    hub.add_fault(Fault("delay", match="/api/models/", seconds=0.5))
    view.show()
    qtbot.waitUntil(lambda: view.hub_note.text() == "Checking the Hub…", timeout=5_000)
    qtbot.waitUntil(lambda: view.refreshed is not None, timeout=20_000)
    assert view.hub_note.text() == ""
    exact = {p.model.repo_id: p for p in table.picks if p.exact}
    assert set(exact) >= set(SERVED)
    for repo_id in SERVED:
        row = [p.model.repo_id for p in table.picks].index(repo_id)
        assert not table.item(row, 2).text().startswith("about ")
    # Selecting one shows its real files, as a search result would, ready to download.
    row = [p.model.repo_id for p in table.picks].index(SERVED[0])
    table.selectRow(row)
    assert view.repo_id == SERVED[0]
    assert [f.quant for f in view.files] == ["Q3_K_M", "Q4_K_M", "Q8_0"]
    assert view.files_table.rowCount() == 3 and view.download_button.isEnabled()
    assert view.selected_file() is not None and view.selected_file().quant == "Q8_0"


def test_offline_shows_a_clear_note_and_asks_nothing(
        qtbot: QtBot, hub: FakeHub, make_view: MakeView) -> None:
    hub.clear_requests()
    view = make_view(Settings(hub_endpoint=hub.url, offline=True))
    view.show()
    qtbot.wait(200)
    note = "Offline: sizes are approximate; connect to see the exact files."
    assert view.hub_note.text() == note and view.hub_note.isVisible()
    assert view.refreshed is not None and view.refreshed.offline
    assert view.recommended_table.rowCount() == len(CURATED)
    assert all(s.startswith("about ") for s in names(view.recommended_table, 2))
    # A pick still shows its usual file, with its approximate size and rating.
    view.recommended_table.selectRow(0)
    pick = view.recommended_table.picks[0]
    assert [f.files for f in view.files] == [(pick.model.file,)]
    assert view.files_table.item(0, 2).text() == "fits"
    assert "Offline" in view.card.toPlainText()
    assert hub.requests == []


def test_an_unreachable_hub_is_said_so(qtbot: QtBot, make_view: MakeView) -> None:
    with socket.socket() as sock:  # a port nothing listens on: connection refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    view = make_view(Settings(hub_endpoint=f"http://127.0.0.1:{port}"))
    view.show()
    qtbot.waitUntil(lambda: view.refreshed is not None, timeout=20_000)
    assert view.hub_note.text().startswith("The Hub cannot be reached")
    assert f"127.0.0.1:{port}" in view.hub_note.toolTip()
    assert all(s.startswith("about ") for s in names(view.recommended_table, 2))


def test_a_search_replaces_the_list_and_clearing_it_returns(
        qtbot: QtBot, hub: FakeHub, make_view: MakeView) -> None:
    view = make_view(Settings(hub_endpoint=hub.url))
    view.show()
    qtbot.waitUntil(lambda: view.refreshed is not None, timeout=20_000)
    # Typing alone searches, after a pause.
    qtbot.keyClicks(view.query, "smollm2")
    qtbot.waitUntil(lambda: view.results_table.rowCount() > 0, timeout=20_000)
    assert view.lists.currentWidget() is view.results_table
    assert view.list_title.text() == "Search results"
    assert all("smollm2" in name.lower() for name in names(view.results_table))
    assert view.status.text().endswith("models found.")
    view.query.clear()
    assert view.lists.currentWidget() is view.recommended_table
    assert view.list_title.text() == "Recommended for this computer"
    assert view.recommended_table.rowCount() == len(CURATED)


def header_fits(table: QTableWidget) -> list[str]:
    """The headers whose section is narrower than their text (none, when all is well)."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    cut = []
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        if header.sectionSize(column) < metrics.horizontalAdvance(text):
            cut.append(text)
    return cut


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_no_header_is_cut(qtbot: QtBot, hub: FakeHub, make_view: MakeView,
                          language: str) -> None:
    translator = QTranslator()
    app = QCoreApplication.instance()
    assert app is not None
    if language == "pt_BR":
        assert translator.load(str(QM))
        app.installTranslator(translator)
    try:
        view = make_view(Settings(hub_endpoint=hub.url, offline=True))
        view.resize(760, 500)  # narrow: the stretched column gives way, not the headers
        view.show()
        qtbot.wait(100)
        expected = "Cabe neste computador?" if language == "pt_BR" else "Fits this computer?"
        assert view.files_table.horizontalHeaderItem(2).text() == expected
        assert header_fits(view.files_table) == []
        assert header_fits(view.recommended_table) == []
        view.recommended_table.selectRow(0)  # rows in the files table
        qtbot.wait(50)
        assert view.files_table.rowCount() == 1
        assert header_fits(view.files_table) == []
    finally:
        app.removeTranslator(translator)
