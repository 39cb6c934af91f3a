"""An MCP tool's result as the text the model is given back.

A result is a list of content blocks.  Text is the model's to read; everything else
(an image, audio, a binary resource) is described in one bracketed line with its type
and size, never decoded: nothing a server sends becomes a file on the user's disk, and
megabytes of base64 never reach the prompt.  A result with no text but structured
content gives that content as JSON.  Cutting a long result is the caller's job (the
limit is a setting; the card says what was cut).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mcp_types import (
    AudioContent,
    BlobResourceContents,
    CallToolResult,
    EmbeddedResource,
    ImageContent,
    ResourceLink,
    TextContent,
    TextResourceContents,
)


def result_text(result: CallToolResult) -> str:
    """The blocks' texts and descriptions, one after another (a blank line between
    blocks), with the structured content as JSON first when no block is text."""
    parts = [block_text(block) for block in result.content]
    has_text = any(isinstance(block, TextContent) for block in result.content)
    if not has_text and result.structured_content is not None:
        parts.insert(0, json.dumps(result.structured_content, ensure_ascii=False))
    return "\n\n".join(parts)


def block_text(block: object) -> str:
    if isinstance(block, TextContent):
        return block.text
    if isinstance(block, ImageContent):
        return f"[image: {block.mime_type}, {base64_size(block.data)} bytes]"
    if isinstance(block, AudioContent):
        return f"[audio: {block.mime_type}, {base64_size(block.data)} bytes]"
    if isinstance(block, ResourceLink):
        return "[resource link: " + _joined((block.uri, block.name, block.mime_type)) + "]"
    if isinstance(block, EmbeddedResource):
        resource = block.resource
        if isinstance(resource, TextResourceContents):
            return f"[resource: {_joined((resource.uri, resource.mime_type))}]\n{resource.text}"
        if isinstance(resource, BlobResourceContents):
            return ("[resource: " + _joined((resource.uri, resource.mime_type))
                    + f", {base64_size(resource.blob)} bytes]")
    kind = getattr(block, "type", None)
    return f"[{kind if isinstance(kind, str) else 'unknown'} content]"


def base64_size(data: str) -> int:
    """The decoded size of base64 text, without decoding it."""
    data = data.strip()
    return max(0, len(data) * 3 // 4 - data[-2:].count("="))


def _joined(values: Sequence[Any]) -> str:
    return ", ".join(str(value) for value in values if value)
