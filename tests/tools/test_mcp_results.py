"""An MCP result as the model's text: text as it is, everything else described in a
line with its type and size, never decoded."""

from __future__ import annotations

import base64

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

from core.tools.mcp.results import base64_size, result_text

PNG = base64.b64encode(b"\x89PNG" + bytes(996)).decode()


def test_text_blocks_are_joined() -> None:
    result = CallToolResult(content=[TextContent(text="one"), TextContent(text="two")])
    assert result_text(result) == "one\n\ntwo"


def test_binary_content_is_described_not_decoded() -> None:
    result = CallToolResult(content=[
        TextContent(text="Here:"),
        ImageContent(data=PNG, mime_type="image/png"),
        AudioContent(data=base64.b64encode(b"12345").decode(), mime_type="audio/wav"),
        ResourceLink(uri="file:///tmp/report.pdf", name="report", mime_type="application/pdf"),
        EmbeddedResource(resource=BlobResourceContents(
            uri="file:///tmp/a.bin", blob=base64.b64encode(b"ab").decode())),
        EmbeddedResource(resource=TextResourceContents(
            uri="file:///tmp/a.txt", mime_type="text/plain", text="the file's text")),
    ])
    assert result_text(result).split("\n\n") == [
        "Here:",
        "[image: image/png, 1000 bytes]",
        "[audio: audio/wav, 5 bytes]",
        "[resource link: file:///tmp/report.pdf, report, application/pdf]",
        "[resource: file:///tmp/a.bin, 2 bytes]",
        "[resource: file:///tmp/a.txt, text/plain]\nthe file's text",
    ]


def test_structured_content_is_json_when_there_is_no_text() -> None:
    result = CallToolResult(content=[], structured_content={"temperature": 21.5, "céu": "limpo"})
    assert result_text(result) == '{"temperature": 21.5, "céu": "limpo"}'
    with_text = CallToolResult(content=[TextContent(text="21.5 °C")],
                               structured_content={"temperature": 21.5})
    assert result_text(with_text) == "21.5 °C"
    assert result_text(CallToolResult(content=[])) == ""


def test_base64_sizes() -> None:
    for size in range(8):
        assert base64_size(base64.b64encode(bytes(size)).decode()) == size
