"""``chat``'s structured output and tools: ``--json-schema``, ``--grammar``, ``--tools``
and ``--tool-choice``.

The files are read and checked before the model loads (a typo costs nothing), with
the same checks the window's schema editor runs (``core.tools.structured``); the
reply to a schema is validated with jsonschema, and one that does not validate is a
failure (exit code 1) with jsonschema's reason, so a script can trust what it reads.
Calls print as JSON lines, one per call.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cli.render import read_json_list
from core.engine.protocol import GenerationFinished, ModelLoaded
from core.errors import BadInput
from core.tools.choice import OutputConstraint, ToolChoice, ToolChoiceMode, ToolOffer
from core.tools.spec import ToolSpec
from core.tools.structured import check_grammar, parse_schema, read_reply


@dataclass(frozen=True)
class Structured:
    """What ``chat`` asks of the reply beyond its text."""

    constraint: OutputConstraint | None = None
    tools: tuple[dict[str, Any], ...] = ()
    tool_choice: ToolChoice = field(default_factory=ToolChoice)

    @property
    def offer(self) -> ToolOffer:
        """What the engine takes with the request."""
        return ToolOffer(self.tools, self.tool_choice, self.constraint)


def read_structured(args: argparse.Namespace) -> Structured:
    """The constraint and tools the arguments name, read and checked (``BadInput``:
    exit code 2)."""
    constraint = None
    try:
        if args.json_schema:
            constraint = OutputConstraint(json_schema=parse_schema(
                _read(args.json_schema, "JSON schema")))
        elif args.grammar:
            constraint = OutputConstraint(grammar=check_grammar(
                _read(args.grammar, "grammar")))
    except BadInput as exc:
        if exc.code == "cli.unreadable_file":
            raise
        raise BadInput("cli.bad_constraint_file", "{path}: {reason}",
                       path=args.json_schema or args.grammar, reason=exc.message) from exc
    tools: tuple[dict[str, Any], ...] = ()
    if args.tools:
        specs = []
        for item in read_json_list(args.tools, "tools"):
            try:
                specs.append(ToolSpec.from_openai(item))
            except ValueError as exc:
                raise BadInput("cli.bad_tool", "tools file {path}: {reason}",
                               path=args.tools, reason=str(exc)) from exc
        tools = tuple(spec.to_openai() for spec in specs)
    choice = ToolChoice()
    if args.tool_choice is not None:
        if not tools:
            raise BadInput("cli.tool_choice_without_tools",
                           "--tool-choice needs --tools (the tools to choose from)")
        choice = ToolChoice.parse(args.tool_choice)
        names = [tool["function"]["name"] for tool in tools]
        if choice.mode is ToolChoiceMode.NAMED and choice.name not in names:
            raise BadInput("cli.unknown_tool", "--tool-choice {name}: no such tool in "
                           "{path} (it has: {names})", name=args.tool_choice,
                           path=args.tools, names=", ".join(names))
    return Structured(constraint, tools, choice)


def check_tool_support(loaded: ModelLoaded, structured: Structured) -> None:
    """Tools offered to a template that does not show them would be guessing: say so,
    and how to fix it."""
    if structured.tools and not loaded.tools_supported:
        raise BadInput("cli.no_tool_support",
                       "the chat template of {model} does not show tools to the model; "
                       "choose one that does, e.g. --template chatml-tools (ChatML with "
                       "Hermes-style tool calls) or --template-file FILE",
                       model=loaded.model_name)


def finish(event: GenerationFinished, structured: Structured, as_json: bool) -> int:
    """Print the calls (JSON lines, unless ``--json`` printed them already) and check
    the reply against the schema; the exit code."""
    if not as_json:
        for call in event.tool_calls:
            print(json.dumps(call.to_json(), ensure_ascii=False))
        sys.stdout.flush()
    constraint = structured.constraint
    if constraint is None or constraint.json_schema is None:
        return 0
    checked = read_reply(event.text, constraint.json_schema)
    if checked.validates:
        return 0
    reason = checked.reason
    if event.reason == "length":
        reason += " (the reply was cut off by --max-tokens)"
    print(f"prosa: the reply does not follow the JSON schema: {reason}", file=sys.stderr)
    return 1


def _read(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BadInput("cli.unreadable_file", "cannot read {what} file {path}: {reason}",
                       what=what, path=path, reason=reason) from exc

