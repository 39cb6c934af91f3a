"""The compiled helper for token probabilities (``step_probs.c``), when it was built:
:class:`StepProbs` for one step's numbers, and :class:`StepColumns`, a reply's columns
the helper writes each decoding step into.

``packaging/native.py`` compiles it beside this file (``./prosa.sh setup`` runs it, and
the installer ships it).  Without it, :mod:`core.engine.llama.logprobs` computes the same
numbers with numpy: this module only makes them cheaper, and :func:`step_probs` says
``None`` wherever the library is missing, will not load, or the row is one it leaves to
numpy (no finite maximum).
"""

from __future__ import annotations

import ctypes
import logging
import math
import sys
import threading
from array import array
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

SOURCE = Path(__file__).with_name("step_probs.c")
#: The most alternatives one call finds (the C code's fixed buffer).
MAX_N = 64


def library_path() -> Path:
    """Where the compiled library lives: beside its source (and so in the frozen app)."""
    suffix = {"win32": ".dll", "darwin": ".dylib"}.get(sys.platform, ".so")
    return SOURCE.with_name(f"libprosa_probs{suffix}")


class _Buffers:
    """One thread's output buffers and the row it last checked."""

    def __init__(self) -> None:
        self.top, self.total = ctypes.c_float(), ctypes.c_double()
        self.ids, self.values = (ctypes.c_int64 * MAX_N)(), (ctypes.c_float * MAX_N)()
        self.top_p, self.total_p = ctypes.byref(self.top), ctypes.byref(self.total)
        #: The last row, its address and its length, checked once: the decoding loop
        #: reads the same view of llama.cpp's logits on every token.
        self.row: npt.NDArray[np.float32] | None = None
        self.address, self.size = ctypes.c_void_p(), ctypes.c_int64()
        #: How many ids the last call wrote.
        self.found = 0

    @property
    def log_z(self) -> float:
        """The last call's ``log(sum(exp(row)))``."""
        return self.top.value + math.log(self.total.value)


class StepProbs:
    """``prosa_step_probs`` with its output buffers, one set per thread.

    Arguments are passed as prepared ctypes objects (no ``argtypes`` to convert
    through): in the decoding loop, where llama.cpp's evaluation has just pushed
    Python out of the caches, the call's Python around the C took twice the C's time.
    """

    def __init__(self, library: ctypes.CDLL) -> None:
        function = library.prosa_step_probs
        function.restype = ctypes.c_int32
        self._function = function
        self._into = library.prosa_step_into
        self._into.restype = ctypes.c_int64
        self._local = threading.local()

    def columns(self, n: int) -> StepColumns | None:
        """A reply's columns for ``n`` alternatives a token (``None`` beyond the
        helper's ``MAX_N``: numpy's turn)."""
        return StepColumns(self._into, n) if 0 <= n <= MAX_N else None

    def _call(self, row: npt.NDArray[np.float32], n: int) -> _Buffers | None:
        """Run the helper on ``row``; its buffers then hold the answer (``None``:
        numpy's turn)."""
        buffers: _Buffers | None = getattr(self._local, "buffers", None)
        if buffers is None:
            buffers = self._local.buffers = _Buffers()
        if row is not buffers.row:
            if row.dtype != np.float32 or not row.flags.c_contiguous or row.ndim != 1:
                return None
            buffers.row = row
            buffers.address.value = row.ctypes.data
            buffers.size.value = row.shape[0]
        if not 0 <= n <= MAX_N:
            return None
        found = self._function(buffers.address, buffers.size, ctypes.c_int32(n),
                               buffers.top_p, buffers.total_p, buffers.ids, buffers.values)
        if found < 0:
            return None
        buffers.found = found
        return buffers

    def __call__(self, row: npt.NDArray[np.float32], n: int) -> tuple[float, list[int]] | None:
        """``log(sum(exp(row)))`` and the ``n`` highest-scoring ids (highest first, the
        lower id first among ties); ``None``: numpy's turn (see the module's doc)."""
        done = self._call(row, n)
        if done is None:
            return None
        return done.log_z, done.ids[:done.found]

    def numbers(self, row: npt.NDArray[np.float32], token: int, n: int,
                ) -> tuple[float, list[int], list[float]] | None:
        """``token``'s probability, and the ``n`` most likely ids with theirs (what
        ``logprobs.step_numbers`` returns); ``None``: numpy's turn."""
        done = self._call(row, n)
        if done is None:
            return None
        log_z = done.log_z
        exp = math.exp
        probs = [exp(value - log_z) for value in done.values[:done.found]]
        return exp(float(row[token]) - log_z), done.ids[:done.found], probs


class _Columns(ctypes.Structure):
    """``prosa_columns`` in step_probs.c."""

    _fields_ = [("ids", ctypes.POINTER(ctypes.c_int64)),
                ("probs", ctypes.POINTER(ctypes.c_double)),
                ("alt_ends", ctypes.POINTER(ctypes.c_int64)),
                ("alt_ids", ctypes.POINTER(ctypes.c_int64)),
                ("alt_probs", ctypes.POINTER(ctypes.c_double)),
                ("count", ctypes.c_int64), ("alt_count", ctypes.c_int64),
                ("capacity", ctypes.c_int64), ("alt_capacity", ctypes.c_int64)]


#: Tokens a reply's columns hold before they grow (a batch is taken once a frame).
_FIRST_CAPACITY = 64
#: ``prosa_step_into``'s token for "the most likely one" (greedy decoding).
_MOST_LIKELY = ctypes.c_int64(-1)


