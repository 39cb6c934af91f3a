"""Prosa: no arguments open the window; subcommands run headless (see ``--help``).

One argument that names a ``.gguf`` file (or any path, as a desktop's "Open with" or a
double-click passes it) opens the window with that model.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def file_to_open(args: list[str]) -> str | None:
    """The model file to open in the window, when the arguments are just a path.

    Subcommands are plain words, so a single argument that ends in ``.gguf`` or holds
    a path separator is a file, whether it exists or not (a missing file gets its
    message in the window, not a usage error in a terminal nobody sees)."""
    if len(args) != 1 or args[0].startswith("-"):
        return None
    arg = args[0]
    if arg.startswith("file://"):
        from urllib.parse import unquote, urlparse

        return unquote(urlparse(arg).path)
    separators = {os.sep, *([os.altsep] if os.altsep else [])}
    if arg.lower().endswith(".gguf") or any(s in arg for s in separators):
        return arg
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    to_open = file_to_open(args)
    if args and to_open is None:
        from cli import main as cli_main

        return cli_main(args)
    from ui.app import run_gui

    return run_gui(sys.argv[:1], open_path=to_open)


if __name__ == "__main__":
    # The engine runs in a spawned process; frozen (installer) builds need this.
    multiprocessing.freeze_support()
    sys.exit(main())
