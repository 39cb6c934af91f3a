"""The local test Hub in its own process, so the server never shares the GIL with the
downloader being measured.  Prints one JSON line (addresses, the starter file's
sha256) and serves until its standard input closes.

The server sends small replies with ``TCP_NODELAY``, as real web servers and CDNs do.
Python's ``http.server`` does not by default: it writes the headers and the body of a
reply separately, so on a kept-alive connection Nagle's algorithm holds the body back
until the client's delayed ACK, 40 ms later on Linux.  That stall hit the Hub metadata
requests before every measured download (about 40 ms of the app's 230 ms) and is a
trait of the stand-in server, not of the downloader nor of the real Hub.  curl, which
opens a fresh connection, never met it.
"""

from __future__ import annotations

import http.server
import importlib
import json
import sys
from typing import Any


def main() -> int:
    # Imported by name: the test Hub belongs to the tests, which mypy does not check
    # with the app (its YAML dependency has no stubs in the app's environment).
    hub_server: Any = importlib.import_module("tests.hub_server")
    # This process serves only the test Hub, so the class-wide switch touches nothing else.
    http.server.BaseHTTPRequestHandler.disable_nagle_algorithm = True
    repo, name = hub_server.SMOLLM2_REPO, hub_server.SMOLLM2_FILE
    with hub_server.FakeHub(hub_server.starter_repos()) as hub:
        entry = hub.file(repo, name)
        print(json.dumps({"url": hub.url, "cdn_url": hub.cdn_url, "sha256": entry.sha256,
                          "repo": repo, "file": name}), flush=True)
        sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main())
