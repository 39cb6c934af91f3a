from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.engine.llama.stopping import StopMatcher


def _stream(chunks: list[str], stops: list[str]) -> tuple[str, bool]:
    matcher = StopMatcher(stops)
    shown = "".join(matcher.feed(c) for c in chunks)
    return shown + matcher.flush(), matcher.stopped


def test_stop_string_split_across_tokens_is_never_shown() -> None:
    matcher = StopMatcher(["User:"])
    assert matcher.feed("Hello Us") == "Hello "
    assert matcher.feed("er: more") == ""
    assert matcher.stopped
    assert matcher.flush() == ""


def test_partial_match_that_fails_is_released() -> None:
    matcher = StopMatcher(["User:"])
    assert matcher.feed("Use") == ""
    assert matcher.feed("ful") == "Useful"


@given(st.lists(st.text(alphabet="abU:se r", max_size=6), max_size=12),
       st.lists(st.text(alphabet="abU:se r", min_size=1, max_size=4), max_size=3))
def test_chunking_never_changes_the_result(chunks: list[str], stops: list[str]) -> None:
    whole = "".join(chunks)
    cuts = [i for i in (whole.find(s) for s in stops) if i >= 0]
    expected = whole[: min(cuts)] if cuts else whole
    shown, stopped = _stream(chunks, stops)
    assert shown == expected
    assert stopped == bool(cuts)
