"""With ``PROSA_LANG=pt_BR``, every window and dialog Prosa opens speaks Portuguese.

The walk opens the main window on the scripted engine, then each window, dialog,
page and menu it can open (``WALK``: one ``(name, opener)`` entry each, so a new
dialog is one line), and collects every string a user sees: window titles, labels,
buttons, group boxes, tabs, menus and their actions, tooltips, placeholders, combo box
items, table headers and cells.  A string is still English when

- it is the English source of a message in ``prosa_pt_BR.ts`` whose translation
  differs (a ``tr`` that found no translation, or text that bypassed ``tr`` but has one),
- or it holds a common English word that no Portuguese translation uses (text that
  never went through ``tr``), once the names of models and files are taken out.

Qt's own texts (the OK and Cancel of a button box) count too: they come from Qt's
qtbase translation, which ``ui.app.install_translators`` loads.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from core.conversation.system_prompts import default_prompts
from core.conversation.types import Candidate, TokenAlternative, TokenLogprob
from core.engine.protocol import PromptInspection, PromptToken
from core.errors import Problem
from core.sampling.presets import BUILTIN_PRESETS
from tests.ui.conftest import OpenWindow

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "prosa_pt_BR.ts"

#: Opens one thing of the window and yields each widget to read, in each state worth
#: reading (a tour yields its card once per step).
Opener = Callable[[Any, QtBot], Iterator[QWidget]]

#: Common English words that no Portuguese translation uses: a visible string with one
#: of them never went through ``tr`` (or its translation kept English).
ENGLISH_WORDS = frozenset("""
    the and of with to is are was this that these your you from will can cannot not
    which when what while into than then there their it its has have been be by at on
    or an if all any each every more most only also here save cancel close open delete
    add remove edit settings file files folder search show hide use used new name
    model models loading loaded download downloads message messages conversation
    tokens token reply yes no none off default choose select copy paste clear test
    server servers error errors failed unknown about help keyboard shortcuts preferences
    language theme light dark system prompt sampling engine thinking tools tool allow
    deny done next skip back apply reset browse start stop send retry details report
