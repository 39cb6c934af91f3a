"""The widgets of tools: the per-conversation tools panel, the MCP servers dialog and the
structured output editor.  The calls themselves are drawn in the conversation by
``ui.rich.tool_card``; the rules live in ``core.tools``."""
