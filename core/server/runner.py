"""uvicorn on a thread of its own: start, stop, and a failure to start as a coded
problem, never a traceback.

The listening socket is bound here, before uvicorn starts: a port in use is then an
``OSError`` this module turns into ``server.port_in_use`` (uvicorn itself would log it
and call ``sys.exit``), and port 0 gives the port the system chose.  uvicorn installs
no signal handlers off the main thread, so the window and ``serve`` keep theirs.
"""

from __future__ import annotations

import errno
import logging
import socket
import sys
import threading
import time
from dataclasses import dataclass

import uvicorn

from core.errors import ProsaError
from core.server.app import build_app
from core.server.config import ServerConfig
from core.server.gate import EngineGate
from core.server.jobs import Refusal
from core.server.log import RequestLog

log = logging.getLogger(__name__)

#: Seconds the server waits for answers in progress when it stops (their jobs were
#: cancelled first, so they end within a token or two).
GRACE_S = 2


class ServerError(ProsaError):
    """The API server could not start (the address or port is not available)."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What an OpenAI client's ``base_url`` is set to."""
        return self.url + "/v1"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, or a :class:`ServerError` that says why
    not."""
    try:
        family, kind, proto, _, where = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ServerError("server.unknown_host", "{host} is not an address this computer "
                          "can listen on.", details=repr(exc), host=host) from None
    sock = socket.socket(family, kind, proto)
    try:
        if sys.platform == "win32":  # there SO_REUSEADDR would let two servers share it
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:  # a server restarted at once may bind while old connections linger
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(where)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, 10048):  # 10048: Windows' WSAEADDRINUSE
            raise ServerError("server.port_in_use", "Port {port} on {host} is in use by "
                              "another program: choose another port.", details=repr(exc),
                              port=port, host=host) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise ServerError("server.port_forbidden", "This computer does not let Prosa "
                              "listen on port {port}: choose a port above 1023.",
                              details=repr(exc), port=port) from None
        raise ServerError("server.bind_failed", "Prosa cannot listen on {host} port "
                          "{port}: {error}", details=repr(exc), host=host, port=port,
                          error=exc.strerror or str(exc)) from None
    return sock


class ServerRunner:
    """One server: :meth:`start` returns its address, :meth:`stop` ends it."""

    def __init__(self, gate: EngineGate, config: ServerConfig,
                 requests: RequestLog | None = None) -> None:
        self.gate = gate
        self.config = config
        self.requests = requests if requests is not None else RequestLog()
        self.address: Address | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 10.0) -> Address:
        sock = bind(self.config.host, self.config.port)
        port = sock.getsockname()[1]
        app = build_app(self.gate, self.config, self.requests)
        server = uvicorn.Server(uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="off", http="h11",
            loop="asyncio", ws="none", proxy_headers=False, server_header=False,
            timeout_graceful_shutdown=GRACE_S))
        thread = threading.Thread(target=self._serve, args=(server, sock),
                                  name="prosa-api-server", daemon=True)
        self._server, self._socket, self._thread = server, sock, thread
        thread.start()
        deadline = time.monotonic() + timeout
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not server.started:
            self.stop()
            raise ServerError("server.start_failed", "The API server did not start; the "
                              "details are in Prosa's log.")
        self.address = Address(self.config.host, port)
        log.info("API server on %s", self.address.url)
        return self.address

    @staticmethod
    def _serve(server: uvicorn.Server, sock: socket.socket) -> None:
        try:
            server.run(sockets=[sock])
        except BaseException:  # SystemExit from uvicorn too: the thread ends, we report
            log.exception("the API server stopped with an error")

    def stop(self, timeout: float = GRACE_S + 3.0) -> None:
        """Fail the jobs still waiting or running, then stop listening and answering."""
        server, thread, sock = self._server, self._thread, self._socket
        self._server = self._thread = self._socket = None
        self.address = None
        if server is None or thread is None:
            return
        self.gate.drop_jobs(Refusal.STOPPING, "The server is stopping.")
        server.should_exit = True
        thread.join(timeout)
        if thread.is_alive():
            server.force_exit = True
            thread.join(timeout)
        if sock is not None:
            sock.close()
