"""The local test Hub in its own process, so the server never shares the GIL with the
downloader being measured.  Prints one JSON line (addresses, the starter file's
sha256) and serves until its standard input closes."""

from __future__ import annotations

import importlib
import json
import sys
from typing import Any


def main() -> int:
    # Imported by name: the test Hub belongs to the tests, which mypy does not check
    # with the app (its YAML dependency has no stubs in the app's environment).
    hub_server: Any = importlib.import_module("tests.hub_server")
    repo, name = hub_server.SMOLLM2_REPO, hub_server.SMOLLM2_FILE
    with hub_server.FakeHub(hub_server.starter_repos()) as hub:
        entry = hub.file(repo, name)
        print(json.dumps({"url": hub.url, "cdn_url": hub.cdn_url, "sha256": entry.sha256,
                          "repo": repo, "file": name}), flush=True)
        sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main())
