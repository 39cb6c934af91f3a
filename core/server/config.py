"""How the server is set up: where it listens, its key, and what a request that says
nothing about sampling gets."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field, replace

from core.sampling.params import SamplingParams

#: The port Prosa listens on unless told otherwise: outside the ranges other local
#: servers take by default (llama.cpp 8080, Ollama 11434, LM Studio 1234, vLLM 8000).
DEFAULT_PORT = 8765
LOOPBACK = "127.0.0.1"
#: A host name: dot-separated labels of letters, digits and hyphens.
_HOST_NAME = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$")


@dataclass(frozen=True)
class ServerConfig:
    host: str = LOOPBACK
    port: int = DEFAULT_PORT
    #: Clients must send ``Authorization: Bearer <key>``; ``None``: no key asked.
    api_key: str | None = None
    #: Sampling for what a request leaves out (the window passes the user's defaults).
    defaults: SamplingParams = field(default_factory=SamplingParams)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def with_defaults(self, sampling: SamplingParams) -> ServerConfig:
        return replace(self, defaults=sampling)


def is_loopback(host: str) -> bool:
    """Only this computer can reach an address (``localhost``, 127.x, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def valid_host(host: str) -> bool:
    """An IP address (``0.0.0.0`` and ``::`` listen on every one) or a host name."""
    host = host.strip()
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return len(host) <= 253 and _HOST_NAME.match(host) is not None
