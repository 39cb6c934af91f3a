"""The servers the user added: a name, an address and, apart, a key.

A :class:`RemoteServer` holds what may be written to a settings file; its API key is
never part of it (``core.remote.secrets`` keeps keys in the system keyring).  Each
server has an ``id`` of its own, so renaming it keeps its key.  The address is the
API's base (``http://host:8080/v1``): an address typed without a path gets ``/v1``,
the base every OpenAI-compatible server uses.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from core.errors import BadInput

#: The longest name shown in menus.
MAX_NAME = 60


def new_id() -> str:
    return uuid.uuid4().hex


def normalized_url(text: str) -> str:
    """The API base for what the user typed; raises :class:`BadInput` when it is not
    an http(s) address with a host."""
    text = text.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput("remote.bad_address", "The server's address must start with "
                       "http:// or https:// and name a host, such as "
                       "http://192.168.1.20:8080/v1.", address=text)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise BadInput("remote.bad_address", "The server's address must start with "
                       "http:// or https:// and name a host, such as "
                       "http://192.168.1.20:8080/v1.", address=text) from exc
    path = parts.path.rstrip("/") or "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@dataclass(frozen=True)
class RemoteServer:
    """An OpenAI-compatible server, as the user named it."""

    name: str
    base_url: str
    id: str = field(default_factory=new_id)

    def validated(self) -> RemoteServer:
        name = " ".join(self.name.split())
        if not name or len(name) > MAX_NAME:
            raise BadInput("remote.bad_name", "A server needs a name of 1 to {most} "
                           "characters.", most=MAX_NAME)
        return RemoteServer(name, normalized_url(self.base_url), self.id)

    @property
    def host(self) -> str:
        """The server's host and port, for short labels."""
        return urlsplit(self.base_url).netloc

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "base_url": self.base_url}

    @classmethod
    def from_dict(cls, data: Any) -> RemoteServer:
        if not isinstance(data, dict) or not all(
                isinstance(data.get(key), str) for key in ("id", "name", "base_url")):
            raise BadInput("remote.bad_entry", "A saved server could not be read.")
        return cls(data["name"], data["base_url"], data["id"]).validated()


@dataclass(frozen=True)
class RemoteTarget:
    """What a remote engine loads: a server, one of its models, and the key to use
    (read from the keyring by the caller; never written anywhere by the engine)."""

    server: RemoteServer
    model: str
    api_key: str | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """``model @ server``: how the window and the stored replies name it."""
        return f"{self.model} @ {self.server.name}"
