"""The Learn panel: lessons on the live model (``core/learn/`` computes, these show)."""
