"""One tool call as the conversation keeps it: what was asked, what happened, and what
the model was given back.

The card in the conversation draws this, the store keeps it with the ``tool`` message
(JSON), exports carry it, and a replayed conversation shows the same card.  States are
an enum the window translates, never sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from core.errors import Problem
from core.tools.spec import ToolSource


class RunStatus(StrEnum):
    #: Waiting for the user to allow it.
    WAITING = "waiting"
    RUNNING = "running"
    DONE = "done"
    #: The tool ran and reported an error (its text went back to the model).
    FAILED = "failed"
    #: The user said no; the model was told so.
    DENIED = "denied"
    #: The arguments did not match the tool's schema: the tool never ran, the model was
    #: told why.
    INVALID = "invalid"
    #: No enabled tool has that name (the model made it up, or it was turned off).
    UNKNOWN = "unknown"
    #: The tool took longer than its limit.
    TIMEOUT = "timeout"
    #: The reply's limit of calls was reached: the call was not run.
    LIMIT = "limit"


@dataclass(frozen=True)
class ToolRun:
    #: The call's id (the model's, or one Prosa gave it), echoed in the ``tool`` message.
    call_id: str
    name: str
    arguments: Mapping[str, Any]
    source: ToolSource = ToolSource.BUILTIN
    server: str = ""
    status: RunStatus = RunStatus.WAITING
    #: What the model is given back (cut to the result limit).
    result: str = ""
    #: Characters cut from the result (0: whole).
    cut_chars: int = 0
    elapsed_ms: float = 0.0
    #: Why it failed, was invalid, timed out ... (a code the window translates).
    problem: Problem | None = None

    def with_status(self, status: RunStatus, **changes: Any) -> ToolRun:
        return replace(self, status=status, **changes)

    @property
    def finished(self) -> bool:
        return self.status not in (RunStatus.WAITING, RunStatus.RUNNING)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["arguments"] = dict(self.arguments)
        data["source"] = self.source.value
        data["status"] = self.status.value
        data["problem"] = None if self.problem is None else self.problem.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ToolRun:
        """As stored; unknown states read as failed (a newer file, an edit by hand)."""
        try:
            status = RunStatus(data.get("status", RunStatus.FAILED))
        except ValueError:
            status = RunStatus.FAILED
        try:
            source = ToolSource(data.get("source", ToolSource.BUILTIN))
        except ValueError:
            source = ToolSource.BUILTIN
        arguments = data.get("arguments")
        problem = data.get("problem")
        return cls(
            call_id=str(data.get("call_id", "")), name=str(data.get("name", "")),
            arguments=dict(arguments) if isinstance(arguments, Mapping) else {},
            source=source, server=str(data.get("server", "")), status=status,
            result=str(data.get("result", "")), cut_chars=int(data.get("cut_chars", 0) or 0),
            elapsed_ms=float(data.get("elapsed_ms", 0.0) or 0.0),
            problem=Problem.from_dict(problem) if isinstance(problem, Mapping) else None)


@dataclass(frozen=True)
class Approval:
    """The user's answer to a waiting call."""

    allowed: bool
    #: "Always for this tool": later calls of the same tool (same server) run at once.
    always: bool = False

