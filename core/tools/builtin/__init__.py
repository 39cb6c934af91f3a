"""Prosa's own tools, each off until the user turns it on (``core.tools.toolbox``
gives them by name)."""
