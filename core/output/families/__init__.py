"""One parser per output family (see ``core.output.types``); :func:`parser_for` picks it."""

from __future__ import annotations

from core.output.families.plain import PlainParser
from core.output.types import Family, OutputParser

_PARSERS: dict[Family, OutputParser] = {Family.PLAIN: PlainParser()}


def register(parser: OutputParser) -> None:
    _PARSERS[parser.family] = parser


def parser_for(family: Family) -> OutputParser:
    """The parser of ``family`` (plain text when the family has none yet)."""
    return _PARSERS.get(family, _PARSERS[Family.PLAIN])
