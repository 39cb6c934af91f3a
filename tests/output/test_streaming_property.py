"""Every fixture of every family streams to its non-streaming parse, however its text
is grouped: split points drawn by hypothesis, and token-sized pieces.

Generic over ``tests/output/fixtures/*.json``, so a family's fixtures join as soon as
its file exists.  For each grouping: the deltas add up to the final reasoning and
content; the final parse equals ``parse`` of the whole text; each ``Partial`` starts
with the one before (nothing shown is taken back) and, at a normal stop, the final
reasoning and content start with the last one.
"""

from __future__ import annotations

import re
import time
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.output.stream import StreamParser
from core.output.types import Context, Finish, Partial
from tests.output import cases

CASES = cases.all_cases()
_TOKEN = re.compile(r"<\|[^|]*\|>|<[/a-z_]+>|\[[A-Z_/]+\]|\w+|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    """Pieces about the size of tokens: special tokens whole, words, spaces, signs."""
    return _TOKEN.findall(text)


def stream(case: dict[str, Any], pieces: list[str]) -> None:
    parser = cases.parser_of(case)
    context = cases.context_of(case)
    finish = cases.finish_of(case)
    assert "".join(pieces) == case["text"]
    streamer = StreamParser(parser, context)
    reasoning = content = ""
    before = Partial("", "", False)
    for piece in pieces:
        delta = streamer.feed(piece)
        reasoning += delta.reasoning
        content += delta.content
        now = parser.partial(streamer.text, context)
        assert now.reasoning.startswith(before.reasoning), (case["name"], pieces)
        assert now.content.startswith(before.content), (case["name"], pieces)
        assert (reasoning, content) == (now.reasoning, now.content)
        before = now
    last, parsed = streamer.finish(finish)
    reasoning += last.reasoning
    content += last.content
    assert parsed == parser.parse(case["text"], finish, context)
    assert [n.code for n in parsed.notes] == [
        n.code for n in parser.parse(case["text"], finish, context).notes]
    if finish is Finish.STOP:
        assert (parsed.reasoning_content or "").startswith(before.reasoning), case["name"]
        assert (parsed.content or "").startswith(before.content), case["name"]
        assert reasoning == (parsed.reasoning_content or "")
        assert content == (parsed.content or "")
    cases.check(case, parsed)


@pytest.mark.parametrize("case", CASES, ids=cases.ids(CASES))
def test_token_sized_pieces(case: dict[str, Any]) -> None:
    stream(case, tokens(case["text"]))


@pytest.mark.parametrize("case", CASES, ids=cases.ids(CASES))
def test_one_character_at_a_time(case: dict[str, Any]) -> None:
    stream(case, list(case["text"]))


@pytest.mark.parametrize("case", CASES, ids=cases.ids(CASES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_grouping(case: dict[str, Any], data: st.DataObject) -> None:
    text = case["text"]
    cuts = data.draw(st.lists(st.integers(0, len(text)), max_size=12).map(sorted))
    bounds = [0, *cuts, len(text)]
    stream(case, [text[a:b] for a, b in pairwise(bounds)])


_LARGE = ("{" * 50_000, '{"name": ' * 5_000, "<tool_call>" * 5_000, "[TOOL_CALLS]" * 5_000,
          "<think>" + "x" * 100_000, "<function=" * 5_000, "[" * 50_000,
          '<tool_call>\n{"name": "a", "arguments": {}}\n</tool_call>' * 2_000,
          '[TOOL_CALLS]a[ARGS]{"x": 1}' * 2_000, '{"name": "a", "parameters": {}}; ' * 2_000,
          "<parameter=a>\n" * 5_000, "[TOOL_CALLS]" + "[" * 50_000,
          '{"name": "a", "parameters": ' + "[" * 50_000,
          "<tool_call>\n" + "[" * 50_000 + "\n</tool_call>")


@pytest.mark.parametrize("family", sorted({case["family"] for case in CASES}))
def test_large_hostile_outputs_parse_quickly(family: str) -> None:
    """No input makes a parser raise or take long (a model can write anything)."""
    parser = cases.parser_of({"family": family})
    for text in _LARGE:
        start = time.perf_counter()
        for finish in Finish:
            parser.parse(text, finish, Context())
        parser.partial(text, Context())
        assert time.perf_counter() - start < 5, (family, text[:40])


def _vocabulary(family: str) -> list[str]:
    """Pieces a family's outputs are made of: the tokens of its fixtures, halves of its
    markers (a marker cut in two, or never finished), and a few signs."""
    pieces = {piece for case in CASES if case["family"] == family
              for piece in tokens(case["text"])}
    halves = {half for piece in pieces if len(piece) > 2 and piece[0] in "<[{"
              for half in (piece[:len(piece) // 2], piece[len(piece) // 2:])}
    return sorted(pieces | halves | {"<", "</", "[", "{", "}", '"', "\n", " ", "a"})


VOCABULARIES = {family: _vocabulary(family) for family in sorted({c["family"] for c in CASES})}


@pytest.mark.parametrize("family", sorted(VOCABULARIES))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_text_of_the_family_shows_monotonically(family: str, data: st.DataObject) -> None:
    """Not only the fixtures: any mix of the family's tokens and half markers, shown a
    character at a time, is never taken back, and ends as the final parse begins."""
    parser = cases.parser_of({"family": family})
    parts = data.draw(st.lists(st.sampled_from(VOCABULARIES[family]), max_size=25))
    context = cases.context_of({"starts_in_reasoning": data.draw(st.booleans())})
    text = "".join(parts)
    before = Partial("", "", False)
    for end in range(len(text) + 1):
        now = parser.partial(text[:end], context)
        assert now.reasoning.startswith(before.reasoning), (text[:end], before, now)
        assert now.content.startswith(before.content), (text[:end], before, now)
        before = now
    parsed = parser.parse(text, Finish.STOP, context)
    assert (parsed.reasoning_content or "").startswith(before.reasoning), (text, parsed)
    assert (parsed.content or "").startswith(before.content), (text, parsed)
    parser.parse(text, Finish.LENGTH, context)
