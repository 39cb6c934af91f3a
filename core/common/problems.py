"""Problems written once and filled in on each occasion.

A table of sentences (a store's messages, the fit advice, the template reasons) holds
each :class:`~core.errors.Problem` once, as a literal ``Problem.of(code, template)``
so that the translation table finds it, and fills in the fields where it is used.
"""

from __future__ import annotations

from dataclasses import replace

from core.errors import ParamValue, Problem


def filled(problem: Problem, **fields: ParamValue) -> Problem:
    """``problem`` with these fields (its own, if any, are replaced)."""
    return replace(problem, params=tuple(fields.items()))
