"""A batch's token probabilities as arrays: what travels from the engine to the window.

With probabilities on (the app's default), every token used to cross the process
boundary as six frozen dataclasses (the token and its five alternatives): about 9 µs
to build and 9 µs to pickle per token in the engine, 15 µs to unpickle in the window,
on a 2-core machine where both cores decode.  Here a batch is a few flat arrays and
tuples of the pieces' strings (the same cached string objects, which pickle once per
batch), and ``TokenLogprob`` objects are made on the window's side only when something
reads them: the chat keeps them with the message; a view that only shows the text
never pays for them.

``LogprobBatch`` is a read-only sequence of ``TokenLogprob``: code that iterates,
indexes or takes the length of a batch's ``logprobs`` works as it did with a tuple.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, overload

from core.conversation.types import TokenAlternative, TokenLogprob


class LogprobBatch(Sequence[TokenLogprob]):
    """Tokens' probabilities, alternatives and offsets, column by column."""

    __slots__ = ("alt_ends", "alt_ids", "alt_pieces", "alt_probs", "ids", "offsets",
                 "pieces", "probs", "reasoning")

    def __init__(self, ids: array[int] | None = None, pieces: tuple[str, ...] = (),
                 probs: array[float] | None = None, offsets: array[int] | None = None,
                 reasoning: bytes = b"", alt_ends: array[int] | None = None,
                 alt_ids: array[int] | None = None, alt_pieces: tuple[str, ...] = (),
                 alt_probs: array[float] | None = None) -> None:
        #: Per token: its id, text, probability, offset and whether it was reasoning.
        self.ids = ids if ids is not None else array("q")
        self.pieces = pieces
        self.probs = probs if probs is not None else array("d")
        self.offsets = offsets if offsets is not None else array("q")
        self.reasoning = reasoning
        #: Token i's alternatives are ``alt_*[alt_ends[i - 1]:alt_ends[i]]``.
        self.alt_ends = alt_ends if alt_ends is not None else array("q")
        self.alt_ids = alt_ids if alt_ids is not None else array("q")
        self.alt_pieces = alt_pieces
        self.alt_probs = alt_probs if alt_probs is not None else array("d")

    def __reduce__(self) -> tuple[Any, ...]:
        # Positional, no attribute dictionary: the cheapest form for pickle.
        return (LogprobBatch, (self.ids, self.pieces, self.probs, self.offsets,
                               self.reasoning, self.alt_ends, self.alt_ids, self.alt_pieces,
                               self.alt_probs))

    def __len__(self) -> int:
        return len(self.ids)

    def token(self, i: int) -> TokenLogprob:
        """The ``i``-th token as the rest of the app knows it."""
        start = self.alt_ends[i - 1] if i else 0
        end = self.alt_ends[i]
        alternatives = tuple(TokenAlternative(self.alt_ids[j], self.alt_pieces[j],
                                              self.alt_probs[j]) for j in range(start, end))
        return TokenLogprob(self.ids[i], self.pieces[i], self.probs[i], alternatives,
                            self.offsets[i], bool(self.reasoning[i]))

    @overload
    def __getitem__(self, index: int) -> TokenLogprob: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[TokenLogprob, ...]: ...

    def __getitem__(self, index: int | slice) -> TokenLogprob | tuple[TokenLogprob, ...]:
        if isinstance(index, slice):
            return tuple(self.token(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.token(index)

    def __iter__(self) -> Iterator[TokenLogprob]:
        return (self.token(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LogprobBatch({len(self)} tokens)"

    @staticmethod
    def spelled(numbers: Numbers, spell: Callable[[int], str], offsets: array[int],
                reasoning: bytes) -> LogprobBatch:
        """A batch of ``numbers`` (``LogprobColumns.take``), each token's text looked up
        with ``spell``: once a batch, not in the decoding loop."""
        ids, probs, alt_ends, alt_ids, alt_probs = numbers
        return LogprobBatch(ids, tuple(map(spell, ids)), probs, offsets, reasoning,
                            alt_ends, alt_ids, tuple(map(spell, alt_ids)), alt_probs)

    @staticmethod
    def join(batches: Iterable[LogprobBatch]) -> LogprobBatch:
        """One batch holding ``batches`` one after the other (array to array)."""
        joined = LogprobBatch()
        pieces: list[str] = []
        alt_pieces: list[str] = []
        reasoning = bytearray()
        for batch in batches:
            base = len(joined.alt_ids)
            joined.ids.extend(batch.ids)
            pieces.extend(batch.pieces)
            joined.probs.extend(batch.probs)
            joined.offsets.extend(batch.offsets)
            reasoning.extend(batch.reasoning)
            if base:
                joined.alt_ends.extend(end + base for end in batch.alt_ends)
            else:
                joined.alt_ends.extend(batch.alt_ends)
            joined.alt_ids.extend(batch.alt_ids)
            alt_pieces.extend(batch.alt_pieces)
            joined.alt_probs.extend(batch.alt_probs)
        joined.pieces, joined.alt_pieces = tuple(pieces), tuple(alt_pieces)
        joined.reasoning = bytes(reasoning)
        return joined


#: A batch's numbers as the engine collects them: ids, probabilities, and the
#: alternatives' ends, ids and probabilities (the ``alt_*`` columns of a batch).
Numbers = tuple["array[int]", "array[float]", "array[int]", "array[int]", "array[float]"]


class LogprobColumns:
    """A reply's numbers since its last batch, appended from Python: what the engine
    uses where its compiled helper (``core.engine.llama.native.StepColumns``, the same
    interface, filled by one C call a token) is not built."""

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        self._ids: array[int] = array("q")
        self._probs: array[float] = array("d")
        self._alt_ends: array[int] = array("q")
        self._alt_ids: array[int] = array("q")
        self._alt_probs: array[float] = array("d")

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, token: int, prob: float, alt_ids: Sequence[int],
            alt_probs: Sequence[float]) -> None:
        self._ids.append(token)
        self._probs.append(prob)
        self._alt_ids.extend(alt_ids)
        self._alt_probs.extend(alt_probs)
        self._alt_ends.append(len(self._alt_ids))

    def take(self) -> Numbers:
        """What was added since the last call; the next batch starts empty."""
        taken = (self._ids, self._probs, self._alt_ends, self._alt_ids, self._alt_probs)
        self._start()
        return taken
