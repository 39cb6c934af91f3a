"""The window's side of the API server: it follows the settings, keeps the key, and
tells the widgets what it is doing.

Every slow step runs on a worker thread of its own (``ui.tasks``), one after the
other: binding the port and starting uvicorn, stopping it (which waits for answers in
progress), and the keyring (which may ask the user to unlock it).  The GUI thread
only hands over what the settings say and gets a :class:`ServerState` back; the
request log's changes arrive through a relay and are passed on at most five times a
second, however many requests a load brings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from core.errors import Problem
from core.sampling.params import SamplingParams
from core.server.config import ServerConfig, is_loopback
from core.server.gate import EngineGate
from core.server.log import RequestLog
from core.settings import Settings
from ui.tasks import Relay, Tasks

if TYPE_CHECKING:  # uvicorn, Starlette and keyring load when the server is first used
    from core.server.keys import ServerKeys
    from core.server.runner import ServerRunner

#: The log's changes reach the widgets at most this often (ms).
LOG_REFRESH_MS = 200
_LANE = "server"


@dataclass(frozen=True)
class Wanted:
    """What the settings ask of the server."""

    enabled: bool
    host: str
    port: int
    require_key: bool
    defaults: SamplingParams

    @classmethod
    def of(cls, settings: Settings) -> Wanted:
        return cls(settings.server_enabled, settings.server_host, settings.server_port,
                   settings.server_require_key, serving_defaults(settings.sampling))


def serving_defaults(sampling: SamplingParams) -> SamplingParams:
    """The user's sampling as the API's defaults (one reply: no beams' runners-up)."""
    if sampling.strategy == "beam":
        sampling = sampling.with_strategy("greedy")
    return replace(sampling, n_best=1, logprobs=0)


@dataclass(frozen=True)
class ServerState:
    enabled: bool = False
    running: bool = False
    #: What a client's ``base_url`` is (``http://127.0.0.1:8765/v1``).
    url: str = ""
    host: str = ""
    port: int = 0
    #: Why it is not running although it should be.
    problem: Problem | None = None
    #: The key clients must send (``None``: none asked).
    key: str | None = None
    #: The key is in the system keyring (else only in memory until Prosa closes).
    key_kept: bool = True

    @property
    def loopback(self) -> bool:
        return not self.host or is_loopback(self.host)


class ServerService(QObject):
    #: A new :class:`ServerState`.
    changed = Signal(object)
    #: The request log changed (coalesced).
    logChanged = Signal()

    def __init__(self, gate: EngineGate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.requests = RequestLog()
        self.state = ServerState()
        self._tasks = Tasks(self, workers=1, name="prosa-server")
        #: Touched on the worker thread only (and in ``close``, once it is idle): the
        #: worker's own view, ahead of ``state`` while results are on their way.
        self._runner: ServerRunner | None = None
        self._keys: ServerKeys | None = None
        self._current = ServerState()
        self._relay: Relay[None] = Relay(self)
        self._relay.arrived.connect(self._on_log)
        self.requests.on_change = lambda: self._relay.push(None)
        self._log_timer = QTimer(self)
        self._log_timer.setSingleShot(True)
        self._log_timer.setInterval(LOG_REFRESH_MS)
        self._log_timer.timeout.connect(self.logChanged.emit)

    # --- what the window asks ---------------------------------------------------------

    def apply(self, settings: Settings) -> None:
        """Start, stop or restart the server as ``settings`` say."""
        wanted = Wanted.of(settings)
        self._tasks.run(lambda: self._reconfigure(wanted), self._show, lane=_LANE)

    def renew_key(self, settings: Settings) -> None:
        """A new random key, kept and used from now on (a running server restarts)."""
        wanted = Wanted.of(settings)

        def renew() -> ServerState:
            from core.server.keys import new_key

            keys = self._key_store()
            key = new_key()
            problem = keys.set(key)
            state = self._reconfigure(wanted, problem, force=True)
            # Shown on the page even while the server is off: it is the key from now on.
            self._current = replace(state, key=key, key_kept=keys.persistent)
            return self._current

        self._tasks.run(renew, self._show, lane=_LANE)

    def fetch_key(self) -> None:
        """Read the kept key (for the Preferences page): ``changed`` brings it."""
        def read() -> ServerState:
            keys = self._key_store()
            self._current = replace(self._current, key=keys.get(), key_kept=keys.persistent)
            return self._current

        self._tasks.run(read, self._show, lane=_LANE)

    def close(self) -> None:
        """The window closes: stop serving (waits for the worker, then for answers in
        progress, a few seconds at most)."""
        self._log_timer.stop()
        self.requests.on_change = None
        self._tasks.shutdown()
        if self._runner is not None:
            self._runner.stop()
            self._runner = None

    # --- on the worker thread ---------------------------------------------------------

    def _key_store(self) -> ServerKeys:
        from core.server.keys import ServerKeys

        if self._keys is None:  # opening the keyring may take a while: not at start-up
            self._keys = ServerKeys()
        return self._keys

    def _reconfigure(self, wanted: Wanted, problem: Problem | None = None, *,
                     force: bool = False) -> ServerState:
        self._current = self._configured(wanted, problem, force)
        return self._current

    def _configured(self, wanted: Wanted, problem: Problem | None,
                    force: bool) -> ServerState:
        from core.server.keys import new_key
        from core.server.runner import ServerError, ServerRunner

        key, kept = None, True
        if wanted.enabled and wanted.require_key:
            keys = self._key_store()
            key = keys.get()
            if key is None:
                key = new_key()
                problem = keys.set(key) or problem
            kept = keys.persistent
        config = ServerConfig(wanted.host, wanted.port, key, wanted.defaults)
        runner = self._runner
        if runner is not None and runner.running and runner.config == config and not force:
            return self._running(runner, key, kept, problem)
        if runner is not None:
            runner.stop()
            self._runner = None
        if not wanted.enabled:
            kept = self._keys.persistent if self._keys is not None else True
            return ServerState(key_kept=kept, host=wanted.host, port=wanted.port)
        runner = ServerRunner(self.gate, config, self.requests)
        try:
            runner.start()
        except ServerError as exc:
            return ServerState(True, False, "", wanted.host, wanted.port, exc.problem, key,
                               kept)
        self._runner = runner
        return self._running(runner, key, kept, problem)

    @staticmethod
    def _running(runner: ServerRunner, key: str | None, kept: bool,
                 problem: Problem | None) -> ServerState:
        address = runner.address
        assert address is not None
        return ServerState(True, True, address.base_url, address.host, address.port,
                           problem, key, kept)

    # --- on the GUI thread ------------------------------------------------------------

    def _show(self, state: ServerState) -> None:
        self.state = state
        self.changed.emit(state)

    @Slot(object)
    def _on_log(self, _none: object) -> None:
        if not self._log_timer.isActive():
            self._log_timer.start()
