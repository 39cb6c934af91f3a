"""Whether an address sends what it carries in the clear to another network.

A plain ``http://`` address is fine for this computer and the local network (a lab
box, a GPU server under the desk), where most OpenAI-compatible servers run without
TLS.  Beyond it the API key and every conversation travel unencrypted, so the server
editor warns.  Host names are judged by their shape only (no DNS lookup on the GUI
thread): ``localhost``, single-label names and the private suffixes are local.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

#: Suffixes of names that stay inside a home or office network (RFC 6762, RFC 8375,
#: and the ones routers hand out by habit).
LOCAL_SUFFIXES = (".local", ".lan", ".home", ".internal", ".home.arpa", ".localdomain")


def is_local_host(host: str) -> bool:
    """``host`` is this computer or an address of a private network."""
    host = host.strip("[]").rstrip(".").lower()
    if not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost" or "." not in host or host.endswith(LOCAL_SUFFIXES)
    return address.is_loopback or address.is_private or address.is_link_local


def sends_in_clear(url: str) -> bool:
    """``url`` is plain http to a host outside this computer and its network."""
    parts = urlsplit(url.strip())
    return parts.scheme == "http" and bool(parts.hostname) \
        and not is_local_host(parts.hostname or "")
