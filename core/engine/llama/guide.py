"""A reply's grammar, carried out token by token (the plan is ``core.engine.llama.grammar``).

The decoding loop asks the guide three things: whether a grammar constrains the next
token (:meth:`Guide.ready`), which token to take when one does (:meth:`Guide.choose`:
the grammar first, then the usual sampler chain, as if the chain ran on the whole
vocabulary with the refused tokens removed), and, after each token, what changed
(:meth:`Guide.observe`): the model opened or closed its reasoning, or, for a lazy
plan, wrote the opening of a call.

Choosing is exact but avoids checking the whole vocabulary against the grammar
(5-15 ms a token on 49k tokens): the tokens the grammar may allow are found through
``core.engine.llama.token_index``; when they are few (JSON's punctuation, a key, an
enum) they are checked and the chain runs on them.  When they are many (inside a
string), the best few tokens by logit are checked first: when at least top-k of them
are allowed, the chain's top-k is among them; otherwise all candidates are checked.
Probabilities reported for each token are the model's own, before the grammar (the
loop reads them from the logits, not from the candidates).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from core.engine.llama import gbnf
from core.engine.llama.grammar import Plan
from core.engine.llama.grammar_sampler import Candidates, Grammar
from core.engine.llama.sampler import Logits, SamplerChain
from core.engine.llama.token_index import TokenIndex
from core.errors import EngineError

#: Compile GBNF text with a root rule: ``core.engine.llama.grammar_sampler``.
Compile = Callable[[str, str], Grammar]
#: At least this many of the best tokens are checked first.
FIRST_LOOK = 64
#: Up to this many candidates from the index are checked directly (about the cost of
#: looking at the best tokens first); more, and the best tokens are looked at first.
FEW = 2048


class Guide:
    def __init__(self, plan: Plan, compile_grammar: Compile, index: TokenIndex | None,
                 spelled: Callable[[int], bytes], starts_thinking: bool) -> None:
        self._plan = plan
        self._compile = compile_grammar
        self._index = None if plan.names_tokens else index
        self._spelled = spelled
        self._scratch = Candidates()
        self._grammar: Grammar | None = None
        #: The grammar in force is a lazy plan's call (it ends with the call).
        self._in_call = False
        #: The plan's grammar starts once the reasoning closes, with the answer's
        #: first token (``_start_next``).
        self._pending = bool(plan.grammar)
        self._start_next = False
        self._thinking = starts_thinking
        #: The answer's text as written (special tokens spelled), and where each of
        #: its tokens starts in it: a lazy plan looks for the call opening there.
        self._answer = bytearray()
        self._tokens: list[tuple[int, int]] = []
        self._search_from = 0
        self._opener = plan.lazy.opener.encode("utf-8") if plan.lazy is not None else b""
        if self._pending and not starts_thinking:
            self._start(plan.reasoning_opener)

    def ready(self) -> bool:
        """Whether a grammar constrains the next token (a grammar waiting for the
        answer's first token starts here)."""
        if self._start_next:
            self._start("")
        return self._grammar is not None

    # --- choosing ----------------------------------------------------------------------

    def choose(self, chain: SamplerChain, row: Logits) -> int:
        """The chain's choice among the tokens the grammar allows after ``row``."""
        grammar = self._grammar
        assert grammar is not None
        n = int(row.shape[0])
        groups = self._index.groups(grammar, self._scratch) if self._index is not None \
            else None
        if groups is None or sum(group.shape[0] for group in groups) > FEW:
            # Many tokens may fit (inside a string): the best ones usually decide.
            chosen = self._among_best(chain, grammar, row)
            if chosen is not None:
                return chosen
        ids = (np.sort(np.concatenate(groups)) if groups is not None
               else np.arange(n, dtype=np.int64))
        array = self._scratch.fill(ids, row[ids])
        grammar.apply(array)
        if not np.isfinite(self._scratch.logits(ids.shape[0])).any():
            raise EngineError("engine.grammar_stuck",
                              "The grammar allows no token at this point of the reply, not "
                              "even its end; check the grammar's rules.")
        return chain.run(array)

    def _among_best(self, chain: SamplerChain, grammar: Grammar, row: Logits) -> int | None:
        """The choice, when at least top-k of the best tokens outside the penalty
        window are allowed (then the chain's top-k is among them, and the window's
        tokens, the only ones it lowers, are there too); ``None`` otherwise."""
        keep, n = chain.keep, int(row.shape[0])
        if not 0 < keep < n // 2:
            return None
        recent = chain.recent()
        look = min(max(4 * keep, FIRST_LOOK), n - 1)
        ranked = row
        if recent.size:
            ranked = row.copy()
            ranked[recent] = -np.inf
        best = np.argpartition(ranked, -look)[-look:]
        ids = np.union1d(best, recent).astype(np.int64)
        array = self._scratch.fill(ids, row[ids])
        grammar.apply(array)
        allowed = np.isfinite(self._scratch.logits(ids.shape[0]))
        if recent.size:  # ids holds every recent token: mark them by position
            allowed[np.searchsorted(ids, recent)] = False
        return chain.run(array) if int(allowed.sum()) >= keep else None

    def took(self, token: int) -> None:
        """The loop took ``token`` (chosen under the grammar, or free)."""
        if self._grammar is not None:
            self._grammar.accept(token)

    def forced(self, token: int) -> None:
        """A token the engine writes itself (a branch's prefix, the reasoning's closing):
        under a grammar, it must fit (``engine.grammar_refused`` if not; under a lazy
        call's grammar, the call is left free instead).  Whitespace the engine writes
        right after closing the reasoning is not the answer yet."""
        if self._start_next:
            if not self._spelled(token).strip():
                return
            self._start("")
        if self._in_call and self._grammar is not None and not self._grammar.allows(token):
            self._stop()  # a call the model may make, not must: what was written is no call
            return
        self.took(token)

    # --- following the reply -----------------------------------------------------------

    def observe(self, token: int, thinking: bool) -> None:
        """``token`` is now part of the reply; ``thinking``: the model is reasoning
        after it."""
        was_thinking, self._thinking = self._thinking, thinking
        if thinking:
            if self._grammar is not None and not self._in_call:
                # The model took the grammar's reasoning opening: reasoning is free,
                # and the plan's grammar waits for its end.
                self._stop()
                self._pending = bool(self._plan.grammar)
            return
        if was_thinking:  # this token closed the reasoning; the answer starts next
            self._start_next = self._pending
            return
        if self._plan.lazy is None:
            return
        start = len(self._answer)
        self._answer += self._spelled(token)
        self._tokens.append((token, start))
        if self._grammar is not None:
            if self._in_call and self._grammar.finished():
                self._stop()
                self._search_from = len(self._answer)
            return
        at = self._answer.find(self._opener, max(self._search_from,
                                                 start - len(self._opener) + 1))
        if at >= 0:
            self._search_from = len(self._answer)
            self._begin_call(at)

    def _begin_call(self, at: int) -> None:
        """The model wrote a call's opening at byte ``at`` of the answer: constrain the
        rest of the call, from the first token of the opening on."""
        assert self._plan.lazy is not None
        first = max(i for i, (_token, start) in enumerate(self._tokens) if start <= at)
        begin = self._tokens[first][1]
        try:
            before = bytes(self._answer[begin:at]).decode("utf-8")
        except UnicodeDecodeError:
            return  # the opening's token starts inside a character: left free
        grammar = self._compile(self._plan.lazy.lazy(before), "root")
        for token, _start in self._tokens[first:]:
            if not grammar.allows(token):
                grammar.close()  # what the model wrote after the opening is no call
                return
            grammar.accept(token)
        self._grammar, self._in_call = grammar, True

    def _start(self, opener: str) -> None:
        """Put the plan's grammar in force (allowing ``opener`` first, if given)."""
        self._pending = self._start_next = False
        text = self._plan.grammar
        if opener:
            text = f"{text}\nprosa-start ::= {gbnf.literal(opener)} | root"
        self._grammar = self._compile(text, "prosa-start" if opener else "root")
        self._in_call = False

    def _stop(self) -> None:
        if self._grammar is not None:
            self._grammar.close()
        self._grammar, self._in_call = None, False

    def close(self) -> None:
        self._stop()

    def __enter__(self) -> Guide:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
