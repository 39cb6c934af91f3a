"""The tools one conversation may use, and running one call of them.

A :class:`Toolbox` holds the runners the user turned on for a conversation (Prosa's
built-in tools, and MCP servers' tools, alike: anything with a ``spec`` and a ``run``).
It gives the definitions the template renders, and :meth:`Toolbox.execute` turns a
:class:`~core.tools.runs.ToolRun` the model asked for into a finished one: it finds the
tool, checks the arguments against its schema (a call that does not match never reaches
the tool), runs it, measures it, cleans and cuts the result.  A tool's failure is never
an exception here: every outcome is a status and a text for the model, so one bad tool
cannot end a reply.

Names are unique in a toolbox: the model calls a tool by name only, so two tools of one
name (an MCP server that also offers ``calculator``) would make a call ambiguous.  Such
a toolbox is refused (``tools.duplicate_name``) and the user turns one of them off.

Approval and the limit of calls per reply are the caller's decisions (it knows the
user's answers and the count); :func:`denied_run` and :func:`limit_run` give those
outcomes the same shape.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from core.errors import Problem, ProsaError
from core.tools import problems
from core.tools.arguments import check_arguments
from core.tools.builtin import calculator, clock, text_file, units
from core.tools.builtin.text_file import PickedFiles, TextFileTool
from core.tools.problems import ToolTimeout, error_result
from core.tools.results import RESULT_LIMIT_CHARS, cut_result, result_text
from core.tools.runs import RunStatus, ToolRun
from core.tools.spec import ToolSource, ToolSpec

#: How long a tool may take by default, in seconds (an MCP server that hangs).
DEFAULT_TIMEOUT_S = 60.0
#: The built-in tools' names, in the order a list shows them.
BUILTIN_NAMES: tuple[str, ...] = (calculator.NAME, clock.NAME, units.NAME, text_file.NAME)


class Runner(Protocol):
    """What runs a tool: its definition and a way to call it.  ``run`` gets arguments
    that match ``spec.parameters`` and returns the result as text
    (:func:`~core.tools.results.result_text` makes one of an MCP content list; the
    toolbox cleans and cuts it again in any case); it raises :class:`ToolFailed` for a
    failure it can describe and :class:`ToolTimeout` when it gave up waiting."""

    @property
    def spec(self) -> ToolSpec: ...

    def run(self, arguments: Mapping[str, Any], timeout_s: float) -> str: ...


@dataclass(frozen=True)
class BuiltinTool:
    """A built-in tool: a definition and a function of the arguments.  Built-in tools
    compute locally and briefly (their inputs are bounded), so they take no timeout."""

    spec: ToolSpec
    function: Callable[[Mapping[str, Any]], str]

    def run(self, arguments: Mapping[str, Any], timeout_s: float) -> str:
        return self.function(arguments)


def builtin_tools(picked: PickedFiles | None = None) -> dict[str, Runner]:
    """Every built-in tool by name (:data:`BUILTIN_NAMES`); the user turns each on.
    ``read_text_file`` reads only the files in ``picked`` (none without it)."""
    runners: dict[str, Runner] = {
        calculator.NAME: BuiltinTool(calculator.SPEC, calculator.run),
        clock.NAME: BuiltinTool(clock.SPEC, clock.run),
        units.NAME: BuiltinTool(units.SPEC, units.run),
        text_file.NAME: TextFileTool(picked if picked is not None else PickedFiles()),
    }
    return runners


def timeout_error(tool: str, seconds: float) -> ToolTimeout:
    """What a runner raises when ``tool`` did not answer within ``seconds``."""
    error = ToolTimeout.from_problem(problems.timed_out(tool, seconds))
    assert isinstance(error, ToolTimeout)
    return error


class Toolbox:
    """The tools enabled for one conversation (see the module's docstring)."""

    def __init__(self, runners: Iterable[Runner] = (), *,
                 timeout_s: float = DEFAULT_TIMEOUT_S,
                 result_limit: int = RESULT_LIMIT_CHARS) -> None:
        """Raises :class:`ProsaError` ``tools.duplicate_name`` when two runners have
        one name."""
        if result_limit < 1:
            raise ValueError(f"a result limit is at least 1 character, not {result_limit}")
        self.timeout_s = timeout_s
        self.result_limit = result_limit
        self._runners: dict[str, Runner] = {}
        for runner in runners:
            spec = runner.spec
            if spec.name in self._runners:
                raise ProsaError(
                    "tools.duplicate_name",
                    'Two tools are named "{tool}", one from {first} and one from {second}; '
                    "the model could not tell them apart. Turn one of them off.",
                    tool=spec.name, first=_origin(self._runners[spec.name].spec),
                    second=_origin(spec))
            self._runners[spec.name] = runner

    def __len__(self) -> int:
        return len(self._runners)

    def __contains__(self, name: object) -> bool:
        return name in self._runners

    def names(self) -> tuple[str, ...]:
        return tuple(self._runners)

    def specs(self) -> tuple[ToolSpec, ...]:
        """The definitions now (a runner's may change: the picked files)."""
        return tuple(runner.spec for runner in self._runners.values())

    def openai_tools(self) -> tuple[dict[str, Any], ...]:
        """The definitions as a request's ``tools`` (OpenAI's function format)."""
        return tuple(spec.to_openai() for spec in self.specs())

    def find(self, name: str) -> Runner | None:
        return self._runners.get(name)

    def execute(self, run: ToolRun, timeout_s: float | None = None) -> ToolRun:
        """``run`` finished: DONE with its result, or UNKNOWN, INVALID, FAILED or TIMEOUT
        with the error the model is given.  Never raises for the tool's sake."""
        runner = self._runners.get(run.name)
        if runner is None:
            return self._finish(run, RunStatus.UNKNOWN,
                                problems.unknown_tool(run.name, self._runners))
        spec = runner.spec
        run = run.with_status(run.status, source=spec.source, server=spec.server)
        invalid = check_arguments(spec, run.arguments)
        if invalid is not None:
            return self._finish(run, RunStatus.INVALID, invalid)
        limit = self.timeout_s if timeout_s is None else timeout_s
        started = time.perf_counter()
        try:
            value = runner.run(dict(run.arguments), limit)
        except ToolTimeout as error:
            return self._finish(run, RunStatus.TIMEOUT, error.problem, started)
        except ProsaError as error:  # ToolFailed, and a runner's other errors
            return self._finish(run, RunStatus.FAILED, error.problem, started)
        except Exception as error:
            reason = f"{type(error).__name__}: {error}" if str(error) \
                else type(error).__name__
            return self._finish(run, RunStatus.FAILED, problems.failed(
                run.name, reason, details=traceback.format_exc()), started)
        elapsed_ms = (time.perf_counter() - started) * 1000
        text, cut = cut_result(result_text(value), self.result_limit)
        return run.with_status(RunStatus.DONE, result=text, cut_chars=cut,
                               elapsed_ms=elapsed_ms, problem=None)

    def _finish(self, run: ToolRun, status: RunStatus, problem: Problem,
                started: float | None = None) -> ToolRun:
        elapsed_ms = 0.0 if started is None else (time.perf_counter() - started) * 1000
        return finished_with_problem(run, status, problem, self.result_limit,
                                     elapsed_ms=elapsed_ms)


def finished_with_problem(run: ToolRun, status: RunStatus, problem: Problem,
                          result_limit: int = RESULT_LIMIT_CHARS,
                          elapsed_ms: float = 0.0) -> ToolRun:
    """``run`` ended without a result: the model is given the error's text (cleaned
    and cut like any result: an MCP server's error message is its text too)."""
    text, cut = cut_result(result_text(error_result(problem)), result_limit)
    return run.with_status(status, result=text, cut_chars=cut, elapsed_ms=elapsed_ms,
                           problem=problem)


def denied_run(run: ToolRun) -> ToolRun:
    """``run`` after the user said no: the tool did not run, the model is told."""
    return finished_with_problem(run, RunStatus.DENIED, problems.denied())


def stopped_run(run: ToolRun) -> ToolRun:
    """``run`` not run because the user stopped the reply (shown as denied)."""
    return finished_with_problem(run, RunStatus.DENIED, problems.stopped())


def limit_run(run: ToolRun, limit: int) -> ToolRun:
    """``run`` not run because the reply already made ``limit`` calls."""
    return finished_with_problem(run, RunStatus.LIMIT, problems.limit_reached(limit))


def _origin(spec: ToolSpec) -> str:
    """Where a tool comes from, for the duplicate message: Prosa or the server's name
    (names are not translated)."""
    return f'"{spec.server}"' if spec.source is ToolSource.MCP and spec.server else "Prosa"
