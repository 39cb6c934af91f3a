"""How a remote model is named where the app names models by a string.

The window, the settings (the last and recent models) and the template overrides know
a model by its path.  A remote model gets a reference in the same place,
``remote:<server id>/<model, URL-quoted>``, made and read here only, so a remote model
can be the last one used, a recent one, or have the server's name shown for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

PREFIX = "remote:"


@dataclass(frozen=True)
class RemoteRef:
    server_id: str
    model: str

    def __str__(self) -> str:
        return f"{PREFIX}{self.server_id}/{quote(self.model, safe='')}"


def make_ref(server_id: str, model: str) -> str:
    return str(RemoteRef(server_id, model))


def parse_ref(text: str | None) -> RemoteRef | None:
    """The server and model of a reference; ``None`` for a file path."""
    if not text or not text.startswith(PREFIX):
        return None
    server_id, slash, model = text[len(PREFIX):].partition("/")
    if not slash or not server_id or not model:
        return None
    return RemoteRef(server_id, unquote(model))


def is_remote(text: str | None) -> bool:
    return parse_ref(text) is not None


def short_name(text: str) -> str:
    """A model's name for labels: a file's name, or a remote model's id."""
    ref = parse_ref(text)
    return ref.model if ref is not None else Path(text).name
