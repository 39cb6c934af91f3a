"""A real MCP server for the MCP client's tests, written with the SDK's server side.

Run as ``python mcp_test_server.py`` it speaks MCP on stdin and stdout, as a server the
user added would; ``--http PORT`` serves streamable HTTP on 127.0.0.1 instead.  Its
tools cover what the client must survive: a slow tool (timeouts), one that kills its own
process mid-call (a crashed server), an error result, a long result, and its process id
(so a test can check that closing the client left no process behind).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

server = MCPServer("prosa-test")


@server.tool(description="Returns the text it is given.")
def echo(text: str) -> str:
    return text


@server.tool(description="Adds two whole numbers.")
def add(a: int, b: int) -> int:
    return a + b


@server.tool(description="Waits a number of seconds, then says so.")
async def sleep(seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"slept {seconds}"


@server.tool(description="Ends the server's process at once, mid-call.")
def crash() -> str:
    sys.stderr.write("crashing on purpose\n")
    sys.stderr.flush()
    os._exit(3)


@server.tool(description="Returns n characters.")
def big(n: int) -> str:
    return "x" * n


@server.tool(description="Always fails with an error result.")
def fail() -> str:
    raise ToolError("this tool always fails")


@server.tool(description="The server's process id.")
def pid() -> int:
    return os.getpid()


@server.tool(description="Returns the value of an environment variable, or an empty text.")
def getenv(name: str) -> str:
    return os.environ.get(name, "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--http", type=int, metavar="PORT")
    options = parser.parse_args()
    pid_file = os.environ.get("MCP_TEST_PID_FILE")
    if pid_file:  # for a test that cannot ask (a probe starts and stops it at once)
        with open(pid_file, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")
    sys.stderr.write(f"mcp test server pid {os.getpid()}\n")
    sys.stderr.flush()
    if options.http:
        server.run("streamable-http", host="127.0.0.1", port=options.http)
    else:
        server.run("stdio")


if __name__ == "__main__":
    main()
