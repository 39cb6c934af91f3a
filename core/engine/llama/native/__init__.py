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


class StepProbs:
    """``prosa_step_probs`` with its output buffers, one set per thread."""

    def __init__(self, library: ctypes.CDLL) -> None:
        function = library.prosa_step_probs
        function.restype = ctypes.c_int32
        function.argtypes = [ctypes.c_void_p, ctypes.c_int64, ctypes.c_int32,
                             ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_double),
                             ctypes.POINTER(ctypes.c_int64)]
        self._function = function
        self._local = threading.local()

    def __call__(self, row: npt.NDArray[np.float32], n: int) -> tuple[float, list[int]] | None:
        """``log(sum(exp(row)))`` and the ``n`` highest-scoring ids (highest first, the
        lower id first among ties); ``None``: numpy's turn (see the module's doc)."""
        if not 0 <= n <= MAX_N or row.dtype != np.float32 or not row.flags.c_contiguous:
            return None
        local = self._local
        buffers = getattr(local, "buffers", None)
        if buffers is None:
            top, total, ids = ctypes.c_float(), ctypes.c_double(), (ctypes.c_int64 * MAX_N)()
            buffers = local.buffers = (top, total, ids, ctypes.pointer(top),
                                       ctypes.pointer(total), ids)
        top, total, ids, top_p, total_p, ids_p = buffers
        found = self._function(row.ctypes.data, row.shape[0], n, top_p, total_p, ids_p)
        if found < 0:
            return None
        return top.value + math.log(total.value), ids[:found]


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
