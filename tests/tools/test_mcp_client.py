"""The MCP client against a real MCP server (``mcp_test_server.py``, the SDK's own
server side) started as a process, as a user's server would be: listing and calling
tools, error results, timeouts, a server that crashes or is killed mid-call and is
started again, a program that is not there, the HTTP transport, several threads at
once, and nothing left running after ``close``."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from core.tools.mcp.client import McpHub, McpTool, ServerState
from core.tools.mcp.errors import (
    McpServerDied,
    McpServerOff,
    McpStartError,
    McpStopped,
    McpTimeout,
    McpToolError,
    McpUnknownServer,
)
from core.tools.mcp.servers import McpServer, Transport
from core.tools.runs import RunStatus, ToolRun
from core.tools.spec import ToolSource
from core.tools.toolbox import Toolbox

pytestmark = pytest.mark.timeout(60)

SCRIPT = Path(__file__).with_name("mcp_test_server.py")
TOOLS = {"echo", "add", "sleep", "crash", "big", "fail", "pid", "getenv"}


def stdio_server(name: str = "test", **changes: Any) -> McpServer:
    return replace(McpServer(name, Transport.STDIO, sys.executable, (str(SCRIPT),)),
                   **changes)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def hub() -> Iterator[McpHub]:
    """One hub with the test server, shared: each server start costs about a second."""
    hub = McpHub([stdio_server(env={"PROSA_TEST_VAR": "from the settings"}),
                  stdio_server("off", enabled=False)])
    yield hub
    hub.close()


def pid_of(hub: McpHub, name: str = "test") -> int:
    return int(hub.call_tool(name, "pid", {}))


def test_nothing_runs_until_asked_then_the_tools_are_listed(hub: McpHub) -> None:
    assert hub.state("test") is ServerState.STOPPED
    tools = {tool.name: tool for tool in hub.list_tools("test")}
    assert hub.state("test") is ServerState.RUNNING
    assert set(tools) == TOOLS
    add = tools["add"]
    assert add.description == "Adds two whole numbers."
    assert add.source is ToolSource.MCP and add.server == "test"
    assert add.parameters["type"] == "object"
    assert add.parameters["properties"]["a"]["type"] == "integer"
    assert set(add.parameters["required"]) == {"a", "b"}
    assert add.to_openai()["function"]["name"] == "add"


def test_calls_return_text(hub: McpHub) -> None:
    assert hub.call_tool("test", "echo", {"text": "olá, mundo"}) == "olá, mundo"
    assert hub.call_tool("test", "add", {"a": 2, "b": 40}) == "42"
    assert len(hub.call_tool("test", "big", {"n": 300_000})) == 300_000


def test_an_error_result_raises_with_the_tools_text(hub: McpHub) -> None:
    with pytest.raises(McpToolError) as caught:
        hub.call_tool("test", "fail", {})
    assert caught.value.code == "mcp.tool_error"
    assert "this tool always fails" in caught.value.text
    assert caught.value.params["tool"] == "fail"
    # Arguments the server's own schema refuses come back as an error result too.
    with pytest.raises(McpToolError, match="valid integer"):
        hub.call_tool("test", "add", {"a": "two", "b": 1})


def test_a_runner_calls_its_tool(hub: McpHub) -> None:
    runners = {runner.spec.name: runner for runner in hub.tools("test")}
    assert isinstance(runners["echo"], McpTool)
    assert runners["echo"].run({"text": "via the runner"}, 5.0) == "via the runner"


def test_the_server_gets_its_own_variables_and_none_of_prosas_secrets(
        hub: McpHub, monkeypatch: pytest.MonkeyPatch) -> None:
    # The variable is set after the server started: restart it so it could inherit it.
    monkeypatch.setenv("PROSA_SECRET_TOKEN", "do not leak")
    hub.stop("test")
    assert hub.call_tool("test", "getenv", {"name": "PROSA_TEST_VAR"}) == "from the settings"
    assert hub.call_tool("test", "getenv", {"name": "PROSA_SECRET_TOKEN"}) == ""
    assert hub.call_tool("test", "getenv", {"name": "PROSA_HOME"}) == ""
    assert hub.call_tool("test", "getenv", {"name": "PATH"}) != ""


def test_a_slow_call_times_out_is_cancelled_and_the_server_stays(hub: McpHub) -> None:
    pid = pid_of(hub)
    started = time.monotonic()
    with pytest.raises(McpTimeout) as caught:
        hub.call_tool("test", "sleep", {"seconds": 5}, timeout_s=0.5)
    # Given up at the limit, not after the tool's 5 seconds.
    assert time.monotonic() - started < 3.0
    assert caught.value.code == "mcp.timeout"
    assert caught.value.params == {"server": "test", "seconds": 0.5}
    assert hub.call_tool("test", "echo", {"text": "still here"}) == "still here"
    assert pid_of(hub) == pid


def test_a_crash_mid_call_is_reported_and_the_next_call_restarts_it(
        hub: McpHub, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.INFO, logger="core.tools.mcp.stderr")
    pid = pid_of(hub)
    with pytest.raises(McpServerDied) as caught:
        hub.call_tool("test", "crash", {})
    assert caught.value.code == "mcp.server_died"
    # The server's last words: in the problem's details and in the log, not the terminal.
    assert "crashing on purpose" in caught.value.details
    assert any("crashing on purpose" in r.getMessage() for r in caplog.records)
    assert "crashing on purpose" not in capfd.readouterr().err
    assert not alive(pid)
    assert hub.call_tool("test", "echo", {"text": "back"}) == "back"
    assert pid_of(hub) != pid


def test_a_server_killed_mid_call_is_reported_and_restarted(hub: McpHub) -> None:
    pid = pid_of(hub)
    killer = threading.Timer(0.3, os.kill, (pid, signal.SIGKILL))
    killer.start()
    try:
        with pytest.raises(McpServerDied):
            hub.call_tool("test", "sleep", {"seconds": 10}, timeout_s=20)
    finally:
        killer.join()
    assert hub.call_tool("test", "add", {"a": 1, "b": 1}) == "2"
    assert pid_of(hub) != pid


def test_a_server_that_died_while_idle_is_started_again_by_the_next_call(hub: McpHub) -> None:
    pid = pid_of(hub)
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: hub.state("test") is ServerState.STOPPED)
    assert hub.call_tool("test", "echo", {"text": "again"}) == "again"
    assert pid_of(hub) != pid


def test_stopping_a_server_ends_its_calls_in_flight(hub: McpHub) -> None:
    pid = pid_of(hub)
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            hub.call_tool("test", "sleep", {"seconds": 10}, timeout_s=20)
        except BaseException as error:
            outcome.append(error)

    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(0.5)
    hub.stop("test")
    caller.join(10)
    assert hub.state("test") is ServerState.STOPPED
    assert [type(error) for error in outcome] == [McpStopped]
    assert not alive(pid)


def test_two_threads_call_at_once(hub: McpHub) -> None:
    hub.start("test")
    results: dict[int, str] = {}

    def call(n: int) -> None:
        results[n] = hub.call_tool("test", "sleep", {"seconds": 1.5})

    started = time.monotonic()
    threads = [threading.Thread(target=call, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == {0: "slept 1.5", 1: "slept 1.5"}
    # One after the other would take 3 s: they ran side by side.
    assert time.monotonic() - started < 2.9


def test_the_sdk_is_loaded_by_a_servers_first_request_not_by_the_hub() -> None:
    """The window makes the hub at start-up with the user's servers; the SDK (0.4 s of
    imports) waits for a request: reading a state or stopping a server that never ran
    does not load it, starting one does (here a program that is not there)."""
    code = (
        "import sys\n"
        "from core.tools.mcp.client import McpHub, ServerState\n"
        "from core.tools.mcp.servers import McpServer\n"
        "def loaded() -> bool: return 'mcp' in sys.modules or 'mcp_types' in sys.modules\n"
        "hub = McpHub([McpServer('s', command='prosa-no-such-program')])\n"
        "print(loaded(), hub.state('s') is ServerState.STOPPED, hub.servers[0].name)\n"
        "hub.stop('s')\n"
        "print(loaded())\n"
        "try:\n"
        "    hub.start('s')\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, loaded(), hub.state('s').value)\n"
        "hub.close()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[2],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["False True s", "False", "McpStartError True stopped"]


def test_a_server_turned_off_never_starts(hub: McpHub) -> None:
    with pytest.raises(McpServerOff):
        hub.call_tool("off", "echo", {"text": "x"})
    with pytest.raises(McpServerOff):
        hub.list_tools("off")
    assert hub.state("off") is ServerState.STOPPED
    with pytest.raises(McpUnknownServer):
        hub.call_tool("nobody", "echo", {"text": "x"})


def test_a_program_that_is_not_there_cannot_start(no_leftovers: None) -> None:
    with McpHub([McpServer("ghost", command="prosa-no-such-program")]) as hub:
        with pytest.raises(McpStartError) as caught:
            hub.list_tools("ghost")
        assert caught.value.code == "mcp.start_failed"
        assert "prosa-no-such-program" in str(caught.value.params["reason"])
        assert hub.state("ghost") is ServerState.STOPPED


def test_a_server_that_exits_at_once_says_what_it_wrote(no_leftovers: None) -> None:
    quitter = McpServer("quitter", command=sys.executable, args=(
        "-c", "import sys; sys.stderr.write('no config file\\n'); sys.exit(2)"))
    with McpHub([quitter]) as hub, pytest.raises(McpStartError) as caught:
        hub.start("quitter")
    assert "no config file" in caught.value.details


def test_first_calls_from_two_threads_start_one_process(no_leftovers: None) -> None:
    with McpHub([stdio_server()]) as hub:
        pids: list[int] = []
        threads = [threading.Thread(target=lambda: pids.append(pid_of(hub)))
                   for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
        assert len(pids) == 3 and len(set(pids)) == 1


def test_update_restarts_a_changed_server_and_forgets_a_removed_one(
        no_leftovers: None) -> None:
    with McpHub([stdio_server(env={"PROSA_TEST_VAR": "one"}), stdio_server("other")]) as hub:
        first = pid_of(hub)
        other = pid_of(hub, "other")
        hub.update([stdio_server(env={"PROSA_TEST_VAR": "two"})])
        assert not alive(first) and not alive(other)
        assert hub.call_tool("test", "getenv", {"name": "PROSA_TEST_VAR"}) == "two"
        with pytest.raises(McpUnknownServer):
            hub.state("other")
        # An unchanged server keeps running through an update.
        second = pid_of(hub)
        hub.update([stdio_server(env={"PROSA_TEST_VAR": "two"})])
        assert pid_of(hub) == second


def test_close_leaves_no_process_and_no_thread(no_leftovers: None) -> None:
    before = set(threading.enumerate())
    hub = McpHub([stdio_server(), stdio_server("second")])
    pids = [pid_of(hub), pid_of(hub, "second")]
    assert all(alive(pid) for pid in pids)
    hub.close()
    assert not any(alive(pid) for pid in pids)
    # Not even for a moment after: close joins the loop's thread and the stderr readers.
    assert not [t.name for t in set(threading.enumerate()) - before if t.is_alive()]
    hub.close()  # twice is fine
    with pytest.raises(RuntimeError):
        hub.call_tool("test", "echo", {"text": "x"})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_streamable_http(no_leftovers: None) -> None:
    port = _free_port()
    process = subprocess.Popen([sys.executable, str(SCRIPT), "--http", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
        server = McpServer("web", Transport.HTTP, url=f"http://127.0.0.1:{port}/mcp",
                           headers={"Authorization": "Bearer test"})
        nobody = McpServer("nobody", Transport.HTTP, url=f"http://127.0.0.1:{_free_port()}/mcp")
        with McpHub([server, nobody]) as hub:
            assert {tool.name for tool in hub.list_tools("web")} == TOOLS
            assert hub.call_tool("web", "add", {"a": 20, "b": 22}) == "42"
            with pytest.raises(McpTimeout):
                hub.call_tool("web", "sleep", {"seconds": 5}, timeout_s=0.5)
            assert hub.call_tool("web", "echo", {"text": "over http"}) == "over http"
            with pytest.raises(McpStartError) as caught:
                hub.start("nobody")
            assert "could not be reached" in str(caught.value.params["reason"])
            killer = threading.Timer(0.3, process.kill)
            killer.start()
            with pytest.raises(McpServerDied):
                hub.call_tool("web", "sleep", {"seconds": 10}, timeout_s=20)
            killer.join()
    finally:
        process.kill()
        process.wait(10)


def test_a_draft_server_is_probed_and_stopped(hub: McpHub, tmp_path: Path) -> None:
    pid_file = tmp_path / "pids"
    draft = stdio_server("draft", enabled=False, env={"MCP_TEST_PID_FILE": str(pid_file)})
    assert {tool.name for tool in hub.probe(draft)} == TOOLS
    [pid] = [int(line) for line in pid_file.read_text(encoding="utf-8").split()]
    assert not alive(pid)
    with pytest.raises(McpUnknownServer):
        hub.state("draft")
    with pytest.raises(McpStartError):
        hub.probe(McpServer("ghost", command="prosa-no-such-program"))


def test_in_a_toolbox_errors_become_the_runs_status(hub: McpHub) -> None:
    toolbox = Toolbox(hub.tools("test"))
    done = toolbox.execute(ToolRun("1", "add", {"a": 1, "b": 2}))
    assert (done.status, done.result, done.server) == (RunStatus.DONE, "3", "test")
    failed = toolbox.execute(ToolRun("2", "fail", {}))
    assert failed.status is RunStatus.FAILED
    assert failed.problem is not None and failed.problem.code == "mcp.tool_error"
    assert "this tool always fails" in failed.result
    slow = toolbox.execute(ToolRun("3", "sleep", {"seconds": 5}), timeout_s=0.5)
    assert slow.status is RunStatus.TIMEOUT
    assert slow.problem is not None and slow.problem.code == "mcp.timeout"
