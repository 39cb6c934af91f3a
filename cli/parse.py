"""``parse``: split a model's raw output into answer, reasoning and tool calls.

The same family parsers the app uses (``core.output.families``), on a file, so a
reply captured anywhere (a log, another engine, a bug report) can be checked
without a model: ``python main.py parse --format hermes reply.txt``.  The result is
one JSON object, :meth:`core.output.types.Parsed.to_json`; what the parser had to
give back as text (a malformed or cut-off call) is said on stderr as a note.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from cli.render import read_json_list
from core.errors import BadInput
from core.output.detect import family_of_text
from core.output.families import parser_for
from core.output.types import Context, Family, Finish

#: ``--format`` names: every family, and ``auto`` (from the text's markers).
FORMATS = (*(f.value for f in Family), "auto")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parse = sub.add_parser(
        "parse", help="split a model's raw output into content, reasoning and tool calls "
                      "(one JSON object)")
    parse.add_argument("file", help="the raw output, special tokens written out (- for stdin)")
    parse.add_argument("--format", required=True, choices=FORMATS, metavar="FORMAT",
                       help="the model family's output format: " + ", ".join(FORMATS)
                            + " (auto: from the markers in the text)")
    parse.add_argument("--tools", help="JSON file: the list of tool schemas offered "
                                       "(some formats type arguments by them)")
    parse.add_argument("--prompt-suffix", default="", metavar="TEXT",
                       help="the end of the prompt the template made (its generation "
                            "prompt, e.g. '<|im_start|>assistant\\n<think>\\n'; \\n, "
                            "\\t and \\\\ are read as escapes): says whether the output "
                            "starts inside reasoning")
    parse.add_argument("--finish", choices=("stop", "length"), default="stop",
                       help="why the output ended: the model stopped, or max tokens "
                            "cut it (a call cut off is never a call)")


def parse(args: argparse.Namespace) -> int:
    text = read_text(args.file)
    tools = read_json_list(args.tools, "tools") if args.tools else []
    suffix = unescape(args.prompt_suffix)
    if args.format == "auto":
        family = family_of_text(text)
        if family is Family.PLAIN and suffix:
            family = family_of_text(suffix)  # "<think>\n" opened by the prompt
    else:
        family = Family(args.format)
    parser = parser_for(family)
    context = Context(starts_in_reasoning=bool(suffix) and parser.opens_reasoning(suffix),
                      tools=tools)
    parsed = parser.parse(text, Finish(args.finish), context)
    print(json.dumps(parsed.to_json(), ensure_ascii=False))
    sys.stdout.flush()
    for note in parsed.notes:
        print(f"prosa: note: {note.message}", file=sys.stderr)
    return 0


_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}


def unescape(text: str) -> str:
    """``\\n``, ``\\r``, ``\\t`` and ``\\\\`` as the characters they name: a generation
    prompt ends in newlines, which a shell argument does not carry easily."""
    return re.sub(r"\\([nrt\\])", lambda m: _ESCAPES[m.group(1)], text)


def read_text(path: str) -> str:
    """The whole file (``-``: stdin) as UTF-8 text, exactly as written: no newline
    translation, since a model's ``\\r\\n`` is part of its output."""
    name = "stdin" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise BadInput("cli.unreadable_file", "cannot read {what} file {path}: {reason}",
                       what="output", path=name, reason=exc.strerror or str(exc)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput("cli.not_utf8", "{path} is not UTF-8 text (byte {offset})",
                       path=name, offset=exc.start) from exc
