"""The tools a conversation may use, put together and run: the controller's
:class:`core.chat.tool_loop.ToolHost`.

Built-in tools come from ``core.tools.toolbox``; MCP tools from the servers the user
added (``core.tools.mcp``).  What a request offers is read only from what is known
now (an MCP server's tools are listed when the user starts it, on a worker thread),
so building a request never waits for a server.  Calls run through ``background``:
the window's task pool, or a thread in tests; the finished run comes back on the
caller's thread through the same callable.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from core.tools.builtin.text_file import PickedFiles
from core.tools.mcp.client import McpHub, McpTool
from core.tools.mcp.config import McpConfig
from core.tools.runs import ToolRun
from core.tools.selection import READ_FILE_TOOL, ToolsState
from core.tools.spec import ToolSource, ToolSpec
from core.tools.toolbox import BUILTIN_NAMES, Runner, Toolbox, builtin_tools

log = logging.getLogger(__name__)

#: Run ``work`` off the caller's thread, then give its result to ``done`` on it.
Background = Callable[[Callable[[], ToolRun], Callable[[ToolRun], None]], None]


class LocalToolHost:
    def __init__(self, background: Background, hub: McpHub | None = None,
                 config: McpConfig | None = None) -> None:
        self._background = background
        self.hub = hub
        self.config = config
        self._lock = threading.Lock()
        #: Each started server's tools, as it listed them.
        self._listed: dict[str, tuple[ToolSpec, ...]] = {}

    # --- MCP servers' tools ----------------------------------------------------------

    def list_server(self, name: str) -> tuple[ToolSpec, ...]:
        """Start the server if needed and list its tools (blocking: a worker thread's
        call, made when the user asks).  Raises the server's ``McpError``."""
        if self.hub is None:
            return ()
        specs = self.hub.list_tools(name, refresh=True)
        with self._lock:
            self._listed[name] = specs
        return specs

    def listed(self) -> Mapping[str, tuple[ToolSpec, ...]]:
        """The tools of the servers listed so far, by server."""
        with self._lock:
            return dict(self._listed)

    def forget_server(self, name: str) -> None:
        with self._lock:
            self._listed.pop(name, None)

    # --- ToolHost ----------------------------------------------------------------------

    def specs(self, state: ToolsState) -> tuple[ToolSpec, ...]:
        return self._toolbox(state).specs()

    def execute(self, run: ToolRun, state: ToolsState,
                done: Callable[[ToolRun], None]) -> None:
        toolbox = self._toolbox(state)
        timeout = self._timeout(run)
        self._background(lambda: toolbox.execute(run, timeout), done)

    def trusted(self, run: ToolRun) -> bool:
        return self.config is not None and self.config.is_trusted(run.server, run.name)

    def trust(self, run: ToolRun) -> None:
        if self.config is not None and run.source is ToolSource.MCP:
            self.config.trust(run.server, run.name)

    # --- putting a conversation's tools together ------------------------------------------

    def _toolbox(self, state: ToolsState) -> Toolbox:
        """The tools ``state`` turns on that exist now; a name offered twice keeps its
        first tool (built-in tools first), with a log line: the model could not tell two
        tools of one name apart."""
        runners: list[Runner] = []
        if state.active:
            builtins = builtin_tools(PickedFiles(tuple(Path(p) for p in state.picked_files)))
            runners += [builtins[name] for name in BUILTIN_NAMES if name in state.builtin
                        # reading a file is offered once the user picked one
                        and (name != READ_FILE_TOOL or state.picked_files)]
            if self.hub is not None:
                for server, specs in sorted(self.listed().items()):
                    runners += [McpTool(spec, self.hub) for spec in specs
                                if (server, spec.name) in state.mcp]
        kept: dict[str, Runner] = {}
        for runner in runners:
            if runner.spec.name in kept:
                log.warning("tool %r offered twice; keeping the first (%s)",
                            runner.spec.name, kept[runner.spec.name].spec.server or "built-in")
                continue
            kept[runner.spec.name] = runner
        return Toolbox(kept.values())

    def _timeout(self, run: ToolRun) -> float | None:
        """An MCP call waits as long as its server's setting says."""
        if self.hub is None or not run.server:
            return None
        server = next((s for s in self.hub.servers if s.name == run.server), None)
        return server.timeout_s if server is not None else None
