"""User-facing errors: a stable code and its parameters, never prose to parse back.

Every failure a person can act on is raised as a :class:`ProsaError` with a ``code``
(``"gguf.truncated"``), the English ``template`` of its message with named fields
(``"... ends at byte {end} but the file has only {size} bytes."``) and those fields as
keyword parameters.  The code is the meaning: ``ui/`` looks it up and shows the
message in the user's language (``ui/error_texts``), a test checks that every code
raised here has a translation with the same fields, and the CLI and the log use the
English text.  ``details`` keeps the technical part (a traceback, llama.cpp's log) for
the log file and the "Details" box.  A :class:`Problem` is the same thing as plain
data: it crosses threads and processes and can be kept (a notice shown at start-up).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: Codes are dotted lower-case words: ``subject.what`` (``hub.rate_limited``).
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
ParamValue = str | int | float | bool | None


def render(template: str, params: Mapping[str, ParamValue]) -> str:
    """A template with its fields filled; a template that does not fit its fields
    (a translator's slip) shows as it is rather than failing."""
    try:
        return template.format_map(dict(params))
    except (KeyError, IndexError, ValueError, AttributeError):
        return template


@dataclass(frozen=True)
class Problem:
    """An error or notice as data: what the user is told, in any language."""

    code: str
    template: str
    params: tuple[tuple[str, ParamValue], ...] = ()
    details: str = ""
    #: The problem behind this one, shown where the template says ``{cause}``
    #: ("The model could not be loaded: {cause}"), each in the reader's language.
    cause: Problem | None = None

    @property
    def fields(self) -> dict[str, ParamValue]:
        return dict(self.params)

    @property
    def message(self) -> str:
        """In English, for the CLI and the log."""
        fields = self.fields
        if self.cause is not None:
            fields["cause"] = self.cause.message
        return render(self.template, fields)

    @property
    def all_details(self) -> str:
        """The technical details of this problem and of its causes."""
        parts = [self.details] if self.details else []
        if self.cause is not None and self.cause.all_details:
            parts.append(self.cause.all_details)
        return "\n\n".join(parts)

    @classmethod
    def of(cls, code: str, template: str, details: str = "", cause: Problem | None = None,
           **params: ParamValue) -> Problem:
        return cls(code, template, tuple(params.items()), details, cause)

    def to_dict(self) -> dict[str, object]:
        """As JSON keeps it (with a stored record: a tool call's failure)."""
        return {"code": self.code, "template": self.template, "params": dict(self.params),
                "details": self.details,
                "cause": None if self.cause is None else self.cause.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Problem:
        """As stored; values that are not plain scalars are kept as their text."""
        params = data.get("params")
        fields: list[tuple[str, ParamValue]] = []
        if isinstance(params, Mapping):
            for key, value in params.items():
                plain = value if value is None or isinstance(value, str | int | float | bool) \
                    else str(value)
                fields.append((str(key), plain))
        cause = data.get("cause")
        return cls(str(data.get("code", "")), str(data.get("template", "")), tuple(fields),
                   str(data.get("details", "")),
                   cls.from_dict(cause) if isinstance(cause, Mapping) else None)


class ProsaError(Exception):
    """Base class: ``code`` and ``params`` for the user (in their language), ``details``
    for the log."""

    def __init__(self, code: str, template: str = "", /, *, details: str = "",
                 **params: ParamValue) -> None:
        if not CODE.match(code):
            raise ValueError(f"not an error code: {code!r} (see core/errors.py)")
        self.code = code
        self.template = template
        self.params: dict[str, ParamValue] = params
        self.details = details
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """In English, for the CLI and the log."""
        return render(self.template, self.params)

    @property
    def problem(self) -> Problem:
        return Problem(self.code, self.template, tuple(self.params.items()), self.details)

    @classmethod
    def from_problem(cls, problem: Problem) -> ProsaError:
        return cls(problem.code, problem.template, details=problem.details,
                   **problem.fields)

    def __str__(self) -> str:
        return self.message


class BadInput(ProsaError):
    """The user asked for something invalid (a setting, a path, an argument)."""


class ModelFileError(ProsaError):
    """A model file is missing, unreadable, corrupt or not a GGUF model."""


class TemplateError(ProsaError):
    """A chat template failed to compile or render, or exceeded its limits."""


class EngineError(ProsaError):
    """The inference engine failed to load a model or to generate."""


class EngineCrashed(EngineError):
    """The engine process died (native crash, abort, out-of-memory kill).

    ``exit_code`` is the process exit status; negative values are signal numbers,
    as in :attr:`multiprocessing.Process.exitcode`.
    """

    def __init__(self, code: str, template: str = "", /, *, exit_code: int | None = None,
                 details: str = "", **params: ParamValue) -> None:
        super().__init__(code, template, details=details, **params)
        self.exit_code = exit_code


class ConversationStoreError(ProsaError):
    """The saved conversations could not be read or written: a full disk, a folder
    Prosa may not write to, a file locked by another program, or a file made by a
    newer Prosa.  (A damaged file is not an error: it is set aside and replaced.)"""
