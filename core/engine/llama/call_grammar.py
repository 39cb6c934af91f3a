"""Grammars of a tool call as each output family writes it.

A call must come out in the format the model's template taught it and its family's
parser reads (``core.output.families``): Hermes' ``<tool_call>`` blocks of JSON,
Llama 3's bare JSON object with ``parameters``, Mistral's ``[TOOL_CALLS]`` control
token.  Each tool's name is a literal and its arguments follow the tool's JSON schema
(``core.engine.llama.json_grammar``, leniently: a keyword the grammar cannot enforce
is left to the validation every call gets before it runs; a schema it cannot convert
at all becomes "any JSON object").

A format is given as rules plus two entry points: ``block``, one whole call from the
text that opens it (what a lazy grammar constrains once the model has written that
opening), and :meth:`CallFormat.required`, the whole answer when a call is required
(one call, or several in a row where the family writes them so).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from llama_cpp import llama_grammar as port

from core.engine.llama import gbnf
from core.engine.llama.json_grammar import Converter, Unsupported
from core.output.types import Family

#: A control token's id by its text, or None when the vocabulary has no such token.
TokenId = Callable[[str], int | None]

_BLOCK = "prosa-call-block"
_CALL = "prosa-call"


@dataclass(frozen=True)
class CallFormat:
    #: The text that opens a call, as the model writes it (special tokens spelled).
    opener: str
    #: Every rule of the format, ``prosa-call-block`` among them.
    rules: str
    #: GBNF between two calls in a row ("": none, calls follow each other);
    #: ``None``: one call per answer.
    separator: str | None = None

    @property
    def block(self) -> str:
        return _BLOCK

    def required(self) -> str:
        """The grammar of an answer that is one call, or several in a row."""
        if self.separator is None:
            calls = _BLOCK
        elif not self.separator:
            calls = f"{_BLOCK}+"
        else:
            calls = f"{_BLOCK} ({self.separator} {_BLOCK})*"
        return f"root ::= {calls}\n{self.rules}"

    def lazy(self, before: str) -> str:
        """The grammar of one call whose opener starts after ``before`` (the text of
        the opener's first token that precedes it)."""
        head = f"{gbnf.literal(before)} " if before else ""
        return f"root ::= {head}{_BLOCK}\n{self.rules}"


def call_format(family: Family, tools: Sequence[Mapping[str, Any]], token_id: TokenId,
                only: str | None = None) -> CallFormat | None:
    """The call format of ``family`` for these tools (``only``: that tool alone), or
    ``None`` when the family has none here (no grammar for it, or a control token it
    needs is missing from the vocabulary)."""
    functions = [f for f in (_function(tool) for tool in tools)
                 if f is not None and (only is None or f[0] == only)]
    if not functions:
        return None
    if family is Family.HERMES:
        return _hermes(functions)
    if family is Family.LLAMA3:
        return _llama3(functions)
    if family is Family.MISTRAL:
        return _mistral(functions, token_id)
    return None


def tool_names(tools: Sequence[Mapping[str, Any]]) -> list[str]:
    return [f[0] for f in (_function(tool) for tool in tools) if f is not None]


Function = tuple[str, Mapping[str, Any]]


def _function(tool: Mapping[str, Any]) -> Function | None:
    """A tool's name and parameter schema (OpenAI's form or the bare function)."""
    function = tool.get("function", tool) if isinstance(tool, Mapping) else None
    if not isinstance(function, Mapping) or not isinstance(function.get("name"), str):
        return None
    parameters = function.get("parameters")
    if not isinstance(parameters, Mapping):
        parameters = {"type": "object", "properties": {}}
    return function["name"], parameters


def _arguments(converter: Converter, functions: Sequence[Function]) -> list[str]:
    """The rule of each tool's arguments (any JSON object where the schema cannot be
    converted)."""
    names = []
    for i, (_name, schema) in enumerate(functions):
        saved = dict(converter._rules)
        try:
            names.append(converter.add(schema, f"prosa-args-{i}"))
        except (Unsupported, RecursionError):
            converter._rules = saved
            names.append(converter.add({"type": "object"}, f"prosa-args-{i}"))
    return names


def _json_calls(functions: Sequence[Function], key: str,
                primitives: Mapping[str, Any] | None = None) -> tuple[Converter, str]:
    """``{"name": NAME, KEY: ARGUMENTS}`` for each tool, as rule ``prosa-call``."""
    converter = Converter(primitives)
    args = _arguments(converter, functions)
    alternatives = " | ".join(
        f'{gbnf.literal(_quoted(name))} space "," space {gbnf.literal(_quoted(key))} '
        f'space ":" space {rule}'
        for (name, _schema), rule in zip(functions, args, strict=True))
    converter.rule(_CALL, f'"{{" space "\\"name\\"" space ":" space ({alternatives}) '
                               '"}"')
    return converter, _CALL


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


#: A string character in a Hermes call: JSON's, except that ``</`` never occurs (the
#: parser ends a call at the first ``</tool_call>``, inside a string or not), so a
#: ``<`` is followed by another character of the string.
_HERMES_STRINGS = {
    "char": port.BuiltinRule(r'[^"\\<\x7F\x00-\x1F] | char-escape | "<" char-after-lt',
                             ["char-escape", "char-after-lt"]),
    "char-escape": port.BuiltinRule(r'"\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})', []),
    "char-after-lt": port.BuiltinRule(
        r'[^/"\\<\x7F\x00-\x1F] | char-escape | "<" char-after-lt', ["char-escape"]),
}


def _hermes(functions: Sequence[Function]) -> CallFormat:
    converter, call = _json_calls(functions, "arguments", _HERMES_STRINGS)
    converter.rule(_BLOCK, f'"<tool_call>\\n" {call} "\\n</tool_call>"')
    return CallFormat("<tool_call>", converter.rules(), separator='"\\n"')


def _llama3(functions: Sequence[Function]) -> CallFormat:
    converter, call = _json_calls(functions, "parameters")
    converter.rule(_BLOCK, call)
    return CallFormat('{"name":', converter.rules())


def _mistral(functions: Sequence[Function], token_id: TokenId) -> CallFormat | None:
    """``[TOOL_CALLS]NAME[ARGS]{...}`` where the vocabulary has ``[ARGS]`` (v11 and
    later tokenizers), else ``[TOOL_CALLS][{"name": ..., "arguments": {...}}]``.  The
    markers are control tokens, named by id (``<[id]>``) so that only the token itself
    matches, never the same text spelled in pieces."""
    calls = token_id("[TOOL_CALLS]")
    if calls is None:
        return None
    marker = f"<[{calls}]>"
    arguments = token_id("[ARGS]")
    if arguments is not None:
        converter = Converter()
        args = _arguments(converter, functions)
        alternatives = " | ".join(f"{gbnf.literal(name)} <[{arguments}]> {rule}"
                                  for (name, _schema), rule in zip(functions, args,
                                                                   strict=True))
        converter.rule(_BLOCK, f"{marker} ({alternatives})")
        return CallFormat("[TOOL_CALLS]", converter.rules(), separator="")
    converter, call = _json_calls(functions, "arguments")
    converter.rule(_BLOCK, f'{marker} "[" space {call} ("," space {call})* "]"')
    return CallFormat("[TOOL_CALLS]", converter.rules())