class StepColumns:
    """A reply's token probabilities since its last batch, as the arrays a batch
    travels in (``core.engine.logprob_batch``), appended to by the helper.

    The decoding loop's Python for a token's probabilities is then one call
    (:meth:`write`): choosing the most likely token when decoding greedily, the
    normaliser, the ``n`` most likely with their probabilities, and the columns.  With
    the numbers in Python lists instead, their making, slicing and appending cost as
    much as the helper's pass itself, in a loop whose caches llama.cpp's evaluation has
    just emptied.  Steps the helper leaves to numpy are added with :meth:`add`, so one
    set of columns keeps every token in order.
    """

    def __init__(self, function: Any, n: int) -> None:
        self.n = n
        self._n = ctypes.c_int32(n)
        self._function = function
        self._columns = _Columns()
        self._ref = ctypes.byref(self._columns)
        self._row: npt.NDArray[np.float32] | None = None
        self._address, self._size = ctypes.c_void_p(), ctypes.c_int64()
        #: ids, probs, alt_ends, alt_ids, alt_probs (8 bytes an item, as in the C).
        self._buffers: list[ctypes.Array[Any]] = []
        self._grow(_FIRST_CAPACITY)

    def __len__(self) -> int:
        return int(self._columns.count)

    def _grow(self, capacity: int) -> None:
        """Room for ``capacity`` tokens and their alternatives, keeping what is held."""
        columns = self._columns
        alt_capacity = capacity * max(self.n, 1)
        ids, probs = (ctypes.c_int64 * capacity)(), (ctypes.c_double * capacity)()
        alt_ends = (ctypes.c_int64 * capacity)()
        alt_ids, alt_probs = (ctypes.c_int64 * alt_capacity)(), \
            (ctypes.c_double * alt_capacity)()
        new: list[ctypes.Array[Any]] = [ids, probs, alt_ends, alt_ids, alt_probs]
        used = (columns.count,) * 3 + (columns.alt_count,) * 2
        # The first time there is nothing to keep (no old buffers).
        for buffer, old, count in zip(new, self._buffers, used, strict=False):
            ctypes.memmove(buffer, old, 8 * count)
        self._buffers = new
        columns.ids, columns.probs, columns.alt_ends = ids, probs, alt_ends
        columns.alt_ids, columns.alt_probs = alt_ids, alt_probs
        columns.capacity, columns.alt_capacity = capacity, alt_capacity

    def write(self, row: npt.NDArray[np.float32], token: int | None = None) -> int:
        """Append the step that chose ``token`` after ``row`` (``None``: the most likely
        one, which is returned); -1 when the row is numpy's to read (nothing added)."""
        if row is not self._row:
            if row.dtype != np.float32 or not row.flags.c_contiguous or row.ndim != 1:
                return -1
            self._row = row
            self._address.value = row.ctypes.data
            self._size.value = row.shape[0]
        chosen = _MOST_LIKELY if token is None else ctypes.c_int64(token)
        written: int = self._function(self._address, self._size, self._n, chosen, self._ref)
        while written == -2:  # full: grow, then write the same step
            self._grow(2 * int(self._columns.capacity))
            written = self._function(self._address, self._size, self._n, chosen, self._ref)
        return written

    def discard_last(self) -> None:
        """Take the last step back (greedy's token that ended the reply: not shown)."""
        columns = self._columns
        if columns.count:
            columns.count -= 1
            columns.alt_count = columns.alt_ends[columns.count - 1] if columns.count else 0

    def add(self, token: int, prob: float, ids: Sequence[int], probs: Sequence[float],
            ) -> None:
        """Append a step whose numbers were computed elsewhere (numpy, beam search)."""
        columns = self._columns
        while columns.count >= columns.capacity or \
                columns.alt_count + len(ids) > columns.alt_capacity:
            self._grow(2 * int(columns.capacity))
        k, a = columns.count, columns.alt_count
        columns.ids[k], columns.probs[k] = token, prob
        for i, (alt_id, alt_prob) in enumerate(zip(ids, probs, strict=True)):
            columns.alt_ids[a + i], columns.alt_probs[a + i] = alt_id, alt_prob
        columns.alt_ends[k] = a + len(ids)
        columns.count, columns.alt_count = k + 1, a + len(ids)

    def take(self) -> tuple[array[int], array[float], array[int], array[int], array[float]]:
        """What was appended since the last call: ids, probabilities, alternatives'
        ends, ids and probabilities; the next batch starts empty."""
        columns = self._columns
        count, alt_count = int(columns.count), int(columns.alt_count)
        ids, probs, alt_ends, alt_ids, alt_probs = self._buffers
        columns.count = columns.alt_count = 0
        return (_column(array("q"), ids, count), _column(array("d"), probs, count),
                _column(array("q"), alt_ends, count), _column(array("q"), alt_ids, alt_count),
                _column(array("d"), alt_probs, alt_count))


_T = TypeVar("_T", int, float)


def _column(column: array[_T], buffer: ctypes.Array[Any], count: int) -> array[_T]:
    """``column`` filled with ``buffer``'s first ``count`` items (8 bytes each)."""
    column.frombytes(memoryview(buffer).cast("B")[:8 * count])
    return column


@cache
def step_probs() -> StepProbs | None:
    """The helper, loaded once; ``None`` when it was not built or does not load."""
    path = library_path()
    if not path.is_file():
        log.info("No compiled probability helper at %s: numpy computes them", path)
        return None
    try:
        return StepProbs(ctypes.CDLL(str(path)))
    except (OSError, AttributeError) as exc:
        log.warning("The compiled probability helper %s does not load (%s): numpy "
                    "computes the probabilities", path, exc)
        return None
