"""The compiled helper for token probabilities (``step_probs.c``), when it was built.

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
from functools import cache
from pathlib import Path

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
        self._local = threading.local()

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

    def numbers(self, row: npt.NDArray[np.float32], token: int | None, n: int,
                ) -> tuple[float, list[int], list[float]] | None:
        """``token``'s probability, and the ``n`` most likely ids with theirs (what
        ``logprobs.step_numbers`` returns); ``None``: numpy's turn.  ``token`` None:
        the most likely one, the first id (``n`` is then at least 1)."""
        done = self._call(row, n)
        if done is None or (token is None and not done.found):
            return None
        log_z = done.log_z
        exp = math.exp
        probs = [exp(value - log_z) for value in done.values[:done.found]]
        chosen = probs[0] if token is None else exp(float(row[token]) - log_z)
        return chosen, done.ids[:done.found], probs


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