""".split())  # noqa: SIM905 (a paragraph of words reads better than a list)

#: Each language is offered in its own name (Preferences → Language), as desktops do.
ENDONYMS = frozenset({"English", "Português (Brasil)"})

#: Strings the walk finds in files its author could not change: the start of each,
#: with the file to fix.  Fixed there, its entry must go (a stale entry fails the test).
PENDING: dict[str, str] = {}


# --- what the walk opens ------------------------------------------------------------


def _main_window(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    window._fill_recent_menu()
    window.find_in_conversation()  # the find bar
    yield window
    for index in range(window.side.count()):  # each side panel, shown
        window.side.setCurrentIndex(index)
        yield window.side.currentWidget()


def _problem(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    from ui.details_dialog import DetailsDialog

    problem = Problem.of("settings.damaged", "The settings file was damaged; it was kept "
                         "as {name} and default settings are in use.", name="x.json",
                         details="trace")
    window.show_problem(problem)
    yield window.problem_bar
    yield DetailsDialog(problem, window)


def _preferences(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    window.show_preferences()
    dialog = window.preferences_dialog
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        yield dialog
    dialog.close()


def _remote_server_editor(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    page = window.show_remote_servers()
    assert page is not None
    yield page
    editor = page.add()
    yield editor
    editor.close()
    window.preferences_dialog.close()


def _server_log(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    window.show_server_log()
    yield window.server_log
    window.server_log.close()


def _models(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    from ui.hub_view import HubSettingsDialog

    dialog = window.show_models()
    row = dialog.downloads_view._row(7, "someone/model", ("model.gguf",))
    row.set_state(row.state)
    row.set_progress(40_000_000, 98_400_000, 2_500_000.0, 23.0)
    tabs = dialog.findChild(QTabWidget)
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        yield dialog
    yield HubSettingsDialog(window.settings, dialog)
    dialog.close()


def _about(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    dialog = window.show_about()
    tabs = dialog.findChild(QTabWidget)
    for index in range(tabs.count() if tabs else 0):
        tabs.setCurrentIndex(index)
        yield dialog
    dialog.close()


def _shortcuts(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    window.show_shortcuts()
    yield window.shortcuts_dialog
    window.shortcuts_dialog.close()


def _template_editor(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    window.edit_template()
    editor = window.template_editor
    yield editor
    editor.close()


def _prompt_inspector(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    from ui.prompt_inspector import PromptInspector

    tokens = tuple(PromptToken(i, piece, piece.startswith("<|"))
                   for i, piece in enumerate(["<|im_start|>", "user\nOi", "<|im_end|>"]))
    inspection = PromptInspection(1, "".join(t.piece for t in tokens), tokens, 4096,
                                  "chat", "ChatML", window.loaded.template_reason, True)
    dialog = PromptInspector(inspection, window)
    yield dialog
    dialog.close()


def _mcp_servers(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    window.manage_mcp_servers()
    dialog = window.mcp_dialog
    yield dialog
    dialog.reject()


def _reply_format(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    from ui.tools.structured_output import StructuredOutputDialog

    dialog = StructuredOutputDialog(None, window)
    yield dialog
    dialog.close()


def _tokens(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    from ui.token_view import AlternativesPopup, NBestDialog

    token = TokenLogprob(1, " céu", 0.8, (TokenAlternative(1, " céu", 0.8),
                                          TokenAlternative(2, " mar", 0.15)), 0)
    yield AlternativesPopup(token, window)
    candidates = (Candidate("O céu é azul.", (1, 2), -1.5, -0.3),
                  Candidate("Azul.", (3,), -2.0, -0.5))
    dialog = NBestDialog(candidates, "O céu é azul.", window)
    yield dialog
    dialog.close()


def _tour(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    tour = window.start_tour()
    while tour.running:
        yield tour.card
        tour.next()


def _learn(window: Any, qtbot: QtBot) -> Iterator[QWidget]:
    """Every lesson's page as it opens; no lesson runs here (the lessons' own tests run
    them on the model), so each says in Portuguese why it cannot."""
    from core.learn.catalog import LESSONS

    window.lesson_setup = lambda: Problem.of(
        "learn.no_model", "The lessons need a model on this computer: load one, or "
        "download one in Models.")
    dialog = window.open_learn()
    for lesson in LESSONS:
        dialog.show_lesson(lesson)
        yield dialog
    dialog.close()


#: Everything the walk opens.
WALK: list[tuple[str, Opener]] = [
    ("main window, menus, toolbar, side panels, find bar, welcome", _main_window),
    ("problem bar and details", _problem),
    ("preferences", _preferences),
    ("remote servers and the server editor", _remote_server_editor),
    ("API server log", _server_log),
    ("models: library, Hub, downloads, Hub settings", _models),
    ("about", _about),
    ("keyboard shortcuts", _shortcuts),
    ("template editor", _template_editor),
    ("prompt inspector", _prompt_inspector),
    ("MCP servers", _mcp_servers),
    ("reply format", _reply_format),
    ("token alternatives and beam candidates", _tokens),
    ("tour", _tour),
    ("learn: every lesson", _learn),
]


# --- what a user sees ---------------------------------------------------------------


def _plain(text: str) -> str:
    if re.search(r"<[a-zA-Z/][^>]*>|&[a-z]+;", text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def _action_texts(action: QAction) -> Iterator[str]:
    yield action.text()
    if action.toolTip() != action.text().replace("&", ""):
        yield action.toolTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield menu.title()
        for child in menu.actions():
            yield from _action_texts(child)


def _header_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None or isinstance(view, QListWidget):
        return
    for section in range(model.columnCount(QModelIndex())):
        value = model.headerData(section, Qt.Orientation.Horizontal)
        if isinstance(value, str):
            yield value


def texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(class, text) for every string ``widget`` and its children show."""
    for w in [widget, *widget.findChildren(QWidget)]:
        kind = type(w).__name__
        found: list[str] = [w.toolTip()]
        if w.isWindow():
            found.append(w.windowTitle())
        if isinstance(w, QLabel):
            found.append(w.text())
        if isinstance(w, QAbstractButton):
            found.append(w.text())
        if isinstance(w, QGroupBox):
            found.append(w.title())
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                found += [w.tabText(i), w.tabToolTip(i)]
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            found.append(w.placeholderText())
        if isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
            found += [str(w.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
                      for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            found += list(_header_texts(w))
        if isinstance(w, QTableWidget):
            found += [item.text() for r in range(w.rowCount()) for c in range(w.columnCount())
                      if (item := w.item(r, c)) is not None]
        if isinstance(w, QTreeWidget):
            found += [w.headerItem().text(c) for c in range(w.columnCount())]
        if isinstance(w, QListWidget) and w.objectName() != "conversationList":
            found += [w.item(i).text() for i in range(w.count())]
        if isinstance(w, QMenu):
            found.append(w.title())
        for action in w.actions():
            found += list(_action_texts(action))
        for text in found:
            text = _plain(text or "")
            if text:
                yield kind, text


# --- what counts as English ---------------------------------------------------------


def _catalogue() -> tuple[set[str], set[str]]:
    """The English sources whose translation differs, and every word the Portuguese
    translations use."""
    sources: set[str] = set()
    portuguese_words: set[str] = set()
    for message in ET.parse(TS).iter("message"):
        source = _plain(message.findtext("source") or "")
        translation = _plain(message.findtext("translation") or "")
        if translation and translation != source:
            sources.add(source)
        portuguese_words.update(_words(translation))
    return sources, portuguese_words


def _words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[A-Za-zÀ-ÿ]+", text)]


def _without_names(text: str, names: list[str]) -> str:
    """``text`` without what is not words: the names of models and files, addresses,
    identifiers (``more-itertools``, ``Q4_K_M``, ``v1.2``) and SPDX licence expressions
    (``MIT OR Apache-2.0``)."""
    for name in names:
        text = text.replace(name, " ")
    kept = [token for token in text.split()
            if not re.search(r"[/\\@]|\w[-_.]\w|\d", token)
            and token not in ("AND", "OR", "WITH")]
    return " ".join(kept)


def english_in(seen: dict[str, set[str]], names: list[str]) -> dict[str, set[str]]:
    sources, portuguese_words = _catalogue()
    # The built-in names core keeps in English (stored, or the model's), which a
    # Portuguese window must show in Portuguese.
    sources |= {p.name for p in default_prompts("en")} | {p.name for p in BUILTIN_PRESETS}
    english_only = ENGLISH_WORDS - portuguese_words
    found: dict[str, set[str]] = {}
    for text, where in seen.items():
        if text in ENDONYMS:
            continue
        plain = _without_names(text, names)
        if text in sources or any(w in english_only for w in _words(plain)):
            found[text] = where
    return found


def _pending(text: str) -> str | None:
    return next((start for start in PENDING if text.startswith(start)), None)


# --- the test -----------------------------------------------------------------------


@pytest.fixture
def portuguese(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from ui.app import install_translators

    monkeypatch.setenv("PROSA_LANG", "pt_BR")
    translators = install_translators(qapp)
    assert len(translators) == 2, "Prosa's and Qt's own (qtbase) pt_BR translations"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())


def test_every_window_and_dialog_speaks_portuguese(qtbot: QtBot, portuguese: None,
                                                   open_scripted: OpenWindow) -> None:
    window, _engine = open_scripted()
    loaded = window.loaded
    assert loaded is not None
    names = sorted({Path(loaded.model_path).name, Path(loaded.model_path).stem,
                    loaded.model_name if hasattr(loaded, "model_name") else ""} - {""},
                   key=len, reverse=True)
    seen: dict[str, set[str]] = {}
    walked = []
    for name, opener in WALK:
        count = 0
        for widget in opener(window, qtbot):
            for kind, text in texts_of(widget):
                seen.setdefault(text, set()).add(f"{name}: {kind}")
            count += 1
        assert count, f"the walk opened nothing for {name!r}"
        walked.append(name)
    # The walk read Portuguese for real: Qt's own buttons and Prosa's words.
    assert {"Cancelar", "Preferências", "Equilibrado"} <= seen.keys(), sorted(seen)[:50]
    english = english_in(seen, names)
    unexpected = {text: sorted(where) for text, where in english.items()
                  if _pending(text) is None}
    stale = sorted(set(PENDING) - {_pending(text) for text in english})
    assert not unexpected, "still English:\n" + "\n".join(
        f"  {text!r}  ({'; '.join(where)})" for text, where in sorted(unexpected.items()))
    assert not stale, f"fixed: take these out of PENDING: {stale}"
