"""Error and notice messages in the user's language, looked up by their code.

``core/`` raises :class:`core.errors.ProsaError` with a code, an English template and
its fields; this table holds the same templates marked for translation (one module
per subject, beside the code that raises them), and :func:`problem_text` shows any
problem in the language of the interface.  ``tests/ui/test_error_texts.py`` checks that
every code ``core/`` and ``cli/`` raise is here with the same English text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from core.errors import Problem, ProsaError, render
from ui.error_texts import (
    app,
    chat,
    conversation,
    engine,
    hub,
    learn,
    mcp,
    models,
    output,
    remote,
    sampling,
    server,
    templates,
    tools,
)
from ui.format import number

CONTEXT = "Errors"

TEXTS: dict[str, str] = {
    **app.TEXTS, **chat.TEXTS, **conversation.TEXTS, **engine.TEXTS, **hub.TEXTS, **models.TEXTS,
    **output.TEXTS, **sampling.TEXTS, **templates.TEXTS, **tools.TEXTS, **mcp.TEXTS,
    **remote.TEXTS, **server.TEXTS, **learn.TEXTS,
}


def problem_text(problem: Problem | ProsaError) -> str:
    """The message for the user, in the interface's language."""
    if isinstance(problem, ProsaError):
        problem = problem.problem
    source = TEXTS.get(problem.code)
    template = QCoreApplication.translate(CONTEXT, source) if source else problem.template
    fields: dict[str, Any] = {
        name: _LocaleInt(value) if type(value) is int else value
        for name, value in problem.fields.items()}
    if problem.cause is not None:
        fields["cause"] = problem_text(problem.cause)
    return render(template, fields)


class _LocaleInt(int):
    """A whole-number field whose ``{n:,}`` groups digits as the user's locale does
    ("1.234" in Portuguese), not always with English commas."""

    def __format__(self, spec: str) -> str:
        if spec in (",", ",d"):
            return number(int(self))
        return super().__format__(spec)
