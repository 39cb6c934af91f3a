"""A tool's result as the model reads it: text, and never more than a limit.

Whatever a tool returns (a string, bytes, a number, JSON, an MCP server's content list)
becomes plain text here.  It stays text: a result that spells a template's special
tokens (``<|im_end|>``) is kept as it is, because the engine tokenizes the ``tool``
message as text, so those characters can never become control tokens.  What is
removed are the characters no model should read and a terminal or a database may
trip on: NUL and the other C0 controls (except line breaks and tabs), DEL, the C1
controls, terminal colour sequences, and lone surrogates (which UTF-8 cannot encode).

Results are cut at :data:`RESULT_LIMIT_CHARS` with a note saying so, because a tool's
output overflowing the context is a known failure of agents: a 10 MB web page or log
fills a small model's whole context (SmolLM2 has 8,192 tokens; 16,000 characters are
roughly 4,000 tokens of English) and either fails the reply or pushes the conversation
out of it.  The model is told how much was cut, so it can ask for less.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

#: The longest result a model is given, in characters (see the module's docstring).
RESULT_LIMIT_CHARS = 16_000

#: Terminal escape sequences (colours, cursor moves): CSI ... final byte, OSC ... BEL/ST,
#: and two-character escapes.  Removed whole, so no "[31m" is left behind.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: C0 controls except \t and \n (\r is made a line break first), DEL, C1 controls.
_CONTROLS = dict.fromkeys(
    [c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0)))


def clean_text(text: str) -> str:
    """``text`` without the characters a model should not read (see the docstring);
    ``\\r\\n`` and a lone ``\\r`` become ``\\n``."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SURROGATE.search(text):
        # Pairs become the character they encode; a lone half becomes U+FFFD.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text.translate(_CONTROLS)


def cut_result(text: str, limit_chars: int = RESULT_LIMIT_CHARS) -> tuple[str, int]:
    """(``text`` cut to ``limit_chars`` with a note for the model, characters cut).

    The note comes after the kept text and is not counted in the limit; a surrogate
    pair is never split (the cut moves one character back instead).
    """
    if limit_chars < 1:
        raise ValueError(f"a result limit is at least 1 character, not {limit_chars}")
    if len(text) <= limit_chars:
        return text, 0
    kept = limit_chars
    if "\ud800" <= text[kept - 1] <= "\udbff" and "\udc00" <= text[kept] <= "\udfff":
        kept -= 1
    cut = len(text) - kept
    note = (f"\n\n[… {cut:,} characters cut: the result was {len(text):,} characters, "
            f"longer than the limit of {limit_chars:,}]")
    return text[:kept] + note, cut


def result_text(value: Any) -> str:
    """Any tool result as clean text (see the module's docstring)."""
    return clean_text(_as_text(value))


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "replace")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # longer than Python's limit on digits (4,300)
            return f"[an integer of about {int(value.bit_length() * 0.30103):,} digits]"
    if isinstance(value, float):
        return repr(value)
    if _is_content_list(value):
        return _content_text(value)
    if _is_call_result(value):
        return _call_result_text(value)
    try:
        return json.dumps(value, ensure_ascii=False, indent=1, default=str)
    except (TypeError, ValueError, RecursionError):
        return f"[a result of type {type(value).__name__} that cannot be written as text]"


def _is_content_list(value: Any) -> bool:
    """An MCP content list: ``[{"type": "text", "text": ...}, ...]``."""
    return (isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray)
            and len(value) > 0
            and all(isinstance(item, Mapping) and isinstance(item.get("type"), str)
                    for item in value))


def _is_call_result(value: Any) -> bool:
    """An MCP ``CallToolResult`` as a dict: a content list (empty when the result is
    all structured content) and nothing but the result's own keys."""
    if not isinstance(value, Mapping) or "content" not in value:
        return False
    content = value["content"]
    return set(value) <= _CALL_RESULT_KEYS and (
        _is_content_list(content) or (isinstance(content, list) and not content))


_CALL_RESULT_KEYS = {"content", "isError", "structuredContent", "_meta", "meta"}


def _call_result_text(result: Mapping[str, Any]) -> str:
    """An MCP ``CallToolResult`` as a dict: its content, or its structured content when
    the content is empty."""
    content = result.get("content") or []
    structured = result.get("structuredContent")
    if not content and structured is not None:
        return _as_text(structured)
    return _content_text(content)


def _content_text(items: Sequence[Mapping[str, Any]]) -> str:
    """Text parts as they are; images, audio and binary resources as a line saying what
    they are (a base64 blob is noise to a text model and fills its context)."""
    return "\n".join(_part_text(item) for item in items)


def _part_text(item: Mapping[str, Any]) -> str:
    kind = item.get("type")
    if kind == "text":
        return str(item.get("text", ""))
    if kind in ("image", "audio"):
        return f"[{kind}: {item.get('mimeType', 'unknown type')}, " \
               f"{_base64_bytes(item.get('data')):,} bytes, not shown]"
    if kind == "resource":
        resource = item.get("resource")
        if isinstance(resource, Mapping):
            if isinstance(resource.get("text"), str):
                return str(resource["text"])
            return f"[binary resource {resource.get('uri', '')} " \
                   f"({resource.get('mimeType', 'unknown type')}), " \
                   f"{_base64_bytes(resource.get('blob')):,} bytes, not shown]"
    if kind == "resource_link":
        name = item.get("name") or item.get("uri", "")
        return f"[resource {name}: {item.get('uri', '')}]"
    return _as_text(dict(item))


def _base64_bytes(data: Any) -> int:
    """The size of what a base64 string encodes, without decoding it."""
    if not isinstance(data, str):
        return 0
    return len(data) * 3 // 4 - data[-2:].count("=")
