"""The parsing benchmark runs and its long replies parse as they should."""

from __future__ import annotations

from bench import parsing


def test_each_family_gets_a_figure_from_a_reply_that_parses() -> None:
    figures = parsing.measure(tokens=300, generation_ms=10.0)
    assert [f.family for f in figures] == [f.value for f in parsing.FAMILIES]
    for figure in figures:
        assert figure.tokens > 200 and figure.mean_us > 0
        assert 0 < figure.share < 1
