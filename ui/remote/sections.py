"""How the model menu shows remote servers: one section per server, and a remote
model's name where the app keeps a reference (recent models, the current one).

A section is a value the window keeps up to date as listings arrive; the picker only
draws it.  A server that cannot be listed shows why in a greyed line (its full
message in the tooltip), never an empty section and never a menu that waits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from core.errors import Problem
from core.remote.refs import make_ref, parse_ref
from core.remote.servers import RemoteServer
from ui.error_texts import problem_text

#: Item data role of a row's model name (a path or a remote reference), as the
#: picker keeps it (``Qt.UserRole + 1``).
PATH_ROLE = 257
#: Short words for a listing's failure, by code; anything else is "could not list".
_SHORT = {
    "remote.unreachable": QT_TRANSLATE_NOOP("RemoteSection", "Cannot be reached"),
    "remote.timeout": QT_TRANSLATE_NOOP("RemoteSection", "Did not answer"),
    "remote.unauthorized": QT_TRANSLATE_NOOP("RemoteSection", "Refused the API key"),
    "remote.offline": QT_TRANSLATE_NOOP("RemoteSection", "Offline mode is on"),
    "remote.no_models": QT_TRANSLATE_NOOP("RemoteSection", "Lists no models"),
}


@dataclass(frozen=True)
class RemoteSection:
    """A server as the model menu shows it: its models, or why it has none to show."""

    server: RemoteServer
    models: tuple[str, ...] = ()
    problem: Problem | None = None
    #: A listing is under way (the models shown, if any, are the last ones found).
    listing: bool = False


def server_title(server: RemoteServer) -> str:
    return f"{server.name} ({server.host})"


def ref_label(text: str, servers: Iterable[RemoteServer]) -> str | None:
    """``model @ server`` for a remote reference whose server is still there; ``None``
    for a file path or a removed server's reference."""
    ref = parse_ref(text)
    if ref is None:
        return None
    server = next((s for s in servers if s.id == ref.server_id), None)
    return None if server is None else f"{ref.model} @ {server.name}"


def problem_summary(problem: Problem) -> str:
    """A few words for a menu line (the whole message goes in its tooltip)."""
    short = _SHORT.get(problem.code)
    if short:
        return QCoreApplication.translate("RemoteSection", str(short))
    return QCoreApplication.translate("RemoteSection", "Could not list its models")


def add_section(combo: QComboBox, section: RemoteSection) -> None:
    """Append ``section`` to the combo box: a greyed title, then a row per model, or a
    greyed line saying the listing is under way or why it failed."""
    server = section.server
    _add_inert(combo, server_title(server), server.base_url, bold=True)
    if section.problem is not None and not section.models:
        text = problem_text(section.problem)
        _add_inert(combo, "⚠ " + problem_summary(section.problem), text)
    elif not section.models:
        note = (QCoreApplication.translate("RemoteSection", "Listing models…")
                if section.listing else
                QCoreApplication.translate("RemoteSection", "Models not listed yet"))
        _add_inert(combo, note, server.base_url)
    tip = QCoreApplication.translate("RemoteSection", "%1 on the server “%2” (%3)")
    for model in section.models:
        ref = make_ref(server.id, model)
        combo.addItem(model, ref)
        row = combo.count() - 1
        combo.setItemData(row, ref, PATH_ROLE)
        combo.setItemData(row, tip.replace("%1", model).replace("%2", server.name)
                          .replace("%3", server.base_url), Qt.ItemDataRole.ToolTipRole)


def _add_inert(combo: QComboBox, text: str, tip: str, *, bold: bool = False) -> None:
    """A row that cannot be chosen (a title, a note)."""
    combo.addItem(text)
    row = combo.count() - 1
    combo.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
    if bold:
        font = QFont(combo.font())
        font.setBold(True)
        combo.setItemData(row, font, Qt.ItemDataRole.FontRole)
    model = combo.model()
    if isinstance(model, QStandardItemModel):
        item = model.item(row)
        if item is not None:
            item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled
                                           | Qt.ItemFlag.ItemIsSelectable))
