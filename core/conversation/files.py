"""Conversations to and from files the user picks: export as Markdown or JSON, import.

File trouble (a folder that cannot be written, a file that is not JSON) is told as a
coded problem with the file's name, like every other error, so the window shows it in
the user's language and the command line in English.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

from core.conversation.store import ConversationStore
from core.errors import BadInput

ExportKind = Literal["md", "json"]


def export_to(store: ConversationStore, conversation_id: int, kind: ExportKind,
              path: Path) -> Path:
    """Write the conversation to ``path`` (Markdown for people, JSON to import back)."""
    if kind == "md":
        text = store.export_markdown(conversation_id)
    else:
        text = json.dumps(store.export_json(conversation_id), ensure_ascii=False, indent=2)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput("files.export_failed", "Could not write {file}: {reason}",
                       details=repr(exc), file=path.name,
                       reason=exc.strerror or type(exc).__name__) from exc
    return path


def import_from(store: ConversationStore, path: Path) -> int:
    """Add the conversation in ``path`` (Prosa's JSON or an OpenAI message list)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput("files.unreadable", "Could not read {file}: {reason}",
                       details=repr(exc), file=path.name,
                       reason=exc.strerror or os.strerror(exc.errno or 0)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput("files.not_json", "{file} is not a JSON file Prosa can read.",
                       details=str(exc), file=path.name) from exc
    return store.import_json(data)
