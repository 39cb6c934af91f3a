"""Every family's recorded outputs parse to what their sources say, and each family's
fixtures cover the cases the issue names (cut off, malformed, parallel, unicode,
reasoning with calls, content around calls), each with its source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.output import cases

ALL = cases.all_cases()
FILES = sorted(p.stem for p in (Path(__file__).parent / "fixtures").glob("*.json"))


@pytest.mark.parametrize("case", ALL, ids=cases.ids(ALL))
def test_fixture(case: dict[str, Any]) -> None:
    parser = cases.parser_of(case)
    cases.check(case, parser.parse(case["text"], cases.finish_of(case), cases.context_of(case)))


#: What each family's fixtures must show besides the common kinds: Llama 3 has no
#: reasoning (its content sits around a call), Harmony also puts a call's recipient
#: before its channel.
COMMON = ("cut_off", "malformed", "parallel", "unicode", "content_before")
MORE = {"llama3": ("content_around",), "gpt_oss": ("reasoning_and_call", "content_after",
                                                   "recipient_before")}


@pytest.mark.parametrize("name", FILES)
def test_fixtures_cover_what_the_issue_asks(name: str) -> None:
    found = cases.load(name)
    names = " ".join(case["name"] for case in found)
    assert len(found) >= 10
    for kind in COMMON + MORE.get(name, ("reasoning_and_call", "content_after")):
        assert kind in names, kind
    assert all(case["source"] for case in found)
