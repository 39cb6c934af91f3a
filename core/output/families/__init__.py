"""One parser per output family (see ``core.output.types``); :func:`parser_for` picks it.

Each family lives in its own module, named after the family (``qwen-xml`` in
``qwen_xml.py``), that defines ``PARSER``: found by name, so adding a family touches
no shared file.
"""

from __future__ import annotations

import importlib

from core.output.families.plain import PlainParser
from core.output.types import Family, OutputParser

PLAIN: OutputParser = PlainParser()


def parser_for(family: Family) -> OutputParser:
    """The parser of ``family`` (plain text for a family without a module)."""
    if family is Family.PLAIN:
        return PLAIN
    try:
        module = importlib.import_module(f"{__name__}.{family.value.replace('-', '_')}")
    except ModuleNotFoundError:
        return PLAIN
    parser: OutputParser = module.PARSER
    return parser
