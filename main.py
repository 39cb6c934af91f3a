"""Prosa: no arguments open the window; subcommands run headless (see ``--help``)."""

from __future__ import annotations

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
        from core.cli import main as cli_main

        return cli_main(args)
    from ui.app import run_gui

    return run_gui(sys.argv[:1])


if __name__ == "__main__":
    # The engine runs in a spawned process; frozen (installer) builds need this.
    multiprocessing.freeze_support()
    sys.exit(main())
