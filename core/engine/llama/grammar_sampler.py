"""One llama.cpp grammar sampler, made safe to drive from Python.

llama.cpp's grammar sampler keeps the grammar's state as tokens are accepted.  Two of
its failure modes would take the engine process down, so this wrapper never lets them
happen:

* accepting a token the grammar does not allow throws a C++ exception through the C
  API (``std::terminate``: the process aborts).  :meth:`Grammar.accept` checks the
  token first (one candidate, a few microseconds) and raises an ``EngineError``;
* a grammar that does not parse returns NULL, with the reason printed on the C
  ``stderr`` (``parse: error parsing grammar: ...``) or in llama.cpp's log.
  :func:`compile_grammar` reads both and raises ``engine.grammar_invalid`` with it.
"""

from __future__ import annotations

import ctypes
import os
import sys
import tempfile
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from core.engine.llama import gbnf
from core.engine.llama import log as llama_log
from core.errors import EngineError

#: ``llama_token_data`` as numpy sees it (see ``core.engine.llama.sampler``).
TOKEN_DATA = np.dtype([("id", "<i4"), ("logit", "<f4"), ("p", "<f4")])


class Candidates:
    """A reusable candidate array (``llama_token_data_array``) over a numpy view."""

    def __init__(self, size: int = 512) -> None:
        import llama_cpp

        self._low = llama_cpp
        self._buffer: Any = None
        self.view: npt.NDArray[np.void] = np.empty(0, dtype=TOKEN_DATA)
        self._grow(size)

    def _grow(self, size: int) -> None:
        self._buffer = (self._low.llama_token_data * size)()
        self.view = np.frombuffer(self._buffer, dtype=TOKEN_DATA)

    def fill(self, ids: npt.NDArray[np.int64], logits: npt.NDArray[np.float32] | float,
             ) -> Any:
        """Put ``ids`` (with their logits) in the array; returns the C struct to pass."""
        size = int(ids.shape[0])
        if self.view.shape[0] < size:
            self._grow(max(size, 2 * self.view.shape[0]))
        view = self.view[:size]
        view["id"] = ids
        view["logit"] = logits
        view["p"] = 0.0
        return self._low.llama_token_data_array(
            data=ctypes.cast(self._buffer, ctypes.POINTER(self._low.llama_token_data)),
            size=size, selected=-1, sorted=False)

    def logits(self, size: int) -> npt.NDArray[np.float32]:
        return self.view["logit"][:size]


class Grammar:
    """A compiled grammar and its state in one reply."""

    def __init__(self, sampler: Any, end_token: int) -> None:
        import llama_cpp

        self._low = llama_cpp
        self._sampler: Any = sampler
        self._end = end_token
        self._one = Candidates(1)

    def apply(self, candidates: Any) -> None:
        """Set the logit of every candidate the grammar refuses now to -inf."""
        self._low.llama_sampler_apply(self._sampler, ctypes.byref(candidates))

    def allows(self, token: int) -> bool:
        array = self._one.fill(np.array([token], dtype=np.int64), 0.0)
        self.apply(array)
        return bool(np.isfinite(self._one.view["logit"][0]))

    def accept(self, token: int) -> None:
        """Take ``token`` as the grammar's next; ``engine.grammar_refused`` if it does
        not fit (never llama.cpp's abort)."""
        if not self.allows(token):
            raise EngineError("engine.grammar_refused",
                              "The reply cannot go on with this token and still follow "
                              "its grammar or schema.")
        self._low.llama_sampler_accept(self._sampler, token)

    def finished(self) -> bool:
        """The grammar is complete: the end of the turn is allowed now."""
        return self._end >= 0 and self.allows(self._end)

    def clone(self) -> Grammar:
        copy = self._low.llama_sampler_clone(self._sampler)
        if copy is None:
            raise MemoryError("llama.cpp could not copy a grammar")
        return Grammar(copy, self._end)

    def close(self) -> None:
        if self._sampler is not None:
            self._low.llama_sampler_free(self._sampler)
            self._sampler = None

    def __enter__(self) -> Grammar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def compile_grammar(vocab: Any, text: str, end_token: int, root: str = "root") -> Grammar:
    """Parse ``text`` (GBNF) for this vocabulary; ``engine.grammar_invalid`` with
    llama.cpp's reason when it does not parse."""
    import llama_cpp

    try:
        gbnf.check(text)
    except gbnf.BadGrammar as exc:
        raise invalid(str(exc)) from exc
    before = llama_log.recent(80)
    sampler, printed = _capturing_stderr(lambda: llama_cpp.llama_sampler_init_grammar(
        vocab, text.encode("utf-8"), root.encode("utf-8")))
    if not sampler:
        logged = llama_log.recent(80)
        new = logged[len(before):] if logged.startswith(before) else logged
        raise invalid(_reason(printed, new), details=f"{printed}\n{new}".strip())
    return Grammar(sampler, end_token)


def invalid(reason: str, details: str = "") -> EngineError:
    return EngineError("engine.grammar_invalid", "The grammar is not valid: {reason}",
                       details=details, reason=reason)


def _reason(printed: str, logged: str) -> str:
    """The line that says what is wrong: the parser's own message first."""
    for line in printed.splitlines():
        if "error parsing grammar:" in line:
            return line.split("error parsing grammar:", 1)[1].strip()
    lines = [line.strip() for line in logged.splitlines()
             if line.strip() and line.strip() != "failed to parse grammar"]
    return lines[-1] if lines else "llama.cpp could not parse it"


def _capturing_stderr(call: Callable[[], Any]) -> tuple[Any, str]:
    """Run ``call`` with file descriptor 2 going to a temporary file: llama.cpp's
    grammar parser explains itself with ``fprintf(stderr, ...)`` only."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            result = call()
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        sink.seek(0)
        printed = sink.read(8192).decode("utf-8", errors="replace")
    return result, printed
