"""Prosa without a window: the same core, for scripts, installers and CI.

Exit codes: 0 success, 2 bad input (one line on stderr), 1 any other failure.  The
command line speaks English: errors print their English text (``ProsaError.message``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from core.errors import BadInput, ModelFileError, ProsaError, TemplateError


def main(argv: Sequence[str]) -> int:
    try:
        from cli.models import download, inspect, models, search
        from cli.parse import parse
        from cli.parser import build_parser
        from cli.render import render
        from cli.run import chat, self_test

        args = build_parser().parse_args(list(argv))
        if args.self_test:
            return self_test(args)
        if args.command == "chat":
            return chat(args)
        if args.command == "inspect":
            return inspect(args)
        if args.command == "render":
            return render(args)
        if args.command == "parse":
            return parse(args)
        if args.command == "models":
            if args.remote:
                from cli.remote import models as remote_models

                return remote_models(args)
            return models(args)
        if args.command == "search":
            return search(args)
        if args.command == "serve":
            from cli.serve import serve

            return serve(args)
        if args.command == "download":
            return download(args)
        if args.command == "bench":
            try:
                from bench.suite import run_suite
            except ModuleNotFoundError as exc:  # the installed app ships no benchmarks
                raise BadInput("cli.no_bench", "the benchmarks run from Prosa's source code "
                               "(./prosa.sh bench)") from exc

            return run_suite(args.quick, Path(args.output))
        raise BadInput("cli.nothing_to_do", "nothing to do: give a command (chat, render, "
                       "parse, models, inspect) or --self-test")
    except BadInput as exc:
        print(f"prosa: {exc.message}", file=sys.stderr)
        return 2
    except (ModelFileError, TemplateError) as exc:
        print(f"prosa: {exc.message}", file=sys.stderr)
        return 2
    except ProsaError as exc:
        print(f"prosa: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
